"""Two facts the reviewer checks before deciding: the score the file states beside the score recomputed from
its answers (pillar by pillar, a difference flagged), and who signed it: the certificate's fields, its
fingerprint to compare aloud, its kind, and whether it is trusted here and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.submission_history import when
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import _, current_language
from dtdesktop.review.submission_view import SCORE_TOLERANCE, SubmissionView
from dtdesktop.signing.certificates import kind_sentence
from dtdesktop.signing.trust import spaced
from dtdesktop.text import format_date, format_percent


class ScoreView(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("scoreSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("scoreTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Pillar"), _("As sent"), _("Recomputed")])

    def set_view(self, v: SubmissionView) -> None:
        lang = current_language()

        def pct(x: float | None) -> str:
            return format_percent(x, lang) if x is not None else "—"

        rows = [(f"{p.code}  {p.title}", p.sent, p.recomputed, p.differs) for p in v.pillars]
        total_differs = not v.score_matches or (
            v.sent_percent is not None
            and v.percent is not None
            and abs(v.sent_percent - v.percent) > SCORE_TOLERANCE
        )
        rows.append((_("Total"), v.sent_percent, v.percent, total_differs))
        self.table.setRowCount(len(rows))
        for n, (label, sent, again, differs) in enumerate(rows):
            cells = [label, pct(sent), pct(again) + (" ⚠" if differs else "")]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if differs:
                    item.setToolTip(_("Differs from the score the commune's file states."))
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, c, item)
        self.summary.setText(
            _("The score the file states differs from the score recomputed from its answers: check it.")
            if v.score_differs
            else _("The score the file states is the score recomputed from its answers.")
        )
        restyle(self.summary, "role", "toCheck" if v.score_differs else "")


class SignerView(QScrollArea):
    """The signer's certificate as a form of selectable lines (one per field, named for tests)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        inner = QWidget()
        self.form = QFormLayout(inner)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setWidget(inner)
        self.setWidgetResizable(True)

    def set_view(self, v: SubmissionView) -> None:
        form, lang, card = self.form, current_language(), v.signer
        while form.rowCount():
            form.removeRow(0)
        info = card.info

        def add(caption: str, text: str, name: str = "") -> None:
            label = QLabel(text or "—")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # from the certificate: never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if name:
                label.setObjectName(name)
            form.addRow(caption + ":", label)

        add(_("Name"), info.name if info else card.name, "signerName")
        if info is not None:
            add(_("Position"), info.title or "", "signerTitle")
            add(_("Unit"), info.organisation or info.unit or "", "signerUnit")
            add(_("Issued by"), info.issuer, "signerIssuer")
            add(_("Valid from"), format_date(info.not_before.date(), lang), "signerFrom")
            add(_("Valid until"), format_date(info.not_after.date(), lang), "signerUntil")
            add(_("Kind of certificate"), kind_sentence(info), "signerKind")
        add(
            _("Fingerprint (SHA-256)"),
            spaced(card.fingerprint) if card.fingerprint else "",
            "signerFingerprint",
        )
        add(_("Trusted"), (_("yes") if card.trusted else _("no")) + " — " + card.why, "signerTrust")
        add(_("Signed at"), when(card.signed_at) if card.signed_at else "", "signerSignedAt")
        if info is None:
            add(
                _("Certificate"),
                _(
                    "The certificate itself is not kept in this store (it is trusted through a root); only "
                    "its holder's name and fingerprint are."
                ),
            )
