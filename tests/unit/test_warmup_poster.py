"""What a poster says (Warmup.poster_content): products chosen or from the rundown, pictures, the link for the QR."""

from __future__ import annotations

from pathlib import Path

import pytest
from warmup_support import START, Shop, build_shop

from streamdesk.core.errors import UserError
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.warmup import Warmup
from streamdesk.core.warmup_types import BookingLinkInput, PosterPromotion
from streamdesk.db import Database
from streamdesk.models.base import ChannelKind, Platform


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    return build_shop(database, utc_clock, tmp_path)


def test_without_a_choice_the_rundowns_first_six_distinct_products_are_shown(shop: Shop) -> None:
    content = shop.warmup.poster_content(shop.show_id)
    v = shop.variants
    # Rundown order: product 3; product 0 (its second spec first, so that one), product 1; then 2, 4, 5, 6, 7.
    assert [p.variant_id for p in content.products] == [v[3], shop.second_spec, v[1], v[2], v[4], v[5]]
    assert (content.title, content.theme, content.planned_start, content.currency) == (
        "周末宠粉专场",
        "零食囤货",
        START,
        "CNY",
    )
    assert content.promotions == (
        PosterPromotion("lucky_bag", "整点福袋"),
        PosterPromotion("full_reduction", "满199减30"),
    )


def test_products_carry_live_price_or_list_price_and_their_picture(shop: Shop) -> None:
    v = shop.variants
    content = shop.warmup.poster_content(shop.show_id, variant_ids=[v[0], v[1], v[2], v[0]])
    first, no_picture, no_live = content.products
    assert (first.title, first.spec_label, first.live_price_minor, first.list_price_minor) == ("商品0", "红", 900, 1000)
    assert Path(first.image_path).is_absolute() and Path(first.image_path).is_file()
    assert Path(first.image_path).parent == shop.images_dir.resolve()
    assert no_picture.image_path == ""
    assert (no_live.live_price_minor, no_live.list_price_minor) == (1002, 1002)


def test_at_most_six_chosen_products_and_missing_ones_are_left_out(shop: Shop) -> None:
    chosen = [99999, *shop.variants]
    content = shop.warmup.poster_content(shop.show_id, variant_ids=chosen)
    assert [p.variant_id for p in content.products] == list(shop.variants[:5])
    assert shop.warmup.poster_content(shop.show_id, variant_ids=[]).products == ()


def test_a_missing_picture_file_or_no_resolver_gives_no_path(shop: Shop, database: Database, utc_clock) -> None:
    blind = Warmup(database.sessions, clock=utc_clock, catalogue_images=None)
    assert all(p.image_path == "" for p in blind.poster_content(shop.show_id).products)
    assert any(p.image_path for p in shop.warmup.poster_content(shop.show_id).products)
    for picture in shop.images_dir.glob("*.png"):
        picture.unlink()
    assert all(p.image_path == "" for p in shop.warmup.poster_content(shop.show_id).products)


def test_a_show_without_a_rundown_has_no_products(shop: Shop) -> None:
    show_id = shop.shows.create_show(ShowInput(title="空", status=ShowStatus.DRAFT))
    content = shop.warmup.poster_content(show_id)
    assert (content.products, content.url, content.link_id, content.planned_start) == ((), "", None, None)


def test_the_qr_link_is_the_chosen_one_else_the_poster_channels_else_the_first(shop: Shop) -> None:
    moments = BookingLinkInput(
        ChannelKind.MOMENTS, Platform.CHANNELS, "https://weixin.qq.com/sph/M1", tracking_value="pyq"
    )
    poster = BookingLinkInput(
        ChannelKind.POSTER, Platform.CHANNELS, "https://weixin.qq.com/sph/P1", tracking_value="hb"
    )
    first = shop.warmup.add_link(shop.show_id, moments)
    assert shop.warmup.poster_content(shop.show_id).link_id == first
    printed = shop.warmup.add_link(shop.show_id, poster)
    shop.warmup.set_tracking_param(shop.show_id, "src")
    content = shop.warmup.poster_content(shop.show_id)
    assert (content.link_id, content.channel_kind, content.platform, content.url) == (
        printed,
        ChannelKind.POSTER,
        Platform.CHANNELS,
        "https://weixin.qq.com/sph/P1?src=hb",
    )
    chosen = shop.warmup.poster_content(shop.show_id, link_id=first)
    assert (chosen.link_id, chosen.url) == (first, "https://weixin.qq.com/sph/M1?src=pyq")
    other_show = shop.shows.create_show(ShowInput(title="别的", status=ShowStatus.DRAFT))
    with pytest.raises(UserError) as raised:
        shop.warmup.poster_content(other_show, link_id=first)
    assert raised.value.code == "warmup.link_not_found"
