"""The Shows page summary's "Pre-flight:" line: when the check is due, a run in progress, GO with its time, NO-GO
naming the failed critical items (and the reason the show went on anyway), incomplete; none for templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner

from streamdesk.app import Services
from streamdesk.core.preflight_types import ResultInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.models.base import CheckStatus
from streamdesk.ui.pages.shows.page import ShowsPage
from streamdesk.ui.pages.shows.show_list_model import ShowView
from streamdesk.ui.tasks import TaskRunner

MIC = "Microphone connected and at the right level"
LEAD = timedelta(minutes=150)


@pytest.fixture
def make_page(qtbot, services: Services, runner: TaskRunner, settings, utc_clock) -> Callable[[], ShowsPage]:
    def make() -> ShowsPage:
        page = ShowsPage(
            services.shows,
            services.catalogue,
            runner,
            settings=settings,
            clock=utc_clock,
            preflight=services.preflight,
        )
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        qtbot.waitUntil(page.has_loaded, timeout=5000)
        return page

    return make


def hhmm(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def schedule(services: Services, start: datetime, title: str = "Spring launch") -> int:
    return services.shows.create_show(ShowInput(title, planned_start=start, status=ShowStatus.SCHEDULED))


def line(page: ShowsPage) -> str:
    text = page.summary.details.text()
    return next((part for part in text.split("<br>") if "Pre-flight:" in part), "")


def record_all(services: Services, run_id: int, status: CheckStatus, **by_title: CheckStatus) -> None:
    for result in services.preflight.run(run_id).results:
        chosen = by_title.get(result.title, status)
        value = "-62.0 dBFS peak" if result.title == MIC else ""
        services.preflight.record(result.id, ResultInput(chosen, value=value))


def test_before_any_run_the_line_says_when_the_check_is_due(make_page, services, utc_clock) -> None:
    start = utc_clock() + timedelta(hours=3)
    schedule(services, start)
    page = make_page()
    assert line(page) == f"<b>Pre-flight:</b> due {hhmm(start - LEAD)}"
    utc_clock.advance(minutes=40)  # the due time has passed, the show not started
    page._on_preflight_finished(0)
    assert f"due since {hhmm(start - LEAD)}, not started" in line(page)
    assert "#c62828" in line(page)


def test_a_run_in_progress_counts_what_is_checked(make_page, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock() + timedelta(hours=2))
    run_id = services.preflight.start_run(show_id)
    results = services.preflight.run(run_id).results
    for result in results[:3]:
        services.preflight.record(result.id, ResultInput(CheckStatus.PASSED))
    page = make_page()
    assert f"in progress since {hhmm(utc_clock())}: 3 of {len(results)} checked" in line(page)


def test_no_go_names_the_failed_critical_items_and_the_override(make_page, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock() + timedelta(hours=2))
    run_id = services.preflight.start_run(show_id)
    record_all(services, run_id, CheckStatus.PASSED, **{MIC: CheckStatus.FAILED})
    page = make_page()
    assert f"NO-GO: {MIC} (-62.0 dBFS peak)" in line(page)
    assert "went live anyway" not in line(page)
    services.preflight.override(run_id, "Backup mic <tested>")
    page._on_preflight_finished(show_id)
    assert "went live anyway: “Backup mic &lt;tested&gt;”" in line(page)  # the seller's words, escaped


def test_go_shows_when_the_run_was_finished(make_page, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock() + timedelta(hours=2))
    run_id = services.preflight.start_run(show_id)
    record_all(services, run_id, CheckStatus.PASSED)
    utc_clock.advance(minutes=25)
    services.preflight.finish_run(run_id)
    page = make_page()
    assert f"GO at {hhmm(utc_clock())}" in line(page)
    assert "#2e7d32" in line(page)


def test_a_run_finished_with_critical_items_unchecked_is_incomplete(make_page, services, utc_clock) -> None:
    show_id = schedule(services, utc_clock() + timedelta(hours=2))
    run_id = services.preflight.start_run(show_id)
    record_all(services, run_id, CheckStatus.PASSED, **{"Test checkout paid": CheckStatus.PENDING})
    services.preflight.finish_run(run_id)
    page = make_page()
    assert "incomplete: 1 critical check not done" in line(page)


def test_templates_have_no_pre_flight_line(make_page, services, utc_clock) -> None:
    shows = services.shows
    shows.save_as_template(schedule(services, utc_clock() + timedelta(hours=1)), "Weekly template")
    page = make_page()
    page.set_view(ShowView.TEMPLATES)
    assert page.selected_show() is not None and page.selected_show().is_template
    assert line(page) == ""
