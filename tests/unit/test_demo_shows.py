"""The demo shop's shows (core/demo_shows.py): past and upcoming shows with rundowns, a template, a short SKU."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from streamdesk.core.demo import DemoSummary, write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.show_types import ConflictCode, SegmentKind, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import open_database

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shows, DemoSummary]]:
    path = tmp_path_factory.mktemp("demo-shows") / "shop.sqlite3"
    summary = run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    database = open_database(path)
    yield Shows(database.sessions, clock=lambda: NOW), summary
    database.dispose()


def test_demo_has_past_and_upcoming_shows_around_its_clock(demo: tuple[Shows, DemoSummary]) -> None:
    shows, summary = demo
    listed = shows.list_shows()
    assert summary.shows == len(listed) + len(shows.list_shows(templates=True)) == 14
    starts = [s.planned_start for s in listed]
    assert all(start is not None for start in starts)
    past = [s for s in listed if s.planned_start is not None and s.planned_start < NOW]
    upcoming = [s for s in listed if s.planned_start is not None and s.planned_start > NOW]
    assert len(past) >= 9 and len(upcoming) >= 3
    assert all(NOW - timedelta(weeks=9) < start < NOW + timedelta(days=21) for start in starts if start is not None)
    assert min(start for start in starts if start is not None) < NOW - timedelta(weeks=6)  # two months of history
    assert {s.status for s in past} <= {ShowStatus.DONE, ShowStatus.CANCELLED}
    assert ShowStatus.CANCELLED in {s.status for s in past}
    assert {s.status for s in upcoming} <= {ShowStatus.SCHEDULED, ShowStatus.DRAFT}
    assert all(s.planned_start.astimezone(SHANGHAI).time() == time(20, 0) for s in upcoming if s.planned_start)


def test_past_shows_start_at_different_hours_on_weekdays_and_weekends(demo: tuple[Shows, DemoSummary]) -> None:
    shows = demo[0]
    slots: dict[tuple[bool, int], int] = {}
    for show in shows.list_shows(status=ShowStatus.DONE):
        assert show.planned_start is not None
        local = show.planned_start.astimezone(SHANGHAI)
        assert local.minute == 0 and local.date() <= (NOW - timedelta(days=2)).astimezone(SHANGHAI).date()
        key = (local.weekday() >= 5, local.hour)
        slots[key] = slots.get(key, 0) + 1
    assert slots == {(False, 20): 4, (False, 14): 3, (True, 15): 2}


def test_every_demo_show_has_a_rundown_tied_to_products(demo: tuple[Shows, DemoSummary]) -> None:
    shows = demo[0]
    for summary in shows.list_shows():
        rundown = shows.rundown(summary.id)
        kinds = [s.kind for s in rundown.segments]
        assert len(kinds) >= 5 and kinds[0] is SegmentKind.OPENING and kinds[-1] is SegmentKind.CLOSING
        pitches = [s for s in rundown.segments if s.kind is SegmentKind.PITCH]
        assert pitches and all(s.products and s.talking_points for s in pitches)
        assert all(p.price_minor is not None for s in rundown.segments for p in s.products)
        assert summary.rundown_seconds == sum(s.planned_seconds for s in rundown.segments) > 0
        detail = shows.get_show(summary.id)
        assert detail.people and detail.promotions and detail.budget and detail.sku_targets
        assert detail.target_gmv_minor and detail.target_gmv_minor > 0


def test_flash_sales_wait_for_their_announced_time(demo: tuple[Shows, DemoSummary]) -> None:
    shows = demo[0]
    waits = []
    for summary in shows.list_shows():
        rundown = shows.rundown(summary.id)
        for segment, timing in zip(rundown.segments, rundown.timings, strict=True):
            if segment.fixed_start is not None:
                assert timing.start == segment.fixed_start
                waits.append(timing.wait_seconds)
        assert ConflictCode.FIXED_START_UNREACHABLE not in {c.code for c in rundown.conflicts}
    assert len(waits) >= 3 and all(w > 0 for w in waits)


def test_the_draft_runs_over_and_an_upcoming_show_is_short_of_stock(demo: tuple[Shows, DemoSummary]) -> None:
    shows = demo[0]
    (draft,) = shows.list_shows(status=ShowStatus.DRAFT)
    assert ConflictCode.OVER_PLANNED in {c.code for c in shows.rundown(draft.id).conflicts}
    upcoming = shows.list_shows(start=NOW)
    short = [row for s in upcoming for row in shows.stock_check(s.id)]
    assert short and all(row.short_by > 0 and row.available < row.quantity for row in short)


def test_the_demo_template_is_undated_with_a_copied_rundown(demo: tuple[Shows, DemoSummary]) -> None:
    shows = demo[0]
    (template,) = shows.list_shows(templates=True)
    assert (template.planned_start, template.status, template.is_template) == (None, ShowStatus.DRAFT, True)
    assert template.segment_count >= 5
    source = next(s for s in shows.list_shows() if s.title == "周末宠粉专场")
    assert [s.title for s in shows.rundown(source.id).segments] == [
        s.title for s in shows.rundown(template.id).segments
    ]


def test_past_shows_that_were_streamed_have_a_finished_live_run(demo: tuple[Shows, DemoSummary]) -> None:
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.core.show_types import RunKind

    shows, demo_summary = demo
    database = open_database(demo_summary.database)
    runs = ShowRuns(database.sessions, clock=lambda: NOW, timer_clock=lambda: NOW.timestamp())
    for summary in shows.list_shows():
        listed = runs.runs(summary.id)
        if summary.status is not ShowStatus.DONE:
            assert listed == ()
            continue
        assert [(r.kind, r.finished_at is not None) for r in listed] == [(RunKind.LIVE, True)]
        assert summary.planned_start is not None
        assert abs(listed[0].started_at - summary.planned_start) < timedelta(minutes=5)
        rows = runs.planned_vs_actual(listed[0].id)
        assert len(rows) == summary.segment_count and all(row.visited for row in rows)
        assert any(row.over_under_seconds > 0 for row in rows) and any(row.over_under_seconds < 0 for row in rows)
        pitches = [row.actual_seconds / row.planned_seconds for row in rows if row.kind is SegmentKind.PITCH]
        assert pitches and all(1.4 < ratio < 2.0 for ratio in pitches)  # this host talks over every pitch
        assert sum(row.actual_seconds for row in rows) == pytest.approx(
            (listed[0].finished_at - listed[0].started_at).total_seconds(), abs=300
        )
    database.dispose()
