"""TaskRunner: results, failures and cancellations reach the GUI thread, exactly one outcome per task."""

from __future__ import annotations

import threading
from collections.abc import Generator

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.messages import render
from streamdesk.ui.tasks import Outcome, TaskRunner
from streamdesk.ui.widgets.task_progress import TaskProgress


class Recorder:
    """Collects every callback with the thread it ran on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.threads: set[QThread] = set()

    def _note(self, kind: str, value: object = None) -> None:
        self.threads.add(QThread.currentThread())
        self.calls.append((kind, value))

    def callbacks(self) -> dict[str, object]:
        return {
            "on_success": lambda value: self._note("success", value),
            "on_error": lambda message: self._note("error", message),
            "on_progress": lambda progress: self._note("progress", progress),
            "on_cancelled": lambda: self._note("cancelled"),
        }

    def outcomes(self) -> list[str]:
        return [kind for kind, _ in self.calls if kind != "progress"]


@pytest.fixture
def runner(qtbot) -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shut_down()


def counting(n: int) -> object:
    def job(cancel: CancelToken) -> Generator[Progress, None, int]:
        for done in range(1, n + 1):
            cancel.raise_if_set()
            yield Progress(done, n)
        return n * 10

    return job


def test_result_and_progress_arrive_on_the_gui_thread(qtbot, runner: TaskRunner) -> None:
    recorder = Recorder()
    task = runner.start(counting(3), **recorder.callbacks())
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        pass
    assert finished.args == [Outcome.SUCCEEDED.value]
    assert recorder.outcomes() == ["success"]
    assert recorder.calls[-1] == ("success", 30)
    assert ("progress", Progress(3, 3)) in recorder.calls  # the last step always gets through the throttle
    assert recorder.threads == {QThread.currentThread()}
    assert task.outcome is Outcome.SUCCEEDED


def test_user_error_becomes_its_message(qtbot, runner: TaskRunner) -> None:
    def job(cancel: CancelToken) -> Generator[Progress, None, None]:
        yield Progress(0, 1)
        raise UserError("db.check_failed", count=4)

    recorder = Recorder()
    task = runner.start(job, **recorder.callbacks())
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert recorder.outcomes() == ["error"]
    assert recorder.calls[-1] == ("error", render("db.check_failed", {"count": 4}))


def test_unexpected_error_is_logged_and_described_without_a_traceback(qtbot, runner: TaskRunner, caplog) -> None:
    def job(cancel: CancelToken) -> Generator[Progress, None, None]:
        raise ZeroDivisionError("boom")
        yield Progress(0, 0)

    recorder = Recorder()
    task = runner.start(job, **recorder.callbacks())
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert recorder.outcomes() == ["error"]
    message = str(recorder.calls[-1][1])
    assert "unexpected" in message and "Traceback" not in message and "boom" not in message
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)


def test_cancel_stops_the_job_and_only_cancelled_fires(qtbot, runner: TaskRunner) -> None:
    started, release = threading.Event(), threading.Event()

    def job(cancel: CancelToken) -> Generator[Progress, None, str]:
        started.set()
        release.wait(5)
        for done in range(1000):
            cancel.raise_if_set()
            yield Progress(done, 1000)
        return "finished anyway"

    recorder = Recorder()
    task = runner.start(job, **recorder.callbacks())
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        pass
    assert finished.args == [Outcome.CANCELLED.value]
    assert recorder.outcomes() == ["cancelled"]


def test_a_plain_function_job_returns_its_value(qtbot, runner: TaskRunner) -> None:
    recorder = Recorder()
    task = runner.start(lambda cancel: {"rows": 2}, **recorder.callbacks())
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert recorder.calls == [("success", {"rows": 2})]


def test_runner_holds_tasks_until_they_finish_and_reports_busy(qtbot, runner: TaskRunner) -> None:
    release = threading.Event()

    def job(cancel: CancelToken) -> Generator[Progress, None, int]:
        release.wait(5)
        yield Progress(1, 1)
        return 1

    with qtbot.waitSignal(runner.busy_changed, timeout=1000) as became_busy:
        first = runner.start(job, on_success=lambda _value: None)
        second = runner.start(job, on_success=lambda _value: None)
    assert became_busy.args == [True]
    assert set(runner.tasks) == {first, second} and runner.busy
    with qtbot.waitSignal(runner.busy_changed, timeout=5000) as became_idle:
        release.set()
    assert became_idle.args == [False]
    assert runner.tasks == () and first.outcome is second.outcome is Outcome.SUCCEEDED


def test_many_tasks_each_get_exactly_one_outcome(qtbot, runner: TaskRunner) -> None:
    gate = threading.Event()  # the jobs to be cancelled wait here, so none can finish before its cancel

    def gated(cancel: CancelToken) -> Generator[Progress, None, int]:
        gate.wait(5)
        return (yield from counting(10)(cancel))

    recorders = []
    for index in range(40):
        recorder = Recorder()
        recorders.append(recorder)
        if index % 3 == 0:
            job = counting(50)
        elif index % 3 == 1:
            job = lambda cancel: (_ for _ in ()).throw(UserError("db.check_failed", count=1))  # noqa: E731
        else:
            job = gated
        task = runner.start(job, **recorder.callbacks())
        if index % 3 == 2:
            task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    for index, recorder in enumerate(recorders):
        expected = ["success", "error", "cancelled"][index % 3]
        assert recorder.outcomes() == [expected], index


def test_progress_widget_appears_for_slow_tasks_and_cancel_reaches_the_job(qtbot, runner: TaskRunner) -> None:
    release = threading.Event()

    def job(cancel: CancelToken) -> Generator[Progress, None, int]:
        yield Progress(1, 4)
        release.wait(5)
        cancel.raise_if_set()
        yield Progress(4, 4)
        return 4

    page = QWidget()
    qtbot.addWidget(page)
    widget = TaskProgress(page, show_after_ms=0)
    QVBoxLayout(page).addWidget(widget)
    page.show()
    assert not widget.isVisible()  # hidden until a task has run long enough to need it
    cancelled = []
    task = runner.start(job, on_success=lambda _v: None, on_cancelled=lambda: cancelled.append(True))
    widget.track(task, "Importing products…")
    qtbot.waitUntil(lambda: widget.isVisible() and widget.bar.maximum() == 4, timeout=5000)
    assert widget.label.text() == "Importing products…"
    assert widget.bar.value() == 1
    qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
    assert not widget.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert cancelled == [True]
    assert not widget.isVisible() and widget.task is None


def test_progress_widget_never_flashes_for_a_quick_task(qtbot, runner: TaskRunner) -> None:
    widget = TaskProgress(show_after_ms=60_000)
    qtbot.addWidget(widget)
    task = runner.start(counting(2), on_success=lambda _v: None)
    widget.track(task, "Saving…")
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert not widget.isVisible() and not widget._reveal.isActive()


class _Receiver(QWidget):
    def __init__(self, results: list[object] | None = None) -> None:
        super().__init__()
        self.results: list[object] = [] if results is None else results

    def take(self, value: object) -> None:
        self.results.append(value)


def test_a_deleted_receiver_is_never_called_back_and_its_job_is_cancelled(qtbot, runner: TaskRunner) -> None:
    started, release = threading.Event(), threading.Event()
    seen_cancel: list[bool] = []

    def job(cancel: CancelToken) -> Generator[Progress, None, int]:
        started.set()
        release.wait(5)
        seen_cancel.append(cancel.is_set)
        yield Progress(1, 1)
        return 1

    delivered: list[object] = []
    receiver = _Receiver(delivered)
    task = runner.start(job, on_success=receiver.take)
    assert started.wait(5)
    with qtbot.waitSignal(receiver.destroyed, timeout=2000):
        receiver.deleteLater()
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert seen_cancel == [True]  # the job was asked to stop
    assert delivered == []  # and its result went nowhere


def test_a_live_receiver_gets_its_result(qtbot, runner: TaskRunner) -> None:
    receiver = _Receiver()
    qtbot.addWidget(receiver)
    task = runner.start(counting(3), on_success=receiver.take)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert receiver.results == [30]
