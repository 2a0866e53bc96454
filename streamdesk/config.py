"""User settings (settings.toml in the user config dir) and the folders StreamDesk writes to.

A broken settings file never stops the app: a bad value or an unknown key is logged and the default is used.
"""

from __future__ import annotations

import locale
import logging
import os
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from platformdirs import PlatformDirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

APP_NAME = "StreamDesk"
DB_FILE_NAME = "streamdesk.sqlite3"
HOME_ENV = "STREAMDESK_HOME"  # one folder for everything: used by tests, the demo and portable installs
DB_ENV = "STREAMDESK_DB"

Language = Literal["zh_CN", "en"]
BasisPoints = Annotated[int, Field(ge=0, le=10_000)]  # 1/100 of a percent: 500 = 5 %


def system_language() -> Language:
    """zh_CN for any Chinese system locale, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh_CN" if code.lower().startswith("zh") else "en"


class SelectionWeights(BaseModel):
    """How much each signal counts in the selection score (选品评分); the UI explains the formula."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    margin: float = Field(default=0.4, ge=0, le=10)
    stock_cover: float = Field(default=0.3, ge=0, le=10)
    past_sales: float = Field(default=0.2, ge=0, le=10)
    tags: float = Field(default=0.1, ge=0, le=10)
    boost_tags: tuple[str, ...] = ("爆款", "新品", "bestseller", "new")


class PreflightSettings(BaseModel):
    """Pre-flight: when it is due and the thresholds its probes judge by (defaults from the issue and broadcast
    practice: speech peaking between -20 and -9 dBFS, 4 Mbit/s upload for 1080p)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    due_minutes: int = Field(default=150, ge=0, le=24 * 60)  # before the planned start: 2.5 h
    record_seconds: float = Field(default=5.0, ge=1, le=30)
    silent_below_dbfs: float = Field(default=-50.0, ge=-120, le=0)
    quiet_below_dbfs: float = Field(default=-30.0, ge=-120, le=0)
    good_low_dbfs: float = Field(default=-20.0, ge=-120, le=0)
    good_high_dbfs: float = Field(default=-9.0, ge=-120, le=0)
    clip_above_dbfs: float = Field(default=-3.0, ge=-120, le=0)
    latency_hosts: tuple[str, ...] = ("www.douyin.com:443", "www.baidu.com:443", "www.qq.com:443")
    upload_url: str = ""  # an HTTP(S) endpoint that accepts a POST body; empty skips the upload test
    upload_seconds: float = Field(default=5.0, ge=1, le=60)
    upload_1080p_mbps: float = Field(default=4.0, ge=0)
    upload_720p_mbps: float = Field(default=2.0, ge=0)
    max_latency_ms: float = Field(default=150.0, ge=1)
    max_jitter_ms: float = Field(default=30.0, ge=0)
    probe_timeout_seconds: float = Field(default=5.0, ge=0.5, le=60)
    min_free_disk_gb: float = Field(default=5.0, ge=0)
    max_clock_offset_seconds: float = Field(default=60.0, ge=1)


def _default_fees() -> dict[str, int]:
    # Typical commission plus payment fees in 2025, as a starting point only: real rates depend on the category
    # and the seller's contract, so the Review page shows the rate it used and Settings edits it.
    return {
        "douyin": 500,
        "kuaishou": 500,
        "channels": 300,
        "taobao": 500,
        "tiktok": 800,
        "whatnot": 1090,
        "shopify": 290,
        "etsy": 950,
        "other": 0,
    }


class ReviewSettings(BaseModel):
    """Review (复盘): the defaults of the gross-profit inputs a show's review does not set itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    fee_basis_points: dict[str, BasisPoints] = Field(default_factory=_default_fees)  # per Platform value; 500 = 5 %
    shipping_per_order_minor: int = Field(default=0, ge=0)  # what one parcel costs the seller
    moving_average_shows: int = Field(default=3, ge=1, le=50)  # the trend chart's window


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    language: Language = Field(default_factory=system_language)
    currency: str = Field(default="CNY", pattern=r"^[A-Z]{3}$")
    business_name: str = ""
    ship_from_address: str = ""
    default_platforms: tuple[str, ...] = ("douyin",)
    database_url: str = ""
    backup_keep_last: int = Field(default=10, ge=1, le=1000)
    backup_keep_daily_days: int = Field(default=30, ge=0, le=3650)
    selection_weights: SelectionWeights = SelectionWeights()
    cue_volume: float = Field(default=0.8, ge=0, le=1)  # live timer sounds, 0 (silent) to 1 (full)
    cues_muted: bool = False
    privacy_mode: bool = False  # names, phones and addresses masked on screen (Ctrl+Shift+H)
    first_run_done: bool = False  # the setup wizard was finished or closed (File → Run the setup wizard again…)
    preflight: PreflightSettings = PreflightSettings()
    review: ReviewSettings = ReviewSettings()


def _clean(raw: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown keys and values that fail validation, one at a time, logging each."""
    known = set(Settings.model_fields)
    cleaned = {}
    for key, value in raw.items():
        if key not in known:
            log.warning("settings: unknown key %r ignored", key)
            continue
        try:
            Settings.model_validate({key: value})
        except ValidationError as exc:
            log.warning("settings: bad value for %r ignored (%s)", key, exc.errors()[0]["msg"])
            continue
        cleaned[key] = value
    return cleaned


def load_settings(path: Path) -> Settings:
    """Read settings.toml; a missing or broken file gives the defaults."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        log.warning("settings: %s unreadable (%s); using defaults", path, exc)
        return Settings()
    return Settings.model_validate(_clean(raw))


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically: a temp file beside the target, then rename. The file is owner-only (0600, mkstemp's mode,
    which the rename keeps, whatever the umask or an older file's mode): a team database_url holds its password."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # owner-only, like the file (mkstemp: 0600)
    data = settings.model_dump(mode="json")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    try:
        with os.fdopen(fd, "wb") as out:
            tomli_w.dump(data, out)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get(HOME_ENV)
        if home:
            root = Path(home)
            return cls(config_dir=root / "config", data_dir=root / "data", log_dir=root / "logs")
        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def window_state_file(self) -> Path:
        """Window geometry, splitters and the pages' remembered choices (QSettings, ini format)."""
        return self.config_dir / "window.ini"

    @property
    def default_database(self) -> Path:
        return self.data_dir / DB_FILE_NAME


def media_dir(database_path: Path | None, paths: AppPaths) -> Path:
    """Product images live beside their database (``shop.sqlite3`` → ``shop-images/``), so a database copied
    with its folder keeps its pictures; a server database (team mode) uses the user data dir."""
    if database_path is None:
        return paths.data_dir / "images"
    return database_path.with_name(database_path.stem + "-images")


def backups_dir(database_path: Path) -> Path:
    """Automatic and manual backups go to ``backups/`` beside the database file."""
    return database_path.parent / "backups"


def resolve_database(cli_db: str | None, settings: Settings, paths: AppPaths) -> str:
    """--db beats STREAMDESK_DB beats settings beats the default file in the user data dir."""
    for candidate in (cli_db, os.environ.get(DB_ENV), settings.database_url):
        if candidate:
            return candidate
    return str(paths.default_database)
