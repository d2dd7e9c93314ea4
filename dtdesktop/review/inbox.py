"""The reviewer's inbox: one line per assessment received (its current revision), with what a reviewer
triages by: status, score as sent and as recomputed, criteria changed since the last decision, signer and
whether it is trusted, and the flags that keep a file from a quick approval.

Built for ten thousand submissions in a fraction of a second: plain selects of the columns needed (the
document and the evidence are never read), the unit's name from the national list in memory, and the
criteria changed counted from the fingerprints written at import (`diff.fingerprints`, kept in the compact
results) rather than from the two documents.

Which lines: for each assessment (unit, period, criteria set) the current revision (the highest valid one
not in conflict), and any later file that cannot count yet (signer or criteria set unknown, or two files
claiming one revision): those wait for the reviewer too. Older revisions and files a later valid revision
displaced stay in the history and are not lines here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from cryptography import x509
from sqlalchemy import func, select

from dtdesktop.i18n import N_, _
from dtdesktop.review import reviewing
from dtdesktop.review.diff import changed_count, fingerprints
from dtdesktop.review.errors import ReviewError
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import stored_catalog
from dtdesktop.storage.models import (
    AuditRow,
    CatalogRow,
    ReviewRow,
    SubmissionRow,
    TrustedCertificateRow,
    UnitRow,
)
from dtdesktop.units import unit_list

Trust = Literal["trusted", "unknown", "invalid"]
FLAGS = ("untrusted_signer", "score_mismatch", "unknown_catalog", "conflict")
FLAG_LABELS = {
    "untrusted_signer": N_("signer not trusted"),
    "score_mismatch": N_("score differs from the recomputed one"),
    "unknown_catalog": N_("criteria set not known"),
    "conflict": N_("two files claim this revision"),
}
TRUST_LABELS = {"trusted": N_("trusted"), "unknown": N_("signer unknown"), "invalid": N_("not valid")}
# the statuses of `summary.tables.STATUS_LABELS`, but "not_sent": a line is a file received
STATUSES = ("submitted", "returned", "approved", "kept_aside", "conflict")
AWAITING = frozenset({"submitted", "kept_aside", "conflict"})
_SIGNER_CODES = frozenset({"signer_unknown", "signer_not_registered", "no_trust_list"})
_CHUNK = 500  # ids per IN (…) list: well under SQLite's and PostgreSQL's limits on bound parameters
_MISMATCH = 0.005  # percentages are kept to two decimals


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One line of the inbox."""

    submission_id: int
    unit_scheme: str
    unit_code: str
    unit_name: str  # "Hoằng Hóa", from the national list (the stored copy if the list lacks it)
    unit_full_name: str  # "Xã Hoằng Hóa", as people read it
    province_code: str
    period: int
    catalog_id: str
    catalog_version: str
    revision: int
    status: str  # one of STATUSES
    verdict: str  # the gate's: "valid" or "indeterminate"
    sent_percent: float | None
    percent: float | None  # recomputed at import
    changes: int | None  # criteria changed since the last decision (else the previous revision); None: first
    changes_from: int | None  # the revision *changes* counts from
    signer_name: str | None
    trust: Trust
    received_at: dt.datetime  # UTC
    file_name: str
    flags: frozenset[str]
    reasons: tuple[tuple[str, str], ...] = ()  # why it cannot be decided yet: (code, sentence)

    @property
    def score_mismatch(self) -> bool:
        return "score_mismatch" in self.flags

    @property
    def awaiting(self) -> bool:
        """Something is still to be done by the reviewer: decide it, or find out whom to trust."""
        return self.status in AWAITING

    @property
    def clean(self) -> bool:
        """What a bulk approval may approve: waiting, valid, and flag-free."""
        return self.status == "submitted" and self.verdict == "valid" and not self.flags


