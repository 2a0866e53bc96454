"""Chinese addresses written as one string → province / city / district / detail.

Courier batch templates (顺丰, 中通, the generic 快递 one) want 省, 市, 区 and 详细地址 in separate cells, but 淘宝
exports ``收货地址`` as one field (``浙江省 杭州市 西湖区 文三路90号（310012）``) and sellers type addresses the same
way. The administrative divisions come from ``cpca`` (MIT; a 3,500-row table of China's 省/市/区县 with an
Aho-Corasick matcher, no pandas at import); what it cannot decide is left empty rather than guessed:

* the divisions must open the string, one after another: a place name inside the street part (``北京路``) is never
  taken for a city;
* a district on its own that exists in several cities (``朝阳区``: Beijing and Changchun) gets no province or city;
* municipalities read 上海市 / 上海市 / 浦东新区 (cpca's table says ``市辖区`` for their city level), and a county-level
  city run by its province (湖北 仙桃市) is the city, with no district;
* a trailing postcode in brackets becomes ``postcode``; whitespace is collapsed.

cpca opens its table with ``pkg_resources.resource_stream`` at import time. ``pkg_resources`` is gone from current
setuptools (and from new Python 3.12+ virtualenvs), and importing it costs ~90 ms on the machines that still have it,
so a two-line stand-in serves that one call while cpca imports (24 ms instead of 116 ms) and is removed again.
Without cpca at all, rules on the suffixes (省, 自治区, 市, 州, 区, 县, 旗) split what they can.
"""

from __future__ import annotations

import importlib.resources
import logging
import re
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

from streamdesk.core.order_types import AddressRow

log = logging.getLogger(__name__)

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_CITY_PLACEHOLDERS = frozenset({"市辖区", "县"})  # city level of a municipality in cpca's table
_DIRECT_COUNTIES = frozenset({"省直辖县级行政区划", "自治区直辖县级行政区划"})
_PLACEHOLDER_WORDS = _DIRECT_COUNTIES | {"市辖区"}  # what some exports write where a level has no name
_SEPARATORS = re.compile(r"[\s,，、]*")
_POSTCODE = re.compile(r"\s*[(（]\s*(\d{6})\s*[)）]\s*$")
_DIVISION_TOKEN = re.compile(r"\S{1,9}(?:区|县|市|旗)")
_STREET_WORDS = frozenset("路街巷道弄桥里大")
_RANK_PROVINCE, _RANK_CITY, _RANK_COUNTY = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Parts:
    province: str = ""
    city: str = ""
    district: str = ""
    end: int = 0  # where the divisions stop and the detail starts


def _import_cpca() -> Any:
    """cpca, or None when it is not installed (the suffix rules take over)."""
    if "pkg_resources" in sys.modules:
        import cpca

        return cpca
    stand_in = types.ModuleType("pkg_resources")

    def resource_stream(package: str, name: str) -> IO[bytes]:
        return importlib.resources.files(package).joinpath(name).open("rb")

    stand_in.resource_stream = resource_stream  # type: ignore[attr-defined]
    sys.modules["pkg_resources"] = stand_in
    try:
        import cpca

        return cpca
    finally:
        if sys.modules.get("pkg_resources") is stand_in:
            del sys.modules["pkg_resources"]


@lru_cache(maxsize=1)
def _cpca() -> Any:
    try:
        return _import_cpca()
    except ImportError:
        log.warning("cpca is not installed: Chinese addresses are split by suffix rules only")
        return None


def _name(cpca: Any, adcode: str) -> str:
    return str(cpca.adcode_name(adcode) or "")


