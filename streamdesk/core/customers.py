"""Customers: one per platform nickname, with their orders, lifetime value, addresses, tags and notes; nickname
completion for live capture; new against returning buyers of a show.

Lifetime value counts what a customer paid and kept: paid (else the goods' total) less refunds, for orders that
were paid and not cancelled or fully refunded. Masked values (``138****1234``, ``张**``) are kept as given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session, col, select

from streamdesk.core import orders_query, sql_dialect
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import AddressRow, BuyerCounts, CustomerDetail, CustomerRow, Platform
from streamdesk.models.orders import Customer, CustomerAddress, Order

DEFAULT_CURRENCY = "CNY"  # a customer without orders: the models' default
LIFETIME = (  # a CASE, not MAX(x, 0): SQLite's two-value MAX is GREATEST on PostgreSQL (team mode)
    "CASE WHEN o.status IN ('pending_payment', 'cancelled', 'refunded')"
    " OR COALESCE(o.paid_minor, o.goods_minor) < o.refunded_minor THEN 0"
    " ELSE COALESCE(o.paid_minor, o.goods_minor) - o.refunded_minor END"
)
BOUGHT = "o.status NOT IN ('pending_payment', 'cancelled')"  # orders that make someone a buyer
_ROW_SQL = (
    "SELECT c.id, c.platform, c.nickname, c.name, c.phone, c.tags, c.pii_masked, COUNT(o.id),"
    f" COALESCE(SUM({LIFETIME}), 0), MIN(o.created_at), MAX(o.created_at),"
    " (SELECT o2.currency FROM orders o2 WHERE o2.customer_id = c.id GROUP BY o2.currency"
    "  ORDER BY COUNT(*) DESC LIMIT 1)"
    " FROM customers c LEFT JOIN orders o ON o.customer_id = c.id"
)


def split_tags(tags: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in tags.replace("，", ",").split(",") if t.strip()))


def _row(r: Any) -> CustomerRow:
    return CustomerRow(
        id=r[0],
        platform=Platform(r[1]),
        nickname=r[2],
        name=r[3],
        phone=r[4],
        tags=split_tags(r[5]),
        orders=r[7],
        lifetime_minor=r[8],
        currency=r[11] or DEFAULT_CURRENCY,
        first_order_at=orders_query.read_time(r[9]),
        last_order_at=orders_query.read_time(r[10]),
        pii_masked=bool(r[6]),
    )


def customer_rows(conn: Connection, text: str, limit: int) -> tuple[CustomerRow, ...]:
    """Customers whose nickname, name or phone contains ``text``, most recent buyers first."""
    params: dict[str, Any] = {"limit": max(limit, 0)}
    where = ""
    if text.strip():
        params["text"] = orders_query.like_pattern(text.strip())
        like = f"{sql_dialect.like(conn)} :text ESCAPE '{orders_query.LIKE_ESCAPE}'"
        where = f" WHERE c.nickname {like} OR c.name {like} OR c.phone {like}"
    sql = (
        f"{_ROW_SQL}{where} GROUP BY c.id ORDER BY MAX(o.created_at) IS NULL, MAX(o.created_at) DESC, c.id LIMIT :limit"
    )
    return tuple(_row(r) for r in sql_dialect.run(conn, sql, params))


def require_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise UserError("orders.customer_not_found", customer_id=customer_id)
    return customer


def customer_detail(session: Session, customer_id: int, now: datetime) -> CustomerDetail:
    customer = require_customer(session, customer_id)
    conn = session.connection()
    row = _row(sql_dialect.run(conn, f"{_ROW_SQL} WHERE c.id = :id GROUP BY c.id", {"id": customer_id}).one())
    order_ids = session.exec(
        select(Order.id)
        .where(Order.customer_id == customer_id)
        .order_by(col(Order.created_at).desc(), col(Order.id).desc())
    ).all()
    addresses = session.exec(
        select(CustomerAddress)
        .where(CustomerAddress.customer_id == customer_id)
        .order_by(col(CustomerAddress.last_used_at).desc(), col(CustomerAddress.id).desc())
    )
    return CustomerDetail(
        row=row,
        notes=customer.notes,
        addresses=tuple(
            AddressRow(a.recipient, a.phone, a.province, a.city, a.district, a.detail, a.postcode, a.country)
            for a in addresses
        ),
        orders=orders_query.hydrate(conn, [i for i in order_ids if i is not None], now),
    )


def update_customer(
    session: Session, customer_id: int, *, name: str, phone: str, tags: Sequence[str], notes: str, now: datetime
) -> None:
    customer = require_customer(session, customer_id)
    customer.name, customer.phone, customer.notes = name.strip(), phone.strip(), notes
    customer.tags = ",".join(split_tags(",".join(tags)))
    customer.pii_masked = "*" in customer.name or "*" in customer.phone
    customer.updated_at = now
    session.add(customer)


def find_or_add(session: Session, platform: Platform, nickname: str, now: datetime) -> Customer:
    """The customer with this nickname on this platform, added if new (the importer and live capture use it)."""
    nickname = nickname.strip()
    customer = session.exec(
        select(Customer).where(Customer.platform == platform, Customer.nickname == nickname)
    ).first()
    if customer is None:
        customer = Customer(platform=platform, nickname=nickname, created_at=now, updated_at=now)
        session.add(customer)
        session.flush()
    return customer


def nicknames(conn: Connection, prefix: str, platform: Platform | None, limit: int) -> tuple[str, ...]:
    """Nicknames starting with ``prefix`` (ASCII case ignored), most recent buyers first, each once."""
    params: dict[str, Any] = {"prefix": orders_query.like_pattern(prefix.strip())[1:], "limit": max(limit, 0)}
    where = f"c.nickname {sql_dialect.like(conn)} :prefix ESCAPE '{orders_query.LIKE_ESCAPE}'"
    if platform is not None:
        where += " AND c.platform = :platform"
        params["platform"] = platform.value
    sql = (
        "SELECT c.nickname FROM customers c LEFT JOIN orders o ON o.customer_id = c.id"
        f" WHERE {where} GROUP BY c.id ORDER BY MAX(o.created_at) IS NULL, MAX(o.created_at) DESC, c.nickname"
    )
    seen: dict[str, None] = {}
    for r in sql_dialect.run(conn, sql, params):
        seen.setdefault(r[0])
        if len(seen) >= params["limit"]:
            break
    return tuple(seen)


def buyer_counts(conn: Connection, show_id: int) -> BuyerCounts:
    """Buyers of the show; a buyer is new when their first order ever (not unpaid, not cancelled) is in it."""
    sql = (
        "SELECT s.customer_id, EXISTS (SELECT 1 FROM orders e WHERE e.customer_id = s.customer_id"
        f" AND e.status NOT IN ('pending_payment', 'cancelled') AND (e.show_id IS NULL OR e.show_id != :show)"
        " AND e.created_at < s.first_at)"
        f" FROM (SELECT o.customer_id, MIN(o.created_at) AS first_at FROM orders o WHERE o.show_id = :show AND {BOUGHT}"
        " AND o.customer_id IS NOT NULL GROUP BY o.customer_id) s"
    )
    returning = Counter(bool(r[1]) for r in sql_dialect.run(conn, sql, {"show": show_id}))
    return BuyerCounts(
        show_id=show_id,
        buyers=returning[True] + returning[False],
        new_buyers=returning[False],
        returning_buyers=returning[True],
    )


def show_buyers(conn: Connection, show_id: int) -> tuple[str, ...]:
    """The nicknames of the show's buyers, in the order they first bought (for the lucky draw)."""
    sql = (
        "SELECT c.nickname FROM orders o JOIN customers c ON c.id = o.customer_id"
        f" WHERE o.show_id = :show AND {BOUGHT} GROUP BY c.id ORDER BY MIN(o.created_at), c.id"
    )
    return tuple(dict.fromkeys(r[0] for r in sql_dialect.run(conn, sql, {"show": show_id})))
