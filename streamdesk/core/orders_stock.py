"""The only code that links order lines to the stock ledger (the importer, live capture and after-sales use it).

A line's stock effect is at most three kinds of moves, each written once:

* its sale (``take_stock``): SALE moves, one per variant it takes (a bundle takes its components), the first
  linked as ``line.sale_move_id``. The platform already sold the units, so the count may go below zero;
* units returned through after-sales cases (``restock``): RETURN moves, the first linked as
  ``CaseItem.restock_move_id``;
* what a cancellation or a refund before shipping puts back (``put_back``): the sale less what cases already
  returned, the first move linked as ``line.cancel_move_id``.

The moves of one call are written in one flush with the same reference, reason and time, so the group behind a
linked move is found again from it (``move_group``). Callers give each line its own reference
(``line_reference``), which the stock history shows.

The cache ``variants.on_hand`` is changed by relative statements (``on_hand = on_hand + change``), never by writing
back a count read earlier: on PostgreSQL (READ COMMITTED, team mode) another laptop may have sold from the same row
since it was read, and an absolute write would lose that sale from the cache. A live sale's take is conditional
(``… WHERE on_hand >= units``), one statement per variant, so two captures of the last unit cannot both pass. The
rows of one call are updated in variant id order, after its ledger rows are inserted (as catalogue_stock does), so
two calls touching the same components lock them in one order. The importer's bulk path (orders_io.stock
.apply_on_hand) is relative too and takes table locks first; it does not check stock (the platform sold the units).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, func, select

from streamdesk.core.catalogue_stock import expand_bundles
from streamdesk.core.errors import UserError
from streamdesk.models.base import StockReason
from streamdesk.models.catalogue import Product, StockMove, Variant
from streamdesk.models.orders import CaseItem, Order, OrderLine

if TYPE_CHECKING:
    from sqlmodel import Session


def line_reference(order_no: str, line_no: str) -> str:
    """The reference of a line's moves in the stock history: ``6917…/2``."""
    return f"{order_no}/{line_no}"


def take_stock(
    session: Session, line: OrderLine, now: datetime, *, reference: str, only_if_in_stock: bool = False
) -> StockMove | None:
    """Take the line's units out of stock once: SALE moves (a bundle's components), allowed below zero.

    With ``only_if_in_stock`` (a live sale without backorder) every variant's count is checked and decremented in
    one conditional statement; when one is short, UserError("orders.out_of_stock") says how many units (sets) are
    available now, and the caller's transaction must be rolled back (components before the short one were taken).

    Does nothing (returns None) when the stock was taken already, the line is not matched to a SKU, its quantity
    is not positive, or it is a bundle without components. Sets ``line.sale_move_id``; does not commit.
    """
    if line.sale_move_id is not None or line.variant_id is None or line.quantity <= 0:
        return None
    changes = expand_bundles(session, [(line.variant_id, -line.quantity)])
    moves = _write_moves(session, changes, StockReason.SALE, now, reference)
    if only_if_in_stock:
        _take_if_in_stock(session, line, changes)
    else:
        change_on_hand(session, changes)
    if not moves:
        return None
    line.sale_move_id = moves[0].id
    session.add(line)
    session.flush()
    return moves[0]


def put_back(
    session: Session, line: OrderLine, now: datetime, *, reason: StockReason, reference: str
) -> StockMove | None:
    """Put back what the line still has out of stock (its sale less what cases returned), once per line.

    For a cancellation or a refund before shipping. Does nothing when the stock was never taken, was put back
    already, or cases returned every unit. Sets ``line.cancel_move_id``; does not commit.
    """
    if line.sale_move_id is None or line.cancel_move_id is not None:
        return None
    out = _units_out_per_variant(session, line)
    changes = [(variant_id, -quantity) for variant_id, quantity in out.items() if quantity < 0]
    if not changes:
        return None
    moves = _write_moves(session, changes, reason, now, reference)
    change_on_hand(session, changes)
    line.cancel_move_id = moves[0].id
    session.add(line)
    session.flush()
    return moves[0]


