"""Background work: core generators run on QThreadPool.globalInstance(); results come back to the GUI thread.

A job is ``lambda cancel: service.something(..., cancel)``: a callable taking a CancelToken and returning a
generator that yields Progress and returns its result (a job that returns a plain value, e.g. a slow query,
is accepted too). ``TaskRunner.start`` runs it on a pool thread and calls
exactly one of ``on_success(result)``, ``on_error(sentence)`` or ``on_cancelled()`` on the GUI thread, after any
``on_progress(progress)`` calls. A job opens its own Session through the factory: none crosses threads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar, overload

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, Progress
from streamdesk.core.storage import storage_failure
from streamdesk.messages import describe

log = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[[CancelToken], Generator[Progress, None, T]]
PlainJob = Callable[[CancelToken], T]  # e.g. a slow query: its return value is the result

PROGRESS_INTERVAL = 0.05  # seconds: a job yielding per row must not flood the GUI thread's event queue


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


def describe_failure(error: BaseException, log_file: Path | None = None) -> str:
    """One sentence for the user: the UserError's own message, a full disk or read-only folder said so, else a
    generic one pointing at the log."""
    if isinstance(error, UserError):
        return describe(error)
    full_or_read_only = storage_failure(error)
    if full_or_read_only is not None:
        return describe(full_or_read_only)
    if log_file is not None:
        return QCoreApplication.translate(
            "tasks", "Something unexpected went wrong and the task stopped. The details are in the log file {log}."
        ).format(log=log_file)
    return QCoreApplication.translate(
        "tasks", "Something unexpected went wrong and the task stopped. The details are in the log file."
    )


class _WorkerSignals(QObject):
    """Emitted on the pool thread; the connections to the Task are queued, so its slots run on the GUI thread.

    Kept apart from Task so the worker never touches an object the GUI thread may delete.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, job: Job[Any] | PlainJob[Any], token: CancelToken, log_file: Path | None) -> None:
        super().__init__()
        self.signals = _WorkerSignals()
        self._job, self._token, self._log_file = job, token, log_file

    def run(self) -> None:  # on a pool thread: touch no widget here
        last_emit = 0.0
        try:
            self._token.raise_if_set()
            steps = self._job(self._token)
            if not isinstance(steps, Generator):  # a plain function of the token: its return value is the result
                self.signals.succeeded.emit(steps)
                return
            while True:
                progress = next(steps)
                now = time.monotonic()
                if now - last_emit >= PROGRESS_INTERVAL or (progress.total and progress.done >= progress.total):
                    last_emit = now
                    self.signals.progressed.emit(progress)
        except StopIteration as finished:
            self.signals.succeeded.emit(finished.value)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserError as error:
            log.info("task refused: %s", error.for_log())
            self.signals.failed.emit(describe_failure(error))
        except Exception as error:  # boundary: every failure must reach the user and none may kill a pool thread
            log.exception("background task failed")
            self.signals.failed.emit(describe_failure(error, self._log_file))


