"""Fixtures of the page tests: English as the app shows it, real services over a fresh SQLite file, a task runner.

A test module takes them with ``from page_support import *`` (a fixture imported by name would be shadowed, for
linters, by every test argument of that name); ``english`` is autouse there.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from streamdesk.app import Services, build_services
from streamdesk.ui import i18n
from streamdesk.ui.tasks import TaskRunner

__all__ = ["english", "runner", "services"]


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """English as the app shows it: source texts plus the plural forms ("1 SKU", "2 SKUs")."""
    translators = i18n.install(qapp, "en")
    yield
    i18n.remove(qapp, translators)


@pytest.fixture
def services(database, settings, paths, utc_clock) -> Services:
    return build_services(database, settings, paths, clock=utc_clock)


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    # Reads still in flight (slower on PostgreSQL) finish and report to their pages while the pages exist: a page
    # deleted first left a queued result for a deleted object, which crashed a later test's event loop.
    deadline = time.monotonic() + 10
    while runner.busy and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    runner.shut_down()
    QApplication.processEvents()
