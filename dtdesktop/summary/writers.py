"""The summary written as a spreadsheet (a sheet per view, frozen headers, filters, number formats that
Excel shows the Vietnamese way) or as a CSV file that Excel opens in Vietnamese (UTF-8 with a BOM,
semicolons, decimal commas)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from dtdesktop.files import atomic_write
from dtdesktop.summary.area import AreaSummary
from dtdesktop.summary.tables import indicators, units, views

MAX_SHEET_NAME = 31


def write_xlsx(a: AreaSummary, out: Path) -> Path:
    """Write-only mode: rows are streamed to the file, so that thousands of units stay fast and small."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EEF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    for view in views(a):
        ws = wb.create_sheet(view.name[:MAX_SHEET_NAME])
        ws.freeze_panes = "A2"
        for i in range(len(view.headers)):
            ws.column_dimensions[get_column_letter(i + 1)].width = view.widths.get(i, 12)
        if view.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(view.headers))}{len(view.rows) + 1}"
        head = []
        for text in view.headers:
            cell = WriteOnlyCell(ws, value=text)
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
            head.append(cell)
        ws.append(head)
        for row in view.rows:
            ws.append([_cell(ws, value, i in view.percent_columns) for i, value in enumerate(row)])

    def save(fh) -> None:
        wb.save(fh)

    return atomic_write(out, save)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a text starting so is read as a formula by a spreadsheet


def _cell(ws, value: Any, percent: bool):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # a group named "=HYPERLINK(…)" stays a text, never a formula
        return cell
    if isinstance(value, float) or (percent and isinstance(value, int) and not isinstance(value, bool)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "0.00"  # shown with the reader's decimal comma in a Vietnamese Excel
        return cell
    return value


def write_csv(a: AreaSummary, out: Path, lang: str = "vi") -> Path:
    """One row per unit: its status, score and pillar scores, then each indicator met or not."""
    unit_view, indicator_view = units(a), indicators(a)
    header = unit_view.headers + indicator_view.headers[2:]
    by_code = {row[0]: row[2:] for row in indicator_view.rows}
    rows = [row + by_code.get(row[1], []) for row in unit_view.rows]
    delimiter, decimal = (";", ",") if lang == "vi" else (",", ".")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(v, decimal) for v in row])
    data = buf.getvalue().encode("utf-8-sig")
    return atomic_write(out, lambda fh: fh.write(data))


def _text(value: Any, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", decimal)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text  # shown as written, never run
