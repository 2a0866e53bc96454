"""Before going live: the chosen show's rundown, its warnings, and the offer to resume a run left unfinished."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.show_types import Rundown, RunKind, RunSummary, ShowSummary
from streamdesk.messages import render
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.live.clock_text import format_clock
from streamdesk.ui.pages.live.rundown_model import RundownColumn, RundownPreviewModel

_RESUME_STYLE = (
    "QFrame#resumeBar { background: #fff3e0; border: 2px solid #ef6c00; border-radius: 6px; }"
    " QFrame#resumeBar QLabel { color: #3e2723; }"
)


class PrepareView(QWidget):
    resume_requested = Signal(int)  # run id
    review_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resumable: RunSummary | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b71c1c;")
        self.resume_bar = QFrame(self)
        self.resume_bar.setObjectName("resumeBar")
        self.resume_bar.setStyleSheet(_RESUME_STYLE)
        self.resume_text = QLabel(self.resume_bar)
        self.resume_text.setWordWrap(True)
        self.resume_button = QPushButton(self.tr("Resume"), self.resume_bar)
        self.resume_button.setMinimumHeight(40)
        bar = QHBoxLayout(self.resume_bar)
        bar.setContentsMargins(12, 8, 12, 8)
        bar.addWidget(self.resume_text, 1)
        bar.addWidget(self.resume_button)
        self.resume_bar.hide()
        self.model = RundownPreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(RundownColumn.TITLE), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(int(RundownColumn.PRODUCTS), QHeaderView.ResizeMode.Interactive)
        header.resizeSection(int(RundownColumn.PRODUCTS), 260)
        self.past_runs = QLabel(self)
        self.review_button = QPushButton(self.tr("Planned vs actual…"), self)
        self.review_button.setToolTip(self.tr("How earlier runs of this show went, segment by segment"))
        footer = QHBoxLayout()
        footer.addWidget(self.past_runs, 1)
        footer.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.resume_bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        self.resume_button.clicked.connect(self._on_resume_clicked)
        self.review_button.clicked.connect(self.review_requested)

    def set_show(self, show: ShowSummary | None) -> None:
        self.heading.setText(show.title if show is not None else "")
        self.summary.setText(self.tr("Loading the rundown…") if show is not None else "")
        self.warnings.clear()
        self.model.set_rundown(None)

    def set_rundown(self, show: ShowSummary, rundown: Rundown) -> None:
        self.model.set_rundown(rundown)
        planned = format_clock(rundown.total_seconds)
        if not rundown.segments:
            self.summary.setText(
                self.tr("This show has no segments yet. Add them on the Shows page, then come back to go live.")
            )
        elif show.planned_start is not None:
            self.summary.setText(
                self.tr("%n segment(s), {length} in all, planned to start {start}.", "", len(rundown.segments)).format(
                    length=planned, start=format_local_datetime(show.planned_start)
                )
            )
        else:
            self.summary.setText(
                self.tr("%n segment(s), {length} in all.", "", len(rundown.segments)).format(length=planned)
            )
        self.warnings.setText("\n".join(render(c.code.value, c.fields) for c in rundown.conflicts))
        self.warnings.setVisible(bool(rundown.conflicts))

    def set_runs(self, runs: Sequence[RunSummary]) -> None:
        """Offer the latest unfinished run (a live one before any rehearsal) and count the finished ones."""
        unfinished = [run for run in runs if run.finished_at is None]
        unfinished.sort(key=lambda run: (run.kind is RunKind.LIVE, run.started_at, run.id))
        self._resumable = unfinished[-1] if unfinished else None
        finished = [run for run in runs if run.finished_at is not None]
        if self._resumable is not None:
            started = format_local_datetime(self._resumable.started_at)
            if self._resumable.kind is RunKind.LIVE:
                text = self.tr(
                    "This show went live at {started} and was never ended (StreamDesk was closed or stopped). "
                    "Resume it to carry on: the show clock kept counting meanwhile."
                )
            else:
                text = self.tr("A rehearsal started at {started} was never ended. Resume it to carry on.")
            self.resume_text.setText(text.format(started=started))
        self.resume_bar.setVisible(self._resumable is not None)
        self.past_runs.setText(
            self.tr("%n finished run(s) of this show.", "", len(finished)) if finished else self.tr("No runs yet.")
        )
        self.review_button.setEnabled(bool(runs))

    def resumable(self) -> RunSummary | None:
        return self._resumable

    def _on_resume_clicked(self) -> None:
        if self._resumable is not None:
            self.resume_requested.emit(self._resumable.id)
