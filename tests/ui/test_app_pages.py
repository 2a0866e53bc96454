"""The real pages in the real main window over one database: each opens, and a live run started on the Live page
reaches the Shows page through the window's relay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from streamdesk.app import build_services
from streamdesk.config import Settings
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput, ShowStatus
from streamdesk.ui.app_pages import default_pages
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shut_down()


def test_sidebar_has_every_page_in_the_shows_order_and_each_opens(qtbot, database, paths, runner, tmp_path) -> None:
    settings = Settings(language="en")
    services = build_services(database, settings, paths)
    start = datetime.now(UTC) + timedelta(hours=2)
    show_id = services.shows.create_show(
        ShowInput(title="Friday night", planned_start=start, planned_seconds=3600, status=ShowStatus.SCHEDULED)
    )
    services.shows.replace_segments(show_id, [SegmentInput(SegmentKind.OPENING, "Welcome", 300)])
    window = MainWindow(
        default_pages(services, runner),
        runner,
        settings=settings,
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label=str(tmp_path / "shop.sqlite3"),
        log_file=paths.log_dir / "streamdesk.log",
    )
    qtbot.addWidget(window)
    keys = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert keys == ["Catalogue", "Shows", "Pre-flight", "Warm-up", "Live", "Orders", "Review", "Advice"]
    for key in ("shows", "preflight", "warmup", "live", "orders", "review", "advice", "catalogue"):
        page = window.show_page(key)
        assert window.stack.currentWidget() is page
    live = window.page("live")
    assert live is not None and type(live).__name__ == "LivePage"
    warmup = window.page("warmup")
    assert warmup is not None and type(warmup).__name__ == "WarmupPage"
    assert warmup.tabs.count() == 3  # booking links, tasks and the poster designer
    review = window.page("review")
    assert review is not None and type(review).__name__ == "ReviewPage"
    advice = window.page("advice")
    assert advice is not None and type(advice).__name__ == "AdvicePage"
    with qtbot.waitSignal(window.show_started, timeout=2000) as started:
        live.show_started.emit(show_id)
    assert started.args == [show_id]
