"""The Live page: show picker, going live and rehearsing, the running display and its keys, ending, planned vs
actual with its CSV export, and resuming a run after the page (or the app) went away."""

from __future__ import annotations

import csv

import shiboken6
from live_support import *  # noqa: F403 - the shared fixtures
from live_support import seed_show
from PySide6.QtCore import Qt

from streamdesk.config import Settings
from streamdesk.core.live_timer import Phase
from streamdesk.core.show_types import RunKind, ShowInput, ShowStatus, ShowSummary
from streamdesk.ui.pages.live.planned_actual_model import PlannedActualColumn
from streamdesk.ui.widgets.show_picker import picker_order


def loaded_page(qtbot, make_page, **kwargs):
    page = make_page(**kwargs)
    qtbot.waitUntil(lambda: page.current_rundown() is not None, timeout=5000)
    return page


def go(qtbot, page, kind: RunKind = RunKind.LIVE):
    with qtbot.waitSignal(page.run_opened, timeout=5000):
        (page.go_live if kind is RunKind.LIVE else page.rehearse)()
    return page.live_view.run()


def test_no_shows_shows_the_way_to_the_shows_page(qtbot, make_page) -> None:
    page = make_page()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty_state, timeout=5000)
    assert page.stack.currentWidget() is page.empty_state
    assert "Shows page" in page.empty_state.text()
    assert not page.go_live_button.isEnabled()


def test_picker_lists_the_show_and_its_rundown(qtbot, live, make_page, qtmodeltester) -> None:
    show_id, _ = seed_show(live)
    page = loaded_page(qtbot, make_page)
    assert page.picker.current_show_id() == show_id
    assert "冰丝防晒衣专场" in page.picker.currentText()
    assert page.prepare_view.model.rowCount() == 3
    qtmodeltester.check(page.prepare_view.model)
    assert page.go_live_button.isEnabled() and page.rehearse_button.isEnabled()
    assert not page.prepare_view.resume_bar.isVisibleTo(page)


def test_going_live_shows_segment_one_with_its_full_time_until_space_starts_it(qtbot, live, make_page) -> None:
    show_id, _ = seed_show(live)
    page = loaded_page(qtbot, make_page)
    with qtbot.waitSignal(page.show_started, timeout=5000) as started:
        run = go(qtbot, page)
    assert started.args == [show_id]
    view = page.live_view
    assert page.stack.currentWidget() is view
    assert view.display.title.text() == "Welcome"
    assert view.display.digits.text() == "5:00"
    assert run.state().phase is Phase.READY
    assert not view.rehearsal_banner.isVisibleTo(page)
    assert live.services.shows.get_show(show_id).status is ShowStatus.LIVE

    qtbot.keyClick(view, Qt.Key.Key_Space)
    live.advance(65.4)
    view.refresh()
    assert view.display.digits.text() == "3:55"  # 234.6 s left, rounded up
    assert view.display.show_clock.text().endswith(" 1:05")  # the show clock
    assert view.display.colours().background.name() == "#0b4f33"  # the normal phase's green


def test_clicker_keys_move_between_segments_and_add_time(qtbot, live, make_page, qtmodeltester) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.display.title.text() == "Sun jacket pitch"
    assert view.segment_panel.products_model.rowCount() == 2
    qtmodeltester.check(view.segment_panel.products_model)
    assert view.segment_panel.promotion_cue.text() == "满199减30 on the jacket"
    assert "UPF 50+" in view.segment_panel.talking_points.toPlainText()
    assert view.display.next_title.text().startswith("Next: Tea flash sale")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.display.title.text() == "Tea flash sale"
    assert view.display.next_title.text() == "Last segment"
    assert view.controls.flash_sale_button.text() == "Flash sale 30 s"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.display.title.text() == "Sun jacket pitch"
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.display.digits.text() == "11:00"
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.display.digits.text() == "9:00"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.display.title.text() == "Welcome"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.display.status.text() == "Paused"
    assert view.run().state().running is False


def test_over_time_colours_and_projected_end(qtbot, live, make_page) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    live.advance(5 * 60 + 12)
    view.refresh()
    assert view.display.digits.text() == "+0:12"
    assert view.display.status.text() == "Over time"
    assert view.display.over_under.text() == "0:12 behind"
    assert view.display.colours().background.name() in ("#5a0000", "#e53935")  # overtime (flashing)


def test_a_timer_command_refused_says_why(qtbot, live, make_page) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    view.previous_segment()  # already the first segment
    assert page.messages.text() == "This is the first segment."


def finish(qtbot, page):
    with qtbot.waitSignal(page.review_view.loaded, timeout=5000):
        page.live_view.end_show()


