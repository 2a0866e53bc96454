"""Crash resume (issue 4 acceptance): a process running a live show is killed with SIGKILL mid-segment; a fresh
process reopens the run from the database and the current segment and remaining time are where the wall clock says,
within 1 s. Real processes, a real SQLite file and real time (a few seconds)."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from streamdesk.core.show_types import SegmentKind, ShowStatus
from streamdesk.db import Database
from streamdesk.models.shows import Segment, Show, ShowRun, TimerEventRow

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has no SIGKILL: TerminateProcess is a different kind of crash"
)

HELPER = Path(__file__).with_name("run_show_until_killed.py")
PITCH_SECONDS = 120
ADDED_LIVE = 60  # the helper's adjust(60) on the pitch
SECONDS_ALIVE_AFTER_READY = 0.5
SECONDS_DEAD = 1.5  # the show clock keeps running while nobody is there to look at it
TOLERANCE = 1.0


def make_show(database: Database) -> int:
    rundown = (("Opening", 60, SegmentKind.OPENING), ("Pitch", PITCH_SECONDS, SegmentKind.PITCH))
    with database.sessions(write=True) as session, session.begin():
        show = Show(title="Crash test", status=ShowStatus.SCHEDULED)
        session.add(show)
        session.flush()
        assert show.id is not None
        for position, (title, seconds, kind) in enumerate(rundown):
            session.add(Segment(show_id=show.id, position=position, kind=kind, title=title, planned_seconds=seconds))
        return show.id


def read_line(process: subprocess.Popen[str], timeout: float = 60.0) -> dict[str, Any]:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            pytest.fail(f"{HELPER.name} said nothing for {timeout} s")
    line = process.stdout.readline()
    if not line:
        _, err = process.communicate(timeout=10)
        pytest.fail(f"{HELPER.name} ended early: {err}")
    report: dict[str, Any] = json.loads(line)
    return report


def reopen(db: str | Path, run_id: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HELPER), "reopen", str(db), str(run_id)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("mode", ["running", "paused"])
def test_a_killed_show_resumes_where_the_wall_clock_says(
    database: Database, database_target: str | Path, mode: str
) -> None:
    show_id = make_show(database)
    process = subprocess.Popen(
        [sys.executable, str(HELPER), "run", str(database_target), str(show_id), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready = read_line(process)
        time.sleep(SECONDS_ALIVE_AFTER_READY)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)
    time.sleep(SECONDS_DEAD)

    run_id, walls = ready["run_id"], ready["walls"]
    with database.sessions() as session:
        run = session.get(ShowRun, run_id)
        kinds = session.exec(
            select(TimerEventRow.kind).where(TimerEventRow.run_id == run_id).order_by(col(TimerEventRow.seq))
        ).all()
        show = session.get(Show, show_id)
    assert run is not None and run.finished_at is None and show is not None and show.status is ShowStatus.LIVE
    expected_kinds = ["start", "next", "adjust", "pause"] + (["resume"] if mode == "running" else [])
    assert list(kinds) == expected_kinds  # every command was on disk before the kill

    state = reopen(database_target, run_id)
    if mode == "running":  # the pitch ran from "next" until the reopening process looked, minus the pause
        elapsed = (state["wall"] - walls["next"]) - (walls["resume"] - walls["pause"])
    else:  # paused before the kill: the dead time costs nothing
        elapsed = walls["pause"] - walls["next"]
    expected_remaining = PITCH_SECONDS + ADDED_LIVE - elapsed
    assert state["segment"] == 1
    assert state["running"] is (mode == "running")
    assert state["phase"] == "normal"
    assert abs(state["remaining"] - expected_remaining) <= TOLERANCE, (state, expected_remaining)
    if mode == "running":  # the crash did not stop the clock: more than the dead time has gone by since the kill
        assert PITCH_SECONDS + ADDED_LIVE - state["remaining"] > SECONDS_ALIVE_AFTER_READY + SECONDS_DEAD
