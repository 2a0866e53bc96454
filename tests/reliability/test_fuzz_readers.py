"""Hypothesis fuzzing of what reads a stranger's file: the CSV/XLSX readers, column mapping, money, counts, dates and
the Chinese address splitter. The property everywhere: the code answers (a value, None, or the one refusal type its
callers catch: UserError, or ValueError where the docstring says so) and never raises anything else; where a
round trip exists (CSV and XLSX written and read back, money formatted and parsed) it returns what went in.

The example budget is fixed (``derandomize``: the same examples every run, so CI is repeatable and a failure
reproduces) and sized to keep this file near 15 s on the 2-core CI machine.
"""

from __future__ import annotations

import csv
import io
import string
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import hostile_files as files
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streamdesk.core.errors import UserError
from streamdesk.core.metrics_io import cells as metrics_cells
from streamdesk.core.metrics_io import detect as metrics_detect
from streamdesk.core.money import format_minor, parse_amount
from streamdesk.core.orders_io import cells as order_cells
from streamdesk.core.orders_io import detect as order_detect
from streamdesk.core.orders_io.presets import PRESETS
from streamdesk.core.orders_io.reading import csv_guard, open_table
from streamdesk.core.products_io import cells as product_cells
from streamdesk.core.products_io.mapping import auto_mapping, normalise_header
from streamdesk.core.products_io.reading import read_source
from streamdesk.core.shipping_io.address import split_cn_address

FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=60)
CURRENCIES = ("CNY", "USD", "JPY", "IDR", "BRL", "KWD", "EUR")
FORMATS = tuple(dict.fromkeys(fmt for preset in PRESETS for fmt in preset.date_formats))
ZONES = ("Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "No/Such_Zone")

# Text a spreadsheet cell can hold, weighted towards what trips parsers: delimiters, quotes, line ends, digits,
# currency marks, full-width forms, RTL and astral characters.
TRICKY = ",;\t|\"'\r\n =+-@.0123456789¥￥$€元万亿：（）\u202e\u200b\ufeff𠮷👩‍👧"
cells_text = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8")), max_size=40)
numberish = st.one_of(
    st.text(alphabet="0123456789.,+-eE ¥$元万kK%NaInfity_", max_size=30),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    cells_text,
)


def refuses_only_with_user_error(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except UserError:
        return None


# --- money and numbers -----------------------------------------------------------------------------------------
@FUZZ
@given(text=numberish, currency=st.sampled_from(CURRENCIES), comma=st.booleans())
def test_parse_amount_answers_an_int_none_or_money_invalid(text: str, currency: str, comma: bool) -> None:
    try:
        value = parse_amount(text, currency, decimal_comma=comma)
    except UserError as error:
        assert error.code == "money.invalid"
        return
    assert value is None or (isinstance(value, int) and abs(value) < 10**18)  # fits SQLite's 64-bit integers


@FUZZ
@given(minor=st.integers(min_value=-(10**14), max_value=10**14), currency=st.sampled_from(CURRENCIES))
def test_formatted_money_parses_back_to_the_same_minor_units(minor: int, currency: str) -> None:
    assert parse_amount(format_minor(minor, currency), currency) == minor
    assert product_cells.parse_money(format_minor(abs(minor), currency), currency) == abs(minor)


@FUZZ
@given(text=numberish, currency=st.sampled_from(CURRENCIES))
def test_cell_money_parsers_answer_or_refuse_with_their_own_error(text: str, currency: str) -> None:
    for parse in (product_cells.parse_money, order_cells.parse_money):
        value = refuses_only_with_user_error(parse, text, currency)
        assert value is None or abs(value) < 10**18
    for fen in (False, True):
        try:
            value = metrics_cells.parse_amount_cell(text, currency, fen=fen)
        except ValueError:
            continue
        assert value is None or 0 <= value < 10**18


@FUZZ
@given(text=numberish)
def test_whole_numbers_counts_and_durations_raise_only_value_error(text: str) -> None:
    for parse in (product_cells.parse_whole, metrics_cells.parse_count, metrics_cells.parse_duration):
        try:
            value = parse(text)
        except ValueError:
            continue
        assert value is None or abs(value) < 10**18, (parse.__name__, text, value)


# --- dates -----------------------------------------------------------------------------------------------------
dateish = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)).map(str),
    st.text(alphabet="0123456789-/: .TZ+APMapm年月日时分秒", max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    cells_text,
)


@FUZZ
@given(text=dateish, zone_name=st.sampled_from(ZONES))
def test_order_dates_are_aware_utc_or_value_error(text: str, zone_name: str) -> None:
    try:
        value = order_cells.parse_datetime(text, FORMATS, zone_name)
    except ValueError:
        return
    assert value is None or value.tzinfo is UTC


# --- column mapping --------------------------------------------------------------------------------------------
headers = st.lists(cells_text, max_size=30)


@FUZZ
@given(names=headers)
def test_column_mapping_and_detection_never_fail_and_only_name_real_headers(names: list[str]) -> None:
    mapping = auto_mapping(names)
    assert {header for _, header in mapping.columns} <= set(names)
    for name in names:
        once = normalise_header(name)
        assert normalise_header(once) == once
    order_detect.detect_variant(names)
    order_detect.is_known_header(names)
    metrics_detect.is_known_header(names)


