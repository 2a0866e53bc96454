"""MetricsIO.apply, imports and delete_import on a real SQLite file: one transaction, the later file wins over the
samples of its time range, summaries merge into the show's totals, an import is undone with its samples."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from pg_support import query
from test_metrics_io import FIXTURES, make_show

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.metrics_io import MetricsIO
from streamdesk.core.metrics_io.store import upsert_totals
from streamdesk.core.review_types import TotalsInput
from streamdesk.db import Database
from streamdesk.models.base import Platform


@pytest.fixture
def io(database: Database, utc_clock: FakeUTCClock) -> MetricsIO:
    return MetricsIO(database.sessions, clock=utc_clock)


@pytest.fixture
def show(database: Database, utc_clock: FakeUTCClock) -> int:
    return make_show(database, utc_clock, Platform.DOUYIN)


def rows(target: str | Path, sql: str) -> list[tuple[object, ...]]:
    return query(target, sql)  # either engine, values as SQLite gives them


def test_a_trend_is_written_with_its_import_row_in_one_go(
    io: MetricsIO, show: int, database_target: str | Path
) -> None:
    result = io.apply(io.plan(FIXTURES / "douyin_trend_gbk.csv", show))
    assert (result.samples_written, result.samples_replaced, result.totals_written, result.duplicates) == (
        9,
        0,
        False,
        1,
    )
    assert [p.row for p in result.skipped] == [12]
    # 199 + 1,299 + 99.50 + 60 (the resent 20:06 row, not its first 50) + 320 = 1,977.50 元
    assert rows(database_target, "SELECT COUNT(*), SUM(gmv_minor), MAX(online) FROM metric_samples") == [
        (9, 197_750, 260)
    ]
    assert rows(database_target, "SELECT at FROM metric_samples ORDER BY at LIMIT 1") == [
        ("2026-01-05 12:00:00.000000",)
    ]
    (listed,) = io.imports(show)
    assert (listed.id, listed.preset, listed.kind, listed.rows, listed.samples) == (
        result.import_id,
        "douyin_trend",
        "trend",
        11,
        9,
    )
    assert (listed.interval_seconds, listed.duplicates, len(listed.gaps)) == (60, 1, 1)
    assert listed.gaps[0].start == datetime(2026, 1, 5, 12, 4, tzinfo=UTC)
    assert rows(database_target, "SELECT encoding, file_name FROM metric_imports") == [
        ("gb18030", "douyin_trend_gbk.csv")
    ]


def test_the_later_file_replaces_the_samples_of_its_time_range(
    io: MetricsIO, show: int, database_target: str | Path
) -> None:
    first = io.apply(io.plan(FIXTURES / "douyin_trend_gbk.csv", show))  # 20:00-20:09 in minutes
    finer = io.plan(FIXTURES / "douyin_trend_unicode.txt", show)  # 20:00-20:02 in half minutes
    assert finer.replaces == 3  # the minute samples 20:00, 20:01, 20:02
    second = io.apply(finer)
    assert second.samples_replaced == 3
    assert rows(database_target, "SELECT COUNT(*) FROM metric_samples") == [(6 + 4,)]
    assert rows(database_target, f"SELECT COUNT(*) FROM metric_samples WHERE import_id = {first.import_id}") == [(6,)]
    again = io.apply(io.plan(FIXTURES / "douyin_trend_gbk.csv", show))  # replaces everything: 20:00-20:09
    assert again.samples_replaced == 10
    # the two earlier imports hold no sample any more: only the last one is listed
    assert [row.id for row in io.imports(show)] == [again.import_id]


def test_a_summary_merges_into_the_shows_totals_and_keeps_typed_figures(
    io: MetricsIO, show: int, database: Database, database_target: str | Path
) -> None:
    with database.sessions(write=True) as session, session.begin():  # the manual form's figures, stored earlier
        typed = TotalsInput(Platform.DOUYIN, values={"room_exposures": 40_000, "viewers": 1})
        upsert_totals(session, show, typed, datetime(2026, 1, 5, tzinfo=UTC), merge=False)
    result = io.apply(io.plan(FIXTURES / "douyin_summary.xlsx", show))
    assert (result.totals_written, result.samples_written) == (True, 0)
    assert rows(database_target, "SELECT source, room_exposures, viewers, platform_gmv_minor FROM show_totals") == [
        ("douyin_summary", 40_000, 5_230, 1_234_560)
    ]
    io.delete_import(result.import_id)  # undo: the totals the file wrote go with it
    assert rows(database_target, "SELECT COUNT(*) FROM show_totals") == [(0,)]
    assert io.imports(show) == ()


def test_undoing_a_trend_import_removes_its_samples_only(io: MetricsIO, show: int, database_target: str | Path) -> None:
    douyin = io.apply(io.plan(FIXTURES / "douyin_trend_gbk.csv", show))
    io.delete_import(douyin.import_id)
    assert rows(database_target, "SELECT COUNT(*) FROM metric_samples") == [(0,)]
    assert rows(database_target, "SELECT COUNT(*) FROM metric_imports") == [(0,)]
    with pytest.raises(UserError) as caught:
        io.delete_import(douyin.import_id)
    assert caught.value.code == "metrics.import_not_found"


def test_a_cancelled_apply_writes_nothing(io: MetricsIO, show: int, database_target: str | Path) -> None:
    plan = io.plan(FIXTURES / "douyin_trend_gbk.csv", show)
    token = CancelToken()
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(io.apply_steps(plan, token))
    assert rows(
        database_target, "SELECT (SELECT COUNT(*) FROM metric_samples), (SELECT COUNT(*) FROM metric_imports)"
    ) == [(0, 0)]


def test_apply_steps_reports_progress_and_returns_the_result(io: MetricsIO, show: int) -> None:
    plan = io.plan(FIXTURES / "douyin_trend_gbk.csv", show)
    steps = io.apply_steps(plan, CancelToken())
    stages = []
    while True:
        try:
            stages.append(next(steps))
        except StopIteration as finished:
            result = finished.value
            break
    assert {p.stage for p in stages} == {"metrics.writing"}
    assert stages[-1].done == stages[-1].total == 9
    assert result.samples_written == 9


def test_applying_for_a_show_deleted_since_the_preview_is_refused(
    io: MetricsIO, show: int, database: Database, database_target: str | Path
) -> None:
    plan = io.plan(FIXTURES / "douyin_trend_gbk.csv", show)
    with pytest.raises(UserError) as caught:
        io.apply(replace(plan, show_id=999))
    assert caught.value.code == "metrics.show_missing"
    assert rows(database_target, "SELECT COUNT(*) FROM metric_imports") == [(0,)]


def test_a_big_one_second_trend_is_written_in_one_transaction(io: MetricsIO, show: int, tmp_path: Path) -> None:
    path = tmp_path / "seconds.csv"
    lines = ["时间,在线人数,成交金额"]
    for second in range(4 * 3600):
        h, rest = divmod(20 * 3600 + second, 3600)
        lines.append(
            f"{h:02d}:{rest // 60:02d}:{rest % 60:02d},{100 + second % 50},{'9.90' if second % 60 == 0 else 0}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = io.plan(path, show)
    assert (len(plan.samples), plan.interval_seconds, plan.gaps, plan.duplicates) == (14_400, 1, (), 0)
    result = io.apply(plan)
    assert result.samples_written == 14_400
    (listed,) = io.imports(show)
    assert listed.samples == 14_400