class Task(QObject):
    """The GUI-side handle of one job: ``cancel()``, ``outcome``, and signals for progress widgets.

    ``progressed(Progress)`` and ``finished(str outcome)`` are emitted on the GUI thread after the runner's
    callbacks, so a progress widget can follow a task without knowing what it does.
    """

    progressed = Signal(object)
    finished = Signal(str)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self.outcome: Outcome | None = None
        self.shown_to_user = False  # set by TaskProgress: quitting asks first while such a task runs
        self._on_success = on_success
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_cancelled = on_cancelled
        self._abandoned = False

    @property
    def done(self) -> bool:
        return self.outcome is not None

    def cancel(self) -> None:
        """Ask the job to stop at its next check; ``cancelled`` follows (or ``succeeded`` if it had finished)."""
        self.token.set()

    @Slot()
    def abandon(self) -> None:
        """The widget the callbacks belong to is gone: stop the job and call nothing back."""
        self._abandoned = True
        self.token.set()

    def _listen_to(self, signals: _WorkerSignals) -> None:
        # Hold the worker's signals for as long as this Task lives. Otherwise the pool thread, dropping the finished
        # runnable, could destroy them while this Task's destructor disconnects from them on the GUI thread: two
        # threads in one QObject's teardown, a segfault seen about once per full test run.
        self._worker_signals = signals
        queued = Qt.ConnectionType.QueuedConnection
        signals.progressed.connect(self._deliver_progress, queued)
        signals.succeeded.connect(self._deliver_success, queued)
        signals.failed.connect(self._deliver_failure, queued)
        signals.cancelled.connect(self._deliver_cancelled, queued)

    @Slot(object)
    def _deliver_progress(self, progress: Progress) -> None:
        if self.done or self._abandoned:
            return
        if self._on_progress is not None:
            self._on_progress(progress)
        self.progressed.emit(progress)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self._finish(Outcome.SUCCEEDED, lambda: self._on_success(result))

    @Slot(str)
    def _deliver_failure(self, message: str) -> None:
        def report() -> None:
            if self._on_error is not None:
                self._on_error(message)
            else:
                from streamdesk.ui.errors import show_task_error

                show_task_error(message)

        self._finish(Outcome.FAILED, report)

    @Slot()
    def _deliver_cancelled(self) -> None:
        self._finish(Outcome.CANCELLED, self._on_cancelled or _nothing)

    def _finish(self, outcome: Outcome, callback: Callable[[], None]) -> None:
        if self.done:
            return
        self.outcome = outcome
        try:
            if not self._abandoned:  # calling into a deleted widget would crash inside Qt
                callback()
        finally:
            self.finished.emit(outcome.value)


def _nothing() -> None:
    return None


class TaskRunner(QObject):
    """The app's one runner. Holds each task until exactly one of success/error/cancelled has been delivered.

    Between ``hold()`` and ``release()`` new jobs wait instead of starting: at start-up the window's first paint
    comes first, then the queries its pages asked for (a pool thread would compete with it for the interpreter).
    """

    busy_changed = Signal(bool)

    def __init__(
        self, pool: QThreadPool | None = None, log_file: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._log_file = log_file
        self._running: set[Task] = set()
        self._held: list[QRunnable] | None = None  # jobs waiting for release(); None when not held

    @overload
    def start(
        self,
        job: Job[T],
        *,
        on_success: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task: ...

    @overload
    def start(
        self,
        job: PlainJob[T],
        *,
        on_success: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task: ...

    def start(
        self,
        job: Job[Any] | PlainJob[Any],
        *,
        on_success: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task:
        """Run ``job`` on a pool thread. Callbacks run on the GUI thread; without ``on_error`` a dialog says what failed.

        When ``on_success`` is a bound method of a QObject, that object's deletion cancels the job and drops every
        callback (a page closed mid-query must not be called back)."""
        task = Task(on_success, on_error, on_progress, on_cancelled, parent=self)
        owner = getattr(on_success, "__self__", None)
        if isinstance(owner, QObject):  # a bound method of a widget: its deletion abandons the task
            owner.destroyed.connect(task.abandon)
        runnable = _Runnable(job, task.token, self._log_file)
        task._listen_to(runnable.signals)
        was_busy = self.busy
        self._running.add(task)
        task.finished.connect(lambda _outcome, task=task: self._forget(task))
        if not was_busy:
            self.busy_changed.emit(True)
        if self._held is None:
            self._pool.start(runnable)
        else:
            self._held.append(runnable)
        return task

    def hold(self) -> None:
        """Keep new jobs waiting until ``release()`` (their tasks exist and can be cancelled meanwhile)."""
        if self._held is None:
            self._held = []

    @Slot()
    def release(self) -> None:
        """Start the jobs that waited, in the order they were started; new jobs start at once again."""
        held, self._held = self._held, None
        for runnable in held or ():
            self._pool.start(runnable)

    @property
    def held(self) -> bool:
        return self._held is not None

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(self._running)

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def shut_down(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the pool threads (on quit). False if a job ignored the cancel."""
        self.cancel_all()
        self.release()  # a waiting job sees its cancelled token first thing, and its task reports "cancelled"
        return bool(self._pool.waitForDone(timeout_ms))

    def _forget(self, task: Task) -> None:
        self._running.discard(task)
        task.deleteLater()
        if not self._running:
            self.busy_changed.emit(False)
