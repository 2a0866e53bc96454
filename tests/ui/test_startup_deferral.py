"""What start-up leaves until after the first paint: pool jobs, the GC, and modules only an action needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from streamdesk.config import Settings
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.products_io import ProductsIO
from streamdesk.db import open_database
from streamdesk.ui.main_window import MainWindow, PageSpec
from streamdesk.ui.pages.catalogue.page import CataloguePage
from streamdesk.ui.tasks import Outcome, TaskRunner

ROOT = Path(__file__).resolve().parents[2]

# Modules that only an action (a dialog, import/export, the demo) needs: not loaded when the window first paints.
ON_FIRST_USE = (
    "streamdesk.core.products_io",
    "streamdesk.core.demo",
    "streamdesk.ui.settings_dialog",
    "streamdesk.ui.shortcuts_overlay",
    "streamdesk.ui.pages.catalogue.product_editor",
    "streamdesk.ui.pages.catalogue.import_dialog",
    "streamdesk.ui.pages.catalogue.stock_dialog",
    "streamdesk.ui.pages.catalogue.bulk_edit_dialog",
    "streamdesk.ui.pages.catalogue.undo_commands",
    # Shows and Live are made on their first visit, with the rundown files, the PDF and the presenter.
    "streamdesk.ui.pages.shows",
    "streamdesk.ui.pages.live",
    "streamdesk.ui.presenter",
    "streamdesk.ui.cues",
    "streamdesk.core.rundown_io",
    "streamdesk.core.rundown_pdf",
    "streamdesk.core.demo_shows",
)


@pytest.fixture
def one_thread_pool() -> Iterator[QThreadPool]:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    yield pool
    pool.waitForDone(10_000)


def recording(ran: list[str], name: str) -> Callable[[CancelToken], Generator[Progress, None, str]]:
    def job(cancel: CancelToken) -> Generator[Progress, None, str]:
        yield from ()
        ran.append(name)
        return name

    return job


# --- TaskRunner.hold / release -------------------------------------------------------------------------------------
def test_held_jobs_wait_and_then_run_in_the_order_they_were_started(qtbot, one_thread_pool: QThreadPool) -> None:
    runner = TaskRunner(pool=one_thread_pool)
    ran: list[str] = []
    results: list[str] = []
    runner.hold()
    first = runner.start(recording(ran, "first"), on_success=results.append)
    second = runner.start(recording(ran, "second"), on_success=results.append)
    assert one_thread_pool.waitForDone(5000)  # nothing was handed to the pool, so nothing ran
    assert ran == [] and runner.held and runner.busy
    runner.release()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=5000)
    assert ran == ["first", "second"] and results == ["first", "second"]
    assert not runner.held
    third = runner.start(recording(ran, "third"), on_success=results.append)  # no longer held: runs at once
    qtbot.waitUntil(lambda: third.done, timeout=5000)
    assert results == ["first", "second", "third"]


def test_a_job_cancelled_while_held_never_runs_and_reports_cancelled(qtbot, one_thread_pool) -> None:
    runner = TaskRunner(pool=one_thread_pool)
    ran: list[str] = []
    cancelled: list[bool] = []
    runner.hold()
    task = runner.start(recording(ran, "job"), on_success=ran.append, on_cancelled=lambda: cancelled.append(True))
    task.cancel()
    runner.release()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert task.outcome is Outcome.CANCELLED and cancelled == [True] and ran == []


def test_shutting_down_a_held_runner_cancels_its_waiting_jobs(qtbot, one_thread_pool) -> None:
    runner = TaskRunner(pool=one_thread_pool)
    ran: list[str] = []
    runner.hold()
    task = runner.start(recording(ran, "job"), on_success=ran.append)
    assert runner.shut_down(5000)
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert task.outcome is Outcome.CANCELLED and ran == []


# --- the main window's first frame -----------------------------------------------------------------------------
class PaintedPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        super().paintEvent(event)


def test_first_painted_comes_after_the_page_inside_the_window_has_painted(qtbot, paths, tmp_path: Path) -> None:
    pages: list[PaintedPage] = []

    def create() -> QWidget:
        pages.append(PaintedPage())
        return pages[-1]

    runner = TaskRunner()
    window = MainWindow(
        [PageSpec("only", lambda: "Only", "catalogue", create)],
        runner,
        settings=Settings(language="en"),
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label=str(tmp_path / "shop.sqlite3"),
    )
    qtbot.addWidget(window)
    page_paints_when_signalled: list[int] = []
    window.first_painted.connect(lambda: page_paints_when_signalled.append(pages[0].paints))
    with qtbot.waitSignal(window.first_painted, timeout=3000):
        window.show()
    assert len(page_paints_when_signalled) == 1 and page_paints_when_signalled[0] >= 1
    runner.shut_down()


# --- products_io on first use --------------------------------------------------------------------------------------
def test_the_catalogue_page_makes_products_io_only_when_an_action_needs_it(
    qtbot, services, runner, tmp_path: Path
) -> None:
    seed_small(services)
    made: list[ProductsIO] = []

    def make() -> ProductsIO:
        made.append(services.products_io)
        return made[-1]

    page = CataloguePage(services.catalogue, make, runner)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.has_loaded, timeout=5000)
    assert made == []  # showing the page and its rows does not need it
    target = tmp_path / "out.csv"
    page.flows.export_to(target)
    qtbot.waitUntil(page.catalogue_actions.export_products.isEnabled, timeout=5000)
    assert target.exists() and "Exported 4" in page.messages.text()
    page.catalogue_actions.new_product.trigger()  # a new product starts in the service's currency
    assert page.flows.current_dialog is not None
    assert made == [services.products_io]  # made once, then kept
    page.flows.current_dialog.reject()


_SERVICES_PROBE = """
import json, sys
from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.db import open_database
database = open_database(sys.argv[1])
services = build_services(database, Settings(language="en"), AppPaths.default())
before = "streamdesk.core.products_io" in sys.modules
io = services.products_io
print(json.dumps([before, "streamdesk.core.products_io" in sys.modules, io is services.products_io, io.currency]))
database.dispose()
"""


def test_services_make_products_io_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    open_database(path).dispose()
    result = subprocess.run(
        [sys.executable, "-c", _SERVICES_PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [False, True, True, "CNY"]


# --- the real start-up -------------------------------------------------------------------------------------------
def test_modules_only_an_action_needs_are_not_loaded_at_the_first_paint(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    open_database(path).dispose()
    modules_file = tmp_path / "modules.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STREAMDESK_FIRST_PAINT_MODULES=str(modules_file))
    result = subprocess.run(
        [sys.executable, "-m", "streamdesk", "--db", str(path), "--quit-after-first-paint"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(modules_file.read_text(encoding="utf-8").split())
    assert "streamdesk.ui.pages.catalogue.page" in loaded  # the list is the real one
    assert sorted(loaded.intersection(ON_FIRST_USE)) == []


_GC_PROBE = """
import gc, json, sys
from streamdesk.cli import main
code = main(["--db", sys.argv[1], "--quit-after-first-paint"])
print(json.dumps([code, gc.isenabled(), gc.get_freeze_count() > 0]))
"""


def test_the_garbage_collector_is_back_on_after_the_first_paint(tmp_path: Path) -> None:
    """cli.main switches the collector off for start-up; after the first frame it is on again, with what start-up
    made frozen out of its way."""
    path = tmp_path / "shop.sqlite3"
    open_database(path).dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _GC_PROBE, str(path)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    first, last = result.stdout.strip().splitlines()[0], result.stdout.strip().splitlines()[-1]
    assert first.startswith("first paint after ")
    assert json.loads(last) == [0, True, True]
