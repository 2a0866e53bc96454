"""The Checklist tab: the run's items in a table beside the probe panel, ticked from the keyboard (Space passed,
F failed, S skipped, Delete back to not checked, Enter types the value or a note), and the probes run as tasks
(Ctrl+R the selected one, Ctrl+Shift+R every automatic one in turn) with progress and Cancel.

Every record is an undoable command on the page's stack; a probe's verdict is recorded when it comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QToolBar, QVBoxLayout, QWidget

from streamdesk.core.preflight_rules import CODE_KEY, FIELD_PREFIX
from streamdesk.core.preflight_types import CheckResultRow, Measured, ProbeOutcome, ResultInput
from streamdesk.models.base import CheckKind, CheckStatus, ProbeKind
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.preflight.carried_actions import CarriedActions
from streamdesk.ui.pages.preflight.probe_jobs import (
    LevelRelay,
    audio_input_job,
    machine_job,
    network_job,
    result_of,
    script_job,
    snapshot_job,
    tone_job,
    video_outcome,
)
from streamdesk.ui.pages.preflight.probe_panel import ProbePanel
from streamdesk.ui.pages.preflight.run_model import RunColumn, RunModel
from streamdesk.ui.pages.preflight.undo_commands import RecordCommand, ValueCommand
from streamdesk.ui.pages.preflight.value_delegate import CheckDelegate, ValueDelegate
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState

if TYPE_CHECKING:
    from streamdesk.core.preflight_types import PreflightRunRow
    from streamdesk.ui.pages.preflight.page import PreflightPage
    from streamdesk.ui.tasks import Task

AREA_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut
# need nobody's answer
AUTOMATIC = (ProbeKind.AUDIO_INPUT, ProbeKind.NETWORK, ProbeKind.MACHINE, ProbeKind.VIDEO, ProbeKind.SCRIPT)
_DEVICE_KEY = "preflight/audio_input_device"
_OUTPUT_KEY = "preflight/audio_output_device"


def _by_hand(result: CheckResultRow, status: CheckStatus) -> ResultInput:
    """A status chosen by the seller: a probe's numbers stay, its verdict sentence goes (it no longer applies)."""
    if status is CheckStatus.PENDING:
        return ResultInput(status=status, note=result.note)
    kept: Measured = tuple(
        (key, value) for key, value in result.measured if key != CODE_KEY and not key.startswith(FIELD_PREFIX)
    )
    return ResultInput(status=status, value=result.value, measured=kept, note=result.note)


