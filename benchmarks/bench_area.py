"""Benchmark of the area's dashboard in the reviewer's window: the national 3,321 units (every commune of the
two-tier list), then one province, each opened (summary built on the store's worker, every widget filled),
beside the aim (issue 14: under 1 s).

Run: .venv/bin/python benchmarks/bench_area.py
The store is filled by inserting the submissions' rows directly (a spread of scores and of review states,
each score computed by the scoring engine from sample answers, as an import keeps it): importing 3,321 signed
files would take minutes and is measured by bench_import.py. The figure is the time from asking the page
for the area until its widgets are filled, offscreen, best and median of several runs in one process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

AIM_SECONDS = 1.0
REPEATS = 5
# Shares of the communes in each state: most sent, some approved or returned, a few not decidable.
STATES = (
    ("not_sent", 0.15),
    ("approved", 0.30),
    ("submitted", 0.33),
    ("returned", 0.15),
    ("kept_aside", 0.04),
    ("conflict", 0.03),
)


def fill_area(store, catalog, communes, period: int, seed: int = 2025, states=STATES) -> dict[str, str]:
    """Insert one submission's rows for each commune of *communes* in the state drawn for it (none for
    "not_sent", two files of one revision for "conflict"); returns each commune's state.

    The rows hold what an import keeps (the compact results the summary reads), not a signed file: the
    dashboard never opens the document."""
    from sqlalchemy import insert

    from dtdesktop.demo import sample_answers
    from dtdesktop.exchange.submission import score_json
    from dtdesktop.review.importing import results_of
    from dtdesktop.scoring import parse_answers, score
    from dtdesktop.storage.assessments import ensure_catalog, ensure_unit
    from dtdesktop.storage.models import SubmissionRow

    rng = random.Random(seed)
    names, weights = zip(*states, strict=True)
    horizon = period if period in catalog.horizons else catalog.default_horizon
    drawn: dict[str, str] = {}
    rows = []
    for unit in communes:
        state = rng.choices(names, weights)[0]
        drawn[unit.code] = state
        if state == "not_sent":
            continue
        answers = sample_answers(
            catalog,
            rng.randrange(1 << 30),
            horizon,
            reach_share=rng.uniform(0.2, 1.0),
            missing=rng.randint(0, 3),
        )
        values, _problems = parse_answers(catalog, answers)
        result = score_json(score(catalog, values, horizon))
        for copy in range(2 if state == "conflict" else 1):
            signed = hashlib.sha256(f"{seed}/{unit.scheme}/{unit.code}/{period}/{copy}".encode()).hexdigest()
            rows.append(
                {
                    "signed_sha256": signed,
                    "file_sha256": hashlib.sha256(signed.encode()).hexdigest(),
                    "file_name": f"nop-{unit.code}-{period}.pdf",
                    "file_size": 250_000,
                    "unit_scheme": unit.scheme,
                    "unit_code": unit.code,
                    "period": period,
                    "catalog_id": catalog.id,
                    "catalog_sha256": catalog.sha256,
                    "horizon": horizon,
                    "revision": 1,
                    "conflict": state == "conflict",
                    "verdict": "indeterminate" if state == "kept_aside" else "valid",
                    "reasons": "[]",
                    "signer_name": "Nguyễn Văn An",
                    "score_matches": True,
                    "percent": result["percent"],
                    "sent_percent": result["percent"],
                    "document": "{}",
                    "results": json.dumps(results_of(result), ensure_ascii=False),
                    "status": state if state in ("approved", "returned") else "submitted",
                }
            )
    with store.transaction() as s:
        ensure_catalog(s, catalog)
        for unit in communes:
            if drawn[unit.code] != "not_sent":
                ensure_unit(s, unit)
        s.flush()
        if rows:
            s.execute(insert(SubmissionRow), rows)
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import bench_import

    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.reviewer.area import AreaPage
    from dtdesktop.gui.reviewer.context import ReviewerContext
    from dtdesktop.gui.style import apply_style
    from dtdesktop.profile import Profile
    from dtdesktop.storage import Store
    from dtdesktop.units.registry import unit_list

    print(f"machine: {bench_import.machine()}")
    app = create_application()
    apply_style(app)
    switch_language("vi")
    catalog = resolve("thanh-hoa-xa-2025")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-area-") as tmp_name:
        os.environ["DTDESKTOP_HOME"] = str(Path(tmp_name) / "home")
        store = Store(f"sqlite:///{Path(tmp_name) / 'review.sqlite3'}")
        communes = unit_list().communes()
        t0 = time.perf_counter()
        fill_area(store, catalog, communes, 2025)
        print(f"filled {len(communes)} units in {time.perf_counter() - t0:.1f} s (not the figure)")
        for label, reviewer_unit in (("the whole country", ""), ("Thanh Hóa (166 communes)", "38")):
            ctx = ReviewerContext(store, Profile(role="reviewer", reviewer_unit=reviewer_unit))
            page = AreaPage(ctx)
            page.resize(1093, 614)
            page.show()
            times, built, filled = [], [], []
            for _ in range(args.repeats + 1):  # the first run loads the catalog and warms Qt: not counted
                start = time.perf_counter()
                page.refresh()
                while page.loading:
                    app.processEvents()
                    time.sleep(0.001)
                times.append(time.perf_counter() - start)
                built.append(page.timings.get("build", 0.0))
                filled.append(page.timings.get("fill", 0.0))
            times, built, filled = times[1:], built[1:], filled[1:]
            units = len(page.summary.lines) if page.summary else 0
            ok = "met" if min(times) < AIM_SECONDS else "NOT MET"
            rows.append(
                f"{label}: {units} units  best {min(times):.3f} s (summary {min(built):.3f} s, "
                f"widgets {min(filled):.3f} s), "
                f"median {statistics.median(times):.3f} s  aim < {AIM_SECONDS:.0f} s: {ok}"
            )
            page.close()
            page.deleteLater()
            ctx.worker.shutdown()
        store.close()
    print()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
