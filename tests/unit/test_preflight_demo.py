"""The demo shop's pre-flight runs (core/demo_preflight.py): streamed shows were checked before they started, one
went GO, one NO-GO with an override reason, and the next show has a run in progress."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from streamdesk.core.demo import write_demo
from streamdesk.core.demo_preflight import OVERRIDE_REASON
from streamdesk.core.jobs import run_to_end
from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_defaults import DEFAULT_NAMES
from streamdesk.core.preflight_rules import CODE_KEY, FIELD_PREFIX
from streamdesk.core.show_types import ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.messages import render
from streamdesk.models.base import CheckStatus, PreflightVerdict, ProbeKind

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shows, Preflight]]:
    path = tmp_path_factory.mktemp("demo-preflight") / "shop.sqlite3"
    run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    database = open_database(path)
    yield Shows(database.sessions, clock=lambda: NOW), Preflight(database.sessions, clock=lambda: NOW, language="en")
    database.dispose()


def test_streamed_shows_were_checked_before_they_started(demo: tuple[Shows, Preflight]) -> None:
    shows, preflight = demo
    done = shows.list_shows(status=ShowStatus.DONE)
    older, streamed = done[:-3], done[-3:]  # the seller took up the checklist three shows ago
    assert len(streamed) == 3 and older and all(not preflight.runs(show.id) for show in older)
    verdicts = []
    for show in streamed:
        (summary,) = preflight.runs(show.id)
        run = preflight.run(summary.id)
        assert show.planned_start is not None and run.finished_at is not None
        assert show.planned_start - timedelta(hours=3) < run.started_at < run.finished_at < show.planned_start
        assert run.template_name == DEFAULT_NAMES["zh_CN"]
        assert summary.pending == 0 and summary.verdict is run.verdict
        times = [r.checked_at for r in run.results if r.checked_at is not None]
        assert times == sorted(times) and len(times) == len(run.results)
        verdicts.append(run.verdict)
    assert PreflightVerdict.GO in verdicts and PreflightVerdict.NO_GO in verdicts


def test_the_no_go_show_went_live_with_its_reason_logged(demo: tuple[Shows, Preflight]) -> None:
    shows, preflight = demo
    no_go = [
        preflight.go_check(show.id)
        for show in shows.list_shows(status=ShowStatus.DONE)
        if preflight.go_check(show.id).verdict is PreflightVerdict.NO_GO
    ]
    assert len(no_go) == 1
    (check,) = no_go
    assert check.already_overridden and not check.needs_override and len(check.failed_critical) == 1
    assert check.run_id is not None
    run = preflight.run(check.run_id)
    assert run.override_reason == OVERRIDE_REASON
    (failed,) = run.failed_critical
    assert failed.probe is ProbeKind.AUDIO_INPUT
    numbers = dict(failed.measured)
    assert numbers[CODE_KEY] == "preflight.audio.silent"
    fields = {k.removeprefix(FIELD_PREFIX): v for k, v in numbers.items() if k.startswith(FIELD_PREFIX)}
    sentence = render(str(numbers[CODE_KEY]), fields)
    assert "{" not in sentence and str(numbers["peak_dbfs"]) in sentence


def test_the_next_show_has_a_run_in_progress(demo: tuple[Shows, Preflight]) -> None:
    shows, preflight = demo
    upcoming = [s for s in shows.list_shows(status=ShowStatus.SCHEDULED) if s.planned_start and s.planned_start > NOW]
    first, *later = upcoming
    run = preflight.latest_run(first.id)
    assert run is not None and run.finished_at is None and run.started_at < NOW
    assert run.verdict is PreflightVerdict.INCOMPLETE
    statuses = {r.status for r in run.results}
    assert CheckStatus.PENDING in statuses and CheckStatus.PASSED in statuses
    checked = {r.probe for r in run.results if r.status is not CheckStatus.PENDING and r.probe is not None}
    assert checked == {ProbeKind.AUDIO_INPUT, ProbeKind.NETWORK}
    assert [r.title for r in run.pending_critical] == [
        r.title for r in run.results if r.probe is ProbeKind.TEST_CHECKOUT
    ]
    assert all(preflight.latest_run(show.id) is None for show in later)
