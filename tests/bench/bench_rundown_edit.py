"""A duration typed into the rundown editor, end to end: the service call (one short transaction), the re-read of the
rundown and the table, footer and panel refreshed — on the demo shop's busiest upcoming show.

    python tests/bench/bench_rundown_edit.py [--edits 60]

Also on PostgreSQL when STREAMDESK_TEST_PG is set (the demo copied there with ``streamdesk db migrate-to``'s copier).
Baseline, same run: the same edit as a bare UPDATE of the segment's planned seconds plus a SELECT of the show's
segments and their products, committed, through the engine's own driver (sqlite3 or psycopg) — the floor of any
edit that is saved and shown again. Target: p95 ≤ 100 ms per edit (the seller types the next duration at once).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import median, percentile, report

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TARGET_P95_MS = 100.0
DURATIONS = ("6:00", "7:00", "8:00", "9:00", "10:00")
BASELINE_READ = (
    "SELECT s.id, s.position, s.kind, s.title, s.planned_seconds, p.variant_id FROM segments s"
    " LEFT JOIN segment_products p ON p.segment_id = s.id WHERE s.show_id = {show} ORDER BY s.position, p.position"
)


def _editor(database: Any, paths: Any) -> tuple[Any, int]:
    from streamdesk.app import build_services
    from streamdesk.config import Settings
    from streamdesk.core.show_types import ShowStatus
    from streamdesk.ui.pages.shows.rundown_editor import RundownEditor
    from streamdesk.ui.tasks import TaskRunner

    services = build_services(database, Settings(language="en"), paths)
    upcoming = [s for s in services.shows.list_shows() if s.status is ShowStatus.SCHEDULED]
    show = max(upcoming, key=lambda s: s.segment_count)
    editor = RundownEditor(services.shows, services.catalogue, TaskRunner())
    editor.resize(1400, 700)
    editor.show()
    editor.set_show(show.id)
    return editor, show.id


def _time_edits(editor: Any, edits: int) -> list[float]:
    from streamdesk.ui.pages.shows.rundown_model import RundownColumn

    model = editor.model
    times = []
    for n in range(edits):
        started = time.perf_counter()
        assert model.setData(model.index(0, int(RundownColumn.DURATION)), DURATIONS[n % len(DURATIONS)])
        times.append((time.perf_counter() - started) * 1000)
    return times


def _time_baseline(connect: Any, show_id: int, edits: int, placeholder: str) -> list[float]:
    conn = connect()
    cursor = conn.cursor()
    cursor.execute(f"SELECT id FROM segments WHERE show_id = {int(show_id)} ORDER BY position LIMIT 1")
    segment_id = cursor.fetchone()[0]
    times = []
    for n in range(edits):
        started = time.perf_counter()
        cursor.execute(
            f"UPDATE segments SET planned_seconds = {placeholder} WHERE id = {placeholder}", (360 + 60 * n, segment_id)
        )
        conn.commit()
        cursor.execute(BASELINE_READ.format(show=int(show_id)))
        cursor.fetchall()
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def _report(engine: str, edit_ms: list[float], base_ms: list[float]) -> None:
    report(
        "rundown_edit",
        engine=engine,
        edits=len(edit_ms),
        edit_median_ms=median(edit_ms),
        edit_p95_ms=percentile(edit_ms, 0.95),
        baseline_median_ms=median(base_ms),
        ratio=median(edit_ms) / median(base_ms),
        target_p95_ms=TARGET_P95_MS,
        ok=percentile(edit_ms, 0.95) <= TARGET_P95_MS,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("STREAMDESK_HOME", tempfile.mkdtemp(prefix="bench-rundown-home-"))
    from PySide6.QtWidgets import QApplication

    import streamdesk.ui  # noqa: F401  (the PySide6 work-arounds)
    from streamdesk.config import AppPaths
    from streamdesk.core.demo import write_demo
    from streamdesk.core.jobs import run_to_end
    from streamdesk.db import open_database

    app = QApplication(["bench"])  # noqa: F841 - widgets need it
    paths = AppPaths.default()
    with tempfile.TemporaryDirectory() as scratch:
        demo = Path(scratch) / "demo.sqlite3"
        run_to_end(write_demo(demo, seed=7, clock=lambda: datetime(2026, 3, 1, 12, tzinfo=UTC)))
        database = open_database(demo)
        editor, show_id = _editor(database, paths)
        edit_ms = _time_edits(editor, args.edits)
        editor.close()
        database.dispose()
        import sqlite3

        _report("sqlite", edit_ms, _time_baseline(lambda: sqlite3.connect(demo), show_id, args.edits, "?"))
        server = os.environ.get("STREAMDESK_TEST_PG")
        if server:
            _postgresql(server, demo, paths, args.edits)


def _postgresql(server: str, demo: Path, paths: Any, edits: int) -> None:
    import psycopg
    from sqlalchemy import make_url

    sys.path.insert(0, str(ROOT / "tests"))
    from pg_support import Server

    from streamdesk.core.db_copy import copy_database
    from streamdesk.db import open_database

    host = Server(make_url(server))
    target = host.empty_database()
    copy_database(str(demo), target)
    database = open_database(target)
    try:
        editor, show_id = _editor(database, paths)
        edit_ms = _time_edits(editor, edits)
        editor.close()
        database.dispose()
        url = make_url(target).set(drivername="postgresql").render_as_string(hide_password=False)
        _report("postgresql", edit_ms, _time_baseline(lambda: psycopg.connect(url), show_id, edits, "%s"))
    finally:
        database.dispose()
        host.drop_all()


if __name__ == "__main__":
    main()
