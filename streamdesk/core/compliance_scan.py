"""What ``streamdesk lint`` checks: a text file line by line, or a show's scripts and its products' texts.

Read-only: a show is read through ``Shows.rundown`` and ``Shows.get_show``, its products through
``Catalogue.get_product``; nothing is written. Lines and columns are 1-based, as editors count them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.core.compliance import Hit, WordList, check
from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.shows import Shows


@dataclass(frozen=True, slots=True)
class LineHit:
    line: int
    column: int
    text: str  # the words as written
    hit: Hit


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A hit in a show: ``place`` "show", "segment" or "product"; ``title`` the segment's or product's title;
    ``field`` the text it is in (notes, talking_points, promotion_cue, selling_points, faq)."""

    place: str
    place_id: int
    title: str
    field: str
    at: LineHit


def read_text_file(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), GB18030 or what charset-normalizer recognises."""
    from streamdesk.core.products_io.reading import decode

    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError("compliance.file_missing", path=str(path)) from exc
    except OSError as exc:
        raise UserError("compliance.unreadable", path=str(path)) from exc
    if not raw:
        return ""
    try:
        text, _codec, _guessed = decode(raw, path)
    except UserError as exc:
        raise UserError("compliance.not_text", path=str(path)) from exc
    return text


def check_lines(text: str, words: WordList, *, product_category: str | None = None) -> tuple[LineHit, ...]:
    found: list[LineHit] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for hit in check(line, product_category=product_category, words=words):
            found.append(LineHit(number, hit.start + 1, line[hit.start : hit.end], hit))
    return tuple(found)


def _texts(shows: Shows, catalogue: Catalogue, show_id: int) -> Iterator[tuple[str, int, str, str, str, str | None]]:
    """(place, id, title, field, text, product category) of every text of the show that a host says or shows."""
    show = shows.get_show(show_id)
    yield "show", show.id, show.title, "notes", show.notes, None
    rundown = shows.rundown(show_id)
    product_ids: dict[int, None] = {}
    for segment in rundown.segments:
        for field in ("talking_points", "promotion_cue", "notes"):
            yield "segment", segment.id, segment.title, field, getattr(segment, field), None
        for product in segment.products:
            product_ids.setdefault(product.product_id, None)
    for product_id in product_ids:
        detail = catalogue.get_product(product_id)
        entry = detail.input
        for field in ("selling_points", "talking_points", "faq"):
            yield "product", product_id, entry.title, field, getattr(entry, field), entry.category


def check_show(shows: Shows, catalogue: Catalogue, show_id: int, words: WordList) -> tuple[PlaceHit, ...]:
    """Every hit in the show's notes, its segments' talking points, promotion cues and notes, and the selling
    points, talking points and FAQ of the products in its segments (each product once, medical terms by its
    category)."""
    found: list[PlaceHit] = []
    for place, place_id, title, field, text, category in _texts(shows, catalogue, show_id):
        for at in check_lines(text, words, product_category=category or None):
            found.append(PlaceHit(place, place_id, title, field, at))
    return tuple(found)
