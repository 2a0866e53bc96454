"""The warm-up service: a show's booking links per channel (with their tracking parameter and booking counts), its
warm-up tasks relative to the planned start, the default task template, due tasks for notifications, platform rule
warnings, and what the show's poster says.

One user action is one call and one transaction; only frozen DTOs from warmup_types leave this module. Every write
that can be undone returns what the undo needs. A show is "warmed up" the first time its plan is opened or written:
the default template (or the built-in defaults) is copied into it once.

Rule warnings carry the channel as the seller named it (``channel``, "" for none) and its kind (``channel_kind``):
say them with ``messages.describe_rule_warning``, which names an unnamed channel after its kind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_links import tag_url
from streamdesk.core.warmup_tasks import DUE_SOON
from streamdesk.core.warmup_types import (
    BookingCountsPlan,
    BookingLinkInput,
    DeletedLink,
    DueTask,
    PosterContent,
    WarmupPlan,
    WarmupTaskInput,
)
from streamdesk.models.base import WarmupTaskKind

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.warmup_snapshot import WarmupSnapshot
    from streamdesk.db import SessionFactory
    from streamdesk.models.warmup import WarmupTask

__all__ = ["DUE_SOON", "NOTIFY_AFTER_START", "PREPARE_AHEAD", "Warmup", "tag_url"]

NOTIFY_AFTER_START = timedelta(hours=1)  # tasks of a show that started longer ago than this are not notified
PREPARE_AHEAD = timedelta(days=7)  # scheduled shows this close get their default tasks without being opened first


class Warmup:
    DUE_SOON = DUE_SOON

    def __init__(
        self,
        sessions: SessionFactory,
        *,
        clock: Callable[[], datetime],
        catalogue_images: Callable[[str], Path] | None,
    ) -> None:
        """``catalogue_images`` turns a product picture's file name into its path (Catalogue.image_path); None
        leaves posters without pictures."""
        self._sessions = sessions
        self._clock = clock
        self._images = catalogue_images

    # --- the plan ---------------------------------------------------------------------------------------------
    def open_plan(self, show_id: int) -> WarmupPlan:
        """The show's links, tasks (by due time) and rule warnings; the first call copies the default tasks in."""
        from streamdesk.core import warmup_store as store
        from streamdesk.models.warmup import WarmupSettings

        with self._sessions() as session:
            store.require_show(session, show_id)
            settings = session.get(WarmupSettings, show_id)
            seeded = settings is not None and settings.tasks_seeded
        if not seeded:
            with self._sessions(write=True) as session, session.begin():
                store.require_show(session, show_id)
                store.warmup_settings(session, show_id, self._clock())
        with self._sessions() as session:
            return self._plan(session, show_id)

    def peek_plan(self, show_id: int) -> WarmupPlan:
        """The plan as it stands, without copying the default tasks in: for a glance from another page."""
        with self._sessions() as session:
            return self._plan(session, show_id)

    def _plan(self, session: Session, show_id: int) -> WarmupPlan:
        from streamdesk.core import warmup_rules
        from streamdesk.core import warmup_store as store
        from streamdesk.models.warmup import WarmupSettings

        show = store.require_show(session, show_id)
        settings = session.get(WarmupSettings, show_id)
        param = "" if settings is None else settings.tracking_param
        now = self._clock()
        links = store.links_of(session, show_id)
        link_rows = tuple(store.link_row(link, param) for link in links)
        by_id = {store.row_id(link): link for link in links}
        tasks = sorted(store.tasks_of(session, show_id), key=lambda t: (t.offset_minutes, t.position))
        counts = [link.bookings for link in links if link.bookings is not None]
        return WarmupPlan(
            show_id=show_id,
            show_title=show.title,
            planned_start=show.planned_start,
            tracking_param=param,
            links=link_rows,
            tasks=tuple(store.task_row(task, show.planned_start, now, by_id) for task in tasks),
            warnings=warmup_rules.check(show.planned_start, link_rows, now),
            total_bookings=sum(counts) if counts else None,
        )

    def set_tracking_param(self, show_id: int, name: str) -> str:
        """Set the query parameter carrying each link's tracking value ("" = off); returns the previous one."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.warmup_links import clean_tracking_param

        name = clean_tracking_param(name)
        with self._sessions(write=True) as session, session.begin():
            store.require_show(session, show_id)
            settings = store.warmup_settings(session, show_id, self._clock())
            previous = settings.tracking_param
            settings.tracking_param = name
            settings.updated_at = self._clock()
            session.add(settings)
            return previous

    # --- booking links ----------------------------------------------------------------------------------------
    def add_link(self, show_id: int, link: BookingLinkInput) -> int:
        """Add a link at the end, made now for the show's current planned start, with its publish task (at the
        template's PUBLISH_LINK offset); returns its id. UserError("warmup.url_invalid") for a non-http(s) URL."""
        from streamdesk.core import warmup_links

        link = warmup_links.clean_link(link)
        with self._sessions(write=True) as session, session.begin():
            return warmup_links.add_link(session, show_id, link, self._clock())

    def update_link(self, link_id: int, link: BookingLinkInput) -> BookingLinkInput:
        """Save an edit of the link (not when it was made); returns what it was."""
        from streamdesk.core import warmup_links
        from streamdesk.core import warmup_store as store

        link = warmup_links.clean_link(link)
        with self._sessions(write=True) as session, session.begin():
            row = store.require_link(session, link_id)
            previous = store.link_input(row)
            warmup_links.assign(row, link, self._clock())
            session.add(row)
            return previous

    def delete_link(self, link_id: int) -> DeletedLink:
        """Remove the link and its publish task; returns everything restore_link needs to put them back."""
        from streamdesk.core import warmup_links

        with self._sessions(write=True) as session, session.begin():
            return warmup_links.delete_link(session, link_id)

    def restore_link(self, deleted: DeletedLink) -> int:
        """Put a deleted link (and its publish task, done or not) back where it was; returns its new id."""
        from streamdesk.core import warmup_links

        with self._sessions(write=True) as session, session.begin():
            return warmup_links.restore_link(session, deleted, self._clock())

    def move_link(self, show_id: int, source: int, destination: int) -> None:
        """Move the link at index ``source`` so that it ends up at index ``destination``."""
        from streamdesk.core import warmup_links

        with self._sessions(write=True) as session, session.begin():
            warmup_links.move_link(session, show_id, source, destination)

    def remake_link(self, link_id: int, url: str | None = None) -> tuple[datetime, datetime | None]:
        """The seller re-created the booking for the show's current time (a Channels booking cannot be edited):
        made now, announcing the current planned start, with the new URL when given. Returns the previous
        (made_at, announced_start); set_made puts them back."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.warmup_links import clean_url

        new_url = None if url is None else clean_url(url)
        with self._sessions(write=True) as session, session.begin():
            row = store.require_link(session, link_id)
            show = store.require_show(session, row.show_id)
            previous = (row.made_at, row.announced_start)
            now = self._clock()
            row.made_at, row.announced_start, row.updated_at = now, show.planned_start, now
            if new_url is not None:
                row.url = new_url
            session.add(row)
            return previous

    def set_made(
        self, link_id: int, made_at: datetime, announced_start: datetime | None
    ) -> tuple[datetime, datetime | None]:
        """Set when the link was made and the start it announces (the undo of remake_link); returns the previous
        pair."""
        from streamdesk.core import warmup_store as store

        with self._sessions(write=True) as session, session.begin():
            row = store.require_link(session, link_id)
            previous = (row.made_at, row.announced_start)
            row.made_at, row.announced_start, row.updated_at = made_at, announced_start, self._clock()
            session.add(row)
            return previous

    def set_bookings(self, link_id: int, bookings: int | None) -> int | None:
        """Record how many people booked through the link (None = not known); returns the previous count."""
        return self.set_bookings_many([(link_id, bookings)])[0][1]

    def set_bookings_many(self, changes: Sequence[tuple[int, int | None]]) -> tuple[tuple[int, int | None], ...]:
        """(link id, count) pairs in one transaction; returns the previous (link id, count) pairs, for undo."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.warmup_links import check_bookings

        for _link_id, bookings in changes:
            check_bookings(bookings)
        with self._sessions(write=True) as session, session.begin():
            previous = []
            now = self._clock()
            for link_id, bookings in changes:
                row = store.require_link(session, link_id)
                previous.append((link_id, row.bookings))
                row.bookings, row.updated_at = bookings, now
                session.add(row)
            return tuple(previous)

    def plan_booking_counts(self, show_id: int, path: Path) -> BookingCountsPlan:
        """Read a CSV/XLSX of "channel, bookings" and match its rows to the show's links; writes nothing."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.products_io.reading import read_source
        from streamdesk.core.warmup_counts import plan_counts

        source = read_source(path)
        with self._sessions() as session:
            store.require_show(session, show_id)
            return plan_counts(show_id, source, [store.link_row(link, "") for link in store.links_of(session, show_id)])

    def apply_booking_counts(self, plan: BookingCountsPlan) -> int:
        """Write the planned counts in one transaction (rows with problems were left out of the plan); returns
        how many links changed. UserError("warmup.link_not_found") if a link was deleted since."""
        from streamdesk.core.warmup_counts import apply_counts

        with self._sessions(write=True) as session, session.begin():
            return apply_counts(session, plan, self._clock())

    # --- tasks ------------------------------------------------------------------------------------------------
    def add_task(self, show_id: int, task: WarmupTaskInput) -> int:
        """Add a task at the end; a "publish the link" task comes only with a link (add_link)."""
        from streamdesk.core import warmup_store as store

        _refuse_publish(task)
        with self._sessions(write=True) as session, session.begin():
            store.require_show(session, show_id)
            store.warmup_settings(session, show_id, self._clock())
            row = store.new_task(show_id, store.next_task_position(session, show_id), task)
            session.add(row)
            session.flush()
            return store.row_id(row)

    def update_task(self, task_id: int, task: WarmupTaskInput) -> WarmupTaskInput:
        """Save an edit of the task; a new due time makes it notify again. Returns what it was."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.warmup_tasks import clean_task

        cleaned = clean_task(task)
        with self._sessions(write=True) as session, session.begin():
            row = store.require_task(session, task_id)
            if row.booking_link_id is not None and cleaned.kind is not WarmupTaskKind.PUBLISH_LINK:
                raise UserError("warmup.publish_task_kind")
            if row.booking_link_id is None:
                _refuse_publish(cleaned)
            previous = store.task_input(row)
            if row.offset_minutes != cleaned.offset_minutes:
                row.notified_at = None
            row.kind, row.title, row.offset_minutes, row.notes = (
                cleaned.kind,
                cleaned.title,
                cleaned.offset_minutes,
                cleaned.notes,
            )
            session.add(row)
            return previous

    def delete_task(self, task_id: int) -> tuple[int, int, WarmupTaskInput, datetime | None]:
        """Remove a task; returns (show id, position, task, done_at) for restore_task. A link's publish task goes
        with its link: UserError("warmup.publish_task_of_link")."""
        from streamdesk.core import warmup_store as store

        with self._sessions(write=True) as session, session.begin():
            row = store.require_task(session, task_id)
            if row.booking_link_id is not None:
                raise UserError("warmup.publish_task_of_link")
            removed = (row.show_id, row.position, store.task_input(row), row.done_at)
            session.delete(row)
            session.flush()
            store.renumber(store.tasks_of(session, row.show_id))
            return removed

    def restore_task(self, show_id: int, position: int, task: WarmupTaskInput, done_at: datetime | None) -> int:
        """Put a deleted task back at its position, done or not; returns its new id."""
        from streamdesk.core import warmup_store as store

        _refuse_publish(task)
        with self._sessions(write=True) as session, session.begin():
            store.require_show(session, show_id)
            return store.insert_task(session, show_id, position, task, done_at)

    def set_done(self, task_id: int, done: bool) -> datetime | None:
        """Tick or untick a task (ticking a done task keeps its time); returns the previous done_at."""
        return self._write_done(task_id, lambda previous: (previous or self._clock()) if done else None)

    def set_done_at(self, task_id: int, done_at: datetime | None) -> datetime | None:
        """Set the task's done time as it was (the undo of set_done); returns the previous one."""
        return self._write_done(task_id, lambda _previous: done_at)

    def _write_done(self, task_id: int, value: Callable[[datetime | None], datetime | None]) -> datetime | None:
        from streamdesk.core import warmup_store as store

        with self._sessions(write=True) as session, session.begin():
            row = store.require_task(session, task_id)
            previous = row.done_at
            row.done_at = value(previous)
            session.add(row)
            return previous

    # --- the default template ---------------------------------------------------------------------------------
    def default_template(self) -> tuple[WarmupTaskInput, ...]:
        """The seller's saved template, else the built-in defaults."""
        from streamdesk.core import warmup_store as store

        with self._sessions() as session:
            return store.template(session)

    def save_default_template(self, tasks: Sequence[WarmupTaskInput]) -> tuple[WarmupTaskInput, ...]:
        """Save the tasks new shows get (already warmed-up shows keep theirs); returns the previous template.
        An empty template means the built-in defaults again."""
        from streamdesk.core import warmup_store as store
        from streamdesk.core.warmup_tasks import clean_template

        cleaned = clean_template(tasks)
        with self._sessions(write=True) as session, session.begin():
            previous = store.template(session)
            store.replace_template(session, cleaned)
            return previous

    # --- notifications ----------------------------------------------------------------------------------------
    def prepare_upcoming(self, ahead: timedelta = PREPARE_AHEAD) -> int:
        """Copy the default tasks into scheduled shows starting within ``ahead`` that were never warmed up, so their
        tasks are notified even if the seller never opened their warm-up. Returns how many shows were prepared."""
        from streamdesk.core import warmup_store as store
        from streamdesk.models.warmup import WarmupSettings

        now = self._clock()
        with self._sessions() as session:
            show_ids = store.unprepared_shows(session, now, now + ahead)
        if not show_ids:
            return 0
        with self._sessions(write=True) as session, session.begin():
            for show_id in show_ids:
                if session.get(WarmupSettings, show_id) is None:  # another window may have just done it
                    store.warmup_settings(session, show_id, now)
        return len(show_ids)

    def snapshot(self, show_id: int) -> WarmupSnapshot | None:
        """The show's whole warm-up as plain values (None if it has none): kept by the undo of deleting the show."""
        from streamdesk.core import warmup_snapshot

        with self._sessions() as session:
            return warmup_snapshot.take(session, show_id)

    def restore_snapshot(self, show_id: int, snapshot: WarmupSnapshot) -> None:
        """Give a re-created show (the undo of a delete) the warm-up it had: links, counts, tasks ticked or not."""
        from streamdesk.core import warmup_snapshot

        with self._sessions(write=True) as session, session.begin():
            warmup_snapshot.put_back(session, show_id, snapshot)

    def due_tasks(self) -> tuple[DueTask, ...]:
        """Tasks to notify about now: not done, not notified yet, due within DUE_SOON or overdue, of shows that are
        neither done nor cancelled and start in the future or started less than an hour ago. By due time."""
        from streamdesk.core.warmup_store import due_tasks

        with self._sessions() as session:
            return due_tasks(session, self._clock(), NOTIFY_AFTER_START)

    def mark_notified(self, task_ids: Sequence[int]) -> None:
        """Remember that these tasks were notified, so they are not notified again (ids that are gone are skipped)."""
        from streamdesk.core import warmup_store as store

        if task_ids:
            with self._sessions(write=True) as session, session.begin():
                store.mark_notified(session, task_ids, self._clock())

    # --- posters and the review -------------------------------------------------------------------------------
    def poster_content(
        self, show_id: int, link_id: int | None = None, variant_ids: Sequence[int] | None = None
    ) -> PosterContent:
        """The poster's content: the chosen variants (at most six), else the rundown's first six distinct products;
        the chosen link, else the show's poster link, else its first link; "" as URL when the show has none."""
        from streamdesk.core.warmup_content import poster_content

        with self._sessions() as session:
            return poster_content(session, show_id, link_id, variant_ids, self._images)

    def poster_settings(self, show_id: int) -> str:
        """The poster designer's saved choices for the show, as JSON ("{}" when none)."""
        from streamdesk.core import warmup_store as store
        from streamdesk.models.warmup import WarmupSettings

        with self._sessions() as session:
            store.require_show(session, show_id)
            settings = session.get(WarmupSettings, show_id)
            return "{}" if settings is None else settings.poster_json

    def save_poster_settings(self, show_id: int, json_text: str) -> None:
        """Keep the designer's choices (a JSON object) for the show."""
        from streamdesk.core import warmup_store as store

        try:
            value = json.loads(json_text)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise UserError("warmup.poster_settings_invalid")
        with self._sessions(write=True) as session, session.begin():
            store.require_show(session, show_id)
            settings = store.warmup_settings(session, show_id, self._clock())
            settings.poster_json = json_text
            settings.updated_at = self._clock()
            session.add(settings)

    def total_bookings(self, show_id: int) -> int | None:
        """Bookings over all the show's links; None while no link has a count."""
        from streamdesk.core import warmup_store as store

        with self._sessions() as session:
            store.require_show(session, show_id)
            counts = [link.bookings for link in store.links_of(session, show_id) if link.bookings is not None]
            return sum(counts) if counts else None


def _refuse_publish(task: WarmupTaskInput | WarmupTask) -> None:
    if WarmupTaskKind(task.kind) is WarmupTaskKind.PUBLISH_LINK:
        raise UserError("warmup.publish_task_needs_link")
