"""The Orders page: the paged table and its filters, overdue highlighting, status changes and seller notes with undo,
the detail panel, the shipping export dialog, pick lists and packing slips, keyboard use and privacy mode.

Orders are made through the Orders service (live sales) on a real database; the fake clock moves time on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from page_support import *  # noqa: F403 - the shared fixtures (english, runner, services)
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox

from streamdesk.app import Services
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import (
    CaseInput,
    CaseKind,
    LiveSaleInput,
    OrderFilter,
    OrderRow,
    OrderSort,
    OrderStatus,
    Platform,
)
from streamdesk.core.show_types import ShowInput
from streamdesk.ui.pages.orders import flows
from streamdesk.ui.pages.orders.export_dialog import ExportDialog
from streamdesk.ui.pages.orders.filter_bar import DateRange
from streamdesk.ui.pages.orders.labels import OVERDUE_BACKGROUND, OVERDUE_COLOUR
from streamdesk.ui.pages.orders.orders_model import OrderColumn, OrdersModel
from streamdesk.ui.pages.orders.page import OrdersPage
from streamdesk.ui.pages.orders.ship_dialog import ShipDialog
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.tasks import TaskRunner
from streamdesk.ui.widgets.paged_model import PAGE_SIZE


@pytest.fixture
def skus(services: Services) -> dict[str, int]:
    """Two products: SKU code → variant id (plenty of stock)."""
    catalogue, ids = services.catalogue, {}
    for title, code, price in (("冰丝防晒衣", "SUN-WH-M", 5990), ("Lipstick", "LIP-01", 9900)):
        product_id = catalogue.create_product(
            ProductInput(title=title, variants=(VariantInput(code, list_price_minor=price, initial_stock=1000),))
        )
        ids[code] = catalogue.get_product(product_id).variants[0].id
    return ids


def sell(services: Services, variant_id: int, nickname: str, quantity: int = 1, **extra: object) -> int:
    return services.orders.live_sale(LiveSaleInput(variant_id, nickname, quantity, **extra)).order_id  # type: ignore[arg-type]


@pytest.fixture
def make_page(qtbot, services: Services, runner: TaskRunner, utc_clock) -> Callable[[], OrdersPage]:
    def make() -> OrdersPage:
        page = OrdersPage(
            services.orders,
            lambda: services.orders_io,
            lambda: services.shipping_io,
            services.after_sales,
            services.shows,
            runner,
            services.settings,
            catalogue=services.catalogue,
            clock=utc_clock,
        )
        qtbot.addWidget(page)
        page.resize(1366, 768)
        qtbot.waitUntil(page.model.has_loaded, timeout=5000)
        return page

    return make


def order_nos(page: OrdersPage) -> list[str]:
    return [page.model.row(n).order_no for n in range(page.model.rowCount())]


def reloaded(qtbot, page: OrdersPage, action: Callable[[], object]) -> None:
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        action()


def select_orders(page: OrdersPage, *order_ids: int) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for order_id in order_ids:
        number = page.model.row_of_order(order_id)
        assert number is not None
        selection.select(page.model.index(number, 0), flags)
    first = page.model.row_of_order(order_ids[0])
    selection.setCurrentIndex(page.model.index(first, 1), QItemSelectionModel.SelectionFlag.NoUpdate)


# --- the table -------------------------------------------------------------------------------------------------
def test_orders_are_listed_newest_first_and_the_model_passes_the_tester(
    qtbot, qtmodeltester, services, skus, make_page, utc_clock
) -> None:
    first = sell(services, skus["SUN-WH-M"], "小红薯", 2)
    utc_clock.advance(minutes=5)
    second = sell(services, skus["LIP-01"], "momo")
    page = make_page()
    assert [page.model.row(n).id for n in range(2)] == [second, first]
    row = page.model.index(1, int(OrderColumn.ITEMS))
    assert "冰丝防晒衣" in row.data() and "×2" in row.data()
    assert page.model.index(1, int(OrderColumn.PAID)).data() == "¥119.80"
    assert page.model.index(1, int(OrderColumn.BUYER)).data() == "小红薯"
    assert page.count_label.text().startswith("2 order")  # "2 orders" once the plural forms are compiled
    qtmodeltester.check(page.model)


def test_every_filter_narrows_the_rows(qtbot, services, skus, make_page, utc_clock) -> None:
    show_id = services.shows.create_show(ShowInput(title="周五上新"))
    old = sell(services, skus["SUN-WH-M"], "老客户", platform=Platform.KUAISHOU)
    utc_clock.advance(days=10)
    in_show = sell(services, skus["LIP-01"], "小红薯", show_id=show_id)
    shipped = sell(services, skus["LIP-01"], "momo")
    services.orders.set_status([shipped], OrderStatus.SHIPPED)
    page = make_page()
    qtbot.waitUntil(lambda: page.filters.show_choice.count() == 2, timeout=5000)
    every = set(order_nos(page))
    assert len(every) == 3

    def ids() -> set[int]:
        return {page.model.row(n).id for n in range(page.model.rowCount())}

    reloaded(
        qtbot, page, lambda: page.filters.platform.setCurrentIndex(page.filters.platform.findData(Platform.KUAISHOU))
    )
    assert ids() == {old}
    reloaded(qtbot, page, page.filters.clear_filters)
    reloaded(qtbot, page, lambda: page.filters.show_choice.setCurrentIndex(page.filters.show_choice.findData(show_id)))
    assert ids() == {in_show}
    reloaded(qtbot, page, page.filters.clear_filters)
    reloaded(qtbot, page, lambda: page.filters.status_actions[OrderStatus.SHIPPED].setChecked(True))
    assert ids() == {shipped}
    assert page.filters.status_button.text() == "Shipped"
    reloaded(qtbot, page, lambda: page.filters.status_actions[OrderStatus.PAID].setChecked(True))
    assert ids() == {old, in_show, shipped}
    reloaded(qtbot, page, page.filters.clear_filters)
    reloaded(qtbot, page, lambda: page.filters.dates.setCurrentIndex(page.filters.dates.findData(DateRange.TODAY)))
    assert ids() == {in_show, shipped}
    reloaded(qtbot, page, page.filters.clear_filters)
    reloaded(qtbot, page, lambda: page.filters.search.setText("老客"))
    assert ids() == {old}
    reloaded(qtbot, page, page.filters.search.clear_search)
    reloaded(qtbot, page, lambda: page.filters.overdue.setChecked(True))
    assert ids() == {old}  # paid ten days ago and never shipped: past the 48-hour rule
    reloaded(qtbot, page, lambda: page.filters.needs_review.setChecked(True))
    assert ids() == set()
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No orders match these filters"


def test_a_custom_date_range_counts_whole_local_days(qtbot, services, skus, make_page, utc_clock) -> None:
    early = sell(services, skus["LIP-01"], "a")
    utc_clock.advance(days=3)
    sell(services, skus["LIP-01"], "b")
    page = make_page()
    day = utc_clock().astimezone().date() - timedelta(days=3)
    page.filters.date_from.setDate(day)
    page.filters.date_to.setDate(day)
    reloaded(qtbot, page, lambda: page.filters.dates.setCurrentIndex(page.filters.dates.findData(DateRange.CUSTOM)))
    assert page.filters.date_from.isVisibleTo(page)
    assert [page.model.row(n).id for n in range(page.model.rowCount())] == [early]


def test_an_overdue_order_has_a_red_ship_by_and_a_tinted_row(qtbot, services, skus, make_page, utc_clock) -> None:
    late = sell(services, skus["LIP-01"], "late")
    utc_clock.advance(days=3)
    fresh = sell(services, skus["LIP-01"], "fresh")
    page = make_page()
    late_row, fresh_row = page.model.row_of_order(late), page.model.row_of_order(fresh)
    ship_by = page.model.index(late_row, int(OrderColumn.SHIP_BY))
    assert page.model.row(late_row).overdue and not page.model.row(fresh_row).overdue
    assert ship_by.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert ship_by.data(Qt.ItemDataRole.FontRole).bold()
    assert page.model.index(late_row, int(OrderColumn.BUYER)).data(Qt.ItemDataRole.BackgroundRole).color() == (
        OVERDUE_BACKGROUND
    )
    assert "Overdue" in ship_by.data(Qt.ItemDataRole.ToolTipRole)
    fresh_ship_by = page.model.index(fresh_row, int(OrderColumn.SHIP_BY))
    assert fresh_ship_by.data() and fresh_ship_by.data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.model.index(fresh_row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    status = page.model.index(late_row, int(OrderColumn.STATUS))
    assert status.data() == "Paid, to ship"
    assert status.data(Qt.ItemDataRole.ForegroundRole).color() != QColor("black")


class ManyOrders:
    """1,020 orders answered the way Orders.count_and_page answers (a slice of one sorted list), with a log of the
    calls: paging is the model's own logic, and 1,020 live sales would take seconds to write."""

    def __init__(self, template: OrderRow, count: int = 1020) -> None:
        self.rows = [replace(template, id=n, order_no=f"L-{n:05d}") for n in range(1, count + 1)]
        self.calls: list[tuple[int, int]] = []

    def count_and_page(self, filter, sort, descending, offset, limit):
        self.calls.append((offset, limit))
        return len(self.rows), tuple(self.rows[offset : offset + limit])


