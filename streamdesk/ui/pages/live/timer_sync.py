"""The live page's touch with the database while a run is on screen, off the GUI thread: the driving window's
heartbeat every DRIVER_BEAT_SECONDS, or a following window's poll for new timer events every FOLLOW_POLL_SECONDS
(core/timer_follow.py).

It runs on a thread of its own (a one-worker executor), not on the app's TaskRunner: a poll every 0.4 s must neither
flash the status bar's "Working…" nor wait behind an import holding the shared pool, and one thread keeps the calls in
order. The next tick is aimed only once the last call has answered, so a slow server never piles up queries. Answers
come back as futures that the GUI thread looks at every CHECK_MS: no Qt object crosses threads, so a call that ends
after its page was deleted has nobody to call back and nothing to crash into.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from streamdesk.core.timer_follow import DRIVER_BEAT_SECONDS, FOLLOW_POLL_SECONDS
from streamdesk.ui.tasks import describe_failure

if TYPE_CHECKING:
    from streamdesk.core.show_runs import ShowRuns
    from streamdesk.core.timer_follow import TimerFollower

log = logging.getLogger(__name__)


CHECK_MS = 20  # how often a call out is looked at: a small part of the follow delay


class TimerSync(QObject):
    beaten = Signal(object)  # RunDriver: who drives the run, after this window's heartbeat
    polled = Signal(object)  # FollowUpdate: what the follower's poll read (apply it on this thread)
    failed = Signal(str)  # the database could not be reached; the next tick tries again

    def __init__(self, show_runs: ShowRuns, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_runs = show_runs
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timer-sync")
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._call)
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self._on_check)
        self._job: Callable[[], object] | None = None
        self._deliver: Callable[[object], None] = lambda _result: None
        self._interval_ms = 0
        self._out: Future[object] | None = None  # the call out; the next tick is aimed when it answers
        self.mode = ""  # "drive", "follow" or ""

    def drive(self, run_id: int) -> None:
        """Heartbeats for a run this window drives."""
        show_runs = self._show_runs
        self._begin("drive", lambda: show_runs.heartbeat(run_id), self.beaten.emit, DRIVER_BEAT_SECONDS)

    def follow(self, follower: TimerFollower) -> None:
        """Polls for a run this window follows; the first one at once."""
        self._begin("follow", follower.fetch, self.polled.emit, FOLLOW_POLL_SECONDS, now=True)

    def stop(self) -> None:
        """No more calls; the answer of one still out is dropped."""
        self._tick.stop()
        self._check.stop()
        self._job, self.mode, self._out = None, "", None

    def release(self, run_id: int) -> None:
        """Stop the heartbeats and give the run up (its window closes without ending it), on the sync thread."""
        self.stop()
        show_runs = self._show_runs
        self._executor.submit(_logged, lambda: show_runs.release(run_id))  # nobody awaits the answer

    def wait(self) -> None:
        """Wait for the calls already submitted (tests)."""
        self._executor.submit(lambda: None).result()

    def _begin(
        self, mode: str, job: Callable[[], object], deliver: Callable[[object], None], seconds: float, now: bool = False
    ) -> None:
        self.stop()
        self.mode, self._job, self._deliver = mode, job, deliver
        self._interval_ms = round(seconds * 1000)
        self._tick.start(0 if now else self._interval_ms)

    @Slot()
    def _call(self) -> None:
        if self._job is None or self._out is not None:
            return
        self._out = self._executor.submit(_logged, self._job)
        self._check.start()

    @Slot()
    def _on_check(self) -> None:
        out = self._out
        if out is None:
            self._check.stop()
            return
        if not out.done():
            return
        self._check.stop()
        self._out = None
        self._tick.start(self._interval_ms)
        error = out.exception()
        if error is not None:
            self.failed.emit(describe_failure(error))
        else:
            self._deliver(out.result())


def _logged(job: Callable[[], object]) -> object:
    """On the sync thread: touch no widget here. A failure is logged here and said on the GUI thread."""
    try:
        return job()
    except Exception:  # boundary: logged with its traceback, then raised into the future for the GUI thread
        log.warning("live timer sync failed", exc_info=True)
        raise
