"""What a show's poster says, read inside a caller's session: the show's texts, promotions, hero products with
their first picture, and the booking link whose QR it carries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlmodel import Session, col, select

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_store import link_row, links_of, require_link, require_show
from streamdesk.core.warmup_types import BookingLinkRow, PosterContent, PosterProduct, PosterPromotion
from streamdesk.models.base import ChannelKind, PromotionKind
from streamdesk.models.catalogue import Product, ProductImage, Variant
from streamdesk.models.shows import Segment, SegmentProduct, ShowPromotion
from streamdesk.models.warmup import WarmupSettings

MAX_PRODUCTS = 6  # a poster's grid; more would be too small to read at arm's length


def poster_content(
    session: Session,
    show_id: int,
    link_id: int | None,
    variant_ids: Sequence[int] | None,
    image_path: Callable[[str], Path] | None,
) -> PosterContent:
    show = require_show(session, show_id)
    settings = session.get(WarmupSettings, show_id)
    param = "" if settings is None else settings.tracking_param
    link = _poster_link(session, show_id, link_id, param)
    chosen = rundown_variants(session, show_id) if variant_ids is None else _distinct(variant_ids)
    promotions = session.exec(
        select(ShowPromotion).where(ShowPromotion.show_id == show_id).order_by(col(ShowPromotion.position))
    ).all()
    return PosterContent(
        show_id=show_id,
        title=show.title,
        theme=show.theme,
        planned_start=show.planned_start,
        currency=show.currency,
        products=products(session, chosen[:MAX_PRODUCTS], image_path),
        promotions=tuple(PosterPromotion(PromotionKind(p.kind).value, p.rule) for p in promotions),
        link_id=None if link is None else link.id,
        channel_label="" if link is None else link.label,
        channel_kind=None if link is None else link.kind,
        platform=None if link is None else link.platform,
        url="" if link is None else link.tagged_url,
    )


def _poster_link(session: Session, show_id: int, link_id: int | None, param: str) -> BookingLinkRow | None:
    """The chosen link; without a choice, the show's link for printed posters, else its first link, else none."""
    if link_id is not None:
        link = require_link(session, link_id)
        if link.show_id != show_id:
            raise UserError("warmup.link_not_found", link_id=link_id)
        return link_row(link, param)
    links = links_of(session, show_id)
    poster = [link for link in links if link.kind == ChannelKind.POSTER]
    chosen = poster or links
    return link_row(chosen[0], param) if chosen else None


def _distinct(variant_ids: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(int(v) for v in variant_ids))


def rundown_variants(session: Session, show_id: int) -> list[int]:
    """One variant per product, the first one each product shows in the rundown (segment order), products in the
    order they first appear."""
    query = (
        select(SegmentProduct.variant_id, Variant.product_id)
        .join(Segment, col(Segment.id) == col(SegmentProduct.segment_id))
        .join(Variant, col(Variant.id) == col(SegmentProduct.variant_id))
        .where(col(Segment.show_id) == show_id)
        .order_by(col(Segment.position), col(Segment.id), col(SegmentProduct.position), col(SegmentProduct.id))
    )
    seen: dict[int, int] = {}
    for variant_id, product_id in session.exec(query).all():
        seen.setdefault(int(product_id), int(variant_id))
    return list(seen.values())[:MAX_PRODUCTS]


def products(
    session: Session, variant_ids: Sequence[int], image_path: Callable[[str], Path] | None
) -> tuple[PosterProduct, ...]:
    """The variants (ids that no longer exist are left out) in the order given, each with its product's first
    picture when that file is there."""
    if not variant_ids:
        return ()
    rows = session.exec(
        select(Variant, Product)
        .join(Product, col(Product.id) == col(Variant.product_id))
        .where(col(Variant.id).in_(list(variant_ids)))
    ).all()
    found = {row_id_of(variant): (variant, product) for variant, product in rows}
    product_ids = {variant.product_id for variant, _ in found.values()}
    pictures: dict[int, str] = {}
    images = session.exec(
        select(ProductImage)
        .where(col(ProductImage.product_id).in_(product_ids))
        .order_by(col(ProductImage.product_id), col(ProductImage.position))
    ).all()
    for image in images:
        pictures.setdefault(image.product_id, image.file_name)
    result = []
    for variant_id in variant_ids:
        if variant_id not in found:
            continue
        variant, product = found[variant_id]
        result.append(
            PosterProduct(
                variant_id=variant_id,
                product_id=variant.product_id,
                title=product.title,
                spec_label=variant.spec_label,
                live_price_minor=variant.list_price_minor
                if variant.live_price_minor is None
                else variant.live_price_minor,
                list_price_minor=variant.list_price_minor,
                currency=variant.currency,
                image_path=_picture(pictures.get(variant.product_id), image_path),
            )
        )
    return tuple(result)


def row_id_of(variant: Variant) -> int:
    assert variant.id is not None, "rows read from the database have an id"
    return variant.id


def _picture(file_name: str | None, image_path: Callable[[str], Path] | None) -> str:
    if not file_name or image_path is None:
        return ""
    try:
        path = image_path(file_name)
    except UserError:  # a file name the catalogue refuses (not one of its own)
        return ""
    return str(path.resolve()) if path.is_file() else ""
