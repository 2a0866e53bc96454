"""Privacy mode: the switch, the main window's toggle (Ctrl+Shift+H, remembered in the settings, handed to pages),
and a buyer's name and phone on the Live page's capture bar."""

from __future__ import annotations

from live_support import *  # noqa: F403 - the shared fixtures (runner, live, English)
from live_support import seed_show
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from streamdesk.config import Settings, load_settings
from streamdesk.ui.main_window import MainWindow, PageSpec
from streamdesk.ui.pages.live.page import LivePage
from streamdesk.ui.privacy import Privacy


class BuyerPage(QWidget):
    """A page that shows a buyer's name the way every privacy-aware page does."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        self.privacy: Privacy | None = None
        self._show()

    def set_privacy(self, privacy: Privacy) -> None:
        self.privacy = privacy
        privacy.toggled.connect(lambda _on: self._show())
        self._show()

    def _show(self) -> None:
        self.label.setText(self.privacy.name("张三") if self.privacy is not None else "张三")


def make_window(qtbot, runner, paths, tmp_path, settings: Settings) -> MainWindow:
    window = MainWindow(
        [PageSpec("buyers", lambda: "Buyers", "catalogue", BuyerPage)],
        runner,
        settings=settings,
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label=str(tmp_path / "shop.sqlite3"),
    )
    qtbot.addWidget(window)
    return window


def test_the_switch_masks_only_when_on_and_says_when_it_changes(qapp: QApplication) -> None:
    privacy = Privacy()
    seen: list[bool] = []
    privacy.toggled.connect(seen.append)
    assert (privacy.name("张三"), privacy.phone("13812341234")) == ("张三", "13812341234")
    privacy.set_enabled(True)
    privacy.set_enabled(True)  # no change, no signal
    assert privacy.enabled
    assert (privacy.name("张三"), privacy.phone("13812341234")) == ("张*", "138****1234")
    assert privacy.address("浙江省杭州市西湖区文三路100号") == "浙江省杭州市****"
    privacy.toggle()
    assert seen == [True, False]
    assert privacy.address("浙江省杭州市西湖区") == "浙江省杭州市西湖区"


def test_ctrl_shift_h_masks_the_pages_and_is_remembered(qtbot, runner, paths, tmp_path) -> None:
    window = make_window(qtbot, runner, paths, tmp_path, Settings(language="en"))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page = window.current_page()
    assert isinstance(page, BuyerPage)
    assert page.privacy is window.privacy  # handed to the page when it was made
    assert not window.privacy_action.isChecked() and page.label.text() == "张三"

    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.privacy.enabled and window.privacy_action.isChecked()
    assert page.label.text() == "张*"
    assert load_settings(paths.settings_file).privacy_mode is True
    assert "hidden" in window.statusBar().currentMessage()

    window.privacy_action.trigger()  # the toolbar button / View menu
    assert page.label.text() == "张三"
    assert load_settings(paths.settings_file).privacy_mode is False


def test_a_window_opened_in_privacy_mode_starts_masked(qtbot, runner, paths, tmp_path) -> None:
    window = make_window(qtbot, runner, paths, tmp_path, Settings(language="en", privacy_mode=True))
    page = window.current_page()
    assert isinstance(page, BuyerPage)
    assert window.privacy_action.isChecked()
    assert page.label.text() == "张*"
    assert "Ctrl+Shift+H" in window.privacy_action.toolTip()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.privacy_action in view_menu.actions()


def test_the_capture_bar_masks_a_known_buyers_name_and_phone_but_not_the_nickname(
    qtbot, live, runner, settings
) -> None:
    seed_show(live)
    orders = live.services.orders
    page = LivePage(live.services.shows, live.show_runs, runner, settings, now=live.utc_clock, orders=orders)
    qtbot.addWidget(page)
    privacy = Privacy()
    page.set_privacy(privacy)  # what the main window does when it makes the page
    qtbot.waitUntil(lambda: page.current_rundown() is not None, timeout=5000)
    with qtbot.waitSignal(page.run_opened, timeout=5000):
        page.go_live()
    page.live_view.toggle()  # start the timer, then on to the jacket pitch
    page.live_view.next_segment()
    panel = page.capture_panel
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    panel.bar.buyer.setText("小美")
    with qtbot.waitSignal(panel.sale_captured, timeout=5000):
        panel.sell()
    customer = next(c for c in orders.customers("小美") if c.nickname == "小美")
    orders.update_customer(customer.id, name="张三", phone="13812341234", tags=("vip",), notes="")

    with qtbot.waitSignal(panel.bar.buyer_looked_up, timeout=5000):
        panel.bar.buyer.setText("小美")
    info = panel.bar.buyer_info
    assert info.text().endswith(" · VIP · 张三 · 13812341234")
    privacy.set_enabled(True)
    assert info.text().endswith(" · VIP · 张* · 138****1234")
    assert panel.bar.buyer.text() == "小美"  # nicknames are public on the stream
    privacy.set_enabled(False)
    assert "张三 · 13812341234" in info.text()