def restock(session: Session, item: CaseItem, line: OrderLine, now: datetime, *, reference: str) -> StockMove | None:
    """Return a case item's units to stock once (RETURN moves), at most what the line still has out.

    Does nothing when the item was restocked already, the line's stock was never taken or was put back, or
    nothing is left out. Sets ``item.restock_move_id``; does not commit.
    """
    if item.restock_move_id is not None or line.sale_move_id is None or line.cancel_move_id is not None:
        return None
    sale = move_group(session, line, line.sale_move_id)
    out = _units_out_per_variant(session, line)
    changes: list[tuple[int, int]] = []
    for move in sale:
        per_unit = -move.quantity // line.quantity if line.quantity > 0 else 0
        wanted = max(per_unit * item.quantity, 0)
        still_out = -out.get(move.variant_id, 0)
        if min(wanted, still_out) > 0:
            changes.append((move.variant_id, min(wanted, still_out)))
    if not changes:
        return None
    moves = _write_moves(session, changes, StockReason.RETURN, now, reference)
    change_on_hand(session, changes)
    item.restock_move_id = moves[0].id
    session.add(item)
    session.flush()
    return moves[0]


def settle_ship_by(session: Session, order: Order) -> datetime | None:
    """Give a paid order without the platform's own ship-by the products' deadline: paid + the longest ship cycle
    (发货周期) of its matched lines. Without a cycle it stays None and the platform rule (paid + 48 h) applies
    (orders_query.SHIP_BY). Call it once the order's lines are matched; a deadline already set is kept."""
    if order.ship_by is not None or order.paid_at is None or order.id is None:
        return order.ship_by
    days = session.exec(
        select(func.max(Product.ship_cycle_days))
        .join(Variant, col(Variant.product_id) == col(Product.id))
        .join(OrderLine, col(OrderLine.variant_id) == col(Variant.id))
        .where(OrderLine.order_id == order.id)
    ).one()
    if days is not None:
        order.ship_by = order.paid_at + timedelta(days=days)
        session.add(order)
    return order.ship_by


def move_group(session: Session, line: OrderLine, first_id: int) -> tuple[StockMove, ...]:
    """The moves of ``line`` written together with ``first_id``: the following ids with the same reference, reason
    and time, each of the line's variants (a bundle's components) once. Lines that share a reference and were
    written one after the other therefore never take each other's moves."""
    first = session.get(StockMove, first_id)
    if first is None:
        return ()
    variants = line_variants(session, line)
    if len(variants) <= 1:
        return (first,)
    group = [first]
    seen = {first.variant_id}
    following = session.exec(
        select(StockMove)
        .where(
            col(StockMove.id) > first_id,
            StockMove.reference == first.reference,
            StockMove.reason == first.reason,
            StockMove.created_at == first.created_at,
        )
        .order_by(col(StockMove.id))
    )
    expected = first_id + 1
    for move in following:
        if move.id != expected or move.variant_id in seen or move.variant_id not in variants:
            break
        group.append(move)
        seen.add(move.variant_id)
        expected += 1
    return tuple(group)


def line_variants(session: Session, line: OrderLine) -> set[int]:
    """The variants a line's stock moves touch: its SKU, or a bundle's components as they are now."""
    if line.variant_id is None:
        return set()
    return {variant_id for variant_id, _ in expand_bundles(session, [(line.variant_id, -1)])}


def remove_moves(session: Session, moves: Iterable[StockMove]) -> None:
    """Delete moves and take them out of the cache: the undo of a capture or of a put-back, never an edit of
    history. Whatever links the moves must be unlinked (and flushed) first."""
    undo: dict[int, int] = {}
    for move in moves:
        undo[move.variant_id] = undo.get(move.variant_id, 0) - move.quantity
        session.delete(move)
    session.flush()
    change_on_hand(session, list(undo.items()))


def unlink_put_back(session: Session, line: OrderLine) -> None:
    """Undo ``put_back`` for a line (an order set back from cancelled): its put-back moves are removed."""
    if line.cancel_move_id is None:
        return
    moves = move_group(session, line, line.cancel_move_id)
    line.cancel_move_id = None
    session.add(line)
    session.flush()
    remove_moves(session, moves)


def unlink_sale(session: Session, line: OrderLine) -> None:
    """Undo ``take_stock`` for a line that is being deleted (undo of a live capture): its sale moves are removed."""
    unlink_put_back(session, line)
    if line.sale_move_id is None:
        return
    moves = move_group(session, line, line.sale_move_id)
    line.sale_move_id = None
    session.add(line)
    session.flush()
    remove_moves(session, moves)


