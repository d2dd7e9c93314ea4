"""`dtdesktop summary`: the area as a whole, as a spreadsheet, a CSV file or a consolidated report."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.context import open_store
from dtdesktop.cli.errors import EXIT_OK, UsageError
from dtdesktop.cli.output import print_line
from dtdesktop.i18n import _, current_language

FORMATS = (".pdf", ".xlsx", ".csv")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "summary", help=_("every commune of a province for a period, against the targets: PDF, XLSX or CSV")
    )
    p.add_argument("--province", metavar=_("CODE"), help=_("the province (default: the only one received)"))
    p.add_argument(
        "--period",
        type=whole_number,
        metavar=_("YEAR"),
        help=_("the period (default: the only one received)"),
    )
    p.add_argument(
        "--groups",
        type=Path,
        metavar=_("FILE.csv"),
        help=_("groups of communes: a CSV of group and unit code (default: the former districts, if any)"),
    )
    p.add_argument(
        "--catalog", metavar="ID", help=_("the criteria set (default: the one most communes used)")
    )
    p.add_argument("--out", required=True, type=Path, metavar=_("FILE.pdf|FILE.xlsx|FILE.csv"))
    p.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    from dtdesktop.summary.area import build_summary

    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(_("Write the summary to a .pdf, .xlsx or .csv file."))
    summary = build_summary(open_store(args), args.province, args.period, args.groups, args.catalog)
    lang = current_language()
    if suffix == ".pdf":
        from dtdesktop.summary.pdf import write_pdf

        path = write_pdf(summary, args.out, lang)
    elif suffix == ".xlsx":
        from dtdesktop.summary.writers import write_xlsx

        path = write_xlsx(summary, args.out)
    else:
        from dtdesktop.summary.writers import write_csv

        path = write_csv(summary, args.out, lang)
    counts = summary.counts
    print_line(
        _("Summary of {units} communes of {province}, {period} ({sent} sent) written to {file}.").format(
            units=len(summary.lines),
            province=summary.province_name,
            period=summary.period,
            sent=len(summary.lines) - counts["not_sent"],
            file=path,
        )
    )
    return EXIT_OK
