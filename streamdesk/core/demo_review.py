"""The demo shop's post-stream reviews (复盘): what the platforms measured during each streamed show, the seller's
notes and the action items that carry forward.

Every streamed show gets a minute trend per platform, as the platform's live dashboard exports it (抖音 罗盘, 快手
生意通, 视频号助手), from a little before the live run started to after its last order. The first platform's GMV,
orders and buyers per minute are the demo orders themselves (placed in that minute, not cancelled or unpaid), so the
platform's figures and the app's own agree; a second platform sold nothing. The audience rises as the sales do,
because in a live room viewers and orders come together; the room's size is the show's kind's (demo_plan.Stream:
a weekend afternoon fills it, a weekday afternoon does not). Summary totals come with each trend (a 视频号 show's are
typed in by hand), and each review has notes and action items (demo_notes.py): the older ones were ticked off on a later show,
the latest ones are still open, so the next show's plan and pre-flight list them.

Written straight through the ORM in one transaction; deterministic for a seed (time stamps come from the shows).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from streamdesk.core.demo_notes import REVIEWS, ReviewNotes
from streamdesk.core.demo_shows import stream_of
from streamdesk.models.base import OrderStatus, Platform, RunKind, ShowStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.db import SessionFactory
    from streamdesk.models.shows import Show

MINUTE = timedelta(minutes=1)
LEAD_MINUTES = 3  # the room opens and fills a few minutes before the host starts talking
TAIL_MINUTES = 4
UNSOLD = (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT)  # not GMV on any platform's dashboard
TREND_PRESETS = {
    Platform.DOUYIN: ("douyin_trend", "直播间实时趋势_{day}.xlsx", "douyin_summary"),
    Platform.KUAISHOU: ("kuaishou_trend", "快手直播数据_{day}.csv", "kuaishou_summary"),
    Platform.CHANNELS: ("mapping", "视频号直播数据_{day}.csv", "manual"),
}
AUDIENCE = {Platform.DOUYIN: 1.0, Platform.KUAISHOU: 0.8, Platform.CHANNELS: 0.3}  # of the room's size


def add_demo_reviews(sessions: SessionFactory, rng: random.Random, now: datetime) -> int:
    """Metrics, totals, notes and action items for every streamed show; returns how many shows got a review."""
    from sqlmodel import select

    from streamdesk.models.shows import Show

    with sessions(write=True) as session, session.begin():
        streamed = session.exec(
            select(Show).where(Show.status == ShowStatus.DONE, Show.is_template == False)  # noqa: E712
            .order_by(Show.planned_start)  # type: ignore[arg-type]
        ).all()  # fmt: skip
        reviewed = [show for show in streamed if show.planned_start is not None]
        for show in reviewed:
            _metrics(session, show, rng, now)
        by_title = {show.title: show for show in reviewed}
        order = [show.id or 0 for show in reviewed]
        for review in REVIEWS:
            reviewed_show = by_title.get(review.title)
            if reviewed_show is not None:
                _notes(session, reviewed_show, review, order, by_title)
    return len(reviewed)


# --- metrics ----------------------------------------------------------------------------------------------------
def _window(session: Session, show: Show) -> tuple[datetime, datetime]:
    """From a few minutes before the live run (or the planned start) to a few after its end or its last order."""
    from sqlmodel import select

    from streamdesk.models.orders import Order
    from streamdesk.models.shows import ShowRun

    assert show.planned_start is not None
    run = session.exec(
        select(ShowRun).where(ShowRun.show_id == show.id, ShowRun.kind == RunKind.LIVE)
        .order_by(ShowRun.started_at)  # type: ignore[arg-type]
    ).first()  # fmt: skip
    start = min(show.planned_start, run.started_at) if run is not None else show.planned_start
    end = show.planned_start + timedelta(seconds=show.planned_seconds)
    if run is not None and run.finished_at is not None:
        end = max(end, run.finished_at)
    last = session.exec(select(Order.created_at).where(Order.show_id == show.id)).all()
    if last:
        end = max(end, max(last))
    first_minute = start.replace(second=0, microsecond=0) - LEAD_MINUTES * MINUTE
    last_minute = end.replace(second=0, microsecond=0) + TAIL_MINUTES * MINUTE
    return first_minute, last_minute


def _sales(session: Session, show: Show, first: datetime) -> dict[int, tuple[int, int, int]]:
    """Minute index → (GMV, orders, buyers) of the show's sold orders placed in that minute."""
    from sqlmodel import select

    from streamdesk.models.orders import Order

    rows = session.exec(
        select(Order).where(Order.show_id == show.id, Order.status.not_in(UNSOLD))  # type: ignore[attr-defined]
    ).all()
    gmv: dict[int, int] = defaultdict(int)
    orders: dict[int, int] = defaultdict(int)
    buyers: dict[int, set[int]] = defaultdict(set)
    for order in rows:
        minute = int((order.created_at - first).total_seconds() // 60)
        gmv[minute] += order.paid_minor if order.paid_minor is not None else order.goods_minor
        orders[minute] += 1
        buyers[minute].add(order.customer_id or -(order.id or 0))
    return {minute: (gmv[minute], orders[minute], len(buyers[minute])) for minute in orders}


def _audience(minutes: int, sales: dict[int, tuple[int, int, int]], rng: random.Random, scale: float) -> list[int]:
    """Concurrent viewers per minute: a ramp up, a slow fade, and a crowd wherever orders come in."""
    busy = [sum(sales.get(m + d, (0, 0, 0))[1] for d in range(-3, 4)) for m in range(minutes)]
    peak = 260 + rng.randint(0, 120)
    levels = []
    for m in range(minutes):
        ramp = min(1.0, (m + 1) / (LEAD_MINUTES + 9))
        fade = 1.0 - 0.35 * m / max(minutes - 1, 1)
        crowd = 28 * busy[m]
        wobble = 1.0 + 0.06 * math.sin(m / 3.1) + rng.uniform(-0.05, 0.05)
        levels.append(max(3, round(scale * (peak * ramp * fade + crowd) * wobble)))
    for m in range(minutes - TAIL_MINUTES, minutes):  # the stream has ended: the room empties
        levels[m] = max(1, round(levels[m] * 0.25 ** (m - (minutes - TAIL_MINUTES) + 1)))
    return levels


def _metrics(session: Session, show: Show, rng: random.Random, now: datetime) -> None:
    from streamdesk.models.metrics import MetricImport, MetricSample, ShowTotals

    first, last = _window(session, show)
    minutes = int((last - first).total_seconds() // 60) + 1
    sales = _sales(session, show, first)
    platforms = [Platform(p) for p in show.platforms.split(",") if p]
    ad_total = _ad_budget(session, show)
    crowd = stream_of(show.title).crowd
    day = f"{show.planned_start or first:%Y%m%d}"
    for index, platform in enumerate(platforms):
        selling = index == 0  # the demo's orders all came from the show's first platform
        preset, file_name, summary_source = TREND_PRESETS.get(platform, ("mapping", "live_{day}.csv", "manual"))
        scale = AUDIENCE.get(platform, 0.5) * crowd
        online = _audience(minutes, sales if selling else {}, rng, scale)
        imported = min(last + timedelta(hours=rng.randint(2, 20)), now)
        record = MetricImport(
            show_id=show.id or 0,
            platform=platform,
            preset=preset,
            file_name=file_name.format(day=day),
            encoding="utf-8" if file_name.endswith(".xlsx") else "gb18030",
            kind="trend",
            rows=minutes,
            samples=minutes,
            interval_seconds=60,
            imported_at=imported,
        )
        session.add(record)
        session.flush()
        samples = []
        previous = 0
        for m, level in enumerate(online):
            gmv, orders, buyers = sales.get(m, (0, 0, 0)) if selling else (0, 0, 0)
            exits = round(previous * rng.uniform(0.10, 0.16))
            entries = max(0, level - previous + exits)
            views = round(entries * rng.uniform(1.2, 1.45))
            exposures = round(level * rng.uniform(0.45, 0.6)) if platform is not Platform.CHANNELS else None
            clicks = None if exposures is None else round(exposures * rng.uniform(0.08, 0.14)) + 2 * orders
            ad_cost = ad_total // minutes if selling and ad_total else None
            samples.append(
                MetricSample(
                    show_id=show.id or 0,
                    platform=platform,
                    import_id=record.id,
                    at=first + m * MINUTE,
                    online=level,
                    entries=entries,
                    exits=exits,
                    views=views,
                    gmv_minor=gmv,
                    orders=orders,
                    buyers=buyers,
                    comments=round(level * rng.uniform(0.03, 0.08)),
                    likes=round(level * rng.uniform(0.4, 0.9)),
                    shares=round(level * rng.uniform(0.0, 0.02)),
                    new_followers=round(entries * rng.uniform(0.02, 0.05)),
                    fan_club_joins=round(entries * rng.uniform(0.0, 0.012)),
                    product_exposures=exposures,
                    product_clicks=clicks,
                    ad_cost_minor=ad_cost,
                )
            )
            previous = level
        session.add_all(samples)
        session.add(
            ShowTotals(
                show_id=show.id or 0,
                platform=platform,
                source=summary_source,
                updated_at=imported,
                **_totals(samples, minutes, selling, platform, rng),
            )
        )


def _ad_budget(session: Session, show: Show) -> int:
    """The paid-promotion lines of the show's budget (千川投流, 快手粉条), spent evenly over the stream."""
    from sqlmodel import select

    from streamdesk.models.shows import ShowBudgetLine

    lines = session.exec(select(ShowBudgetLine).where(ShowBudgetLine.show_id == show.id)).all()
    return sum(line.amount_minor for line in lines if "投流" in line.label or "粉条" in line.label)


def _totals(
    samples: Sequence[object], minutes: int, selling: bool, platform: Platform, rng: random.Random
) -> dict[str, int | None]:
    """The platform's summary of the show, consistent with its minutes (people are fewer than visits)."""
    from streamdesk.models.metrics import MetricSample

    rows = [s for s in samples if isinstance(s, MetricSample)]

    def total(name: str) -> int:
        return sum(int(getattr(row, name) or 0) for row in rows)

    online = [row.online or 0 for row in rows]
    viewers = round(total("entries") * rng.uniform(0.72, 0.82))
    average = round(sum(online) / len(online)) if online else 0
    live_seconds = (minutes - LEAD_MINUTES - TAIL_MINUTES) * 60
    totals: dict[str, int | None] = {
        "duration_seconds": live_seconds,
        "viewers": viewers,
        "peak_online": max(online, default=0),
        "average_online": average,
        "average_watch_seconds": round(average * live_seconds / viewers) if viewers else None,
        "new_followers": total("new_followers"),
        "likes": total("likes"),
        "comments": total("comments"),
        "shares": total("shares"),
    }
    if platform is Platform.CHANNELS:  # typed in by hand from 视频号助手: what its overview page shows
        return totals
    exposures = round(viewers * rng.uniform(0.55, 0.7))
    orders = total("orders")
    totals |= {
        "room_exposures": round(viewers * rng.uniform(5.5, 7.5)),
        "views": total("views"),
        "fan_club_joins": total("fan_club_joins"),
        "interacting_viewers": round(viewers * rng.uniform(0.12, 0.2)),
        "product_exposures": exposures,
        "product_clicks": round(exposures * rng.uniform(0.14, 0.22)),
        "orders_created": orders + (rng.randint(2, 6) if selling else 0),
        "platform_orders": orders,
        "platform_buyers": total("buyers"),
        "platform_gmv_minor": total("gmv_minor"),
    }
    return totals


# --- notes and action items -------------------------------------------------------------------------------------
def _notes(session: Session, show: Show, review: ReviewNotes, order: list[int], by_title: dict[str, Show]) -> None:
    from streamdesk.models.metrics import ActionItem, ShowReview

    assert show.id is not None and show.planned_start is not None
    written = show.planned_start + timedelta(days=1, hours=-8)  # the next morning, Beijing time
    session.add(
        ShowReview(
            show_id=show.id,
            went_well=review.went_well,
            problems=review.problems,
            shipping_per_order_minor=review.shipping_minor,
            giveaways_minor=review.giveaways_minor,
            updated_at=written,
        )
    )
    starts = {s.id: s.planned_start for s in by_title.values()}
    for position, (text, later) in enumerate(review.actions):
        done_show = None
        if later is not None and order.index(show.id) + later < len(order):
            done_show = order[order.index(show.id) + later]
        done_start = starts.get(done_show) if done_show is not None else None
        session.add(
            ActionItem(
                show_id=show.id,
                position=position,
                text=text,
                done_at=None if done_start is None else done_start - timedelta(hours=2),  # ticked at pre-flight
                done_show_id=done_show if done_start is not None else None,
                created_at=written + timedelta(minutes=position),
            )
        )
