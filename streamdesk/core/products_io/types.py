"""DTOs of product import/export: what the import dialog and the CLI send to and get from ProductsIO.

Frozen dataclasses holding tuples. Row numbers are as the user sees them in a spreadsheet (header row = 1).
Money is integer minor units in the row's currency; None means "blank", never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from streamdesk.core.errors import Problem


class FieldKind(StrEnum):
    TEXT = "text"
    ID = "id"  # SKU, barcode: text; \t, a leading ' and ="…" wrappers stripped
    MONEY = "money"
    INTEGER = "integer"
    SPEC = "spec"  # "颜色:红;尺码:M" or "红/M"
    SPEC_VALUE = "spec_value"  # one attribute per column ("颜色": "红"); the header names the attribute
    TAGS = "tags"
    ROLE = "role"
    CURRENCY = "currency"


class FieldLevel(StrEnum):
    PRODUCT = "product"  # one value per product: taken from the first row of its group that has one
    VARIANT = "variant"  # one value per SKU row


@dataclass(frozen=True, slots=True)
class ImportField:
    """One thing a column can hold. ``header`` is what exports write; ``aliases`` are matched after normalising."""

    key: str
    header: str
    aliases: tuple[str, ...]
    kind: FieldKind
    level: FieldLevel
    required: bool = False
    exported: bool = True  # SPEC_VALUE columns are read but exports fold them into the spec column


class SourceKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A spreadsheet read as text: every cell a str, blank rows kept as () so row numbers stay true."""

    name: str  # file name, for display and as the stock moves' reference
    path: str
    kind: SourceKind
    encoding: str  # codec used for text files ("utf-8-sig", "gb18030", "utf-16"…); "" for XLSX
    encoding_guessed: bool  # True when a statistical detector chose it: show it and let the user confirm
    delimiter: str  # "," "\t" ";" for text files; "" for XLSX
    sheet: str  # the sheet read ("" for text files)
    sheets: tuple[str, ...]  # every sheet of the workbook, for a sheet picker
    header_row: int  # 1-based row of the header (leading blank rows are skipped)
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # data rows below the header, each padded to len(headers)

    def row_number(self, index: int) -> int:
        """The spreadsheet row number of ``rows[index]``."""
        return self.header_row + 1 + index

    @property
    def data_row_count(self) -> int:
        return sum(1 for row in self.rows if row)


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which header feeds which field: (field key, header) pairs; a field appears at most once."""

    columns: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, mapping: Mapping[str, str]) -> ColumnMapping:
        return cls(tuple((key, header) for key, header in mapping.items() if header))

    def header(self, key: str) -> str | None:
        for field_key, header in self.columns:
            if field_key == key:
                return header
        return None

    def as_dict(self) -> dict[str, str]:
        return dict(self.columns)

    def with_column(self, key: str, header: str | None) -> ColumnMapping:
        """A copy with ``key`` mapped to ``header`` (None or "" unmaps it)."""
        mapping = self.as_dict()
        mapping.pop(key, None)
        if header:
            mapping[key] = header
        return ColumnMapping.from_dict(mapping)


class ImportAction(StrEnum):
    ADD = "add"  # a new SKU (and a new product unless its title matches one)
    UPDATE = "update"  # an existing SKU whose values change
    UNCHANGED = "unchanged"  # an existing SKU the file leaves as it is
    SKIP = "skip"  # a row with problems: nothing of it is written


@dataclass(frozen=True, slots=True)
class PreviewRow:
    row: int
    action: ImportAction
    title: str
    spec_label: str
    sku_code: str
    currency: str
    cost_minor: int | None
    list_price_minor: int | None
    live_price_minor: int | None
    stock: int | None  # on hand after the import; None when the file leaves stock alone
    stock_change: int  # the IMPORT stock move this row makes (0: none)
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class WriteSet:
    """What apply() writes, worked out by plan(). Values are column → value dicts ready for executemany."""

    suppliers_new: tuple[tuple[str, str], ...]  # (name, contact)
    supplier_contacts: tuple[tuple[str, str], ...]  # (existing name, new contact)
    products_new: tuple[dict[str, Any], ...]  # every column but id, supplier_id and the timestamps
    products_new_supplier: tuple[str | None, ...]  # supplier name of each new product
    products_changed: tuple[dict[str, Any], ...]  # "id" plus changed columns (a "_supplier" name when it changes)
    variants_new: tuple[dict[str, Any], ...]  # every column but id, product_id and the timestamps
    # product of each new variant: an existing product id (> 0) or -(1 + index into products_new);
    # a non-zero "on_hand" of a new variant also becomes its IMPORT stock move
    variants_new_product: tuple[int, ...]
    variants_changed: tuple[dict[str, Any], ...]  # "id" plus changed columns ("version" when a real edit)
    stock_moves: tuple[tuple[int, int], ...]  # (existing variant id, signed quantity)
    fingerprint: tuple[object, ...]  # the catalogue's state when planned: apply refuses a stale plan


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The dry run: every row checked, nothing written. Feed it to ProductsIO.apply to write it."""

    source_name: str
    encoding: str
    rows_read: int  # non-blank data rows
    added: int  # new SKUs
    updated: int  # existing SKUs that change
    unchanged: int  # existing SKUs left as they are
    skipped_rows: tuple[int, ...]  # row numbers with problems
    new_products: int
    stock_moves: int
    problems: tuple[Problem, ...]  # every problem, in row order
    preview: tuple[PreviewRow, ...]  # the first rows, in file order (see PREVIEW_ROWS)
    mapping: ColumnMapping
    writes: WriteSet = field(repr=False)

    @property
    def skipped(self) -> int:
        return len(self.skipped_rows)

    @property
    def valid_rows(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def has_changes(self) -> bool:
        w = self.writes
        return bool(w.products_new or w.products_changed or w.variants_new or w.variants_changed or w.stock_moves)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source_name: str
    rows_read: int
    added: int
    updated: int
    unchanged: int
    skipped: int
    new_products: int
    stock_moves: int
    problems: tuple[Problem, ...]


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: str
    format: ExportFormat
    rows: int  # SKU rows written
    truncated_cells: int  # text longer than Excel's 32,767 characters, cut with a visible marker
