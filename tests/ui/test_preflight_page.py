"""The Pre-flight page: the due line, starting a run, ticking from the keyboard with undo, typed values, the verdict
banner (GO / NO-GO naming the failed critical checks / not finished), finishing and reopening, the history of runs,
the checklist editor, and the probes run as tasks — the computer, the network against a loopback server started
here, the microphone from the real PulseAudio sine source (with its live meter), the test checkout's QR code.
A real database through the Preflight service; the fake clock moves time on."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import QSettings, Qt, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

from streamdesk.app import Services
from streamdesk.config import PreflightSettings
from streamdesk.core.preflight_types import ChecklistItemInput, ProbeOutcome
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind
from streamdesk.ui.pages.preflight.history_view import HistoryColumn, HistoryModel
from streamdesk.ui.pages.preflight.page import PreflightPage
from streamdesk.ui.pages.preflight.probe_jobs import result_of
from streamdesk.ui.pages.preflight.run_model import RunColumn, RunModel
from streamdesk.ui.pages.preflight.template_dialog import ItemDialog, TemplateDialog, parse_limit
from streamdesk.ui.pages.preflight.texts import due_text, number_rows, relative_text, verdict_sentence
from streamdesk.ui.tasks import TaskRunner


@pytest.fixture
def show_id(services: Services, utc_clock) -> int:
    """A scheduled show starting in two hours (its pre-flight was due half an hour ago), and an older one."""
    shows = services.shows
    shows.create_show(ShowInput("Last week", planned_start=utc_clock() - timedelta(days=7), status=ShowStatus.DONE))
    return shows.create_show(
        ShowInput("冬季新品专场", planned_start=utc_clock() + timedelta(hours=2), status=ShowStatus.SCHEDULED)
    )


@pytest.fixture
def state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def make_page(qtbot, services: Services, runner: TaskRunner, utc_clock, state: QSettings, **kw) -> PreflightPage:
    settings = kw.pop("settings", services.settings)
    page = PreflightPage(
        services.preflight, services.shows, runner, settings=settings, clock=utc_clock, state=state, **kw
    )
    qtbot.addWidget(page)
    page.resize(1360, 820)
    page.show()  # keys reach shortcuts only in a shown window
    qtbot.waitUntil(page.has_loaded)
    return page


@pytest.fixture
def page(qtbot, services, runner, utc_clock, state, show_id, tmp_path) -> PreflightPage:
    return make_page(qtbot, services, runner, utc_clock, state, data_dir=tmp_path)


def row_of(page: PreflightPage, *, probe: ProbeKind | None = None, kind: CheckKind | None = None) -> int:
    model = page.run_view.model
    return next(
        row
        for row, result in enumerate(model.results())
        if (probe is None or result.probe is probe) and (kind is None or result.kind is kind)
    )


def statuses(page: PreflightPage) -> list[CheckStatus]:
    return [result.status for result in page.run_view.model.results()]


def press(page: PreflightPage, row: int, key: Qt.Key) -> None:
    view = page.run_view
    view.table.setFocus()
    view._select(row)
    QTest.keyClick(view.table, key)


# --- pure helpers -------------------------------------------------------------------------------------------------
def test_the_due_line_counts_towards_the_due_time_and_says_when_it_has_passed(utc_clock) -> None:
    now = utc_clock()
    start = now + timedelta(hours=3)
    text, pressing = due_text(start, 150, now)
    due = (start - timedelta(minutes=150)).astimezone().strftime("%H:%M")
    assert text.startswith(f"Pre-flight due {due}, in 30 min") and not pressing
    text, pressing = due_text(start, 200, now)
    assert "20 min ago" in text and pressing
    assert due_text(now - timedelta(minutes=5), 150, now)[0].endswith("the show started 5 min ago.")
    assert "Shows page" in due_text(None, 150, now)[0]
    assert relative_text(now + timedelta(minutes=150), now) == "in 2 h 30 min"
    assert relative_text(now + timedelta(days=3), now) == "in 3 d"
    assert parse_limit("80 %") == (True, 80.0) and parse_limit("") == (True, None) and parse_limit("x")[0] is False


def test_a_probe_verdict_keeps_its_sentence_and_numbers_on_the_result() -> None:
    outcome = ProbeOutcome(
        CheckStatus.WARNING,
        "720p only",
        (("upload_mbps", 2.5), ("latency_ms", 41.0)),
        "preflight.network.upload_720p",
        (("upload_mbps", "2.5"), ("need_1080p", "4")),
    )
    recorded = result_of(outcome, (("device", "USB"),))
    assert recorded.status is CheckStatus.WARNING and recorded.value == "720p only"
    assert verdict_sentence(recorded.measured).startswith("The upload of 2.5 Mbit/s is enough for 720p")
    assert ("Upload", "2.5 Mbit/s") in number_rows(recorded.measured)
    assert all(not name.startswith("field") and name != "code" for name, _ in number_rows(recorded.measured))


# --- models -------------------------------------------------------------------------------------------------------
def test_both_models_pass_the_model_tester(qtmodeltester, services, show_id) -> None:
    run_id = services.preflight.start_run(show_id)
    run = services.preflight.run(run_id)
    services.preflight.record_value(run.results[0].id, "85")
    model = RunModel()
    model.set_results(services.preflight.run(run_id).results)
    qtmodeltester.check(model)
    assert model.index(0, RunColumn.VALUE).data() == "85%"
    assert model.index(0, RunColumn.STATUS).data().endswith("Passed")
    assert model.flags(model.index(0, RunColumn.VALUE)) & Qt.ItemFlag.ItemIsEditable
    manual = next(row for row, r in enumerate(run.results) if r.kind is CheckKind.MANUAL)
    assert not model.flags(model.index(manual, RunColumn.VALUE)) & Qt.ItemFlag.ItemIsEditable
    history = HistoryModel()
    history.set_runs(services.preflight.runs(show_id), run_id)
    qtmodeltester.check(history)
    assert history.index(0, HistoryColumn.PASSED).data() == "1"
    assert history.index(0, HistoryColumn.FINISHED).data() == "in progress"


# --- the page -----------------------------------------------------------------------------------------------------
def test_without_shows_the_page_says_to_plan_one_first(qtbot, services, runner, utc_clock, state) -> None:
    page = make_page(qtbot, services, runner, utc_clock, state)
    assert page.show_id() is None and not page.body.isVisibleTo(page)
    assert "Shows page" in page.empty.text()


def test_a_show_without_a_run_explains_when_and_why_and_starts_one(page: PreflightPage, show_id) -> None:
    assert page.show_id() == show_id
    assert page.due.text().startswith("Pre-flight due") and "30 min ago" in page.due.text()
    assert "color: #b71c1c" in page.due.styleSheet()  # due and no GO yet: in red
    empty = page.run_view.stack
    assert empty.is_showing_empty_state() and "2–3 hours before going live" in empty.empty_state.text()
    assert not page.banner.isVisibleTo(page)
    empty.empty_state.buttons()[0].click()
    run = page.current_run()
    assert run is not None and run.show_id == show_id and len(run.results) >= 14
    assert page.banner.isVisibleTo(page) and page.banner.verdict is PreflightVerdict.INCOMPLETE
    assert page.banner.headline.text().startswith("Not finished — 4 critical check")
    page.undo_stack.undo()
    assert page.current_run() is None and empty.is_showing_empty_state()
    page.undo_stack.redo()
    assert page.current_run() is not None


def test_keyboard_ticks_each_undo_and_survive_undoing_the_start(page: PreflightPage) -> None:
    page.start_run()
    manual = [row for row, r in enumerate(page.run_view.model.results()) if r.kind is CheckKind.MANUAL]
    press(page, manual[0], Qt.Key.Key_Space)
    assert statuses(page)[manual[0]] is CheckStatus.PASSED
    assert page.run_view.table.currentIndex().row() == manual[0] + 1  # moved on to the next check
    press(page, manual[1], Qt.Key.Key_F)
    press(page, manual[2], Qt.Key.Key_S)
    assert [statuses(page)[row] for row in manual[:3]] == [CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.SKIPPED]
    assert page.undo_stack.undoText() == f"Skip “{page.run_view.model.result(manual[2]).title}”"  # type: ignore[union-attr]
    press(page, manual[0], Qt.Key.Key_Delete)
    assert statuses(page)[manual[0]] is CheckStatus.PENDING
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert statuses(page)[manual[2]] is CheckStatus.PENDING and statuses(page)[manual[0]] is CheckStatus.PASSED
    while page.undo_stack.canUndo():
        page.undo_stack.undo()
    assert page.current_run() is None
    while page.undo_stack.canRedo():  # the run comes back under a new id; the ticks find their checks in it
        page.undo_stack.redo()
    assert [statuses(page)[row] for row in manual[:3]] == [CheckStatus.PENDING, CheckStatus.FAILED, CheckStatus.SKIPPED]


def test_typed_values_are_judged_and_a_failed_critical_check_means_no_go(page: PreflightPage) -> None:
    page.start_run()
    model = page.run_view.model
    battery = row_of(page, kind=CheckKind.VALUE)
    assert model.setData(model.index(battery, RunColumn.VALUE), "85 %")
    assert statuses(page)[battery] is CheckStatus.PASSED
    count = page.undo_stack.count()
    assert model.setData(model.index(battery, RunColumn.VALUE), "lots")
    assert "lots" in page.messages.text() and page.undo_stack.count() == count  # refused, nothing to undo
    model.setData(model.index(battery, RunColumn.VALUE), "42")
    assert statuses(page)[battery] is CheckStatus.FAILED
    title = model.result(battery).title  # type: ignore[union-attr]
    assert page.banner.verdict is PreflightVerdict.NO_GO
    assert page.banner.headline.text() == f"NO-GO — failed: {title}"
    assert "#ffebee" in page.banner.styleSheet()
    model.setData(model.index(battery, RunColumn.NOTE), "charger in the car")
    assert model.result(battery).note == "charger in the car"  # type: ignore[union-attr]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert statuses(page)[battery] is CheckStatus.PASSED and page.banner.verdict is PreflightVerdict.INCOMPLETE


def test_all_critical_checks_passed_is_go_and_finishing_keeps_it_in_the_history(page: PreflightPage, qtbot) -> None:
    page.start_run()
    view = page.run_view
    for row, result in enumerate(view.model.results()):
        if result.critical:
            view._select(row)
            view.mark(CheckStatus.PASSED)
    assert page.banner.verdict is PreflightVerdict.GO
    assert page.banner.headline.text() == "GO — every critical check passed"
    with qtbot.waitSignal(page.preflight_finished) as finished:
        page.finish_action.trigger()
    assert finished.args == [page.show_id()]
    run = page.current_run()
    assert run is not None and run.finished_at is not None
    assert page.banner.reopen_button.isVisibleTo(page) and not page.banner.finish_button.isVisibleTo(page)
    assert not view.passed.isEnabled() and not view.run_all.isEnabled()  # a finished run is read-only
    assert not page.due.styleSheet()  # GO: the due line no longer shouts
    assert page.tabs.tabText(1).startswith("History (1 run")
    assert page.history.model.index(0, HistoryColumn.VERDICT).data() == "GO"
    page.undo_stack.undo()
    assert page.current_run().finished_at is None and view.passed.isEnabled()  # type: ignore[union-attr]


def test_history_opens_an_older_run_and_deletes_after_asking(page: PreflightPage, monkeypatch) -> None:
    page.start_run()
    first = page.current_run().id  # type: ignore[union-attr]
    page.finish_run()
    page.banner.new_run_button.click()
    second = page.current_run().id  # type: ignore[union-attr]
    assert second != first and page.history.model.rowCount() == 2
    page.history.table.selectRow(1)
    page.history.open.trigger()
    assert page.current_run().id == first and page.tabs.currentWidget() is page.run_view  # type: ignore[union-attr]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.history.table.selectRow(0)
    page.history.delete.trigger()
    assert [run.id for run in page.preflight.runs(page.show_id())] == [first]  # type: ignore[arg-type]
    assert page.undo_stack.count() == 0


def test_the_checklist_editor_adds_and_reorders_checks_with_undo(page: PreflightPage, monkeypatch) -> None:
    before = page.templates.chosen()
    assert before is not None and before.is_default

    def edit(dialog: TemplateDialog) -> int:
        def add(item_dialog: ItemDialog) -> int:
            ok = item_dialog.buttons.button(item_dialog.buttons.StandardButton.Ok)
            assert not ok.isEnabled()  # no title yet
            item_dialog.title.setText("Spare SIM card")
            item_dialog.kind.setCurrentIndex(item_dialog.kind.findData(CheckKind.VALUE))
            item_dialog.min_value.setText("50")
            item_dialog.max_value.setText("10")
            assert not ok.isEnabled() and "above" in item_dialog.problem.text()
            item_dialog.max_value.setText("")
            item_dialog.critical.setChecked(True)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(ItemDialog, "exec", add)
        dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
        dialog.add_button.click()
        dialog.up_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateDialog, "exec", edit)
    page.templates.edit_action.trigger()
    items = page.templates.chosen().items  # type: ignore[union-attr]
    assert items[0] == ChecklistItemInput("Spare SIM card", CheckKind.VALUE, critical=True, min_value=50.0)
    assert items[1:] == before.items
    page.start_run()
    assert page.current_run().results[0].title == "Spare SIM card"  # type: ignore[union-attr]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert page.templates.chosen().items == before.items  # type: ignore[union-attr]


def test_a_new_checklist_can_be_made_default_deleted_and_brought_back(page: PreflightPage, monkeypatch) -> None:
    def rename(dialog: TemplateDialog) -> int:
        dialog.name.setText("Outdoor rig")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateDialog, "exec", rename)
    page.templates.new_action.trigger()
    assert [row.name for row in page.template_rows()][-1] == "Outdoor rig"
    page.template.setCurrentIndex(page.template.findText("Outdoor rig"))
    page.templates.default_action.trigger()
    assert page.template.currentText() == "Outdoor rig (default)"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.templates.delete_action.trigger()
    assert "Outdoor rig" not in [row.name for row in page.template_rows()]
    page.undo_stack.undo()
    assert "Outdoor rig" in [row.name for row in page.template_rows()]
    page.undo_stack.undo()
    page.undo_stack.undo()
    assert [row.name for row in page.template_rows()] == ["Standard pre-flight"]


def test_the_test_checkout_shows_the_links_qr_and_records_the_paid_order(page: PreflightPage, state) -> None:
    from streamdesk.core.qr import decode_png

    page.start_run()
    row = row_of(page, probe=ProbeKind.TEST_CHECKOUT)
    page.run_view._select(row)
    panel = page.run_view.panel
    assert panel.checkout_box.isVisibleTo(panel)
    link = "https://shop.example.com/item/12345?test=1"
    panel.link.setText(link)
    panel.link.editingFinished.emit()
    assert panel.qr_preview is not None and decode_png(panel.qr_preview.image().data) == (link,)  # type: ignore[union-attr]
    assert state.value(f"preflight/checkout_link/{page.show_id()}") == link
    panel.order_no.setText("3721004588")
    panel.record_order.click()
    assert statuses(page)[row] is CheckStatus.FAILED  # ordered but not paid
    assert "not paid yet" in panel.sentence.text()
    panel.paid.setChecked(True)
    panel.record_order.click()
    result = page.run_view.model.result(row)
    assert result is not None and result.status is CheckStatus.PASSED and result.value == "Order 3721004588 paid"
    assert dict(result.measured)["order_no"] == "3721004588" and dict(result.measured)["link"] == link
    page.undo_stack.undo()
    assert statuses(page)[row] is CheckStatus.FAILED


# --- probes as tasks ----------------------------------------------------------------------------------------------
class _Upload(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        while True:  # a chunked body, read to its end
            size = int(self.rfile.readline().split(b";")[0], 16)
            self.rfile.read(size + 2)
            if size == 0:
                break
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def loopback() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upload)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def probe_settings(services: Services, loopback: str, **changes: object):
    preflight = PreflightSettings(
        latency_hosts=(loopback,), upload_url=f"http://{loopback}/upload", upload_seconds=1, probe_timeout_seconds=2
    )
    return services.settings.model_copy(update={"preflight": preflight.model_copy(update=changes)})


def test_run_all_probes_measures_network_and_computer_in_turn(
    qtbot, services, runner, utc_clock, state, show_id, tmp_path, loopback
) -> None:
    settings = probe_settings(services, loopback)
    page = make_page(qtbot, services, runner, utc_clock, state, data_dir=tmp_path, settings=settings)
    page.start_run()
    view = page.run_view
    network, machine = row_of(page, probe=ProbeKind.NETWORK), row_of(page, probe=ProbeKind.MACHINE)
    view._select(network)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert view.busy() and not view.run_probe.isEnabled()
    qtbot.waitUntil(lambda: statuses(page)[network] is not CheckStatus.PENDING, timeout=15_000)
    measured = dict(view.model.result(network).measured)  # type: ignore[union-attr]
    assert measured["upload_mbps"] > 1 and measured["code"] in (
        "preflight.network.good",
        "preflight.network.upload_720p",
    )
    assert view.model.result(network).status in (CheckStatus.PASSED, CheckStatus.WARNING)  # type: ignore[union-attr]
    view._select(network)
    assert "Mbit/s" in view.panel.numbers.text() and view.panel.sentence.isVisibleTo(view.panel)
    page.undo_stack.undo()
    assert statuses(page)[network] is CheckStatus.PENDING
    page.run_view.run_all.trigger()
    qtbot.waitUntil(lambda: statuses(page)[machine] is not CheckStatus.PENDING, timeout=30_000)
    qtbot.waitUntil(lambda: not view.busy(), timeout=30_000)
    assert statuses(page)[network] is not CheckStatus.PENDING
    assert dict(view.model.result(machine).measured)["code"].startswith("preflight.machine.")  # type: ignore[union-attr]
    assert "Play the test tone" in page.messages.text()


def test_a_cancelled_probe_records_nothing(qtbot, services, runner, utc_clock, state, show_id, loopback) -> None:
    page = make_page(
        qtbot, services, runner, utc_clock, state, settings=probe_settings(services, loopback, upload_seconds=20)
    )
    page.start_run()
    view = page.run_view
    network = row_of(page, probe=ProbeKind.NETWORK)
    view._select(network)
    view.run_probe.trigger()
    qtbot.waitUntil(lambda: view.panel.progress.isVisibleTo(view.panel))
    view.panel.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not view.busy(), timeout=10_000)
    assert statuses(page)[network] is CheckStatus.PENDING
    assert "nothing was recorded" in page.messages.text()


@pytest.fixture
def sine_source() -> Iterator[str]:
    """The PulseAudio test sources of .ci/run (tests/unit/audio_support.py loads what is missing, or skips with the
    reason where no audio server can run — and fails instead in CI)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "unit"))
    try:
        from audio_support import SINE_SOURCE, audio_server
    finally:
        sys.path.pop(0)
    with audio_server():
        yield SINE_SOURCE


