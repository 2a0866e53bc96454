"""A rotating log file in the user log dir; the only place tracebacks go."""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

LOG_FILE_NAME = "streamdesk.log"


class _LogFile(logging.handlers.RotatingFileHandler):
    """A log file that never speaks on stderr: when the disk is full or the folder read-only, a record that cannot
    be written is dropped (logging's default prints a traceback per record, which would bury the one line the CLI
    promises)."""

    def handleError(self, record: logging.LogRecord) -> None:
        return

    def _open(self) -> TextIOWrapper:
        """Owner-only (0600) whatever the umask, also after a rotation: the log names the seller's files and shows."""
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a log an earlier version made with the umask's mode
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)  # rotating logs always append


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send every logger to ``log_dir/streamdesk.log`` (1 MB × 5 files). Returns the log file's path.

    A log folder that cannot be made or written (a read-only or full disk) leaves the app without a log file rather
    than stopping it."""
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        try:
            log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = _LogFile(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        except OSError:
            root.addHandler(logging.NullHandler())
        else:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
            root.addHandler(handler)
    root.setLevel(level)
    return path
