"""What every page of the reviewer's window shares: the store, its one worker, the profile, and where to
tell the reviewer what happened. Pages take this rather than the window, so that each can be built and
tested on its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dtdesktop.gui.worker import DbWorker
from dtdesktop.profile import Profile
from dtdesktop.storage import Store

Tell = Callable[[str, str], None]  # (sentence, level: "info" | "warning" | "error")


def _ignore(_sentence: str, _level: str = "info") -> None:
    return None


@dataclass
class ReviewerContext:
    store: Store
    profile: Profile
    worker: DbWorker = field(default_factory=DbWorker)
    tell: Tell = _ignore  # the window's message bar; a page alone in a test may leave it out
    folder: str = ""  # where the reviewer last opened or saved a file in this session

    def start_folder(self) -> str:
        """Where a file dialog opens: the folder used last, else the profile's, else the home folder."""
        from pathlib import Path

        for candidate in (self.folder, self.profile.last_folder):
            if candidate and Path(candidate).is_dir():
                return candidate
        return str(Path.home())

    def used(self, path) -> None:
        """Remember *path*'s folder (a folder is remembered as itself) for the next dialog."""
        from pathlib import Path

        p = Path(path)
        self.folder = str(p if p.is_dir() else p.parent)

    @property
    def province(self) -> str:
        """The province the reviewer oversees, as its code ("38"): the reviewer's unit, else the province of
        the profile's commune."""
        from dtdesktop.units import find

        ref = self.profile.reviewer_unit or self.profile.unit_ref
        unit = find(ref) if ref else None
        return unit.province_code if unit is not None else ""
