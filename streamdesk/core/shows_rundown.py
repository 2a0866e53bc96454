"""A show's rundown inside a caller's transaction: reading it with live figures, and the segment writes.

Positions are kept contiguous (0..n-1) after every write: a move or delete renumbers the rows it shifts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import delete
from sqlmodel import Session, col, select

from streamdesk.core.errors import UserError
from streamdesk.core.rundown import compute_timings
from streamdesk.core.show_types import Rundown, SegmentInput, SegmentKind, SegmentRow
from streamdesk.core.shows_store import id_of, product_figures
from streamdesk.models.shows import Segment, SegmentProduct, Show


def segments_of(session: Session, show_id: int) -> list[Segment]:
    return list(
        session.exec(
            select(Segment).where(Segment.show_id == show_id).order_by(col(Segment.position), col(Segment.id))
        ).all()
    )


def _linked(session: Session, segment_ids: Sequence[int]) -> dict[int, list[int]]:
    """Variant ids per segment, in display order."""
    links: dict[int, list[int]] = {segment_id: [] for segment_id in segment_ids}
    if not segment_ids:
        return links
    rows = session.exec(
        select(SegmentProduct)
        .where(col(SegmentProduct.segment_id).in_(segment_ids))
        .order_by(col(SegmentProduct.segment_id), col(SegmentProduct.position), col(SegmentProduct.id))
    ).all()
    for row in rows:
        links[row.segment_id].append(row.variant_id)
    return links


def segment_rows(session: Session, show_id: int) -> tuple[SegmentRow, ...]:
    segments = segments_of(session, show_id)
    links = _linked(session, [id_of(s) for s in segments])
    figures = product_figures(session, (v for ids in links.values() for v in ids))
    return tuple(
        SegmentRow(
            id=id_of(segment),
            position=position,
            kind=SegmentKind(segment.kind),
            title=segment.title,
            planned_seconds=segment.planned_seconds,
            fixed_start=segment.fixed_start,
            talking_points=segment.talking_points,
            promotion_cue=segment.promotion_cue,
            warn_seconds=segment.warn_seconds,
            danger_seconds=segment.danger_seconds,
            flash_sale_seconds=segment.flash_sale_seconds,
            notes=segment.notes,
            products=tuple(figures[v] for v in links[id_of(segment)] if v in figures),
        )
        for position, segment in enumerate(segments)
    )


def read_rundown(session: Session, show: Show) -> Rundown:
    segments = segment_rows(session, id_of(show))
    timings, total, conflicts = compute_timings(show.planned_start, show.planned_seconds, segments)
    return Rundown(
        show_id=id_of(show),
        planned_start=show.planned_start,
        planned_seconds=show.planned_seconds,
        segments=segments,
        timings=timings,
        total_seconds=total,
        conflicts=conflicts,
    )


def _assign(segment: Segment, content: SegmentInput) -> None:
    segment.kind = content.kind
    segment.title = content.title.strip()
    segment.planned_seconds = content.planned_seconds
    segment.fixed_start = content.fixed_start
    segment.talking_points = content.talking_points
    segment.promotion_cue = content.promotion_cue.strip()
    segment.warn_seconds = content.warn_seconds
    segment.danger_seconds = content.danger_seconds
    segment.flash_sale_seconds = content.flash_sale_seconds
    segment.notes = content.notes


def _write_links(session: Session, segment_id: int, variant_ids: Sequence[int]) -> None:
    session.execute(delete(SegmentProduct).where(col(SegmentProduct.segment_id) == segment_id))
    session.flush()
    for position, variant_id in enumerate(variant_ids):
        session.add(SegmentProduct(segment_id=segment_id, variant_id=variant_id, position=position))


def add_segment(session: Session, show_id: int, position: int, content: SegmentInput) -> int:
    segment = Segment(show_id=show_id, position=position, kind=content.kind)
    _assign(segment, content)
    session.add(segment)
    session.flush()
    _write_links(session, id_of(segment), content.variant_ids)
    return id_of(segment)


def insert_segment(session: Session, show_id: int, position: int, content: SegmentInput) -> int:
    segments = segments_of(session, show_id)
    if not 0 <= position <= len(segments):
        raise UserError("shows.bad_position", position=position, count=len(segments))
    _renumber([*segments[:position], None, *segments[position:]])
    session.flush()
    return add_segment(session, show_id, position, content)


def update_segment(session: Session, segment: Segment, content: SegmentInput) -> None:
    _assign(segment, content)
    session.add(segment)
    session.flush()
    _write_links(session, id_of(segment), content.variant_ids)


def as_written(content: SegmentInput) -> SegmentInput:
    """``content`` as update_segment stores it (title and cue stripped): what content_of reads back."""
    return replace(content, title=content.title.strip(), promotion_cue=content.promotion_cue.strip())


def content_of(session: Session, segment: Segment) -> SegmentInput:
    return SegmentInput(
        kind=SegmentKind(segment.kind),
        title=segment.title,
        planned_seconds=segment.planned_seconds,
        fixed_start=segment.fixed_start,
        variant_ids=tuple(_linked(session, [id_of(segment)])[id_of(segment)]),
        talking_points=segment.talking_points,
        promotion_cue=segment.promotion_cue,
        warn_seconds=segment.warn_seconds,
        danger_seconds=segment.danger_seconds,
        flash_sale_seconds=segment.flash_sale_seconds,
        notes=segment.notes,
    )


def delete_segment(session: Session, segment: Segment) -> tuple[int, SegmentInput]:
    segments = segments_of(session, segment.show_id)
    position = [id_of(s) for s in segments].index(id_of(segment))
    content = content_of(session, segment)
    session.execute(delete(SegmentProduct).where(col(SegmentProduct.segment_id) == id_of(segment)))
    session.delete(segment)
    session.flush()
    _renumber(segments[:position] + segments[position + 1 :])
    return position, content


def move_segment(session: Session, show_id: int, source: int, destination: int) -> None:
    segments = segments_of(session, show_id)
    for position in (source, destination):
        if not 0 <= position < len(segments):
            raise UserError("shows.bad_position", position=position, count=len(segments))
    moved = segments.pop(source)
    segments.insert(destination, moved)
    _renumber(segments)


def delete_rundown(session: Session, show_id: int) -> None:
    segment_ids = [id_of(s) for s in segments_of(session, show_id)]
    if segment_ids:
        session.execute(delete(SegmentProduct).where(col(SegmentProduct.segment_id).in_(segment_ids)))
        session.execute(delete(Segment).where(col(Segment.show_id) == show_id))
    session.flush()


def replace_rundown(session: Session, show_id: int, segments: Sequence[SegmentInput]) -> None:
    delete_rundown(session, show_id)
    for position, content in enumerate(segments):
        add_segment(session, show_id, position, content)


def _renumber(segments: Sequence[Segment | None]) -> None:
    """Give each segment its index as position (None marks a slot kept free for an insert)."""
    for position, segment in enumerate(segments):
        if segment is not None and segment.position != position:
            segment.position = position
