"""Who drives the run on the Live page's screen (team mode, core/timer_follow.py): the TimerSync of the run on air,
following a run another window drives, taking the timer over, turning follower when another laptop took it over, and
giving the timer up when the window closes mid-show. The page puts runs on screen; this object decides which way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.follow_bar import machine_name
from streamdesk.ui.pages.live.timer_sync import TimerSync

if TYPE_CHECKING:
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.core.timer_follow import RunDriver
    from streamdesk.ui.pages.live.live_view import LiveView
    from streamdesk.ui.tasks import TaskRunner


class TimerHandover(QObject):
    follow_opened = Signal(object)  # TimerFollower: put this run on screen read-only
    follow_failed = Signal(str)  # the run to follow could not be read
    drive_opened = Signal(object)  # LiveRun: taken over, put it on screen to drive
    failed = Signal(str)  # a sentence for the page's message bar
    told = Signal(str)  # an information for the page's message bar

    def __init__(self, show_runs: ShowRuns, runner: TaskRunner, live_view: LiveView, parent: QObject) -> None:
        super().__init__(parent)
        self._show_runs = show_runs
        self._runner = runner
        self._live_view = live_view
        self.sync = TimerSync(show_runs, self)
        self.sync.polled.connect(live_view.apply_follow)
        self.sync.failed.connect(live_view.show_follow_problem)
        self.sync.beaten.connect(self._on_driver_heard)
        live_view.take_over_requested.connect(self.take_over)
        live_view.driver_lost.connect(self.check_driver)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    def follow(self, run_id: int) -> None:
        """Read the run to follow (in the background); ``follow_opened`` or ``follow_failed`` answers."""
        show_runs = self._show_runs
        run_for(
            self,
            self._runner,
            lambda _cancel: show_runs.follow(run_id),
            on_success=self.follow_opened.emit,
            on_error=self.follow_failed.emit,
        )

    def take_over(self, run_id: int) -> None:
        """Drive the followed run from here (confirmed by the view): reopened, it claims the timer."""
        self.sync.stop()
        show_runs = self._show_runs
        run_for(
            self,
            self._runner,
            lambda _cancel: show_runs.open(run_id),
            on_success=self.drive_opened.emit,
            on_error=self._on_take_over_failed,
        )

    def _on_take_over_failed(self, message: str) -> None:
        self.failed.emit(message)
        follower = self._live_view.follower()
        if follower is not None:
            self.sync.follow(follower)

    def check_driver(self, run_id: int) -> None:
        """A step was refused: find out whether another laptop took the timer over."""
        show_runs = self._show_runs
        run_for(
            self,
            self._runner,
            lambda _cancel: show_runs.driver(run_id),
            on_success=self._on_driver_heard,
            on_error=self.failed.emit,
        )

    def _on_driver_heard(self, driver: RunDriver) -> None:
        """After a heartbeat (or a refused step): if another window drives this run now, this one follows it."""
        run = self._live_view.run()
        if run is None or run.run_id != driver.run_id or self._live_view.follower() is not None:
            return
        if driver.finished or not driver.instance or driver.is_driven_by(self._show_runs.identity):
            return
        self.told.emit(
            self.tr("The timer was taken over on {machine}; this laptop follows it now.").format(
                machine=machine_name(driver)
            )
        )
        self.sync.stop()
        self.follow(driver.run_id)

    def release(self) -> None:
        """Closing (or quitting) mid-show gives the timer up, so another window may resume it without waiting for
        the heartbeat to go silent."""
        run = self._live_view.run()
        if run is not None and self._live_view.follower() is None and self.sync.mode == "drive":
            self.sync.release(run.run_id)
