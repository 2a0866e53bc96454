"""Booking counts imported from CSV (UTF-8, GB18030) and XLSX files: preview with problems by row, then one write."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from warmup_support import Shop, build_shop

from streamdesk.core.errors import UserError
from streamdesk.core.warmup_counts import match_channel, parse_count
from streamdesk.core.warmup_types import BookingLinkInput
from streamdesk.db import Database
from streamdesk.messages import render
from streamdesk.models.base import ChannelKind, Platform

URL = "https://weixin.qq.com/sph/"


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    shop = build_shop(database, utc_clock, tmp_path, products=1)
    add = shop.warmup.add_link
    add(shop.show_id, BookingLinkInput(ChannelKind.WECHAT_OA, Platform.CHANNELS, URL + "a", bookings=5))
    add(shop.show_id, BookingLinkInput(ChannelKind.MOMENTS, Platform.CHANNELS, URL + "b"))
    add(shop.show_id, BookingLinkInput(ChannelKind.COMMUNITY, Platform.CHANNELS, URL + "c", label="老客群"))
    add(shop.show_id, BookingLinkInput(ChannelKind.COMMUNITY, Platform.CHANNELS, URL + "d", label="新客群"))
    add(shop.show_id, BookingLinkInput(ChannelKind.POSTER, Platform.CHANNELS, URL + "e", label="Counter poster"))
    return shop


ROWS = [
    ("渠道", "预约人数"),
    ("公众号", "1,234"),  # kind name in Chinese
    ("朋友圈", "５６人"),  # full-width digits and a unit
    ("老客群", "30"),  # label
    ("社群", "10"),  # two community links: ambiguous
    ("", ""),  # blank row: skipped
    ("counter POSTER", "12.0"),  # label, case and width do not matter
    ("微博", "3"),  # no such link
    ("新客群", "many"),
    ("新客群", "-2"),
    ("老客群", "31"),  # counted already in row 4
    ("", "8"),
    ("新客群", ""),
]


def _ids(shop: Shop) -> dict[str, int]:
    links = shop.warmup.open_plan(shop.show_id).links
    return {link.label or link.kind.value: link.id for link in links}


def _check_plan(shop: Shop, path: Path) -> None:
    ids = _ids(shop)
    plan = shop.warmup.plan_booking_counts(shop.show_id, path)
    assert [(r.row, r.link_id, r.channel, r.old, r.new) for r in plan.rows] == [
        (2, ids["wechat_oa"], "公众号", 5, 1234),
        (3, ids["moments"], "朋友圈", None, 56),
        (4, ids["老客群"], "老客群", None, 30),
        (7, ids["Counter poster"], "counter POSTER", None, 12),
    ]
    assert [(row, code) for row, code, _ in plan.problems] == [
        (5, "warmup.count_channel_ambiguous"),
        (8, "warmup.count_channel_unknown"),
        (9, "warmup.count_not_a_number"),
        (10, "warmup.count_out_of_range"),
        (11, "warmup.count_channel_twice"),
        (12, "warmup.count_channel_missing"),
        (13, "warmup.count_missing"),
    ]
    assert dict(plan.problems[4][2]) == {"channel": "老客群", "first_row": 4}
    for _row, code, fields in plan.problems:
        assert "{" not in render(code, dict(fields))
    assert shop.warmup.total_bookings(shop.show_id) == 5  # planning wrote nothing
    assert shop.warmup.apply_booking_counts(plan) == 4
    assert shop.warmup.total_bookings(shop.show_id) == 1234 + 56 + 30 + 12
    assert shop.warmup.apply_booking_counts(plan) == 0  # nothing left to change


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_in_any_encoding_is_previewed_then_applied(shop: Shop, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "counts.csv"
    path.write_bytes("\r\n".join(",".join(f'"{c}"' for c in row) for row in ROWS).encode(encoding))
    _check_plan(shop, path)


def test_an_xlsx_with_numbers_as_numbers(shop: Shop, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for channel, count in ROWS:
        value: object = count
        if count in {"30", "12.0"}:
            value = float(count)  # Excel keeps numbers as floats
        sheet.append([channel or None, value or None])
    path = tmp_path / "counts.xlsx"
    book.save(path)
    _check_plan(shop, path)


def test_english_headers_and_tab_separated_text(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "counts.txt"
    path.write_text("Channel\tBookings\nMoments\t7\nWeChat official account\t8\n", encoding="utf-8")
    plan = shop.warmup.plan_booking_counts(shop.show_id, path)
    assert [r.new for r in plan.rows] == [7, 8] and plan.problems == ()


def test_a_file_without_the_columns_is_refused(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("名称,数量\n公众号,3\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        shop.warmup.plan_booking_counts(shop.show_id, path)
    assert (raised.value.code, raised.value.fields["headers"]) == ("warmup.counts_columns_missing", "名称, 数量")


def test_apply_writes_nothing_when_a_link_was_deleted_meanwhile(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("渠道,预约\n朋友圈,9\n老客群,4\n", encoding="utf-8")
    plan = shop.warmup.plan_booking_counts(shop.show_id, path)
    shop.warmup.delete_link(plan.rows[1].link_id)
    with pytest.raises(UserError) as raised:
        shop.warmup.apply_booking_counts(plan)
    assert raised.value.code == "warmup.link_not_found"
    assert shop.warmup.total_bookings(shop.show_id) == 5


def test_match_channel_prefers_labels_over_kind_names(shop: Shop) -> None:
    links = shop.warmup.open_plan(shop.show_id).links
    assert [link.label for link in match_channel(links, "社群")] == ["老客群", "新客群"]
    assert [link.label for link in match_channel(links, " 老客群 ")] == ["老客群"]
    assert [link.kind for link in match_channel(links, "wechat_oa")] == [ChannelKind.WECHAT_OA]
    assert match_channel(links, "") == () and match_channel(links, "微博") == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("1,234", 1234),
        ("１２", 12),
        ("56人", 56),
        ("7.0", 7),
        (" 3 ", 3),
        ("7.5", None),
        ("abc", None),
        ("", None),
        ("nan", None),
    ],
)
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value
