"""Opening an XLSX workbook from a stranger: sizes checked before anything is inflated, parser errors as UserError.

An XLSX file is a zip of XML parts, and openpyxl trusts both layers: it loads ``sharedStrings.xml`` whole, streams
the sheet however long it is, and lets the XML parser's own errors (``ParseError``, a ``SyntaxError``) and the zip's
(``BadZipFile``, ``zlib.error``, a CRC mismatch raised while the rows are read) escape. A 2 MB zip that inflates to
2 GiB, a billion-laughs entity expansion (expat ≥ 2.4 stops it, with a ParseError) or a sheet pointing outside the
archive would otherwise end in a traceback or minutes of work. So the central directory is read first: a part that
inflates to more than the limits below, or far more than text ever compresses, is refused unopened; the parts'
declared sizes bind the inflation (``zipfile`` stops at the declared size and then fails the CRC). Every openpyxl
call on the workbook and every row it yields go through ``XLSX_ERRORS``. Nothing in a workbook is written to disk.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MIB = 1 << 20
# Every part but the sheets is loaded whole, the shared strings as Python strings (about three bytes of memory per
# byte of XML for short strings): 128 MiB of them is a workbook of several hundred thousand distinct names and
# addresses. The shared strings are found by their content type, not their name, as openpyxl finds them.
LOADED_WHOLE_LIMIT = 128 * MIB
SHEET_LIMIT = 1024 * MIB  # a sheet is streamed: a 200,000-row, 30-column export is about 300 MiB of XML
SHEETS_FOLDER = "xl/worksheets/"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
TOTAL_LIMIT = 2048 * MIB
# Text-like XML deflates about 5-20 times; only machine-made filler reaches 100 (deflate's ceiling is about 1,030).
RATIO_LIMIT = 100
RATIO_FLOOR = 16 * MIB  # small parts may compress as they like

# What openpyxl, zipfile and the XML parser raise on damaged or hostile input. Broad on purpose, and only around
# calls into them: a hostile part can make openpyxl fail on a missing attribute (TypeError, AttributeError), an
# unknown reference (KeyError, IndexError), an entity (SyntaxError: xml.etree's ParseError), a zip feature it cannot
# read (NotImplementedError for a compression method, RuntimeError for encryption) or a damaged stream.
XLSX_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    SyntaxError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    NotImplementedError,
    RuntimeError,
)


def check_archive(raw: bytes, path: Path) -> None:
    """Refuse a workbook whose parts would inflate beyond the limits, before any part is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
            strings = _strings_parts(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UserError("products_io.unreadable", path=str(path)) from exc
    total = 0
    for part in parts:
        total += part.file_size
        streamed = part.filename.startswith(SHEETS_FOLDER) and part.filename not in strings
        limit = SHEET_LIMIT if streamed else LOADED_WHOLE_LIMIT
        if part.file_size > limit or total > TOTAL_LIMIT:
            raise UserError(
                "products_io.xlsx_too_large",
                path=str(path),
                part=part.filename,
                size=part.file_size // MIB,
                limit=min(limit, TOTAL_LIMIT) // MIB,
            )
        if part.file_size > RATIO_FLOOR and part.file_size > RATIO_LIMIT * max(part.compress_size, 1):
            raise UserError(
                "products_io.xlsx_bomb",
                path=str(path),
                part=part.filename,
                size=part.file_size // MIB,
                packed=max(part.compress_size // 1024, 1),
            )


def _strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The parts [Content_Types].xml declares as shared strings (openpyxl loads whichever it names)."""
    from xml.etree import ElementTree

    names = {"xl/sharedStrings.xml"}
    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size <= MIB and info.file_size <= RATIO_LIMIT * max(info.compress_size, 1):
            for override in ElementTree.fromstring(archive.read(info)):
                if override.get("ContentType") == STRINGS_TYPE:
                    names.add(str(override.get("PartName", "")).lstrip("/"))
    except XLSX_ERRORS:  # no or broken content types: openpyxl refuses the file itself
        pass
    return names


def load_workbook(raw: bytes, path: Path) -> Workbook:
    """openpyxl's read-only workbook over ``raw``, values only (formulas never evaluated), with at least one sheet."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(raw, path)
    try:
        # From memory, not by name: openpyxl judges a path by its extension, and a workbook renamed .csv is common.
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:  # KeyError: a zip but not a workbook
        raise UserError("products_io.unreadable", path=str(path)) from exc
    except XLSX_ERRORS as exc:
        raise damaged(path, exc) from exc
    try:
        if not workbook.worksheets:  # e.g. its only sheet points outside the archive: openpyxl skips it
            raise UserError("products_io.xlsx_damaged", path=str(path), detail="no worksheet")
    except BaseException:
        workbook.close()
        raise
    return workbook


def sheet_rows(worksheet: Any, path: Path) -> Iterator[Sequence[Any]]:
    """The values of a read-only worksheet's rows, each as long as its own last cell. The sheet's ``<dimension>`` is
    ignored: openpyxl pads every row to it, and a workbook claiming A1:XFD20001 over four real columns made 20,000
    rows cost 25 s (16,384 cells each)."""
    try:
        worksheet.reset_dimensions()
    except XLSX_ERRORS as exc:
        raise damaged(path, exc) from exc
    return guarded_rows(worksheet.iter_rows(values_only=True), path)


def guarded_rows(rows: Iterator[Sequence[Any]], path: Path) -> Iterator[Sequence[Any]]:
    """The rows of ``worksheet.iter_rows()``; an error raised while openpyxl reads them becomes a UserError (the
    sheet is parsed lazily, so a broken part is found here rather than on opening)."""
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except XLSX_ERRORS as exc:
            raise damaged(path, exc) from exc
        yield values


def damaged(path: Path, error: BaseException) -> UserError:
    detail = " ".join(str(error).split())[:160] or type(error).__name__
    return UserError("products_io.xlsx_damaged", path=str(path), detail=detail)
