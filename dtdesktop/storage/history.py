"""The history of changes as an officer reads it: one row per change of a field (a run of typing in one
field is one row, as it is one undo step), each indicator named by its code and title in the reader's
language, values as they were typed, not as they are stored."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from dtdesktop.catalogs.model import Catalog
from dtdesktop.i18n import N_, _, using
from dtdesktop.scoring.answers import AnswerError, parse_value
from dtdesktop.scoring.display import assessment_status_label, value_text
from dtdesktop.storage.records import AuditEntry

RUN_GAP = dt.timedelta(minutes=2)  # saves of one field closer than this, with nothing between, are one run
TYPED = ("answer", "note")

WHAT = {
    "create": N_("Assessment created"),
    "duplicate": N_("Created from the assessment of another year (number {old})"),
    "answer": N_("answer changed"),
    "note": N_("note changed"),
    "checked": N_("answer carried over from last year kept"),
    "evidence_add": N_("evidence added"),
    "evidence_remove": N_("evidence removed"),
    "evidence_downscale": N_("evidence image made smaller for sending"),
    "status": N_("Status changed"),
    "export": N_("Signed and saved for sending (submission {revision})"),
    "review_comment": N_("reviewer's comment"),
    "decision_import": N_("Reviewer's decision applied"),
}


@dataclass(frozen=True, slots=True)
class HistoryRow:
    at: dt.datetime  # the last save of the run
    actor: str
    what: str
    before: str
    after: str


def runs(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Merge each run of saves of one field (answer or note of one indicator, by one person, nothing else
    between, each within RUN_GAP of the last) into one entry from the first value to the last; a run that
    ends where it began is no change and is left out."""
    out: list[AuditEntry] = []
    for e in entries:
        last = out[-1] if out else None
        if (
            last is not None
            and e.action in TYPED
            and (e.action, e.key, e.actor) == (last.action, last.key, last.actor)
            and e.at - last.at <= RUN_GAP
        ):
            out[-1] = AuditEntry(e.at, e.actor, e.assessment_id, e.action, e.key, last.old_value, e.new_value)
        else:
            out.append(e)
    return [e for e in out if not (e.action in TYPED and e.old_value == e.new_value)]


def history(entries: list[AuditEntry], catalog: Catalog, lang: str) -> list[HistoryRow]:
    """The audit entries of one assessment, oldest first, as rows to read in *lang* (all of it: the
    indicator's title and the words around it)."""
    with using(lang):
        return [_row(e, catalog, lang) for e in runs(entries)]


def _row(e: AuditEntry, catalog: Catalog, lang: str) -> HistoryRow:
    before, after = _shown(e, catalog, lang)
    return HistoryRow(e.at, e.actor, _what(e, catalog, lang), before, after)


def _what(e: AuditEntry, catalog: Catalog, lang: str) -> str:
    label = _(WHAT[e.action]) if e.action in WHAT else e.action
    if e.action == "duplicate":
        return label.format(old=e.old_value or "")
    if e.action == "export":
        return label.format(revision=(e.new_value or "").split(" ")[0])
    ind = catalog.indicator(e.key) if e.key else None
    if ind is None:
        return label
    return f"{ind.code} — {ind.title.get(lang)}: {label}"


def _shown(e: AuditEntry, catalog: Catalog, lang: str) -> tuple[str, str]:
    """(before, after) as a reader wants them: values typed back, statuses named, no hashes."""
    if e.action == "answer":
        ind = catalog.indicator(e.key or "")
        return _value(ind, e.old_value, lang), _value(ind, e.new_value, lang)
    if e.action == "status":
        return assessment_status_label(e.old_value or ""), assessment_status_label(e.new_value or "")
    if e.action == "export":  # "2 file.pdf sha256:…": the revision is in the row's text already
        return "", _without_hash((e.new_value or "").partition(" ")[2])
    if e.action in ("evidence_add", "evidence_remove", "evidence_downscale"):
        return _without_hash(e.old_value), _without_hash(e.new_value)
    if e.action in ("create", "duplicate", "checked", "decision_import"):
        return "", _decision(e.new_value) if e.action == "decision_import" else ""
    return e.old_value or "", e.new_value or ""


def _value(ind, stored: str | None, lang: str) -> str:
    if stored is None:
        return ""
    try:
        return value_text(ind, parse_value(ind, json.loads(stored)), lang) if ind else stored
    except (AnswerError, ValueError):
        return stored


def _without_hash(text: str | None) -> str:
    """ "bien-ban.pdf sha256:…" → "bien-ban.pdf"."""
    return " ".join(w for w in (text or "").split(" ") if not w.startswith("sha256:"))


def _decision(detail: str | None) -> str:
    try:
        return assessment_status_label(json.loads(detail or "")["decision"])
    except (ValueError, KeyError, TypeError):
        return detail or ""
