"""Before signing: will the submission file pass through e-mail? Most services refuse a message over about
20 MB, and the evidence files are nearly all of a file's size, so the largest are named."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass

from dtdesktop.i18n import _
from dtdesktop.media import DOWNSCALABLE
from dtdesktop.storage.records import Evidence
from dtdesktop.text import format_number

MB = 1024 * 1024
EMAIL_LIMIT = 20 * MB
REPORT_ALLOWANCE = MB // 2  # the report, the assessment's data and the signature stay well under this
NAMED = 3  # how many of the largest evidence files the warning names


@dataclass(frozen=True, slots=True)
class EvidenceSize:
    name: str
    size: int
    media_type: str

    @property
    def downscalable(self) -> bool:
        return self.media_type in DOWNSCALABLE


@dataclass(frozen=True, slots=True)
class SizeCheck:
    estimate: int  # bytes the signed file will have, about
    files: tuple[EvidenceSize, ...]  # each evidence file once, the largest first

    @property
    def over(self) -> bool:
        return self.estimate > EMAIL_LIMIT

    @property
    def downscalable(self) -> tuple[EvidenceSize, ...]:
        return tuple(f for f in self.files if f.downscalable)


def size_check(evidence: Iterable[Evidence]) -> SizeCheck:
    """The submission file's size from its evidence (each file is embedded once) and the report."""
    seen: dict[str, EvidenceSize] = {}
    for e in evidence:
        if e.file_sha256 and e.file_sha256 not in seen:
            name = e.file_name or e.file_sha256[:12]
            media = mimetypes.guess_type(name)[0] or "application/octet-stream"
            seen[e.file_sha256] = EvidenceSize(name, e.file_size or 0, media)
    files = tuple(sorted(seen.values(), key=lambda f: (-f.size, f.name)))
    return SizeCheck(REPORT_ALLOWANCE + sum(f.size for f in files), files)


def megabytes(size: int, lang: str) -> str:
    return format_number(size / MB, decimals=1, lang=lang)


def size_warning(check: SizeCheck, lang: str) -> str:
    """One sentence: how large, the limit, and the largest evidence files by name and size."""
    named = [f for f in check.files[:NAMED] if f.size >= MB // 10] or check.files[:NAMED]  # not "(0 MB)"
    largest = ", ".join(f"{f.name} ({megabytes(f.size, lang)} MB)" for f in named)
    return _(
        "The file will be about {size} MB, more than e-mail usually accepts ({limit} MB); the largest "
        "evidence files are {files}."
    ).format(size=megabytes(check.estimate, lang), limit=EMAIL_LIMIT // MB, files=largest)
