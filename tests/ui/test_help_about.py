"""Help → guides per page (both languages, Shift+F1 at the page on screen) and Help → About (paths, licences)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from streamdesk import __version__
from streamdesk.config import Settings
from streamdesk.resource_paths import resource_path
from streamdesk.ui import about_dialog
from streamdesk.ui.about_dialog import AboutDialog, component_notices, licence_of
from streamdesk.ui.app_pages import default_pages
from streamdesk.ui.help_dialog import TOPICS, HelpDialog, guide_text, guide_title
from streamdesk.ui.main_window import MainWindow, PageSpec
from streamdesk.ui.tasks import TaskRunner

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shut_down()


@pytest.fixture
def make_window(qtbot, runner, paths, tmp_path):
    def make(language: str = "en") -> MainWindow:
        specs = [PageSpec(key, lambda key=key: key.title(), key, QWidget) for key in ("catalogue", "orders")]
        window = MainWindow(
            specs,
            runner,
            settings=Settings(language=cast(Any, language)),
            settings_file=paths.settings_file,
            window_state_file=paths.config_dir / "window.ini",
            database_label=str(tmp_path / "shop.sqlite3"),
            log_file=paths.log_dir / "streamdesk.log",
        )
        qtbot.addWidget(window)
        return window

    return make


# --- the guides ---------------------------------------------------------------------------------------------------
def test_every_page_of_the_app_has_a_guide_in_both_languages() -> None:
    page_keys = [spec.key for spec in default_pages(cast(Any, None), cast(Any, None))]
    assert set(page_keys) <= set(TOPICS)
    for topic in TOPICS:
        english = resource_path("help", "en", f"{topic}.md").read_text(encoding="utf-8")
        chinese = resource_path("help", "zh_CN", f"{topic}.md").read_text(encoding="utf-8")
        assert guide_title(english) and not CJK.search(guide_title(english))
        assert CJK.search(guide_title(chinese)), topic
        # short and practical: a screenful or two, not a manual
        assert 300 < len(english) < 2500 and 150 < len(chinese) < 1500, topic
        # the Chinese guide is written for a Chinese seller: mostly Chinese, not English left in place
        assert len(CJK.findall(chinese)) > 100, topic


def test_guides_name_the_shortcuts_the_pages_really_have() -> None:
    assert "Ctrl+I" in guide_text("catalogue", "en") and "Ctrl+I" in guide_text("catalogue", "zh_CN")
    assert "Ctrl+P" in guide_text("shows", "en") and "Ctrl+Shift+R" in guide_text("preflight", "zh_CN")
    assert "PageDown" in guide_text("live", "zh_CN") and "Shift+F1" in guide_text("start", "zh_CN")
    assert "Alt+5" in guide_text("review", "en") and "Ctrl+E" in guide_text("warmup", "en")


def test_a_topic_missing_in_a_language_falls_back_to_english() -> None:
    assert guide_text("catalogue", "fr") == guide_text("catalogue", "en")


def test_help_dialog_lists_the_topics_and_shows_the_chosen_one(qtbot) -> None:
    dialog = HelpDialog("zh_CN", "orders")
    qtbot.addWidget(dialog)
    assert dialog.topics.count() == len(TOPICS)
    assert dialog.topics.item(0).text() == "快速上手"
    assert dialog.current_topic() == "orders"
    assert "快递" in dialog.browser.toPlainText()
    dialog.topics.setCurrentRow(TOPICS.index("live"))
    assert dialog.browser.toPlainText().startswith("直播中控")
    assert "+ / −" in dialog.browser.toPlainText()  # a key list, not a Markdown list marker
    dialog.show_topic("no such page")
    assert dialog.current_topic() == "start"


def test_help_menu_has_the_guides_the_overlay_and_about_with_free_keys(make_window) -> None:
    window = make_window()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [action.text() for action in help_menu.actions() if not action.isSeparator()]
    assert texts == ["&Guide for this page", "&User guide", "&Keyboard shortcuts", "&About StreamDesk"]
    assert window.page_guide_action.shortcut() == QKeySequence("Shift+F1")
    assert window.shortcuts_action.shortcut() == QKeySequence("F1")
    keys = [action.shortcut().toString() for action in window.actions() if not action.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), keys


def test_shift_f1_opens_the_guide_of_the_page_on_screen(qtbot, make_window) -> None:
    window = make_window("zh_CN")
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # window shortcuts need the window active
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.show_page("orders")
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    guide = window.findChild(HelpDialog)
    assert guide is not None and guide.isVisible()
    assert guide.current_topic() == "orders" and guide.windowTitle()
    assert guide.browser.toPlainText().startswith("订单")
    window.show_page("catalogue")
    assert window.show_page_guide() is guide  # one window, turned to the new page
    assert guide.current_topic() == "catalogue"
    window.user_guide_action.trigger()
    assert guide.current_topic() == "start"
    guide.close()


# --- About --------------------------------------------------------------------------------------------------------
def test_about_shows_version_paths_fonts_and_opens_the_data_folder(qtbot, make_window, tmp_path, monkeypatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(about_dialog, "open_folder", lambda folder: opened.append(folder) or True)
    window = make_window()
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    text = dialog.text()
    assert f"StreamDesk {__version__}" in text and "GPL-3.0-or-later" in text
    assert str(tmp_path / "shop.sqlite3") in text and "streamdesk.log" in text and "settings.toml" in text
    assert dialog.data_folder_label.text() == str(tmp_path)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [tmp_path]
    from streamdesk.core.fonts import cjk_family

    family = cjk_family()
    assert family is None or family in dialog.fonts_label.text()
    dialog.accept()


def test_about_without_a_data_folder_disables_open(qtbot) -> None:
    dialog = AboutDialog(database_label="/no/such/folder/shop.sqlite3", log_file=None)
    qtbot.addWidget(dialog)
    assert not dialog.open_folder_button.isEnabled()
    assert dialog.log_label.text() == "—"


def test_licences_are_read_from_the_installed_components(qtbot) -> None:
    dialog = AboutDialog(database_label=":memory:", log_file=None)
    qtbot.addWidget(dialog)
    rows = {
        dialog.licences.item(row, 0).text(): dialog.licences.item(row, 2).text()
        for row in range(dialog.licences.rowCount())
    }
    assert rows["Qt"].startswith("LGPL")
    assert "LGPL-3.0" in rows["Qt for Python (PySide6)"]
    for name in ("SQLAlchemy", "pydantic", "NumPy", "PyQtGraph", "openpyxl", "XlsxWriter", "platformdirs", "cpca"):
        assert rows[name] not in ("", "—"), name
    assert rows["SQLAlchemy"] == "MIT" and rows["zxing-cpp"] == "Apache-2.0"
    assert all(notice.version for notice in component_notices())
    assert len(dialog.findChildren(QLabel)) > 3


def test_a_component_without_metadata_keeps_its_licence_notice(monkeypatch) -> None:
    def missing(distribution: str) -> Any:
        raise about_dialog.importlib.metadata.PackageNotFoundError(distribution)

    monkeypatch.setattr(about_dialog.importlib.metadata, "metadata", missing)
    notices = {notice.name: notice for notice in component_notices()}
    assert notices["SQLAlchemy"].licence == "MIT" and notices["SQLAlchemy"].version == ""
    assert notices["Qt for Python (PySide6)"].licence.startswith("LGPL-3.0-only")
    assert len(notices) == len(about_dialog.COMPONENTS) + 2  # and Python, Qt


def metadata(**fields: str | list[str]) -> dict[str, str | list[str]]:
    return {key.lower(): value for key, value in fields.items()}


def test_licence_name_prefers_the_expression_then_a_short_field_then_classifiers() -> None:
    assert licence_of(metadata(License_Expression="MIT", License="long text")) == "MIT"
    assert licence_of(metadata(License="BSD")) == "BSD"
    classifiers = ["License :: OSI Approved :: BSD License", "License :: Other/Proprietary License", "Typing :: Typed"]
    assert licence_of(metadata(License="line one\nline two", Classifier=classifiers)) == "BSD License"
    assert licence_of(metadata()) == ""
