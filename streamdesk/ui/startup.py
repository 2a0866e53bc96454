"""Pieces of GUI start-up that app.run_gui puts in order: the QApplication, the throwaway demo database,
the first-paint measurement and the fatal-error exits."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from streamdesk import __version__
from streamdesk.ui.errors import has_screen, show_fatal, write_line
from streamdesk.ui.main_window import icon
from streamdesk.ui.single_instance import Claim, SingleInstance

if TYPE_CHECKING:
    from streamdesk.core.backup import Backups
    from streamdesk.core.jobs import Progress
    from streamdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_REFUSED = 0, 1, 2
FIRST_PAINT_MODULES_ENV = "STREAMDESK_FIRST_PAINT_MODULES"  # a file to list sys.modules in at first paint
DEMO_PROGRESS_AFTER_MS = 500


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("StreamDesk")
    app.setOrganizationName("StreamDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("streamdesk")
    app.setWindowIcon(icon("streamdesk"))
    return app


def process_age_ms() -> float:
    """Milliseconds since this process started. On Linux from /proc (so interpreter start-up counts, at the
    kernel's clock-tick resolution); elsewhere since streamdesk.cli was first imported."""
    try:
        stat = Path("/proc/self/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # the command name may contain spaces and parentheses
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time in ticks since boot
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        from streamdesk.cli import STARTED_AT

        return (time.perf_counter() - STARTED_AT) * 1000


def log_first_paint() -> None:
    log.info("first paint after %.0f ms", process_age_ms())


def report_first_paint() -> None:
    """--quit-after-first-paint: one line on stdout with the time to first paint (benchmarks read it)."""
    modules_file = os.environ.get(FIRST_PAINT_MODULES_ENV)
    if modules_file:
        Path(modules_file).write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")
    write_line(f"first paint after {process_age_ms():.0f} ms", error=False)


def refuse(title: str, message: str, code: int = EXIT_REFUSED) -> int:
    show_fatal(title, message)
    return code


def create_demo(runner: TaskRunner) -> tuple[Path, Path] | int:
    """Write the demo database into a new temporary folder: (folder, database path), or an exit code if it
    failed or was cancelled (the folder is removed then). Progress shows if it takes over half a second."""
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    from streamdesk.core.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="streamdesk-demo-"))
    database = folder / "demo.sqlite3"
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    dialog: QProgressDialog | None = None
    if has_screen():
        dialog = QProgressDialog(
            QCoreApplication.translate("startup", "Creating the demo shop…"),
            QCoreApplication.translate("startup", "Cancel"),
            0,
            0,
        )
        dialog.setWindowTitle("StreamDesk")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(DEMO_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)

    def progressed(progress: Progress) -> None:
        if dialog is not None:
            dialog.setMaximum(progress.total)
            dialog.setValue(min(progress.done, progress.total) if progress.total else 0)

    def finished(kind: str, value: object = None) -> None:
        outcome[kind] = value
        loop.quit()

    task = runner.start(
        lambda cancel: write_demo(database, cancel=cancel),
        on_success=lambda summary: finished("done", summary),
        on_error=lambda message: finished("error", message),
        on_progress=progressed,
        on_cancelled=lambda: finished("cancelled"),
    )
    if dialog is not None:
        dialog.canceled.connect(task.cancel)
        dialog.setValue(0)  # starts the minimum-duration clock
    if not task.done:
        loop.exec()
    if dialog is not None:
        dialog.close()
    if "done" in outcome:
        log.info("demo database written to %s: %s", database, outcome["done"])
        return folder, database
    shutil.rmtree(folder, ignore_errors=True)
    if "cancelled" in outcome:
        return EXIT_OK
    return refuse(QCoreApplication.translate("startup", "The demo could not be created"), str(outcome["error"]), 1)


def claim_instance(target: str, lock_dir: Path) -> SingleInstance | int:
    """Our SingleInstance for ``target``, or the exit code when another StreamDesk already has it open."""
    instance = SingleInstance(target, lock_dir)
    claim = instance.claim()
    if claim is Claim.OURS:
        return instance
    if claim is Claim.RAISED_OTHER:
        message = QCoreApplication.translate(
            "startup", "StreamDesk is already open on {database}; its window was brought to the front."
        )
        write_line(message.format(database=target), error=False)
        return EXIT_OK
    return refuse(
        QCoreApplication.translate("startup", "The database is already open"),
        QCoreApplication.translate(
            "startup",
            "{database} is open in another StreamDesk that does not respond (process {pid}). "
            "Close that StreamDesk, or wait until it responds, then start again.",
        ).format(database=target, pid=instance.owner_pid() or "?"),
    )


def after_first_paint(backups: Backups | None, runner: TaskRunner) -> None:
    """Chores that must not delay the window: rotating old automatic snapshots."""
    if backups is not None:
        runner.start(lambda _cancel: backups.rotate(), on_success=_log_rotated, on_error=_log_rotation_failed)


def _log_rotated(removed: tuple[Path, ...]) -> None:
    log.info("backup rotation removed %d old snapshot(s)", len(removed))


def _log_rotation_failed(message: str) -> None:
    log.warning("backup rotation failed: %s", message)  # not worth a dialog: the next close tries again
