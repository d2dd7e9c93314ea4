"""A criteria set about to be installed, in plain words: what it is, who published it, whether that
publisher is trusted on this computer, and what installing it does. Nothing is installed until the officer
says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from dtdesktop.i18n import _, current_language
from dtdesktop.publication.install import Checked
from dtdesktop.text import format_date


def describe(checked: Checked, lang: str) -> list[str]:
    """The lines the officer reads before installing."""
    c, pub = checked.catalog, checked.publication
    lines = [
        _("{title}, version {version}: {indicators} indicators in {pillars} groups.").format(
            title=c.title.get(lang), version=c.version, indicators=len(c.indicators), pillars=len(c.pillars)
        )
    ]
    if pub is not None:
        lines.append(
            _("Issued by Decision No. {number} of {date} of {committee}.").format(
                number=pub.number, date=format_date(pub.issued, lang), committee=_committee(pub, lang)
            )
        )
        lines.append(
            _("Signed by {name}; the signature is intact and the signer is trusted on this computer.").format(
                name=checked.signer_name or "—"
            )
        )
        if checked.trust:
            lines.append(
                _(
                    "It also carries {n} certificates of the province's reviewers, which will be trusted."
                ).format(n=len(checked.trust))
            )
    else:
        lines.append(
            _("This file is not signed: nobody vouches for it. Install it only if you trust its source.")
        )
    lines.append(
        _("Installing adds it to the criteria sets of this computer; assessments already made keep theirs.")
    )
    return lines


def _committee(pub, lang: str) -> str:
    """ "Ủy ban nhân dân tỉnh Thanh Hóa", as the decision's own header names it."""
    from dtdesktop.reports.decree30 import committee_name
    from dtdesktop.units import find

    ref = pub.province_code if pub.province_scheme == "2026" else f"{pub.province_code}@{pub.province_scheme}"
    unit = find(ref)
    return committee_name(unit.full_name, unit.name, lang) if unit else pub.province_name


class CriteriaDialog(QDialog):
    def __init__(self, checked: Checked, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Install a criteria set"))
        self.text = QLabel("\n\n".join(describe(checked, current_language())))
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a title from a file is text, never markup
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        label = _("Install") if checked.status == "signed" else _("Install unsigned")
        self.install_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addWidget(buttons)
