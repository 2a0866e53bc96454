"""What the GUI tells the user when the disk is full or the folder read-only (run by test_storage_failures.py in a
child process, so the file-size limit or the read-only folder never reaches pytest).

    python storage_gui_child.py import DB CSV        a product import through the app's TaskRunner, as the
                                                     Catalogue page runs it: prints the on_error sentence
    python storage_gui_child.py settings FILE        Settings dialog → Save with FILE unwritable: prints the
                                                     refusal dialog's title and text
    python storage_gui_child.py close-snapshot DB    the automatic snapshot run_gui takes after the window closed
                                                     (its sentence, if it fails, goes to stderr)

One JSON object on stdout: {"outcome": "error"|"success"|"made"|"failed"|..., "text": ..., "title": ...}.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _import(db: Path, csv_file: Path) -> dict[str, str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from streamdesk.app import build_services
    from streamdesk.config import AppPaths, Settings
    from streamdesk.core.jobs import CancelToken, run_to_end
    from streamdesk.db import open_database
    from streamdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    services = build_services(open_database(db), Settings(language="en"), AppPaths.default())
    io = services.products_io
    source = io.read_source(csv_file)
    plan = run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))
    runner = TaskRunner(log_file=Path(os.environ["STREAMDESK_HOME"]) / "logs" / "streamdesk.log")
    outcome: dict[str, str] = {}
    loop = QEventLoop()

    def finish(kind: str, text: str = "") -> None:
        outcome.update(outcome=kind, text=text)
        loop.quit()

    runner.start(
        lambda cancel: io.apply(plan, cancel),
        on_success=lambda _summary: finish("success"),
        on_error=lambda text: finish("error", text),
        on_cancelled=lambda: finish("cancelled"),
    )
    QTimer.singleShot(60_000, lambda: finish("timeout"))
    loop.exec()
    runner.shut_down()
    del app
    return outcome


def _settings(settings_file: Path) -> dict[str, str]:
    from PySide6.QtWidgets import QApplication

    from streamdesk.config import Settings
    from streamdesk.ui.settings_dialog import SettingsDialog

    app = QApplication.instance() or QApplication([])
    dialog = SettingsDialog(Settings(language="en", currency="USD"), settings_file)
    dialog.accept()
    refusal = dialog.refusal
    outcome = {
        "outcome": "refused" if refusal is not None else "saved",
        "title": refusal.windowTitle() if refusal is not None else "",
        "text": refusal.text() if refusal is not None else "",
    }
    del app
    return outcome


def _close_snapshot(db: Path) -> dict[str, str]:
    """What run_gui does once the window has closed: the automatic snapshot, and its sentence if it fails."""
    from PySide6.QtWidgets import QApplication

    from streamdesk.core.backup import Backups
    from streamdesk.ui.close_snapshot import snapshot_on_close

    app = QApplication.instance() or QApplication([])
    made = snapshot_on_close(Backups(db))
    del app
    return {"outcome": "made" if made else "failed"}


def run(argv: list[str]) -> int:
    """``import DB CSV`` or ``settings FILE``: prints the JSON result (storage_zygote.py calls this in its child)."""
    from streamdesk.config import AppPaths
    from streamdesk.logs import setup_logging

    setup_logging(AppPaths.default().log_dir)  # as run_gui does: tracebacks to the log file, not to stderr
    mode, *paths = argv
    if mode == "import":
        result = _import(Path(paths[0]), Path(paths[1]))
    elif mode == "close-snapshot":
        result = _close_snapshot(Path(paths[0]))
    else:
        result = _settings(Path(paths[0]))
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    code = run(sys.argv[1:])
    os._exit(code)  # no teardown: Qt's and the pool's shutdown order is not what is tested here
