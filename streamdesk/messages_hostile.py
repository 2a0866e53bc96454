"""Sentences for the refusals of hostile or damaged import files (issue 10), beside ``messages.py``'s sections
(kept in a module of their own, as ``messages_storage.py`` is, so the big file is edited in one line)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

# C0 and C1 control characters other than tab and line feed. A cell of a stranger's file quoted in a message could
# otherwise drive the terminal the CLI prints to (ESC [2J clears it, ESC ]2; retitles it, CR overwrites the line).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` with every control character in a text value written out as ``\\x1b``: shown, never obeyed."""
    return {
        key: _CONTROLS.sub(lambda found: f"\\x{ord(found.group()):02x}", value) if isinstance(value, str) else value
        for key, value in fields.items()
    }


def hostile_texts() -> dict[str, str]:
    return {
        "products_io.xlsx_too_large": QCoreApplication.translate(
            "messages",
            "{path} unpacks to {size} MB in its part {part}, more than StreamDesk reads from one workbook ({limit} "
            "MB). Save the sheet as CSV or split it, and import that; nothing was saved.",
        ),
        "products_io.xlsx_bomb": QCoreApplication.translate(
            "messages",
            "{path} was not opened: its part {part} unpacks from {packed} kB to {size} MB, which no real "
            "spreadsheet does (a file built to crash programs, a “zip bomb”). Nothing was saved.",
        ),
        # an import command's refusal that does not name the file already: the sentence, then the file's name
        "cli.file_refused": QCoreApplication.translate("messages", "{reason} (File: {file})"),
        "products_io.xlsx_damaged": QCoreApplication.translate(
            "messages",
            "{path} is a damaged Excel workbook, or one built to attack the programs that open it ({detail}). Open "
            "it in Excel and save it again, or export it as CSV; nothing was saved.",
        ),
    }