def test_fetch_more_pulls_500_orders_at_a_time(qtbot, qtmodeltester, services, skus, runner) -> None:
    order_id = sell(services, skus["LIP-01"], "buyer")
    template = services.orders.get_order(order_id).row
    queries = ManyOrders(template)
    model = OrdersModel(queries, runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert (model.total(), model.rowCount()) == (1020, PAGE_SIZE) and model.canFetchMore()
    with qtbot.waitSignal(model.rows_fetched, timeout=5000) as fetched:
        model.fetchMore()
    assert fetched.args == [PAGE_SIZE]
    with qtbot.waitSignal(model.rows_fetched, timeout=5000) as fetched:
        model.fetchMore()
    assert fetched.args == [20] and not model.canFetchMore()
    assert queries.calls == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE), (2 * PAGE_SIZE, PAGE_SIZE)]
    assert len({model.row(n).id for n in range(1020)}) == 1020
    qtmodeltester.check(model)


def test_clicking_a_header_sorts_in_sql(qtbot, services, skus, make_page, utc_clock) -> None:
    cheap = sell(services, skus["SUN-WH-M"], "a")
    utc_clock.advance(minutes=1)
    dear = sell(services, skus["LIP-01"], "b", 3)
    page = make_page()
    reloaded(qtbot, page, lambda: page.table.horizontalHeader().sectionClicked.emit(int(OrderColumn.PAID)))
    assert [page.model.row(n).id for n in range(2)] == [dear, cheap]  # biggest first
    reloaded(qtbot, page, lambda: page.table.horizontalHeader().sectionClicked.emit(int(OrderColumn.PAID)))
    assert [page.model.row(n).id for n in range(2)] == [cheap, dear]


