"""Choosing how to read a file: the preset (detected, named, or a mapping) and, for two-file exports, the other half.

Etsy and classic 淘宝 exports come as two CSVs joined on the order id (orders + items/details). The user picks
either one; the other is looked for beside it by the platform's file naming (EtsySoldOrders2025-10.csv ↔
EtsySoldOrderItems2025-10.csv, ExportOrderList….csv ↔ ExportOrderDetailList….csv) and must have the companion's
header to be used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderStatus, Platform
from streamdesk.core.orders_io import detect
from streamdesk.core.orders_io.presets import BY_KEY, BY_VARIANT, PRESETS
from streamdesk.core.orders_io.reading import HeaderTest, Table, open_table
from streamdesk.core.orders_io.types import Preset
from streamdesk.core.products_io.mapping import normalise_header

_ANY_DATES = tuple(dict.fromkeys(fmt for preset in PRESETS for fmt in preset.date_formats))
MAPPING_PREFIX = "mapping:"


@dataclass(frozen=True, slots=True)
class Choice:
    """What the user asked for: a preset key ("auto", "douyin"…), an explicit mapping, or both."""

    preset: str = "auto"
    mapping: Mapping[str, str] | None = None
    platform: Platform | None = None  # a saved mapping's platform


def mapped_preset(key: str, platform: Platform, mapping: Mapping[str, str], base: Preset | None) -> Preset:
    """A preset over the user's own mapping; statuses and date formats from ``base`` when there is one."""
    columns = {name: (header,) for name, header in mapping.items() if header}
    signature = tuple((header,) for header in columns.get("order_id", ()))
    status_map: dict[str, OrderStatus] = {}
    refunds: dict[str, OrderStatus | None] = {}
    # the base preset's words first; then the platform's presets', then every preset's (a word means one thing)
    ordered = [base] if base is not None else []
    ordered += [p for p in PRESETS if p.platform is platform] + list(PRESETS)
    for preset in ordered:
        for word, status in preset.status_map.items():
            status_map.setdefault(word, status)
        for word, refund in preset.refund_map.items():
            refunds.setdefault(word, refund)
    return Preset(
        key=key,
        variant=key,
        platform=platform,
        name=base.name if base is not None else key.removeprefix(MAPPING_PREFIX),
        confidence="I",
        columns=columns,
        required=("order_id", "created_at"),
        signature=signature,
        id_pattern=r"[#A-Za-z0-9][A-Za-z0-9._#/-]{0,63}",
        date_formats=base.date_formats if base is not None else _ANY_DATES,
        status_map=status_map,
        refund_map=refunds,
        fulfilment_map=base.fulfilment_map if base is not None else {},
        currency=base.currency if base is not None else None,
        description_row=base.description_row if base is not None else False,
    )


def _mapping_header_test(mapping: Mapping[str, str]) -> HeaderTest:
    wanted = {normalise_header(h) for h in mapping.values() if h}

    def is_header(record: Sequence[str]) -> bool:
        return wanted <= {normalise_header(cell) for cell in record}

    return is_header


def open_main(path: Path, choice: Choice, encoding: str | None) -> tuple[Preset, Table]:
    """Open the file with the preset the user chose, or the one its header row names."""
    if choice.mapping is not None:
        base = BY_KEY.get(choice.preset)
        platform = choice.platform or (base.platform if base is not None else Platform.OTHER)
        key = choice.preset if choice.preset.startswith(MAPPING_PREFIX) else (base.key if base else "mapping")
        preset = mapped_preset(key, platform, choice.mapping, base)
        return preset, open_table(path, _mapping_header_test(choice.mapping), encoding=encoding)
    if choice.preset == "auto":
        table = open_table(path, detect.is_known_header, encoding=encoding)
        found = detect.detect_variant(table.headers)
        if found is None:
            table.close()
            shown = ", ".join(h.strip() for h in table.headers if h.strip())[:200]
            raise UserError("orders_io.unknown_format", path=str(path), headers=shown)
        return found, table
    listed = BY_KEY.get(choice.preset)
    if listed is None:
        raise UserError("orders_io.unknown_preset", preset=choice.preset, presets=", ".join(BY_KEY))
    variants = [p for p in PRESETS if p.key == listed.key]

    def is_header(record: Sequence[str]) -> bool:
        return detect.detect_variant(record, variants) is not None

    table = open_table(path, is_header, encoding=encoding)
    return detect.detect_variant(table.headers, variants) or listed, table


def companion_path(path: Path, preset: Preset) -> Path | None:
    """The other half of a two-file export beside ``path``, if the user has it."""
    own, other = preset.companion_prefixes
    if not preset.companion or not own:
        return None
    if path.name.startswith(own):
        candidate = path.with_name(other + path.name[len(own) :])
        if candidate.is_file():
            return candidate
    with contextlib.suppress(OSError):
        found = sorted(p for p in path.parent.glob(f"{other}*{path.suffix}") if p.is_file() and p != path)
        if len(found) == 1:
            return found[0]
    return None


def open_companion(path: Path, preset: Preset, encoding: str | None) -> tuple[Preset, Table] | None:
    """Open the companion file if it exists and its header is the companion's; None otherwise."""
    other = companion_path(path, preset)
    if other is None or preset.companion is None:
        return None
    wanted = BY_VARIANT[preset.companion]

    def is_header(record: Sequence[str]) -> bool:
        return detect.fits(wanted, detect.header_index(record))

    with contextlib.suppress(UserError):
        table = open_table(other, is_header, encoding=encoding)
        if detect.fits(wanted, detect.header_index(table.headers)):
            return wanted, table
        table.close()
    return None


def check_required(preset: Preset, columns: Mapping[str, int], path: Path) -> None:
    """A missing required column aborts the import (FORMATS.md rule for all presets)."""
    missing = [name for name in preset.required if name not in columns]
    if preset.role != "orders" and "title" not in columns and "sku_code" not in columns:
        missing.append("title")
    if missing:
        expected = [preset.columns.get(name, (name,))[0] for name in dict.fromkeys(missing)]
        raise UserError("orders_io.columns_missing", path=str(path), preset=preset.name, columns=", ".join(expected))