def inbox_rows(store: Store, province: str | None = None, period: int | None = None) -> list[InboxRow]:
    """The inbox of *province* (every province when None) for *period* (every period when None), in the
    order received, newest first."""
    s_, u_, c_ = SubmissionRow, UnitRow, CatalogRow
    query = (
        select(
            s_.id,
            s_.unit_scheme,
            s_.unit_code,
            s_.period,
            s_.catalog_id,
            s_.revision,
            s_.conflict,
            s_.verdict,
            s_.reasons,
            s_.signer_name,
            s_.score_matches,
            s_.percent,
            s_.sent_percent,
            s_.received_at,
            s_.status,
            s_.file_name,
            u_.name,
            u_.full_name,
            u_.province_code,
            c_.version,
        )
        .join(u_, (u_.scheme == s_.unit_scheme) & (u_.code == s_.unit_code))
        .join(c_, c_.sha256 == s_.catalog_sha256)
    )
    if province:
        query = query.where(u_.province_code == province)
    if period is not None:
        query = query.where(s_.period == period)
    with store.reading() as s:
        rows = s.execute(query).all()
        groups: dict[tuple, list[Any]] = {}
        for r in rows:
            groups.setdefault((r.unit_scheme, r.unit_code, r.period, r.catalog_id), []).append(r)
        shown, pairs = _lines(groups, _decided(s, rows))
        counted = _changes(s, pairs)
    units: dict[tuple[str, str], tuple[str, str]] = {}
    out = [_row(r, counted.get(r[0]), units) for r in shown]
    with store.reading() as s:
        out = _trust_now(s, out)
    out.sort(key=lambda x: (x.received_at, x.submission_id), reverse=True)
    return out


def _trust_now(s, rows: list[InboxRow]) -> list[InboxRow]:
    """Lines found trusted at import, looked at again when a trusted certificate was removed since (see
    `_anchored`). A line no longer trusted says so, is flagged, and bulk approval leaves it; it is trusted
    again as soon as what it rested on is trusted again."""
    removed = s.scalar(select(func.max(AuditRow.at)).where(AuditRow.action == "trust_remove"))
    if removed is None:
        return rows
    removed = removed if removed.tzinfo else removed.replace(tzinfo=dt.UTC)
    suspect = [r for r in rows if r.trust == "trusted" and _aware(r.received_at) <= removed]
    if not suspect:
        return rows
    trusted = s.scalars(select(TrustedCertificateRow)).all()
    roots = {t.fingerprint: x509.load_der_x509_certificate(t.der) for t in trusted if t.role == "root"}
    units = {t.fingerprint: {u.unit_code for u in t.units} for t in trusted}
    ids = [r.submission_id for r in suspect]
    signers: dict[int, tuple[str | None, bytes | None, str | None]] = {}
    for chunk in _chunks(ids, _CHUNK):
        signers.update(
            (sid, (fp, der, anchor))
            for sid, fp, der, anchor in s.execute(
                select(
                    SubmissionRow.id,
                    SubmissionRow.signer_fingerprint,
                    SubmissionRow.signer_certificate,
                    SubmissionRow.trust_anchor,
                ).where(SubmissionRow.id.in_(chunk))
            )
        )
    gone = {
        r.submission_id
        for r in suspect
        if not _anchored(r, *signers.get(r.submission_id, (None, None, None)), roots, units)
    }
    if not gone:
        return rows
    why = _(
        "The certificate that made this signer trusted has been removed since; trust the signer again if it "
        "should be."
    )
    return [
        replace(
            r,
            trust="unknown",
            flags=r.flags | {"untrusted_signer"},
            reasons=(*r.reasons, ("trust_removed", why)),
        )
        if r.submission_id in gone
        else r
        for r in rows
    ]


