"""Translations: Babel-managed gettext catalogs in `translations/`; Vietnamese by default, English second.

Source strings are written in English (as Qt's own are); the Vietnamese catalog translates every one of
them, and a test keeps it complete.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from dtdesktop.paths import resource_dir

DOMAIN = "dtdesktop"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE, "tr": None}
_local = threading.local()


@cache
def translations_for(lang: str) -> gettext.NullTranslations:
    """Compile `translations/<lang>/LC_MESSAGES/dtdesktop.po` in memory (no build step to forget)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = resource_dir("translations") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _state["lang"] = lang
    _state["tr"] = translations_for(lang)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Translate into *lang* inside the block, in this thread only (a report in English rendered in the
    background while the window stays Vietnamese)."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    before = getattr(_local, "lang", None)
    _local.lang = lang
    try:
        yield
    finally:
        _local.lang = before


def current_language() -> str:
    return getattr(_local, "lang", None) or str(_state["lang"])


def system_language() -> str:
    """The language from `DTDESKTOP_LANG` or the system locale; Vietnamese when it is not English."""
    explicit = os.environ.get("DTDESKTOP_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT_LANGUAGE
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "en" if code.lower().startswith("en") else DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate *message* into the current language."""
    override = getattr(_local, "lang", None)
    if override:
        return translations_for(override).gettext(message)
    tr = _state["tr"]
    if tr is None:
        tr = translations_for(current_language())
        _state["tr"] = tr
    return tr.gettext(message)  # type: ignore[attr-defined]


def pgettext(context: str, message: str) -> str:
    """Translate *message* in *context* (Qt's own strings and Designer forms carry one)."""
    lang = current_language()
    return translations_for(lang).pgettext(context, message)


def translate_noop(context: str, message: str) -> str:
    """Mark a context-bound message (one of Qt's own) for extraction; the translator looks it up later."""
    return message


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it yet."""
    return message
