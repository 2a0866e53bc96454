"""Problem codes → sentences in the user's language, shared by the GUI and the CLI (QtCore only).

Core raises ``UserError(code, **fields)`` and returns ``Problem(row, code, fields)``; this module is the only
place that turns them into words. Templates use ``{name}`` placeholders filled from the fields; a test checks
that every zh_CN translation keeps the same placeholders.

Each feature keeps its own section below; add codes to your section only. Spell every template as
``QCoreApplication.translate("messages", "…")`` with literal strings: pyside6-lupdate recognises only that
form (not a wrapper such as ``_t("…")``), and tests/unit/test_translations.py fails on a template missing
from the .ts file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from streamdesk.core.errors import Problem, UserError

log = logging.getLogger(__name__)


def _database_texts() -> dict[str, str]:
    return {
        "db.schema_too_new": QCoreApplication.translate(
            "messages",
            "The database {path} was written by a newer StreamDesk (schema {found}; this version knows up to "
            "{supported}). Update StreamDesk to open it; the file was not changed.",
        ),
        "db.not_streamdesk": QCoreApplication.translate(
            "messages", "{path} is not a StreamDesk database. Choose another file; this one was not changed."
        ),
        "db.needs_migration": QCoreApplication.translate(
            "messages", "The database {path} needs an upgrade (schema {found}) before it can be used."
        ),
        "db.foreign_keys_broken": QCoreApplication.translate(
            "messages",
            "The database has {count} broken links between records after the upgrade. "
            "Restore a backup or run “streamdesk check” for details.",
        ),
        "db.backup_corrupt": QCoreApplication.translate(
            "messages", "The copy of {path} failed its integrity check; nothing was replaced."
        ),
        "db.check_failed": QCoreApplication.translate("messages", "The database check found {count} problem(s)."),
        "money.invalid": QCoreApplication.translate("messages", "“{value}” is not an amount of money."),
    }


# --- catalogue (core/catalogue.py) ---------------------------------------------------------------------------
def _catalogue_texts() -> dict[str, str]:
    return {}


# --- product import/export (core/catalogue_io.py) -----------------------------------------------------------
def _catalogue_io_texts() -> dict[str, str]:
    return {}


# --- backup, restore, check, demo (core/backup.py, core/demo.py) --------------------------------------------
def _maintenance_texts() -> dict[str, str]:
    return {}


def _all_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for section in (_database_texts, _catalogue_texts, _catalogue_io_texts, _maintenance_texts):
        texts.update(section())
    return texts


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, fields: Mapping[str, Any] | None = None) -> str:
    """The sentence for ``code`` with its placeholders filled; an unknown code still says something useful."""
    template = _all_texts().get(code)
    values = _Default(fields or {})
    if template is None:
        log.warning("no message text for code %r", code)
        details = ", ".join(f"{key}={value}" for key, value in (fields or {}).items())
        return f"{code} ({details})" if details else code
    return template.format_map(values)


def describe(error: UserError) -> str:
    return render(error.code, error.fields)


def describe_problem(problem: Problem) -> str:
    """'Row 12: …' — row numbers as the user sees them in a spreadsheet."""
    return QCoreApplication.translate("messages", "Row {row}: {message}").format(
        row=problem.row, message=render(problem.code, problem.fields)
    )
