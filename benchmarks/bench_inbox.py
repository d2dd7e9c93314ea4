"""Benchmark of the reviewer's inbox with 10,000 submissions: reading the lines from the store, and sorting
and filtering the table.

Run: .venv/bin/python benchmarks/bench_inbox.py [--count N]   (offscreen; record the figures in
docs/benchmarks.md)
Aims (issue 14): the lines read from the store well under a second; a sort by any column and a filter of the
table each under 100 ms.

1. A SQLite store with N submissions of the province of Thanh Hóa's communes and of others (one criteria set,
   the shipped `thanh-hoa-xa-2025`), written directly as import writes its rows: one in five assessments
   with a second revision (so that its changes are counted, from the criteria fingerprints), one in ten
   returned before it, one in twenty kept aside (signer unknown). Documents are small placeholders: the
   inbox never reads them.
2. `review.inbox.inbox_rows` of the whole store: best and median of 5.
3. The table: `InboxModel` with the rows, `InboxFilter` over it, a QTableView showing it (offscreen); then a
   sort by each column (ascending, then descending) and a filter by text ("hoang hoa", folded), by status
   and by flag (each, and the return to every line, timed on its own), each timed until the view has
   painted again: best, median and worst of 5 (10 for the sorts: ascending and descending).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import machine

AIM_CORE_MS = 1000.0
AIM_TABLE_MS = 100.0
REPEATS = 5
CATALOG_ID = "thanh-hoa-xa-2025"


def fill_store(db: Path, count: int) -> None:
    """*count* submission rows, written as import writes them (plain inserts, one transaction)."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.review.filing import SUBMISSIONS, UNITS
    from dtdesktop.storage import Store
    from dtdesktop.storage.assessments import ensure_catalog
    from dtdesktop.storage.models import ReviewRow
    from dtdesktop.units import unit_list

    store = Store(f"sqlite:///{db}")
    catalog = resolve(CATALOG_ID)
    codes = [i.code for i in catalog.indicators]
    communes = unit_list().communes()
    rng = random.Random(14)
    signers = ["Nguyễn Thị Hà", "Lê Văn Bình", "Trần Đức Anh", "Đỗ Minh Tuấn", "Phạm Thu Hằng", "Vũ Quốc Đạt"]
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    rows, units, reviews = [], {}, []
    n = 0
    while len(rows) < count:
        unit = communes[n % len(communes)]
        n += 1
        units[unit.code] = {
            "scheme": unit.scheme,
            "code": unit.code,
            "name": unit.name,
            "full_name": unit.full_name,
            "level": unit.level,
            "province_code": unit.province_code,
            "province_name": unit.province_name,
            "district_code": unit.district_code,
            "district_name": unit.district_name,
        }
        period = 2025 + (n // len(communes))
        revisions = 2 if rng.random() < 0.2 else 1
        digest = {c: f"{rng.getrandbits(48):012x}" for c in codes}
        for revision in range(1, revisions + 1):
            if revision > 1:
                for c in rng.sample(codes, rng.randint(0, 5)):
                    digest = {**digest, c: f"{rng.getrandbits(48):012x}"}
            kept_aside = rng.random() < 0.05
            percent = round(rng.uniform(20, 100), 2)
            sid = len(rows) + 1
            rows.append(
                {
                    "id": sid,
                    "signed_sha256": f"{sid:064x}",
                    "file_sha256": f"{sid:064x}",
                    "file_name": f"{unit.code}-{revision}.pdf",
                    "file_size": 150_000,
                    "unit_scheme": unit.scheme,
                    "unit_code": unit.code,
                    "period": period,
                    "catalog_id": catalog.id,
                    "catalog_sha256": catalog.sha256,
                    "horizon": 2025,
                    "revision": revision,
                    "conflict": False,
                    "verdict": "indeterminate" if kept_aside else "valid",
                    "reasons": json.dumps(
                        [{"code": "signer_unknown", "message": "…", "verdict": "indeterminate"}]
                        if kept_aside
                        else []
                    ),
                    "signer_name": rng.choice(signers),
                    "signer_fingerprint": None,
                    "signed_at": now,
                    "score_matches": True,
                    "percent": percent,
                    "sent_percent": percent,
                    "document": "{}",
                    "results": json.dumps({"percent": percent, "digest": digest}),
                    "received_at": now + dt.timedelta(minutes=sid),
                    "status": "submitted",
                }
            )
            if revision < revisions and rng.random() < 0.5:
                reviews.append(
                    ReviewRow(
                        submission_id=sid, action="return", comments="[]", actor="Người thẩm định", at=now
                    )
                )
    with store.transaction() as s:
        ensure_catalog(s, catalog)
        s.flush()
        s.execute(UNITS.insert(), list(units.values()))
        s.execute(SUBMISSIONS.insert(), rows[:count])
        s.add_all(r for r in reviews if r.submission_id <= count)
    store.close()


def timed(fn, repeats: int = REPEATS) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, metavar="N")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-inbox-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["DTDESKTOP_HOME"] = str(tmp / "home")
        db = tmp / "review.sqlite3"
        fill_store(db, args.count)

        from dtdesktop.review.inbox import inbox_rows
        from dtdesktop.storage import Store

        store = Store(f"sqlite:///{db}")
        rows = inbox_rows(store)
        core = timed(lambda: inbox_rows(store))
        counted = sum(1 for r in rows if r.changes is not None)
        store.close()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.reviewer.inbox_model import COLUMNS, InboxFilter, InboxModel, configure_table

    app = create_application()
    switch_language("vi")
    model = InboxModel()
    proxy = InboxFilter()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    configure_table(view)  # as the inbox page shows it
    view.resize(1093, 614)
    view.show()
    start = time.perf_counter()
    model.set_rows(rows)
    app.processEvents()
    set_ms = (time.perf_counter() - start) * 1000

    def settle() -> None:
        proxy.rowCount()
        proxy.index(0, 0).data()
        app.processEvents()

    results: list[tuple[str, list[float]]] = []
    for n, column in enumerate(COLUMNS):
        orders = iter([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * REPEATS)
        times = timed(lambda n=n, orders=orders: (view.sortByColumn(n, next(orders)), settle()), REPEATS * 2)
        results.append((f"sort by {column}", times))

    def filter_then_clear(name: str, apply, clear) -> None:
        """Time a filter, and the return to every line, each on its own."""
        on, off = [], []
        for _ in range(REPEATS):
            on += timed(lambda: (apply(), settle()), 1)
            off += timed(lambda: (clear(), settle()), 1)
        results.append((name, on))
        results.append(("  and back to every line", off))

    filter_then_clear(
        'filter by text "hoang hoa" (folded)', lambda: proxy.set_text("hoang hoa"), lambda: proxy.set_text("")
    )
    proxy.set_text("hoang hoa")
    settle()
    shown_for_text = proxy.rowCount()
    proxy.set_text("")
    settle()
    filter_then_clear(
        "filter by status (cannot be decided yet)",
        lambda: proxy.set_status("kept_aside"),
        lambda: proxy.set_status(None),
    )
    filter_then_clear(
        "filter by flag (any flag)",
        lambda: proxy.set_flag(InboxFilter.ANY_FLAG),
        lambda: proxy.set_flag(None),
    )

    print()
    print(f"{len(rows):,} lines from {args.count:,} submissions ({counted:,} with changes counted)")
    print(f"inbox_rows (store to lines): best {min(core):.0f} ms, median {statistics.median(core):.0f} ms "
          f"(aim < {AIM_CORE_MS:.0f} ms)")  # fmt: skip
    print(f"model filled (keys and folded text, once): {set_ms:.0f} ms")
    print(f"{'what':<44} {'best':>9} {'median':>9} {'worst':>9}   aim < {AIM_TABLE_MS:.0f} ms (median)")
    for what, times in results:
        ok = "met" if statistics.median(times) < AIM_TABLE_MS else "NOT MET"
        best, median, worst = min(times), statistics.median(times), max(times)
        print(f"{what:<44} {best:>7.1f} ms {median:>7.1f} ms {worst:>7.1f} ms   {ok}")
    print(f'lines shown for "hoang hoa": {shown_for_text}')
    print(f"machine: {machine()}")
    view.close()


if __name__ == "__main__":
    main()
