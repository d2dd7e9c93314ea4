"""Qt's strings through dtdesktop's gettext catalogs: one set of .po files for Python, forms and Qt itself.

Qt ships no Vietnamese translation of its own dialogs (OK, Cancel, the file dialog); `qt_strings` lists
them so that Babel extracts them with their Qt context, and this translator answers Qt's lookups from the
same catalog as every other string.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from dtdesktop.i18n import pgettext


class GettextTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if not context or not source:
            return None
        text = pgettext(context, source)
        return None if text == source else text  # a null string tells Qt to look further

    def isEmpty(self) -> bool:
        return False
