"""Live capture: sales taken from comments, private messages or group chats while on air, the stream's counters,
the first-come-first-served waitlist and lucky draws.

A captured sale is an ordinary order (source LIVE, status PAID, number ``L-YYYYMMDD-NNNN`` by the UTC date) with
one line, attributed to the show and the segment running when it was taken; its stock leaves through
orders_stock like an imported line's.

Two laptops may capture at once (team mode on PostgreSQL, READ COMMITTED). Stock is never checked by reading it
and writing later: the take is one conditional UPDATE per variant (orders_stock.take_stock ``only_if_in_stock``), so
of two captures of the last unit exactly one matches the row and the other is told out of stock. On SQLite write
transactions begin IMMEDIATE and run one at a time anyway.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlmodel import col, func, select

from streamdesk.core import customers, orders_stock
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import DrawResult, LiveSaleInput, LiveSaleResult, SoldCounter, WaitlistRow
from streamdesk.models.base import OrderSource, OrderStatus, WaitlistStatus
from streamdesk.models.catalogue import BundleItem, Product, Variant
from streamdesk.models.orders import AfterSalesCase, Customer, LuckyDraw, Order, OrderLine, Shipment, WaitlistEntry
from streamdesk.models.shows import Segment, Show

if TYPE_CHECKING:
    from sqlmodel import Session

LIVE_PREFIX = "L-"
# pg_advisory_xact_lock key of live captures (any constant shared by every StreamDesk client; "SDLIVE" in ASCII)
LIVE_CAPTURE_LOCK = 0x5344_4C49_5645


def available(session: Session, variant: Variant) -> int:
    """Units that can be sold now: on hand, or for a bundle the sets its scarcest component makes (never < 0)."""
    if not variant.is_bundle:
        return variant.on_hand
    parts = session.exec(
        select(Variant.on_hand, BundleItem.quantity)
        .join(BundleItem, col(BundleItem.component_id) == col(Variant.id))
        .where(BundleItem.bundle_id == variant.id)
    ).all()
    return min((max(on_hand, 0) // quantity for on_hand, quantity in parts), default=0)


def _require_variant(session: Session, variant_id: int) -> Variant:
    variant = session.get(Variant, variant_id)
    if variant is None:
        raise UserError("catalogue.variant_not_found", variant_id=variant_id)
    return variant


def _check_show(session: Session, show_id: int | None, segment_id: int | None) -> None:
    if show_id is not None and session.get(Show, show_id) is None:
        raise UserError("orders.show_not_found", show_id=show_id)
    if segment_id is not None and session.get(Segment, segment_id) is None:
        raise UserError("orders.segment_not_found", segment_id=segment_id)


def lock_live_captures(session: Session) -> None:
    """Make the captures of every laptop take their numbers (and their new buyers) one after the other.

    ``next_order_no`` is the day's highest number + 1, and on PostgreSQL two captures would read the same highest
    number. A transaction-scoped advisory lock, taken before the buyer is looked up, is the simplest correct fix:
    it is released by the commit or rollback, needs no table or migration, and the numbers stay gapless (a retry on
    the unique violation would need a SAVEPOINT per capture and loops under load; a counter row would need a new
    table). It also keeps two captures for the same new nickname from both inserting the customer. The cost: the
    laptops' captures run one after the other from here to their commit (each waits at most for one other capture's
    transaction, as on SQLite). SQLite needs no lock: its write transactions begin IMMEDIATE, one at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LIVE_CAPTURE_LOCK})


