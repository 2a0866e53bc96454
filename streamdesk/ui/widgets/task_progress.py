"""A progress bar with Cancel that a page embeds for its background tasks.

``TaskProgress.track(task, text)`` follows a Task from TaskRunner.start: it appears only if the task is still
running after ``show_after_ms`` (quick jobs never flash a bar), shows ``done / total`` (or a busy bar when the total
is unknown), offers Cancel, and hides itself when the task finishes, whatever the outcome.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from streamdesk.core.jobs import Progress
from streamdesk.ui.tasks import Task

SHOW_AFTER_MS = 500


class TaskProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(160)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self._task: Task | None = None
        self._describe_stage: Callable[[str], str] | None = None
        self._text = ""
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.setInterval(show_after_ms)
        self._reveal.timeout.connect(self._on_reveal_due)
        self.hide()

    @property
    def task(self) -> Task | None:
        return self._task

    def track(
        self, task: Task, text: str, *, cancellable: bool = True, describe_stage: Callable[[str], str] | None = None
    ) -> None:
        """Follow ``task``; ``describe_stage`` turns a Progress.stage code into words for the label."""
        if self._task is not None:
            self._disconnect()
        self._task, self._text, self._describe_stage = task, text, describe_stage
        task.shown_to_user = True
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress says how much there is
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        task.progressed.connect(self._on_progressed)
        task.finished.connect(self._on_finished)
        if task.done:
            self._on_finished(task.outcome or "")
            return
        self._reveal.start()

    @Slot()
    def _on_reveal_due(self) -> None:
        if self._task is not None and not self._task.done:
            self.show()

    @Slot(object)
    def _on_progressed(self, progress: Progress) -> None:
        if progress.total > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
            self.bar.setFormat(self.tr("{done} of {total}").format(done=progress.done, total=progress.total))
        else:
            self.bar.setRange(0, 0)
        if progress.stage and self._describe_stage is not None:
            self.label.setText(self._describe_stage(progress.stage))

    @Slot(str)
    def _on_finished(self, _outcome: str) -> None:
        self._reveal.stop()
        self._disconnect()
        self._task = None
        self.hide()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()

    def _disconnect(self) -> None:
        if self._task is None:
            return
        for signal, slot in ((self._task.progressed, self._on_progressed), (self._task.finished, self._on_finished)):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected, or the task is gone
                signal.disconnect(slot)
