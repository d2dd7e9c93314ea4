"""`dtdesktop score`: stateless scoring of an answers file against a catalog."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dtdesktop.cli.argparse_i18n import whole_number
from dtdesktop.cli.catalog_cmds import load_anywhere
from dtdesktop.cli.errors import EXIT_OK, UsageError, UserError
from dtdesktop.cli.output import print_json, print_line, print_table
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring import ScoreResult, parse_answers, score
from dtdesktop.scoring.display import status_label
from dtdesktop.text import format_number, format_percent

MAX_ANSWERS_BYTES = 10 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help=_("score an answers file against a catalog"))
    p.add_argument("--catalog", required=True, metavar=_("ID|FILE"), help=_("catalog id or file"))
    p.add_argument("--answers", required=True, metavar=_("FILE"), type=Path, help=_("answers JSON file"))
    p.add_argument("--horizon", type=whole_number, metavar=_("YEAR"), help=_("horizon year of the targets"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_score)


def read_json_file(path: Path) -> Any:
    """A JSON file read whole, or a UserError saying why not."""
    try:
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise UserError(_("{file} is too large for an answers file.").format(file=path))
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise UserError(_("{file} does not exist; check the path.").format(file=path)) from None
    except OSError as exc:
        raise UserError(
            _("{file} cannot be read ({reason}).").format(file=path, reason=exc.strerror)
        ) from None
    except UnicodeDecodeError:
        raise UserError(_("{file} is not UTF-8 text; save it as UTF-8.").format(file=path)) from None
    except json.JSONDecodeError as exc:
        msg = _("{file} is not valid JSON (line {line}, column {col}: {what}).")
        raise UserError(msg.format(file=path, line=exc.lineno, col=exc.colno, what=exc.msg)) from None


def check_horizon(catalog_horizons: tuple[int, ...], horizon: int | None) -> None:
    if horizon is not None and not 2000 <= horizon <= 2100:
        raise UsageError(_("The horizon must be a year such as 2025 or 2030."))
    if horizon is not None and horizon not in catalog_horizons:
        years = ", ".join(map(str, catalog_horizons))
        raise UsageError(_("This catalog has targets for {years}; choose one of them.").format(years=years))


def cmd_score(args: argparse.Namespace) -> int:
    catalog = load_anywhere(args.catalog, args)
    check_horizon(catalog.horizons, args.horizon)
    answers, problems = parse_answers(catalog, read_json_file(args.answers))
    if problems:
        raise UserError(_("The answers file has problems: {list}").format(list=" ".join(problems)))
    result = score(catalog, answers, args.horizon)
    if args.json:
        print_json(result.to_json(current_language()))
    else:
        print_result(result)
    return EXIT_OK


def print_result(result: ScoreResult) -> None:
    lang = current_language()
    print_line(
        _("Catalog: {id} {version} (horizon {horizon})").format(
            id=result.catalog_id, version=result.catalog_version, horizon=result.horizon
        )
    )
    print_line(
        _("Total: {total} / {max} points ({percent})").format(
            total=format_number(result.total, lang=lang),
            max=format_number(result.max, lang=lang),
            percent=format_percent(result.percent, lang),
        )
    )
    print_line(_("Rating: {rating}").format(rating=result.rating.get(lang) if result.rating else "—"))
    print_line(_("Completed: {answer}").format(answer=_("yes") if result.completed else _("no")))
    print_line()
    rows = [
        [
            p.code,
            f"{format_number(p.score, lang=lang)} / {format_number(p.max, lang=lang)}",
            format_percent(p.percent, lang),
        ]
        for p in result.pillars
    ]
    print_table(rows, [_("Pillar"), _("Points"), _("Percent")])
    print_line()
    rows = [
        [
            r.code,
            status_label(r.status),
            f"{format_number(r.points, lang=lang)} / {format_number(r.max, lang=lang)}",
        ]
        for r in result.indicators
    ]
    print_table(rows, [_("Indicator"), _("Status"), _("Points")])
    if result.missing:
        print_line()
        print_line(_("Not answered: {codes}").format(codes=", ".join(result.missing)))
