"""The Customers tab: list, search, detail with order history, tag and notes edits (undoable), new vs returning
buyers of a show, privacy mode. Real services over a fresh database; orders are taken live through Orders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from catalogue_support import product
from page_support import *  # noqa: F403 - the shared fixtures (english, runner, services)
from PySide6.QtCore import Qt

from streamdesk.app import Services
from streamdesk.core.order_types import LiveSaleInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.ui.pages.orders.customer_dialog import CustomerDialog
from streamdesk.ui.pages.orders.customers_model import CustomerColumn, HistoryColumn
from streamdesk.ui.pages.orders.customers_view import CustomersView
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.tasks import TaskRunner


@pytest.fixture
def shop(services: Services, utc_clock) -> dict[str, int]:
    """Two shows a week apart. 小美爱购物 buys in both, 阿强 in the first, 新朋友 only in the second; returns names
    → ids (shows, variant, and each buyer's latest order)."""
    services.catalogue.create_product(product("冰丝防晒衣", "SUN-W", price=8900, stock=20))
    variant = services.catalogue.find_by_sku("SUN-W")
    assert variant is not None
    start = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    first = services.shows.create_show(ShowInput(title="春季新品", planned_start=start, planned_seconds=7200))
    second = services.shows.create_show(
        ShowInput(title="周五福利夜", planned_start=start + timedelta(days=7), planned_seconds=7200)
    )
    ids = {"first": first, "second": second, "variant": variant.variant_id}
    for show, nickname, quantity in (
        (first, "小美爱购物", 1),
        (first, "阿强", 2),
        (second, "小美爱购物", 1),
        (second, "新朋友", 1),
    ):
        utc_clock.advance(days=3)
        sale = LiveSaleInput(variant_id=variant.variant_id, nickname=nickname, quantity=quantity, show_id=show)
        ids[nickname] = services.orders.live_sale(sale).order_id
    return ids


@pytest.fixture
def make_view(qtbot, services: Services, runner: TaskRunner) -> Callable[..., CustomersView]:
    def make(**extra: object) -> CustomersView:
        view = CustomersView(services.orders, runner, **extra)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.resize(1300, 760)
        view.show()
        qtbot.waitUntil(view.has_loaded, timeout=5000)
        return view

    return make


def plural(text: str) -> str:
    """English plural forms come from the .qm the lead builds from the TSV; until then Qt shows "customer(s)"."""
    return text.replace("(s)", "s")


def nicknames(view: CustomersView) -> list[str]:
    return [row.nickname for row in view.model.rows()]


def customer_id(services: Services, nickname: str) -> int:
    return next(c.id for c in services.orders.customers(nickname) if c.nickname == nickname)


def select(qtbot, view: CustomersView, nickname: str) -> None:
    row = next(n for n, customer in enumerate(view.model.rows()) if customer.nickname == nickname)
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.detail.detail is not None and view.detail.detail.row.nickname == nickname)


def search(qtbot, view: CustomersView, text: str) -> None:
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.search.setText(text)
        view.search.returnPressed.emit()


def test_customers_are_listed_most_recent_first_with_orders_and_lifetime_value(
    qtbot, qtmodeltester, shop, make_view
) -> None:
    view = make_view()
    qtmodeltester.check(view.model)
    assert nicknames(view) == ["新朋友", "小美爱购物", "阿强"]
    row = view.model.row_of(view.model.rows()[1].id)
    assert row == 1

    def cell(column: CustomerColumn) -> str:
        return view.model.index(1, int(column)).data()

    assert (cell(CustomerColumn.PLATFORM), cell(CustomerColumn.ORDERS)) == ("Douyin", "2")
    assert cell(CustomerColumn.LIFETIME) == "¥178.00"  # two orders of ¥89
    assert (cell(CustomerColumn.FIRST_ORDER), cell(CustomerColumn.LAST_ORDER)) == ("2026-01-08", "2026-01-14")
    assert plural(view.count_label.text()) == "3 customers"
    assert not view.show_combo.isVisible()  # no shows service: no new-vs-returning picker


def test_search_narrows_the_list_and_says_when_nothing_matches(qtbot, shop, make_view) -> None:
    view = make_view()
    search(qtbot, view, "小美")
    assert nicknames(view) == ["小美爱购物"]
    search(qtbot, view, "nobody like this")
    assert view.list_stack.is_showing_empty_state()
    assert view.list_stack.empty_state.headline() == "No customer matches"
    search(qtbot, view, "")
    assert len(nicknames(view)) == 3 and not view.list_stack.is_showing_empty_state()


def test_empty_shop_says_where_customers_come_from(make_view) -> None:
    view = make_view()
    assert view.list_stack.empty_state.headline() == "No customers yet"
    assert "imported" in view.list_stack.empty_state.text()


def test_detail_shows_order_history_and_opens_an_order(qtbot, qtmodeltester, services, shop, make_view) -> None:
    view = make_view()
    select(qtbot, view, "小美爱购物")
    history = view.detail.orders_model
    qtmodeltester.check(history)
    assert [order.id for order in history.rows()] == [shop["小美爱购物"], shop["小美爱购物"] - 2]  # newest first
    assert history.index(0, int(HistoryColumn.PAID)).data() == "¥89.00"
    assert view.detail.addresses.text() == "No address yet"
    assert view.detail.heading.text() == "小美爱购物 · Douyin (抖音)"
    assert not view.detail.open_order.isEnabled()
    view.detail.orders.selectRow(1)
    with qtbot.waitSignal(view.order_requested, timeout=1000) as requested:
        view.detail.open_order.click()
    assert requested.args == [shop["小美爱购物"] - 2]


