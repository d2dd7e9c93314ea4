"""Benchmark of the submission file: export (report, attachments, signature, write) and verification.

Run: .venv/bin/python benchmarks/bench_exchange.py   (figures go to stdout; record them in docs/benchmarks.md)
Aims (issue: the signed submission file): export of a Thanh Hóa assessment with 10 evidence files of
200 KB under 1.5 s; verification under 0.3 s; the report of 40 indicators, without evidence, under 1 MB.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from dtdesktop.catalogs import load_file, load_text
from dtdesktop.catalogs.registry import resolve, shipped_paths
from dtdesktop.cli.demo_cmd import fill
from dtdesktop.exchange.export import export_submission
from dtdesktop.exchange.verify import verify_file
from dtdesktop.reports.report import ReportRequest, Signatory, render
from dtdesktop.scoring import score
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import Store, assessments
from dtdesktop.units import find

REPEATS = 5
EVIDENCE_FILES = 10
EVIDENCE_SIZE = 200 * 1024
PASSPHRASE = "benchmark-passphrase"


def timed(fn, repeats: int = REPEATS) -> tuple[float, float, object]:
    """(best, median, last result) wall time in seconds over *repeats* runs."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def forty_indicator_catalog():
    """The Thanh Hóa catalog with three more indicators, to measure a report of exactly 40."""
    path = next(p for p in shipped_paths() if p.name.startswith("thanh-hoa"))
    base = load_file(path)
    import yaml

    data = yaml.safe_load(path.read_text("utf-8"))
    pillar = data["pillars"][-1]
    for n in range(3):
        extra = json.loads(json.dumps(pillar["indicators"][0], default=str))
        extra["code"] = f"HTS.{90 + n}"
        extra["mandatory"] = False
        pillar["indicators"].append(extra)
    data["id"] = base.id + "-40"
    return load_text(json.dumps(data, ensure_ascii=False, default=str), "forty.yaml")


def main() -> None:
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["DTDESKTOP_HOME"] = str(tmp / "home")
        store = Store(f"sqlite:///{tmp / 'bench.sqlite3'}")
        catalog = resolve("thanh-hoa-xa-2025")
        unit = find("15865")
        aid = assessments.create(store, catalog, unit, 2025)
        fill(store, aid, catalog, 2025)
        codes = [i.code for i in catalog.indicators]
        for n in range(EVIDENCE_FILES):
            f = tmp / f"minh-chung-{n + 1:02d}.pdf"
            f.write_bytes(os.urandom(EVIDENCE_SIZE))
            assessments.add_evidence_file(store, aid, codes[n], f)

        start = time.perf_counter()
        identity = pkcs12_file.create(
            "Nguyễn Thị Hà", "Chủ tịch UBND xã", unit.ref, "UBND", unit.province_name
        )
        p12 = pkcs12_file.save_new(tmp / "ha.p12", identity, PASSPHRASE)
        took = (time.perf_counter() - start) * 1000
        print(f"identity new (RSA-3072 key, certificate, PKCS#12): {took:.0f} ms")
        key = pkcs12_file.Pkcs12Key(p12, PASSPHRASE)

        out = tmp / "submission.pdf"
        start = time.perf_counter()
        export_submission(store, aid, key, out)
        cold = time.perf_counter() - start
        best, median, _ = timed(lambda: export_submission(store, aid, key, out))
        size = out.stat().st_size
        print(
            f"export, {len(catalog.indicators)} indicators, {EVIDENCE_FILES} evidence files of "
            f"{EVIDENCE_SIZE // 1024} KB ({size / 1048576:.2f} MB file): first {cold * 1000:.0f} ms, "
            f"best {best * 1000:.0f} ms, median {median * 1000:.0f} ms"
        )

        start = time.perf_counter()
        verify_file(out)
        cold = time.perf_counter() - start
        best, median, v = timed(lambda: verify_file(out))
        assert v.valid, v.problems
        print(
            f"verify that file: first {cold * 1000:.0f} ms, best {best * 1000:.0f} ms, "
            f"median {median * 1000:.0f} ms"
        )

        forty = forty_indicator_catalog()
        a = assessments.get(store, aid)
        from dataclasses import replace

        bare = replace(a, catalog=forty, evidence=())
        result = score(forty, a.values, 2025)
        req = ReportRequest(
            bare, result, 1, a.created_at.date(), "vi", Signatory("Nguyễn Thị Hà", "Chủ tịch")
        )
        best, median, rr = timed(lambda: render(req))
        print(
            f"report of {len(forty.indicators)} indicators without evidence: {len(rr.pdf) / 1024:.0f} KB, "
            f"{rr.pages} pages; rendered in best {best * 1000:.0f} ms, median {median * 1000:.0f} ms"
        )
        store.close()


if __name__ == "__main__":
    main()
