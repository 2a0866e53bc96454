"""The demo shop's warm-up (core/demo_warmup.py): links per channel with real-looking URLs, tasks, counts, rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.show_types import Platform, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.core.warmup import Warmup
from streamdesk.core.warmup_types import TaskState
from streamdesk.db import open_database
from streamdesk.models.base import ChannelKind

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
HOSTS = {
    Platform.DOUYIN: "v.douyin.com",
    Platform.CHANNELS: "weixin.qq.com",
    Platform.KUAISHOU: "v.kuaishou.com",
    Platform.TAOBAO: "m.tb.cn",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shows, Warmup]]:
    path = tmp_path_factory.mktemp("demo-warmup") / "shop.sqlite3"
    summary = run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    database = open_database(path)
    images = summary.images_dir
    yield (
        Shows(database.sessions, clock=lambda: NOW),
        Warmup(database.sessions, clock=lambda: NOW, catalogue_images=lambda name: Path(images) / name),
    )
    database.dispose()


def test_every_demo_show_has_links_on_its_own_platforms(demo: tuple[Shows, Warmup]) -> None:
    shows, warmup = demo
    for show in shows.list_shows():
        plan = warmup.open_plan(show.id)
        assert len(plan.links) >= 2
        assert {link.platform for link in plan.links} <= set(show.platforms)
        kinds = [link.kind for link in plan.links]
        assert len(kinds) == len(set(kinds))  # one link per channel
        for link in plan.links:
            parts = urlsplit(link.url)
            assert parts.scheme == "https" and parts.netloc == HOSTS[link.platform]
            assert link.made_at <= NOW and link.made_at < (show.planned_start or NOW)
        publish = [t for t in plan.tasks if t.booking_link_id is not None]
        assert sorted(t.booking_link_id for t in publish) == sorted(link.id for link in plan.links)


def test_streamed_shows_have_counts_and_finished_tasks(demo: tuple[Shows, Warmup]) -> None:
    shows, warmup = demo
    done = shows.list_shows(status=ShowStatus.DONE)
    assert done
    for show in done:
        plan = warmup.open_plan(show.id)
        assert all(link.bookings is not None and link.bookings > 0 for link in plan.links)
        assert plan.total_bookings == sum(link.bookings or 0 for link in plan.links)
        assert all(t.state is TaskState.DONE and t.done_at is not None and t.done_at <= NOW for t in plan.tasks)
    for show in shows.list_shows():
        if show.status is not ShowStatus.DONE:
            assert warmup.total_bookings(show.id) is None


def test_the_next_show_has_done_pending_and_one_overdue_task(demo: tuple[Shows, Warmup]) -> None:
    shows, warmup = demo
    upcoming = [s for s in shows.list_shows() if s.planned_start and s.planned_start > NOW]
    states = [t.state for t in warmup.open_plan(upcoming[0].id).tasks]
    assert TaskState.DONE in states and TaskState.OVERDUE in states and TaskState.PENDING in states
    assert any(d.show_id == upcoming[0].id and d.overdue for d in warmup.due_tasks())


def test_one_show_tracks_its_links_and_one_shows_the_channels_rule(demo: tuple[Shows, Warmup]) -> None:
    shows, warmup = demo
    plans = [warmup.open_plan(show.id) for show in shows.list_shows()]
    tracked = [plan for plan in plans if plan.tracking_param]
    assert [plan.show_title for plan in tracked] == ["冬日居家好物"]
    assert all("utm_source=" in link.tagged_url for link in tracked[0].links)
    assert all(link.tagged_url == link.url for plan in plans if not plan.tracking_param for link in plan.links)
    warned = {(plan.show_title, w.code) for plan in plans for w in plan.warnings}
    assert warned == {("珍珠饰品专场", "channels_start_moved")}


def test_demo_posters_have_products_with_pictures_and_a_qr_link(demo: tuple[Shows, Warmup]) -> None:
    shows, warmup = demo
    for show in shows.list_shows():
        content = warmup.poster_content(show.id)
        assert content.url.startswith("https://") and content.products
        assert all(Path(p.image_path).is_file() for p in content.products)
        if Platform.CHANNELS in show.platforms:
            assert content.channel_kind is ChannelKind.POSTER
