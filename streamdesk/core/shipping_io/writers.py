"""Writing export rows to CSV or XLSX: neutralised, within Excel's limits, split into parts, all or nothing.

* Free text (names, addresses, notes, titles) that starts with = + - @ TAB CR NUL gets a leading ' (FORMATS.md §5).
  Codes (order numbers, phones, postcodes) keep every character: in XLSX they are typed text cells, which no
  spreadsheet evaluates, so a phone such as +86 138… stays as it is there; in CSV, where the cell's type is the
  reader's guess, they get the ' too. Numbers and amounts we format ourselves are written as they are (numeric
  cells in XLSX, except in the Chinese templates, where every cell is typed text).
* CSV is UTF-8 without a BOM by default (upload targets can glue a BOM to the first header); ``bom=True`` for a
  file the seller opens in Excel first.
* Excel's limits: a cell holds 32,767 characters (longer text is cut, ending in a visible ``…[truncated]``) and 253
  line feeds (the rest become spaces); a sheet holds 1,048,576 rows, so after 1,048,575 data rows the export goes
  on in ``name-2.xlsx`` (``name-2.csv``), each part with its own header row.
* Every part is written beside its target under a temporary name; all are renamed only when the whole export
  succeeded, and removed after an error or a cancel.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from streamdesk.core.money import exponent
from streamdesk.core.products_io.cells import FORMULA_TRIGGERS
from streamdesk.core.products_io.exporting import neutralise
from streamdesk.core.shipping_io.columns import CellKind, Value
from streamdesk.core.shipping_io.types import ExportFormat
from streamdesk.core.storage import discard

EXCEL_MAX_DATA_ROWS = 1_048_575  # 1,048,576 rows per sheet, one of them the header
EXCEL_MAX_CHARS = 32_767
EXCEL_MAX_LINE_FEEDS = 253
TRUNCATED_MARKER = "…[truncated]"
_CODE_SAFE = re.compile(r"[+\d][\d\s()+\-]*")  # a phone or number: inert in a typed text cell
_TEXT, _CODE, _NUMBER, _PLAIN = CellKind.TEXT, CellKind.CODE, CellKind.NUMBER, CellKind.PLAIN


def excel_length(text: str) -> int:
    """Characters as Excel counts them (UTF-16 units: an emoji is two)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def fit_excel(text: str) -> tuple[str, bool]:
    """``text`` within Excel's cell limits; True when it had to be cut."""
    if len(text) > EXCEL_MAX_CHARS // 2 and excel_length(text) > EXCEL_MAX_CHARS:
        room = EXCEL_MAX_CHARS - len(TRUNCATED_MARKER)
        while excel_length(text[:room]) > EXCEL_MAX_CHARS - len(TRUNCATED_MARKER):
            room -= 1
        text = text[:room] + TRUNCATED_MARKER
        cut = True
    else:
        cut = False
    if text.count("\n") > EXCEL_MAX_LINE_FEEDS:
        head, *rest = text.split("\n", EXCEL_MAX_LINE_FEEDS)
        text = "\n".join([head, *rest[:-1]]) + "\n" + rest[-1].replace("\n", " ")
    return text, cut


def part_path(dest: Path, part: int) -> Path:
    """``orders.xlsx``, then ``orders-2.xlsx``, ``orders-3.xlsx``…"""
    return dest if part == 1 else dest.with_name(f"{dest.stem}-{part}{dest.suffix}")


class _Part(Protocol):
    def write(self, values: Sequence[Value], currency: str) -> int: ...

    def close(self) -> None: ...


class _CsvPart:
    def __init__(self, path: Path, headers: Sequence[str], kinds: Sequence[CellKind], bom: bool) -> None:
        self._file = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(headers)
        self._kinds = tuple(kinds)

    def write(self, values: Sequence[Value], currency: str) -> int:
        cells: list[str] = []
        truncated = 0
        for kind, value in zip(self._kinds, values, strict=True):
            if value is None:
                cells.append("")
            elif kind is _TEXT or kind is _CODE:
                text = neutralise(str(value))
                if len(text) > EXCEL_MAX_LINE_FEEDS:
                    text, cut = fit_excel(text)
                    truncated += cut
                cells.append(text)
            else:
                cells.append(str(value))
        self._writer.writerow(cells)
        return truncated

    def close(self) -> None:
        self._file.close()


