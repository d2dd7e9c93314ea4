"""Starting the window: the application object, the look, the store, the profile, the first start."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dtdesktop import profile as profiles
from dtdesktop.i18n import _


def run(argv: Sequence[str] = (), db: str | None = None, lang: str | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.icons import icon
    from dtdesktop.gui.style import apply_style
    from dtdesktop.storage import Store, StoreError, database_url

    app = create_application(argv or sys.argv[:1])
    from dtdesktop.gui import unexpected

    unexpected.install()
    apply_style(app)
    app.setWindowIcon(icon("app"))
    if os.environ.get("DTDESKTOP_QUIT_WHEN_SHOWN") == "1":
        _quit_when_shown(app)
    profile = profiles.load()
    switch_language(lang or profile.language)
    try:
        store = Store(database_url(db))
    except StoreError as exc:
        QMessageBox.critical(None, _("The data cannot be opened"), str(exc))
        return 1
    role = profile.window or ask_role()
    code = 0
    while role:
        window = open_window(role, store, profile)
        window.showMaximized()  # a laptop's screen, all of it (the status bar stays in view)
        if not window.start():
            window.close()
            break
        if os.environ.get("DTDESKTOP_IMPORT_WHEN_SHOWN") and role == "reviewer":
            _import_then_quit(window, os.environ["DTDESKTOP_IMPORT_WHEN_SHOWN"])
        code = app.exec()
        window.worker.shutdown()
        role, profile = window.switch_to, window.profile
        if role:
            profiles.save(profile)
    store.close()
    return code


def ask_role() -> str:
    """The first question of a fresh installation: "officer", "reviewer", or "" when closed."""
    from dtdesktop.gui.role import RoleDialog

    dialog = RoleDialog()
    return dialog.role if dialog.exec() == RoleDialog.DialogCode.Accepted else ""


def open_window(role: str, store, profile: profiles.Profile):
    """The officer's window or the reviewer's, each with its own worker over the same store."""
    if role == "reviewer":
        from dtdesktop.gui.reviewer.window import ReviewerWindow

        return ReviewerWindow(store, profile.with_changes(role="reviewer"))
    from dtdesktop.gui.main_window import MainWindow

    return MainWindow(store, profile)


def _quit_when_shown(app) -> None:
    """For checking a build (scripts/smoke-bundle.sh, benchmarks/bench_bundle_start.py): once the first
    window (the first-start questions or the main window) has been shown and painted, print its class
    name and end the process with status 0.

    The process ends at once (os._exit) because the first window may be a modal dialog run from
    MainWindow.start(): quitting its event loop would only lead to the next question."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and getattr(obj, "isWindow", lambda: False)():
                app.removeEventFilter(self)
                name = type(obj).__name__
                QTimer.singleShot(0, lambda: (print(f"shown: {name}", flush=True), os._exit(0)))
            return False

    app.installEventFilter(_Watcher(app))


def _import_then_quit(window, folder: str) -> None:
    """For checking a build (scripts/smoke-bundle.sh): the reviewer's window imports *folder* as a drop
    would (a large folder is filed by a process of its own), prints how each file ended, and ends."""
    inbox = window.pages["inbox"]

    def done(report) -> None:
        counts = {o: len(report.by_outcome(o)) for o in ("imported", "duplicate", "refused")}
        print("window import: " + ", ".join(f"{n} {o}" for o, n in counts.items()), flush=True)
        os._exit(0)

    def failed(sentence: str) -> None:
        print(f"window import failed: {sentence}", flush=True)
        os._exit(1)

    inbox.imported.connect(done)
    inbox.import_failed.connect(failed)
    inbox.import_paths([Path(folder)])
