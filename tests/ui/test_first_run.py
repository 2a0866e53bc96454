"""The first-run wizard: its pages, Back and Next, the currency check, settings.toml, re-running it from the File
menu, the demo and import choices, and when it opens by itself (never in tests, CI or --demo runs)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from streamdesk import app as app_module
from streamdesk.config import Settings, load_settings
from streamdesk.ui import first_run
from streamdesk.ui.first_run import FirstRunWizard, StartChoice
from streamdesk.ui.main_window import MainWindow, PageSpec
from streamdesk.ui.tasks import TaskRunner


@pytest.fixture
def settings_file(paths) -> Path:
    return paths.settings_file


def make_wizard(qtbot, settings_file: Path, settings: Settings | None = None) -> FirstRunWizard:
    wizard = FirstRunWizard(settings or Settings(language="en", currency="CNY"), settings_file)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_every_page_in_order_with_back_and_next(qtbot, settings_file: Path) -> None:
    wizard = make_wizard(qtbot, settings_file)
    pages = [wizard.language_page, wizard.business_page, wizard.platforms_page, wizard.start_page]
    assert wizard.currentPage() is pages[0]
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    for page in pages[1:]:
        wizard.next()
        assert wizard.currentPage() is page
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    for page in reversed(pages[:-1]):
        wizard.back()
        assert wizard.currentPage() is page


def test_the_pages_start_from_the_current_settings(qtbot, settings_file: Path) -> None:
    current = Settings(
        language="zh_CN", currency="HKD", business_name="小兰的店", default_platforms=("kuaishou", "shopify")
    )
    wizard = make_wizard(qtbot, settings_file, current)
    assert wizard.language_page.language.currentData() == "zh_CN"
    assert wizard.language_page.currency.currentText() == "HKD"
    assert wizard.business_page.business_name.text() == "小兰的店"
    assert wizard.platforms_page.chosen() == ("kuaishou", "shopify")


def test_a_bad_currency_keeps_the_wizard_on_its_page(qtbot, settings_file: Path) -> None:
    wizard = make_wizard(qtbot, settings_file)
    wizard.language_page.currency.setCurrentText("RM")
    wizard.next()
    assert wizard.currentPage() is wizard.language_page
    assert wizard.language_page.problem.isVisible()
    assert "three-letter" in wizard.language_page.problem.text()
    wizard.language_page.currency.setCurrentText("myr")
    assert not wizard.language_page.problem.isVisible()
    wizard.next()
    assert wizard.currentPage() is wizard.business_page
    assert not settings_file.exists()


def finish(wizard: FirstRunWizard, choice: StartChoice) -> None:
    while wizard.currentPage() is not wizard.start_page:
        wizard.next()
    wizard.start_page.buttons[choice].setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_finishing_writes_every_answer_to_settings_toml(qtbot, settings_file: Path) -> None:
    original = Settings(language="en", currency="CNY", database_url="/data/shop.sqlite3", backup_keep_last=3)
    wizard = make_wizard(qtbot, settings_file, original)
    saved: list[Settings] = []
    started: list[str] = []
    wizard.settings_saved.connect(saved.append)
    wizard.start_chosen.connect(started.append)
    wizard.language_page.language.setCurrentIndex(wizard.language_page.language.findData("zh_CN"))
    wizard.language_page.currency.setCurrentText("usd")
    wizard.business_page.business_name.setText("  小兰的店 ")
    wizard.business_page.ship_from.setPlainText("杭州市西湖区文三路 1 号\n138 0000 0000")
    wizard.platforms_page.boxes["douyin"].setChecked(False)
    wizard.platforms_page.boxes["whatnot"].setChecked(True)
    finish(wizard, StartChoice.EMPTY)
    stored = load_settings(settings_file)
    assert (stored.language, stored.currency, stored.business_name) == ("zh_CN", "USD", "小兰的店")
    assert stored.ship_from_address == "杭州市西湖区文三路 1 号\n138 0000 0000"
    assert stored.default_platforms == ("whatnot",)
    assert stored.first_run_done
    assert (stored.database_url, stored.backup_keep_last) == ("/data/shop.sqlite3", 3)  # what it does not show
    assert saved == [stored]
    assert started == ["empty"]
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_closing_the_wizard_only_remembers_that_it_was_shown(qtbot, settings_file: Path) -> None:
    wizard = make_wizard(qtbot, settings_file)
    started: list[str] = []
    wizard.start_chosen.connect(started.append)
    wizard.business_page.business_name.setText("not kept")
    wizard.reject()
    stored = load_settings(settings_file)
    assert stored.first_run_done
    assert stored.business_name == ""
    assert started == []


class CataloguePage(QWidget):
    """Stands in for the catalogue page: only its import action matters here."""

    def __init__(self) -> None:
        super().__init__()
        self.imports = 0
        self.catalogue_actions = types.SimpleNamespace(import_products=QAction("Import", self))
        self.catalogue_actions.import_products.triggered.connect(self._count)
        QLabel("catalogue", self)

    def _count(self) -> None:
        self.imports += 1


@pytest.fixture
def window(qtbot, paths) -> MainWindow:
    runner = TaskRunner()
    specs = [
        PageSpec("shows", lambda: "Shows", "shows", lambda: QLabel("shows")),
        PageSpec("catalogue", lambda: "Catalogue", "catalogue", CataloguePage),
    ]
    window = MainWindow(
        specs,
        runner,
        settings=Settings(language="en"),
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label="shop.sqlite3",
        log_file=paths.log_dir / "streamdesk.log",
        backups=None,
    )
    qtbot.addWidget(window)
    yield window
    runner.shut_down()


def test_the_file_menu_runs_the_wizard_again_with_the_saved_answers(qtbot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.setup_wizard_action in file_menu.actions()
    window.setup_wizard_action.trigger()
    wizard = window.findChild(FirstRunWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.business_page.business_name.setText("First answer")
    finish(wizard, StartChoice.EMPTY)
    assert window.settings.business_name == "First answer"
    assert window.settings.first_run_done
    again = window.run_setup_wizard()
    assert again.business_page.business_name.text() == "First answer"
    again.reject()


def test_the_import_choice_opens_the_catalogue_import(qtbot, window: MainWindow) -> None:
    wizard = window.run_setup_wizard()
    finish(wizard, StartChoice.IMPORT)
    page = window.current_page()
    assert isinstance(page, CataloguePage)
    assert page.imports == 1


def test_the_demo_choice_starts_streamdesk_on_the_demo_shop(qtbot, window: MainWindow, monkeypatch) -> None:
    launched: list[tuple[str, list[str]]] = []

    def start_detached(program: str, arguments: list[str]) -> tuple[bool, int]:
        launched.append((program, arguments))
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", start_detached)
    wizard = window.run_setup_wizard()
    finish(wizard, StartChoice.DEMO)
    assert launched == [first_run.demo_command()]
    assert launched[0][1][-1] == "--demo"


def test_a_demo_that_cannot_start_is_said_in_the_status_bar(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QProcess, "startDetached", lambda program, arguments: (False, 0))
    finish(window.run_setup_wizard(), StartChoice.DEMO)
    assert "demo shop could not be started" in window.statusBar().currentMessage()


def test_a_bundle_starts_itself_for_the_demo(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/streamdesk/streamdesk")
    assert first_run.demo_command() == ("/opt/streamdesk/streamdesk", ["--demo"])


def test_the_wizard_opens_by_itself_only_on_a_first_start_with_someone_to_answer(qtbot, monkeypatch) -> None:
    monkeypatch.delenv(app_module.FIRST_RUN_ENV, raising=False)
    fresh, done = Settings(language="en"), Settings(language="en", first_run_done=True)
    assert not fresh.first_run_done
    assert not app_module.first_run_due(fresh)  # under pytest (and offscreen): never
    monkeypatch.setenv(app_module.FIRST_RUN_ENV, "1")
    assert app_module.first_run_due(fresh)
    assert not app_module.first_run_due(done)
    monkeypatch.setenv(app_module.FIRST_RUN_ENV, "0")
    assert not app_module.first_run_due(fresh)
