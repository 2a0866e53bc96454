"""The setup wizard and the dialogs a seller meets beyond the main window's pages, in the lengthened locale (each
English text about 40 % longer) and in Chinese: every page of the first-run wizard (and its currency warning), the
product, order and live-data imports from choosing a file to the summary (with the column matching of a file no
format knows, a refused file, and the unmatched order lines), and the Settings dialog. In each state no label,
button, check box, group title, tab, column title or combo box text is clipped, the dialog fits a 1366×768 screen,
every control has a name a screen reader can announce, and Tab reaches every control in reading order. At 200 %
(tests/ui/scaled_dialogs.py in a subprocess) the wizard and the dialogs draw, with no clipped text either.

Screenshots go to the test's tmp folder (``<language>-<dialog>-<state>.png``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from layout_checks import (
    LengthenedTranslator,
    clipped_texts,
    out_of_reading_order,
    settle,
    tab_stops,
    tab_through,
    unnamed_controls,
)
from page_support import *  # noqa: F403  (english, runner)
from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QPoint, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.show_types import ShowInput
from streamdesk.db import Database, open_database, snapshot
from streamdesk.models.base import Platform
from streamdesk.ui import i18n
from streamdesk.ui.first_run import FirstRunWizard
from streamdesk.ui.tasks import TaskRunner

SCREEN = (1366, 768)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lengthened-dialogs") / "demo.sqlite3"
    run_to_end(write_demo(path))
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_database(snapshot(demo_file, tmp_path / "shop.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def services(demo: Database, paths: AppPaths) -> Services:
    return build_services(demo, Settings(language="en"), paths)


@pytest.fixture(params=["en", "lengthened", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication, english: None) -> Iterator[str]:
    """English, the lengthened English texts, then Chinese; installed last, so asked before the English plurals."""
    if request.param == "en":
        translators = []
    elif request.param == "lengthened":
        translator = LengthenedTranslator(qapp)
        qapp.installTranslator(translator)
        translators = [translator]
    else:
        translators = i18n.install(qapp, request.param)
    in_use = QCoreApplication.translate("SettingsDialog", "Settings") != "Settings"
    assert in_use == (request.param != "en")
    yield request.param
    i18n.remove(qapp, translators)
    QLocale.setDefault(QLocale("en"))


def wait(ms: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Checker:
    """Checks one window state after another and keeps what each found, by state name."""

    def __init__(self, qtbot, language: str, folder: Path) -> None:
        self.qtbot, self.language, self.folder = qtbot, language, folder
        self.problems: dict[str, list[str]] = {}

    def __call__(self, window: QWidget, state: str) -> None:
        wait()
        window.grab().save(str(self.folder / f"{self.language}-{state}.png"))
        found = clipped_texts(window) + [f"unnamed {line}" for line in unnamed_controls(window)]
        if window.width() > SCREEN[0] or window.height() > SCREEN[1]:
            found.append(f"the window needs {window.width()}×{window.height()} px")
        found += tab_problems(self.qtbot, window)
        if found:
            self.problems[state] = found


def tab_problems(qtbot, window: QWidget) -> list[str]:
    """The tab stops of ``window`` that pressing Tab round the chain never gives focus to, and the steps of that walk
    that go back up (against reading order)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    stops = tab_stops(window)
    places: list[QPoint] = []
    visited, _kept = tab_through(window, places)
    missed = [
        f"Tab never reaches {type(stop).__name__} {stop.objectName()!r} in {type(stop.parentWidget()).__name__}"
        for stop in stops
        if stop not in visited
    ]
    return missed + [f"Tab goes back: {step}" for step in out_of_reading_order(visited, places)]


