"""``streamdesk metrics import`` in a subprocess: JSON summary, human lines, dry run, exit 2 with one line on stderr
and nothing written."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import ROOT, Target, count, digest, run

from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.models.base import Platform, ShowStatus

FIXTURES = ROOT / "tests" / "fixtures" / "metrics"
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 20:00 in Beijing


@pytest.fixture
def db(cli_db: Target) -> Target:
    """Show 1 on Douyin in yuan, show 2 on TikTok in rupiah; both started at START. On each engine."""
    database = open_database(cli_db)
    try:
        shows = Shows(database.sessions, clock=lambda: START)
        for platform, currency in ((Platform.DOUYIN, "CNY"), (Platform.TIKTOK, "IDR")):
            show = ShowInput(
                "专场", platforms=(platform,), planned_start=START, currency=currency, status=ShowStatus.DONE
            )
            shows.create_show(show)
    finally:
        database.dispose()
    return cli_db


def test_import_prints_one_json_summary_with_gaps_duplicates_and_skipped_rows(home: Path, db: Target) -> None:
    done = run(home, db, "metrics", "import", str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    summary = json.loads(done.stdout)
    assert {k: summary[k] for k in ("preset", "platform", "kind", "encoding", "rows", "samples", "duplicates")} == {
        "preset": "douyin_trend",
        "platform": "douyin",
        "kind": "trend",
        "encoding": "gb18030",
        "rows": 11,
        "samples": 9,
        "duplicates": 1,
    }
    assert summary["gaps"] == [{"from": "2026-01-05T12:04:00+00:00", "to": "2026-01-05T12:04:00+00:00", "samples": 1}]
    assert summary["skipped"] == [
        {
            "row": 12,
            "code": "metrics.total_row",
            "reason": "a total line (“合计”), left out: the review adds the rows up itself.",
        }
    ]
    assert (summary["dry_run"], summary["replaced"], summary["import_id"]) == (False, 0, 1)
    assert (count(db, "metric_samples"), count(db, "metric_imports")) == (9, 1)
    again = json.loads(
        run(home, db, "metrics", "import", str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", "--json").stdout
    )
    assert again["replaced"] == 9  # the later file wins over the samples of its time range
    assert (count(db, "metric_samples"), count(db, "metric_imports")) == (9, 1)


def test_tiktok_list_names_the_row_it_used_and_writes_the_totals(home: Path, db: Target) -> None:
    done = run(home, db, "metrics", "import", str(FIXTURES / "tiktok_live_list.csv"), "--show", "2", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["kind"], summary["chosen_row"], [p["row"] for p in summary["skipped"]]) == ("summary", 3, [2, 4])
    assert summary["totals"]["platform_gmv_minor"] == 12_345_000
    assert count(db, "show_totals") == 1


def test_human_output_lists_skipped_rows_and_gaps(home: Path, db: Target) -> None:
    done = run(home, db, "metrics", "import", str(FIXTURES / "douyin_trend_unicode.txt"), "--show", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Row 5: “abc” in column “在线人数” is not a number; the row was left out."
    assert lines[1].startswith("douyin_trend_unicode.txt (douyin_trend, douyin, utf-16): 5 row")
    assert lines[1].endswith("5 rows read; 4 samples every 30 s; 1 interval missing in 1 gap; 1 row skipped.")  # no 0s
    assert lines[2].startswith("Missing from ")


def test_dry_run_writes_nothing_and_says_so(home: Path, db: Target) -> None:
    before = digest(db)
    done = run(home, db, "metrics", "import", str(FIXTURES / "douyin_summary.xlsx"), "--show", "1", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Dry run: nothing was saved."
    assert done.stdout.startswith("douyin_summary.xlsx (douyin_summary, douyin, xlsx): show totals, 16 figure")
    assert digest(db) == before


def test_a_column_mapping_from_the_command_line(home: Path, db: Target) -> None:
    args = ("--map", "time=Minute", "--map", "online=Viewers now", "--map", "gmv_minor=Sales (元)", "--json")
    done = run(home, db, "metrics", "import", str(FIXTURES / "generic.csv"), "--show", "1", *args)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["preset"], summary["samples"], summary["series"]) == ("mapping", 3, ["online", "gmv_minor"])


def test_human_output_in_chinese(home: Path, db: Target) -> None:
    done = run(home, db, "metrics", "import", str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", lang="zh_CN")
    assert done.returncode == 0, done.stderr
    assert "douyin_trend_gbk.csv" in done.stdout


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("missing.csv", "--show", "1"), "The file missing.csv does not exist."),
        ((str(FIXTURES / "bad_layout.csv"), "--show", "1"), "StreamDesk does not recognise this metrics file"),
        ((str(FIXTURES / "trend_no_time.csv"), "--show", "1"), "This looks like a minute trend, but no column"),
        ((str(FIXTURES / "damaged.csv"), "--show", "1"), f"{FIXTURES / 'damaged.csv'} contains 1 damaged"),
        ((str(FIXTURES / "tiktok_live_list.csv"), "--show", "1"), "The file's amounts are in IDR"),
        ((str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "404"), "There is no show 404 to import metrics into."),
        ((str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", "--preset", "pinduoduo"), "“pinduoduo” is not"),
        ((str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", "--platform", "myspace"), "“myspace” is not a"),
        ((str(FIXTURES / "generic.csv"), "--show", "1", "--map", "time"), "“time” is not a column mapping."),
        ((str(FIXTURES / "douyin_trend_gbk.csv"), "--show", "1", "--encoding", "utf-8"), ""),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    home: Path, db: Target, args: tuple[str, ...], starts: str
) -> None:
    before = digest(db)
    done = run(home, db, "metrics", "import", *args)
    assert done.returncode == 2, done.stdout
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(starts)
    assert digest(db) == before
