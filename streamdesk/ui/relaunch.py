"""Starting another StreamDesk process: the demo shop from the first-run wizard, a copy of a backup to look
around in, and this app again after a restore."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QProcess

log = logging.getLogger(__name__)


def own_command(arguments: Sequence[str]) -> tuple[str, list[str]]:
    """The program and arguments that start StreamDesk with ``arguments`` (a PyInstaller bundle is its own
    program; from source it is this Python running the package)."""
    if getattr(sys, "frozen", False):
        return sys.executable, list(arguments)
    return sys.executable, ["-m", "streamdesk", *arguments]


def start_own(arguments: Sequence[str]) -> bool:
    """Start a detached StreamDesk with ``arguments``; False if it could not start."""
    program, full = own_command(arguments)
    started, _pid = QProcess.startDetached(program, full)
    log.info("%s: %s %s", "started" if started else "could not start", program, " ".join(full))
    return bool(started)
