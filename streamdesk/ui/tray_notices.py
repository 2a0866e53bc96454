"""What the desktop notifiers share: a tray icon (or, without a system tray, the main window's status bar), a poll
timer, and a queue of balloons shown one at a time; clicking a balloon asks for its show (``show_requested``).

A notifier subclasses ``TrayNotices`` and says only what it polls (``poll``) and how a notice reads
(``balloon`` / ``status_text``); its strings stay in its own module under its own translation context.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from streamdesk.core.errors import UserError
from streamdesk.messages import describe


class Notice(Protocol):
    @property
    def show_id(self) -> int: ...


N = TypeVar("N", bound=Notice)


class TrayNotices(QObject, Generic[N]):
    status_message = Signal(str)  # no tray: the main window shows this in its status bar
    notified = Signal(object)  # the notice, once its balloon (or status message) went out
    show_requested = Signal(int)  # show id: the seller clicked a balloon

    def __init__(
        self,
        *,
        tooltip: str,
        icon: QIcon | None,
        clock: Callable[[], datetime] | None,
        tray_available: bool | None,  # None: ask QSystemTrayIcon
        poll_ms: int,
        balloon_ms: int,
        parent: QObject | None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: datetime.now(UTC))
        available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self.tray: QSystemTrayIcon | None = None
        if available:
            self.tray = QSystemTrayIcon(icon if icon is not None and not icon.isNull() else _app_icon(), self)
            self.tray.setToolTip(tooltip)
            self.tray.messageClicked.connect(self._on_message_clicked)
        self._queue: deque[N] = deque()
        self._current: N | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.check_now)
        self.balloon_timer = QTimer(self)
        self.balloon_timer.setSingleShot(True)
        self.balloon_timer.setInterval(balloon_ms)
        self.balloon_timer.timeout.connect(self._show_next)

    # --- what a notifier says for itself (class-level declarations: each notifier defines them) ---------------
    poll: Callable[[], tuple[N, ...]]  # the notices to announce now (each once); a UserError goes to the status bar
    balloon: Callable[[N, datetime], tuple[str, str, QSystemTrayIcon.MessageIcon]]  # title, text, icon
    status_text: Callable[[N, datetime], str]  # the status-bar sentence when there is no tray

    # --- shared --------------------------------------------------------------------------------------------------
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

    def check_now(self) -> tuple[N, ...]:
        """Poll and queue what came due; the first balloon goes out now unless one is still showing."""
        try:
            fresh = self.poll()
        except UserError as error:  # e.g. the database went away: say it in the status bar, try again next poll
            self.status_message.emit(describe(error))
            return ()
        self._queue.extend(fresh)
        if not self.balloon_timer.isActive():
            self._show_next()
        return fresh

    def _show_next(self) -> None:
        if not self._queue:
            self._current = None
            return
        notice = self._queue.popleft()
        self._current = notice
        now = self._clock()
        if self.tray is not None:
            title, text, icon = self.balloon(notice, now)
            self.tray.showMessage(title, text, icon, self.balloon_timer.interval())
        else:
            self.status_message.emit(self.status_text(notice, now))
        self.notified.emit(notice)
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
