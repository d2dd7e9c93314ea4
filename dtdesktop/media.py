"""Checks on evidence files by kind: an image must open, so that a reviewer can see it."""

from __future__ import annotations

import io
import warnings

from dtdesktop.i18n import _

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp")


class MediaError(ValueError):
    """An evidence file that claims a kind it does not have."""


def check(name: str, media_type: str, data: bytes) -> None:
    """Raise MediaError when an image (by its media type) cannot be decoded."""
    if media_type not in IMAGE_TYPES:
        return
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                img.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise MediaError(
            _(
                "The image {file} cannot be read; it may be damaged. Save it again or attach another copy."
            ).format(file=name)
        ) from None


DOWNSCALABLE = ("image/jpeg", "image/png")
MAX_SIDE = 2000  # pixels: a page of a scanned document or a photo stays readable on screen and on paper


def downscale(media_type: str, data: bytes, max_side: int = MAX_SIDE) -> bytes | None:
    """A smaller copy of a JPEG or PNG image for sending (its longest side at most *max_side* pixels, a
    JPEG at quality 85 with its EXIF kept), or None when the kind is another, the image is no larger than
    that already (it is never encoded again for nothing), or the copy would not be smaller."""
    if media_type not in DOWNSCALABLE:
        return None
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as original:
        if max(original.size) <= max_side:
            return None
        img = ImageOps.exif_transpose(original)  # the copy is upright in its pixels
        img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if media_type == "image/jpeg":
            exif = img.getexif().tobytes()
            img.convert("RGB").save(out, "JPEG", quality=85, optimize=True, exif=exif)
        else:
            img.save(out, "PNG", optimize=True)
    small = out.getvalue()
    return small if len(small) < len(data) else None
