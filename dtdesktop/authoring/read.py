"""Reading a criteria workbook back into catalog data, every problem placed on its sheet, row and column."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

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
    STEPS,
    YES,
    Column,
    setting_key,
    year_column,
)
from dtdesktop.authoring.safety import archive_problems
from dtdesktop.catalogs.loader import normalise
from dtdesktop.catalogs.rules import semantic_problems
from dtdesktop.catalogs.schema_messages import schema_problems
from dtdesktop.i18n import _
from dtdesktop.text import nfc, parse_date, safe

MAX_ROWS = 2000  # a sheet with more rows than this is not a criteria set
MAX_COLUMNS = 120
MAX_CELL_CHARS = 5000
_YES = {YES, "yes", "true", "x", "có / yes"}
_NO = {NO, "no", "false", "không / no"}
_REQUIRED_SHEETS = (SETTINGS, DOCUMENTS, PILLARS, INDICATORS, RATINGS)
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


@dataclass(frozen=True, slots=True)
class Place:
    """A cell as the author sees it: sheet, row and the column's header (its Vietnamese part)."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_('sheet "{sheet}"').format(sheet=self.sheet))
        if self.row:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            parts.append(_('column "{column}"').format(column=self.column))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class SheetProblem:
    file: str
    place: Place
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = str(self.place)
        text = _("warning: {message}").format(message=self.message) if self.warning else self.message
        return f"{self.file}: {where}: {text}" if where else f"{self.file}: {text}"


