"""Matching headers to import fields (core/products_io/mapping.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streamdesk.core.errors import UserError
from streamdesk.core.products_io import ColumnMapping, ProductsIO
from streamdesk.core.products_io.mapping import (
    FIELDS,
    auto_mapping,
    check_mapping,
    load_mapping_file,
    merge_mapping,
    normalise_header,
)
from streamdesk.core.products_io.reading import read_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "products"


def test_every_alias_names_one_field_only() -> None:
    seen: dict[str, str] = {}
    for field in FIELDS:
        for alias in field.aliases:
            key = normalise_header(alias)
            assert seen.setdefault(key, field.key) == field.key, f"{alias!r} is claimed twice"


def test_title_and_sku_are_the_required_fields() -> None:
    assert {f.key for f in FIELDS if f.required} == {"title", "sku_code"}
    assert ProductsIO.FIELDS == FIELDS


@pytest.mark.parametrize(
    ("header", "normalised"),
    [
        ("\ufeff商品名称", "商品名称"),
        ("  SKU编码（自定义）\t", "sku编码(自定义)"),
        ("ＳＫＵ编码", "sku编码"),
        ("*商品名称", "商品名称"),
        ("Product_Name", "product name"),
        ("Live-Price", "live price"),
    ],
)
def test_headers_are_normalised_before_matching(header: str, normalised: str) -> None:
    assert normalise_header(header) == normalised


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("商品名称", "title"),
        ("标题", "title"),
        ("Title", "title"),
        ("Product Name", "title"),
        ("副标题", "alt_title"),
        ("英文名", "alt_title"),
        ("规格", "spec"),
        ("Variation", "spec"),
        ("颜色", "color"),
        ("尺码", "size"),
        ("成本价", "cost"),
        ("cost", "cost"),
        ("吊牌价", "list_price"),
        ("原价", "list_price"),
        ("List Price", "list_price"),
        ("活动价", "live_price"),
        ("直播价", "live_price"),
        ("数量", "stock"),
        ("Qty", "stock"),
        ("货号", "sku_code"),
        ("商家编码", "sku_code"),
        ("SKU编码", "sku_code"),
        ("Seller SKU", "sku_code"),
        ("EAN", "barcode"),
        ("条码", "barcode"),
        ("类目", "category"),
        ("品牌", "brand"),
        ("标签", "tags"),
        ("供应商", "supplier"),
        ("发货周期", "ship_cycle_days"),
        ("卖点", "selling_points"),
        ("讲解要点", "talking_points"),
        ("货币", "currency"),
        ("Currency", "currency"),
    ],
)
def test_common_chinese_and_english_headers_match(header: str, key: str) -> None:
    assert auto_mapping([header]).as_dict() == {key: header}


def test_full_width_brackets_units_and_required_markers_still_match() -> None:
    source = read_source(FIXTURES / "fullwidth_headers.csv")
    assert auto_mapping(source.headers).as_dict() == {
        "title": "*商品名称",
        "sku_code": "ＳＫＵ编码（自定义）",
        "cost": "成本价（元）",
        "list_price": "吊牌价(元)",
        "stock": "库存数量",
        "ship_cycle_days": "发货周期(天)",
        "brand": "Brand",
    }


def test_the_best_alias_wins_over_column_order_and_unknown_headers_are_ignored() -> None:
    mapping = auto_mapping(["价格", "商品名称", "售价", "备注", "SKU"])
    assert mapping.as_dict() == {"title": "商品名称", "list_price": "售价", "sku_code": "SKU"}


def test_an_exact_alias_beats_one_matched_without_its_unit() -> None:
    assert auto_mapping(["售价(元)", "售价"]).header("list_price") == "售价"


def test_column_mapping_can_be_edited_without_mutating() -> None:
    mapping = ColumnMapping.from_dict({"title": "A", "sku_code": "B"})
    changed = mapping.with_column("cost", "C").with_column("title", None)
    assert mapping.as_dict() == {"title": "A", "sku_code": "B"}
    assert changed.as_dict() == {"sku_code": "B", "cost": "C"}
    assert changed.header("title") is None


def test_overrides_replace_or_remove_automatic_choices() -> None:
    auto = auto_mapping(["商品名称", "商家编码", "售价", "活动价格"])
    merged = merge_mapping(auto, {"live_price": "活动价格", "list_price": None})
    assert merged.as_dict() == {"title": "商品名称", "sku_code": "商家编码", "live_price": "活动价格"}


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({"sku_code": "SKU"}, "products_io.title_column_missing"),
        ({"title": "Title"}, "products_io.sku_column_missing"),
        ({"title": "Title", "sku_code": "SKU", "colour_name": "Title"}, "products_io.mapping_unknown_field"),
        ({"title": "Title", "sku_code": "Nope"}, "products_io.mapping_unknown_column"),
    ],
)
def test_check_mapping_names_what_is_wrong(mapping: dict[str, str], code: str) -> None:
    with pytest.raises(UserError) as refused:
        check_mapping(ColumnMapping.from_dict(mapping), ["Title", "SKU"])
    assert refused.value.code == code


def test_mapping_file_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"title": "品名", "cost": None}, ensure_ascii=False), encoding="utf-8")
    assert load_mapping_file(good) == {"title": "品名", "cost": None}
    for content, code in (
        ("[1, 2]", "products_io.mapping_unreadable"),
        ("{not json", "products_io.mapping_unreadable"),
        ('{"title": 3}', "products_io.mapping_unreadable"),
        ('{"price_of_tea": "X"}', "products_io.mapping_unknown_field"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(UserError) as refused:
            load_mapping_file(bad)
        assert refused.value.code == code
    with pytest.raises(UserError) as missing:
        load_mapping_file(tmp_path / "absent.json")
    assert missing.value.code == "products_io.file_missing"
