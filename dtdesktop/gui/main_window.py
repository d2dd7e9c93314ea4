"""The main window: the list of assessments or one open assessment, the menus, the language switch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dtdesktop import profile as profiles
from dtdesktop.gui.app import switch_language
from dtdesktop.gui.assessment_list import AssessmentList, load_rows
from dtdesktop.gui.editor.editor import AssessmentEditor
from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.first_start import FirstStart
from dtdesktop.gui.icons import icon
from dtdesktop.gui.keys import redo_keys, undo_keys
from dtdesktop.gui.messages import confirm, show_error
from dtdesktop.gui.new_assessment import NewAssessment
from dtdesktop.gui.notice import NoticeBar
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.worker import DbWorker
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.database import Store
from dtdesktop.units import Unit, find


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, store: Store, profile: profiles.Profile) -> None:
        super().__init__()
        self.store, self.profile = store, profile
        self.switch_to = ""  # set when the officer asks for the reviewer's window instead
        self.worker = DbWorker()
        self.session: AssessmentSession | None = None
        self.editor: AssessmentEditor | None = None
        self.guide: QWidget | None = None
        self.setWindowIcon(icon("app"))
        self.list_page = AssessmentList()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.notice = NoticeBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        notice_row = QVBoxLayout()
        notice_row.setContentsMargins(6, 6, 6, 0)
        notice_row.addWidget(self.notice)
        column.addLayout(notice_row)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar()  # transient messages; whether the work is saved shows in the score strip
        self._make_actions()
        self._make_menus()
        self.list_page.open_requested.connect(self.open_assessment)
        self.list_page.new_requested.connect(self.new_assessment)
        self.list_page.duplicate_requested.connect(self.duplicate_assessment)
        self.list_page.delete_requested.connect(self.delete_assessment)
        self.setAcceptDrops(True)  # a reviewer's decision file dropped anywhere on the window
        self.retranslate()
        self.resize(1280, 760)
        self._update_actions()

    # --- actions and menus

    def _action(self, name: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self._action
        self.act_new = a("new", self.new_assessment, K.New, "new")
        self.act_list = a("list", self.show_list, "Ctrl+L", "list")
        self.act_duplicate = a("duplicate", self._duplicate_current, None, "duplicate")
        self.act_sign = a("sign", self.sign_and_send, "Ctrl+Shift+S", "sign")
        self.act_print = a("print", self.print_preview, K.Print, "print")
        self.act_backup = a("backup", self.backup, None, "backup")
        self.act_profile = a("profile", self.change_profile, None, "profile")
        self.act_quit = a("quit", self.close, K.Quit)
        self.act_next = a("next", lambda: self._step(1), ["Ctrl+PgDown", "Alt+Down"], "next")
        self.act_previous = a("previous", lambda: self._step(-1), ["Ctrl+PgUp", "Alt+Up"], "previous")
        self.act_next_missing = a("next_missing", lambda: self._step(1, "missing"), "F8")
        self.act_focus_tree = a("focus_tree", self._focus_tree, "Ctrl+1")
        self.act_focus_input = a("focus_input", self._focus_input, "Ctrl+2")
        self.act_checked = a("checked", self._mark_checked, "Ctrl+K", "checked")
        self.act_add_file = a("add_file", self._add_file, "Ctrl+Shift+A", "attach")
        self.act_about = a("about", self.about)
        self.act_guide = a("guide", self.show_guide, "F1")
        self.act_certificate = a("certificate", self.save_certificate)
        self.act_import = a("import_answers", self.import_answers)
        self.act_verify = a("verify", self.verify_file)
        self.act_restore = a("restore", self.restore)
        self.act_history = a("history", self.history, "Ctrl+H")
        self.act_decision = a("decision", self.import_decision, None, "open-file")
        self.act_criteria = a("criteria", self.install_criteria, None, "open-file")
        self.act_switch = a("switch_role", self._switch_to_reviewer)
        self.filter_group = QActionGroup(self)
        self.filter_actions = {}
        for n, name in enumerate(("all", "missing", "not_met")):
            act = a(f"filter_{name}", lambda name=name: self._filter(name), f"Ctrl+Shift+{n + 1}")
            act.setCheckable(True)
            act.setChecked(name == "all")
            self.filter_group.addAction(act)
            self.filter_actions[name] = act
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for lang, label in (("vi", "Tiếng Việt"), ("en", "English")):
            act = a(f"lang_{lang}", lambda lang=lang: self.set_language(lang))
            act.setText(label)
            act.setCheckable(True)
            act.setChecked(lang == current_language())
            self.language_group.addAction(act)
            self.language_actions[lang] = act
        self.undo_action = None
        self.redo_action = None

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        for act in (
            self.act_new,
            self.act_list,
            self.act_duplicate,
            None,
            self.act_sign,
            self.act_print,
            self.act_decision,
            self.act_criteria,
            None,
            self.act_backup,
            self.act_restore,
            self.act_profile,
            None,
            self.act_quit,
        ):
            self.menu_file.addSeparator() if act is None else self.menu_file.addAction(act)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.aboutToShow.connect(self._update_actions)
        self.menu_go = bar.addMenu("")
        for act in (
            self.act_next,
            self.act_previous,
            self.act_next_missing,
            None,
            self.act_focus_tree,
            self.act_focus_input,
        ):
            self.menu_go.addSeparator() if act is None else self.menu_go.addAction(act)
        self.menu_view = bar.addMenu("")
        for act in self.filter_actions.values():
            self.menu_view.addAction(act)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_history)
        self.menu_tools = bar.addMenu("")
        for act in (self.act_import, self.act_verify, self.act_certificate, None, self.act_switch):
            self.menu_tools.addSeparator() if act is None else self.menu_tools.addAction(act)
        self.menu_language = bar.addMenu("")
        for act in self.language_actions.values():
            self.menu_language.addAction(act)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_about)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self._fill_edit_menu()

    def _fill_edit_menu(self) -> None:
        """Edit menu and toolbar: undo/redo follow the open assessment's own undo stack."""
        self.menu_edit.clear()
        self.toolbar.clear()
        if self.session is not None and self.undo_action is not None:
            self.undo_action.setText(_("&Undo"))
            self.redo_action.setText(_("&Redo"))
            self.menu_edit.addAction(self.undo_action)
            self.menu_edit.addAction(self.redo_action)
            self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_checked)
        self.menu_edit.addAction(self.act_add_file)
        self.toolbar.addAction(self.act_list)
        self.toolbar.addAction(self.act_new)
        if self.session is not None:
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.undo_action)
            self.toolbar.addAction(self.redo_action)
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.act_previous)
            self.toolbar.addAction(self.act_next)
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.act_sign)
            self.toolbar.addAction(self.act_print)
        self._fit_toolbar()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        """Text beside the icons when there is room; when the window is narrow (a laptop at 125%), icons
        only except Sign and Print, which keep their names; narrower still, icons only (names in the
        tooltips). Sign and Print never fall behind the overflow arrow."""
        toolbar = self.toolbar
        wide, narrow = Qt.ToolButtonStyle.ToolButtonTextBesideIcon, Qt.ToolButtonStyle.ToolButtonIconOnly
        if toolbar.toolButtonStyle() != wide:
            toolbar.setToolButtonStyle(wide)  # every button follows the toolbar's style again
        if toolbar.sizeHint().width() > self.width():
            toolbar.setToolButtonStyle(narrow)
            named = [toolbar.widgetForAction(a) for a in (self.act_sign, self.act_print)]
            for button in named:
                if isinstance(button, QToolButton):
                    button.setToolButtonStyle(wide)
            toolbar.updateGeometry()
            if toolbar.sizeHint().width() > self.width():
                for button in named:
                    if isinstance(button, QToolButton):
                        button.setToolButtonStyle(narrow)
        extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None and extension.icon().isNull():
            extension.setIcon(icon("next"))  # the overflow arrow, if it ever shows, is seen

    def _undo_actions(self, session: AssessmentSession) -> tuple[QAction, QAction]:
        """Undo and redo with fixed texts (what they undo is in the tooltip), so that the toolbar does not
        change width, and lay itself out again, at every keystroke."""
        stack = session.undo_stack
        undo = _StackAction(N_("Undo {what}"), self)
        redo = _StackAction(N_("Redo {what}"), self)
        for action, slot, keys, name in (
            (undo, stack.undo, undo_keys(), "undo"),
            (redo, stack.redo, redo_keys(), "redo"),
        ):
            action.setIcon(icon(name))
            action.setShortcuts(keys)  # the same keys undo the answer inside a field (gui/keys.py)
            action.triggered.connect(slot)
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(undo.describe)
        stack.redoTextChanged.connect(redo.describe)
        return undo, redo

    def retranslate(self) -> None:
        texts = {
            self.act_new: _("&New assessment…"),
            self.act_list: _("&Assessments"),
            self.act_duplicate: _("&Duplicate as next year's draft…"),
            self.act_sign: _("&Sign and send…"),
            self.act_print: _("&Print report…"),
            self.act_backup: _("&Back up the data…"),
            self.act_profile: _("Commune, officer and &signature…"),
            self.act_quit: _("&Quit"),
            self.act_next: _("&Next indicator"),
            self.act_previous: _("&Previous indicator"),
            self.act_next_missing: _("Next &missing indicator"),
            self.act_focus_tree: _("The &criteria list"),
            self.act_focus_input: _("The &answer"),
            self.act_checked: _("Answer still &holds"),
            self.act_add_file: _("Add &evidence file…"),
            self.act_about: _("&About dtdesktop"),
            self.act_guide: _("&User guide"),
            self.act_certificate: _("Save my &certificate for the reviewers…"),
            self.act_import: _("&Import answers from a file…"),
            self.act_verify: _("Chec&k a submission file…"),
            self.act_restore: _("&Restore from a backup…"),
            self.act_history: _("&History of changes"),
            self.act_decision: _("Import the reviewer's &decision…"),
            self.act_criteria: _("&Install a criteria set…"),
            self.act_switch: _("Switch to the reviewer's window"),
            self.filter_actions["all"]: _("&All indicators"),
            self.filter_actions["missing"]: _("Only &missing"),
            self.filter_actions["not_met"]: _("Only &not met"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.menu_file.setTitle(_("&File"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_go.setTitle(_("&Go"))
        self.menu_view.setTitle(_("&View"))
        self.menu_tools.setTitle(_("&Tools"))
        self.menu_language.setTitle(_("&Language"))
        self.menu_help.setTitle(_("&Help"))
        self._fill_edit_menu()
        self._title()

    def _title(self) -> None:
        unit = self.unit
        where = unit.label if unit else ""
        if self.session is not None:
            a = self.session.assessment
            self.setWindowTitle(
                _("{unit} — assessment {period} — dtdesktop").format(unit=a.unit.full_name, period=a.period)
            )
        else:
            self.setWindowTitle(f"{where} — dtdesktop" if where else "dtdesktop")

    def _update_actions(self) -> None:
        open_ = self.session is not None
        for act in (
            self.act_sign,
            self.act_print,
            self.act_next,
            self.act_previous,
            self.act_next_missing,
            self.act_focus_tree,
            self.act_focus_input,
            self.act_checked,
            self.act_add_file,
            *self.filter_actions.values(),
        ):
            act.setEnabled(open_)
        self.act_duplicate.setEnabled(open_ or self.list_page.selected_id() is not None)

    # --- profile and first start

    @property
    def actor(self) -> str | None:
        """Who the history names for a change made in the window: the officer of the profile, not the
        computer's account."""
        return self.profile.officer_name or None

    @property
    def unit(self) -> Unit | None:
        return find(self.profile.unit_ref) if self.profile.unit_ref else None

    def start(self) -> bool:
        """Ask the first-start questions if they were never answered; then show the assessments."""
        if not self.profile.complete and not self._first_start():
            return False
        self.refresh_list()
        return True

    def _first_start(self) -> bool:
        """The first-start questions, until answered: cancelling them explains why the commune is needed
        and offers to go back (to the page the officer left, with what was typed), or to close."""
        wizard = FirstStart(self.profile, self)
        try:
            while wizard.exec() != FirstStart.DialogCode.Accepted:
                if not self._go_back_to_first_start():
                    return False
            self.profile = wizard.result_profile().with_changes(role="officer")
        finally:
            wizard.deleteLater()
        self._save_profile()
        return True

    def _go_back_to_first_start(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("dtdesktop needs your commune"),
            _(
                "dtdesktop needs to know the commune, who carries out the assessment and how the report is "
                "signed before it can start: every assessment, its criteria and the signed file belong to "
                "them. Nothing is sent anywhere; it stays on this computer."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        back = box.addButton(_("Go back to the questions"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Close dtdesktop"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is back

    def change_profile(self) -> bool:
        wizard = FirstStart(self.profile, self)
        try:
            if wizard.exec() != FirstStart.DialogCode.Accepted:
                return False
            self.profile = wizard.result_profile()
        finally:
            wizard.deleteLater()
        self._save_profile()
        self.refresh_list()
        return True

    def _switch_to_reviewer(self) -> None:
        """Close this window; the program opens the reviewer's (asking its own questions the first time)."""
        self.switch_to = "reviewer"
        self.profile = self.profile.with_changes(role="reviewer")
        self.close()

    def _save_profile(self) -> None:
        try:
            profiles.save(self.profile)
        except Exception as exc:  # the profile is also kept in memory; say why it was not written
            show_error(self, exc)

    def set_language(self, lang: str) -> None:
        switch_language(lang)
        self.language_actions[lang].setChecked(True)
        self.profile = self.profile.with_changes(language=lang)
        self._save_profile()
        self.refresh_list()

    # --- the list

    def refresh_list(self, select: int | None = None) -> None:
        unit = self.unit
        if unit is None:
            return
        self.list_page.set_context(unit, f"{self.profile.officer_name}, {self.profile.officer_title}")
        store = self.store

        def shown(rows) -> None:
            self.list_page.show_rows(rows)
            if select is not None:
                self.list_page.select(select)
            self._update_actions()

        self.worker.submit(lambda: load_rows(store, unit), shown, lambda e: show_error(self, e))
        self._title()

    def show_list(self) -> None:
        self.close_assessment()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh_list()

    def new_assessment(self) -> None:
        unit = self.unit
        if unit is None:
            return
        from dtdesktop.publication.install import installed_catalogs

        dialog = NewAssessment(unit, self, installed=installed_catalogs(self.store))
        if not dialog.catalogs:
            show_error(self, _("No criteria are available for this kind of unit."))
            return
        if dialog.exec() != NewAssessment.DialogCode.Accepted:
            return
        catalog, period, horizon, store = dialog.catalog, dialog.period, dialog.horizon, self.store
        actor = self.actor
        self.worker.submit(
            lambda: store_assessments.create(store, catalog, unit, period, horizon, actor),
            self.open_assessment,
            self._not_created,
        )

    def _not_created(self, error: BaseException) -> None:
        """A second assessment of the same year and criteria is not made: the officer is offered the one
        that exists, in plain words."""
        if not isinstance(error, store_assessments.AlreadyAssessed):
            show_error(self, error)
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("This assessment exists already"),
            _(
                "The commune already has an assessment of {period} with these criteria; each year has one "
                "assessment per criteria set. Open it to go on with it."
            ).format(period=error.period),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        go = box.addButton(_("Open it"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(go)
        box.exec()
        if box.clickedButton() is go:
            self.open_assessment(error.existing)

    def _duplicate_current(self) -> None:
        chosen = self.session.id if self.session else self.list_page.selected_id()
        if chosen is not None:
            self.duplicate_assessment(chosen)

    def duplicate_assessment(self, assessment_id: int) -> None:
        period = next((r.summary.period for r in self.list_page.rows if r.summary.id == assessment_id), None)
        year, ok = QInputDialog.getInt(
            self,
            _("Duplicate as next year's draft"),
            _("Year of the new assessment (answers are carried over and marked to check):"),
            (period or 2025) + 1,
            2000,
            2100,
        )
        if not ok:
            return
        store, actor = self.store, self.actor
        self.worker.submit(
            lambda: store_assessments.duplicate(store, assessment_id, year, actor),
            self.open_assessment,
            self._not_created,
        )

    def delete_assessment(self, assessment_id: int) -> None:
        row = next((r for r in self.list_page.rows if r.summary.id == assessment_id), None)
        label = (
            f"{row.summary.period} — {row.catalog_title.get(current_language())}"
            if row
            else str(assessment_id)
        )
        question = _("Delete the assessment {what} with its answers and evidence? This cannot be undone.")
        if row is not None and row.summary.revision > 0:
            question = _(
                "Delete the assessment {what}? It was signed and sent (submission {revision}): the reviewers "
                "keep the file they received, but its answers and evidence here cannot be brought back."
            )
        revision = row.summary.revision if row else 0
        if not confirm(
            self, _("Delete the assessment"), question.format(what=label, revision=revision), _("Delete")
        ):
            return
        store, actor = self.store, self.actor
        self.worker.submit(
            lambda: store_assessments.delete(store, assessment_id, actor),
            lambda _r: self.refresh_list(),
            lambda e: show_error(self, e),
        )

    # --- one assessment

    def open_assessment(self, assessment_id: int) -> None:
        """Read the assessment (after every queued write) and show it in the editor."""
        self.close_assessment()
        self.worker.wait()
        try:
            a = store_assessments.get(self.store, assessment_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.session = AssessmentSession(self.store, self.worker, a, self.actor)
        self.session.ask_to_change_sent = self._ask_to_change_sent
        self.session.locked.connect(
            lambda: self.statusBar().showMessage(
                _("Kept as it was sent, shown read-only; open it again to change it."), 15000
            )
        )
        self.undo_action, self.redo_action = self._undo_actions(self.session)
        self.session.failed.connect(lambda sentence: self.statusBar().showMessage(sentence, 10000))
        from dtdesktop.decisions.receive import last_applied

        self.editor = AssessmentEditor(self.session, last_applied(self.store, assessment_id))
        self.stack.addWidget(self.editor)
        self.stack.setCurrentWidget(self.editor)
        self._fill_edit_menu()
        self._update_actions()
        self._title()
        self.editor.panel.focus_input()

    def _ask_to_change_sent(self) -> bool:
        """Asked at the first change after opening an assessment that was signed and sent."""
        a = self.session.assessment if self.session else None
        return confirm(
            self,
            _("Change a signed assessment"),
            _(
                "This assessment was signed and sent (submission {revision}). If you change it, it will need "
                "a new signed file, sent again. Change it?"
            ).format(revision=a.revision if a else ""),
            _("Change it"),
        )

    def close_assessment(self) -> None:
        if self.session is None:
            return
        self.session.flush()
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
        self.session.deleteLater()
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                action.deleteLater()
        self.session, self.editor = None, None
        self.undo_action = self.redo_action = None
        self._fill_edit_menu()
        self._update_actions()

    def tell(self, sentence: str, level: str = "info") -> None:
        """A result or a problem in the window itself (and in the status bar, for the record)."""
        self.notice.tell(sentence, level)
        self.statusBar().showMessage(sentence, 10000)

    def _step(self, delta: int, only: str | None = None) -> None:
        if self.editor is not None:
            self.editor.tree.step(delta, only)

    def _focus_tree(self) -> None:
        if self.editor is not None:
            self.editor.tree.tree.setFocus()

    def _focus_input(self) -> None:
        if self.editor is not None:
            self.editor.panel.focus_input()

    def _filter(self, name: str) -> None:
        if self.editor is not None:
            self.editor.tree.set_filter(name)

    def _mark_checked(self) -> None:
        if self.editor is not None:
            self.editor.panel.mark_checked()

    def _add_file(self) -> None:
        if self.editor is not None:
            self.editor.panel.add_files()

    # --- sign, print, back up

    def sign_and_send(self) -> None:
        from dtdesktop.gui.sending.sign_dialog import SignDialog

        if self.session is None:
            return
        dialog = SignDialog(self.session, self.profile, self)
        dialog.signed.connect(self._signed)
        dialog.print_requested.connect(self.print_file)
        dialog.exec()
        if dialog.chosen_code and self.editor is not None:
            self.editor.go_to(dialog.chosen_code)

    def _signed(self, result) -> None:
        self.profile = self.profile.with_changes(last_folder=str(result.path.parent))
        self._save_profile()
        if self.session is not None:
            session, store = self.session, self.store
            session.undo_stack.clear()  # undoing what was signed would change the file sent, unasked
            self.worker.submit(
                lambda: store_assessments.get(store, session.id),
                lambda a: setattr(session, "assessment", a),
            )

    def print_file(self, path: Path) -> None:
        from dtdesktop.gui.sending.print_preview import PrintPreview

        PrintPreview(path, self).exec()

    def print_preview(self) -> None:
        """The report as it stands (a draft, unsigned) in the print preview."""
        import tempfile

        from dtdesktop.exchange.export import ExportOptions, write_report

        if self.session is None:
            return
        session, store = self.session, self.store
        session.write_pending(now=True)
        out = Path(tempfile.mkdtemp(prefix="dtdesktop-")) / "bao-cao-du-thao.pdf"
        options = ExportOptions(
            lang=current_language(),
            signer_title=self.profile.officer_title,
            signer_capacity=self.profile.capacity,
            signer_name=self.profile.officer_name,
        )
        self.statusBar().showMessage(_("Writing the report…"))
        self.worker.submit(
            lambda: write_report(store, session.id, out, options),
            lambda path: (self.statusBar().clearMessage(), self.print_file(path)),
            lambda e: show_error(self, e),
        )

    def backup(self) -> None:
        from dtdesktop.gui.background import run_with_progress
        from dtdesktop.storage.backup import backup

        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Back up the data"),
            str(Path.home() / "dtdesktop-sao-luu.sqlite3"),
            _("Backups (*.sqlite3)"),
        )
        if not path:
            return
        store, identity = self.store, self._identity_to_keep()
        run_with_progress(
            self,
            self.worker,
            _("Backing up…"),
            lambda progress: backup(store, Path(path), progress, identity),
            lambda out: self.tell(_("Backup written to {file}").format(file=out)),
        )

    def _identity_file(self) -> Path | None:
        """The PKCS#12 file the officer signs with (a token has nothing to back up)."""
        ident = self.profile.identity
        return Path(ident.path) if ident is not None and ident.kind == "pkcs12" and ident.path else None

    def _identity_to_keep(self) -> Path | None:
        """The identity file goes into the backup unless the officer declines (asked, Yes by default)."""
        path = self._identity_file()
        if path is None or not path.is_file():
            return None
        answer = QMessageBox.question(
            self,
            _("Back up the data"),
            _(
                "Keep your identity file in the backup too? It stays encrypted with your passphrase, which "
                "the backup does not hold. Without it, a lost computer means a new certificate that the "
                "reviewers must register again."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return path if answer == QMessageBox.StandardButton.Yes else None

    def save_certificate(self) -> None:
        from dtdesktop.gui import tools

        try:
            path = tools.save_certificate(self, self.profile)
        except Exception as exc:  # a wrong passphrase, a missing token: the sentence says which
            show_error(self, exc)
            return
        if path is not None:
            self.tell(_("Certificate written to {file}").format(file=path))

    def import_answers(self) -> None:
        """Answers from a JSON file (as `dtdesktop assess load`), all or nothing, into the open assessment."""
        from dtdesktop.gui import tools

        if self.session is None or not self.session.may_start_changing():
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import answers"), "", _("Answers (*.json)"))
        if not path:
            return
        try:
            raw = tools.read_answers(Path(path))
        except ValueError as exc:
            show_error(self, exc)
            return
        session, store = self.session, self.store
        session.write_pending(now=True)

        def done(changed: int) -> None:
            self.open_assessment(session.id)
            self.tell(_("{n} answer(s) changed.").format(n=changed))

        self.worker.submit(
            lambda: store_assessments.set_answers(store, session.id, raw, session.actor),
            done,
            lambda e: show_error(self, e),
        )

    def verify_file(self) -> None:
        from dtdesktop.exchange.verify import verify_file
        from dtdesktop.gui import tools

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Check a submission file"), self.profile.last_folder, _("PDF files (*.pdf)")
        )
        if not path:
            return

        def check():
            from dtdesktop.review.library import catalog_book
            from dtdesktop.review.trust import context

            return verify_file(Path(path), context(self.store), catalog_book(self.store))

        self.worker.submit(
            check,
            lambda v: tools.show_text(
                self, _("Check a submission file"), tools.verification_text(v), v.valid
            ),
            lambda e: show_error(self, e),
        )

    # --- the reviewer's decision

    def import_decision(self, path: Path | None = None) -> None:
        """Read a decision file (chosen, or dropped on the window), show it in plain words, and apply it
        only when the officer agrees; a refused decision says why and changes nothing."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Import the reviewer's decision"), self.profile.last_folder, _("PDF files (*.pdf)")
            )
            if not chosen:
                return
            path = Path(chosen)
        from dtdesktop.decisions.receive import read_decision

        if self.session is not None:
            self.session.flush()
        store = self.store
        self.worker.submit(
            lambda: read_decision(path, store),
            self._decision_read,
            lambda e: show_error(self, e, _("The decision was not applied")),
        )

    def _decision_read(self, received) -> None:
        from dtdesktop.decisions.receive import apply_decision
        from dtdesktop.gui.decision_dialog import DecisionDialog

        if DecisionDialog(received, self).exec() != DecisionDialog.DialogCode.Accepted:
            return
        self.close_assessment()
        store, actor = self.store, self.actor
        self.worker.submit(
            lambda: apply_decision(store, received, actor),
            self._decision_applied,
            lambda e: (show_error(self, e, _("The decision was not applied")), self.refresh_list()),
        )

    def _decision_applied(self, applied) -> None:
        self.open_assessment(applied.assessment_id)
        if self.editor is not None and applied.reopened and applied.decision.decision == "returned":
            self.editor.tree.set_filter("returned")
        message = (
            _("The decision was applied before; nothing changed.")
            if applied.already
            else _("The decision is applied.")
        )
        self.tell(message)

    def dragEnterEvent(self, event) -> None:
        if _dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """A province's criteria decision (or criteria file) is installed; any other PDF is taken for the
        reviewer's decision on an assessment. Which one is read from the file, on the worker."""
        from dtdesktop.publication.install import is_criteria_decision

        paths = _dropped_paths(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        path = paths[0]
        if path.suffix.lower() != ".pdf":
            self.install_criteria(path)
            return
        self.worker.submit(
            lambda: is_criteria_decision(path),
            lambda criteria: self.install_criteria(path) if criteria else self.import_decision(path),
            lambda e: show_error(self, e),
        )

    # --- criteria sets the province publishes

    def install_criteria(self, path: Path | None = None) -> None:
        """Check a criteria decision (or, when the officer asks, an unsigned criteria file), show what it is
        in plain words, and install it only when the officer agrees; a refusal says why and installs
        nothing."""
        from dtdesktop.publication.install import check_file

        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                _("Install a criteria set"),
                self.profile.last_folder,
                _("Criteria decisions (*.pdf);;Criteria files, unsigned (*.yaml *.yml)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        unsigned = path.suffix.lower() in (".yaml", ".yml")
        store = self.store
        self.worker.submit(
            lambda: check_file(path, store, unsigned=unsigned),
            self._criteria_checked,
            self._criteria_refused,
        )

    def _criteria_refused(self, error: BaseException) -> None:
        problems = getattr(error, "problems", ())
        show_error(self, "\n".join([str(error), *problems]), _("The criteria set was not installed"))

    def _criteria_checked(self, checked) -> None:
        from dtdesktop.gui.criteria_dialog import CriteriaDialog
        from dtdesktop.publication.install import install

        if CriteriaDialog(checked, self).exec() != CriteriaDialog.DialogCode.Accepted:
            return
        store, actor = self.store, self.actor
        self.worker.submit(
            lambda: install(store, checked, actor), self._criteria_installed, self._criteria_refused
        )

    def _criteria_installed(self, done) -> None:
        c = done.checked.catalog
        if done.shipped:
            message = _("{title} comes with the program already; nothing changed.")
        elif not done.added:
            message = _("{title} is installed already; nothing changed.")
        else:
            message = _("{title} is installed: choose it for a new assessment.")
        self.tell(message.format(title=f"{c.title.get(current_language())} ({c.version})"))

    def restore(self) -> None:
        from dtdesktop.storage.backup import check_backup, restore, restore_identity

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Restore from a backup"), str(Path.home()), _("Backups (*.sqlite3)")
        )
        if not path:
            return
        try:
            check_backup(Path(path))  # a wrong file is said before the question, not after it
        except Exception as exc:
            show_error(self, exc, _("Restore from a backup"))
            return
        if not confirm(
            self,
            _("Restore from a backup"),
            _("Replace all the data by the backup {file}? The data as it is now is kept beside it.").format(
                file=Path(path).name
            ),
            _("Restore"),
        ):
            return
        self.close_assessment()
        self.stack.setCurrentWidget(self.list_page)
        store = self.store
        wanted = self._identity_file()

        def work() -> tuple[Path, Path | None]:
            return restore(store, Path(path)), restore_identity(Path(path), wanted)

        self.worker.submit(work, self._restored, lambda e: (show_error(self, e), self.refresh_list()))

    def _restored(self, done: tuple[Path, Path | None]) -> None:
        kept, identity = done
        self.refresh_list()
        message = _("Restored; the earlier data is kept in {file}").format(file=kept)
        if identity is not None:
            message += " " + _("The identity file is in {file}.").format(file=identity)
        self.tell(message)

    def history(self) -> None:
        from dtdesktop.gui.tools import HistoryDialog

        if self.session is None:
            return
        from dtdesktop.storage.history import history

        self.session.flush()
        entries = store_assessments.audit_log(self.store, self.session.id)
        HistoryDialog(history(entries, self.session.catalog, current_language()), self).exec()

    def show_guide(self) -> None:
        """The user guide in the window's language, opened once and brought forward again."""
        from dtdesktop.gui.guide import open_guide

        self.guide = open_guide(self)

    def about(self) -> None:
        from dtdesktop.gui.guide import show_about

        show_about(self)

    # --- closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_assessment()
        self.worker.wait()
        self._save_profile()
        event.accept()


def _dropped_paths(mime) -> list[Path]:
    """The files dropped on the window that it takes: a decision (PDF, usually from an e-mail or a USB
    stick) or a criteria file."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in (".pdf", ".yaml", ".yml")]


class _StackAction(QAction):
    """Undo or redo: a fixed text in menus and toolbar, and what it would undo in the tooltip."""

    def __init__(self, template: str, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.template = template

    def describe(self, what: str) -> None:
        self.setToolTip(_(self.template).format(what=what) if what else "")
