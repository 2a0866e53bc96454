"""Two laptops editing the same row (team mode): optimistic concurrency on the ``version`` column.

An editor saves with the version it was opened at (``expected_version``); ``check_version`` refuses the save with
``UserError("db.conflict", what=...)`` when the stored version moved on. That check and the write are two
statements: on PostgreSQL (READ COMMITTED) another laptop can commit between them. Product, Show and Order map
``version`` as SQLAlchemy's ``version_id_col`` (models), so the UPDATE itself carries ``WHERE version = <read>``
and matches nothing then: ``ConflictSession`` (every session the Database hands out) turns that StaleDataError
into the same UserError, naming the row by what the user calls it. SQLite has no such window: write units of
work begin IMMEDIATE, one writer at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from streamdesk.core.errors import UserError

# What the user calls a row of each versioned table, by column: a product's and a show's title, an order's number.
LABELS = {"products": "title", "shows": "title", "orders": "order_no"}
_NAMED_AT_MOST = 3  # a bulk change that collides names this many rows, then "…"
_TABLE = re.compile(r"on table '([^']+)'")


def check_version(stored: int, expected: int | None, what: str) -> None:
    """UserError("db.conflict") when the editor started from another version than the stored one (None: no
    editor, nothing to compare)."""
    if expected is not None and stored != expected:
        raise UserError("db.conflict", what=what)


def conflict_what(labels: Sequence[str]) -> str:
    """The rows a conflict names: "A", "A, B", or the first few and "…"."""
    unique = list(dict.fromkeys(label for label in labels if label))
    shown = ", ".join(unique[:_NAMED_AT_MOST])
    return shown + (", …" if len(unique) > _NAMED_AT_MOST else "")


class ConflictSession(Session):
    """A Session whose flush (also the one inside commit) says a lost version race as db.conflict."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        watched = self._versioned_labels()
        try:
            super().flush(objects)
        except StaleDataError as error:
            found = _TABLE.search(str(error))
            table = found.group(1) if found else ""
            labels = [label for name, label in watched if name == table] or [label for _name, label in watched]
            raise UserError("db.conflict", what=conflict_what(labels)) from error

    def _versioned_labels(self) -> list[tuple[str, str]]:
        """(table, label) of the changed or deleted rows a flush could find changed by someone else; read before
        the flush, because a failed flush expires them."""
        labels = []
        for obj in (*self.dirty, *self.deleted):
            mapper = inspect(obj).mapper
            if mapper.version_id_col is None:
                continue
            table = mapper.local_table.name
            column = LABELS.get(table, "")
            labels.append((table, str(obj.__dict__.get(column, ""))))
        return labels