class XlsxError(Exception):
    """The workbook cannot become a catalog; `problems` lists every reason with its place."""

    def __init__(self, problems: list[SheetProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Reader:
    file: str
    problems: list[SheetProblem] = field(default_factory=list)
    places: dict[tuple[str | int, ...], Place] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)  # indicators left out for a problem already said

    def add(self, place: Place, message: str) -> None:
        self.problems.append(SheetProblem(self.file, place, message))


def read_xlsx(path: Path) -> tuple[dict[str, Any], list[SheetProblem]]:
    """The catalog data of the workbook at *path* and its warnings; XlsxError listing every problem."""
    name = str(path)
    reasons = archive_problems(path)
    if reasons:
        raise XlsxError([SheetProblem(name, Place(), r) for r in reasons])
    reader = _Reader(name)
    try:
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (
        Exception
    ) as exc:  # openpyxl raises many kinds for a damaged part; each means the same to the author
        msg = _("The workbook cannot be opened ({reason}); save it again from Excel.").format(
            reason=safe(str(exc))
        )
        raise XlsxError([SheetProblem(name, Place(), msg)]) from None
    try:
        sheets = _read_sheets(wb, reader)
    finally:
        wb.close()
    if reader.problems:
        raise XlsxError(reader.problems)
    data = normalise(_assemble(sheets, reader))
    if reader.problems:
        raise XlsxError(reader.problems)
    return data, _check(data, reader)


# --- reading the cells --------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    cells: dict[Column, Any]
    places: dict[Column, Place]


def _read_sheets(wb: Any, reader: _Reader) -> dict[str, list[_Row]]:
    out: dict[str, list[_Row]] = {}
    for sheet in (SETTINGS, DOCUMENTS, PILLARS, INDICATORS, CHOICES, STEPS, RATINGS, PROGRAM):
        if sheet not in wb.sheetnames:
            if sheet in _REQUIRED_SHEETS:
                reader.add(
                    Place(sheet), _("The sheet is missing; start from the template, which has every sheet.")
                )
            out[sheet] = []
            continue
        out[sheet] = _read_sheet(wb[sheet], sheet, reader)
    return out


def _read_sheet(ws: Any, sheet: str, reader: _Reader) -> list[_Row]:
    declared = ws.max_row or 0
    if declared > MAX_ROWS + 1:
        msg = _("The sheet has {rows} rows, more than a criteria set needs ({limit} at most).")
        reader.add(Place(sheet), msg.format(rows=declared, limit=MAX_ROWS))
        return []
    rows = ws.iter_rows(max_col=MAX_COLUMNS)
    header = next(rows, None)
    columns = _columns(sheet, header or (), reader)
    out = []
    for count, row in enumerate(rows, 1):
        if count > MAX_ROWS:
            msg = _("The sheet has more rows than a criteria set needs ({limit} at most).")
            reader.add(Place(sheet), msg.format(limit=MAX_ROWS))
            return []
        parsed = _row(row, columns, sheet, reader)
        if parsed is not None:
            out.append(parsed)
    return out


def _columns(sheet: str, header: Any, reader: _Reader) -> dict[int, Column]:
    known = (
        (
            Column(("key",), "Khóa", "Key"),
            Column(("label",), "Mục", "Field"),
            Column(("value",), "Giá trị", "Value"),
        )
        if sheet == SETTINGS
        else COLUMNS[sheet]
    )
    out: dict[int, Column] = {}
    for cell in header:
        text = cell.value
        if text is None or getattr(cell, "column", None) is None:
            continue
        col = _match_header(str(text), known)
        if col is None:
            msg = _("The column “{header}” is not part of the format; remove it or restore its header.")
            reader.add(Place(sheet, 1), msg.format(header=safe(str(text), 60)))
        else:
            out[cell.column] = col
    for col in known:
        if col not in out.values():
            reader.add(Place(sheet, 1), _("The column “{header}” is missing.").format(header=col.header))
    return out


def _match_header(text: str, known: tuple[Column, ...]) -> Column | None:
    text = nfc(text).strip()
    for col in known:
        if text in (col.header, col.vi, col.en):
            return col
    return year_column(text)


def _row(row: Any, columns: dict[int, Column], sheet: str, reader: _Reader) -> _Row | None:
    cells: dict[Column, Any] = {}
    places: dict[Column, Place] = {}
    number = None
    for cell in row:
        col_index = getattr(cell, "column", None)
        if col_index is None or cell.value is None:
            continue
        number = cell.row
        col = columns.get(col_index)
        place = Place(sheet, cell.row, col.vi if col else cell.column_letter)
        if cell.data_type == "f":
            msg = _("Cell {cell} holds a formula; type the value itself (copy it and paste the value only).")
            reader.add(place, msg.format(cell=cell.coordinate))
            continue
        if col is None:
            continue
        value = cell.value
        if isinstance(value, str):
            value = _checked_text(value, place, reader)
        cells[col] = value
        places[col] = place
    if number is None or all(v is None or v == "" for v in cells.values()):
        return None
    for col in columns.values():
        places.setdefault(col, Place(sheet, number, col.vi))
    return _Row(number, cells, places)


def _checked_text(value: str, place: Place, reader: _Reader) -> str | None:
    if len(value) > MAX_CELL_CHARS:
        msg = _("The text is {length} characters long; a cell holds at most {limit}.")
        reader.add(place, msg.format(length=len(value), limit=MAX_CELL_CHARS))
        return None
    for ch in value:
        if ch in _BIDI or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            msg = _("The text holds an invisible control character ({char}); retype the text without it.")
            reader.add(place, msg.format(char=f"U+{ord(ch):04X}"))
            return None
    return nfc(value)


# --- converting values --------------------------------------------------------------------------------


def _convert(value: Any, col: Column, place: Place, reader: _Reader, kind: str | None = None) -> Any:
    """The cell's value as the catalog holds it; a wrong type the author can see is said here."""
    kind = kind or col.kind
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime | _dt.date) and kind not in ("date", "text"):
        reader.add(
            place,
            _("The cell holds a date where a number or a code belongs; type the value as text or a number."),
        )
        return None
    if kind == "text":
        if isinstance(value, bool):
            return YES if value else NO
        if isinstance(value, _dt.datetime | _dt.date):
            return value.isoformat()[:10]
        return str(value) if isinstance(value, int | float) else value
    if kind in ("code", "enum"):
        if isinstance(value, int | float) and not isinstance(value, bool) and kind == "code":
            msg = _(
                "The code is a number ({value}) in this cell; Excel changes codes such as 1.10 into numbers: "
                "format the cell as Text and type the code again."
            )
            reader.add(place, msg.format(value=value))
            return None
        return str(value).strip() if not isinstance(value, bool) else value
    if kind in ("number", "int"):
        return _number(value, kind == "int")
    if kind == "bool":
        return _bool(value)
    if kind == "date":
        return _date(value)
    if kind == "years":
        return _list(value, place, reader, years=True)
    if kind == "codes":
        return _list(value, place, reader, years=False)
    return value


def _number(value: Any, whole: bool) -> Any:
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if re.fullmatch(r"-?\d+([.,]\d+)?", text):
            value = float(text.replace(",", ".")) if re.search(r"[.,]", text) else int(text)
    if whole and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return value


def _date(value: Any) -> Any:
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value.strip()):
        try:
            return parse_date(value.strip()).isoformat()
        except ValueError:
            return value
    return value if isinstance(value, str) else str(value)


def _list(value: Any, place: Place, reader: _Reader, years: bool) -> list[Any] | None:
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    if not years:
        return parts
    out = []
    for p in parts:
        number = _number(p, True)
        if not isinstance(number, int):
            msg = _("“{value}” is not a list of years; write them as 2025, 2030.").format(
                value=safe(str(value), 60)
            )
            reader.add(place, msg)
            return None
        out.append(number)
    return out


def _set(obj: dict[str, Any], key: tuple[str, ...], value: Any) -> None:
    for part in key[:-1]:
        obj = obj.setdefault(part, {})
    obj[key[-1]] = value


