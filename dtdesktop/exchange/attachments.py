"""Files embedded in a PDF (the document-level EmbeddedFiles name tree): write them, read them back."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from pyhanko.pdf_utils import embed, generic
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
MAX_NAME_TREE_DEPTH = 16


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


def _names(node: generic.DictionaryObject, depth: int = 0) -> list[tuple[str, generic.DictionaryObject]]:
    if depth > MAX_NAME_TREE_DEPTH:
        return []
    out = []
    names = node.get("/Names")
    if names is not None:
        items = list(names.get_object())
        for i in range(0, len(items) - 1, 2):
            spec = items[i + 1].get_object()
            if isinstance(spec, generic.DictionaryObject):
                out.append((str(items[i]), spec))
    kids = node.get("/Kids")
    for kid in kids.get_object() if kids is not None else []:
        out += _names(kid.get_object(), depth + 1)
    return out


def read_all(root: generic.DictionaryObject) -> dict[str, bytes]:
    """Every embedded file under *root* (a document catalog, current or historical), by its Unicode name."""
    try:
        tree = root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return {}
    out: dict[str, bytes] = {}
    for key, spec in _names(tree.get_object()):
        name = str(spec.get("/UF") or spec.get("/F") or key)
        ef = spec.get("/EF")
        if ef is None:
            continue
        stream = (ef.get("/UF") or ef.get("/F")).get_object()
        out[name] = stream.data
    return out
