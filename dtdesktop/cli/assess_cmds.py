"""`dtdesktop assess new|load|set|show|list|log|delete`."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.catalog_cmds import load
from dtdesktop.cli.context import open_store
from dtdesktop.cli.errors import EXIT_OK, UsageError, UserError
from dtdesktop.cli.output import print_json, print_line, print_table
from dtdesktop.cli.score_cmd import print_result, read_json_file
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring import score
from dtdesktop.scoring.answers import to_json
from dtdesktop.scoring.display import assessment_status_label
from dtdesktop.scoring.progress import progress
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.records import Assessment
from dtdesktop.text import format_date, parse_date
from dtdesktop.units import find


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assess", help=_("create, fill and show assessments"))
    verbs = p.add_subparsers(dest="verb", metavar=_("VERB"), required=True)

    new = verbs.add_parser("new", help=_("start a new assessment; prints its id"))
    new.add_argument("--catalog", required=True, metavar="ID", help=_("catalog id or file"))
    new.add_argument(
        "--unit",
        required=True,
        metavar=_("CODE"),
        help=_("commune code of the national list (CODE@2025 for the list before 1/7/2025)"),
    )
    new.add_argument(
        "--period", required=True, type=whole_number, metavar=_("YEAR"), help=_("the year assessed")
    )
    new.add_argument("--horizon", type=whole_number, metavar=_("YEAR"), help=_("horizon year of the targets"))
    new.add_argument("--json", action="store_true", help=_("print JSON"))
    new.set_defaults(func=cmd_new)

    ld = verbs.add_parser("load", help=_("set many answers at once from a JSON file"))
    ld.add_argument("id", type=whole_number, metavar="ID")
    ld.add_argument("--answers", required=True, type=Path, metavar=_("FILE"), help=_("answers JSON file"))
    ld.set_defaults(func=cmd_load)

    st = verbs.add_parser("set", help=_("set one answer, its note and evidence"))
    st.add_argument("id", type=whole_number, metavar="ID")
    st.add_argument("code", metavar=_("CODE"), help=_("indicator code"))
    st.add_argument(
        "value",
        metavar=_("VALUE"),
        help=_(
            "the answer: yes/no, a number, n/d for a percentage, a choice code or a text; "
            "- leaves it as it is, an empty text clears it"
        ),
    )
    st.add_argument("--note", metavar=_("TEXT"), help=_("a note on the answer"))
    st.add_argument(
        "--evidence",
        action="append",
        type=Path,
        default=[],
        metavar=_("FILE"),
        help=_("attach a file as evidence (repeatable)"),
    )
    st.add_argument(
        "--cite",
        nargs=3,
        action="append",
        default=[],
        metavar=(_("NUMBER"), _("DATE"), _("SUMMARY")),
        help=_("cite a document: number, date (31/12/2025) and summary (repeatable)"),
    )
    st.set_defaults(func=cmd_set)

    sh = verbs.add_parser("show", help=_("show answers, evidence, score, status and revision"))
    sh.add_argument("id", type=whole_number, metavar="ID")
    sh.add_argument("--horizon", type=whole_number, metavar=_("YEAR"), help=_("horizon year of the targets"))
    sh.add_argument("--json", action="store_true", help=_("print JSON"))
    sh.set_defaults(func=cmd_show)

    ls = verbs.add_parser("list", help=_("list the assessments in the store"))
    ls.add_argument("--unit", metavar=_("CODE"), help=_("only this unit"))
    ls.add_argument("--json", action="store_true", help=_("print JSON"))
    ls.set_defaults(func=cmd_list)

    lg = verbs.add_parser("log", help=_("show the audit log of an assessment"))
    lg.add_argument("id", type=whole_number, metavar="ID")
    lg.add_argument("--json", action="store_true", help=_("print JSON"))
    lg.set_defaults(func=cmd_log)

    dl = verbs.add_parser("delete", help=_("delete an assessment (the audit log keeps a record)"))
    dl.add_argument("id", type=whole_number, metavar="ID")
    dl.add_argument("--yes", action="store_true", help=_("confirm the deletion"))
    dl.set_defaults(func=cmd_delete)


def cmd_new(args: argparse.Namespace) -> int:
    store = open_store(args)
    catalog = load(args.catalog, store)
    unit = find(args.unit)
    if unit is None or unit.level != "commune":
        raise UserError(
            _("No commune with the code “{code}”; find it with `dtdesktop units search NAME`.").format(
                code=args.unit
            )
        )
    new_id = store_assessments.create(store, catalog, unit, args.period, args.horizon)
    if args.json:
        print_json({"id": new_id})
    else:
        print_line(str(new_id))
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    raw = read_json_file(args.answers)
    if not isinstance(raw, dict):
        raise UserError(_("The answers must be a JSON object keyed by indicator code."))
    changed = store_assessments.set_answers(open_store(args), args.id, raw)
    print_line(_("{n} answer(s) changed.").format(n=changed))
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    store = open_store(args)
    citations = []
    for number, date_text, summary in args.cite:
        try:
            citations.append((number, parse_date(date_text), summary))
        except ValueError:
            raise UsageError(
                _("“{date}” is not a date; write it as 31/12/2025.").format(date=date_text)
            ) from None
    if args.value != "-":
        value = None if args.value.strip() == "" else args.value
        store_assessments.set_answer(
            store, args.id, args.code, value, args.note if args.note is not None else ...
        )
    elif args.note is not None:
        store_assessments.set_answers(store, args.id, {}, notes={args.code: args.note})
    for path in args.evidence:
        store_assessments.add_evidence_file(store, args.id, args.code, path)
    for number, date, summary in citations:
        store_assessments.add_citation(store, args.id, args.code, number, date, summary)
    return EXIT_OK


def assessment_json(a: Assessment, horizon: int | None, lang: str) -> dict:
    result = score(a.catalog, a.values, horizon or a.horizon)
    return {
        "id": a.id,
        "unit": {
            "code": a.unit.code,
            "scheme": a.unit.scheme,
            "name": a.unit.full_name,
            "province": a.unit.province_name,
        },
        "period": a.period,
        "catalog": {"id": a.catalog.id, "version": a.catalog.version, "sha256": a.catalog.sha256},
        "horizon": result.horizon,
        "status": a.status,
        "revision": a.revision,
        "updated_at": a.updated_at.isoformat(),
        "answers": {
            code: {
                "value": to_json(ans.value) if ans.value is not None else None,
                "note": ans.note,
                "to_check": ans.to_check,
                "returned": ans.review_comment is not None,
                "review_comment": ans.review_comment,
            }
            for code, ans in sorted(a.answers.items())
        },
        "to_check": sorted(a.to_check),
        "returned": sorted(a.returned),
        "progress": asdict(progress(result, a.to_check, a.returned)),
        "evidence": [
            {
                "id": e.id,
                "indicator": e.indicator_code,
                "file": e.file_name,
                "sha256": e.file_sha256,
                "size": e.file_size,
                "number": e.doc_number,
                "date": e.doc_date.isoformat() if e.doc_date else None,
                "summary": e.summary,
            }
            for e in a.evidence
        ],
        "score": _marked(result.to_json(lang), a),
    }


def _marked(score_json: dict, a) -> dict:
    """Each indicator of the score says whether the reviewer returned it, and why."""
    for ind in score_json.get("indicators", []):
        ans = a.answers.get(ind.get("code"))
        comment = ans.review_comment if ans is not None else None
        ind["returned"] = comment is not None
        ind["review_comment"] = comment
    return score_json


def cmd_show(args: argparse.Namespace) -> int:
    lang = current_language()
    a = store_assessments.get(open_store(args), args.id)
    if args.json:
        print_json(assessment_json(a, args.horizon, lang))
        return EXIT_OK
    print_line(
        _("Assessment {id}: {unit}, {province} — {period}").format(
            id=a.id, unit=a.unit.full_name, province=a.unit.province_name, period=a.period
        )
    )
    print_line(
        _("Status: {status}, revision {revision}").format(
            status=assessment_status_label(a.status), revision=a.revision
        )
    )
    print_result(score(a.catalog, a.values, args.horizon or a.horizon))
    returned = sorted((code, ans.review_comment) for code, ans in a.answers.items() if ans.review_comment)
    if returned:
        print_line()
        print_line(_("Returned by the reviewer, to complete:"))
        for code, comment in returned:
            print_line(f"  {code}: {comment}")
    if a.evidence:
        print_line()
        print_line(_("Evidence:"))
        for e in a.evidence:
            if e.file_name:
                print_line(f"  {e.indicator_code}: {e.file_name}")
            if e.doc_number:
                date = format_date(e.doc_date, lang) if e.doc_date else ""
                print_line(f"  {e.indicator_code}: {e.doc_number} {date} — {e.summary}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    rows = store_assessments.list_all(open_store(args), args.unit)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "unit": r.unit.code,
                    "unit_name": r.unit.full_name,
                    "period": r.period,
                    "catalog": r.catalog_id,
                    "version": r.catalog_version,
                    "sha256": r.catalog_sha256,
                    "revision": r.revision,
                    "status": r.status,
                    "updated_at": r.updated_at.isoformat(),
                }
                for r in rows
            ]
        )
        return EXIT_OK
    lang = current_language()
    print_table(
        [
            [
                str(r.id),
                str(r.period),
                r.catalog_id,
                assessment_status_label(r.status),
                str(r.revision),
                format_date(r.updated_at.date(), lang),
                f"{r.unit.full_name}, {r.unit.province_name}",
            ]
            for r in rows
        ],
        [_("ID"), _("Period"), _("Catalog"), _("Status"), _("Revision"), _("Changed"), _("Unit")],
    )
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    store = open_store(args)
    store_assessments.get(store, args.id)
    entries = store_assessments.audit_log(store, args.id)
    if args.json:
        print_json(
            [
                {
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "key": e.key,
                    "old": e.old_value,
                    "new": e.new_value,
                }
                for e in entries
            ]
        )
        return EXIT_OK
    for e in entries:
        print_line(
            f"{e.at:%d/%m/%Y %H:%M:%S}  {e.actor}  {e.action}  {e.key or ''}  "
            f"{e.old_value or '∅'} → {e.new_value or '∅'}"
        )
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError(_("Deleting cannot be undone; add --yes to confirm."))
    store_assessments.delete(open_store(args), args.id)
    print_line(_("Assessment {id} deleted.").format(id=args.id))
    return EXIT_OK
