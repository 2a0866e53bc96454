"""Which preset a header row belongs to, and the Layout (columns, units, zone) a file is read with.

A preset fits when each group of its signature has a header in the row; among fitting presets the one that names
most columns wins, then one of the show's own platforms (in the show's order), then the earlier preset. A Douyin
and a Kuaishou minute trend use the same Chinese names, so the show's platforms decide between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from streamdesk.core.errors import UserError
from streamdesk.core.metrics_io.cells import split_unit, unit_currency
from streamdesk.core.metrics_io.presets import KEYS, MAPPING, MARKET_ZONES, PRESETS, TIME, Layout, MetricPreset
from streamdesk.core.orders_io.presets import DEFAULT_ZONES
from streamdesk.core.orders_io.presets_common import CN_DATES
from streamdesk.core.products_io.mapping import normalise_header
from streamdesk.core.review_types import MONEY_SERIES, SERIES, TOTAL_FIELDS, MetricsKind
from streamdesk.models.base import Platform

AUTO = "auto"
_TOTAL_ONLY = frozenset(TOTAL_FIELDS) - frozenset(SERIES)
_SERIES_ONLY = frozenset(SERIES) - frozenset(TOTAL_FIELDS)
MONEY_NAMES = MONEY_SERIES | {"platform_gmv_minor"}


@dataclass(frozen=True, slots=True)
class _Headers:
    exact: dict[str, int]  # normalised header → column
    bare: dict[str, tuple[int, str]]  # normalised header without its bracketed unit → (column, unit)

    @classmethod
    def of(cls, headers: Sequence[str]) -> _Headers:
        exact: dict[str, int] = {}
        bare: dict[str, tuple[int, str]] = {}
        for position, header in enumerate(headers):
            name = normalise_header(header)
            if not name:
                continue
            exact.setdefault(name, position)
            base, unit = split_unit(header)
            if base:
                bare.setdefault(base, (position, unit))
        return cls(exact, bare)

    def find(self, alias: str) -> tuple[int, str] | None:
        name = normalise_header(alias)
        if name in self.exact:
            return self.exact[name], ""
        return self.bare.get(name)


def _unit_of(headers: Sequence[str], position: int) -> str:
    return split_unit(headers[position])[1]


def _resolve(preset: MetricPreset, found: _Headers) -> tuple[int | None, dict[str, int], set[str]]:
    """(time column, name → column, names read from a 分 alias)."""
    time_column = next((hit[0] for alias in preset.time if (hit := found.find(alias)) is not None), None)
    used = {time_column} if time_column is not None else set()
    columns: dict[str, int] = {}
    fen: set[str] = set()
    for name, aliases in preset.columns.items():
        for alias in aliases:
            hit = found.find(alias)
            if hit is not None and hit[0] not in used:
                columns[name] = hit[0]
                used.add(hit[0])
                if alias in preset.fen:
                    fen.add(name)
                break
    return time_column, columns, fen


def _fits(preset: MetricPreset, found: _Headers) -> bool:
    return all(any(found.find(alias) is not None for alias in group) for group in preset.signature)


def is_known_header(record: Sequence[str]) -> bool:
    """Any preset recognises this row as its header (the reader looks for it among the opening rows)."""
    found = _Headers.of(record)
    return any(_fits(preset, found) for preset in PRESETS)


def detect(
    headers: Sequence[str], *, platform: Platform | None = None, prefer: Sequence[Platform] = ()
) -> MetricPreset | None:
    """The best-fitting preset variant for a header row (of ``platform`` when given), None when none fits."""
    found = _Headers.of(headers)
    best: MetricPreset | None = None
    best_key: tuple[int, int, int] | None = None
    for order, preset in enumerate(PRESETS):
        if (platform is not None and preset.platform is not platform) or not _fits(preset, found):
            continue
        time_column, columns, _ = _resolve(preset, found)
        rank = prefer.index(preset.platform) if preset.platform in prefer else len(prefer)
        key = (len(columns) + (time_column is not None), -rank, -order)
        if best_key is None or key > best_key:
            best, best_key = preset, key
    return best


def layout_for(
    headers: Sequence[str],
    *,
    preset: str,
    platform: Platform | None,
    mapping: Mapping[str, str] | None,
    show_platforms: Sequence[Platform],
) -> Layout:
    """How to read a file with this header row; UserError when the choice cannot read it."""
    if preset == MAPPING or (preset == AUTO and mapping):
        return _mapping_layout(headers, mapping or {}, platform or _first(show_platforms))
    if preset == AUTO:
        chosen = detect(headers, platform=platform, prefer=show_platforms)
        if chosen is None:
            _refuse_unknown(headers)
    else:
        if preset not in KEYS:
            raise UserError("metrics.unknown_preset", preset=preset, presets=", ".join((*KEYS, MAPPING)))
        variants = [p for p in PRESETS if p.key == preset]
        chosen = _best_variant(variants, headers)
        if platform is not None and chosen.platform is not platform:
            raise UserError("metrics.platform_mismatch", preset=preset, platform=platform.value)
    assert chosen is not None
    return _preset_layout(chosen, headers, mapping)


def _first(platforms: Sequence[Platform]) -> Platform:
    return platforms[0] if platforms else Platform.OTHER


def _best_variant(variants: Sequence[MetricPreset], headers: Sequence[str]) -> MetricPreset:
    found = _Headers.of(headers)
    fitting = [p for p in variants if _fits(p, found)]
    if fitting:
        return max(fitting, key=lambda p: len(_resolve(p, found)[1]))
    return max(variants, key=lambda p: len(_resolve(p, found)[1]))


def _refuse_unknown(headers: Sequence[str]) -> None:
    """No preset fits: a minute trend without its time column gets its own message, anything else the mapping."""
    found = _Headers.of(headers)
    trend = PRESETS[0]
    _, columns, _ = _resolve(trend, found)
    if len(columns) >= 2:
        raise UserError("metrics.time_column_missing", columns=_listing(headers))
    raise UserError("metrics.unknown_layout", columns=_listing(headers))


def _listing(headers: Sequence[str]) -> str:
    named = [h.strip() for h in headers if h.strip()]
    return ", ".join(named[:12]) + (" …" if len(named) > 12 else "")


def _preset_layout(preset: MetricPreset, headers: Sequence[str], mapping: Mapping[str, str] | None) -> Layout:
    found = _Headers.of(headers)
    time_column, columns, fen = _resolve(preset, found)
    if mapping:
        overrides = _mapping_columns(mapping, headers)
        time_column = overrides.pop(TIME, time_column)
        columns.update(overrides)
        fen -= set(overrides)
    if preset.kind == "trend" and time_column is None:
        raise UserError("metrics.time_column_missing", columns=_listing(headers))
    if not columns:
        raise UserError("metrics.preset_does_not_fit", preset=preset.key, columns=_listing(headers))
    units = {name: _unit_of(headers, position) for name, position in columns.items()}
    fen |= {name for name, unit in units.items() if unit == "分"}
    zone = preset.zone
    if preset.platform is Platform.TIKTOK:
        currency = _file_currency(units)
        zone = MARKET_ZONES.get(currency or "", preset.zone)
    return Layout(
        preset=preset.key,
        platform=preset.platform,
        kind=preset.kind,
        zone=zone,
        date_formats=preset.date_formats,
        time_column=time_column,
        columns=columns,
        units=units,
        fen=frozenset(fen),
        decimal_comma=preset.decimal_comma,
    )


def _file_currency(units: Mapping[str, str]) -> str | None:
    for name in MONEY_NAMES:
        currency = unit_currency(units.get(name, ""))
        if currency:
            return currency
    return None


def _mapping_columns(mapping: Mapping[str, str], headers: Sequence[str]) -> dict[str, int]:
    """{name: header} → name → column; UserError on an unknown name or a header the file lacks."""
    index: dict[str, int] = {}
    for position, header in enumerate(headers):
        index.setdefault(normalise_header(header), position)
    known = (TIME, *SERIES, *TOTAL_FIELDS)
    found: dict[str, int] = {}
    for name, header in mapping.items():
        if name not in known:
            raise UserError("metrics.mapping_unknown_field", field=name, fields=", ".join(dict.fromkeys(known)))
        if not header:
            continue
        column = index.get(normalise_header(header))
        if column is None:
            raise UserError("metrics.mapping_unknown_column", column=header)
        found[name] = column
    return found


def mapping_kind(names: Sequence[str]) -> MetricsKind:
    """A mapping with a time column and only series is a trend; any total-only field makes it a summary."""
    if TIME in names and not any(name in _TOTAL_ONLY for name in names):
        return "trend"
    return "summary"


def _mapping_layout(headers: Sequence[str], mapping: Mapping[str, str], platform: Platform) -> Layout:
    columns = _mapping_columns(mapping, headers)
    time_column = columns.pop(TIME, None)
    kind = mapping_kind([*columns, *([TIME] if time_column is not None else [])])
    if kind == "summary":
        wrong = sorted(name for name in columns if name in _SERIES_ONLY)
        if wrong:
            raise UserError("metrics.mapping_wrong_kind", fields=", ".join(wrong))
    if not columns:
        raise UserError("metrics.mapping_empty")
    units = {name: _unit_of(headers, position) for name, position in columns.items()}
    currency = _file_currency(units)
    zone = DEFAULT_ZONES.get(platform, "UTC")
    if platform is Platform.TIKTOK and currency is not None and currency in MARKET_ZONES:
        zone = MARKET_ZONES[currency]
    return Layout(
        preset=MAPPING,
        platform=platform,
        kind=kind,
        zone=zone,
        date_formats=(*CN_DATES, "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"),
        time_column=time_column,
        columns=columns,
        units=units,
        fen=frozenset(name for name, unit in units.items() if unit == "分"),
    )


def file_currency(layout: Layout) -> str | None:
    """The currency the file's own money headers state ("Revenue (Rp)"), None when they state none."""
    return _file_currency(layout.units)
