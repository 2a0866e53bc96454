"""ShowRuns: runs snapshot the rundown, every timer command is committed before it acts, replay resumes a run,
planned vs actual (table and CSV), rehearsals kept apart and discardable."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import FakeClock, FakeUTCClock
from sqlmodel import col, select

from streamdesk.core.errors import UserError
from streamdesk.core.live_timer import Phase, TimerEventKind
from streamdesk.core.show_runs import (
    PLANNED_ACTUAL_HEADERS,
    ShowRuns,
    format_duration,
    whole_seconds,
)
from streamdesk.core.show_types import RunKind, RunSegment, SegmentInput, SegmentKind, ShowInput, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.shows import Segment, Show, ShowRun, TimerEventRow

# (title, planned seconds, kind); inserted in reverse so the rundown order must come from ``position``
RUNDOWN = (
    ("Opening", 300, SegmentKind.OPENING),
    ("Pitch: silk scarf", 600, SegmentKind.PITCH),
    ("Flash sale", 180, SegmentKind.FLASH_SALE),
    ("Closing", 120, SegmentKind.CLOSING),
)


def make_show(
    database: Database,
    segments: Sequence[tuple[str, int, SegmentKind]] = RUNDOWN,
    *,
    title: str = "Spring scarves",
    status: ShowStatus = ShowStatus.SCHEDULED,
    is_template: bool = False,
) -> int:
    with database.sessions(write=True) as session, session.begin():
        show = Show(title=title, status=status, is_template=is_template)
        session.add(show)
        session.flush()
        assert show.id is not None
        for position, (name, seconds, kind) in reversed(list(enumerate(segments))):
            session.add(
                Segment(
                    show_id=show.id,
                    position=position,
                    kind=kind,
                    title=name,
                    planned_seconds=seconds,
                    warn_seconds=90 + position,
                    danger_seconds=30 + position,
                    flash_sale_seconds=60 if kind is SegmentKind.FLASH_SALE else None,
                )
            )
        return show.id


def read_show(database: Database, show_id: int) -> Show:
    with database.sessions() as session:
        show = session.get(Show, show_id)
        assert show is not None
        return show


def event_rows(database: Database, run_id: int) -> list[TimerEventRow]:
    with database.sessions() as session:
        query = select(TimerEventRow).where(TimerEventRow.run_id == run_id).order_by(col(TimerEventRow.seq))
        return list(session.exec(query).all())


def read_run(database: Database, run_id: int) -> ShowRun | None:
    with database.sessions() as session:
        return session.get(ShowRun, run_id)


@pytest.fixture
def runs(database: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock) -> ShowRuns:
    return ShowRuns(database.sessions, clock=utc_clock, timer_clock=fake_clock)


def test_start_snapshots_the_rundown_in_order_and_puts_a_live_show_live(database: Database, runs: ShowRuns) -> None:
    show_id = make_show(database)
    version = read_show(database, show_id).version
    run = runs.start(show_id)
    assert (run.show_id, run.kind) == (show_id, RunKind.LIVE)
    assert [s.title for s in run.segments] == [title for title, _, _ in RUNDOWN]
    assert run.segments[2] == RunSegment(
        segment_id=run.segments[2].segment_id,
        title="Flash sale",
        planned_seconds=180,
        warn_at=92,
        danger_at=32,
        kind=SegmentKind.FLASH_SALE,
        flash_sale_seconds=60,
    )
    assert run.state().phase is Phase.READY  # created, not started: Space starts it
    assert [p.planned_seconds for p in run.timer.segments] == [300, 600, 180, 120]
    assert [(p.warn_at, p.danger_at) for p in run.timer.segments] == [(90, 30), (91, 31), (92, 32), (93, 33)]
    show = read_show(database, show_id)
    assert (show.status, show.version) == (ShowStatus.LIVE, version + 1)
    stored = read_run(database, run.run_id)
    assert stored is not None and stored.finished_at is None
    assert json.loads(stored.segments_json)[0] == {
        "segment_id": run.segments[0].segment_id,
        "title": "Opening",
        "planned_seconds": 300,
        "warn_at": 90,
        "danger_at": 30,
        "kind": "opening",
        "flash_sale_seconds": None,
    }
    assert event_rows(database, run.run_id) == []


def test_a_rehearsal_leaves_the_show_untouched(database: Database, runs: ShowRuns, fake_clock: FakeClock) -> None:
    show_id = make_show(database)
    before = read_show(database, show_id)
    run = runs.start(show_id, RunKind.REHEARSAL)
    run.timer.start()
    fake_clock.now += 10
    run.timer.finish()
    after = read_show(database, show_id)
    assert (after.status, after.version, after.updated_at) == (before.status, before.version, before.updated_at)
    stored = read_run(database, run.run_id)
    assert stored is not None and stored.kind is RunKind.REHEARSAL and stored.finished_at is not None


def test_an_empty_rundown_an_unknown_show_and_a_live_template_are_refused(database: Database, runs: ShowRuns) -> None:
    empty = make_show(database, segments=())
    with pytest.raises(UserError) as refused:
        runs.start(empty)
    assert refused.value.code == "timer.no_segments"
    with pytest.raises(UserError) as unknown:
        runs.start(empty + 100)
    assert (unknown.value.code, unknown.value.fields) == ("shows.not_found", {"show_id": empty + 100})
    template = make_show(database, title="Weekly template", status=ShowStatus.DRAFT, is_template=True)
    with pytest.raises(UserError) as live_template:
        runs.start(template)
    assert live_template.value.code == "runs.template_live"
    assert read_show(database, template).status is ShowStatus.DRAFT
    assert runs.start(template, RunKind.REHEARSAL).kind is RunKind.REHEARSAL  # rehearsing a template is fine
    assert read_show(database, empty).status is ShowStatus.SCHEDULED
    assert [r.kind for r in runs.unfinished()] == [RunKind.REHEARSAL]


def test_a_second_live_run_waits_for_the_first_to_finish(
    database: Database, runs: ShowRuns, fake_clock: FakeClock
) -> None:
    show_id = make_show(database)
    first = runs.start(show_id)
    with pytest.raises(UserError) as refused:
        runs.start(show_id)
    assert (refused.value.code, refused.value.fields) == (
        "runs.already_running",
        {"run_id": first.run_id, "title": "Spring scarves"},
    )
    rehearsal = runs.start(show_id, RunKind.REHEARSAL)  # a rehearsal beside it is allowed
    first.timer.start()
    fake_clock.now += 60
    first.timer.finish()
    assert read_show(database, show_id).status is ShowStatus.DONE
    second = runs.start(show_id)
    assert second.run_id not in (first.run_id, rehearsal.run_id)
    assert read_show(database, show_id).status is ShowStatus.LIVE


def test_every_command_is_committed_with_its_sequence_number(
    database: Database, runs: ShowRuns, fake_clock: FakeClock, utc_clock: FakeUTCClock
) -> None:
    run = runs.start(make_show(database))
    fake_clock.now = 1000.0
    run.timer.start()
    assert [(r.seq, r.kind, r.at) for r in event_rows(database, run.run_id)] == [(0, "start", 1000.0)]
    fake_clock.now += 12.25
    utc_clock.advance(seconds=12)
    run.timer.jump(2)
    fake_clock.now += 5
    run.timer.adjust(-30)
    fake_clock.now += 1
    run.timer.pause()
    rows = event_rows(database, run.run_id)
    assert [(r.seq, r.kind, r.at, r.segment, r.seconds) for r in rows] == [
        (0, "start", 1000.0, None, 0),
        (1, "jump", 1012.25, 2, 0),
        (2, "adjust", 1017.25, None, -30),
        (3, "pause", 1018.25, None, 0),
    ]
    assert rows[1].recorded_at == utc_clock()


def test_a_command_that_cannot_be_saved_does_not_change_the_timer(
    database: Database, runs: ShowRuns, fake_clock: FakeClock
) -> None:
    run = runs.start(make_show(database), RunKind.REHEARSAL)
    run.timer.start()
    fake_clock.now += 30
    before = run.state()
    runs.discard(run.run_id)  # e.g. from another window: the run is gone
    with pytest.raises(UserError) as refused:
        run.timer.next()
    assert (refused.value.code, refused.value.fields) == ("runs.changed_elsewhere", {"run_id": run.run_id})
    assert run.state() == before and len(run.timer.events()) == 1


def test_two_windows_on_one_run_cannot_interleave_events(
    database: Database, runs: ShowRuns, fake_clock: FakeClock
) -> None:
    run = runs.start(make_show(database))
    run.timer.start()
    other = runs.open(run.run_id)
    fake_clock.now += 5
    run.timer.next()
    with pytest.raises(UserError) as refused:
        other.timer.pause()
    assert refused.value.code == "runs.changed_elsewhere"
    assert [r.kind for r in event_rows(database, run.run_id)] == ["start", "next"]


def test_finish_stamps_the_run_and_marks_the_live_show_done(
    database: Database, runs: ShowRuns, fake_clock: FakeClock, utc_clock: FakeUTCClock
) -> None:
    show_id = make_show(database)
    run = runs.start(show_id)
    started_at = utc_clock()
    run.timer.start()
    fake_clock.now += 200
    utc_clock.advance(minutes=20)
    run.timer.finish()
    stored = read_run(database, run.run_id)
    assert stored is not None and (stored.started_at, stored.finished_at) == (started_at, utc_clock())
    assert read_show(database, show_id).status is ShowStatus.DONE
    assert event_rows(database, run.run_id)[-1].kind == TimerEventKind.FINISH.value
    assert runs.unfinished() == ()


def test_open_replays_the_log_where_the_clock_is_now_and_carries_on(
    database: Database, runs: ShowRuns, fake_clock: FakeClock, utc_clock: FakeUTCClock
) -> None:
    run = runs.start(make_show(database))
    run.timer.start()
    fake_clock.now += 250
    run.timer.next()
    fake_clock.now += 100
    run.timer.pause()
    fake_clock.now += 40
    run.timer.resume()
    run.timer.adjust(60)
    fake_clock.now += 300  # the app died here; the segment kept running
    reopened = ShowRuns(database.sessions, clock=utc_clock, timer_clock=fake_clock).open(run.run_id)
    assert reopened.state() == run.state()
    assert (reopened.state().segment, reopened.state().remaining) == (1, 600 + 60 - 400)
    assert (reopened.kind, reopened.show_id, reopened.segments) == (run.kind, run.show_id, run.segments)
    reopened.timer.next()  # numbering carries on after the replayed events
    assert [r.seq for r in event_rows(database, run.run_id)] == [0, 1, 2, 3, 4, 5]
    assert reopened.state().segment == 2


def test_a_run_keeps_its_snapshot_when_the_rundown_changes(database: Database, runs: ShowRuns) -> None:
    show_id = make_show(database)
    run = runs.start(show_id)
    with database.sessions(write=True) as session, session.begin():
        for segment in session.exec(select(Segment).where(Segment.show_id == show_id)):
            segment.planned_seconds, segment.title = 1, "edited"
    assert runs.open(run.run_id).segments == run.segments
    assert [p.planned_seconds for p in runs.open(run.run_id).timer.segments] == [300, 600, 180, 120]


def test_a_snapshot_without_kind_and_flash_sale_length_still_opens(
    database: Database, runs: ShowRuns, utc_clock: FakeUTCClock
) -> None:
    show_id = make_show(database)
    older = [{"segment_id": None, "title": "Opening", "planned_seconds": 60, "warn_at": 20, "danger_at": 10}]
    with database.sessions(write=True) as session, session.begin():
        row = ShowRun(show_id=show_id, kind=RunKind.LIVE, segments_json=json.dumps(older), started_at=utc_clock())
        session.add(row)
        session.flush()
        assert row.id is not None
        run_id = row.id
    assert runs.open(run_id).segments == (RunSegment(None, "Opening", 60, 20, 10, SegmentKind.PITCH, None),)


def test_opening_or_discarding_an_unknown_run_says_so(runs: ShowRuns) -> None:
    for action in (runs.open, runs.discard, runs.planned_vs_actual):
        with pytest.raises(UserError) as missing:
            action(999)
        assert (missing.value.code, missing.value.fields) == ("runs.not_found", {"run_id": 999})


def test_runs_and_unfinished_list_both_kinds_in_start_order(
    database: Database, runs: ShowRuns, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    show_id = make_show(database)
    other_id = make_show(database, title="Autumn knits")
    rehearsal = runs.start(show_id, RunKind.REHEARSAL)
    utc_clock.advance(hours=1)
    live = runs.start(show_id)
    utc_clock.advance(hours=1)
    elsewhere = runs.start(other_id)
    rehearsal.timer.start()
    fake_clock.now += 1
    rehearsal.timer.finish()
    listed = runs.runs(show_id)
    assert [(r.id, r.kind, r.show_title) for r in listed] == [
        (rehearsal.run_id, RunKind.REHEARSAL, "Spring scarves"),
        (live.run_id, RunKind.LIVE, "Spring scarves"),
    ]
    assert listed[0].finished_at is not None and listed[1].finished_at is None
    assert listed[1].started_at > listed[0].started_at
    assert [r.id for r in runs.unfinished()] == [live.run_id, elsewhere.run_id]
    assert [(r.id, r.show_title) for r in runs.unfinished(other_id)] == [(elsewhere.run_id, "Autumn knits")]


def test_planned_vs_actual_counts_running_time_and_time_added_live(
    database: Database, runs: ShowRuns, fake_clock: FakeClock
) -> None:
    run = runs.start(make_show(database))
    run.timer.start()
    fake_clock.now += 320  # opening runs 20 s over
    run.timer.next()
    run.timer.adjust(120)
    fake_clock.now += 500
    run.timer.pause()
    fake_clock.now += 900  # a break off air counts for nothing
    run.timer.resume()
    fake_clock.now += 100
    run.timer.jump(3)  # the flash sale is skipped
    fake_clock.now += 90.4
    run.timer.finish()
    fake_clock.now += 1000  # after the finish nothing moves
    rows = runs.planned_vs_actual(run.run_id)
    assert [(r.index, r.title, r.kind) for r in rows] == [
        (i, title, kind) for i, (title, _, kind) in enumerate(RUNDOWN)
    ]
    assert [(r.planned_seconds, r.adjusted_seconds) for r in rows] == [(300, 300), (600, 720), (180, 180), (120, 120)]
    assert [r.actual_seconds for r in rows] == pytest.approx([320, 600, 0, 90.4])
    assert [r.over_under_seconds for r in rows] == pytest.approx([20, -120, -180, -29.6])
    assert [r.visited for r in rows] == [True, True, False, True]


def test_planned_vs_actual_csv_is_excel_ready_and_injection_safe(
    database: Database, runs: ShowRuns, fake_clock: FakeClock, tmp_path: Path
) -> None:
    segments = (('=HYPERLINK("x")', 90, SegmentKind.OPENING), ("讲解：真丝围巾", 3900, SegmentKind.PITCH))
    run = runs.start(make_show(database, segments=segments))
    run.timer.start()
    fake_clock.now += 100.5  # rounds half away from zero: 101
    run.timer.next()
    fake_clock.now += 3870.2
    run.timer.finish()
    dest = tmp_path / "exports" / "planned vs actual.csv"
    dest.parent.mkdir()
    runs.export_planned_vs_actual(run.run_id, dest)
    raw = dest.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table == [
        list(PLANNED_ACTUAL_HEADERS),
        ["1", '\'=HYPERLINK("x")', "opening", "90", "1:30", "90", "1:30", "101", "1:41", "11", "0:11", "1"],
        ["2", "讲解：真丝围巾", "pitch", "3900", "65:00", "3900", "65:00", "3870", "64:30", "-30", "−0:30", "1"],
    ]
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]  # no temporary file left behind


def test_planned_vs_actual_csv_takes_translated_headers_and_reports_unwritable_folders(
    database: Database, runs: ShowRuns, tmp_path: Path
) -> None:
    run = runs.start(make_show(database))
    headers = (
        "序号",
        "环节",
        "类型",
        "计划秒",
        "计划",
        "调整后秒",
        "调整后",
        "实际秒",
        "实际",
        "差值秒",
        "差值",
        "-已进行",
    )
    dest = tmp_path / "review.csv"
    runs.export_planned_vs_actual(run.run_id, dest, headers=headers)
    first = dest.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first == ",".join(headers[:-1]) + ",'-已进行"
    with pytest.raises(ValueError, match="12 headers"):
        runs.export_planned_vs_actual(run.run_id, dest, headers=headers[:3])
    missing = tmp_path / "no such folder" / "review.csv"
    with pytest.raises(UserError) as failed:
        runs.export_planned_vs_actual(run.run_id, missing)
    assert (failed.value.code, failed.value.fields) == ("runs.export_failed", {"path": str(missing)})
    assert not missing.parent.exists()


def test_discard_deletes_a_rehearsal_with_its_events_and_keeps_live_runs(
    database: Database, runs: ShowRuns, fake_clock: FakeClock
) -> None:
    show_id = make_show(database)
    rehearsal = runs.start(show_id, RunKind.REHEARSAL)
    rehearsal.timer.start()
    fake_clock.now += 3
    rehearsal.timer.next()
    live = runs.start(show_id)
    live.timer.start()
    runs.discard(rehearsal.run_id)
    assert read_run(database, rehearsal.run_id) is None and event_rows(database, rehearsal.run_id) == []
    with pytest.raises(UserError) as refused:
        runs.discard(live.run_id)
    assert (refused.value.code, refused.value.fields) == ("runs.not_rehearsal", {"run_id": live.run_id})
    assert read_run(database, live.run_id) is not None and len(event_rows(database, live.run_id)) == 1
    assert [r.id for r in runs.runs(show_id)] == [live.run_id]


def test_the_default_timer_clock_is_wall_time(database: Database, utc_clock: FakeUTCClock) -> None:
    runs = ShowRuns(database.sessions, clock=utc_clock)
    run = runs.start(make_show(database))
    before = time.time()
    run.timer.start()
    after = time.time()
    (row,) = event_rows(database, run.run_id)
    assert before - 0.5 <= row.at <= after + 0.5  # comparable with the wall clock of a later process


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59, "0:59"), (61, "1:01"), (3600, "60:00"), (-5, "−0:05"), (-125, "−2:05")]
)
def test_durations_read_as_minutes_and_seconds(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(("value", "rounded"), [(0.5, 1), (2.5, 3), (-0.5, -1), (1.49, 1), (-2.51, -3), (0.0, 0)])
def test_whole_seconds_round_half_away_from_zero(value: float, rounded: int) -> None:
    assert whole_seconds(value) == rounded


def test_a_rundown_edited_through_the_shows_service_runs_in_its_order(
    database: Database, runs: ShowRuns, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    shows = Shows(database.sessions, clock=utc_clock)
    show_id = shows.create_show(ShowInput(title="Tea night", status=ShowStatus.SCHEDULED))
    for position, title in enumerate(("Welcome", "Oolong", "Goodbye")):
        shows.insert_segment(show_id, position, SegmentInput(kind=SegmentKind.PITCH, title=title, planned_seconds=60))
    shows.move_segment(show_id, 2, 0)
    run = runs.start(show_id)
    assert [s.title for s in run.segments] == ["Goodbye", "Welcome", "Oolong"]
    assert shows.get_show(show_id).status is ShowStatus.LIVE
    assert [s.live_runs for s in shows.list_shows() if s.id == show_id] == [1]
    run.timer.start()
    fake_clock.now += 5
    run.timer.finish()
    assert shows.get_show(show_id).status is ShowStatus.DONE
