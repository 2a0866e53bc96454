"""File → Settings… → Team database: the address split into fields and composed back (percent-encoded), "Test
connection" against the real PostgreSQL test server (an empty database, a StreamDesk shop, a closed port) without
changing what it asks, the settings file kept owner-only, the restart offer, and the main window saying team mode."""

from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

import psycopg
import pytest
from layout_checks import clipped_texts, out_of_reading_order, tab_through, unnamed_controls
from page_support import english  # noqa: F401  (autouse: English as the app shows it)
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import make_url

from streamdesk.app import build_services
from streamdesk.config import DB_ENV, AppPaths, Settings, load_settings, save_settings
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.errors import NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.core.team_probe import TeamFields, compose_url, probe_team_database, server_place, split_url
from streamdesk.db import open_database
from streamdesk.messages import describe
from streamdesk.ui import i18n, settings_team
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.settings_dialog import SettingsDialog
from streamdesk.ui.settings_team import answer_sentence
from streamdesk.ui.tasks import TaskRunner

SCREEN = (1366, 768)
ROOM = (SCREEN[0], SCREEN[1] - 72)  # a dialog's client area under a title bar, above a 40 px taskbar
AWKWARD_PASSWORD = "p@ss:w/rd%#?x"  # every character that means something in a URL


@pytest.fixture
def runner(qtbot) -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shut_down()


def open_dialog(qtbot, settings: Settings, paths: AppPaths, runner: TaskRunner, parent=None) -> SettingsDialog:
    dialog = SettingsDialog(settings, paths.settings_file, parent, runner=runner)
    if parent is None:  # a child goes with its parent
        qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_team(dialog: SettingsDialog, url: str | TeamFields) -> None:
    """Type a server's address into the fields, as a seller copies them from the host's page."""
    fields = split_url(url) if isinstance(url, str) else url
    assert fields is not None
    box = dialog.team
    box.keeping.setCurrentIndex(box.keeping.findData("team"))
    for edit, value in (
        (box.host, fields.host),
        (box.database, fields.database),
        (box.user, fields.user),
        (box.password, fields.password),
    ):
        edit.setText(value)
        edit.textEdited.emit(value)
    box.port.setValue(fields.port)


def test_team_fields_compose_a_percent_encoded_address_that_splits_back_to_them() -> None:
    fields = TeamFields(
        host="db.example.com", port=6543, database="shop", user="seller@shop", password=AWKWARD_PASSWORD
    )
    url = compose_url(fields)
    assert url.startswith("postgresql://seller%40shop:p%40ss%3Aw%2Frd%25%23%3Fx@db.example.com:6543/shop")
    parsed = make_url(url)
    assert (parsed.username, parsed.password, parsed.host, parsed.port, parsed.database) == (
        "seller@shop",
        AWKWARD_PASSWORD,
        "db.example.com",
        6543,
        "shop",
    )
    assert split_url(url) == fields
    assert split_url("/data/shop.sqlite3") is None and split_url("mysql://u@h/db") is None
    assert server_place(url) == "db.example.com:6543/shop"
    assert server_place("postgresql://u:***@db.example.com/shop") == "db.example.com/shop"
    assert server_place("C:\\Users\\me\\shop.sqlite3") is None


def test_an_address_in_the_settings_fills_the_fields_and_saving_writes_it_back(qtbot, paths, runner) -> None:
    original = compose_url(
        TeamFields(host="10.0.0.5", port=5433, database="shop", user="seller@shop", password=AWKWARD_PASSWORD)
    )
    original += "?sslmode=require"  # what some hosts hand out: kept, though not shown
    dialog = open_dialog(qtbot, Settings(language="en", database_url=original), paths, runner)
    box = dialog.team
    assert box.team_chosen()
    assert (box.host.text(), box.port.value(), box.database.text(), box.user.text(), box.password.text()) == (
        "10.0.0.5",
        5433,
        "shop",
        "seller@shop",
        AWKWARD_PASSWORD,
    )
    assert box.password.echoMode() == box.password.EchoMode.Password
    dialog.accept()
    stored = load_settings(paths.settings_file)
    assert make_url(stored.database_url) == make_url(original)
    assert make_url(stored.database_url).query == {"sslmode": "require"}
    assert dialog.restart_offer is None  # the same database: nothing to restart for


