"""The pre-flight service: checklist templates (with the built-in default), a show's runs of a checklist with every
item's result, the go/no-go verdict, the override that lets a show go live anyway, and which shows are due.

One user action is one call and one transaction; only frozen DTOs from preflight_types leave this module. Every
write that can be undone returns what the undo needs. The first read of the templates saves the built-in checklist
(in the language given here) as the default, once per database.

A run's verdict (see ``verdict``) is always that of its results: it is stored with every change, and a finished
run is one the seller closed (``finish_run``). Probes judge their own items (core.probes) and hand a ResultInput to
``record``; typed values go through ``record_value``, which judges them against the item's limits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.preflight_rules import verdict
from streamdesk.core.preflight_types import (
    ChecklistItemInput,
    ChecklistTemplateRow,
    GoCheck,
    PreflightDue,
    PreflightRunRow,
    ResultInput,
    RunSummary,
)
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.preflight_snapshot import PreflightSnapshot
    from streamdesk.db import SessionFactory
    from streamdesk.models.preflight import ChecklistTemplate

__all__ = ["Preflight", "verdict"]


class Preflight:
    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime], language: str = "zh_CN") -> None:
        """``language`` ("zh_CN" or "en") is the one the built-in default template is saved in, the first time."""
        self._sessions = sessions
        self._clock = clock
        self._language = language

    # --- templates --------------------------------------------------------------------------------------------
    def templates(self) -> tuple[ChecklistTemplateRow, ...]:
        """Every template by creation; the first call on a database saves the built-in default."""
        from streamdesk.core import preflight_store as store

        self._seed()
        with self._sessions() as session:
            return tuple(store.template_row(session, t) for t in store.all_templates(session))

    def template(self, template_id: int) -> ChecklistTemplateRow:
        from streamdesk.core import preflight_store as store

        with self._sessions() as session:
            return store.template_row(session, store.require_template(session, template_id))

    def _seed(self) -> None:
        from sqlmodel import select

        from streamdesk.core import preflight_store as store
        from streamdesk.models.preflight import ChecklistTemplate

        with self._sessions() as session:
            if session.exec(select(ChecklistTemplate.id).limit(1)).first() is not None:
                return
        with self._sessions(write=True) as session, session.begin():
            store.seed_default(session, self._language, self._clock())

    def create_template(self, name: str, items: Sequence[ChecklistItemInput]) -> int:
        """A new template (not the default); returns its id. UserError for an empty or taken name, no items, an
        untitled item, a probe on a non-probe item (or none on a probe item), a minimum above the maximum."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import clean_items, clean_name

        name, cleaned = clean_name(name), clean_items(items)
        with self._sessions(write=True) as session, session.begin():
            store.seed_default(session, self._language, self._clock())
            store.refuse_taken_name(session, name)
            return store.row_id(store.insert_template(session, name, cleaned, self._clock()))

    def update_template(self, template_id: int, name: str, items: Sequence[ChecklistItemInput]) -> ChecklistTemplateRow:
        """Save the template's new name and items (runs already started keep their copy); returns the previous row."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import clean_items, clean_name

        name, cleaned = clean_name(name), clean_items(items)
        with self._sessions(write=True) as session, session.begin():
            template = store.require_template(session, template_id)
            store.refuse_taken_name(session, name, template_id)
            previous = store.template_row(session, template)
            template.name, template.updated_at = name, self._clock()
            session.add(template)
            store.write_items(session, template_id, cleaned)
            return previous

    def delete_template(self, template_id: int) -> ChecklistTemplateRow:
        """Delete a template (runs keep their copy of its items); returns it for restore_template. The last template
        cannot go: UserError("preflight.last_template"). Deleting the default makes the oldest other one default."""
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            template = store.require_template(session, template_id)
            others = [t for t in store.all_templates(session) if t.id != template_id]
            if not others:
                raise UserError("preflight.last_template", name=template.name)
            removed = store.template_row(session, template)
            store.write_items(session, template_id, ())
            session.delete(template)
            session.flush()
            if removed.is_default:
                store.make_default(session, others[0], self._clock())
            return removed

    def restore_template(self, row: ChecklistTemplateRow) -> int:
        """Put a deleted template back (the default again if it was); returns its new id."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import clean_items, clean_name

        name, cleaned = clean_name(row.name), clean_items(row.items)
        with self._sessions(write=True) as session, session.begin():
            store.refuse_taken_name(session, name)
            template = store.insert_template(session, name, cleaned, self._clock())
            if row.is_default:
                store.make_default(session, template, self._clock())
            return store.row_id(template)

    def set_default(self, template_id: int) -> int | None:
        """Make the template the one new runs use; returns the previous default's id (None if there was none)."""
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            template = store.require_template(session, template_id)
            previous = store.default_of(session)
            store.make_default(session, template, self._clock())
            return None if previous is None else store.row_id(previous)

    # --- runs -------------------------------------------------------------------------------------------------
    def start_run(self, show_id: int, template_id: int | None = None) -> int:
        """A new run of the show with the template's items (the default template's without one), all pending."""
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            now = self._clock()
            show = store.require_show(session, show_id)
            if show.is_template:
                raise UserError("preflight.show_is_template", title=show.title)
            store.seed_default(session, self._language, now)
            template = self._template_for_run(session, template_id)
            return store.row_id(store.start_run(session, show_id, template, now, language=self._language))

    @staticmethod
    def _template_for_run(session: Session, template_id: int | None) -> ChecklistTemplate:
        from streamdesk.core import preflight_store as store

        if template_id is not None:
            return store.require_template(session, template_id)
        template = store.default_of(session) or store.all_templates(session)[0]
        return template

    def run(self, run_id: int) -> PreflightRunRow:
        from streamdesk.core import preflight_store as store

        with self._sessions() as session:
            return store.run_row(session, store.require_run(session, run_id))

    def latest_run(self, show_id: int) -> PreflightRunRow | None:
        """The show's most recently started run, finished or not (None before the first)."""
        from streamdesk.core import preflight_store as store

        with self._sessions() as session:
            store.require_show(session, show_id)
            runs = store.runs_of(session, show_id)
            return store.run_row(session, runs[0]) if runs else None

    def runs(self, show_id: int) -> tuple[RunSummary, ...]:
        """The show's pre-flight history, newest first."""
        from streamdesk.core import preflight_store as store

        with self._sessions() as session:
            store.require_show(session, show_id)
            return tuple(store.summary(session, run) for run in store.runs_of(session, show_id))

    def record(self, result_id: int, result: ResultInput) -> ResultInput:
        """Record an item's result, checked now (a PENDING result is not checked: its time is cleared); returns the
        previous result, for undo."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import clean_result, measured_json

        cleaned = clean_result(result)
        measured = measured_json(cleaned.measured)
        with self._sessions(write=True) as session, session.begin():
            row = store.require_result(session, result_id)
            previous = store.result_input(row)
            row.status, row.value, row.measured_json, row.note = cleaned.status, cleaned.value, measured, cleaned.note
            row.checked_at = None if cleaned.status is CheckStatus.PENDING else self._clock()
            session.add(row)
            session.flush()
            store.store_verdict(session, store.require_run(session, row.run_id))
            return previous

    def record_value(self, result_id: int, text: str) -> ResultInput:
        """Record a typed value ("85", "85%", "85.5") of a VALUE item: PASSED within its limits, FAILED outside them;
        empty text makes it pending again. The note stays. Returns the previous result, for undo.
        UserError("preflight.value_not_a_number", text=…) and nothing written for anything else."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import parse_number, value_status, value_text

        with self._sessions() as session:
            row = store.require_result(session, result_id)
            if CheckKind(row.kind) is not CheckKind.VALUE:
                raise UserError("preflight.not_a_value_item", title=row.title)
            unit, low, high, note = row.unit, row.min_value, row.max_value, row.note
        number = parse_number(text, unit)
        if number is None:
            return self.record(result_id, ResultInput(CheckStatus.PENDING, note=note))
        status = value_status(number, low, high)
        return self.record(result_id, ResultInput(status, value_text(number, unit), (("value", number),), note))

    def finish_run(self, run_id: int) -> PreflightVerdict:
        """Close the run with its verdict (stored with the time; a run finished before keeps its first time)."""
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            run = store.require_run(session, run_id)
            result = store.store_verdict(session, run)
            if run.finished_at is None:
                run.finished_at = self._clock()
                session.add(run)
            return result

    def reopen_run(self, run_id: int) -> None:
        """The undo of finish_run: the run is open again."""
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            run = store.require_run(session, run_id)
            run.finished_at = None
            session.add(run)

    def snapshot(self, show_id: int) -> PreflightSnapshot | None:
        """The show's pre-flight runs as plain values (None if none): kept by the undo of deleting the show."""
        from streamdesk.core import preflight_snapshot

        with self._sessions() as session:
            return preflight_snapshot.take(session, show_id)

    def restore_snapshot(self, show_id: int, snapshot: PreflightSnapshot) -> None:
        """Give a re-created show (the undo of a delete) its pre-flight history back."""
        from streamdesk.core import preflight_snapshot

        with self._sessions(write=True) as session, session.begin():
            preflight_snapshot.put_back(session, show_id, snapshot)

    def delete_run(self, run_id: int) -> None:
        from streamdesk.core import preflight_store as store

        with self._sessions(write=True) as session, session.begin():
            store.require_run(session, run_id)
            store.delete_run(session, run_id)

    # --- going live -------------------------------------------------------------------------------------------
    def go_check(self, show_id: int) -> GoCheck:
        """What the latest run (finished or not) says about going live now."""
        run = self.latest_run(show_id)
        if run is None:
            return GoCheck(show_id, None, None, (), (), already_overridden=False)
        return GoCheck(
            show_id=show_id,
            run_id=run.id,
            verdict=run.verdict,
            failed_critical=tuple(r.title for r in run.failed_critical),
            pending_critical=tuple(r.title for r in run.pending_critical),
            already_overridden=run.overridden_at is not None,
        )

    def override(self, run_id: int, reason: str) -> None:
        """Log why the show goes live despite the run's verdict; UserError("preflight.override_reason_missing")
        without a reason. A second override replaces the reason and its time."""
        from streamdesk.core import preflight_store as store
        from streamdesk.core.preflight_rules import MAX_REASON_LENGTH

        reason = reason.strip()
        if not reason:
            raise UserError("preflight.override_reason_missing")
        if len(reason) > MAX_REASON_LENGTH:
            raise UserError("preflight.override_reason_too_long", maximum=MAX_REASON_LENGTH)
        with self._sessions(write=True) as session, session.begin():
            run = store.require_run(session, run_id)
            run.override_reason, run.overridden_at = reason, self._clock()
            session.add(run)

    def due(self, due_minutes: int) -> tuple[PreflightDue, ...]:
        """Scheduled shows whose pre-flight is due now (planned start − due_minutes ≤ now < planned start) and that
        have no finished GO run, by planned start. ``overdue``: the due time has passed (not just come)."""
        from streamdesk.core import preflight_store as store

        now = self._clock()
        with self._sessions() as session:
            return store.due_shows(session, now, timedelta(minutes=due_minutes))
