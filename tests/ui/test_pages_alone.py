"""Each page runs alone on a database (``python -m streamdesk.ui.pages.<page> --db PATH``): it opens, shows its
window titled with the database, and closes cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import importlib

module = importlib.import_module(f"streamdesk.ui.pages.{sys.argv[1]}.__main__")
make_page = module.make_page

def make_and_close_soon(services, runner):
    page = make_page(services, runner)
    QTimer.singleShot(800, lambda: (print("title:", page.windowTitle(), page.isVisible(), flush=True), QApplication.quit()))
    return page

module.make_page = make_and_close_soon
sys.exit(module.main(["--db", sys.argv[2], "--lang", "en"]))
"""


@pytest.mark.parametrize("page", ["catalogue", "shows", "preflight", "warmup", "live", "orders"])
def test_page_runs_alone_on_a_database(page: str, database, db_path: Path) -> None:
    database.dispose()  # the subprocess opens the file itself
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, page, str(db_path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    name = {"warmup": "warm-up", "preflight": "pre-flight"}.get(page, page)
    assert done.stdout.strip() == f"title: StreamDesk {name} — {db_path} True"
