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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from streamdesk import __version__
from streamdesk.ui.errors import has_screen, show_fatal, write_line
from streamdesk.ui.main_window import icon
from streamdesk.ui.single_instance import Claim, SingleInstance

if TYPE_CHECKING:
    from streamdesk.core.backup import Backups
    from streamdesk.core.jobs import Progress
    from streamdesk.ui.tasks import Job, PlainJob, TaskRunner

log = logging.getLogger(__name__)

EXIT_OK, EXIT_PROBLEM, EXIT_REFUSED = 0, 1, 2
FIRST_PAINT_MODULES_ENV = "STREAMDESK_FIRST_PAINT_MODULES"  # a file to list sys.modules in at first paint
PROGRESS_AFTER_MS = 500


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


def run_with_progress(runner: TaskRunner, job: Job[Any] | PlainJob[Any], label: str) -> dict[str, object]:
    """Run ``job`` on the pool while a local event loop waits (before the window exists or after it closed), with a
    cancellable progress dialog if it takes over half a second. One of the keys "done" (its result), "error"
    (the message) or "cancelled" is set in the returned dict."""
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QProgressDialog

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    dialog: QProgressDialog | None = None
    if has_screen():
        dialog = QProgressDialog(label, QCoreApplication.translate("startup", "Cancel"), 0, 0)
        dialog.setWindowTitle("StreamDesk")
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
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
        job,
        on_success=lambda result: finished("done", result),
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
    return outcome


def create_demo(runner: TaskRunner) -> tuple[Path, Path] | int:
    """Write the demo database into a new temporary folder: (folder, database path), or an exit code if it
    failed or was cancelled (the folder is removed then). Progress shows if it takes over half a second."""
    from streamdesk.core.demo import write_demo

    folder = Path(tempfile.mkdtemp(prefix="streamdesk-demo-"))
    database = folder / "demo.sqlite3"
    label = QCoreApplication.translate("startup", "Creating the demo shop…")
    outcome = run_with_progress(runner, lambda cancel: write_demo(database, cancel=cancel), label)
    if "done" in outcome:
        log.info("demo database written to %s: %s", database, outcome["done"])
        return folder, database
    shutil.rmtree(folder, ignore_errors=True)
    if "cancelled" in outcome:
        return EXIT_OK
    return refuse(QCoreApplication.translate("startup", "The demo could not be created"), str(outcome["error"]), 1)


def copy_backup(source: Path) -> tuple[Path, Path] | int:
    """``--backup-copy``: a checked private copy of a backup in a new temporary folder, (folder, copy), for a window
    whose changes are not kept; or the exit code after saying why the file cannot be opened."""
    from streamdesk.core.backup import prepare_copy
    from streamdesk.core.errors import UserError
    from streamdesk.messages import describe

    folder = Path(tempfile.mkdtemp(prefix="streamdesk-backup-copy-"))
    copy = folder / Path(source).name
    try:
        prepare_copy(Path(source).expanduser().resolve(), copy)
    except (UserError, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        reason = describe(error) if isinstance(error, UserError) else str(error.strerror or error)
        return refuse(QCoreApplication.translate("startup", "This backup cannot be opened"), reason)
    log.info("opened a throwaway copy of %s at %s", source, copy)
    return folder, copy


def claim_instance(target: str, lock_dir: Path, open_backup: Path | None = None) -> SingleInstance | int:
    """Our SingleInstance for ``target``, or the exit code when another StreamDesk already has it open (which is
    then asked to come to the front, and to offer ``open_backup`` if given)."""
    instance = SingleInstance(target, lock_dir)
    claim = instance.claim(open_backup)
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


class FileOpenEvents(QObject):
    """macOS gives a double-clicked document (a ``.streamdesk`` backup, Info.plist's document type) to the app as a
    QFileOpenEvent rather than on the command line; this turns those events into ``opened(Path)``."""

    opened = Signal(object)  # Path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.opened.emit(Path(event.file()))
            return True
        return super().eventFilter(watched, event)
