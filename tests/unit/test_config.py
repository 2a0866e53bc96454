"""Settings and paths (streamdesk/config.py): a broken settings file never stops the app."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from platformdirs import PlatformDirs

import streamdesk.config as config
from streamdesk.config import (
    AppPaths,
    SelectionWeights,
    Settings,
    backups_dir,
    load_settings,
    media_dir,
    resolve_database,
    save_settings,
    system_language,
)


@pytest.fixture
def settings_file(paths: AppPaths) -> Path:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return paths.settings_file


# --- where things live ---------------------------------------------------------------------------------------------
def test_streamdesk_home_puts_everything_under_one_folder(_isolated_home: Path) -> None:
    paths = AppPaths.default()
    assert (paths.config_dir, paths.data_dir, paths.log_dir) == (
        _isolated_home / "config",
        _isolated_home / "data",
        _isolated_home / "logs",
    )
    assert paths.default_database == _isolated_home / "data" / "streamdesk.sqlite3"
    assert paths.settings_file == _isolated_home / "config" / "settings.toml"


def test_without_streamdesk_home_the_user_dirs_come_from_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STREAMDESK_HOME")
    paths = AppPaths.default()  # only computed, never created
    dirs = PlatformDirs("StreamDesk", appauthor=False)
    assert paths.data_dir == Path(dirs.user_data_dir)
    assert paths.config_dir == Path(dirs.user_config_dir)
    assert paths.log_dir == Path(dirs.user_log_dir)
    assert paths.default_database == Path(dirs.user_data_dir) / "streamdesk.sqlite3"


def test_images_and_backups_sit_beside_the_database(paths: AppPaths, tmp_path: Path) -> None:
    shop = tmp_path / "shops" / "spring.sqlite3"
    assert media_dir(shop, paths) == tmp_path / "shops" / "spring-images"
    assert backups_dir(shop) == tmp_path / "shops" / "backups"
    assert media_dir(None, paths) == paths.data_dir / "images"  # a server database


def test_database_choice_cli_beats_environment_beats_settings_beats_default(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_settings = Settings(database_url="/srv/settings.sqlite3")
    assert resolve_database(None, Settings(), paths) == str(paths.default_database)
    assert resolve_database(None, from_settings, paths) == "/srv/settings.sqlite3"
    monkeypatch.setenv("STREAMDESK_DB", "/tmp/env.sqlite3")
    assert resolve_database(None, from_settings, paths) == "/tmp/env.sqlite3"
    assert resolve_database("/home/me/cli.sqlite3", from_settings, paths) == "/home/me/cli.sqlite3"
    monkeypatch.setenv("STREAMDESK_DB", "")
    assert resolve_database(None, Settings(), paths) == str(paths.default_database)  # empty means unset


@pytest.mark.parametrize(
    ("value", "expected"), [("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"), ("en_GB.UTF-8", "en"), ("de_DE", "en")]
)
def test_language_follows_the_system_locale(monkeypatch: pytest.MonkeyPatch, value: str, expected: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", value)
    assert system_language() == expected


# --- reading ----------------------------------------------------------------------------------------------------------
def test_missing_settings_file_gives_the_defaults(settings_file: Path) -> None:
    assert load_settings(settings_file) == Settings()


def test_settings_are_read_from_toml(settings_file: Path) -> None:
    settings_file.write_text(
        'language = "en"\ncurrency = "USD"\nbusiness_name = "小林的直播间"\nbackup_keep_last = 3\n'
        'default_platforms = ["douyin", "tiktok"]\n\n[selection_weights]\nmargin = 1.0\n',
        encoding="utf-8",
    )
    settings = load_settings(settings_file)
    assert (settings.language, settings.currency, settings.business_name) == ("en", "USD", "小林的直播间")
    assert settings.backup_keep_last == 3 and settings.default_platforms == ("douyin", "tiktok")
    assert settings.selection_weights == SelectionWeights(margin=1.0)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('currency = "yuan"', "currency"),
        ("backup_keep_last = 0", "backup_keep_last"),
        ('backup_keep_daily_days = "thirty"', "backup_keep_daily_days"),
        ('language = "fr"', "language"),
        ("selection_weights = { margin = -1 }", "selection_weights"),
    ],
)
def test_a_bad_value_falls_back_to_its_default_and_is_logged(
    settings_file: Path, caplog: pytest.LogCaptureFixture, line: str, key: str
) -> None:
    settings_file.write_text(f'business_name = "Lin\'s shop"\n{line}\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="streamdesk.config"):
        settings = load_settings(settings_file)
    assert getattr(settings, key) == getattr(Settings(), key)
    assert settings.business_name == "Lin's shop"  # the good values around it are kept
    assert any(key in record.getMessage() and "bad value" in record.getMessage() for record in caplog.records)


def test_an_unknown_key_is_ignored_and_logged(settings_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings_file.write_text('currency = "EUR"\ntheme = "dark"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="streamdesk.config"):
        settings = load_settings(settings_file)
    assert settings.currency == "EUR"
    assert any("unknown key 'theme'" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    "content",
    [b'currency = "CNY\n', b"[[[not toml", b"\xff\xfe\x00garbage", b'language = "zh_CN"\nlanguage = "en"\n'],
    ids=["unterminated", "brackets", "not-utf8", "duplicate-key"],
)
def test_a_broken_settings_file_gives_the_defaults(
    settings_file: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    settings_file.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="streamdesk.config"):
        assert load_settings(settings_file) == Settings()
    assert any("using defaults" in record.getMessage() for record in caplog.records)


# --- writing --------------------------------------------------------------------------------------------------------
def test_saved_settings_read_back_the_same(settings_file: Path) -> None:
    settings = Settings(
        language="zh_CN",
        currency="JPY",
        business_name="小林の店",
        default_platforms=("douyin", "kuaishou"),
        backup_keep_last=25,
        selection_weights=SelectionWeights(tags=0.5, boost_tags=("爆款",)),
    )
    save_settings(settings, settings_file)
    assert load_settings(settings_file) == settings


def test_save_creates_the_config_folder(paths: AppPaths) -> None:
    save_settings(Settings(currency="USD"), paths.settings_file)
    assert load_settings(paths.settings_file).currency == "USD"


def test_save_replaces_the_file_by_renaming_a_complete_temp_file(settings_file: Path) -> None:
    save_settings(Settings(currency="USD"), settings_file)
    with settings_file.open("rb") as reader_of_the_old_file:
        old_inode = os.fstat(reader_of_the_old_file.fileno()).st_ino
        save_settings(Settings(currency="EUR"), settings_file)
        assert b'"USD"' in reader_of_the_old_file.read()  # a reader never sees a half-written file
    if os.name == "posix":
        assert settings_file.stat().st_ino != old_inode
    assert load_settings(settings_file).currency == "EUR"
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.toml"]


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temp_file(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(currency="USD"), settings_file)
    before = settings_file.read_bytes()

    def _disk_full(data: object, out: object) -> None:
        out.write(b'currency = "E')  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config.tomli_w, "dump", _disk_full)  # the one fault we cannot cause with a real disk
    with pytest.raises(OSError, match="No space"):
        save_settings(Settings(currency="EUR"), settings_file)
    assert settings_file.read_bytes() == before
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.toml"]