def next_order_no(session: Session, now: datetime) -> str:
    """The next ``L-YYYYMMDD-NNNN``. Call ``lock_live_captures`` first in the same transaction on a server.

    A captured order is placed (``created_at``) at the time its number was made from, so only that day's orders are
    read, through the created_at index: a prefix LIKE alone reads every order ever imported (~30 ms at 100,000, on
    both engines, and on PostgreSQL while holding the capture lock)."""
    prefix = f"{LIVE_PREFIX}{now:%Y%m%d}-"
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    numbers = session.exec(
        select(Order.order_no).where(
            col(Order.created_at) >= day,
            col(Order.created_at) < day + timedelta(days=1),
            col(Order.order_no).startswith(prefix),
        )
    ).all()
    last = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def live_sale(session: Session, sale: LiveSaleInput, now: datetime) -> LiveSaleResult:
    """Capture one sale; UserError("orders.out_of_stock") when stock is short and backorder was not allowed."""
    nickname = sale.nickname.strip()
    if not nickname:
        raise UserError("orders.nickname_required")
    if sale.quantity < 1:
        raise UserError("orders.quantity_invalid", quantity=sale.quantity)
    if sale.unit_price_minor is not None and sale.unit_price_minor < 0:
        raise UserError("orders.price_negative", price=sale.unit_price_minor)
    variant = _require_variant(session, sale.variant_id)
    _check_show(session, sale.show_id, sale.segment_id)
    before = available(session, variant)
    if before < sale.quantity and not sale.allow_backorder:
        # a sold-out SKU answers at once, without queueing behind other captures; the guard is take_stock's UPDATE
        raise UserError("orders.out_of_stock", sku=variant.sku_code, available=before, quantity=sale.quantity)
    product = session.get(Product, variant.product_id)
    assert product is not None
    price = sale.unit_price_minor
    if price is None:
        price = variant.live_price_minor if variant.live_price_minor is not None else variant.list_price_minor
    total = None if price is None else price * sale.quantity
    lock_live_captures(session)
    customer = customers.find_or_add(session, sale.platform, nickname, now)
    order = Order(
        platform=sale.platform,
        order_no=next_order_no(session, now),
        source=OrderSource.LIVE,
        status=OrderStatus.PAID,
        customer_id=customer.id,
        show_id=sale.show_id,
        segment_id=sale.segment_id,
        currency=variant.currency,
        goods_minor=total or 0,
        paid_minor=total,
        created_at=now,
        paid_at=now,
        seller_note=sale.note.strip(),
        recorded_at=now,
        updated_at=now,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    line = OrderLine(
        order_id=order.id,
        line_no="1",
        variant_id=variant.id,
        sku_code=variant.sku_code,
        title=product.title,
        spec=variant.spec_label,
        quantity=sale.quantity,
        unit_price_minor=price,
        total_minor=total,
    )
    session.add(line)
    session.flush()
    # the stock check: one conditional UPDATE per variant; out of stock raises and the caller rolls everything back
    orders_stock.take_stock(
        session,
        line,
        now,
        reference=orders_stock.line_reference(order.order_no, line.line_no),
        only_if_in_stock=not sale.allow_backorder,
    )
    orders_stock.settle_ship_by(session, order)
    session.flush()
    after = available(session, variant) if variant.is_bundle else variant.on_hand
    return LiveSaleResult(order_id=order.id, order_no=order.order_no, available_after=after)


def undo_live_sale(session: Session, order_id: int) -> None:
    """Delete a captured order with its stock moves (the undo of a capture). Refused for imported orders and for
    orders with shipments or after-sales cases."""
    order = session.get(Order, order_id)
    if order is None:
        raise UserError("orders.not_found", order_id=order_id)
    if order.source is not OrderSource.LIVE:
        raise UserError("orders.not_live", order_no=order.order_no)
    in_use = session.exec(select(AfterSalesCase.id).where(AfterSalesCase.order_id == order_id)).first()
    if in_use is not None or session.exec(select(Shipment.id).where(Shipment.order_id == order_id)).first():
        raise UserError("orders.live_sale_in_use", order_no=order.order_no)
    for line in session.exec(select(OrderLine).where(OrderLine.order_id == order_id)).all():
        orders_stock.unlink_sale(session, line)
        session.delete(line)
    session.flush()
    session.delete(order)
    session.flush()


def sold_counters(session: Session, show_id: int, variant_ids: Sequence[int]) -> tuple[SoldCounter, ...]:
    """Per SKU: units sold in the show (every source, cancelled and refunded units left out), what can still be
    sold, and how many are waiting for it. SKUs that no longer exist are left out."""
    ids = list(dict.fromkeys(variant_ids))
    sold = dict(
        session.exec(
            select(OrderLine.variant_id, func.sum(OrderLine.quantity - OrderLine.refunded_quantity))
            .join(Order, col(Order.id) == col(OrderLine.order_id))
            .where(
                Order.show_id == show_id,
                col(OrderLine.variant_id).in_(ids),
                col(Order.status).not_in([OrderStatus.CANCELLED, OrderStatus.REFUNDED]),
            )
            .group_by(col(OrderLine.variant_id))
        ).all()
    )
    waiting = dict(
        session.exec(
            select(WaitlistEntry.variant_id, func.count())
            .where(
                WaitlistEntry.show_id == show_id,
                col(WaitlistEntry.variant_id).in_(ids),
                WaitlistEntry.status == WaitlistStatus.WAITING,
            )
            .group_by(col(WaitlistEntry.variant_id))
        ).all()
    )
    variants = {v.id: v for v in session.exec(select(Variant).where(col(Variant.id).in_(ids)))}
    return tuple(
        SoldCounter(
            variant_id=i,
            sold=int(sold.get(i) or 0),
            available=available(session, variants[i]),
            waiting=waiting.get(i, 0),
        )
        for i in ids
        if i in variants
    )


def join_waitlist(
    session: Session, show_id: int | None, variant_id: int, nickname: str, quantity: int, now: datetime
) -> int:
    name = nickname.strip()
    if not name:
        raise UserError("orders.nickname_required")
    if quantity < 1:
        raise UserError("orders.quantity_invalid", quantity=quantity)
    _require_variant(session, variant_id)
    _check_show(session, show_id, None)
    customer_id = session.exec(select(Customer.id).where(Customer.nickname == name).order_by(col(Customer.id))).first()
    entry = WaitlistEntry(
        show_id=show_id,
        variant_id=variant_id,
        customer_id=customer_id,
        nickname=name,
        quantity=quantity,
        status=WaitlistStatus.WAITING,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    return entry.id


def waitlist(session: Session, variant_id: int, show_id: int | None) -> tuple[WaitlistRow, ...]:
    """Every entry for the SKU (in the show, when given), first come first."""
    query = select(WaitlistEntry).where(WaitlistEntry.variant_id == variant_id)
    if show_id is not None:
        query = query.where(WaitlistEntry.show_id == show_id)
    return tuple(
        WaitlistRow(e.id, e.variant_id, e.nickname, e.quantity, e.status, e.created_at)
        for e in session.exec(query.order_by(col(WaitlistEntry.created_at), col(WaitlistEntry.id)))
        if e.id is not None
    )


def set_waitlist_status(session: Session, entry_id: int, status: WaitlistStatus) -> None:
    entry = session.get(WaitlistEntry, entry_id)
    if entry is None:
        raise UserError("orders.waitlist_not_found", entry_id=entry_id)
    entry.status = status
    session.add(entry)


def draw(
    session: Session,
    entrants: Sequence[str],
    winners: int,
    *,
    prize: str,
    show_id: int | None,
    segment_id: int | None,
    now: datetime,
) -> DrawResult:
    """Pick ``winners`` different entrants with the operating system's randomness (``secrets``) and log the draw.
    Names are trimmed and counted once each."""
    names = tuple(dict.fromkeys(name.strip() for name in entrants if name.strip()))
    if not names:
        raise UserError("orders.draw_no_entrants")
    if not 1 <= winners <= len(names):
        raise UserError("orders.draw_winners_invalid", winners=winners, entrants=len(names))
    _check_show(session, show_id, segment_id)
    chosen = tuple(secrets.SystemRandom().sample(names, winners))
    row = LuckyDraw(
        show_id=show_id,
        segment_id=segment_id,
        prize=prize.strip(),
        entrants_json=json.dumps(names, ensure_ascii=False),
        winners_json=json.dumps(chosen, ensure_ascii=False),
        drawn_at=now,
    )
    session.add(row)
    session.flush()
    return draw_result(row)


def draw_result(row: LuckyDraw) -> DrawResult:
    assert row.id is not None
    return DrawResult(
        id=row.id,
        prize=row.prize,
        entrants=tuple(json.loads(row.entrants_json)),
        winners=tuple(json.loads(row.winners_json)),
        drawn_at=row.drawn_at,
    )


def draws(session: Session, show_id: int) -> tuple[DrawResult, ...]:
    """The show's draws, oldest first."""
    rows = session.exec(
        select(LuckyDraw).where(LuckyDraw.show_id == show_id).order_by(col(LuckyDraw.drawn_at), col(LuckyDraw.id))
    )
    return tuple(draw_result(row) for row in rows)
