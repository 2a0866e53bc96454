"""Queries of the live page on the app's task runner, tied to the widget that asked for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from streamdesk.core.jobs import CancelToken
    from streamdesk.ui.tasks import Task, TaskRunner


def run_for(
    owner: QObject,
    runner: TaskRunner,
    job: Callable[[CancelToken], Any],
    *,
    on_success: Callable[[Any], None],
    on_error: Callable[[str], None],
) -> Task:
    """``runner.start`` whose callbacks may be lambdas: the owner's deletion still abandons the task, so a page
    closed mid-query is never called back (the runner itself only recognises bound methods)."""
    task = runner.start(job, on_success=on_success, on_error=on_error)
    owner.destroyed.connect(task.abandon)
    return task
