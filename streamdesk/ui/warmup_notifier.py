"""Desktop notices for warm-up tasks while the app runs: once a minute it asks ``Warmup.due_tasks()`` for tasks due
within the notice window or overdue, shows one tray balloon per task (naming the show, the task and its due time)
and marks them notified, so each task is announced once.

Without a system tray (some Linux desktops, offscreen) the same sentence goes out through ``status_message``, which
the main window shows in its status bar.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_types import DueTask
from streamdesk.messages import describe
from streamdesk.ui.pages.warmup.texts import local_time, relative_time, task_title

if TYPE_CHECKING:
    from streamdesk.core.warmup import Warmup

log = logging.getLogger(__name__)

POLL_MS = 60_000  # once a minute: the notice window is 30 minutes, so a task is never announced late by much
BALLOON_MS = 8_000  # how long a balloon stays; the next one waits for it


def notice_title(task: DueTask) -> str:
    return QCoreApplication.translate("WarmupNotifier", "{task} — {show}").format(
        task=task_title(task.kind, task.title, task.channel_label, task.channel_kind), show=task.show_title
    )


def notice_text(task: DueTask, now: datetime) -> str:
    when, relative = local_time(task.due_at), relative_time(task.due_at, now)
    if task.overdue:
        return QCoreApplication.translate("WarmupNotifier", "Overdue: it was due {time} ({relative}).").format(
            time=when, relative=relative
        )
    return QCoreApplication.translate("WarmupNotifier", "Due {time} ({relative}).").format(time=when, relative=relative)


def status_text(task: DueTask, now: datetime) -> str:
    """The status-bar sentence when there is no tray."""
    title = task_title(task.kind, task.title, task.channel_label, task.channel_kind)
    when, relative = local_time(task.due_at), relative_time(task.due_at, now)
    if task.overdue:
        return QCoreApplication.translate(
            "WarmupNotifier", "Warm-up task overdue: “{task}” for {show} was due {time} ({relative})."
        ).format(task=title, show=task.show_title, time=when, relative=relative)
    return QCoreApplication.translate(
        "WarmupNotifier", "Warm-up task due: “{task}” for {show}, {time} ({relative})."
    ).format(task=title, show=task.show_title, time=when, relative=relative)


class WarmupNotifier(QObject):
    status_message = Signal(str)  # no tray: the main window shows this in its status bar
    notified = Signal(object)  # DueTask, once its balloon (or status message) went out
    show_requested = Signal(int)  # show id: the seller clicked a balloon

    def __init__(
        self,
        warmup: Warmup,
        *,
        icon: QIcon | None = None,
        clock: Callable[[], datetime] | None = None,
        tray_available: bool | None = None,  # None: ask QSystemTrayIcon
        poll_ms: int = POLL_MS,
        balloon_ms: int = BALLOON_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._warmup = warmup
        self._clock = clock or (lambda: datetime.now(UTC))
        available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self.tray: QSystemTrayIcon | None = None
        if available:
            self.tray = QSystemTrayIcon(icon if icon is not None and not icon.isNull() else _app_icon(), self)
            self.tray.setToolTip(QCoreApplication.translate("WarmupNotifier", "StreamDesk warm-up reminders"))
            self.tray.messageClicked.connect(self._on_message_clicked)
        self._queue: deque[DueTask] = deque()
        self._current: DueTask | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.check_now)
        self.balloon_timer = QTimer(self)
        self.balloon_timer.setSingleShot(True)
        self.balloon_timer.setInterval(balloon_ms)
        self.balloon_timer.timeout.connect(self._show_next)

    def uses_tray(self) -> bool:
        return self.tray is not None

    def start(self) -> None:
        """Poll now (on the next turn of the event loop) and then once a minute."""
        if self.tray is not None:
            self.tray.show()
        self.poll_timer.start()
        QTimer.singleShot(0, self.check_now)

    def stop(self) -> None:
        self.poll_timer.stop()
        self.balloon_timer.stop()
        self._queue.clear()
        if self.tray is not None:
            self.tray.hide()

    def check_now(self) -> tuple[DueTask, ...]:
        """Announce the tasks due now; they are marked notified at once, so the next poll skips them."""
        try:
            self._warmup.prepare_upcoming()  # shows never opened on the Warm-up page get their default tasks too
            due = self._warmup.due_tasks()
            if due:
                self._warmup.mark_notified([task.task_id for task in due])
        except UserError as error:  # e.g. the database went read-only: say it once in the status bar
            self.status_message.emit(describe(error))
            return ()
        self._queue.extend(due)
        if due:
            log.info("warm-up notices: %d task(s)", len(due))
        if not self.balloon_timer.isActive():
            self._show_next()
        return due

    def _show_next(self) -> None:
        if not self._queue:
            self._current = None
            return
        task = self._queue.popleft()
        self._current = task
        now = self._clock()
        if self.tray is not None:
            icon = QSystemTrayIcon.MessageIcon.Warning if task.overdue else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage(notice_title(task), notice_text(task, now), icon, self.balloon_timer.interval())
        else:
            self.status_message.emit(status_text(task, now))
        self.notified.emit(task)
        self.balloon_timer.start()

    def _on_message_clicked(self) -> None:
        if self._current is not None:
            self.show_requested.emit(self._current.show_id)


def _app_icon() -> QIcon:
    app = QApplication.instance()
    icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
    if icon.isNull():
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return icon
