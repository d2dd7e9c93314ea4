"""`dtdesktop export`, `report` and `verify`: the signed submission file, its preview, its check."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop.cli import secrets
from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.context import add_trust_option, open_store
from dtdesktop.cli.errors import EXIT_CHECK_FAILED, EXIT_OK, UsageError, UserError
from dtdesktop.cli.output import print_json, print_line, print_warning
from dtdesktop.exchange.verify import VERDICT_LABELS
from dtdesktop.files import pdf_files
from dtdesktop.i18n import _, current_language
from dtdesktop.signing.certificates import kind_sentence
from dtdesktop.text import format_percent, parse_date, safe

SIGNS_AS = ("chair", "vice-chair", "by-order", "by-authority")  # profile.CAPACITIES, as typed


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("export", help=_("write the signed submission file of an assessment"))
    ex.add_argument("id", type=whole_number, metavar="ID")
    add_key_options(ex)
    ex.add_argument("--out", required=True, type=Path, metavar=_("FILE.pdf"))
    _document_options(ex)
    ex.add_argument("--json", action="store_true", help=_("print JSON"))
    ex.set_defaults(func=cmd_export)

    rp = sub.add_parser("report", help=_("write the report alone, unsigned, for preview"))
    rp.add_argument("id", type=whole_number, metavar="ID")
    rp.add_argument("--out", required=True, type=Path, metavar=_("FILE.pdf"))
    _document_options(rp)
    rp.set_defaults(func=cmd_report)

    vf = sub.add_parser("verify", help=_("check signed submission files (or every PDF in folders)"))
    vf.add_argument("files", nargs="+", type=Path, metavar=_("FILE|DIR"))
    add_trust_option(vf)
    vf.add_argument("--json", action="store_true", help=_("print JSON"))
    vf.set_defaults(func=cmd_verify)


def add_key_options(p: argparse.ArgumentParser) -> None:
    """How to sign: a PKCS#12 file or a USB token."""
    p.add_argument("--identity", type=Path, metavar=_("FILE.p12"), help=_("PKCS#12 identity file"))
    p.add_argument("--token", type=Path, metavar=_("MODULE"), help=_("PKCS#11 library of a USB token"))
    p.add_argument("--token-label", metavar=_("LABEL"), help=_("which token, when several are plugged in"))
    p.add_argument("--cert-id", metavar=_("HEX"), help=_("the token certificate's ID"))
    p.add_argument("--cert-serial", metavar=_("SERIAL"), help=_("the token certificate's serial number"))


def _document_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--number", metavar=_("TEXT"), help=_("the document number, e.g. 15/BC-UBND"))
    p.add_argument("--date", metavar=_("DATE"), help=_("the date of the report (default: today)"))
    p.add_argument(
        "--recipient",
        action="append",
        default=[],
        metavar=_("TEXT"),
        help=_("a recipient under “Nơi nhận”; may be repeated (default: the level above and the archive)"),
    )
    p.add_argument(
        "--position", metavar=_("POSITION"), help=_("the signer's position, if the certificate has none")
    )
    p.add_argument(
        "--signs-as",
        choices=SIGNS_AS,
        help=_(
            "under whose authority the signer signs for the People's Committee: chair (TM. ỦY BAN NHÂN DÂN), "
            "vice-chair (KT. CHỦ TỊCH), by-order (TL. CHỦ TỊCH) or by-authority (TUQ. CHỦ TỊCH); "
            "by default the position decides"
        ),
    )


def _options(args: argparse.Namespace):
    from dtdesktop.exchange.export import ExportOptions

    issued = None
    if args.date:
        try:
            issued = parse_date(args.date)
        except ValueError:
            raise UsageError(
                _("“{text}” is not a date; write it as 31/12/2025.").format(text=args.date)
            ) from None
    from dtdesktop import profile as profiles

    officer = profiles.load()  # the officer's own position and authority, as the window knows them
    return ExportOptions(
        lang=current_language(),
        number=args.number,
        recipients=tuple(args.recipient),
        issued=issued,
        signer_title=args.position or officer.officer_title or None,
        signer_capacity=(args.signs_as or "").replace("-", "_"),
        signer_name=officer.officer_name if not args.position else "",
        usual_capacity=officer.capacity if officer.officer_title else "",
    )


