"""The warm-up service (core/warmup.py): seeding, booking links, tasks and their undo, on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from warmup_support import START, Shop, build_shop, later

from streamdesk.core.errors import UserError
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.warmup import Warmup, tag_url
from streamdesk.core.warmup_tasks import BUILT_IN_DEFAULTS
from streamdesk.core.warmup_types import BookingLinkInput, TaskState, WarmupTaskInput
from streamdesk.db import Database
from streamdesk.models.base import ChannelKind, Platform, WarmupTaskKind

MOMENTS = BookingLinkInput(
    ChannelKind.MOMENTS, Platform.CHANNELS, "https://weixin.qq.com/sph/Ab12Cd", tracking_value="pyq"
)
OA = BookingLinkInput(ChannelKind.WECHAT_OA, Platform.CHANNELS, "https://weixin.qq.com/sph/Ef34Gh", label="店铺公众号")


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    return build_shop(database, utc_clock, tmp_path)


def _count(database: Database, table: str) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


# --- seeding ------------------------------------------------------------------------------------------------------
def test_first_open_copies_the_built_in_tasks_once(shop: Shop, database: Database) -> None:
    plan = shop.warmup.open_plan(shop.show_id)
    expected = [t for t in BUILT_IN_DEFAULTS if t.kind is not WarmupTaskKind.PUBLISH_LINK]
    assert [(t.kind, t.offset_minutes) for t in plan.tasks] == [(t.kind, t.offset_minutes) for t in expected]
    assert [t.due_at for t in plan.tasks] == [START + timedelta(minutes=t.offset_minutes) for t in expected]
    shop.warmup.open_plan(shop.show_id)
    assert _count(database, "warmup_tasks") == len(expected)
    for task in plan.tasks:
        shop.warmup.delete_task(task.id)
    assert shop.warmup.open_plan(shop.show_id).tasks == ()  # emptied by the seller: not seeded again


def test_a_saved_template_seeds_new_shows_and_sets_the_publish_offset(shop: Shop) -> None:
    template = (
        WarmupTaskInput(WarmupTaskKind.CUSTOM, -600, "联系嘉宾"),
        WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -1440),
    )
    assert shop.warmup.save_default_template(template) == BUILT_IN_DEFAULTS
    assert shop.warmup.default_template() == template
    shop.warmup.add_link(shop.show_id, MOMENTS)  # the first write seeds too
    tasks = shop.warmup.open_plan(shop.show_id).tasks
    assert [(t.kind, t.title, t.offset_minutes) for t in tasks] == [
        (WarmupTaskKind.PUBLISH_LINK, "", -1440),
        (WarmupTaskKind.CUSTOM, "联系嘉宾", -600),
    ]
    assert shop.warmup.save_default_template(()) == template
    assert shop.warmup.default_template() == BUILT_IN_DEFAULTS  # empty: the built-in defaults again


def test_a_template_refuses_two_publish_rows_and_an_untitled_own_task(shop: Shop) -> None:
    publish = WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -60)
    with pytest.raises(UserError) as raised:
        shop.warmup.save_default_template((publish, publish))
    assert raised.value.code == "warmup.template_publish_twice"
    with pytest.raises(UserError) as raised:
        shop.warmup.save_default_template((WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "  "),))
    assert raised.value.code == "warmup.custom_title_required"
    assert shop.warmup.default_template() == BUILT_IN_DEFAULTS


def test_an_unknown_show_is_reported(shop: Shop) -> None:
    with pytest.raises(UserError) as raised:
        shop.warmup.open_plan(9999)
    assert raised.value.code == "shows.not_found"


# --- links --------------------------------------------------------------------------------------------------------
def test_a_link_remembers_when_it_was_made_and_the_start_it_announces(shop: Shop, utc_clock) -> None:
    link_id = shop.warmup.add_link(shop.show_id, MOMENTS)
    plan = shop.warmup.open_plan(shop.show_id)
    (link,) = plan.links
    assert (link.id, link.made_at, link.announced_start, link.position) == (link_id, utc_clock(), START, 0)
    publish = [t for t in plan.tasks if t.kind is WarmupTaskKind.PUBLISH_LINK]
    assert [(t.booking_link_id, t.channel_kind, t.offset_minutes) for t in publish] == [
        (link_id, ChannelKind.MOMENTS, -2880)
    ]


@pytest.mark.parametrize(
    "url", ["weixin://dl/channels", "ftp://a.b/c", "www.douyin.com/x", "https://", "https://a b.c/"]
)
def test_a_link_must_be_a_web_address(shop: Shop, database: Database, url: str) -> None:
    with pytest.raises(UserError) as raised:
        shop.warmup.add_link(shop.show_id, replace(MOMENTS, url=url))
    assert raised.value.code == "warmup.url_invalid"
    assert _count(database, "booking_links") == 0


def test_tracking_parameter_tags_each_link_with_its_value(shop: Shop) -> None:
    shop.warmup.add_link(shop.show_id, MOMENTS)
    shop.warmup.add_link(shop.show_id, OA)  # no value: untagged
    assert shop.warmup.set_tracking_param(shop.show_id, "from") == ""
    plan = shop.warmup.open_plan(shop.show_id)
    assert plan.tracking_param == "from"
    assert [link.tagged_url for link in plan.links] == ["https://weixin.qq.com/sph/Ab12Cd?from=pyq", OA.url]
    assert shop.warmup.set_tracking_param(shop.show_id, "") == "from"
    assert shop.warmup.open_plan(shop.show_id).links[0].tagged_url == MOMENTS.url
    for bad in ("utm source", "a&b", "x" * 33, "来源"):
        with pytest.raises(UserError) as raised:
            shop.warmup.set_tracking_param(shop.show_id, bad)
        assert raised.value.code == "warmup.tracking_param_invalid"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://v.douyin.com/iRk8mXpA/", "https://v.douyin.com/iRk8mXpA/?src=dy"),
        ("https://a.cn/p?x=1&y=%E4%B8%AD", "https://a.cn/p?x=1&y=%E4%B8%AD&src=dy"),
        ("https://a.cn/p?x=1#/live?id=2", "https://a.cn/p?x=1&src=dy#/live?id=2"),
        ("https://a.cn/p#top", "https://a.cn/p?src=dy#top"),
        ("https://a.cn/p?src=old&x=1&src=older", "https://a.cn/p?src=dy&x=1"),
        ("https://a.cn/p?x=1&src", "https://a.cn/p?x=1&src=dy"),
    ],
)
def test_tag_url_keeps_query_and_fragment_and_replaces_the_same_parameter(url: str, expected: str) -> None:
    assert tag_url(url, "src", "dy") == expected


def test_tag_url_quotes_the_value_and_does_nothing_when_off() -> None:
    assert (
        tag_url("https://a.cn/", "utm_source", "朋友圈 1&2")
        == "https://a.cn/?utm_source=%E6%9C%8B%E5%8F%8B%E5%9C%88%201%262"
    )
    assert tag_url("https://a.cn/?x=1", "", "pyq") == "https://a.cn/?x=1"
    assert tag_url("https://a.cn/?x=1", "src", "") == "https://a.cn/?x=1"


def test_deleting_a_link_and_restoring_it_brings_back_its_place_and_done_task(shop: Shop, utc_clock) -> None:
    first = shop.warmup.add_link(shop.show_id, MOMENTS)
    second = shop.warmup.add_link(shop.show_id, replace(OA, bookings=42))
    third = shop.warmup.add_link(shop.show_id, replace(MOMENTS, label="老客群", kind=ChannelKind.COMMUNITY))
    made = utc_clock()
    publish = next(t for t in shop.warmup.open_plan(shop.show_id).tasks if t.booking_link_id == second)
    utc_clock.advance(hours=2)
    shop.warmup.set_done(publish.id, True)
    before = shop.warmup.open_plan(shop.show_id)

    deleted = shop.warmup.delete_link(second)
    after_delete = shop.warmup.open_plan(shop.show_id)
    assert [link.id for link in after_delete.links] == [first, third]
    assert [link.position for link in after_delete.links] == [0, 1]
    assert all(t.booking_link_id != second for t in after_delete.tasks)

    restored = shop.warmup.restore_link(deleted)
    plan = shop.warmup.open_plan(shop.show_id)
    assert [link.id for link in plan.links] == [first, restored, third]
    back = plan.links[1]
    assert (back.label, back.bookings, back.made_at, back.announced_start) == ("店铺公众号", 42, made, START)
    task = next(t for t in plan.tasks if t.booking_link_id == restored)
    assert (task.state, task.done_at) == (TaskState.DONE, made + timedelta(hours=2))
    assert len(plan.tasks) == len(before.tasks)


def test_links_move_and_bad_positions_are_refused(shop: Shop) -> None:
    ids = [shop.warmup.add_link(shop.show_id, replace(MOMENTS, label=f"群{n}")) for n in range(3)]
    shop.warmup.move_link(shop.show_id, 0, 2)
    assert [link.id for link in shop.warmup.open_plan(shop.show_id).links] == [ids[1], ids[2], ids[0]]
    with pytest.raises(UserError) as raised:
        shop.warmup.move_link(shop.show_id, 0, 3)
    assert raised.value.code == "warmup.bad_position"


def test_update_and_remake_return_what_undo_needs(shop: Shop, utc_clock) -> None:
    link_id = shop.warmup.add_link(shop.show_id, MOMENTS)
    made = utc_clock()
    assert shop.warmup.update_link(link_id, replace(MOMENTS, label="朋友圈A")) == MOMENTS
    shop.shows.update_show(
        shop.show_id, replace(shop.shows.get_show(shop.show_id).to_input(), planned_start=START + timedelta(hours=3))
    )
    utc_clock.advance(hours=1)
    assert shop.warmup.remake_link(link_id, "https://weixin.qq.com/sph/New999") == (made, START)
    link = shop.warmup.open_plan(shop.show_id).links[0]
    assert (link.made_at, link.announced_start, link.url, link.label) == (
        utc_clock(),
        START + timedelta(hours=3),
        "https://weixin.qq.com/sph/New999",
        "朋友圈A",
    )
    assert shop.warmup.set_made(link_id, made, START) == (utc_clock(), START + timedelta(hours=3))
    assert shop.warmup.open_plan(shop.show_id).links[0].announced_start == START


def test_booking_counts_are_set_summed_and_refused_when_negative(shop: Shop) -> None:
    a = shop.warmup.add_link(shop.show_id, MOMENTS)
    b = shop.warmup.add_link(shop.show_id, OA)
    assert shop.warmup.total_bookings(shop.show_id) is None
    assert shop.warmup.set_bookings(a, 120) is None
    assert shop.warmup.set_bookings_many([(a, 130), (b, 7)]) == ((a, 120), (b, None))
    assert shop.warmup.total_bookings(shop.show_id) == 137
    assert shop.warmup.open_plan(shop.show_id).total_bookings == 137
    with pytest.raises(UserError) as raised:
        shop.warmup.set_bookings(b, -1)
    assert raised.value.code == "warmup.bookings_negative"
    assert shop.warmup.total_bookings(shop.show_id) == 137


# --- tasks --------------------------------------------------------------------------------------------------------
def test_deleting_a_task_and_restoring_it_puts_it_back_in_place(shop: Shop, utc_clock) -> None:
    tasks = shop.warmup.open_plan(shop.show_id).tasks
    by_position = sorted(tasks, key=lambda t: t.position)
    middle = by_position[2]
    shop.warmup.set_done(middle.id, True)
    show_id, position, task, done_at = shop.warmup.delete_task(middle.id)
    assert (show_id, position, task, done_at) == (shop.show_id, 2, middle.to_input(), utc_clock())
    assert [t.position for t in sorted(shop.warmup.open_plan(shop.show_id).tasks, key=lambda t: t.position)] == [
        0,
        1,
        2,
        3,
    ]
    new_id = shop.warmup.restore_task(show_id, position, task, done_at)
    again = sorted(shop.warmup.open_plan(shop.show_id).tasks, key=lambda t: t.position)
    assert [t.kind for t in again] == [t.kind for t in by_position]
    assert (again[2].id, again[2].done_at, again[2].state) == (new_id, utc_clock(), TaskState.DONE)


def test_a_links_publish_task_goes_only_with_its_link(shop: Shop) -> None:
    link_id = shop.warmup.add_link(shop.show_id, MOMENTS)
    publish = next(t for t in shop.warmup.open_plan(shop.show_id).tasks if t.booking_link_id == link_id)
    for call in (
        lambda: shop.warmup.delete_task(publish.id),
        lambda: shop.warmup.update_task(publish.id, WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "x")),
        lambda: shop.warmup.add_task(shop.show_id, WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -60)),
    ):
        with pytest.raises(UserError):
            call()
    previous = shop.warmup.update_task(publish.id, WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -90, "发朋友圈"))
    assert previous == WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -2880)


def test_add_and_update_tasks_check_their_fields(shop: Shop) -> None:
    task_id = shop.warmup.add_task(shop.show_id, WarmupTaskInput(WarmupTaskKind.CUSTOM, -120, "  试播  ", "测试链接"))
    row = next(t for t in shop.warmup.open_plan(shop.show_id).tasks if t.id == task_id)
    assert (row.title, row.notes, row.due_at) == ("试播", "测试链接", START - timedelta(hours=2))
    with pytest.raises(UserError) as raised:
        shop.warmup.update_task(task_id, WarmupTaskInput(WarmupTaskKind.CUSTOM, -61 * 24 * 60, "试播"))
    assert raised.value.code == "warmup.offset_out_of_range"
    assert (
        shop.warmup.update_task(task_id, WarmupTaskInput(WarmupTaskKind.CUSTOM, -60 * 24 * 60, "试播")).offset_minutes
        == -120
    )


def test_tasks_are_listed_by_due_time_with_their_states(shop: Shop, utc_clock) -> None:
    utc_clock.current = later(hours=-5, minutes=-10)  # ads_prepare (T-5 h) due in 10 minutes
    tasks = shop.warmup.open_plan(shop.show_id).tasks
    assert [t.kind for t in tasks] == [
        WarmupTaskKind.TEASER_VIDEO,
        WarmupTaskKind.POSTERS,
        WarmupTaskKind.ADS_PREPARE,
        WarmupTaskKind.ADS_LIVE,
        WarmupTaskKind.PREVIEW_LOOP,
    ]
    assert [t.state for t in tasks] == [
        TaskState.OVERDUE,
        TaskState.OVERDUE,
        TaskState.DUE_SOON,
        TaskState.PENDING,
        TaskState.PENDING,
    ]
    assert shop.warmup.set_done(tasks[0].id, True) is None
    first_done = utc_clock()
    utc_clock.advance(minutes=5)
    assert shop.warmup.set_done(tasks[0].id, True) == first_done  # ticking again keeps the first time
    assert shop.warmup.set_done(tasks[0].id, False) == first_done
    assert shop.warmup.set_done_at(tasks[0].id, first_done) is None
    assert shop.warmup.open_plan(shop.show_id).tasks[0].state is TaskState.DONE


def test_a_show_without_a_start_has_unscheduled_tasks(shop: Shop) -> None:
    show_id = shop.shows.create_show(ShowInput(title="待定", status=ShowStatus.DRAFT))
    tasks = shop.warmup.open_plan(show_id).tasks
    assert tasks and all(t.state is TaskState.UNSCHEDULED and t.due_at is None for t in tasks)


# --- poster settings ----------------------------------------------------------------------------------------------
def test_poster_settings_round_trip_as_a_json_object(shop: Shop) -> None:
    assert shop.warmup.poster_settings(shop.show_id) == "{}"
    shop.warmup.save_poster_settings(shop.show_id, '{"template": "a4", "theme": "warm"}')
    assert shop.warmup.poster_settings(shop.show_id) == '{"template": "a4", "theme": "warm"}'
    for bad in ("[1, 2]", "{oops", ""):
        with pytest.raises(UserError) as raised:
            shop.warmup.save_poster_settings(shop.show_id, bad)
        assert raised.value.code == "warmup.poster_settings_invalid"
    assert shop.warmup.poster_settings(shop.show_id) == '{"template": "a4", "theme": "warm"}'


def test_a_second_service_on_the_same_file_sees_the_writes(shop: Shop, database: Database, utc_clock) -> None:
    shop.warmup.add_link(shop.show_id, MOMENTS)
    other = Warmup(database.sessions, clock=utc_clock, catalogue_images=None)
    assert [link.url for link in other.open_plan(shop.show_id).links] == [MOMENTS.url]


def test_deleting_a_show_removes_its_warm_up(shop: Shop, database: Database) -> None:
    shop.warmup.open_plan(shop.show_id)
    shop.warmup.add_link(
        shop.show_id, BookingLinkInput(ChannelKind.MOMENTS, Platform.CHANNELS, "https://channels.weixin.qq.com/x")
    )
    assert _count(database, "warmup_tasks") > 0 and _count(database, "booking_links") == 1

    shop.shows.delete_show(shop.show_id)

    assert [_count(database, t) for t in ("warmup_tasks", "booking_links", "warmup_settings")] == [0, 0, 0]


def test_upcoming_scheduled_shows_get_their_tasks_without_being_opened(shop: Shop, database: Database) -> None:
    soon = shop.shows.create_show(
        ShowInput(title="Soon", planned_start=later(days=-1), planned_seconds=3600, status=ShowStatus.SCHEDULED)
    )
    shop.shows.create_show(  # too far ahead: prepared later
        ShowInput(title="Later", planned_start=later(days=30), planned_seconds=3600, status=ShowStatus.SCHEDULED)
    )
    shop.shows.create_show(ShowInput(title="Draft", planned_start=later(days=-2), status=ShowStatus.DRAFT))
    assert _count(database, "warmup_tasks") == 0

    prepared = shop.warmup.prepare_upcoming()

    # the fixture's own show (three days ahead, scheduled) and "Soon"; each once
    assert prepared == 2 and shop.warmup.prepare_upcoming() == 0
    assert len(shop.warmup.open_plan(soon).tasks) == len(BUILT_IN_DEFAULTS) - 1  # the publish row waits for links
    # "Soon" starts in two days: its teaser (three days ahead) is a day late and is announced
    assert any(task.show_id == soon and task.overdue for task in shop.warmup.due_tasks())