def test_tags_and_notes_are_edited_in_the_dialog_and_undone(qtbot, services, shop, make_view) -> None:
    view = make_view()
    select(qtbot, view, "阿强")
    view.edit_action.trigger()
    dialog = view.current_dialog
    assert isinstance(dialog, CustomerDialog)
    assert not dialog.reveal.isVisible()
    dialog.tag_boxes["vip"].setChecked(True)
    dialog.tag_boxes["fan_club"].setChecked(True)
    dialog.other_tags.setText("夜猫子， 爱砍价")
    dialog.name.setText(" 李强 ")
    dialog.phone.setText("13900001111")
    dialog.notes.setPlainText("L 码；只收顺丰")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.accept()
    ahqiang = customer_id(services, "阿强")
    saved = services.orders.get_customer(ahqiang)
    assert saved.row.tags == ("vip", "fan_club", "夜猫子", "爱砍价")
    assert (saved.row.name, saved.row.phone, saved.notes) == ("李强", "13900001111", "L 码；只收顺丰")
    qtbot.waitUntil(lambda: view.detail.notes.text() == "L 码；只收顺丰")
    assert view.detail.tags.text() == "VIP · Fan club (粉丝团) · 夜猫子 · 爱砍价"
    row = view.model.row_of(ahqiang)
    assert row is not None and view.model.index(row, int(CustomerColumn.NAME)).data() == "李强"

    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.undo_stack.undo()
    undone = services.orders.get_customer(ahqiang)
    assert (undone.row.tags, undone.row.name, undone.notes) == ((), "", "")
    qtbot.waitUntil(lambda: view.detail.tags.text() == "No tags")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.undo_stack.redo()
    assert services.orders.get_customer(ahqiang).row.tags == ("vip", "fan_club", "夜猫子", "爱砍价")


def test_an_unchanged_dialog_pushes_no_command(qtbot, shop, make_view) -> None:
    view = make_view()
    select(qtbot, view, "新朋友")
    view.edit_selected()
    assert isinstance(view.current_dialog, CustomerDialog)
    view.current_dialog.accept()
    assert view.undo_stack.count() == 0


def test_new_and_returning_buyers_of_the_chosen_show(qtbot, services, shop, make_view) -> None:
    services.shows.set_status(shop["first"], ShowStatus.DONE)  # streamed; the second is still a draft
    view = make_view(shows=services.shows)
    qtbot.waitUntil(lambda: view.show_combo.count() == 3)  # "Choose a show…" and the two shows, latest first
    assert view.show_combo.itemData(1) == shop["second"]
    assert view.show_combo.currentData() == shop["first"]  # until one is picked: the latest show on air
    qtbot.waitUntil(lambda: plural(view.buyer_counts.text()) == "2 buyers · 2 new · 0 returning")
    view.set_show(shop["second"])
    qtbot.waitUntil(lambda: plural(view.buyer_counts.text()) == "2 buyers · 1 new · 1 returning")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()  # the shows are read again: the picked one stays
    qtbot.waitUntil(lambda: view.show_combo.count() == 3)
    assert view.show_combo.currentData() == shop["second"]
    view.set_show(None)
    assert view.buyer_counts.text() == "New and returning buyers per show"


def test_a_header_click_sorts_and_the_selection_follows(qtbot, services, shop, make_view) -> None:
    view = make_view()
    select(qtbot, view, "新朋友")
    view.table.sortByColumn(int(CustomerColumn.LIFETIME), Qt.SortOrder.DescendingOrder)
    assert nicknames(view) == ["小美爱购物", "阿强", "新朋友"]  # ¥178, ¥178 (2 × ¥89 in one order), ¥89
    assert view.selected_customer() is not None and view.selected_customer().nickname == "新朋友"
    view.table.sortByColumn(int(CustomerColumn.NICKNAME), Qt.SortOrder.AscendingOrder)
    assert nicknames(view) == sorted(nicknames(view), key=str.casefold)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert nicknames(view) == sorted(nicknames(view), key=str.casefold)  # a reload keeps the sort


def test_privacy_mode_masks_names_and_phones_everywhere_and_back(qtbot, services, shop, make_view) -> None:
    xiaomei = customer_id(services, "小美爱购物")
    services.orders.update_customer(xiaomei, name="王小美", phone="13812341234", tags=("vip",), notes="")
    view = make_view()
    privacy = Privacy(enabled=False)
    view.set_privacy(privacy)
    select(qtbot, view, "小美爱购物")
    row = view.model.row_of(xiaomei)
    assert row is not None

    def shown() -> tuple[str, str, str, str]:
        model = view.model
        return (
            model.index(row, int(CustomerColumn.NAME)).data(),
            model.index(row, int(CustomerColumn.PHONE)).data(),
            view.detail.name.text(),
            view.detail.phone.text(),
        )

    assert shown() == ("王小美", "13812341234", "王小美", "13812341234")
    privacy.set_enabled(True)
    assert shown() == ("王**", "138****1234", "王**", "138****1234")
    assert view.model.index(row, int(CustomerColumn.NICKNAME)).data() == "小美爱购物"  # public on the stream
    view.edit_selected()
    dialog = view.current_dialog
    assert isinstance(dialog, CustomerDialog)
    assert dialog.reveal.isVisibleTo(dialog) and dialog.name.echoMode() == dialog.name.EchoMode.Password
    dialog.reveal.setChecked(True)
    assert dialog.phone.echoMode() == dialog.phone.EchoMode.Normal
    dialog.reject()
    privacy.set_enabled(False)
    assert shown()[0] == "王小美"