def _anchored(
    row: InboxRow, fp: str | None, der: bytes | None, anchor: str | None, roots: dict, units: dict
) -> bool:
    """Whether a line trusted at import is trusted still. The signer trusted as itself now (a root, or
    registered for the line's unit) always is. Otherwise a line whose anchor was recorded at import
    (the root its chain ended at, or its own registered certificate) is trusted while that anchor keeps
    the role that made it trusted: removing any other certificate changes nothing, whatever intermediate
    authorities the chain went through. A line filed before anchors were kept (revision 0007) can only be
    judged by its signer: issued directly by a root still trusted; one under an intermediate authority
    is then flagged, on the safe side."""
    if fp is None:
        return False
    if fp in roots or row.unit_code in units.get(fp, ()):
        return True
    if anchor is not None:
        return anchor != fp and anchor in roots
    if der is None:
        return False  # filed before the certificate was kept: cannot tell, so not taken as trusted
    issuer = x509.load_der_x509_certificate(der).issuer
    return any(root.subject == issuer for root in roots.values())


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _counts(r) -> bool:
    return r.verdict == "valid" and not r.conflict


def _decided(s, rows) -> set[int]:
    """The submissions a return or an approval was taken on (needed only when a revision follows one)."""
    if not any(r[5] > 1 for r in rows):  # revision
        return set()
    query = select(ReviewRow.submission_id).where(ReviewRow.action.in_(("return", "approve"))).distinct()
    return set(s.scalars(query))


def _lines(groups: dict[tuple, list[Any]], decided: set[int]) -> tuple[list[Any], dict[int, Any]]:
    """The rows shown, and for each one with an earlier revision, the id it is compared with (as `diff`
    chooses: the last revision decided on before it, else the one just before)."""
    shown: list[Any] = []
    pairs: dict[int, Any] = {}
    for members in groups.values():
        counting = {r.revision: r for r in members if _counts(r)}
        current = max(counting, default=None)
        for r in members:
            if (r.revision == current) if _counts(r) else (current is None or r.revision > current):
                shown.append(r)
                earlier = sorted(rev for rev in counting if rev < r.revision)
                if earlier:
                    chosen = next((v for v in reversed(earlier) if counting[v].id in decided), earlier[-1])
                    pairs[r.id] = counting[chosen]
    return shown, pairs


def _changes(s, pairs: dict[int, Any]) -> dict[int, tuple[int, int]]:
    """Criteria changed for each compared pair: (count, revision compared with), from the fingerprints in the
    compact results; a submission imported before they were kept has its document read instead."""
    if not pairs:
        return {}
    ids = sorted(set(pairs) | {r.id for r in pairs.values()})
    prints: dict[int, dict[str, str] | None] = {}
    for chunk in _chunks(ids, _CHUNK):
        query = select(SubmissionRow.id, SubmissionRow.results).where(SubmissionRow.id.in_(chunk))
        for sid, results in s.execute(query):
            digest = json.loads(results).get("digest") if results else None
            prints[sid] = digest if isinstance(digest, dict) else None
    missing = [sid for sid, d in prints.items() if d is None]
    for chunk in _chunks(missing, _CHUNK):
        for sid, document in s.execute(
            select(SubmissionRow.id, SubmissionRow.document).where(SubmissionRow.id.in_(chunk))
        ):
            prints[sid] = fingerprints(json.loads(document))
    return {
        to: (changed_count(prints[frm.id] or {}, prints[to] or {}), frm.revision) for to, frm in pairs.items()
    }


_NO_FLAGS: frozenset[str] = frozenset()


