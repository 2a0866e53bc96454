"""Matching order lines to catalogue SKUs by hand, remembered per platform as SkuAliases, and the review list of
lines nothing matched yet. The importer uses ``match_key`` and ``alias_for`` to apply what the seller taught it."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import col, select

from streamdesk.core import orders_stock
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import UnmatchedLine
from streamdesk.models.base import OrderStatus, Platform
from streamdesk.models.catalogue import Variant
from streamdesk.models.orders import CaseItem, Order, OrderLine, SkuAlias

if TYPE_CHECKING:
    from sqlmodel import Session


def _norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def match_key(sku_code: str, title: str, spec: str) -> str:
    """How a line is recognised again: ``sku||`` when the file gave a SKU code (titles get edited on the platform,
    codes do not), else ``|title|spec``; full-width forms, case and runs of spaces do not count."""
    sku = _norm(sku_code)
    return f"{sku}||" if sku else f"|{_norm(title)}|{_norm(spec)}"


def alias_for(session: Session, platform: Platform, key: str) -> int | None:
    """The variant the seller mapped ``key`` to on ``platform``, if they did."""
    return session.exec(
        select(SkuAlias.variant_id).where(SkuAlias.platform == platform, SkuAlias.match_key == key)
    ).first()


def holds_stock(order: Order) -> bool:
    """Whether the order's lines should have their stock out: not when cancelled or refunded before shipping."""
    if order.status is OrderStatus.CANCELLED:
        return False
    return not (order.status is OrderStatus.REFUNDED and order.shipped_at is None)


def match_line(session: Session, line_id: int, variant_id: int, *, remember: bool, now: datetime) -> tuple[int, ...]:
    """Map a line (and, remembered, every unmatched line of the same platform and key) to a SKU and take the stock
    they hold; returns the ids of the lines mapped. A line mapped before is moved to the new SKU (its old moves are
    removed), unless cases already returned some of it: UserError("orders.line_has_returns")."""
    line = session.get(OrderLine, line_id)
    if line is None:
        raise UserError("orders.line_not_found", line_id=line_id)
    if session.get(Variant, variant_id) is None:
        raise UserError("catalogue.variant_not_found", variant_id=variant_id)
    order = session.get(Order, line.order_id)
    assert order is not None
    targets = [line]
    if remember:
        key = match_key(line.sku_code, line.title, line.spec)
        alias = session.exec(
            select(SkuAlias).where(SkuAlias.platform == order.platform, SkuAlias.match_key == key)
        ).first()
        if alias is None:
            alias = SkuAlias(platform=order.platform, match_key=key, variant_id=variant_id, created_at=now)
        alias.variant_id = variant_id
        session.add(alias)
        waiting = session.exec(
            select(OrderLine)
            .join(Order, col(Order.id) == col(OrderLine.order_id))
            .where(col(OrderLine.variant_id).is_(None), Order.platform == order.platform, OrderLine.id != line.id)
            .order_by(col(OrderLine.id))
        )
        targets += [other for other in waiting if match_key(other.sku_code, other.title, other.spec) == key]
    for target in targets:
        _assign(session, target, variant_id, now)
    return tuple(target.id for target in targets if target.id is not None)


def _assign(session: Session, line: OrderLine, variant_id: int, now: datetime) -> None:
    if line.variant_id == variant_id:
        return
    returned = session.exec(
        select(CaseItem.id).where(CaseItem.order_line_id == line.id, col(CaseItem.restock_move_id).is_not(None))
    ).first()
    if returned is not None:
        raise UserError("orders.line_has_returns", line_id=line.id)
    order = session.get(Order, line.order_id)
    assert order is not None
    orders_stock.unlink_sale(session, line)
    line.variant_id = variant_id
    session.add(line)
    session.flush()
    if holds_stock(order):
        orders_stock.take_stock(session, line, now, reference=orders_stock.line_reference(order.order_no, line.line_no))
    orders_stock.settle_ship_by(session, order)


def unmatched_lines(session: Session) -> tuple[UnmatchedLine, ...]:
    """Lines no SKU, alias or title matched, one entry per platform and key; ``rows`` holds their order line ids
    (the first is what ``match_line(..., remember=True)`` takes)."""
    groups: dict[tuple[Platform, str], tuple[OrderLine, list[int]]] = {}
    rows = session.exec(
        select(OrderLine, Order.platform)
        .join(Order, col(Order.id) == col(OrderLine.order_id))
        .where(col(OrderLine.variant_id).is_(None))
        .order_by(col(OrderLine.id))
    ).all()
    for line, platform in rows:
        assert line.id is not None
        key = match_key(line.sku_code, line.title, line.spec)
        groups.setdefault((Platform(platform), key), (line, []))[1].append(line.id)
    return tuple(
        UnmatchedLine(match_key=key, sku_code=first.sku_code, title=first.title, spec=first.spec, rows=tuple(ids))
        for (_, key), (first, ids) in groups.items()
    )
