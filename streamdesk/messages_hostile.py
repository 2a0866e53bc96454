"""Sentences for the refusals of hostile or damaged import files (issue 10), beside ``messages.py``'s sections
(kept in a module of their own, as ``messages_storage.py`` is, so the big file is edited in one line)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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
