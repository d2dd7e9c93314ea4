"""`dtdesktop review`, `diff` and `decision export|import`: the review of received submissions, what changed
between two revisions, and the signed decision that goes back to the commune."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.context import add_trust_option, open_store
from dtdesktop.cli.errors import EXIT_OK, UsageError
from dtdesktop.cli.exchange_cmds import add_key_options, signing_key
from dtdesktop.cli.output import print_json, print_line
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.text import safe

STATUS_LABELS = {"submitted": N_("submitted"), "returned": N_("returned"), "approved": N_("approved")}
DECISION_LABELS = {"returned": N_("returned to be completed"), "approved": N_("approved")}
CHANGE_LABELS = {
    "answer": N_("answer"),
    "note": N_("note"),
    "evidence_added": N_("evidence added"),
    "evidence_removed": N_("evidence removed"),
}


def register(sub: argparse._SubParsersAction) -> None:
    rv = sub.add_parser("review", help=_("return, approve or unapprove a received submission"))
    rv.add_argument("id", type=whole_number, nargs="?", metavar="ID")
    act = rv.add_mutually_exclusive_group(required=True)
    act.add_argument("--approve", action="store_true", help=_("approve it (it is then locked)"))
    act.add_argument("--return", dest="return_", action="store_true", help=_("return it to be completed"))
    act.add_argument("--unapprove", action="store_true", help=_("withdraw an approval (needs --reason)"))
    act.add_argument(
        "--approve-clean",
        action="store_true",
        help=_("approve every submission that is valid, trusted, score-matching and flag-free"),
    )
    rv.add_argument(
        "--comment",
        nargs=2,
        action="append",
        default=[],
        metavar=(_("CODE"), _("TEXT")),
        help=_("a returned criterion and what to fix; may be repeated"),
    )
    rv.add_argument("--overall", metavar=_("TEXT"), help=_("an overall comment"))
    rv.add_argument("--reason", metavar=_("TEXT"), help=_("why an approval is withdrawn"))
    rv.add_argument("--province", metavar=_("CODE"), help=_("with --approve-clean: only this province"))
    rv.add_argument(
        "--period", type=whole_number, metavar=_("YEAR"), help=_("with --approve-clean: only this period")
    )
    rv.add_argument("--json", action="store_true", help=_("print JSON"))
    rv.set_defaults(func=cmd_review)

    df = sub.add_parser("diff", help=_("what changed between two revisions of a received submission"))
    df.add_argument("id", type=whole_number, metavar="ID")
    df.add_argument("--from", dest="rev_from", type=whole_number, metavar=_("REV"))
    df.add_argument("--to", dest="rev_to", type=whole_number, metavar=_("REV"))
    df.add_argument("--json", action="store_true", help=_("print JSON"))
    df.set_defaults(func=cmd_diff)

    dc = sub.add_parser("decision", help=_("the signed decision on a submission, written or received"))
    verbs = dc.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    ex = verbs.add_parser("export", help=_("write the signed decision file of a reviewed submission"))
    ex.add_argument("id", type=whole_number, metavar="ID")
    add_key_options(ex)
    ex.add_argument("--out", required=True, type=Path, metavar=_("FILE.pdf"))
    ex.add_argument("--number", metavar=_("TEXT"), help=_("the notice's number, e.g. 15/TB-SKHCN"))
    ex.add_argument("--json", action="store_true", help=_("print JSON"))
    ex.set_defaults(func=cmd_decision_export)
    im = verbs.add_parser("import", help=_("apply the reviewer's decision to this commune's assessment"))
    im.add_argument("file", type=Path, metavar=_("FILE.pdf"))
    add_trust_option(im)
    im.add_argument("--json", action="store_true", help=_("print JSON"))
    im.set_defaults(func=cmd_decision_import)


def cmd_review(args: argparse.Namespace) -> int:
    from dtdesktop.review import reviewing

    store = open_store(args)
    if args.approve_clean:
        if args.id is not None or args.comment or args.reason:
            raise UsageError(_("--approve-clean takes no ID, --comment or --reason."))
        approved = reviewing.approve_clean(store, args.province, args.period)
        if args.json:
            print_json({"approved": approved})
        else:
            print_line(_("{n} submission(s) approved: {ids}.").format(n=len(approved), ids=_ids(approved)))
        return EXIT_OK
    if args.id is None:
        raise UsageError(_("Name the submission to review (its ID, as `dtdesktop import` lists it)."))
    action = "approve" if args.approve else "return" if args.return_ else "unapprove"
    if args.reason and action != "unapprove":
        raise UsageError(_("--reason goes with --unapprove; a return or an approval says why in --comment."))
    comments = [(code, text) for code, text in args.comment]
    step = reviewing.review(store, args.id, action, comments, args.overall, args.reason)
    status = reviewing.STATUS_AFTER[action]
    if args.json:
        print_json(
            {
                "id": step.submission_id,
                "status": status,
                "returned": [{"code": c.code, "comment": c.comment} for c in step.comments],
                "overall": step.overall,
                "reason": step.reason,
            }
        )
    else:
        print_line(
            _("Submission {id} is now {status}.").format(
                id=step.submission_id, status=_(STATUS_LABELS[status])
            )
        )
        for c in step.comments:
            print_line(f"  - {safe(c.code)}: {safe(c.comment)}")
        if action != "unapprove":
            print_line(
                _(
                    "Write the decision file for the commune: dtdesktop decision export {id} --out FILE.pdf"
                ).format(id=step.submission_id)
            )
    return EXIT_OK


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) if ids else "—"


def cmd_diff(args: argparse.Namespace) -> int:
    from dtdesktop.review.diff import diff

    d = diff(open_store(args), args.id, args.rev_from, args.rev_to)
    if args.json:
        print_json(d.to_json())
        return EXIT_OK
    print_line(
        _("From revision {a} to revision {b}: {n} criteria changed.").format(
            a=d.revision_from, b=d.revision_to, n=len(d.codes)
        )
    )
    for c in d.changes:
        before = "—" if c.before is None else safe(str(c.before), 200)
        after = "—" if c.after is None else safe(str(c.after), 200)
        print_line(f"  {safe(c.code)} {_(CHANGE_LABELS[c.what])}: {before} → {after}")
    return EXIT_OK


def cmd_decision_export(args: argparse.Namespace) -> int:
    from dtdesktop.decisions.export import DecisionOptions, export_decision

    result = export_decision(
        open_store(args), args.id, signing_key(args), args.out, DecisionOptions(number=args.number)
    )
    d = result.decision
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "size": result.size,
                "sha256": result.sha256,
                "decision": d.decision,
                "returned": [r.code for r in d.returned],
            }
        )
    else:
        print_line(
            _("Signed decision ({decision}) written to {file}.").format(
                decision=_(DECISION_LABELS[d.decision]), file=result.path
            )
        )
    return EXIT_OK


def cmd_decision_import(args: argparse.Namespace) -> int:
    from dtdesktop.decisions.receive import apply_decision, plain_words, read_decision
    from dtdesktop.signing.certificates import load_trust

    store = open_store(args)
    extra = load_trust(args.trust) if args.trust else []
    received = read_decision(args.file, store, list(extra))
    applied = apply_decision(store, received)
    d = applied.decision
    if args.json:
        print_json(
            {
                "assessment": applied.assessment_id,
                "decision": d.decision,
                "revision": d.submission.revision,
                "returned": [{"code": r.code, "comment": r.comment} for r in d.returned],
                "overall": d.overall,
                "already_applied": applied.already,
            }
        )
        return EXIT_OK
    if applied.already:
        print_line(_("This decision was applied before; nothing changed."))
    print_line(plain_words(received, current_language()))
    for r in d.returned:
        print_line(f"  - {safe(r.code)} {safe(r.title, 120)}: {safe(r.comment)}")
    if d.overall:
        print_line(_("Overall: {text}").format(text=safe(d.overall)))
    return EXIT_OK
