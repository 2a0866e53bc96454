"""Fixtures of the Live page tests: real services over a fresh SQLite file, a fake timer clock, a seeded show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from page_support import english, runner  # re-exported through __all__

from streamdesk.app import Services, build_services
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.show_runs import ShowRuns
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput, ShowStatus
from streamdesk.db import Database
from streamdesk.ui.pages.live.page import LivePage
from streamdesk.ui.tasks import TaskRunner

# the fixtures, for ``from live_support import *`` in the test modules (helpers are imported by name)
__all__ = ["english", "live", "make_page", "runner"]

CLOCK_START = 1_767_614_400.0  # 2026-01-05 12:00 UTC: in production the timer clock is epoch seconds too


@dataclass
class Live:
    database: Database
    services: Services
    show_runs: ShowRuns
    timer_clock: object  # tests/conftest.FakeClock: ``live.timer_clock.now += 30``
    utc_clock: object

    def restarted_show_runs(self) -> ShowRuns:
        """A new ShowRuns over the same database and clock: what a restarted app builds."""
        return ShowRuns(self.database.sessions, clock=self.utc_clock, timer_clock=self.timer_clock)

    def advance(self, seconds: float) -> None:
        self.timer_clock.now += seconds  # type: ignore[attr-defined]


@pytest.fixture
def live(database, settings, paths, utc_clock, fake_clock) -> Live:
    fake_clock.now = CLOCK_START
    services = build_services(database, settings, paths, clock=utc_clock)
    show_runs = ShowRuns(database.sessions, clock=utc_clock, timer_clock=fake_clock)
    return Live(database, services, show_runs, fake_clock, utc_clock)


def seed_show(
    live: Live, *, title: str = "冰丝防晒衣专场", start: datetime | None = None, segments: bool = True
) -> tuple[int, tuple[int, ...]]:
    """A show with three segments (opening 5:00, pitch 10:00 with two SKUs, flash sale 2:00 with one);
    returns the show id and the SKU ids."""
    catalogue, shows = live.services.catalogue, live.services.shows
    jacket = catalogue.create_product(
        ProductInput(
            title="冰丝防晒衣",
            variants=(
                VariantInput(sku_code="SUN-RED", spec=(("颜色", "红"),), list_price_minor=8900, initial_stock=12),
                VariantInput(sku_code="SUN-BLUE", spec=(("颜色", "蓝"),), list_price_minor=8900, initial_stock=3),
            ),
        )
    )
    tea = catalogue.create_product(
        ProductInput(
            title="Green tea", variants=(VariantInput(sku_code="TEA-500", list_price_minor=3900, initial_stock=40),)
        )
    )
    variants = tuple(v.id for v in catalogue.get_product(jacket).variants) + tuple(
        v.id for v in catalogue.get_product(tea).variants
    )
    show_id = shows.create_show(
        ShowInput(
            title=title,
            planned_start=start or datetime(2026, 1, 5, 12, 30, tzinfo=UTC),
            planned_seconds=17 * 60,
            status=ShowStatus.SCHEDULED,
        )
    )
    if segments:
        for position, segment in enumerate(
            (
                SegmentInput(
                    SegmentKind.OPENING, "Welcome", 5 * 60, talking_points="Say hello; ask viewers to follow."
                ),
                SegmentInput(
                    SegmentKind.PITCH,
                    "Sun jacket pitch",
                    10 * 60,
                    variant_ids=variants[:2],
                    talking_points="UPF 50+, breathable ice silk.",
                    promotion_cue="满199减30 on the jacket",
                ),
                SegmentInput(
                    SegmentKind.FLASH_SALE, "Tea flash sale", 2 * 60, variant_ids=variants[2:], flash_sale_seconds=30
                ),
            )
        ):
            shows.insert_segment(show_id, position, segment)
    return show_id, variants


@pytest.fixture
def make_page(qtbot, live: Live, runner: TaskRunner, settings) -> Callable[..., LivePage]:
    def make(show_runs: ShowRuns | None = None) -> LivePage:
        page = LivePage(live.services.shows, show_runs or live.show_runs, runner, settings, now=live.utc_clock)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow, timeout=5000)  # the clicker keys are shortcuts of the active window
        page.live_view.confirm = lambda _title, _question: True
        return page

    return make