def test_an_empty_shop_says_how_to_get_orders(qtbot, make_page) -> None:
    page = make_page()
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No orders yet"
    assert "Ctrl+I" in page.stack.empty_state.text() and "Live page" in page.stack.empty_state.text()
    assert [b.text() for b in page.stack.empty_state.buttons()] == ["Import orders…  (Ctrl+I)"]


# --- changing orders -------------------------------------------------------------------------------------------
def test_status_change_of_a_selection_and_its_undo(qtbot, services, skus, make_page) -> None:
    first = sell(services, skus["LIP-01"], "a", 2)
    second = sell(services, skus["SUN-WH-M"], "b")
    already = sell(services, skus["SUN-WH-M"], "c")
    services.orders.set_status([already], OrderStatus.SHIPPED)
    page = make_page()
    select_orders(page, first, second, already)
    assert "3 selected" in page.count_label.text()
    reloaded(qtbot, page, page.order_actions.set_status[OrderStatus.SHIPPED].trigger)
    assert {services.orders.get_order(i).row.status for i in (first, second, already)} == {OrderStatus.SHIPPED}
    assert page.undo_stack.undoText().startswith("Set 2 order") and page.undo_stack.undoText().endswith("“Shipped”")
    assert set(page.table_support.selected_ids()) == {first, second}  # the changed orders stay selected
    reloaded(qtbot, page, page.order_actions.undo.trigger)
    assert services.orders.get_order(first).row.status is OrderStatus.PAID
    assert services.orders.get_order(second).row.status is OrderStatus.PAID
    assert services.orders.get_order(already).row.status is OrderStatus.SHIPPED  # it was shipped before
    rows = {page.model.row(n).id: page.model.row(n).status for n in range(page.model.rowCount())}
    assert rows[first] is OrderStatus.PAID
    reloaded(qtbot, page, page.order_actions.redo.trigger)
    assert services.orders.get_order(first).row.status is OrderStatus.SHIPPED


