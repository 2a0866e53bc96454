"""Poster templates, themes and the product grid: geometry in millimetres, plain Python (no Qt).

A template is a TOML file in resources/posters/: the page size in mm (print) or pixels (screen, drawn at 6 px/mm,
so 1080 px is 180 mm), and the boxes of the poster's parts as [x, y, width, height], fractions of the page
(``units = "fraction"``, the default) or millimetres (``units = "mm"``). ``[boxes]`` is the layout with products,
``[boxes_without_products]`` the one without (a bigger title and QR).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache

from streamdesk.core.errors import UserError
from streamdesk.resource_paths import resource_path

SCREEN_PX_PER_MM = 6.0  # 1080 px ↔ 180 mm: the millimetre size of a screen template's PDF page
PRINT_DPI = 300
PARTS = ("header", "title", "when", "promo", "products", "qr_panel")
MAX_PRODUCTS = 6


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))

    def scaled(self, factor: float, dx: float = 0.0, dy: float = 0.0) -> Box:
        return Box(dx + self.x * factor, dy + self.y * factor, self.w * factor, self.h * factor)


@dataclass(frozen=True, slots=True)
class PosterTemplate:
    key: str
    width_mm: float
    height_mm: float
    pixel_size: tuple[int, int] | None  # screen templates: the PNG's pixels; None for print (PNG at 300 dpi)
    name_zh: str = ""
    name_en: str = ""
    title_mm: tuple[float, float] = (6.0, 14.0)  # smallest and largest title size (cap height ≈ 0.7 of it)
    qr_min_mm: float = 20.0  # below this printed size the designer warns
    boxes: tuple[tuple[str, Box], ...] = ()
    boxes_without_products: tuple[tuple[str, Box], ...] = ()

    @property
    def is_print(self) -> bool:
        return self.pixel_size is None

    def box(self, part: str, *, with_products: bool = True) -> Box:
        boxes = dict(self.boxes if with_products or not self.boxes_without_products else self.boxes_without_products)
        return boxes.get(part, Box(0, 0, 0, 0))

    def pixels(self, dpi: int = PRINT_DPI) -> tuple[int, int]:
        """The PNG's size: the screen size, or the print size at ``dpi``."""
        if self.pixel_size is not None:
            return self.pixel_size
        return round(self.width_mm / 25.4 * dpi), round(self.height_mm / 25.4 * dpi)

    def name(self, language: str) -> str:
        return (self.name_zh if language.lower().startswith("zh") else self.name_en) or self.key


@dataclass(frozen=True, slots=True)
class PosterTheme:
    key: str
    background: str  # page
    surface: str  # cards and the QR panel
    accent: str  # badges, prices, the date pill
    text: str  # on the background
    muted: str  # secondary text on the background
    background_end: str = ""  # the gradient's far end ("" = flat)
    on_surface: str = "#1F1F1F"  # text on cards
    on_accent: str = "#FFFFFF"  # text on badges


THEMES: tuple[PosterTheme, ...] = (
    PosterTheme("festive", "#B3122E", "#FFF8EC", "#FFC94A", "#FFFFFF", "#FFE2B8", "#7E0A1F", "#3A0A12", "#6E0A1A"),
    PosterTheme("blush", "#FFF0EE", "#FFFFFF", "#FF2E4D", "#2A1618", "#8A5A5E", "#FFD9D6", "#2A1618", "#FFFFFF"),
    PosterTheme("fresh", "#EAF7F1", "#FFFFFF", "#0C8F61", "#0B3326", "#4D7567", "#C9EBDD", "#0B3326", "#FFFFFF"),
    PosterTheme("night", "#15172E", "#242849", "#FF4D8D", "#FFFFFF", "#B6B9E2", "#2B1B4F", "#FFFFFF", "#FFFFFF"),
    PosterTheme("minimal", "#FFFFFF", "#F3F4F6", "#111111", "#111111", "#5F6470", "", "#111111", "#FFFFFF"),
)


def theme(key: str) -> PosterTheme:
    for candidate in THEMES:
        if candidate.key == key:
            return candidate
    raise UserError("poster.unknown_theme", theme=key, choices=", ".join(t.key for t in THEMES))


