"""argparse's own messages (usage, errors, help headings) through our catalog, so Vietnamese is complete."""

from __future__ import annotations

import argparse

from dtdesktop.i18n import N_, _

# argparse's strings, marked here so that extraction puts them in our catalog.
STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected %s arguments"),
)


def install() -> None:
    """Route argparse's gettext lookups through ours (argparse reads its module-level `_` at call time)."""
    argparse._ = _  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    """An ID, a year, a count typed on the command line; a mistake said in words ("12", not "int")."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a whole number such as 12.").format(text=text)
        ) from None