def _library_parts(cpca: Any, text: str) -> _Parts:
    """Walk cpca's matches from the start of ``text`` while they are divisions inside one another."""
    last: Any = None
    end = 0
    for match in cpca.matcher.iter(text):
        if match.start_index < end:
            continue
        if _SEPARATORS.fullmatch(text, end, match.start_index) is None:
            break  # something that is not a division came first: the rest is the street part
        if last is None and match.get_rank() != _RANK_PROVINCE and len(match.attr_infos) > 1:
            # a city or district name shared by several places, with nothing above it: do not guess
            if match.get_rank() == _RANK_COUNTY:
                return _Parts(district=match.attr_infos[0].name, end=match.end_index + 1)
            return _Parts(end=0)
        found = match.get_match_addr(last, None)
        if found is None:
            break
        after = text[match.end_index + 1 : match.end_index + 2]
        if match.origin_value != found.name and after and after in _STREET_WORDS:
            break  # 南京路, 江西大道: a street named after a place, not the place
        last, end = found, match.end_index + 1
        if found.rank == _RANK_COUNTY:
            break
    if last is None:
        return _Parts()
    code: str = last.adcode
    province = _name(cpca, code[:2])
    city = _name(cpca, code[:4]) if last.rank >= _RANK_CITY else ""
    district = _name(cpca, code) if last.rank == _RANK_COUNTY else ""
    if city in _CITY_PLACEHOLDERS or (not city and province in MUNICIPALITIES):
        city = province
    elif city in _DIRECT_COUNTIES:
        city, district = district, ""
    return _Parts(province, city, district, end)


_PROVINCE_RULE = re.compile(
    r"(北京|天津|上海|重庆)市?|(香港|澳门)(?:特别行政区)?|(内蒙古|广西|西藏|宁夏|新疆)\S{0,6}?自治区|(内蒙古|广西|西藏|宁夏|新疆)"
    r"|[^\s省市区县]{2,3}省"
)
_FULL_NAMES = {
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
_CITY_RULE = re.compile(r"[^\s省]{1,10}?(?:自治州|地区|盟|市)")
_DISTRICT_RULE = re.compile(r"[^\s省]{1,10}?(?:区|县|旗|市)")


def _rule_parts(text: str) -> _Parts:
    """Suffix rules, for when cpca is missing: province, city, district only where their suffix says so."""
    position = 0
    province = city = district = ""
    found = _PROVINCE_RULE.match(text)
    if found:
        short = found.group(1) or found.group(2) or found.group(4)
        if found.group(1):
            province = city = short + "市"
        else:
            province = _FULL_NAMES[short] if short else found.group(0)
        position = found.end()
    gap = _SEPARATORS.match(text, position)
    position = gap.end() if gap else position
    if province in MUNICIPALITIES and text.startswith(province, position):
        position = _SEPARATORS.match(text, position + len(province)).end()  # type: ignore[union-attr]
    elif not city:
        found = _CITY_RULE.match(text, position)
        if found:
            city, position = found.group(0), _SEPARATORS.match(text, found.end()).end()  # type: ignore[union-attr]
    found = _DISTRICT_RULE.match(text, position)
    if found and (province or city):
        district, position = found.group(0), found.end()
    return _Parts(province, city, district, position)


def _next_division(text: str, start: int) -> tuple[str, int] | None:
    """A whitespace-delimited division token right after ``start`` (a district newer than cpca's table)."""
    gap = _SEPARATORS.match(text, start)
    position = gap.end() if gap else start
    if position == start and start:
        return None  # only a token set apart by a space or comma, as 淘宝 writes them
    found = _DIVISION_TOKEN.match(text, position)
    if found is None or (found.end() < len(text) and not text[found.end()].isspace()):
        return None
    return found.group(0), found.end()


def split_cn_address(text: str) -> AddressRow:
    """Split one Chinese address into province / city / district / detail (+ postcode); recipient and phone empty.

    Parts that cannot be told for sure stay "" and the text stays in ``detail``: a label with a wrong province is
    worse than one the seller completes.
    """
    cleaned = " ".join(word for word in text.split() if word not in _PLACEHOLDER_WORDS)
    postcode = ""
    found = _POSTCODE.search(cleaned)
    if found:
        cleaned = cleaned[: found.start()]
        postcode = "" if set(found.group(1)) == {"0"} else found.group(1)
    cpca = _cpca()
    parts = _library_parts(cpca, cleaned) if cpca is not None else _rule_parts(cleaned)
    district, end = parts.district, parts.end
    if parts.city and not district:
        extra = _next_division(cleaned, end)
        if extra is not None and extra[0] not in (parts.city, parts.province):
            district, end = extra
    detail = cleaned[end:].strip(" ,，、")
    return AddressRow(
        recipient="",
        phone="",
        province=parts.province,
        city=parts.city,
        district=district,
        detail=detail,
        postcode=postcode,
    )


def split_cn_addresses(texts: Iterable[str]) -> tuple[AddressRow, ...]:
    """split_cn_address over many strings (one import of the division table)."""
    return tuple(split_cn_address(text) for text in texts)
