"""Opening a metrics export: orders_io's reader (products_io's encoding cascade, any delimiter, XLSX, the header
found among the opening rows) with the rows held in memory, since a 4-hour show at one row a second is 14,400 rows.

The reader's "empty" and "damaged characters" refusals are re-raised with this import's own codes, which say what
a metrics file should hold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken
from streamdesk.core.metrics_io.detect import is_known_header
from streamdesk.core.orders_io.reading import csv_guard, open_table
from streamdesk.core.products_io.mapping import normalise_header

_RENAMED = {
    "products_io.empty": "metrics.empty",
    "products_io.no_rows": "metrics.empty",
    "products_io.replacement_chars": "metrics.replacement_chars",
}


@dataclass(frozen=True, slots=True)
class RawTable:
    path: Path
    encoding: str  # "" for XLSX
    guessed: bool
    headers: tuple[str, ...]
    rows: tuple[tuple[int, list[str]], ...]  # (1-based row number, cells padded to the header's width); no blanks


def read_table(
    path: Path,
    *,
    encoding: str | None,
    mapping: Mapping[str, str] | None,
    progress: Callable[[int, int], None] | None,
    cancel: CancelToken,
) -> RawTable:
    """Every non-blank row under the header; UserError for a file that cannot be read or holds no rows."""
    is_header = _mapping_header(mapping) if mapping else is_known_header
    try:
        table = open_table(path, is_header, encoding=encoding)
    except UserError as error:
        raise _renamed(error, path) from error
    rows: list[tuple[int, list[str]]] = []
    try:
        width = len(table.headers)
        with csv_guard(table):
            for row, cells in table.rows:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) < width:
                    cells = cells + [""] * (width - len(cells))
                rows.append((row, cells))
                if len(rows) % 1000 == 0:
                    cancel.raise_if_set()
                    if progress is not None:
                        progress(len(rows), 0)
    finally:
        table.close()
    if not rows:
        raise UserError("metrics.empty", path=str(path))
    headers = tuple(header.strip() for header in table.headers)
    return RawTable(path, table.encoding, table.guessed, headers, tuple(rows))


def read_headers(path: Path, *, encoding: str | None) -> tuple[str, ...]:
    """The header row: the first opening row a preset knows, else the first non-blank one (for the mapping)."""
    try:
        table = open_table(path, is_known_header, encoding=encoding)
    except UserError as error:
        raise _renamed(error, path) from error
    table.close()
    return tuple(header.strip() for header in table.headers)


def _mapping_header(mapping: Mapping[str, str]) -> Callable[[Sequence[str]], bool]:
    wanted = {normalise_header(header) for header in mapping.values() if header}

    def is_header(record: Sequence[str]) -> bool:
        return bool(wanted) and wanted <= {normalise_header(cell) for cell in record}

    return is_header


def _renamed(error: UserError, path: Path) -> UserError:
    code = _RENAMED.get(error.code)
    if code is None:
        return error
    return UserError(code, **{**error.fields, "path": str(path)})
