"""One grouped order's raw text → a ParsedOrder: money in minor units, times in UTC, status, address, privacy.

Runs once per order, as soon as the order's rows have been read. A value that cannot be read rejects the order,
with a problem on the row (and column) it came from; so do rows of the order that had problems while grouped.
For a two-file export the companion file's order-level values come first.
"""

from __future__ import annotations

from datetime import datetime

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.grouping import Companion, Context, Grouper, Pending
from streamdesk.core.orders_io.presets import TIKTOK_DAY_FIRST, TIKTOK_DAY_FIRST_DATES, TIKTOK_MARKET_ZONES
from streamdesk.core.orders_io.status import StatusTables, resolve_status
from streamdesk.core.orders_io.types import DATE_FIELDS, MONEY_FIELDS, ORDER_FIELDS, ParsedOrder
from streamdesk.core.products_io.cells import parse_currency

CN_PLATFORMS = frozenset({Platform.DOUYIN, Platform.KUAISHOU, Platform.CHANNELS, Platform.TAOBAO})


class Assembler:
    def __init__(self, grouper: Grouper, companion: Companion | None, companion_context: Context | None) -> None:
        self.grouper = grouper
        self.context = grouper.context
        self.problems = grouper.problems
        self.slots = grouper.slots
        self.companion = companion
        self.companion_context = companion_context
        self.tables = StatusTables.of(self.context.preset)
        names = set(self.slots) | set(self.context.preset.summed)
        if companion_context is not None:
            names |= set(companion_context.columns)
        self.money_fields = tuple(name for name in MONEY_FIELDS if name in names)
        self.date_fields = tuple(name for name in DATE_FIELDS if name in names)
        self.has_created = "created_at" in names
        self.strings = grouper.strings
        self._slot_names = tuple(self.slots)
        # Only the fields this file (or its companion) has are cleaned and looked at per order.
        self.present = tuple(name for name in ORDER_FIELDS if name in names and name not in MONEY_FIELDS | DATE_FIELDS)
        self.refunds_possible = bool({"refund_amount", "adjusted_total"} & names)
        self.split_address = self.context.preset.platform in CN_PLATFORMS

    def __call__(self, pending: Pending) -> ParsedOrder | None:
        """The order, or None after adding the problems that reject it."""
        own: dict[str, tuple[str, int]] = {}
        if self.companion is not None:
            found = self.companion.get(pending.order_no)
            if found is None:
                self._bad(pending, pending.first_row, "orders_io.companion_order_missing", order=pending.order_no)
            else:
                own = found
        order = None if pending.bad_row else self._build(pending, own)
        if order is None:
            self._reject(pending)
        return order

    def _texts(self, pending: Pending, companion: dict[str, tuple[str, int]]) -> dict[str, str]:
        """Every order-level field's raw text ("" when the file has none): the companion file's value first."""
        texts = dict(zip(self._slot_names, pending.values, strict=True))
        for name, (text, _) in companion.items():
            texts[name] = text
        return texts

    def _fail(self, pending: Pending, companion: dict[str, tuple[str, int]], name: str, code: str) -> None:
        """A problem on the row and column the value came from."""
        found = companion.get(name)
        if found is not None and self.companion_context is not None:
            text, row = found
            column = self.companion_context.header(self.companion_context.columns[name])
        else:
            text = self._texts(pending, companion).get(name, "")
            slot = self.slots.get(name)
            row = (pending.sources or {}).get(slot, pending.first_row) if slot is not None else pending.first_row
            column = self.context.header(self.context.columns.get(name, -1))
        self._bad(pending, row, code, value=text.strip()[:80], column=column)

    def _build(self, pending: Pending, companion: dict[str, tuple[str, int]]) -> ParsedOrder | None:
        preset, context = self.context.preset, self.context
        before = len(self.problems)
        texts = self._texts(pending, companion)
        value = texts.get

        currency: str | None = None
        if value("currency"):
            try:
                currency = parse_currency(texts["currency"])
            except ValueError:
                self._fail(pending, companion, "currency", "orders_io.currency_invalid")
        currency = currency or cells.currency_hint(value("paid_amount", "")) or preset.currency or context.currency
        money: dict[str, int | None] = {}
        for name in self.money_fields:
            try:
                money[name] = cells.parse_money(value(name, ""), currency)
            except UserError:
                self._fail(pending, companion, name, "orders_io.money_invalid")
        if pending.sums:
            money.update(pending.sums)
        dates: dict[str, datetime | None] = {}
        zone, formats = context.zone, preset.date_formats
        if preset.platform is Platform.TIKTOK:  # the market's zone and date order, told by the currency
            zone = TIKTOK_MARKET_ZONES.get(currency, zone)
            formats = TIKTOK_DAY_FIRST_DATES if currency in TIKTOK_DAY_FIRST else formats
        for name in self.date_fields:
            try:
                dates[name] = cells.parse_datetime_in(value(name, ""), formats, zone)
            except ValueError:
                self._fail(pending, companion, name, "orders_io.date_invalid")
        created = dates.get("created_at") or dates.get("paid_at")
        if len(self.problems) > before:
            return None
        if created is None:
            self._fail(pending, companion, "created_at" if self.has_created else "paid_at", "orders_io.created_missing")
            return None
        return self._order(pending, texts, money, dates, currency, created)

    def _order(
        self,
        pending: Pending,
        texts: dict[str, str],
        money: dict[str, int | None],
        dates: dict[str, datetime | None],
        currency: str,
        created: datetime,
    ) -> ParsedOrder:
        shared, clean, present = self.strings.setdefault, cells.clean_text, self.present
        text = {name: clean(texts.get(name, "")) for name in present}
        paid = money.get("paid_amount")
        refunded = _refunded(money, paid) if self.refunds_possible else 0
        lines = pending.lines
        raw_status = text.get("order_status", "")
        status, review = resolve_status(
            self.context.preset,
            self.tables,
            raw_status,
            text.get("fulfilment_status", ""),
            dates,
            [line.refund for line in lines],
            paid,
            refunded,
        )
        province, city, district = text.get("province", ""), text.get("city", ""), text.get("district", "")
        address = cells.join_address(text.get("address", ""), text.get("address2", ""))
        postcode = cells.clean_order_id(text["postcode"])[0] if "postcode" in text else ""
        if self.split_address and address and not (province or city):
            province, city, district, address, code = cells.split_cn_address(address)
            postcode = postcode or code
        courier = text.get("courier", "")
        tracking = cells.clean_order_id(text["tracking_no"])[0] if "tracking_no" in text else ""
        if not tracking and text.get("logistics"):
            courier, tracking = cells.split_logistics(text["logistics"])
        recipient = text.get("recipient", "")
        phone = cells.clean_order_id(text["phone"])[0] if "phone" in text else ""
        country = text.get("country", "")
        return ParsedOrder(
            pending.order_no,
            tuple(pending.rows),
            status,
            shared(raw_status, raw_status),
            review,
            created,
            dates.get("paid_at"),
            dates.get("shipped_at"),
            dates.get("completed_at"),
            currency,
            sum([line.total_minor or 0 for line in lines]),
            money.get("shipping_fee"),
            money.get("discount"),
            paid,
            refunded,
            text.get("buyer_nick", ""),
            recipient,
            phone,
            shared(province, province),
            shared(city, city),
            shared(district, district),
            address,
            postcode,
            shared(country, country),
            text.get("buyer_note", ""),
            text.get("seller_note", ""),
            tracking,
            shared(courier, courier),
            "*" in recipient or "*" in phone or "*" in address,  # masked by the platform (cells.masked)
            pending.raw_json,
            lines,
        )

    def _bad(self, pending: Pending, row: int, code: str, **fields: object) -> None:
        self.problems.append(Problem(row, code, dict(fields)))
        if not pending.bad_row:
            pending.bad_row = row

    def _reject(self, pending: Pending) -> None:
        """List the order's rows that had no problem of their own: they are skipped with it."""
        bad = pending.bad_row
        with_problems = {problem.row for problem in self.problems[-(len(pending.rows) + 8) :]}
        for row in pending.rows:
            if row != bad and row not in with_problems:
                self.problems.append(
                    Problem(row, "orders_io.order_rejected", {"order": pending.order_no, "bad_row": bad})
                )


def _refunded(money: dict[str, int | None], paid: int | None) -> int:
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
