"""Opening an order export as a stream of text rows: encoding (products_io's cascade), delimiter, sheet, header row.

Rows are yielded one at a time, never held as a whole table: a 200,000-line export would take more memory as
lists of cells than the 400 MB the import may use. The header is the first of the opening rows that a preset
(or the user's mapping) recognises, so a blank first row or a TikTok bulk-ship template's instruction line
above it does no harm.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamdesk.core.errors import UserError
from streamdesk.core.products_io.reading import SNIFF_CHARS, XLS_MAGIC, XLSX_MAGIC, cell_text, decode

HEADER_SEARCH_ROWS = 20  # a header further down than this is not a header
DELIMITERS = ",\t;|"

HeaderTest = Callable[[Sequence[str]], bool]


@dataclass
class Table:
    """An open export: its header and an iterator over the rows below it, numbered as a spreadsheet shows them."""

    path: Path
    encoding: str  # codec of a text file, "" for XLSX
    guessed: bool  # a statistical detector chose the encoding
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    rows: Iterator[tuple[int, list[str]]]
    _close: Callable[[], None] = field(default=lambda: None)
    line: Callable[[], int] = field(default=lambda: 0)  # the CSV reader's line, for error messages

    def close(self) -> None:
        self._close()


def read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError("products_io.file_missing", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise UserError("products_io.not_a_table", path=str(path)) from exc
    except OSError as exc:
        raise UserError("products_io.unreadable", path=str(path)) from exc
    if not raw.strip():
        raise UserError("products_io.empty", path=str(path))
    return raw


def open_table(path: Path, is_header: HeaderTest, *, encoding: str | None = None) -> Table:
    """Open a CSV/TSV/TXT (any delimiter, UTF-8/BOM/GB18030/UTF-16) or XLSX file; UserError if it cannot be used."""
    raw = read_bytes(path)
    if raw.startswith(XLSX_MAGIC):
        return _open_xlsx(path, raw, is_header)
    if raw.startswith(XLS_MAGIC):
        raise UserError("products_io.xls_unsupported", path=str(path))
    text, codec, guessed = decode(raw, path, encoding)
    del raw
    text = text.lstrip("\ufeff")
    delimiter = _delimiter(text, is_header)
    records, line = _records(text, delimiter)
    table = Table(path, codec, guessed, "", 0, (), records, line=line)
    with csv_guard(table):
        table.header_row, table.headers, table.rows = _find_header(records, is_header, path)
    return table


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, sliced lazily (io.StringIO would copy the whole file again)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _records(text: str, delimiter: str) -> tuple[Iterator[tuple[int, list[str]]], Callable[[], int]]:
    """(numbered records, the reader's current line): enumerate in C, no Python frame per row. A csv.Error while
    they are read is turned into a UserError by ``csv_guard``."""
    # strict: an unclosed quote is an error at the end of the file, not a cell that swallows every row after it
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    return enumerate(reader, start=1), lambda: reader.line_num


@contextlib.contextmanager
def csv_guard(table: Table) -> Iterator[None]:
    """A broken CSV (unclosed quote, a cell over csv's 131,072-character limit) as one clear UserError."""
    try:
        yield
    except csv.Error as exc:
        raise UserError("orders_io.csv_broken", path=str(table.path), row=table.line(), detail=str(exc)) from exc


def _delimiter(text: str, is_header: HeaderTest) -> str:
    sample_lines = []
    for line in _lines(text[:262144]):
        sample_lines.append(line)
        if len(sample_lines) >= HEADER_SEARCH_ROWS:
            break
    sample = "".join(sample_lines)
    candidates: list[str] = []
    with contextlib.suppress(csv.Error):  # no consistent delimiter in the sample: try each below
        candidates.append(csv.Sniffer().sniff(sample[:SNIFF_CHARS], delimiters=DELIMITERS).delimiter)
    candidates.extend(sorted(DELIMITERS, key=lambda d: -sample.count(d)))
    for delimiter in dict.fromkeys(candidates):
        with contextlib.suppress(csv.Error):
            for record in csv.reader(sample_lines, delimiter=delimiter):
                if is_header(record):
                    return delimiter
    return candidates[0]


def _find_header(
    records: Iterator[tuple[int, list[str]]], is_header: HeaderTest, path: Path
) -> tuple[int, tuple[str, ...], Iterator[tuple[int, list[str]]]]:
    """(header row, header, the rows below it). The header is the first opening row a preset recognises, else the
    first non-blank row (the rows read ahead to look for it are given back)."""
    opening: list[tuple[int, list[str]]] = []
    for row, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if is_header(record):
            return row, tuple(record), records
        opening.append((row, record))
        if len(opening) >= HEADER_SEARCH_ROWS:
            break
    if not opening:
        raise UserError("products_io.empty", path=str(path))
    row, record = opening[0]
    return row, tuple(record), itertools.chain(opening[1:], records)


def _open_xlsx(path: Path, raw: bytes, is_header: HeaderTest) -> Table:
    from streamdesk.core.products_io.workbook import load_workbook, sheet_rows

    workbook = load_workbook(raw, path)  # sizes checked first; hostile XML and zip errors become UserError
    with contextlib.ExitStack() as guard:
        guard.callback(workbook.close)  # closed here on an error; handed to the Table otherwise
        chosen = None
        for worksheet in workbook.worksheets:  # 千牛 and TikTok workbooks may hold the orders on a later sheet
            records = _xlsx_records(sheet_rows(worksheet, path))
            opening = [r for _, r in zip(range(HEADER_SEARCH_ROWS), records, strict=False)]
            if any(is_header(record) for _, record in opening):
                chosen = worksheet
                break
        worksheet = chosen if chosen is not None else workbook.worksheets[0]
        records = _xlsx_records(sheet_rows(worksheet, path))
        header_row, headers, rows = _find_header(records, is_header, path)
        guard.pop_all()
    return Table(path, "", False, worksheet.title, header_row, headers, rows, workbook.close)


def _xlsx_records(rows: Iterator[Sequence[Any]]) -> Iterator[tuple[int, list[str]]]:
    for row, values in enumerate(rows, start=1):
        yield row, [cell_text(value) for value in values]
