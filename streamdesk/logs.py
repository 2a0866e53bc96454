"""A rotating log file in the user log dir; the only place tracebacks go."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "streamdesk.log"


def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send every logger to ``log_dir/streamdesk.log`` (1 MB × 5 files). Returns the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
