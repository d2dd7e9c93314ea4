"""How far an assessment is: the one count of answered, missing, not met, to check and returned that the
sign check, `assess show --json` and anything else that counts share, so that they never disagree."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from dtdesktop.scoring.engine import ScoreResult


@dataclass(frozen=True, slots=True)
class Progress:
    total: int  # indicators of the catalog
    answered: int  # with a value (a note or evidence alone is not an answer)
    missing: int  # without a value
    not_met: int  # answered and short of the target
    to_check: int  # carried over from last year and not yet looked at
    returned: int  # returned by the reviewer, to complete

    @property
    def complete(self) -> bool:
        """Nothing missing, not met, left to check or returned: the check has nothing to show."""
        return not (self.missing or self.not_met or self.to_check or self.returned)


def progress(result: ScoreResult, to_check: Collection[str] = (), returned: Collection[str] = ()) -> Progress:
    """Count *result*'s indicators; *to_check* and *returned* are codes (others are ignored)."""
    codes = {r.code for r in result.indicators}
    missing = sum(1 for r in result.indicators if r.status == "missing")
    return Progress(
        total=len(codes),
        answered=len(codes) - missing,
        missing=missing,
        not_met=sum(1 for r in result.indicators if r.status == "not_met"),
        to_check=len(codes & set(to_check)),
        returned=len(codes & set(returned)),
    )
