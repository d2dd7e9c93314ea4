"""Opens the window exactly as `dtdesktop` does and prints `usable` once the assessments are listed.

Used by bench_window.py, which times it from outside (Python's own start-up included).
"""

from __future__ import annotations

import sys

from dtdesktop import profile as profiles
from dtdesktop.gui.app import create_application, switch_language
from dtdesktop.gui.icons import icon
from dtdesktop.gui.main_window import MainWindow
from dtdesktop.gui.style import apply_style
from dtdesktop.storage import Store, database_url


def main() -> None:
    app = create_application(sys.argv[:1])
    apply_style(app)
    app.setWindowIcon(icon("app"))
    profile = profiles.load()
    switch_language(profile.language)
    window = MainWindow(Store(database_url(None)), profile)
    window.show()

    def listed(rows) -> None:
        if rows:
            print("usable", flush=True)
            app.quit()

    window.list_page.listed.connect(listed)
    window.start()
    app.exec()


if __name__ == "__main__":
    main()
