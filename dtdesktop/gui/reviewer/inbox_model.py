"""The inbox as a table model, and the filter over it: fast with ten thousand lines.

Everything a sort or a filter needs is computed once per line when the lines are set: a sort key per
column (numbers as numbers; names, signers and criteria sets as ranks in Vietnamese collation order) and
the line's searchable text folded (no diacritics, đ as d). A sort is then one Python sort of the lines by a
precomputed key, done by the model itself (`InboxModel.sort`); the filter keeps Qt's proxy for the view
but never sorts, and decides each line by a few set and substring tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon

from dtdesktop.gui.app import QT_LOCALES
from dtdesktop.gui.collation import collator
from dtdesktop.gui.icons import icon
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.review.inbox import FLAG_LABELS, TRUST_LABELS, InboxRow
from dtdesktop.summary.tables import STATUS_LABELS
from dtdesktop.text import fold, format_date, format_number, format_percent

COLUMNS = (
    "unit",
    "period",
    "catalog",
    "revision",
    "status",
    "score",
    "changes",
    "signer",
    "trust",
    "received",
)
HEADERS = {
    "unit": N_("Unit"),
    "period": N_("Period"),
    "catalog": N_("Criteria set"),
    "revision": N_("Revision"),
    "status": N_("Status"),
    "score": N_("Score"),
    "changes": N_("Changes"),
    "signer": N_("Signer"),
    "trust": N_("Trust"),
    "received": N_("Received"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the column's precomputed key: a number
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the InboxRow
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the submission id
BADGE_ROLE = Qt.ItemDataRole.UserRole + 4  # "valid", "undecided", "invalid" (trust) or the flags' names

# The three verdict states, as a badge: icon, colour and words.
VERDICT_BADGES = {
    "trusted": ("status-met", "#1b7f3b", N_("Valid: the signature holds and its signer is trusted.")),
    "unknown": (
        "status-to-check",
        "#a15c00",
        N_(
            "Cannot be decided yet: the signer is not trusted or not registered for this commune. Trust the "
            "signer, then import the file again."
        ),
    ),
    "invalid": ("status-not-met", "#b3261e", N_("Not valid: this file must not be relied on.")),
}
STATUS_ICONS = {
    "submitted": "status-missing",
    "returned": "status-returned",
    "approved": "status-met",
    "kept_aside": "status-to-check",
    "conflict": "status-not-met",
}
FLAG_TIPS = {
    "untrusted_signer": N_("The signer is not trusted for this commune, so it cannot be approved yet."),
    "score_mismatch": N_(
        "The score written in the file differs from the score recomputed from its answers; look before "
        "approving."
    ),
    "unknown_catalog": N_("The criteria set is not one you know; install or accept it, then import again."),
    "conflict": N_("Two different files claim this revision; ask the commune which one it sent."),
}
WARN = "#a15c00"
BAD = "#b3261e"


@dataclass(slots=True)
class _Line:
    row: InboxRow
    keys: tuple  # one sort key per column
    folded: str  # unit, code, signer, criteria set, file name, folded for search
    cells: list[str] | None = None  # the texts shown, made at the first paint (and again per language)


def _percent(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang)


class InboxModel(QAbstractTableModel):
    """The inbox's lines, one per row; sorted by itself (see the module's note)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[_Line] = []
        self._orders: dict[int, list[_Line]] = {}  # each column's ascending order, once computed
        self.visible: list[bool] = []  # set by the filter, one per line, kept in the lines' order
        self.accept: Callable[[InboxRow, str], bool] | None = None  # the filter's test, None: all shown
        self._sort: tuple[int, Qt.SortOrder] = (COLUMNS.index("received"), Qt.SortOrder.DescendingOrder)

    # -- data -----------------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[InboxRow]) -> None:
        """Show *rows*, keeping the current sort; every key and the folded text computed here, once."""
        rows = list(rows)
        ranks = {name: _ranks(rows, getter) for name, getter in _TEXT_KEYS.items()}
        lines = []
        for r in rows:
            keys = (
                ranks["unit"][r.unit_full_name],
                r.period,
                ranks["catalog"][_catalog_text(r)],
                r.revision,
                _STATUS_ORDER.get(r.status, 9),
                r.percent if r.percent is not None else -1.0,
                r.changes if r.changes is not None else -1,
                ranks["signer"][r.signer_name or ""],
                _TRUST_ORDER[r.trust] * 10 + len(r.flags),
                r.received_at.timestamp(),
            )
            text = " ".join(
                (r.unit_full_name, r.unit_code, r.signer_name or "", r.catalog_id, r.file_name, str(r.period))
            )
            lines.append(_Line(r, keys, fold(text)))
        self.beginResetModel()
        self._lines = lines
        self._orders = {}
        self.show_only(self.accept)
        self._order(*self._sort)
        self.endResetModel()

    def retranslate(self) -> None:
        """The texts again, in the language now chosen (the keys do not change)."""
        for line in self._lines:
            line.cells = None
        if self._lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rows(self) -> list[InboxRow]:
        return [line.row for line in self._lines]

    def row_at(self, source_row: int) -> InboxRow:
        return self._lines[source_row].row

    def folded(self, source_row: int) -> str:
        return self._lines[source_row].folded

    def find(self, submission_id: int) -> int | None:
        """The source row of a submission, or None."""
        for n, line in enumerate(self._lines):
            if line.row.submission_id == submission_id:
                return n
        return None

    def update_row(self, row: InboxRow) -> None:
        """Show a line's new state (after an approval or a return); its place stays until the next sort."""
        n = self.find(row.submission_id)
        if n is None:
            return
        old = self._lines[n]
        keys = list(old.keys)
        keys[COLUMNS.index("status")] = _STATUS_ORDER.get(row.status, 9)
        self._lines[n] = _Line(row, tuple(keys), old.folded)
        self._orders = {}  # the new line object, and a status key that changed
        self.visible[n] = self.accept(row, old.folded) if self.accept is not None else True
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    # -- Qt's model -----------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[COLUMNS[section]])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        r, column = line.row, COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if line.cells is None:
                line.cells = [_display(r, c) for c in COLUMNS]
            return line.cells[index.column()]
        if role == SORT_ROLE:
            return line.keys[index.column()]
        if role == ROW_ROLE:
            return r
        if role == ID_ROLE:
            return r.submission_id
        if role == Qt.ItemDataRole.DecorationRole:
            return _decoration(r, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _foreground(r, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(r, column)
        if role == BADGE_ROLE:
            if column == "trust":
                return r.trust
            if column == "status":
                return sorted(r.flags)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a precomputed key: one Python sort, whatever the column."""
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self._lines
        self._order(column, order)
        old = self.persistentIndexList()
        if old:
            after = {id(line): n for n, line in enumerate(self._lines)}
            new = [self.index(after[id(before[i.row()])], i.column()) for i in old]
            self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        """Put the lines in the order of *column*: each column's order is sorted once, then reused (a
        descending order is the ascending one reversed)."""
        self._sort = (column, order)
        ascending = self._orders.get(column)
        if ascending is None:
            ascending = sorted(self._lines, key=lambda line: (line.keys[column], line.row.submission_id))
            self._orders[column] = ascending
        shown = {id(line): v for line, v in zip(self._lines, self.visible, strict=True)}
        self._lines = ascending[::-1] if order == Qt.SortOrder.DescendingOrder else list(ascending)
        self.visible[:] = [shown[id(line)] for line in self._lines]

    def show_only(self, accept: Callable[[InboxRow, str], bool] | None) -> None:
        """Mark which lines the filter shows: *accept(row, folded text)*, or all when None."""
        if accept is None:
            self.visible[:] = [True] * len(self._lines)
        else:
            self.visible[:] = [accept(line.row, line.folded) for line in self._lines]


_NUMERIC = frozenset({"period", "revision", "score", "changes"})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_STATUS_ORDER = {"conflict": 0, "kept_aside": 1, "submitted": 2, "returned": 3, "approved": 4}
_TRUST_ORDER = {"invalid": 0, "unknown": 1, "trusted": 2}


def _catalog_text(r: InboxRow) -> str:
    return f"{r.catalog_id} {r.catalog_version}"


_TEXT_KEYS: dict[str, Callable[[InboxRow], str]] = {
    "unit": lambda r: r.unit_full_name,
    "catalog": _catalog_text,
    "signer": lambda r: r.signer_name or "",
}


def _ranks(rows: list[InboxRow], text: Callable[[InboxRow], str]) -> dict[str, int]:
    """Each distinct text's place in Vietnamese collation order (Đ after D, tones after the bare letter),
    numbers inside compared as numbers; a unit's kind ("Xã", "Phường") is not what a reader sorts by."""
    c = collator(QT_LOCALES.get(current_language()))
    distinct = {text(r) for r in rows}
    ordered = sorted(distinct, key=lambda t: c.sortKey(_without_kind(t)))
    return {t: n for n, t in enumerate(ordered)}


_KINDS = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ")


def _without_kind(name: str) -> str:
    for kind in _KINDS:
        if name.startswith(kind):
            return name[len(kind) :]
    return name


def _display(r: InboxRow, column: str) -> str:
    lang = current_language()
    if column == "unit":
        return r.unit_full_name
    if column == "period":
        return str(r.period)
    if column == "catalog":
        return _catalog_text(r)
    if column == "revision":
        return str(r.revision)
    if column == "status":
        return _(STATUS_LABELS.get(r.status, r.status))
    if column == "score":
        if r.score_mismatch and r.sent_percent is not None:
            return f"{_percent(r.sent_percent, lang)} → {_percent(r.percent, lang)}"
        return _percent(r.percent, lang)
    if column == "changes":
        return "—" if r.changes is None else format_number(r.changes, 0, lang)
    if column == "signer":
        return r.signer_name or "—"
    if column == "trust":
        return _(TRUST_LABELS[r.trust])
    if column == "received":
        return format_date(r.received_at.astimezone().date(), lang)
    return ""


def _decoration(r: InboxRow, column: str) -> QIcon | None:
    if column == "trust":
        return icon(VERDICT_BADGES[r.trust][0])
    if column == "status":
        return icon(STATUS_ICONS.get(r.status, "status-answered"))
    if column == "score" and r.score_mismatch:
        return icon("status-to-check")
    return None


def _foreground(r: InboxRow, column: str) -> QBrush | None:
    if column == "trust":
        return QBrush(QColor(VERDICT_BADGES[r.trust][1]))
    if column == "score" and r.score_mismatch:
        return QBrush(QColor(WARN))
    if column == "status" and "conflict" in r.flags:
        return QBrush(QColor(BAD))
    return None


def tooltip(r: InboxRow, column: str) -> str | None:
    """What a badge means, in words."""
    lang = current_language()
    if column == "trust":
        lines = [_(VERDICT_BADGES[r.trust][2])]
        lines += [message for _code, message in r.reasons]
        return "\n".join(lines)
    if column == "status":
        lines = [_(STATUS_LABELS.get(r.status, r.status))]
        lines += [_(FLAG_TIPS[f]) for f in sorted(r.flags)]
        return "\n".join(lines)
    if column == "score":
        if r.score_mismatch:
            return _("Sent {sent}, recomputed {recomputed}: they differ.").format(
                sent=_percent(r.sent_percent, lang), recomputed=_percent(r.percent, lang)
            )
        return _("Sent and recomputed: {score}.").format(score=_percent(r.percent, lang))
    if column == "changes":
        if r.changes is None:
            return _("The first revision received: nothing to compare with.")
        return _("{n} criteria changed since revision {revision}.").format(
            n=r.changes, revision=r.changes_from
        )
    if column == "unit":
        return f"{r.unit_full_name} ({r.unit_code}) — {r.file_name}"
    if column == "catalog":
        return _catalog_text(r)
    if column == "signer" and r.signer_name:
        return r.signer_name
    return None


def flag_words(row: InboxRow) -> list[str]:
    return [_(FLAG_LABELS[f]) for f in sorted(row.flags)]


class InboxFilter(QSortFilterProxyModel):
    """The lines that match the search text (with or without diacritics), the status and the flag chosen.
    Sorting is the source model's own (a precomputed key); this proxy only filters."""

    ANY_FLAG = "any"
    WAITING = "awaiting"  # every status that waits for the reviewer

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._statuses: frozenset[str] | None = None
        self._flag: str | None = None
        self._units: frozenset[str] | None = None
        self._visible: list[bool] | None = None

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._change(lambda: setattr(self, "_words", words))

    def set_status(self, status: str | None) -> None:
        """A status of the inbox, WAITING for all those waiting for the reviewer, or None for all."""
        statuses = (
            None
            if status is None
            else frozenset({"submitted", "kept_aside", "conflict"})
            if status == self.WAITING
            else frozenset({status})
        )
        if statuses != self._statuses:
            self._change(lambda: setattr(self, "_statuses", statuses))

    def set_flag(self, flag: str | None) -> None:
        """A flag's name, ANY_FLAG for every flagged line, or None for all."""
        if flag != self._flag:
            self._change(lambda: setattr(self, "_flag", flag))

    def set_units(self, codes: frozenset[str] | None) -> None:
        """Only the lines of these units (the communes a figure of the area's page stands for), or all."""
        if codes != self._units:
            self._change(lambda: setattr(self, "_units", codes))

    def _change(self, apply: Callable[[], None]) -> None:
        """Change the filter the way the Qt at hand asks (begin/end from Qt 6.10)."""
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            apply()
            self._mark()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - an older Qt
            apply()
            self._mark()
            self.invalidateRowsFilter()

    def accepts(self, r: InboxRow, folded: str) -> bool:
        """Whether the filter shows a line."""
        if self._statuses is not None and r.status not in self._statuses:
            return False
        if self._units is not None and r.unit_code not in self._units:
            return False
        if self._flag is not None and (
            not r.flags if self._flag == self.ANY_FLAG else self._flag not in r.flags
        ):
            return False
        return all(w in folded for w in self._words)

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._visible = model.visible if isinstance(model, InboxModel) else None
        self._mark()

    def _mark(self) -> None:
        """Give the model this filter's test (it marks new lines with it too) and mark every line."""
        model = self.sourceModel()
        if isinstance(model, InboxModel):
            active = (
                self._statuses is not None
                or self._flag is not None
                or self._units is not None
                or bool(self._words)
            )
            model.accept = self.accepts if active else None
            model.show_only(model.accept)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        """The mark the model keeps for the line: computed for every line at once when the filter changes,
        so that this call, made for every line at each sort, costs next to nothing."""
        visible = self._visible
        return True if visible is None else visible[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, InboxModel):
            model.sort(column, order)
        else:  # pragma: no cover - the inbox always has its own model
            super().sort(column, order)

    def source_row(self, proxy_row: int) -> InboxRow:
        model = self.sourceModel()
        assert isinstance(model, InboxModel)
        return model.row_at(self.mapToSource(self.index(proxy_row, 0)).row())


def configure_table(view) -> None:
    """The table as the inbox shows it: whole lines selected, several at once, rows of one fixed height
    (a header measuring ten thousand rows at each sort costs more than the sort)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    columns = view.horizontalHeader()
    columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    columns.setStretchLastSection(False)
    columns.setSectionResizeMode(COLUMNS.index("unit"), QHeaderView.ResizeMode.Stretch)
    columns.setSortIndicator(COLUMNS.index("received"), Qt.SortOrder.DescendingOrder)
    fit_columns(view)


WIDTHS = {"period": 56, "catalog": 130, "revision": 56, "status": 140, "score": 80, "changes": 64,
          "signer": 120, "trust": 110, "received": 86}  # fmt: skip


def fit_columns(view) -> None:
    """Each column wide enough for its values and for its header in the language shown (with room for the
    sort arrow); the unit's column takes what is left."""
    metrics = view.horizontalHeader().fontMetrics()
    cells = view.fontMetrics()
    words = {  # columns whose every value is one of a few words: the longest shown whole, with its badge
        "status": [STATUS_LABELS[s] for s in STATUS_ICONS],
        "trust": list(TRUST_LABELS.values()),
    }
    for name, width in WIDTHS.items():
        header = _(HEADERS[name])
        widest = max((cells.horizontalAdvance(_(w)) + 36 for w in words.get(name, ())), default=0)
        view.setColumnWidth(COLUMNS.index(name), max(width, widest, metrics.horizontalAdvance(header) + 30))
    fit_unit(view)


def fit_unit(view) -> None:
    """The commune's column takes the room the others leave, but never less than a commune's name: on a
    narrow screen the table scrolls sideways rather than squeeze the one column every line is read by."""
    from PySide6.QtWidgets import QHeaderView

    header = view.horizontalHeader()
    unit = COLUMNS.index("unit")
    others = sum(view.columnWidth(c) for c in range(len(COLUMNS)) if c != unit and not view.isColumnHidden(c))
    least = view.fontMetrics().horizontalAdvance("Phường Nguyễn Trung Trực") + 16
    if view.viewport().width() - others >= least:
        header.setSectionResizeMode(unit, QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(unit, QHeaderView.ResizeMode.Interactive)
        view.setColumnWidth(unit, least)
