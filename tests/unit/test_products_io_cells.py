"""One cell at a time: money, IDs, whole numbers, specs, roles, currencies (core/products_io/cells.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streamdesk.core.errors import UserError
from streamdesk.core.money import parse_amount
from streamdesk.core.products_io.cells import (
    clean_id,
    clean_text,
    excel_damaged,
    format_spec,
    parse_currency,
    parse_money,
    parse_role,
    parse_spec,
    parse_whole,
)
from streamdesk.core.products_io.exporting import neutralise
from streamdesk.models.base import ShowRole


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("¥1,299.00", "CNY", 129900),
        ("￥1,299.00", "CNY", 129900),
        ("12.5元", "CNY", 1250),
        ("１２．５", "CNY", 1250),
        ("12.50", "CNY", 1250),
        ("12.5", "CNY", 1250),
        ("12", "CNY", 1200),
        ("0.005", "CNY", 1),  # half-up, as tills round
        ("0.004", "CNY", 0),
        ("$25.00", "USD", 2500),
        ("1200", "JPY", 1200),
        ("  99  ", "CNY", 9900),
        ("-3.50", "CNY", -350),
    ],
)
def test_money_is_parsed_exactly(text: str, currency: str, minor: int) -> None:
    assert parse_money(text, currency) == minor


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_money_is_none_not_zero(text: str) -> None:
    assert parse_money(text, "CNY") is None


@pytest.mark.parametrize("text", ["abc", "12.3.4", "1O0", "¥"])
def test_money_that_is_not_a_number_raises(text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_money(text, "CNY")
    assert refused.value.code == "money.invalid"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_the_fast_path_agrees_with_parse_amount(amount: object) -> None:
    text = f"{amount:.2f}"
    assert parse_money(text, "CNY") == parse_amount(text, "CNY")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('="3521234567890123456"', "3521234567890123456"),
        ("\t6917350000000000001", "6917350000000000001"),
        ("'00123", "00123"),
        ("  SKU-1 \t", "SKU-1"),
        ("00123", "00123"),
        ('=""', ""),
    ],
)
def test_id_cells_lose_spreadsheet_armour_but_keep_leading_zeros(cell: str, value: str) -> None:
    assert clean_id(cell) == value


@pytest.mark.parametrize(
    ("value", "damaged"), [("6.91735E+18", True), ("6.9E12", True), ("6917350000000000001", False)]
)
def test_ids_excel_rounded_are_recognised(value: str, damaged: bool) -> None:
    assert excel_damaged(value) is damaged


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'-5 off", "-5 off"),
        ("'+86 138", "+86 138"),
        ("'quoted", "'quoted"),
        (" 裙子 ", "裙子"),
    ],
)
def test_free_text_loses_only_the_quote_our_export_adds(cell: str, text: str) -> None:
    assert clean_text(cell) == text


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\tx", "\rx", "\x00x"])
def test_neutralise_prefixes_formula_triggers_and_clean_text_undoes_it(value: str) -> None:
    assert neutralise(value) == "'" + value
    assert clean_text(neutralise(value)) == value


@pytest.mark.parametrize("value", ["裙子", "12.50", "a=b", ""])
def test_neutralise_leaves_harmless_text_alone(value: str) -> None:
    assert neutralise(value) == value


@pytest.mark.parametrize(
    ("cell", "whole"),
    [("12", 12), ("1,200", 1200), ("12.0", 12), ("３", 3), ("3天", 3), ("", None), ("-", None), ("-4", -4)],
)
def test_whole_numbers(cell: str, whole: int | None) -> None:
    assert parse_whole(cell) == whole


@pytest.mark.parametrize("cell", ["3.5", "abc", "1e3"])
def test_not_whole_numbers_raise(cell: str) -> None:
    with pytest.raises(ValueError, match=cell.replace(".", r"\.")):
        parse_whole(cell)


@pytest.mark.parametrize(
    ("cell", "spec"),
    [
        ("颜色:红;尺码:M", (("颜色", "红"), ("尺码", "M"))),
        ("颜色：红；尺码：M", (("颜色", "红"), ("尺码", "M"))),
        ("颜色:红,尺码:M", (("颜色", "红"), ("尺码", "M"))),
        ("红/M", (("规格1", "红"), ("规格2", "M"))),
        ("30ml", (("规格", "30ml"),)),
        ("颜色分类:白色[长45cm];安装方式:吸顶", (("颜色分类", "白色[长45cm]"), ("安装方式", "吸顶"))),
        ("比例:10:1", (("比例", "10:1"),)),
        ("", ()),
    ],
)
def test_spec_cells_become_attribute_pairs(cell: str, spec: tuple[tuple[str, str], ...]) -> None:
    assert parse_spec(cell, "规格") == spec


def test_spec_round_trips_through_its_export_form() -> None:
    for spec in ((("颜色", "红"), ("尺码", "M")), (("规格1", "红"), ("规格2", "M")), (("容量", "500ml"),)):
        assert parse_spec(format_spec(spec), "规格") == spec


def test_spec_naming_an_attribute_twice_raises() -> None:
    with pytest.raises(ValueError, match="颜色"):
        parse_spec("颜色:红;颜色:蓝", "规格")


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("主推款", ShowRole.HERO),
        ("hero", ShowRole.HERO),
        ("Traffic", ShowRole.TRAFFIC),
        ("福利", ShowRole.GIVEAWAY),
        ("", None),
    ],
)
def test_roles_by_value_or_chinese_name(cell: str, role: ShowRole | None) -> None:
    assert parse_role(cell) is role


@pytest.mark.parametrize(
    ("cell", "code"), [("cny", "CNY"), ("人民币", "CNY"), ("RMB", "CNY"), (" usd ", "USD"), ("", None)]
)
def test_currencies(cell: str, code: str | None) -> None:
    assert parse_currency(cell) == code


@pytest.mark.parametrize("cell", ["XX", "dollars", "12"])
def test_bad_currencies_and_roles_raise(cell: str) -> None:
    with pytest.raises(ValueError, match=cell):
        parse_currency(cell)
    with pytest.raises(ValueError, match=cell):
        parse_role(cell)
