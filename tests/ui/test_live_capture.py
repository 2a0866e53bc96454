"""Live capture on the Live page: one-key sales that take stock through the ledger and count per product, the
oversell refusal and the confirmed backorder, undo, the waitlist in first-come order, the lucky draw over the show's
buyers, and capture switched off in a rehearsal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from live_support import *  # noqa: F403 - the shared fixtures
from live_support import seed_show
from PySide6.QtCore import Qt

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderFilter, OrderSort, OrderSource, WaitlistStatus
from streamdesk.core.show_types import RunKind
from streamdesk.ui.pages.live.capture_model import CaptureColumn
from streamdesk.ui.pages.live.draw_dialog import typed_entrants
from streamdesk.ui.pages.live.page import LivePage


@pytest.fixture
def capture_page(qtbot, live, runner, settings) -> Callable[..., LivePage]:
    """The Live page with live capture (the orders service), on the jacket pitch segment of a running show."""

    def make(kind: RunKind = RunKind.LIVE) -> LivePage:
        page = LivePage(
            live.services.shows, live.show_runs, runner, settings, now=live.utc_clock, orders=live.services.orders
        )
        qtbot.addWidget(page)
        page.resize(1300, 820)
        page.show()
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow, timeout=5000)
        page.live_view.confirm = lambda _title, _question: True
        qtbot.waitUntil(lambda: page.current_rundown() is not None, timeout=5000)
        with qtbot.waitSignal(page.run_opened, timeout=5000):
            (page.go_live if kind is RunKind.LIVE else page.rehearse)()
        view = page.live_view
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_PageDown)  # the pitch: 冰丝防晒衣 红 (12 in stock) and 蓝 (3)
        assert view.display.title.text() == "Sun jacket pitch"
        if kind is RunKind.LIVE:
            qtbot.waitUntil(lambda: capture(page).model.rowCount() == 2, timeout=5000)
        return page

    return make


def capture(page: LivePage):
    assert page.capture_panel is not None
    return page.capture_panel


def cell(panel, row: int, column: CaptureColumn) -> str:
    return panel.model.index(row, int(column)).data()


def sell(qtbot, panel, buyer: str, *, quantity: int = 1) -> None:
    panel.bar.buyer.setText(buyer)
    panel.bar.quantity.setValue(quantity)
    qtbot.keyClick(panel.bar.buyer, Qt.Key.Key_Return)


def stock(live, variant_id: int) -> int:
    return live.services.catalogue.row_for_variant(variant_id).on_hand


def test_a_number_key_and_enter_sell_the_product_and_the_counters_show_it(
    qtbot, live, capture_page, qtmodeltester
) -> None:
    show_id, variants = seed_show(live)
    page = capture_page()
    panel, view = capture(page), page.live_view
    qtmodeltester.check(panel.model)
    assert view.segment_panel.products.isHidden()  # capture's table lists the products instead
    assert cell(panel, 0, CaptureColumn.KEY) == "1" and cell(panel, 1, CaptureColumn.LEFT) == "3"

    qtbot.keyClick(view, Qt.Key.Key_1)
    assert panel.selected_row().product.sku_code == "SUN-RED"
    assert panel.bar.buyer.hasFocus()
    assert panel.bar.price.text() == "89.00"  # the live (else list) price
    panel.bar.buyer.insert("小美")  # QTest types ASCII only: an input method hands over the characters like this
    panel.bar.quantity.setValue(2)
    with qtbot.waitSignal(page.stock_changed, timeout=5000), qtbot.waitSignal(panel.counters_refreshed, timeout=5000):
        qtbot.keyClick(panel.bar.buyer, Qt.Key.Key_Return)

    assert stock(live, variants[0]) == 10
    assert (cell(panel, 0, CaptureColumn.SOLD), cell(panel, 0, CaptureColumn.LEFT)) == ("2", "10")
    assert panel.buyer_count() == 1 and panel.buyers_label.text().startswith("1 buyer")
    assert panel.last_sale.text().startswith("Sold 2 × 冰丝防晒衣 · 红 to 小美 · L-")
    assert panel.last_sale.text().endswith(" · 10 left")
    assert panel.bar.nickname() == "" and panel.bar.quantity.value() == 1  # ready for the next comment
    total, rows = live.services.orders.count_and_page(OrderFilter(show_id=show_id), OrderSort.CREATED, True, 0, 10)
    assert total == 1 and rows[0].source is OrderSource.LIVE and rows[0].buyer == "小美"
    detail = live.services.orders.get_order(rows[0].id)
    pitch = page.current_rundown().segments[1]
    assert detail.segment_id == pitch.id  # attributed to the segment on air
    assert [(line.variant_id, line.quantity, line.unit_price_minor) for line in detail.lines] == [
        (variants[0], 2, 8900)
    ]
    assert rows[0].order_no in panel.last_sale.text()


def test_a_price_typed_for_the_sale_is_the_price_charged(qtbot, live, capture_page) -> None:
    _show_id, variants = seed_show(live)
    page = capture_page()
    panel = capture(page)
    panel.table.selectRow(1)
    assert panel.bar.price.text() == "89.00"
    panel.bar.price.setText("79")
    with qtbot.waitSignal(panel.sale_captured, timeout=5000) as captured:
        sell(qtbot, panel, "阿强")
    detail = live.services.orders.get_order(captured.args[0].order_id)
    assert [(line.variant_id, line.unit_price_minor) for line in detail.lines] == [(variants[1], 7900)]
    assert panel.bar.price.text() == "89.00"  # the next sale starts from the product's price again


def test_selling_past_the_stock_is_refused_then_sold_as_a_backorder_when_allowed(qtbot, live, capture_page) -> None:
    _show_id, variants = seed_show(live)
    page = capture_page()
    panel = capture(page)
    asked: list[str] = []
    answer = {"value": False}
    panel.sales.confirm = lambda _title, question: asked.append(question) or answer["value"]
    panel.table.selectRow(1)  # 蓝: 3 in stock
    sell(qtbot, panel, "A", quantity=3)
    qtbot.waitUntil(lambda: cell(panel, 1, CaptureColumn.LEFT) == "Sold out", timeout=5000)
    assert stock(live, variants[1]) == 0

    sell(qtbot, panel, "B")  # backorders off: the offer of the waitlist, declined
    assert stock(live, variants[1]) == 0
    assert len(asked) == 1 and "waitlist" in asked[0]
    assert "Not sold" in page.messages.text()
    assert panel.bar.nickname() == "B"  # nothing sold: the buyer is still typed

    panel.bar.backorder.setChecked(True)
    sell(qtbot, panel, "B")  # allowed, but the seller says no
    assert stock(live, variants[1]) == 0 and "backorder" in asked[1]
    answer["value"] = True
    with qtbot.waitSignal(panel.counters_refreshed, timeout=5000):
        sell(qtbot, panel, "B")
    assert stock(live, variants[1]) == -1
    assert "1 on backorder" in panel.last_sale.text()
    assert cell(panel, 1, CaptureColumn.SOLD) == "4"
    assert page.messages.text() == ""


def test_a_sold_out_buyer_can_go_on_the_waitlist_instead(qtbot, live, capture_page) -> None:
    show_id, variants = seed_show(live)
    page = capture_page()
    panel = capture(page)
    panel.sales.confirm = lambda _title, _question: True
    panel.table.selectRow(1)
    sell(qtbot, panel, "A", quantity=3)
    with qtbot.waitSignal(panel.counters_refreshed, timeout=5000):
        sell(qtbot, panel, "B", quantity=2)  # backorders off: yes to the waitlist
    assert [(r.nickname, r.quantity) for r in live.services.orders.waitlist(variants[1], show_id)] == [("B", 2)]
    assert cell(panel, 1, CaptureColumn.WAITING) == "1"
    assert "B is on the waitlist" in panel.last_sale.text()


def test_undo_takes_the_sale_back_and_redo_sells_again(qtbot, live, capture_page) -> None:
    show_id, variants = seed_show(live)
    page = capture_page()
    panel, view = capture(page), page.live_view
    assert not panel.undo_button.isEnabled()
    with qtbot.waitSignal(panel.sale_captured, timeout=5000) as captured:
        sell(qtbot, panel, "小美", quantity=2)
    order_id = captured.args[0].order_id
    assert stock(live, variants[0]) == 10 and panel.undo_button.isEnabled()

    view.setFocus()
    with qtbot.waitSignal(page.stock_changed, timeout=5000), qtbot.waitSignal(panel.counters_refreshed, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stock(live, variants[0]) == 12
    with pytest.raises(UserError):
        live.services.orders.get_order(order_id)
    assert (cell(panel, 0, CaptureColumn.SOLD), cell(panel, 0, CaptureColumn.LEFT)) == ("0", "12")
    assert panel.buyer_count() == 0 and panel.buyers_label.text().startswith("0 buyer")
    assert panel.last_sale.text().startswith("Undone: sale of 2 × ")
    assert not panel.undo_button.isEnabled()

    panel.sales.undo_stack.redo()
    assert stock(live, variants[0]) == 10
    assert live.services.orders.show_buyers(show_id) == ("小美",)


def test_digits_typed_in_the_buyer_field_stay_text_and_arrows_change_the_product(qtbot, live, capture_page) -> None:
    seed_show(live)
    page = capture_page()
    panel = capture(page)
    qtbot.keyClick(page.live_view, Qt.Key.Key_2)
    assert panel.selected_row().product.sku_code == "SUN-BLUE"
    qtbot.keyClicks(panel.bar.buyer, "fan1")
    assert panel.bar.buyer.text() == "fan1"
    assert panel.selected_row().product.sku_code == "SUN-BLUE"  # "1" was typed, not a product chosen
    qtbot.keyClick(panel.bar.buyer, Qt.Key.Key_Up)
    assert panel.selected_row().product.sku_code == "SUN-RED"
    qtbot.keyClick(panel.bar.buyer, Qt.Key.Key_Up)  # stays on the first
    assert panel.selected_row().product.sku_code == "SUN-RED"
    qtbot.keyClick(panel.bar.buyer, Qt.Key.Key_Down)
    assert panel.selected_row().product.sku_code == "SUN-BLUE"


def test_the_buyer_field_completes_known_nicknames(qtbot, live, capture_page) -> None:
    seed_show(live)
    page = capture_page()
    panel = capture(page)
    for buyer in ("小美", "小美美", "阿强"):
        with qtbot.waitSignal(panel.sale_captured, timeout=5000):
            sell(qtbot, panel, buyer)
    panel.bar.buyer.setFocus()
    with qtbot.waitSignal(panel.bar.buyer_looked_up, timeout=5000):
        panel.bar.buyer.insert("小")
    assert set(panel.bar.completions.stringList()) >= {"小美", "小美美"}
    assert "阿强" not in panel.bar.completions.stringList()
    assert panel.bar.buyer_info.text() == "New buyer"  # nobody is called just "小"
    with qtbot.waitSignal(panel.bar.buyer_looked_up, timeout=5000):
        panel.bar.buyer.insert("美")
    assert panel.bar.buyer_info.text().startswith("Returning buyer · 1 order")


def test_the_waitlist_keeps_first_come_order(qtbot, live, capture_page, qtmodeltester) -> None:
    show_id, variants = seed_show(live)
    page = capture_page()
    panel = capture(page)
    panel.table.selectRow(1)
    dialog = panel.open_waitlist()
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    for buyer in ("first", "second", "third"):
        dialog.nickname.setText(buyer)
        with qtbot.waitSignal(dialog.loaded, timeout=5000):
            dialog.add_button.click()
        live.utc_clock.advance(seconds=5)
    qtmodeltester.check(dialog.model)
    places = lambda: [(dialog.model.index(r, 0).data(), dialog.model.index(r, 1).data()) for r in range(3)]  # noqa: E731
    assert places() == [("1", "first"), ("2", "second"), ("3", "third")]

    dialog.table.selectRow(1)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.fulfil_button.click()
    assert places() == [("1", "first"), ("", "second"), ("2", "third")]
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.cancel_button.click()
    assert places() == [("", "first"), ("", "second"), ("1", "third")]
    statuses = [r.status for r in live.services.orders.waitlist(variants[1], show_id)]
    assert statuses == [WaitlistStatus.CANCELLED, WaitlistStatus.FULFILLED, WaitlistStatus.WAITING]
    assert dialog.summary.text().startswith("1 buyer") and dialog.summary.text().endswith(", 1 wanted · 3 in stock")
    dialog.table.selectRow(1)
    assert not dialog.fulfil_button.isEnabled()  # only a waiting entry can be fulfilled
    qtbot.waitUntil(lambda: cell(panel, 1, CaptureColumn.WAITING) == "1", timeout=5000)


def test_the_lucky_draw_picks_among_the_buyers_and_is_logged(qtbot, live, capture_page) -> None:
    show_id, _variants = seed_show(live)
    page = capture_page()
    panel = capture(page)
    buyers = ("小美", "阿强", "Lee")
    for buyer in buyers:
        with qtbot.waitSignal(panel.sale_captured, timeout=5000):
            sell(qtbot, panel, buyer)
    dialog = panel.open_draw()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.buyers_choice.text() == "This show's buyers (3)", timeout=5000)
    dialog.winners.setValue(4)
    assert dialog.draw() is None and "fewer winners" in dialog.problem.text()
    dialog.winners.setValue(2)
    dialog.prize.setText("福袋")
    result = dialog.draw()
    assert result is not None
    assert len(set(result.winners)) == 2 and set(result.winners) <= set(buyers)
    assert set(result.entrants) == set(buyers)
    assert dialog.winners_label.text().split("\n") == list(result.winners)
    assert dialog.winners_label.font().pointSizeF() >= 28  # big enough for the camera
    logged = live.services.orders.draws(show_id)
    assert [(d.prize, d.winners) for d in logged] == [("福袋", result.winners)]
    assert "福袋" in dialog.history.item(0).text()

    dialog.names.setPlainText("Tom\nAnn, Tom\n\n  Bo ")
    assert dialog.typed_choice.isChecked()
    dialog.winners.setValue(3)
    typed = dialog.draw()
    assert typed is not None and sorted(typed.winners) == ["Ann", "Bo", "Tom"]


def test_typed_entrants_are_split_trimmed_and_counted_once() -> None:
    assert typed_entrants("小美\n阿强、小美, Lee；\n\n  Bo ") == ("小美", "阿强", "Lee", "Bo")
    assert typed_entrants("  \n ") == ()


def test_a_rehearsal_shows_the_products_but_captures_nothing(qtbot, live, capture_page) -> None:
    show_id, variants = seed_show(live)
    page = capture_page(RunKind.REHEARSAL)
    panel, view = capture(page), page.live_view
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    assert panel.rehearsal_note.isVisibleTo(page)
    assert "changes nothing" in panel.rehearsal_note.text()
    assert not panel.bar.isEnabled() and not panel.draw_button.isEnabled() and not panel.waitlist_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert not panel.bar.buyer.hasFocus()
    panel.table.selectRow(0)
    panel.bar.buyer.setText("小美")
    assert panel.sell() is False
    assert panel.open_draw() is None and panel.open_waitlist() is None
    assert stock(live, variants[0]) == 12
    assert live.services.orders.show_buyers(show_id) == ()


def test_the_f1_help_lists_the_capture_keys(qtbot, live, capture_page) -> None:
    seed_show(live)
    page = capture_page()
    keys = dict(page.shortcut_help())
    assert keys["1 … 9"] == "Choose that product for a sale"
    assert "Undo the last sale" in keys.values()
