"""`dtdesktop trust add|list|remove` and `dtdesktop import`: the reviewer's trust list and inbox."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop.cli.context import add_trust_option, open_store
from dtdesktop.cli.errors import EXIT_CHECK_FAILED, EXIT_OK, UserError
from dtdesktop.cli.output import print_json, print_line, print_table
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.signing.trust import spaced
from dtdesktop.text import format_date, safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trust", help=_("the certificates you trust, and the units their holders sign for"))
    verbs = p.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    add = verbs.add_parser(
        "add",
        help=_(
            "trust root certificates, or register an officer's certificate (or a submission's signer) "
            "for units"
        ),
    )
    add.add_argument("paths", nargs="+", type=Path, metavar=_("PEM|DIR|FILE.pdf"))
    add.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar=_("CODE"),
        help=_(
            "register the certificates for this unit (may be repeated); a submission's own unit if omitted"
        ),
    )
    add.set_defaults(func=cmd_add)
    lst = verbs.add_parser("list", help=_("list the trusted certificates with their fingerprints and units"))
    lst.add_argument("--json", action="store_true", help=_("print JSON"))
    lst.set_defaults(func=cmd_list)
    rm = verbs.add_parser("remove", help=_("stop trusting a certificate"))
    rm.add_argument("fingerprint", metavar=_("FINGERPRINT"))
    rm.set_defaults(func=cmd_remove)
    register_import(sub)


def cmd_add(args: argparse.Namespace) -> int:
    from dtdesktop.review import trust
    from dtdesktop.signing.certificates import load_trust, trust_files

    store = open_store(args)
    units = [u.strip() for u in args.unit if u.strip()]
    try:
        # every certificate file read, and a person's certificate refused as a root, before anything changes
        loaded = {
            path: [(f, load_trust([f])) for f in trust_files(path)]
            for path in args.paths
            if path.suffix.lower() != ".pdf"
        }
        if not units:
            for files in loaded.values():
                for f, certs in files:
                    trust.refuse_if_not_authority(certs, f)
        for path in args.paths:
            if path.suffix.lower() == ".pdf":
                cert, unit = _signer_of(path)
                fp = trust.register(store, cert, units or [unit])
                print_line(
                    _("Registered {fingerprint} for {units}.").format(
                        fingerprint=spaced(fp), units=", ".join(units or [unit])
                    )
                )
                continue
            certs = [c for _f, found in loaded[path] for c in found]
            for cert in certs:
                if units:
                    fp = trust.register(store, cert, units)
                    print_line(
                        _("Registered {fingerprint} for {units}.").format(
                            fingerprint=spaced(fp), units=", ".join(units)
                        )
                    )
            if not units:
                for fp in trust.add_roots(store, certs):
                    print_line(_("Trusted as a root: {fingerprint}.").format(fingerprint=spaced(fp)))
    except trust.TrustError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def _signer_of(path: Path):
    """The signer's certificate and unit of a genuine submission file (forged ones are refused)."""
    from dtdesktop.exchange.verify import verify_file

    v = verify_file(path)
    if v.signer_certificate is None or v.header is None or any(r.verdict == "invalid" for r in v.reasons):
        reason = next((r.message for r in v.reasons if r.verdict == "invalid"), "")
        raise UserError(
            _("{file} is not a genuine submission, so its signer cannot be registered. {reason}")
            .format(file=path, reason=reason)
            .strip()
        )
    return v.signer_certificate, v.header.unit_ref


def cmd_list(args: argparse.Namespace) -> int:
    from dtdesktop.review import trust

    entries = trust.entries(open_store(args))
    if args.json:
        print_json([e.to_json() for e in entries])
        return EXIT_OK
    if not entries:
        print_line(_("No certificate is trusted yet; add one with `dtdesktop trust add`."))
        return EXIT_OK
    lang = current_language()
    role = {"root": _("root"), "officer": _("officer")}
    rows = [
        [
            spaced(e.fingerprint)[:39],
            role.get(e.role, e.role),
            ", ".join(e.units) or "—",
            format_date(e.not_after.date(), lang),
            safe(e.subject, 120),
        ]
        for e in entries
    ]
    print_table(rows, [_("Fingerprint"), _("Role"), _("Units"), _("Valid until"), _("Subject")])
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from dtdesktop.review import trust

    try:
        entry = trust.remove(open_store(args), args.fingerprint)
    except trust.TrustError as exc:
        raise UserError(str(exc)) from None
    print_line(
        _("No longer trusted: {subject} ({fingerprint}).").format(
            subject=safe(entry.subject, 120), fingerprint=spaced(entry.fingerprint)
        )
    )
    return EXIT_OK


def register_import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=_("check received submission files and file them in the store"))
    p.add_argument("paths", nargs="+", type=Path, metavar=_("FILE|DIR"))
    add_trust_option(p)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_import)


OUTCOME_LABELS = {
    "imported": N_("imported"),
    "superseded": N_("superseded (kept in the history)"),
    "duplicate": N_("already imported"),
    "conflict": N_("CONFLICT"),
    "refused": N_("REFUSED"),
}


def cmd_import(args: argparse.Namespace) -> int:
    import sys

    from dtdesktop.exchange.verify import VERDICT_LABELS
    from dtdesktop.review.importing import import_files
    from dtdesktop.signing.certificates import load_trust

    store = open_store(args)
    extra = load_trust(args.trust) if args.trust else ()
    interactive = not args.json and sys.stderr.isatty()

    def progress(n: int, total: int, result) -> None:
        if not args.json:
            label = _(OUTCOME_LABELS[result.outcome])
            if result.outcome in ("imported", "superseded", "conflict") and result.verdict != "valid":
                label += " — " + _(VERDICT_LABELS.get(result.verdict or "", "")).lower()
            line = f"[{n}/{total}] {safe(result.file)}: {label}"
            print_line(line + (f" — {safe(result.reason)}" if result.reason else ""))
            if result.outcome != "duplicate":
                for (
                    _code,
                    message,
                ) in result.reasons:  # signer unknown or registered elsewhere, catalog unknown
                    print_line("    - " + safe(message))
        elif interactive:
            print(f"\r{n}/{total}", end="", file=sys.stderr, flush=True)

    report = import_files(store, args.paths, extra, progress)
    if args.json:
        print_json(report.to_json())
    else:
        counts = {o: len(report.by_outcome(o)) for o in OUTCOME_LABELS}
        print_line(
            _(
                "{imported} imported, {superseded} superseded, {duplicate} already there, {conflict} in "
                "conflict, {refused} refused."
            ).format(**counts)
        )
        if report.stopped:
            print_line(
                _("Stopped: the files listed above were imported; run the same command again to go on.")
            )
    if report.stopped:
        return 130
    return EXIT_OK if report.clean else EXIT_CHECK_FAILED
