"""One cell of a metrics export as a value: counts, durations, amounts, header units; and the gap arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from streamdesk.core.metrics_io.cells import (
    is_total_row,
    parse_amount_cell,
    parse_count,
    parse_duration,
    split_unit,
    unit_currency,
)
from streamdesk.core.metrics_io.planning import measure
from streamdesk.core.review_types import Gap


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1234", False, 1234),
        ("1,234", False, 1234),
        ("１２３", False, 123),  # full-width digits
        ("1.2万", False, 12_000),
        ("1.234万", False, 12_340),  # a decimal before its multiplier, never a grouped number
        ("3w", False, 30_000),
        ("58人", False, 58),
        ("4.100", True, 4_100),  # Indonesian thousands
        ("3,4 rb", True, 3_400),
        ("", False, None),
        ("-", False, None),
        ("--", False, None),
    ],
)
def test_counts_are_whole_numbers_in_the_platforms_spellings(text: str, decimal_comma: bool, expected: int) -> None:
    assert parse_count(text, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize("text", ["abc", "12.5", "-3", "5.2%", "1,2,3x"])
def test_a_count_that_is_not_a_whole_non_negative_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_count(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("02:00:00", 7200),
        ("62:03", 3723),
        ("3723", 3723),
        ("90.6", 91),
        ("1小时30分", 5400),
        ("1分30秒", 90),
        ("2h 0min 30s", 7230),
        ("1h 58min", 7080),
        ("58s", 58),
        ("1 menit 25 detik", 85),
        ("1 jam 5 menit", 3900),
        ("", None),
    ],
)
def test_durations_in_clock_plain_and_worded_forms(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "1h later", "1:75:00", "-5"])
def test_a_duration_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "currency", "fen", "decimal_comma", "minor"),
    [
        ("¥12,345.60", "CNY", False, False, 1_234_560),
        ("99.5", "CNY", False, False, 9_950),
        ("9900", "CNY", True, False, 9_900),  # 分 are CNY's minor unit
        ("12345", "USD", True, False, 12_345),
        ("Rp12.345.000", "IDR", False, False, 12_345_000),  # rupiah have no minor unit: dots group thousands
        ("12.345.000", "IDR", False, True, 12_345_000),
        ("1,234,567", "IDR", False, False, 1_234_567),
        ("", "CNY", False, False, None),
    ],
)
def test_amounts_become_minor_units_through_decimal(
    text: str, currency: str, fen: bool, decimal_comma: bool, minor: int | None
) -> None:
    assert parse_amount_cell(text, currency, fen=fen, decimal_comma=decimal_comma) == minor


@pytest.mark.parametrize("text", ["abc", "-5.00", "12元多"])
def test_an_amount_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount_cell(text, "CNY")


def test_a_headers_bracketed_unit_is_split_off_and_names_a_currency_or_fen() -> None:
    assert split_unit("成交金额（分）") == ("成交金额", "分")
    assert split_unit("Revenue (Rp)") == ("revenue", "Rp")
    assert split_unit("在线人数") == ("在线人数", "")
    assert [unit_currency(u) for u in ("Rp", "USD", "元", "分", "GMV", "RM", "")] == [
        "IDR",
        "USD",
        "CNY",
        None,
        None,
        "MYR",
        None,
    ]


def test_total_lines_are_recognised_in_chinese_english_and_indonesian() -> None:
    assert [is_total_row(t) for t in ("合计", "Total", "Jumlah", "20:05", "")] == [True, True, True, False, False]


def test_gaps_are_counted_in_the_most_common_step_between_the_first_and_last_sample() -> None:
    start = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    minutes = [0, 1, 2, 5, 6, 8]  # 3 and 4 missing, then 7
    times = [start + timedelta(minutes=m) for m in minutes]
    interval, gaps = measure(times)
    assert interval == 60
    assert gaps == (
        Gap(start + timedelta(minutes=3), start + timedelta(minutes=4), 2),
        Gap(start + timedelta(minutes=7), start + timedelta(minutes=7), 1),
    )


def test_a_single_sample_has_a_minute_step_and_no_gaps() -> None:
    assert measure([datetime(2026, 1, 5, tzinfo=UTC)]) == (60, ())
