"""The review service (复盘): one show's KPIs against its targets and a comparable show, the funnel, the timeline
with its segment bands, per-segment and per-product results, trends over shows, and the seller's notes, cost
inputs and action items.

The maths lives in review_kpis over the aggregates of review_facts (FORMATS.md §4.6), the time axis and
attribution in review_segments, the reads in review_store / review_figures / review_detail and the writes in
review_actions. One user action is one call and one transaction;
every write returns what its undo needs. Only frozen DTOs from review_types leave this module. The ORM is
imported inside the methods (``app.build_services`` makes this service before the GUI's first paint).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.review_types import (
    ActionItemRow,
    CostsInput,
    ReviewHeader,
    ReviewNotes,
    ShowReviewData,
    Timeline,
    TotalsInput,
    TrendPoint,
)
from streamdesk.models.base import Platform, ShowStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.config import ReviewSettings
    from streamdesk.core.review_store import ShowRow
    from streamdesk.db import SessionFactory

# The sample sums a trend point needs: viewers (entries), platform GMV, orders and buyers, new followers.
TREND_SERIES = ("entries", "gmv_minor", "orders", "buyers", "new_followers")


class Review:
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        clock: Callable[[], datetime],
        settings: Callable[[], ReviewSettings],
    ) -> None:
        """``settings`` is asked on every call, so changed defaults (fee %, shipping) apply at once."""
        self._sessions = sessions
        self._clock = clock
        self._settings = settings

    # --- one show -------------------------------------------------------------------------------------------------
    def review(self, show_id: int, *, compare_to: int | None = None, auto_compare: bool = True) -> ShowReviewData:
        """The whole review of a show; ``compare_to`` None with ``auto_compare`` compares with previous_comparable.

        UserError("review.show_not_found") for a show (or comparison show) that does not exist.
        """
        from streamdesk.core import review_actions as actions
        from streamdesk.core import review_detail as detail
        from streamdesk.core import review_figures
        from streamdesk.core import review_kpis as kpis
        from streamdesk.core import review_store as store
        from streamdesk.core.review_segments import segment_results
        from streamdesk.models.metrics import ShowReview

        with self._sessions() as session, session.begin():
            if compare_to is None and auto_compare:
                compare_to = self._previous_comparable(session, show_id)
            if compare_to == show_id:
                compare_to = None
            ids = [show_id] if compare_to is None else [show_id, compare_to]
            shows = store.show_rows(session, ids)
            for wanted in ids:
                if wanted not in shows:
                    raise UserError("review.show_not_found", show_id=wanted)
            headers = store.headers(session, ids, shows)
            figures = review_figures.figures(
                session,
                shows,
                self._settings(),
                show_ids=ids,
                buyer_split_of=lambda shown: store.buyer_split(session, shown),
            )
            show, header, mine = shows[show_id], headers[show_id], figures[show_id]
            values = kpis.kpi_values(mine)
            previous = kpis.kpi_values(figures[compare_to]) if compare_to is not None else None
            targets = kpis.targets_of(show.target_gmv_minor, show.target_orders, show.target_followers)
            timeline, orders, planned = detail.build_timeline(session, header, self._clock())
            segments = segment_results(timeline.bands, planned, timeline, orders, own_orders=mine.orders.orders > 0)
            row = session.get(ShowReview, show_id)
            totals = detail.stored_totals(session, show_id)
            return ShowReviewData(
                header=header,
                compare_to=headers[compare_to] if compare_to is not None else None,
                kpis=kpis.compare(values, previous, targets),
                funnel=kpis.funnel(mine),
                timeline=timeline,
                segments=segments,
                products=detail.products(session, show_id),
                totals=totals,
                imports=detail.metric_imports(session, show_id),
                costs=mine.costs,
                notes=actions.notes_of(row),
                actions=actions.action_rows(session, show_id),
                has_metrics=bool(totals) or bool(timeline.seconds),
            )

    def timeline(self, show_id: int) -> Timeline:
        """Samples summed over platforms (NaN where none said), the app's orders per minute, segment bands (from
        the live runs' timer logs, else the planned rundown) and markers; seconds from the show's start."""
        from streamdesk.core import review_detail as detail
        from streamdesk.core import review_store as store

        with self._sessions() as session, session.begin():
            header = store.headers(session, [show_id]).get(show_id)
            if header is None:
                raise UserError("review.show_not_found", show_id=show_id)
            return detail.build_timeline(session, header, self._clock())[0]

    # --- lists ----------------------------------------------------------------------------------------------------
    def reviewable_shows(self) -> tuple[ReviewHeader, ...]:
        """Shows that are not templates and have started (gone live, or past their planned start), newest first."""
        from streamdesk.core import review_store as store

        with self._sessions() as session, session.begin():
            return store.newest_first(self._started(session)[1].values())

    def comparable_shows(self, show_id: int) -> tuple[ReviewHeader, ...]:
        """Shows that started before this one (not templates, not cancelled), newest first."""
        from streamdesk.core import review_store as store

        with self._sessions() as session, session.begin():
            own = store.headers(session, [show_id]).get(show_id)
            if own is None:
                raise UserError("review.show_not_found", show_id=show_id)
            return store.newest_first(_earlier(own, self._started(session)[1].values()))

    def previous_comparable(self, show_id: int) -> int | None:
        """The latest earlier show that is DONE and shares a platform with this one; None when there is none."""
        with self._sessions() as session, session.begin():
            return self._previous_comparable(session, show_id)

    def _previous_comparable(self, session: Session, show_id: int) -> int | None:
        from streamdesk.core import review_store as store

        own = store.headers(session, [show_id]).get(show_id)
        if own is None:
            raise UserError("review.show_not_found", show_id=show_id)
        for header in store.newest_first(_earlier(own, self._started(session)[1].values())):
            if header.status is ShowStatus.DONE and set(header.platforms) & set(own.platforms):
                return header.show_id
        return None

    def _started(self, session: Session) -> tuple[dict[int, ShowRow], dict[int, ReviewHeader]]:
        """Every show, and the headers of those that can be reviewed."""
        from streamdesk.core import review_store as store

        shows = store.show_rows(session)
        runs = store.run_spans(session)
        candidates = {i: show for i, show in shows.items() if not show.is_template}
        headers = store.headers(session, None, candidates, runs)
        now = self._clock()
        started = {i: h for i, h in headers.items() if store.has_started(h, i in runs, now)}
        return shows, started

    def trends(self, *, platform: Platform | None = None) -> tuple[TrendPoint, ...]:
        """Per reviewable show, oldest first: GMV, net GMV, conversion (buyers ÷ viewers), average watch time, new
        followers, gross profit. With ``platform``: only shows on it, counting only its orders and metrics.

        One statement per table for every show at once (no per-show queries). A show on the platforms' figures
        alone (no orders of its own) reports its GMV as net GMV: the exports carry no refunds.
        """
        from streamdesk.core import review_figures
        from streamdesk.core import review_kpis as kpis

        with self._sessions() as session, session.begin():
            shows, started = self._started(session)
            if platform is not None:
                started = {i: h for i, h in started.items() if platform in h.platforms}
            chosen = {i: shows[i] for i in started}
            figures = review_figures.figures(session, chosen, self._settings(), platform=platform, series=TREND_SERIES)
        points = []
        for show_id, header in started.items():
            if header.started_at is None:
                continue
            values = kpis.kpi_values(figures[show_id])
            gmv = values["gmv"].value
            net = values["net_gmv"].value
            watch = values["average_watch_seconds"].value
            followers = values["new_followers"].value
            conversion = values["watch_to_buy"].value
            profit = values["gross_profit"].value
            points.append(
                TrendPoint(
                    show_id=show_id,
                    title=header.title,
                    started_at=header.started_at,
                    platforms=header.platforms,
                    gmv_minor=int(gmv or 0),
                    net_gmv_minor=int(net if net is not None else gmv or 0),
                    conversion=None if conversion is None else float(conversion),
                    average_watch_seconds=None if watch is None else float(watch),
                    new_followers=None if followers is None else int(followers),
                    profit_minor=None if profit is None else int(profit),
                    currency=header.currency,
                )
            )
        points.sort(key=lambda p: (p.started_at, p.show_id))
        return tuple(points)

    # --- totals, notes, costs ---------------------------------------------------------------------------------
    def save_totals(self, show_id: int, totals: TotalsInput) -> TotalsInput | None:
        """Save a show's totals on one platform (replacing what it had); returns the previous ones (None: none)."""
        from streamdesk.core import review_actions as actions

        with self._sessions(write=True) as session, session.begin():
            return actions.save_totals(session, show_id, totals, self._clock())

    def delete_totals(self, show_id: int, platform: Platform) -> TotalsInput | None:
        """Remove a show's totals on one platform; returns them (None when there were none)."""
        from streamdesk.core import review_actions as actions

        with self._sessions(write=True) as session, session.begin():
            return actions.delete_totals(session, show_id, platform)

    def save_notes(self, show_id: int, notes: ReviewNotes) -> ReviewNotes:
        """Save what went well and the problems; returns the previous notes."""
        from streamdesk.core import review_actions as actions

        now = self._clock()
        with self._sessions(write=True) as session, session.begin():
            row = actions.review_row(session, show_id, now)
            previous = actions.notes_of(row)
            row.went_well, row.problems, row.updated_at = notes.went_well, notes.problems, now
            session.add(row)
            return previous

    def save_costs(self, show_id: int, costs: CostsInput) -> CostsInput:
        """Save the show's fee (basis points of net GMV), shipping per parcel and giveaways (None = the default);
        returns the previous inputs. UserError for a fee outside 0-100 % or a negative amount."""
        from streamdesk.core import review_actions as actions

        actions.check_costs(costs)
        now = self._clock()
        with self._sessions(write=True) as session, session.begin():
            row = actions.review_row(session, show_id, now)
            previous = actions.costs_of(row)
            row.fee_basis_points = costs.fee_basis_points
            row.shipping_per_order_minor = costs.shipping_per_order_minor
            row.giveaways_minor = costs.giveaways_minor
            row.updated_at = now
            session.add(row)
            return previous

    # --- action items ---------------------------------------------------------------------------------------------
    def add_action(self, show_id: int, text: str) -> int:
        """A new open action item raised by this show's review, last in its list; returns its id."""
        from streamdesk.core import review_actions as actions
        from streamdesk.models.metrics import ActionItem

        cleaned = actions.clean_text(text)
        with self._sessions(write=True) as session, session.begin():
            actions.require_show(session, show_id)
            item = ActionItem(
                show_id=show_id,
                position=actions.next_position(session, show_id),
                text=cleaned,
                created_at=self._clock(),
            )
            session.add(item)
            session.flush()
            assert item.id is not None  # flushed
            return item.id

    def edit_action(self, action_id: int, text: str) -> str:
        """Change an action item's text; returns the previous text."""
        from streamdesk.core import review_actions as actions

        cleaned = actions.clean_text(text)
        with self._sessions(write=True) as session, session.begin():
            item = actions.require_action(session, action_id)
            previous = item.text
            item.text = cleaned
            session.add(item)
            return previous

    def delete_action(self, action_id: int) -> ActionItemRow:
        """Delete an action item; returns it for restore_action."""
        from streamdesk.core import review_actions as actions

        with self._sessions(write=True) as session, session.begin():
            item = actions.require_action(session, action_id)
            row = actions.action_row(item, actions.show_titles(session, {item.show_id}))
            session.delete(item)
            return row

    def restore_action(self, row: ActionItemRow) -> int:
        """Undo of delete_action: the item back with its text, place and state (its old id when free)."""
        from streamdesk.core import review_actions as actions

        with self._sessions(write=True) as session, session.begin():
            return actions.restore(session, row)

    def set_action_done(self, action_id: int, done: bool, *, on_show_id: int | None = None) -> ActionItemRow:
        """Tick an action item done (now, on the page of ``on_show_id``) or open it again; returns it as it was."""
        from streamdesk.core import review_actions as actions

        with self._sessions(write=True) as session, session.begin():
            item = actions.require_action(session, action_id)
            if on_show_id is not None:
                actions.require_show(session, on_show_id)
            previous = actions.action_row(item, actions.show_titles(session, {item.show_id}))
            item.done_at = self._clock() if done else None
            item.done_show_id = on_show_id if done else None
            session.add(item)
            return previous

    def carried_actions(self, show_id: int) -> tuple[ActionItemRow, ...]:
        """What earlier reviews left for this show: open items raised by shows that started before it, and items
        ticked done on this show; oldest first (by the raising show's start, then its list order)."""
        from sqlmodel import col, or_, select

        from streamdesk.core import review_actions as actions
        from streamdesk.core import review_store as store
        from streamdesk.models.metrics import ActionItem

        with self._sessions() as session, session.begin():
            own = store.headers(session, [show_id]).get(show_id)
            if own is None:
                raise UserError("review.show_not_found", show_id=show_id)
            items = session.exec(
                select(ActionItem).where(
                    ActionItem.show_id != show_id,
                    or_(col(ActionItem.done_at).is_(None), col(ActionItem.done_show_id) == show_id),
                )
            ).all()
            raisers = store.headers(session, sorted({item.show_id for item in items}))
            titles = {i: h.title for i, h in raisers.items()}
            kept = [
                item
                for item in items
                if item.show_id in raisers and (item.done_show_id == show_id or _before(raisers[item.show_id], own))
            ]
            kept.sort(key=lambda item: (_start_key(raisers[item.show_id]), item.show_id, item.position, item.id or 0))
            return tuple(actions.action_row(item, titles) for item in kept)


def _before(header: ReviewHeader, own: ReviewHeader) -> bool:
    """``header``'s show started before ``own``'s (a show without a start cannot be placed: not before)."""
    return header.started_at is not None and own.started_at is not None and header.started_at < own.started_at


def _earlier(own: ReviewHeader, headers: Iterable[ReviewHeader]) -> list[ReviewHeader]:
    return [h for h in headers if h.show_id != own.show_id and _before(h, own)]


def _start_key(header: ReviewHeader) -> tuple[bool, datetime]:
    """Oldest start first; shows without a start last."""
    return (header.started_at is None, header.started_at or datetime.max.replace(tzinfo=UTC))