def test_ending_the_show_shows_planned_vs_actual(qtbot, live, make_page, qtmodeltester) -> None:
    show_id, _ = seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    live.advance(5 * 60 + 30)  # the opening runs 30 s over
    view.next_segment()
    view.adjust(60)
    live.advance(8 * 60)  # the pitch ends 3 min early (11:00 after the added minute)
    view.next_segment()
    live.advance(2 * 60)
    finish(qtbot, page)
    assert page.stack.currentWidget() is page.review_view
    assert page.picker_bar.isVisible()
    model = page.review_view.model
    qtmodeltester.check(model)
    assert model.rowCount() == 3

    def cell(row: int, column: PlannedActualColumn) -> str:
        return model.index(row, int(column)).data()

    assert [cell(0, c) for c in PlannedActualColumn] == ["1", "Welcome", "Opening", "5:00", "5:00", "5:30", "+0:30"]
    assert [cell(1, c) for c in PlannedActualColumn][3:] == ["10:00", "11:00", "8:00", "−3:00"]
    assert cell(2, PlannedActualColumn.OVER_UNDER) == "0:00"
    over = model.index(0, int(PlannedActualColumn.OVER_UNDER)).data(Qt.ItemDataRole.ForegroundRole).color().name()
    under = model.index(1, int(PlannedActualColumn.OVER_UNDER)).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert (over, under) == ("#c62828", "#2e7d32")
    assert "2:30 ahead" in page.review_view.totals.text()
    assert live.services.shows.get_show(show_id).status is ShowStatus.DONE
    assert live.show_runs.unfinished() == ()


def test_export_csv_writes_the_table(qtbot, live, make_page, tmp_path) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    page.live_view.toggle()
    live.advance(100)
    finish(qtbot, page)
    target = tmp_path / "review.csv"
    with qtbot.waitSignal(page.review_view.exported, timeout=5000):
        page.review_view.export_csv(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["#", "Segment", "Kind"]
    assert [row[1] for row in rows[1:]] == ["Welcome", "Sun jacket pitch", "Tea flash sale"]
    assert rows[1][7] == "100"  # actual seconds of the opening
    assert "Saved planned vs actual" in page.messages.text()


def test_rehearsal_is_marked_and_leaves_the_show_status_alone(qtbot, live, make_page) -> None:
    show_id, _ = seed_show(live)
    page = loaded_page(qtbot, make_page)
    with qtbot.assertNotEmitted(page.show_started):
        run = go(qtbot, page, RunKind.REHEARSAL)
    assert run.kind is RunKind.REHEARSAL
    assert page.live_view.rehearsal_banner.isVisible()
    assert "nothing is recorded as a real show" in page.live_view.rehearsal_banner.text()
    page.live_view.toggle()
    live.advance(30)
    assert live.services.shows.get_show(show_id).status is ShowStatus.SCHEDULED
    finish(qtbot, page)
    assert live.services.shows.get_show(show_id).status is ShowStatus.SCHEDULED
    assert page.review_view.discard_button.isVisibleTo(page)
    with qtbot.waitSignal(page.review_view.discarded, timeout=5000):
        page.review_view.discard_rehearsal()
    assert live.show_runs.runs(show_id) == ()


def test_a_new_page_offers_the_unfinished_run_and_resumes_it_where_the_clock_is(qtbot, live, make_page) -> None:
    from datetime import UTC, datetime

    show_id, _ = seed_show(live)
    first = loaded_page(qtbot, make_page)
    go(qtbot, first)
    first.live_view.toggle()
    live.advance(5 * 60 + 10)
    first.live_view.next_segment()
    live.advance(100)
    first.close()
    first.deleteLater()  # the app went away mid-segment
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)
    live.advance(20)  # ... and stayed away for 20 s: the segment kept running

    earlier = ShowInput(title="Earlier show", planned_start=datetime(2026, 1, 5, 12, 10, tzinfo=UTC))
    live.services.shows.create_show(earlier)  # first in the picker, but the show on air is what reopens

    page = loaded_page(qtbot, make_page, show_runs=live.restarted_show_runs())
    assert page.picker.current_show_id() == show_id
    assert page.prepare_view.resume_bar.isVisible()
    assert "never ended" in page.prepare_view.resume_text.text()
    assert not page.go_live_button.isEnabled()
    with qtbot.waitSignal(page.run_opened, timeout=5000):
        page.prepare_view.resume_button.click()
    view = page.live_view
    assert view.display.title.text() == "Sun jacket pitch"
    assert view.display.digits.text() == "8:00"  # 10:00 minus 100 s before and 20 s after the crash
    assert view.run().state().running
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.display.title.text() == "Tea flash sale"


def test_products_refresh_when_stock_changes_elsewhere(qtbot, live, make_page) -> None:
    from streamdesk.core.catalogue_types import StockReason

    _, variants = seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    view.next_segment()
    model = view.segment_panel.products_model
    assert model.index(0, 3).data() == "12"
    live.services.catalogue.adjust_stock([(variants[0], -12)], StockReason.ADJUSTMENT)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        page._on_stock_changed()
    qtbot.waitUntil(lambda: model.index(0, 3).data() == "Sold out", timeout=5000)


