"""The criteria sets of the reviewer's window: the library (shipped and installed, as `catalog list` shows
it), installing a province's decision after reading it in plain words, removing one no assessment uses,
a set as a spreadsheet and back, and publishing the province's decision. Store and file work runs on the
store's worker; every refusal is a sentence, and a spreadsheet's problems are listed each with its cell."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.icons import icon
from dtdesktop.gui.messages import confirm
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.publication.install import LibraryEntry
from dtdesktop.text import format_date

SHA_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (
    N_("ID"),
    N_("Version"),
    N_("Title"),
    N_("Source"),
    N_("Status"),
    N_("Published by"),
    N_("Date"),
)
SOURCE_LABELS = {"shipped": N_("shipped"), "installed": N_("installed"), "accepted": N_("accepted")}
STATUS_LABELS = {"signed": N_("signed, trusted"), "unsigned": N_("unsigned")}


def load_library(store) -> list[LibraryEntry]:
    """The shipped catalogs, then those installed or accepted in the store (runs on the worker)."""
    from dtdesktop.catalogs.registry import shipped_catalogs
    from dtdesktop.publication.install import library

    return library(store, shipped_catalogs())


def read_workbook(path: Path):
    """The catalog data of a workbook and its warnings, or the XlsxError listing every problem."""
    from dtdesktop.authoring import read_xlsx

    return read_xlsx(path)


def write_yaml(data: dict, out: Path) -> Path:
    from dtdesktop.authoring import yaml_text
    from dtdesktop.files import atomic_write_bytes

    return atomic_write_bytes(out, yaml_text(data).encode("utf-8"))


def write_workbook(entry: LibraryEntry, out: Path) -> Path:
    """The catalog as its hash covers it, in a workbook an author edits (nothing is lost on the way back)."""
    from dtdesktop.authoring import write_xlsx

    write_xlsx(json.loads(entry.catalog.canonical), out)
    return out


class CriteriaPage(Retranslating, QWidget):
    changed = Signal()  # the library changed: lists of criteria sets elsewhere may read otherwise now

    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[LibraryEntry] = []
        self.loaded = False
        self.last_yaml: Path | None = None  # the catalog file last written from a spreadsheet
        self.act_install = QAction(icon("open-file"), "", self)
        self.act_install.triggered.connect(lambda: self.install_criteria())
        self.act_remove = QAction(icon("delete"), "", self)
        self.act_remove.triggered.connect(lambda: self.remove_selected())
        self.act_export = QAction(icon("duplicate"), "", self)
        self.act_export.triggered.connect(lambda: self.export_xlsx())
        self.act_read = QAction(icon("open"), "", self)
        self.act_read.triggered.connect(lambda: self.read_xlsx())
        self.act_publish = QAction(icon("sign"), "", self)
        self.act_publish.triggered.connect(lambda: self.publish())
        column = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setProperty("role", "pageTitle")
        column.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        self.buttons: dict[str, QPushButton] = {}
        library_row, author_row = QHBoxLayout(), QHBoxLayout()
        for name, action, row in (
            ("install", self.act_install, library_row),
            ("remove", self.act_remove, library_row),
            ("export", self.act_export, library_row),
            ("read", self.act_read, author_row),
            ("publish", self.act_publish, author_row),
        ):
            button = QPushButton(action.icon(), "")
            button.setObjectName(f"{name}Button")
            button.clicked.connect(action.trigger)
            self.buttons[name] = button
            row.addWidget(button)
        library_row.addStretch(1)
        author_row.addStretch(1)
        column.addLayout(library_row)
        column.addLayout(author_row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("catalogTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.status = QLabel()
        self.status.setObjectName("criteriaStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_box = QWidget()
        problems_column = QVBoxLayout(self.problems_box)
        problems_column.setContentsMargins(0, 0, 0, 0)
        self.problems_title = QLabel()
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        problems_column.addWidget(self.problems_title)
        problems_column.addWidget(self.problems, 1)
        self.problems_box.hide()
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.table, 1)
        top_column.addWidget(self.status)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.problems_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        column.addWidget(self.splitter, 1)
        self.retranslate()
        self._selected()

    # --- texts

    def retranslate(self) -> None:
        self.title.setText(_("Criteria sets"))
        self.hint.setText(
            _(
                "The criteria sets this computer knows: those shipped with the program, and those installed "
                "from a province's decision. A set is written as a spreadsheet, checked, and published as "
                "the province's signed decision."
            )
        )
        self.act_install.setText(_("&Install a criteria set…"))
        self.act_remove.setText(_("Remove the criteria set…"))
        self.act_export.setText(_("Export as a spreadsheet…"))
        self.act_read.setText(_("Read a spreadsheet…"))
        self.act_publish.setText(_("Publish a criteria decision…"))
        for name, text in (
            ("install", _("Install a criteria set…")),
            ("remove", _("Remove…")),
            ("export", _("Export as a spreadsheet…")),
            ("read", _("Read a spreadsheet…")),
            ("publish", _("Publish a criteria decision…")),
        ):
            self.buttons[name].setText(text)
        self.problems_title.setText(
            _("Problems found in the spreadsheet (each with its sheet, row and column):")
        )
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    def actions(self) -> list[QAction]:
        return [self.act_install, self.act_remove, self.act_export, self.act_read, self.act_publish]

    # --- the library

    def refresh(self) -> None:
        store = self.ctx.store
        self.ctx.worker.submit(lambda: load_library(store), self._loaded, self._failed)

    def _loaded(self, entries: list[LibraryEntry]) -> None:
        self.entries, self.loaded = entries, True
        self._fill()

    def _fill(self) -> None:
        lang = current_language()
        wanted = self._selected_key()
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            when = e.published_at or e.added_at
            publisher = e.publisher or "—"
            if e.number:
                publisher += " — " + _("Decision No. {number}").format(number=e.number)
            cells = [
                e.catalog.id,
                e.catalog.version,
                e.catalog.title.get(lang),
                _(SOURCE_LABELS.get(e.source, e.source)),
                _(STATUS_LABELS[e.status]) if e.status in STATUS_LABELS else "—",
                publisher,
                format_date(when.astimezone().date(), lang) if when else "—",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SHA_ROLE, (e.source, e.catalog.sha256))
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(2) > 360:
            self.table.setColumnWidth(2, 360)
        self._select(wanted)
        self._selected()

    def _selected_key(self) -> tuple[str, str] | None:
        items = self.table.selectedItems()
        return items[0].data(SHA_ROLE) if items else None

    def _select(self, key: tuple[str, str] | None) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if key and item is not None and item.data(SHA_ROLE) == key:
                self.table.selectRow(r)
                return

    def selected(self) -> LibraryEntry | None:
        key = self._selected_key()
        return next((e for e in self.entries if (e.source, e.catalog.sha256) == key), None)

    def _selected(self) -> None:
        e = self.selected()
        self.act_export.setEnabled(e is not None)
        self.buttons["export"].setEnabled(e is not None)
        removable = e is not None and e.source == "installed"
        self.act_remove.setEnabled(removable)
        self.buttons["remove"].setEnabled(removable)

    # --- telling

    def _say(self, sentence: str, level: str = "info") -> None:
        self.status.setText(sentence)
        restyle(self.status, "role", "fieldError" if level == "error" else "hint")
        self.ctx.tell(sentence, level)

    def _failed(self, error: BaseException) -> None:
        self._say(str(error), "error")
        problems = getattr(error, "problems", ())
        if problems:
            self._show_problems([str(p) for p in problems])

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems_box.setVisible(bool(problems))

    # --- installing

    def install_criteria(self, path: Path | None = None) -> None:
        """Check a province's decision (or, when the reviewer picks one, an unsigned criteria file), show
        what it is in plain words, and install it only when the reviewer agrees."""
        from dtdesktop.publication.install import check_file

        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                _("Install a criteria set"),
                self.ctx.profile.last_folder,
                _("Criteria decisions (*.pdf);;Criteria files, unsigned (*.yaml *.yml)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        unsigned = path.suffix.lower() in (".yaml", ".yml")
        store = self.ctx.store
        self._show_problems([])
        self.ctx.worker.submit(
            lambda: check_file(path, store, unsigned=unsigned), self._checked, self._failed
        )

    def _checked(self, checked) -> None:
        from dtdesktop.gui.criteria_dialog import CriteriaDialog
        from dtdesktop.publication.install import install

        if CriteriaDialog(checked, self).exec() != CriteriaDialog.DialogCode.Accepted:
            return
        store = self.ctx.store
        self.ctx.worker.submit(lambda: install(store, checked), self._installed, self._failed)

    def _installed(self, done) -> None:
        c = done.checked.catalog
        title = f"{c.title.get(current_language())} ({c.version})"
        if done.shipped:
            self._say(_("{title} comes with the program already; nothing changed.").format(title=title))
        elif not done.added:
            self._say(_("{title} is installed already; nothing changed.").format(title=title))
        else:
            sentence = _("{title} is installed.").format(title=title)
            if done.reviewers:
                sentence += " " + _("{n} reviewer certificates it carries are now trusted.").format(
                    n=done.reviewers
                )
            self._say(sentence)
            self.changed.emit()
        self.refresh()

    # --- removing

    def remove_selected(self) -> None:
        e = self.selected()
        if e is None:
            self._say(_("Select the criteria set to remove first."), "warning")
            return
        title = f"{e.catalog.title.get(current_language())} ({e.catalog.version})"
        if e.source == "shipped":
            self._say(
                _("{title} comes with the program and cannot be removed.").format(title=title), "warning"
            )
            return
        if e.source != "installed":
            self._say(
                _("{title} was accepted from a received submission and stays known with it.").format(
                    title=title
                ),
                "warning",
            )
            return
        if not confirm(
            self,
            _("Remove a criteria set"),
            _(
                "Remove {title} from this computer? Assessments cannot be made with it afterwards; it is "
                "refused while an assessment or a received submission uses it."
            ).format(title=title),
            _("Remove"),
        ):
            return
        from dtdesktop.publication.install import remove

        store, sha = self.ctx.store, e.catalog.sha256

        def done(_removed) -> None:
            self._say(_("{title} was removed.").format(title=title))
            self.changed.emit()
            self.refresh()

        self.ctx.worker.submit(lambda: remove(store, sha), done, self._failed)

    # --- spreadsheets

    def export_xlsx(self, out: Path | None = None) -> None:
        e = self.selected()
        if e is None:
            self._say(_("Select the criteria set to export first."), "warning")
            return
        if out is None:
            folder = Path(self.ctx.profile.last_folder or Path.home())
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export as a spreadsheet"),
                str(folder / f"{e.catalog.id}-{e.catalog.version}.xlsx"),
                _("Excel workbooks (*.xlsx)"),
            )
            if not chosen:
                return
            out = Path(chosen)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        target, count = out, len(e.catalog.indicators)

        def done(path: Path) -> None:
            self._say(_("Wrote {file} ({count} indicators).").format(file=path, count=count))

        self.ctx.worker.submit(lambda: write_workbook(e, target), done, self._failed)

    def read_xlsx(self, path: Path | None = None, out: Path | None = None) -> None:
        """Read a workbook, checking every cell: its problems listed, each with its place; else the catalog
        file written where the reviewer chooses."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Read a spreadsheet"), self.ctx.profile.last_folder, _("Excel workbooks (*.xlsx)")
            )
            if not chosen:
                return
            path = Path(chosen)
        self._show_problems([])
        source = path
        self.ctx.worker.submit(
            lambda: read_workbook(source), lambda result: self._read(source, result, out), self._unreadable
        )

    def _unreadable(self, error: BaseException) -> None:
        problems = [str(p) for p in getattr(error, "problems", ())]
        if not problems:
            self._failed(error)
            return
        self._show_problems(problems)
        self._say(
            _("The spreadsheet has {n} problems, listed below; nothing was written.").format(n=len(problems)),
            "error",
        )

    def _read(self, source: Path, result, out: Path | None) -> None:
        data, warnings = result
        self._show_problems([str(w) for w in warnings])
        if out is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the criteria file"),
                str(source.with_suffix(".yaml")),
                _("Criteria files (*.yaml *.yml)"),
            )
            if not chosen:
                return
            out = Path(chosen)
        target = out

        def done(path: Path) -> None:
            from dtdesktop.catalogs.loader import sha256_of

            self.last_yaml = path
            self._say(
                _("Wrote {file}: catalog {id} {version}, SHA-256 {sha}.").format(
                    file=path, id=data["id"], version=data["version"], sha=sha256_of(data)
                )
            )

        self.ctx.worker.submit(lambda: write_yaml(data, target), done, self._failed)

    # --- publishing

    def publish(self) -> None:
        from dtdesktop.gui.reviewer.publish_dialog import PublishDialog

        dialog = PublishDialog(self.ctx, self.last_yaml, self)
        dialog.published.connect(self._published)
        self.publish_dialog = dialog
        dialog.exec()

    def _published(self, result) -> None:
        if isinstance(result, Path):
            self._say(
                _("Draft decision written to {file}; it is not signed and cannot be installed.").format(
                    file=result
                )
            )
            return
        p = result.publication
        self._say(
            _("Signed decision {number} issuing {id} {version} written to {file}.").format(
                number=p.number, id=p.catalog_id, version=p.catalog_version, file=result.path
            )
        )