def test_cancelling_puts_stock_back_tells_other_pages_and_undo_takes_it_again(qtbot, services, skus, make_page) -> None:
    order = sell(services, skus["LIP-01"], "a", 3)
    stock = lambda: services.catalogue.row_for_variant(skus["LIP-01"]).on_hand  # noqa: E731
    assert stock() == 997
    page = make_page()
    select_orders(page, order)
    with qtbot.waitSignal(page.stock_changed, timeout=5000):
        page.order_actions.set_status[OrderStatus.CANCELLED].trigger()
    assert stock() == 1000
    with qtbot.waitSignal(page.stock_changed, timeout=5000):
        page.order_actions.undo.trigger()
    assert stock() == 997 and services.orders.get_order(order).row.status is OrderStatus.PAID


def test_status_actions_follow_the_selection(qtbot, services, skus, make_page) -> None:
    paid = sell(services, skus["LIP-01"], "a")
    page = make_page()
    page.table.selectionModel().clearSelection()
    assert not page.order_actions.set_status[OrderStatus.SHIPPED].isEnabled()
    assert not page.status_button.isEnabled()
    select_orders(page, paid)
    assert page.order_actions.set_status[OrderStatus.SHIPPED].isEnabled()
    assert not page.order_actions.set_status[OrderStatus.PAID].isEnabled()  # it is paid already


def test_detail_panel_shows_the_lines_and_saves_the_seller_note_undoably(
    qtbot, qtmodeltester, services, skus, make_page
) -> None:
    order = sell(services, skus["SUN-WH-M"], "小红薯", 2, note="要礼盒")
    page = make_page()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, order)
    detail = page.detail
    number = services.orders.get_order(order).row.order_no
    assert detail.heading.text() == number
    assert detail.lines_model.rowCount() == 1
    assert detail.lines_model.index(0, 0).data() == "冰丝防晒衣"
    assert detail.lines_model.index(0, 1).data() == "SUN-WH-M"
    assert detail.lines_model.index(0, 2).data() == "2"
    assert detail.lines_model.index(0, 4).data() == "¥119.80"
    assert detail.shipments.text() == "Not shipped yet."
    assert detail.seller_note.toPlainText() == "要礼盒"
    assert "Paid, to ship" in detail.status.text()
    qtmodeltester.check(detail.lines_model)
    detail.seller_note.setPlainText("要礼盒，写贺卡")
    assert detail.save_note.isEnabled()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        detail.save_note.click()
    assert services.orders.get_order(order).seller_note == "要礼盒，写贺卡"
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        page.undo_stack.undo()
    assert services.orders.get_order(order).seller_note == "要礼盒"
    assert detail.seller_note.toPlainText() == "要礼盒"


