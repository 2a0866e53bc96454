"""The seller's assistant: suggestions from the seller's own history, each with the figures it came from, and the
ones the seller dismissed.

Three sources, each a pure module over figures read once: core.advice_slots (when to go live, for how long),
core.advice_products (roles, products that never convert) and core.advice_pacing (how long each kind of segment
really takes). This service turns their findings into ``Suggestion`` rows with a stable key and the evidence as
plain figures (no words: streamdesk.advice_texts words them for the GUI and the CLI), and keeps dismissals.

A key names *what* is suggested (``slot:weekday:20``, ``product:12:role:hero``), never its figures: a dismissed
suggestion stays dismissed while its numbers move, and a different recommendation appears as a new suggestion.
Working the advice out also refreshes the products' history scores, which the catalogue's selection score reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from streamdesk.core.advice_slots import BandGroup, SlotAdvice, SlotGroup
from streamdesk.models.base import Platform, SegmentKind

if TYPE_CHECKING:
    from streamdesk.config import ReviewSettings
    from streamdesk.core.advice_pacing import KindPacing, PacingAdvice, PacingWarning, ShowPacing
    from streamdesk.core.advice_products import ProductAdvice
    from streamdesk.core.jobs import CancelToken
    from streamdesk.db import SessionFactory

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


@dataclass(frozen=True, slots=True)
class Dismissed:
    key: str
    figures: Mapping[str, Figure]  # as they were when dismissed
    dismissed_at: datetime


@dataclass(frozen=True, slots=True)
class AdviceReport:
    """Everything the advice page and ``streamdesk advice`` show: the suggestions (dismissed ones flagged) and the
    tables behind them."""

    computed_at: datetime
    zone: str  # the zone the start hours are in
    currency: str
    slots: SlotAdvice
    products: ProductAdvice
    pacing: PacingAdvice
    suggestions: tuple[Suggestion, ...]

    @property
    def open(self) -> tuple[Suggestion, ...]:
        return tuple(s for s in self.suggestions if s.dismissed_at is None)

    @property
    def dismissed(self) -> tuple[Suggestion, ...]:
        return tuple(s for s in self.suggestions if s.dismissed_at is not None)


@dataclass(frozen=True, slots=True)
class PacingCheck:
    """What a rundown editor needs to warn about an unrealistic plan: the seller's pacing habits and the pacing
    suggestions they dismissed (a dismissed habit is not warned about again)."""

    pacing: PacingAdvice
    dismissed: frozenset[str]

    def warnings(self, segments: Sequence[tuple[int | None, SegmentKind, str, int]]) -> tuple[PacingWarning, ...]:
        """(segment id, kind, title, planned seconds) of a rundown in order → its warnings (advice_pacing)."""
        from streamdesk.core.advice_pacing import check_rundown

        return tuple(w for w in check_rundown(self.pacing, segments) if w.key not in self.dismissed)


class Advice:
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        clock: Callable[[], datetime],
        settings: Callable[[], ReviewSettings],
        currency: Callable[[], str],
    ) -> None:
        """``settings`` and ``currency`` are asked on every call, so changed settings apply at once."""
        self._sessions = sessions
        self._clock = clock
        self._settings = settings
        self._currency = currency

    def report(
        self, *, zone: tzinfo | None = None, platform: Platform | None = None, cancel: CancelToken | None = None
    ) -> AdviceReport:
        """Works the advice out from every streamed show (or those on ``platform``); start hours in ``zone`` (None:
        the computer's). Refreshes the products' history scores as it goes. ``cancel`` is checked between the
        parts (Cancelled)."""
        from streamdesk.core import advice_pacing, advice_products
        from streamdesk.core.advice_slots import slot_advice

        def checkpoint() -> None:
            if cancel is not None:
                cancel.raise_if_set()

        settings = self._settings()
        slots = slot_advice(self._sessions, settings, zone=zone, platform=platform)
        checkpoint()
        # Products and pacing are read over every platform's shows: a product or a segment kind is the seller's
        # whichever platform it streamed on, and one platform's shows are often too few to tell.
        products = advice_products.product_advice(self._sessions, settings)
        checkpoint()
        advice_products.refresh_scores(self._sessions, products, clock=self._clock)
        checkpoint()
        pacing = advice_pacing.pacing_advice(self._sessions, settings)
        found = (*slot_suggestions(slots), *product_suggestions(products), *pacing_suggestions(pacing))
        now = self._clock()
        name = zone_name(zone if zone is not None else now.astimezone().tzinfo, now)
        return self.mark_dismissed(AdviceReport(now, name, self._currency(), slots, products, pacing, found))

    def mark_dismissed(self, report: AdviceReport) -> AdviceReport:
        """The same report with each suggestion's ``dismissed_at`` as stored now (after a dismissal or its undo)."""
        dismissed = self.dismissals()
        marked = tuple(
            replace(s, dismissed_at=dismissed[s.key].dismissed_at if s.key in dismissed else None)
            for s in report.suggestions
        )
        return replace(report, suggestions=marked)

    def pacing_check(self) -> PacingCheck:
        """The pacing habits from every streamed show, for warning while a rundown is edited (one read)."""
        from streamdesk.core.advice_pacing import pacing_advice

        pacing = pacing_advice(self._sessions, self._settings())
        return PacingCheck(pacing, frozenset(self.dismissals()))

    # --- dismissals ---------------------------------------------------------------------------------------------
    def dismiss(self, suggestion: Suggestion) -> Dismissed:
        """Hides the suggestion until restored; returns what ``restore`` needs (undo). Dismissing twice keeps the
        first time."""
        from streamdesk.models.advice import AdviceDismissal

        with self._sessions() as session, session.begin():
            row = session.get(AdviceDismissal, suggestion.key)
            if row is None:
                row = AdviceDismissal(
                    advice_key=suggestion.key,
                    evidence=json.dumps(dict(suggestion.figures), ensure_ascii=False, sort_keys=True),
                    dismissed_at=self._clock(),
                )
                session.add(row)
                session.flush()
            return _dismissed(row.advice_key, row.evidence, row.dismissed_at)

    def restore(self, key: str) -> Dismissed | None:
        """Shows a dismissed suggestion again; returns the dismissal removed (None: it was not dismissed)."""
        from streamdesk.models.advice import AdviceDismissal

        with self._sessions() as session, session.begin():
            row = session.get(AdviceDismissal, key)
            if row is None:
                return None
            gone = _dismissed(row.advice_key, row.evidence, row.dismissed_at)
            session.delete(row)
            return gone

    def redismiss(self, dismissed: Dismissed) -> None:
        """Puts back a dismissal exactly as it was (undo of ``restore``)."""
        from streamdesk.models.advice import AdviceDismissal

        with self._sessions() as session, session.begin():
            if session.get(AdviceDismissal, dismissed.key) is None:
                evidence = json.dumps(dict(dismissed.figures), ensure_ascii=False, sort_keys=True)
                session.add(
                    AdviceDismissal(advice_key=dismissed.key, evidence=evidence, dismissed_at=dismissed.dismissed_at)
                )

    def dismissals(self) -> dict[str, Dismissed]:
        from sqlmodel import select

        from streamdesk.models.advice import AdviceDismissal

        with self._sessions() as session, session.begin():
            rows = session.exec(select(AdviceDismissal)).all()
            return {row.advice_key: _dismissed(row.advice_key, row.evidence, row.dismissed_at) for row in rows}


def _dismissed(key: str, evidence: str, at: datetime) -> Dismissed:
    try:
        figures = json.loads(evidence) if evidence else {}
    except ValueError:  # written by hand or by a later version: the key alone still identifies it
        figures = {}
    return Dismissed(key, figures if isinstance(figures, dict) else {}, at)


def zone_name(zone: tzinfo | None, at: datetime | None = None) -> str:
    """ "Asia/Shanghai" for a ZoneInfo; the computer's zone (a fixed offset, which knows only an abbreviation such
    as the ambiguous "CST") as "CST, UTC+08:00"."""
    if zone is None:
        return ""
    key = getattr(zone, "key", None)
    if key:
        return str(key)
    offset = zone.utcoffset(at)
    if offset is None:
        return zone.tzname(at) or ""
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    utc = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    name = zone.tzname(at) or ""
    if name == "UTC" or not offset:
        return "UTC"
    return utc if not name or name.startswith("UTC") else f"{name}, {utc}"


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
