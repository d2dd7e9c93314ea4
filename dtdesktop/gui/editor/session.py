"""One open assessment: its answers in memory, scored at each change, saved at once, undoable.

Every change goes to the store through the one worker, coalesced per indicator: while a write is in
flight, later changes wait and are written together right after it, so typing never waits for a disk
flush and nothing typed is more than one flush away from the disk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dtdesktop.gui.worker import DbWorker
from dtdesktop.i18n import _
from dtdesktop.scoring import ScoreResult, score
from dtdesktop.scoring.answers import AnswerValue, to_json
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.database import Store
from dtdesktop.storage.records import Assessment, Evidence


class AssessmentSession(QObject):
    changed = Signal(str, bool)  # indicator code, whether the change came from outside its input (undo)
    scored = Signal(object)  # ScoreResult
    saved = Signal(object)  # the indicator codes just written
    failed = Signal(str)  # a sentence saying what could not be saved
    evidence_changed = Signal(str)  # indicator code
    refused = Signal(str, str)  # indicator code, a sentence: evidence not added, removed or opened
    locked = Signal()  # the officer chose not to change a signed and sent assessment: shown read-only

    def __init__(self, store: Store, worker: DbWorker, assessment: Assessment, actor: str | None = None):
        super().__init__()
        self.store, self.worker, self.actor = store, worker, actor
        self.assessment = assessment
        self.catalog = assessment.catalog
        self.values: dict[str, AnswerValue] = dict(assessment.values)
        self.notes: dict[str, str] = {c: a.note for c, a in assessment.answers.items() if a.note}
        self.to_check: set[str] = {c for c, a in assessment.answers.items() if a.to_check}
        self.returned: dict[str, str] = {
            c: a.review_comment for c, a in assessment.answers.items() if a.review_comment
        }
        self.evidence: list[Evidence] = list(assessment.evidence)
        self.undo_stack = QUndoStack(self)
        self.result: ScoreResult = score(self.catalog, self.values, assessment.horizon)
        self._pending_values: dict[str, object] = {}
        self._pending_notes: dict[str, str | None] = {}
        self._in_flight = 0  # writes submitted and not yet done
        self._typing_run = 0
        # Set by the window: asks whether to change an assessment that was signed and sent.
        self.ask_to_change_sent: Callable[[], bool] | None = None
        self.read_only = False
        self._asked_for: int | None = None  # the revision the officer agreed to change

    @property
    def id(self) -> int:
        return self.assessment.id

    @property
    def editable(self) -> bool:
        return self.assessment.status != "approved" and not self.read_only

    def may_start_changing(self) -> bool:
        """Whether a change may go ahead. A signed and sent assessment asks first (the change will need
        a new signed file), once per opening and file sent, not at every keystroke; declined, it stays as
        it was and is shown read-only."""
        if not self.editable:
            return False
        a = self.assessment
        if a.status != "signed" or self._asked_for == a.revision or self.ask_to_change_sent is None:
            return True
        if self.ask_to_change_sent():
            self._asked_for = a.revision
            return True
        self.read_only = True
        self.locked.emit()
        return False

    def may_change(self, code: str) -> bool:
        """Whether *code* can change: never once approved; while a return is in force, only the criteria
        returned (the others stay as they were sent until the next decision)."""
        return self.editable and (not self.returned or code in self.returned)

    @property
    def busy(self) -> bool:
        """Something typed is not on disk yet."""
        return bool(self._in_flight or self._pending_values or self._pending_notes)

    # --- changing answers --------------------------------------------------------------------------

    def edit_value(self, code: str, value: AnswerValue | None) -> None:
        """The officer typed or chose *value* (None clears); undoable, merged while typing in one field."""
        old = self.values.get(code)
        if old == value or not self.may_start_changing():
            return
        self.undo_stack.push(_AnswerEdit(self, code, "value", old, value, self._typing_run))

    def edit_note(self, code: str, note: str) -> None:
        old = self.notes.get(code, "")
        if old == note or not self.may_start_changing():
            return
        self.undo_stack.push(_AnswerEdit(self, code, "note", old, note, self._typing_run))

    def new_typing_run(self) -> None:
        """Typing after this starts a new undo step (another indicator was shown)."""
        self._typing_run += 1

    def apply(self, code: str, field: str, value: object, external: bool) -> None:
        if field == "value":
            if value is None:
                self.values.pop(code, None)
            else:
                self.values[code] = value  # type: ignore[assignment]
            self._pending_values[code] = value
        else:
            if value:
                self.notes[code] = value  # type: ignore[assignment]
            else:
                self.notes.pop(code, None)
            self._pending_notes[code] = value or None  # type: ignore[assignment]
        self.to_check.discard(code)
        self.rescore()
        self.changed.emit(code, external)
        self.write_pending()

    def rescore(self) -> None:
        self.result = score(self.catalog, self.values, self.assessment.horizon)
        self.scored.emit(self.result)

    # --- saving --------------------------------------------------------------------------------------

    def write_pending(self, now: bool = False) -> None:
        """Hand what was typed to the worker; while a write is in flight, wait for it (unless *now*)
        so that quick typing becomes one write, not one per keystroke."""
        if (self._in_flight and not now) or not (self._pending_values or self._pending_notes):
            return
        values = {
            c: (None if v is None else to_json(v))  # type: ignore[arg-type]
            for c, v in self._pending_values.items()
        }
        notes = dict(self._pending_notes)
        self._pending_values, self._pending_notes = {}, {}
        self._in_flight += 1
        store, aid, actor = self.store, self.id, self.actor

        def job() -> tuple[str, ...]:
            store_assessments.set_answers(store, aid, values, actor, notes)
            return tuple(dict.fromkeys([*values, *notes]))

        self.worker.submit(job, self._written, self._not_written)

    def _written(self, codes: tuple[str, ...]) -> None:
        self._in_flight -= 1
        self.saved.emit(codes)
        self.write_pending()

    def _not_written(self, error: BaseException) -> None:
        self._in_flight -= 1
        self.failed.emit(_("Not saved: {reason}").format(reason=error))
        self.write_pending()

    def flush(self, timeout: float = 30.0) -> None:
        """Write everything typed so far and wait for it (closing the assessment or the window)."""
        self.write_pending(now=True)  # the worker runs jobs in order: this one after any in flight
        self.worker.wait(timeout)

    # --- to check, evidence --------------------------------------------------------------------------

    def mark_checked(self, code: str) -> None:
        if not self.may_start_changing():
            return
        self.to_check.discard(code)
        store, aid, actor = self.store, self.id, self.actor
        self.worker.submit(
            lambda: store_assessments.mark_checked(store, aid, code, actor),
            lambda _marked: self.changed.emit(code, True),
            lambda error: self.failed.emit(str(error)),
        )

    def reload_evidence(self, code: str) -> None:
        store, aid = self.store, self.id

        def done(a: Assessment) -> None:
            self.evidence = list(a.evidence)
            self.evidence_changed.emit(code)

        self.worker.submit(
            lambda: store_assessments.get(store, aid), done, lambda e: self.refused.emit(code, str(e))
        )

    def evidence_for(self, code: str) -> list[Evidence]:
        return [e for e in self.evidence if e.indicator_code == code]

    def run(self, job, code: str) -> None:
        """A change of evidence on the worker, then the list read back."""
        if not self.may_start_changing():
            return
        self.worker.submit(
            job, lambda _r: self.reload_evidence(code), lambda e: self.refused.emit(code, str(e))
        )


class _AnswerEdit(QUndoCommand):
    """One undo step: the value or the note of one indicator, from what it was to what it became."""

    def __init__(self, session: AssessmentSession, code: str, field: str, old: object, new: object, run: int):
        what = _("answer to {code}") if field == "value" else _("note on {code}")
        super().__init__(what.format(code=code))
        self.session, self.code, self.field, self.old, self.new, self.run = (
            session,
            code,
            field,
            old,
            new,
            run,
        )
        self._first = True

    def id(self) -> int:
        return 1 if self.field == "value" else 2

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _AnswerEdit):
            return False
        if (other.code, other.field, other.run) != (self.code, self.field, self.run):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        external, self._first = not self._first, False
        self.session.apply(self.code, self.field, self.new, external)

    def undo(self) -> None:
        self.session.apply(self.code, self.field, self.old, True)