def test_the_combo_box_check_notices_a_clipped_current_text_and_a_clipped_choice(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    narrow = QComboBox()
    narrow.addItems(["A choice far longer than this narrow box", "Short"])
    narrow.setFixedWidth(90)
    later = QComboBox()  # the current text fits, a choice in the list would not
    later.addItems(["Short", "Another choice far longer than this box"])
    later.setFixedWidth(110)
    typed = QComboBox()
    typed.setEditable(True)
    typed.setEditText("Typed text much longer than the box")
    typed.setFixedWidth(90)
    fits = QComboBox()
    fits.addItems(["Fits", "Also"])
    for widget in (narrow, later, typed, fits, QLabel("Fits")):
        layout.addWidget(widget)
    window.show()
    found = clipped_texts(window)
    assert len(found) == 3, found
    assert "current text" in found[0] and "'Another choice" in found[1] and "current text" in found[2]


def test_a_combo_box_named_only_by_its_choice_is_reported(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    bare, named, labelled = QComboBox(), QComboBox(), QComboBox()
    for combo in (bare, named, labelled):
        combo.addItems(["All categories", "Clothing"])
    named.setAccessibleName("Category")
    label = QLabel("&Category")
    label.setBuddy(labelled)
    for widget in (bare, named, label, labelled):
        layout.addWidget(widget)
    window.show()
    assert unnamed_controls(window) == ["QComboBox in QWidget is named only by its value"]


def test_the_tab_order_check_notices_a_control_reached_before_the_one_above_it(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    fields = [QLineEdit(window) for _ in range(3)]
    for number, field in enumerate(fields):
        field.setAccessibleName(f"Field {number + 1}")
        layout.addWidget(field)
    window.show()
    assert tab_problems(qtbot, window) == []
    QWidget.setTabOrder(fields[0], fields[2])  # 1, 3, 2: from the third back up to the second
    assert tab_problems(qtbot, window) == ["Tab goes back: QLineEdit 'Field 3' → QLineEdit 'Field 2'"]


def test_every_page_of_the_setup_wizard(qtbot, language: str, paths: AppPaths, tmp_path: Path) -> None:
    wizard = FirstRunWizard(Settings(language="en", currency="CNY"), paths.settings_file)
    qtbot.addWidget(wizard)
    wizard.show()
    check = Checker(qtbot, language, tmp_path)
    pages = [wizard.language_page, wizard.business_page, wizard.platforms_page, wizard.start_page]
    for number, page in enumerate(pages):
        if number:
            wizard.next()
        assert wizard.currentPage() is page
        check(wizard, f"first-run-{number + 1}")
    wizard.restart()
    wizard.language_page.currency.setCurrentText("RM")
    wizard.next()  # refused: the warning under the currency
    assert wizard.language_page.problem.isVisible()
    check(wizard, "first-run-1-bad-currency")
    assert check.problems == {}, f"screenshots in {tmp_path}"


def show_tabs(dialog: QDialog, check: Checker, state: str) -> None:
    """Check ``dialog`` as it is, then each other tab of its visible tab widgets."""
    check(dialog, state)
    for tabs in [tabs for tabs in dialog.findChildren(QTabWidget) if tabs.isVisibleTo(dialog)]:
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            check(dialog, f"{state}-tab{index + 1}")
        tabs.setCurrentIndex(0)


def product_import(qtbot, services: Services, runner: TaskRunner, check: Checker, folder: Path) -> QDialog:
    from streamdesk.ui.pages.catalogue.import_dialog import ImportDialog

    dialog = ImportDialog(services.products_io, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    check(dialog, "product-import-1-file")
    dialog.load_file(FIXTURES / "products" / "utf8.csv")
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.mapping_page, timeout=10_000)
    check(dialog, "product-import-2-columns")
    dialog.check_rows()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=10_000)
    show_tabs(dialog, check, "product-import-3-preview")
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary_page, timeout=10_000)
    check(dialog, "product-import-4-summary")
    return dialog


def order_import(qtbot, services: Services, runner: TaskRunner, check: Checker, folder: Path) -> QDialog:
    from streamdesk.ui.pages.orders.import_dialog import OrderImportDialog

    def make() -> OrderImportDialog:
        dialog = OrderImportDialog(
            services.orders_io, services.shows, runner, orders=services.orders, catalogue=services.catalogue
        )
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    unknown = make()  # a file no preset knows: the column mapping opens over the dialog
    group_buy = folder / "group_buy.csv"
    group_buy.write_text("单号,下单时间,商品,规格,件数,编码,手机\nA1,2025-10-07 20:00,防晒衣,白,1,FS-W-M,13812341234\n")
    unknown.load_file(group_buy)
    qtbot.waitUntil(lambda: unknown.mapping_dialog is not None and unknown.mapping_dialog.isVisible(), timeout=10_000)
    assert unknown.mapping_dialog is not None
    show_tabs(unknown.mapping_dialog, check, "order-import-columns")
    unknown.mapping_dialog.reject()
    unknown.close()
    dialog = make()
    check(dialog, "order-import-1-file")
    dialog.load_file(FIXTURES / "orders" / "douyin_gbk.csv")
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.pages.currentWidget() is dialog.preview_page
    show_tabs(dialog, check, "order-import-2-preview")
    dialog.next_button.click()  # Import
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary_page, timeout=10_000)
    check(dialog, "order-import-3-summary")
    dialog.map_unmatched()  # the lines that match no SKU, to map by hand
    assert dialog.unmatched_dialog is not None
    show_tabs(dialog.unmatched_dialog, check, "order-import-4-unmatched")
    dialog.unmatched_dialog.reject()
    return dialog


