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

from streamdesk.core.advice_slots import SlotAdvice
from streamdesk.core.advice_suggestions import (
    Figure,
    Suggestion,
    pacing_suggestions,
    product_suggestions,
    slot_suggestions,
)
from streamdesk.models.base import Platform, SegmentKind

if TYPE_CHECKING:
    from streamdesk.config import ReviewSettings
    from streamdesk.core.advice_pacing import PacingAdvice, PacingWarning
    from streamdesk.core.advice_products import ProductAdvice
    from streamdesk.core.jobs import CancelToken
    from streamdesk.db import SessionFactory

# The suggestions' types and builders are re-exported: callers import the assistant from here.
__all__ = [
    "Advice",
    "AdviceReport",
    "Dismissed",
    "Figure",
    "PacingCheck",
    "Suggestion",
    "pacing_suggestions",
    "product_suggestions",
    "slot_suggestions",
    "zone_name",
]


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
        from streamdesk.core.advice_history import streamed_shows
        from streamdesk.core.advice_slots import slot_advice

        def checkpoint() -> None:
            if cancel is not None:
                cancel.raise_if_set()

        settings = self._settings()
        slots = slot_advice(self._sessions, settings, zone=zone, platform=platform)
        checkpoint()
        # Products and pacing are read over every platform's shows: a product or a segment kind is the seller's
        # whichever platform it streamed on, and one platform's shows are often too few to tell. Both walk the
        # same streamed shows, read once here.
        with self._sessions() as session, session.begin():
            shows = streamed_shows(session)
        products = advice_products.product_advice(self._sessions, settings, shows=shows)
        checkpoint()
        advice_products.refresh_scores(self._sessions, products, clock=self._clock)
        checkpoint()
        pacing = advice_pacing.pacing_advice(self._sessions, settings, shows=shows)
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
