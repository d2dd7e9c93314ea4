"""One received submission in the reviewer's window: its answers in the catalog's tree with targets, statuses,
notes and evidence (opened inside the application), the score as sent beside the score recomputed, the
signer's certificate, the revisions and what changed between them; and the review itself: approve, return
with comments per criterion, unapprove with a reason, then sign and save the decision file.

Every read and every step runs on the store's worker through the core (`review.submission_view`,
`review.reviewing`, `decisions.export`); the buttons follow the core's rules and say why one is not
available."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.exchange.verify import VERDICT_LABELS
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.reviewer.decision_sign import DecisionSignDialog, default_decision_name
from dtdesktop.gui.reviewer.evidence_view import EvidenceDialog
from dtdesktop.gui.reviewer.submission_answers import AnswersView
from dtdesktop.gui.reviewer.submission_facts import ScoreView, SignerView
from dtdesktop.gui.reviewer.submission_history import SUBMISSION_STATUS, HistoryView, when
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.review import reviewing, submission_view
from dtdesktop.review.errors import ReviewError
from dtdesktop.review.submission_view import EvidenceItem, SubmissionView
from dtdesktop.text import format_percent, nfc

NO_COMMENT = N_(
    "Write a comment on at least one criterion first: choose it in the tree and type what to fix."
)


class TextDialog(QDialog):
    """Asks for one text (an overall comment, a reason); OK waits for a text when one is required."""

    def __init__(self, title: str, intro: str, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        label = QLabel(intro)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("textEdit")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)
        self._check()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def text(self) -> str:
        return nfc(self.edit.toPlainText()).strip()

    def _check(self) -> None:
        self.ok_button.setEnabled(bool(self.text()) or not self.required)


class SubmissionPage(Retranslating, QWidget):
    decided = Signal(int)  # after an approval, a return or an unapproval: the submission's id
    closed = Signal()

    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.submission_id: int | None = None
        self.view: SubmissionView | None = None
        self.comments: dict[str, str] = {}  # typed by the reviewer, kept until a return is taken
        self.evidence_dialog: EvidenceDialog | None = None
        self.busy = False

        self.title = QLabel()
        self.title.setObjectName("submissionTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.state = QLabel()
        self.state.setObjectName("submissionState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.flags = QLabel()
        self.flags.setObjectName("submissionFlags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.PlainText)
        self.flags.setProperty("role", "toCheck")
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        self.answers = AnswersView()
        self.answers.open_evidence.connect(self.open_evidence)
        self.answers.comments_changed.connect(self._comments_changed)
        self.score = ScoreView()
        self.signer = SignerView()
        self.history = HistoryView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("submissionTabs")
        for view in (self.answers, self.score, self.signer, self.history):
            self.tabs.addTab(_scrolling(view), "")  # a 150% laptop screen is 512 pixels high

        self.approveButton = QPushButton()
        self.approveButton.setObjectName("approveButton")
        self.approveButton.clicked.connect(self.approve)
        self.returnButton = QPushButton()
        self.returnButton.setObjectName("returnButton")
        self.returnButton.clicked.connect(self.ask_return)
        self.unapproveButton = QPushButton()
        self.unapproveButton.setObjectName("unapproveButton")
        self.unapproveButton.clicked.connect(self.ask_unapprove)
        self.signButton = QPushButton()
        self.signButton.setObjectName("signDecisionButton")
        self.signButton.clicked.connect(self.sign_decision)
        self.closeButton = QPushButton()
        self.closeButton.setObjectName("closeSubmission")
        self.closeButton.clicked.connect(self.closed.emit)
        self.menu_actions: dict[QPushButton, QAction] = {}
        for b in (self.approveButton, self.returnButton, self.unapproveButton, self.signButton):
            action = QAction(self)
            action.triggered.connect(b.click)
            self.menu_actions[b] = action
        buttons = QHBoxLayout()
        for b in (self.approveButton, self.returnButton, self.unapproveButton, self.signButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.closeButton)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.flags)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------------------------------------ build

    def retranslate(self) -> None:
        self.tabs.setTabText(0, _("Answers"))
        self.tabs.setTabText(1, _("Score"))
        self.tabs.setTabText(2, _("Signer"))
        self.tabs.setTabText(3, _("Revisions and changes"))
        self.approveButton.setText(_("Approve"))
        self.returnButton.setText(_("Return to the commune…"))
        self.unapproveButton.setText(_("Unapprove…"))
        self.signButton.setText(_("Sign and save the decision file…"))
        self.closeButton.setText(_("Close"))
        for button, action in self.menu_actions.items():
            action.setText(button.text())
        if self.submission_id is not None and not self.busy:
            self.refresh()  # values, dates and labels are written in the language chosen

    def actions(self) -> list[QAction]:
        """The review steps for the window's menu, enabled as the page's buttons are."""
        return list(self.menu_actions.values())

    # ------------------------------------------------------------------------------------------ loading

    def show_submission(self, submission_id: int) -> None:
        """Show *submission_id* (read on the worker; the page fills in when it arrives)."""
        if submission_id != self.submission_id:
            self.comments = {}
        self.submission_id = submission_id
        self.refresh()

    def refresh(self) -> None:
        if self.submission_id is None:
            return
        store, sid, lang = self.ctx.store, self.submission_id, current_language()
        self.busy = True
        self._update_buttons()
        self.ctx.worker.submit(lambda: submission_view.load(store, sid, lang), self._loaded, self._failed)

    def _loaded(self, view: SubmissionView) -> None:
        if view.id != self.submission_id:
            return  # another submission was chosen meanwhile
        self.busy = False
        if not self.comments:
            self.comments = dict(view.returned)  # a returned file: its comments, to change or send again
        self.view = view
        self._fill_header(view)
        self.answers.set_view(view, self.comments)
        self.score.set_view(view)
        self.signer.set_view(view)
        self.history.set_view(view)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._say(str(error) if isinstance(error, ReviewError) else _unexpected(error), "error")
        self._update_buttons()

    def _fill_header(self, v: SubmissionView) -> None:
        lang = current_language()
        self.title.setText(
            _("{unit}, {province} — assessment {period}, revision {revision}").format(
                unit=v.unit_name, province=v.province_name, period=v.period, revision=v.revision
            )
        )
        percent = format_percent(v.percent, lang) if v.percent is not None else "—"
        self.state.setText(
            _(
                "Submission {id} · {status} · {verdict} · score {percent} · received {received} · file {file}"
            ).format(
                id=v.id,
                status=_(SUBMISSION_STATUS.get(v.status, v.status)),
                verdict=_(VERDICT_LABELS.get(v.verdict, v.verdict)).lower(),
                percent=percent,
                received=when(v.received_at),
                file=v.file_name,
            )
        )
        flags = list(v.reasons)
        if v.conflict:
            flags.insert(0, _("Another file claims the same revision: ask the commune which one it sent."))
        if v.score_differs:
            flags.insert(0, _("The score in the file differs from the recomputed score; see the Score tab."))
        later = [r.revision for r in v.revisions if r.comparable and r.revision > v.revision]
        if later:
            flags.insert(
                0,
                _("A later revision ({n}) has arrived; this one is kept in the history.").format(
                    n=max(later)
                ),
            )
        self.flags.setText("\n".join(flags))
        self.flags.setVisible(bool(flags))

    # ------------------------------------------------------------------------------------------ buttons

    def _update_buttons(self) -> None:
        v = self.view if not self.busy else None
        allowed = v.not_allowed if v is not None else {}
        no_view = _("Wait until the submission is shown.")

        def state(button: QPushButton, why: str | None) -> None:
            button.setEnabled(why is None)
            button.setToolTip(why or "")
            action = self.menu_actions[button]
            action.setEnabled(why is None)
            action.setToolTip(why or button.text())
            action.setStatusTip(why or "")

        state(self.approveButton, no_view if v is None else allowed.get("approve"))
        return_why = no_view if v is None else allowed.get("return")
        if return_why is None and not self.answers.collected():
            return_why = _(NO_COMMENT)
        state(self.returnButton, return_why)
        state(self.unapproveButton, no_view if v is None else allowed.get("unapprove"))
        decision = reviewing_in_force(v) if v is not None else None
        state(
            self.signButton,
            no_view
            if v is None
            else None
            if decision is not None
            else _("Return or approve the submission first; the decision file states that decision."),
        )
        if v is not None:
            self.answers.set_commenting(allowed.get("return") is None, allowed.get("return"))

    def _comments_changed(self) -> None:
        self.comments = dict(self.answers.comments)
        self._update_buttons()

    def _say(self, sentence: str, level: str = "info") -> None:
        self.message.setText(sentence)
        restyle(self.message, "role", "toCheck" if level != "info" else "")
        self.ctx.tell(sentence, level)

    # ------------------------------------------------------------------------------------------ review

    def approve(self) -> None:
        self._take("approve")

    def ask_return(self) -> None:
        comments = self.answers.collected()
        if not comments:
            self._say(
                _(NO_COMMENT),
                "warning",
            )
            return
        intro = _(
            "{n} criteria will be returned to the commune with your comments: {codes}. Add an overall "
            "comment if you wish (optional)."
        ).format(n=len(comments), codes=", ".join(c for c, _t in comments))
        dialog = TextDialog(_("Return to the commune"), intro, required=False, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.return_submission(dialog.text() or None)

    def return_submission(self, overall: str | None = None) -> None:
        self._take("return", comments=self.answers.collected(), overall=overall)

    def ask_unapprove(self) -> None:
        dialog = TextDialog(
            _("Unapprove"),
            _("Say why the approval is withdrawn; the reason is kept in the history (required)."),
            required=True,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.unapprove(dialog.text())

    def unapprove(self, reason: str) -> None:
        if not reason.strip():
            self._say(_("Say why the approval is withdrawn; a reason is required."), "warning")
            return
        self._take("unapprove", reason=reason)

    def _take(self, action: reviewing.Action, comments=(), overall=None, reason=None) -> None:
        if self.submission_id is None or self.busy:
            return
        store, sid = self.ctx.store, self.submission_id
        actor = self.ctx.profile.officer_name or None
        seen = self.view.status if self.view is not None else None  # what the reviewer decided on
        self.busy = True
        self._update_buttons()

        def job():
            return reviewing.review(
                store, sid, action, comments, overall, reason, actor=actor, seen_status=seen
            )

        self.ctx.worker.submit(job, lambda step: self._taken(action, step), self._refused)

    def _taken(self, action: str, step: reviewing.Step) -> None:
        self.busy = False
        if action != "return":
            self.comments = {}
        sentence = {
            "approve": _("Submission {id} is approved; now sign and save the decision file for the commune."),
            "return": _("Submission {id} is returned; now sign and save the decision file for the commune."),
            "unapprove": _("The approval of submission {id} is withdrawn; it can be decided again."),
        }[action].format(id=step.submission_id)
        self._say(sentence)
        self.refresh()
        self.decided.emit(step.submission_id)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self._say(str(error) if isinstance(error, ReviewError) else _unexpected(error), "error")
        self.refresh()

    # ------------------------------------------------------------------------------------------ evidence

    def open_evidence(self, e: EvidenceItem) -> None:
        if self.submission_id is None:
            return
        store, sid = self.ctx.store, self.submission_id

        def shown(found: tuple[str, bytes]) -> None:
            media, data = found
            if self.evidence_dialog is None:
                self.evidence_dialog = EvidenceDialog(self)
            self.evidence_dialog.show_file(e.name, media or e.media_type, data)

        def failed(error: BaseException) -> None:  # the page itself stays as it is
            self._say(str(error) if isinstance(error, ReviewError) else _unexpected(error), "error")

        self.ctx.worker.submit(lambda: submission_view.evidence_bytes(store, sid, e.sha256), shown, failed)

    # ------------------------------------------------------------------------------------------ decision

    def sign_decision(self) -> DecisionSignDialog | None:
        v = self.view
        decision = reviewing_in_force(v) if v is not None else None
        if v is None or decision is None:
            return None
        name = default_decision_name(v.unit_code, v.period, v.revision, decision)
        dialog = DecisionSignDialog(self.ctx, v.id, name, self, decision=decision)
        dialog.open()
        return dialog


def _scrolling(view: QWidget) -> QScrollArea:
    """The view inside a scroll area: it takes the room there is, and scrolls rather than push the window
    past the bottom of a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(view)
    return area


def reviewing_in_force(v: SubmissionView) -> str | None:
    """The decision a decision file would state: the last return or approval, if not withdrawn."""
    last = v.steps[-1] if v.steps else None
    return last.action if last is not None and last.action in ("return", "approve") else None


def _unexpected(error: BaseException) -> str:
    return _(
        "The submission could not be read or changed ({kind}); nothing was changed. Try again, and report it "
        "if it happens again."
    ).format(kind=type(error).__name__)
