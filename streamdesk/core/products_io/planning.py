"""plan(): check every row, group rows into products, and work out exactly what apply() will write.

Rules (the import dialog and README describe them to the user):
* rows with the same title are one product with several SKUs; an existing SKU keeps its product, and new SKUs
  join the product of the first existing SKU with their title, else an active product with exactly that title,
  else a new product;
* product-level columns (category, brand, tags…) take the first non-blank value among the product's rows;
* only mapped columns are touched on existing SKUs; a blank mapped cell clears the value (blank price → none),
  except stock, where blank means "leave it"; a stock cell sets on-hand through an IMPORT stock move of the
  difference, so on-hand always equals the ledger;
* a row with any problem is skipped whole; a SKU seen twice keeps its first row.
Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from streamdesk.core.catalogue_types import normalise_tags, search_text, spec_label
from streamdesk.core.errors import Problem
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.products_io.cells import cached_spec_label, spec_from_json, spec_json
from streamdesk.core.products_io.existing import Existing, ProductState
from streamdesk.core.products_io.rows import MONEY_COLUMNS, PRODUCT_BLANKS, ParsedRow, RowParser
from streamdesk.core.products_io.types import (
    ColumnMapping,
    ImportAction,
    ImportPlan,
    PreviewRow,
    SourceTable,
    WriteSet,
)

PREVIEW_ROWS = 200  # rows the dialog previews; every problem is listed regardless
CHUNK_ROWS = 5_000  # rows between progress reports and cancel checks
STAGE = "products_io.checking"

ProductKey = int | str  # an existing product id, or the title of a product to create


@dataclass(frozen=True, slots=True)
class _Outcome:
    action: ImportAction
    stock: int | None
    change: int


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _stored(column: str, value: Any) -> Any:
    """A parsed product value as its column stores it."""
    if column == "tags":
        return ",".join(value)
    if column == "role":
        return value.value if value is not None else None
    return value


def _same(column: str, old: Any, new: Any) -> bool:
    if column == "tags":
        return normalise_tags(old or "") == tuple(new)
    if column == "role":
        return (old or None) == (new.value if new is not None else None)
    return bool(old == new)


class _Planner:
    def __init__(self, existing: Existing) -> None:
        self.existing = existing
        self.products_new: list[dict[str, Any]] = []
        self.products_new_supplier: list[str | None] = []
        self.new_index: dict[str, int] = {}
        self.products_changed: list[dict[str, Any]] = []
        self.changed_products: set[int] = set()
        self.retitled: set[int] = set()  # products whose title, alt title or tags change: re-index all SKUs
        self.final_text: dict[ProductKey, tuple[str, str, tuple[str, ...]]] = {}
        self.suppliers_new: dict[str, str] = {}
        self.supplier_contacts: dict[str, str] = {}
        self.variants_new: list[dict[str, Any]] = []
        self.variants_new_product: list[int] = []
        self.variants_changed: list[dict[str, Any]] = []
        self.stock_moves: list[tuple[int, int]] = []
        self.outcomes: dict[int, _Outcome] = {}

    # --- grouping ---------------------------------------------------------------------------------------------
    def group(self, rows: Iterable[ParsedRow]) -> dict[ProductKey, list[ParsedRow]]:
        rows = list(rows)
        title_product: dict[str, int] = {}
        for row in rows:
            if row.existing is not None:
                title_product.setdefault(row.title, row.existing.product_id)
        groups: dict[ProductKey, list[ParsedRow]] = {}
        for row in rows:
            key: ProductKey
            if row.existing is not None:
                key = row.existing.product_id
            else:
                key = title_product.get(row.title) or self.existing.product_by_title.get(row.title) or row.title
            groups.setdefault(key, []).append(row)
        return groups

    # --- products ---------------------------------------------------------------------------------------------
    def product(self, key: ProductKey, members: list[ParsedRow]) -> None:
        values: dict[str, Any] = {}
        for row in members:
            for column, value in row.product.items():
                if column not in values or (_blank(values[column]) and not _blank(value)):
                    values[column] = value
        supplier = next((r.supplier for r in members if r.supplier), None if members[0].supplier is None else "")
        contact = next((r.supplier_contact for r in members if r.supplier_contact), "")
        if supplier:
            self._supplier(supplier, contact)
        title = members[0].title
        if isinstance(key, str):
            record = {"title": title, **{c: _stored(c, v) for c, v in PRODUCT_BLANKS.items()}}
            record.update({c: _stored(c, v) for c, v in values.items()})
            record.update(archived=False, version=1)
            self.new_index[key] = len(self.products_new)
            self.products_new.append(record)
            self.products_new_supplier.append(supplier or None)
            self.final_text[key] = (title, record["alt_title"], tuple(values.get("tags", ())))
            return
        state = self.existing.products[key]
        changes = self._product_changes(state, title, values, supplier)
        if changes:
            changes.update(id=key, version=state.version + 1)
            self.products_changed.append(changes)
            self.changed_products.add(key)
            if {"title", "alt_title", "tags"} & changes.keys():
                self.retitled.add(key)
        tags = values["tags"] if "tags" in values else normalise_tags(state.tags)
        self.final_text[key] = (title, values.get("alt_title", state.alt_title), tuple(tags))

    def _product_changes(
        self, state: ProductState, title: str, values: dict[str, Any], supplier: str | None
    ) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if title != state.title:
            changes["title"] = title
        for column, value in values.items():
            if not _same(column, state.value(column), value):
                changes[column] = _stored(column, value)
        if supplier is not None and (supplier or None) != state.supplier:
            changes["_supplier"] = supplier or None
        return changes

    def _supplier(self, name: str, contact: str) -> None:
        known = self.existing.suppliers.get(name)
        if known is None:
            self.suppliers_new.setdefault(name, contact)
        elif contact and contact != known[1]:
            self.supplier_contacts.setdefault(name, contact)

    # --- variants ---------------------------------------------------------------------------------------------
    def variants(self, key: ProductKey, members: list[ParsedRow]) -> None:
        title, alt_title, tags = self.final_text[key]
        product_ref = key if isinstance(key, int) else -(1 + self.new_index[key])
        for row in members:
            if row.existing is None:
                self._new_variant(row, product_ref, title, alt_title, tags)
            else:
                self._changed_variant(row, title, alt_title, tags)

    def _new_variant(self, row: ParsedRow, product_ref: int, title: str, alt_title: str, tags: tuple[str, ...]) -> None:
        spec = row.spec or ()
        label = cached_spec_label(spec)
        barcode = row.variant.get("barcode", "")
        stock = row.stock or 0
        self.variants_new_product.append(product_ref)
        self.variants_new.append(
            {
                "sku_code": row.sku,
                "barcode": barcode,
                "spec": spec_json(spec),
                "spec_label": label,
                "currency": row.currency,
                "cost_minor": row.variant.get("cost_minor"),
                "list_price_minor": row.variant.get("list_price_minor"),
                "live_price_minor": row.variant.get("live_price_minor"),
                "low_stock_threshold": row.variant.get("low_stock_threshold", 0),
                "on_hand": stock,
                "is_bundle": False,
                "archived": False,
                "search_text": search_text(
                    title=title, alt_title=alt_title, tags=tags, sku_code=row.sku, barcode=barcode, spec_label=label
                ),
                "version": 1,
            }
        )
        self.outcomes[row.number] = _Outcome(ImportAction.ADD, stock, stock)

    def _changed_variant(self, row: ParsedRow, title: str, alt_title: str, tags: tuple[str, ...]) -> None:
        state = row.existing
        assert state is not None
        changes: dict[str, Any] = {}
        for column, value in row.variant.items():
            if getattr(state, column) != value:
                changes[column] = value
        if row.currency != state.currency:
            changes["currency"] = row.currency
        label = state.spec_label
        if row.spec is not None and row.spec != spec_from_json(state.spec):
            label = spec_label(row.spec)
            changes.update(spec=spec_json(row.spec), spec_label=label)
        change = 0
        if row.stock is not None and row.stock != state.on_hand:
            change = row.stock - state.on_hand
            changes["on_hand"] = row.stock
            self.stock_moves.append((state.id, change))
        if changes:
            changes.update(id=state.id, version=state.version + 1)
        barcode = changes.get("barcode", state.barcode)
        text = search_text(
            title=title, alt_title=alt_title, tags=tags, sku_code=state.sku_code, barcode=barcode, spec_label=label
        )
        if text != state.search_text:
            changes.update(id=state.id, search_text=text)  # derived: refreshed even when nothing else changes
        if changes:
            self.variants_changed.append(changes)
        updated = "version" in changes or state.product_id in self.changed_products
        action = ImportAction.UPDATE if updated else ImportAction.UNCHANGED
        self.outcomes[row.number] = _Outcome(action, row.stock if row.stock is not None else state.on_hand, change)

    def reindex_siblings(self, in_file: set[str]) -> None:
        """SKUs of a renamed or retagged product that the file does not list still need new search text."""
        for product_id in sorted(self.retitled):
            title, alt_title, tags = self.final_text[product_id]
            for state in self.existing.siblings.get(product_id, ()):
                if state.sku_code in in_file:
                    continue
                text = search_text(
                    title=title,
                    alt_title=alt_title,
                    tags=tags,
                    sku_code=state.sku_code,
                    barcode=state.barcode,
                    spec_label=state.spec_label,
                )
                if text != state.search_text:
                    self.variants_changed.append({"id": state.id, "search_text": text})


def build_plan(
    source: SourceTable,
    mapping: ColumnMapping,
    parser: RowParser,
    identities: Sequence[tuple[str, str] | None],
    existing: Existing,
    cancel: CancelToken,
) -> Generator[Progress, None, ImportPlan]:
    """Check every row of ``source`` against ``existing``; yields Progress; writes nothing."""
    problems: list[Problem] = []
    parsed: list[ParsedRow] = []
    first_row: dict[str, int] = {}
    skipped: list[int] = []
    previewed: dict[int, tuple[str, str]] = {}  # row number → (title, SKU), the first PREVIEW_ROWS rows
    total = len(source.rows)
    rows_read = 0
    for index, (cells, identity) in enumerate(zip(source.rows, identities, strict=True)):
        if index % CHUNK_ROWS == 0:
            cancel.raise_if_set()
            yield Progress(index, total, STAGE)
        if identity is None:
            continue
        rows_read += 1
        number = source.row_number(index)
        title, sku = identity
        if len(previewed) < PREVIEW_ROWS:
            previewed[number] = (title, sku)
        if sku and first_row.setdefault(sku, number) != number:
            problems.append(Problem(number, "products_io.sku_duplicate", {"sku": sku, "first_row": first_row[sku]}))
            skipped.append(number)
            continue
        row = parser.parse(cells, number, identity, existing.variants.get(sku), problems)
        if row is None:
            skipped.append(number)
        else:
            parsed.append(row)
    cancel.raise_if_set()
    planner = _Planner(existing)
    groups = planner.group(parsed)
    for key, members in groups.items():
        planner.product(key, members)
    for key, members in groups.items():
        planner.variants(key, members)
    planner.reindex_siblings({row.sku for row in parsed})
    yield Progress(total, total, STAGE)
    by_number = {row.number: row for row in parsed if row.number in previewed}
    problems_of: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.row in previewed:
            problems_of.setdefault(problem.row, []).append(problem)
    preview = tuple(
        _preview(n, title, sku, by_number.get(n), planner.outcomes.get(n), tuple(problems_of.get(n, ())))
        for n, (title, sku) in previewed.items()
    )
    actions = [o.action for o in planner.outcomes.values()]
    new_stock = sum(1 for v in planner.variants_new if v["on_hand"] != 0)
    writes = WriteSet(
        suppliers_new=tuple(planner.suppliers_new.items()),
        supplier_contacts=tuple(planner.supplier_contacts.items()),
        products_new=tuple(planner.products_new),
        products_new_supplier=tuple(planner.products_new_supplier),
        products_changed=tuple(planner.products_changed),
        variants_new=tuple(planner.variants_new),
        variants_new_product=tuple(planner.variants_new_product),
        variants_changed=tuple(planner.variants_changed),
        stock_moves=tuple(planner.stock_moves),
        fingerprint=existing.fingerprint,
    )
    return ImportPlan(
        source_name=source.name,
        encoding=source.encoding,
        rows_read=rows_read,
        added=actions.count(ImportAction.ADD),
        updated=actions.count(ImportAction.UPDATE),
        unchanged=actions.count(ImportAction.UNCHANGED),
        skipped_rows=tuple(skipped),
        new_products=len(planner.products_new),
        stock_moves=len(planner.stock_moves) + new_stock,
        problems=tuple(sorted(problems, key=lambda p: p.row)),
        preview=preview,
        mapping=mapping,
        writes=writes,
    )


def _preview(
    number: int, title: str, sku: str, row: ParsedRow | None, outcome: _Outcome | None, problems: tuple[Problem, ...]
) -> PreviewRow:
    if row is None or outcome is None:
        return PreviewRow(number, ImportAction.SKIP, title, "", sku, "", None, None, None, None, 0, problems)
    state = row.existing

    def money(key: str) -> int | None:
        column = MONEY_COLUMNS[key]
        if column in row.variant or state is None:
            return row.variant.get(column)
        value: int | None = getattr(state, column)
        return value

    label = spec_label(row.spec) if row.spec is not None else (state.spec_label if state is not None else "")
    return PreviewRow(
        row=number,
        action=outcome.action,
        title=row.title,
        spec_label=label,
        sku_code=row.sku,
        currency=row.currency,
        cost_minor=money("cost"),
        list_price_minor=money("list_price"),
        live_price_minor=money("live_price"),
        stock=outcome.stock,
        stock_change=outcome.change,
    )
