"""The review of received submissions, in the DHIS2 / Survey Solutions manner.

A valid submission that is the current revision of its assessment (not superseded, not in conflict) is
**submitted**; the reviewer **returns** it (a comment on each returned criterion, and an overall comment)
or **approves** it. An approved submission is locked: only **unapprove**, with a reason, opens it again
(back to submitted). A returned submission may be returned again (the comments replaced) or approved. Every
step is a `ReviewRow` and a line of the audit log: who, when, what and why. A submission not yet decidable
(signer or catalog unknown), superseded by a later revision, or in conflict cannot be decided.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dtdesktop.i18n import _
from dtdesktop.review.errors import ReviewError
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor, stored_catalog
from dtdesktop.storage.models import AuditRow, CatalogRow, ReviewRow, SubmissionRow
from dtdesktop.text import nfc

Action = Literal["return", "approve", "unapprove"]
STATUS_AFTER: dict[str, str] = {"return": "returned", "approve": "approved", "unapprove": "submitted"}
MAX_COMMENT = 4000


@dataclass(frozen=True, slots=True)
class Comment:
    code: str
    comment: str


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a review, as recorded."""

    submission_id: int
    action: str
    comments: tuple[Comment, ...]
    overall: str | None
    reason: str | None
    actor: str
    at: dt.datetime


def review(
    store: Store,
    submission_id: int,
    action: Action,
    comments: Iterable[tuple[str, str]] = (),
    overall: str | None = None,
    reason: str | None = None,
    actor: str | None = None,
    only_if_clean: bool = False,
    seen_status: str | None = None,
) -> Step:
    """Take one step of the review of *submission_id*, in one transaction, or ReviewError saying why not.
    With *only_if_clean*, the submission must still be clean when the step is taken (a colleague may have
    returned it since it was chosen); with *seen_status*, still in the state the reviewer saw (a colleague's
    return is never overridden by an approval decided on an older screen)."""
    actor = actor or default_actor()
    notes = _comments(comments)
    overall = _text(overall)
    reason = _text(reason)
    with store.transaction() as s:
        row = _submission(s, submission_id)
        _check(s, row, action, notes, reason)
        if only_if_clean and not _clean(row):
            raise ReviewError(_("Submission {id} changed meanwhile; it was left as it is.").format(id=row.id))
        if seen_status is not None and row.status != seen_status:
            raise ReviewError(
                _(
                    "Submission {id} was decided by someone else meanwhile; nothing was changed. Look at it "
                    "again before deciding."
                ).format(id=row.id)
            )
        catalog = stored_catalog(s.get(CatalogRow, row.catalog_sha256))
        for c in notes:
            if catalog.indicator(c.code) is None:
                raise ReviewError(
                    _("“{code}” is not a criterion of the catalog {catalog}.").format(
                        code=c.code, catalog=catalog.id
                    )
                )
        step = Step(row.id, action, notes, overall, reason, actor, dt.datetime.now(dt.UTC))
        s.add(
            ReviewRow(
                submission_id=row.id,
                action=action,
                comments=json.dumps(
                    [{"code": c.code, "comment": c.comment} for c in notes], ensure_ascii=False
                ),
                overall=overall,
                reason=reason,
                actor=actor,
                at=step.at,
            )
        )
        s.add(
            AuditRow(
                actor=actor,
                assessment_id=None,
                action="review",
                key=row.signed_sha256,
                old_value=row.status,
                new_value=json.dumps(
                    {
                        "submission": row.id,
                        "action": action,
                        "status": STATUS_AFTER[action],
                        "returned": [c.code for c in notes],
                        "overall": overall,
                        "reason": reason,
                    },
                    ensure_ascii=False,
                ),
            )
        )
        row.status = STATUS_AFTER[action]
        return step


def why_not(store: Store, submission_id: int, action: Action) -> str | None:
    """Why *action* cannot be taken on *submission_id* now (the sentence `review` would refuse it with),
    or None when it can: the window enables its buttons by the same rules the core enforces. The comments
    and the reason the reviewer has still to write are assumed given."""
    notes = (Comment("", "…"),) if action == "return" else ()
    reason = "…" if action == "unapprove" else None
    with store.reading() as s:
        try:
            _check(s, _submission(s, submission_id), action, notes, reason)
        except ReviewError as exc:
            return str(exc)
    return None


def _check(
    s: Session, row: SubmissionRow, action: Action, notes: tuple[Comment, ...], reason: str | None
) -> None:
    if action == "unapprove":
        if row.status != "approved":
            raise ReviewError(
                _("Submission {id} is not approved; there is nothing to unapprove.").format(id=row.id)
            )
        if not reason:
            raise ReviewError(_("Say why the approval is withdrawn (--reason TEXT)."))
        return
    if row.status == "approved":
        raise ReviewError(
            _("Submission {id} is approved and locked; unapprove it first, with a reason.").format(id=row.id)
        )
    if row.verdict != "valid":
        raise ReviewError(
            _(
                "Submission {id} cannot be decided yet: its signer or its catalog is not known. Trust the "
                "signer or accept the catalog, then import the file again."
            ).format(id=row.id)
        )
    if row.conflict:
        raise ReviewError(
            _(
                "Submission {id} is in conflict with another file claiming the same revision; ask the "
                "commune which one it sent."
            ).format(id=row.id)
        )
    newest = current_revision(s, row)
    if newest is not None and newest > row.revision:
        raise ReviewError(
            _("Submission {id} is revision {revision}; a later revision ({newest}) has arrived.").format(
                id=row.id, revision=row.revision, newest=newest
            )
        )
    if action == "return" and not notes:
        raise ReviewError(_("Name at least one criterion to return, with what to fix (--comment CODE TEXT)."))
    if action == "approve" and notes:
        raise ReviewError(_("An approval returns no criterion; leave out --comment, or use --return."))