def metrics_import(qtbot, services: Services, runner: TaskRunner, check: Checker, folder: Path) -> QDialog:
    from streamdesk.ui.pages.review.import_dialog import MetricsImportDialog

    trend = FIXTURES / "metrics" / "douyin_trend_gbk.csv"  # figures from 2026-01-05 12:00 UTC
    wrong_show = services.shows.list_shows()[0].id
    refused = MetricsImportDialog(services.metrics_io, wrong_show, runner)
    qtbot.addWidget(refused)
    refused.show()
    check(refused, "metrics-import-1-file")
    refused.load_file(trend)
    qtbot.waitUntil(lambda: refused.messages.isVisible(), timeout=10_000)
    check(refused, "metrics-import-1-another-show")  # the refusal in the message bar
    refused.close()
    show = services.shows.create_show(
        ShowInput("冰丝防晒衣专场", platforms=(Platform.DOUYIN,), planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    )
    dialog = MetricsImportDialog(services.metrics_io, show, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(FIXTURES / "metrics" / "generic.csv")  # no preset knows it: the column mapping opens
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None and dialog.mapping_dialog.isVisible(), timeout=10_000)
    assert dialog.mapping_dialog is not None
    show_tabs(dialog.mapping_dialog, check, "metrics-import-columns")
    dialog.mapping_dialog.reject()
    dialog.load_file(trend)
    qtbot.waitUntil(
        lambda: dialog.pages.currentWidget() is dialog.preview_page and not dialog.is_busy(), timeout=10_000
    )
    show_tabs(dialog, check, "metrics-import-2-preview")
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary_page, timeout=10_000)
    check(dialog, "metrics-import-3-summary")
    return dialog


def settings_dialog(qtbot, services: Services, runner: TaskRunner, check: Checker, folder: Path) -> QDialog:
    from streamdesk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(language="en"), services.paths.settings_file)
    qtbot.addWidget(dialog)
    dialog.show()
    show_tabs(dialog, check, "settings")
    return dialog


OPENERS: dict[str, Callable[..., QDialog]] = {
    "product_import": product_import,
    "order_import": order_import,
    "metrics_import": metrics_import,
    "settings": settings_dialog,
}


@pytest.mark.parametrize("name", list(OPENERS))
def test_import_and_settings_dialogs(qtbot, language: str, services, runner, tmp_path: Path, name: str) -> None:
    check = Checker(qtbot, language, tmp_path)
    dialog = OPENERS[name](qtbot, services, runner, check, tmp_path)
    settle(runner)
    dialog.close()
    assert check.problems == {}, f"screenshots in {tmp_path}"


SCALED_STATES = [
    "first-run-1",
    "first-run-2",
    "first-run-3",
    "first-run-4",
    "product-import-file",
    "product-import-columns",
    "order-import-file",
    "order-import-preview",
    "metrics-import-file",
    "settings",
]


def test_the_wizard_and_dialogs_at_200_percent(demo_file: Path, tmp_path: Path) -> None:
    """At 200 % on a 2732×1536 screen (a 1366×768 laptop's layout, twice as sharp) each state draws with twice the
    pixels, no text is clipped and every control is named."""
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "hidpi", "width": 2732, "height": 1536, "logicalDpi": 96, "dpr": 1}]})
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR="2",
        STREAMDESK_HOME=str(tmp_path / "home"),
    )
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "scaled_dialogs.py"), str(demo_file), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("!")] == []
    assert [line.split()[0] for line in lines] == SCALED_STATES
    for line in lines:
        state, ratio, width, height = line.split()
        assert float(ratio) == 2.0 and int(width) >= 2 * 500 and int(height) >= 2 * 300, line
        assert (tmp_path / f"scaled-{state}.png").stat().st_size > 10_000
    assert "Traceback" not in done.stderr
