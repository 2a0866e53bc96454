"""Advice from history, first slice: when to go live and for how long (issue 12).

From the seller's past streamed shows (a live run whose timer was started and finished), KPIs per start slot
(weekday or weekend × local start hour) and per duration band: n, GMV per hour, GPM (GMV ÷ views × 1000,
FORMATS.md, as review_kpis computes it per show), average watch time and orders, where known. The best slot and
band are picked by mean GPM (tie: GMV per hour) among groups of at least ``MIN_GROUP`` shows, each with the
runner-up as evidence. With fewer than ``MIN_SHOWS`` streamed shows the common defaults are returned instead,
flagged ``from_history=False`` with the number of shows found. Plain frozen dataclasses out; no Qt, no strings
for the user (the UI words them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, TypeVar

from streamdesk.models.base import Platform

if TYPE_CHECKING:
    from streamdesk.config import ReviewSettings
    from streamdesk.db import SessionFactory

G = TypeVar("G", "SlotGroup", "BandGroup")

MIN_SHOWS = 5  # fewer streamed shows: the defaults
MIN_GROUP = 2  # a group competes from this many shows
# Duration bands in seconds: [lower, upper); None is open-ended.
BANDS: tuple[tuple[int, int | None], ...] = ((0, 3600), (3600, 7200), (7200, 10800), (10800, None))
DEFAULT_START_WINDOWS: tuple[tuple[int, int], ...] = ((12, 14), (18, 22))  # local hours [from, to)
DEFAULT_MIN_SECONDS = 7200


@dataclass(frozen=True, slots=True)
class PastShow:
    """One streamed show as the advice sees it."""

    show_id: int
    started_at: datetime  # aware, in the zone asked for
    seconds: float
    gmv_minor: int
    orders: int
    gpm_minor: int | None  # None: no views known
    average_watch_seconds: float | None


@dataclass(frozen=True, slots=True)
class SlotKey:
    weekend: bool  # Saturday or Sunday, local
    hour: int  # local start hour 0–23


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The figures of a group of shows; means over the shows where the figure is known."""

    n: int
    show_ids: tuple[int, ...]
    gmv_minor: int
    hours: float
    gmv_per_hour_minor: int | None  # Σ GMV ÷ Σ hours
    gpm_minor: int | None  # mean of the shows' GPM
    gpm_n: int  # shows with a known GPM
    average_watch_seconds: float | None
    orders_mean: float


@dataclass(frozen=True, slots=True)
class SlotGroup:
    key: SlotKey
    figures: GroupFigures


@dataclass(frozen=True, slots=True)
class BandGroup:
    lower_seconds: int
    upper_seconds: int | None  # None: open-ended
    figures: GroupFigures


@dataclass(frozen=True, slots=True)
class SlotPick:
    """The best slot and the runner-up it beat (None when it competed alone)."""

    best: SlotGroup
    runner_up: SlotGroup | None


@dataclass(frozen=True, slots=True)
class BandPick:
    best: BandGroup
    runner_up: BandGroup | None


@dataclass(frozen=True, slots=True)
class SlotAdvice:
    from_history: bool
    shows_found: int
    slots: tuple[SlotGroup, ...]  # by weekend flag, then hour
    bands: tuple[BandGroup, ...]  # by lower bound
    best_slot: SlotPick | None  # None: not from history, or no group with MIN_GROUP shows and a GPM
    best_band: BandPick | None
    default_start_windows: tuple[tuple[int, int], ...] = DEFAULT_START_WINDOWS
    default_min_seconds: int = DEFAULT_MIN_SECONDS


