"""The indicator on the right: what it asks, where it comes from, its target, the answer, a note and
the evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from dtdesktop.catalogs.model import Indicator
from dtdesktop.gui import desktop
from dtdesktop.gui.editor.evidence import CitationDialog, EvidenceList, viewing_copy
from dtdesktop.gui.editor.inputs import AnswerInput, input_for
from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.editor.tree import mark_label, mark_of
from dtdesktop.gui.forms.ui_indicator_panel import Ui_IndicatorPanel
from dtdesktop.gui.icons import icon
from dtdesktop.gui.keys import window_keys_first
from dtdesktop.gui.messages import confirm
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.scoring.display import goal_text, target_origin
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.text import format_number, nfc

PROVENANCE = {
    "official": N_("published criteria"),
    "derived": N_("derived from the resolution's targets"),
    "set_by_compiler": N_("set by the compilers of this criteria set"),
    "unverified": N_("not yet checked against the original text"),
}


class IndicatorPanel(Retranslating, QWidget):
    problem = Signal(str)

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ui = Ui_IndicatorPanel()
        self.ui.setupUi(self)
        old = self.ui.evidenceList
        self.evidence = EvidenceList(self)  # the form's list, able to take dropped files
        self.ui.evidenceLayout.replaceWidget(old, self.evidence)
        self.evidence.setMinimumHeight(old.minimumHeight())
        self.evidence.setMaximumHeight(old.maximumHeight())
        old.hide()  # gone from the screen now, deleted at the next turn of the event loop
        old.deleteLater()
        # A file refused or not opened, said under the list; it belongs to this indicator and leaves with it.
        self.evidence_problem = QLabel()
        self.evidence_problem.setProperty("role", "evidenceProblem")
        self.evidence_problem.setWordWrap(True)
        self.evidence_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence_problem.hide()
        self.ui.evidenceLayout.insertWidget(
            self.ui.evidenceLayout.indexOf(self.evidence) + 1, self.evidence_problem
        )
        self.setAcceptDrops(True)
        self.ind: Indicator | None = None
        self.input: AnswerInput | None = None
        self._input_lang = ""  # the language the input's words and numbers were made in
        self.ui.addFileButton.setIcon(icon("attach"))
        self.ui.citeButton.setIcon(icon("cite"))
        self.ui.openEvidenceButton.setIcon(icon("open-file"))
        self.ui.removeEvidenceButton.setIcon(icon("delete"))
        self.ui.checkedButton.setIcon(icon("checked"))
        window_keys_first(self.ui.noteEdit)
        self.ui.noteEdit.textChanged.connect(self._note_typed)
        self.ui.clearButton.clicked.connect(self._clear)
        self.ui.checkedButton.clicked.connect(self.mark_checked)
        self.ui.addFileButton.clicked.connect(self.add_files)
        self.ui.citeButton.clicked.connect(self.cite)
        self.ui.openEvidenceButton.clicked.connect(self.open_evidence)
        self.ui.removeEvidenceButton.clicked.connect(self.remove_evidence)
        self.evidence.dropped.connect(self.add_paths)
        self.evidence.currentItemChanged.connect(self._evidence_selected)
        self.evidence.itemActivated.connect(lambda _item: self.open_evidence())
        session.changed.connect(self._changed)
        session.scored.connect(lambda _r: self._show_result())
        session.evidence_changed.connect(self._evidence_changed)
        session.refused.connect(self._refused)
        session.locked.connect(self._locked)
        self.setEnabled(False)

    # --- showing an indicator ------------------------------------------------------------------------

    def show_indicator(self, code: str) -> None:
        ind = self.session.catalog.indicator(code)
        if ind is None:
            return
        self.session.new_typing_run()
        self.ind = ind
        self.evidence_problem.hide()
        if self.input is not None:
            self.ui.inputHostLayout.removeWidget(self.input)
            self.input.hide()
            self.input.deleteLater()
        self.input = input_for(ind, self.ui.inputHost)
        self._input_lang = current_language()
        self.input.set_value(self.session.values.get(code))
        self.input.edited.connect(self._value_typed)
        self.input.problem.connect(self._problem)
        self.ui.inputHostLayout.addWidget(self.input)
        self.input.show()  # now, not at the next turn of the event loop: Tab must find it at once
        self.setTabOrder(self.input, self.ui.clearButton)
        self.setEnabled(self.session.may_change(code))
        self.retranslate()

    def _locked(self) -> None:
        """The officer kept the sent assessment as it is: what was just typed is taken back, read-only."""
        if self.ind is not None:
            self.show_indicator(self.ind.code)

    def focus_input(self) -> None:
        if self.input is not None:
            self.input.focus_first()

    def tab_stops(self) -> list[QWidget]:
        """Where Tab stops, in the order of the page: Still holds (for an answer carried over), the answer,
        Clear answer, the note, the evidence list (when it lists something) and its buttons; hidden or
        disabled ones are passed over."""
        ui = self.ui
        stops = [
            ui.checkedButton,
            *(self.input.tab_stops() if self.input is not None else []),
            ui.clearButton,
            ui.noteEdit,
            *([self.evidence] if self.evidence.count() else []),
            ui.addFileButton,
            ui.citeButton,
            ui.openEvidenceButton,
            ui.removeEvidenceButton,
        ]
        return [w for w in stops if w.isVisibleTo(self) and w.isEnabled()]

    def stop_holding(self, widget: QWidget) -> int | None:
        """The position in `tab_stops` of the field that has *widget* (a radio button of the pair counts
        as the pair's stop); None outside the panel's fields."""
        stops = self.tab_stops()
        for n, stop in enumerate(stops):
            if stop is widget or stop.isAncestorOf(widget):
                return n
        if self.input is not None and self.input.isAncestorOf(widget):
            inside = [n for n, stop in enumerate(stops) if self.input.isAncestorOf(stop)]
            return inside[-1] if inside else None
        return None

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        ind = self.ind
        if ind is None:
            return
        if self._input_lang != current_language():  # the choices, "of", units and numbers, made anew
            self.show_indicator(ind.code)
            return
        lang = current_language()
        self.ui.codeLabel.setText(ind.code)
        self.ui.mandatoryLabel.setVisible(ind.mandatory)
        self.ui.titleLabel.setText(ind.title.get(lang))
        self.ui.guidanceLabel.setText(ind.guidance.get(lang))
        self.ui.guidanceLabel.setVisible(bool(ind.guidance.get(lang)))
        self.ui.evidenceHintLabel.setText(
            _("Expected: {what}. Drop files here or use the buttons.").format(
                what=ind.evidence.get(lang).rstrip(". ")
            )
            if ind.evidence.get(lang)
            else _("Drop files here or use the buttons.")
        )
        if ind.verified_by is not None:  # the office that checks the evidence (Nghệ An's sets name one)
            office = _("Verified by: {office}.").format(office=ind.verified_by.get(lang).rstrip(". "))
            self.ui.evidenceHintLabel.setText(f"{self.ui.evidenceHintLabel.text()}\n{office}")
        p = ind.provenance
        where = ", ".join(x for x in (p.source, p.section) if x)
        text = _("Source: {where} · {status}").format(
            where=where, status=_(PROVENANCE.get(p.status, p.status))
        )
        self.ui.sourceLabel.setText(text + (f"\n{p.note}" if p.note else ""))
        note = self.session.notes.get(ind.code, "")
        if self.ui.noteEdit.toPlainText() != note:
            self.ui.noteEdit.blockSignals(True)
            self.ui.noteEdit.setPlainText(note)
            self.ui.noteEdit.blockSignals(False)
        self._problem("")
        self._show_result()
        self._evidence_changed(ind.code)

    def _show_result(self) -> None:
        ind = self.ind
        if ind is None:
            return
        lang = current_language()
        r = next(r for r in self.session.result.indicators if r.code == ind.code)
        goal = goal_text(ind, self.session.assessment.horizon, lang)
        mark = mark_of(self.session, r)
        self.ui.targetLabel.setText(f"{goal} — {mark_label(mark)}")
        lines = [target_origin(ind, self.session.catalog.author.get(lang), self.session.assessment.horizon)]
        if ind.target_scope == "province_average" and ind.scored:
            lines.append(
                _(
                    "This target is set for the province as a whole: it scores here, but completion does not "
                    "require it."
                )
            )
        origin = "\n".join(x for x in lines if x)
        self.ui.targetOriginLabel.setText(origin)
        self.ui.targetOriginLabel.setVisible(bool(origin))
        self.ui.pointsLabel.setText(
            _("{points}/{max} points").format(
                points=format_number(r.points, lang=lang), max=format_number(r.max, lang=lang)
            )
            if ind.scored
            else ""
        )
        self.ui.toCheckRow.setVisible(ind.code in self.session.to_check)
        comment = self.session.returned.get(ind.code)
        if comment:
            review = _("Returned by the reviewer: {comment}").format(comment=comment)
        elif self.session.returned and self.session.editable:
            review = _("Not returned by the reviewer: it stays as it was sent until the next decision.")
        else:
            review = ""
        self.ui.reviewLabel.setTextFormat(Qt.TextFormat.PlainText)  # the reviewer's words, never markup
        self.ui.reviewLabel.setVisible(bool(review))
        self.ui.reviewLabel.setText(review)

    # --- typing ----------------------------------------------------------------------------------------

    def _value_typed(self, value: object) -> None:
        if self.ind is not None:
            self.session.edit_value(self.ind.code, value)  # type: ignore[arg-type]

    def _note_typed(self) -> None:
        if self.ind is not None:
            self.session.edit_note(self.ind.code, nfc(self.ui.noteEdit.toPlainText()))

    def _problem(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    def _clear(self) -> None:
        if self.ind is not None and self.input is not None:
            self.input.set_value(None)
            self._problem("")
            self.session.edit_value(self.ind.code, None)

    def _changed(self, code: str, external: bool) -> None:
        """A change from outside the input (undo, redo): show the value and note as they now are."""
        if self.ind is None or code != self.ind.code or not external:
            return
        if self.input is not None:
            self.input.set_value(self.session.values.get(code))
        self._problem("")
        self.retranslate()

    def mark_checked(self) -> None:
        if self.ind is not None:
            self.session.mark_checked(self.ind.code)
            self.ui.toCheckRow.hide()

    # --- evidence ----------------------------------------------------------------------------------------

    def add_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Add evidence"),
            "",
            _("Documents and images (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx *.odt);;All files (*)"),
        )
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> None:
        if self.ind is None or not self.session.may_change(self.ind.code):
            return
        code, s = self.ind.code, self.session
        for path in paths:
            s.run(
                lambda path=path: store_assessments.add_evidence_file(s.store, s.id, code, path, s.actor),
                code,
            )

    def cite(self) -> None:
        if self.ind is None:
            return
        dialog = CitationDialog(self)
        if dialog.exec() != CitationDialog.DialogCode.Accepted:
            return
        code, s = self.ind.code, self.session
        number, date, summary = dialog.number, dialog.date, dialog.summary
        s.run(
            lambda: store_assessments.add_citation(s.store, s.id, code, number, date, summary, s.actor), code
        )

    def open_evidence(self) -> None:
        e = self.evidence.current_evidence()
        if e is None or not e.file_sha256:
            return
        s, name, sha, code = self.session, e.file_name or "evidence", e.file_sha256, e.indicator_code
        s.worker.submit(
            lambda: viewing_copy(name, store_assessments.evidence_content(s.store, sha)),
            lambda path: self._open_copy(code, path),
            lambda error: s.refused.emit(code, str(error)),
        )

    def _open_copy(self, code: str, path: Path) -> None:
        """Hand the copy to the program the computer uses for its kind of file; when there is none, say so
        and where the copy is, rather than nothing happening."""
        if desktop.open_file(path):
            return
        kind = path.suffix.lstrip(".").upper()
        where = _(
            "A copy is in {folder}; install a viewer for such files, or open the copy on another computer."
        )
        said = (
            _("No program on this computer opens {kind} files, so “{name}” could not be shown.")
            if kind
            else _("No program on this computer opens “{name}”.")
        )
        self._refused(code, said.format(kind=kind, name=path.name) + " " + where.format(folder=path.parent))

    def _refused(self, code: str, sentence: str) -> None:
        if self.ind is not None and code == self.ind.code:
            self.evidence_problem.setText(sentence)
            self.evidence_problem.show()

    def remove_evidence(self) -> None:
        e = self.evidence.current_evidence()
        if e is None or self.ind is None:
            return
        what = e.file_name or e.doc_number or ""
        if not confirm(
            self,
            _("Remove evidence"),
            _("Remove “{what}” from the evidence of {code}? This cannot be undone.").format(
                what=what, code=self.ind.code
            ),
            _("Remove"),
        ):
            return
        s, code = self.session, self.ind.code
        s.run(lambda: store_assessments.remove_evidence(s.store, e.id, s.actor), code)

    def _evidence_changed(self, code: str) -> None:
        if self.ind is not None and code == self.ind.code:
            self.evidence.show_evidence(self.session.evidence_for(code))
            self._evidence_selected()

    def _evidence_selected(self, *_args: object) -> None:
        e = self.evidence.current_evidence()
        self.ui.openEvidenceButton.setEnabled(bool(e and e.file_sha256))
        self.ui.removeEvidenceButton.setEnabled(e is not None and self.session.editable)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.evidence.dropEvent(event)
