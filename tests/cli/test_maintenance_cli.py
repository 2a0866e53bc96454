"""``streamdesk backup | restore | check | demo`` as a user runs them: a subprocess with its own STREAMDESK_HOME."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixture (home)
from cli_support import digest, run
from pg_support import Server
from sqlalchemy import make_url

from streamdesk.db import open_database
from streamdesk.migrations import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
NEWEST_FIXTURE = max(FIXTURES.glob("schema_v*.sqlite3"), key=lambda p: int(p.stem.removeprefix("schema_v")))


def streamdesk(*args: str | Path, home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "STREAMDESK_DB"}
    environment.update({"STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        cwd=home,
        timeout=120,
    )


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if "logs" not in p.parts)


def _execute(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop" / "shop.sqlite3"
    path.parent.mkdir()
    shutil.copy(NEWEST_FIXTURE, path)
    open_database(path, backups_dir=tmp_path / "pre-migrate").dispose()
    return path


# --- backup ----------------------------------------------------------------------------------------------------------
def test_backup_writes_a_stamped_copy_beside_the_database(home: Path, shop: Path) -> None:
    result = streamdesk("--db", shop, "backup", home=home)
    assert (result.returncode, result.stderr) == (0, "")
    copies = list((shop.parent / "backups").glob("shop.backup-*Z.streamdesk"))
    assert len(copies) == 1 and str(copies[0]) in result.stdout
    if os.name == "posix":
        assert copies[0].stat().st_mode & 0o777 == 0o600


def test_backup_json_and_out(home: Path, shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "usb" / "nightly.sqlite3"
    result = streamdesk("--db", shop, "backup", "--out", out, "--json", home=home)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["backup"] == str(out) and payload["size_bytes"] == out.stat().st_size
    assert payload["taken_at_utc"].endswith("+00:00")


def test_streamdesk_db_environment_chooses_the_database_and_db_option_beats_it(
    home: Path, shop: Path, tmp_path: Path
) -> None:
    result = streamdesk("backup", "--json", home=home, env={"STREAMDESK_DB": str(shop)})
    assert json.loads(result.stdout)["database"] == str(shop)
    missing = tmp_path / "missing.sqlite3"
    result = streamdesk("--db", missing, "backup", home=home, env={"STREAMDESK_DB": str(shop)})
    assert result.returncode == 2 and str(missing) in _one_line_error(result)


def test_without_db_or_environment_the_default_database_in_the_data_dir_is_used(home: Path) -> None:
    result = streamdesk("check", home=home)
    assert result.returncode == 2
    assert str(home / "data" / "streamdesk.sqlite3") in _one_line_error(result)
    assert not (home / "data" / "streamdesk.sqlite3").exists()  # check never creates a database


def test_backup_of_a_missing_database_exits_2_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    before = _listing(tmp_path)
    result = streamdesk("--db", tmp_path / "nowhere.sqlite3", "backup", home=home)
    assert result.returncode == 2
    assert "nowhere.sqlite3" in _one_line_error(result)
    assert _listing(tmp_path) == before


# --- restore ---------------------------------------------------------------------------------------------------------
def test_restore_swaps_in_the_backup_and_keeps_the_old_database(home: Path, shop: Path) -> None:
    saved = json.loads(streamdesk("--db", shop, "backup", "--json", home=home).stdout)["backup"]
    _execute(shop, "UPDATE variants SET on_hand = 0")
    result = streamdesk("--db", shop, "restore", saved, "--json", home=home)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["restored_from"] == saved and payload["schema_version"] == SCHEMA_VERSION
    kept = Path(payload["replaced_copy"])
    assert kept.parent == shop.parent / "backups" and kept.name.startswith("shop.replaced-")
    conn = sqlite3.connect(shop)
    assert conn.execute("SELECT sum(on_hand) FROM variants").fetchone()[0] > 0
    conn.close()
    assert streamdesk("--db", shop, "check", home=home).stdout == "OK\n"


def _random(path: Path) -> Path:
    path.write_bytes(os.urandom(4096))
    return path


def _newer(path: Path) -> Path:
    shutil.copy(NEWEST_FIXTURE, path)
    _execute(path, f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1}")
    return path


def _foreign(path: Path) -> Path:
    _execute(path, "CREATE TABLE contacts (name TEXT)")
    return path


@pytest.mark.parametrize("make_bad", [_random, _newer, _foreign], ids=["random", "newer", "foreign"])
def test_restore_of_a_bad_file_exits_2_and_leaves_the_database_unchanged(
    home: Path, shop: Path, tmp_path: Path, make_bad: object
) -> None:
    bad = make_bad(tmp_path / "bad.sqlite3")  # type: ignore[operator]
    before, listing = _fingerprint(shop), _listing(shop.parent)
    result = streamdesk("--db", shop, "restore", bad, home=home)
    assert result.returncode == 2
    assert str(bad) in _one_line_error(result)
    assert result.stdout == ""
    assert _fingerprint(shop) == before
    assert _listing(shop.parent) == listing


# --- check -----------------------------------------------------------------------------------------------------------
def test_check_of_a_healthy_database_prints_ok(home: Path, shop: Path) -> None:
    result = streamdesk("--db", shop, "check", home=home)
    assert (result.returncode, result.stdout, result.stderr) == (0, "OK\n", "")
    payload = json.loads(streamdesk("--db", shop, "check", "--json", home=home).stdout)
    assert payload == {"database": str(shop), "ok": True, "problems": [], "newest_good_backup": None}


def test_check_lists_each_problem_on_its_own_line_and_exits_1(home: Path, shop: Path) -> None:
    conn = sqlite3.connect(shop)
    ledger = conn.execute("SELECT on_hand FROM variants WHERE sku_code = 'FSY-001-WH-M'").fetchone()[0]
    conn.close()  # the demo's orders took some of it: read, not hard-coded
    _execute(
        shop,
        "UPDATE variants SET on_hand = 99 WHERE sku_code = 'FSY-001-WH-M'",
        "PRAGMA foreign_keys = OFF",
        "UPDATE product_images SET product_id = 404 WHERE id = 3",
    )
    before = _fingerprint(shop)
    result = streamdesk("--lang", "en", "--db", shop, "check", home=home)
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert any("FSY-001-WH-M" in line and "99" in line and str(ledger) in line for line in lines)
    assert any("product_images" in line and "products" in line for line in lines)
    payload = json.loads(streamdesk("--db", shop, "check", "--json", home=home).stdout)
    assert payload["ok"] is False
    assert sorted(p["code"] for p in payload["problems"]) == ["check.foreign_key", "check.ledger"]
    assert {"sku": "FSY-001-WH-M", "cached": 99, "ledger": ledger} in [p["fields"] for p in payload["problems"]]
    assert _fingerprint(shop) == before  # check only reads


def test_check_of_a_newer_database_exits_2_untouched(home: Path, tmp_path: Path) -> None:
    newer = _newer(tmp_path / "newer.sqlite3")
    before = _fingerprint(newer)
    result = streamdesk("--db", newer, "check", home=home)
    assert result.returncode == 2 and str(SCHEMA_VERSION + 1) in _one_line_error(result)
    assert _fingerprint(newer) == before


# --- demo ------------------------------------------------------------------------------------------------------------
def test_demo_writes_a_shop_that_checks_ok(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo" / "shop.sqlite3"
    path.parent.mkdir()
    result = streamdesk("demo", path, "--seed", "3", "--json", home=home)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["database"] == str(path) and payload["seed"] == 3 and payload["products"] >= 60
    assert Path(payload["images_dir"]).is_dir()
    assert streamdesk("--db", path, "check", home=home).stdout == "OK\n"
    before = _fingerprint(path)
    again = streamdesk("demo", path, home=home)
    assert again.returncode == 2 and str(path) in _one_line_error(again)
    assert _fingerprint(path) == before


def test_errors_are_translated_with_lang(home: Path, tmp_path: Path) -> None:
    result = streamdesk("--lang", "zh_CN", "--db", tmp_path / "nowhere.sqlite3", "backup", home=home)
    assert result.returncode == 2
    line = _one_line_error(result)
    assert "nowhere.sqlite3" in line and any("\u4e00" <= ch <= "\u9fff" for ch in line), line


# --- a database on a server (team mode) ------------------------------------------------------------------------------
def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once it is closed


@pytest.mark.parametrize("command", ["backup", "restore", "check", "check --json"])
def test_backup_restore_and_check_refuse_a_server_database_naming_it_without_its_password(
    home: Path, pg_server: Server, tmp_path: Path, command: str
) -> None:
    url = pg_server.migrated_database()
    password = make_url(url).password
    assert password
    backup = tmp_path / "shop.backup.streamdesk"
    shutil.copy(NEWEST_FIXTURE, backup)
    before, listing = digest(url), _listing(tmp_path)
    args = [*command.split(), *([str(backup)] if command == "restore" else [])]
    result = streamdesk("--lang", "en", "--db", url, *args, home=home)
    assert (result.returncode, result.stdout) == (2, "")
    shown = make_url(url).render_as_string(hide_password=True)
    assert _one_line_error(result) == (
        f"streamdesk {command.split()[0]} works on a database file; this one is on a server ({shown}). Ask whoever "
        "runs the server for its backups (pg_dump), or copy it to a file with: streamdesk db migrate-to FILE"
    )
    assert password not in result.stderr and password not in (home / "logs" / "streamdesk.log").read_text()
    assert digest(url) == before and _listing(tmp_path) == listing  # nothing written on the server or beside


def test_demo_refuses_a_server_address_instead_of_making_folders_of_it(home: Path, pg_server: Server) -> None:
    url = pg_server.empty_database()
    result = streamdesk("--lang", "en", "demo", url, home=home)
    assert result.returncode == 2
    line = _one_line_error(result)
    assert line.startswith("streamdesk demo works on a database file") and make_url(url).password not in line
    assert not [path for path in home.rglob("*") if "postgresql" in path.name]  # the command ran in home


@pytest.mark.parametrize("failure", ["wrong-password", "closed-port"])
def test_a_server_that_will_not_let_us_in_exits_2_with_one_line_and_never_the_password(
    home: Path, pg_server: Server, failure: str
) -> None:
    url = make_url(pg_server.migrated_database())
    url = url.set(password="Wr0ng-Secret-4711") if failure == "wrong-password" else url.set(port=_closed_port())
    target = url.render_as_string(hide_password=False)
    result = run(home, target, "shows", "list")  # run() also reads the log for the password
    assert (result.returncode, result.stdout) == (2, "")
    line = _one_line_error(result)
    assert line.startswith(f"StreamDesk could not open the team database {url.render_as_string(hide_password=True)}")
    assert ("password authentication failed" if failure == "wrong-password" else "refused") in line
    assert url.password not in line and pg_server.url.password not in line
