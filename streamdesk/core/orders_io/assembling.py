"""One grouped order's raw text → a ParsedOrder: money in minor units, times in UTC, status, address, privacy.

Runs once per order. A value that cannot be read rejects the order with a problem on the row (and column) it
came from; so do rows of the order that had problems while they were grouped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.grouping import Companion, Context, Pending
from streamdesk.core.orders_io.status import StatusTables, resolve_status
from streamdesk.core.orders_io.types import DATE_FIELDS, MONEY_FIELDS, ORDER_FIELDS, ParsedOrder
from streamdesk.core.products_io.cells import parse_currency

CN_PLATFORMS = frozenset({Platform.DOUYIN, Platform.KUAISHOU, Platform.CHANNELS, Platform.TAOBAO})
_TEXT_FIELDS = ("buyer_nick", "recipient", "province", "city", "district", "country", "buyer_note", "seller_note")


class Assembler:
    def __init__(
        self, context: Context, problems: list[Problem], companion: Companion | None, companion_context: Context | None
    ) -> None:
        self.context = context
        self.problems = problems
        self.companion = companion
        self.companion_context = companion_context
        self.tables = StatusTables.of(context.preset)
        fields = set(context.columns)
        if companion_context is not None:
            fields |= set(companion_context.columns)
        self.fields = tuple(name for name in ORDER_FIELDS if name in fields and name != "order_id")
        self._strings: dict[str, str] = {}

    def _intern(self, text: str) -> str:
        """Share the few distinct provinces, cities and couriers of a big file (memory, not speed)."""
        return self._strings.setdefault(text, text)

    def assemble(self, order_no: str, pending: Pending) -> ParsedOrder | None:
        """The order, or None after adding the problems that reject it."""
        if self.companion is not None and order_no not in self.companion:
            self._bad(pending, pending.first_row, "orders_io.companion_order_missing", order=order_no)
        if pending.bad_row:
            self._reject(order_no, pending)
            return None
        order = self._build(order_no, pending)
        if order is None:
            self._reject(order_no, pending)
        return order

    def _text(self, order_no: str, pending: Pending, name: str) -> tuple[str, int, str]:
        """(text, row, column) of an order-level field: the companion file's value first, then this file's."""
        if self.companion is not None and self.companion_context is not None:
            found = self.companion.get(order_no, {}).get(name)
            if found is not None:
                column = self.companion_context.columns[name]
                return found[0], found[1], self.companion_context.header(column)
        text = pending.values.get(name, "")
        return (
            text,
            pending.sources.get(name, pending.first_row),
            self.context.header(self.context.columns.get(name, -1)),
        )

    def _build(self, order_no: str, pending: Pending) -> ParsedOrder | None:
        preset, context = self.context.preset, self.context
        texts = {name: self._text(order_no, pending, name) for name in self.fields}
        failed = False

        def value(name: str) -> str:
            found = texts.get(name)
            return found[0] if found is not None else ""

        def fail(name: str, code: str) -> None:
            nonlocal failed
            text, row, column = texts[name]
            self._bad(pending, row, code, value=text.strip()[:80], column=column)
            failed = True

        currency: str | None = None
        if value("currency"):
            try:
                currency = parse_currency(value("currency"))
            except ValueError:
                fail("currency", "orders_io.currency_invalid")
        currency = currency or cells.currency_hint(value("paid_amount")) or preset.currency or context.currency
        money: dict[str, int | None] = {}
        for name in MONEY_FIELDS & texts.keys():
            try:
                money[name] = cells.parse_money(value(name), currency)
            except UserError:
                fail(name, "orders_io.money_invalid")
        money.update(pending.sums)
        dates: dict[str, datetime | None] = {}
        for name in DATE_FIELDS & texts.keys():
            try:
                dates[name] = cells.parse_datetime(value(name), preset.date_formats, context.zone)
            except ValueError:
                fail(name, "orders_io.date_invalid")
        created = dates.get("created_at") or dates.get("paid_at")
        if created is None and not failed:
            name = "created_at" if "created_at" in texts else "paid_at" if "paid_at" in texts else ""
            if name:
                fail(name, "orders_io.created_missing")
            else:
                self._bad(pending, pending.first_row, "orders_io.created_missing", value="", column="")
                failed = True
        if failed or created is None:
            return None
        return self._order(order_no, pending, value, money, dates, currency, created)

    def _order(
        self,
        order_no: str,
        pending: Pending,
        value: Callable[[str], str],
        money: Mapping[str, int | None],
        dates: Mapping[str, datetime | None],
        currency: str,
        created: datetime,
    ) -> ParsedOrder:
        preset = self.context.preset
        intern = self._intern
        paid = money.get("paid_amount")
        refunded = _refunded(money, paid)
        lines = pending.lines
        raw_status = cells.clean_text(value("order_status"))
        status, review = resolve_status(
            preset,
            self.tables,
            raw_status,
            value("fulfilment_status"),
            dates,
            [line.refund for line in lines],
            paid,
            refunded,
        )
        text = {name: cells.clean_text(value(name)) for name in _TEXT_FIELDS}
        address = cells.join_address(value("address"), value("address2"))
        postcode = cells.clean_order_id(value("postcode"))[0]
        if preset.platform in CN_PLATFORMS and address and not (text["province"] or text["city"]):
            text["province"], text["city"], text["district"], address, code = cells.split_cn_address(address)
            postcode = postcode or code
        courier, tracking = cells.clean_text(value("courier")), cells.clean_order_id(value("tracking_no"))[0]
        if not tracking and value("logistics"):
            courier, tracking = cells.split_logistics(value("logistics"))
        phone = cells.clean_order_id(value("phone"))[0]
        return ParsedOrder(
            order_no=order_no,
            rows=tuple(pending.rows),
            status=status,
            raw_status=raw_status,
            needs_review=review,
            created_at=created,
            paid_at=dates.get("paid_at"),
            shipped_at=dates.get("shipped_at"),
            completed_at=dates.get("completed_at"),
            currency=currency,
            goods_minor=sum(line.total_minor or 0 for line in lines),
            shipping_minor=money.get("shipping_fee"),
            discount_minor=money.get("discount"),
            paid_minor=paid,
            refunded_minor=refunded,
            buyer=text["buyer_nick"],
            recipient=text["recipient"],
            phone=phone,
            province=intern(text["province"]),
            city=intern(text["city"]),
            district=intern(text["district"]),
            address=address,
            postcode=postcode,
            country=intern(text["country"]),
            buyer_note=text["buyer_note"],
            seller_note=text["seller_note"],
            tracking_no=tracking,
            courier=intern(courier),
            pii_masked=cells.masked(text["recipient"], phone, address),
            raw_json=json.dumps(pending.extras, ensure_ascii=False) if pending.extras else "{}",
            lines=lines,
        )

    def _bad(self, pending: Pending, row: int, code: str, **fields: object) -> None:
        self.problems.append(Problem(row, code, dict(fields)))
        if not pending.bad_row:
            pending.bad_row = row

    def _reject(self, order_no: str, pending: Pending) -> None:
        """List the order's rows that had no problem of their own: they are skipped with it."""
        bad = pending.bad_row
        with_problems = {problem.row for problem in self.problems[-64:]}
        for row in pending.rows:
            if row != bad and row not in with_problems:
                self.problems.append(Problem(row, "orders_io.order_rejected", {"order": order_no, "bad_row": bad}))


def _refunded(money: Mapping[str, int | None], paid: int | None) -> int:
    """Money back to the buyer. 淘宝's 退款金额 can hold the discount (应付 − 实付): then it is no refund.
    Etsy says a partial refund by an adjusted total below the order total."""
    refund = money.get("refund_amount") or 0
    payable = money.get("payable_amount")
    if refund and payable is not None and paid is not None and refund == payable - paid:
        refund = 0
    adjusted = money.get("adjusted_total")
    if not refund and adjusted is not None and paid is not None and adjusted < paid:
        refund = paid - adjusted
    return max(refund, 0)
