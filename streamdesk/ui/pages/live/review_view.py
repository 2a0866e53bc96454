"""After the show: planned against actual time per segment for any run of the show, with a CSV export."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.show_types import PlannedActualRow, RunKind, RunSummary
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.clock_text import format_clock, over_under_text
from streamdesk.ui.pages.live.labels import run_kind_name
from streamdesk.ui.pages.live.planned_actual_model import PlannedActualColumn, PlannedActualModel

if TYPE_CHECKING:
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.ui.tasks import TaskRunner


class ReviewView(QWidget):
    back_requested = Signal()
    loaded = Signal(int)  # run id whose rows are shown
    exported = Signal(str)  # path written
    discarded = Signal(int)  # rehearsal run id
    failed = Signal(str)  # a sentence for the page's message bar

    def __init__(self, show_runs: ShowRuns, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._show_runs = show_runs
        self._runner = runner
        self._show_title = ""
        self._runs: dict[int, RunSummary] = {}
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.run_picker = QComboBox(self)
        self.run_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.discard_button = QPushButton(self.tr("Delete this rehearsal"), self)
        self.back_button = QPushButton(self.tr("Back to the rundown"), self)
        self.model = PlannedActualModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(PlannedActualColumn.SEGMENT), QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self._build_layout()
        self.run_picker.currentIndexChanged.connect(self._on_run_picked)
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.discard_button.clicked.connect(self.discard_rehearsal)
        self.back_button.clicked.connect(self.back_requested)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("Run:"), self))
        top.addWidget(self.run_picker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.totals, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- what is shown ------------------------------------------------------------------------------------------
    def show_runs_of(self, show_title: str, runs: Sequence[RunSummary], run_id: int | None = None) -> None:
        """List the show's runs (newest first) and load ``run_id`` (default: the newest)."""
        self._show_title = show_title
        self.heading.setText(self.tr("Planned vs actual: {show}").format(show=show_title))
        newest_first = sorted(runs, key=lambda run: (run.started_at, run.id), reverse=True)
        self._runs = {run.id: run for run in newest_first}
        self.run_picker.blockSignals(True)
        self.run_picker.clear()
        for run in newest_first:
            self.run_picker.addItem(self.run_text(run), run.id)
        chosen = run_id if run_id in self._runs else (newest_first[0].id if newest_first else None)
        self.run_picker.setCurrentIndex(self.run_picker.findData(chosen) if chosen is not None else -1)
        self.run_picker.blockSignals(False)
        self._on_run_picked()

    def run_text(self, run: RunSummary) -> str:
        started = format_local_datetime(run.started_at)
        if run.finished_at is None:
            return self.tr("{kind}, {started} (not finished)").format(kind=run_kind_name(run.kind), started=started)
        return self.tr("{kind}, {started}").format(kind=run_kind_name(run.kind), started=started)

    def current_run(self) -> RunSummary | None:
        data = self.run_picker.currentData()
        return self._runs.get(data) if isinstance(data, int) else None

    def _on_run_picked(self) -> None:
        run = self.current_run()
        self.discard_button.setVisible(run is not None and run.kind is RunKind.REHEARSAL)
        self.export_button.setEnabled(run is not None)
        if run is None:
            self.model.set_rows(())
            self.totals.setText(self.tr("This show has no runs yet."))
            return
        run_id = run.id
        run_for(
            self,
            self._runner,
            lambda _cancel: self._show_runs.planned_vs_actual(run_id),
            on_success=lambda rows: self._on_rows(run_id, rows),
            on_error=self.failed.emit,
        )

    def _on_rows(self, run_id: int, rows: tuple[PlannedActualRow, ...]) -> None:
        current = self.current_run()
        if current is None or current.id != run_id:
            return  # another run was picked meanwhile
        self.model.set_rows(rows)
        planned, adjusted, actual, over_under = self.model.totals()
        text = self.tr("Planned {planned} · adjusted {adjusted} · actual {actual} · {over_under}").format(
            planned=format_clock(planned),
            adjusted=format_clock(adjusted),
            actual=format_clock(actual),
            over_under=over_under_text(over_under),
        )
        skipped = self.model.skipped()
        if skipped:
            text += " · " + self.tr("%n segment(s) skipped", "", skipped)
        self.totals.setText(text)
        self.loaded.emit(run_id)

    # --- actions ------------------------------------------------------------------------------------------------
    def export_csv(self, path: Path | None = None) -> None:
        """Write the current run's table to ``path``; without one, ask where (a save dialog)."""
        run = self.current_run()
        if run is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export planned vs actual"), self.suggested_file_name(run), self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        run_id, dest, headers = run.id, path, self.csv_headers()
        run_for(
            self,
            self._runner,
            lambda _cancel: self._show_runs.export_planned_vs_actual(run_id, dest, headers=headers),
            on_success=lambda _none: self.exported.emit(str(dest)),
            on_error=self.failed.emit,
        )

    def suggested_file_name(self, run: RunSummary) -> str:
        stamp = run.started_at.astimezone().strftime("%Y-%m-%d %H%M")
        title = re.sub(r'[\\/:*?"<>|\s]+', " ", self._show_title).strip() or "show"
        return self.tr("{show} planned vs actual {started}.csv").format(show=title, started=stamp)

    def csv_headers(self) -> tuple[str, ...]:
        """The export's column names in the interface language (same order as core.show_runs.PLANNED_ACTUAL_HEADERS)."""
        return (
            self.tr("#"),
            self.tr("Segment"),
            self.tr("Kind"),
            self.tr("Planned (seconds)"),
            self.tr("Planned"),
            self.tr("Adjusted (seconds)"),
            self.tr("Adjusted"),
            self.tr("Actual (seconds)"),
            self.tr("Actual"),
            self.tr("Over/under (seconds)"),
            self.tr("Over/under"),
            self.tr("Ran"),
        )

    def discard_rehearsal(self) -> None:
        run = self.current_run()
        if run is None or run.kind is not RunKind.REHEARSAL:
            return
        run_id = run.id
        run_for(
            self,
            self._runner,
            lambda _cancel: self._show_runs.discard(run_id),
            on_success=lambda _none: self.discarded.emit(run_id),
            on_error=self.failed.emit,
        )
