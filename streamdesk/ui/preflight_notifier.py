"""Desktop notices for pre-flight checks while the app runs: once a minute it asks ``Preflight.due(due_minutes)``
for scheduled shows whose check is due (planned start minus the lead time has come) and that have no finished GO
run, and shows one tray balloon per show and due time for those where no run has been started yet. A show moved to
another time is announced again for its new due time; a seller who already started the run is left to it.

Without a system tray (some Linux desktops, offscreen) the same sentence goes out through ``status_message``, which
the main window shows in its status bar. Clicking a balloon asks for the show (``show_requested``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from streamdesk.core.preflight_types import PreflightDue
from streamdesk.ui.pages.warmup.texts import local_time, relative_time
from streamdesk.ui.tray_notices import TrayNotices

if TYPE_CHECKING:
    from streamdesk.config import Settings
    from streamdesk.core.preflight import Preflight

log = logging.getLogger(__name__)

POLL_MS = 60_000  # once a minute: a check due at 17:30 is announced by 17:31
BALLOON_MS = 8_000  # how long a balloon stays; the next one waits for it


def notice_title(due: PreflightDue) -> str:
    return QCoreApplication.translate("PreflightNotifier", "Pre-flight check due — {show}").format(show=due.show_title)


def notice_text(due: PreflightDue, now: datetime) -> str:
    start, relative = local_time(due.planned_start), relative_time(due.planned_start, now)
    return QCoreApplication.translate(
        "PreflightNotifier", "The show starts {time} ({relative}). Test the rig now: mic, network, test order."
    ).format(time=start, relative=relative)


def status_text(due: PreflightDue, now: datetime) -> str:
    """The status-bar sentence when there is no tray."""
    start, relative = local_time(due.planned_start), relative_time(due.planned_start, now)
    return QCoreApplication.translate(
        "PreflightNotifier", "Pre-flight check due for {show}: it starts {time} ({relative})."
    ).format(show=due.show_title, time=start, relative=relative)


class PreflightNotifier(TrayNotices[PreflightDue]):
    def __init__(
        self,
        preflight: Preflight,
        *,
        due_minutes: int,
        icon: QIcon | None = None,
        clock: Callable[[], datetime] | None = None,
        tray_available: bool | None = None,  # None: ask QSystemTrayIcon
        poll_ms: int = POLL_MS,
        balloon_ms: int = BALLOON_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            tooltip=QCoreApplication.translate("PreflightNotifier", "StreamDesk pre-flight reminders"),
            icon=icon,
            clock=clock,
            tray_available=tray_available,
            poll_ms=poll_ms,
            balloon_ms=balloon_ms,
            parent=parent,
        )
        self._preflight = preflight
        self._due_minutes = due_minutes
        self._announced: set[tuple[int, datetime]] = set()  # (show id, due time): each is announced once

    def due_minutes(self) -> int:
        return self._due_minutes

    def apply_settings(self, settings: Settings) -> None:
        """A new lead time counts from the next poll (shows already announced stay announced)."""
        self._due_minutes = settings.preflight.due_minutes

    def _on_settings_changed(self, settings: Settings) -> None:  # the main window's settings_changed
        self.apply_settings(settings)

    def poll(self) -> tuple[PreflightDue, ...]:
        """The shows whose pre-flight came due with no run started; each (show, due time) once."""
        due = self._preflight.due(self._due_minutes)
        fresh = tuple(
            item for item in due if item.run_id is None and (item.show_id, item.due_at) not in self._announced
        )
        self._announced.update((item.show_id, item.due_at) for item in fresh)
        if fresh:
            log.info("pre-flight notices: %d show(s)", len(fresh))
        return fresh

    def balloon(self, notice: PreflightDue, now: datetime) -> tuple[str, str, QSystemTrayIcon.MessageIcon]:
        # a reminder, not an alarm: the show has not started
        return notice_title(notice), notice_text(notice, now), QSystemTrayIcon.MessageIcon.Information

    def status_text(self, notice: PreflightDue, now: datetime) -> str:
        return status_text(notice, now)
