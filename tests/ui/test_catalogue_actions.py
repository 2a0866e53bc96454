"""Catalogue actions: bulk live price, stock adjustment and history, archive, duplicate, export; each undoable."""

from __future__ import annotations

import csv
from pathlib import Path

from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small, select_skus, skus, wait_reloaded
from PySide6.QtCore import Qt

from streamdesk.core.catalogue_types import CatalogueFilter, StockReason
from streamdesk.ui.pages.catalogue.bulk_edit_dialog import BulkLivePriceDialog, PriceMode, plan_live_prices
from streamdesk.ui.pages.catalogue.product_editor import ProductEditor
from streamdesk.ui.pages.catalogue.stock_dialog import StockAdjustDialog, StockHistoryDialog, StockMovesModel
from streamdesk.ui.pages.catalogue.variants_model import VariantColumn


def live_prices(services, *codes: str) -> list[int | None]:
    return [services.catalogue.find_by_sku(code).live_price_minor for code in codes]


def test_bulk_live_price_as_percent_of_list_price_then_undo(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    select_skus(page, "SUN-RED", "LIP-01")
    page.catalogue_actions.live_price.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, BulkLivePriceDialog)
    assert not dialog.ok_button.isEnabled()  # nothing typed yet
    dialog.set_mode(PriceMode.PERCENT_OF_LIST)
    dialog.value.setText("85")
    assert dialog.summary.text() == "2 SKUs will get a new live price."
    assert [dialog.preview.item(row, 2).text() for row in range(2)] == ["¥84.15", "¥50.92"]  # table order
    wait_reloaded(qtbot, page, dialog.ok_button.click)
    assert live_prices(services, "SUN-RED", "LIP-01", "SUN-BLUE") == [5092, 8415, None]  # 59.90 × 85 % half up
    wait_reloaded(qtbot, page, page.undo_stack.undo)
    assert live_prices(services, "SUN-RED", "LIP-01") == [None, None]
    wait_reloaded(qtbot, page, page.undo_stack.redo)
    assert live_prices(services, "SUN-RED", "LIP-01") == [5092, 8415]


def test_bulk_price_modes_and_their_problems(services) -> None:
    seed_small(services)
    rows = [services.catalogue.find_by_sku(code) for code in ("SUN-RED", "TEA-500")]
    assert plan_live_prices(rows, PriceMode.SET, "¥45").changes == (
        (rows[0].variant_id, 4500),
        (rows[1].variant_id, 4500),
    )
    lower = plan_live_prices(rows, PriceMode.CHANGE_BY, "-10")
    assert lower.changes == ((rows[0].variant_id, 4990), (rows[1].variant_id, 2900))  # from the list price
    too_low = plan_live_prices(rows, PriceMode.CHANGE_BY, "-45")
    assert too_low.changes == () and "TEA-500" in too_low.problem
    assert plan_live_prices(rows, PriceMode.SET, "abc").problem == "“abc” is not an amount of money."


