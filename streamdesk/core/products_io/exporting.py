"""export(): the catalogue as CSV or XLSX with the import's own headers, so export → import changes nothing.

* Columns are FIELDS' first aliases (商品名称, 英文名, 规格 …): the import maps them back without help.
* CSV is UTF-8 with a BOM by default: Excel, where most sellers open it, needs the BOM to read UTF-8 Chinese
  (without it Excel assumes the ANSI code page and shows mojibake); our import and pandas skip it.
* Formula injection (FORMATS.md §5): a text cell starting with = + - @ TAB CR NUL gets a leading ';
  numbers we format ourselves (prices, stock) are written as they are, and typed as numbers in XLSX.
  The import takes that ' off again, so the round trip is exact.
* XLSX: every cell typed explicitly (write_string / write_number); a text over Excel's 32,767 characters is cut
  with a visible marker and counted; past Excel's row limit the rows continue on another sheet.
* The file is written beside the target under a temporary name and renamed over it only when complete.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Generator, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, bindparam, text

from streamdesk.core.catalogue_types import (
    ArchivedFilter,
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    normalise_tags,
)
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.money import exponent, format_minor
from streamdesk.core.products_io.cells import FORMULA_TRIGGERS, format_spec, spec_from_json
from streamdesk.core.products_io.existing import chunks
from streamdesk.core.products_io.mapping import FIELDS
from streamdesk.core.products_io.types import ExportFormat, ExportSummary
from streamdesk.core.storage import discard, storage_failure
from streamdesk.db import SessionFactory

STAGE = "products_io.exporting"
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CHARS = 32_767
TRUNCATED_MARKER = "…[truncated]"
PAGE = 2_000

EXPORT_FIELDS = tuple(f for f in FIELDS if f.exported)
HEADERS = tuple(f.header for f in EXPORT_FIELDS)
_NUMERIC = frozenset({"cost", "list_price", "live_price", "stock", "low_stock_threshold", "ship_cycle_days",
                      "restock_lead_days"})  # fmt: skip

_SELECT = """
SELECT v.id, v.product_id, p.title, p.alt_title, v.spec, v.sku_code, v.barcode, v.cost_minor, v.list_price_minor,
       v.live_price_minor, v.on_hand, v.is_bundle, v.low_stock_threshold, p.category, p.brand, p.tags, s.name,
       s.contact, p.ship_from_region, p.ship_cycle_days, p.restock_lead_days, p.selling_points, p.talking_points,
       p.description, p.faq, p.compliance_notes, p.role, v.currency
FROM variants v JOIN products p ON p.id = v.product_id LEFT JOIN suppliers s ON s.id = p.supplier_id
"""


class CatalogueReader(Protocol):
    """The part of core.catalogue.Catalogue an export needs: its filter semantics (search, low stock)."""

    def count(self, filter: CatalogueFilter) -> int: ...

    def page(
        self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int
    ) -> tuple[CatalogueRow, ...]: ...


def neutralise(value: str) -> str:
    """Prefix ' to text a spreadsheet would evaluate (FORMATS.md §5)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _conditions(filter: CatalogueFilter) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if filter.archived is ArchivedFilter.ACTIVE:
        where.append("NOT v.archived AND NOT p.archived")
    elif filter.archived is ArchivedFilter.ARCHIVED:
        where.append("(v.archived OR p.archived)")
    if filter.category is not None:
        where.append("p.category = :category")
        params["category"] = filter.category
    if filter.role is not None:
        where.append("p.role = :role")
        params["role"] = filter.role.value
    return where, params


def _variant_ids(catalogue: CatalogueReader, filter: CatalogueFilter, cancel: CancelToken) -> list[int]:
    """Search text and low stock have the catalogue's own meaning: ask it which SKUs match."""
    ids: list[int] = []
    total = catalogue.count(filter)
    for offset in range(0, total, PAGE):
        cancel.raise_if_set()
        ids.extend(row.variant_id for row in catalogue.page(filter, CatalogueSort(), offset, PAGE))
    return sorted(set(ids))


def _records(conn: Connection, filter: CatalogueFilter, ids: list[int] | None) -> Iterator[Sequence[Any]]:
    where, params = _conditions(filter)
    if ids is None:
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.id, v.id"
        yield from conn.execute(text(sql), params)
        return
    where.append("v.id IN :ids")
    statement = text(_SELECT + " WHERE " + " AND ".join(where) + " ORDER BY p.id, v.id").bindparams(
        bindparam("ids", expanding=True)
    )
    rows: list[Sequence[Any]] = []
    for part in chunks(ids):
        rows.extend(conn.execute(statement, {**params, "ids": list(part)}))
    rows.sort(key=lambda r: (r[1], r[0]))  # keep each product's SKUs together, as the import groups them
    yield from rows


def _count(conn: Connection, filter: CatalogueFilter) -> int:
    where, params = _conditions(filter)
    sql = "SELECT COUNT(*) FROM variants v JOIN products p ON p.id = v.product_id"
    return int(conn.execute(text(sql + (" WHERE " + " AND ".join(where) if where else "")), params).scalar_one())


