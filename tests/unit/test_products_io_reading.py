"""Reading product files: encodings, delimiters, XLSX as text, refusals (core/products_io/reading.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from streamdesk.core.errors import UserError
from streamdesk.core.products_io import SourceKind
from streamdesk.core.products_io.reading import cell_text, decode, read_source, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "products"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "first_cell"),
    [
        ("utf8.csv", "utf-8", ",", "轻薄防晒衣"),
        ("utf8_bom.csv", "utf-8-sig", ",", "Linen shirt"),
        ("gb18030.csv", "gb18030", ",", "𠮷野家联名饭盒"),
        ("gbk_short.csv", "gb18030", ",", "红糖"),
        ("utf16_tab.txt", "utf-16", "\t", "手工红糖"),
    ],
)
def test_text_files_decode_with_the_deterministic_cascade(
    name: str, encoding: str, delimiter: str, first_cell: str
) -> None:
    source = read_source(FIXTURES / name)
    assert (source.kind, source.encoding, source.delimiter) == (SourceKind.CSV, encoding, delimiter)
    assert source.encoding_guessed is False
    assert source.rows[0][0] == first_cell
    assert not source.headers[0].startswith("\ufeff")


def test_gb18030_keeps_characters_gbk_lacks() -> None:
    titles = [row[0] for row in read_source(FIXTURES / "gb18030.csv").rows]
    assert titles == ["𠮷野家联名饭盒", "鿏元素科普书", "欧元€钱包"]


def test_a_two_line_gbk_file_is_not_taken_for_korean() -> None:
    text, codec, guessed = decode("商品名称,货号\n红糖,A1\n".encode("gbk"), Path("x.csv"))
    assert (codec, guessed) == ("gb18030", False)
    assert "红糖" in text


def test_utf16_without_bom_is_found_by_its_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "no_bom.txt"
    path.write_bytes("title\tsku\nMug\tM-1\n".encode("utf-16-le"))
    source = read_source(path)
    assert (source.encoding, source.delimiter, source.rows) == ("utf-16-le", "\t", (("Mug", "M-1"),))


def test_the_users_encoding_overrides_detection_and_gbk_means_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("商品名称,货号\n𠮷祥,A1\n".encode("gb18030"))
    assert read_source(path, encoding="GBK").rows == (("𠮷祥", "A1"),)
    with pytest.raises(UserError) as wrong:
        read_source(path, encoding="utf-8")
    assert wrong.value.code == "products_io.decode_failed"
    with pytest.raises(UserError) as unknown:
        read_source(path, encoding="klingon-8")
    assert unknown.value.code == "products_io.unknown_encoding"


def test_text_that_fits_no_encoding_is_refused_not_guessed_into_garbage(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("title,sku\nCafé ÿ déjà,A1\n".encode("latin-1"))
    with pytest.raises(UserError) as refused:
        read_source(path)
    assert refused.value.code == "products_io.encoding_unknown"


def test_replacement_characters_refuse_the_file() -> None:
    with pytest.raises(UserError) as refused:
        read_source(FIXTURES / "replacement_char.csv")
    assert (refused.value.code, refused.value.fields["count"]) == ("products_io.replacement_chars", 1)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("商品名称;货号;售价\n裙子;A1;12,50\n", ";"),
        ("title\tsku\tprice\nMug\tM-1\t12.5\n", "\t"),
        ('title,sku,price\n"Mug; big",M-1,"1,200"\n', ","),
        ("title,sku\n", ","),
    ],
)
def test_delimiter_is_sniffed_and_checked_against_known_headers(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_xlsx_cells_are_read_as_text_and_formulas_are_not_evaluated() -> None:
    source = read_source(FIXTURES / "products.xlsx")
    assert (source.kind, source.sheet, source.sheets) == (SourceKind.XLSX, "商品", ("商品", "备用"))
    assert source.rows[0] == ("保温杯", "CUP-350", "6901234567890", "89", "30.5", "25", "")
    assert source.rows[2][1] == "6.91735E+18"  # past 15 digits: shown the way Excel shows it, flagged later
    assert source.rows[3] == ()  # the blank row stays, so later row numbers match the spreadsheet
    assert source.row_number(4) == 6 and source.rows[4][1] == "AFTER-BLANK"


def test_xlsx_sheet_can_be_chosen_and_a_missing_one_is_named() -> None:
    assert read_source(FIXTURES / "products.xlsx", sheet="备用").rows == (("Spare sheet product", "SPARE-1", "5"),)
    with pytest.raises(UserError) as missing:
        read_source(FIXTURES / "products.xlsx", sheet="Sheet9")
    assert missing.value.fields == {"sheet": "Sheet9", "sheets": "商品, 备用"}


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (12.0, "12"), (12.5, "12.5"), (0.1, "0.1"), (True, "TRUE"), (6917350000000000000.0, "6.91735E+18")],
)
def test_cell_text_is_what_excel_would_show(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_leading_blank_rows_move_the_header_and_trailing_blank_rows_go(tmp_path: Path) -> None:
    path = tmp_path / "blank_top.csv"
    path.write_text("\n,,\n商品名称,货号\n裙子,A1\n\n\n", encoding="utf-8")
    source = read_source(path)
    assert (source.header_row, source.headers, source.rows) == (3, ("商品名称", "货号"), (("裙子", "A1"),))


def test_short_rows_are_padded_to_the_header(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("商品名称,货号,售价\n裙子,A1\n", encoding="utf-8")
    assert read_source(path).rows == (("裙子", "A1", ""),)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "products_io.empty"),
        (b"  \n\n", "products_io.empty"),
        ("商品名称,货号\n".encode(), "products_io.no_rows"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "products_io.xls_unsupported"),
        (b"PK\x03\x04not really a zip", "products_io.unreadable"),
    ],
)
def test_unusable_files_raise_a_user_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        read_source(path)
    assert refused.value.code == code


def test_a_zip_that_is_not_a_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UserError) as refused:
        read_source(path)
    assert refused.value.code == "products_io.unreadable"


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as missing:
        read_source(tmp_path / "nope.csv")
    assert missing.value.code == "products_io.file_missing"
    with pytest.raises(UserError) as folder:
        read_source(tmp_path)
    assert folder.value.code == "products_io.not_a_table"
