"""The area as a whole, in the reviewer's window: how many communes sent, were approved or returned; progress
to the criteria set's program targets, province-wide and for each group; the spread of scores, the pillars,
the indicators least often met, the ranking, and who sent nothing. Any figure clicked lists its communes
beside it; the report goes out as PDF, XLSX or CSV, or to the printer.

The summary is built on the store's worker (thousands of units take a few tenths of a second); the page only
fills its widgets with the result, so that the window never waits on the database.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.icons import icon
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.area_dashboard import Dashboard, Figures, Selection
from dtdesktop.gui.reviewer.area_export import ReportOutput
from dtdesktop.gui.reviewer.area_widgets import (
    CODE_ROLE,
    SORT_ROLE,
    BarChart,
    ElidedLabel,
    FigureCard,
    LinesModel,
    TargetBar,
)
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.i18n import _, current_language
from dtdesktop.review.errors import ReviewError
from dtdesktop.summary.area import STATUSES, AreaSummary, Scopes, build_summary, scopes

FIGURES = ("all", "sent", *STATUSES, "completed", "average")
FIGURE_COLUMNS = 5


class Scroll(QScrollArea):
    """The dashboard's scroll area; says the width it shows, so that the figures flow into fewer columns
    rather than run off the right edge."""

    resized = Signal(int)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit(self.viewport().width())


class AreaPage(Retranslating, Dashboard, ReportOutput, QWidget):
    """The area's dashboard. `open_units` carries the codes of the communes the reviewer opens from a list
    (double-click, or Open); `loaded` follows each summary shown (the window's status, tests, benchmark)."""

    open_units = Signal(list)
    loaded = Signal()

    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary: AreaSummary | None = None
        self.scopes: Scopes | None = None
        self.loading = False
        self.timings: dict[str, float] = {}
        self.groups_file: Path | None = None
        self.grouping = "districts"  # the reviewer's choice: former districts, the groups file, or none
        self.selection: Selection | None = None
        self.printed: int | None = None  # pages sent to the printer by the last print
        self._generation = 0
        self._sized = False
        self._build()
        self.retranslate()

    # ------------------------------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.period_label, self.catalog_label, self.grouping_label = QLabel(), QLabel(), QLabel()
        self.period_box, self.catalog_box, self.grouping_box = QComboBox(), QComboBox(), QComboBox()
        self.catalog_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalog_box.setMinimumContentsLength(12)
        self.grouping_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.grouping_box.setMinimumContentsLength(12)
        for label, box in (
            (self.period_label, self.period_box),
            (self.catalog_label, self.catalog_box),
            (self.grouping_label, self.grouping_box),
        ):
            label.setBuddy(box)
        self.period_box.activated.connect(lambda _i: self._request())
        self.catalog_box.activated.connect(lambda _i: self._request())
        self.grouping_box.activated.connect(lambda _i: self._choose_grouping(self.grouping_box.currentData()))
        choosers = QHBoxLayout()
        for widget in (
            self.period_label,
            self.period_box,
            self.catalog_label,
            self.catalog_box,
            self.grouping_label,
            self.grouping_box,
        ):
            choosers.addWidget(widget)
        choosers.addStretch(1)

        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export)
        self.print_action = QAction(icon("print"), "", self)
        self.print_action.triggered.connect(self.print_report)
        self.refresh_action = QAction(self)
        self.refresh_action.triggered.connect(self.refresh)
        self.heading = ElidedLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.state = QLabel()
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for action in (self.refresh_action, self.export_action, self.print_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            top.addWidget(button)

        # The dashboard, in a scroll area: it is taller than a laptop's screen.
        board = QWidget()
        self.board = QVBoxLayout(board)
        self.figures_title = self._section_title()
        self.figures = figures = QGridLayout()
        figures.setSpacing(6)
        self._card_columns = FIGURE_COLUMNS
        self.cards: dict[str, FigureCard] = {}
        for n, key in enumerate(FIGURES):
            card = FigureCard()
            if key != "average":
                card.clicked.connect(lambda key=key: self.show_selection(("status", key)))
            else:
                card.setCursor(Qt.CursorShape.ArrowCursor)
                card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.cards[key] = card
            figures.addWidget(card, n // FIGURE_COLUMNS, n % FIGURE_COLUMNS)
        self.targets_title = self._section_title()
        self.targets_box = QVBoxLayout()
        self.targets_box.setSpacing(4)
        self.target_bars: list[TargetBar] = []
        self.average_labels: list[QLabel] = []
        self.histogram = BarChart(height=210)
        self.histogram.bar_clicked.connect(lambda i: self.show_selection(("bin", i)))
        self.pillars = BarChart(height=190)
        self.weakest_title = self._section_title()
        self.weakest = QTableWidget(0, 4)
        self.weakest.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.weakest.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.weakest.verticalHeader().hide()
        self.weakest.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.weakest.setWordWrap(True)
        self.weakest.cellClicked.connect(self._weakest_clicked)
        self.ranking_title = self._section_title()
        self.ranking_model = LinesModel(("rank", "unit", "group", "score", "status", "completed"), self)
        self.ranking = self._table(self.ranking_model, sortable=True)
        self.ranking.setMinimumHeight(240)
        self.not_sent_title = self._section_title()
        self.not_sent_model = LinesModel(("unit", "group"), self)
        self.not_sent = self._table(self.not_sent_model, sortable=True)
        self.not_sent.setMinimumHeight(180)
        for widget in (self.figures_title,):
            self.board.addWidget(widget)
        self.board.addLayout(figures)
        self.board.addWidget(self.targets_title)
        self.board.addLayout(self.targets_box)
        self.board.addWidget(self.histogram)
        self.board.addWidget(self.pillars)
        for widget in (
            self.weakest_title,
            self.weakest,
            self.ranking_title,
            self.ranking,
            self.not_sent_title,
            self.not_sent,
        ):
            self.board.addWidget(widget)
        self.board.addStretch(1)
        scroll = Scroll()
        scroll.resized.connect(self._place_cards)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(board)
        self.scroll = scroll

        # The side list: the communes behind whatever was clicked.
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        self.side_title = QLabel()
        self.side_title.setWordWrap(True)
        self.side_model = LinesModel(("unit", "score", "status"), self)
        self.side = self._table(self.side_model, sortable=True)
        self.side.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        side_layout.addWidget(self.side_title)
        side_layout.addWidget(self.side, 1)
        side_layout.addWidget(self.open_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        side.setMinimumWidth(220)
        scroll.setMinimumWidth(360)

        layout = QVBoxLayout(self)
        layout.addLayout(choosers)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.splitter, 1)
        self._set_enabled()

    def _place_cards(self, width: int) -> None:
        """As many cards a row as the width holds (five on a wide screen, three on a narrow one)."""
        card = max(self.fontMetrics().horizontalAdvance("x") * 13, 1)
        columns = max(2, min(FIGURE_COLUMNS, (width - 24) // card))
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for card in self.cards.values():
            self.figures.removeWidget(card)
        for n, card in enumerate(self.cards.values()):
            self.figures.addWidget(card, n // columns, n % columns)
        for column in range(FIGURE_COLUMNS):
            self.figures.setColumnStretch(column, 1 if column < columns else 0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # the side list wide enough for a name, a score and a status
            self._sized = True
            width = max(self.splitter.width(), self.width())
            side = max(330, int(width * 0.36))
            self.splitter.setSizes([max(420, width - side), side])

    def _section_title(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)  # a narrow window wraps it rather than widen the dashboard past its edge
        label.setProperty("role", "sectionTitle")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _table(self, model: LinesModel, sortable: bool) -> QTableView:
        view = QTableView()
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setSortLocaleAware(True)
        view.setModel(proxy)
        view.setSortingEnabled(sortable)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths from the font, not from the rows: measuring 3,321 rows would cost a tenth of a second.
        metrics = view.fontMetrics()
        widths = {"rank": "00000", "score": "100,00%", "status": "chờ thẩm định", "completed": "Hoàn thành"}
        for column, sample in widths.items():
            if column in model.columns:
                view.setColumnWidth(model.columns.index(column), metrics.horizontalAdvance(sample) + 16)
        if "group" in model.columns:
            view.setColumnWidth(
                model.columns.index("group"), metrics.horizontalAdvance("Thành phố Sông Công")
            )
        if "unit" in model.columns:
            header.setSectionResizeMode(model.columns.index("unit"), QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(metrics.horizontalAdvance("Chỉ tiêu") + 12)
        view.doubleClicked.connect(lambda index: self.open_units.emit([index.data(CODE_ROLE)]))
        return view

    def actions(self) -> list[QAction]:  # type: ignore[override]
        """For the window's menus: export the area's report, print it, build it again."""
        return [self.export_action, self.print_action, self.refresh_action]

    def retranslate(self) -> None:
        self.period_label.setText(_("&Period:"))
        self.catalog_label.setText(_("&Criteria set:"))
        self.grouping_label.setText(_("&Groups:"))
        self.grouping_box.setToolTip(
            _("A groups file: a CSV file of two columns, the group and the commune's code, one a line.")
        )
        self.export_action.setText(_("&Export the area report…"))
        self.print_action.setText(_("&Print the area report…"))
        self.refresh_action.setText(_("&Refresh"))
        # The page's own buttons say it short (the window's menus carry the whole text).
        self.export_action.setIconText(_("Export…"))
        self.print_action.setIconText(_("Print…"))
        self.refresh_action.setIconText(_("Refresh"))
        self.figures_title.setText(_("The assessments received"))
        self.targets_title.setText(_("Progress against the targets"))
        self.weakest_title.setText(_("The indicators least often met (click one to list the communes)"))
        self.weakest.setHorizontalHeaderLabels([_("Code"), _("Indicator"), _("Met"), _("Share met")])
        self.open_button.setText(_("&Open the selected communes"))
        for model in (self.ranking_model, self.not_sent_model, self.side_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.columns) - 1)
        if self.scopes is not None:
            self._fill_choosers(self.scopes, self.summary)
        self._fill(self.summary)

    # ----------------------------------------------------------------------------------- loading

    def refresh(self) -> None:
        """Read the store again (a new import, a review decided) and show the area as it now is."""
        self._request()

    def _request(self) -> None:
        """Build the summary for what the choosers say, on the store's worker; only the newest request's
        result is shown (the reviewer may change the period while a build is under way)."""
        self._generation += 1
        generation = self._generation
        store, province = self.ctx.store, self.ctx.province or None
        period = self.period_box.currentData()
        catalog_id = self.catalog_box.currentData()
        grouping = self.grouping
        groups_file = self.groups_file if grouping == "file" else None
        self.loading = True
        self.state.setText(_("Building the summary of the area…"))
        self._set_enabled()

        def job() -> tuple[Scopes, AreaSummary | None, Figures | None, float]:
            start = time.perf_counter()
            found = scopes(store, province)
            if not found.periods:
                return found, None, None, time.perf_counter() - start
            year = period if period in found.periods else found.periods[0]
            used = found.catalogs.get(year, ())
            cid = catalog_id if any(c.catalog_id == catalog_id for c in used) else None
            summary = build_summary(
                store,
                province,
                year,
                groups_file,
                cid or (used[0].catalog_id if used else None),
                grouping != "none",
            )
            return found, summary, Figures.of(summary), time.perf_counter() - start

        self.ctx.worker.submit(
            job,
            lambda result: self._loaded(generation, result),
            lambda error: self._failed(generation, error, grouping == "file"),
        )

    def _loaded(
        self, generation: int, result: tuple[Scopes, AreaSummary | None, Figures | None, float]
    ) -> None:
        if generation != self._generation:
            return  # a newer request is under way
        start = time.perf_counter()
        found, summary, figures, built = result
        self.scopes, self.summary = found, summary
        self.figures_of = (summary, figures) if summary is not None and figures is not None else None
        self.loading = False
        self._fill_choosers(found, summary)
        self._fill(summary)
        self._set_enabled()
        self.timings = {"build": built, "fill": time.perf_counter() - start}
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException, with_file: bool) -> None:
        if generation != self._generation:
            return
        self.loading = False
        sentence = str(error) if isinstance(error, ReviewError) else self._sentence(error)
        if with_file:  # a groups file refused: say why, and show the area without it
            self.groups_file, self.grouping = None, "districts"
            self.ctx.tell(sentence, "error")
            self.state.setText(sentence)
            self._request()
            return
        self.state.setText(sentence)
        self.ctx.tell(sentence, "error")
        self._set_enabled()
        self.loaded.emit()

    @staticmethod
    def _sentence(error: BaseException) -> str:
        return _(
            "The summary of the area could not be built ({reason}); try Refresh, or restart the program."
        ).format(reason=str(error).splitlines()[0][:200] if str(error) else type(error).__name__)

    def _set_enabled(self) -> None:
        ready = self.summary is not None and not self.loading
        self.export_action.setEnabled(ready)
        self.print_action.setEnabled(ready)
        self.refresh_action.setEnabled(not self.loading)

    def _fill_choosers(self, found: Scopes, summary: AreaSummary | None) -> None:
        """The periods received, the criteria sets used in the period shown, the ways to group."""
        lang = current_language()
        for box in (self.period_box, self.catalog_box, self.grouping_box):
            box.blockSignals(True)
            box.clear()
        for year in found.periods:
            self.period_box.addItem(str(year), year)
        used = found.catalogs.get(summary.period, ()) if summary else ()
        for c in used:
            self.catalog_box.addItem(c.title_en if lang == "en" else c.title_vi, c.catalog_id)
            self.catalog_box.setItemData(
                self.catalog_box.count() - 1, c.catalog_id, Qt.ItemDataRole.ToolTipRole
            )
        if summary is not None:
            self.period_box.setCurrentIndex(self.period_box.findData(summary.period))
            if summary.catalog is not None:
                self.catalog_box.setCurrentIndex(self.catalog_box.findData(summary.catalog.id))
        for widget in (self.catalog_label, self.catalog_box):
            widget.setVisible(len(used) > 1)
        self._fill_grouping(summary is None or summary.scheme == "2025")
        for box in (self.period_box, self.catalog_box):
            box.blockSignals(False)

    def _fill_grouping(self, districts: bool) -> None:
        """Former districts exist only in the three-tier list; the groups file once one is loaded."""
        box = self.grouping_box
        box.blockSignals(True)
        box.clear()
        if districts:
            box.addItem(_("Former districts"), "districts")
        if self.groups_file is not None:
            box.addItem(_("Groups of {file}").format(file=self.groups_file.name), "file")
        box.addItem(_("No groups"), "none")
        box.addItem(_("Load a groups file…"), "load")
        index = box.findData(self.grouping)
        box.setCurrentIndex(index if index >= 0 else box.findData("none"))
        box.blockSignals(False)

    def choose_groups_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Load a groups file"), str(Path.home()), _("CSV files (*.csv *.txt)")
        )
        if path:
            self.use_groups_file(Path(path))

    def use_groups_file(self, path: Path) -> None:
        """Group the communes as *path* says (a CSV of group and commune code) and show the area so."""
        self.groups_file = path
        self._choose_grouping("file")

    def _choose_grouping(self, key: str) -> None:
        if key == "load":  # the last item opens the file dialog; cancelled, the grouping stays as it was
            self._fill_grouping(self.summary is None or self.summary.scheme == "2025")
            self.choose_groups_file()
            return
        self.grouping = key
        self._fill_grouping(self.summary is None or self.summary.scheme == "2025")
        self._request()