def test_typing_a_server_makes_the_address_and_back_to_a_file_drops_it(qtbot, paths, runner) -> None:
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    assert not dialog.team.team_chosen() and not dialog.team.host.isEnabled()
    fill_team(dialog, "postgresql://me:x@db.example.com:5432/shop")
    dialog.team.password.setText("a:b@c")
    assert dialog.chosen().database_url == "postgresql://me:a%3Ab%40c@db.example.com:5432/shop"
    dialog.team.keeping.setCurrentIndex(dialog.team.keeping.findData("file"))
    assert not dialog.team.host.isEnabled()
    assert dialog.chosen().database_url == ""  # the default file in the user data folder


def test_this_computer_only_keeps_a_file_the_settings_named(qtbot, paths, runner) -> None:
    dialog = open_dialog(qtbot, Settings(language="en", database_url="/data/shop.sqlite3"), paths, runner)
    assert not dialog.team.team_chosen()
    assert dialog.chosen().database_url == "/data/shop.sqlite3"


def test_a_team_database_without_host_or_name_is_not_saved(qtbot, paths, runner) -> None:
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    dialog.team.keeping.setCurrentIndex(dialog.team.keeping.findData("team"))
    dialog.team.host.setText("db.example.com")
    dialog.accept()
    assert dialog.refusal is not None
    assert "host and the database name" in dialog.refusal.text()
    assert not paths.settings_file.exists()
    dialog.refusal.close()


def test_the_settings_file_with_a_password_is_readable_by_its_owner_only(qtbot, paths, runner) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text('language = "en"\n', encoding="utf-8")
    paths.settings_file.chmod(0o644)  # an older file, readable by everyone
    old_umask = os.umask(0)
    try:
        dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
        fill_team(dialog, TeamFields(host="db.example.com", database="shop", user="me", password=AWKWARD_PASSWORD))
        dialog.accept()
    finally:
        os.umask(old_umask)
    assert load_settings(paths.settings_file).database_url.startswith("postgresql://me:p%40ss")
    assert stat.S_IMODE(paths.settings_file.stat().st_mode) == 0o600
    save_settings(Settings(language="en"), paths.settings_file)  # every later save keeps it so
    assert stat.S_IMODE(paths.settings_file.stat().st_mode) == 0o600
    assert dialog.restart_offer is not None
    dialog.restart_offer.close()


def wait_for_answer(qtbot, dialog: SettingsDialog) -> str:
    qtbot.waitUntil(lambda: dialog.team.test_button.isEnabled(), timeout=20_000)
    return dialog.team.result.text()


def on_server(url: str, statement: str) -> object:
    """Run one statement on the test server's database ``url`` (psycopg itself: what StreamDesk does not do) and
    return the first column of its first row, if any."""
    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password, dbname=parsed.database
    ) as conn:
        cursor = conn.execute(statement)
        row = cursor.fetchone() if cursor.description else None
    return None if row is None else row[0]


