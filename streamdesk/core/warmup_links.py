"""Booking links: the URL checks, the tracking parameter, and the link writes that also touch the link's publish
task, inside a caller's transaction (core.warmup owns the transactions)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_types import BookingLinkInput, DeletedLink, WarmupTaskInput
from streamdesk.models.base import ChannelKind, Platform, WarmupTaskKind

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.models.warmup import BookingLink

TRACKING_PARAM = re.compile(r"[A-Za-z0-9_.-]{0,32}")
MAX_URL_LENGTH = 2000  # what browsers and the platforms' share sheets accept; a QR of more is unprintable anyway
MAX_LABEL_LENGTH = 80
MAX_TRACKING_VALUE_LENGTH = 64


def tag_url(url: str, param: str, value: str) -> str:
    """``url`` with ``param=value`` in its query: the existing query and fragment are kept as they are, an existing
    ``param`` is replaced where it stood (every later copy dropped). An empty ``param`` or ``value`` leaves the URL
    as it is (tracking off, or no value for this channel)."""
    if not param or not value:
        return url
    parts = urlsplit(url)
    pair = f"{quote(param, safe='')}={quote(value, safe='')}"
    kept: list[str] = []
    placed = False
    for piece in parts.query.split("&") if parts.query else ():
        name = unquote_plus(piece.split("=", 1)[0])
        if name != param:
            kept.append(piece)
        elif not placed:
            kept.append(pair)
            placed = True
    if not placed:
        kept.append(pair)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def clean_url(url: str) -> str:
    """The URL trimmed; UserError("warmup.url_invalid") unless it is an http(s) address a phone can open."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        raise UserError("warmup.url_invalid", url=text) from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or any(ch.isspace() for ch in text):
        raise UserError("warmup.url_invalid", url=text)
    if len(text) > MAX_URL_LENGTH:
        raise UserError("warmup.url_too_long", length=len(text), maximum=MAX_URL_LENGTH)
    return text


def clean_tracking_param(name: str) -> str:
    text = name.strip()
    if not TRACKING_PARAM.fullmatch(text):
        raise UserError("warmup.tracking_param_invalid", name=text)
    return text


def clean_link(link: BookingLinkInput) -> BookingLinkInput:
    """The link as it will be saved; UserError for a bad URL, a negative count or an over-long text."""
    label = link.label.strip()
    if len(label) > MAX_LABEL_LENGTH:
        raise UserError("warmup.label_too_long", maximum=MAX_LABEL_LENGTH)
    value = link.tracking_value.strip()
    if len(value) > MAX_TRACKING_VALUE_LENGTH:
        raise UserError("warmup.tracking_value_too_long", maximum=MAX_TRACKING_VALUE_LENGTH)
    check_bookings(link.bookings)
    if link.valid_until is not None and link.valid_until.tzinfo is None:
        raise ValueError("valid_until must be an aware datetime")
    return BookingLinkInput(
        kind=ChannelKind(link.kind),
        platform=Platform(link.platform),
        url=clean_url(link.url),
        label=label,
        tracking_value=value,
        bookings=link.bookings,
        valid_until=link.valid_until,
    )


def check_bookings(bookings: int | None) -> None:
    if bookings is not None and bookings < 0:
        raise UserError("warmup.bookings_negative", bookings=bookings)


# --- writes -----------------------------------------------------------------------------------------------------
def assign(row: BookingLink, link: BookingLinkInput, now: datetime) -> None:
    row.kind, row.platform, row.label, row.url = link.kind, link.platform, link.label, link.url
    row.tracking_value, row.bookings, row.valid_until = link.tracking_value, link.bookings, link.valid_until
    row.updated_at = now


def _new_link(
    show_id: int, position: int, link: BookingLinkInput, made_at: datetime, announced: datetime | None, now: datetime
) -> BookingLink:
    from streamdesk.models.warmup import BookingLink

    return BookingLink(
        show_id=show_id,
        position=position,
        kind=link.kind,
        label=link.label,
        platform=link.platform,
        url=link.url,
        tracking_value=link.tracking_value,
        bookings=link.bookings,
        made_at=made_at,
        announced_start=announced,
        valid_until=link.valid_until,
        created_at=now,
        updated_at=now,
    )


def add_link(session: Session, show_id: int, link: BookingLinkInput, now: datetime) -> int:
    """The link at the end, made now for the show's current planned start, with its publish task."""
    from streamdesk.core import warmup_store as store
    from streamdesk.core.warmup_tasks import publish_offset

    show = store.require_show(session, show_id)
    store.warmup_settings(session, show_id, now)
    position = len(store.links_of(session, show_id))
    row = _new_link(show_id, position, link, now, show.planned_start, now)
    session.add(row)
    session.flush()
    link_id = store.row_id(row)
    publish = WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, publish_offset(store.template(session)))
    session.add(store.new_task(show_id, store.next_task_position(session, show_id), publish, link_id))
    session.flush()
    return link_id


def delete_link(session: Session, link_id: int) -> DeletedLink:
    from streamdesk.core import warmup_store as store

    row = store.require_link(session, link_id)
    task = store.publish_task_of(session, link_id)
    deleted = DeletedLink(
        show_id=row.show_id,
        position=row.position,
        link=store.link_input(row),
        made_at=row.made_at,
        announced_start=row.announced_start,
        task=None if task is None else store.task_input(task),
        task_done_at=None if task is None else task.done_at,
    )
    if task is not None:
        session.delete(task)
        session.flush()
    session.delete(row)
    session.flush()
    store.renumber(store.links_of(session, deleted.show_id))
    return deleted


def restore_link(session: Session, deleted: DeletedLink, now: datetime) -> int:
    from streamdesk.core import warmup_store as store

    link = clean_link(deleted.link)
    store.require_show(session, deleted.show_id)
    links = store.links_of(session, deleted.show_id)
    position = min(max(deleted.position, 0), len(links))
    store.renumber([*links[:position], None, *links[position:]])
    row = _new_link(deleted.show_id, position, link, deleted.made_at, deleted.announced_start, now)
    session.add(row)
    session.flush()
    link_id = store.row_id(row)
    if deleted.task is not None:
        task = store.new_task(
            deleted.show_id, store.next_task_position(session, deleted.show_id), deleted.task, link_id
        )
        task.done_at = deleted.task_done_at
        session.add(task)
        session.flush()
    return link_id


def move_link(session: Session, show_id: int, source: int, destination: int) -> None:
    from streamdesk.core import warmup_store as store

    store.require_show(session, show_id)
    links = store.links_of(session, show_id)
    for index in (source, destination):
        if not 0 <= index < len(links):
            raise UserError("warmup.bad_position", position=index, count=len(links))
    links.insert(destination, links.pop(source))
    store.renumber(links)
