"""`dtdesktop demo`: fill a realistic sample assessment so that a newcomer sees the tool work."""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from dtdesktop.catalogs.model import Catalog
from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.catalog_cmds import load
from dtdesktop.cli.context import open_store
from dtdesktop.cli.errors import EXIT_OK
from dtdesktop.cli.output import print_json, print_line
from dtdesktop.cli.score_cmd import print_result
from dtdesktop.demo import SAMPLE_NOTES, sample_answers
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring import score
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.assessments import AssessmentError
from dtdesktop.units import Unit, find, search

DEMO_CATALOG = "thanh-hoa-xa-2025"
DEMO_UNIT_NAME = "Hoằng Hóa"
PLAN_TEXT = """UỶ BAN NHÂN DÂN XÃ
KẾ HOẠCH Chuyển đổi số năm {year}
1. Mục tiêu: 100% hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ mật).
2. Nhiệm vụ: kiện toàn Tổ công nghệ số cộng đồng ở các thôn; hướng dẫn người dân mở tài khoản thanh toán.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help=_("fill a realistic sample assessment and show its score"))
    p.add_argument("--catalog", default=DEMO_CATALOG, metavar="ID", help=_("catalog id or file"))
    p.add_argument("--unit", metavar=_("CODE"), help=_("commune code (default: a commune of Thanh Hóa)"))
    p.add_argument(
        "--period", type=whole_number, default=2025, metavar=_("YEAR"), help=_("the year assessed")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_demo)


def _demo_unit(code: str | None) -> Unit:
    if code:
        unit = find(code)
        if unit is not None:
            return unit
    matches = search(DEMO_UNIT_NAME, province="38")
    return matches[0] if matches else search("", province="38")[0]


def cmd_demo(args: argparse.Namespace) -> int:
    catalog = load(args.catalog)
    unit = _demo_unit(args.unit)
    store = open_store(args)
    try:
        assessment_id = store_assessments.create(store, catalog, unit, args.period)
        fill(store, assessment_id, catalog, args.period)
        created = True
    except AssessmentError:
        existing = [
            a
            for a in store_assessments.list_all(store, unit.code)
            if a.period == args.period and a.catalog_id == catalog.id
        ]
        assessment_id, created = existing[0].id, False
    a = store_assessments.get(store, assessment_id)
    result = score(a.catalog, a.values, a.horizon)
    if args.json:
        print_json(
            {
                "id": assessment_id,
                "created": created,
                "unit": unit.full_name,
                "score": result.to_json(current_language()),
            }
        )
        return EXIT_OK
    print_line(
        _("Sample assessment {id}: {unit}, {province}, {period}.").format(
            id=assessment_id, unit=unit.full_name, province=unit.province_name, period=args.period
        )
    )
    print_result(result)
    print_line()
    print_line(_("See it again with `dtdesktop assess show {id}`.").format(id=assessment_id))
    return EXIT_OK


def fill(store: Store, assessment_id: int, catalog: Catalog, period: int) -> None:
    """Answers, notes, a document citation and an evidence file, as an officer would give them."""
    answers = sample_answers(catalog, seed=period)
    codes = list(answers)
    notes = {code: SAMPLE_NOTES[i % len(SAMPLE_NOTES)] for i, code in enumerate(codes[:4])}
    store_assessments.set_answers(store, assessment_id, answers, notes=notes)
    first = codes[0]
    store_assessments.add_citation(
        store,
        assessment_id,
        first,
        "125/QĐ-UBND",
        dt.date(period, 3, 5),
        "Quyết định kiện toàn Ban chỉ đạo chuyển đổi số xã",
    )
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / f"ke-hoach-chuyen-doi-so-{period}.txt"
        plan.write_text(PLAN_TEXT.format(year=period), encoding="utf-8")
        store_assessments.add_evidence_file(store, assessment_id, first, plan)
