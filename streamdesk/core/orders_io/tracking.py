"""Tracking numbers coming back (FORMATS.md §3): a file of order id + courier + tracking number marks orders shipped.

Read: Chinese 批量发货 templates (订单号/订单编号, 物流公司, 物流单号/快递单号), TikTok's bulk-ship template (an
instruction row above ``Order ID, Tracking ID, Shipping Provider Name``), ShipStation exports (``Order - Number,
Tracking Number, Carrier``) and courier result files (用户订单号 + 运单号). One transaction for the whole file;
each order goes through orders_status.mark_shipped, so status and stock follow the same rules as a manual change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, text
from sqlmodel import Session

from streamdesk.core import orders_status
from streamdesk.core.errors import Problem, UserError
from streamdesk.core.order_types import TrackingImportResult
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.detect import header_index
from streamdesk.core.orders_io.reading import csv_guard, open_table
from streamdesk.core.products_io.mapping import normalise_header

ORDER_HEADERS = ("订单号", "订单编号", "主订单编号", "用户订单号", "Order ID", "Order - Number", "Order Number")
TRACKING_HEADERS = ("物流单号", "快递单号", "运单号", "Tracking ID", "Tracking Number", "Tracking No")
COURIER_HEADERS = (
    "物流公司",
    "快递公司",
    "Shipping Provider Name",
    "Carrier",
    "Carrier - Name",
    "Courier",
    "Service - Carrier",
)

# Aggregator-style codes (FORMATS.md §3): the short name a courier's full name contains → code.
COURIER_CODES = (
    ("顺丰", "SF"),
    ("中通", "ZTO"),
    ("圆通", "YTO"),
    ("申通", "STO"),
    ("韵达", "YD"),
    ("京东", "JD"),
    ("邮政", "YZPY"),
    ("EMS", "EMS"),
    ("百世", "HTKY"),
    ("德邦", "DBL"),
    ("极兔", "JTSD"),
    ("SF Express", "SF"),
    ("USPS", "USPS"),
    ("UPS", "UPS"),
    ("FedEx", "FEDEX"),
    ("DHL", "DHL"),
    ("Royal Mail", "RM"),
)


def courier_code(name: str) -> str:
    folded = name.casefold()
    for short, code in COURIER_CODES:
        if short.casefold() in folded:
            return code
    return ""


@dataclass(frozen=True, slots=True)
class _Columns:
    order: int
    tracking: int
    courier: int


def _first(index: dict[str, int], names: Sequence[str]) -> int:
    for name in names:
        found = index.get(normalise_header(name))
        if found is not None:
            return found
    return -1


def _columns(headers: Sequence[str]) -> _Columns | None:
    index = header_index(headers)
    columns = _Columns(_first(index, ORDER_HEADERS), _first(index, TRACKING_HEADERS), _first(index, COURIER_HEADERS))
    return columns if columns.order >= 0 and columns.tracking >= 0 else None


def read_tracking(path: Path, encoding: str | None) -> tuple[list[tuple[int, str, str, str]], list[Problem], str]:
    """(rows as (row, order no, courier, tracking no), problems, encoding)."""
    table = open_table(path, lambda record: _columns(record) is not None, encoding=encoding)
    try:
        columns = _columns(table.headers)
        if columns is None:
            raise UserError("orders_io.tracking_columns_missing", path=str(path))
        rows: list[tuple[int, str, str, str]] = []
        problems: list[Problem] = []
        with csv_guard(table):
            records = list(table.rows)  # a tracking file is small: read it whole, inside the guard
        for row, record in records:
            if not any(cell.strip() for cell in record):
                continue
            width = len(record)
            order_no, protected = cells.clean_order_id(record[columns.order] if columns.order < width else "")
            number, number_protected = cells.clean_order_id(
                record[columns.tracking] if columns.tracking < width else ""
            )
            courier = cells.clean_text(record[columns.courier]) if 0 <= columns.courier < width else ""
            if not order_no:
                continue  # TikTok's template has example/instruction rows without an order
            if cells.id_damaged(order_no, protected):
                problems.append(Problem(row, "orders_io.id_damaged", {"value": order_no}))
            elif not number or cells.blank(number):
                problems.append(Problem(row, "orders_io.tracking_missing", {"order": order_no}))
            elif cells.id_damaged(number, number_protected):
                problems.append(Problem(row, "orders_io.id_damaged", {"value": number}))
            else:
                rows.append((row, order_no, courier, number))
        return rows, problems, table.encoding
    finally:
        table.close()


def apply_tracking(
    session: Session, rows: Sequence[tuple[int, str, str, str]], problems: list[Problem], now: datetime
) -> TrackingImportResult:
    """Mark each order shipped with its number (once per number); does not commit."""
    conn = session.connection()
    sql = text("SELECT order_no, id FROM orders WHERE order_no IN :nos").bindparams(bindparam("nos", expanding=True))
    known_sql = text("SELECT order_id, tracking_no FROM shipments WHERE order_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    wanted = sorted({order_no for _, order_no, _, _ in rows})
    ids: dict[str, list[int]] = {}
    for start in range(0, len(wanted), 500):
        for order_no, order_id in conn.execute(sql, {"nos": wanted[start : start + 500]}):
            ids.setdefault(str(order_no), []).append(int(order_id))
    all_ids = sorted({i for found in ids.values() for i in found})
    shipped: set[tuple[int, str]] = set()
    for start in range(0, len(all_ids), 500):
        shipped.update((int(a), str(b)) for a, b in conn.execute(known_sql, {"ids": all_ids[start : start + 500]}))
    marked = already = 0
    for row, order_no, courier, number in rows:
        found = ids.get(order_no, [])
        if not found:
            problems.append(Problem(row, "orders_io.tracking_order_unknown", {"order": order_no}))
            continue
        if len(found) > 1:
            problems.append(Problem(row, "orders_io.tracking_order_ambiguous", {"order": order_no}))
            continue
        if (found[0], number) in shipped:
            already += 1
            continue
        try:
            orders_status.mark_shipped(session, found[0], courier, number, courier_code(courier), now)
        except UserError as refused:  # cancelled or refunded before shipping: checked before anything is written
            problems.append(Problem(row, refused.code, dict(refused.fields)))
            continue
        shipped.add((found[0], number))
        marked += 1
    return TrackingImportResult(
        orders_shipped=marked, already_known=already, skipped=tuple(sorted(problems, key=lambda p: p.row))
    )