def _object(
    row: _Row, reader: _Reader, base: tuple[str | int, ...], skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The row as an object: every filled cell at its key; every key's place remembered under *base*."""
    obj: dict[str, Any] = {}
    sheet = next(iter(row.places.values())).sheet if row.places else None
    reader.places[base] = Place(sheet, row.number)
    for col, place in row.places.items():
        if col.key[0] in skip:
            continue
        for depth in range(1, len(col.key) + 1):
            reader.places.setdefault((*base, *col.key[:depth]), place)
        value = _convert(row.cells.get(col), col, place, reader)
        if value is not None:
            _set(obj, col.key, value)
    return obj


# --- assembling the catalog ---------------------------------------------------------------------------


def _assemble(sheets: dict[str, list[_Row]], reader: _Reader) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for row in sheets[SETTINGS]:
        _setting(row, data, reader)
    data["legal_basis"] = [
        _object(row, reader, ("legal_basis", i)) for i, row in enumerate(sheets[DOCUMENTS])
    ]
    reader.places[("legal_basis",)] = Place(DOCUMENTS)
    pillars, pillar_index = [], {}
    reader.places[("pillars",)] = Place(PILLARS)
    for i, row in enumerate(sheets[PILLARS]):
        pillar = _object(row, reader, ("pillars", i))
        pillar["indicators"] = []
        reader.places[("pillars", i, "indicators")] = Place(INDICATORS)
        pillars.append(pillar)
        if isinstance(pillar.get("code"), str):
            pillar_index.setdefault(pillar["code"], i)
    indicators = _indicators(sheets[INDICATORS], pillars, pillar_index, reader)
    _choices(sheets[CHOICES], indicators, reader)
    _steps(sheets[STEPS], indicators, reader)
    data["pillars"] = pillars
    data["ratings"] = [_object(row, reader, ("ratings", i)) for i, row in enumerate(sheets[RATINGS])]
    reader.places[("ratings",)] = Place(RATINGS)
    if sheets[PROGRAM]:
        data["program_targets"] = [
            _object(row, reader, ("program_targets", i)) for i, row in enumerate(sheets[PROGRAM])
        ]
    return data


_SETTING_BY_KEY = {setting_key(f): f for f in SETTING_FIELDS}


def _setting(row: _Row, data: dict[str, Any], reader: _Reader) -> None:
    by_key = {c.key[0]: (v, row.places[c]) for c, v in row.cells.items()}
    key, key_place = by_key.get("key", (None, None))
    value = by_key.get("value", (None, None))[0]
    value_place = Place(SETTINGS, row.number, "Giá trị")
    field_ = _SETTING_BY_KEY.get(str(key).strip()) if key is not None else None
    if field_ is None:
        if key is not None or value is not None:
            msg = _("“{key}” is not a setting of the format; use the keys of the template.")
            reader.add(key_place or value_place, msg.format(key=safe(str(key), 60)))
        return
    for depth in range(1, len(field_.key) + 1):
        reader.places.setdefault(field_.key[:depth], value_place)
    converted = _convert(value, field_, value_place, reader)
    if converted is not None:
        _set(data, field_.key, converted)
    if field_.key[:2] == ("completion", "of") and isinstance(converted, list):
        for i in range(len(converted)):
            reader.places[("completion", "of", i)] = value_place


def _indicators(
    rows: list[_Row], pillars: list[dict[str, Any]], pillar_index: dict[str, int], reader: _Reader
) -> dict[str, tuple[dict[str, Any], tuple[str | int, ...]]]:
    found: dict[str, tuple[dict[str, Any], tuple[str | int, ...]]] = {}
    for row in rows:
        pillar_col = next(c for c in COLUMNS[INDICATORS] if c.key == ("pillar",))
        code = _convert(row.cells.get(pillar_col), pillar_col, row.places[pillar_col], reader)
        if code not in pillar_index:
            own = row.cells.get(next(c for c in COLUMNS[INDICATORS] if c.key == ("code",)))
            reader.refused.add(str(own))  # its choices and steps are not reported again
            if code is not None:
                msg = _("The pillar “{code}” is not on sheet “{sheet}”; add it there or correct the code.")
                reader.add(row.places[pillar_col], msg.format(code=code, sheet=PILLARS))
            else:
                reader.add(row.places[pillar_col], _("Name the pillar the indicator belongs to."))
            continue
        pi = pillar_index[code]
        ii = len(pillars[pi]["indicators"])
        base: tuple[str | int, ...] = ("pillars", pi, "indicators", ii)
        ind = _object(row, reader, base, skip=("pillar", "targets", "target_ops"))
        targets = _targets(row, ind, base, reader)
        if targets:
            order = [k for k in ind if k != "rule"]
            ind = {
                **{k: ind[k] for k in order},
                "targets": targets,
                **({"rule": ind["rule"]} if "rule" in ind else {}),
            }
        pillars[pi]["indicators"].append(ind)
        if isinstance(ind.get("code"), str):
            found.setdefault(ind["code"], (ind, base))
    return found


def _targets(row: _Row, ind: dict[str, Any], base: tuple[str | int, ...], reader: _Reader) -> dict[str, Any]:
    kind = {"boolean": "bool", "choice": "code", "percent": "number", "count": "number"}.get(
        ind.get("type"), "raw"
    )
    values: dict[str, Any] = {}
    ops: dict[str, Any] = {}
    first: Place | None = None
    for col, place in sorted(row.places.items(), key=lambda cp: cp[0].key):
        if col.key[0] == "targets":
            year = col.key[1]
            first = first or place
            reader.places[(*base, "targets", year)] = place
            value = _convert(row.cells.get(col), col, place, reader, kind)
            if value is not None:
                values[year] = value
        elif col.key[0] == "target_ops":
            ops[col.key[1]] = (_convert(row.cells.get(col), col, place, reader), place)
    if first is not None:
        reader.places[(*base, "targets")] = first
    for year, (op, place) in ops.items():
        if op is None:
            continue
        if year not in values:
            reader.add(
                place, _("A comparison for {year} needs a target for {year} beside it.").format(year=year)
            )
            continue
        values[year] = {op: values[year]}
    return values


def _choices(rows: list[_Row], indicators: dict[str, Any], reader: _Reader) -> None:
    _attached(rows, indicators, reader, "choices", lambda ind: ind.setdefault("choices", []))


def _steps(rows: list[_Row], indicators: dict[str, Any], reader: _Reader) -> None:
    _attached(
        rows, indicators, reader, "steps", lambda ind: ind.setdefault("rule", {}).setdefault("steps", [])
    )


def _attached(rows: list[_Row], indicators: dict[str, Any], reader: _Reader, what: str, target: Any) -> None:
    """Rows of a sheet that hang under an indicator (its choices, its steps), in the sheet's order."""
    for row in rows:
        col = next(c for c in row.places if c.key == ("indicator",))
        code = _convert(row.cells.get(col), col, row.places[col], reader)
        if code not in indicators:
            if code in reader.refused:
                continue
            msg = _("The indicator “{code}” is not on sheet “{sheet}”; add it there or correct the code.")
            reader.add(row.places[col], msg.format(code=code, sheet=INDICATORS))
            continue
        ind, base = indicators[code]
        items = target(ind)
        path = (*base, "choices") if what == "choices" else (*base, "rule", "steps")
        obj = _object(row, reader, (*path, len(items)), skip=("indicator",))
        reader.places.setdefault(path, row.places[col])
        items.append(obj)


# --- the catalog's own rules, placed on the sheet -----------------------------------------------------


def _check(data: dict[str, Any], reader: _Reader) -> list[SheetProblem]:
    """The validator's problems, each moved from its place in the YAML to its cell; warnings returned."""
    problems = schema_problems(data, reader.file) or semantic_problems(data, reader.file)
    placed = [
        SheetProblem(reader.file, place_of(p.path, reader.places), p.message, p.warning) for p in problems
    ]
    errors = [p for p in placed if not p.warning]
    if errors:
        raise XlsxError(errors)
    return [p for p in placed if p.warning]


def place_of(path: tuple[str | int, ...], places: dict[tuple[str | int, ...], Place]) -> Place:
    """The cell of a path in the catalog: the path's own, else the nearest parent's."""
    for end in range(len(path), 0, -1):
        place = places.get(tuple(path[:end]))
        if place is not None:
            return place
    return Place(SETTINGS)


def yaml_text(data: dict[str, Any]) -> str:
    """The catalog as YAML, keys in the format's order, text as written (no escapes)."""
    import yaml

    head = "# Made by `dtdesktop catalog from-xlsx`; check it with `dtdesktop catalog validate`.\n"
    return head + yaml.safe_dump(_ordered(data), allow_unicode=True, sort_keys=False, width=110)


_ORDER = (
    *("format", "id", "code", "number", "indicator", "version", "title", "label", "description", "issuer"),
    *("compiler", "legal_basis", "unit_level", "horizons", "pillars", "indicators", "guidance", "type"),
    *("unit", "choices", "targets", "rule", "max_points", "mandatory", "evidence", "verified_by"),
    *("target_scope", "completion", "ratings", "program_targets"),
)


def _ordered(value: Any) -> Any:
    """Keys in the order docs/catalog-format.md lists them (the hash does not depend on it; a reader does)."""
    if isinstance(value, dict):
        rank = {k: i for i, k in enumerate(_ORDER)}
        keys = sorted(value, key=lambda k: rank.get(k, len(_ORDER)))
        return {k: _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value
