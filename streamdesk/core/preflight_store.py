"""Reading and writing pre-flight rows inside a caller's transaction (core.preflight owns the transactions)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from streamdesk.core.errors import UserError
from streamdesk.core.preflight_defaults import default_template, script_item
from streamdesk.core.preflight_rules import measured_of, verdict
from streamdesk.core.preflight_types import (
    ChecklistItemInput,
    ChecklistTemplateRow,
    CheckResultRow,
    PreflightDue,
    PreflightRunRow,
    ResultInput,
    RunSummary,
)
from streamdesk.core.shows_store import require_show as require_show  # shows_store owns it; core.preflight uses it
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind, ShowStatus
from streamdesk.models.preflight import ChecklistItem, ChecklistTemplate, CheckResult, PreflightRun
from streamdesk.models.shows import Show


def row_id(row: ChecklistTemplate | ChecklistItem | PreflightRun | CheckResult | Show) -> int:
    assert row.id is not None, "flushed rows have an id"
    return row.id


# --- templates --------------------------------------------------------------------------------------------------
def require_template(session: Session, template_id: int) -> ChecklistTemplate:
    template = session.get(ChecklistTemplate, template_id)
    if template is None:
        raise UserError("preflight.template_not_found", template_id=template_id)
    return template


def all_templates(session: Session) -> list[ChecklistTemplate]:
    return list(session.exec(select(ChecklistTemplate).order_by(col(ChecklistTemplate.id))).all())


def items_of(session: Session, template_id: int) -> list[ChecklistItem]:
    query = select(ChecklistItem).where(ChecklistItem.template_id == template_id)
    return list(session.exec(query.order_by(col(ChecklistItem.position), col(ChecklistItem.id))).all())


def item_input(item: ChecklistItem | CheckResult) -> ChecklistItemInput:
    return ChecklistItemInput(
        title=item.title,
        kind=CheckKind(item.kind),
        probe=None if item.probe is None else ProbeKind(item.probe),
        critical=item.critical,
        hint=item.hint,
        unit=item.unit,
        min_value=item.min_value,
        max_value=item.max_value,
    )


def template_row(session: Session, template: ChecklistTemplate) -> ChecklistTemplateRow:
    items = tuple(item_input(item) for item in items_of(session, row_id(template)))
    return ChecklistTemplateRow(id=row_id(template), name=template.name, is_default=template.is_default, items=items)


def refuse_taken_name(session: Session, name: str, template_id: int | None = None) -> None:
    for other in all_templates(session):
        if other.id != template_id and other.name.casefold() == name.casefold():
            raise UserError("preflight.template_name_taken", name=name)


def item_columns(item: ChecklistItemInput | ChecklistItem) -> dict[str, Any]:
    """What a checklist item says about its check; a run's results copy the same columns from the template."""
    return {
        "title": item.title,
        "hint": item.hint,
        "kind": item.kind,
        "probe": item.probe,
        "critical": item.critical,
        "unit": item.unit,
        "min_value": item.min_value,
        "max_value": item.max_value,
    }


def write_items(session: Session, template_id: int, items: Sequence[ChecklistItemInput]) -> None:
    """Replace the template's items with ``items`` (already cleaned), in their order."""
    session.execute(delete(ChecklistItem).where(col(ChecklistItem.template_id) == template_id))
    for position, item in enumerate(items):
        session.add(
            ChecklistItem(
                template_id=template_id,
                position=position,
                **item_columns(item),
            )
        )
    session.flush()


def insert_template(
    session: Session, name: str, items: Sequence[ChecklistItemInput], now: datetime, *, is_default: bool = False
) -> ChecklistTemplate:
    template = ChecklistTemplate(name=name, is_default=is_default, created_at=now, updated_at=now)
    session.add(template)
    session.flush()
    write_items(session, row_id(template), items)
    return template


def default_of(session: Session) -> ChecklistTemplate | None:
    query = select(ChecklistTemplate).where(col(ChecklistTemplate.is_default).is_(True))
    return session.exec(query.order_by(col(ChecklistTemplate.id))).first()