def test_bulk_price_problem_is_shown_next_to_the_amount(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    select_skus(page, "TEA-500")
    page.catalogue_actions.live_price.trigger()
    dialog = page.flows.current_dialog
    dialog.set_mode(PriceMode.CHANGE_BY)
    dialog.value.setText("-100")
    assert "below zero" in dialog.value_field.problem()
    assert not dialog.ok_button.isEnabled()


def test_stock_adjustment_with_reason_then_undo(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    select_skus(page, "LIP-01")
    page.catalogue_actions.adjust_stock.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, StockAdjustDialog)
    dialog.change.setValue(5)
    dialog.reason.setCurrentIndex(dialog.reason.findData(StockReason.RESTOCK))
    dialog.note.setText("supplier delivery")
    assert dialog.result_label.text() == "Stock after: 7"
    with qtbot.waitSignal(page.stock_changed, timeout=2000):
        wait_reloaded(qtbot, page, dialog.ok_button.click)
    lip = services.catalogue.find_by_sku("LIP-01")
    assert lip.on_hand == 7
    newest = services.catalogue.stock_moves(lip.variant_id)[0]
    assert (newest.quantity, newest.reason, newest.note) == (5, StockReason.RESTOCK, "supplier delivery")
    row = skus(page).index("LIP-01")
    assert page.model.row(row).on_hand == 7

    with qtbot.waitSignal(page.stock_changed, timeout=2000):
        wait_reloaded(qtbot, page, page.undo_stack.undo)
    assert services.catalogue.find_by_sku("LIP-01").on_hand == 2
    undo_move = services.catalogue.stock_moves(lip.variant_id)[0]
    assert (undo_move.quantity, undo_move.reason, undo_move.note) == (-5, StockReason.ADJUSTMENT, "undo")
    wait_reloaded(qtbot, page, page.undo_stack.redo)
    assert services.catalogue.find_by_sku("LIP-01").on_hand == 7


def test_counted_stock_and_going_below_zero(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    select_skus(page, "LIP-01")
    page.catalogue_actions.adjust_stock.trigger()
    dialog = page.flows.current_dialog
    dialog.counted.setValue(0)
    assert dialog.delta() == -2
    assert dialog.ok_button.isEnabled()
    dialog.by_radio.setChecked(True)
    dialog.change.setValue(-3)
    assert "cannot go below zero" in dialog.change_field.problem()
    assert not dialog.ok_button.isEnabled()


def test_stock_history_lists_moves_with_the_balance_after_each(qtbot, qtmodeltester, services, make_page) -> None:
    seed_small(services)
    lip = services.catalogue.find_by_sku("LIP-01")
    services.catalogue.adjust_stock([(lip.variant_id, 4)], StockReason.RESTOCK, "delivery")
    services.catalogue.adjust_stock([(lip.variant_id, -1)], StockReason.ADJUSTMENT, "damaged")
    page = make_page()
    select_skus(page, "LIP-01")
    page.catalogue_actions.stock_history.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, StockHistoryDialog)
    model = dialog.model
    qtmodeltester.check(model)
    column = {name: n for n, name in enumerate(("when", "change", "after", "reason", "note", "reference"))}
    cells = [
        [model.index(r, c).data() for c in (column["change"], column["after"], column["reason"])] for r in range(3)
    ]
    assert cells == [["-1", "5", "Adjustment"], ["+4", "6", "Restock"], ["+2", "2", "Initial stock"]]
    assert model.index(0, column["note"]).data() == "damaged"


def test_stock_moves_model_on_its_own(qtmodeltester) -> None:
    qtmodeltester.check(StockMovesModel([], on_hand=0))


def test_delete_archives_without_asking_and_ctrl_z_brings_it_back(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    page.show()
    qtbot.waitExposed(page)
    page.windowHandle().requestActivate()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    select_skus(page, "TEA-500")
    page.table.setFocus()
    wait_reloaded(qtbot, page, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Delete))
    assert "TEA-500" not in skus(page)
    assert services.catalogue.count(CatalogueFilter()) == 3
    assert "Ctrl+Z" in page.messages.text()
    wait_reloaded(qtbot, page, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert "TEA-500" in skus(page)
    assert [row.sku_code for row in page.selected_rows()] == ["TEA-500"]


def test_duplicate_then_undo_removes_the_copy(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    select_skus(page, "LIP-01")
    wait_reloaded(qtbot, page, page.catalogue_actions.duplicate.trigger)
    copy = services.catalogue.find_by_sku("LIP-01-COPY")
    assert copy is not None and copy.on_hand == 0
    assert [row.sku_code for row in page.selected_rows()] == ["LIP-01-COPY"]
    wait_reloaded(qtbot, page, page.undo_stack.undo)
    assert services.catalogue.find_by_sku("LIP-01-COPY") is None


def test_actions_follow_the_selection(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    assert not page.catalogue_actions.edit.isEnabled() and not page.catalogue_actions.live_price.isEnabled()
    select_skus(page, "SUN-RED", "SUN-BLUE")
    assert page.catalogue_actions.edit.isEnabled()  # two SKUs of one product
    assert not page.catalogue_actions.stock_history.isEnabled()
    select_skus(page, "SUN-RED", "LIP-01")
    assert not page.catalogue_actions.edit.isEnabled() and page.catalogue_actions.live_price.isEnabled()


def test_export_writes_the_rows_shown_in_the_background(qtbot, services, make_page, tmp_path: Path) -> None:
    seed_small(services)
    page = make_page()
    wait_reloaded(qtbot, page, lambda: page.filters.search.setText("SUN"))
    target = tmp_path / "out.csv"
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
    page.flows.export_to(target)
    assert not page.catalogue_actions.export_products.isEnabled()  # no second export while one runs
    qtbot.waitUntil(page.catalogue_actions.export_products.isEnabled, timeout=5000)
    assert "Exported 2" in page.messages.text()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3  # header + the two SUN SKUs


def test_an_undo_the_catalogue_refuses_is_reported_and_dropped(qtbot, services, make_page) -> None:
    page = make_page()
    page.catalogue_actions.new_product.trigger()
    editor = page.flows.current_dialog
    editor.fields.title.setText("Hat")
    editor.variants.setData(editor.variants.index(0, VariantColumn.SKU), "HAT-01")
    editor.variants.setData(editor.variants.index(0, VariantColumn.STOCK), "5")
    editor.validate_now()
    wait_reloaded(qtbot, page, editor.ok_button.click)
    hat = services.catalogue.find_by_sku("HAT-01")
    services.catalogue.adjust_stock([(hat.variant_id, -1)], StockReason.SALE, "sold elsewhere")  # a history now
    page.undo_stack.undo()  # deleting the product would lose that history: the catalogue refuses
    assert page.messages.kind == "error"
    assert "cannot be deleted" in page.messages.text()
    assert services.catalogue.find_by_sku("HAT-01") is not None
    assert page.undo_stack.count() == 0  # the command was dropped, not left claiming an undone state


def test_stock_changed_elsewhere_refreshes_the_table(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    lip = services.catalogue.find_by_sku("LIP-01")
    services.catalogue.adjust_stock([(lip.variant_id, 3)], StockReason.RESTOCK)
    wait_reloaded(qtbot, page, page._on_stock_changed)
    assert page.model.row(skus(page).index("LIP-01")).on_hand == 5


def test_enter_edits_the_selected_product_and_ctrl_n_starts_a_new_one(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    page.show()
    qtbot.waitExposed(page)
    page.windowHandle().requestActivate()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    select_skus(page, "TEA-500")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.flows.current_dialog
    assert isinstance(editor, ProductEditor) and editor.fields.title.text() == "Green tea"
    editor.reject()
    page.filters.search.setFocus()
    qtbot.keyClick(page.filters.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.flows.current_dialog
    assert isinstance(editor, ProductEditor) and editor.detail is None
