"""Every user-visible string is translatable, and the Vietnamese catalog translates every one of them."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dtdesktop.i18n import _, set_language

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[rsd]|%s|%[1-9]")
# The same keywords as the extraction command in README.md: _ and N_ for dtdesktop's own messages,
# translate(context, text) for Designer forms, translate_noop(context, text) for Qt's own strings.
KEYWORDS = {"_": None, "N_": None, "translate": ((1, "c"), 2), "translate_noop": ((1, "c"), 2)}


def source_messages() -> set[tuple[str | None, str]]:
    found = extract_from_dir(str(ROOT), method_map=[("dtdesktop/**.py", "python")], keywords=KEYWORDS)
    return {(ctx, msg if isinstance(msg, str) else msg[0]) for _file, _line, msg, _comments, ctx in found}


def catalog(lang: str):
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "dtdesktop.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def test_vietnamese_translates_every_message_in_the_source():
    vi = catalog("vi")
    messages = source_messages()
    assert len(messages) > 150
    untranslated = sorted(
        (ctx or "", m)
        for ctx, m in messages
        if not ((entry := vi.get(m, context=ctx)) and entry.string and not entry.fuzzy)
    )
    assert untranslated == [], "run pybabel extract/update and translate these"


def test_placeholders_survive_translation():
    vi = catalog("vi")
    wrong = [
        m.id
        for m in vi
        if m.id and m.string and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert wrong == []


def test_catalog_files_are_nfc():
    text = (ROOT / "translations" / "vi" / "LC_MESSAGES" / "dtdesktop.po").read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)


def test_switching_language():
    set_language("vi")
    assert _("missing") == "chưa trả lời"
    set_language("en")
    assert _("missing") == "missing"
