"""Turning one cell's text into a value: IDs, free text, money, whole numbers, specs, roles, currencies.

These run once per cell of a 100,000-row file, so the common shapes take a fast path before the general one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from streamdesk.core.catalogue_types import normalise_tags, spec_label
from streamdesk.core.money import MAX_WHOLE_DIGITS, exponent, parse_amount
from streamdesk.models.base import ShowRole

# First characters that make a spreadsheet evaluate a cell (FORMATS.md §5).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
EMPTY_MARKERS = frozenset({"", "-", "--", "/", "nan", "none", "null", "n/a"})

_EXCEL_DAMAGED = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_PLAIN_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_WHOLE = re.compile(r"([+-]?\d+)(?:\.0*)?")
_NUMBER_UNITS = re.compile(r"(天|日|件|个|pcs|days?|d)$", re.IGNORECASE)
_SPEC_PAIRS = re.compile(r"[;；\n]")
_SPEC_COMMAS = re.compile(r"[,，]")
_SPEC_SLASHES = re.compile(r"[/／]")

ROLE_NAMES: dict[str, ShowRole] = {
    **{role.value: role for role in ShowRole},
    "引流款": ShowRole.TRAFFIC,
    "引流": ShowRole.TRAFFIC,
    "利润款": ShowRole.PROFIT,
    "利润": ShowRole.PROFIT,
    "主推款": ShowRole.HERO,
    "主推": ShowRole.HERO,
    "福利款": ShowRole.GIVEAWAY,
    "福利": ShowRole.GIVEAWAY,
}
_CURRENCY_WORDS = {"RMB": "CNY", "人民币": "CNY", "元": "CNY", "¥": "CNY", "￥": "CNY", "US$": "USD", "美元": "USD"}


def clean_id(cell: str) -> str:
    """An ID cell (SKU, barcode) as text: surrounding \\t and spaces, a ``="…"`` wrapper or a leading ' removed."""
    text = cell.strip()
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        return text[2:-1].strip()
    if text.startswith("'"):
        return text[1:].strip()
    return text


def excel_damaged(value: str) -> bool:
    """True for an ID Excel turned into a rounded number ("6.91735E+18"): its real digits are gone."""
    return _EXCEL_DAMAGED.fullmatch(value) is not None


def clean_text(cell: str) -> str:
    """Free text, trimmed. A ' in front of a formula trigger is what our own export adds (FORMATS.md §5), so it
    is taken off again: an exported file imports back unchanged. Any other leading ' is the user's and stays."""
    text = cell.strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


@lru_cache(maxsize=4096)  # a tags column repeats a handful of values
def parse_tags(cell: str) -> tuple[str, ...]:
    """A tags cell split by catalogue_types.normalise_tags: 爆款，新品 → ("爆款", "新品")."""
    return normalise_tags(clean_text(cell))


@lru_cache(maxsize=64)
def _exponent(currency: str) -> int:
    return exponent(currency)


def parse_money(cell: str, currency: str) -> int | None:
    """Minor units, or None for a blank cell. Plain "12.50" is split exactly without Decimal; anything else
    ("¥1,299.00", "12.5元", "１２．５") goes through money.parse_amount. Raises UserError("money.invalid")."""
    text = cell.strip()
    if not text:
        return None
    if _PLAIN_AMOUNT.fullmatch(text):
        whole, _, fraction = text.partition(".")
        digits = _exponent(currency)
        if len(fraction) <= digits and len(whole) <= MAX_WHOLE_DIGITS:
            return int(whole + fraction.ljust(digits, "0"))
    return parse_amount(text, currency)


def parse_whole(cell: str) -> int | None:
    """A whole number ("12", "1,200", "12.0" from Excel, "３天"), None for blank; raises ValueError otherwise."""
    text = cell.strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_WHOLE_DIGITS:
        return int(text)
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if text.casefold() in EMPTY_MARKERS:
        return None
    match = _WHOLE.fullmatch(_NUMBER_UNITS.sub("", text))
    if match is None or len(match.group(1).lstrip("+-").lstrip("0")) > MAX_WHOLE_DIGITS:
        raise ValueError(cell)
    return int(match.group(1))


def parse_spec(cell: str, header: str) -> tuple[tuple[str, str], ...]:
    """Attribute/value pairs: 颜色:红;尺码:M → (("颜色", "红"), ("尺码", "M")).

    Unnamed values (红/M) are named after the column: "规格" for one value, "规格1", "规格2"… for several.
    Raises ValueError when an attribute appears twice.
    """
    text = cell.strip()
    if not text:
        return ()
    named = ":" in text or "：" in text
    parts = [part for part in _SPEC_PAIRS.split(text) if part.strip()]
    if len(parts) == 1:
        if named and len(re.findall("[:：]", text)) > 1:
            parts = _SPEC_COMMAS.split(text)
        elif not named:
            parts = _SPEC_SLASHES.split(text)
    raw: list[tuple[str | None, str]] = []
    for part in parts:
        cut = min((i for i in (part.find(":"), part.find("：")) if i >= 0), default=-1)
        if cut >= 0:
            raw.append((part[:cut].strip(), part[cut + 1 :].strip()))
        elif part.strip():
            raw.append((None, part.strip()))
    unnamed = sum(1 for name, _ in raw if name is None)
    pairs: list[tuple[str, str]] = []
    counter = 0
    for name, value in raw:
        if name is None:
            counter += 1
            name = header if unnamed == 1 else f"{header}{counter}"
        if name or value:
            pairs.append((name, value))
    if len({name for name, _ in pairs}) != len(pairs):
        raise ValueError(cell)
    return tuple(pairs)


def format_spec(spec: tuple[tuple[str, str], ...]) -> str:
    """The spec cell exports write; parse_spec reads it back to the same pairs."""
    return ";".join(f"{name}:{value}" for name, value in spec)


@lru_cache(maxsize=4096)  # a catalogue repeats a few dozen colour × size combinations
def spec_json(spec: tuple[tuple[str, str], ...]) -> str:
    """How variants.spec stores the pairs (as the catalogue editor does: "" when there are none)."""
    return json.dumps(dict(spec), ensure_ascii=False) if spec else ""


@lru_cache(maxsize=4096)
def cached_spec_label(spec: tuple[tuple[str, str], ...]) -> str:
    return spec_label(spec)


@lru_cache(maxsize=4096)
def spec_from_json(stored: str) -> tuple[tuple[str, str], ...]:
    if not stored:
        return ()
    try:
        data = json.loads(stored)
    except json.JSONDecodeError:
        return ()
    if not isinstance(data, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in data.items())


def parse_role(cell: str) -> ShowRole | None:
    """A ShowRole from its value or its Chinese name; None for blank. Raises ValueError otherwise."""
    text = cell.strip()
    if not text:
        return None
    role = ROLE_NAMES.get(text.casefold()) or ROLE_NAMES.get(text)
    if role is None:
        raise ValueError(cell)
    return role


def parse_currency(cell: str) -> str | None:
    """An ISO 4217 code ("cny" → "CNY", "人民币" → "CNY"), None for blank. Raises ValueError otherwise."""
    text = unicodedata.normalize("NFKC", cell).strip().upper()
    if not text:
        return None
    text = _CURRENCY_WORDS.get(text, text)
    if not re.fullmatch("[A-Z]{3}", text):
        raise ValueError(cell)
    return text
