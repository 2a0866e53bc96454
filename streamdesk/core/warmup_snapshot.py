"""A show's whole warm-up (settings, booking links, tasks) as plain values, and putting it back under another show.

The undo of deleting a show re-creates the show under a new id; this carries its warm-up across, so an undone
delete loses no booking link, count or ticked task. The rows are copied column by column (ids excepted) rather than
through the editing rules: they were valid when they were written, and the restore must give back exactly them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from streamdesk.core import warmup_store as store
from streamdesk.models.warmup import BookingLink, WarmupSettings, WarmupTask


@dataclass(frozen=True, slots=True)
class WarmupSnapshot:
    settings: dict[str, Any]  # WarmupSettings columns but show_id
    links: tuple[dict[str, Any], ...]  # BookingLink columns, "id" kept to re-link the publish tasks
    tasks: tuple[dict[str, Any], ...]  # WarmupTask columns but id and show_id


def take(session: Session, show_id: int) -> WarmupSnapshot | None:
    """None when the show was never warmed up (nothing to carry)."""
    settings = session.get(WarmupSettings, show_id)
    if settings is None:
        return None
    return WarmupSnapshot(
        settings=settings.model_dump(exclude={"show_id"}),
        links=tuple(link.model_dump(exclude={"show_id"}) for link in store.links_of(session, show_id)),
        tasks=tuple(task.model_dump(exclude={"id", "show_id"}) for task in store.tasks_of(session, show_id)),
    )


def put_back(session: Session, show_id: int, snapshot: WarmupSnapshot) -> None:
    """Write ``snapshot`` under ``show_id``, which must have no warm-up yet (a freshly re-created show)."""
    store.require_show(session, show_id)
    session.add(WarmupSettings(show_id=show_id, **snapshot.settings))
    new_ids: dict[int, int] = {}
    for values in snapshot.links:
        fields = {key: value for key, value in values.items() if key != "id"}
        link = BookingLink(show_id=show_id, **fields)
        session.add(link)
        session.flush()
        new_ids[int(values["id"])] = store.row_id(link)
    for values in snapshot.tasks:
        old_link = values.get("booking_link_id")
        fields = {**values, "booking_link_id": new_ids.get(old_link) if old_link is not None else None}
        session.add(WarmupTask(show_id=show_id, **fields))
    session.flush()
