"""The stock ledger: every change is a StockMove; ``Variant.on_hand`` is its cache, written in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from streamdesk.core.catalogue_types import LedgerMismatch, StockMoveRow, StockReason
from streamdesk.core.errors import UserError
from streamdesk.models.catalogue import BundleItem, StockMove, Variant


def move_row(move: StockMove) -> StockMoveRow:
    assert move.id is not None
    return StockMoveRow(
        id=move.id,
        variant_id=move.variant_id,
        quantity=move.quantity,
        reason=StockReason(move.reason),
        note=move.note,
        reference=move.reference,
        created_at_utc=move.created_at.isoformat(),
    )


def adjust_stock(
    session: Session,
    changes: Sequence[tuple[int, int]],
    reason: StockReason,
    note: str,
    now: datetime,
    *,
    reference: str = "",
    allow_negative: bool = False,
) -> tuple[StockMoveRow, ...]:
    """Check every change first (nothing is written when one fails), then write the moves and the caches.

    A change may not take stock below zero unless ``allow_negative`` (an order the platform already sold: the
    ledger records the oversell); one that adds stock is always accepted, even while the count is still negative
    after an oversell. Zero changes write nothing.
    """
    return tuple(
        move_row(m)
        for m in write_moves(session, changes, reason, note, now, reference=reference, allow_negative=allow_negative)
    )


def write_moves(
    session: Session,
    changes: Sequence[tuple[int, int]],
    reason: StockReason,
    note: str,
    now: datetime,
    *,
    reference: str = "",
    allow_negative: bool = False,
) -> list[StockMove]:
    """adjust_stock's work, returning the flushed StockMove rows (in the order of ``changes``) for callers that
    link them (an order line's ``sale_move_id``)."""
    ids = {variant_id for variant_id, _ in changes}
    variants = {v.id: v for v in session.exec(select(Variant).where(col(Variant.id).in_(ids)))}
    balance: dict[int, int] = {}
    for variant_id, delta in changes:
        variant = variants.get(variant_id)
        if variant is None:
            raise UserError("catalogue.variant_not_found", variant_id=variant_id)
        if variant.is_bundle:
            raise UserError("catalogue.bundle_stock", sku=variant.sku_code)
        on_hand = balance.get(variant_id, variant.on_hand)
        if delta < 0 and on_hand + delta < 0 and not allow_negative:
            raise UserError("catalogue.stock_would_go_negative", sku=variant.sku_code, on_hand=on_hand, delta=delta)
        balance[variant_id] = on_hand + delta
    moves = []
    for variant_id, delta in changes:
        if delta == 0:
            continue
        move = StockMove(
            variant_id=variant_id, quantity=delta, reason=reason, note=note, reference=reference, created_at=now
        )
        session.add(move)
        moves.append(move)
    session.flush()
    for variant_id in sorted(balance):  # one order of row locks for every writer (orders_stock too)
        variant = variants[variant_id]
        delta = balance[variant_id] - variant.on_hand
        if delta == 0:
            continue
        # relative, never the count read above written back: on PostgreSQL another laptop may have sold from the
        # row since (orders_stock, live capture); the check is repeated in the statement itself
        statement = update(Variant).where(col(Variant.id) == variant_id)
        if delta < 0 and not allow_negative:
            statement = statement.where(col(Variant.on_hand) >= -delta)
        new = session.execute(
            statement.values(on_hand=col(Variant.on_hand) + delta).returning(col(Variant.on_hand)),
            execution_options={"synchronize_session": False},
        ).scalar_one_or_none()
        if new is None:
            now_on_hand = session.exec(select(Variant.on_hand).where(col(Variant.id) == variant_id)).one()
            raise UserError("catalogue.stock_would_go_negative", sku=variant.sku_code, on_hand=now_on_hand, delta=delta)
        set_committed_value(variant, "on_hand", new)
    return moves


def expand_bundles(session: Session, changes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The same changes with every bundle replaced by its components (delta × component quantity), merged per
    variant in first-seen order. A bundle without components expands to nothing: it has no stock to move."""
    ids = {variant_id for variant_id, _ in changes}
    bundles = set(session.exec(select(Variant.id).where(col(Variant.id).in_(ids), col(Variant.is_bundle))))
    parts: dict[int, list[tuple[int, int]]] = {}
    if bundles:
        for item in session.exec(
            select(BundleItem).where(col(BundleItem.bundle_id).in_(bundles)).order_by(col(BundleItem.id))
        ):
            parts.setdefault(item.bundle_id, []).append((item.component_id, item.quantity))
    merged: dict[int, int] = {}
    for variant_id, delta in changes:
        for component_id, per_unit in parts.get(variant_id, []) if variant_id in bundles else [(variant_id, 1)]:
            merged[component_id] = merged.get(component_id, 0) + delta * per_unit
    return list(merged.items())


def stock_moves(session: Session, variant_id: int, limit: int) -> tuple[StockMoveRow, ...]:
    moves = session.exec(
        select(StockMove)
        .where(StockMove.variant_id == variant_id)
        .order_by(col(StockMove.created_at).desc(), col(StockMove.id).desc())
        .limit(max(limit, 0))
    ).all()
    return tuple(move_row(m) for m in moves)


def ledger_mismatches(session: Session) -> tuple[LedgerMismatch, ...]:
    """Variants whose cached on_hand differs from the sum of their stock moves (bundles have neither)."""
    rows = session.connection().execute(
        text(
            "SELECT v.id, v.sku_code, v.on_hand, COALESCE(m.total, 0) FROM variants v"
            " LEFT JOIN (SELECT variant_id, SUM(quantity) AS total FROM stock_moves GROUP BY variant_id) m"
            " ON m.variant_id = v.id WHERE v.on_hand != COALESCE(m.total, 0) ORDER BY v.id"
        )
    )
    return tuple(LedgerMismatch(variant_id=r[0], sku_code=r[1], cached=r[2], ledger=r[3]) for r in rows)
