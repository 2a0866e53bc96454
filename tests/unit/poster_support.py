"""Hand-built poster content for the poster tests: products with real JPEG pictures, promotions, a booking URL."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from streamdesk.core.warmup_types import PosterContent, PosterProduct, PosterPromotion

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 1, 20, 0, tzinfo=SHANGHAI)  # a Tuesday
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)
URL = "https://live.douyin.com/reserve/7312345678901234567?sd_ch=poster"
COLOURS = ("#e76f51", "#2a9d8f", "#e9c46a", "#264653", "#f4a261", "#8ab17d")
TITLES = ("羊绒围巾", "真丝睡衣套装", "儿童防晒衣 UPF50+", "手工陶瓷咖啡杯", "有机红枣 500g", "神秘福袋")


def pictures(folder: Path, size: tuple[int, int] = (1600, 1200)) -> list[Path]:
    """Six product photos (JPEG, ``size``): a coloured field with a white disc, like a product shot."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, colour in enumerate(COLOURS):
        path = folder / f"product-{index}.jpg"
        image = Image.new("RGB", size, colour)
        draw = ImageDraw.Draw(image)
        w, h = size
        draw.ellipse((w * 0.25, h * 0.15, w * 0.75, h * 0.85), fill="#ffffff")
        image.save(path, quality=90)
        paths.append(path)
    return paths


def content(
    folder: Path | None, count: int, *, title: str = "冬日暖心围巾专场 Winter scarves", url: str = URL
) -> PosterContent:
    images = pictures(folder) if folder is not None and count else []
    products = tuple(
        PosterProduct(
            variant_id=index + 1,
            product_id=index + 1,
            title=TITLES[index],
            spec_label="",
            live_price_minor=(5900, 12900, 8900, 4500, 3990, 9900)[index],
            list_price_minor=(9900, None, 15900, None, 5990, None)[index],
            currency="CNY",
            image_path=str(images[index]) if images else "",
        )
        for index in range(count)
    )
    return PosterContent(
        show_id=1,
        title=title,
        theme="",
        planned_start=START,
        currency="CNY",
        products=products,
        promotions=(PosterPromotion("lucky_bag", ""), PosterPromotion("full_reduction", "满199减30")),
        link_id=1,
        channel_label="",
        channel_kind=None,
        platform=None,
        url=url,
    )
