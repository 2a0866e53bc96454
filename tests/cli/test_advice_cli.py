"""``streamdesk advice [--tz ZONE] [--platform P] [--json] [--all] [--dismiss KEY | --restore KEY]`` in a
subprocess: the suggestions with their evidence and keys, dismissing and restoring, and exit 2 with one line for a
zone, platform or key StreamDesk does not know."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, count, run
from history_support import stream

from streamdesk.db import open_database


@pytest.fixture
def db(cli_db: Target) -> Target:
    """Four weekday 20:00 shows of 2.5 h (GPM ¥412) and three weekday 14:00 shows of 1.5 h (GPM ¥268), in UTC."""
    database = open_database(cli_db)
    try:
        for i, day in enumerate((5, 6, 7, 8)):
            stream(database, f"E{i}", datetime(2026, 1, day, 20, 0, tzinfo=UTC), 9000, 412_000, 10_000)
        for i, day in enumerate((12, 13, 14)):
            stream(database, f"A{i}", datetime(2026, 1, day, 14, 0, tzinfo=UTC), 5400, 268_000, 10_000)
    finally:
        database.dispose()
    return cli_db


def test_prints_each_suggestion_with_its_evidence_and_key(home: Path, db: Target) -> None:
    done = run(home, db, "advice", "--tz", "UTC")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "* Start at 20:00 on weekdays" in lines
    assert (
        "  Your 20:00 weekday shows average GPM ¥412 vs ¥268 at 14:00 (weekday), n = 4 and 3; GMV per hour ¥1,648 vs ¥1,787."
        in lines
    )
    assert "  [slot:weekday:20]" in lines
    assert "* Stay live 2–3 h" in lines
    assert done.stderr == ""


def test_json_has_the_figures_and_the_zone(home: Path, db: Target) -> None:
    done = run(home, db, "advice", "--tz", "UTC", "--json")

    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["zone"] == "UTC" and payload["currency"] == "CNY"
    assert payload["shows_found"] == 7 and payload["from_history"] is True
    slot = next(s for s in payload["suggestions"] if s["key"] == "slot:weekday:20")
    assert slot["figures"]["gpm_minor"] == 41_200 and slot["figures"]["runner_up_gpm_minor"] == 26_800
    assert slot["headline"] == "Start at 20:00 on weekdays"
    assert slot["dismissed_at"] is None and len(slot["show_ids"]) == 4


def test_chinese_output(home: Path, db: Target) -> None:
    done = run(home, db, "advice", "--tz", "UTC", lang="zh_CN")

    assert done.returncode == 0, done.stderr
    assert "[slot:weekday:20]" in done.stdout
    assert "Start at" not in done.stdout  # translated


def test_dismiss_hides_a_suggestion_until_restored(home: Path, db: Target) -> None:
    dismissed = run(home, db, "advice", "--tz", "UTC", "--dismiss", "slot:weekday:20")
    assert dismissed.returncode == 0, dismissed.stderr
    assert "[slot:weekday:20]" not in dismissed.stdout
    assert "1 dismissed (list them with --all)." in dismissed.stdout
    assert count(db, "advice_dismissals") == 1

    listed = run(home, db, "advice", "--tz", "UTC", "--all")
    assert "Dismissed:" in listed.stdout and "[slot:weekday:20]" in listed.stdout

    restored = run(home, db, "advice", "--tz", "UTC", "--restore", "slot:weekday:20")
    assert restored.returncode == 0, restored.stderr
    assert "[slot:weekday:20]" in restored.stdout and "dismissed" not in restored.stdout
    assert count(db, "advice_dismissals") == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--tz", "Mars/Olympus"), "Mars/Olympus is not a time zone StreamDesk knows."),
        (("--platform", "myspace"), "myspace is not a platform StreamDesk knows."),
        (("--dismiss", "slot:weekend:3"), "There is no current suggestion with the key slot:weekend:3."),
        (("--restore", "slot:weekday:20"), "No dismissed suggestion has the key slot:weekday:20."),
    ],
)
def test_bad_input_exits_2_with_one_line(home: Path, db: Target, args: tuple[str, ...], reason: str) -> None:
    done = run(home, db, "advice", *args)

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(reason)
    assert count(db, "advice_dismissals") == 0
