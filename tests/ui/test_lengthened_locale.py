"""Every page of the main window at 1366×768 in English, in a lengthened, accented locale (each English text about
40 % longer) and in Chinese: no label, button, group-box title, tab, column title or combo box text is clipped and
the window still fits the screen. Every focusable control has a name a screen reader can announce and Tab reaches
it, in reading order; at 200 % scale every page draws, with no clipped text either. (The setup wizard and the dialogs:
test_lengthened_dialogs.py.)

Screenshots of the pages go to the test's tmp folder (``<language>-<page>.png``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from layout_checks import (
    PAGE_KEYS,
    LengthenedTranslator,
    clipped_texts,
    lengthen,
    open_main_window,
    out_of_reading_order,
    page_views,
    settle,
    tab_stops,
    tab_through,
    unnamed_controls,
)
from page_support import *  # noqa: F403  (english, runner)
from PySide6.QtCore import QCoreApplication, QLocale, QPoint
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.config import AppPaths, Settings
from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.db import Database, open_database, snapshot
from streamdesk.ui import i18n
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.tasks import TaskRunner

SCREEN_WIDTH = 1366
HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lengthened-demo") / "demo.sqlite3"
    run_to_end(write_demo(path))
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_database(snapshot(demo_file, tmp_path / "shop.sqlite3"))
    yield database
    database.dispose()


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
    yield request.param
    i18n.remove(qapp, translators)
    QLocale.setDefault(QLocale("en"))


def open_window(qtbot, database: Database, paths: AppPaths, runner: TaskRunner) -> MainWindow:
    window = open_main_window(database, Settings(language="en"), paths, runner)
    qtbot.addWidget(window)
    return window


def test_lengthening_keeps_fields_mnemonics_and_markup() -> None:
    assert lengthen("&Save {count} items").startswith("&Šávé {count} îtémš ")
    text = lengthen("Row {row}: %n products, <b>bold</b> &amp; %1")
    assert "{row}" in text and "%n" in text and "<b>" in text and "</b>" in text and "&amp;" in text
    assert "%1" in text and "Röw" in text
    assert len(lengthen("Overdue only")) >= len("Overdue only") * 1.3
    assert lengthen("One\nTwo lines").count("\n") == 1


def test_the_clipping_check_notices_a_clipped_label_button_and_wrapped_label(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    short = QLabel("A label much longer than its fixed width")
    short.setFixedWidth(60)
    button = QPushButton("A button much longer than its fixed width")
    button.setFixedWidth(80)
    box = QCheckBox("A check box much longer than its width")
    box.setFixedWidth(70)
    wrapped = QLabel("A word-wrapped label with many words that cannot fit in one short line of a small box")
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    fits = QLabel("Fits")
    for widget in (short, button, box, wrapped, fits):
        layout.addWidget(widget)
    window.show()
    found = clipped_texts(window)
    assert len(found) == 4, found
    assert not [line for line in found if "'Fits'" in line]


def test_every_page_fits_1366_px_without_clipping(qtbot, language, demo, paths, runner, tmp_path) -> None:
    assert (QCoreApplication.translate("MainWindow", "Orders") == "Orders") == (language == "en")  # in use
    window = open_window(qtbot, demo, paths, runner)
    problems: dict[str, list[str]] = {}
    for view in page_views(window, runner):  # every page and every tab on it
        window.grab().save(str(tmp_path / f"{language}-{view.replace('/', '-')}.png"))
        found = clipped_texts(window)
        if window.width() > SCREEN_WIDTH:
            found.append(f"the window needs {window.width()} px")
        if found:
            problems[view] = found
    assert problems == {}, f"screenshots in {tmp_path}"


@pytest.mark.parametrize("opener", ["open_settings", "show_user_guide", "show_about"])
def test_dialogs_show_their_texts_whole(qtbot, language, demo, paths, runner, tmp_path, opener: str) -> None:
    window = open_window(qtbot, demo, paths, runner)
    dialog = getattr(window, opener)()
    qtbot.addWidget(dialog)
    settle(runner)
    dialog.grab().save(str(tmp_path / f"{language}-{opener}.png"))
    assert clipped_texts(dialog) == []
    assert unnamed_controls(dialog) == []
    assert dialog.width() <= SCREEN_WIDTH  # the lengthened Settings dialog needed 1586 px with three fee columns


def test_every_control_has_a_name_and_tab_reaches_it_in_reading_order(qtbot, demo, paths, runner) -> None:
    window = open_window(qtbot, demo, paths, runner)
    unnamed: dict[str, list[str]] = {}
    unreached: dict[str, list[str]] = {}
    out_of_order: dict[str, list[str]] = {}
    for view in page_views(window, runner):
        found = unnamed_controls(window)
        if found:
            unnamed[view] = found
    for key in PAGE_KEYS:
        page = window.show_page(key)
        settle(runner)
        window.activateWindow()  # a page's popup may have taken it
        qtbot.waitUntil(window.isActiveWindow)
        stops = tab_stops(window)
        assert window.sidebar in stops and sum(page.isAncestorOf(stop) for stop in stops) >= 2, key
        places: list[QPoint] = []
        visited, _kept = tab_through(window, places)
        missed = [
            f"{type(stop).__name__} in {type(stop.parentWidget()).__name__}" for stop in stops if stop not in visited
        ]
        if missed:
            unreached[key] = missed
        if backwards := out_of_reading_order(visited, places):
            out_of_order[key] = backwards
    assert unnamed == {}
    assert unreached == {}  # Tab goes round every control (a table keeping Tab for its cells would trap it)
    assert out_of_order == {}  # and in reading order: never back up to a control above (a column moves right)


SCALED_RUN = HERE / "scaled_pages.py"


def test_every_page_opens_and_draws_at_200_percent(demo_file: Path, tmp_path: Path) -> None:
    """On a 2732×1536 screen (a 1366×768 laptop's layout, twice as sharp), without a clipped text either."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "hidpi", "width": 2732, "height": 1536, "dpr": 1}]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR="2",
        STREAMDESK_HOME=str(tmp_path / "home"),
    )
    done = subprocess.run(
        [sys.executable, str(SCALED_RUN), str(demo_file), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("!")] == []
    lines = [line for line in done.stdout.splitlines() if not line.startswith("!")]
    views = [line.split()[0] for line in lines]
    assert [view for view in views if "/" not in view] == list(PAGE_KEYS), done.stdout
    assert len(views) > len(PAGE_KEYS)  # the tabs on the pages were shown too
    for line in lines:
        view, ratio, width, height = line.split()
        assert float(ratio) == 2.0 and int(width) >= 2 * 1000 and int(height) >= 2 * 600, line
        assert (tmp_path / f"scaled-{view.replace('/', '-')}.png").stat().st_size > 10_000
    assert "Traceback" not in done.stderr
