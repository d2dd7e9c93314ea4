"""File names from outside, made safe to write on any disk (Windows included), and readable still."""

from __future__ import annotations

import re
import unicodedata

from dtdesktop.text import nfc

MAX_NAME = 120
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_FORBIDDEN = set('<>:"/\\|?*')


def clean_name(name: str, fallback: str = "tep") -> str:
    """A plain file name: no folder part, no control character, none of <>:"/\\|?*, not a Windows device
    name, no trailing dot or space, at most 120 characters (the extension kept)."""
    base = nfc(name).replace("\\", "/").rsplit("/", 1)[-1]
    chars = []
    for ch in base:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or ch in _FORBIDDEN:
            chars.append("_")
        else:
            chars.append(ch)
    out = "".join(chars).strip().rstrip(". ")
    out = out.lstrip(".") or fallback  # no hidden files, no "." or ".."
    if _RESERVED.match(out):
        out = "_" + out
    if len(out) > MAX_NAME:
        stem, dot, ext = out.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            out = stem[: MAX_NAME - len(ext) - 1].rstrip(". ") + "." + ext
        else:
            out = out[:MAX_NAME].rstrip(". ")
    return out or fallback
