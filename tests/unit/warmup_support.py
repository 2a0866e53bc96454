"""A small shop for the warm-up tests: products with pictures, a show with a rundown and promotions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.show_types import (
    Platform,
    PromotionInput,
    PromotionKind,
    SegmentInput,
    SegmentKind,
    ShowInput,
    ShowStatus,
)
from streamdesk.core.shows import Shows
from streamdesk.core.warmup import Warmup
from streamdesk.db import Database

START = datetime(2026, 1, 8, 12, 0, tzinfo=UTC)  # three days after the test clock's 2026-01-05 12:00


@dataclass(frozen=True)
class Shop:
    catalogue: Catalogue
    shows: Shows
    warmup: Warmup
    show_id: int
    variants: tuple[int, ...]  # one per product, in the order they were created
    second_spec: int  # another variant of the first product
    images_dir: Path


def make_catalogue(database: Database, clock: object, images_dir: Path) -> Catalogue:
    return Catalogue(
        database.sessions,
        images_dir=images_dir,
        thumbnails_dir=images_dir / ".thumbnails",
        weights=ScoreWeights(),
        clock=clock,  # type: ignore[arg-type]
    )


def build_shop(database: Database, clock: object, tmp_path: Path, *, products: int = 8) -> Shop:
    images = tmp_path / "images"
    catalogue = make_catalogue(database, clock, images)
    shows = Shows(database.sessions, clock=clock)  # type: ignore[arg-type]
    warmup = Warmup(database.sessions, clock=clock, catalogue_images=catalogue.image_path)  # type: ignore[arg-type]
    variants: list[int] = []
    second = 0
    for n in range(products):
        picture = tmp_path / f"p{n}.png"
        Image.new("RGB", (40, 40), (n * 30 % 255, 90, 160)).save(picture)
        name = catalogue.import_image(picture) if n != 1 else None  # product 1 has no picture
        product_id = catalogue.create_product(
            ProductInput(
                title=f"商品{n}",
                variants=(
                    VariantInput(
                        f"SKU{n}-A",
                        spec=(("颜色", "红"),),
                        list_price_minor=1000 + n,
                        live_price_minor=None if n == 2 else 900 + n,
                    ),
                    VariantInput(
                        f"SKU{n}-B", spec=(("颜色", "蓝"),), list_price_minor=2000 + n, live_price_minor=1900 + n
                    ),
                ),
                images=() if name is None else (name,),
            )
        )
        detail = catalogue.get_product(product_id)
        variants.append(detail.variants[0].id)
        if n == 0:
            second = detail.variants[1].id
    show_id = shows.create_show(
        ShowInput(
            title="周末宠粉专场",
            theme="零食囤货",
            platforms=(Platform.CHANNELS,),
            planned_start=START,
            planned_seconds=7200,
            status=ShowStatus.SCHEDULED,
            promotions=(
                PromotionInput(PromotionKind.LUCKY_BAG, "整点福袋"),
                PromotionInput(PromotionKind.FULL_REDUCTION, "满199减30"),
            ),
        )
    )
    shows.replace_segments(
        show_id,
        [
            SegmentInput(SegmentKind.OPENING, "开场", 300, variant_ids=tuple(variants[3:4])),
            SegmentInput(SegmentKind.PITCH, "讲解", 600, variant_ids=(second, *variants[:2])),
            SegmentInput(SegmentKind.PITCH, "讲解二", 600, variant_ids=tuple(variants[2:])),
        ],
    )
    return Shop(catalogue, shows, warmup, show_id, tuple(variants), second, images)


def later(days: float = 0, hours: float = 0, minutes: float = 0) -> datetime:
    return START + timedelta(days=days, hours=hours, minutes=minutes)
