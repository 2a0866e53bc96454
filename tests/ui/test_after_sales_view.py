"""The After-sales tab: cases with a status filter and search, a new case from an order (units back in stock through
the ledger, refund on the order), edits, and the status workflow with undo and refusals. Real services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from catalogue_support import product
from page_support import *  # noqa: F403 - the shared fixtures (english, runner, services)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from streamdesk.app import Services
from streamdesk.core.catalogue_types import StockReason
from streamdesk.core.order_types import CaseInput, CaseItemInput, CaseKind, CaseStatus, LiveSaleInput
from streamdesk.ui.pages.orders.after_sales_view import AfterSalesView
from streamdesk.ui.pages.orders.case_dialog import CaseDialog
from streamdesk.ui.pages.orders.cases_model import CaseColumn, LineColumn
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.tasks import TaskRunner


@pytest.fixture
def sale(services: Services, utc_clock) -> dict[str, int]:
    """小美 bought 2 × SUN-W (¥59.90 each) live: stock 10 → 8."""
    services.catalogue.create_product(product("冰丝防晒衣", "SUN-W", price=5990, stock=10))
    variant = services.catalogue.find_by_sku("SUN-W")
    assert variant is not None
    utc_clock.advance(hours=1)
    order_id = services.orders.live_sale(LiveSaleInput(variant.variant_id, "小美爱购物", quantity=2)).order_id
    return {"variant": variant.variant_id, "order": order_id}


@pytest.fixture
def make_view(qtbot, services: Services, runner: TaskRunner) -> Callable[[], AfterSalesView]:
    def make() -> AfterSalesView:
        view = AfterSalesView(services.after_sales, services.orders, runner)
        qtbot.addWidget(view)
        view.resize(1300, 760)
        view.show()
        qtbot.waitUntil(view.has_loaded, timeout=5000)
        return view

    return make


def on_hand(services: Services, variant_id: int) -> int:
    return services.catalogue.row_for_variant(variant_id).on_hand


def statuses(view: AfterSalesView) -> list[CaseStatus]:
    return [row.status for row in view.model.rows()]


def reloaded(qtbot, view: AfterSalesView, action: Callable[[], object]) -> None:
    with qtbot.waitSignal(view.loaded, timeout=5000):
        action()


def select_case(qtbot, view: AfterSalesView, case_id: int) -> None:
    row = view.model.row_of(case_id)
    assert row is not None
    view.table.selectRow(row)
    qtbot.waitUntil(lambda: view.detail.case_id == case_id)


def ok(dialog: CaseDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_return_case_restocks_through_the_ledger_and_refunds_the_order(
    qtbot, qtmodeltester, services, sale, make_view
) -> None:
    view = make_view()
    assert view.list_stack.empty_state.headline() == "No after-sales cases yet"
    assert on_hand(services, sale["variant"]) == 8
    view.new_case(sale["order"])
    dialog = view.current_dialog
    assert isinstance(dialog, CaseDialog)
    lines = dialog.lines_model
    qtmodeltester.check(lines)
    assert dialog.customer_label.text() == "小美爱购物"
    dialog.kind.setCurrentIndex(dialog.kind.findData(CaseKind.RETURN))
    take_back, restock = lines.index(0, int(LineColumn.TAKE_BACK)), lines.index(0, int(LineColumn.RESTOCK))
    assert not lines.flags(restock) & Qt.ItemFlag.ItemIsUserCheckable  # nothing taken back yet
    assert lines.setData(take_back, 5)  # more than was bought: kept to the 2 units of the line
    assert take_back.data() == "2"
    assert lines.setData(take_back, 1)
    assert restock.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert dialog.refund.text() == "59.90"  # what the unit taken back was paid
    dialog.refund.setText("￥５0")  # full-width digits and yuan sign, parsed with Decimal
    dialog.refund.textEdited.emit(dialog.refund.text())  # as typed: no more suggestions over it
    dialog.summary.setText("尺码偏小")
    dialog.feedback.setPlainText("处理很快")
    with qtbot.waitSignal(view.stock_changed, timeout=1000), qtbot.waitSignal(view.loaded, timeout=5000):
        ok(dialog)
    assert view.current_dialog is None

    assert on_hand(services, sale["variant"]) == 9  # one unit back on the shelf
    returned = services.catalogue.stock_moves(sale["variant"])[0]
    assert (returned.reason, returned.quantity) == (StockReason.RETURN, 1)
    order = services.orders.get_order(sale["order"])
    assert order.row.refunded_minor == 5000
    qtmodeltester.check(view.model)
    (case,) = view.model.rows()
    assert (case.kind, case.status, case.summary) == (CaseKind.RETURN, CaseStatus.OPEN, "尺码偏小")
    assert view.model.index(0, int(CaseColumn.REFUND)).data() == "¥50.00"
    qtbot.waitUntil(lambda: view.detail.case_id == case.id)
    text = view.detail.text.text()
    assert "冰丝防晒衣 色0 × 1, back in stock" in text and "处理很快" in text
    assert "refunded ¥50.00 in all" in text
    assert "Opened case" in view.messages.text()


def test_a_refund_that_is_not_an_amount_is_marked_and_nothing_is_saved(qtbot, services, sale, make_view) -> None:
    view = make_view()
    view.new_case(sale["order"])
    dialog = view.current_dialog
    assert isinstance(dialog, CaseDialog)
    dialog.refund.setText("abc")
    ok(dialog)
    assert view.current_dialog is dialog and dialog.isVisible()
    assert "abc" in dialog.refund_field.problem()
    dialog.refund.setText("-5")
    ok(dialog)
    assert dialog.refund_field.problem() == "A refund cannot be negative."
    assert services.after_sales.cases() == ()
    dialog.reject()


def test_a_case_without_an_order_picks_its_customer(qtbot, services, sale, make_view) -> None:
    view = make_view()
    view.new_case()
    dialog = view.current_dialog
    assert isinstance(dialog, CaseDialog)
    assert not dialog.lines.isVisibleTo(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(CaseKind.SUGGESTION))
    dialog.customer_search.setText("小美")
    dialog.customer_search.returnPressed.emit()
    assert dialog.customer_combo.currentText() == "小美爱购物 · Douyin"
    dialog.summary.setText("希望多播童装")
    with qtbot.waitSignal(view.stock_changed, timeout=300, raising=False) as restocked:
        reloaded(qtbot, view, lambda: ok(dialog))
    assert not restocked.signal_triggered
    (row,) = services.after_sales.cases()
    assert (row.kind, row.order_id, row.customer) == (CaseKind.SUGGESTION, None, "小美爱购物")


def test_the_order_search_in_the_dialog_finds_an_order_by_number(qtbot, services, sale, make_view) -> None:
    view = make_view()
    view.new_case()
    dialog = view.current_dialog
    assert isinstance(dialog, CaseDialog)
    order_no = services.orders.get_order(sale["order"]).row.order_no
    dialog.order_search.setText(order_no)
    dialog.order_search.returnPressed.emit()
    assert dialog.order_combo.currentData() == sale["order"]
    assert dialog.lines_model.rowCount() == 1 and dialog.lines.isVisibleTo(dialog)
    dialog.order_combo.setCurrentIndex(0)  # "No order"
    dialog.order_combo.activated.emit(0)
    assert dialog.lines_model.rowCount() == 0
    dialog.reject()


def test_status_workflow_moves_forward_with_undo_and_redo(qtbot, services, sale, make_view) -> None:
    case_id = services.after_sales.open_case(CaseInput(CaseKind.COMPLAINT, order_id=sale["order"], summary="慢"))
    view = make_view()
    select_case(qtbot, view, case_id)
    assert view.start_action.isEnabled() and view.resolve_action.isEnabled() and view.close_action.isEnabled()
    reloaded(qtbot, view, view.start_action.trigger)
    assert statuses(view) == [CaseStatus.IN_PROGRESS]
    assert not view.start_action.isEnabled() and view.resolve_action.isEnabled()
    reloaded(qtbot, view, view.resolve_action.trigger)
    reloaded(qtbot, view, view.close_action.trigger)
    assert services.after_sales.get_case(case_id)[0].status is CaseStatus.CLOSED
    assert not any(action.isEnabled() for action in view.status_actions.values())  # closed is final
    assert view.edit_action.isEnabled()  # notes and feedback can still be written down

    reloaded(qtbot, view, view.undo_stack.undo)
    assert services.after_sales.get_case(case_id)[0].status is CaseStatus.RESOLVED
    reloaded(qtbot, view, view.undo_stack.undo)
    assert services.after_sales.get_case(case_id)[0].status is CaseStatus.IN_PROGRESS
    reloaded(qtbot, view, view.undo_stack.redo)
    reloaded(qtbot, view, view.undo_stack.redo)
    assert services.after_sales.get_case(case_id)[0].status is CaseStatus.CLOSED
    assert view.undo_stack.undoText() == f"Case {case_id}: Closed"


def test_refused_steps_are_explained_and_change_nothing(qtbot, services, sale, make_view) -> None:
    after_sales = services.after_sales
    closed = after_sales.open_case(CaseInput(CaseKind.CONSULTATION, summary="A"))
    stale = after_sales.open_case(CaseInput(CaseKind.COMPLAINT, summary="B"))
    after_sales.set_case_status(closed, CaseStatus.CLOSED)
    view = make_view()

    select_case(qtbot, view, closed)
    reloaded(qtbot, view, lambda: view.set_selected_status(CaseStatus.IN_PROGRESS))  # no button offers it
    assert view.messages.kind == "error"
    assert view.messages.text().startswith(f"Case {closed} is closed, and a closed case is final")
    assert view.undo_stack.count() == 0  # the refused step was dropped, not left to undo

    select_case(qtbot, view, stale)
    assert view.start_action.isEnabled()
    after_sales.set_case_status(stale, CaseStatus.CLOSED)  # closed in another window meanwhile
    reloaded(qtbot, view, view.start_action.trigger)
    assert "is closed" in view.messages.text()
    assert after_sales.get_case(stale)[0].status is CaseStatus.CLOSED
    assert statuses(view) == [CaseStatus.CLOSED, CaseStatus.CLOSED]  # the list shows it as it is now

    moved = after_sales.open_case(CaseInput(CaseKind.COMPLAINT, summary="C"))
    reloaded(qtbot, view, view.reload)
    select_case(qtbot, view, moved)
    reloaded(qtbot, view, view.resolve_action.trigger)
    after_sales.set_case_status(moved, CaseStatus.CLOSED)  # moved on elsewhere
    reloaded(qtbot, view, view.undo_stack.undo)
    assert view.messages.text().startswith(f"Case {moved} has been moved to “Closed” since")
    assert after_sales.get_case(moved)[0].status is CaseStatus.CLOSED
    assert view.undo_stack.count() == 0

    select_case(qtbot, view, moved)
    resolved = after_sales.open_case(CaseInput(CaseKind.COMPLAINT, summary="D"))
    after_sales.set_case_status(resolved, CaseStatus.RESOLVED)
    reloaded(qtbot, view, view.reload)
    select_case(qtbot, view, resolved)
    assert not view.start_action.isEnabled()
    reloaded(qtbot, view, lambda: view.set_selected_status(CaseStatus.IN_PROGRESS))
    assert "cannot go to “In progress”" in view.messages.text()


def test_editing_a_case_changes_the_refund_on_the_order_and_undoes(qtbot, services, sale, make_view) -> None:
    line_id = services.orders.get_order(sale["order"]).lines[0].id
    case_id = services.after_sales.open_case(
        CaseInput(CaseKind.REFUND, order_id=sale["order"], refund_minor=1000, items=(CaseItemInput(line_id, 1),))
    )
    assert on_hand(services, sale["variant"]) == 9
    view = make_view()
    select_case(qtbot, view, case_id)
    view.edit_action.trigger()
    dialog = view.current_dialog
    assert isinstance(dialog, CaseDialog) and dialog.windowTitle() == "Edit after-sales case"
    assert dialog.refund.text() == "10.00"
    assert not dialog.lines_model.flags(dialog.lines_model.index(0, int(LineColumn.TAKE_BACK))) & (
        Qt.ItemFlag.ItemIsEditable
    )
    dialog.refund.setText("25.5")
    dialog.notes.setPlainText("补偿运费")
    with qtbot.waitSignal(view.order_changed, timeout=1000) as changed, qtbot.waitSignal(view.loaded, timeout=5000):
        ok(dialog)
    assert changed.args == [sale["order"]]
    assert services.orders.get_order(sale["order"]).row.refunded_minor == 2550
    row, case = services.after_sales.get_case(case_id)
    assert (row.refund_minor, case.notes, case.items) == (2550, "补偿运费", (CaseItemInput(line_id, 1, True),))
    assert on_hand(services, sale["variant"]) == 9  # the item kept its stock move: not returned twice
    reloaded(qtbot, view, view.undo_stack.undo)
    assert services.orders.get_order(sale["order"]).row.refunded_minor == 1000
    assert on_hand(services, sale["variant"]) == 9


def test_filter_by_status_search_and_open_the_order(qtbot, qtmodeltester, services, sale, make_view) -> None:
    after_sales = services.after_sales
    first = after_sales.open_case(CaseInput(CaseKind.COMPLAINT, order_id=sale["order"], summary="快递慢"))
    second = after_sales.open_case(CaseInput(CaseKind.CONSULTATION, summary="有黑色吗"))
    after_sales.set_case_status(second, CaseStatus.RESOLVED)
    view = make_view()
    qtmodeltester.check(view.model)
    assert view.count_label.text().replace("(s)", "s") == "2 cases"
    assert [row.id for row in view.model.rows()] == [second, first]  # newest first
    view.table.sortByColumn(int(CaseColumn.STATUS), Qt.SortOrder.AscendingOrder)  # in the workflow's order
    assert [row.id for row in view.model.rows()] == [first, second]
    reloaded(qtbot, view, lambda: view.status_filter.setCurrentIndex(view.status_filter.findData(CaseStatus.OPEN)))
    assert [row.id for row in view.model.rows()] == [first]
    reloaded(qtbot, view, lambda: view.status_filter.setCurrentIndex(view.status_filter.findData(CaseStatus.CLOSED)))
    assert view.list_stack.empty_state.headline() == "No case matches"
    reloaded(qtbot, view, lambda: view.status_filter.setCurrentIndex(0))
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.search.setText("黑色")
        view.search.returnPressed.emit()
    assert [row.id for row in view.model.rows()] == [second]
    assert not view.open_order_action.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.search.clear_search()
    select_case(qtbot, view, first)
    with qtbot.waitSignal(view.order_requested, timeout=1000) as requested:
        view.open_order_action.trigger()
    assert requested.args == [sale["order"]]
    with qtbot.waitSignal(view.order_requested, timeout=1000) as linked:
        view.detail.text.linkActivated.emit(f"order:{sale['order']}")
    assert linked.args == [sale["order"]]


def test_privacy_mode_masks_the_recipient_shown_for_a_case(qtbot, services, sale, make_view) -> None:
    services.after_sales.open_case(CaseInput(CaseKind.COMPLAINT, order_id=sale["order"]))
    view = make_view()
    privacy = Privacy(enabled=True)
    view.set_privacy(privacy)
    customer = view.model.index(0, int(CaseColumn.CUSTOMER))
    assert customer.data() == "小****"
    privacy.set_enabled(False)
    assert customer.data() == "小美爱购物"