def test_a_flash_sale_counts_down_on_the_flash_sale_segment_only(qtbot, live, make_page) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    assert not view.controls.flash_sale_button.isVisibleTo(page)  # the opening is no flash sale
    view.jump(2)
    assert view.controls.flash_sale_button.isVisibleTo(page)
    assert view.controls.flash_sale_button.text() == "Flash sale 30 s"
    view.controls.flash_sale_button.click()
    widget = view.display.flash_sale
    assert widget.isVisibleTo(page) and widget.digits.text() == "0:30"
    live.advance(25)
    view.refresh()
    assert widget.digits.text() == "5.0"  # tenths in the last ten seconds
    assert view.controls.flash_sale_button.text() == "Cancel flash sale"
    view.controls.flash_sale_button.click()
    assert not widget.isVisibleTo(page)
    assert view.controls.flash_sale_button.text() == "Flash sale 30 s"


def test_the_presenter_window_follows_the_run_and_f11_makes_it_full_screen(qtbot, live, make_page) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    presenter = view.open_presenter()
    assert presenter is not None and presenter.isVisible()
    assert presenter.display.digits.text() == view.display.digits.text() == "5:00"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert presenter.display.title.text() == "Sun jacket pitch"
    assert presenter.display.digits.text() == "10:00"
    qtbot.keyClick(view, Qt.Key.Key_F11)
    assert presenter.isFullScreen()
    qtbot.keyClick(view, Qt.Key.Key_F11)
    assert not presenter.isFullScreen()
    finish(qtbot, page)
    assert view.presenter is None  # closed with the run


def test_a_cue_sounds_when_the_segment_turns_to_warning(qtbot, live, make_page) -> None:
    seed_show(live)
    page = loaded_page(qtbot, make_page)
    go(qtbot, page)
    view = page.live_view
    view.toggle()
    live.advance(5 * 60 - 119)  # 1:59 left: the opening warns from 2:00
    with qtbot.waitSignal(view.cues.cue_due, timeout=1000) as cue:
        view.refresh()
    assert cue.args == ["warning"]
    assert not view.cues.muted()
    page.apply_settings(Settings(language="en", cue_volume=0.3, cues_muted=True))
    assert view.cues.muted() and view.cues.volume() == 0.3


def test_a_refused_start_is_explained_in_plain_words(qtbot, live, make_page) -> None:
    show_id, _ = seed_show(live)
    page = loaded_page(qtbot, make_page)
    live.restarted_show_runs().start(show_id)  # another window went live meanwhile
    page.go_live()
    qtbot.waitUntil(lambda: "is already live" in page.messages.text(), timeout=5000)
    # ...and drives that run: this page follows it (team mode, test_timer_follow_ui.py) rather than resume it
    qtbot.waitUntil(lambda: page.live_view.follower() is not None, timeout=5000)
    assert page.stack.currentWidget() is page.live_view
    assert page.live_view.follow_bar.isVisible()


def test_a_show_without_segments_cannot_go_live(qtbot, live, make_page) -> None:
    seed_show(live, segments=False)
    page = loaded_page(qtbot, make_page)
    assert "no segments yet" in page.prepare_view.summary.text()
    assert not page.go_live_button.isEnabled() and not page.rehearse_button.isEnabled()


def test_coming_back_to_the_page_reads_new_shows_and_keeps_the_choice(qtbot, live, make_page) -> None:
    from datetime import UTC, datetime

    later, _ = seed_show(live, title="Later show", start=datetime(2026, 1, 9, 12, 0, tzinfo=UTC))
    page = loaded_page(qtbot, make_page)
    assert page.picker.current_show_id() == later
    past = live.services.shows.create_show(
        ShowInput(title="Past show", planned_start=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    )
    sooner = live.services.shows.create_show(
        ShowInput(title="Tonight", planned_start=datetime(2026, 1, 5, 20, 0, tzinfo=UTC))
    )
    page.hide()
    with qtbot.waitSignal(page.shows_loaded, timeout=5000):
        page.show()
    assert [page.picker.itemData(i) for i in range(page.picker.count())] == [sooner, later, past]
    assert page.picker.current_show_id() == later  # the choice stays


def test_picker_order_live_first_then_upcoming_soonest_past_latest_undated_cancelled(qapp) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

    def show(show_id: int, status: ShowStatus, days: float | None, template: bool = False) -> ShowSummary:
        start = None if days is None else now + timedelta(days=days)
        return ShowSummary(show_id, f"show {show_id}", "", (), start, 3600, status, template, 1, 60, "CNY", None, 0)

    shows = [
        show(1, ShowStatus.DONE, -3),
        show(2, ShowStatus.SCHEDULED, 5),
        show(3, ShowStatus.CANCELLED, 1),
        show(4, ShowStatus.DRAFT, None),
        show(5, ShowStatus.SCHEDULED, 1),
        show(6, ShowStatus.LIVE, -0.1),
        show(7, ShowStatus.DONE, -1),
        show(8, ShowStatus.SCHEDULED, 2, template=True),
    ]
    assert [s.id for s in picker_order(shows, now)] == [6, 5, 2, 7, 1, 4, 3]


def test_the_f1_help_lists_the_clicker_keys(qtbot, live, make_page) -> None:
    page = make_page()
    keys = [keys for keys, _description in page.shortcut_help()]
    assert any("Space" in k for k in keys) and any("PgDown" in k or "Page Down" in k for k in keys)
