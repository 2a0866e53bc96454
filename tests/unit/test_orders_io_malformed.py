"""Malformed order files: no traceback, a clear message (UserError or per-row Problem), nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import Shop, douyin_rows, fixture_data, make_shop, write_douyin

from streamdesk.core.errors import Problem, UserError
from streamdesk.core.jobs import run_to_end
from streamdesk.db import Database
from streamdesk.messages import describe, describe_problem

TABLES = ("orders", "order_lines", "import_batches", "customers", "shipments", "stock_moves")


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    return make_shop(database, utc_clock, tmp_path)


def _counts(shop: Shop) -> dict[str, int]:
    return {table: int(str(shop.scalar(f"SELECT COUNT(*) FROM {table}"))) for table in TABLES}


def _refused(shop: Shop, path: Path, code: str, **options: object) -> UserError:
    before = _counts(shop)
    with pytest.raises(UserError) as raised:
        result = run_to_end(shop.io.plan(path, **options))  # type: ignore[arg-type]
        run_to_end(shop.io.apply(result))
    assert raised.value.code == code
    text = describe(raised.value)
    assert text and "{" not in text and not text.startswith(code), text  # a real sentence, placeholders filled
    assert _counts(shop) == before
    return raised.value


def _sentences(problems: tuple[Problem, ...]) -> list[str]:
    texts = [describe_problem(problem) for problem in problems]
    for problem, text in zip(problems, texts, strict=True):
        assert "{" not in text and problem.code not in text, text
    return texts


def test_an_empty_file(shop: Shop, tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    _refused(shop, tmp_path / "empty.csv", "products_io.empty")
    (tmp_path / "blank.csv").write_bytes(b"\r\n \r\n")
    _refused(shop, tmp_path / "blank.csv", "products_io.empty")


def test_a_header_without_rows(shop: Shop, tmp_path: Path) -> None:
    path = write_douyin(tmp_path / "header_only.csv", [])
    plan = run_to_end(shop.io.plan(path))
    assert (plan.orders, plan.rows_read) == ((), 0)
    with pytest.raises(UserError) as raised:
        run_to_end(shop.io.apply(plan))
    assert raised.value.code == "orders_io.nothing_to_import"
    assert _counts(shop)["orders"] == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4, None),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "products_io.xls_unsupported"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 64, "products_io.unreadable"),
    ],
)
def test_binary_files(shop: Shop, tmp_path: Path, name: str, content: bytes, code: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts(shop)
    with pytest.raises(UserError) as raised:
        run_to_end(shop.io.plan(path))
    if code is not None:
        assert raised.value.code == code
    assert raised.value.code.startswith("products_io.") or raised.value.code.startswith("orders_io.")
    assert "{" not in describe(raised.value)
    assert _counts(shop) == before


def test_a_workbook_without_orders(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    _refused(shop, path, "products_io.unreadable")


def test_the_wrong_encoding_chosen_by_hand_and_damaged_text(shop: Shop, tmp_path: Path) -> None:
    path = write_douyin(tmp_path / "gbk.csv", douyin_rows())
    _refused(shop, path, "products_io.decode_failed", encoding="utf-8")
    _refused(shop, path, "products_io.unknown_encoding", encoding="klingon")
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes((path.read_bytes().decode("gbk").replace("冰丝", "冰\ufffd")).encode("utf-8"))
    _refused(shop, damaged, "products_io.replacement_chars")


def test_an_unclosed_quote(shop: Shop, tmp_path: Path) -> None:
    text = write_douyin(tmp_path / "ok.csv", douyin_rows()).read_bytes().decode("gbk")
    lines = text.split("\r\n")
    lines[3] = lines[3].replace("冰丝防晒衣", '"冰丝防晒衣', 1)  # opens a quote that never closes
    path = tmp_path / "quote.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    error = _refused(shop, path, "orders_io.csv_broken")
    assert error.fields["row"] >= 3


def test_a_huge_line(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows(**{"7892": {"买家留言": "很长" * 80_000}})  # one cell over csv's 131,072-character limit
    _refused(shop, write_douyin(tmp_path / "huge.csv", rows), "orders_io.csv_broken")
    long_note = douyin_rows(**{"7892": {"买家留言": "长" * 30_000}})  # long, but a cell Excel could hold
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "long.csv", long_note)))
    assert plan.problems == () and len(plan.orders) == 6


def test_missing_required_columns(shop: Shop, tmp_path: Path) -> None:
    data = fixture_data()
    keep = [i for i, h in enumerate(data.DOUYIN_HEADER) if h not in ("商品数量", "订单提交时间")]
    path = tmp_path / "no_qty.csv"
    header = [data.DOUYIN_HEADER[i] for i in keep]
    path.write_bytes(data.csv_text(header, [[row[i] for i in keep] for row in data.DOUYIN_ROWS]).encode("gbk"))
    error = _refused(shop, path, "orders_io.columns_missing")
    assert error.fields["columns"] == "订单提交时间, 商品数量"


def test_a_negative_quantity_skips_its_order_and_only_it(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows(**{"7893": {"商品数量": "-1"}, "8002": {"商品数量": "两件"}})
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "negative.csv", rows)))
    codes = sorted((p.row, p.code) for p in plan.problems)
    assert codes == [(2, "orders_io.order_rejected"), (3, "orders_io.qty_not_positive"),
                     (4, "orders_io.qty_invalid")]  # fmt: skip
    texts = _sentences(plan.problems)
    assert texts[1] == "Row 3: the quantity ‘-1’ must be at least 1."
    assert "6917350001234567891" not in {o.order_no for o in plan.orders}
    run_to_end(shop.io.apply(plan))
    assert shop.scalar("SELECT COUNT(*) FROM orders WHERE order_no = '6917350001234567891'") == 0
    assert shop.scalar("SELECT COUNT(*) FROM orders") == 4


def test_ids_rounded_by_excel_are_refused_and_never_stored(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows(**{"8102": {"主订单编号": "6.91735E+18"}, "8202": {"主订单编号": "6917350001234560000"}})
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "resaved.csv", rows)))
    assert sorted((p.row, p.code, p.fields["value"]) for p in plan.problems) == [
        (5, "orders_io.id_damaged", "6.91735E+18"), (6, "orders_io.id_damaged", "6917350001234560000"),
    ]  # fmt: skip
    assert "Export the file from the platform again" in _sentences(plan.problems)[0]
    run_to_end(shop.io.apply(plan))
    stored = {str(no) for (no,) in shop.rows("SELECT order_no FROM orders")}
    assert not {"6.91735E+18", "6917350001234560000"} & stored and len(stored) == 4


def test_formula_payloads_are_never_evaluated(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows(
        **{
            "7892": {"主订单编号": '=HYPERLINK("http://evil.example","6917350001234567891")'},
            "7893": {"主订单编号": '=HYPERLINK("http://evil.example","6917350001234567891")'},
            "8002": {"商品数量": "=1+1"},
            "8102": {"订单应付金额": "@SUM(1,2)"},
            "8202": {"选购商品": "=cmd|' /C calc'!A0", "买家留言": "+2+3"},
        }
    )
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "formulas.csv", rows)))
    codes = sorted((p.row, p.code) for p in plan.problems)
    assert codes == [(2, "orders_io.not_an_order"), (3, "orders_io.not_an_order"), (4, "orders_io.qty_invalid"),
                     (5, "orders_io.money_invalid")]  # fmt: skip
    _sentences(plan.problems)
    run_to_end(shop.io.apply(plan))
    # free text is stored as the platform wrote it; exports neutralise it (FORMATS.md §5)
    assert shop.rows("SELECT title FROM order_lines WHERE title LIKE '=%'") == [("=cmd|' /C calc'!A0",)]
    assert shop.scalar("SELECT buyer_note FROM orders WHERE order_no = '6917350001234568201'") == "+2+3"


def test_a_file_of_nothing_but_bad_rows_imports_nothing(shop: Shop, tmp_path: Path) -> None:
    rows = [[f"=cmd|' /C calc'!A{n}", *row[1:]] for n, row in enumerate(douyin_rows())]
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "all_bad.csv", rows)))
    assert plan.orders == () and len(plan.problems) == 8
    with pytest.raises(UserError):
        run_to_end(shop.io.apply(plan))
    assert _counts(shop)["orders"] == 0


def test_bad_dates_and_amounts_name_their_row_and_column(shop: Shop, tmp_path: Path) -> None:
    rows = douyin_rows(**{"8002": {"订单提交时间": "下周三"}, "8102": {"商品单价": "abc"}})
    plan = run_to_end(shop.io.plan(write_douyin(tmp_path / "bad_values.csv", rows)))
    texts = _sentences(tuple(sorted(plan.problems, key=lambda p: p.row)))
    assert texts == [
        "Row 4: ‘下周三’ in column “订单提交时间” is not a date and time this platform writes.",
        "Row 5: ‘abc’ in column “商品单价” is not an amount of money.",
    ]
