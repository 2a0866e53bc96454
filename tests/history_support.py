"""Shows with a history, built straight into a database for tests in any folder (tests/ is on sys.path through its
conftest): a show and its rundown, orders with their lines, metric samples, and ``stream`` — a show taken live
through ShowRuns (its timer started and finished), which is what the advice and the review call streamed."""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import FakeClock, FakeUTCClock
from sqlmodel import col, select

from streamdesk.core.show_runs import ShowRuns
from streamdesk.db import Database
from streamdesk.models.base import OrderSource, OrderStatus, Platform, SegmentKind, ShowStatus
from streamdesk.models.metrics import MetricImport, MetricSample
from streamdesk.models.orders import Customer, Order, OrderLine
from streamdesk.models.shows import Segment, Show

ONE_HOUR_PITCH = (("Pitch", 3600, SegmentKind.PITCH),)


def add_show(
    database: Database,
    title: str,
    *,
    planned_start: datetime | None,
    status: ShowStatus = ShowStatus.DONE,
    platforms: str = "douyin",
    segments: tuple[tuple[str, int, SegmentKind], ...] = (),
    targets: tuple[int | None, int | None, int | None] = (None, None, None),
    is_template: bool = False,
) -> tuple[int, tuple[int, ...]]:
    with database.sessions(write=True) as session, session.begin():
        show = Show(
            title=title,
            status=status,
            platforms=platforms,
            planned_start=planned_start,
            planned_seconds=sum(s[1] for s in segments),
            target_gmv_minor=targets[0],
            target_orders=targets[1],
            target_followers=targets[2],
            is_template=is_template,
        )
        session.add(show)
        session.flush()
        assert show.id is not None
        rows = [
            Segment(show_id=show.id, position=i, kind=kind, title=name, planned_seconds=seconds)
            for i, (name, seconds, kind) in enumerate(segments)
        ]
        session.add_all(rows)
        session.flush()
        return show.id, tuple(row.id for row in rows if row.id is not None)


def add_order(
    database: Database,
    order_no: str,
    *,
    show_id: int | None,
    created_at: datetime,
    paid_minor: int,
    customer: str | None,
    lines: tuple[tuple[int | None, int, int], ...] = (),  # (variant id, quantity, line total)
    status: OrderStatus = OrderStatus.PAID,
    segment_id: int | None = None,
    refunded_minor: int = 0,
    shipped_at: datetime | None = None,
    platform: Platform = Platform.DOUYIN,
    title: str = "商品",
) -> int:
    with database.sessions(write=True) as session, session.begin():
        customer_id = None
        if customer is not None:
            found = session.exec(
                select(Customer).where(col(Customer.platform) == platform, Customer.nickname == customer)
            ).first()
            if found is None:
                found = Customer(platform=platform, nickname=customer)
                session.add(found)
                session.flush()
            customer_id = found.id
        order = Order(
            platform=platform,
            order_no=order_no,
            source=OrderSource.IMPORT,
            status=status,
            customer_id=customer_id,
            show_id=show_id,
            segment_id=segment_id,
            goods_minor=sum(line[2] for line in lines),
            paid_minor=paid_minor,
            refunded_minor=refunded_minor,
            created_at=created_at,
            shipped_at=shipped_at,
        )
        session.add(order)
        session.flush()
        assert order.id is not None
        for number, (variant_id, quantity, total) in enumerate(lines, start=1):
            session.add(
                OrderLine(
                    order_id=order.id,
                    line_no=str(number),
                    variant_id=variant_id,
                    title=title,
                    quantity=quantity,
                    unit_price_minor=total // quantity,
                    total_minor=total,
                )
            )
        return order.id


def add_samples(
    database: Database,
    show_id: int,
    rows: list[tuple[datetime, dict[str, int | None]]],
    platform: Platform = Platform.DOUYIN,
    interval_seconds: int = 60,
) -> None:
    with database.sessions(write=True) as session, session.begin():
        batch = MetricImport(
            show_id=show_id,
            platform=platform,
            preset=f"{platform.value}_trend",
            file_name="trend.csv",
            interval_seconds=interval_seconds,
        )
        session.add(batch)
        session.flush()
        for when, values in rows:
            session.add(MetricSample(show_id=show_id, platform=platform, import_id=batch.id, at=when, **values))


def stream(
    database: Database,
    title: str,
    start: datetime,
    seconds: int,
    gmv: int,
    views: int,
    *,
    finish: bool = True,
    segments: tuple[tuple[str, int, SegmentKind], ...] = ONE_HOUR_PITCH,
) -> int:
    """A show streamed live from ``start`` (UTC) for ``seconds``: one order of ``gmv``, ``views`` in one sample."""
    show_id, _ = add_show(database, title, planned_start=start, segments=segments)
    utc = FakeUTCClock(start)
    timer_clock = FakeClock(now=100.0)
    timer = ShowRuns(database.sessions, clock=utc, timer_clock=timer_clock).start(show_id).timer
    timer.start()
    if finish:
        timer_clock.now += seconds
        utc.advance(seconds=seconds)
        timer.finish()
    add_order(database, f"{title}-1", show_id=show_id, created_at=start + timedelta(minutes=5), paid_minor=gmv,
              customer=f"{title}-buyer")  # fmt: skip
    add_samples(database, show_id, [(start, {"online": 50, "views": views, "entries": 100})])
    return show_id
