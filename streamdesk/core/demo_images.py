"""Product pictures for the demo shop, drawn locally with Pillow (no network, no stock photos).

Each card is the category's colour with a pattern, a white tile holding the category glyph (when a CJK font is
bundled in resources/fonts) or the product's initials, and its SKU code along the bottom. Pillow is imported inside
the function, like everywhere else in core.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.resource_paths import resource_path

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont, ImageFont

SIZE = 480
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def bundled_cjk_font() -> Path | None:
    """The first font file in resources/fonts, which by design holds a CJK font; None when there is none."""
    folder = resource_path("fonts")
    if not folder.is_dir():
        return None
    fonts = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    return fonts[0] if fonts else None


def initials(title: str) -> str:
    """ "Ice-silk UPF50+ sun jacket" → "IU"; a title without Latin words gives its first character."""
    words = [word for word in title.replace("-", " ").split() if word[:1].isascii() and word[:1].isalnum()]
    if words:
        return "".join(word[0] for word in words[:2]).upper()
    return title[:1]


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(colour: tuple[int, int, int], towards: int, amount: float) -> tuple[int, int, int]:
    r, g, b = (round(channel + (towards - channel) * amount) for channel in colour)
    return r, g, b


def _font(size: int, cjk: Path | None) -> FreeTypeFont | ImageFont:
    from PIL import ImageFont

    if cjk is not None:
        return ImageFont.truetype(str(cjk), size)
    return ImageFont.load_default(size=size)


def draw_product_card(path: Path, *, title: str, glyph: str, colour: str, code: str, pattern: int) -> Path:
    """Draw a square PNG card to ``path`` and return it. The same arguments always give the same picture."""
    from PIL import Image, ImageDraw

    base = _rgb(colour)
    image = Image.new("RGB", (SIZE, SIZE), base)
    draw = ImageDraw.Draw(image)
    light = _mix(base, 255, 0.18)
    kind = pattern % 3
    if kind == 0:  # diagonal stripes
        for offset in range(-SIZE, SIZE, 48):
            draw.line([(offset, SIZE), (offset + SIZE, 0)], fill=light, width=14)
    elif kind == 1:  # dots
        for y in range(24, SIZE, 60):
            for x in range(24 + (y // 60 % 2) * 30, SIZE, 60):
                draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=light)
    else:  # rings
        for radius in range(40, SIZE, 56):
            draw.ellipse([SIZE - radius, -radius, SIZE + radius, radius], outline=light, width=10)

    tile = (90, 70, SIZE - 90, SIZE - 110)
    draw.rounded_rectangle(tile, radius=36, fill=(255, 255, 255))
    cjk = bundled_cjk_font()
    label = glyph if cjk is not None else initials(title)
    font = _font(150 if len(label) <= 2 else 110, cjk)
    centre = ((tile[0] + tile[2]) / 2, (tile[1] + tile[3]) / 2)
    draw.text(centre, label, font=font, fill=base, anchor="mm")

    band = _mix(base, 0, 0.35)
    draw.rectangle([0, SIZE - 76, SIZE, SIZE], fill=band)
    draw.text((SIZE / 2, SIZE - 38), code, font=_font(40, None), fill=(255, 255, 255), anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path
