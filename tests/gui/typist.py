"""A process that types answers into the real window as fast as it can and reports each saved one.

Run by test_crash.py, which kills it while it is saving. Prints `saved CODE` once the store has
committed CODE's answer. Arguments: the database path, the assessment id.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from dtdesktop import profile as profiles
from dtdesktop.gui.app import create_application
from dtdesktop.gui.main_window import MainWindow
from dtdesktop.storage import Store, database_url


def expected_value(n: int) -> tuple[str, str]:
    """What the typist types for the n-th indicator: a numerator and a denominator (or one count)."""
    return str(n + 1), "1000"


def main() -> None:
    db, assessment_id = sys.argv[1], int(sys.argv[2])
    app = create_application()
    window = MainWindow(Store(database_url(db)), profiles.load())
    window.show()
    window.start()
    window.open_assessment(assessment_id)
    session = window.session
    session.saved.connect(lambda codes: [print("saved", c, flush=True) for c in codes])
    codes = [i.code for i in session.catalog.indicators if i.type in ("percent", "count")]
    position = {"n": 0}

    def type_next() -> None:
        n = position["n"]
        if n >= len(codes):
            return
        window.editor.tree.select(codes[n])
        widget = window.editor.panel.input
        numerator, denominator = expected_value(n)
        if hasattr(widget, "numerator"):
            widget.denominator.setText(denominator)
            widget.numerator.setText(numerator)
        else:
            widget.edit.setText(numerator)
        position["n"] = n + 1
        QTimer.singleShot(2, type_next)

    print("ready", ",".join(codes), flush=True)
    QTimer.singleShot(0, type_next)
    app.exec()


if __name__ == "__main__":
    main()
