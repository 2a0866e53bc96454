"""Privacy mode: hide buyers' names, phone numbers and street addresses while the screen is shared on stream.

The masking functions are pure (``mask_name("张三") == "张*"``). ``Privacy`` is the switch: the main window owns one
(``window.privacy``, toggled with Ctrl+Shift+H and remembered in the settings) and hands it to every page that has a
``set_privacy`` method; a page routes each name, phone and address it shows through it and redraws on ``toggled``.
Nicknames are not masked: they are public on the stream already. Masking is display only: exports (an explicit act)
write the real data.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal

MASK = "*"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_DIGIT = re.compile(r"\d")
_COUNTRY_CODE = re.compile(r"((?:\+|00)(?:86(?=1\d{10}$)|\d{1,3}[\s-]+))")
# A Chinese address starts with its province (or a municipality / SAR) and then its city or prefecture.
_PROVINCE = re.compile(
    r"\s*((?:北京|上海|天津|重庆)市?|(?:香港|澳门)(?:特别行政区)?|[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区))\s*"
)
# a prefecture-level city, never a district, county, street or village written before one
_CITY = re.compile(r"\s*((?:(?![区县路街镇乡村号])[\u4e00-\u9fff]){1,9}?(?:自治州|地区|盟|市))\s*")
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


def mask_name(name: str) -> str:
    """Keep the first character of a Chinese name ("张三" → "张*", "欧阳娜娜" → "欧***") and the first letter of each
    word of a Latin one ("John Smith" → "J*** S****"). A value already masked is returned as it is."""
    name = name.strip()
    if not name or MASK in name:
        return name
    if _CJK.search(name) or " " not in name:
        return name[0] + MASK * (len(name) - 1) if len(name) > 1 else MASK
    return " ".join(word[0] + MASK * (len(word) - 1) for word in name.split())


def mask_phone(phone: str) -> str:
    """Keep the first three and the last four digits ("13812341234" → "138****1234", "010-12345678" →
    "010-****5678"); separators stay where they are. Short numbers keep their last two digits only."""
    phone = phone.strip()
    if not phone or MASK in phone:
        return phone
    country = _COUNTRY_CODE.match(phone)
    if country is not None:  # "+86 138…", "+8613812341234": the country code is no secret
        return country.group(1) + mask_phone(phone[country.end(1) :])
    digits = len(_DIGIT.findall(phone))
    if digits == 0:
        return MASK * len(phone)
    keep_head, keep_tail = (3, 4) if digits >= 8 else (0, 2 if digits > 2 else 0)
    masked, seen = [], 0
    for char in phone:
        if char.isdigit():
            seen += 1
            shown = seen <= keep_head or seen > digits - keep_tail
            masked.append(char if shown else MASK)
        else:
            masked.append(char)
    return "".join(masked)


def mask_address(address: str) -> str:
    """Keep the province and city of a Chinese address and hide the rest ("浙江省杭州市西湖区文三路100号" →
    "浙江省杭州市****"; spaced "浙江省 杭州市 西湖区" → "浙江省 杭州市 ****"). An address of another country keeps its
    last comma-separated part (city, or country) only: "221B Baker Street, London" → "****, London"."""
    text = address.strip()
    if not text or MASK * 4 in text:
        return text
    if not _CJK.search(text):
        parts = [part.strip() for part in re.split(r"[,，]", text)]
        return f"{MASK * 4}, {parts[-1]}" if len(parts) > 1 and parts[-1] else MASK * 4
    end = 0
    province = _PROVINCE.match(text)
    if province is not None:
        end = province.end()
        name = province.group(1)
        city = _CITY.match(text, end)
        municipality = name.startswith(_MUNICIPALITIES)
        if city is not None and (not municipality or city.group(1).rstrip("市") == name.rstrip("市")):
            end = city.end()  # a municipality is its own city; some exports write it twice
    else:
        city = _CITY.match(text)
        end = city.end() if city is not None else 0
    kept = text[:end]
    if end >= len(text):
        return text
    return kept + MASK * 4


class Privacy(QObject):
    """The privacy switch of one main window: pages ask it how to show personal data and listen to ``toggled``."""

    toggled = Signal(bool)

    def __init__(self, enabled: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Switch the mode; ``toggled`` is emitted only when it changes."""
        if enabled == self._enabled:
            return
        self._enabled = enabled
        self.toggled.emit(enabled)

    def toggle(self) -> None:
        self.set_enabled(not self._enabled)

    def name(self, text: str) -> str:
        """``text`` as it may be shown now: masked in privacy mode."""
        return mask_name(text) if self._enabled else text

    def phone(self, text: str) -> str:
        return mask_phone(text) if self._enabled else text

    def address(self, text: str) -> str:
        return mask_address(text) if self._enabled else text