# --- the address splitter ----------------------------------------------------------------------------------------
address_text = st.one_of(
    cells_text,
    st.lists(
        st.sampled_from(("浙江省", "杭州市", "西湖区", "北京市", "朝阳区", "上海市", "浦东新区", "市辖区", "湖北省"))
        | st.sampled_from(("仙桃市", "文三路90号", "（310012）", "(000000)", "北京路", " ", "，", "县", "旗")),
        max_size=8,
    ).map("".join),
)


@FUZZ
@given(text=address_text)
def test_addresses_split_into_parts_that_come_from_the_text(text: str) -> None:
    row = split_cn_address(text)
    squeezed = "".join(text.split())
    for part in (row.detail, row.postcode):
        assert "".join(part.split()) in squeezed
    province, city, district, detail, postcode = order_cells.split_cn_address(text)
    assert all(isinstance(part, str) for part in (province, city, district, detail, postcode))


# --- the readers ----------------------------------------------------------------------------------------------
def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _drain_orders_table(path: Path) -> None:
    table = open_table(path, order_detect.is_known_header)
    try:
        with csv_guard(table):
            for _ in table.rows:
                pass
    finally:
        table.close()


@FUZZ
@given(data=st.binary(max_size=600) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_read_or_refused_with_user_error(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "fuzz.csv", data)
    refuses_only_with_user_error(read_source, path)
    refuses_only_with_user_error(_drain_orders_table, path)


def _csv_text(rows: list[list[str]], delimiter: str, quoting: int) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


csv_cell = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00\ufffd\ufeff", exclude_categories=("Cs",)),
    max_size=12,
)


@FUZZ
@given(
    rows=st.lists(st.lists(csv_cell, min_size=3, max_size=3), min_size=1, max_size=6),
    delimiter=st.sampled_from(",\t;"),
    encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "gb18030")),
    quoting=st.sampled_from((csv.QUOTE_ALL, csv.QUOTE_MINIMAL)),
)
def test_a_written_csv_reads_back_cell_for_cell(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str, quoting: int
) -> None:
    header = ["商品名称", "商家编码", "售价"]
    body = [row for row in rows if any(cell.strip() for cell in row)]
    try:
        data = _csv_text([header, *rows], delimiter, quoting).encode(encoding)
    except UnicodeEncodeError:  # gb18030 encodes every code point, but not lone surrogates
        return
    path = _write(tmp_path, "round.csv", data)
    try:
        table = read_source(path, encoding=encoding)
    except UserError as error:
        assert error.code == "products_io.no_rows" and not body
        return
    assert table.headers == tuple(header)
    assert [list(row) for row in table.rows if row] == body


xml_cell = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffe\uffff\ufffd\ufeff",
    ),
    max_size=15,
)


@FEW
@given(rows=st.lists(st.lists(xml_cell, min_size=3, max_size=3), min_size=1, max_size=5))
def test_a_written_xlsx_reads_back_cell_for_cell(tmp_path: Path, rows: list[list[str]]) -> None:
    header = ["商品名称", "商家编码", "售价"]
    path = _write(tmp_path, "round.xlsx", files.xlsx(files.sheet_xml([header, *rows])))
    body = [row for row in rows if any(cell.strip() for cell in row)]
    try:
        table = read_source(path)
    except UserError as error:
        assert error.code == "products_io.no_rows" and not body
        return
    assert table.headers == tuple(header)
    assert [[cell for cell in row] for row in table.rows if row] == [row + [""] * (3 - len(row)) for row in body]


def _valid_workbook() -> bytes:
    return files.xlsx(files.sheet_xml(files.product_rows(("帽子", "围巾"))))


@FEW
@given(
    position=st.integers(min_value=0, max_value=4000),
    value=st.integers(min_value=0, max_value=255),
    cut=st.integers(min_value=30, max_value=5000),
)
def test_damaged_workbooks_are_read_or_refused_with_user_error(
    tmp_path: Path, position: int, value: int, cut: int
) -> None:
    data = bytearray(_valid_workbook())
    data[position % len(data)] = value
    for variant in (bytes(data), bytes(data[:cut])):
        path = _write(tmp_path, "damaged.xlsx", variant)
        refuses_only_with_user_error(read_source, path)
        refuses_only_with_user_error(_drain_orders_table, path)


xml_junk = st.text(alphabet=string.printable + "<>&;!#[]\"'éü中", max_size=200)


@FEW
@given(part=st.sampled_from(("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml")), junk=xml_junk)
def test_workbooks_with_junk_xml_parts_are_read_or_refused_with_user_error(
    tmp_path: Path, part: str, junk: str
) -> None:
    source = zipfile.ZipFile(io.BytesIO(_valid_workbook()))
    members = [(name, junk.encode() if name == part else source.read(name)) for name in source.namelist()]
    path = _write(tmp_path, "junk.xlsx", files.zip_bytes(members))
    refuses_only_with_user_error(read_source, path)
    refuses_only_with_user_error(_drain_orders_table, path)


@pytest.mark.parametrize("text", ["", "   ", "\x00", "99999999999999", "1e309", "0001-01-01 00:00", "9999-12-31 23:59"])
def test_date_edges_found_by_the_fuzzer(text: str) -> None:
    for zone_name in ZONES:
        try:
            value = order_cells.parse_datetime(text, FORMATS, zone_name)
        except ValueError:
            continue
        assert value is None or value.tzinfo is UTC
