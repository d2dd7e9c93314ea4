"""Files embedded in a PDF (the document-level EmbeddedFiles name tree), as the exporter writes them; the
gate reads them back with `bounded.read_attachments_bounded`."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

# Already compressed: deflating these again costs time and saves nothing.
_STORED_AS_IS = (
    "image/",
    "video/",
    "audio/",
    "application/pdf",
    "application/zip",
    "application/vnd.openxml",
)


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    data: bytes
    media_type: str
    description: str


def embed_all(writer: IncrementalPdfFileWriter, files: list[Attachment], when: dt.datetime) -> None:
    for f in files:
        compress = not f.media_type.startswith(_STORED_AS_IS)
        stream = embed.EmbeddedFileObject.from_file_data(
            writer,
            data=f.data,
            compress=compress,
            mime_type=f.media_type,
            params=embed.EmbeddedFileParams(creation_date=when, modification_date=when),
        )
        embed.embed_file(
            writer,
            embed.FileSpec(
                file_spec_string=ascii_name(f.name),
                file_name=f.name,
                embedded_data=stream,
                description=f.description,
            ),
        )


def ascii_name(name: str) -> str:
    """The legacy /F name must be PDFDocEncoding-safe; the Unicode name goes in /UF."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if ord(c) < 128 and not unicodedata.combining(c)) or "file"
