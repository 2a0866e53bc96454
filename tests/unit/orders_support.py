"""Helpers for the orders tests: a catalogue over the test database, and orders written the way the importer
writes them (one transaction per file: the order by (platform, order_no), its lines, take_stock per line,
put_back when the export says it was cancelled or refunded before shipping)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from streamdesk.core import orders_stock
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.orders_match import holds_stock
from streamdesk.db import Database
from streamdesk.models.base import OrderSource, OrderStatus, Platform, StockReason
from streamdesk.models.orders import Customer, Order, OrderLine


def make_catalogue(database: Database, clock: Callable[[], datetime], tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".thumbnails", weights=ScoreWeights(), clock=clock
    )


def add_product(
    catalogue: Catalogue,
    title: str,
    *skus: tuple[str, int],
    ship_cycle_days: int | None = None,
    live_price_minor: int | None = None,
) -> list[int]:
    """A product with SKUs (code, initial stock); returns the variant ids in order."""
    product_id = catalogue.create_product(
        ProductInput(
            title=title,
            variants=tuple(
                VariantInput(code, initial_stock=stock, list_price_minor=1990, live_price_minor=live_price_minor)
                for code, stock in skus
            ),
            ship_cycle_days=ship_cycle_days,
        )
    )
    return [v.id for v in catalogue.get_product(product_id).variants]


def add_bundle(catalogue: Catalogue, sku: str, components: Sequence[tuple[int, int]]) -> int:
    product_id = catalogue.create_product(
        ProductInput(
            title=f"套装 {sku}", variants=(VariantInput(sku, list_price_minor=5000, components=tuple(components)),)
        )
    )
    return catalogue.get_product(product_id).variants[0].id


@dataclass(frozen=True)
class FileLine:
    line_no: str
    variant_id: int | None
    quantity: int
    title: str = "商品"
    sku_code: str = ""
    spec: str = ""
    unit_price_minor: int | None = 1990


@dataclass(frozen=True)
class FileOrder:
    order_no: str
    lines: tuple[FileLine, ...]
    status: OrderStatus = OrderStatus.PAID
    platform: Platform = Platform.DOUYIN
    buyer: str = ""
    paid_minor: int | None = None
    created_at: datetime | None = None
    paid_at: datetime | None = None
    ship_by: datetime | None = None
    show_id: int | None = None
    recipient: str = ""


def import_orders(database: Database, now: datetime, orders: Sequence[FileOrder]) -> dict[str, int]:
    """Write orders as an import does, in one transaction; returns order_no → order id."""
    ids: dict[str, int] = {}
    with database.sessions(write=True) as session, session.begin():
        for file_order in orders:
            order = session.exec(
                select(Order).where(Order.platform == file_order.platform, Order.order_no == file_order.order_no)
            ).first()
            customer_id = _customer(session, file_order.platform, file_order.buyer, now)
            if order is None:
                order = Order(
                    platform=file_order.platform,
                    order_no=file_order.order_no,
                    source=OrderSource.IMPORT,
                    status=file_order.status,
                    customer_id=customer_id,
                    show_id=file_order.show_id,
                    created_at=file_order.created_at or now,
                    paid_at=file_order.paid_at,
                    ship_by=file_order.ship_by,
                    recipient=file_order.recipient,
                    paid_minor=file_order.paid_minor,
                    goods_minor=sum((line.unit_price_minor or 0) * line.quantity for line in file_order.lines),
                )
                session.add(order)
            order.status = file_order.status
            if file_order.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED):
                order.shipped_at = order.shipped_at or now
            session.flush()
            assert order.id is not None
            ids[file_order.order_no] = order.id
            existing = {
                line.line_no: line for line in session.exec(select(OrderLine).where(OrderLine.order_id == order.id))
            }
            for file_line in file_order.lines:
                if file_line.line_no not in existing:
                    existing[file_line.line_no] = line = OrderLine(
                        order_id=order.id,
                        line_no=file_line.line_no,
                        variant_id=file_line.variant_id,
                        sku_code=file_line.sku_code,
                        title=file_line.title,
                        spec=file_line.spec,
                        quantity=file_line.quantity,
                        unit_price_minor=file_line.unit_price_minor,
                    )
                    session.add(line)
                    session.flush()
            for line in existing.values():  # the order's status decides for every line, also those not in this file
                reference = orders_stock.line_reference(order.order_no, line.line_no)
                if holds_stock(order):
                    orders_stock.unlink_put_back(session, line)
                    orders_stock.take_stock(session, line, now, reference=reference)
                else:
                    orders_stock.put_back(session, line, now, reason=StockReason.RETURN, reference=reference)
            orders_stock.settle_ship_by(session, order)
    return ids


def _customer(session, platform: Platform, nickname: str, now: datetime) -> int | None:
    if not nickname:
        return None
    customer = session.exec(
        select(Customer).where(Customer.platform == platform, Customer.nickname == nickname)
    ).first()
    if customer is None:
        customer = Customer(platform=platform, nickname=nickname, created_at=now, updated_at=now)
        session.add(customer)
        session.flush()
    return customer.id


def on_hand(database: Database, variant_id: int) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text("SELECT on_hand FROM variants WHERE id = :v"), {"v": variant_id}).scalar_one())


def ledger(database: Database, variant_id: int) -> int:
    with database.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT COALESCE(SUM(quantity), 0) FROM stock_moves WHERE variant_id = :v"), {"v": variant_id}
            ).scalar_one()
        )


def moves(database: Database, reference: str | None = None) -> list[tuple[int, int, str, str]]:
    """(variant_id, quantity, reason, reference) of the moves, oldest first; only ``reference``'s when given."""
    sql = "SELECT variant_id, quantity, reason, reference FROM stock_moves"
    params = {}
    if reference is not None:
        sql += " WHERE reference = :r"
        params["r"] = reference
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql + " ORDER BY id"), params)]


def line_ids(database: Database, order_id: int) -> list[int]:
    with database.engine.connect() as conn:
        return [
            r[0]
            for r in conn.execute(text("SELECT id FROM order_lines WHERE order_id = :o ORDER BY id"), {"o": order_id})
        ]
