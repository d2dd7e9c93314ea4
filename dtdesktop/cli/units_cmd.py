"""`dtdesktop units search`: find a unit by name (with or without diacritics) or code."""

from __future__ import annotations

import argparse

from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.errors import EXIT_CHECK_FAILED, EXIT_OK
from dtdesktop.cli.output import print_json, print_line, print_table
from dtdesktop.i18n import _
from dtdesktop.units import SCHEMES, search


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("units", help=_("search the national list of administrative units"))
    verbs = p.add_subparsers(dest="verb", metavar=_("VERB"), required=True)
    s = verbs.add_parser("search", help=_("find units by name or code"))
    s.add_argument("query", metavar=_("TEXT"), help=_("name (diacritics optional) or code"))
    s.add_argument("--province", metavar=_("NAME|CODE"), help=_("only within this province"))
    s.add_argument(
        "--level",
        choices=("commune", "district", "province"),
        default="commune",
        help=_("kind of unit (default: commune)"),
    )
    s.add_argument(
        "--list",
        dest="scheme",
        choices=SCHEMES,
        default="2026",
        help=_("2026: the two-tier list from 1/7/2025 (default); 2025: the list before it"),
    )
    s.add_argument("--limit", type=whole_number, default=50, help=_("at most this many results"))
    s.add_argument("--json", action="store_true", help=_("print JSON"))
    s.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    units = search(args.query, args.province, args.scheme, args.level, max(args.limit, 1))
    if args.json:
        print_json(
            [
                {
                    "code": u.ref,
                    "name": u.name,
                    "full_name": u.full_name,
                    "level": u.level,
                    "province_code": u.province_code,
                    "province": u.province_name,
                    "district": u.district_name,
                }
                for u in units
            ]
        )
    elif units:
        print_table([[u.ref, u.label] for u in units], [_("Code"), _("Unit")])
    else:
        print_line(_("No unit matches “{query}”.").format(query=args.query))
    return EXIT_OK if units else EXIT_CHECK_FAILED
