"""crash.log: where an error nobody foresaw is written down, by the command line and the window alike."""

from __future__ import annotations

import traceback
from types import TracebackType


def write(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """Append the traceback to crash.log in the user's data folder; its path, or "" when it cannot be."""
    from dtdesktop.paths import user_data_dir

    try:
        path = user_data_dir() / "crash.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(kind, error, tb)) + "\n")
        return str(path)
    except OSError:
        return ""
