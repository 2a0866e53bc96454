"""Settings dialog, the uncaught-exception dialog and the translators."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from streamdesk.config import Settings, load_settings
from streamdesk.ui import i18n
from streamdesk.ui.errors import ErrorDialog, install_excepthook
from streamdesk.ui.settings_dialog import PLATFORM_KEYS, SettingsDialog


@pytest.fixture
def settings_file(paths) -> Path:
    return paths.settings_file


def test_settings_dialog_writes_every_field_to_settings_toml(qtbot, settings_file: Path) -> None:
    dialog = SettingsDialog(Settings(language="en", currency="CNY", default_platforms=("douyin",)), settings_file)
    qtbot.addWidget(dialog)
    saved = []
    dialog.settings_saved.connect(saved.append)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.currency.setCurrentText("usd")
    dialog.business_name.setText("  小兰的店 ")
    dialog.ship_from.setPlainText("杭州市西湖区文三路 1 号\n138 0000 0000")
    dialog.platform_boxes["douyin"].setChecked(False)
    dialog.platform_boxes["kuaishou"].setChecked(True)
    dialog.platform_boxes["shopify"].setChecked(True)
    dialog.accept()
    stored = load_settings(settings_file)
    assert stored.language == "zh_CN"
    assert stored.currency == "USD"
    assert stored.business_name == "小兰的店"
    assert stored.ship_from_address == "杭州市西湖区文三路 1 号\n138 0000 0000"
    assert stored.default_platforms == ("kuaishou", "shopify")
    assert saved == [stored]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_settings_dialog_keeps_what_it_does_not_show(qtbot, settings_file: Path) -> None:
    original = Settings(language="en", database_url="/data/shop.sqlite3", backup_keep_last=3)
    dialog = SettingsDialog(original, settings_file)
    qtbot.addWidget(dialog)
    dialog.accept()
    stored = load_settings(settings_file)
    assert (stored.database_url, stored.backup_keep_last) == ("/data/shop.sqlite3", 3)


def test_a_bad_currency_is_refused_and_nothing_is_written(qtbot, settings_file: Path) -> None:
    dialog = SettingsDialog(Settings(language="en"), settings_file)
    qtbot.addWidget(dialog)
    dialog.currency.setCurrentText("RM")
    dialog.accept()
    assert not settings_file.exists()
    assert dialog.refusal is not None and "three-letter" in dialog.refusal.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_pre_flight_settings_are_saved_and_a_bad_address_is_refused(qtbot, settings_file: Path) -> None:
    dialog = SettingsDialog(Settings(language="en"), settings_file)
    qtbot.addWidget(dialog)
    box = dialog.preflight
    box.due.setValue(120)
    box.hosts.setText("www.qq.com:443， 127.0.0.1:8080")  # a Chinese comma too
    box.upload_1080p.setValue(6)
    box.upload_url.setText("ftp://example.com/upload")
    dialog.accept()
    assert not settings_file.exists()
    assert dialog.refusal is not None and "http://" in dialog.refusal.text()

    box.upload_url.setText("https://upload.example.com/test")
    box.hosts.setText("www.qq.com")  # no port
    dialog.accept()
    assert not settings_file.exists() and "www.qq.com" in dialog.refusal.text()

    box.hosts.setText("www.qq.com:443, 127.0.0.1:8080")
    dialog.accept()
    stored = load_settings(settings_file).preflight
    assert (stored.due_minutes, stored.upload_url, stored.latency_hosts, stored.upload_1080p_mbps) == (
        120,
        "https://upload.example.com/test",
        ("www.qq.com:443", "127.0.0.1:8080"),
        6.0,
    )
    assert stored.silent_below_dbfs == -50.0  # what the dialog does not show is kept


def test_review_defaults_are_saved_exactly_and_a_bad_shipping_cost_is_refused(qtbot, settings_file: Path) -> None:
    dialog = SettingsDialog(Settings(language="en"), settings_file)
    qtbot.addWidget(dialog)
    box = dialog.review
    assert box.fees["douyin"].value() == 5.0 and box.fees["whatnot"].value() == 10.9  # the defaults, as percents
    box.fees["douyin"].setValue(4.35)
    box.fees["shopify"].setValue(0)
    box.moving_average.setValue(5)
    box.shipping.setText("四块")
    dialog.accept()
    assert not settings_file.exists()
    assert dialog.refusal is not None and "Shipping per parcel" in dialog.refusal.text()

    box.shipping.setText("¥4.50")
    dialog.accept()
    stored = load_settings(settings_file).review
    assert stored.fee_basis_points["douyin"] == 435 and stored.fee_basis_points["shopify"] == 0  # no float drift
    assert stored.fee_basis_points["kuaishou"] == 500  # the others kept
    assert (stored.shipping_per_order_minor, stored.moving_average_shows) == (450, 5)


def test_every_platform_has_a_readable_name(qtbot, settings_file: Path) -> None:
    dialog = SettingsDialog(Settings(language="en"), settings_file)
    qtbot.addWidget(dialog)
    names = [dialog.platform_boxes[key].text() for key in PLATFORM_KEYS]
    assert names == ["Douyin", "Kuaishou", "WeChat Channels", "Taobao", "TikTok Shop", "Whatnot", "Shopify"]


def test_error_dialog_copies_details_and_stays_open(qtbot) -> None:
    dialog = ErrorDialog("Something went wrong", "Plain words.", "Traceback (most recent call last): …")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.copy_button is not None
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback (most recent call last): …"
    assert dialog.isVisible() and dialog.copy_button.text() == "Copied"
    dialog.button(QMessageBox.StandardButton.Close).click()
    assert not dialog.isVisible()


@pytest.fixture
def restore_hooks():
    saved = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = saved


def test_uncaught_exception_is_logged_and_explained_without_a_traceback(qtbot, tmp_path, caplog, restore_hooks):
    log_file = tmp_path / "streamdesk.log"
    reporter = install_excepthook(log_file, dialogs=True)
    try:
        raise KeyError("variant 42")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=2000)
    dialog = reporter.dialog
    assert "Traceback" not in dialog.text() and "KeyError" not in dialog.text()
    assert str(log_file) in dialog.text()
    assert "KeyError: 'variant 42'" in dialog.detailedText()
    assert any(r.levelno == logging.CRITICAL and r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    sys.excepthook(ValueError, ValueError("again"), None)  # while one dialog is up, the next is only logged
    qtbot.waitUntil(lambda: reporter.suppressed == 1, timeout=2000)
    dialog.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=2000)


def test_exception_in_another_thread_reaches_the_gui_thread(qtbot, tmp_path, caplog, restore_hooks) -> None:
    reporter = install_excepthook(tmp_path / "streamdesk.log", dialogs=True)

    def fail() -> None:
        raise RuntimeError("worker broke")

    worker = threading.Thread(target=fail, name="worker-1")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=2000)
    assert "RuntimeError: worker broke" in reporter.dialog.detailedText()
    assert any("worker-1" in r.getMessage() for r in caplog.records)
    reporter.dialog.done(0)


def test_chinese_translators_translate_the_shell(qtbot, settings_file: Path) -> None:
    app = QCoreApplication.instance()
    translators = i18n.install(app, "zh_CN")
    try:
        dialog = SettingsDialog(Settings(language="zh_CN"), settings_file)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "设置"
        assert dialog.platform_boxes["douyin"].text() == "抖音"
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "保存"  # qtbase's own translation
    finally:
        i18n.remove(app, translators)
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"


def test_cli_language_beats_the_settings_file() -> None:
    assert i18n.choose_language("en", Settings(language="zh_CN")) == "en"
    assert i18n.choose_language(None, Settings(language="zh_CN")) == "zh_CN"


def test_the_lengthened_locale_lengthens_every_text(qtbot, monkeypatch) -> None:
    monkeypatch.setenv(i18n.LENGTHENED_ENV, "1")
    app = QCoreApplication.instance()
    translators = i18n.install(app, "en")
    try:
        lengthened = QCoreApplication.translate("SettingsDialog", "Settings")
    finally:
        i18n.remove(app, translators)
    assert lengthened.startswith("Šéttîñgš ") and len(lengthened) >= len("Settings") * 1.3
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"
