"""Parsing and checking one row of a product file: cells → typed values, or Problems with the row number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.products_io.cells import (
    clean_id,
    clean_text,
    excel_damaged,
    format_spec,
    parse_currency,
    parse_money,
    parse_role,
    parse_spec,
    parse_tags,
    parse_whole,
)
from streamdesk.core.products_io.existing import VariantState
from streamdesk.core.products_io.mapping import FIELDS_BY_KEY
from streamdesk.core.products_io.types import ColumnMapping, FieldKind, FieldLevel, SourceTable

MONEY_COLUMNS = {"cost": "cost_minor", "list_price": "list_price_minor", "live_price": "live_price_minor"}
# Product columns an import can set, with the value a blank cell means.
PRODUCT_BLANKS: dict[str, Any] = {
    "alt_title": "",
    "brand": "",
    "category": "",
    "tags": (),
    "description": "",
    "selling_points": "",
    "talking_points": "",
    "faq": "",
    "compliance_notes": "",
    "ship_from_region": "",
    "ship_cycle_days": None,
    "restock_lead_days": None,
    "role": None,
}
_SPEC_KEYS = ("spec", "color", "size")


@dataclass(slots=True)
class ParsedRow:
    """One valid row. ``variant`` holds only mapped variant columns (database names); ``product`` likewise."""

    number: int
    title: str
    sku: str
    existing: VariantState | None
    currency: str
    variant: dict[str, Any]
    spec: tuple[tuple[str, str], ...] | None  # None: no spec column is mapped
    stock: int | None  # None: blank cell or no stock column
    product: dict[str, Any]
    supplier: str | None  # None: no supplier column; "" blank
    supplier_contact: str


class RowParser:
    """Column positions resolved once; ``parse`` then runs per row with no lookups by name."""

    def __init__(self, source: SourceTable, mapping: ColumnMapping, default_currency: str) -> None:
        index = {header: i for i, header in reversed(list(enumerate(source.headers)))}
        self.columns: dict[str, tuple[int, str]] = {
            key: (index[header], header) for key, header in mapping.columns if header in index
        }
        self.default_currency = default_currency
        self.title_at = self.columns["title"][0]
        self.sku_at, self.sku_header = self.columns["sku_code"]
        self.product_fields = [
            (key, at, FIELDS_BY_KEY[key].kind, header)
            for key, (at, header) in self.columns.items()
            if FIELDS_BY_KEY[key].level is FieldLevel.PRODUCT and key in PRODUCT_BLANKS
        ]
        self.money_fields = [(key, at) for key, (at, _) in self.columns.items() if key in MONEY_COLUMNS]
        self.spec_fields = [(key, *self.columns[key]) for key in _SPEC_KEYS if key in self.columns]

    def identities(self, rows: Sequence[tuple[str, ...]]) -> list[tuple[str, str] | None]:
        """(title, SKU) of every row, None for a blank row: what the database is asked about, once."""
        title_at, sku_at = self.title_at, self.sku_at
        return [(clean_text(cells[title_at]), clean_id(cells[sku_at])) if cells else None for cells in rows]

    def parse(
        self,
        cells: tuple[str, ...],
        number: int,
        identity: tuple[str, str],
        existing: VariantState | None,
        problems: list[Problem],
    ) -> ParsedRow | None:
        """The row's values, or None after appending its Problems (the whole row is then skipped)."""
        before = len(problems)
        title, sku = identity
        if not title:
            problems.append(Problem(number, "products_io.title_required"))
        if not sku:
            problems.append(Problem(number, "products_io.sku_required"))
        elif excel_damaged(sku):
            problems.append(Problem(number, "products_io.id_damaged", {"column": self.sku_header, "value": sku}))
        columns = self.columns
        currency = existing.currency if existing is not None else self.default_currency
        if "currency" in columns:
            cell = cells[columns["currency"][0]]
            try:
                currency = parse_currency(cell) or currency
            except ValueError:
                problems.append(Problem(number, "products_io.currency_invalid", {"value": cell.strip()}))
        variant: dict[str, Any] = {}
        if "barcode" in columns:
            at, header = columns["barcode"]
            barcode = clean_id(cells[at])
            if excel_damaged(barcode):
                problems.append(Problem(number, "products_io.id_damaged", {"column": header, "value": barcode}))
            variant["barcode"] = barcode
        for key, at in self.money_fields:
            cell = cells[at]
            try:
                amount = parse_money(cell, currency)
            except UserError:
                problems.append(Problem(number, f"products_io.{key}_invalid", {"value": cell.strip()}))
                continue
            if amount is not None and amount < 0:
                problems.append(Problem(number, f"products_io.{key}_negative", {"value": cell.strip()}))
            variant[MONEY_COLUMNS[key]] = amount
        stock = self._stock(cells, number, existing, problems)
        if "low_stock_threshold" in columns:
            variant["low_stock_threshold"] = self._whole(cells, "low_stock_threshold", number, problems) or 0
        spec = self._spec(cells, number, problems) if self.spec_fields else None
        product = self._product(cells, number, problems)
        if len(problems) > before:
            return None
        supplier = clean_text(cells[columns["supplier"][0]]) if "supplier" in columns else None
        contact = clean_text(cells[columns["supplier_contact"][0]]) if "supplier_contact" in columns else ""
        return ParsedRow(number, title, sku, existing, currency, variant, spec, stock, product, supplier, contact)

    def _stock(
        self, cells: tuple[str, ...], number: int, existing: VariantState | None, problems: list[Problem]
    ) -> int | None:
        if "stock" not in self.columns:
            return None
        cell = cells[self.columns["stock"][0]]
        try:
            stock = parse_whole(cell)
        except ValueError:
            problems.append(Problem(number, "products_io.stock_invalid", {"value": cell.strip()}))
            return None
        if stock is not None and stock < 0:
            problems.append(Problem(number, "products_io.stock_negative", {"value": cell.strip()}))
        if stock is not None and existing is not None and existing.is_bundle:
            problems.append(Problem(number, "products_io.bundle_stock", {"sku": existing.sku_code}))
        return stock

    def _whole(self, cells: tuple[str, ...], key: str, number: int, problems: list[Problem]) -> int | None:
        at, header = self.columns[key]
        try:
            value = parse_whole(cells[at])
        except ValueError:
            problems.append(
                Problem(number, "products_io.number_invalid", {"column": header, "value": cells[at].strip()})
            )
            return None
        if value is not None and value < 0:
            problems.append(
                Problem(number, "products_io.number_negative", {"column": header, "value": cells[at].strip()})
            )
        return value

    def _spec(self, cells: tuple[str, ...], number: int, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
        pairs: list[tuple[str, str]] = []
        for key, at, header in self.spec_fields:
            cell = cells[at]
            if key == "spec":
                try:
                    pairs.extend(parse_spec(cell, header))
                except ValueError:
                    problems.append(Problem(number, "products_io.spec_invalid", {"value": cell.strip()}))
                    return ()
            elif value := clean_text(cell):  # a 颜色 or 尺码 column: the header names the attribute
                pairs.append((header, value))
        if len(pairs) > 1 and len({name for name, _ in pairs}) != len(pairs):
            problems.append(Problem(number, "products_io.spec_invalid", {"value": format_spec(tuple(pairs))}))
            return ()
        return tuple(pairs)

    def _product(self, cells: tuple[str, ...], number: int, problems: list[Problem]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, at, kind, _header in self.product_fields:
            cell = cells[at]
            if kind is FieldKind.TEXT:
                values[key] = clean_text(cell)
            elif kind is FieldKind.TAGS:
                values[key] = parse_tags(cell)
            elif kind is FieldKind.INTEGER:
                values[key] = self._whole(cells, key, number, problems)
            elif kind is FieldKind.ROLE:
                try:
                    values[key] = parse_role(cell)
                except ValueError:
                    problems.append(Problem(number, "products_io.role_invalid", {"value": cell.strip()}))
        return values
