"""Subprocess of test_crash_resume.py: the app's side of a live show, with the production timer clock.

``run DB SHOW_ID running|paused``: start a live run and drive it (start, next, +60 s, pause, and resume unless
``paused``), print one JSON line with the run id and the wall times of the commands, then wait on stdin for the
SIGKILL (exits by itself at EOF, should the test die first).

``reopen DB RUN_ID``: what a fresh process does after the crash: open the run and print its state with the wall
time at which it was taken, as one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime

from streamdesk.core.show_runs import ShowRuns
from streamdesk.db import open_database

SECONDS_BEFORE_NEXT = 0.3
SECONDS_BEFORE_PAUSE = 0.2
SECONDS_PAUSED = 0.6


def utc_now() -> datetime:
    return datetime.now(UTC)


def run(db: str, show_id: int, mode: str) -> None:
    database = open_database(db)
    live = ShowRuns(database.sessions, clock=utc_now).start(show_id)  # the production clock: ShowClock()
    walls: dict[str, float] = {}
    walls["start"] = time.time()
    live.timer.start()
    time.sleep(SECONDS_BEFORE_NEXT)
    walls["next"] = time.time()
    live.timer.next()
    live.timer.adjust(60)
    time.sleep(SECONDS_BEFORE_PAUSE)
    walls["pause"] = time.time()
    live.timer.pause()
    if mode == "running":
        time.sleep(SECONDS_PAUSED)
        walls["resume"] = time.time()
        live.timer.resume()
    sys.stdout.write(json.dumps({"ready": True, "run_id": live.run_id, "walls": walls}) + "\n")
    sys.stdout.flush()
    sys.stdin.read()  # killed here, mid-segment


def reopen(db: str, run_id: int) -> None:
    database = open_database(db)
    state = ShowRuns(database.sessions, clock=utc_now).open(run_id).state()
    wall = time.time()
    report = {
        "wall": wall,
        "segment": state.segment,
        "remaining": state.remaining,
        "running": state.running,
        "phase": state.phase.value,
    }
    sys.stdout.write(json.dumps(report) + "\n")
    database.dispose()


def main(argv: list[str]) -> int:
    if argv[0] == "run":
        run(argv[1], int(argv[2]), argv[3])  # a SQLite file or a team database's URL
    else:
        reopen(argv[1], int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
