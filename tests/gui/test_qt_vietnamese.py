"""Qt's own dialogs speak Vietnamese in Vietnamese mode: every string Qt asks for while drawing the file
dialog (open, save, folder; list and detail view) has a Vietnamese translation in the catalog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTreeView

from dtdesktop.gui import translator
from dtdesktop.i18n import translations_for

# Strings Qt asks for that are not words: key names in shortcuts (written the same way in Vietnamese
# keyboards' labels) and a layout switch.
NOT_WORDS = {"QShortcut", "QGuiApplication"}


def _catalog_has(context: str, source: str) -> bool:
    tr = translations_for("vi")
    return tr.pgettext(context, source) != source or (context, source) in _identical()


def _identical() -> set[tuple[str, str]]:
    """Entries translated as themselves ("OK", "Ctrl+Z"), present in the catalog all the same."""
    from babel.messages.pofile import read_po

    from dtdesktop.paths import resource_dir

    with (resource_dir("translations") / "vi" / "LC_MESSAGES" / "dtdesktop.po").open("rb") as fh:
        cat = read_po(fh)
    return {(m.context, m.id) for m in cat if m.id and m.string and m.string == m.id}


def _shown_here(context: str, source: str) -> bool:
    """File types are named as Qt's type database finds them, for whatever folder a file dialog of the
    process looked at (another test's, still being read): only the PDF shown here is this dialog's."""
    return context != "QMimeType" or "PDF" in source


@pytest.fixture
def asked(monkeypatch, qtbot):
    from dtdesktop.gui.app import create_application, switch_language

    seen: set[tuple[str, str]] = set()
    original = translator.GettextTranslator.translate

    def recording(self, context, source, disambiguation=None, n=-1):
        if context and source:
            seen.add((context, source))
        return original(self, context, source, disambiguation, n)

    monkeypatch.setattr(translator.GettextTranslator, "translate", recording)
    create_application()
    switch_language("vi")
    yield seen
    switch_language("vi")


@pytest.mark.parametrize(
    "mode", [QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.AnyFile, QFileDialog.FileMode.Directory]
)
def test_the_file_dialog_is_all_vietnamese(asked, qtbot, tmp_path, mode):
    (tmp_path / "bao-cao.pdf").write_bytes(b"%PDF-1.7\n")
    dialog = QFileDialog(None, "Chọn tệp", str(tmp_path), "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.AnyFile:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    for view_mode in (QFileDialog.ViewMode.Detail, QFileDialog.ViewMode.List):
        dialog.setViewMode(view_mode)
        qtbot.wait(50)
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        for column in range(model.columnCount()):
            model.headerData(column, Qt.Orientation.Horizontal)
    dialog.close()
    missing = sorted(
        (c, s)
        for c, s in asked
        if c.startswith("Q") and c not in NOT_WORDS and not _catalog_has(c, s) and _shown_here(c, s)
    )
    assert asked and missing == []
    assert ("QFileDialog", "&Look in:") in asked  # the dialog was really drawn
