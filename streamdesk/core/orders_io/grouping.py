"""Rows → orders: group by order id, take the first non-empty value of each order-level field, parse every line.

The hot path of an import (once per row of a 200,000-line file): a row's line fields are parsed at once; its
order-level cells are looked at only while the order still lacks a value for them. Order-level values are
parsed once per order (assembling.py). Any problem on a row rejects its whole order, because a partial order
would have the wrong total and half its stock; the order's other rows are listed too.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.order_types import OrderStatus
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.types import LINE_FIELDS, ORDER_FIELDS, ParsedLine, Preset
from streamdesk.core.products_io.cells import parse_currency, parse_whole

PROGRESS_ROWS = 2000


@dataclass(frozen=True, slots=True)
class Context:
    """What parsing needs besides the cells: the preset, the zone for naive times, the fallback currency."""

    preset: Preset
    zone: str
    currency: str  # the settings' currency, when neither a column, the amounts nor the preset name one
    headers: tuple[str, ...]
    columns: Mapping[str, int]

    def header(self, column: int) -> str:
        return self.headers[column].strip() if 0 <= column < len(self.headers) else ""


@dataclass(slots=True)
class Pending:
    """An order while its rows are read: raw order-level text, parsed lines, where each value came from."""

    first_row: int
    values: dict[str, str]
    rows: list[int]
    lines: list[ParsedLine] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)  # field → row, when not the order's first row
    sums: dict[str, int] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)  # unmapped columns of the first row (raw_json)
    bad_row: int = 0  # the first row with a problem: the order is rejected


class Grouper:
    """Feed the rows (``feed``), then hand ``orders`` and ``problems`` to assembling."""

    def __init__(self, context: Context) -> None:
        self.context = context
        preset, columns = context.preset, context.columns
        self._id_column = columns["order_id"]
        self._id_pattern = re.compile(preset.id_pattern)
        self._order_columns = [
            (name, columns[name])
            for name in ORDER_FIELDS
            if name in columns and name != "order_id" and name not in preset.summed
        ]
        self._summed = [(name, columns[name]) for name in preset.summed if name in columns]
        mapped = set(columns.values())
        self._extra_columns = [
            (header.strip(), i) for i, header in enumerate(context.headers) if i not in mapped and header.strip()
        ]
        self._line = tuple(columns.get(name, -1) for name in LINE_FIELDS)
        self._refunds = cells.status_table(preset.refund_map)
        self.strings: dict[str, str] = {}
        self.orders: dict[str, Pending] = {}
        self.problems: list[Problem] = []
        self.rows_read = 0

    def feed(self, rows: Iterator[tuple[int, list[str]]], header_row: int) -> Generator[int, None, None]:
        """Consume rows; yields a row number every PROGRESS_ROWS rows (for Progress and cancel checks)."""
        id_column, pattern, problems, orders = self._id_column, self._id_pattern, self.problems, self.orders
        description_row = header_row + 1 if self.context.preset.description_row else -1
        for row, record in rows:
            if not any(record) or not any(cell.strip() for cell in record):
                continue
            self.rows_read += 1
            if row % PROGRESS_ROWS == 0:
                yield row
            raw_id = record[id_column] if id_column < len(record) else ""
            order_no, protected = cells.clean_order_id(raw_id)
            if not order_no:
                problems.append(Problem(row, "orders_io.order_id_missing", {"column": self.context.header(id_column)}))
                continue
            if cells.id_damaged(order_no, protected):
                problems.append(Problem(row, "orders_io.id_damaged", {"value": order_no}))
                continue
            if pattern.fullmatch(order_no) is None:
                if row == description_row:  # TikTok's row of column descriptions under the header
                    self.rows_read -= 1
                    continue
                problems.append(Problem(row, "orders_io.not_an_order", {"value": order_no[:60]}))
                continue
            pending = orders.get(order_no)
            if pending is None:
                pending = orders[order_no] = Pending(row, {}, [row])
                self._take_extras(pending, record)
            else:
                pending.rows.append(row)
            self._take_order_values(pending, record, row)
            self._take_line(pending, record, row)

    def _take_extras(self, pending: Pending, record: list[str]) -> None:
        width = len(record)
        for header, column in self._extra_columns:
            if column < width:
                text = record[column].strip()
                if text and text != "-":
                    pending.extras[header] = text

    def _take_order_values(self, pending: Pending, record: list[str], row: int) -> None:
        values, width = pending.values, len(record)
        for name, column in self._order_columns:
            if name not in values and column < width:
                text = record[column]
                if text and not cells.blank(text):
                    values[name] = text
                    if row != pending.first_row:
                        pending.sources[name] = row
        for name, column in self._summed:
            text = record[column] if column < width else ""
            if cells.blank(text):
                continue
            try:
                amount = cells.parse_money(text, self.row_currency(pending, text))
            except UserError:
                self._bad(
                    pending, row, "orders_io.money_invalid", value=text.strip(), column=self.context.header(column)
                )
                continue
            pending.sums[name] = pending.sums.get(name, 0) + (amount or 0)

    def _take_line(self, pending: Pending, record: list[str], row: int) -> None:
        width = len(record)
        line_id, title, sku, spec, qty_text, price_text, total_text, refund_text = (
            record[i] if 0 <= i < width else "" for i in self._line
        )
        line_no, protected = cells.clean_order_id(line_id) if line_id else ("", False)
        if line_no and cells.id_damaged(line_no, protected):
            self._bad(pending, row, "orders_io.id_damaged", value=line_no)
            return
        if not line_no:
            line_no = str(len(pending.lines) + 1)
        elif any(line.line_no == line_no for line in pending.lines):
            self.problems.append(Problem(row, "orders_io.line_duplicate", {"line": line_no}))
            return
        quantity = self._quantity(pending, row, qty_text)
        if quantity is None:
            return
        currency = self.row_currency(pending, price_text or total_text)
        try:
            price = cells.parse_money(price_text, currency) if price_text else None
            total = cells.parse_money(total_text, currency) if total_text else None
        except UserError as error:
            column = self._line[5] if error.fields.get("value") == price_text else self._line[6]
            self._bad(
                pending,
                row,
                "orders_io.money_invalid",
                value=error.fields.get("value", ""),
                column=self.context.header(column),
            )
            return
        if (price or 0) < 0 or (total or 0) < 0:
            self._bad(pending, row, "orders_io.money_negative", value=(price_text if (price or 0) < 0 else total_text))
            return
        refund: OrderStatus | None = None
        if refund_text and not cells.blank(refund_text):
            refund = self._refunds.get(cells.status_key(refund_text))
        title, spec = cells.clean_text(title), cells.clean_text(spec)
        sku = cells.clean_order_id(sku)[0] if sku else ""
        if not title and not sku:
            self._bad(pending, row, "orders_io.line_unnamed")
            return
        if total is None and price is not None:
            total = price * quantity
        intern = self.strings.setdefault
        pending.lines.append(
            ParsedLine(
                line_no, row, intern(sku, sku), intern(title, title), intern(spec, spec), quantity, price, total, refund
            )
        )

    def _quantity(self, pending: Pending, row: int, text: str) -> int | None:
        if self._line[4] < 0:
            return 1  # no quantity column (Whatnot sells one item per row)
        try:
            quantity = parse_whole(text) if text.strip() else None
        except ValueError:
            quantity = None
        if quantity is None:
            self._bad(pending, row, "orders_io.qty_invalid", value=text.strip()[:40])
            return None
        if quantity <= 0:
            self._bad(pending, row, "orders_io.qty_not_positive", value=text.strip())
            return None
        return quantity

    def row_currency(self, pending: Pending, amount_text: str) -> str:
        """The currency of a row's amounts: the order's currency column, the amount's symbol, the preset's, the
        settings'."""
        declared = pending.values.get("currency")
        if declared:
            try:
                code = parse_currency(declared)
            except ValueError:
                code = None
            if code:
                return code
        return cells.currency_hint(amount_text) or self.context.preset.currency or self.context.currency

    def _bad(self, pending: Pending, row: int, code: str, **fields: object) -> None:
        self.problems.append(Problem(row, code, dict(fields)))
        if not pending.bad_row:
            pending.bad_row = row


Companion = dict[str, dict[str, tuple[str, int]]]


def read_companion(rows: Iterator[tuple[int, list[str]]], context: Context) -> Generator[int, None, Companion]:
    """The order half of a two-file export (Etsy orders, 淘宝 ExportOrderList): order id → field → (text, row).

    Yields row numbers for progress and returns the table.
    """
    id_column = context.columns["order_id"]
    wanted = [(name, context.columns[name]) for name in ORDER_FIELDS if name in context.columns and name != "order_id"]
    table: Companion = {}
    for row, record in rows:
        if row % PROGRESS_ROWS == 0:
            yield row
        if not any(record):
            continue
        order_no, _ = cells.clean_order_id(record[id_column] if id_column < len(record) else "")
        if not order_no:
            continue
        values = table.setdefault(order_no, {})
        for name, column in wanted:
            if name not in values and column < len(record) and not cells.blank(record[column]):
                values[name] = (record[column], row)
    return table
