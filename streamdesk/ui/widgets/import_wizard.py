"""What the product, order and live-data import dialogs share: step one's file page, the wizard's frame (message
bar, page stack, progress, Back / Next / Cancel) with the background-task plumbing behind its buttons, and the
file / preview / summary steps of the order and live-data imports.

Each dialog keeps its own steps, texts and button states. Strings translated here keep the context the dialogs'
pages had before they were shared ("ChooseFilePage"), so the committed translations still apply; the dialogs pass
their own translated button texts in, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.ui.tasks import Task, TaskRunner


def heading_label(text: str, parent: QWidget, *, scale: float = 1.0) -> QLabel:
    """A step's bold title; ``scale`` enlarges it (the order import's pages stand out a little more)."""
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class FileChoicePage(QWidget):
    """Step one: a heading, what to choose, "Choose file…" and the path chosen. The dialogs' ChooseFilePage
    subclasses write the heading and the explanation in their own words (``heading``, ``intro``)."""

    def __init__(self, parent: QWidget | None = None, *, heading_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.browse_button = QPushButton(QCoreApplication.translate("ChooseFilePage", "Choose file…"), self)
        self.path_label = QLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading = heading_label("", self, scale=heading_scale)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.browse_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.path_label)
        layout.addStretch(1)


class ImportWizardDialog(QDialog):
    """Pages in a stack over Back / Next / Cancel, a message bar on top and the task progress beside the buttons.

    A subclass makes its pages, calls ``_build_wizard`` with them, and says what the buttons do (``_next``,
    ``_back``, ``_update_buttons``). ``_start`` runs one job at a time; while it runs, Cancel cancels the job and
    the dialog stays open.
    """

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        describe_stage: Callable[[str], str] | None = None,
        abandon_when_destroyed: bool = False,
    ) -> None:
        """``describe_stage`` turns a job's progress stage into words; ``abandon_when_destroyed``: a dialog that
        may be closed with its page mid-task asks the task to call nothing back."""
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self._describe_stage = describe_stage
        self._abandon_when_destroyed = abandon_when_destroyed
        self.messages = MessageBar(self)

    def _build_wizard(self, pages: Sequence[QWidget], *, back_text: str, cancel_text: str) -> None:
        """Stack ``pages`` and lay out the frame; called once the pages exist, so the tab order runs from the pages
        to the buttons."""
        self.pages = QStackedWidget(self)
        for page in pages:
            self.pages.addWidget(page)
        self.progress = TaskProgress(self, show_after_ms=0)
        self.back_button = QPushButton(back_text, self)
        self.next_button = QPushButton(self, default=True)
        self.close_button = QPushButton(cancel_text, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self._close_or_cancel)

    # --- what a subclass says (class-level declarations: each wizard defines them) -----------------------------
    load_file: Callable[[Path], None]
    _next: Callable[[], None]
    _back: Callable[[], None]
    _update_buttons: Callable[[], None]

    # --- running tasks -----------------------------------------------------------------------------------------
    def _start(
        self,
        job: Any,
        text: str,
        on_success: Callable[[Any], None],
        on_cancelled: Callable[[], None] | None = None,
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        """Run ``job`` with ``text`` beside the progress; the buttons follow (busy) until it ends. A failure is
        shown in the message bar, after ``on_failed`` has had its say."""
        self.messages.dismiss()

        def finished() -> None:
            self._task = None
            self._update_buttons()

        def succeeded(result: object) -> None:
            finished()
            on_success(result)

        def failed(message: str) -> None:
            finished()
            if on_failed is not None:
                on_failed()
            self.messages.show_error(message)
            if on_failed is not None:
                self._update_buttons()  # on_failed may have taken away what the buttons offered

        def cancelled() -> None:
            finished()
            if on_cancelled is not None:
                on_cancelled()

        self._task = self._runner.start(job, on_success=succeeded, on_error=failed, on_cancelled=cancelled)
        if self._abandon_when_destroyed:
            self.destroyed.connect(self._task.abandon)  # closed with its page mid-task: call nothing back
        self.progress.track(self._task, text, describe_stage=self._describe_stage)
        self._update_buttons()

    def is_busy(self) -> bool:
        return self._task is not None

    def cancel_task(self) -> None:
        if self._task is not None:
            self._task.cancel()

    # --- buttons -----------------------------------------------------------------------------------------------
    def _choose_and_load(self, title: str, filters: str) -> None:
        """Ask for a file and load it; nothing happens when the user cancels the file dialog."""
        path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        if path:
            self.load_file(Path(path))

    def _close_or_cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()  # the Cancelled outcome re-enables the buttons; the dialog stays open
        else:
            self.reject()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()


class FilePreviewSummaryWizard(ImportWizardDialog):
    """The wizard of three steps the order and the live-data imports go through: choose a file, look at what it
    would import, see what it did. Next browses, imports, then closes; Back returns from the preview to step one.

    A subclass makes the three pages (``choose_page``, ``preview_page``, ``summary_page``) and says how it browses
    (``_browse``) and imports (``start_import``); its ``_update_buttons`` names the buttons.
    """

    choose_page: QWidget
    preview_page: QWidget
    summary_page: QWidget
    _browse: Callable[[], None]
    start_import: Callable[[], None]

    def _next(self) -> None:
        page = self.pages.currentWidget()
        if page is self.choose_page:
            self._browse()
        elif page is self.preview_page:
            self.start_import()
        else:
            self.accept()

    def _back(self) -> None:
        if self.pages.currentWidget() is self.preview_page:
            self.pages.setCurrentWidget(self.choose_page)
        self._update_buttons()