def make_default(session: Session, template: ChecklistTemplate, now: datetime) -> None:
    session.execute(
        update(ChecklistTemplate)
        .where(col(ChecklistTemplate.is_default).is_(True), col(ChecklistTemplate.id) != row_id(template))
        .values(is_default=False)
    )
    if not template.is_default:
        template.is_default = True
        template.updated_at = now
        session.add(template)
    session.flush()


def seed_default(session: Session, language: str, now: datetime) -> bool:
    """Save the built-in template as the default when there is no template at all; True when it did. A seller
    cannot delete the last template, so this happens once per database."""
    if session.exec(select(ChecklistTemplate.id).limit(1)).first() is not None:
        return False
    name, items = default_template(language)
    insert_template(session, name, items, now, is_default=True)
    return True


# --- runs -------------------------------------------------------------------------------------------------------
def with_script_item(
    items: Sequence[ChecklistItemInput | ChecklistItem], language: str
) -> list[ChecklistItemInput | ChecklistItem]:
    """The items, plus the built-in "Script checked" item at the end when none of them is a script check.

    Applied to runs of the default template: every seller's default was saved from the built-in list before the
    item existed, so it lacks it. Adding it to each run rather than writing it into the saved template leaves the
    template as the seller edited it and needs no one-time migration (which a restored backup, or a team member
    on an older copy, would quietly undo). It is never critical, so it can never stop a show; a seller who does
    not want it skips it with one key (S). Templates the seller built apart from the default are theirs: their
    runs get exactly their items.
    """
    kept: list[ChecklistItemInput | ChecklistItem] = list(items)
    if not any(item.probe == ProbeKind.SCRIPT for item in items):
        kept.append(script_item(language))
    return kept


def require_run(session: Session, run_id: int) -> PreflightRun:
    run = session.get(PreflightRun, run_id)
    if run is None:
        raise UserError("preflight.run_not_found", run_id=run_id)
    return run


def require_result(session: Session, result_id: int) -> CheckResult:
    result = session.get(CheckResult, result_id)
    if result is None:
        raise UserError("preflight.result_not_found", result_id=result_id)
    return result


def results_of(session: Session, run_id: int) -> list[CheckResult]:
    query = select(CheckResult).where(CheckResult.run_id == run_id)
    return list(session.exec(query.order_by(col(CheckResult.position), col(CheckResult.id))).all())


def result_row(result: CheckResult) -> CheckResultRow:
    return CheckResultRow(
        id=row_id(result),
        run_id=result.run_id,
        position=result.position,
        title=result.title,
        hint=result.hint,
        kind=CheckKind(result.kind),
        probe=None if result.probe is None else ProbeKind(result.probe),
        critical=result.critical,
        unit=result.unit,
        min_value=result.min_value,
        max_value=result.max_value,
        status=CheckStatus(result.status),
        value=result.value,
        measured=measured_of(result.measured_json),
        note=result.note,
        checked_at=result.checked_at,
    )


def result_input(result: CheckResult) -> ResultInput:
    return ResultInput(
        status=CheckStatus(result.status),
        value=result.value,
        measured=measured_of(result.measured_json),
        note=result.note,
    )


def run_row(session: Session, run: PreflightRun) -> PreflightRunRow:
    show = require_show(session, run.show_id)
    results = tuple(result_row(result) for result in results_of(session, row_id(run)))
    return PreflightRunRow(
        id=row_id(run),
        show_id=run.show_id,
        show_title=show.title,
        template_name=run.template_name,
        started_at=run.started_at,
        finished_at=run.finished_at,
        verdict=verdict(results),
        override_reason=run.override_reason,
        overridden_at=run.overridden_at,
        results=results,
    )


