"""Sentences of ``streamdesk db migrate-to``: copying a whole shop to a new file or an empty team database.

Kept beside messages.py, which adds them to its table, in the same ``QCoreApplication.translate("messages", …)``
form so pyside6-lupdate finds them. A URL shown here never holds its password (db.display_target).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def copy_texts() -> dict[str, str]:
    return {
        "copy.source_missing": QCoreApplication.translate(
            "messages",
            "There is no database at {source}. Give the shop to copy with --db FILE (or STREAMDESK_DB); nothing "
            "was copied.",
        ),
        "copy.target_exists": QCoreApplication.translate(
            "messages",
            "{target} already exists. The shop is copied only into a new file, never over one: choose a name "
            "that is not taken. Nothing was changed.",
        ),
        "copy.target_not_empty": QCoreApplication.translate(
            "messages",
            "The database {target} is not empty (it has {count} table(s)). The shop is copied only into a new, "
            "empty database: create one on the server (CREATE DATABASE) and give its address. Nothing was changed.",
        ),
        "copy.source_version": QCoreApplication.translate(
            "messages",
            "The database {source} has schema version {found}; this StreamDesk copies version {expected}. Open it "
            "with this StreamDesk first, then copy it. Nothing was copied.",
        ),
        "copy.unknown_table": QCoreApplication.translate(
            "messages",
            "The database {source} has a table “{table}” that this StreamDesk does not know, so the copy would "
            "lose it. Update StreamDesk, or ask whoever added the table. Nothing was copied.",
        ),
        "copy.missing_table": QCoreApplication.translate(
            "messages",
            "The database {source} lacks the table “{table}”: it may be damaged. Run “streamdesk check” on it. "
            "Nothing was copied.",
        ),
        "copy.unknown_column": QCoreApplication.translate(
            "messages",
            "The table “{table}” of {source} has a column “{column}” that this StreamDesk does not know, so the "
            "copy would lose it. Update StreamDesk, or ask whoever added the column. Nothing was copied.",
        ),
        "copy.missing_column": QCoreApplication.translate(
            "messages",
            "The table “{table}” of {source} lacks the column “{column}”: the database may be damaged. Run "
            "“streamdesk check” on it. Nothing was copied.",
        ),
        "copy.value_refused": QCoreApplication.translate(
            "messages",
            "{target} refused a value in the column “{column}” of the table “{table}” ({reason}). The shop holds a "
            "value that does not fit there, perhaps edited by hand: correct it, then copy again. Nothing was copied.",
        ),
        "copy.verify_rows": QCoreApplication.translate(
            "messages",
            "The copy did not match: the table “{table}” has {source_rows} row(s) in the shop but {target_rows} in "
            "the copy. The copy was removed; the shop was not changed.",
        ),
        "copy.verify_sum": QCoreApplication.translate(
            "messages",
            "The copy did not match: in the table “{table}”, the column “{column}” adds up to {source_total} in "
            "the shop but {target_total} in the copy. The copy was removed; the shop was not changed.",
        ),
    }