def _clean(row: SubmissionRow) -> bool:
    return (
        row.status == "submitted"
        and row.verdict == "valid"
        and not row.conflict
        and row.score_matches
        and json.loads(row.reasons) == []
    )


def counting_revisions(row: SubmissionRow) -> list:
    """The conditions of the valid revisions, not in conflict, of the assessment *row* belongs to."""
    return [
        SubmissionRow.unit_scheme == row.unit_scheme,
        SubmissionRow.unit_code == row.unit_code,
        SubmissionRow.period == row.period,
        SubmissionRow.catalog_id == row.catalog_id,
        SubmissionRow.verdict == "valid",
        SubmissionRow.conflict.is_(False),
    ]


def current_revision(s: Session, row: SubmissionRow) -> int | None:
    """The highest valid revision, not in conflict, of the assessment *row* belongs to."""
    return s.scalar(select(func.max(SubmissionRow.revision)).where(*counting_revisions(row)))


def steps(store: Store, submission_id: int) -> list[Step]:
    """Every step of the review of one submission, oldest first."""
    with store.reading() as s:
        _submission(s, submission_id)
        rows = s.scalars(
            select(ReviewRow).where(ReviewRow.submission_id == submission_id).order_by(ReviewRow.id)
        ).all()
        return [_step(r) for r in rows]


def last_decision(store: Store, submission_id: int) -> Step | None:
    """The step a decision file states: the last return or approval, if it is still in force."""
    done = steps(store, submission_id)
    if not done or done[-1].action == "unapprove":
        return None
    return done[-1]


def approve_clean(
    store: Store, province: str | None = None, period: int | None = None, actor: str | None = None
) -> list[int]:
    """Approve every submitted, current submission that is valid (so signed by a trusted, registered
    signer, with a known catalog), whose score matches the recomputed one and that carries no flag
    (no reason at all, no conflict), and whose signer is still trusted (a trusted certificate removed since
    the import may have flagged it in the inbox: `inbox.inbox_rows`). Returns the ids approved."""
    from dtdesktop.review.inbox import inbox_rows  # the inbox builds on this module

    untrusted = {
        r.submission_id for r in inbox_rows(store, province, period) if "untrusted_signer" in r.flags
    }
    with store.reading() as s:
        query = select(SubmissionRow).where(
            SubmissionRow.status == "submitted",
            SubmissionRow.verdict == "valid",
            SubmissionRow.conflict.is_(False),
            SubmissionRow.score_matches.is_(True),
        )
        if period is not None:
            query = query.where(SubmissionRow.period == period)
        candidates = [
            r.id
            for r in s.scalars(query.order_by(SubmissionRow.id)).all()
            if _clean(r)
            and r.id not in untrusted
            and (province is None or r.unit.province_code == province)
            and current_revision(s, r) == r.revision
        ]
    approved = []
    for sid in candidates:
        try:
            review(store, sid, "approve", actor=actor, only_if_clean=True)
        except ReviewError:
            continue  # changed since it was chosen (returned by a colleague, a later revision): left alone
        approved.append(sid)
    return approved


def _submission(s: Session, submission_id: int) -> SubmissionRow:
    row = s.get(SubmissionRow, submission_id)
    if row is None:
        raise ReviewError(
            _("There is no received submission number {id}; `dtdesktop import` lists them.").format(
                id=submission_id
            )
        )
    return row


def _comments(comments: Iterable[tuple[str, str]]) -> tuple[Comment, ...]:
    out: dict[str, Comment] = {}
    for code, text in comments:
        code, text = nfc(code.strip()), _text(text)
        if not text:
            raise ReviewError(_("The comment on {code} is empty; say what to fix.").format(code=code))
        if code in out:
            raise ReviewError(_("{code} is commented twice; give it one comment.").format(code=code))
        out[code] = Comment(code, text)
    return tuple(out.values())


_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(text: str | None) -> str | None:
    """A comment as written, refused if it holds control or direction characters (they would print as
    something else than what the reviewer sees)."""
    if text is None:
        return None
    text = nfc(text.strip())
    if _HIDDEN.search(text):
        raise ReviewError(_("A comment holds control or direction characters; type it again as plain text."))
    if len(text) > MAX_COMMENT:
        raise ReviewError(_("A comment is longer than {n} characters; shorten it.").format(n=MAX_COMMENT))
    return text or None


def _step(r: ReviewRow) -> Step:
    comments = tuple(Comment(c["code"], c["comment"]) for c in json.loads(r.comments))
    at = r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC)  # SQLite keeps no time zone: it is UTC
    return Step(r.submission_id, r.action, comments, r.overall, r.reason, r.actor, at)
