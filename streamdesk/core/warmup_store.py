"""Reading and writing one show's warm-up rows inside a caller's transaction (core.warmup owns the transactions).

Positions of links and tasks are kept contiguous (0..n-1) after every insert, move or delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col, func, select

from streamdesk.core.errors import UserError
from streamdesk.core.shows_store import require_show as require_show  # the warm-up's callers look it up here
from streamdesk.core.warmup_links import tag_url
from streamdesk.core.warmup_tasks import BUILT_IN_DEFAULTS, DUE_SOON, clean_task, due_at, seeded_tasks, task_state
from streamdesk.core.warmup_types import BookingLinkInput, BookingLinkRow, DueTask, WarmupTaskInput, WarmupTaskRow
from streamdesk.models.base import ChannelKind, Platform, ShowStatus, WarmupTaskKind
from streamdesk.models.shows import Show
from streamdesk.models.warmup import BookingLink, WarmupSettings, WarmupTask, WarmupTemplateTask


# --- rows -------------------------------------------------------------------------------------------------------
def require_link(session: Session, link_id: int) -> BookingLink:
    link = session.get(BookingLink, link_id)
    if link is None:
        raise UserError("warmup.link_not_found", link_id=link_id)
    return link


def require_task(session: Session, task_id: int) -> WarmupTask:
    task = session.get(WarmupTask, task_id)
    if task is None:
        raise UserError("warmup.task_not_found", task_id=task_id)
    return task


def row_id(row: BookingLink | WarmupTask | Show) -> int:
    assert row.id is not None, "flushed rows have an id"
    return row.id


def links_of(session: Session, show_id: int) -> list[BookingLink]:
    query = select(BookingLink).where(BookingLink.show_id == show_id)
    return list(session.exec(query.order_by(col(BookingLink.position), col(BookingLink.id))).all())


def tasks_of(session: Session, show_id: int) -> list[WarmupTask]:
    query = select(WarmupTask).where(WarmupTask.show_id == show_id)
    return list(session.exec(query.order_by(col(WarmupTask.position), col(WarmupTask.id))).all())


def publish_task_of(session: Session, link_id: int) -> WarmupTask | None:
    return session.exec(select(WarmupTask).where(WarmupTask.booking_link_id == link_id)).first()


def renumber(rows: Sequence[BookingLink | WarmupTask | None]) -> None:
    """Give the rows positions 0..n-1 in this order; None keeps a position free (for an insert)."""
    for position, row in enumerate(rows):
        if row is not None and row.position != position:
            row.position = position


def next_task_position(session: Session, show_id: int) -> int:
    query = select(func.max(col(WarmupTask.position))).where(WarmupTask.show_id == show_id)
    highest = session.exec(query).one()
    return 0 if highest is None else int(highest) + 1


def template(session: Session) -> tuple[WarmupTaskInput, ...]:
    """The saved default template, else the built-in defaults."""
    rows = session.exec(select(WarmupTemplateTask).order_by(col(WarmupTemplateTask.position))).all()
    if not rows:
        return BUILT_IN_DEFAULTS
    return tuple(WarmupTaskInput(WarmupTaskKind(r.kind), r.offset_minutes, r.title) for r in rows)


def replace_template(session: Session, tasks: Sequence[WarmupTaskInput]) -> None:
    session.execute(delete(WarmupTemplateTask))
    for position, task in enumerate(tasks):
        session.add(
            WarmupTemplateTask(position=position, kind=task.kind, title=task.title, offset_minutes=task.offset_minutes)
        )


def warmup_settings(session: Session, show_id: int, now: datetime) -> WarmupSettings:
    """The show's warm-up settings; the first time, the row is made and the default tasks copied in (once: a show
    whose tasks were all deleted stays empty)."""
    settings = session.get(WarmupSettings, show_id)
    if settings is None:
        settings = WarmupSettings(show_id=show_id, updated_at=now)
    if not settings.tasks_seeded:
        position = next_task_position(session, show_id)
        for task in seeded_tasks(template(session)):
            session.add(new_task(show_id, position, task))
            position += 1
        settings.tasks_seeded = True
        settings.updated_at = now
    session.add(settings)
    session.flush()
    return settings


def new_task(show_id: int, position: int, task: WarmupTaskInput, link_id: int | None = None) -> WarmupTask:
    task = clean_task(task)
    return WarmupTask(
        show_id=show_id,
        position=position,
        kind=task.kind,
        title=task.title,
        offset_minutes=task.offset_minutes,
        booking_link_id=link_id,
        notes=task.notes,
    )


def insert_task(session: Session, show_id: int, position: int, task: WarmupTaskInput, done_at: datetime | None) -> int:
    """A task at ``position`` (clamped to the list), the tasks after it moved down one; returns its id."""
    tasks = tasks_of(session, show_id)
    position = min(max(position, 0), len(tasks))
    renumber([*tasks[:position], None, *tasks[position:]])
    session.flush()
    row = new_task(show_id, position, task)
    row.done_at = done_at
    session.add(row)
    session.flush()
    return row_id(row)


def link_row(link: BookingLink, tracking_param: str) -> BookingLinkRow:
    return BookingLinkRow(
        id=row_id(link),
        show_id=link.show_id,
        position=link.position,
        kind=ChannelKind(link.kind),
        label=link.label,
        platform=Platform(link.platform),
        url=link.url,
        tracking_value=link.tracking_value,
        tagged_url=tag_url(link.url, tracking_param, link.tracking_value),
        bookings=link.bookings,
        made_at=link.made_at,
        announced_start=link.announced_start,
        valid_until=link.valid_until,
    )


def link_input(link: BookingLink) -> BookingLinkInput:
    return BookingLinkInput(
        kind=ChannelKind(link.kind),
        platform=Platform(link.platform),
        url=link.url,
        label=link.label,
        tracking_value=link.tracking_value,
        bookings=link.bookings,
        valid_until=link.valid_until,
    )


def task_input(task: WarmupTask) -> WarmupTaskInput:
    return WarmupTaskInput(WarmupTaskKind(task.kind), task.offset_minutes, task.title, task.notes)


def task_row(
    task: WarmupTask, planned_start: datetime | None, now: datetime, links: dict[int, BookingLink]
) -> WarmupTaskRow:
    due = due_at(planned_start, task.offset_minutes)
    link = links.get(task.booking_link_id) if task.booking_link_id is not None else None
    return WarmupTaskRow(
        id=row_id(task),
        show_id=task.show_id,
        position=task.position,
        kind=WarmupTaskKind(task.kind),
        title=task.title,
        offset_minutes=task.offset_minutes,
        due_at=due,
        done_at=task.done_at,
        state=task_state(due, task.done_at, now),
        booking_link_id=task.booking_link_id,
        channel_label="" if link is None else link.label,
        channel_kind=None if link is None else ChannelKind(link.kind),
        notes=task.notes,
    )


def delete_show_warmup(session: Session, show_id: int) -> None:
    """Remove everything warm-up of a show (its tasks, links and settings): for deleting the show itself."""
    session.execute(delete(WarmupTask).where(col(WarmupTask.show_id) == show_id))
    session.execute(delete(BookingLink).where(col(BookingLink.show_id) == show_id))
    session.execute(delete(WarmupSettings).where(col(WarmupSettings.show_id) == show_id))
    session.flush()


def unprepared_shows(session: Session, after: datetime, until: datetime) -> list[int]:
    """Scheduled shows starting in (after, until] whose warm-up was never opened (see Warmup.prepare_upcoming)."""
    query = (
        select(Show.id)
        .outerjoin(WarmupSettings, col(WarmupSettings.show_id) == col(Show.id))
        .where(
            col(WarmupSettings.show_id).is_(None),
            col(Show.is_template).is_(False),
            col(Show.status) == ShowStatus.SCHEDULED,
            col(Show.planned_start) > after,
            col(Show.planned_start) <= until,
        )
    )
    return [show_id for show_id in session.exec(query) if show_id is not None]


def mark_notified(session: Session, task_ids: Sequence[int], now: datetime) -> None:
    """Tasks already notified keep their first time; ids that are gone are skipped."""
    session.execute(
        update(WarmupTask)
        .where(col(WarmupTask.id).in_(list(task_ids)), col(WarmupTask.notified_at).is_(None))
        .values(notified_at=now)
    )


def due_tasks(session: Session, now: datetime, after_start: timedelta) -> tuple[DueTask, ...]:
    """Tasks to notify about at ``now``, by due time (see Warmup.due_tasks)."""
    query = (
        select(WarmupTask, Show, BookingLink)
        .join(Show, col(Show.id) == col(WarmupTask.show_id))
        .outerjoin(BookingLink, col(BookingLink.id) == col(WarmupTask.booking_link_id))
        .where(
            col(WarmupTask.done_at).is_(None),
            col(WarmupTask.notified_at).is_(None),
            col(Show.is_template).is_(False),
            col(Show.planned_start).is_not(None),
            col(Show.planned_start) > now - after_start,
            col(Show.status).not_in([ShowStatus.DONE, ShowStatus.CANCELLED]),
        )
    )
    due: list[DueTask] = []
    for task, show, link in session.exec(query).all():
        at = due_at(show.planned_start, task.offset_minutes)
        if at is None or at - now > DUE_SOON:
            continue
        due.append(
            DueTask(
                task_id=row_id(task),
                show_id=row_id(show),
                show_title=show.title,
                kind=WarmupTaskKind(task.kind),
                title=task.title,
                channel_label="" if link is None else link.label,
                channel_kind=None if link is None else ChannelKind(link.kind),
                due_at=at,
                overdue=now > at,
            )
        )
    return tuple(sorted(due, key=lambda d: (d.due_at, d.task_id)))
