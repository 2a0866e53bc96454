"""Writing products and variants inside a caller's transaction. Inputs are validated before these run.

Every writer of ``variants`` fills ``search_text`` with catalogue_types.search_text() and keeps ``on_hand`` equal
to the StockMove ledger; edits bump ``version`` and ``updated_at`` only when a value really changes, so feeding
a ProductDetail's input back changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from streamdesk.core.catalogue_types import ProductInput, StockReason, VariantInput, normalise_tags, search_text
from streamdesk.core.catalogue_types import spec_label as make_spec_label
from streamdesk.core.catalogue_validation import clean_sku
from streamdesk.core.conflicts import check_version
from streamdesk.core.errors import UserError
from streamdesk.models.catalogue import BundleItem, Product, ProductImage, StockMove, Supplier, Variant

COPY_SUFFIX = "-COPY"


def clean_spec(spec: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name.strip(), value.strip()) for name, value in spec if name.strip() or value.strip())


def spec_to_json(spec: Sequence[tuple[str, str]]) -> str:
    """A JSON object of attribute → value in display order, e.g. {"颜色": "红", "尺码": "M"}; "" when empty."""
    return json.dumps(dict(spec), ensure_ascii=False) if spec else ""


def spec_from_json(stored: str) -> tuple[tuple[str, str], ...]:
    if not stored:
        return ()
    loaded = json.loads(stored)
    return tuple((str(name), str(value)) for name, value in loaded.items()) if isinstance(loaded, dict) else ()


def assign(row: Any, **values: Any) -> bool:
    """Set the attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def id_of(row: Product | Variant) -> int:
    if row.id is None:  # pragma: no cover - rows come from the database or were flushed
        raise ValueError("row has no id yet")
    return row.id


def supplier_id_for(session: Session, name: str, contact: str, now: datetime) -> int | None:
    """The supplier called ``name`` (created on first use; a non-empty contact replaces the stored one)."""
    name = name.strip()
    if not name:
        return None
    supplier = session.exec(select(Supplier).where(Supplier.name == name)).first()
    if supplier is None:
        supplier = Supplier(name=name, contact=contact.strip(), created_at=now, updated_at=now)
        session.add(supplier)
        session.flush()
    elif contact.strip() and assign(supplier, contact=contact.strip()):
        supplier.updated_at = now
    assert supplier.id is not None
    return supplier.id


def _product_values(session: Session, product: ProductInput, now: datetime) -> dict[str, Any]:
    return {
        "title": product.title.strip(),
        "alt_title": product.alt_title.strip(),
        "brand": product.brand.strip(),
        "category": product.category.strip(),
        "tags": ",".join(normalise_tags(product.tags)),
        "description": product.description,
        "selling_points": product.selling_points,
        "talking_points": product.talking_points,
        "faq": product.faq,
        "compliance_notes": product.compliance_notes,
        "supplier_id": supplier_id_for(session, product.supplier_name, product.supplier_contact, now),
        "ship_from_region": product.ship_from_region.strip(),
        "ship_cycle_days": product.ship_cycle_days,
        "restock_lead_days": product.restock_lead_days,
        "role": product.role,
    }


def _variant_values(product: ProductInput, variant: VariantInput) -> dict[str, Any]:
    spec = clean_spec(variant.spec)
    label = make_spec_label(spec)
    sku, barcode = clean_sku(variant.sku_code), variant.barcode.strip()
    text = search_text(
        title=product.title.strip(),
        alt_title=product.alt_title.strip(),
        tags=normalise_tags(product.tags),
        sku_code=sku,
        barcode=barcode,
        spec_label=label,
    )
    return {
        "sku_code": sku,
        "barcode": barcode,
        "spec": spec_to_json(spec),
        "spec_label": label,
        "currency": product.currency,
        "cost_minor": variant.cost_minor,
        "list_price_minor": variant.list_price_minor,
        "live_price_minor": variant.live_price_minor,
        "low_stock_threshold": variant.low_stock_threshold,
        "is_bundle": bool(variant.components),
        "search_text": text,
    }


