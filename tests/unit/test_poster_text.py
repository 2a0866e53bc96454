"""Poster words in the poster's language (core/poster_text.py): dates, countdown, promotions, prices."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from poster_support import NOW, SHANGHAI, START, content

from streamdesk.core.poster_text import (
    countdown_line,
    date_line,
    default_texts,
    needs_cjk,
    price_text,
    promotions_line,
)
from streamdesk.core.warmup_types import PosterPromotion


def test_the_date_reads_as_a_chinese_or_english_poster_says_it() -> None:
    assert date_line(START, "zh_CN", SHANGHAI) == "12月1日 周二 20:00"
    assert date_line(START, "en", SHANGHAI) == "Tue 1 Dec, 20:00"
    assert date_line(START, "zh_CN", None) == date_line(START.astimezone(), "zh_CN", None)
    assert date_line(None, "en") == "Date to be announced"
    assert date_line(None, "zh_CN") == "开播时间待定"


@pytest.mark.parametrize(
    ("now", "zh", "en"),
    [
        (NOW, "距开播还有 3 天", "Live in 3 days"),
        (datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI), "明天开播", "Live tomorrow"),
        (datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI), "今晚开播", "Live tonight"),
        (START, "", ""),
        (START + timedelta(hours=1), "", ""),
    ],
)
def test_the_countdown_counts_calendar_days(now: datetime, zh: str, en: str) -> None:
    assert countdown_line(START, now, "zh_CN", SHANGHAI) == zh
    assert countdown_line(START, now, "en", SHANGHAI) == en


def test_an_afternoon_show_is_live_today_not_tonight() -> None:
    afternoon = datetime(2026, 12, 1, 14, 0, tzinfo=SHANGHAI)
    assert countdown_line(afternoon, afternoon - timedelta(hours=3), "zh_CN", SHANGHAI) == "今天开播"
    assert countdown_line(afternoon, afternoon - timedelta(hours=3), "en", SHANGHAI) == "Live today"
    assert countdown_line(None, NOW, "en") == ""


def test_promotions_are_named_once_unless_the_rule_already_says_it() -> None:
    promotions = (
        PosterPromotion("lucky_bag", ""),
        PosterPromotion("full_reduction", "满199减30"),
        PosterPromotion("flash_sale", "9.9元"),
        PosterPromotion("lucky_bag", ""),
        PosterPromotion("coupon", "Coupons worth $5"),
    )
    assert promotions_line(promotions, "zh_CN") == "福袋 · 满199减30 · 秒杀 9.9元 · Coupons worth $5"
    assert promotions_line(promotions, "en") == "Lucky bag · 满199减30 · Flash sale 9.9元 · Coupons worth $5"
    assert promotions_line((), "en") == ""


def test_prices_drop_zero_cents() -> None:
    assert price_text(5900, "CNY") == "¥59"
    assert price_text(129900, "CNY") == "¥1,299"
    assert price_text(990, "CNY") == "¥9.90"
    assert price_text(1250, "USD") == "$12.50"
    assert price_text(1200, "SGD") == "SGD 12"
    assert price_text(500, "JPY") == "¥500"
    assert price_text(None, "CNY") == ""


def test_default_texts_follow_the_posters_language_not_the_interface() -> None:
    show = content(None, 0)
    zh = default_texts(show, "zh_CN", NOW, SHANGHAI, business_name="小美的围巾铺")
    en = default_texts(show, "en", NOW, SHANGHAI)
    assert (zh.title, zh.date_line, zh.countdown_line, zh.caption) == (
        show.title, "12月1日 周二 20:00", "距开播还有 3 天", "扫码预约直播",
    )  # fmt: skip
    assert (zh.business_name, zh.promotion) == ("小美的围巾铺", "福袋 · 满199减30")
    assert (en.date_line, en.countdown_line, en.caption, en.promotion) == (
        "Tue 1 Dec, 20:00", "Live in 3 days", "Scan to get reminded", "Lucky bag · 满199减30",
    )  # fmt: skip


def test_chinese_text_is_recognised() -> None:
    assert needs_cjk(("Winter", "扫码"))
    assert needs_cjk(("¥59，包邮",))
    assert not needs_cjk(("Winter scarves", "¥59 · €12", "Live in 3 days — café"))
