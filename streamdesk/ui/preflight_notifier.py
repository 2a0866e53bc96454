"""Desktop notices for pre-flight checks while the app runs: once a minute it asks ``Preflight.due(due_minutes)``
for scheduled shows whose check is due (planned start minus the lead time has come) and that have no finished GO
run, and shows one tray balloon per show and due time for those where no run has been started yet. A show moved to
another time is announced again for its new due time; a seller who already started the run is left to it.

Without a system tray (some Linux desktops, offscreen) the same sentence goes out through ``status_message``, which
the main window shows in its status bar. Clicking a balloon asks for the show (``show_requested``).
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
from streamdesk.core.preflight_types import PreflightDue
from streamdesk.messages import describe
from streamdesk.ui.pages.warmup.texts import local_time, relative_time

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


class PreflightNotifier(QObject):
    status_message = Signal(str)  # no tray: the main window shows this in its status bar
    notified = Signal(object)  # PreflightDue, once its balloon (or status message) went out
    show_requested = Signal(int)  # show id: the seller clicked a balloon

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
        super().__init__(parent)
        self._preflight = preflight
        self._due_minutes = due_minutes
        self._clock = clock or (lambda: datetime.now(UTC))
        self._announced: set[tuple[int, datetime]] = set()  # (show id, due time): each is announced once
        available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self.tray: QSystemTrayIcon | None = None
        if available:
            self.tray = QSystemTrayIcon(icon if icon is not None and not icon.isNull() else _app_icon(), self)
            self.tray.setToolTip(QCoreApplication.translate("PreflightNotifier", "StreamDesk pre-flight reminders"))
            self.tray.messageClicked.connect(self._on_message_clicked)
        self._queue: deque[PreflightDue] = deque()
        self._current: PreflightDue | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.check_now)
        self.balloon_timer = QTimer(self)
        self.balloon_timer.setSingleShot(True)
        self.balloon_timer.setInterval(balloon_ms)
        self.balloon_timer.timeout.connect(self._show_next)

    def uses_tray(self) -> bool:
        return self.tray is not None

    def due_minutes(self) -> int:
        return self._due_minutes

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

    def apply_settings(self, settings: Settings) -> None:
        """A new lead time counts from the next poll (shows already announced stay announced)."""
        self._due_minutes = settings.preflight.due_minutes

    def _on_settings_changed(self, settings: Settings) -> None:  # the main window's settings_changed
        self.apply_settings(settings)

    def check_now(self) -> tuple[PreflightDue, ...]:
        """Announce the shows whose pre-flight came due with no run started; each (show, due time) once."""
        try:
            due = self._preflight.due(self._due_minutes)
        except UserError as error:  # e.g. the database went away: say it in the status bar, try again next poll
            self.status_message.emit(describe(error))
            return ()
        fresh = tuple(
            item for item in due if item.run_id is None and (item.show_id, item.due_at) not in self._announced
        )
        self._announced.update((item.show_id, item.due_at) for item in fresh)
        self._queue.extend(fresh)
        if fresh:
            log.info("pre-flight notices: %d show(s)", len(fresh))
        if not self.balloon_timer.isActive():
            self._show_next()
        return fresh

    def _show_next(self) -> None:
        if not self._queue:
            self._current = None
            return
        due = self._queue.popleft()
        self._current = due
        now = self._clock()
        if self.tray is not None:
            icon = QSystemTrayIcon.MessageIcon.Information  # a reminder, not an alarm: the show has not started
            self.tray.showMessage(notice_title(due), notice_text(due, now), icon, self.balloon_timer.interval())
        else:
            self.status_message.emit(status_text(due, now))
        self.notified.emit(due)
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