def test_moving_to_another_order_keeps_a_typed_note(qtbot, services, skus, make_page) -> None:
    first = sell(services, skus["LIP-01"], "a")
    second = sell(services, skus["LIP-01"], "b")
    page = make_page()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, first)
    page.detail.seller_note.setPlainText("先发这单")
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, second)
    assert services.orders.get_order(first).seller_note == "先发这单"
    assert page.detail.order_id() == second


def test_shipments_appear_in_the_detail_panel(qtbot, services, skus, make_page) -> None:
    order = sell(services, skus["LIP-01"], "a")
    services.orders.mark_shipped(order, "顺丰速运", "SF1234567890", "SF")
    page = make_page()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, order)
    assert "顺丰速运 SF1234567890" in page.detail.shipments.text()
    assert page.model.index(page.model.row_of_order(order), int(OrderColumn.TRACKING)).data() == "SF1234567890"


# --- keyboard --------------------------------------------------------------------------------------------------
def test_enter_moves_into_the_details_f2_to_the_note_and_escape_back(qtbot, services, skus, make_page) -> None:
    order = sell(services, skus["LIP-01"], "a")
    page = make_page()
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, order)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail.lines.hasFocus()
    qtbot.keyClick(page.detail.lines, Qt.Key.Key_Escape)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.detail.seller_note.hasFocus()


def test_every_page_action_has_its_key(make_page) -> None:
    page = make_page()
    a = page.order_actions
    keys = {action.text(): action.shortcut().toString() for action in (a.import_orders, a.export, a.pick_list)}
    assert keys == {"Import orders…": "Ctrl+I", "Export for shipping…": "Ctrl+E", "Pick list…": "Ctrl+P"}
    assert a.packing_slips.shortcut().toString() == "Ctrl+Shift+P"
    assert "(Ctrl+E)" in a.export.toolTip()


# --- files -----------------------------------------------------------------------------------------------------
def open_export(page: OrdersPage) -> ExportDialog:
    page.order_actions.export.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ExportDialog)
    return dialog


