"""Desktop notices for warm-up tasks while the app runs: once a minute it asks ``Warmup.due_tasks()`` for tasks due
within the notice window or overdue, shows one tray balloon per task (naming the show, the task and its due time)
and marks them notified, so each task is announced once.

Without a system tray (some Linux desktops, offscreen) the same sentence goes out through ``status_message``, which
the main window shows in its status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from streamdesk.core.warmup_types import DueTask
from streamdesk.ui.pages.warmup.texts import local_time, relative_time, task_title
from streamdesk.ui.tray_notices import TrayNotices

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


class WarmupNotifier(TrayNotices[DueTask]):
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
        super().__init__(
            tooltip=QCoreApplication.translate("WarmupNotifier", "StreamDesk warm-up reminders"),
            icon=icon,
            clock=clock,
            tray_available=tray_available,
            poll_ms=poll_ms,
            balloon_ms=balloon_ms,
            parent=parent,
        )
        self._warmup = warmup

    def poll(self) -> tuple[DueTask, ...]:
        """The tasks due now; they are marked notified at once, so the next poll skips them."""
        self._warmup.prepare_upcoming()  # shows never opened on the Warm-up page get their default tasks too
        due = self._warmup.due_tasks()
        if due:
            self._warmup.mark_notified([task.task_id for task in due])
            log.info("warm-up notices: %d task(s)", len(due))
        return due

    def balloon(self, notice: DueTask, now: datetime) -> tuple[str, str, QSystemTrayIcon.MessageIcon]:
        icon = QSystemTrayIcon.MessageIcon.Warning if notice.overdue else QSystemTrayIcon.MessageIcon.Information
        return notice_title(notice), notice_text(notice, now), icon

    def status_text(self, notice: DueTask, now: datetime) -> str:
        return status_text(notice, now)