class _XlsxPart:
    def __init__(self, path: Path, headers: Sequence[str], kinds: Sequence[CellKind], all_text: bool) -> None:
        import xlsxwriter

        # Zipped in memory, then written in one go: on a full disk xlsxwriter's own ZipFile on the file would be left
        # open, and its close when collected prints a traceback on stderr.
        self._path, self._zipped, self._closed = path, io.BytesIO(), False
        self._book = xlsxwriter.Workbook(
            self._zipped,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
             "strings_to_urls": False},
        )  # fmt: skip
        self._sheet = self._book.add_worksheet("orders")
        self._kinds = tuple(kinds)
        self._all_text = all_text
        self._money: dict[int, Any] = {}
        if all_text:
            # "@": cells the seller types into later stay text too (a phone keeps its leading 0)
            self._sheet.set_column(0, len(headers) - 1, 16, self._book.add_format({"num_format": "@"}))
        for column, header in enumerate(headers):
            self._sheet.write_string(0, column, header)
        self._row = 1

    def _money_format(self, currency: str) -> Any:
        digits = exponent(currency)
        if digits not in self._money:
            self._money[digits] = self._book.add_format({"num_format": "0." + "0" * digits if digits else "0"})
        return self._money[digits]

    def write(self, values: Sequence[Value], currency: str) -> int:
        # The hot loop of a 100,000-order export: the common cell (short text, no trigger) takes two tests.
        write_string, row, truncated = self._sheet.write_string, self._row, 0
        for column, (kind, value) in enumerate(zip(self._kinds, values, strict=True)):
            if value is None or value == "":
                continue
            if kind is _TEXT:
                text = value if isinstance(value, str) else str(value)
                if text.startswith(FORMULA_TRIGGERS):
                    text = "'" + text
                if len(text) > EXCEL_MAX_LINE_FEEDS:
                    text, cut = fit_excel(text)
                    truncated += cut
                write_string(row, column, text)
            elif kind is _CODE:
                text = value if isinstance(value, str) else str(value)
                if text.startswith(FORMULA_TRIGGERS) and _CODE_SAFE.fullmatch(text) is None:
                    text = "'" + text  # a phone such as +86 138… is inert in a typed text cell and stays as it is
                if len(text) > EXCEL_MAX_LINE_FEEDS:
                    text, cut = fit_excel(text)
                    truncated += cut
                write_string(row, column, text)
            elif self._all_text or kind is _PLAIN:
                write_string(row, column, str(value))
            elif kind is _NUMBER:
                self._sheet.write_number(row, column, int(value))
            else:
                self._sheet.write_number(row, column, float(Decimal(str(value))), self._money_format(currency))
        self._row += 1
        return truncated

    def close(self) -> None:
        from xlsxwriter.exceptions import FileCreateError

        if self._closed:  # discard() after a commit whose write failed: xlsxwriter warns on a second close
            return
        self._closed = True
        try:
            self._book.close()
        except FileCreateError as exc:
            raise OSError(str(exc)) from exc
        self._path.write_bytes(self._zipped.getvalue())


class PartedWriter:
    """Rows into ``dest`` and, past ``max_rows`` data rows, into further parts; ``commit()`` renames them all."""

    def __init__(
        self,
        dest: Path,
        format: ExportFormat,
        headers: Sequence[str],
        kinds: Sequence[CellKind],
        *,
        all_text: bool,
        bom: bool,
        max_rows: int = EXCEL_MAX_DATA_ROWS,
    ) -> None:
        self._dest, self._format, self._headers, self._kinds = dest, format, tuple(headers), tuple(kinds)
        self._all_text, self._bom, self._max_rows = all_text, bom, max_rows
        self._temporaries: list[Path] = []
        self._part: _Part | None = None
        self._rows_in_part = 0
        self.rows = 0
        self.truncated = 0

    def _open_part(self) -> _Part:
        if self._part is not None:
            self._part.close()
        number = len(self._temporaries) + 1
        final = part_path(self._dest, number)
        temporary = final.with_name(f".{final.name}.{os.getpid()}.part")
        self._temporaries.append(temporary)
        self._rows_in_part = 0
        if self._format is ExportFormat.CSV:
            return _CsvPart(temporary, self._headers, self._kinds, self._bom)
        return _XlsxPart(temporary, self._headers, self._kinds, self._all_text)

    def write(self, values: Sequence[Value], currency: str) -> int:
        """Write one row; returns how many of its cells were cut at Excel's limit."""
        if self._part is None or self._rows_in_part >= self._max_rows:
            self._part = self._open_part()
        truncated = self._part.write(values, currency)
        self.truncated += truncated
        self._rows_in_part += 1
        self.rows += 1
        return truncated

    def commit(self) -> tuple[Path, ...]:
        """Close the last part and move every part into place; returns the files written."""
        if self._part is None:
            self._part = self._open_part()  # no rows: a file with its header only
        self._part.close()
        self._part = None
        finals = tuple(part_path(self._dest, number) for number in range(1, len(self._temporaries) + 1))
        for temporary, final in zip(self._temporaries, finals, strict=True):
            temporary.replace(final)
        self._temporaries.clear()
        return finals

    def discard(self) -> None:
        """After an error or a cancel: close and remove what was written."""
        if self._part is not None:
            with contextlib.suppress(OSError):  # the part is being thrown away anyway
                self._part.close()
            self._part = None
        for temporary in self._temporaries:
            discard(temporary)
        self._temporaries.clear()
