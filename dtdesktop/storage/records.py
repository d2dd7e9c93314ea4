"""What the store hands out: plain data classes, detached from the database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dtdesktop.catalogs.model import Catalog
from dtdesktop.scoring.answers import AnswerValue

STATUSES = ("draft", "signed", "returned", "approved")


def next_revision(revision: int, status: str) -> int:
    """The submission number ("lần gửi thứ N") that the report and the file name show: the next file is one
    more than the files sent so far (a draft, a file sent, edited or returned alike); an approved
    assessment is never sent again, so it keeps the number that was approved."""
    return revision if status == "approved" else revision + 1


@dataclass(frozen=True, slots=True)
class UnitInfo:
    scheme: str
    code: str
    name: str
    full_name: str
    province_code: str
    province_name: str
    district_name: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int
    indicator_code: str
    file_name: str | None
    file_sha256: str | None
    file_size: int | None
    doc_number: str | None
    doc_date: dt.date | None
    summary: str | None


@dataclass(frozen=True, slots=True)
class Answer:
    indicator_code: str
    value: AnswerValue | None
    note: str | None
    updated_at: dt.datetime
    to_check: bool = False
    review_comment: str | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    id: int
    unit: UnitInfo
    period: int
    catalog: Catalog
    horizon: int
    revision: int
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    answers: dict[str, Answer] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()

    @property
    def values(self) -> dict[str, AnswerValue]:
        """Indicator code → value, only for answered indicators (what the scoring engine takes)."""
        return {code: a.value for code, a in self.answers.items() if a.value is not None}

    @property
    def next_revision(self) -> int:
        """The submission number of the next file (and of a draft report of it)."""
        return next_revision(self.revision, self.status)

    @property
    def to_check(self) -> frozenset[str]:
        """Answers carried over from last year that the officer has not looked at yet."""
        return frozenset(code for code, a in self.answers.items() if a.to_check)

    @property
    def returned(self) -> frozenset[str]:
        """Indicators the reviewer returned, to complete."""
        return frozenset(code for code, a in self.answers.items() if a.review_comment is not None)


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    id: int
    unit: UnitInfo
    period: int
    catalog_id: str
    catalog_version: str
    catalog_sha256: str
    revision: int
    status: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    assessment_id: int | None
    action: str
    key: str | None
    old_value: str | None
    new_value: str | None