def past_shows(
    sessions: SessionFactory,
    settings: ReviewSettings,
    *,
    zone: tzinfo | None = None,
    platform: Platform | None = None,
) -> tuple[PastShow, ...]:
    """Shows with a finished live run (not templates, not cancelled), oldest first; start of the first live run,
    duration the sum of its finished runs. ``zone`` None: the computer's zone, as the review and report use."""
    from streamdesk.core import review_figures
    from streamdesk.core import review_kpis as kpis
    from streamdesk.core import review_store as store
    from streamdesk.core.advice_history import counted_runs

    with sessions() as session, session.begin():
        shows = store.show_rows(session)
        counted = counted_runs(session, shows, platform=platform)
        spans = {i: (runs[0].started, sum(run.seconds or 0.0 for run in runs)) for i, runs in counted.items()}
        chosen = {show_id: shows[show_id] for show_id in counted}
        figures = review_figures.figures(session, chosen, settings, platform=platform) if chosen else {}
    found = []
    for show_id, (started, seconds) in spans.items():
        values = kpis.kpi_values(figures[show_id])
        gpm, watch = values["gpm"].value, values["average_watch_seconds"].value
        moment = started if started.tzinfo is not None else started.replace(tzinfo=UTC)
        found.append(
            PastShow(
                show_id=show_id,
                started_at=moment.astimezone(zone) if zone is not None else moment.astimezone(),
                seconds=seconds,
                gmv_minor=int(values["gmv"].value or 0),
                orders=int(values["orders"].value or 0),
                gpm_minor=None if gpm is None else int(gpm),
                average_watch_seconds=None if watch is None else float(watch),
            )
        )
    found.sort(key=lambda s: (s.started_at, s.show_id))
    return tuple(found)


def slot_advice(
    sessions: SessionFactory,
    settings: ReviewSettings,
    *,
    zone: tzinfo | None = None,
    platform: Platform | None = None,
) -> SlotAdvice:
    return advise(past_shows(sessions, settings, zone=zone, platform=platform))


def advise(shows: Sequence[PastShow]) -> SlotAdvice:
    """The advice from already read shows (pure: the tests of the maths need no database)."""
    by_slot: dict[SlotKey, list[PastShow]] = defaultdict(list)
    by_band: dict[int, list[PastShow]] = defaultdict(list)
    for show in shows:
        by_slot[SlotKey(show.started_at.weekday() >= 5, show.started_at.hour)].append(show)
        by_band[band_of(show.seconds)].append(show)
    slots = tuple(
        SlotGroup(key, group_figures(by_slot[key])) for key in sorted(by_slot, key=lambda k: (k.weekend, k.hour))
    )
    bands = tuple(BandGroup(BANDS[i][0], BANDS[i][1], group_figures(by_band[i])) for i in sorted(by_band))
    if len(shows) < MIN_SHOWS:
        return SlotAdvice(False, len(shows), slots, bands, None, None)
    slot_order = _ranked(slots, lambda g: g.figures)
    band_order = _ranked(bands, lambda g: g.figures)
    best_slot = SlotPick(slot_order[0], slot_order[1] if len(slot_order) > 1 else None) if slot_order else None
    best_band = BandPick(band_order[0], band_order[1] if len(band_order) > 1 else None) if band_order else None
    return SlotAdvice(True, len(shows), slots, bands, best_slot, best_band)


def band_of(seconds: float) -> int:
    for i, (lower, upper) in enumerate(BANDS):
        if seconds >= lower and (upper is None or seconds < upper):
            return i
    return 0


def group_figures(shows: Sequence[PastShow]) -> GroupFigures:
    gmv = sum(s.gmv_minor for s in shows)
    hours = sum(s.seconds for s in shows) / 3600
    gpms = [s.gpm_minor for s in shows if s.gpm_minor is not None]
    watches = [s.average_watch_seconds for s in shows if s.average_watch_seconds is not None]
    return GroupFigures(
        n=len(shows),
        show_ids=tuple(s.show_id for s in shows),
        gmv_minor=gmv,
        hours=hours,
        gmv_per_hour_minor=round(gmv / hours) if hours > 0 else None,
        gpm_minor=round(sum(gpms) / len(gpms)) if gpms else None,
        gpm_n=len(gpms),
        average_watch_seconds=sum(watches) / len(watches) if watches else None,
        orders_mean=sum(s.orders for s in shows) / len(shows) if shows else 0.0,
    )


def _ranked(groups: Iterable[G], figures_of: Callable[[G], GroupFigures]) -> list[G]:
    """Groups of at least MIN_GROUP shows with a GPM, best first: GPM, then GMV per hour (stable for equal ones)."""
    competing = [g for g in groups if figures_of(g).n >= MIN_GROUP and figures_of(g).gpm_minor is not None]
    return sorted(
        competing,
        key=lambda g: (-(figures_of(g).gpm_minor or 0), -(figures_of(g).gmv_per_hour_minor or 0)),
    )
