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
