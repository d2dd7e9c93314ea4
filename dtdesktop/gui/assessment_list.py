"""The commune's assessments: period, criteria, status, revision, score, last change; new, open,
duplicate as next year's draft, delete."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from dtdesktop.catalogs.model import Text
from dtdesktop.gui.collation import CollatingProxy
from dtdesktop.gui.forms.ui_assessment_list import Ui_AssessmentList
from dtdesktop.gui.icons import icon
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring import ScoreResult, score
from dtdesktop.scoring.display import assessment_status_label
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.database import Store
from dtdesktop.storage.records import AssessmentSummary
from dtdesktop.text import format_number, format_percent
from dtdesktop.units import Unit

STATUS_ICONS = {
    "draft": "status-missing",
    "signed": "sign",
    "returned": "status-returned",
    "approved": "status-met",
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Row:
    summary: AssessmentSummary
    catalog_title: Text
    result: ScoreResult


def load_rows(store: Store, unit: Unit) -> list[Row]:
    """Every assessment of the unit with its score (runs on the store's worker)."""
    rows = []
    for summary in store_assessments.list_all(store, unit.code):
        if summary.unit.scheme != unit.scheme:
            continue
        a = store_assessments.get(store, summary.id)
        rows.append(Row(summary, a.catalog.title, score(a.catalog, a.values, a.horizon)))
    return rows


class AssessmentList(Retranslating, QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    listed = Signal(object)  # the rows just shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AssessmentList()
        self.ui.setupUi(self)
        self.rows: list[Row] = []
        self.unit: Unit | None = None
        self.officer = ""
        self.model = QStandardItemModel(0, 6, self)
        self.proxy = CollatingProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        table = self.ui.table
        table.setModel(self.proxy)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.doubleClicked.connect(lambda _index: self._emit(self.open_requested))
        table.activated.connect(lambda _index: self._emit(self.open_requested))
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.ui.newButton.clicked.connect(self.new_requested)
        self.ui.openButton.clicked.connect(lambda: self._emit(self.open_requested))
        self.ui.duplicateButton.clicked.connect(lambda: self._emit(self.duplicate_requested))
        self.ui.deleteButton.clicked.connect(lambda: self._emit(self.delete_requested))
        for button, name in (
            (self.ui.newButton, "new"),
            (self.ui.openButton, "open"),
            (self.ui.duplicateButton, "duplicate"),
            (self.ui.deleteButton, "delete"),
        ):
            button.setIcon(icon(name))
        self.retranslate()

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self.model.setHorizontalHeaderLabels(
            [_("Year"), _("Criteria"), _("Status"), _("Revision"), _("Score"), _("Last change")]
        )
        self._heading()
        self.show_rows(self.rows)

    def set_context(self, unit: Unit, officer: str) -> None:
        self.unit, self.officer = unit, officer
        self._heading()

    def _heading(self) -> None:
        if self.unit is None:
            return
        self.ui.headingLabel.setText(_("Assessments of {unit}").format(unit=self.unit.label))
        self.ui.officerLabel.setText(self.officer)

    def show_rows(self, rows: list[Row]) -> None:
        selected = self.selected_id()
        self.rows = rows
        lang = current_language()
        self.model.removeRows(0, self.model.rowCount())
        locale = QLocale()
        for row in rows:
            s, r = row.summary, row.result
            local = s.updated_at.astimezone() if s.updated_at.tzinfo else s.updated_at
            cells = [
                (str(s.period), s.period),
                (row.catalog_title.get(lang), row.catalog_title.get(lang)),
                (assessment_status_label(s.status), assessment_status_label(s.status)),
                (str(s.revision), s.revision),
                (
                    f"{format_percent(r.percent, lang)}  ({format_number(r.total, lang=lang)}/"
                    f"{format_number(r.max, lang=lang)})",
                    r.percent,
                ),
                (locale.toString(local, "dd/MM/yyyy HH:mm"), local.timestamp()),
            ]
            items = []
            for text, key in cells:
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setData(s.id, ID_ROLE)
                items.append(item)
            items[2].setIcon(icon(STATUS_ICONS.get(s.status, "status-answered")))
            self.model.appendRow(items)
        self.proxy.sort(
            self.ui.table.horizontalHeader().sortIndicatorSection(),
            self.ui.table.horizontalHeader().sortIndicatorOrder(),
        )
        self.ui.emptyLabel.setVisible(not rows)
        self.ui.table.setVisible(bool(rows))
        if rows:
            self.select(selected if selected is not None else None)
        self._selection_changed()
        self.listed.emit(rows)

    def select(self, assessment_id: int | None) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if assessment_id is None or index.data(ID_ROLE) == assessment_id:
                self.ui.table.selectRow(r)
                return

    def selected_id(self) -> int | None:
        rows = self.ui.table.selectionModel().selectedRows() if self.ui.table.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        has = self.selected_id() is not None
        for button in (self.ui.openButton, self.ui.duplicateButton, self.ui.deleteButton):
            button.setEnabled(has)

    def _emit(self, signal) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            signal.emit(chosen)