def test_the_microphone_probe_drives_the_meter_live_and_records_the_levels(
    page: PreflightPage, qtbot, sine_source: str
) -> None:
    page.start_run()
    view = page.run_view
    mic = row_of(page, probe=ProbeKind.AUDIO_INPUT)
    view._select(mic)
    panel = view.panel
    index = next((i for i in range(panel.device.count()) if panel.device.itemData(i) == sine_source), -1)
    assert index > 0, "QtMultimedia lists the PulseAudio test source"
    panel.device.setCurrentIndex(index)
    assert panel.meter is not None and panel.meter.isVisibleTo(panel)
    threads: list[bool] = []
    original = panel.set_levels

    def spy(rms: float, peak: float) -> None:
        threads.append(QThread.currentThread() is page.thread())
        original(rms, peak)

    panel.set_levels = spy  # type: ignore[method-assign]
    view.panel.run_button.click()
    qtbot.waitUntil(lambda: statuses(page)[mic] is not CheckStatus.PENDING, timeout=20_000)
    assert len(threads) >= 10 and all(threads)  # about ten levels a second, each delivered on the GUI thread
    result = view.model.result(mic)
    assert result is not None and dict(result.measured)["device"] == panel.device.itemText(index)
    assert abs(float(dict(result.measured)["peak_dbfs"]) - (-6.02)) <= 3  # the sine's known level
    assert panel.meter.peak_hold_dbfs > -9.1
    assert page.state().value("preflight/audio_input_device") == sine_source


def test_changing_show_clears_the_undo_history_and_is_remembered(
    qtbot, page: PreflightPage, services, runner, utc_clock, state, show_id
) -> None:
    page.start_run()
    assert page.undo_stack.count() == 1
    page.picker.setCurrentIndex(1)
    assert page.show_id() != show_id and page.undo_stack.count() == 0
    again = make_page(qtbot, services, runner, utc_clock, state)
    assert again.show_id() == page.show_id()


def test_new_settings_move_the_due_time(page: PreflightPage, services) -> None:
    assert "30 min ago" in page.due.text()
    preflight = services.settings.preflight.model_copy(update={"due_minutes": 60})
    page._on_settings_changed(services.settings.model_copy(update={"preflight": preflight}))
    assert ", in 1 h ·" in page.due.text() and not page.due.styleSheet()
