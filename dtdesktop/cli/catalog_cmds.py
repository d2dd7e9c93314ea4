"""`dtdesktop catalog list|show|validate|accept|to-xlsx|from-xlsx`."""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from dtdesktop.catalogs import CatalogError, validate_file
from dtdesktop.catalogs.loader import sha256_of
from dtdesktop.catalogs.model import Catalog
from dtdesktop.catalogs.registry import resolve, shipped_catalogs
from dtdesktop.cli.errors import EXIT_CHECK_FAILED, EXIT_OK, UsageError, UserError
from dtdesktop.cli.output import print_json, print_line, print_table, print_warning
from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.scoring.display import target_text_plain
from dtdesktop.text import format_date, safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalog", help=_("list, show, validate and convert criteria catalogs"))
    verbs = p.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    lst = verbs.add_parser("list", help=_("list the catalogs you can use"))
    lst.add_argument("--json", action="store_true", help=_("print JSON"))
    lst.set_defaults(func=cmd_list)
    show = verbs.add_parser("show", help=_("show a catalog's pillars and indicators"))
    show.add_argument("ref", metavar="ID", help=_("catalog id, file or SHA-256"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(func=cmd_show)
    val = verbs.add_parser("validate", help=_("check catalog files and report every problem"))
    val.add_argument("files", metavar=_("FILE"), nargs="+", type=Path)
    val.add_argument("--json", action="store_true", help=_("print JSON"))
    val.set_defaults(func=cmd_validate)
    acc = verbs.add_parser(
        "accept", help=_("accept the criteria set a submission file was scored with, after checking it")
    )
    acc.add_argument("file", type=Path, metavar=_("FILE.pdf"))
    acc.set_defaults(func=cmd_accept)
    to = verbs.add_parser("to-xlsx", help=_("write a catalog as an Excel workbook an author can edit"))
    to.add_argument("ref", metavar="ID|FILE", help=_("catalog id, file or SHA-256"))
    to.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.xlsx"), help=_("the workbook to write")
    )
    to.set_defaults(func=cmd_to_xlsx)
    fro = verbs.add_parser("from-xlsx", help=_("read a catalog from an Excel workbook, checking every cell"))
    fro.add_argument("file", type=Path, metavar=_("FILE.xlsx"))
    fro.add_argument(
        "--out", type=Path, required=True, metavar=_("FILE.yaml"), help=_("the catalog to write")
    )
    fro.set_defaults(func=cmd_from_xlsx)
    register_publication(verbs)


def register_publication(verbs: argparse._SubParsersAction) -> None:
    """`catalog publish`, `install` and `remove`: a province's criteria decision, and the user's library."""
    from dtdesktop.cli.context import add_trust_option
    from dtdesktop.cli.exchange_cmds import add_key_options

    pub = verbs.add_parser("publish", help=_("write the province's signed decision issuing a criteria set"))
    pub.add_argument("file", type=Path, metavar=_("FILE.yaml"))
    add_key_options(pub)
    pub.add_argument("--number", metavar=_("NUMBER"), help=_("the decision's number, e.g. 12/QĐ-UBND"))
    pub.add_argument("--out", required=True, type=Path, metavar=_("FILE.pdf"))
    pub.add_argument(
        "--province", metavar=_("CODE"), help=_("the province's code, if the certificate names none")
    )
    pub.add_argument(
        "--signs-as",
        choices=("chair", "vice-chair"),
        default="chair",
        help=_("who signs for the committee: chair (TM. … CHỦ TỊCH) or vice-chair (KT. CHỦ TỊCH)"),
    )
    pub.add_argument(
        "--reviewer",
        action="append",
        default=[],
        type=Path,
        metavar=_("PEM"),
        help=_("a reviewer's certificate the decision carries to the communes; may be repeated"),
    )
    pub.add_argument(
        "--draft",
        action="store_true",
        help=_("write an unsigned draft to read before signing (it cannot be installed)"),
    )
    pub.add_argument("--json", action="store_true", help=_("print JSON"))
    pub.set_defaults(func=cmd_publish)
    ins = verbs.add_parser("install", help=_("install a criteria set from the province's signed decision"))
    ins.add_argument("file", type=Path, metavar=_("FILE.pdf|FILE.yaml"))
    add_trust_option(ins)
    ins.add_argument(
        "--unsigned",
        action="store_true",
        help=_("install a catalog file nobody signed, on your own word (it is marked unsigned)"),
    )
    ins.add_argument("--json", action="store_true", help=_("print JSON"))
    ins.set_defaults(func=cmd_install)
    rm = verbs.add_parser("remove", help=_("remove an installed criteria set no assessment uses"))
    rm.add_argument("ref", metavar="ID", help=_("catalog id, id@version or SHA-256"))
    rm.add_argument("--json", action="store_true", help=_("print JSON"))
    rm.set_defaults(func=cmd_remove)


def load(ref: str, store=None) -> Catalog:
    """A catalog by reference, shipped or installed in *store*, or a UserError with the first problem's
    sentence."""
    installed = []
    if store is not None:
        from dtdesktop.publication.install import installed_catalogs

        installed = installed_catalogs(store)
    try:
        return resolve(ref, installed)
    except CatalogError as exc:
        raise UserError("\n".join(str(p) for p in exc.problems)) from None


def load_anywhere(ref: str, args: argparse.Namespace) -> Catalog:
    """A catalog by reference, as `assess new` would take it: for a bare id, the newest version shipped
    or installed. The store is opened only when it may hold one: a reference to a file or to one exact
    version needs no store, nor does a bare id when no store was ever made."""
    from dtdesktop.cli.context import open_store

    try:
        shipped = resolve(ref)
    except CatalogError:
        return load(ref, open_store(args))
    if not _bare_id(ref) or not _store_exists(args):
        return shipped
    return load(ref, open_store(args))


def _bare_id(ref: str) -> bool:
    return "@" not in ref and not Path(ref).suffix and not re.fullmatch(r"[0-9a-f]{12,64}", ref)


def _store_exists(args: argparse.Namespace) -> bool:
    """Whether `--db` (or DTDESKTOP_DB, or the default) names a store that is there: a server always is;
    a SQLite file only once written."""
    from dtdesktop.storage import database_url

    url = database_url(getattr(args, "db", None) or os.environ.get("DTDESKTOP_DB"))
    if not url.startswith("sqlite:///"):
        return True
    return Path(url.removeprefix("sqlite:///")).exists()


SOURCE_LABELS = {"shipped": N_("shipped"), "installed": N_("installed"), "accepted": N_("accepted")}
STATUS_LABELS = {"signed": N_("signed, trusted"), "unsigned": N_("unsigned")}


def cmd_list(args: argparse.Namespace) -> int:
    from dtdesktop.cli.context import open_store
    from dtdesktop.publication.install import library

    lang = current_language()
    entries = library(open_store(args), shipped_catalogs())
    if args.json:
        print_json(
            [
                {
                    "id": e.catalog.id,
                    "version": e.catalog.version,
                    "title": e.catalog.title.get(lang),
                    "sha256": e.catalog.sha256,
                    "indicators": len(e.catalog.indicators),
                    "unit_level": e.catalog.unit_level,
                    "horizons": list(e.catalog.horizons),
                    "source": e.source,
                    "status": e.status,
                    "publisher": e.publisher,
                    "number": e.number,
                    "published_at": e.published_at.isoformat() if e.published_at else None,
                    "installed_at": e.added_at.isoformat() if e.added_at else None,
                }
                for e in entries
            ]
        )
        return EXIT_OK
    rows = [
        [
            e.catalog.id,
            e.catalog.version,
            str(len(e.catalog.indicators)),
            e.catalog.sha256[:12],
            _(SOURCE_LABELS[e.source]) + (f" ({_(STATUS_LABELS[e.status])})" if e.status else ""),
            safe(e.publisher or "—", 60),
            e.catalog.title.get(lang),
        ]
        for e in entries
    ]
    print_table(
        rows,
        [_("ID"), _("Version"), _("Indicators"), _("SHA-256"), _("Source"), _("Published by"), _("Title")],
    )
    return EXIT_OK


def catalog_json(c: Catalog, lang: str) -> dict:
    return {
        "id": c.id,
        "version": c.version,
        "sha256": c.sha256,
        "title": c.title.get(lang),
        "issuer": c.issuer.get(lang) if c.issuer else None,
        "compiler": c.compiler.get(lang) if c.compiler else None,
        "unit_level": c.unit_level,
        "horizons": list(c.horizons),
        "legal_basis": [
            {"number": d.number, "date": d.date, "title": d.title.get(lang), "section": d.section}
            for d in c.legal_basis
        ],
        "pillars": [
            {
                "code": p.code,
                "title": p.title.get(lang),
                "weight": p.weight,
                "indicators": [
                    {
                        "code": i.code,
                        "title": i.title.get(lang),
                        "type": i.type,
                        **(
                            {
                                "choices": [
                                    {"code": ch.code, "title": ch.title.get(lang), "points": ch.points}
                                    for ch in i.choices
                                ]
                            }
                            if i.choices
                            else {}
                        ),
                        **(
                            {
                                "target": i.target_for(c.default_horizon),
                                "targets": {str(y): v for y, v in sorted(i.targets.items())},
                            }
                            if i.targets
                            else {}
                        ),
                        "rule": i.rule.kind,
                        **({"op": i.rule.op} if i.rule.op else {}),
                        **(
                            {"target_ops": {str(y): o for y, o in i.target_ops.items()}}
                            if i.target_ops
                            else {}
                        ),
                        "max_points": i.max_points,
                        "mandatory": i.mandatory,
                        "target_scope": i.target_scope,
                        "provenance": i.provenance.status,
                        "targets_set_by_compiler": list(i.provenance.targets_set_by_compiler),
                        "source": i.provenance.source,
                        "section": i.provenance.section,
                        **({"evidence": i.evidence.get(lang)} if i.evidence.get(lang) else {}),
                        **({"verified_by": i.verified_by.get(lang)} if i.verified_by else {}),
                    }
                    for i in p.indicators
                ],
            }
            for p in c.pillars
        ],
    }


def cmd_show(args: argparse.Namespace) -> int:
    lang = current_language()
    c = load_anywhere(args.ref, args)
    if args.json:
        print_json(catalog_json(c, lang))
        return EXIT_OK
    print_line(f"{c.title.get(lang)}")
    print_line(f"{c.id} {c.version} · SHA-256 {c.sha256}")
    if c.issuer is not None:
        print_line(_("Issued by: {issuer}").format(issuer=c.issuer.get(lang)))
    else:
        print_line(_("Compiled by: {compiler}").format(compiler=c.author.get(lang)))
    for doc in c.legal_basis:
        print_line(_("Legal basis: {number} — {title}").format(number=doc.number, title=doc.title.get(lang)))
    for p in c.pillars:
        print_line()
        print_line(f"{p.code}  {p.title.get(lang)}")
        for i in p.indicators:
            target = i.target_for(c.default_horizon)
            shown = target_text_plain(i.op_for(c.default_horizon), target, lang)
            mark = "*" if i.mandatory else " "
            print_line(f"  {mark} {i.code:<10} [{i.type}{shown}] {i.title.get(lang)}")
    print_line()
    print_line(_("* mandatory"))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    report = []
    failed = False
    for path in args.files:
        problems = validate_file(path)
        valid = not any(not p.warning for p in problems)
        failed = failed or not valid
        report.append(
            {
                "file": str(path),
                "valid": valid,
                "problems": [
                    {"line": p.line, "path": p.where, "message": p.message, "warning": p.warning}
                    for p in problems
                ],
            }
        )
        if not args.json:
            for p in problems:
                print_line(str(p))
            if not problems:
                print_line(_("{file}: valid.").format(file=path))
    if args.json:
        print_json(report)
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def cmd_accept(args: argparse.Namespace) -> int:
    """Add the catalog embedded in a genuine submission to the store's library of known catalogs."""
    from dtdesktop.cli.context import open_store
    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.review.library import LibraryError, accept, catalog_book
    from dtdesktop.review.trust import context

    store = open_store(args)
    v = verify_file(args.file, context(store), catalog_book(store))
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if not invalid and v.catalog is not None and not (v.trusted and v.registered):
        raise UserError(
            _(
                "Accept a criteria set only from a file whose signer you trust for its commune; register the "
                "signer first (dtdesktop trust add)."
            )
        )
    if invalid or v.catalog is None:
        reason = invalid[0].message if invalid else _("it carries no usable criteria set")
        raise UserError(
            _("{file} is not a genuine submission, so its criteria set cannot be accepted: {reason}").format(
                file=args.file, reason=reason
            )
        )
    c = v.catalog
    try:
        added = not v.catalog_known and accept(store, c)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    if added:
        print_line(
            _("Accepted {id} {version} (SHA-256 {sha}): files scored with it can now be decided.").format(
                id=c.id, version=c.version, sha=c.sha256[:16]
            )
        )
    else:
        print_line(_("{id} {version} is already known.").format(id=c.id, version=c.version))
    return EXIT_OK


def cmd_to_xlsx(args: argparse.Namespace) -> int:
    """The catalog's content as its hash covers it, in a workbook: nothing is lost on the way back."""
    from dtdesktop.authoring import write_xlsx

    c = load(args.ref)
    out = args.out if args.out.suffix else args.out.with_suffix(".xlsx")
    write_xlsx(json.loads(c.canonical), out)
    print_line(_("Wrote {file} ({count} indicators).").format(file=out, count=len(c.indicators)))
    return EXIT_OK


def cmd_from_xlsx(args: argparse.Namespace) -> int:
    """A catalog file from a workbook; any problem is listed with its cell and nothing is written."""
    from dtdesktop.authoring import XlsxError, read_xlsx, yaml_text

    try:
        data, warnings = read_xlsx(args.file)
    except XlsxError as exc:
        raise UserError("\n".join(str(p) for p in exc.problems)) from None
    for w in warnings:
        print_warning(str(w))
    atomic_write_bytes(args.out, yaml_text(data).encode("utf-8"))
    print_line(
        _("Wrote {file}: catalog {id} {version}, SHA-256 {sha}.").format(
            file=args.out, id=data["id"], version=data["version"], sha=sha256_of(data)
        )
    )
    return EXIT_OK


def _publication_error(exc) -> UserError:
    """The refusal, and every problem of a catalog that does not validate, one a line."""
    return UserError("\n".join([str(exc), *exc.problems]))


def cmd_publish(args: argparse.Namespace) -> int:
    from dtdesktop.cli.exchange_cmds import signing_key
    from dtdesktop.publication.errors import PublicationError
    from dtdesktop.publication.publish import PublishOptions, publish, write_draft
    from dtdesktop.signing.certificates import load_trust

    catalog = load(str(args.file))
    reviewers = tuple(c for path in args.reviewer for c in load_trust([path]))
    options = PublishOptions(
        number=args.number or "",
        province=args.province or "",
        capacity=args.signs_as.replace("-", "_"),
        trust=reviewers,
        lang=current_language(),
    )
    try:
        if args.draft:
            if not args.province:
                raise UsageError(
                    _("A draft is signed by nobody yet: give the province with --province CODE.")
                )
            path = write_draft(catalog, args.out, options)
            if args.json:
                print_json({"file": str(path), "draft": True})
            else:
                print_line(
                    _("Draft decision written to {file}; it is not signed and cannot be installed.").format(
                        file=path
                    )
                )
            return EXIT_OK
        result = publish(catalog, signing_key(args), args.out, options)
    except PublicationError as exc:
        raise _publication_error(exc) from None
    p = result.publication
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "size": result.size,
                "sha256": result.sha256,
                "number": p.number,
                "province": p.province_code,
                "catalog": {"id": p.catalog_id, "version": p.catalog_version, "sha256": p.catalog_sha256},
                "reviewers": len(p.trust),
            }
        )
    else:
        print_line(
            _("Signed decision {number} issuing {id} {version} written to {file}.").format(
                number=p.number, id=p.catalog_id, version=p.catalog_version, file=result.path
            )
        )
    return EXIT_OK