def _cells(record: Sequence[Any]) -> dict[str, str | int | None]:
    """One SKU as export values: text as str, money as formatted str, counts as int, blanks as None."""
    (_, _, title, alt_title, spec, sku, barcode, cost, list_price, live_price, on_hand, is_bundle, low, category,
     brand, tags, supplier, contact, ship_from, ship_cycle, restock, selling, talking, description, faq,
     compliance, role, currency) = record  # fmt: skip

    def money(minor: int | None) -> str | None:
        return None if minor is None else format_minor(minor, currency)

    return {
        "title": title,
        "alt_title": alt_title,
        "spec": format_spec(spec_from_json(spec)),
        "sku_code": sku,
        "barcode": barcode,
        "cost": money(cost),
        "list_price": money(list_price),
        "live_price": money(live_price),
        "stock": None if is_bundle else on_hand,  # a bundle's stock follows its components
        "low_stock_threshold": low,
        "category": category,
        "brand": brand,
        "tags": ",".join(normalise_tags(tags or "")),
        "supplier": supplier or "",
        "supplier_contact": contact or "",
        "ship_from_region": ship_from,
        "ship_cycle_days": ship_cycle,
        "restock_lead_days": restock,
        "selling_points": selling,
        "talking_points": talking,
        "description": description,
        "faq": faq,
        "compliance_notes": compliance,
        "role": role or "",
        "currency": currency,
    }


class _CsvSink:
    def __init__(self, path: Path, bom: bool) -> None:
        self._file = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(HEADERS)
        self.truncated = 0

    def write(self, values: dict[str, str | int | None]) -> None:
        self._writer.writerow([_csv_cell(f.key, values[f.key]) for f in EXPORT_FIELDS])

    def close(self) -> None:
        self._file.close()


def _csv_cell(key: str, value: str | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int) or key in _NUMERIC:
        return str(value)  # our own number formatting: ^-?\d+(\.\d+)?$, never neutralised
    return neutralise(value)


class _XlsxSink:
    def __init__(self, path: Path) -> None:
        import xlsxwriter

        # Zipped in memory, then written in one go: on a full disk xlsxwriter's own ZipFile on the file would be left
        # open, and its close when collected prints a traceback on stderr.
        self._path, self._zipped = path, io.BytesIO()
        self._book = xlsxwriter.Workbook(
            self._zipped, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self._formats: dict[int, Any] = {}
        self._sheet: Any = None
        self._row = EXCEL_MAX_ROWS
        self._sheets = 0
        self.truncated = 0

    def _new_sheet(self) -> None:
        self._sheets += 1
        self._sheet = self._book.add_worksheet("products" if self._sheets == 1 else f"products {self._sheets}")
        for column, header in enumerate(HEADERS):
            self._sheet.write_string(0, column, header)
        self._row = 1

    def _money_format(self, digits: int) -> Any:
        if digits not in self._formats:
            self._formats[digits] = self._book.add_format({"num_format": "0." + "0" * digits if digits else "0"})
        return self._formats[digits]

    def write(self, values: dict[str, str | int | None]) -> None:
        if self._row >= EXCEL_MAX_ROWS:
            self._new_sheet()
        sheet, row = self._sheet, self._row
        digits = exponent(str(values["currency"]))
        for column, f in enumerate(EXPORT_FIELDS):
            value = values[f.key]
            if value is None or value == "":
                continue
            if isinstance(value, int):
                sheet.write_number(row, column, value)
            elif f.key in ("cost", "list_price", "live_price"):
                sheet.write_number(row, column, float(Decimal(value)), self._money_format(digits))
            else:
                text_value = neutralise(value)
                if len(text_value) > EXCEL_MAX_CHARS:
                    text_value = text_value[: EXCEL_MAX_CHARS - len(TRUNCATED_MARKER)] + TRUNCATED_MARKER
                    self.truncated += 1
                sheet.write_string(row, column, text_value)
        self._row += 1

    def close(self) -> None:
        from xlsxwriter.exceptions import FileCreateError

        if self._sheet is None:
            self._new_sheet()
        try:
            self._book.close()
        except FileCreateError as exc:
            raise OSError(str(exc)) from exc
        self._path.write_bytes(self._zipped.getvalue())


def export_catalogue(
    sessions: SessionFactory,
    catalogue: CatalogueReader,
    path: Path,
    filter: CatalogueFilter,
    cancel: CancelToken,
    *,
    bom: bool = True,
) -> Generator[Progress, None, ExportSummary]:
    """Write the SKUs matching ``filter`` to ``path`` (.csv or .xlsx by suffix); yields Progress."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError("products_io.export_format", path=str(path))
    kind = ExportFormat.CSV if suffix == ".csv" else ExportFormat.XLSX
    if not path.parent.is_dir():
        raise UserError("products_io.export_failed", path=str(path))
    needs_catalogue = bool(filter.text.strip()) or filter.low_stock_only
    ids = _variant_ids(catalogue, filter, cancel) if needs_catalogue else None
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    written = 0
    try:
        sink: _CsvSink | _XlsxSink = _CsvSink(temporary, bom) if kind is ExportFormat.CSV else _XlsxSink(temporary)
        try:
            with sessions() as session:
                conn = session.connection()
                total = len(ids) if ids is not None else _count(conn, filter)
                yield Progress(0, total, STAGE)
                for record in _records(conn, filter, ids):
                    sink.write(_cells(record))
                    written += 1
                    if written % PAGE == 0:
                        cancel.raise_if_set()
                        yield Progress(written, total, STAGE)
        finally:
            sink.close()
        cancel.raise_if_set()
        temporary.replace(path)
    except OSError as exc:  # a full disk or a read-only folder is said so; anything else as before
        raise storage_failure(exc, target=path) or UserError("products_io.export_failed", path=str(path)) from exc
    finally:
        discard(temporary)
    yield Progress(written, written, STAGE)
    return ExportSummary(path=str(path), format=kind, rows=written, truncated_cells=sink.truncated)