def _boxes(table: dict[str, object], width: float, height: float, units: str) -> tuple[tuple[str, Box], ...]:
    found: list[tuple[str, Box]] = []
    for part in PARTS:
        value = table.get(part)
        if not isinstance(value, list) or len(value) != 4:
            continue
        x, y, w, h = (float(v) for v in value)
        if units == "fraction":
            x, w, y, h = x * width, w * width, y * height, h * height
        found.append((part, Box(x, y, w, h)))
    return tuple(found)


def parse_template(text: str) -> PosterTemplate:
    """A template from its TOML text (see the module's docstring)."""
    data = tomllib.loads(text)
    pixel = data.get("pixel_size")
    pixel_size = (int(pixel[0]), int(pixel[1])) if pixel else None
    if pixel_size is not None:
        width, height = pixel_size[0] / SCREEN_PX_PER_MM, pixel_size[1] / SCREEN_PX_PER_MM
    else:
        width, height = float(data["width_mm"]), float(data["height_mm"])
    units = str(data.get("units", "fraction"))
    title = data.get("title_mm", (6.0, 14.0))
    return PosterTemplate(
        key=str(data["key"]),
        width_mm=width,
        height_mm=height,
        pixel_size=pixel_size,
        name_zh=str(data.get("name_zh", "")),
        name_en=str(data.get("name_en", "")),
        title_mm=(float(title[0]), float(title[1])),
        qr_min_mm=float(data.get("qr_min_mm", 20.0)),
        boxes=_boxes(data.get("boxes", {}), width, height, units),
        boxes_without_products=_boxes(data.get("boxes_without_products", {}), width, height, units),
    )


@cache
def templates() -> tuple[PosterTemplate, ...]:
    """Every template of resources/posters/, in the order print first, then screen (a4, a5, story, square, xhs)."""
    folder = resource_path("posters")
    found = [parse_template(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.toml"))]
    order = {"a4": 0, "a5": 1, "story": 2, "square": 3, "xhs": 4}
    return tuple(sorted(found, key=lambda t: (order.get(t.key, 99), t.key)))


def template(key: str) -> PosterTemplate:
    for candidate in templates():
        if candidate.key == key:
            return candidate
    raise UserError("poster.unknown_template", template=key, choices=", ".join(t.key for t in templates()))


@dataclass(frozen=True, slots=True)
class Grid:
    """Product cards: ``horizontal`` cards have the picture left of the text, others above it."""

    cards: tuple[Box, ...]
    horizontal: bool
    picture: float  # the picture's side (square), mm


def _shape(count: int, columns: int) -> tuple[int, int]:
    return columns, math.ceil(count / columns)


def plan_grid(count: int, area: Box, gap: float) -> Grid:
    """Cards for ``count`` products filling ``area``: the arrangement whose pictures come out biggest.

    A vertical card needs ~0.55 of its width below the picture for two lines of title and the price; a horizontal one
    gives the text at least the picture's width.
    """
    if count <= 0 or area.w <= 0 or area.h <= 0:
        return Grid((), False, 0.0)
    best: tuple[float, int, bool] | None = None
    for columns in range(1, count + 1):
        cols, rows = _shape(count, columns)
        if (cols - 1) * rows >= count:  # an empty column
            continue
        card_w = (area.w - gap * (cols - 1)) / cols
        card_h = (area.h - gap * (rows - 1)) / rows
        if card_w <= 0 or card_h <= 0:
            continue
        vertical = min(card_w, card_h - max(card_w * 0.5, card_h * 0.3))
        horizontal = min(card_h, card_w * 0.48)
        for side, is_horizontal in ((vertical, False), (horizontal, True)):
            if best is None or side > best[0] * 1.04:
                best = (side, cols, is_horizontal)
    assert best is not None
    side, cols, horizontal = best
    rows = math.ceil(count / cols)
    card_w = (area.w - gap * (cols - 1)) / cols
    card_h = (area.h - gap * (rows - 1)) / rows
    if not horizontal:  # no taller than picture + text: keeps the cards compact, centred vertically
        card_h = min(card_h, side + max(card_w * 0.5, card_h * 0.3))
    block_h = rows * card_h + (rows - 1) * gap
    top = area.y + (area.h - block_h) / 2
    cards: list[Box] = []
    for index in range(count):
        row, col = divmod(index, cols)
        in_row = min(cols, count - row * cols)
        left = area.x + (area.w - (in_row * card_w + (in_row - 1) * gap)) / 2  # a short last row is centred
        cards.append(Box(left + col * (card_w + gap), top + row * (card_h + gap), card_w, card_h))
    return Grid(tuple(cards), horizontal, max(0.0, side))