def signing_key(args: argparse.Namespace):
    if bool(args.identity) == bool(args.token):
        raise UsageError(_("Give either --identity FILE.p12 or --token MODULE."))
    if args.identity:
        from dtdesktop.signing.pkcs12_file import Pkcs12Key

        return Pkcs12Key(args.identity, secrets.passphrase())
    from dtdesktop.signing.tokens import TokenKey

    return TokenKey(args.token, secrets.pin(), args.token_label, args.cert_id, args.cert_serial)


def cmd_export(args: argparse.Namespace) -> int:
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.exchange.size import size_check, size_warning
    from dtdesktop.storage import assessments as store_assessments

    store = open_store(args)
    check = size_check(store_assessments.get(store, args.id).evidence)
    if check.over:  # said before signing: the file is still written, and the officer knows why it may bounce
        print_warning(_("Warning: {problem}").format(problem=size_warning(check, current_language())))
    result = export_submission(store, args.id, signing_key(args), args.out, _options(args))
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "revision": result.revision,
                "size": result.size,
                "sha256": result.sha256,
                "signer": result.signer.name,
            }
        )
    else:
        print_line(
            _("Signed submission written to {file} (revision {revision}, signed by {name}).").format(
                file=result.path, revision=result.revision, name=result.signer.name
            )
        )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from dtdesktop.exchange.export import write_report

    path = write_report(open_store(args), args.id, args.out, _options(args))
    print_line(_("Report written to {file} (a draft, not signed).").format(file=path))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.review.library import catalog_book
    from dtdesktop.review.trust import context
    from dtdesktop.signing.certificates import load_trust

    store = open_store(args)
    trust = context(store, load_trust(args.trust) if args.trust else ())
    book = catalog_book(store)
    files = pdf_files(args.files)
    if not files:
        raise UserError(_("No PDF file was found in the folders given."))
    all_valid = True
    results = []
    for n, path in enumerate(files):  # one at a time: memory does not grow with the number of files
        r = verify_file(path, trust, book)
        all_valid = all_valid and r.valid
        if args.json:
            results.append(r.to_json())
        else:
            if n:
                print_line()
            _print_verification(r)
    if args.json:
        print_json(results)
    return EXIT_OK if all_valid else EXIT_CHECK_FAILED


def _print_verification(r) -> None:
    lang = current_language()
    print_line(f"{safe(r.file)}: {_(VERDICT_LABELS[r.verdict])}")
    if r.signer:
        intact = _("intact") if r.intact else _("NOT intact")
        whole = _("covers the whole file") if r.covers_whole_file else _("does NOT cover the whole file")
        print_line("  " + _("Signature: {intact}, {whole}").format(intact=intact, whole=whole))
        if r.trusted and r.registered:
            trusted = _("trusted for this unit")
        elif r.trusted:
            trusted = _("trusted, not registered for this unit")
        else:
            trusted = _("NOT trusted")
        signer = r.signer.name + (f", {r.signer.title}" if r.signer.title else "")
        print_line("  " + _("Signer: {signer} ({trusted})").format(signer=safe(signer), trusted=trusted))
        print_line("  " + safe(kind_sentence(r.signer), 400))
        if r.signed_at:
            print_line(
                "  " + _("Signed at: {time}").format(time=r.signed_at.strftime("%d/%m/%Y %H:%M:%S %Z"))
            )
    if r.header:
        h = r.header
        print_line(
            "  "
            + _("Unit: {unit} ({code}), {province}").format(
                unit=safe(h.unit_name, 120), code=safe(h.unit_ref, 32), province=safe(h.province_name, 80)
            )
        )
        print_line(
            "  " + _("Period: {period}, revision {revision}").format(period=h.period, revision=h.revision)
        )
        print_line(
            "  "
            + _("Catalog: {id} {version} (SHA-256 {sha})").format(
                id=safe(h.catalog_id, 64), version=safe(h.catalog_version, 32), sha=safe(h.catalog_sha256, 16)
            )
        )
        matches = _("matches the recomputation") if r.score_matches else _("does NOT match the recomputation")
        percent = format_percent(r.percent, lang) if r.percent is not None else "—"
        print_line("  " + _("Score: {percent}, {matches}").format(percent=percent, matches=matches))
    for problem in r.problems:
        print_line("  - " + safe(problem))
