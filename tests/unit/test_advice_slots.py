"""Advice from history, time slots and duration (advice_slots) on synthetic histories whose answer is known by
construction. Shows are built with review_support's helpers and streamed through ShowRuns (a live run with its
timer started and finished), so they run on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from history_support import stream
from review_support import add_order, add_show

from streamdesk.config import ReviewSettings
from streamdesk.core.advice_slots import (
    DEFAULT_MIN_SECONDS,
    DEFAULT_START_WINDOWS,
    PastShow,
    SlotKey,
    advise,
    slot_advice,
)
from streamdesk.db import Database
from streamdesk.models.base import SegmentKind

SETTINGS = ReviewSettings(fee_basis_points={"douyin": 500})
SEGMENTS = (("Pitch", 3600, SegmentKind.PITCH),)


def test_weekday_evenings_beat_afternoons_by_gpm(database: Database) -> None:
    # 7 weekday shows at 20:00 for 2.5 h (GPM 4,120 × 1000 ÷ 10,000 = 412) and 5 at 14:00 for 1.5 h (GPM 268).
    evenings = [datetime(2026, 1, d, 20, 0, tzinfo=UTC) for d in (5, 6, 7, 8, 9, 12, 13)]
    afternoons = [datetime(2026, 1, d, 14, 0, tzinfo=UTC) for d in (14, 15, 16, 19, 20)]
    for i, start in enumerate(evenings):
        stream(database, f"E{i}", start, 9000, 4120, 10_000)
    for i, start in enumerate(afternoons):
        stream(database, f"A{i}", start, 5400, 2680, 10_000)

    result = slot_advice(database.sessions, SETTINGS, zone=ZoneInfo("UTC"))

    assert result.from_history is True
    assert result.shows_found == 12
    assert result.best_slot is not None and result.best_slot.runner_up is not None
    best, other = result.best_slot.best, result.best_slot.runner_up
    assert best.key == SlotKey(weekend=False, hour=20)
    assert (best.figures.n, best.figures.gpm_minor) == (7, 412)
    assert other.key == SlotKey(weekend=False, hour=14)
    assert (other.figures.n, other.figures.gpm_minor) == (5, 268)
    assert best.figures.gmv_per_hour_minor == round(7 * 4120 / 17.5)  # 1,648
    assert other.figures.gmv_per_hour_minor == round(5 * 2680 / 7.5)  # 1,787
    assert best.figures.orders_mean == 1.0
    assert best.figures.average_watch_seconds is not None
    assert result.best_band is not None and result.best_band.runner_up is not None
    band, band_other = result.best_band.best, result.best_band.runner_up
    assert (band.lower_seconds, band.upper_seconds, band.figures.n, band.figures.gpm_minor) == (7200, 10800, 7, 412)
    assert (band_other.lower_seconds, band_other.upper_seconds, band_other.figures.n) == (3600, 7200, 5)
    assert band_other.figures.gpm_minor == 268


def test_fewer_than_five_shows_give_the_defaults(database: Database) -> None:
    for i in range(4):
        stream(database, f"S{i}", datetime(2026, 1, 5 + i, 20, 0, tzinfo=UTC), 9000, 4120, 10_000)

    result = slot_advice(database.sessions, SETTINGS, zone=ZoneInfo("UTC"))

    assert result.from_history is False
    assert result.shows_found == 4
    assert result.best_slot is None and result.best_band is None
    assert result.default_start_windows == DEFAULT_START_WINDOWS == ((12, 14), (18, 22))
    assert result.default_min_seconds == DEFAULT_MIN_SECONDS == 7200
    assert result.slots[0].figures.n == 4  # the figures found are still there


def test_shows_without_a_finished_live_run_are_ignored(database: Database) -> None:
    for i in range(4):
        stream(database, f"S{i}", datetime(2026, 1, 5 + i, 20, 0, tzinfo=UTC), 9000, 4120, 10_000)
    # Never streamed (no run), a huge order: not history.
    planned, _ = add_show(database, "Planned only", planned_start=datetime(2026, 1, 12, 14, 0, tzinfo=UTC))
    add_order(database, "P-1", show_id=planned, created_at=datetime(2026, 1, 12, 14, 5, tzinfo=UTC),
              paid_minor=999_999, customer="P")  # fmt: skip
    # Started but never finished: no duration.
    stream(database, "Unfinished", datetime(2026, 1, 13, 14, 0, tzinfo=UTC), 9000, 99_999, 10_000, finish=False)

    result = slot_advice(database.sessions, SETTINGS, zone=ZoneInfo("UTC"))

    assert result.shows_found == 4
    assert result.from_history is False
    assert [g.key for g in result.slots] == [SlotKey(weekend=False, hour=20)]


def test_slots_are_in_the_shops_local_zone(database: Database) -> None:
    # 12:00 UTC is 20:00 in Shanghai; 06:00 UTC is 14:00. Friday 20:00 UTC is Saturday 04:00 there.
    for i, day in enumerate((5, 6, 7)):
        stream(database, f"E{i}", datetime(2026, 1, day, 12, 0, tzinfo=UTC), 9000, 5000, 10_000)
    for i, day in enumerate((8, 12, 13)):
        stream(database, f"A{i}", datetime(2026, 1, day, 6, 0, tzinfo=UTC), 9000, 2000, 10_000)
    stream(database, "Late", datetime(2026, 1, 9, 20, 0, tzinfo=UTC), 9000, 1000, 10_000)

    local = slot_advice(database.sessions, SETTINGS, zone=ZoneInfo("Asia/Shanghai"))
    utc = slot_advice(database.sessions, SETTINGS, zone=ZoneInfo("UTC"))

    assert local.best_slot is not None and local.best_slot.runner_up is not None
    assert local.best_slot.best.key == SlotKey(weekend=False, hour=20)
    assert (local.best_slot.best.figures.n, local.best_slot.best.figures.gpm_minor) == (3, 500)
    assert local.best_slot.runner_up.key == SlotKey(weekend=False, hour=14)
    assert SlotKey(weekend=True, hour=4) in [g.key for g in local.slots]
    assert utc.best_slot is not None
    assert utc.best_slot.best.key == SlotKey(weekend=False, hour=12)
    assert SlotKey(weekend=False, hour=20) in [g.key for g in utc.slots]  # the Friday show, a weekday in UTC


def _show(show_id: int, hour: int, seconds: float, gmv: int, gpm: int | None) -> PastShow:
    return PastShow(show_id, datetime(2026, 1, 5, hour, 0, tzinfo=UTC), seconds, gmv, 1, gpm, None)


def test_equal_gpm_is_decided_by_gmv_per_hour_and_single_shows_do_not_compete() -> None:
    shows = [
        _show(1, 14, 3600, 1000, 300),
        _show(2, 14, 3600, 1000, 300),  # 14:00: GPM 300, 1,000 per hour
        _show(3, 20, 3600, 2000, 300),
        _show(4, 20, 3600, 2000, 300),  # 20:00: GPM 300, 2,000 per hour: wins the tie
        _show(5, 9, 3600, 9000, 900),  # 09:00: best GPM, but alone
    ]

    result = advise(shows)

    assert result.from_history is True
    assert result.best_slot is not None and result.best_slot.runner_up is not None
    assert result.best_slot.best.key.hour == 20
    assert result.best_slot.best.figures.gmv_per_hour_minor == 2000
    assert result.best_slot.runner_up.key.hour == 14


def test_groups_without_views_do_not_compete() -> None:
    shows = [_show(i, 20, 3600, 5000, None) for i in range(3)] + [_show(9 + i, 14, 3600, 100, 50) for i in range(2)]

    result = advise(shows)

    assert result.best_slot is not None
    assert result.best_slot.best.key.hour == 14
    assert result.best_slot.runner_up is None
    twenty = next(g for g in result.slots if g.key.hour == 20)
    assert (twenty.figures.gpm_minor, twenty.figures.gpm_n) == (None, 0)
