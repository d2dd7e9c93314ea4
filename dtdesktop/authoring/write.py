"""A catalog as a workbook an author can edit in Excel: a sheet per part, drop-downs, frozen headers."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dtdesktop.authoring.layout import (
    CHOICES,
    COLUMNS,
    DOCUMENTS,
    INDICATORS,
    NO,
    PILLARS,
    PROGRAM,
    RATINGS,
    SETTING_FIELDS,
    SETTINGS,
    SETTINGS_COLUMNS,
    STEPS,
    YES,
    Column,
    indicator_columns,
    setting_key,
)
from dtdesktop.files import atomic_write

MAX_ROWS_VALIDATED = 2000  # drop-downs reach this far down, well past any catalog's size
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")


def write_xlsx(data: dict[str, Any], path: Path) -> None:
    """Write the catalog *data* (its parsed, normalised content) as a workbook at *path*, atomically."""
    atomic_write(path, build_workbook(data).save)


def build_workbook(data: dict[str, Any]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _settings(wb.create_sheet(SETTINGS), data)
    _table(wb.create_sheet(DOCUMENTS), COLUMNS[DOCUMENTS], data["legal_basis"])
    _table(wb.create_sheet(PILLARS), COLUMNS[PILLARS], data["pillars"])
    indicators, choices, steps = _indicator_rows(data)
    _table(wb.create_sheet(INDICATORS), indicator_columns(_years(data)), indicators, freeze="C2")
    _table(wb.create_sheet(CHOICES), COLUMNS[CHOICES], choices)
    _table(wb.create_sheet(STEPS), COLUMNS[STEPS], steps)
    _table(wb.create_sheet(RATINGS), COLUMNS[RATINGS], data["ratings"])
    _table(wb.create_sheet(PROGRAM), COLUMNS[PROGRAM], data.get("program_targets", []))
    for ws in wb.worksheets:
        _fit_rows(ws)
    return wb


def _fit_rows(ws: Worksheet) -> None:
    """Give each row the height its wrapped text needs. Excel fits rows when it opens a file, but
    LibreOffice keeps the default height and draws long texts over the rows below."""
    widths = {letter: dim.width or 13 for letter, dim in ws.column_dimensions.items()}
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment is not None and cell.alignment.wrap_text:
                per_line = max(int(widths.get(cell.column_letter, 13) * 1.1), 1)
                lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in cell.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(15 * lines + 2, 409)


def _years(data: dict[str, Any]) -> list[int]:
    """The horizon years and every other year an indicator has a target for."""
    years = {int(y) for y in data["horizons"]}
    for pillar in data["pillars"]:
        for ind in pillar["indicators"]:
            years.update(int(y) for y in ind.get("targets", {}))
    return sorted(years)


def _indicator_rows(data: dict[str, Any]) -> tuple[list[dict], list[dict], list[dict]]:
    """Indicators flattened into rows (each with its pillar's code), and their choices and steps."""
    indicators, choices, steps = [], [], []
    for pillar in data["pillars"]:
        for ind in pillar["indicators"]:
            row = {k: v for k, v in ind.items() if k not in ("choices", "targets")}
            row["pillar"] = pillar["code"]
            row["targets"], row["target_ops"] = {}, {}
            for year, value in ind.get("targets", {}).items():
                if isinstance(value, dict):
                    op, value = next(iter(value.items()))
                    row["target_ops"][str(year)] = op
                row["targets"][str(year)] = value
            indicators.append(row)
            choices += [{"indicator": ind["code"], **c} for c in ind.get("choices", ())]
            steps += [{"indicator": ind["code"], **s} for s in ind["rule"].get("steps", ())]
    return indicators, choices, steps


def _get(obj: dict[str, Any], key: tuple[str, ...]) -> Any:
    for part in key:
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def cell_value(col: Column, value: Any) -> Any:
    """The value as the cell holds it: yes/no in words, lists as "2025, 2030", dates as dates."""
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if col.kind == "date" and isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _put(ws: Worksheet, row: int, column: int, col: Column, value: Any) -> None:
    cell = ws.cell(row, column, cell_value(col, value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # "==" and any text starting with "=" stay text, never a formula
        cell.alignment = Alignment(wrap_text=len(cell.value) > 40, vertical="top")
    elif isinstance(cell.value, _dt.date):
        cell.number_format = "DD/MM/YYYY"


def _header(ws: Worksheet, columns: tuple[Column, ...]) -> None:
    for c, col in enumerate(columns, 1):
        cell = ws.cell(1, c, col.header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[1].height = 45


def _dropdowns(ws: Worksheet, columns: tuple[Column, ...], first_row: int = 2) -> None:
    for c, col in enumerate(columns, 1):
        if not col.choices:
            continue
        dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
        dv.error = "Chọn một giá trị trong danh sách / Choose a value from the list"
        dv.showErrorMessage = True
        letter = get_column_letter(c)
        dv.add(f"{letter}{first_row}:{letter}{MAX_ROWS_VALIDATED}")
        ws.add_data_validation(dv)


def _table(
    ws: Worksheet, columns: tuple[Column, ...], rows: list[dict[str, Any]], freeze: str = "A2"
) -> None:
    _header(ws, columns)
    for r, obj in enumerate(rows, 2):
        for c, col in enumerate(columns, 1):
            _put(ws, r, c, col, _get(obj, col.key))
    _dropdowns(ws, columns)
    ws.freeze_panes = freeze


def _settings(ws: Worksheet, data: dict[str, Any]) -> None:
    _header(ws, SETTINGS_COLUMNS)
    value_col = SETTINGS_COLUMNS[2]
    for r, field in enumerate(SETTING_FIELDS, 2):
        ws.cell(r, 1, setting_key(field)).data_type = "s"
        label = ws.cell(r, 2, field.header)
        label.data_type = "s"
        label.alignment = Alignment(wrap_text=True, vertical="top")
        _put(ws, r, 3, value_col if field.kind != "date" else field, _get(data, field.key))
        if field.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(field.choices) + '"', allow_blank=True)
            dv.add(f"C{r}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"  # the header only: frozen key and label columns would hide the values on a laptop
