"""The assistant's findings as suggestions: what each source (core.advice_slots, advice_products, advice_pacing)
found, turned into ``Suggestion``s with a stable key naming what is suggested and the figures it came from (no words:
streamdesk.advice_texts words them). Pure functions; core.advice calls them and marks the dismissed ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from streamdesk.core.advice_slots import BandGroup, SlotAdvice, SlotGroup

if TYPE_CHECKING:
    from streamdesk.core.advice_pacing import KindPacing, PacingAdvice, ShowPacing
    from streamdesk.core.advice_products import ProductAdvice


Figure = int | float | str | bool | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One piece of advice. ``topic`` says which sentence words it (advice_texts); ``figures`` are its evidence by
    name, JSON-able (money in minor units of ``currency``); ``show_ids`` the shows the figures came from."""

    key: str
    topic: str  # "defaults", "slot", "duration", "role", "never_converts", "pacing", "pacing_total"
    figures: Mapping[str, Figure]
    show_ids: tuple[int, ...] = ()
    dismissed_at: datetime | None = None


# --- time slots and durations ---------------------------------------------------------------------------------------
def slot_suggestions(advice: SlotAdvice) -> list[Suggestion]:
    """The start slot and the duration band that earned most per 1,000 views, with the runner-up they beat; the
    common defaults while there is too little history, or no slot or band was repeated often enough to compare."""
    found: list[Suggestion] = []
    if advice.best_slot is not None:
        best, runner = advice.best_slot.best, advice.best_slot.runner_up
        day = "weekend" if best.key.weekend else "weekday"
        found.append(
            Suggestion(
                f"slot:{day}:{best.key.hour}",
                "slot",
                {**_slot_figures(best, ""), **(_slot_figures(runner, "runner_up_") if runner else {})},
                best.figures.show_ids,
            )
        )
    if advice.best_band is not None:
        band, other = advice.best_band.best, advice.best_band.runner_up
        upper = "" if band.upper_seconds is None else str(band.upper_seconds)
        found.append(
            Suggestion(
                f"duration:{band.lower_seconds}-{upper}",
                "duration",
                {**_band_figures(band, ""), **(_band_figures(other, "runner_up_") if other else {})},
                band.figures.show_ids,
            )
        )
    if advice.best_slot is None or advice.best_band is None:
        windows = ",".join(f"{start}-{end}" for start, end in advice.default_start_windows)
        found.insert(
            0,
            Suggestion(
                "slot:defaults",
                "defaults",
                {
                    "shows_found": advice.shows_found,
                    "from_history": advice.from_history,  # False: under MIN_SHOWS; True: no group to compare
                    "start_windows": windows,
                    "min_seconds": advice.default_min_seconds,
                },
            ),
        )
    return found


def _group(prefix: str, n: int, figures: SlotGroup | BandGroup) -> dict[str, Figure]:
    f = figures.figures
    return {
        f"{prefix}n": n,
        f"{prefix}gpm_minor": f.gpm_minor,
        f"{prefix}gpm_n": f.gpm_n,
        f"{prefix}gmv_per_hour_minor": f.gmv_per_hour_minor,
        f"{prefix}average_watch_seconds": None if f.average_watch_seconds is None else round(f.average_watch_seconds),
        f"{prefix}orders_mean": round(f.orders_mean, 1),
    }


def _slot_figures(group: SlotGroup, prefix: str) -> dict[str, Figure]:
    return {
        f"{prefix}weekend": group.key.weekend,
        f"{prefix}hour": group.key.hour,
        **_group(prefix, group.figures.n, group),
    }


def _band_figures(group: BandGroup, prefix: str) -> dict[str, Figure]:
    return {
        f"{prefix}lower_seconds": group.lower_seconds,
        f"{prefix}upper_seconds": group.upper_seconds,
        **_group(prefix, group.figures.n, group),
    }


# --- products ------------------------------------------------------------------------------------------------------
def product_suggestions(advice: ProductAdvice) -> list[Suggestion]:
    """A role for a product whose figures fit one better than its current role, and products that never sell when
    pitched (core.advice_products decides; the figures here are what the sentence cites)."""
    from streamdesk.core.advice_products import MIN_ROLE_SHOWS, SuggestionKind

    figures = {f.product_id: f for f in advice.products}
    found: list[Suggestion] = []
    for suggestion in advice.suggestions:
        f = figures.get(suggestion.product_id)
        if f is None:
            continue
        evidence: dict[str, Figure] = {
            "product_id": f.product_id,
            "title": f.title,
            "currency": f.currency,
            "current_role": None if f.current_role is None else f.current_role.value,
            "shows_pitched": f.shows_pitched,
            "pitches": f.pitches,
            "pitches_sold": f.pitches_sold,
            "pitch_minutes": round(f.pitch_seconds / 60, 1),
            "pitch_views": f.pitch_views,
            "conversion": f.conversion,
            "sold_share": f.sold_share,
            "gmv_per_pitch_minute_minor": f.gmv_per_pitch_minute_minor,
            "best_gmv_per_pitch_minute_minor": advice.best_gmv_per_pitch_minute_minor,
            "best_role_gmv_per_pitch_minute_minor": advice.best_role_gmv_per_pitch_minute_minor,
            "role_min_shows": MIN_ROLE_SHOWS,
            "margin_pct": None if f.margin_pct is None else round(f.margin_pct, 1),
            "stock_cover_shows": None if f.stock_cover_shows is None else round(f.stock_cover_shows, 1),
        }
        if suggestion.kind is SuggestionKind.ROLE and suggestion.role is not None:
            found.append(Suggestion(suggestion.key, "role", {**evidence, "role": suggestion.role.value}, f.show_ids))
        elif suggestion.kind is SuggestionKind.NEVER_CONVERTS:
            found.append(Suggestion(suggestion.key, "never_converts", evidence, f.show_ids))
    return found


# --- pacing --------------------------------------------------------------------------------------------------------
def pacing_suggestions(advice: PacingAdvice) -> list[Suggestion]:
    """Kinds of segment (and whole shows) that habitually run far from their plan: plan them as they really go."""
    from streamdesk.core.advice_pacing import MIN_SEGMENTS, MIN_SHOWS, SHOW_KEY, far_off, kind_key

    found: list[Suggestion] = []
    for kind in advice.kinds:
        if kind.n >= MIN_SEGMENTS and far_off(kind.median_ratio):
            found.append(
                Suggestion(kind_key(kind.kind), "pacing", _pacing_figures(kind, kind.kind.value), kind.show_ids)
            )
    show = advice.show
    if show is not None and show.n >= MIN_SHOWS and far_off(show.median_ratio):
        found.append(Suggestion(SHOW_KEY, "pacing_total", _pacing_figures(show, ""), show.show_ids))
    return found


def _pacing_figures(p: KindPacing | ShowPacing, kind: str) -> dict[str, Figure]:
    return {
        "kind": kind,
        "n": p.n,
        "planned_seconds": round(p.median_planned_seconds),
        "actual_seconds": round(p.median_actual_seconds),
        "ratio": round(p.median_ratio, 2),
    }