def test_export_dialog_writes_the_selected_orders_to_a_file(qtbot, services, skus, make_page, tmp_path) -> None:
    chosen = sell(services, skus["SUN-WH-M"], "小红薯", 2)
    other = sell(services, skus["LIP-01"], "momo")
    page = make_page()
    select_orders(page, chosen)
    dialog = open_export(page)
    assert dialog.use_selection.isChecked() and dialog.use_selection.text().startswith("The 1 selected")
    dialog.preset.setCurrentIndex(dialog.preset.findData("generic_csv"))
    dialog.set_path(tmp_path / "batch.csv")
    with qtbot.waitSignal(dialog.exported, timeout=10000) as exported:
        dialog.export_button.click()
    assert exported.args == [str(tmp_path / "batch.csv"), 1]
    with (tmp_path / "batch.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    text = "\n".join(",".join(row) for row in rows[1:])
    assert services.orders.get_order(chosen).row.order_no in text
    assert services.orders.get_order(other).row.order_no not in text
    assert "冰丝防晒衣" in text
    assert str(tmp_path / "batch.csv") in page.messages.text()
    assert page.messages.action_button.text() == "Open"
    dialog.close()


def test_courier_export_of_the_filtered_orders_lists_the_refused_ones(
    qtbot, services, skus, make_page, tmp_path
) -> None:
    first = sell(services, skus["SUN-WH-M"], "a")
    second = sell(services, skus["LIP-01"], "b")  # live orders have no address yet: a courier file cannot take them
    page = make_page()
    page.table.selectionModel().clearSelection()
    dialog = open_export(page)
    assert not dialog.use_selection.isEnabled() and dialog.use_filter.isChecked()
    dialog.preset.setCurrentIndex(dialog.preset.findData("sf"))
    assert dialog.format.count() == 1 and dialog.chosen_format().value == "xlsx"
    assert "masked" in dialog.preset_note.text()
    dialog.set_path(tmp_path / "sf.xlsx")
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    assert (
        dialog.export_result is not None and dialog.export_result.orders == 0 and len(dialog.export_result.skipped) == 2
    )
    assert dialog.problems.isVisible() and dialog.problems.count() == 2  # one reason, then its orders
    assert dialog.problems.item(0).text().startswith("2 order") and "no recipient or no address" in (
        dialog.problems.item(0).text()
    )
    numbers = {services.orders.get_order(order_id).row.order_no for order_id in (first, second)}
    assert set(dialog.problems.item(1).text().split(", ")) == numbers
    assert "left out" in dialog.summary.text()


def test_pick_list_and_packing_slips_of_the_paid_orders_shown(
    qtbot, services, skus, make_page, tmp_path, monkeypatch
) -> None:
    sell(services, skus["SUN-WH-M"], "a", 2)
    sell(services, skus["SUN-WH-M"], "b", 1)
    gone = sell(services, skus["LIP-01"], "c", 5)
    services.orders.set_status([gone], OrderStatus.SHIPPED)
    page = make_page()
    page.table.selectionModel().clearSelection()
    answers = iter([tmp_path / "pick.csv", tmp_path / "slips"])
    monkeypatch.setattr(flows, "ask_save_path", lambda *_args: next(answers))
    with qtbot.waitSignal(page.flows.file_written, timeout=10000):
        page.order_actions.pick_list.trigger()
    with (tmp_path / "pick.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["SKU", "Product", "Spec", "Units"]
    assert [(row[0], row[3], row[4]) for row in rows[1:]] == [("SUN-WH-M", "3", "2")]  # the shipped one is not packed
    with qtbot.waitSignal(page.flows.file_written, timeout=10000):
        page.order_actions.packing_slips.trigger()
    slips = tmp_path / "slips.pdf"
    assert slips.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", slips.read_bytes())) == 2  # one page per order
    assert "2 packing slip" in page.messages.text()


def test_a_pick_list_of_nothing_explains_itself(qtbot, services, skus, make_page, monkeypatch) -> None:
    page = make_page()
    monkeypatch.setattr(flows, "ask_save_path", lambda *_args: pytest.fail("no file should be asked for"))
    page.order_actions.pick_list.trigger()
    assert "no orders to pick" in page.messages.text()


# --- tabs, privacy, other pages --------------------------------------------------------------------------------
def test_customers_and_after_sales_tabs_are_made_on_first_visit_and_open_orders(
    qtbot, services, skus, make_page
) -> None:
    order = sell(services, skus["LIP-01"], "小红薯")
    page = make_page()
    titles = [page.tabs.tabText(n) for n in range(page.tabs.count())]
    assert titles == ["Orders", "Customers", "After-sales"]
    assert page.sub_tabs.customers is None and page.sub_tabs.after_sales is None
    page.tabs.setCurrentIndex(1)
    assert page.sub_tabs.customers is not None
    assert page.sub_tabs.customers.undo_stack is page.undo_stack  # one Ctrl+Z for the page and its tabs
    page.tabs.setCurrentIndex(0)
    page.table.selectionModel().clearSelection()
    page.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        page.sub_tabs.customers.order_requested.emit(order)
    assert page.tabs.currentWidget() is page.orders_tab
    assert page.detail.order_id() == order
    assert page.table_support.selected_ids() == (order,)


def test_new_case_starts_in_the_after_sales_tab(qtbot, services, skus, make_page, monkeypatch) -> None:
    order = sell(services, skus["LIP-01"], "a")
    page = make_page()
    select_orders(page, order)
    assert page.order_actions.new_case.isEnabled()
    started: list[int | None] = []
    from streamdesk.ui.pages.orders.after_sales_view import AfterSalesView

    monkeypatch.setattr(AfterSalesView, "new_case", lambda _view, order_id=None: started.append(order_id))
    page.order_actions.new_case.trigger()
    assert started == [order]
    assert page.tabs.currentWidget() is page.sub_tabs.after_sales_holder


DOUYIN_EXPORT = """主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,商品单价,订单应付金额,收件人,收件人手机号,省,市,区,详细地址,买家留言,订单提交时间,支付完成时间,订单状态
6917350001234567891,6917350001234567892,冰丝防晒衣,白;M,2,SUN-WH-M,59.90,119.80,张三,13812341234,浙江省,杭州市,西湖区,文三路100号3幢,请尽快发货,2026-01-05 10:00:00,2026-01-05 10:01:00,备货中
6917350001234568001,6917350001234568002,冰丝防晒衣,白;M,1,SUN-WH-M,59.90,59.90,李**,139****5678,广东省,深圳市,南山区,科技园,-,2026-01-05 11:00:00,2026-01-05 11:01:00,奇怪的状态
"""
FULL, MASKED = "6917350001234567891", "6917350001234568001"


@pytest.fixture
def imported(services: Services, skus, tmp_path) -> dict[str, int]:
    """Two 抖店 orders imported through OrdersIO: one with a full address, one masked with a status text the
    importer does not know (flagged for review). Returns order_no → id."""
    path = tmp_path / "douyin.csv"
    path.write_text(DOUYIN_EXPORT, encoding="utf-8")
    run_to_end(services.orders_io.apply(run_to_end(services.orders_io.plan(path))))
    _total, rows = services.orders.count_and_page(OrderFilter(), OrderSort.CREATED, True, 0, 10)
    return {row.order_no: row.id for row in rows}


def test_privacy_mode_masks_recipients_phones_and_addresses(qtbot, services, imported, make_page) -> None:
    page = make_page()
    privacy = Privacy(False)
    page.set_privacy(privacy)
    full = page.model.row_of_order(imported[FULL])
    recipient = page.model.index(full, int(OrderColumn.RECIPIENT))
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, imported[FULL])
    assert recipient.data() == "张三" and page.model.index(full, int(OrderColumn.BUYER)).data() == "张三"
    assert "13812341234" in recipient.data(Qt.ItemDataRole.ToolTipRole)
    assert page.detail.phone.text() == "13812341234" and "文三路100号" in page.detail.address.text()
    with qtbot.waitSignal(page.model.dataChanged, timeout=1000):
        privacy.set_enabled(True)
    assert recipient.data() == "张*" and page.model.index(full, int(OrderColumn.BUYER)).data() == "张*"
    assert "138****1234" in recipient.data(Qt.ItemDataRole.ToolTipRole)
    assert page.detail.recipient.text() == "张*" and page.detail.phone.text() == "138****1234"
    assert "文三路" not in page.detail.address.text() and page.detail.address.text().startswith("浙江省")
    privacy.set_enabled(False)
    assert page.detail.phone.text() == "13812341234"


def test_a_flagged_import_is_marked_and_found_by_the_review_filter(qtbot, services, imported, make_page) -> None:
    page = make_page()
    flagged = page.model.row_of_order(imported[MASKED])
    assert page.model.index(flagged, int(OrderColumn.REVIEW)).data() == "⚑"
    assert page.model.index(page.model.row_of_order(imported[FULL]), int(OrderColumn.REVIEW)).data() == ""
    status = page.model.index(flagged, int(OrderColumn.STATUS))
    assert status.data(Qt.ItemDataRole.ToolTipRole) == "The platform says: 奇怪的状态"
    reloaded(qtbot, page, lambda: page.filters.needs_review.setChecked(True))
    assert order_nos(page) == [MASKED]


def test_a_courier_file_takes_the_full_address_and_refuses_the_masked_one(
    qtbot, services, imported, make_page, tmp_path
) -> None:
    page = make_page()
    select_orders(page, imported[FULL], imported[MASKED])
    dialog = open_export(page)
    dialog.preset.setCurrentIndex(dialog.preset.findData("zto"))
    dialog.set_path(tmp_path / "zto.xlsx")
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    assert dialog.export_result is not None and dialog.export_result.orders == 1
    assert [problem.order_no for problem in dialog.export_result.skipped] == [MASKED]
    assert dialog.problems.item(0).text().startswith(f"Order {MASKED}: left out: the platform masked")
    assert (tmp_path / "zto.xlsx").stat().st_size > 0


def test_a_tracking_file_marks_orders_shipped(qtbot, services, imported, make_page, tmp_path, monkeypatch) -> None:
    path = tmp_path / "tracking.csv"
    path.write_text(f"订单号,物流公司,物流单号\n{FULL},圆通速递,YT1234567890123\n9999,圆通速递,YT1\n", encoding="utf-8")
    page = make_page()
    monkeypatch.setattr(flows, "ask_open_path", lambda *_args: path)
    with qtbot.waitSignal(page.model.loaded, timeout=10000):
        page.order_actions.import_tracking.trigger()
    assert page.messages.text().startswith("Marked 1 order")
    assert "skipped" in page.messages.text()
    row = page.model.row(page.model.row_of_order(imported[FULL]))
    assert (row.status, row.tracking_no) == (OrderStatus.SHIPPED, "YT1234567890123")


def test_the_import_button_opens_the_import_dialog_and_relays_the_batch(
    qtbot, services, skus, make_page, tmp_path
) -> None:
    from streamdesk.ui.pages.orders.import_dialog import OrderImportDialog

    page = make_page()
    page.order_actions.import_orders.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, OrderImportDialog) and dialog.isVisible()
    path = tmp_path / "douyin.csv"
    path.write_text(DOUYIN_EXPORT, encoding="utf-8")
    batch = run_to_end(services.orders_io.apply(run_to_end(services.orders_io.plan(path)))).batch_id
    with qtbot.waitSignal(page.orders_imported, timeout=5000) as relayed, qtbot.waitSignal(page.model.loaded):
        dialog.imported.emit(batch)
    assert relayed.args == [batch]
    assert page.model.total() == 2
    dialog.close()


