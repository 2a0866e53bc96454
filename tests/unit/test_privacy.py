"""Privacy mode's masking: names keep their first character, phones their first three and last four digits,
addresses their province and city. Pure functions: the switch (a QObject) is tested in tests/ui."""

from __future__ import annotations

import pytest

from streamdesk.ui.privacy import mask_address, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("张", "*"),
        (" 李四 ", "李*"),
        ("John Smith", "J*** S****"),
        ("Madonna", "M******"),
        ("张**", "张**"),  # already masked by the platform
        ("", ""),
    ],
)
def test_names_keep_their_first_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812341234", "138****1234"),
        ("138-1234-1234", "138-****-1234"),
        ("010-12345678", "010-****5678"),
        ("+86 138 1234 1234", "+86 138 **** 1234"),
        ("+8613812341234", "+86138****1234"),
        ("(415) 555-2671", "(415) ***-2671"),
        ("12345", "***45"),
        ("12", "**"),
        ("138****1234", "138****1234"),
        ("", ""),
    ],
)
def test_phones_keep_the_first_three_and_last_four_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("浙江省杭州市西湖区文三路100号", "浙江省杭州市****"),
        ("浙江省 杭州市 西湖区 文三路100号", "浙江省 杭州市 ****"),
        ("北京市朝阳区建国路88号", "北京市****"),
        ("上海市 上海市 浦东新区 世纪大道1号", "上海市 上海市 ****"),
        ("广西壮族自治区南宁市青秀区民族大道", "广西壮族自治区南宁市****"),
        ("湖北省恩施土家族苗族自治州恩施市", "湖北省恩施土家族苗族自治州****"),
        ("杭州市西湖区文三路", "杭州市****"),
        ("文三路100号", "****"),
        ("浙江省 杭州市", "浙江省 杭州市"),  # nothing beyond the city to hide
        ("221B Baker Street, London", "****, London"),
        ("Somewhere", "****"),
        ("", ""),
    ],
)
def test_addresses_keep_province_and_city_only(address: str, masked: str) -> None:
    assert mask_address(address) == masked
