"""Which preset a header row belongs to, and which column each canonical field reads.

A preset fits a header row when every group of its ``signature`` has a header in the row; among fitting presets
the one naming most of the row's columns wins (a 千牛 销售明细 sheet fits 抖店's signature too, but 淘宝 names
far more of its columns).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from streamdesk.core.errors import UserError
from streamdesk.core.orders_io.presets import BY_VARIANT, PRESETS
from streamdesk.core.orders_io.types import FIELDS, Preset
from streamdesk.core.products_io.mapping import normalise_header


def header_index(headers: Sequence[str]) -> dict[str, int]:
    """Normalised header → column index (the first column of that name)."""
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        name = normalise_header(header)
        if name:
            index.setdefault(name, position)
    return index


@lru_cache(maxsize=32)
def _normalised(variant: str) -> tuple[tuple[frozenset[str], ...], dict[str, tuple[str, ...]]]:
    preset = BY_VARIANT[variant]
    signature = tuple(frozenset(normalise_header(h) for h in group) for group in preset.signature)
    columns = {name: tuple(normalise_header(h) for h in aliases) for name, aliases in preset.columns.items()}
    return signature, columns


def fits(preset: Preset, index: Mapping[str, int]) -> bool:
    signature, _ = _normalised(preset.variant)
    return all(any(name in index for name in group) for group in signature)


def resolve_columns(preset: Preset, index: Mapping[str, int]) -> dict[str, int]:
    """Field → column index, the first alias present winning."""
    _, columns = _normalised(preset.variant)
    found: dict[str, int] = {}
    for name, aliases in columns.items():
        for alias in aliases:
            if alias in index:
                found[name] = index[alias]
                break
    return found


def detect_variant(headers: Sequence[str], candidates: Sequence[Preset] = PRESETS) -> Preset | None:
    """The best-fitting preset variant for a header row, None when none fits."""
    index = header_index(headers)
    best: Preset | None = None
    best_score = 0
    for preset in candidates:
        if not fits(preset, index):
            continue
        score = len(resolve_columns(preset, index))
        if score > best_score:
            best, best_score = preset, score
    return best


def is_known_header(record: Sequence[str]) -> bool:
    """Any preset recognises this row as its header."""
    return detect_variant(record) is not None


def mapping_columns(mapping: Mapping[str, str], headers: Sequence[str]) -> dict[str, int]:
    """A user's or saved mapping {field: header} as field → column index; UserError on an unknown name."""
    index = header_index(headers)
    found: dict[str, int] = {}
    for name, header in mapping.items():
        if name not in FIELDS:
            raise UserError("orders_io.mapping_unknown_field", field=name, fields=", ".join(FIELDS))
        if not header:
            continue
        position = index.get(normalise_header(header))
        if position is None:
            raise UserError("orders_io.mapping_unknown_column", column=header)
        found[name] = position
    return found
