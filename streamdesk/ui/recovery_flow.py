"""Restores and recoveries around the main window's life, put in order by app.run_gui:

* before the window: a database found damaged when opened gets RecoveryDialog; the damaged file is set aside and
  the chosen backup restored (or an empty shop started), then opening is tried again;
* after the first paint: every page is read once (quick_check, on a pool thread); damage found then gets the same
  dialog over the window;
* after the window closed: what was asked while it was open (restore an opened backup, recover a damaged file) is
  carried out while nothing uses the database, then StreamDesk starts again on the result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from streamdesk.ui.errors import show_fatal
from streamdesk.ui.relaunch import start_own
from streamdesk.ui.startup import EXIT_OK, EXIT_PROBLEM, run_with_progress

if TYPE_CHECKING:
    from streamdesk.core.backup import Backups
    from streamdesk.core.backup_recovery import RecoveryOffer
    from streamdesk.core.db_health import Diagnosis
    from streamdesk.ui.recovery_dialog import RecoveryChoice, RecoveryDialog
    from streamdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AfterClose:
    """What to do with the database once the window has closed."""

    backup: Path | None  # restore this; None: nothing to restore (an empty shop starts)
    set_aside_damaged: bool = False  # rename the damaged database out of the way first


def _find_offer(runner: TaskRunner, backups: Backups) -> RecoveryOffer | None:
    from streamdesk.core.backup_recovery import RecoveryOffer, find_newest_good_backup

    label = QCoreApplication.translate("recovery", "Looking for the newest good backup…")
    outcome = run_with_progress(runner, lambda cancel: find_newest_good_backup(backups, cancel), label)
    found = outcome.get("done")
    return found if isinstance(found, RecoveryOffer) else None


def _apply(runner: TaskRunner, backups: Backups, after: AfterClose) -> str | None:
    """Set aside and/or restore; None when done, else the message saying why not (the files are as they were)."""
    from streamdesk.core.backup_recovery import put_back, set_aside

    moved: Path | None = None
    if after.set_aside_damaged and backups.database_path.exists():
        try:
            moved = set_aside(backups.database_path)
        except OSError as error:
            return str(error.strerror or error)
    if after.backup is None:
        return None
    source = after.backup
    label = QCoreApplication.translate("startup", "Restoring {name}…").format(name=source.name)
    outcome = run_with_progress(runner, lambda _cancel: backups.restore(source), label)
    if "done" in outcome:
        log.info("restored %s from %s", backups.database_path, source)
        return None
    if moved is not None and not backups.database_path.exists():
        put_back(moved, backups.database_path)  # back where it was: nothing changed after all
    log.warning("restore of %s failed: %s", source, outcome.get("error"))
    return str(outcome.get("error") or QCoreApplication.translate("recovery", "The restore was cancelled."))


def recover_before_opening(runner: TaskRunner, backups: Backups, problem: str) -> bool:
    """RecoveryDialog for a database that could not be opened; True when a backup was restored or the damaged file
    was set aside for an empty shop (open it again), False when the seller quit (nothing was changed)."""
    from streamdesk.ui.recovery_dialog import RecoveryDialog

    offer = _find_offer(runner, backups)
    dialog = RecoveryDialog(
        problem,
        backups.database_path,
        offer.newest_good if offer else None,
        backups.backups_dir,
        app_running=False,
    )
    choices: list[RecoveryChoice] = []
    dialog.chosen.connect(choices.append)
    dialog.exec()
    if not choices:
        return False
    failure = _apply(runner, backups, AfterClose(choices[0].backup, set_aside_damaged=True))
    if failure is not None:
        show_fatal(QCoreApplication.translate("recovery", "The backup was not restored"), failure)
        return False
    return True


def restore_then_restart(runner: TaskRunner, backups: Backups, after: AfterClose, lang: str | None) -> int:
    """After the window closed on a restore or a recovery: carry it out, then start StreamDesk again on the
    database. A refused restore leaves the files as they were, says why, and starts StreamDesk all the same."""
    failure = _apply(runner, backups, after)
    if failure is not None:
        show_fatal(QCoreApplication.translate("recovery", "The backup was not restored"), failure)
    arguments = ["--db", str(backups.database_path), *(["--lang", lang] if lang else [])]
    return EXIT_OK if start_own(arguments) else EXIT_PROBLEM


class DamageWatch(QObject):
    """After the first paint: quick_check the open database on a pool thread; damage found opens RecoveryDialog
    over ``window``, and a choice in it is emitted as ``recovery_chosen(AfterClose)``."""

    recovery_chosen = Signal(object)

    def __init__(self, window: QWidget, runner: TaskRunner, backups: Backups) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._backups = backups
        self.dialog: RecoveryDialog | None = None

    def start(self) -> None:
        from streamdesk.core.db_health import quick_check

        path = self._backups.database_path
        self._runner.start(lambda _cancel: quick_check(path), on_success=self._on_checked, on_error=self._on_error)

    def _on_error(self, message: str) -> None:
        log.warning("the check after start-up could not run: %s", message)

    def _on_checked(self, diagnosis: Diagnosis | None) -> None:
        if diagnosis is None:
            log.info("quick_check of %s: ok", self._backups.database_path)
            return
        from streamdesk.core.backup_recovery import find_newest_good_backup
        from streamdesk.messages import render

        log.error("quick_check of %s: %s", diagnosis.path, diagnosis.detail)
        problem = render(diagnosis.code, {"path": str(diagnosis.path), "detail": diagnosis.detail})
        self._runner.start(
            lambda cancel: find_newest_good_backup(self._backups, cancel),
            on_success=lambda offer: self._offer(problem, offer),
            on_error=lambda _message: self._offer(problem, None),
        )

    def _offer(self, problem: str, offer: RecoveryOffer | None) -> None:
        from streamdesk.ui.recovery_dialog import RecoveryDialog

        self.dialog = RecoveryDialog(
            problem,
            self._backups.database_path,
            offer.newest_good if offer else None,
            self._backups.backups_dir,
            app_running=True,
            parent=self._window,
        )
        self.dialog.chosen.connect(lambda choice: self.recovery_chosen.emit(AfterClose(choice.backup, True)))
        self.dialog.open()
        QApplication.alert(self._window)
