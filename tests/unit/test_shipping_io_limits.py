"""Excel's limits in shipping exports: 32,767 characters a cell (cut with a visible marker), 253 line feeds, and
1,048,575 data rows a sheet (the export goes on in a second file)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from shipping_support import LONG_NOTE, Spec, add_orders

from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import OrderFilter
from streamdesk.core.orders import Orders
from streamdesk.core.shipping_io import EXCEL_MAX_CHARS, EXCEL_MAX_DATA_ROWS, TRUNCATED_MARKER, ShippingIO
from streamdesk.core.shipping_io.columns import CellKind
from streamdesk.core.shipping_io.types import ExportFormat
from streamdesk.core.shipping_io.writers import PartedWriter, excel_length, fit_excel, part_path
from streamdesk.db import Database


def shipping_io(database: Database, **kwargs) -> ShippingIO:
    clock = lambda: datetime(2026, 3, 2, tzinfo=UTC)  # noqa: E731
    return ShippingIO(
        Orders(database.sessions, clock=clock), sender=None, clock=clock, sessions=database.sessions, **kwargs
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("preset", "suffix", "column"),
    [("generic_xlsx", "xlsx", "buyer_note"), ("cn_generic", "xlsx", "备注"), ("generic_csv", "csv", "buyer_note")],
)
def test_a_40000_character_note_is_cut_at_excels_limit_with_the_marker(
    database: Database, out: Path, preset: str, suffix: str, column: str
) -> None:
    add_orders(database, [Spec("LONG-1", buyer_note=LONG_NOTE), Spec("SHORT-1", buyer_note="放门口", minutes=1)])
    dest = out / f"notes.{suffix}"
    result = run_to_end(shipping_io(database).export(dest, preset, OrderFilter()))
    assert result.truncated_cells == 1
    assert [(w.order_no, w.code) for w in result.warnings] == [("LONG-1", "shipping_io.truncated")]
    frame = (
        pd.read_csv(dest, dtype=str, keep_default_na=False)
        if suffix == "csv"
        else pd.read_excel(dest, dtype=str, keep_default_na=False)
    )
    note = frame[column].iloc[0]
    assert len(note) == EXCEL_MAX_CHARS and note.endswith(TRUNCATED_MARKER) and note.startswith("长长长")
    assert frame[column].iloc[1] == "放门口"


def test_cells_are_measured_as_excel_counts_them() -> None:
    emoji = "🎁" * 20_000  # two UTF-16 units each: 40,000 for Excel
    text, cut = fit_excel(emoji)
    assert cut and excel_length(text) <= EXCEL_MAX_CHARS and text.endswith(TRUNCATED_MARKER)
    assert fit_excel("短") == ("短", False)
    exact = "a" * EXCEL_MAX_CHARS
    assert fit_excel(exact) == (exact, False)


def test_line_feeds_past_253_become_spaces() -> None:
    text, cut = fit_excel("\n".join(str(i) for i in range(400)))
    assert text.count("\n") == 253 and not cut and text.endswith("398 399")


def test_past_the_row_limit_the_export_goes_on_in_another_file(database: Database, out: Path) -> None:
    add_orders(database, [Spec(f"A{i:03d}", minutes=i) for i in range(7)])
    dest = out / "快递单.xlsx"
    result = run_to_end(shipping_io(database, max_rows_per_file=3).export(dest, "cn_generic", OrderFilter()))
    names = [Path(path).name for path in result.files]
    assert names == ["快递单.xlsx", "快递单-2.xlsx", "快递单-3.xlsx"]
    frames = [pd.read_excel(path, dtype=str) for path in result.files]
    assert [len(frame) for frame in frames] == [3, 3, 1]
    assert [number for frame in frames for number in frame["订单号"]] == [f"A{i:03d}" for i in range(7)]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)  # no temporary files left


def test_the_default_split_is_excels_sheet_size() -> None:
    assert EXCEL_MAX_DATA_ROWS == 1_048_576 - 1
    assert part_path(Path("/x/orders.csv"), 1) == Path("/x/orders.csv")
    assert part_path(Path("/x/orders.csv"), 2) == Path("/x/orders-2.csv")


def test_a_part_writer_rolls_over_and_discards_on_error(out: Path) -> None:
    writer = PartedWriter(
        out / "t.csv", ExportFormat.CSV, ["a"], [CellKind.TEXT], all_text=False, bom=False, max_rows=2
    )
    for value in ("1", "2", "3"):
        writer.write([value], "CNY")
    writer.discard()
    assert list(out.iterdir()) == []


def test_an_empty_export_writes_the_header_only(database: Database, out: Path) -> None:
    result = run_to_end(shipping_io(database).export(out / "none.xlsx", "sf", OrderFilter()))
    assert (result.orders, result.rows) == (0, 0)
    sheet = openpyxl.load_workbook(out / "none.xlsx").active
    assert sheet.max_row == 1 and sheet.max_column == 44