class RunView(QWidget):
    def __init__(self, page: PreflightPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._run: PreflightRunRow | None = None
        self._task: Task | None = None
        self._queue: list[int] = []  # positions still to measure in "Run all probes"
        self._running_all = False
        self._tone: tuple[int, int, str] | None = None  # run first id, position, device of a tone awaiting an answer
        self.model = RunModel(self)
        self.table = PagedTableView(self, row_height=44)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        self.table.setEditTriggers(PagedTableView.EditTrigger.DoubleClicked | PagedTableView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(int(RunColumn.ITEM), CheckDelegate(self.table))
        values = ValueDelegate(self.table)
        self.table.setItemDelegateForColumn(int(RunColumn.VALUE), values)
        self.table.setItemDelegateForColumn(int(RunColumn.NOTE), values)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(int(RunColumn.ITEM), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((RunColumn.STATUS, 120), (RunColumn.VALUE, 210), (RunColumn.NOTE, 150)):
            self.table.setColumnWidth(int(column), width)
        self.table.setColumnWidth(int(RunColumn.CHECKED), 70)
        widen_to_titles(self.table)
        self.stack = TableWithEmptyState(self.table, self)
        self.panel = ProbePanel(page.settings.preflight, self)
        self.panel.setMinimumWidth(340)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.summary = QLabel(self)
        self.carried = CarriedActions(page, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.carried)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.summary)
        self._connect()

    def _make_actions(self) -> None:
        self.run_probe = make_action(
            self, self.tr("Run probe"), "Ctrl+R", self.tr("Measure the selected check"), context=AREA_KEYS
        )
        self.run_all = make_action(
            self, self.tr("Run all probes"), "Ctrl+Shift+R", self.tr("Measure the mic, network, computer and cameras and check the scripts, in turn"),
            context=AREA_KEYS,
        )  # fmt: skip
        self.passed = make_action(
            self.table, self.tr("Passed"), "Space", self.tr("Mark the selected check passed"), context=TABLE_KEYS
        )
        self.failed = make_action(
            self.table, self.tr("Failed"), "F", self.tr("Mark the selected check failed"), context=TABLE_KEYS
        )
        self.skipped = make_action(self.table, self.tr("Skip"), "S", self.tr("Not needed today"), context=TABLE_KEYS)
        self.clear = make_action(
            self.table,
            self.tr("Not checked"),
            ("Delete", "Backspace"),
            self.tr("Back to not checked"),
            context=TABLE_KEYS,
        )
        self.edit_value = make_action(
            self.table,
            self.tr("Type value…"),
            ("Return", "Enter"),
            self.tr("Type the value, or a note"),
            context=TABLE_KEYS,
        )
        self.toolbar.addActions([self.run_probe, self.run_all])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.passed, self.failed, self.skipped, self.clear, self.edit_value])

    def _connect(self) -> None:
        self.run_probe.triggered.connect(self.run_selected_probe)
        self.run_all.triggered.connect(self.run_all_probes)
        for action, status in (
            (self.passed, CheckStatus.PASSED),
            (self.failed, CheckStatus.FAILED),
            (self.skipped, CheckStatus.SKIPPED),
            (self.clear, CheckStatus.PENDING),
        ):
            action.triggered.connect(lambda _checked=False, status=status: self.mark(status))
        self.edit_value.triggered.connect(self.start_editing)
        self.model.value_entered.connect(self.enter_value)
        self.model.note_entered.connect(self.enter_note)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        self.panel.status_chosen.connect(lambda status: self.mark(status, advance=False))
        self.panel.value_typed.connect(lambda text: self._enter_selected_value(text))
        self.panel.run_clicked.connect(self.run_selected_probe)
        self.panel.tone_answered.connect(self._on_tone_answered)
        self.panel.checkout_recorded.connect(self._on_checkout_recorded)
        self.panel.checkout_link_changed.connect(self._page.remember_checkout_link)
        self.panel.snapshot_clicked.connect(self._take_snapshot)

    # --- state --------------------------------------------------------------------------------------------------
    def set_run(self, run: PreflightRunRow | None, *, select: int | None = None) -> None:
        if run is None or self._run is None or run.id != self._run.id:
            self.cancel_probes()
        self._run = run
        current = self.selected()
        keep = select if select is not None else (current.id if current is not None else None)
        self.model.set_results(run.results if run is not None else (), editable=run is not None and self.editable(run))
        if run is None:
            self.panel.set_result(None)
            self.summary.clear()
            self.update_actions()
            return
        self.stack.show_table()
        row = self.model.row_of(keep) if keep is not None else None
        self._select(row if row is not None else 0)
        self.panel.set_checkout_link(self._page.checkout_link())
        self._on_selection()
        self.summary.setText(self._summary(run))
        self.update_actions()

    @staticmethod
    def editable(run: PreflightRunRow) -> bool:
        return run.finished_at is None

    def show_empty(self, headline: str, text: str, actions: tuple) -> None:  # type: ignore[type-arg]
        self._run = None
        self.model.set_results(())
        self.stack.show_empty(headline, text, actions)
        self.panel.set_result(None)
        self.summary.clear()
        self.update_actions()

    def selected(self) -> CheckResultRow | None:
        index = self.table.currentIndex()
        return self.model.result(index.row()) if index.isValid() else None

    def _select(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(row, int(RunColumn.ITEM)), flags)

    def _on_selection(self) -> None:
        self.panel.set_result(self.selected(), editable=self.model.editable)
        self.update_actions()

    def update_actions(self) -> None:
        result, editable = self.selected(), self.model.editable and self._run is not None
        busy = self.busy()
        for action in (self.passed, self.failed, self.skipped, self.clear, self.edit_value):
            action.setEnabled(editable and result is not None)
        self.run_probe.setEnabled(editable and not busy and result is not None and result.probe is not None)
        self.run_all.setEnabled(editable and not busy and any(r.probe in AUTOMATIC for r in self.model.results()))

    def _summary(self, run: PreflightRunRow) -> str:
        counts = dict.fromkeys(CheckStatus, 0)
        for result in run.results:
            counts[result.status] += 1
        checked = len(run.results) - counts[CheckStatus.PENDING]
        return self.tr("{checked} of {total} checked · {passed} passed · {warnings} warnings · {failed} failed").format(
            checked=checked,
            total=len(run.results),
            passed=counts[CheckStatus.PASSED],
            warnings=counts[CheckStatus.WARNING],
            failed=counts[CheckStatus.FAILED],
        )

    # --- records ------------------------------------------------------------------------------------------------
    def mark(self, status: CheckStatus, *, advance: bool = True) -> None:
        result = self.selected()
        if result is None or self._run is None or not self.model.editable:
            return
        if result.status is not status or (status is CheckStatus.PENDING and result.value):
            self._push_record(result, _by_hand(result, status), _mark_text(status, result.title))
        if advance and status is not CheckStatus.PENDING:
            self._select(self.table.currentIndex().row() + 1)

    def start_editing(self) -> None:
        result = self.selected()
        if result is None or not self.model.editable:
            return
        column = RunColumn.VALUE if result.kind is CheckKind.VALUE else RunColumn.NOTE
        index = self.model.index(self.table.currentIndex().row(), int(column))
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def enter_value(self, result_id: int, text: str) -> None:
        row = self.model.row_of(result_id)
        result = self.model.result(row) if row is not None else None
        if result is None:
            return
        label = self.tr("Type {value} for “{title}”").format(value=text, title=result.title)
        if text:
            self._page.push(ValueCommand(self._page, self._page.run_first_id(), result.position, text, label))
        else:
            self._push_record(result, ResultInput(status=CheckStatus.PENDING, note=result.note), label)

    def _enter_selected_value(self, text: str) -> None:
        result = self.selected()
        if result is not None:
            self.enter_value(result.id, text)

    def enter_note(self, result_id: int, text: str) -> None:
        row = self.model.row_of(result_id)
        result = self.model.result(row) if row is not None else None
        if result is not None:
            note = ResultInput(status=result.status, value=result.value, measured=result.measured, note=text)
            self._push_record(result, note, self.tr("Note on “{title}”").format(title=result.title))

    def _push_record(self, result: CheckResultRow, record: ResultInput, text: str) -> None:
        self._page.push(RecordCommand(self._page, self._page.run_first_id(), result.position, record, text))

    def _record_outcome(self, run_first: int, result: CheckResultRow, record: ResultInput) -> None:
        text = self.tr("Measure “{title}”").format(title=result.title)
        self._page.push(RecordCommand(self._page, run_first, result.position, record, text))

    # --- probes -------------------------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    def cancel_probes(self) -> None:
        self._running_all = False
        self._queue.clear()
        self._tone = None
        if self._task is not None:
            self._task.cancel()

    def run_selected_probe(self) -> None:
        result = self.selected()
        if result is None or self._run is None or not self.model.editable or self.busy():
            return
        if result.probe is None:
            self._page.report_info(self.tr("“{title}” is checked by hand: Space passed, F failed, S skipped.").format(
                title=result.title
            ))  # fmt: skip
            return
        self._queue.clear()
        self._start_probe(result)

    def run_all_probes(self) -> None:
        if self._run is None or not self.model.editable or self.busy():
            return
        self._queue = [r.position for r in self.model.results() if r.probe in AUTOMATIC]
        self._running_all = True
        self._next_in_queue()

    def _next_in_queue(self) -> None:
        while self._queue:
            position = self._queue.pop(0)
            result = next((r for r in self.model.results() if r.position == position), None)
            if result is not None:
                row = self.model.row_of(result.id)
                if row is not None:
                    self._select(row)
                self._start_probe(result)
                return
        self._running_all = False
        self._page.report_info(
            self.tr("Measured what StreamDesk can measure. Play the test tone and record the test order yourself.")
        )

    def _start_probe(self, result: CheckResultRow) -> None:
        probe, run_first = result.probe, self._page.run_first_id()
        settings = self._page.settings.preflight
        text = self.tr("Measuring “{title}”…").format(title=result.title)
        if probe is ProbeKind.VIDEO:
            self._finish_probe(run_first, result, video_outcome(), ())
            self._after_probe()
            return
        if probe is ProbeKind.TEST_CHECKOUT:
            self.panel.link.setFocus()
            return
        if probe is ProbeKind.AUDIO_OUTPUT:
            device = self.panel.device_id()
            self._page.state().setValue(_OUTPUT_KEY, device or "")
            self._tone = (run_first, result.position, self.panel.device_name())
            self._start(tone_job(device), lambda _played: self.panel.ask_heard(), self.tr("Playing the test tone…"))
            return
        extra: Measured = ()
        if probe is ProbeKind.AUDIO_INPUT:
            device = self.panel.device_id() if self.selected() == result else self._remembered_device()
            self._page.state().setValue(_DEVICE_KEY, device or "")
            relay = LevelRelay(self)
            relay.level.connect(self.panel.set_levels, Qt.ConnectionType.QueuedConnection)
            job = audio_input_job(device, settings, relay.report)
            extra = (("device", self.panel.device_name()),)
        elif probe is ProbeKind.NETWORK:
            job = network_job(settings)
        elif probe is ProbeKind.SCRIPT:
            catalogue = self._page.catalogue
            if catalogue is None or self._run is None:  # a page made without the catalogue (a quick look)
                self._page.report_info(self.tr("The scripts cannot be checked here: the catalogue is not open."))
                self._after_probe()
                return
            job = script_job(self._page.shows, catalogue, self._run.show_id, self._page.data_dir())
        else:
            job = machine_job(settings, self._page.data_dir())
        self._start(job, lambda outcome: self._probe_done(run_first, result, outcome, extra), text)

    def _remembered_device(self) -> str | None:
        value = self._page.state().value(_DEVICE_KEY)
        return value if isinstance(value, str) and value else None

    def _start(self, job: Callable, on_success: Callable[[object], None], text: str) -> None:  # type: ignore[type-arg]
        task = self._page.runner.start(
            job, on_success=on_success, on_error=self._on_probe_error, on_cancelled=self._on_probe_cancelled
        )
        self._task = task
        self.panel.track(task, text)
        task.finished.connect(lambda _outcome: self.update_actions())
        self.update_actions()

    def _probe_done(self, run_first: int, result: CheckResultRow, outcome: object, extra: Measured) -> None:
        if isinstance(outcome, ProbeOutcome):
            self._finish_probe(run_first, result, outcome, extra)
        self._after_probe()

    def _finish_probe(self, run_first: int, result: CheckResultRow, outcome: ProbeOutcome, extra: Measured) -> None:
        self._record_outcome(run_first, result, result_of(outcome, extra, note=result.note))

    def _after_probe(self) -> None:
        self._task = None
        if self._running_all:
            self._next_in_queue()
        self.update_actions()

    def _on_probe_error(self, message: str) -> None:
        self._running_all = False
        self._queue.clear()
        self._task = None
        self._page.report_error(message)

    def _on_probe_cancelled(self) -> None:
        self._running_all = False
        self._queue.clear()
        self._task = None
        self._page.report_info(self.tr("Stopped; nothing was recorded for that check."))

    def _on_tone_answered(self, heard: bool) -> None:
        if self._tone is None:
            return
        run_first, position, device = self._tone
        self._tone = None
        result = next((r for r in self.model.results() if r.position == position), None)
        if result is None:
            return
        record = ResultInput(
            status=CheckStatus.PASSED if heard else CheckStatus.FAILED,
            value=self.tr("Tone heard") if heard else self.tr("No sound"),
            measured=(("device", device), ("heard", "yes" if heard else "no")),
            note=result.note,
        )
        self._record_outcome(run_first, result, record)

    def _on_checkout_recorded(self, order_no: str, paid: bool) -> None:
        result = self.selected()
        if result is None or result.probe is not ProbeKind.TEST_CHECKOUT or self._run is None:
            return
        link = self._page.checkout_link()
        measured: Measured = (("order_no", order_no), ("paid", "yes" if paid else "no"), ("link", link))
        if paid and order_no:
            status, value, code = CheckStatus.PASSED, self.tr("Order {number} paid"), "preflight.test_checkout.paid"
        elif order_no:
            status, value, code = (
                CheckStatus.FAILED,
                self.tr("Order {number} not paid"),
                "preflight.test_checkout.not_paid",
            )
        else:
            status, value, code = CheckStatus.FAILED, self.tr("No test order"), "preflight.test_checkout.no_order"
        outcome = ProbeOutcome(status, value.format(number=order_no), measured, code, (("order_no", order_no),))
        text = self.tr("Record the test order for “{title}”").format(title=result.title)
        self._push_record(result, result_of(outcome, note=result.note), text)

    def _take_snapshot(self) -> None:
        if self.busy():
            return
        timeout = self._page.settings.preflight.probe_timeout_seconds
        self._start(snapshot_job(None, timeout), self._on_snapshot, self.tr("Taking a snapshot…"))

    def _on_snapshot(self, png: object) -> None:
        self._task = None
        self.panel.set_snapshot(png if isinstance(png, bytes) else None)


def _mark_text(status: CheckStatus, title: str) -> str:
    texts = {
        CheckStatus.PASSED: QCoreApplication.translate("RunView", "Mark “{title}” passed"),
        CheckStatus.FAILED: QCoreApplication.translate("RunView", "Mark “{title}” failed"),
        CheckStatus.SKIPPED: QCoreApplication.translate("RunView", "Skip “{title}”"),
        CheckStatus.WARNING: QCoreApplication.translate("RunView", "Mark “{title}” with a warning"),
        CheckStatus.PENDING: QCoreApplication.translate("RunView", "Mark “{title}” not checked"),
    }
    return texts[status].format(title=title)
