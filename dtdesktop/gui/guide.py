"""The user guide (Help → User guide, F1): a short document in the window's language, read in the
application, offline. The guide is HTML in resources/guide/<language>.html, shipped with the installer."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from dtdesktop.gui.icons import icon
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.paths import resource_dir


def guide_path(lang: str, kind: str = "") -> Path:
    """The guide in *lang* (the reviewer's with *kind* "reviewer"); the Vietnamese one when there is none
    in that language."""
    folder = resource_dir("resources") / "guide"
    prefix = f"{kind}-" if kind else ""
    path = folder / f"{prefix}{lang}.html"
    return path if path.is_file() else folder / f"{prefix}vi.html"


class GuideWindow(Retranslating, QDialog):
    """The guide beside the work, not modal: the officer reads it while doing what it says."""

    def __init__(self, parent: QWidget | None = None, kind: str = "") -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowIcon(icon("app"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.lang = ""
        self.resize(760, 680)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("User guide — dtdesktop"))
        lang = current_language()
        if lang != self.lang:  # a language change reloads the text; a Qt event of another kind does not
            self.lang = lang
            self.browser.setHtml(_read(guide_path(lang, self.kind)))


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except OSError as exc:
        message = _("The guide {file} cannot be read ({reason}).")
        return "<p>" + html.escape(message.format(file=path, reason=exc.strerror or exc)) + "</p>"


def open_guide(parent: QWidget, kind: str = "") -> GuideWindow:
    """The guide of this kind beside *parent*: opened once, brought forward again after."""
    guide = next((g for g in parent.findChildren(GuideWindow) if g.kind == kind), None)
    if guide is None:
        guide = GuideWindow(parent, kind)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


def show_about(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    from dtdesktop import __version__

    QMessageBox.about(
        parent,
        _("About dtdesktop"),
        _(
            "dtdesktop {version}\nDigital transformation self-assessment of communes, offline, "
            "with a signed submission file."
        ).format(version=__version__),
    )