def start_run(
    session: Session, show_id: int, template: ChecklistTemplate, now: datetime, *, language: str = "zh_CN"
) -> PreflightRun:
    """A new run of the show with the template's items copied in, every one pending; the default template gets
    the "Script checked" item at the end of the run when it lacks one, in ``language`` (see ``with_script_item``)."""
    items: list[ChecklistItemInput | ChecklistItem] = list(items_of(session, row_id(template)))
    if template.is_default:
        items = with_script_item(items, language)
    run = PreflightRun(
        show_id=show_id,
        template_name=template.name,
        started_at=now,
        verdict=PreflightVerdict.INCOMPLETE,
    )
    session.add(run)
    session.flush()
    for position, item in enumerate(items):
        session.add(
            CheckResult(
                run_id=row_id(run),
                position=position,
                **item_columns(item),
                status=CheckStatus.PENDING,
            )
        )
    session.flush()
    store_verdict(session, run)
    return run


def store_verdict(session: Session, run: PreflightRun) -> PreflightVerdict:
    """Keep the run's stored verdict that of its results (history and due() read it from the table)."""
    current = verdict([result_row(result) for result in results_of(session, row_id(run))])
    if run.verdict != current:
        run.verdict = current
        session.add(run)
        session.flush()
    return current


def runs_of(session: Session, show_id: int) -> list[PreflightRun]:
    """The show's runs, newest first."""
    query = select(PreflightRun).where(PreflightRun.show_id == show_id)
    return list(session.exec(query.order_by(col(PreflightRun.started_at).desc(), col(PreflightRun.id).desc())).all())


def summary(session: Session, run: PreflightRun) -> RunSummary:
    statuses = [CheckStatus(result.status) for result in results_of(session, row_id(run))]
    return RunSummary(
        id=row_id(run),
        started_at=run.started_at,
        finished_at=run.finished_at,
        verdict=PreflightVerdict(run.verdict),
        passed=statuses.count(CheckStatus.PASSED),
        warnings=statuses.count(CheckStatus.WARNING),
        failed=statuses.count(CheckStatus.FAILED),
        pending=statuses.count(CheckStatus.PENDING),
        override_reason=run.override_reason,
    )


def delete_run(session: Session, run_id: int) -> None:
    session.execute(delete(CheckResult).where(col(CheckResult.run_id) == run_id))
    session.execute(delete(PreflightRun).where(col(PreflightRun.id) == run_id))
    session.flush()


def delete_show_preflight(session: Session, show_id: int) -> None:
    """Remove every pre-flight run of a show with its results: for deleting the show itself."""
    run_ids = select(PreflightRun.id).where(PreflightRun.show_id == show_id)
    session.execute(delete(CheckResult).where(col(CheckResult.run_id).in_(run_ids)))
    session.execute(delete(PreflightRun).where(col(PreflightRun.show_id) == show_id))
    session.flush()


# --- due --------------------------------------------------------------------------------------------------------
def due_shows(session: Session, now: datetime, lead: timedelta) -> tuple[PreflightDue, ...]:
    """Scheduled shows starting in (now, now + lead] without a finished GO run (see Preflight.due)."""
    passed = (
        select(PreflightRun.id)
        .where(
            col(PreflightRun.show_id) == col(Show.id),
            col(PreflightRun.finished_at).is_not(None),
            col(PreflightRun.verdict) == PreflightVerdict.GO,
        )
        .exists()
    )
    query = (
        select(Show)
        .where(
            col(Show.is_template).is_(False),
            col(Show.status) == ShowStatus.SCHEDULED,
            col(Show.planned_start).is_not(None),
            col(Show.planned_start) > now,
            col(Show.planned_start) <= now + lead,
            ~passed,
        )
        .order_by(col(Show.planned_start), col(Show.id))
    )
    due: list[PreflightDue] = []
    for show in session.exec(query).all():
        assert show.planned_start is not None, "the query asks for a planned start"
        runs = runs_of(session, row_id(show))
        at = show.planned_start - lead
        due.append(
            PreflightDue(
                show_id=row_id(show),
                show_title=show.title,
                planned_start=show.planned_start,
                due_at=at,
                overdue=now > at,
                run_id=row_id(runs[0]) if runs else None,
            )
        )
    return tuple(due)