def table_count(url: str) -> int:
    return int(on_server(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"))


def test_testing_an_empty_server_database_says_it_will_be_set_up_and_creates_nothing(
    qtbot, paths, runner, pg_server
) -> None:
    url = pg_server.empty_database()
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    fill_team(dialog, url)
    dialog.team.test_button.click()
    assert not dialog.team.test_button.isEnabled()  # the test runs off the GUI thread
    answer = wait_for_answer(qtbot, dialog)
    assert answer.startswith("Connected: the server answered.")
    assert f"{server_place(url)} is empty; StreamDesk sets up the shop in it" in answer
    assert table_count(url) == 0  # asked, not set up: no tables, no schema_info


def test_testing_a_streamdesk_shop_says_its_schema_and_products(qtbot, paths, runner, pg_server) -> None:
    from streamdesk.migrations import SCHEMA_VERSION

    url = pg_server.migrated_database()
    database = open_database(url)
    try:
        catalogue = build_services(database, Settings(language="en"), paths).catalogue
        for number in range(3):
            variant = VariantInput(sku_code=f"SKU-{number}", list_price_minor=1000, initial_stock=2)
            catalogue.create_product(ProductInput(title=f"Product {number}", variants=(variant,)))
    finally:
        database.dispose()
    tables = table_count(url)
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    fill_team(dialog, url)
    dialog.team.test_button.click()
    answer = wait_for_answer(qtbot, dialog)
    # "3 products" once the English plural forms are compiled (h7_en.tsv), the source's "3 product(s)" before
    assert re.fullmatch(
        rf"Connected: the server answered\. {re.escape(server_place(url) or '')} holds a StreamDesk shop "
        rf"\(schema {SCHEMA_VERSION}, 3 product(s|\(s\))\)\.",
        answer,
    ), answer
    assert table_count(url) == tables


def test_somebody_elses_database_is_said_so_and_left_alone(qtbot, paths, runner, pg_server) -> None:
    url = pg_server.empty_database()
    on_server(url, "CREATE TABLE invoices (id integer PRIMARY KEY)")
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    fill_team(dialog, url)
    dialog.team.test_button.click()
    answer = wait_for_answer(qtbot, dialog)
    assert answer == describe(NotAStreamDeskDatabase(str(make_url(url).database)))
    assert table_count(url) == 1


def test_an_older_shop_is_reported_and_not_upgraded_by_the_test(pg_server) -> None:
    from streamdesk.migrations import SCHEMA_VERSION

    url = pg_server.migrated_database()
    on_server(url, f"UPDATE schema_info SET version = {SCHEMA_VERSION - 1} WHERE id = 1")
    probe = probe_team_database(url)
    assert (probe.schema_version, probe.products, probe.upgrade_needed, probe.empty) == (
        SCHEMA_VERSION - 1,
        0,
        True,
        False,
    )
    assert f"holds a shop of an older StreamDesk (schema {SCHEMA_VERSION - 1}, 0 product" in answer_sentence(probe)
    assert on_server(url, "SELECT version FROM schema_info WHERE id = 1") == SCHEMA_VERSION - 1


def test_a_shop_from_a_newer_streamdesk_is_refused_with_its_sentence(pg_server) -> None:
    from streamdesk.migrations import SCHEMA_VERSION

    url = pg_server.migrated_database()
    on_server(url, f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1} WHERE id = 1")
    with pytest.raises(SchemaTooNew):
        probe_team_database(url)
    with pytest.raises(UserError) as refused:
        probe_team_database("/data/shop.sqlite3")  # a file is not a team database
    assert refused.value.code == "db.bad_url"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once the socket is closed


def test_a_closed_port_shows_why_without_the_password(qtbot, paths, runner) -> None:
    password = "hunter2-secret"
    url = f"postgresql://seller:{password}@127.0.0.1:{closed_port()}/shop"
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    fill_team(dialog, url)
    dialog.team.test_button.click()
    answer = wait_for_answer(qtbot, dialog)
    assert answer.startswith("StreamDesk could not open the team database postgresql://seller:***@127.0.0.1:")
    assert "Check that the server is running" in answer
    assert password not in answer
    assert dialog.team.result.isEnabled()  # said in the normal text colour, not as a dimmed hint


def test_changing_a_field_while_the_server_is_asked_drops_the_old_answer(qtbot, paths, runner, pg_server) -> None:
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner)
    fill_team(dialog, pg_server.empty_database())
    dialog.team.test_button.click()
    dialog.team.database.setText("another")
    dialog.team.database.textEdited.emit("another")
    assert dialog.team.test_button.isEnabled()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert dialog.team.result.text() == dialog.team.note  # the answer about the old name was not shown


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_dialog_with_a_failure_fits_the_screen_clips_nothing_and_tabs_in_reading_order(
    qtbot, qapp: QApplication, paths, runner, language: str, tmp_path: Path
) -> None:
    translators = i18n.install(qapp, language)
    try:
        url = f"postgresql://seller:pw@127.0.0.1:{closed_port()}/shop"
        dialog = open_dialog(qtbot, Settings(language=language, database_url=url), paths, runner)
        dialog.team.test_button.click()
        wait_for_answer(qtbot, dialog)
        qtbot.wait(50)
        dialog.grab().save(str(tmp_path / f"settings-team-{language}.png"))
        assert dialog.width() <= ROOM[0] and dialog.height() <= ROOM[1], (dialog.width(), dialog.height())
        assert clipped_texts(dialog) == []
        assert unnamed_controls(dialog) == []
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        places: list[QPoint] = []
        visited, _kept = tab_through(dialog, places)
        box = dialog.team
        team_stops = [box.keeping, box.host, box.port, box.database, box.user, box.password, box.test_button]
        assert [widget for widget in visited if widget in team_stops] == team_stops  # row by row, left to right
        assert out_of_reading_order(visited, places) == []
    finally:
        i18n.remove(qapp, translators)


def test_saving_a_new_database_offers_to_restart_on_it(qtbot, paths, runner, monkeypatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(settings_team, "start_own", lambda arguments: started.append(list(arguments)) or True)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner, parent=window)
    fill_team(dialog, "postgresql://me:pw@db.example.com:5432/shop")
    dialog.accept()
    offer = dialog.restart_offer
    assert offer is not None and offer.parent() is window
    assert "opens the team database db.example.com/shop the next time it starts" in offer.text()
    restart = next(button for button in offer.buttons() if button.text() == "&Restart now")
    restart.click()
    assert started == [[]]  # no arguments: the new process reads the database from the settings
    assert not window.isVisible()


def test_with_streamdesk_db_set_saving_says_it_wins_and_offers_no_restart(qtbot, paths, runner, monkeypatch) -> None:
    monkeypatch.setenv(DB_ENV, "postgresql://ops:topsecret@db.internal/shop")
    window = QWidget()
    qtbot.addWidget(window)
    dialog = open_dialog(qtbot, Settings(language="en"), paths, runner, parent=window)
    fill_team(dialog, "postgresql://me:pw@db.example.com:5432/shop")
    dialog.accept()
    offer = dialog.restart_offer
    assert offer is not None
    assert "STREAMDESK_DB" in offer.text() and "postgresql://ops:***@db.internal/shop" in offer.text()
    assert "topsecret" not in offer.text()
    assert [offer.buttonRole(button) for button in offer.buttons()] == [QMessageBox.ButtonRole.RejectRole]
    offer.close()


@pytest.mark.parametrize(
    ("label", "title", "status"),
    [
        (
            "postgresql://seller:***@db.example.com/shop",
            "StreamDesk — Team database: db.example.com/shop",
            "Team database: db.example.com/shop",
        ),
        ("/data/shop.sqlite3", "StreamDesk — shop.sqlite3", "Database: /data/shop.sqlite3"),
    ],
)
def test_the_main_window_says_which_database_is_open(qtbot, paths, runner, label: str, title: str, status: str) -> None:
    window = MainWindow(
        [],
        runner,
        settings=Settings(language="en"),
        settings_file=paths.settings_file,
        window_state_file=paths.window_state_file,
        database_label=label,
    )
    qtbot.addWidget(window)
    assert (window.windowTitle(), window.database_status.text()) == (title, status)
    assert window.database_status.toolTip() == label  # the whole address, its password hidden by app.py
