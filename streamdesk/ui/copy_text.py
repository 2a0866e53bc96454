"""Cells the pages copy as tab-separated text: pasted into a spreadsheet they must not run (FORMATS.md §5).

Excel and LibreOffice evaluate a pasted cell that starts with = + - @ (and TAB, CR, NUL) just as they do a CSV
cell, so copied text follows the CSV rule: such a cell gets a leading ``'``, unless it is a number as our own
formatting writes it (``-12.50``). Tabs and line breaks inside a cell become spaces, so it stays one cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")  # as core.products_io.cells (not imported: it is heavy)
_OUR_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def spreadsheet_cell(value: object) -> str:
    """``value`` as one inert cell of tab-separated text; None is an empty cell."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS) and _OUR_NUMBER.fullmatch(text) is None:
        text = "'" + text
    return text.translate(_BREAKS)


def tab_separated(rows: Iterable[Iterable[object]]) -> str:
    """Rows of cells as tab-separated lines, each cell made inert; ends with a line break."""
    return "\n".join("\t".join(spreadsheet_cell(cell) for cell in row) for row in rows) + "\n"
