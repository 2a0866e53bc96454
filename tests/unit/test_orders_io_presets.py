"""Presets: every fixture's header row names its platform; headers match by normalised name, never by position."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeUTCClock
from orders_io_support import FIXTURES, Shop, make_shop

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io import FIELDS
from streamdesk.core.orders_io.detect import detect_variant, header_index, resolve_columns
from streamdesk.core.orders_io.presets import BY_KEY, DOUYIN, PRESETS, SHOPIFY, TIKTOK
from streamdesk.db import Database


@pytest.fixture
def shop(database: Database, utc_clock: FakeUTCClock, tmp_path: Path) -> Shop:
    return make_shop(database, utc_clock, tmp_path)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("douyin_gbk.csv", "douyin"),
        ("douyin_unicode_text.txt", "douyin"),
        ("kuaishou.xlsx", "kuaishou"),
        ("channels.xlsx", "channels"),
        ("taobao/ExportOrderList202510.csv", "taobao"),
        ("taobao_pair/ExportOrderDetailList202510.csv", "taobao"),
        ("shopify.csv", "shopify"),
        ("tiktok.xlsx", "tiktok"),
        ("whatnot.csv", "whatnot"),
        ("etsy/EtsySoldOrderItems2025-10.csv", "etsy"),
        ("etsy/EtsySoldOrders2025-10.csv", "etsy"),
    ],
)
def test_every_fixture_is_detected_from_its_header_row(shop: Shop, name: str, key: str) -> None:
    assert shop.io.detect(FIXTURES / name) == key


def test_a_product_file_is_no_order_export(shop: Shop) -> None:
    products = FIXTURES.parent / "products" / "utf8.csv"
    assert shop.io.detect(products) is None
    with pytest.raises(UserError) as raised:
        shop.plan(str(products))
    assert raised.value.code == "orders_io.unknown_format"


def test_headers_match_whatever_their_width_case_padding_or_order() -> None:
    headers = ["\ufeff订单状态", "\t主订单编号 ", "子订单编号", "选购商品", "商品规格", "商品数量", "订单提交时间"]
    assert detect_variant(headers) is DOUYIN
    shuffled = ["NAME", "lineitem NAME", "Lineitem Quantity", "Financial  Status", "Created_at"]
    assert detect_variant(shuffled) is SHOPIFY
    columns = resolve_columns(SHOPIFY, header_index(shuffled))
    assert columns["order_id"] == 0 and columns["qty"] == 2 and columns["created_at"] == 4


def test_tiktok_headers_with_a_leading_space_and_full_width_brackets_still_match() -> None:
    headers = ["Order ID", " Seller SKU", "Product Name", "Quantity", "Created Time", "Weight（kg）"]
    assert detect_variant(headers) is TIKTOK


def test_a_qianniu_sales_sheet_is_taobao_not_douyin_although_both_signatures_fit() -> None:
    headers = ["子订单编号", "主订单编号", "商品标题", "商品属性", "购买数量", "商家编码", "买家应付货款", "买家实付金额",
               "退款金额", "订单状态"]  # fmt: skip
    found = detect_variant(headers)
    assert found is not None and found.key == "taobao"


def test_presets_list_the_eight_platforms_then_saved_mappings(shop: Shop) -> None:
    keys = [info.key for info in shop.io.presets()]
    assert keys == ["douyin", "kuaishou", "channels", "taobao", "shopify", "tiktok", "whatnot", "etsy"]
    shop.io.save_mapping("我的表格", Platform.KUAISHOU, {"order_id": "单号", "created_at": "时间", "title": "品名"})
    infos = shop.io.presets()
    assert infos[-1].key == "mapping:我的表格" and infos[-1].saved and infos[-1].platform is Platform.KUAISHOU
    assert set(infos[-1].fields) == {"order_id", "created_at", "title"}


def test_every_preset_maps_only_canonical_fields_and_requires_an_order_id() -> None:
    for preset in PRESETS:
        assert set(preset.columns) <= set(FIELDS), preset.variant
        assert "order_id" in preset.required
        assert set(preset.required) <= set(preset.columns)
    assert set(BY_KEY) == {"douyin", "kuaishou", "channels", "taobao", "shopify", "tiktok", "whatnot", "etsy"}


def test_a_missing_required_column_stops_the_import_and_names_it(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "no_time.csv"
    path.write_text("主订单编号,子订单编号,选购商品,商品数量\n6917350001234567891,1,冰丝防晒衣,1\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        shop.plan(str(path))
    assert raised.value.code == "orders_io.columns_missing"
    assert raised.value.fields["columns"] == "订单提交时间"


def test_a_named_preset_is_used_even_when_auto_would_not_know(shop: Shop, tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"  # 快手's signature needs 实付款/成交数量…: this file has neither
    path.write_text("订单号,订单创建时间,商品名称,商品数量\n2300000123456789,2025-10-07 19:00:00,冰丝防晒衣,1\n")
    assert shop.io.detect(path) is None
    plan = shop.plan(str(path), preset="kuaishou")
    assert (plan.preset, plan.platform, len(plan.orders)) == ("kuaishou", Platform.KUAISHOU, 1)
    with pytest.raises(UserError) as raised:
        shop.plan(str(path), preset="pinduoduo")
    assert raised.value.code == "orders_io.unknown_preset"
