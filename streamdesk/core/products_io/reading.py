"""Reading a product file into a SourceTable: format and encoding sniffing, delimiter detection, cells as text.

The encoding cascade follows FORMATS.md §6 and is deterministic: container magic (XLSX, legacy XLS), BOM,
UTF-16 without BOM (NUL bytes), strict UTF-8, strict GB18030 (a superset of GBK that also decodes 𠮷, €, 鿏;
``gbk`` is never used), and only then charset-normalizer restricted to a few codecs (without ``cp_isolation`` a
short GBK file was detected as Korean). A decoded text holding U+FFFD is refused: something upstream already
lost characters, and importing would save the damage.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path

from streamdesk.core.errors import UserError
from streamdesk.core.products_io.mapping import auto_mapping
from streamdesk.core.products_io.types import SourceKind, SourceTable

log = logging.getLogger(__name__)

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = ",\t;"
_SNIFF_LINES = 20
# csv.Sniffer's quote regexes take time quadratic in the sample: a 10,000-column header (150 kB) took 8 s
SNIFF_CHARS = 16384
# Aliases people type for Chinese encodings: all decode as GB18030, the superset (FORMATS.md §6, step 5).
_GB_NAMES = {"gbk", "gb2312", "gb-2312", "cp936", "ms936", "gb18030", "gb-18030", "936"}


def read_source(path: Path, *, encoding: str | None = None, sheet: str | None = None) -> SourceTable:
    """Read a CSV/TSV/TXT or XLSX product file; every cell becomes text. Raises UserError on unreadable input."""
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
    if raw.startswith(XLSX_MAGIC):
        return _read_xlsx(path, raw, sheet)
    if raw.startswith(XLS_MAGIC):
        raise UserError("products_io.xls_unsupported", path=str(path))
    text, used, guessed = decode(raw, path, encoding)
    return _read_text(path, text, used, guessed)


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str, bool]:
    """(text, codec, guessed): the cascade of FORMATS.md §6, or the user's codec when given."""
    if encoding:
        codec = _user_codec(encoding, raw)
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise UserError("products_io.decode_failed", path=str(path), encoding=encoding) from exc
        return _refuse_damage(text, path), codec, False
    sure = _deterministic_codec(raw)
    if sure is not None:
        try:
            return _refuse_damage(raw.decode(sure), path), sure, False
        except UnicodeDecodeError:
            raise UserError("products_io.decode_failed", path=str(path), encoding=sure) from None
    for codec in ("utf-8", "gb18030"):
        try:
            return _refuse_damage(raw.decode(codec), path), codec, False
        except UnicodeDecodeError:
            continue
    return _detect(raw, path)


def _user_codec(encoding: str, raw: bytes) -> str:
    name = encoding.strip().lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        canonical = codecs.lookup(name).name
    except LookupError as exc:
        raise UserError("products_io.unknown_encoding", encoding=encoding) from exc
    if canonical == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return canonical


def _deterministic_codec(raw: bytes) -> str | None:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel "Unicode Text": UTF-16LE with BOM, tab-separated
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and max(even, odd) > len(sample) // 4:  # ASCII in UTF-16: every other byte is NUL
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def _detect(raw: bytes, path: Path) -> tuple[str, str, bool]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["utf_8", "gb18030", "big5", "utf_16"]).best()
    if best is None:
        raise UserError("products_io.encoding_unknown", path=str(path))
    log.info("charset-normalizer guessed %s for %s", best.encoding, path)
    try:
        text = raw.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise UserError("products_io.encoding_unknown", path=str(path)) from exc
    return _refuse_damage(text, path), best.encoding, True


def _refuse_damage(text: str, path: Path) -> str:
    damaged = text.count("\ufffd")
    if damaged:
        raise UserError("products_io.replacement_chars", path=str(path), count=damaged)
    if "\x00" in text:  # binary data that happened to decode
        raise UserError("products_io.not_a_table", path=str(path))
    return text


def sniff_delimiter(text: str) -> str:
    """csv.Sniffer over the first lines, then checked: the header must name a known column with it."""
    lines = text[:65536].splitlines()[:_SNIFF_LINES]
    sample = "\n".join(lines)
    candidates: list[str] = []
    with contextlib.suppress(csv.Error):  # no consistent delimiter in the sample: count them in the header
        candidates.append(csv.Sniffer().sniff(sample[:SNIFF_CHARS], delimiters=DELIMITERS).delimiter)
    header = lines[0] if lines else ""
    candidates.extend(sorted(DELIMITERS, key=lambda d: -header.count(d)))
    for delimiter in candidates:
        first = next(csv.reader([header], delimiter=delimiter), [])
        if auto_mapping(first).columns:
            return delimiter
    return candidates[0]


def _read_text(path: Path, text: str, codec: str, guessed: bool) -> SourceTable:
    delimiter = sniff_delimiter(text.lstrip("\ufeff"))
    # strict: an unclosed quote is an error, not a cell that swallows every row after it (as orders_io reads)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:  # also a cell over csv's 131,072-character limit
        raise UserError("orders_io.csv_broken", path=str(path), row=reader.line_num, detail=str(exc)) from exc
    if records and records[0]:
        records[0][0] = records[0][0].lstrip("\ufeff")  # a second BOM, or one the user's codec left in
    return _table(path, records, SourceKind.CSV, codec, guessed, delimiter, "", ())


def _table(
    path: Path,
    records: Sequence[Sequence[str]],
    kind: SourceKind,
    codec: str,
    guessed: bool,
    delimiter: str,
    sheet: str,
    sheets: tuple[str, ...],
) -> SourceTable:
    start = 0
    while start < len(records) and not any(cell.strip() for cell in records[start]):
        start += 1
    if start == len(records):
        raise UserError("products_io.empty", path=str(path))
    headers = tuple(cell.strip() for cell in records[start])
    width = len(headers)
    padding = ("",) * width
    rows: list[tuple[str, ...]] = []
    for record in records[start + 1 :]:
        if not any(record) or not any(cell.strip() for cell in record):
            rows.append(())
        elif len(record) >= width:
            rows.append(tuple(record))
        else:
            rows.append((*record, *padding[len(record) :]))
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise UserError("products_io.no_rows", path=str(path))
    return SourceTable(
        name=path.name,
        path=str(path),
        kind=kind,
        encoding=codec,
        encoding_guessed=guessed,
        delimiter=delimiter,
        sheet=sheet,
        sheets=sheets,
        header_row=start + 1,
        headers=headers,
        rows=tuple(rows),
    )


def cell_text(value: object) -> str:
    """An XLSX cell as the text a user would see (General format); formulas are never evaluated."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:
            # Beyond 15 significant digits Excel already dropped the tail: show it as Excel does
            # ("6.91735E+18"), so the planner reports the ID as damaged instead of importing wrong digits.
            return f"{value:.6G}"
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, raw: bytes, sheet: str | None) -> SourceTable:
    from streamdesk.core.products_io.workbook import load_workbook, sheet_rows

    workbook = load_workbook(raw, path)  # sizes checked first; hostile XML and zip errors become UserError
    try:
        names = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise UserError("products_io.sheet_missing", sheet=sheet, sheets=", ".join(names))
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        records = _xlsx_records(sheet_rows(worksheet, path))
        return _table(path, records, SourceKind.XLSX, "", False, "", worksheet.title, names)
    finally:
        workbook.close()


def _xlsx_records(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    records = []
    for values in rows:
        cells = [cell_text(value) for value in values]
        while cells and cells[-1] == "":
            cells.pop()
        records.append(cells)
    return records
