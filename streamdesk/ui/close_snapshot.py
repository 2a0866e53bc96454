"""The automatic backup taken when the window has closed, and what the seller is told when it cannot be written.

A full disk or a read-only folder must not pass in silence: the copy the seller counts on would be missing the day
they need it. The window is gone by then, so the sentence goes where start-up refusals go: one line on stderr and,
when there is a screen, a dialog.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from streamdesk.core.backup import Backups
from streamdesk.core.errors import UserError
from streamdesk.core.storage import storage_failure
from streamdesk.messages import describe
from streamdesk.ui.errors import show_fatal

log = logging.getLogger(__name__)


def snapshot_on_close(backups: Backups) -> bool:
    """Take the automatic snapshot (and rotate); on failure log it and say why. Returns whether a copy was made."""
    try:
        backups.auto_snapshot()
    except (UserError, OSError) as error:
        log.exception("automatic snapshot on close failed")
        show_fatal(
            QCoreApplication.translate("close_snapshot", "The automatic backup was not made"),
            _sentence(error),
        )
        return False
    return True


def _sentence(error: UserError | OSError) -> str:
    if isinstance(error, UserError):
        return describe(error)
    failure = storage_failure(error, target=error.filename if isinstance(error.filename, str) else None)
    if failure is not None:
        return describe(failure)
    return QCoreApplication.translate(
        "close_snapshot", "StreamDesk could not make its automatic backup on closing ({reason}). Your data is safe."
    ).format(reason=error.strerror or error)
