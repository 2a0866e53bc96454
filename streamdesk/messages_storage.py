"""Sentences for a full disk, a read-only folder and a failing disk (codes from streamdesk.core.storage).

Kept beside messages.py, which adds them to its table: the same ``QCoreApplication.translate("messages", …)``
form, so pyside6-lupdate finds them. ``reason`` (the system's own words) goes to the log, not into the sentence:
"disk I/O error" helps nobody decide what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def storage_texts() -> dict[str, str]:
    return {
        "storage.full": QCoreApplication.translate(
            "messages",
            "The disk is full: StreamDesk could not write {path}. Free some space and try again; nothing was saved.",
        ),
        "storage.full_database": QCoreApplication.translate(
            "messages",
            "The disk is full: StreamDesk could not write to the database. Free some space and try again; nothing "
            "was saved.",
        ),
        "storage.read_only": QCoreApplication.translate(
            "messages",
            "StreamDesk may not write {path}: the folder or disk is read-only, or belongs to another user. Choose "
            "another folder or allow writing there; nothing was saved.",
        ),
        "storage.read_only_database": QCoreApplication.translate(
            "messages",
            "StreamDesk may not write to the database: its folder or disk is read-only, or belongs to another user. "
            "Allow writing there or move the database; nothing was saved.",
        ),
        "storage.io": QCoreApplication.translate(
            "messages",
            "StreamDesk could not write {path}: the disk is full, was removed or is failing. Free some space or check "
            "the disk, then try again; nothing was saved.",
        ),
        "storage.io_database": QCoreApplication.translate(
            "messages",
            "StreamDesk could not write to the database: the disk is full, was removed or is failing. Free some space "
            "or check the disk, then try again; nothing was saved.",
        ),
    }
