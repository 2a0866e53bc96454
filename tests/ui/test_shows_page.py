"""The Shows page: list views and calendar, the show dialog, duplicate, templates, stock check, status, delete; undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from catalogue_support import product
from page_support import *  # noqa: F403 - english and runner; services is this module's own, below
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from streamdesk.app import Services, build_services
from streamdesk.config import Settings
from streamdesk.core.show_types import (
    BudgetKind,
    PersonRole,
    Platform,
    SegmentInput,
    SegmentKind,
    ShowInput,
    ShowStatus,
    SkuTargetInput,
)
from streamdesk.ui.pages.shows.copy_dialogs import DuplicateDialog, FromTemplateDialog, SaveTemplateDialog
from streamdesk.ui.pages.shows.page import ShowsPage
from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog
from streamdesk.ui.pages.shows.rows_model import EditableRowsModel, RowColumn
from streamdesk.ui.pages.shows.show_dialog import ShowDialog
from streamdesk.ui.pages.shows.show_list_model import ShowColumn, ShowView
from streamdesk.ui.pages.shows.stock_check_dialog import StockCheckDialog
from streamdesk.ui.tasks import TaskRunner

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # the FakeUTCClock's start


@pytest.fixture
def shop_settings() -> Settings:
    return Settings(language="en", currency="CNY", default_platforms=("douyin", "tiktok"))


@pytest.fixture
def services(database, shop_settings, paths, utc_clock) -> Services:
    return build_services(database, shop_settings, paths, clock=utc_clock)


@pytest.fixture
def make_page(
    qtbot, services: Services, runner: TaskRunner, shop_settings, utc_clock
) -> Iterator[Callable[[], ShowsPage]]:
    def make() -> ShowsPage:
        page = ShowsPage(
            services.shows,
            services.catalogue,
            runner,
            settings=shop_settings,
            clock=utc_clock,
            warmup=services.warmup,
            preflight=services.preflight,
        )
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        qtbot.waitUntil(page.has_loaded, timeout=5000)
        return page

    yield make


def show(title: str, start: datetime | None, **extra: object) -> ShowInput:
    return ShowInput(title=title, planned_start=start, planned_seconds=7200, **extra)  # type: ignore[arg-type]


def titles(page: ShowsPage) -> list[str]:
    return [row.title for row in page.model.rows()]


def reloaded(qtbot, page: ShowsPage, action: Callable[[], object]) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        action()


def select(page: ShowsPage, title: str) -> None:
    page.table.selectRow(titles(page).index(title))
    assert page.selected_show().title == title


def segment(title: str, minutes: int = 10) -> SegmentInput:
    return SegmentInput(kind=SegmentKind.PITCH, title=title, planned_seconds=minutes * 60)


def test_models_pass_the_model_tester(qtmodeltester, services, make_page) -> None:
    services.shows.create_show(show("Friday sale", NOW + timedelta(days=1), platforms=(Platform.DOUYIN,)))
    page = make_page()
    qtmodeltester.check(page.model)
    model = EditableRowsModel((RowColumn("name", "Name"),))
    model.add_row({"name": "小雅"})
    qtmodeltester.check(model)


def test_upcoming_past_all_and_templates_views(qtbot, services, make_page) -> None:
    shows = services.shows
    shows.create_show(show("Next week", NOW + timedelta(days=7)))
    shows.create_show(show("Tonight", NOW + timedelta(hours=8), target_gmv_minor=5_000_000))
    shows.create_show(show("Last week", NOW - timedelta(days=7)))
    shows.create_show(show("Undated idea", None))
    shows.save_as_template(shows.create_show(show("Base", NOW - timedelta(days=30))), "Two-hour template")
    page = make_page()
    assert titles(page) == ["Tonight", "Next week", "Undated idea"]  # earliest first, undated last
    tonight = page.model.index(0, int(ShowColumn.TARGET_GMV))
    assert tonight.data() == "¥50,000.00"
    assert page.model.index(2, int(ShowColumn.START)).data() == "No date yet"
    page.set_view(ShowView.PAST)
    assert titles(page) == ["Last week", "Base"]  # latest first
    page.set_view(ShowView.ALL)
    assert len(titles(page)) == 5
    page.set_view(ShowView.TEMPLATES)
    assert titles(page) == ["Two-hour template"]
    page.search.setText("two-hour")
    page.search.returnPressed.emit()
    assert titles(page) == ["Two-hour template"]
    page.search.setText("nothing like it")
    page.search.returnPressed.emit()
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No shows match “nothing like it”"


def test_empty_page_says_how_to_start(make_page) -> None:
    page = make_page()
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No shows planned yet"
    assert "Ctrl+N" in page.stack.empty_state.text()
    assert not page.actions_.edit.isEnabled()


def test_new_show_has_sensible_defaults_and_is_created_through_the_dialog(qtbot, services, make_page) -> None:
    page = make_page()
    page.actions_.new_show.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ShowDialog)
    draft = dialog.show_input()
    assert draft.planned_start == NOW + timedelta(hours=1)  # the next full hour
    assert (draft.planned_seconds, draft.currency, draft.status) == (7200, "CNY", ShowStatus.DRAFT)
    assert draft.platforms == (Platform.DOUYIN, Platform.TIKTOK)  # from the settings
    assert not dialog.ok_button.isEnabled()  # no title yet
    dialog.fields.title.setText("周五新品专场")
    dialog.fields.target_gmv_minor.setText("¥8,000")
    dialog.people.add()
    dialog.people.model.setData(dialog.people.model.index(0, 0), "小雅")
    dialog.promotions.add()
    dialog.promotions.model.setData(dialog.promotions.model.index(0, 1), "满199减30")
    dialog.budget.add()
    budget = dialog.budget.model
    budget.setData(budget.index(0, 0), "投流")
    budget.setData(budget.index(0, 2), "500")
    dialog.budget.add()
    budget.setData(budget.index(1, 0), "场地")
    budget.setData(budget.index(1, 1), BudgetKind.FIXED)
    budget.setData(budget.index(1, 2), "1,200.50")
    assert dialog.budget.footer.text() == "Total ¥1,700.50 (fixed ¥1,200.50, variable ¥500.00)"
    assert dialog.validate_now() == {}
    reloaded(qtbot, page, dialog.ok_button.click)
    assert titles(page) == ["周五新品专场"]
    created = services.shows.get_show(page.selected_show().id)
    assert created.target_gmv_minor == 800_000
    assert [(p.name, p.role) for p in created.people] == [("小雅", PersonRole.HOST)]
    assert created.promotions[0].rule == "满199减30"
    assert created.budget_total_minor == 170_050
    assert "周五新品专场" in page.summary.headline.text()
    reloaded(qtbot, page, page.undo_stack.undo)
    assert services.shows.list_shows() == ()
    reloaded(qtbot, page, page.undo_stack.redo)
    assert [s.title for s in services.shows.list_shows()] == ["周五新品专场"]


def test_edit_shows_problems_next_to_fields_and_saves_targets(qtbot, services, make_page) -> None:
    services.catalogue.create_product(product("Lipstick", "LIP-01", stock=2))
    variant = services.catalogue.find_by_sku("LIP-01")
    show_id = services.shows.create_show(show("Beauty night", NOW + timedelta(days=2)))
    page = make_page()
    select(page, "Beauty night")
    page.actions_.edit.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ShowDialog) and dialog.windowTitle() == "Edit show"
    dialog.fields.title.clear()
    dialog.budget.add()
    dialog.budget.model.setData(dialog.budget.model.index(0, 0), "Samples")
    dialog.budget.model.setData(dialog.budget.model.index(0, 2), "abc")
    problems = dialog.validate_now()
    assert set(problems) == {"title", "budget.0.amount_minor"}
    assert dialog.fields.wrapped["title"].problem() != ""
    assert "abc" in dialog.budget.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.fields.title.setText("Beauty night II")
    dialog.budget.model.setData(dialog.budget.model.index(0, 2), "80")
    dialog.targets.add_skus([variant])
    targets = dialog.targets.model
    targets.setData(targets.index(0, targets.column_of("quantity")), 5)
    assert targets.index(0, targets.column_of("short_by")).data() == "3"
    assert dialog.validate_now() == {}
    reloaded(qtbot, page, dialog.ok_button.click)
    detail = services.shows.get_show(show_id)
    assert (detail.title, detail.budget_total_minor) == ("Beauty night II", 8000)
    assert [(row.sku_code, row.quantity, row.short_by) for row in detail.sku_targets] == [("LIP-01", 5, 3)]
    reloaded(qtbot, page, page.undo_stack.undo)
    assert services.shows.get_show(show_id).title == "Beauty night"
    assert services.shows.get_show(show_id).sku_targets == ()


def test_sku_picker_searches_the_catalogue(qtbot, qtmodeltester, services, make_page) -> None:
    services.catalogue.create_product(product("冰丝防晒衣", "SUN-RED", "SUN-BLUE"))
    services.catalogue.create_product(product("Green tea", "TEA-500"))
    page = make_page()
    picked: list[str] = []
    page.flows.pick_skus(lambda rows: picked.extend(row.sku_code for row in rows))
    picker = page.flows.picker
    assert isinstance(picker, ProductPickerDialog)
    assert picker.model.rowCount() == 3
    qtmodeltester.check(picker.model)
    picker.search("防晒")
    assert picker.model.rowCount() == 2
    picker.table.selectAll()
    picker.buttons.accepted.emit()
    assert sorted(picked) == ["SUN-BLUE", "SUN-RED"]


def test_duplicate_asks_for_the_new_date_and_copies_the_rundown(qtbot, services, make_page) -> None:
    start = NOW + timedelta(days=1)
    show_id = services.shows.create_show(show("Weekly sale", start))
    services.shows.insert_segment(show_id, 0, segment("Opening"))
    page = make_page()
    select(page, "Weekly sale")
    page.actions_.duplicate.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, DuplicateDialog)
    assert dialog.planned_start() == start + timedelta(days=7)  # a week later by default
    dialog.start.edit.setDateTime(dialog.start.edit.dateTime().addDays(7))
    reloaded(qtbot, page, dialog.accept)
    copy = page.selected_show()
    assert (copy.title, copy.planned_start, copy.status) == (
        "Weekly sale (copy)",
        start + timedelta(days=14),
        ShowStatus.DRAFT,
    )
    assert [s.title for s in services.shows.rundown(copy.id).segments] == ["Opening"]
    reloaded(qtbot, page, page.undo_stack.undo)
    assert [s.title for s in services.shows.list_shows()] == ["Weekly sale"]


def test_template_round_trip(qtbot, services, make_page) -> None:
    show_id = services.shows.create_show(show("Snack night", NOW - timedelta(days=3), theme="零食"))
    services.shows.insert_segment(show_id, 0, segment("Warm-up", 5))
    services.shows.insert_segment(show_id, 1, segment("Nuts", 15))
    page = make_page()
    page.set_view(ShowView.PAST)
    select(page, "Snack night")
    page.actions_.save_template.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, SaveTemplateDialog)
    dialog.name.setText("")
    assert not dialog.ok_button.isEnabled() and dialog.name_field.problem() == "Give the template a name."
    dialog.name.setText("Snack template")
    reloaded(qtbot, page, dialog.accept)
    assert "Snack template" in page.messages.text()
    page.set_view(ShowView.TEMPLATES)
    assert titles(page) == ["Snack template"]

    page.actions_.from_template.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, FromTemplateDialog)
    assert dialog.show_title() == "Snack template"  # the template's name until one is typed
    dialog.title.setText("Snack night, part 2")
    dialog.title.textEdited.emit("Snack night, part 2")
    reloaded(qtbot, page, dialog.accept)
    created = page.selected_show()
    assert page.actions_.view_actions[ShowView.UPCOMING].isChecked()  # switched to where the new show is
    assert (created.title, created.planned_start, created.is_template) == (
        "Snack night, part 2",
        NOW + timedelta(hours=1),
        False,
    )
    assert services.shows.get_show(created.id).theme == "零食"
    assert [s.title for s in services.shows.rundown(created.id).segments] == ["Warm-up", "Nuts"]


def test_stock_check_lists_the_short_sku_with_how_many_are_missing(qtbot, qtmodeltester, services, make_page) -> None:
    catalogue = services.catalogue
    catalogue.create_product(product("Lipstick", "LIP-01", stock=2))
    catalogue.create_product(product("Green tea", "TEA-500", stock=10))
    lipstick, tea = catalogue.find_by_sku("LIP-01"), catalogue.find_by_sku("TEA-500")
    targets = (SkuTargetInput(lipstick.variant_id, 5), SkuTargetInput(tea.variant_id, 4))
    services.shows.create_show(show("Beauty night", NOW + timedelta(days=1), sku_targets=targets))
    page = make_page()
    assert "(1 short of stock)" in page.summary.details.text()
    page.actions_.stock_check.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, StockCheckDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    qtmodeltester.check(dialog.model)
    assert [(r.sku_code, r.quantity, r.available, r.short_by) for r in dialog.model.rows()] == [("LIP-01", 5, 2, 3)]
    assert dialog.model.index(0, 5).data() == "3"
    dialog.copy_list()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "SKU\tProduct\tSpec\tTarget\tIn stock\tMissing"
    assert copied[1].split("\t") == ["LIP-01", "Lipstick", lipstick.spec_label, "5", "2", "3"]


def test_stock_check_without_targets_says_how_to_add_them(qtbot, services, make_page) -> None:
    services.shows.create_show(show("Plain show", NOW + timedelta(days=1)))
    page = make_page()
    page.actions_.stock_check.trigger()
    dialog = page.flows.current_dialog
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.stack.is_showing_empty_state()
    assert dialog.stack.empty_state.headline() == "This show has no SKU targets"


def test_calendar_marks_days_and_a_click_filters_the_list(qtbot, services, make_page) -> None:
    first = datetime(2026, 1, 9, 12, 0, tzinfo=UTC)
    services.shows.create_show(show("Friday", first))
    services.shows.create_show(show("Friday late", first + timedelta(hours=3)))
    services.shows.create_show(show("Monday", datetime(2026, 1, 12, 12, 0, tzinfo=UTC)))
    page = make_page()
    page.set_view(ShowView.CALENDAR)
    page.calendar.setCurrentPage(2026, 1)
    assert page.calendar_box.isVisible()
    friday = first.astimezone().date()
    assert page.calendar.shows_on(friday) == 2
    assert len(titles(page)) == 3  # the whole month until a day is picked
    page.calendar.choose_day(friday)
    assert sorted(titles(page)) == ["Friday", "Friday late"]
    assert page.calendar_day() == friday
    page.calendar.choose_day(date(2026, 1, 20))
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No shows on 2026-01-20"
    page.actions_.new_show.trigger()  # a new show on a later day starts at 20:00 that day
    new = page.flows.current_dialog.show_input()
    assert new.planned_start.astimezone().date() == date(2026, 1, 20)
    assert new.planned_start.astimezone().hour == 20
    page.flows.current_dialog.reject()
    page.whole_month.click()
    assert len(titles(page)) == 3


def test_delete_then_undo_brings_the_show_and_its_rundown_back(qtbot, services, make_page) -> None:
    show_id = services.shows.create_show(show("Doomed", NOW + timedelta(days=1), notes="keep me"))
    services.shows.insert_segment(show_id, 0, segment("Opening", 5))
    page = make_page()
    select(page, "Doomed")
    page.table.setFocus()
    reloaded(qtbot, page, page.actions_.delete.trigger)
    assert services.shows.list_shows() == ()
    assert page.messages.text() == "“Doomed” deleted. Press Ctrl+Z to undo."
    reloaded(qtbot, page, page.undo_stack.undo)
    restored = page.selected_show()
    assert restored.title == "Doomed"
    assert services.shows.get_show(restored.id).notes == "keep me"
    assert [s.title for s in services.shows.rundown(restored.id).segments] == ["Opening"]
    reloaded(qtbot, page, page.undo_stack.redo)
    assert services.shows.list_shows() == ()


def test_an_undone_delete_brings_back_the_shows_warm_up(qtbot, services, make_page) -> None:
    from streamdesk.core.warmup_types import BookingLinkInput
    from streamdesk.models.base import ChannelKind, Platform

    show_id = services.shows.create_show(show("Warm", NOW + timedelta(days=2)))
    warmup = services.warmup
    first_task = warmup.open_plan(show_id).tasks[0]
    warmup.set_done(first_task.id, True)
    link_id = warmup.add_link(
        show_id, BookingLinkInput(ChannelKind.MOMENTS, Platform.CHANNELS, "https://channels.weixin.qq.com/r/1")
    )
    warmup.set_bookings(link_id, 42)
    warmup.set_tracking_param(show_id, "utm_source")
    before = warmup.open_plan(show_id)
    page = make_page()
    select(page, "Warm")
    page.table.setFocus()
    reloaded(qtbot, page, page.actions_.delete.trigger)
    reloaded(qtbot, page, page.undo_stack.undo)

    after = warmup.open_plan(page.selected_show().id)
    assert after.tracking_param == "utm_source" and after.total_bookings == 42
    assert [(link.kind, link.url, link.made_at) for link in after.links] == [
        (link.kind, link.url, link.made_at) for link in before.links
    ]
    assert [(task.kind, task.done_at, task.channel_label) for task in after.tasks] == [
        (task.kind, task.done_at, task.channel_label) for task in before.tasks
    ]
    assert any(task.booking_link_id == after.links[0].id for task in after.tasks)  # the publish task follows


def test_an_undone_delete_brings_back_the_shows_pre_flight_history(qtbot, services, make_page) -> None:
    from streamdesk.core.preflight_types import ResultInput
    from streamdesk.models.base import CheckStatus

    show_id = services.shows.create_show(show("Checked", NOW + timedelta(days=2)))
    preflight = services.preflight
    run = preflight.run(preflight.start_run(show_id))
    preflight.record(run.results[0].id, ResultInput(CheckStatus.FAILED, "12", note="charger left at home"))
    preflight.override(run.id, "power bank plugged in")
    before = preflight.latest_run(show_id)
    page = make_page()
    select(page, "Checked")
    page.table.setFocus()
    reloaded(qtbot, page, page.actions_.delete.trigger)
    reloaded(qtbot, page, page.undo_stack.undo)

    after = preflight.latest_run(page.selected_show().id)
    assert after is not None and before is not None
    assert (after.verdict, after.override_reason, after.started_at) == (
        before.verdict,
        before.override_reason,
        before.started_at,
    )
    assert [(r.title, r.status, r.value, r.note) for r in after.results] == [
        (r.title, r.status, r.value, r.note) for r in before.results
    ]


def test_the_summary_shows_how_the_warm_up_stands(qtbot, services, make_page) -> None:
    from streamdesk.core.warmup_types import BookingLinkInput
    from streamdesk.models.base import ChannelKind, Platform

    show_id = services.shows.create_show(show("Tomorrow", NOW + timedelta(days=1), status=ShowStatus.SCHEDULED))
    warmup = services.warmup
    tasks = warmup.open_plan(show_id).tasks  # the teaser (3 days ahead) is already late
    warmup.set_done(tasks[-1].id, True)
    link_id = warmup.add_link(
        show_id, BookingLinkInput(ChannelKind.WECHAT_OA, Platform.CHANNELS, "https://a.example/b")
    )
    warmup.set_bookings(link_id, 7)
    page = make_page()
    select(page, "Tomorrow")
    text = page.summary.details.text()
    total = len(tasks) + 1  # with the link's publish task
    assert f"Warm-up:</b> 1 of {total} tasks done" in text
    assert "overdue" in text and "1 booking link" in text and "7 bookings" in text


def test_undo_of_delete_keeps_earlier_commands_working(qtbot, services, make_page) -> None:
    page = make_page()
    page.actions_.new_show.trigger()
    dialog = page.flows.current_dialog
    dialog.fields.title.setText("Chain")
    qtbot.waitUntil(dialog.ok_button.isEnabled)  # validated once typing pauses
    reloaded(qtbot, page, dialog.ok_button.click)
    reloaded(qtbot, page, page.actions_.mark_scheduled.trigger)
    reloaded(qtbot, page, page.actions_.delete.trigger)
    reloaded(qtbot, page, page.undo_stack.undo)  # back under a new id
    assert services.shows.list_shows()[0].status is ShowStatus.SCHEDULED
    reloaded(qtbot, page, page.undo_stack.undo)  # the status command finds the show by its new id
    assert services.shows.list_shows()[0].status is ShowStatus.DRAFT
    reloaded(qtbot, page, page.undo_stack.undo)  # and so does the create
    assert services.shows.list_shows() == ()


def test_deleting_a_template_is_undoable(qtbot, services, make_page) -> None:
    base = services.shows.create_show(show("Base", NOW + timedelta(days=1)))
    services.shows.insert_segment(base, 0, segment("Opening", 5))
    services.shows.save_as_template(base, "My template")
    page = make_page()
    page.set_view(ShowView.TEMPLATES)
    select(page, "My template")
    reloaded(qtbot, page, page.actions_.delete.trigger)
    assert services.shows.list_shows(templates=True) == ()
    reloaded(qtbot, page, page.undo_stack.undo)
    (template,) = services.shows.list_shows(templates=True)
    assert (template.title, template.segment_count) == ("My template", 1)
    assert [s.title for s in services.shows.list_shows()] == ["Base"]


def test_a_show_that_ran_live_cannot_be_deleted(qtbot, services, make_page) -> None:
    show_id = services.shows.create_show(show("Went live", NOW - timedelta(hours=1)))
    services.shows.insert_segment(show_id, 0, segment("Opening", 5))
    services.show_runs.start(show_id)
    page = make_page()
    select(page, "Went live")
    assert not page.actions_.delete.isEnabled()
    assert not page.actions_.mark_cancelled.isEnabled()  # a live show's status follows the timer
    page.flows.delete_selected()
    assert "cannot be deleted" in page.messages.text()
    assert [s.title for s in services.shows.list_shows()] == ["Went live"]


def test_status_change_is_undoable(qtbot, services, make_page) -> None:
    show_id = services.shows.create_show(show("Maybe", NOW + timedelta(days=1)))
    page = make_page()
    select(page, "Maybe")
    assert not page.actions_.mark_draft.isEnabled()  # it is a draft already
    reloaded(qtbot, page, page.actions_.mark_cancelled.trigger)
    assert services.shows.get_show(show_id).status is ShowStatus.CANCELLED
    assert page.model.index(0, int(ShowColumn.STATUS)).data() == "Cancelled"
    assert page.model.index(0, int(ShowColumn.TITLE)).data(Qt.ItemDataRole.FontRole).strikeOut()
    reloaded(qtbot, page, page.undo_stack.undo)
    assert services.shows.get_show(show_id).status is ShowStatus.DRAFT


def test_select_show_switches_to_the_view_that_lists_it(qtbot, services, make_page) -> None:
    services.shows.create_show(show("Soon", NOW + timedelta(days=1)))
    old = services.shows.create_show(show("Long ago", NOW - timedelta(days=40)))
    page = make_page()
    assert titles(page) == ["Soon"]
    reloaded(qtbot, page, lambda: page.select_show(old))
    assert page.actions_.view_actions[ShowView.PAST].isChecked()
    assert page.selected_show().id == old
    assert "Long ago" in page.summary.headline.text()


def test_keyboard_delete_undo_edit_new_and_views(qtbot, services, make_page) -> None:
    services.shows.create_show(show("Keys", NOW + timedelta(days=1)))
    services.shows.create_show(show("Old keys", NOW - timedelta(days=3)))
    page = make_page()
    qtbot.waitExposed(page)
    page.windowHandle().requestActivate()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    select(page, "Keys")
    page.table.setFocus()
    reloaded(qtbot, page, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Delete))
    assert [s.title for s in services.shows.list_shows()] == ["Old keys"]
    reloaded(qtbot, page, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert titles(page) == ["Keys"]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.flows.current_dialog, ShowDialog)
    assert page.flows.current_dialog.windowTitle() == "Edit show"
    page.flows.current_dialog.reject()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.flows.current_dialog.windowTitle() == "New show"
    page.flows.current_dialog.reject()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert titles(page) == ["Old keys"]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()


def test_the_rundown_editor_keeps_its_row_and_history_and_follows_show_edits(qtbot, services, make_page) -> None:
    show_id = services.shows.create_show(show("Rundown", NOW + timedelta(days=1)))
    for position, title in enumerate(("Opening", "Pitch", "Closing")):
        services.shows.insert_segment(show_id, position, segment(title))
    page = make_page()
    editor = page.rundown_editor
    assert editor.show_id() == show_id
    editor.select_row(2)
    reloaded(qtbot, page, editor.duplicate_selected)  # the list's segment count follows the editor's change
    assert page.model.index(0, int(ShowColumn.SEGMENTS)).data() == "4"
    assert editor.selected_rows() == [3] and editor.undo_stack().canUndo()
    start_before = editor.model.index(0, 1).data()
    select(page, "Rundown")
    page.actions_.edit.trigger()
    dialog = page.flows.current_dialog
    dialog.fields.start.setDateTime(dialog.fields.start.dateTime().addSecs(3600))
    reloaded(qtbot, page, dialog.ok_button.click)  # a new start moves the rundown's times
    assert editor.model.index(0, 1).data() != start_before
    assert editor.undo_stack().canUndo()
