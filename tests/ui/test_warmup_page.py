"""The Warm-up page: show picker, booking links (add/edit/delete/move with undo, inline counts, tracking, copy, QR
panel, rule warnings with "Re-made the booking"), counts import with preview, and the task checklist (states,
ticking, template). A real database through the Warmup service; the fake clock moves time on."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QPushButton

from streamdesk.app import Services
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.warmup_types import BookingLinkInput, TaskState, WarmupTaskInput
from streamdesk.models.base import ChannelKind, Platform, WarmupTaskKind
from streamdesk.ui.pages.warmup.counts_dialog import CountsDialog
from streamdesk.ui.pages.warmup.link_dialog import LinkDialog
from streamdesk.ui.pages.warmup.links_model import LinkColumn, LinksModel, parse_bookings
from streamdesk.ui.pages.warmup.page import WarmupPage
from streamdesk.ui.pages.warmup.tasks_model import TaskColumn, TasksModel
from streamdesk.ui.pages.warmup.tasks_view import template_from
from streamdesk.ui.pages.warmup.template_dialog import TaskDialog, TemplateDialog
from streamdesk.ui.pages.warmup.texts import (
    DUE_SOON_BACKGROUND,
    OVERDUE_COLOUR,
    offset_text,
    relative_time,
    split_offset,
)
from streamdesk.ui.tasks import TaskRunner

CHANNELS_URL = "https://channels.weixin.qq.com/live/booking?id=abc123"


@pytest.fixture
def show_id(services: Services, utc_clock) -> int:
    """A scheduled show two days ahead (Wed 7 Jan 2026, 12:00 UTC), plus an older finished one."""
    shows = services.shows
    shows.create_show(ShowInput("Last week", planned_start=utc_clock() - timedelta(days=7), status=ShowStatus.DONE))
    return shows.create_show(
        ShowInput("冬季新品专场", planned_start=utc_clock() + timedelta(days=2), status=ShowStatus.SCHEDULED)
    )


@pytest.fixture
def state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def make_page(qtbot, services: Services, runner: TaskRunner, utc_clock, state: QSettings) -> WarmupPage:
    page = WarmupPage(services.warmup, services.shows, runner, settings=services.settings, clock=utc_clock, state=state)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    qtbot.waitUntil(page.has_loaded)
    return page


@pytest.fixture
def page(qtbot, services, runner, utc_clock, state, show_id) -> WarmupPage:
    return make_page(qtbot, services, runner, utc_clock, state)


def add_link(services: Services, show_id: int, **fields: object) -> int:
    link = BookingLinkInput(
        **{"kind": ChannelKind.MOMENTS, "platform": Platform.CHANNELS, "url": CHANNELS_URL, **fields}
    )  # type: ignore[arg-type]
    return services.warmup.add_link(show_id, link)


def channel_texts(page: WarmupPage) -> list[str]:
    model = page.links.model
    return [model.index(row, LinkColumn.CHANNEL).data() for row in range(model.rowCount())]


# --- pure helpers -------------------------------------------------------------------------------------------------
def test_relative_times_and_offsets_read_like_a_person_says_them(utc_clock) -> None:
    now = utc_clock()
    assert relative_time(now + timedelta(seconds=20), now) == "now"
    assert relative_time(now + timedelta(minutes=25), now) == "in 25 min"
    assert relative_time(now + timedelta(hours=2, minutes=40), now) == "in 2 h"
    assert relative_time(now - timedelta(days=3, hours=5), now) == "3 d ago"
    assert relative_time(now - timedelta(minutes=40), now) == "40 min ago"
    assert offset_text(-3 * 24 * 60) == "3 d before the start"
    assert offset_text(-90) == "1 h 30 min before the start"
    assert offset_text(0) == "at the start"
    assert offset_text(60) == "1 h after the start"
    assert split_offset(-300) == (5, 60, True)
    assert split_offset(-4320) == (3, 1440, True)
    assert split_offset(45) == (45, 1, False)


def test_booking_counts_typed_in_the_table_are_whole_numbers_or_blank() -> None:
    assert parse_bookings("1,250") == (True, 1250)
    assert parse_bookings("") == (True, None)
    assert parse_bookings("-3") == (False, None)
    assert parse_bookings("12.5") == (False, None)


# --- models -------------------------------------------------------------------------------------------------------
def test_both_models_pass_the_model_tester(qtmodeltester, services, show_id, utc_clock) -> None:
    add_link(services, show_id, tracking_value="moments", bookings=12)
    add_link(services, show_id, kind=ChannelKind.POSTER, label="Counter card")
    plan = services.warmup.open_plan(show_id)
    links = LinksModel()
    links.set_links(plan.links, "utm_source", {plan.links[0].id: ("A warning",)})
    qtmodeltester.check(links)
    tasks = TasksModel()
    tasks.set_tasks(plan.tasks, utc_clock())
    qtmodeltester.check(tasks)
    assert links.index(0, LinkColumn.TRACKING).data() == "utm_source=moments"
    assert links.index(0, LinkColumn.BOOKINGS).data() == "12"
    assert links.index(1, LinkColumn.CHANNEL).data() == "Counter card"
    assert links.index(0, LinkColumn.CHANNEL).data(Qt.ItemDataRole.ToolTipRole) == "A warning"


# --- the page -----------------------------------------------------------------------------------------------------
def test_picker_puts_the_upcoming_show_first_and_the_page_remembers_the_last_one(
    qtbot, services, runner, utc_clock, state, show_id
) -> None:
    page = make_page(qtbot, services, runner, utc_clock, state)
    assert page.show_id() == show_id
    assert page.picker.itemText(0).endswith("冬季新品专场 (Scheduled)")
    older = page.picker.itemData(1)
    page.picker.setCurrentIndex(1)
    assert page.show_id() == older
    second = make_page(qtbot, services, runner, utc_clock, state)
    assert second.show_id() == older


def test_empty_links_say_what_to_add_and_the_button_opens_the_dialog(page: WarmupPage, monkeypatch) -> None:
    assert page.links.stack.is_showing_empty_state()
    assert "视频号/抖音" in page.links.stack.empty_state.text()
    opened: list[str] = []

    def fake_exec(dialog: LinkDialog) -> int:
        opened.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LinkDialog, "exec", fake_exec)
    page.links.stack.empty_state.buttons()[0].click()
    assert opened == ["Add booking link"]


def test_adding_editing_deleting_and_moving_links_each_undo(page: WarmupPage, services, show_id, monkeypatch) -> None:
    def add(kind: ChannelKind, url: str) -> None:
        def fake_exec(dialog: LinkDialog) -> int:
            dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
            dialog.url.setText(url)
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(LinkDialog, "exec", fake_exec)
        page.links.add.trigger()

    add(ChannelKind.MOMENTS, CHANNELS_URL)
    add(ChannelKind.WECHAT_OA, CHANNELS_URL + "&x=1")
    assert channel_texts(page) == ["Moments", "WeChat official account"]
    publish = [t for t in page.plan().tasks if t.kind is WarmupTaskKind.PUBLISH_LINK]  # type: ignore[union-attr]
    assert len(publish) == 2  # one publish task per channel came with the links
    page.links.table.selectRow(1)
    page.links.move_up.trigger()
    assert channel_texts(page) == ["WeChat official account", "Moments"]
    assert page.links.selected_link() == page.links.model.link(0).id  # type: ignore[union-attr]
    page.links.delete.trigger()
    assert channel_texts(page) == ["Moments"]
    page.undo_stack.undo()
    assert channel_texts(page) == ["WeChat official account", "Moments"]
    page.undo_stack.undo()
    assert channel_texts(page) == ["Moments", "WeChat official account"]
    page.undo_stack.redo()
    page.undo_stack.redo()
    assert channel_texts(page) == ["Moments"]

    def rename(dialog: LinkDialog) -> int:
        dialog.label.setText("VIP group")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", rename)
    page.links.table.selectRow(0)
    page.links.edit.trigger()
    assert channel_texts(page) == ["VIP group"]
    assert page.undo_stack.undoText() == "Edit the VIP group link"
    page.undo_stack.undo()
    assert channel_texts(page) == ["Moments"]
    while page.undo_stack.canUndo():
        page.undo_stack.undo()
    assert services.warmup.open_plan(show_id).links == ()


def test_link_dialog_refuses_a_link_that_is_not_a_web_address(qtbot) -> None:
    dialog = LinkDialog(None, tracking_param="utm_source")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.url.setText("weixin://dl/booking")
    assert not ok.isEnabled()
    assert "https://" in dialog.url_error.text()
    dialog.url.setText(CHANNELS_URL)
    assert ok.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ChannelKind.WEIBO))
    assert dialog.tracking.text() == "weibo"  # the channel's own value until the seller types one
    assert dialog.tagged.text() == CHANNELS_URL + "&utm_source=weibo"
    assert dialog.value().tracking_value == "weibo"


def test_booking_counts_are_edited_inline_and_undone(page: WarmupPage, services, show_id) -> None:
    link_id = add_link(services, show_id)
    page.refresh()
    model = page.links.model
    index = model.index(0, LinkColumn.BOOKINGS)
    assert index.data() == "not yet"
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "1,250")
    assert model.index(0, LinkColumn.BOOKINGS).data() == "1,250"
    assert "1,250" in page.links.total.text()
    assert not model.setData(model.index(0, LinkColumn.BOOKINGS), "lots")
    page.undo_stack.undo()
    assert services.warmup.open_plan(show_id).links[0].bookings is None
    assert services.warmup.open_plan(show_id).links[0].id == link_id


def test_tracking_parameter_tags_the_copied_link_and_the_qr(page: WarmupPage, services, show_id, qtbot) -> None:
    add_link(services, show_id, tracking_value="moments")
    page.refresh()
    page.links.tracking.setText("utm_source")
    page.links.tracking.editingFinished.emit()
    assert page.plan().tracking_param == "utm_source"  # type: ignore[union-attr]
    page.links.table.setFocus()
    page.links.table.selectRow(0)
    page.links.copy.trigger()
    assert QApplication.clipboard().text() == CHANNELS_URL + "&utm_source=moments"
    assert "Copied the Moments link" in page.messages.text()
    preview = page.links.qr_preview
    assert preview is not None and preview.isVisibleTo(page.links)
    assert "Moments" in page.links.qr_title.text()
    page.undo_stack.undo()
    assert page.plan().tracking_param == ""  # type: ignore[union-attr]
    assert page.links.tracking.text() == ""


def test_a_moved_start_warns_in_a_sentence_and_re_made_the_booking_clears_it(
    page: WarmupPage, services, show_id, monkeypatch
) -> None:
    add_link(services, show_id)
    detail = services.shows.get_show(show_id)
    later = detail.planned_start + timedelta(hours=3)  # type: ignore[operator]
    from dataclasses import replace

    services.shows.update_show(show_id, replace(detail.to_input(), planned_start=later))
    page.refresh()
    sentences = page.links.warnings.sentences()
    assert len(sentences) == 1 and "Moments" in sentences[0] and "视频号" not in sentences[0]
    assert page.links.warnings.isVisibleTo(page)
    assert page.tabs.tabText(0).startswith("Booking links (1 warning")
    new_url = "https://channels.weixin.qq.com/live/booking?id=new456"
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (new_url, True))
    buttons = [b for b in page.links.warnings.findChildren(QPushButton) if b.text() == "Re-made the booking…"]
    buttons[0].click()
    assert page.links.warnings.sentences() == []
    assert page.plan().links[0].url == new_url  # type: ignore[union-attr]
    page.undo_stack.undo()
    assert page.plan().links[0].url == CHANNELS_URL  # type: ignore[union-attr]
    assert len(page.links.warnings.sentences()) == 1


def test_counts_import_previews_rows_and_problems_then_undoes_in_one_step(
    page: WarmupPage, services, show_id, qtbot, tmp_path, monkeypatch
) -> None:
    add_link(services, show_id)
    add_link(services, show_id, kind=ChannelKind.WECHAT_OA, bookings=5)
    page.refresh()
    source = tmp_path / "counts.csv"
    source.write_text("渠道,预约人数\n朋友圈,120\n公众号,40\nDouban,7\n", encoding="utf-8")

    def fake_exec(dialog: CountsDialog) -> int:
        dialog.read(source)
        qtbot.waitUntil(lambda: dialog.plan() is not None or dialog.status.text().startswith("Row"))
        assert dialog.table.rowCount() == 2
        assert dialog.table.item(1, 2).text() == "5" and dialog.table.item(1, 3).text() == "40"
        assert dialog.problems.count() == 1 and dialog.problems.item(0).text().startswith("Row 4:")
        assert dialog.import_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CountsDialog, "exec", fake_exec)
    page.links.import_counts.trigger()
    assert [link.bookings for link in page.plan().links] == [120, 40]  # type: ignore[union-attr]
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert [link.bookings for link in page.plan().links] == [None, 5]  # type: ignore[union-attr]


# --- tasks --------------------------------------------------------------------------------------------------------
def test_default_tasks_are_sorted_by_due_time_and_coloured_by_state(page: WarmupPage, utc_clock) -> None:
    model = page.tasks.model
    dues = [task.due_at for task in model.tasks()]
    assert dues == sorted(dues) and len(dues) >= 4
    assert model.index(0, TaskColumn.WHEN).data() == "overdue, due 24 h ago"  # the teaser: T-3 d, start in 2 d
    teaser = model.task(0)
    assert teaser is not None and teaser.state is TaskState.OVERDUE
    assert model.index(0, TaskColumn.TASK).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    assert page.tabs.tabText(1) == "Tasks (1 overdue)"
    page.plan_changed()
    start = page.plan().planned_start  # type: ignore[union-attr]
    utc_clock.current = start - timedelta(minutes=40)
    page.refresh()
    soon = [row for row, task in enumerate(model.tasks()) if task.state is TaskState.DUE_SOON]
    assert soon and model.index(soon[0], TaskColumn.DUE).data(Qt.ItemDataRole.BackgroundRole) == DUE_SOON_BACKGROUND
    assert model.index(soon[0], TaskColumn.WHEN).data() == "in 10 min"


def test_ticking_a_task_off_greys_it_and_undo_unticks(page: WarmupPage) -> None:
    model = page.tasks.model
    index = model.index(0, TaskColumn.DONE)
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    done = [t for t in model.tasks() if t.state is TaskState.DONE]
    assert len(done) == 1 and done[0].done_at is not None
    row = model.row_of(done[0].id)
    assert model.index(row, TaskColumn.TASK).data(Qt.ItemDataRole.FontRole).strikeOut()  # type: ignore[arg-type]
    assert page.undo_stack.undoText().startswith("Tick off")
    page.undo_stack.undo()
    assert not [t for t in model.tasks() if t.state is TaskState.DONE]


def test_tasks_are_added_edited_and_deleted_with_undo(page: WarmupPage, monkeypatch) -> None:
    before = len(page.tasks.model.tasks())

    def fake_exec(dialog: TaskDialog) -> int:
        dialog.title.setText("Send the group a countdown sticker")
        dialog.amount.setValue(2)
        dialog.unit.setCurrentIndex(dialog.unit.findData(60))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TaskDialog, "exec", fake_exec)
    page.tasks.add.trigger()
    titles = [page.tasks.model.index(r, TaskColumn.TASK).data() for r in range(page.tasks.model.rowCount())]
    assert "Send the group a countdown sticker" in titles
    selected = page.tasks.selected_task()
    assert selected is not None and selected.offset_minutes == -120
    page.tasks.delete.trigger()
    assert len(page.tasks.model.tasks()) == before
    page.undo_stack.undo()
    assert len(page.tasks.model.tasks()) == before + 1
    page.undo_stack.undo()
    assert len(page.tasks.model.tasks()) == before


def test_the_checklist_saved_as_template_is_what_the_template_dialog_edits(
    page: WarmupPage, services, show_id, qtbot, monkeypatch
) -> None:
    add_link(services, show_id)
    add_link(services, show_id, kind=ChannelKind.WEIBO)
    page.refresh()
    tasks = template_from(page.tasks.model.tasks())
    assert sum(1 for task in tasks if task.kind is WarmupTaskKind.PUBLISH_LINK) == 1
    services.warmup.save_default_template((WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "Only this"),))
    page.tasks.save_template.trigger()
    assert services.warmup.default_template() == tasks
    page.undo_stack.undo()
    assert services.warmup.default_template() == (WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "Only this"),)

    def fake_exec(dialog: TemplateDialog) -> int:
        assert dialog.list.topLevelItemCount() == 1
        dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
        dialog.remove_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateDialog, "exec", fake_exec)
    page.tasks.edit_template.trigger()
    assert services.warmup.default_template() != (WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "Only this"),)
    page.undo_stack.undo()
    assert services.warmup.default_template() == (WarmupTaskInput(WarmupTaskKind.CUSTOM, -60, "Only this"),)


def test_without_shows_the_page_says_to_plan_one_first(qtbot, services, runner, utc_clock, state) -> None:
    page = make_page(qtbot, services, runner, utc_clock, state)
    assert page.show_id() is None
    assert not page.tabs.isVisibleTo(page)
    assert "Shows page" in page.empty.text()


def test_qr_options_redraw_the_selected_link_and_refuse_unreadable_colours(page: WarmupPage, services, show_id) -> None:
    from streamdesk.core.qr import decode_png

    add_link(services, show_id)
    page.refresh()
    page.links.table.selectRow(0)
    preview = page.links.qr_preview
    options = page.link_flows.qr_options()
    assert preview is not None and options is not None and options.isVisibleTo(page.links)

    options.ecc.setCurrentIndex(options.ecc.findData("H"))
    options.size_mm.setValue(12)  # too small for this link at H: the print check says so
    image = preview.image()
    assert image is not None and image.ecc.value == "H" and decode_png(image.data) == (CHANNELS_URL,)
    assert preview.warning.isVisibleTo(preview) and "mm" in preview.warning.text()

    options.set_colours("#DDDDDD", "#FFFFFF")  # grey on white: scanners miss it
    assert preview.image() is None and "contrast" in preview.status.text().lower()
    options.set_colours("#1A237E", "#FFF8E1")
    assert preview.image() is not None
    assert page.state().value("qr/foreground") == "#1A237E"  # remembered for next time
