"""The reviewer's inbox page: the submissions received, filtered and sorted; import by drop or by the menu,
in the background with a progress bar and a Cancel button, then every file's result in plain words; triage
from the keyboard (J/K or ↓/↑, Enter opens, A approves, R returns with a comment); the selected clean lines
approved at once.

Every store call runs on the store's one worker (`ctx.worker`) but the import, which has a thread of its own
(`importer`): a large one is filed by a process of its own and only followed from there, so the reviewer
can open and decide submissions while it runs. Cancel stops the import between two files (what was filed
stays; nothing is half-written).
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.icons import icon
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.reviewer.inbox_model import (
    COLUMNS,
    ID_ROLE,
    VERDICT_BADGES,
    InboxFilter,
    InboxModel,
    configure_table,
    fit_columns,
    fit_unit,
)
from dtdesktop.gui.worker import DbWorker
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.review.errors import ReviewError
from dtdesktop.review.inbox import (
    FLAG_LABELS,
    FLAGS,
    SKIP_LABELS,
    STATUSES,
    BulkApproval,
    Criterion,
    InboxRow,
)
from dtdesktop.summary.tables import STATUS_LABELS
from dtdesktop.text import format_number, safe

OUTCOME_WORDS = {
    "imported": N_("imported"),
    "superseded": N_("superseded (kept in the history)"),
    "duplicate": N_("already imported"),
    "conflict": N_("in conflict: another file claims the same revision"),
    "refused": N_("refused"),
}
RESULT_VERDICTS = {  # the import's verdict → the inbox's badge
    "valid": ("trusted", N_("valid")),
    "indeterminate": ("unknown", N_("cannot be decided")),
    "invalid": ("invalid", N_("not valid")),
}


def _n(value: int) -> str:
    return format_number(value, 0, current_language())


NEWS_AT_ONCE = 12  # files' results added to the list between two frames


class _ImportBridge(QObject):
    """Carries the import's news from its thread to the page. Files are told once their batch is saved,
    so they come in bursts (fifty at once): the page is woken once per burst and takes the news in slices
    (`take`), so that no frame waits for fifty lines to be drawn."""

    filed = Signal(
        int, int, object
    )  # files done, files in all, FileResult: one per file, on the import's thread
    progressed = Signal()  # news is waiting (not sent again until the page has taken it all)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._news: list[tuple[int, int, object]] = []
        self._woken = False

    def report(self, n: int, total: int, result) -> None:
        self.filed.emit(n, total, result)
        with self._lock:
            self._news.append((n, total, result))
            if self._woken:
                return
            self._woken = True
        self.progressed.emit()

    def waiting(self) -> bool:
        with self._lock:
            return bool(self._news)

    def take(self, most: int) -> tuple[list[tuple[int, int, object]], bool]:
        """Up to *most* of the waiting news, and whether more is waiting."""
        with self._lock:
            batch, self._news = self._news[:most], self._news[most:]
            self._woken = bool(self._news)
            return batch, self._woken


class ReturnDialog(QDialog):
    """Return a submission: the criterion to fix, what to fix, and an overall comment if wanted."""

    def __init__(self, row: InboxRow, criteria: list[Criterion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Return the submission"))
        self.intro = QLabel(
            _("Return the submission of {unit}, revision {revision}, to be completed.").format(
                unit=row.unit_full_name, revision=row.revision
            )
        )
        self.intro.setWordWrap(True)
        self.criterion = QComboBox()
        for c in criteria:
            self.criterion.addItem(f"{c.code} — {c.title}", c.code)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(_("What the commune must fix or add"))
        self.comment.setTabChangesFocus(True)
        self.overall = QLineEdit()
        self.overall.setPlaceholderText(_("Optional"))
        form = QFormLayout()
        form.addRow(_("Criterion"), self.criterion)
        form.addRow(_("Comment"), self.comment)
        form.addRow(_("Overall comment"), self.overall)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.return_button = self.buttons.addButton(
            _("Return to the commune"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.comment.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._enable()
        self.resize(560, 320)

    def _enable(self) -> None:
        self.return_button.setEnabled(bool(self.comment.toPlainText().strip()))

    def comments(self) -> list[tuple[str, str]]:
        return [(str(self.criterion.currentData()), self.comment.toPlainText().strip())]


class InboxPage(Retranslating, QWidget):
    """The submissions received: filter, sort, import, triage."""

    opened = Signal(int)  # a submission's id: the window shows it
    imported = Signal(object)  # the ImportReport, once an import has ended
    import_failed = Signal(str)  # the sentence shown when an import stopped on an error

    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.total = 0
        self.waiting = 0
        self.loaded = False
        self.importing = False
        self._cancel: threading.Event | None = None
        self.report = None  # the last import's report
        self.last_bulk_message = ""  # what the last bulk approval did, in words
        self.setAcceptDrops(True)

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.counts = QLabel()
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.flag_combo = QComboBox()
        for combo in (self.status_combo, self.flag_combo):  # narrower than their longest choice on 150%
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.import_files_button = QPushButton(icon("open-file"), "")
        self.import_folder_button = QPushButton(icon("folder"), "")

        self.model = InboxModel(self)
        self.proxy = InboxFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.installEventFilter(self)

        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_button = QPushButton()
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)

        self.open_button = QPushButton(icon("open"), "")
        self.approve_button = QPushButton(icon("status-met"), "")
        self.return_button = QPushButton(icon("status-returned"), "")
        self.bulk_button = QPushButton(icon("checked"), "")

        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton()
        self.import_panel = QFrame()
        self.import_panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel_layout = QHBoxLayout(self.import_panel)
        panel_layout.addWidget(self.progress_label)
        panel_layout.addWidget(self.progress, 1)
        panel_layout.addWidget(self.cancel_button)
        self.import_panel.hide()

        self.results_title = QLabel()
        self.results_title.setWordWrap(True)
        self.results_close = QPushButton()
        self.results = QTreeWidget()
        self.results.setColumnCount(4)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setWordWrap(False)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.header().setStretchLastSection(True)
        self.results.setColumnWidth(0, 220)
        self.results.setColumnWidth(1, 200)
        self.results.setColumnWidth(2, 140)
        self.results_box = QWidget()
        results_layout = QVBoxLayout(self.results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_head = QHBoxLayout()
        results_head.addWidget(self.results_title, 1)
        results_head.addWidget(self.results_close)
        results_layout.addLayout(results_head)
        results_layout.addWidget(self.results)
        self.results_box.hide()

        self.units_label = QLabel()  # "Only the 12 communes chosen on the area's page"
        self.units_label.setWordWrap(True)
        self.units_all = QPushButton()
        self.units_all.clicked.connect(lambda: self.show_units(None))
        self.units_bar = QFrame()
        self.units_bar.setObjectName("unitsBar")
        units_layout = QHBoxLayout(self.units_bar)
        units_layout.setContentsMargins(6, 2, 6, 2)
        units_layout.addWidget(self.units_label, 1)
        units_layout.addWidget(self.units_all)
        self.units_bar.hide()
        self._units: frozenset[str] | None = None

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_combo, 2)
        filters.addWidget(self.flag_combo, 2)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.counts, 1)
        top.addWidget(self.import_files_button)
        top.addWidget(self.import_folder_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.open_button, self.approve_button, self.return_button, self.bulk_button):
            buttons.addWidget(b)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.stack, 1)
        upper_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.results_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.units_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.import_panel)

        self.import_files_action = QAction(icon("open-file"), "", self)
        self.import_files_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_files_action.triggered.connect(self.choose_files)
        self.import_folder_action = QAction(icon("folder"), "", self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_folder_action.triggered.connect(self.choose_folder)

        self._bridge = _ImportBridge(self)
        self.importer = DbWorker()  # the import's own thread: the store's worker stays free meanwhile
        self._bridge.progressed.connect(self._progressed)
        self.search.textChanged.connect(self._filter)
        self.status_combo.currentIndexChanged.connect(self._filter)
        self.flag_combo.currentIndexChanged.connect(self._filter)
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.results_close.clicked.connect(self.results_box.hide)
        self.empty_button.clicked.connect(self._empty_action)
        self.open_button.clicked.connect(self.open_current)
        self.approve_button.clicked.connect(self.approve_current)
        self.return_button.clicked.connect(self.return_current)
        self.bulk_button.clicked.connect(self.approve_selected_clean)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.rowsInserted.connect(self._show_state)
        self.proxy.rowsRemoved.connect(self._show_state)
        self.proxy.modelReset.connect(self._show_state)
        self.proxy.layoutChanged.connect(self._show_state)
        self.retranslate()
        self._filter()
        self.refresh()

    # -- texts ----------------------------------------------------------------------------------------

    def show_units(self, codes: list[str] | frozenset[str] | None) -> None:
        """Only the submissions of these communes (clicked through from the area's page), whatever their
        status, with a bar saying so and a button back to all; None shows all again."""
        self._units = frozenset(codes) if codes is not None else None
        if self._units is not None:
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(None), 0))
        self.proxy.set_units(self._units)
        self._say_units()
        self._show_state()

    def _say_units(self) -> None:
        self.units_bar.setVisible(self._units is not None)
        if self._units is not None:
            self.units_label.setText(
                _("Only the {n} communes chosen on the area's page.").format(n=len(self._units))
            )
        self.units_all.setText(_("Show every commune"))

    def retranslate(self) -> None:
        self._say_units()
        self.heading.setText(_("Submissions received"))
        self.search.setPlaceholderText(_("Search a unit, a signer, a file (with or without accents)"))
        self.search.setToolTip(_("“hoang hoa” finds Hoằng Hóa."))
        self._fill_combo(
            self.status_combo,
            [(_("Waiting for you"), InboxFilter.WAITING), (_("All statuses"), None)]
            + [(_(STATUS_LABELS[s]).capitalize(), s) for s in STATUSES],
        )
        self.status_combo.setToolTip(
            _("“Waiting for you”: waiting for review, cannot be decided yet, or in conflict.")
        )
        self._fill_combo(
            self.flag_combo,
            [(_("Flagged or not"), None), (_("Only flagged"), InboxFilter.ANY_FLAG)]
            + [(_("Flag: {flag}").format(flag=_(FLAG_LABELS[f])), f) for f in FLAGS],
        )
        self.import_files_button.setText(_("Import files…"))
        self.import_folder_button.setText(_("Import a folder…"))
        self.import_files_action.setText(_("Import files…"))
        self.import_folder_action.setText(_("Import a folder…"))
        self.import_files_button.setToolTip(_("Or drop the files or folders on this page."))
        self.import_folder_button.setToolTip(_("Every PDF file in the folder and its subfolders."))
        self.open_button.setText(_("Open"))
        self.open_button.setToolTip(_("Open the submission (Enter)."))
        self.approve_button.setText(_("Approve"))
        self.approve_button.setToolTip(_("Approve the submission (A)."))
        self.return_button.setText(_("Return…"))
        self.return_button.setToolTip(_("Return the submission with a comment (R)."))
        self.bulk_button.setText(_("Approve the selected clean files"))
        self.bulk_button.setToolTip(
            _(
                "Approves only the selected lines that verified cleanly and carry no flag: a trusted "
                "signer, the same score as recomputed, a known criteria set, no conflict."
            )
        )
        self.cancel_button.setText(_("Cancel"))
        self.results_close.setText(_("Hide"))
        self.results.setHeaderLabels([_("File"), _("Result"), _("Verdict"), _("Why")])
        metrics = self.results.fontMetrics()  # the verdict's longest words whole, with their badge
        widest = max(metrics.horizontalAdvance(_(words)) for _badge, words in RESULT_VERDICTS.values())
        self.results.setColumnWidth(2, max(140, widest + 40))
        self.model.retranslate()
        fit_columns(self.table)
        self._show_state()
        if self.report is not None and not self.importing:
            self._fill_results(self.report.results)
            self._results_summary(self.report)
        elif self.importing:  # the files listed so far, and what the import is doing, in the new language
            items = [self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())]
            self._fill_results([item.data(0, Qt.ItemDataRole.UserRole) for item in items])
            self.results_title.setText(_("Importing…"))
            self._say_progress()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData() if combo.count() else items[0][1]
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(next((i for i, (_t, d) in enumerate(items) if d == chosen), 0))
        combo.blockSignals(False)

    def actions(self) -> list[QAction]:  # type: ignore[override]
        """For the window's File menu."""
        return [self.import_files_action, self.import_folder_action]

    def _submit(self, job, done, failed, worker: DbWorker | None = None) -> None:
        """Run *job* on the store's worker (or *worker*); its answer reaches this page only while the page
        exists (the window may close it while a job runs)."""

        def alive(callback):
            return lambda value: callback(value) if shiboken6.isValid(self) else None

        (worker or self.ctx.worker).submit(job, alive(done), alive(failed))

    # -- the lines ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the lines again from the store, on the worker; the selection is kept."""
        store, province = self.ctx.store, self.ctx.province or None
        from dtdesktop.review.inbox import inbox_rows

        self._submit(lambda: inbox_rows(store, province), self._rows_read, self._failed)

    def _rows_read(self, rows: list[InboxRow]) -> None:
        chosen = self.selected_ids()
        current = self.current_row()
        self.model.set_rows(rows)
        # one criteria set for every line (a province's usual case): its column says nothing, and a laptop
        # at 150% needs the room for the commune's name
        catalogs = {(r.catalog_id, r.catalog_version) for r in rows}
        self.table.setColumnHidden(COLUMNS.index("catalog"), len(catalogs) <= 1)
        fit_unit(self.table)
        self.loaded = True
        self._counts()
        self._select_ids(chosen, current.submission_id if current else None)
        self._show_state()

    def _counts(self) -> None:
        rows = self.model.rows()
        self.total = len(rows)
        self.waiting = sum(1 for r in rows if r.awaiting)

    def _filter(self) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_status(self.status_combo.currentData())
        self.proxy.set_flag(self.flag_combo.currentData())
        self._show_state()
        if self.table.currentIndex().isValid() is False and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _show_state(self, *_args) -> None:
        shown = self.proxy.rowCount()
        text = _("{total} submissions, {waiting} waiting for you").format(
            total=_n(self.total), waiting=_n(self.waiting)
        )
        if shown != self.total:
            text += " — " + _("{shown} shown").format(shown=_n(shown))
        self.counts.setText(text)
        if shown:
            self.stack.setCurrentIndex(0)
        else:
            self.empty_text.setText(self._empty_sentence())
            self.empty_button.setText(self._empty_button_text())
            self.empty_button.setVisible(bool(self.empty_button.text()))
            self.stack.setCurrentIndex(1)
        self._selection_changed()

    def all_done(self) -> bool:
        """Nothing waits for the reviewer (and something was received)."""
        return self.loaded and self.total > 0 and self.waiting == 0

    def _filtered(self) -> bool:
        return bool(self.search.text().strip()) or self.flag_combo.currentData() is not None

    def _empty_sentence(self) -> str:
        if not self.loaded:
            return _("Reading the submissions received…")
        if self.total == 0:
            return _(
                "No submission has been received yet. Drop the files the communes sent on this page, or "
                "use Import files…"
            )
        if self.waiting == 0 and not self._filtered():
            return _("All done: every submission received has been reviewed. Nothing is waiting for you.")
        return _("No submission matches what is chosen above.")

    def _empty_button_text(self) -> str:
        if not self.loaded:
            return ""
        if self.total == 0:
            return _("Import files…")
        if self.waiting == 0 and not self._filtered():
            return _("Show all submissions") if self.status_combo.currentData() is not None else ""
        return _("Show everything")

    def _empty_action(self) -> None:
        if self.total == 0:
            self.choose_files()
            return
        self.search.clear()
        self.flag_combo.setCurrentIndex(0)  # flagged or not
        self.status_combo.setCurrentIndex(1)  # all statuses

    # -- selection ------------------------------------------------------------------------------------

    def current_row(self) -> InboxRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.proxy.source_row(index.row())

    def selected_rows(self) -> list[InboxRow]:
        return [self.proxy.source_row(i.row()) for i in self.table.selectionModel().selectedRows()]

    def selected_ids(self) -> list[int]:
        return [r.submission_id for r in self.selected_rows()]

    def select(self, submission_id: int) -> bool:
        """Make a submission the current, selected line (if the filter shows it)."""
        for n in range(self.proxy.rowCount()):
            if self.proxy.index(n, 0).data(ID_ROLE) == submission_id:
                self._go_to(n)
                return True
        return False

    def _select_ids(self, ids: list[int], current: int | None) -> None:
        if not ids:
            return
        wanted = set(ids)
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n in range(self.proxy.rowCount()):
            index = self.proxy.index(n, 0)
            if index.data(ID_ROLE) in wanted:
                selection.select(index, flags)
                if index.data(ID_ROLE) == current:
                    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _go_to(self, proxy_row: int) -> None:
        if not 0 <= proxy_row < self.proxy.rowCount():
            return
        index = self.proxy.index(proxy_row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _selection_changed(self, *_args) -> None:
        one = self.current_row()
        self.open_button.setEnabled(one is not None)
        self.approve_button.setEnabled(one is not None and one.status in ("submitted", "returned"))
        self.return_button.setEnabled(one is not None and one.status in ("submitted", "returned"))
        self.bulk_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Triage keys on the table: J/K next and previous, Enter opens, A approves, R returns."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            fit_unit(self.table)
            return False
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier:
                return False
            key = event.key()
            row = self.table.currentIndex().row()
            if key == Qt.Key.Key_J:
                self._go_to(row + 1 if row >= 0 else 0)
                return True
            if key == Qt.Key.Key_K:
                self._go_to(max(row - 1, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if key == Qt.Key.Key_A:
                self.approve_current()
                return True
            if key == Qt.Key.Key_R:
                self.return_current()
                return True
        return super().eventFilter(watched, event)

    # -- decisions ------------------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.opened.emit(row.submission_id)

    def approve_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from dtdesktop.review import reviewing

        store, sid, at = self.ctx.store, row.submission_id, self.table.currentIndex().row()

        def done(_step) -> None:
            self._decided(row, "approved", at)
            self.ctx.tell(_("{unit}: approved.").format(unit=row.unit_full_name), "info")

        seen = row.status

        self._submit(lambda: reviewing.review(store, sid, "approve", seen_status=seen), done, self._failed)

    def return_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from dtdesktop.review.inbox import criteria_of

        store, lang = self.ctx.store, current_language()
        self._submit(
            lambda: criteria_of(store, row.submission_id, lang),
            lambda criteria: self._ask_return(row, criteria),
            self._failed,
        )

    def _ask_return(self, row: InboxRow, criteria: list[Criterion]) -> None:
        at = self.table.currentIndex().row()
        dialog = ReturnDialog(row, criteria, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            comments, overall = dialog.comments(), dialog.overall.text().strip() or None
        finally:
            dialog.deleteLater()
        from dtdesktop.review import reviewing

        store, sid = self.ctx.store, row.submission_id

        def done(_step) -> None:
            self._decided(row, "returned", at)
            self.ctx.tell(_("{unit}: returned to be completed.").format(unit=row.unit_full_name), "info")

        self._submit(
            lambda: reviewing.review(store, sid, "return", comments, overall, seen_status=row.status),
            done,
            self._failed,
        )

    def _decided(self, row: InboxRow, status: str, at: int) -> None:
        """Show the line's new status, and go on to the next line (the one now at the same place when the
        decided line has left the filtered view)."""
        self.model.update_row(dataclasses.replace(row, status=status))
        self._counts()
        self._show_state()
        count = self.proxy.rowCount()
        if not count:
            return
        if self.select(row.submission_id):  # still shown: go on to the line after it
            here = self.table.currentIndex().row()
            self._go_to(min(here + 1, count - 1))
        else:  # it left the view: the line now at its place is the next one
            self._go_to(min(at, count - 1))

    def approve_selected_clean(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.ctx.tell(_("Select the lines to approve first."), "warning")
            return
        if len(rows) > 1 and not self._confirm_bulk(len(rows)):
            return
        from dtdesktop.review.inbox import approve_selected

        store = self.ctx.store
        self._submit(lambda: approve_selected(store, rows), self._bulk_done, self._failed)

    def _confirm_bulk(self, count: int) -> bool:
        """One question before many approvals: each can be taken back only one by one, with a reason."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Approve the selected files"))
        box.setText(
            _(
                "Approve the {n} selected lines? Those flagged or not verified cleanly are left as they are, "
                "and you are told why."
            ).format(n=_n(count))
        )
        approve = box.addButton(_("Approve"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(approve)
        box.exec()
        return box.clickedButton() is approve

    def _bulk_done(self, result: BulkApproval) -> None:
        by_id = {r.submission_id: r for r in self.model.rows()}
        for sid in result.approved:
            if sid in by_id:
                self.model.update_row(dataclasses.replace(by_id[sid], status="approved"))
        self._counts()
        self._show_state()
        self.last_bulk_message = bulk_sentence(result)
        self.ctx.tell(self.last_bulk_message, "warning" if result.skipped else "info")

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ReviewError):
            self.ctx.tell(str(error), "warning")
            self.refresh()  # the line may have changed meanwhile: show it as it is now
            return
        self.ctx.tell(
            _("This could not be done: {reason}").format(reason=safe(str(error)) or type(error).__name__),
            "error",
        )

    # -- import ---------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import submission files"),
            self.ctx.start_folder(),
            _("Submission files (*.pdf);;All files (*)"),
        )
        if names:
            self.ctx.used(names[0])
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, _("Import every submission file in a folder"), self.ctx.start_folder()
        )
        if name:
            self.ctx.used(Path(name).parent)  # the next batch is likely a sibling folder
            self.import_paths([Path(name)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders (every PDF inside) in the background, with progress and Cancel."""
        if not paths:
            return
        if self.importing:
            self.ctx.tell(_("An import is already running; wait for it to end, or cancel it."), "warning")
            return
        from dtdesktop.review.import_process import import_files_apart

        self.importing = True
        cancel = self._cancel = threading.Event()
        self.report = None
        self.results.clear()
        self.results_title.setText(_("Importing…"))
        self.results_box.show()
        self.progress.setRange(0, 0)  # busy until the first file is filed
        self._say_progress()
        self.cancel_button.setEnabled(True)
        self.import_panel.show()
        self.import_files_action.setEnabled(False)
        self.import_folder_action.setEnabled(False)
        self.import_files_button.setEnabled(False)
        self.import_folder_button.setEnabled(False)
        store, bridge = self.ctx.store, self._bridge
        self._submit(
            lambda: import_files_apart(store, paths, progress=bridge.report, cancelled=cancel.is_set),
            self._import_done,
            self._import_failed,
            self.importer,
        )

    def stop_importing(self) -> None:
        """Cancel a running import and wait for it to stop (the window closing): what was filed stays."""
        if self.importing:
            self.cancel_import()
        self.importer.wait(timeout=None)

    def cancel_import(self) -> None:
        """Stop after the file being filed: what was filed stays, nothing is half-written."""
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self._say_progress()

    def _progressed(self) -> None:
        news, more = self._bridge.take(NEWS_AT_ONCE)
        if news:
            n, total, _result = news[-1]
            self.progress.setRange(0, total)
            self.progress.setValue(n)
            self._say_progress()
            self._fill_results([result for _n_, _t, result in news], clear=False)
        if more:
            QTimer.singleShot(0, self, self._progressed)  # the rest after the next frame (if the page lives)

    def _say_progress(self) -> None:
        """The words beside the progress bar, from the bar and the Cancel asked for (and in the language
        shown, when called again after a switch)."""
        if self._cancel is not None and self._cancel.is_set():
            words = _("Stopping after this file…")
        elif self.progress.maximum() == 0:
            words = _("Checking the files…")
        else:
            words = _("{n} / {total}").format(n=_n(self.progress.value()), total=_n(self.progress.maximum()))
        self.progress_label.setText(words)

    def _import_ended(self) -> None:
        self.importing = False
        self._cancel = None
        self.import_panel.hide()
        for w in (self.import_files_action, self.import_folder_action):
            w.setEnabled(True)
        for b in (self.import_files_button, self.import_folder_button):
            b.setEnabled(True)

    def _import_done(self, report) -> None:
        if self._bridge.waiting():  # the last files' news is still being listed: end after it
            QTimer.singleShot(0, self, lambda: self._import_done(report))
            return
        self._import_ended()
        self.report = report
        if self.results.topLevelItemCount() != len(report.results):  # each was listed as it was filed
            self._fill_results(report.results)
        self._results_summary(report)
        level = "info" if report.clean and not report.stopped else "warning"
        self.ctx.tell(self.results_title.text(), level)
        self.imported.emit(report)
        self.refresh()

    def _import_failed(self, error: BaseException) -> None:
        from dtdesktop.review.import_process import in_words

        self._import_ended()
        sentence = _(
            "The import stopped. {reason} The files filed before it stay; import the folder again to go on "
            "(files already filed are recognised)."
        ).format(reason=in_words(error))
        self.results_title.setText(sentence)
        self.ctx.tell(sentence, "error")
        self.import_failed.emit(sentence)
        self.refresh()

    def _results_summary(self, report) -> None:
        counts = {o: len(report.by_outcome(o)) for o in OUTCOME_WORDS}
        text = _(
            "{imported} imported, {superseded} superseded, {duplicate} already there, {conflict} in "
            "conflict, {refused} refused."
        ).format(**{k: _n(v) for k, v in counts.items()})
        if report.stopped:
            text += " " + _("Cancelled: the files listed were imported; import the others again to go on.")
        elif not report.results:
            text = _("No PDF file was found in what was given.")
        self.results_title.setText(text)

    def _fill_results(self, results, clear: bool = True) -> None:
        if clear:
            self.results.clear()
        items = []
        for r in results:
            item = QTreeWidgetItem([Path(r.file).name, _(OUTCOME_WORDS[r.outcome]), "", ""])
            verdict = "invalid" if r.outcome == "refused" else (r.verdict or "invalid")
            badge, words = RESULT_VERDICTS.get(verdict, RESULT_VERDICTS["invalid"])
            item.setText(2, _(words))
            item.setIcon(2, icon(VERDICT_BADGES[badge][0]))
            item.setForeground(2, QBrush(QColor(VERDICT_BADGES[badge][1])))
            why = [r.reason] if r.reason else []
            if r.outcome != "duplicate":
                why += [message for _code, message in r.reasons]
            item.setText(3, " ".join(safe(w) for w in why))
            item.setToolTip(0, r.file)
            item.setToolTip(2, _(VERDICT_BADGES[badge][2]))
            item.setToolTip(3, "\n".join(safe(w) for w in why))
            item.setData(0, Qt.ItemDataRole.UserRole, r)
            items.append(item)
        self.results.addTopLevelItems(items)

    # -- drops ----------------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)


def bulk_sentence(result: BulkApproval) -> str:
    """What a bulk approval did, in words: how many approved, how many left and why."""
    text = _("{n} approved.").format(n=_n(len(result.approved)))
    skipped = result.skipped_by()
    if skipped:
        why = ", ".join(f"{_n(n)} {_(SKIP_LABELS[k])}" for k, n in skipped.items())
        text += " " + _("{n} left as they were: {why}.").format(n=_n(len(result.skipped)), why=why)
    return text
