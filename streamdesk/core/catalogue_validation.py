"""Checks on a ProductInput before anything is written: each problem names the field it belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from streamdesk.core.catalogue_types import FieldProblem, ProductInput, VariantInput
from streamdesk.models.catalogue import BundleItem, Variant

CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class _Known:
    """What the database says about the variants the input mentions."""

    by_sku: dict[str, Variant]  # existing variants holding one of the input's SKU codes
    by_id: dict[int, Variant]  # existing variants the input refers to by id (its own ones and bundle components)
    used_as_component: frozenset[int]  # of the input's variant ids, those some bundle contains


def clean_sku(sku_code: str) -> str:
    return sku_code.strip()


def validate_product(
    session: Session, product: ProductInput, product_id: int | None, images_dir: Path
) -> tuple[FieldProblem, ...]:
    """Every problem with ``product`` as an edit of ``product_id`` (None: a new product). Reads, never writes."""
    known = _load(session, product)
    problems = [*_product_problems(product, images_dir)]
    seen: dict[str, int] = {}
    claimed = {v.id for v in product.variants if v.id is not None}
    for index, variant in enumerate(product.variants):
        problems += _variant_problems(index, variant, product_id, known, claimed, seen)
    return tuple(problems)


def _load(session: Session, product: ProductInput) -> _Known:
    skus = {clean_sku(v.sku_code) for v in product.variants} - {""}
    ids = {v.id for v in product.variants if v.id is not None}
    ids |= {component for v in product.variants for component, _ in v.components}
    by_sku = (
        {v.sku_code: v for v in session.exec(select(Variant).where(col(Variant.sku_code).in_(skus)))} if skus else {}
    )
    by_id = {v.id: v for v in session.exec(select(Variant).where(col(Variant.id).in_(ids)))} if ids else {}
    own_ids = {v.id for v in product.variants if v.id is not None} | {v.id for v in by_sku.values()}
    used = (
        session.exec(select(BundleItem.component_id).where(col(BundleItem.component_id).in_(own_ids))).all()
        if own_ids
        else []
    )
    return _Known(
        by_sku=by_sku, by_id={k: v for k, v in by_id.items() if k is not None}, used_as_component=frozenset(used)
    )


def _product_problems(product: ProductInput, images_dir: Path) -> Iterator[FieldProblem]:
    if not product.title.strip():
        yield FieldProblem("title", "catalogue.title_required")
    if not product.variants:
        yield FieldProblem("variants", "catalogue.no_variants")
    if not CURRENCY.fullmatch(product.currency):
        yield FieldProblem("currency", "catalogue.currency_invalid", (("currency", product.currency),))
    for field in ("ship_cycle_days", "restock_lead_days"):
        days = getattr(product, field)
        if days is not None and days < 0:
            yield FieldProblem(field, "catalogue.days_negative", (("days", days),))
    for n, name in enumerate(product.images):
        if Path(name).name != name or not (images_dir / name).is_file():
            yield FieldProblem(f"images.{n}", "catalogue.image_missing", (("file", name),))


def _variant_problems(
    index: int,
    variant: VariantInput,
    product_id: int | None,
    known: _Known,
    claimed: set[int],
    seen: dict[str, int],
) -> Iterator[FieldProblem]:
    at = f"variants.{index}"
    sku = clean_sku(variant.sku_code)
    target = None  # the stored variant this row will be written to
    if variant.id is not None:
        target = known.by_id.get(variant.id)
        if target is None or target.product_id != product_id:
            target = None
            yield FieldProblem(f"{at}.id", "catalogue.variant_unknown", (("variant_id", variant.id),))
    if not sku:
        yield FieldProblem(f"{at}.sku_code", "catalogue.sku_required")
    elif sku in seen:
        yield FieldProblem(f"{at}.sku_code", "catalogue.sku_duplicate", (("sku", sku),))
    else:
        seen[sku] = index
        holder = known.by_sku.get(sku)
        if holder is not None and not _may_take_sku(holder, variant, product_id, claimed):
            yield FieldProblem(f"{at}.sku_code", "catalogue.sku_duplicate", (("sku", sku),))
        elif holder is not None and variant.id is None and holder.id not in claimed:
            target = holder  # a removed variant coming back
    for field in ("cost_minor", "list_price_minor", "live_price_minor"):
        amount = getattr(variant, field)
        if amount is not None and amount < 0:
            code = "catalogue.cost_negative" if field == "cost_minor" else "catalogue.price_negative"
            yield FieldProblem(f"{at}.{field}", code)
    if variant.low_stock_threshold < 0:
        yield FieldProblem(f"{at}.low_stock_threshold", "catalogue.threshold_negative")
    if variant.initial_stock < 0:
        yield FieldProblem(f"{at}.initial_stock", "catalogue.stock_negative")
    names = [name.strip() for name, _ in variant.spec]
    if len(set(names)) != len(names):
        yield FieldProblem(f"{at}.spec", "catalogue.spec_duplicate")
    if variant.components:
        yield from _bundle_problems(at, variant, target, known)


def _may_take_sku(holder: Variant, variant: VariantInput, product_id: int | None, claimed: set[int]) -> bool:
    """Whether ``variant`` may carry the SKU code ``holder`` has today."""
    if holder.id == variant.id:
        return True
    if product_id is None or holder.product_id != product_id:
        return False
    if holder.id in claimed:
        return True  # another row of this edit renames it, so the code comes free
    return variant.id is None  # a new row: update_product reuses the removed variant that holds the code


def _bundle_problems(at: str, variant: VariantInput, target: Variant | None, known: _Known) -> Iterator[FieldProblem]:
    field = f"{at}.components"
    seen: set[int] = set()
    for component_id, quantity in variant.components:
        component = known.by_id.get(component_id)
        if target is not None and component_id == target.id:
            yield FieldProblem(field, "catalogue.bundle_self")
        elif component is None:
            yield FieldProblem(field, "catalogue.bundle_component_missing", (("component_id", component_id),))
        elif component.is_bundle:
            yield FieldProblem(field, "catalogue.bundle_nested", (("sku", component.sku_code),))
        if component_id in seen:
            yield FieldProblem(field, "catalogue.bundle_component_duplicate", (("component_id", component_id),))
        seen.add(component_id)
        if quantity <= 0:
            yield FieldProblem(field, "catalogue.bundle_quantity", (("quantity", quantity),))
    if variant.initial_stock:
        yield FieldProblem(f"{at}.initial_stock", "catalogue.bundle_stock_initial")
    if target is not None:
        if not target.is_bundle and target.on_hand != 0:
            yield FieldProblem(field, "catalogue.bundle_has_stock", (("on_hand", target.on_hand),))
        if target.id in known.used_as_component:
            yield FieldProblem(field, "catalogue.bundle_nested", (("sku", target.sku_code),))
