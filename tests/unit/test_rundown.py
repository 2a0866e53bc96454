"""Back-timing and conflicts of a rundown (core/rundown.py): pure functions, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from streamdesk.core.rundown import compute_timings, duration_text
from streamdesk.core.show_types import (
    Conflict,
    ConflictCode,
    SegmentInput,
    SegmentKind,
    SegmentProductRow,
    SegmentRow,
)

START = datetime(2026, 1, 10, 11, 0, tzinfo=UTC)  # 19:00 in Beijing


def seg(minutes: float, title: str = "讲解", fixed: datetime | None = None) -> SegmentInput:
    return SegmentInput(SegmentKind.PITCH, title, int(minutes * 60), fixed_start=fixed)


def product(sku: str, *, available: int = 5, archived: bool = False) -> SegmentProductRow:
    return SegmentProductRow(
        variant_id=1,
        product_id=1,
        sku_code=sku,
        product_title="保温杯",
        spec_label="白",
        currency="CNY",
        price_minor=5900,
        cost_minor=2000,
        margin_minor=3900,
        margin_pct=66.1,
        available=available,
        archived=archived,
    )


def row(index: int, minutes: int, *products: SegmentProductRow) -> SegmentRow:
    content = seg(minutes, f"段{index}")
    return SegmentRow(
        id=index + 1,
        position=index,
        kind=content.kind,
        title=content.title,
        planned_seconds=content.planned_seconds,
        fixed_start=None,
        talking_points="",
        promotion_cue="",
        warn_seconds=120,
        danger_seconds=60,
        flash_sale_seconds=None,
        notes="",
        products=products,
    )


def test_segments_follow_each_other_from_the_planned_start() -> None:
    timings, total, conflicts = compute_timings(START, 3600, [seg(5), seg(20), seg(10)])
    assert [t.offset_seconds for t in timings] == [0, 300, 1500]
    assert [t.start for t in timings] == [START, START + timedelta(minutes=5), START + timedelta(minutes=25)]
    assert timings[2].end == START + timedelta(minutes=35)
    assert [t.wait_seconds for t in timings] == [0, 0, 0]
    assert [t.index for t in timings] == [0, 1, 2]
    assert total == 2100
    assert conflicts == ()


def test_a_later_fixed_start_makes_the_segment_wait() -> None:
    flash = START + timedelta(hours=1)  # announced for 20:00 Beijing time
    timings, total, conflicts = compute_timings(START, 0, [seg(30), seg(10), seg(5, "秒杀", flash), seg(10)])
    assert timings[2].wait_seconds == 20 * 60
    assert timings[2].offset_seconds == 3600
    assert timings[2].start == flash
    assert timings[3].offset_seconds == 3900
    assert total == 4500
    assert conflicts == ()


def test_fixed_start_in_another_time_zone_is_the_same_instant() -> None:
    beijing = timezone(timedelta(hours=8))
    fixed = datetime(2026, 1, 10, 19, 30, tzinfo=beijing)  # = START + 30 min
    timings, _, conflicts = compute_timings(START, 0, [seg(10), seg(5, "秒杀", fixed)])
    assert (timings[1].offset_seconds, timings[1].wait_seconds) == (1800, 1200)
    assert conflicts == ()


def test_an_unreachable_fixed_start_is_a_conflict_and_the_segment_starts_late() -> None:
    flash = START + timedelta(minutes=20)
    timings, total, conflicts = compute_timings(START, 0, [seg(15), seg(10), seg(5, "秒杀", flash)])
    assert timings[2].offset_seconds == 1500  # after the segment before it, not at 20 minutes
    assert timings[2].wait_seconds == 0
    assert total == 1800
    assert conflicts == (
        Conflict(
            ConflictCode.FIXED_START_UNREACHABLE,
            2,
            {"title": "秒杀", "late_by": 300, "late_by_text": "5:00", "fixed_start": flash},
        ),
    )


def test_a_fixed_start_exactly_at_the_previous_end_neither_waits_nor_conflicts() -> None:
    timings, _, conflicts = compute_timings(START, 0, [seg(10), seg(5, "秒杀", START + timedelta(minutes=10))])
    assert timings[1].wait_seconds == 0
    assert conflicts == ()


def test_without_a_planned_start_offsets_are_computed_and_fixed_starts_ignored() -> None:
    timings, total, conflicts = compute_timings(None, 600, [seg(5), seg(5, "秒杀", START), seg(5)])
    assert [t.offset_seconds for t in timings] == [0, 300, 600]
    assert all(t.start is None and t.end is None for t in timings)
    assert total == 900
    assert [c.code for c in conflicts] == [ConflictCode.OVER_PLANNED]


def test_longer_than_planned_is_a_show_conflict_with_the_overrun() -> None:
    _, total, conflicts = compute_timings(START, 1800, [seg(20), seg(15)])
    assert total == 2100
    assert conflicts == (
        Conflict(
            ConflictCode.OVER_PLANNED,
            None,
            {"over_by": 300, "over_by_text": "5:00", "total_text": "35:00", "planned_text": "30:00"},
        ),
    )
    assert compute_timings(START, 2100, [seg(20), seg(15)])[2] == ()  # exactly on time is fine
    assert compute_timings(START, 0, [seg(20), seg(15)])[2] == ()  # no planned duration: nothing to exceed


def test_waits_count_towards_the_planned_duration() -> None:
    _, total, conflicts = compute_timings(START, 1200, [seg(5), seg(5, "秒杀", START + timedelta(minutes=20))])
    assert total == 1500
    assert [c.fields["over_by"] for c in conflicts] == [300]


def test_an_empty_duration_is_flagged() -> None:
    _, _, conflicts = compute_timings(START, 0, [seg(5), seg(0, "抽奖")])
    assert conflicts == (Conflict(ConflictCode.EMPTY_DURATION, 1, {"title": "抽奖"}),)


def test_products_out_of_stock_or_archived_are_conflicts_of_their_segment() -> None:
    rows = [row(0, 5, product("A", available=3)), row(1, 5, product("B", available=0), product("C", archived=True))]
    _, _, conflicts = compute_timings(START, 0, rows)
    assert [(c.code, c.segment, c.fields["sku"]) for c in conflicts] == [
        (ConflictCode.OUT_OF_STOCK, 1, "B"),
        (ConflictCode.ARCHIVED_PRODUCT, 1, "C"),
    ]
    assert conflicts[0].fields["available"] == 0


def test_negative_available_stock_is_out_of_stock() -> None:
    _, _, conflicts = compute_timings(None, 0, [row(0, 5, product("A", available=-2))])
    assert [c.code for c in conflicts] == [ConflictCode.OUT_OF_STOCK]


def test_duration_text() -> None:
    assert [duration_text(s) for s in (0, 59, 60, 605, 4500, -90)] == [
        "0:00",
        "0:59",
        "1:00",
        "10:05",
        "75:00",
        "-1:30",
    ]
