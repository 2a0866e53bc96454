"""The main window: pages made on first visit, relayed signals, menus and shortcuts, remembered geometry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from streamdesk.config import Settings
from streamdesk.core.backup import Backups
from streamdesk.ui.main_window import MainWindow, PageSpec
from streamdesk.ui.settings_dialog import SettingsDialog
from streamdesk.ui.tasks import TaskRunner


class SamplePage(QWidget):
    """Stands in for a feature page: a search box, one page action with a shortcut, a relayed signal."""

    stock_changed = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.search = QLineEdit()
        self.stock_events = 0
        self.settings_seen: list[Settings] = []
        self.refresh_action = QAction("Reload products", self)
        self.refresh_action.setShortcut(QKeySequence("Ctrl+R"))
        self.addAction(self.refresh_action)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(name))
        layout.addWidget(self.search)

    def focus_search(self) -> None:
        self.search.setFocus()

    def _on_stock_changed(self) -> None:
        self.stock_events += 1

    def _on_settings_changed(self, settings: Settings) -> None:
        self.settings_seen.append(settings)


class PageFactory:
    def __init__(self) -> None:
        self.created: list[SamplePage] = []

    def spec(self, key: str) -> PageSpec:
        def create() -> QWidget:
            page = SamplePage(key)
            self.created.append(page)
            return page

        return PageSpec(key, lambda: key.title(), "catalogue", create)


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shut_down()


@pytest.fixture
def factory() -> PageFactory:
    return PageFactory()


@pytest.fixture
def make_window(qtbot, runner, factory, paths, tmp_path):
    def make(backups: Backups | None = None, settings: Settings | None = None) -> MainWindow:
        window = MainWindow(
            [factory.spec("first"), factory.spec("second")],
            runner,
            settings=settings or Settings(language="en"),
            settings_file=paths.settings_file,
            window_state_file=paths.config_dir / "window.ini",
            database_label=str(tmp_path / "shop.sqlite3"),
            log_file=paths.log_dir / "streamdesk.log",
            backups=backups,
        )
        qtbot.addWidget(window)
        return window

    return make


def test_pages_are_created_on_first_visit_only(make_window, factory: PageFactory) -> None:
    window = make_window()
    assert [page.name for page in factory.created] == ["first"]  # the start page only
    assert window.page("second") is None
    window.show_page("second")
    window.show_page("first")
    window.show_page("second")
    assert [page.name for page in factory.created] == ["first", "second"]
    assert window.stack.currentWidget() is window.page("second")


def test_page_signals_are_relayed_to_the_window_and_the_other_pages(qtbot, make_window, factory) -> None:
    window = make_window()
    window.show_page("second")
    first, second = factory.created
    with qtbot.waitSignal(window.stock_changed, timeout=1000):
        first.stock_changed.emit()
    assert (first.stock_events, second.stock_events) == (0, 1)  # the sender already knows


def test_status_bar_shows_the_database_and_the_title_names_it(make_window, tmp_path: Path) -> None:
    window = make_window()
    assert str(tmp_path / "shop.sqlite3") in window.database_status.text()
    assert "shop.sqlite3" in window.windowTitle()


def test_menus_hold_the_file_and_help_actions_with_standard_keys(make_window) -> None:
    window = make_window()
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    file_actions = [a.text() for a in menus["&File"].actions() if not a.isSeparator()]
    help_actions = [a.text() for a in menus["&Help"].actions() if not a.isSeparator()]
    assert file_actions == [
        "&Settings…",
        "Run the setup &wizard again…",
        "&Back up now",
        "Back up &to…",
        "&Restore from a backup…",
        "&Quit",
    ]
    assert help_actions == ["&Guide for this page", "&User guide", "&Keyboard shortcuts", "&About StreamDesk"]
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.settings_action.shortcut() == QKeySequence("Ctrl+,")
    assert window.shortcuts_action.shortcut() == QKeySequence("F1")
    assert not any(action.isEnabled() for action in window.backup_actions.actions())  # no Backups: server database


def test_ctrl_f_reaches_the_current_pages_search(qtbot, make_window) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # window shortcuts need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.page("first").search.hasFocus(), timeout=2000)


def test_f1_lists_window_and_page_shortcuts(qtbot, make_window) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.shortcuts_action.trigger()
    assert window.overlay.isVisible()
    rows = window.overlay.rows()
    keys = {description: key for key, description in rows}
    assert keys["Quit"] == QKeySequence("Ctrl+Q").toString(QKeySequence.SequenceFormat.NativeText)
    assert keys["Settings"] == QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)
    assert "Reload products" in keys  # the page's own action
    qtbot.keyClick(window.overlay, Qt.Key.Key_Escape)
    assert not window.overlay.isVisible()


def test_geometry_and_splitter_survive_a_restart(qtbot, make_window) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.resize(720, 520)  # inside the offscreen platform's 800 × 600 screen
    window.splitter.setSizes([230, 490])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (720, 520)
    assert again.splitter.sizes() == sizes


def test_first_paint_is_signalled_once(qtbot, make_window) -> None:
    window = make_window()
    painted = []
    window.first_painted.connect(lambda: painted.append(True))
    with qtbot.waitSignal(window.first_painted, timeout=3000):
        window.show()
    window.repaint()
    assert painted == [True]


@pytest.mark.sqlite_only("backs up the database file; a team database has no Backups (Services.backups is None)")
def test_back_up_now_writes_a_backup_and_says_where(qtbot, make_window, database) -> None:
    backups = Backups(database.path, backups_dir=database.backups_dir)
    window = make_window(backups=backups)
    assert window.backup_action.isEnabled()
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: window.backup_action.isEnabled(), timeout=5000)
    copies = list(database.backups_dir.glob("*.streamdesk"))
    assert len(copies) == 1
    assert str(copies[0]) in window.statusBar().currentMessage()


def test_raise_request_brings_a_minimised_window_back(qtbot, make_window) -> None:
    window = make_window()
    window.showMinimized()
    window.bring_to_front()
    assert window.isVisible() and not window.isMinimized()


def test_settings_action_opens_the_dialog_with_current_values(qtbot, make_window) -> None:
    window = make_window(settings=Settings(language="en", currency="USD", business_name="Lan's shop"))
    window.settings_action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible())
    assert dialog.currency.currentText() == "USD"
    assert dialog.business_name.text() == "Lan's shop"
    dialog.reject()


def test_closing_while_a_background_read_runs_does_not_ask(qtbot, make_window, runner) -> None:
    import threading

    release = threading.Event()
    window = make_window()
    window.show()
    task = runner.start(lambda cancel: release.wait(5), on_success=lambda _v: None)
    assert runner.busy and not task.shown_to_user
    assert window.close()  # no question: nobody is watching this task
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def test_start_up_time_is_measured_from_process_start() -> None:
    from streamdesk.ui.startup import process_age_ms

    first = process_age_ms()
    assert 0 < first < 24 * 3600 * 1000  # this test process started a moment ago, not at boot
    assert process_age_ms() >= first


def test_about_names_the_version_database_and_log(qtbot, make_window, tmp_path: Path) -> None:
    from streamdesk import __version__

    window = make_window()
    box = window.show_about()
    assert box.isVisible()
    assert f"StreamDesk {__version__}" in box.text()
    assert str(tmp_path / "shop.sqlite3") in box.text() and "streamdesk.log" in box.text()
    box.accept()


def test_shortcut_list_names_each_key_once_and_drops_accelerators(qtbot) -> None:
    from streamdesk.ui.shortcuts_overlay import shortcuts_of

    holder = QWidget()
    qtbot.addWidget(holder)
    edit = QAction("编辑(&E)…", holder)
    edit.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence("Ctrl+E"), QKeySequence("F2")])
    plain = QAction("No keys", holder)
    assert shortcuts_of([edit, plain]) == [
        (QKeySequence("Ctrl+E").toString(QKeySequence.SequenceFormat.NativeText) + " / F2", "编辑")
    ]


def test_saved_settings_reach_every_open_page(make_window, factory: PageFactory) -> None:
    window = make_window()
    window.show_page("second")
    saved = Settings(language="en", cues_muted=True)
    window._on_settings_saved(saved)
    assert [page.settings_seen for page in factory.created] == [[saved], [saved]]
    assert window.settings is saved
