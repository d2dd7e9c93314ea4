"""The QApplication: names, the translator for every string (ours, the forms', Qt's), the locale."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtWidgets import QApplication

from dtdesktop import __version__
from dtdesktop.gui.translator import GettextTranslator
from dtdesktop.i18n import current_language, set_language

QT_LOCALES = {"vi": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam), "en": QLocale("en_GB")}


def create_application(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv) or ["dtdesktop"])
    app.setApplicationName("dtdesktop")
    app.setApplicationDisplayName("dtdesktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("dtdesktop")
    switch_language(current_language())
    from dtdesktop.gui import screen

    screen.install(app)  # every window and dialog inside the screen, however small or scaled
    return app  # type: ignore[return-value]


_translator: dict[str, GettextTranslator] = {}


def switch_language(lang: str) -> None:
    """Change the language of everything at once, without a restart.

    Installing the translator again sends every widget a LanguageChange event; widgets (ours through
    `retranslate`, Qt's own buttons and dialogs by themselves) then set their texts anew.
    """
    set_language(lang)
    QLocale.setDefault(QT_LOCALES[lang])
    app = QCoreApplication.instance()
    if app is None:
        return
    old = _translator.pop("current", None)
    if old is not None:
        app.removeTranslator(old)
    translator = GettextTranslator(app)
    app.installTranslator(translator)
    _translator["current"] = translator
    QCoreApplication.sendPostedEvents(
        None, QEvent.Type.LanguageChange
    )  # now, not at the next event loop turn
