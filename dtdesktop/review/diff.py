"""What changed between two revisions of a submission: answers, notes and evidence, criterion by criterion,
so that a reviewer reads only what changed since the last decision."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from dtdesktop.i18n import _
from dtdesktop.review.errors import ReviewError
from dtdesktop.review.reviewing import counting_revisions
from dtdesktop.storage import Store
from dtdesktop.storage.models import ReviewRow, SubmissionRow


@dataclass(frozen=True, slots=True)
class Change:
    """One change of one criterion: what (answer, note, evidence added / removed), before and after."""

    code: str
    what: str  # "answer", "note", "evidence_added", "evidence_removed"
    before: Any = None
    after: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "what": self.what, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Diff:
    submission_from: int
    submission_to: int
    revision_from: int
    revision_to: int
    changes: tuple[Change, ...]

    @property
    def codes(self) -> list[str]:
        """The criteria that changed, in the order of their first change."""
        return list(dict.fromkeys(c.code for c in self.changes))

    def to_json(self) -> dict[str, Any]:
        return {
            "from": {"id": self.submission_from, "revision": self.revision_from},
            "to": {"id": self.submission_to, "revision": self.revision_to},
            "changed": self.codes,
            "changes": [c.to_json() for c in self.changes],
        }


def diff(store: Store, submission_id: int, rev_from: int | None = None, rev_to: int | None = None) -> Diff:
    """The changes between two revisions of the assessment *submission_id* belongs to. By default *to* is
    that submission's revision, and *from* the last revision a decision was taken on before it (else the
    revision just before it)."""
    with store.reading() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise ReviewError(
                _("There is no received submission number {id}; `dtdesktop import` lists them.").format(
                    id=submission_id
                )
            )
        revisions = _revisions(s, row)
        to_row = revisions.get(rev_to if rev_to is not None else row.revision)
        if to_row is None:
            raise ReviewError(_("Revision {n} of this assessment has not been received.").format(n=rev_to))
        if rev_from is None:
            rev_from = _last_decided(s, revisions, to_row.revision)
        from_row = revisions.get(rev_from) if rev_from is not None else None
        if from_row is None:
            raise ReviewError(
                _("There is no earlier revision of this assessment to compare revision {n} with.").format(
                    n=to_row.revision
                )
                if rev_from is None
                else _("Revision {n} of this assessment has not been received.").format(n=rev_from)
            )
        before, after = json.loads(from_row.document), json.loads(to_row.document)
        return Diff(from_row.id, to_row.id, from_row.revision, to_row.revision, tuple(changes(before, after)))


def _revisions(s, row: SubmissionRow) -> dict[int, SubmissionRow]:
    """The valid received revisions of the assessment *row* belongs to, by revision (a conflict's rows
    are left out: which of them the commune sent is not known)."""
    rows = s.scalars(select(SubmissionRow).where(*counting_revisions(row))).all()
    out = {r.revision: r for r in rows}
    out.setdefault(row.revision, row)
    return out


def _last_decided(s, revisions: dict[int, SubmissionRow], before: int) -> int | None:
    """The latest revision before *before* that a return or an approval was taken on, else the one just
    before it."""
    earlier = sorted(r for r in revisions if r < before)
    for rev in reversed(earlier):
        decided = s.scalar(
            select(ReviewRow.id).where(
                ReviewRow.submission_id == revisions[rev].id, ReviewRow.action.in_(("return", "approve"))
            )
        )
        if decided is not None:
            return rev
    return earlier[-1] if earlier else None


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The changes from one assessment document to another, criterion by criterion, in code order."""
    a_before, a_after = before.get("answers", {}), after.get("answers", {})
    e_before, e_after = _evidence(before), _evidence(after)
    out: list[Change] = []
    for code in sorted(set(a_before) | set(a_after) | set(e_before) | set(e_after)):
        old, new = a_before.get(code, {}), a_after.get(code, {})
        if old.get("value") != new.get("value"):
            out.append(Change(code, "answer", old.get("value"), new.get("value")))
        if (old.get("note") or None) != (new.get("note") or None):
            out.append(Change(code, "note", old.get("note"), new.get("note")))
        was, now = e_before.get(code, {}), e_after.get(code, {})
        out += [Change(code, "evidence_removed", was[k], None) for k in was if k not in now]
        out += [Change(code, "evidence_added", None, now[k]) for k in now if k not in was]
    return out


def _evidence(doc: dict[str, Any]) -> dict[str, dict[tuple, str]]:
    """Each criterion's evidence: a file by its SHA-256, a citation by its number, date and summary; with
    the words that show it."""
    out: dict[str, dict[tuple, str]] = {}
    for e in doc.get("evidence", []):
        if e.get("kind") == "file":
            key: tuple = ("file", e.get("sha256"))
            shown = str(e.get("name") or "")
        else:
            key = ("citation", e.get("number"), e.get("date"), e.get("summary"))
            shown = ", ".join(str(x) for x in key[1:] if x)
        out.setdefault(str(e.get("indicator")), {})[key] = shown
    return out


def fingerprints(doc: dict[str, Any]) -> dict[str, str]:
    """A short hash of each criterion's answer, note and evidence, written at import (in the compact
    results) so that the inbox counts the criteria changed between two revisions without parsing either
    document: two criteria differ by `changes` exactly when their fingerprints differ. A criterion with
    nothing (no value, no note, no evidence) has none, as an absent one."""
    answers, evidence = doc.get("answers", {}), _evidence(doc)
    out: dict[str, str] = {}
    for code in set(answers) | set(evidence):
        a = answers.get(code, {})
        value, note, keys = a.get("value"), a.get("note") or None, sorted(map(repr, evidence.get(code, {})))
        if value is None and note is None and not keys:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = float(value)  # 1 and 1.0 are the same answer, as `changes` compares them
        text = json.dumps([value, note, keys], ensure_ascii=False, sort_keys=True, default=str)
        out[code] = hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()
    return out


def changed_count(before: dict[str, str], after: dict[str, str]) -> int:
    """How many criteria differ between two revisions' fingerprints."""
    return sum(1 for code in set(before) | set(after) if before.get(code) != after.get(code))
