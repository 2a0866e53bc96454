"""The shows service: shows with their goals, people, promotions, budget and SKU targets, templates, the stock
check, and each show's rundown (run-of-show) of segments.

One user action is one call and one transaction; only frozen DTOs from show_types leave this module. Writes
validate first and raise ``UserError("shows.invalid", problems=..., count=...)`` (a show) or
``UserError("shows.segment_invalid", problems=..., count=...)`` (segments) before writing anything. Back-timing
and conflicts are computed by core.rundown; the rows are read and written by shows_store and shows_rundown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from streamdesk.core.catalogue_types import FieldProblem
from streamdesk.core.errors import UserError
from streamdesk.core.show_types import (
    Rundown,
    SegmentInput,
    ShowDetail,
    ShowInput,
    ShowStatus,
    ShowSummary,
    SkuTargetRow,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.db import SessionFactory
    from streamdesk.models.shows import Segment, Show

# Templates have no date, so the fixed starts of their segments are kept as times after this instant: creating a
# show from the template puts them at the same distance from the new show's planned start.
TEMPLATE_ANCHOR = datetime(2000, 1, 1, tzinfo=UTC)


class Shows:
    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- shows: queries ---------------------------------------------------------------------------------------
    def list_shows(
        self,
        *,
        templates: bool = False,
        start: datetime | None = None,
        end: datetime | None = None,
        status: ShowStatus | None = None,
    ) -> tuple[ShowSummary, ...]:
        """Shows (or, with ``templates``, only templates) by planned start, undated last; ``start <= planned
        start < end`` when given (undated shows are then left out)."""
        from streamdesk.core import shows_store

        with self._sessions() as session:
            return shows_store.summaries(session, templates=templates, start=start, end=end, status=status)

    def get_show(self, show_id: int) -> ShowDetail:
        """The show with its people, promotions, budget and SKU targets (stock read now)."""
        from streamdesk.core import shows_store

        with self._sessions() as session:
            return shows_store.load_detail(session, shows_store.require_show(session, show_id))

    def validate_show(self, show: ShowInput) -> tuple[FieldProblem, ...]:
        """Problems with ``show``; writes nothing."""
        from streamdesk.core.shows_validation import validate_show

        with self._sessions() as session:
            return validate_show(session, show)

    def stock_check(self, show_id: int) -> tuple[SkuTargetRow, ...]:
        """The show's SKU targets whose available stock (bundles: what the components allow) is below the target."""
        from streamdesk.core import shows_store

        with self._sessions() as session:
            shows_store.require_show(session, show_id)
            return tuple(row for row in shows_store.target_rows(session, show_id) if row.short_by > 0)

    # --- shows: writes ----------------------------------------------------------------------------------------
    def create_show(self, show: ShowInput) -> int:
        """Add a show (not a template) with its people, promotions, budget and SKU targets; returns its id."""
        from streamdesk.core import shows_store
        from streamdesk.models.shows import Show

        with self._sessions(write=True) as session, session.begin():
            self._check_show(session, show)
            now = self._clock()
            row = Show(**shows_store.show_values(show), is_template=False, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            shows_store.write_details(session, shows_store.id_of(row), show)
            return shows_store.id_of(row)

    def update_show(
        self,
        show_id: int,
        show: ShowInput,
        *,
        expected_version: int | None = None,
        expected_input: ShowInput | None = None,
    ) -> ShowDetail:
        """Save an edit of the show's fields and details (the rundown is edited segment by segment). When a dated
        show moves to another start, its segments' fixed starts move with it, as they do for a copy: a flash sale
        at 21:00 stays one hour after a 20:00 start (undo moves them back). Returns the show as this save left it.
        Team mode (core.conflicts), UserError("db.conflict") when someone else changed the show since:
        ``expected_version`` is the version the dialog opened; ``expected_input`` (undo, redo) is what the previous
        step left (``to_input()`` of the detail it returned), which rundown edits do not change."""
        from streamdesk.core import shows_rundown, shows_store
        from streamdesk.core.conflicts import check_version

        with self._sessions(write=True) as session, session.begin():
            row = shows_store.require_show(session, show_id)
            what = show.title.strip() or row.title
            check_version(row.version, expected_version, what)
            if expected_input is not None and shows_store.load_detail(session, row).to_input() != expected_input:
                raise UserError("db.conflict", what=what)
            self._check_show(session, show)
            old_start, new_start = row.planned_start, show.planned_start
            if old_start is not None and new_start is not None and new_start != old_start:
                for segment in shows_rundown.segments_of(session, show_id):
                    if segment.fixed_start is not None:
                        segment.fixed_start = _moved(segment.fixed_start, old_start, new_start)
                        session.add(segment)
            for name, value in shows_store.show_values(show).items():
                setattr(row, name, value)
            shows_store.touch(row, self._clock())
            session.add(row)
            shows_store.write_details(session, show_id, show)
            return shows_store.load_detail(session, row)

    def set_status(self, show_id: int, status: ShowStatus) -> ShowStatus:
        """Set the show's status; returns the status it had (for undo)."""
        from streamdesk.core import shows_store

        with self._sessions(write=True) as session, session.begin():
            row = shows_store.require_show(session, show_id)
            previous = ShowStatus(row.status)
            if previous != status:
                row.status = ShowStatus(status)
                shows_store.touch(row, self._clock())
                session.add(row)
            return previous

    def delete_show(self, show_id: int) -> None:
        """Delete the show with its details, rundown, warm-up, pre-flight runs and rehearsal runs;
        UserError("shows.has_runs") once a live run of it exists (its log is the show's history)."""
        from streamdesk.core import preflight_store, shows_rundown, shows_store, warmup_store

        with self._sessions(write=True) as session, session.begin():
            row = shows_store.require_show(session, show_id)
            shows_store.delete_runs(session, show_id)
            warmup_store.delete_show_warmup(session, show_id)
            preflight_store.delete_show_preflight(session, show_id)
            shows_rundown.delete_rundown(session, show_id)
            shows_store.delete_details(session, show_id)
            session.delete(row)

    def duplicate_show(self, show_id: int, *, planned_start: datetime | None = None, title: str | None = None) -> int:
        """Copy a show with its details, SKU targets and rundown as a new draft (a template's copy is a template).
        ``planned_start`` None keeps the original's; fixed starts move with the show. ``title`` None keeps the
        original title (the UI passes a translated "… (copy)")."""
        with self._sessions(write=True) as session, session.begin():
            source = self._require(session, show_id)
            start = source.planned_start if planned_start is None else planned_start
            return self._copy(
                session,
                source,
                title=title,
                planned_start=None if source.is_template else start,
                is_template=source.is_template,
            )

    def save_as_template(self, show_id: int, title: str) -> int:
        """A template (undated draft) made from the show: details, targets and rundown copied."""
        with self._sessions(write=True) as session, session.begin():
            source = self._require(session, show_id)
            return self._copy(session, source, title=title, planned_start=None, is_template=True)

    def create_from_template(self, template_id: int, *, title: str, planned_start: datetime | None) -> int:
        """A new draft show from a template; its segments' fixed starts land at the same distance from
        ``planned_start`` (dropped when the show gets no start)."""
        with self._sessions(write=True) as session, session.begin():
            source = self._require(session, template_id)
            if not source.is_template:
                raise UserError("shows.not_a_template", show_id=template_id)
            return self._copy(session, source, title=title, planned_start=planned_start, is_template=False)

    # --- rundown ----------------------------------------------------------------------------------------------
    def rundown(self, show_id: int) -> Rundown:
        """The show's segments with live product figures, back-timed from the planned start, and its conflicts."""
        from streamdesk.core import shows_rundown

        with self._sessions() as session:
            return shows_rundown.read_rundown(session, self._require(session, show_id))

    def validate_segment(self, segment: SegmentInput) -> tuple[FieldProblem, ...]:
        from streamdesk.core.shows_validation import validate_segments

        with self._sessions() as session:
            return validate_segments(session, (segment,), prefix=False)

    def insert_segment(self, show_id: int, position: int, segment: SegmentInput) -> int:
        """Insert a segment at ``position`` (0..number of segments); returns its id."""
        from streamdesk.core import shows_rundown

        with self._sessions(write=True) as session, session.begin():
            show = self._require(session, show_id)
            self._check_segments(session, (segment,), prefix=False)
            segment_id = shows_rundown.insert_segment(session, show_id, position, segment)
            self._touch(session, show)
            return segment_id

    def update_segment(self, segment_id: int, segment: SegmentInput, *, expected: SegmentInput | None = None) -> None:
        """Save a segment's new content. ``expected``: the content the edit started from (the rundown as shown, or
        for undo what the step before wrote); UserError("db.conflict") when the stored segment is not that any more
        (someone else changed it: team mode, core.conflicts)."""
        from streamdesk.core import shows_rundown

        with self._sessions(write=True) as session, session.begin():
            row = self._require_segment(session, segment_id)
            if expected is not None and shows_rundown.content_of(session, row) != shows_rundown.as_written(expected):
                raise UserError("db.conflict", what=expected.title.strip() or row.title)
            self._check_segments(session, (segment,), prefix=False)
            shows_rundown.update_segment(session, row, segment)
            self._touch(session, self._require(session, row.show_id))

    def delete_segment(self, segment_id: int) -> tuple[int, SegmentInput]:
        """Remove a segment; returns the position it had and its content, so an undo can insert it back."""
        from streamdesk.core import shows_rundown

        with self._sessions(write=True) as session, session.begin():
            row = self._require_segment(session, segment_id)
            show = self._require(session, row.show_id)
            removed = shows_rundown.delete_segment(session, row)
            self._touch(session, show)
            return removed

    def move_segment(self, show_id: int, source: int, destination: int) -> None:
        """Move the segment at index ``source`` so that it ends up at index ``destination``."""
        from streamdesk.core import shows_rundown

        with self._sessions(write=True) as session, session.begin():
            show = self._require(session, show_id)
            if source != destination:
                shows_rundown.move_segment(session, show_id, source, destination)
                self._touch(session, show)

    def replace_segments(self, show_id: int, segments: Sequence[SegmentInput]) -> Rundown:
        """Replace the whole rundown (import, undo of a bulk change): all segments are validated first
        (fields "segments.<i>.…"); on any problem nothing is written. Segment ids change."""
        from streamdesk.core import shows_rundown

        with self._sessions(write=True) as session, session.begin():
            show = self._require(session, show_id)
            self._check_segments(session, segments, prefix=True)
            shows_rundown.replace_rundown(session, show_id, segments)
            self._touch(session, show)
            return shows_rundown.read_rundown(session, show)

    def talking_points_for(self, variant_ids: Sequence[int]) -> str:
        """A segment's talking points prefilled from its products' crib sheets: per product (each once, in the
        order given) its title, then its talking points, else its selling points. Empty when none has any."""
        from streamdesk.core.shows_store import crib_sheets

        with self._sessions() as session:
            sheets = crib_sheets(session, variant_ids)
        return "\n\n".join(f"{title}\n{points}" for title, points in sheets)

    # --- helpers ----------------------------------------------------------------------------------------------
    def _require(self, session: Session, show_id: int) -> Show:
        from streamdesk.core.shows_store import require_show

        return require_show(session, show_id)

    def _require_segment(self, session: Session, segment_id: int) -> Segment:
        from streamdesk.models.shows import Segment

        row = session.get(Segment, segment_id)
        if row is None:
            raise UserError("shows.segment_not_found", segment_id=segment_id)
        return row

    def _touch(self, session: Session, show: Show) -> None:
        from streamdesk.core.shows_store import touch

        touch(show, self._clock())
        session.add(show)

    def _check_show(self, session: Session, show: ShowInput) -> None:
        from streamdesk.core.shows_validation import validate_show

        problems = validate_show(session, show)
        if problems:
            raise UserError("shows.invalid", problems=problems, count=len(problems))

    def _check_segments(self, session: Session, segments: Sequence[SegmentInput], *, prefix: bool) -> None:
        from streamdesk.core.shows_validation import validate_segments

        problems = validate_segments(session, segments, prefix=prefix)
        if problems:
            raise UserError("shows.segment_invalid", problems=problems, count=len(problems))

    def _copy(
        self, session: Session, source: Show, *, title: str | None, planned_start: datetime | None, is_template: bool
    ) -> int:
        """A new show (draft) with the source's fields, details and rundown; fixed starts moved with the start."""
        from streamdesk.core import shows_rundown, shows_store
        from streamdesk.models.shows import Show

        detail = shows_store.load_detail(session, source)
        show = replace(detail.to_input(), status=ShowStatus.DRAFT, planned_start=planned_start)
        if title is not None:
            show = replace(show, title=title)
        self._check_show(session, show)
        old_start = TEMPLATE_ANCHOR if source.is_template else source.planned_start
        new_start = TEMPLATE_ANCHOR if is_template else planned_start
        segments = [
            replace(s, fixed_start=_moved(s.fixed_start, old_start, new_start))
            for s in (shows_rundown.content_of(session, row) for row in shows_rundown.segments_of(session, detail.id))
        ]
        now = self._clock()
        row = Show(**shows_store.show_values(show), is_template=is_template, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        shows_store.write_details(session, shows_store.id_of(row), show)
        shows_rundown.replace_rundown(session, shows_store.id_of(row), segments)
        return shows_store.id_of(row)


def _moved(fixed_start: datetime | None, old_start: datetime | None, new_start: datetime | None) -> datetime | None:
    """A segment's fixed start when its show moves from ``old_start`` to ``new_start``."""
    if fixed_start is None or old_start is None:
        return fixed_start  # nothing to be relative to: kept as it was
    if new_start is None:
        return None  # a time on no particular day means nothing
    return fixed_start + (new_start - old_start)
