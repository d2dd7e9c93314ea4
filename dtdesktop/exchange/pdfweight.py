"""How heavy a PDF is to show, measured from its bytes before a viewer reads it: how many pages, and how
much drawing its content streams inflate to. A viewer reads a document whole and draws a page in one go, so
a one-page file of 1 MB whose content inflates to 400 MB of drawing, or 100,000 pages hidden in compressed
object streams, holds the window for many seconds and gigabytes. Every stream is inflated here within a
budget, never further, so the measure itself stays bounded whatever the file holds."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

MAX_PAGES = 2_000
MAX_DRAWING = 16 * 1024 * 1024  # inflated content (not images): a dense scanned page is under 1 MB of it
MAX_STREAMS = 100_000

_STREAM = re.compile(rb"stream\r?\n")
_END = re.compile(rb"\r?\n?endstream")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_DICT_LOOKBACK = 4096


@dataclass(frozen=True)
class Weight:
    pages: int
    drawing: int  # bytes of inflated non-image streams, counted up to just past the budget
    streams: int

    @property
    def too_heavy(self) -> bool:
        return self.pages > MAX_PAGES or self.drawing > MAX_DRAWING or self.streams > MAX_STREAMS


def weigh(data: bytes) -> Weight:
    """Pages (written out, or inside compressed object streams) and inflated drawing, each counted only
    until its limit is passed."""
    pages = len(_PAGE.findall(data))
    drawing = streams = 0
    pos = 0
    while streams <= MAX_STREAMS and pages <= MAX_PAGES and drawing <= MAX_DRAWING:
        m = _STREAM.search(data, pos)
        if m is None:
            break
        start = m.end()
        end_m = _END.search(data, start)
        end = end_m.start() if end_m is not None else len(data)
        pos = end + 1
        streams += 1
        head = data[max(0, m.start() - _DICT_LOOKBACK) : m.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if _IMAGE.search(head):
            continue  # an image is decoded by its own dimensions, which the viewer bounds
        inflated = _inflate(data[start:end], MAX_DRAWING + 1 - drawing)
        drawing += len(inflated)
        pages += len(_PAGE.findall(inflated))  # page objects kept in an object stream
    return Weight(pages, drawing, streams)


def _inflate(raw: bytes, budget: int) -> bytes:
    """The stream inflated as far as *budget* allows; the raw bytes when it is not Flate-compressed."""
    try:
        return zlib.decompressobj().decompress(raw, max(budget, 1))
    except zlib.error:
        return raw[:budget]
