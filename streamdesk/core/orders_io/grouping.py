"""Rows → orders: group by order id, take the first non-empty value of each order-level field, parse every line.

The hot path of an import (once per row of a 200,000-line file). A row's line fields are parsed at once; its
order-level cells are looked at only while the order still lacks a value for them. Platforms list an order's
rows together, so an order is assembled (assembling.py) as soon as the next order starts, and its raw text is
dropped: memory holds parsed orders, not the file. An order whose rows are scattered through the file (a sheet
re-sorted by product) is noticed and re-read whole in a second pass over the file.

Any problem on a row rejects its whole order: a partial order would have the wrong total and half its stock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.money import MAX_WHOLE_DIGITS
from streamdesk.core.order_types import OrderStatus
from streamdesk.core.orders_io import cells
from streamdesk.core.orders_io.types import LINE_FIELDS, ORDER_FIELDS, ParsedLine, ParsedOrder, Preset
from streamdesk.core.products_io.cells import parse_currency, parse_whole

PROGRESS_ROWS = 2000
Rows = Iterator[tuple[int, list[str]]]
# Few distinct values per file: one shared string each instead of one per row.
SHARED_FIELDS = frozenset(
    {"order_status", "fulfilment_status", "province", "city", "district", "courier", "currency", "country", "address"}
)


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
    """An order while its rows are read: raw order-level text by slot, parsed lines, where late values came from."""

    order_no: str
    first_row: int
    values: list[str]  # one per Grouper.slots entry; "" when blank
    rows: list[int]
    lines: list[ParsedLine]
    blanks: list[int]  # slots still blank: the only cells later rows are looked at for
    raw_json: str
    sources: dict[int, int] | None = None  # slot → row, for values not from the first row
    sums: dict[str, int] | None = None
    bad_row: int = 0  # the first row with a problem: the order is rejected


Assemble = Callable[[Pending], ParsedOrder | None]


class Grouper:
    """Feed the rows (``feed``), then read ``parsed`` (file order) and ``problems``."""

    def __init__(self, context: Context) -> None:
        self.context = context
        preset, columns = context.preset, context.columns
        self.id_column = columns["order_id"]
        self._id_pattern = re.compile(preset.id_pattern)
        order_names = [n for n in ORDER_FIELDS if n in columns and n != "order_id" and n not in preset.summed]
        self.slots: dict[str, int] = {name: slot for slot, name in enumerate(order_names)}
        self.slot_columns = [columns[name] for name in order_names]
        self._shared_slots = [slot for name, slot in self.slots.items() if name in SHARED_FIELDS]
        self._summed = [(name, columns[name]) for name in preset.summed if name in columns]
        mapped = set(columns.values())
        self._extra = [(h.strip(), i) for i, h in enumerate(context.headers) if i not in mapped and h.strip()]
        self._line = tuple(columns.get(name, -1) for name in LINE_FIELDS)
        self._widest = max([*self.slot_columns, *self._line, self.id_column], default=0)
        self._slot_getter = _cells_getter(self.slot_columns)
        self._refunds = cells.status_table(preset.refund_map)
        # A preset with its own currency and no currency column (抖店: CNY) needs no per-line currency guess.
        self._fixed_currency = preset.currency if preset.currency == "CNY" and "currency" not in columns else None
        self.strings: dict[str, str] = {}
        self._raw_json: dict[tuple[tuple[str, str], ...], str] = {}
        self.parsed: dict[str, ParsedOrder] = {}
        self.closed: set[str] = set()  # orders assembled (or rejected) already
        self.scattered: set[str] = set()  # orders met again after they were assembled
        self.rejected: dict[str, list[int]] = {}  # order → its rows, for orders assemble refused
        self.problems: list[Problem] = []
        self.rows_read = 0

    def feed(self, rows: Rows, header_row: int, assemble: Assemble, only: set[str] | None = None) -> Generator[int]:
        """Consume rows, assembling each order when the next one starts; yields a row number every PROGRESS_ROWS
        rows. ``only``: the second pass, which reads just the scattered orders (all their rows kept open)."""
        if only is not None:
            yield from self._feed_scattered(rows, assemble, only)
            return
        id_column, pattern, problems = self.id_column, self._id_pattern, self.problems
        description_row = header_row + 1 if self.context.preset.description_row else -1
        clean_id, take_line, fill, summed = cells.clean_order_id, self._take_line, self._fill, self._summed
        current: Pending | None = None
        read = 0
        for row, record in rows:
            if row % PROGRESS_ROWS == 0:
                yield row
            if not any(record):
                continue
            order_no, protected = clean_id(record[id_column] if id_column < len(record) else "")
            if current is not None and order_no == current.order_no:  # the next row of the same order
                read += 1
                current.rows.append(row)
                if current.blanks:
                    fill(current, record, row)
                if summed:
                    self._add_sums(current, record, row)
                take_line(current, record, row)
                continue
            if not order_no and not any(cell.strip() for cell in record):
                continue  # a blank row (spaces only)
            read += 1
            if not order_no:
                problems.append(Problem(row, "orders_io.order_id_missing", {"column": self.context.header(id_column)}))
                continue
            if cells.id_damaged(order_no, protected):
                problems.append(Problem(row, "orders_io.id_damaged", {"value": order_no}))
                continue
            if pattern.fullmatch(order_no) is None:
                if row == description_row:  # TikTok's row of column descriptions under the header
                    read -= 1
                    continue
                problems.append(Problem(row, "orders_io.not_an_order", {"value": order_no[:60]}))
                continue
            if current is not None:
                self._close(current, assemble)
                current = None
            if order_no in self.closed:
                self.scattered.add(order_no)
                continue
            current = self._start(order_no, record, row)
            if summed:
                self._add_sums(current, record, row)
            take_line(current, record, row)
        if current is not None:
            self._close(current, assemble)
        self.rows_read += read

    def _feed_scattered(self, rows: Rows, assemble: Assemble, only: set[str]) -> Generator[int]:
        """The second pass: every row of the scattered orders, each order kept open until the end of the file."""
        open_orders: dict[str, Pending] = {}
        for row, record in rows:
            if row % PROGRESS_ROWS == 0:
                yield row
            if not any(record):
                continue
            order_no, _ = cells.clean_order_id(record[self.id_column] if self.id_column < len(record) else "")
            if order_no not in only:
                continue
            pending = open_orders.get(order_no)
            if pending is None:
                pending = open_orders[order_no] = self._start(order_no, record, row)
            else:
                pending.rows.append(row)
                if pending.blanks:
                    self._fill(pending, record, row)
            if self._summed:
                self._add_sums(pending, record, row)
            self._take_line(pending, record, row)
        for pending in open_orders.values():
            self._close(pending, assemble)

    def _close(self, pending: Pending, assemble: Assemble) -> None:
        self.closed.add(pending.order_no)
        order = assemble(pending)
        if order is not None:
            self.parsed[pending.order_no] = order
        else:
            self.rejected[pending.order_no] = pending.rows

    def forget(self, order_nos: set[str]) -> None:
        """Drop what the first pass made of scattered orders (their orders and problems) before re-reading them."""
        rows: set[int] = set()
        for order_no in order_nos:
            order = self.parsed.pop(order_no, None)
            rows.update(order.rows if order is not None else self.rejected.pop(order_no, ()))
        self.problems[:] = [problem for problem in self.problems if problem.row not in rows]

    def _start(self, order_no: str, record: list[str], row: int) -> Pending:
        if len(record) <= self._widest:
            record = record + [""] * (self._widest + 1 - len(record))
        quick = cells.QUICK_BLANKS
        values = ["" if text in quick else text for text in self._slot_getter(record)]
        strings = self.strings
        for slot in self._shared_slots:
            text = values[slot]
            values[slot] = strings.setdefault(text, text)
        blanks = [slot for slot, text in enumerate(values) if not text]
        extras = tuple((h, record[i].strip()) for h, i in self._extra if record[i] not in quick)
        raw_json = self._raw_json.get(extras)
        if raw_json is None:
            raw_json = cells.json_object(extras)
            if len(self._raw_json) < 50_000:
                self._raw_json[extras] = raw_json
        return Pending(order_no, row, values, [row], [], blanks, raw_json)

    def _fill(self, pending: Pending, record: list[str], row: int) -> None:
        width = len(record)
        still: list[int] = []
        for slot in pending.blanks:
            column = self.slot_columns[slot]
            text = record[column] if column < width else ""
            if text and not cells.blank(text):
                pending.values[slot] = text
                if pending.sources is None:
                    pending.sources = {}
                pending.sources[slot] = row
            else:
                still.append(slot)
        pending.blanks = still

    def _add_sums(self, pending: Pending, record: list[str], row: int) -> None:
        width = len(record)
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
            if pending.sums is None:
                pending.sums = {}
            pending.sums[name] = pending.sums.get(name, 0) + (amount or 0)

    def _take_line(self, pending: Pending, record: list[str], row: int) -> None:
        if len(record) <= self._widest:
            record = record + [""] * (self._widest + 1 - len(record))
        line_id, title, sku, spec, qty_text, price_text, total_text, refund_text = [
            record[i] if i >= 0 else "" for i in self._line
        ]
        line_no, protected = cells.clean_order_id(line_id) if line_id else ("", False)
        if line_no and cells.id_damaged(line_no, protected):
            self._bad(pending, row, "orders_io.id_damaged", value=line_no)
            return
        if not line_no:
            line_no = str(len(pending.lines) + 1)
        elif pending.lines and any(line.line_no == line_no for line in pending.lines):
            self.problems.append(Problem(row, "orders_io.line_duplicate", {"line": line_no}))
            return
        quantity = self._quantity(pending, row, qty_text)
        if quantity is None:
            return
        currency = self._fixed_currency or self.row_currency(pending, price_text or total_text)
        try:
            price = cells.parse_money(price_text, currency) if price_text else None
            total = cells.parse_money(total_text, currency) if total_text else None
        except UserError as error:
            value = str(error.fields.get("value", ""))
            column = self._line[5] if value == price_text else self._line[6]
            self._bad(pending, row, "orders_io.money_invalid", value=value, column=self.context.header(column))
            return
        if (price or 0) < 0 or (total or 0) < 0:
            self._bad(pending, row, "orders_io.money_negative", value=(price_text if (price or 0) < 0 else total_text))
            return
        refund: OrderStatus | None = None
        if refund_text and refund_text not in cells.QUICK_BLANKS:
            refund = self._refunds.get(cells.status_key(refund_text))
        title, spec = cells.clean_text(title), cells.clean_text(spec)
        sku = "" if sku in cells.QUICK_BLANKS else cells.clean_order_id(sku)[0]
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
        if text.isdigit() and text.isascii() and len(text) <= MAX_WHOLE_DIGITS:
            quantity: int | None = int(text)
        else:
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
        slot = self.slots.get("currency")
        declared = pending.values[slot] if slot is not None else ""
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


def _cells_getter(columns: list[int]) -> Callable[[list[str]], Sequence[str]]:
    """The cells at ``columns`` of a (wide enough) record, fetched in C by itemgetter."""
    if len(columns) >= 2:
        return itemgetter(*columns)
    if columns:
        only = columns[0]
        return lambda record: (record[only],)
    return lambda record: ()


def read_companion(rows: Rows, context: Context) -> Generator[int, None, Companion]:
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
