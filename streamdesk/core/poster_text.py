"""What a poster says, in the poster's language (not the interface's: a Chinese seller may print an English poster).

Dates, the countdown, promotion names, the QR caption and the few fixed words of a poster come from the tables here,
not from tr(): the poster's language is a choice of the poster. Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal

from streamdesk.core.money import exponent
from streamdesk.core.warmup_types import PosterContent, PosterPromotion

LANGUAGES = ("zh_CN", "en")
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "TWD": "NT$"}
_PROMOTIONS = {  # PromotionKind value → (Chinese, English)
    "full_reduction": ("满减", "Spend & save"),
    "full_discount": ("满折", "Multi-buy discount"),
    "special_price": ("特价", "Special price"),
    "flash_sale": ("秒杀", "Flash sale"),
    "lucky_bag": ("福袋", "Lucky bag"),
    "red_packet": ("红包", "Red packets"),
    "lucky_draw": ("抽奖", "Lucky draw"),
    "coupon": ("优惠券", "Coupons"),
}


@dataclass(frozen=True, slots=True)
class PosterWords:
    """The fixed words of a poster in one language."""

    badge: str  # the pill in the header
    deals: str  # the tag in front of the promotions
    live_price: str  # beside a product's price
    caption: str  # under the QR code
    no_date: str  # the date line of a show without a planned start


_WORDS = {
    "zh_CN": PosterWords(
        badge="直播预告", deals="福利", live_price="直播价", caption="扫码预约直播", no_date="开播时间待定"
    ),
    "en": PosterWords(
        badge="LIVE SOON",
        deals="DEALS",
        live_price="Live price",
        caption="Scan to get reminded",
        no_date="Date to be announced",
    ),
}


@dataclass(frozen=True, slots=True)
class PosterTexts:
    """The poster's editable texts; the designer prefills them from ``default_texts``."""

    title: str
    date_line: str
    countdown_line: str
    business_name: str
    promotion: str
    caption: str


def poster_language(language: str) -> str:
    """ "zh_CN" for any Chinese, else "en"."""
    return "zh_CN" if language.lower().startswith("zh") else "en"


def words(language: str) -> PosterWords:
    return _WORDS[poster_language(language)]


def date_line(start: datetime | None, language: str, zone: tzinfo | None = None) -> str:
    """ "12月1日 周一 20:00" / "Mon 1 Dec, 20:00" in ``zone`` (the computer's when None)."""
    if start is None:
        return words(language).no_date
    local = start.astimezone(zone)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if poster_language(language) == "zh_CN":
        return f"{local.month}月{local.day}日 {_WEEKDAYS_ZH[local.weekday()]} {clock}"
    return f"{_WEEKDAYS_EN[local.weekday()]} {local.day} {_MONTHS_EN[local.month - 1]}, {clock}"


def countdown_line(start: datetime | None, now: datetime, language: str, zone: tzinfo | None = None) -> str:
    """By calendar days in ``zone``: "距开播还有 3 天" / "Live in 3 days", "明天开播" / "Live tomorrow",
    "今晚开播" / "Live tonight"; "" without a date or once the start has passed."""
    if start is None or start <= now:
        return ""
    days = (start.astimezone(zone).date() - now.astimezone(zone).date()).days
    chinese = poster_language(language) == "zh_CN"
    if days <= 0:
        evening = start.astimezone(zone).hour >= 17
        if chinese:
            return "今晚开播" if evening else "今天开播"
        return "Live tonight" if evening else "Live today"
    if days == 1:
        return "明天开播" if chinese else "Live tomorrow"
    return f"距开播还有 {days} 天" if chinese else f"Live in {days} days"


def promotion_text(promotion: PosterPromotion, language: str) -> str:
    """The promotion's rule, led by its kind's name unless the rule already says it ("满199减30", "福袋 x20")."""
    zh, en = _PROMOTIONS.get(promotion.kind, ("", ""))
    name = zh if poster_language(language) == "zh_CN" else en
    rule = promotion.rule.strip()
    if not rule:
        return name
    if not name or _says(rule, zh) or (en and en.lower() in rule.lower()):
        return rule
    return f"{name} {rule}"


def _says(rule: str, name: str) -> bool:
    """Whether ``rule`` spells ``name``'s characters in order ("满199减30" says 满减)."""
    position = 0
    for char in name:
        position = rule.find(char, position)
        if position < 0:
            return False
        position += 1
    return bool(name)


def promotions_line(promotions: tuple[PosterPromotion, ...], language: str) -> str:
    """ "福袋 · 满199减30" — each distinct promotion once, in the show's order."""
    parts: list[str] = []
    for promotion in promotions:
        text = promotion_text(promotion, language)
        if text and text not in parts:
            parts.append(text)
    return " · ".join(parts)


def price_text(minor: int | None, currency: str) -> str:
    """ "¥59", "¥1,299", "¥9.90", "$12.50", "USD 12" (no ".00": a poster shows round prices round)."""
    if minor is None:
        return ""
    digits = exponent(currency)
    amount = Decimal(minor).scaleb(-digits)
    shown = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.{digits}f}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{shown}" if symbol else f"{currency} {shown}"


def default_texts(
    content: PosterContent,
    language: str,
    now: datetime,
    zone: tzinfo | None = None,
    *,
    business_name: str = "",
) -> PosterTexts:
    """The texts a poster of ``content`` starts with, in ``language`` ("zh_CN" or "en")."""
    return PosterTexts(
        title=content.title,
        date_line=date_line(content.planned_start, language, zone),
        countdown_line=countdown_line(content.planned_start, now, language, zone),
        business_name=business_name,
        promotion=promotions_line(content.promotions, language),
        caption=words(language).caption,
    )


def needs_cjk(texts: tuple[str, ...]) -> bool:
    """Whether any text has a character only a CJK font draws (ideographs, kana, hangul, full-width forms)."""
    return any(_is_cjk(char) for text in texts for char in text)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # full-width forms (，：！¥)
        or 0x20000 <= code <= 0x3FFFF  # extension B and later
    )
