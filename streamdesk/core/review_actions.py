"""The review's writes inside one transaction each (core.review opens it): show totals, notes, cost inputs and
action items. Every function returns what an undo needs. No Qt."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.review_types import TOTAL_FIELDS, ActionItemRow, CostsInput, ReviewNotes, TotalsInput
from streamdesk.models.base import Platform

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.models.metrics import ActionItem, ShowReview, ShowTotals

MAX_FEE_BASIS_POINTS = 10_000  # 100 % of net GMV


def require_show(session: Session, show_id: int) -> None:
    from streamdesk.models.shows import Show

    if session.get(Show, show_id) is None:
        raise UserError("review.show_not_found", show_id=show_id)


# --- totals ---------------------------------------------------------------------------------------------------
def clean_totals(totals: TotalsInput) -> dict[str, int | None]:
    """The form's values by TOTAL_FIELDS name (absent = unknown); refuses unknown names and negative numbers."""
    values: dict[str, int | None] = dict.fromkeys(TOTAL_FIELDS)
    for name, value in totals.values.items():
        if name not in values:
            raise UserError("review.total_unknown", field=name)
        if value is not None and value < 0:
            raise UserError("review.total_negative", field=name, value=value)
        values[name] = value
    return values


def totals_input(row: ShowTotals) -> TotalsInput:
    return TotalsInput(
        platform=Platform(row.platform), source=row.source, values={name: getattr(row, name) for name in TOTAL_FIELDS}
    )


def find_totals(session: Session, show_id: int, platform: Platform) -> ShowTotals | None:
    from sqlmodel import col, select

    from streamdesk.models.metrics import ShowTotals

    return session.exec(
        select(ShowTotals).where(ShowTotals.show_id == show_id, col(ShowTotals.platform) == platform)
    ).first()


def save_totals(session: Session, show_id: int, totals: TotalsInput, now: datetime) -> TotalsInput | None:
    from streamdesk.models.metrics import ShowTotals

    values = clean_totals(totals)
    require_show(session, show_id)
    row = find_totals(session, show_id, totals.platform)
    previous = None if row is None else totals_input(row)
    if row is None:
        row = ShowTotals(show_id=show_id, platform=totals.platform)
    row.source = totals.source
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = now
    session.add(row)
    return previous


def delete_totals(session: Session, show_id: int, platform: Platform) -> TotalsInput | None:
    row = find_totals(session, show_id, platform)
    if row is None:
        return None
    previous = totals_input(row)
    session.delete(row)
    return previous


# --- notes and costs ------------------------------------------------------------------------------------------
def review_row(session: Session, show_id: int, now: datetime) -> ShowReview:
    """The show's review row, made (not yet added) when the show has none."""
    from streamdesk.models.metrics import ShowReview

    require_show(session, show_id)
    row = session.get(ShowReview, show_id)
    return row if row is not None else ShowReview(show_id=show_id, updated_at=now)


def notes_of(row: ShowReview | None) -> ReviewNotes:
    return ReviewNotes() if row is None else ReviewNotes(went_well=row.went_well, problems=row.problems)


def costs_of(row: ShowReview | None) -> CostsInput:
    if row is None:
        return CostsInput()
    return CostsInput(
        fee_basis_points=row.fee_basis_points,
        shipping_per_order_minor=row.shipping_per_order_minor,
        giveaways_minor=row.giveaways_minor,
    )


def check_costs(costs: CostsInput) -> None:
    fee = costs.fee_basis_points
    if fee is not None and not 0 <= fee <= MAX_FEE_BASIS_POINTS:
        raise UserError("review.fee_out_of_range", basis_points=fee)
    for code, value in (
        ("review.shipping_negative", costs.shipping_per_order_minor),
        ("review.giveaways_negative", costs.giveaways_minor),
    ):
        if value is not None and value < 0:
            raise UserError(code, value=value)


# --- action items ---------------------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UserError("review.action_empty")
    return cleaned


def require_action(session: Session, action_id: int) -> ActionItem:
    from streamdesk.models.metrics import ActionItem

    row = session.get(ActionItem, action_id)
    if row is None:
        raise UserError("review.action_not_found", action_id=action_id)
    return row


def next_position(session: Session, show_id: int) -> int:
    from sqlalchemy import func
    from sqlmodel import select

    from streamdesk.models.metrics import ActionItem

    highest = session.exec(select(func.max(ActionItem.position)).where(ActionItem.show_id == show_id)).first()
    return 0 if highest is None else int(highest) + 1


def action_row(row: ActionItem, titles: Mapping[int, str]) -> ActionItemRow:
    assert row.id is not None  # read from the database
    return ActionItemRow(
        id=row.id,
        show_id=row.show_id,
        show_title=titles.get(row.show_id, ""),
        position=row.position,
        text=row.text,
        done_at=row.done_at,
        done_show_id=row.done_show_id,
    )


def show_titles(session: Session, show_ids: set[int]) -> dict[int, str]:
    from sqlmodel import col, select

    from streamdesk.models.shows import Show

    if not show_ids:
        return {}
    return {
        show_id: title
        for show_id, title in session.exec(select(Show.id, Show.title).where(col(Show.id).in_(show_ids))).all()
        if show_id is not None
    }


def action_rows(session: Session, show_id: int) -> tuple[ActionItemRow, ...]:
    """The action items a show's review raised, in their order."""
    from sqlmodel import col, select

    from streamdesk.models.metrics import ActionItem

    found = session.exec(
        select(ActionItem).where(ActionItem.show_id == show_id).order_by(col(ActionItem.position), col(ActionItem.id))
    ).all()
    titles = show_titles(session, {show_id})
    return tuple(action_row(row, titles) for row in found)


def restore(session: Session, row: ActionItemRow) -> int:
    """Put a deleted action item back, under its old id when that is still free."""
    from streamdesk.models.metrics import ActionItem

    require_show(session, row.show_id)
    if row.done_show_id is not None:
        require_show(session, row.done_show_id)
    free = session.get(ActionItem, row.id) is None
    item = ActionItem(
        id=row.id if free else None,
        show_id=row.show_id,
        position=row.position,
        text=row.text,
        done_at=row.done_at,
        done_show_id=row.done_show_id,
    )
    session.add(item)
    session.flush()
    assert item.id is not None  # flushed
    return item.id
