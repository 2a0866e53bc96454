"""Action items carried forward from earlier reviews (复盘): the Shows summary lists the open ones for the next show,
and the Pre-flight page ticks them off on that show with undo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import QSettings

from streamdesk.app import Services
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.ui.pages.preflight.page import PreflightPage
from streamdesk.ui.pages.shows.actions_line import actions_html
from streamdesk.ui.pages.shows.page import ShowsPage
from streamdesk.ui.tasks import TaskRunner

SIZES = "Size chart as a pinned card <b>"
STOCK = "Lock the flash-sale stock early"


@pytest.fixture
def shows(services: Services, utc_clock) -> tuple[int, int]:
    """(last week's show with two action items in its review, the next show in two hours)."""
    past = services.shows.create_show(
        ShowInput("Last week", planned_start=utc_clock() - timedelta(days=7), status=ShowStatus.DONE)
    )
    services.review.add_action(past, SIZES)
    services.review.add_action(past, STOCK)
    upcoming = services.shows.create_show(
        ShowInput("冬季新品专场", planned_start=utc_clock() + timedelta(hours=2), status=ShowStatus.SCHEDULED)
    )
    return past, upcoming


def test_the_shows_summary_lists_the_open_actions_of_earlier_reviews(qtbot, services, runner, utc_clock, shows) -> None:
    page = ShowsPage(services.shows, services.catalogue, runner, settings=services.settings, clock=utc_clock,
                     review=services.review)  # fmt: skip
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.has_loaded, timeout=5000)
    page.select_show(shows[1])
    qtbot.waitUntil(lambda: "冬季新品专场" in page.summary.headline.text(), timeout=5000)
    text = page.summary.details.text()
    assert "<b>Actions from earlier reviews:</b>" in text and "2 open" in text
    assert "Size chart as a pinned card &lt;b&gt; (from Last week)" in text  # escaped, with where it came from
    assert STOCK in text


def test_without_the_review_service_or_items_there_is_no_line(qtbot, services, runner, utc_clock) -> None:
    services.shows.create_show(ShowInput("Solo", planned_start=utc_clock() + timedelta(hours=2)))
    page = ShowsPage(services.shows, services.catalogue, runner, settings=services.settings, clock=utc_clock)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.has_loaded, timeout=5000)
    assert "Actions from earlier reviews" not in page.summary.details.text()
    assert actions_html(()) == ""


def test_preflight_ticks_a_carried_action_off_on_this_show_with_undo(
    qtbot, services: Services, runner: TaskRunner, utc_clock, shows, tmp_path: Path
) -> None:
    past, upcoming = shows
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    page = PreflightPage(services.preflight, services.shows, runner, settings=services.settings, clock=utc_clock,
                         state=state, data_dir=tmp_path, review=services.review)  # fmt: skip
    qtbot.addWidget(page)
    page.resize(1360, 820)
    page.show()
    qtbot.waitUntil(page.has_loaded, timeout=5000)
    page.set_show(upcoming)
    carried = page.run_view.carried
    qtbot.waitUntil(lambda: len(carried.boxes) == 2, timeout=5000)
    assert carried.isVisible() and "2 open" in carried.heading.text()
    assert [box.isChecked() for box in carried.boxes] == [False, False]
    assert carried.boxes[0].text() == f"{SIZES} (from Last week)"

    with qtbot.waitSignal(page.review_edited, timeout=2000) as edited:  # relayed to the Shows and Review pages
        carried.boxes[1].setChecked(True)
    assert edited.args == [upcoming]
    stock = next(item for item in services.review.carried_actions(upcoming) if item.text == STOCK)
    assert stock.done_at is not None and stock.done_show_id == upcoming
    assert "1 open" in carried.heading.text() and carried.boxes[1].isChecked()  # still listed, ticked, for this show
    with qtbot.waitSignal(page.review_edited, timeout=2000):
        page.undo_stack.undo()
    stock = next(item for item in services.review.carried_actions(upcoming) if item.text == STOCK)
    assert stock.done_at is None and stock.done_show_id is None
    assert [box.isChecked() for box in carried.boxes] == [False, False]
    page.undo_stack.redo()
    assert next(i for i in services.review.carried_actions(upcoming) if i.text == STOCK).done_show_id == upcoming
    assert past not in {item.done_show_id for item in services.review.carried_actions(upcoming)}
