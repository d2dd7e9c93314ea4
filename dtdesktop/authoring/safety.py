"""Checks on a spreadsheet file before any XLSX reader sees it: a zip of bounded size, no macros, no links.

An XLSX is a zip of XML parts. A hostile one can declare small parts that inflate to gigabytes, hide a VBA
project behind an .xlsx name, or pull values from other files; each is refused here, by content, with its
reason.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dtdesktop.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNCOMPRESSED = 64 * 1024 * 1024  # every part together, once inflated
MAX_RATIO = 200  # a part that inflates more than this from a sizeable compressed size is a bomb
_CHUNK = 64 * 1024
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def archive_problems(path: Path) -> list[str]:
    """Every reason the file at *path* cannot be read safely as a spreadsheet; empty when it can."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [_("The file cannot be read ({reason}).").format(reason=exc.strerror)]
    if size > MAX_FILE_BYTES:
        msg = _("The file is too large for a criteria spreadsheet ({size} bytes; at most {limit}).")
        return [msg.format(size=size, limit=MAX_FILE_BYTES)]
    if not zipfile.is_zipfile(path):
        return [_("The file is not an Excel workbook (.xlsx); save it from Excel as “Excel Workbook”.")]
    try:
        with zipfile.ZipFile(path) as zf:
            return _zip_problems(zf)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        # zipfile raises NotImplementedError for a compression method it does not know (a part packed by a
        # tool Excel is not): a damaged workbook to the author, like the others.
        return [_("The workbook is damaged ({reason}); save it again from Excel.").format(reason=exc)]


def _zip_problems(zf: zipfile.ZipFile) -> list[str]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        msg = _("The workbook holds {count} parts, more than a spreadsheet has ({limit} at most).")
        return [msg.format(count=len(infos), limit=MAX_ENTRIES)]
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNCOMPRESSED:
        return [_bomb()]
    for info in infos:
        if info.compress_size > 1024 and info.file_size > MAX_RATIO * info.compress_size:
            return [_bomb()]
    names = {i.filename for i in infos}
    problems = []
    if (
        any(n.lower().endswith("vbaproject.bin") for n in names)
        or b"macroenabled" in _part(zf, "[Content_Types].xml").lower()
    ):
        problems.append(
            _(
                "The workbook contains macros; save it as an “Excel Workbook” (.xlsx) without macros and try "
                "again."
            )
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        problems.append(
            _(
                "The workbook takes values from other files (external links); copy the values in and remove "
                "the links (Data › Edit Links › Break Link)."
            )
        )
    if problems:
        return problems
    total = 0
    for info in infos:
        read = _inflated_size(zf, info, MAX_UNCOMPRESSED - total)
        if read is None or read != info.file_size:
            return [_bomb()]
        total += read
    return _merge_problems(zf, names)


def _bomb() -> str:
    return _(
        "The workbook inflates to more than {limit} MB when opened, far more than a criteria set needs; it "
        "is refused as unsafe."
    ).format(limit=MAX_UNCOMPRESSED // (1024 * 1024))


def _inflated_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int | None:
    """The actual inflated size of a part, or None as soon as it exceeds *budget* or its declared size."""
    read = 0
    with zf.open(info) as f:
        while chunk := f.read(_CHUNK):
            read += len(chunk)
            if read > budget or read > info.file_size:
                return None
    return read


def _part(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        return b""


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name as the author sees it on its tab."""
    rels = {rid: target for rid, target in _REL.findall(_part(zf, "xl/_rels/workbook.xml.rels"))}
    rels.update(
        {rid: target for target, rid in _REL_REVERSED.findall(_part(zf, "xl/_rels/workbook.xml.rels"))}
    )
    out = {}
    for name, rid in _SHEET.findall(_part(zf, "xl/workbook.xml")):
        target = rels.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        out[part] = name.decode("utf-8", "replace")
    return out


def _merge_problems(zf: zipfile.ZipFile, names: set[str]) -> list[str]:
    sheets = _sheet_names(zf)
    problems = []
    for part in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        for ref in _merged_ranges(zf, part):
            msg = _(
                "Sheet “{sheet}” has merged cells ({cells}); unmerge them and write the value in each row."
            )
            problems.append(msg.format(sheet=sheets.get(part, part), cells=ref.decode("ascii")))
    return problems


def _merged_ranges(zf: zipfile.ZipFile, part: str) -> list[bytes]:
    """The merged ranges a worksheet part declares, read in chunks: a large sheet is never held whole."""
    found: list[bytes] = []
    tail = b""
    with zf.open(part) as f:
        while chunk := f.read(_CHUNK):
            window = tail + chunk
            cut = window.rfind(b"<")  # a tag cut at the chunk's end is read whole with the next one
            head, tail = (window[:cut], window[cut:]) if cut > 0 else (window, b"")
            found += _MERGE.findall(head)
            tail = tail[-4096:]
    found += _MERGE.findall(tail)
    return found
