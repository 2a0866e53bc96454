"""A fresh demo shop has enough history for the seller's assistant (core/demo_history.py, demo_runs.py): advice from
history on when to go live and for how long, a product role, a product that never sells when pitched, and the pitch
pacing; the same through ``streamdesk advice --json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from streamdesk.config import ReviewSettings
from streamdesk.core.advice import Advice, AdviceReport
from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.db import open_database

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-advice") / "shop.sqlite3"
    run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    return path


@pytest.fixture(scope="module")
def report(shop: Path) -> Iterator[AdviceReport]:
    database = open_database(shop)
    advice = Advice(database.sessions, clock=lambda: NOW, settings=lambda: ReviewSettings(), currency=lambda: "CNY")
    yield advice.report(zone=SHANGHAI)
    database.dispose()


def _topics(report: AdviceReport) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for suggestion in report.open:
        found.setdefault(suggestion.topic, []).append({"key": suggestion.key, **suggestion.figures})
    return found


def test_the_demo_history_is_long_enough_for_advice_from_history(report: AdviceReport) -> None:
    slots = report.slots
    assert slots.from_history and slots.shows_found >= 8
    assert slots.best_slot is not None and slots.best_band is not None
    assert all(group.figures.n >= 2 for group in slots.slots)  # every start slot has been tried more than once
    assert len(slots.bands) >= 2 and all(band.figures.n >= 2 for band in slots.bands)
    assert "defaults" not in _topics(report)


def test_weekday_evenings_earn_most_per_thousand_views(report: AdviceReport) -> None:
    (slot,) = _topics(report)["slot"]
    assert (slot["key"], slot["n"]) == ("slot:weekday:20", 4)
    assert slot["runner_up_gpm_minor"] is not None and slot["gpm_minor"] > 1.5 * slot["runner_up_gpm_minor"]
    (duration,) = _topics(report)["duration"]
    assert duration["n"] >= 2 and duration["runner_up_n"] >= 2


def test_products_get_a_role_and_the_oat_milk_is_flagged(report: AdviceReport) -> None:
    topics = _topics(report)
    assert topics["role"] and all(role["shows_pitched"] >= 2 for role in topics["role"])
    (never,) = topics["never_converts"]
    assert str(never["title"]).startswith("燕麦奶") and never["shows_pitched"] == 3 and never["pitches_sold"] == 0


def test_pitches_overrun_their_plan_by_about_three_fifths(report: AdviceReport) -> None:
    (pacing,) = _topics(report)["pacing"]
    assert pacing["key"] == "pacing:pitch" and pacing["n"] >= 20
    assert 1.5 < float(str(pacing["ratio"])) < 1.75
    assert "pacing_total" not in _topics(report)  # the shows as a whole overrun less: the rest is cut short


def test_the_command_line_gives_the_same_advice(shop: Path, tmp_path: Path) -> None:
    env = {**os.environ, "STREAMDESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STREAMDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", "en", "--db", str(shop), "advice", "--tz", "Asia/Shanghai",
         "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["from_history"] is True and printed["shows_found"] == 9
    topics = {s["topic"] for s in printed["suggestions"]}
    assert {"slot", "duration", "role", "never_converts", "pacing"} <= topics and "defaults" not in topics
    assert "slot:weekday:20" in {s["key"] for s in printed["suggestions"]}
