"""The SALE moves of an import's new lines in a few executemany statements: orders_stock.take_stock, in bulk.

take_stock costs about five statements per line; a 200,000-line export cannot afford that. This writes exactly
what take_stock would, line after line: one SALE move per variant the line takes (a bundle takes its
components, merged per variant in first-seen order), with consecutive ids, the line's reference, one time,
allowed below zero; the line's ``sale_move_id`` is the first of them, and ``variants.on_hand`` follows. A
unit test compares the two on the same lines. Lines already in the database go through take_stock itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, text

from streamdesk.models.base import StockReason

CHUNK = 500


class LineStock(NamedTuple):
    """One new line whose stock the import takes."""

    key: int  # the caller's handle for the line (its future id)
    variant_id: int
    quantity: int
    reference: str


def bundle_parts(conn: Connection, variant_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """Bundle id → [(component id, quantity)] for the bundles among ``variant_ids`` (empty list: no components)."""
    found: dict[int, list[tuple[int, int]]] = {}
    bundles_sql = text("SELECT id FROM variants WHERE is_bundle AND id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    items_sql = text(
        "SELECT bundle_id, component_id, quantity FROM bundle_items WHERE bundle_id IN :ids ORDER BY id"
    ).bindparams(bindparam("ids", expanding=True))
    ordered = sorted(set(variant_ids))
    for start in range(0, len(ordered), CHUNK):
        for (bundle_id,) in conn.execute(bundles_sql, {"ids": ordered[start : start + CHUNK]}):
            found[int(bundle_id)] = []
    bundle_ids = sorted(found)
    for start in range(0, len(bundle_ids), CHUNK):
        for bundle_id, component_id, quantity in conn.execute(items_sql, {"ids": bundle_ids[start : start + CHUNK]}):
            found[int(bundle_id)].append((int(component_id), int(quantity)))
    return found


def plan_moves(
    lines: Sequence[LineStock],
    bundles: dict[int, list[tuple[int, int]]],
    first_id: int,
    stamp: Any,
    delta: dict[int, int],
) -> tuple[dict[int, int], list[tuple[Any, ...]], int]:
    """(line key → its sale_move_id, move rows (MOVE_COLUMNS order) with their ids, the next free id); adds each
    variant's change to ``delta``. A line that takes nothing (a bundle without components) gets no move and no
    sale_move_id, as with take_stock."""
    sale_move: dict[int, int] = {}
    moves: list[tuple[Any, ...]] = []
    next_id = first_id
    reason = StockReason.SALE.value
    for line in lines:
        if line.quantity <= 0:
            continue
        parts = bundles.get(line.variant_id)
        if parts is None:  # a plain SKU: one move (most lines)
            sale_move[line.key] = next_id
            moves.append((next_id, line.variant_id, -line.quantity, reason, "", line.reference, stamp))
            delta[line.variant_id] = delta.get(line.variant_id, 0) - line.quantity
            next_id += 1
            continue
        changes: dict[int, int] = {}
        for component_id, per_unit in parts:  # a bundle: its components, merged per variant
            changes[component_id] = changes.get(component_id, 0) - line.quantity * per_unit
        written = [(variant_id, quantity) for variant_id, quantity in changes.items() if quantity != 0]
        if not written:
            continue
        sale_move[line.key] = next_id
        for variant_id, quantity in written:
            moves.append((next_id, variant_id, quantity, reason, "", line.reference, stamp))
            delta[variant_id] = delta.get(variant_id, 0) + quantity
            next_id += 1
    return sale_move, moves, next_id


def apply_on_hand(conn: Connection, delta: dict[int, int]) -> None:
    """variants.on_hand += change, one executemany (the ledger rows are written by the caller)."""
    if delta:
        conn.execute(
            text("UPDATE variants SET on_hand = on_hand + :change WHERE id = :vid"),
            [{"vid": variant_id, "change": change} for variant_id, change in delta.items()],
        )