def cmd_install(args: argparse.Namespace) -> int:
    from dtdesktop.cli.context import open_store
    from dtdesktop.publication.errors import PublicationError
    from dtdesktop.publication.install import check_file, install
    from dtdesktop.signing.certificates import load_trust

    store = open_store(args)
    extra = list(load_trust(args.trust)) if args.trust else []
    try:
        checked = check_file(args.file, store, extra, unsigned=args.unsigned)
        done = install(store, checked)
    except PublicationError as exc:
        raise _publication_error(exc) from None
    c, pub = checked.catalog, checked.publication
    if args.json:
        print_json(
            {
                "id": c.id,
                "version": c.version,
                "sha256": c.sha256,
                "status": checked.status,
                "publisher": checked.signer_name,
                "number": pub.number if pub else None,
                "installed": done.added,
                "already_shipped": done.shipped,
                "reviewers": done.reviewers,
            }
        )
        return EXIT_OK
    if not done.added:
        said = (
            _("{id} {version} ships with the program; nothing changed.")
            if done.shipped
            else _("{id} {version} is already installed; nothing changed.")
        )
        print_line(said.format(id=c.id, version=c.version))
        return EXIT_OK
    if pub is not None:
        print_line(
            _(
                "Installed {id} {version}, issued by decision {number} of {province}, signed by {signer} "
                "on {date}."
            ).format(
                id=c.id,
                version=c.version,
                number=safe(pub.number, 100),
                province=safe(pub.province_name, 80),
                signer=safe(checked.signer_name or "?", 80),
                date=format_date(
                    checked.signed_at.date() if checked.signed_at else pub.issued, current_language()
                ),
            )
        )
        if done.reviewers:
            print_line(
                _("{n} reviewer certificates of the province are now trusted for {province}.").format(
                    n=done.reviewers, province=safe(pub.province_name, 80)
                )
            )
    else:
        print_line(
            _("Installed {id} {version}, unsigned: nobody vouches for it but you.").format(
                id=c.id, version=c.version
            )
        )
    print_line(_("Use it: dtdesktop assess new --catalog {id} --unit CODE --period YEAR").format(id=c.id))
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from dtdesktop.cli.context import open_store
    from dtdesktop.publication.errors import PublicationError
    from dtdesktop.publication.install import remove

    try:
        removed = remove(open_store(args), args.ref)
    except PublicationError as exc:
        raise _publication_error(exc) from None
    if args.json:
        print_json([{"id": c.id, "version": c.version, "sha256": c.sha256} for c in removed])
        return EXIT_OK
    for c in removed:
        print_line(_("Removed {id} {version}.").format(id=c.id, version=c.version))
    return EXIT_OK
