"""Structured problems. Core raises codes with fields; streamdesk.messages turns them into sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class UserError(Exception):
    """Something the user can fix: bad input, a missing file, a duplicate SKU.

    ``code`` names the sentence in messages.py; ``fields`` fill its placeholders.
    """

    def __init__(self, code: str, **fields: Any) -> None:
        super().__init__(code, fields)
        self.code = code
        self.fields = fields

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value!r}" for key, value in self.fields.items())
        return f"{self.code}({details})"

    def for_log(self) -> str:
        """The code and the names of its fields, without their values: those can be a cell of the seller's file
        (a buyer's name, phone or address), and the log never holds personal data. The user sees the sentence."""
        return f"{self.code}({', '.join(self.fields)})"


class SchemaTooNew(UserError):
    """The database was written by a newer StreamDesk; we refuse to touch it."""

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__("db.schema_too_new", path=path, found=found, supported=supported)


class NotAStreamDeskDatabase(UserError):
    def __init__(self, path: str) -> None:
        super().__init__("db.not_streamdesk", path=path)


class DatabaseDamaged(UserError):
    """The database file is there but hurt (core.db_health.Diagnosis): empty, truncated, unreadable or damaged.
    Nothing was changed; a backup can be restored over it (the damaged file is kept aside first)."""

    def __init__(self, path: str, code: str, detail: str = "") -> None:
        super().__init__(code, path=path, detail=detail)


class CheckFailed(UserError):
    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("db.check_failed", count=len(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one row of an input file (row numbers as the user sees them, header = 1)."""

    row: int
    code: str
    fields: dict[str, Any] = field(default_factory=dict)