def _units_out_per_variant(session: Session, line: OrderLine) -> dict[int, int]:
    """Per variant: the line's sale (negative) plus what its cases returned, i.e. what is still out (≤ 0)."""
    assert line.sale_move_id is not None
    out: dict[int, int] = {}
    for move in move_group(session, line, line.sale_move_id):
        out[move.variant_id] = out.get(move.variant_id, 0) + move.quantity
    restock_ids = session.exec(
        select(CaseItem.restock_move_id).where(
            CaseItem.order_line_id == line.id, col(CaseItem.restock_move_id).is_not(None)
        )
    ).all()
    for first_id in restock_ids:
        assert first_id is not None
        for move in move_group(session, line, first_id):
            out[move.variant_id] = out.get(move.variant_id, 0) + move.quantity
    return out


def change_on_hand(session: Session, changes: Sequence[tuple[int, int]]) -> None:
    """``on_hand += change`` per variant, each in one relative statement (no check: an oversell is recorded)."""
    for variant_id, delta in sorted(changes):
        if delta != 0 and _update_on_hand(session, variant_id, delta, at_least=None) is None:
            raise UserError("catalogue.variant_not_found", variant_id=variant_id)


def _take_if_in_stock(session: Session, line: OrderLine, changes: Sequence[tuple[int, int]]) -> None:
    """Each ``UPDATE variants SET on_hand = on_hand - units WHERE id = … AND on_hand >= units`` in variant order;
    the first that matches no row (another sale took the units since they were shown) stops the take."""
    taken: dict[int, int] = {}
    for variant_id, delta in sorted(changes):
        if delta >= 0:
            continue
        if _update_on_hand(session, variant_id, delta, at_least=-delta) is None:
            raise UserError(
                "orders.out_of_stock",
                sku=line.sku_code,
                available=_available_before(session, line, changes, taken),
                quantity=line.quantity,
            )
        taken[variant_id] = delta


def _update_on_hand(session: Session, variant_id: int, delta: int, *, at_least: int | None) -> int | None:
    """One statement; returns the new count, None when no row matched. A Variant the session holds gets the new
    count as its committed value, so a later flush never writes back the count it read before."""
    statement = update(Variant).where(col(Variant.id) == variant_id)
    if at_least is not None:
        statement = statement.where(col(Variant.on_hand) >= at_least)
    statement = statement.values(on_hand=col(Variant.on_hand) + delta).returning(col(Variant.on_hand))
    new = session.execute(statement, execution_options={"synchronize_session": False}).scalar_one_or_none()
    if new is not None:
        held = session.identity_map.get(session.identity_key(Variant, variant_id))
        if held is not None:
            set_committed_value(held, "on_hand", new)
    return new


def _available_before(
    session: Session, line: OrderLine, changes: Sequence[tuple[int, int]], taken: dict[int, int]
) -> int:
    """What the line's SKU could sell now, read fresh, as if this transaction had taken nothing: on hand for a SKU,
    for a bundle the sets its scarcest component makes (components taken already are counted back)."""
    ids = [variant_id for variant_id, _ in changes]
    rows = session.exec(select(Variant.id, Variant.on_hand).where(col(Variant.id).in_(ids))).all()
    counts = {variant_id: count - taken.get(variant_id or 0, 0) for variant_id, count in rows}
    if ids == [line.variant_id]:
        return counts.get(line.variant_id, 0)
    per_set = {variant_id: -delta // line.quantity for variant_id, delta in changes if delta < 0}
    return min((max(counts.get(v, 0), 0) // q for v, q in per_set.items() if q > 0), default=0)


def _write_moves(
    session: Session, changes: Sequence[tuple[int, int]], reason: StockReason, now: datetime, reference: str
) -> list[StockMove]:
    """The ledger rows of changes already applied to the cache, flushed in the order of ``changes`` (consecutive
    ids: ``move_group`` finds them again)."""
    moves = [
        StockMove(variant_id=variant_id, quantity=delta, reason=reason, note="", reference=reference, created_at=now)
        for variant_id, delta in changes
        if delta != 0
    ]
    session.add_all(moves)
    session.flush()
    return moves
