"""Splitting one-string Chinese addresses (core/shipping_io/address.py): cpca, and the suffix rules without it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from streamdesk.core.shipping_io.address import _rule_parts, split_cn_address, split_cn_addresses

CASES = [
    # (text, province, city, district, detail, postcode)
    ("浙江省杭州市西湖区文三路90号", "浙江省", "杭州市", "西湖区", "文三路90号", ""),
    (
        "浙江省 杭州市 西湖区 文三路 90号东部软件园（310012）",
        "浙江省",
        "杭州市",
        "西湖区",
        "文三路 90号东部软件园",
        "310012",
    ),
    ("上海市浦东新区张江镇祖冲之路887弄", "上海市", "上海市", "浦东新区", "张江镇祖冲之路887弄", ""),
    (
        "上海 上海市 浦东新区 张江镇祖冲之路887弄（201203）",
        "上海市",
        "上海市",
        "浦东新区",
        "张江镇祖冲之路887弄",
        "201203",
    ),
    ("北京 北京市 朝阳区 建国路88号SOHO现代城(100022)", "北京市", "北京市", "朝阳区", "建国路88号SOHO现代城", "100022"),
    ("重庆市云阳县双江街道滨江路1号", "重庆市", "重庆市", "云阳县", "双江街道滨江路1号", ""),
    ("天津市滨海新区中新生态城", "天津市", "天津市", "滨海新区", "中新生态城", ""),
    ("广西壮族自治区南宁市青秀区民族大道100号", "广西壮族自治区", "南宁市", "青秀区", "民族大道100号", ""),
    ("内蒙古自治区 呼和浩特市 新城区 中山路1号", "内蒙古自治区", "呼和浩特市", "新城区", "中山路1号", ""),
    ("新疆维吾尔自治区乌鲁木齐市天山区解放北路", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放北路", ""),
    ("宁夏银川市兴庆区解放西街", "宁夏回族自治区", "银川市", "兴庆区", "解放西街", ""),
    ("浙江杭州西湖区文三路", "浙江省", "杭州市", "西湖区", "文三路", ""),
    ("南京市鼓楼区中山路1号", "江苏省", "南京市", "鼓楼区", "中山路1号", ""),
    ("吉林省吉林市丰满区", "吉林省", "吉林市", "丰满区", "", ""),
    ("广东省东莞市长安镇振安路", "广东省", "东莞市", "", "长安镇振安路", ""),  # a city without districts
    ("湖北省 省直辖县级行政区划 仙桃市 干河街道", "湖北省", "仙桃市", "", "干河街道", ""),  # run by its province
    ("广东省 深圳市 南山区 科技园（000000）", "广东省", "深圳市", "南山区", "科技园", ""),  # 淘宝's no-postcode
    ("  浙江省　杭州市\t西湖区  文三路  ", "浙江省", "杭州市", "西湖区", "文三路", ""),
]


@pytest.mark.parametrize(
    ("text", "province", "city", "district", "detail", "postcode"), CASES, ids=[c[0] for c in CASES]
)
def test_addresses_split_into_province_city_district_and_detail(
    text: str, province: str, city: str, district: str, detail: str, postcode: str
) -> None:
    row = split_cn_address(text)
    assert (row.province, row.city, row.district, row.detail, row.postcode) == (
        province,
        city,
        district,
        detail,
        postcode,
    )
    assert (row.recipient, row.phone) == ("", "")


@pytest.mark.parametrize(
    ("text", "district"),
    [("朝阳区建国路88号", "朝阳区"), ("西湖区文三路", "西湖区")],  # Beijing or Changchun? Hangzhou or Nanchang?
)
def test_a_district_shared_by_several_cities_gets_no_guessed_province(text: str, district: str) -> None:
    row = split_cn_address(text)
    assert (row.province, row.city, row.district) == ("", "", district)


@pytest.mark.parametrize("text", ["南京路步行街100号", "江西路100号", "123 Baker Street, London", ""])
def test_a_street_named_after_a_place_or_a_foreign_address_is_left_whole(text: str) -> None:
    row = split_cn_address(text)
    assert (row.province, row.city, row.district, row.detail) == ("", "", "", text)


def test_a_district_newer_than_the_table_is_taken_from_its_own_word() -> None:
    row = split_cn_address("福建省 漳州市 长泰区 武安镇（363900）")  # 长泰县 became 长泰区 in 2021
    assert (row.province, row.city, row.district, row.detail) == ("福建省", "漳州市", "长泰区", "武安镇")


def test_many_at_once() -> None:
    rows = split_cn_addresses(["上海市浦东新区", "浙江省杭州市西湖区"])
    assert [row.district for row in rows] == ["浦东新区", "西湖区"]


@pytest.mark.parametrize(
    ("text", "province", "city", "district"),
    [
        ("上海市浦东新区张江镇", "上海市", "上海市", "浦东新区"),
        ("浙江省 杭州市 西湖区 文三路", "浙江省", "杭州市", "西湖区"),
        ("广西壮族自治区南宁市青秀区", "广西壮族自治区", "南宁市", "青秀区"),
        ("宁夏银川市兴庆区", "宁夏回族自治区", "银川市", "兴庆区"),
        ("湖北省仙桃市干河街道", "湖北省", "仙桃市", ""),
        ("南京路步行街100号", "", "", ""),
    ],
)
def test_without_cpca_the_suffix_rules_split_what_they_can(text: str, province: str, city: str, district: str) -> None:
    parts = _rule_parts(text)
    assert (parts.province, parts.city, parts.district) == (province, city, district)


def test_cpca_imports_without_pkg_resources_and_leaves_no_stand_in() -> None:
    script = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'pkg_resources': raise ImportError('no pkg_resources here')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from streamdesk.core.shipping_io.address import split_cn_address, _cpca\n"
        "row = split_cn_address('上海市浦东新区张江镇')\n"
        "assert _cpca() is not None and 'pkg_resources' not in sys.modules, sys.modules.get('pkg_resources')\n"
        "print(row.province, row.district)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["上海市", "浦东新区"]