def test_orders_imported_elsewhere_or_a_sale_on_the_live_page_refresh_the_table(
    qtbot, services, skus, make_page
) -> None:
    page = make_page()
    assert page.model.total() == 0
    sell(services, skus["LIP-01"], "a")
    reloaded(qtbot, page, page._on_stock_changed)
    assert page.model.total() == 1
    sell(services, skus["LIP-01"], "b")
    reloaded(qtbot, page, lambda: page._on_orders_imported(7))
    assert page.model.total() == 2
    assert not page.stack.is_showing_empty_state()


def test_the_detail_panel_lists_the_orders_after_sales_cases(qtbot, services, skus, make_page) -> None:
    order = sell(services, skus["LIP-01"], "a", 2)
    case_id = services.after_sales.open_case(
        CaseInput(CaseKind.RETURN, order_id=order, summary="色号不对", refund_minor=9900)
    )
    page = make_page()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        select_orders(page, order)
    text = page.detail.cases.text()
    assert f"#{case_id} Return: 色号不对" in text and "Open" in text and "¥99.00" in text


def test_mark_shipped_by_hand_records_the_tracking_number(qtbot, services, skus, make_page) -> None:
    order = sell(services, skus["LIP-01"], "a")
    page = make_page()
    select_orders(page, order)
    page.order_actions.mark_shipped.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ShipDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.courier.setCurrentText("中通快递")
    dialog.tracking_no.setText(" 73512345678901 ")
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        ok.click()
    detail = services.orders.get_order(order)
    assert detail.row.status is OrderStatus.SHIPPED
    assert [(s.courier, s.courier_code, s.tracking_no) for s in detail.shipments] == [
        ("中通快递", "ZTO", "73512345678901")
    ]
    assert page.model.row(page.model.row_of_order(order)).tracking_no == "73512345678901"