def _row(r, counted: tuple[int, int] | None, units: dict[tuple[str, str], tuple[str, str]]) -> InboxRow:
    """One line from one selected row (unpacked by position: a name lookup per field costs more than the
    rest of the line)."""
    (
        sid,
        scheme,
        code,
        period,
        catalog_id,
        revision,
        conflict,
        verdict,
        reasons_json,
        signer,
        score_matches,
        percent,
        sent_percent,
        received_at,
        status,
        file_name,
        stored_name,
        stored_full_name,
        province_code,
        version,
    ) = r
    reasons: tuple[tuple[str, str], ...] = ()
    flags: set[str] = set()
    if verdict == "valid":
        trust: Trust = "trusted"
    else:
        reasons = tuple((str(x.get("code")), str(x.get("message"))) for x in json.loads(reasons_json or "[]"))
        codes = {c for c, _m in reasons}
        trust = "invalid" if verdict == "invalid" else "unknown" if codes & _SIGNER_CODES else "trusted"
        if trust != "trusted":
            flags.add("untrusted_signer")
        if "catalog_unknown" in codes:
            flags.add("unknown_catalog")
        status = "kept_aside"
    if not score_matches or (
        percent is not None and sent_percent is not None and abs(percent - sent_percent) > _MISMATCH
    ):
        flags.add("score_mismatch")
    if conflict:
        flags.add("conflict")
        status = "conflict"
    names = units.get((scheme, code))
    if names is None:
        unit = unit_list(scheme).get(code, "commune")
        names = units[(scheme, code)] = (
            (unit.name, unit.full_name) if unit else (stored_name, stored_full_name)
        )
    return InboxRow(
        submission_id=sid,
        unit_scheme=scheme,
        unit_code=code,
        unit_name=names[0],
        unit_full_name=names[1],
        province_code=province_code,
        period=period,
        catalog_id=catalog_id,
        catalog_version=version,
        revision=revision,
        status=status,
        verdict=verdict,
        sent_percent=sent_percent,
        percent=percent,
        changes=counted[0] if counted else None,
        changes_from=counted[1] if counted else None,
        signer_name=signer,
        trust=trust,
        received_at=received_at if received_at.tzinfo else received_at.replace(tzinfo=dt.UTC),
        file_name=file_name,
        flags=frozenset(flags) if flags else _NO_FLAGS,
        reasons=reasons,
    )


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    title: str


def criteria_of(store: Store, submission_id: int, lang: str = "vi") -> list[Criterion]:
    """The criteria of the set a submission was scored with, for returning one of them with a comment."""
    with store.reading() as s:
        sha = s.scalar(select(SubmissionRow.catalog_sha256).where(SubmissionRow.id == submission_id))
        if sha is None:
            raise ReviewError(
                _("There is no received submission number {id}; `dtdesktop import` lists them.").format(
                    id=submission_id
                )
            )
        catalog = stored_catalog(s.get(CatalogRow, sha))
    return [Criterion(i.code, i.title.get(lang)) for i in catalog.indicators]


SKIPS = ("not_waiting", "flagged", "changed")
SKIP_LABELS = {
    "not_waiting": N_("not waiting for review (already approved or returned)"),
    "flagged": N_("flagged or not verified cleanly"),
    "changed": N_("changed meanwhile (a colleague's decision, or a later revision)"),
}


@dataclass(frozen=True, slots=True)
class BulkApproval:
    approved: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...]  # (submission id, one of SKIPS)

    def skipped_by(self) -> dict[str, int]:
        """How many were skipped for each reason, in the order of SKIPS, leaving out those with none."""
        counts = {k: 0 for k in SKIPS}
        for _sid, why in self.skipped:
            counts[why] += 1
        return {k: n for k, n in counts.items() if n}


def approve_selected(store: Store, rows: Iterable[InboxRow], actor: str | None = None) -> BulkApproval:
    """Approve those of *rows* that verified cleanly and carry no flag, as `reviewing.approve_clean` does for
    the whole store, and say why each other one was left alone. Each approval is checked again against the
    store when it is taken (`only_if_clean`): a row may have changed since the inbox was read."""
    approved: list[int] = []
    skipped: list[tuple[int, str]] = []
    for row in rows:
        if row.status != "submitted":
            skipped.append(
                (row.submission_id, "not_waiting" if row.status in ("approved", "returned") else "flagged")
            )
            continue
        if not row.clean:
            skipped.append((row.submission_id, "flagged"))
            continue
        try:
            reviewing.review(store, row.submission_id, "approve", actor=actor, only_if_clean=True)
        except ReviewError:
            skipped.append((row.submission_id, "changed"))
            continue
        approved.append(row.submission_id)
    return BulkApproval(tuple(approved), tuple(skipped))
