"""One product as the editor sees it: ProductDetail, whose ``input`` fed back to update_product changes nothing."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col, select

from streamdesk.core.catalogue_query import derive_margin
from streamdesk.core.catalogue_types import ProductDetail, ProductInput, ShowRole, VariantDetail, VariantInput
from streamdesk.core.catalogue_writes import spec_from_json
from streamdesk.core.errors import UserError
from streamdesk.models.catalogue import BundleItem, Product, ProductImage, Supplier, Variant

DEFAULT_CURRENCY = "CNY"


def bundle_available(components: list[tuple[int, int]], on_hand: dict[int, int]) -> int:
    """Complete sets the components make (as catalogue_query.AVAILABLE): components short of stock count as 0."""
    if not components:
        return 0
    return min(max(on_hand.get(component, 0), 0) // quantity for component, quantity in components)


def load_detail(session: Session, product_id: int) -> ProductDetail:
    product = session.get(Product, product_id)
    if product is None:
        raise UserError("catalogue.not_found", product_id=product_id)
    variants = session.exec(select(Variant).where(Variant.product_id == product_id).order_by(col(Variant.id))).all()
    ids = [v.id for v in variants]
    components: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for item in session.exec(
        select(BundleItem).where(col(BundleItem.bundle_id).in_(ids)).order_by(col(BundleItem.id))
    ).all():
        components[item.bundle_id].append((item.component_id, item.quantity))
    component_ids = {c for items in components.values() for c, _ in items}
    on_hand = {
        vid: count
        for vid, count in session.exec(select(Variant.id, Variant.on_hand).where(col(Variant.id).in_(component_ids)))
        if vid is not None
    }
    supplier = session.get(Supplier, product.supplier_id) if product.supplier_id is not None else None
    images = session.exec(
        select(ProductImage.file_name).where(ProductImage.product_id == product_id).order_by(col(ProductImage.position))
    ).all()
    details = tuple(_variant_detail(v, components[v.id or 0], on_hand) for v in variants)
    active = [v for v in variants if not v.archived]
    currency = (active or variants)[0].currency if variants else DEFAULT_CURRENCY
    product_input = ProductInput(
        title=product.title,
        variants=tuple(_variant_input(v, components[v.id or 0]) for v in active),
        currency=currency,
        alt_title=product.alt_title,
        brand=product.brand,
        category=product.category,
        tags=tuple(t for t in product.tags.split(",") if t),
        description=product.description,
        selling_points=product.selling_points,
        talking_points=product.talking_points,
        faq=product.faq,
        compliance_notes=product.compliance_notes,
        supplier_name=supplier.name if supplier else "",
        supplier_contact=supplier.contact if supplier else "",
        ship_from_region=product.ship_from_region,
        ship_cycle_days=product.ship_cycle_days,
        restock_lead_days=product.restock_lead_days,
        role=ShowRole(product.role) if product.role else None,
        images=tuple(images),
    )
    assert product.id is not None
    return ProductDetail(
        id=product.id, version=product.version, archived=product.archived, input=product_input, variants=details
    )


def _variant_input(variant: Variant, components: list[tuple[int, int]]) -> VariantInput:
    return VariantInput(
        sku_code=variant.sku_code,
        spec=spec_from_json(variant.spec),
        barcode=variant.barcode,
        cost_minor=variant.cost_minor,
        list_price_minor=variant.list_price_minor,
        live_price_minor=variant.live_price_minor,
        low_stock_threshold=variant.low_stock_threshold,
        components=tuple(components),
        id=variant.id,
    )


def _variant_detail(variant: Variant, components: list[tuple[int, int]], on_hand: dict[int, int]) -> VariantDetail:
    assert variant.id is not None
    margin, margin_percent = derive_margin(variant.cost_minor, variant.list_price_minor, variant.live_price_minor)
    return VariantDetail(
        id=variant.id,
        sku_code=variant.sku_code,
        spec=spec_from_json(variant.spec),
        spec_label=variant.spec_label,
        barcode=variant.barcode,
        cost_minor=variant.cost_minor,
        list_price_minor=variant.list_price_minor,
        live_price_minor=variant.live_price_minor,
        margin_minor=margin,
        margin_pct=margin_percent,
        low_stock_threshold=variant.low_stock_threshold,
        on_hand=bundle_available(components, on_hand) if variant.is_bundle else variant.on_hand,
        components=tuple(components),
        archived=variant.archived,
    )
