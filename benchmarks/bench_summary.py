"""Benchmark of the area's summary: 3,321 units (every commune of the two-tier list, one imported
submission each), each output written, beside its aim (issue 11: under 2 s for each output).

Run: .venv/bin/python benchmarks/bench_summary.py --cache /tmp/bench-cache
     (the submissions of benchmarks/bench_import.py: made there if missing, which takes a while)
The store is filled once by `import_files` (every file valid: the officer's certificate is registered for
every commune); then, for each output, the best of three runs of building the summary from the store and
writing the file, in this process (the program's start-up is not counted).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

AIM_SECONDS = 2.0
REPEATS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache", type=Path, required=True, metavar="DIR", help="bench_import's cache folder"
    )
    args = parser.parse_args()

    import bench_import

    from dtdesktop.review import trust
    from dtdesktop.review.importing import import_files
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store
    from dtdesktop.summary.area import build_summary
    from dtdesktop.summary.pdf import write_pdf
    from dtdesktop.summary.writers import write_csv, write_xlsx
    from dtdesktop.units.registry import unit_list

    print(f"machine: {bench_import.machine()}")
    codes = [u.code for u in unit_list().communes()]
    with tempfile.TemporaryDirectory(prefix="bench-summary-") as tmp_name:
        tmp = Path(tmp_name)
        (args.cache / "submissions").mkdir(parents=True, exist_ok=True)
        work = tmp / "work"
        work.mkdir()
        p12 = bench_import.make_identity(args.cache)
        paths = bench_import.make_submissions(codes, args.cache / "submissions", p12, work)
        cert = pkcs12_file.load(p12, bench_import.PASSPHRASE).certificate
        store = Store(f"sqlite:///{tmp / 'review.sqlite3'}")
        trust.register(store, cert, codes)
        start = time.perf_counter()
        report = import_files(store, paths)
        print(f"imported {len(report.results)} files in {time.perf_counter() - start:.1f} s (not the figure)")
        outputs = {
            "csv": lambda a: write_csv(a, tmp / "tong-hop.csv"),
            "xlsx": lambda a: write_xlsx(a, tmp / "tong-hop.xlsx"),
            "pdf": lambda a: write_pdf(a, tmp / "tong-hop.pdf"),
        }
        rows = []
        for name, write in outputs.items():
            times, built = [], []
            for _ in range(REPEATS):
                t0 = time.perf_counter()
                summary = build_summary(store, None, bench_import.PERIOD)
                t1 = time.perf_counter()
                path = write(summary)
                t2 = time.perf_counter()
                times.append(t2 - t0)
                built.append(t1 - t0)
            size = path.stat().st_size / 1024
            ok = "met" if min(times) < AIM_SECONDS else "NOT MET"
            rows.append(
                f"{name:5s} {len(summary.lines):5d} units  best {min(times):.2f} s "
                f"(summary {min(built):.2f} s), median {statistics.median(times):.2f} s, {size:.0f} KB  "
                f"aim < {AIM_SECONDS:.0f} s: {ok}"
            )
        store.close()
    print()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