def create_product(session: Session, product: ProductInput, now: datetime) -> int:
    row = Product(**_product_values(session, product, now), created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    product_id = id_of(row)
    _write_images(session, product_id, product.images)
    for variant in product.variants:
        _add_variant(session, product_id, product, variant, now)
    return product_id


def _add_variant(
    session: Session, product_id: int, product: ProductInput, variant: VariantInput, now: datetime
) -> None:
    row = Variant(product_id=product_id, **_variant_values(product, variant), created_at=now, updated_at=now)
    initial = 0 if variant.components else variant.initial_stock
    row.on_hand = initial
    session.add(row)
    session.flush()
    variant_id = id_of(row)
    if initial:
        session.add(StockMove(variant_id=variant_id, quantity=initial, reason=StockReason.INITIAL, created_at=now))
    _write_components(session, variant_id, variant.components)


def _write_images(session: Session, product_id: int, images: Sequence[str]) -> bool:
    current = session.exec(
        select(ProductImage.file_name).where(ProductImage.product_id == product_id).order_by(col(ProductImage.position))
    ).all()
    if tuple(current) == tuple(images):
        return False
    session.execute(delete(ProductImage).where(col(ProductImage.product_id) == product_id))
    session.flush()
    for position, name in enumerate(images):
        session.add(ProductImage(product_id=product_id, position=position, file_name=name))
    return True


def _write_components(session: Session, variant_id: int, components: Sequence[tuple[int, int]]) -> bool:
    current = session.exec(
        select(BundleItem.component_id, BundleItem.quantity)
        .where(BundleItem.bundle_id == variant_id)
        .order_by(col(BundleItem.id))
    ).all()
    if [tuple(c) for c in current] == [tuple(c) for c in components]:
        return False
    session.execute(delete(BundleItem).where(col(BundleItem.bundle_id) == variant_id))
    session.flush()
    for component_id, quantity in components:
        session.add(BundleItem(bundle_id=variant_id, component_id=component_id, quantity=quantity))
    return True


def require_version(session: Session, product_id: int, expected_version: int | None, title: str) -> Product:
    """The product, if the editor's ``expected_version`` is still the stored one; else UserError("db.conflict")
    naming it by the title in the editor (a rename by the other laptop would not be the one the user knows)."""
    row = session.get(Product, product_id)
    if row is None:
        raise UserError("catalogue.not_found", product_id=product_id)
    check_version(row.version, expected_version, title.strip() or row.title)
    return row


def update_product(session: Session, product_id: int, product: ProductInput, now: datetime) -> None:
    row = session.get(Product, product_id)
    if row is None:
        raise UserError("catalogue.not_found", product_id=product_id)
    changed = assign(row, **_product_values(session, product, now))
    changed |= _write_images(session, product_id, product.images)
    changed |= _write_variants(session, product_id, product, now)
    if changed:
        row.version += 1
        row.updated_at = now


def _write_variants(session: Session, product_id: int, product: ProductInput, now: datetime) -> bool:
    existing = {v.id: v for v in session.exec(select(Variant).where(Variant.product_id == product_id))}
    claimed = {v.id for v in product.variants if v.id is not None}
    unclaimed_by_sku = {v.sku_code: v for v in existing.values() if v.id not in claimed}
    targets: list[tuple[VariantInput, Variant | None]] = []
    for variant in product.variants:
        if variant.id is not None:
            targets.append((variant, existing[variant.id]))
        else:  # undo/redo of "add a variant": the removed variant with this SKU comes back with its ledger
            targets.append((variant, unclaimed_by_sku.pop(clean_sku(variant.sku_code), None)))
    reused = {id(row) for _, row in targets if row is not None}
    changed = False
    # SKU codes are unique: park the ones that change on placeholders first, so two variants can swap codes.
    # No stored code starts with a newline (codes are stripped), so the placeholders collide with nothing.
    renamed = [row for variant, row in targets if row is not None and row.sku_code != clean_sku(variant.sku_code)]
    for row in renamed:
        row.sku_code = f"\n{row.id}"
    if renamed:
        session.flush()
    for variant, target in targets:
        if target is None:
            _add_variant(session, product_id, product, variant, now)
            changed = True
            continue
        edited = assign(target, **_variant_values(product, variant), archived=False)
        edited |= _write_components(session, id_of(target), variant.components)
        if edited:
            target.version += 1
            target.updated_at = now
            changed = True
    for row in existing.values():
        if id(row) not in reused and not row.archived:
            row.archived, row.version, row.updated_at = True, row.version + 1, now
            changed = True
    return changed


def duplicate_product(session: Session, product_id: int, now: datetime) -> int:
    """A copy of the product and its active variants: SKUs get -COPY (-COPY2, …), barcodes are left empty
    (a barcode names one physical item), no stock, title + " (copy)"."""
    source = session.get(Product, product_id)
    if source is None:
        raise UserError("catalogue.not_found", product_id=product_id)
    fields = source.model_dump(exclude={"id", "version", "archived", "created_at", "updated_at"})
    copy = Product(**{**fields, "title": f"{source.title} (copy)"}, created_at=now, updated_at=now)
    session.add(copy)
    session.flush()
    copy_id = id_of(copy)
    images = session.exec(
        select(ProductImage.file_name).where(ProductImage.product_id == product_id).order_by(col(ProductImage.position))
    ).all()
    _write_images(session, copy_id, images)
    variants = session.exec(
        select(Variant)
        .where(Variant.product_id == product_id, col(Variant.archived).is_(False))
        .order_by(col(Variant.id))
    ).all()
    taken: set[str] = set()
    for variant in variants:
        sku = _free_copy_code(session, variant.sku_code, taken)
        taken.add(sku)
        tags = tuple(t for t in copy.tags.split(",") if t)
        text = search_text(
            title=copy.title,
            alt_title=copy.alt_title,
            tags=tags,
            sku_code=sku,
            barcode="",
            spec_label=variant.spec_label,
        )
        values = variant.model_dump(
            exclude={"id", "product_id", "version", "on_hand", "archived", "created_at", "updated_at"}
        )
        values.update(sku_code=sku, barcode="", search_text=text)
        row = Variant(**values, product_id=copy_id, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        components = session.exec(
            select(BundleItem.component_id, BundleItem.quantity)
            .where(BundleItem.bundle_id == variant.id)
            .order_by(col(BundleItem.id))
        ).all()
        _write_components(session, id_of(row), [(c, q) for c, q in components])
    return copy_id


def _free_copy_code(session: Session, sku: str, taken: set[str]) -> str:
    n = 1
    while True:
        candidate = f"{sku}{COPY_SUFFIX}" if n == 1 else f"{sku}{COPY_SUFFIX}{n}"
        in_use = session.exec(select(Variant.id).where(Variant.sku_code == candidate)).first() is not None
        if candidate not in taken and not in_use:
            return candidate
        n += 1


def delete_product(session: Session, product_id: int) -> None:
    """Hard delete, only to undo a create: refused once stock moved for other reasons or a bundle elsewhere
    uses one of its variants."""
    if session.get(Product, product_id) is None:
        raise UserError("catalogue.not_found", product_id=product_id)
    variant_ids = list(session.exec(select(Variant.id).where(Variant.product_id == product_id)).all())
    moved = session.exec(
        select(StockMove.id).where(col(StockMove.variant_id).in_(variant_ids), StockMove.reason != StockReason.INITIAL)
    ).first()
    used = session.exec(
        select(BundleItem.id).where(
            col(BundleItem.component_id).in_(variant_ids), col(BundleItem.bundle_id).not_in(variant_ids)
        )
    ).first()
    if moved is not None or used is not None:
        raise UserError("catalogue.in_use", product_id=product_id)
    session.execute(delete(StockMove).where(col(StockMove.variant_id).in_(variant_ids)))
    session.execute(delete(BundleItem).where(col(BundleItem.bundle_id).in_(variant_ids)))
    session.execute(delete(Variant).where(col(Variant.product_id) == product_id))
    session.execute(delete(ProductImage).where(col(ProductImage.product_id) == product_id))
    session.execute(delete(Product).where(col(Product.id) == product_id))


def set_archived(session: Session, product_ids: Sequence[int], archived: bool, now: datetime) -> None:
    rows = {p.id: p for p in session.exec(select(Product).where(col(Product.id).in_(product_ids)))}
    for product_id in product_ids:
        row = rows.get(product_id)
        if row is None:
            raise UserError("catalogue.not_found", product_id=product_id)
        if assign(row, archived=archived):
            row.version += 1
            row.updated_at = now


def set_live_prices(
    session: Session, changes: Sequence[tuple[int, int | None]], now: datetime
) -> tuple[tuple[int, int | None], ...]:
    rows = {v.id: v for v in session.exec(select(Variant).where(col(Variant.id).in_([c[0] for c in changes])))}
    before = {variant_id: row.live_price_minor for variant_id, row in rows.items()}
    for variant_id, price in changes:
        row = rows.get(variant_id)
        if row is None:
            raise UserError("catalogue.variant_not_found", variant_id=variant_id)
        if price is not None and price < 0:
            raise UserError("catalogue.live_price_negative", sku=row.sku_code)
    previous = tuple((variant_id, before[variant_id]) for variant_id, _ in changes)
    changed_products: set[int] = set()
    for variant_id, price in changes:
        row = rows[variant_id]
        if assign(row, live_price_minor=price):
            row.version += 1
            row.updated_at = now
            changed_products.add(row.product_id)
    # A live price is part of the product an editor shows: its version moves too, so an editor opened before
    # this (here or on another laptop) cannot save its old price over this one (core.conflicts).
    for product in session.exec(select(Product).where(col(Product.id).in_(sorted(changed_products)))):
        product.version += 1
        product.updated_at = now
    return previous
