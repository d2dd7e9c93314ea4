"""A PDF's weight is measured from its bytes, within bounds, before the reviewer's window shows it."""

from __future__ import annotations

import io
import time
import zlib

from dtdesktop.exchange.pdfweight import MAX_DRAWING, MAX_PAGES, weigh


def _pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, 1))
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def _stream(head: bytes, content: bytes) -> bytes:
    return head + b"\nstream\n" + content + b"\nendstream"


def test_a_content_bomb_is_too_heavy_and_measured_within_its_budget():
    drawing = b"0 0 m 100 100 l S\n" * (40 * 1024 * 1024 // 18)  # 40 MB of lines, a few KB compressed
    packed = zlib.compress(drawing, 9)
    data = _pdf(
        b"<< /Type /Catalog >>", _stream(b"<< /Length %d /Filter /FlateDecode >>" % len(packed), packed)
    )
    start = time.perf_counter()
    w = weigh(data)
    assert w.too_heavy and MAX_DRAWING < w.drawing <= MAX_DRAWING + 1
    assert time.perf_counter() - start < 2


def test_pages_hidden_in_an_object_stream_are_counted():
    pages = b"".join(b"<< /Type /Page /Parent 2 0 R >>\n" for _ in range(MAX_PAGES + 10))
    packed = zlib.compress(pages)
    data = _pdf(_stream(b"<< /Type /ObjStm /N 2010 /First 0 /Filter /FlateDecode >>", packed))
    assert b"/Type /Page " not in data
    w = weigh(data)
    assert w.pages > MAX_PAGES and w.too_heavy


def test_images_do_not_count_as_drawing_and_an_ordinary_document_is_light():
    photo = zlib.compress(bytes(30 * 1024 * 1024))  # a 30 MB raw image, Flate-compressed
    data = _pdf(
        b"<< /Type /Catalog >>",
        _stream(b"<< /Type /XObject /Subtype /Image /Width 4000 /Height 2500 /Filter /FlateDecode >>", photo),
    )
    assert not weigh(data).too_heavy
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for n in range(30):
        c.drawString(72, 720, f"Trang {n + 1}: biên bản họp Ban chỉ đạo chuyển đổi số")
        c.showPage()
    c.save()
    w = weigh(buf.getvalue())
    assert w.pages == 30 and not w.too_heavy
