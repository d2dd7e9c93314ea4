"""The `dtdesktop` command: the application with no verb, the headless verbs of spec/cli.md otherwise."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dtdesktop import __version__
from dtdesktop.catalogs import CatalogError
from dtdesktop.cli import argparse_i18n
from dtdesktop.cli.errors import EXIT_CHECK_FAILED, EXIT_USAGE, UsageError, UserError
from dtdesktop.decisions.errors import DecisionRefused
from dtdesktop.exchange.errors import ExchangeError
from dtdesktop.files import OutputError
from dtdesktop.i18n import LANGUAGES, _, set_language, system_language
from dtdesktop.reports.errors import ReportError
from dtdesktop.review.errors import ReviewError
from dtdesktop.scoring import AnswerError
from dtdesktop.signing.errors import IdentityError
from dtdesktop.storage import StoreError
from dtdesktop.storage.assessments import AssessmentError

CORE_ERRORS = (
    CatalogError,
    AnswerError,
    StoreError,
    AssessmentError,
    IdentityError,
    ExchangeError,
    OutputError,
    ReportError,
    ReviewError,
    DecisionRefused,
)


class Parser(argparse.ArgumentParser):
    """argparse with usage errors as one translated sentence and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    from dtdesktop.cli import (
        assess_cmds,
        backup_cmds,
        catalog_cmds,
        decision_cmds,
        demo_cmd,
        exchange_cmds,
        identity_cmds,
        review_cmds,
        score_cmd,
        summary_cmds,
        units_cmd,
    )

    parser = Parser(
        prog="dtdesktop", description=_("Digital transformation assessment of communes, offline.")
    )
    parser.add_argument("--version", action="version", version=f"dtdesktop {__version__}")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)
    modules = (
        catalog_cmds,
        score_cmd,
        assess_cmds,
        identity_cmds,
        exchange_cmds,
        review_cmds,
        decision_cmds,
        summary_cmds,
        units_cmd,
        backup_cmds,
        demo_cmd,
    )
    for module in modules:
        module.register(sub)
    _global_options_after_verbs(parser)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--db",
        metavar=_("URL|PATH"),
        default=default,
        help=_("database (default: SQLite in the user's data folder; env DTDESKTOP_DB)"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=default, help=_("language of messages: vi or en")
    )


def _global_options_after_verbs(parser: argparse.ArgumentParser) -> None:
    """`--db` and `--lang` after the verb too (`dtdesktop report 1 --lang en`), as people type them.

    A verb's copy has no default, so that it never overwrites the value given before the verb."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb in {id(p): p for p in action.choices.values()}.values():
                add_global_options(verb, default=argparse.SUPPRESS)
                _global_options_after_verbs(verb)


def _early_language(argv: Sequence[str]) -> str:
    """The `--lang` of the command line, before or after the verb (the last one wins, as in the parser),
    read before the parser is built (its help is translated)."""
    chosen = system_language()
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            chosen = argv[i + 1]
        elif arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            chosen = arg.split("=", 1)[1]
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_language(args_list))
    argparse_i18n.install()
    _utf8_streams()
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if getattr(args, "command", None) is None:
            return open_application(args)
        if getattr(args, "func", None) is None:
            parser.print_help()
            return EXIT_USAGE
        return int(args.func(args))
    except UserError as exc:
        sys.stderr.write(exc.message.rstrip() + "\n")
        return exc.code
    except CORE_ERRORS as exc:
        sys.stderr.write(str(exc).rstrip() + "\n")
        return EXIT_CHECK_FAILED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the reader left (e.g. `| head`)
        return 0
    except KeyboardInterrupt:
        sys.stderr.write(_("Interrupted.") + "\n")
        return 130
    except Exception as exc:
        log = _write_crash_log()
        sys.stderr.write(
            _("Something went wrong inside dtdesktop ({error}); details were written to {log}.").format(
                error=type(exc).__name__, log=log
            )
            + "\n"
        )
        return EXIT_CHECK_FAILED


def open_application(args: argparse.Namespace) -> int:
    """With no verb: the officer's window (with `--db` and `--lang` if given)."""
    from dtdesktop.gui.main import run

    return run(db=args.db or os.environ.get("DTDESKTOP_DB"), lang=args.lang)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (getattr(stream, "encoding", "") or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8")


def _write_crash_log() -> str:
    from dtdesktop import crashlog

    return crashlog.write(*sys.exc_info()) or "stderr"
