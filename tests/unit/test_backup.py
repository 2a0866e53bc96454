"""Backups, rotation, restore and the database check (streamdesk/core/backup.py)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock

from streamdesk.core.backup import Backups, CheckProblem
from streamdesk.core.errors import NotAStreamDeskDatabase, SchemaTooNew, UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.db import open_database
from streamdesk.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NEWEST_FIXTURE = max(FIXTURES.glob("schema_v*.sqlite3"), key=lambda p: int(p.stem.removeprefix("schema_v")))
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _shop(folder: Path, name: str = "shop.sqlite3") -> Path:
    """A current-schema database holding the fixture's realistic rows."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(NEWEST_FIXTURE, path)
    open_database(path, backups_dir=folder / "pre-migrate").dispose()
    return path


def _skus(path: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sku_code, on_hand FROM variants ORDER BY sku_code").fetchall()
    finally:
        conn.close()


def _execute(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return _shop(tmp_path / "data")


@pytest.fixture
def backups(shop: Path, utc_clock: FakeUTCClock) -> Backups:
    return Backups(shop, clock=utc_clock)


# --- backup ----------------------------------------------------------------------------------------------------
def test_backup_goes_to_backups_beside_the_database_with_a_utc_stamp(backups: Backups, shop: Path) -> None:
    taken = backups.backup()
    assert taken.path == shop.parent / "backups" / "shop.backup-20260105T120000Z.streamdesk"
    assert (taken.taken_at, taken.automatic) == (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), False)
    assert taken.size_bytes == taken.path.stat().st_size > 0
    assert _skus(taken.path) == _skus(shop)


def test_two_backups_in_the_same_second_get_different_names(backups: Backups) -> None:
    first, second = backups.backup(), backups.backup()
    assert first.path != second.path
    assert second.path.name == "shop.backup-20260105T120000Z-2.streamdesk"
    assert first.path.exists()


def test_backup_to_a_chosen_file_replaces_it(backups: Backups, shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "usb" / "nightly.sqlite3"
    out.parent.mkdir()
    out.write_bytes(b"last night's copy")
    taken = backups.backup(out)
    assert taken.path == out
    assert _skus(out) == _skus(shop)
    assert not (shop.parent / "backups").exists()


def test_backup_includes_commits_still_in_the_wal(backups: Backups, shop: Path) -> None:
    holder = sqlite3.connect(shop)  # keeps the WAL from being checkpointed into the main file
    try:
        holder.execute("SELECT count(*) FROM variants").fetchall()
        _execute(shop, "UPDATE variants SET live_price_minor = 7900 WHERE sku_code = 'FSY-001-WH-M'")
        taken = backups.backup()
    finally:
        holder.close()
    conn = sqlite3.connect(taken.path)
    try:
        assert conn.execute("SELECT live_price_minor FROM variants WHERE sku_code = 'FSY-001-WH-M'").fetchone() == (
            7900,
        )
    finally:
        conn.close()


def test_backup_refuses_to_write_over_the_database(backups: Backups, shop: Path) -> None:
    before = _fingerprint(shop)
    for target in (shop, shop.with_name(shop.name + "-wal")):
        with pytest.raises(UserError) as refused:
            backups.backup(target)
        assert refused.value.code == "backup.same_file"
    assert _fingerprint(shop) == before


def test_backup_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        Backups(tmp_path / "nothing.sqlite3").backup()
    assert refused.value.code == "backup.no_database"
    assert not (tmp_path / "backups").exists()


def test_backup_of_somebody_elses_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    _execute(other, "CREATE TABLE notes (body TEXT)")
    with pytest.raises(NotAStreamDeskDatabase):
        Backups(other).backup()


@posix_only
def test_backups_are_private(backups: Backups, tmp_path: Path) -> None:
    manual, automatic = backups.backup(), backups.auto_snapshot()
    chosen = backups.backup(tmp_path / "chosen.sqlite3")
    for taken in (manual, automatic, chosen):
        assert taken.path.stat().st_mode & 0o777 == 0o600, taken.path


# --- automatic snapshots and rotation -------------------------------------------------------------------------
def _snapshot_at(backups: Backups, clock: FakeUTCClock, when: datetime) -> Path:
    clock.current = when
    return backups.auto_snapshot().path


def test_rotation_keeps_the_last_n_and_the_newest_of_each_recent_day(shop: Path, utc_clock: FakeUTCClock) -> None:
    backups = Backups(shop, keep_last=3, keep_daily_days=4, clock=utc_clock)
    day = datetime(2026, 3, 1, tzinfo=UTC)
    times = {
        "d1 09": day + timedelta(hours=9),
        "d1 18": day + timedelta(hours=18),
        "d2 10": day + timedelta(days=1, hours=10),
        "d3 08": day + timedelta(days=2, hours=8),
        "d3 12": day + timedelta(days=2, hours=12),
        "d3 20": day + timedelta(days=2, hours=20),
        "d5 07": day + timedelta(days=4, hours=7),
        "d5 08": day + timedelta(days=4, hours=8),
    }
    made = {label: _snapshot_at(backups, utc_clock, when) for label, when in times.items()}
    kept = {label for label, path in made.items() if path.exists()}
    # last 3: d5 08, d5 07, d3 20; newest per day for days 2..5: d5 08, d3 20, d2 10 (day 1 is too old)
    assert kept == {"d5 08", "d5 07", "d3 20", "d2 10"}
    assert [b.path for b in backups.automatic_backups()] == [made[k] for k in ("d5 08", "d5 07", "d3 20", "d2 10")]


def test_default_rotation_keeps_ten_plus_one_a_day_for_thirty_days(shop: Path, utc_clock: FakeUTCClock) -> None:
    backups = Backups(shop, clock=utc_clock)  # the settings' defaults: 10 and 30
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(45):
        for hour in (9, 14, 22):
            _snapshot_at(backups, utc_clock, start + timedelta(days=day, hours=hour))
    kept = backups.automatic_backups()
    days = sorted({b.taken_at.date() for b in kept})
    assert len(days) == 30 and days[0] == (start + timedelta(days=15)).date()
    # the last 10 cover today, the 2 days before (3 each) and the 22:00 one of the 4th day; one each for 26 more days
    assert len(kept) == 10 + 26


def test_rotating_once_at_the_end_keeps_what_rotating_every_time_keeps(shop: Path, tmp_path: Path) -> None:
    clock = FakeUTCClock(datetime(2026, 2, 1, tzinfo=UTC))
    backups = Backups(shop, keep_last=4, keep_daily_days=5, clock=clock)
    stamps = [datetime(2026, 2, 1, tzinfo=UTC) + timedelta(hours=7 * n) for n in range(40)]
    for when in stamps:
        _snapshot_at(backups, clock, when)
    incremental = [b.path.name for b in backups.automatic_backups()]
    for when in stamps:  # the same files made by hand, rotated once
        (backups.backups_dir / f"shop.auto-{when.strftime('%Y%m%dT%H%M%SZ')}.sqlite3").touch()
    backups.rotate()
    assert [b.path.name for b in backups.automatic_backups()] == incremental


def test_rotation_never_deletes_manual_premigrate_or_other_databases_backups(
    backups: Backups, shop: Path, utc_clock: FakeUTCClock
) -> None:
    folder = shop.parent / "backups"
    folder.mkdir()
    others = [
        folder / "shop.backup-20200101T000000Z.sqlite3",
        folder / "pre-migrate-v1-20200101T000000Z.sqlite3",
        folder / "shop.replaced-20200101T000000Z.sqlite3",
        folder / "other.auto-20200101T000000Z.sqlite3",
        folder / "shop.auto-notes.txt",
    ]
    for path in others:
        path.write_bytes(b"keep me")
    old_auto, new_auto = folder / "shop.auto-20200101T000000Z.sqlite3", folder / "shop.auto-20260105T110000Z.sqlite3"
    old_auto.write_bytes(b"old snapshot")
    new_auto.write_bytes(b"new snapshot")
    removed = Backups(shop, keep_last=1, keep_daily_days=1, clock=utc_clock).rotate()
    assert removed == (old_auto,)
    assert all(path.exists() for path in [*others, new_auto])


def test_auto_snapshot_is_a_consistent_copy(backups: Backups, shop: Path) -> None:
    taken = backups.auto_snapshot()
    assert taken.automatic and taken.path.name == "shop.auto-20260105T120000Z.sqlite3"
    assert _skus(taken.path) == _skus(shop)
    assert backups.automatic_backups()[0].path == taken.path


# --- restore -----------------------------------------------------------------------------------------------------
def test_restore_brings_back_the_backup_and_keeps_the_replaced_database(
    backups: Backups, shop: Path, utc_clock: FakeUTCClock
) -> None:
    saved = backups.backup()
    before_change = _skus(shop)
    _execute(shop, "UPDATE variants SET on_hand = 0, version = version + 1")
    changed = _skus(shop)
    utc_clock.advance(hours=2)
    summary = backups.restore(saved.path)
    assert summary.database == shop and summary.restored_from == saved.path
    assert summary.schema_version == SCHEMA_VERSION
    assert summary.replaced_copy == shop.parent / "backups" / "shop.replaced-20260105T140000Z.sqlite3"
    assert _skus(shop) == before_change
    assert _skus(summary.replaced_copy) == changed
    assert saved.path.exists()
    assert not [p for p in shop.parent.iterdir() if ".restoring-" in p.name]
    database = open_database(shop)  # the restored file opens as usual
    database.dispose()


@posix_only
def test_restored_database_and_replaced_copy_are_private(backups: Backups, shop: Path, tmp_path: Path) -> None:
    source = _shop(tmp_path / "elsewhere")
    source.chmod(0o644)
    summary = backups.restore(source)
    assert shop.stat().st_mode & 0o777 == 0o600
    assert summary.replaced_copy is not None and summary.replaced_copy.stat().st_mode & 0o777 == 0o600


def test_restore_of_a_live_copy_includes_its_wal(backups: Backups, shop: Path, tmp_path: Path) -> None:
    """A database copied with its -wal while the app had it open: the commits in the WAL must come along."""
    live = _shop(tmp_path / "laptop")
    holder = sqlite3.connect(live)
    try:
        holder.execute("SELECT count(*) FROM variants").fetchall()
        _execute(live, "UPDATE variants SET on_hand = 77 WHERE sku_code = 'FSY-001-BK-L'")
        copied = tmp_path / "usb" / "copied.sqlite3"
        copied.parent.mkdir()
        shutil.copy(live, copied)
        shutil.copy(f"{live}-wal", f"{copied}-wal")
    finally:
        holder.close()
    wal_before = _fingerprint(Path(f"{copied}-wal"))
    backups.restore(copied)
    assert ("FSY-001-BK-L", 77) in _skus(shop)
    assert not Path(f"{shop}-wal").exists() or Path(f"{shop}-wal").stat().st_size == 0
    assert _fingerprint(Path(f"{copied}-wal")) == wal_before  # the source is only read


def test_restore_replaces_the_old_wal_instead_of_pairing_it_with_the_new_file(
    backups: Backups, shop: Path, tmp_path: Path
) -> None:
    saved = backups.backup()
    _execute(shop, "UPDATE variants SET on_hand = 5")
    Path(f"{shop}-shm").write_bytes(b"\0" * 32768)  # a stale index left by a crashed process
    backups.restore(saved.path)
    conn = sqlite3.connect(shop)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    assert _skus(shop) == _skus(saved.path)


def test_restore_onto_a_missing_database_just_places_it(tmp_path: Path) -> None:
    source = _shop(tmp_path / "old")
    target = tmp_path / "new" / "shop.sqlite3"
    summary = Backups(target).restore(source)
    assert summary.replaced_copy is None
    assert _skus(target) == _skus(source)


def _other_sqlite(path: Path) -> Path:
    _execute(path, "CREATE TABLE ledger (amount INTEGER)", "INSERT INTO ledger VALUES (1)")
    return path


def _newer(path: Path) -> Path:
    shutil.copy(NEWEST_FIXTURE, path)
    _execute(path, f"UPDATE schema_info SET version = {SCHEMA_VERSION + 1}")
    return path


def _damaged(path: Path) -> Path:
    data = bytearray(NEWEST_FIXTURE.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size * 2 : page_size * 6] = b"\xa5" * (page_size * 4)  # garbage over the tables' pages
    path.write_bytes(bytes(data))
    return path


BAD_SOURCES = {
    "csv": lambda p: (p.write_text("商品,价格\n冰丝防晒衣,89\n", encoding="utf-8"), p)[1],
    "random": lambda p: (p.write_bytes(os.urandom(8192)), p)[1],
    "empty": lambda p: (p.touch(), p)[1],
    "other-sqlite": _other_sqlite,
    "empty-sqlite": lambda p: _execute(p, "PRAGMA user_version = 3") or p,
    "damaged": _damaged,
    "newer": _newer,
}
EXPECTED_CODE = {
    "csv": "db.not_streamdesk",
    "random": "db.not_streamdesk",
    "empty": "db.not_streamdesk",
    "other-sqlite": "db.not_streamdesk",
    "empty-sqlite": "db.not_streamdesk",
    "damaged": "restore.damaged",
    "newer": "db.schema_too_new",
}


@pytest.mark.parametrize("kind", sorted(BAD_SOURCES))
def test_restore_of_a_bad_file_changes_nothing(backups: Backups, shop: Path, tmp_path: Path, kind: str) -> None:
    source = BAD_SOURCES[kind](tmp_path / f"bad-{kind}.sqlite3")
    database_before, source_before = _fingerprint(shop), _fingerprint(source)
    listing = _listing(shop.parent)
    with pytest.raises(UserError) as refused:
        backups.restore(source)
    assert refused.value.code == EXPECTED_CODE[kind]
    assert refused.value.fields["path"] == str(source)
    assert _fingerprint(shop) == database_before
    assert _fingerprint(source) == source_before
    assert _listing(shop.parent) == listing  # no temp file, no replaced copy


def test_restore_refuses_a_missing_file_and_the_database_itself(backups: Backups, shop: Path, tmp_path: Path) -> None:
    before = _fingerprint(shop)
    with pytest.raises(UserError) as missing:
        backups.restore(tmp_path / "no-such-backup.sqlite3")
    with pytest.raises(UserError) as itself:
        backups.restore(shop)
    assert (missing.value.code, itself.value.code) == ("restore.missing", "restore.same_file")
    assert _fingerprint(shop) == before


def test_restore_refuses_while_another_connection_is_reading(backups: Backups, shop: Path) -> None:
    saved = backups.backup()
    _execute(shop, "UPDATE variants SET on_hand = 9")
    reader = sqlite3.connect(shop, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM variants").fetchall()  # an open read transaction pins the WAL
        _execute(shop, "UPDATE variants SET on_hand = 8")
        with pytest.raises(UserError) as refused:
            backups.restore(saved.path)
        reader.execute("ROLLBACK")
    finally:
        reader.close()
    assert refused.value.code == "restore.in_use"
    assert {on_hand for _sku, on_hand in _skus(shop)} == {8}


def test_restore_of_an_older_schema_is_upgraded_when_next_opened(tmp_path: Path) -> None:
    target = _shop(tmp_path / "data")
    summary = Backups(target).restore(NEWEST_FIXTURE)  # today the newest fixture is the current version
    assert summary.schema_version == int(NEWEST_FIXTURE.stem.removeprefix("schema_v"))
    open_database(target).dispose()
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("SELECT version FROM schema_info").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()


# --- check -------------------------------------------------------------------------------------------------------
def _check(path: Path) -> tuple[CheckProblem, ...]:
    return run_to_end(Backups(path).check()).problems


def test_check_of_a_healthy_database_finds_nothing_and_writes_nothing(shop: Path) -> None:
    before, listing = _fingerprint(shop), _listing(shop.parent)
    report = run_to_end(Backups(shop).check())
    assert report.ok and report.problems == () and report.database == shop
    assert _fingerprint(shop) == before
    assert _listing(shop.parent) == listing


def test_check_reports_progress_through_its_stages(shop: Path) -> None:
    job = Backups(shop).check()
    stages = []
    while True:
        try:
            stages.append(next(job))
        except StopIteration:
            break
    assert [p.stage for p in stages] == [
        "check.stage_integrity",
        "check.stage_links",
        "check.stage_stock",
        "check.stage_search",
        "check.stage_done",
    ]
    assert stages[-1].done == stages[-1].total == 4


def test_check_finds_stock_that_disagrees_with_the_ledger(shop: Path) -> None:
    ledger = _stock_of(shop, "FSY-001-WH-M")  # the demo's orders took some of it: read, not hard-coded
    _execute(shop, "UPDATE variants SET on_hand = on_hand + 4 WHERE sku_code = 'FSY-001-WH-M'")
    assert _check(shop) == (
        CheckProblem("check.ledger", (("sku", "FSY-001-WH-M"), ("cached", ledger + 4), ("ledger", ledger))),
    )


def _stock_of(path: Path, sku: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT on_hand FROM variants WHERE sku_code = ?", (sku,)).fetchone()[0])
    finally:
        conn.close()


def test_check_finds_a_variant_with_stock_but_no_moves(shop: Path) -> None:
    _execute(
        shop, "DELETE FROM stock_moves WHERE variant_id = (SELECT id FROM variants WHERE sku_code = 'FSY-001-BK-L')"
    )
    assert _check(shop) == (CheckProblem("check.ledger", (("sku", "FSY-001-BK-L"), ("cached", 3), ("ledger", 0))),)


def test_check_finds_broken_links(shop: Path) -> None:
    _execute(shop, "PRAGMA foreign_keys = OFF", "UPDATE product_images SET product_id = 404 WHERE id = 3")
    assert _check(shop) == (
        CheckProblem("check.foreign_key", (("table", "product_images"), ("rowid", 3), ("parent", "products"))),
    )


def test_check_finds_a_search_index_out_of_step(shop: Path) -> None:
    _execute(
        shop,
        "INSERT INTO variants_fts (variants_fts, rowid, search_text) "
        "SELECT 'delete', id, search_text FROM variants WHERE sku_code = '00012345'",
    )
    assert _check(shop) == (CheckProblem("check.search_index"),)


def test_check_finds_a_damaged_index(shop: Path) -> None:
    _execute(shop, "PRAGMA journal_mode = DELETE")
    conn = sqlite3.connect(shop)
    rootpage, page_size = conn.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'ix_variants_barcode'"
    ).fetchone()
    conn.close()
    data = bytearray(shop.read_bytes())
    page = slice((rootpage - 1) * page_size, rootpage * page_size)
    at = data[page].find(b"6901234567892")
    assert at >= 0
    data[(rootpage - 1) * page_size + at + 12] = ord("9")  # the index now holds a barcode no row has
    shop.write_bytes(bytes(data))
    problems = _check(shop)
    assert problems and {p.code for p in problems} == {"check.integrity"}
    assert any("ix_variants_barcode" in str(dict(p.fields)["detail"]) for p in problems)


def test_check_refuses_newer_foreign_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(SchemaTooNew):
        _check(_newer(tmp_path / "newer.sqlite3"))
    with pytest.raises(NotAStreamDeskDatabase):
        _check(_other_sqlite(tmp_path / "other.sqlite3"))
    with pytest.raises(UserError) as missing:
        _check(tmp_path / "missing.sqlite3")
    assert missing.value.code == "backup.no_database"


def test_cancelled_check_stops(shop: Path) -> None:
    token = CancelToken()
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(Backups(shop).check(token))
