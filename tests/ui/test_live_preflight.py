"""Going live asks the show's pre-flight run first: a failed critical item needs a typed reason (kept on the run), no
run at all asks gently, unchecked critical items are named; GO goes straight on air and a rehearsal never asks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_support import *  # noqa: F403 - the shared fixtures
from live_support import Live, seed_show
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_types import ResultInput
from streamdesk.core.show_types import RunKind
from streamdesk.models.base import CheckStatus, ProbeKind
from streamdesk.ui.pages.live.page import LivePage
from streamdesk.ui.pages.live.preflight_gate import OverrideDialog
from streamdesk.ui.tasks import TaskRunner

MIC = "Microphone connected and at the right level"
NETWORK = "Network steady, upload fast enough"


@pytest.fixture
def preflight(live: Live) -> Preflight:
    return Preflight(live.database.sessions, clock=live.utc_clock, language="en")


@pytest.fixture
def page(qtbot, live: Live, runner: TaskRunner, settings, preflight: Preflight) -> Callable[[], LivePage]:
    def make() -> LivePage:
        page = LivePage(live.services.shows, live.show_runs, runner, settings, now=live.utc_clock, preflight=preflight)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        page.live_view.confirm = lambda _title, _question: True
        qtbot.waitUntil(lambda: page.current_rundown() is not None, timeout=5000)
        return page

    return make


def record(preflight: Preflight, run_id: int, statuses: dict[str, CheckStatus], others: CheckStatus | None) -> None:
    """Give the named items their status and every other item ``others`` (None: leave them pending)."""
    for result in preflight.run(run_id).results:
        status = statuses.get(result.title, others)
        if status is not None:
            preflight.record(result.id, ResultInput(status, value="-62.0 dBFS peak" if result.title == MIC else ""))


def ask(qtbot, page: LivePage):
    """Press Go live and wait for the pre-flight question."""
    page.go_live()
    qtbot.waitUntil(lambda: page.preflight_gate.dialog is not None and page.preflight_gate.dialog.isVisible())
    return page.preflight_gate.dialog


def test_a_failed_critical_item_needs_a_reason_which_is_logged_before_going_live(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {MIC: CheckStatus.FAILED, NETWORK: CheckStatus.FAILED}, CheckStatus.PASSED)
    live_page = page()
    dialog = ask(qtbot, live_page)
    assert isinstance(dialog, OverrideDialog)
    assert dialog.isModal() or dialog.windowModality() is Qt.WindowModality.WindowModal
    listed = dialog.intro.text()
    assert MIC in listed and NETWORK in listed and "2 critical checks failed" in listed
    assert not live_page.go_live_button.isEnabled()  # busy until answered
    assert not dialog.go_button.isEnabled()  # no reason, no going live
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.go_button.isEnabled()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # Enter on a blank reason does nothing either
    assert dialog.isVisible() and live_page.live_view.run() is None
    dialog.reason_edit.clear()
    qtbot.keyClicks(dialog.reason_edit, "Backup mic plugged in and tested")
    assert dialog.go_button.isEnabled()
    with qtbot.waitSignal(live_page.show_started, timeout=5000) as started:
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # Enter confirms once there is a reason
    assert started.args == [show_id]
    run = live_page.live_view.run()
    assert run is not None and run.kind is RunKind.LIVE
    stored = preflight.run(run_id)
    assert stored.override_reason == "Backup mic plugged in and tested"
    assert stored.overridden_at == live.utc_clock()
    assert live_page.preflight_gate.dialog is None


def test_stepping_back_from_the_reason_dialog_starts_nothing_and_logs_nothing(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {MIC: CheckStatus.FAILED}, CheckStatus.PASSED)
    live_page = page()
    dialog = ask(qtbot, live_page)
    qtbot.keyClicks(dialog.reason_edit, "no time")
    dialog.reject()
    qtbot.waitUntil(live_page.go_live_button.isEnabled)
    assert live_page.live_view.run() is None
    assert live.show_runs.runs(show_id) == ()
    assert preflight.run(run_id).override_reason == "" and preflight.run(run_id).overridden_at is None


def test_a_show_without_a_pre_flight_run_is_asked_gently(qtbot, live, page) -> None:
    show_id, _ = seed_show(live)
    live_page = page()
    box = ask(qtbot, live_page)
    assert isinstance(box, QMessageBox)
    assert box.text() == "No pre-flight run for this show. Go live anyway?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(live_page.go_live_button.isEnabled)
    assert live.show_runs.runs(show_id) == ()

    box = ask(qtbot, live_page)
    with qtbot.waitSignal(live_page.show_started, timeout=5000):
        live_page.preflight_gate.go_button.click()
    assert live_page.live_view.run().kind is RunKind.LIVE


def test_unchecked_critical_items_are_named_and_going_live_is_allowed(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {MIC: CheckStatus.PASSED, NETWORK: CheckStatus.PASSED}, None)
    live_page = page()
    box = ask(qtbot, live_page)
    assert isinstance(box, QMessageBox)
    text = box.text()
    assert "Test checkout paid" in text and "Phone charged or plugged in" in text
    assert MIC not in text and "2 critical checks not done yet" in text
    with qtbot.waitSignal(live_page.show_started, timeout=5000):
        live_page.preflight_gate.go_button.click()
    assert preflight.run(run_id).override_reason == ""  # nothing failed: no reason asked, none logged


def test_a_go_run_goes_straight_on_air(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {}, CheckStatus.PASSED)
    preflight.finish_run(run_id)
    live_page = page()
    with qtbot.waitSignal(live_page.show_started, timeout=5000):
        live_page.go_live()
    assert live_page.preflight_gate.dialog is None


def test_a_failure_already_overridden_is_not_asked_again(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {MIC: CheckStatus.FAILED}, CheckStatus.PASSED)
    preflight.override(run_id, "Mic swapped")
    live_page = page()
    with qtbot.waitSignal(live_page.show_started, timeout=5000):
        live_page.go_live()
    assert live_page.preflight_gate.dialog is None
    assert preflight.run(run_id).override_reason == "Mic swapped"


def test_a_rehearsal_never_asks_the_pre_flight_run(qtbot, live, page, preflight) -> None:
    show_id, _ = seed_show(live)
    run_id = preflight.start_run(show_id)
    record(preflight, run_id, {MIC: CheckStatus.FAILED}, CheckStatus.PASSED)
    live_page = page()
    with qtbot.waitSignal(live_page.run_opened, timeout=5000):
        live_page.rehearse()
    assert live_page.preflight_gate.dialog is None
    assert live_page.live_view.run().kind is RunKind.REHEARSAL
    assert preflight.run(run_id).overridden_at is None


def test_the_probe_item_kinds_the_gate_reads_are_the_default_template_ones(preflight, live) -> None:
    """The names above are the English default template's critical probes: a renamed item would make the tests
    above pass for the wrong reason."""
    show_id, _ = seed_show(live)
    results = preflight.run(preflight.start_run(show_id)).results
    by_title = {r.title: r for r in results}
    assert by_title[MIC].probe is ProbeKind.AUDIO_INPUT and by_title[MIC].critical
    assert by_title[NETWORK].probe is ProbeKind.NETWORK and by_title[NETWORK].critical
