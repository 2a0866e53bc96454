"""Crash safety (issue 10): SIGKILL at random moments of an order import, a product import, live order capture
during a running show and a schema migration, 50 trials each, on real SQLite files in real processes.

Each scenario runs in one process (crash_scenarios.py) that forks a child per trial and kills it; see
crash_support.py for the harness and the scenario modules for what is checked after every kill: integrity_check,
each import wholly present or wholly absent, stock equal to the ledger, a migration at the old or a newer version
that reopening completes, a live show that resumes with every committed sale.

The seed is random per run and shown in every failure; ``STREAMDESK_CRASH_SEED=<n>`` replays a run's kill delays
(the moments themselves still depend on the machine's speed).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has neither fork nor SIGKILL: TerminateProcess is a different crash"
)

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "crash_scenarios.py"
TRIALS = 50
COPY_TRIALS = 25
TIMEOUT = 240
SHM_NEEDED = 256 * 1024 * 1024


def run_scenario(scenario: str, workdir: Path, seed: int, trials: int = TRIALS) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(RUNNER), scenario, str(workdir), "--trials", str(trials), "--seed", str(seed)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"seed {seed}: the runner failed:\n{done.stderr[-4000:]}"
    report: dict[str, Any] = json.loads(done.stdout)
    report["stderr"] = done.stderr
    return report


def seed_for_run() -> int:
    chosen = os.environ.get("STREAMDESK_CRASH_SEED")
    return int(chosen) if chosen else random.SystemRandom().randrange(1 << 30)


def work_folder(tmp_path: Path) -> Path:
    """A folder on tmpfs (/dev/shm) when there is one with room, else tmp_path. A SIGKILL leaves the page cache
    whole, so what a kill can do to the files is the same on either; on tmpfs fsync costs nothing and the trials
    take CPU time only, not the disk's latency (synchronous=FULL syncs every commit)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > SHM_NEEDED:
        return Path(tempfile.mkdtemp(prefix="streamdesk-crash-", dir=shm))
    return tmp_path


@pytest.fixture
def crash_run(tmp_path: Path, record_property: Any) -> Iterator[Any]:
    work = work_folder(tmp_path)

    def run(scenario: str, count: int = TRIALS) -> tuple[int, list[dict[str, Any]], Counter[str]]:
        seed = seed_for_run()
        record_property("crash_seed", seed)
        sys.stderr.write(f"crash scenario {scenario}: seed {seed}\n")
        report = run_scenario(scenario, work / scenario, seed, count)
        trials = report["trials"]
        failed = [trial for trial in trials if trial["problems"]]
        replay = f"seed {seed} (replay with STREAMDESK_CRASH_SEED={seed})"
        assert len(trials) == count, replay
        assert not failed, f"{replay}: {len(failed)} of {len(trials)} trials failed: {failed[:5]}\n{report['stderr']}"
        return seed, trials, Counter(trial["outcome"] for trial in trials)

    yield run
    shutil.rmtree(work, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["orders", "products"])
def test_an_import_killed_at_any_moment_is_all_or_nothing(crash_run: Any, scenario: str) -> None:
    seed, _, outcomes = crash_run(scenario)
    assert set(outcomes) <= {"absent", "present"}, (seed, outcomes)
    assert outcomes["absent"] > 0, f"seed {seed}: no kill landed before the commit: {outcomes}"


@pytest.mark.slow
def test_live_capture_killed_at_any_moment_resumes(crash_run: Any) -> None:
    from crash_live import SALES

    seed, trials, outcomes = crash_run("live")
    sold = [int(trial["outcome"].removeprefix("orders=")) for trial in trials]
    assert any(0 < count < SALES for count in sold), f"seed {seed}: no kill landed mid-capture: {outcomes}"


@pytest.mark.slow
def test_a_migration_killed_at_any_moment_completes_on_reopening(crash_run: Any) -> None:
    seed, _, outcomes = crash_run("migration")
    stayed = sum(count for outcome, count in outcomes.items() if outcome.split("->")[0] == outcome.split("->")[1])
    assert 0 < stayed < TRIALS, f"seed {seed}: the kills did not spread over the upgrade: {outcomes}"


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["close", "restore"])
def test_a_copy_killed_at_any_moment_leaves_the_database_and_no_torn_copy(crash_run: Any, scenario: str) -> None:
    """The automatic snapshot on close and a restore (COPY_TRIALS each; not in the issue's list, but a laptop
    dies while it closes as easily as while it imports)."""
    seed, _, outcomes = crash_run(scenario, COPY_TRIALS)
    unfinished, finished = ("not copied", "copied") if scenario == "close" else ("old", "new")
    assert set(outcomes) <= {unfinished, finished}, (seed, outcomes)
    assert outcomes[unfinished] > 0, f"seed {seed}: no kill landed before the copy was done: {outcomes}"


def test_the_checks_see_a_half_written_import(tmp_path: Path) -> None:
    """The all-or-nothing check fails on a database holding part of an import, and the ledger check on stock
    that disagrees with its moves (so the trials above can fail)."""
    from crash_scenarios import ImportScenario, all_or_nothing
    from crash_support import Channel, connect, digest_of, fresh_copy

    scenario = ImportScenario(tmp_path, "products")
    reference = fresh_copy(scenario.template, tmp_path / "reference.sqlite3")
    scenario.operation(reference, Channel(-1))  # the products import never talks
    scenario.after = digest_of(reference)
    assert all_or_nothing(reference, scenario.before, scenario.after).outcome == "present"
    with connect(reference) as conn:
        conn.execute("DELETE FROM stock_moves WHERE id = (SELECT MAX(id) FROM stock_moves)")
    verdict = all_or_nothing(reference, scenario.before, scenario.after)
    assert verdict.outcome == "partial"
    assert any("stock != ledger" in problem for problem in verdict.problems), verdict.problems


def test_an_upgrade_killed_while_copying_leaves_no_part_file(tmp_path: Path) -> None:
    """Found by the migration trials: a kill while the pre-migration copy was written left its part file in
    backups/ for good (the next upgrade names its copy by the new time). The next upgrade removes it."""
    from crash_support import connect

    from streamdesk.db import open_database
    from streamdesk.migrations import SCHEMA_VERSION

    db = tmp_path / "shop.sqlite3"
    shutil.copyfile(HERE.parent / "fixtures" / "schema_v3.sqlite3", db)
    backups = tmp_path / "backups"
    backups.mkdir()
    killed = backups / "pre-migrate-v3-20260101T120000Z.sqlite3.part"
    killed.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # what a killed copy looks like: a torn file
    (backups / f"{killed.name}-journal").write_bytes(b"\x00" * 512)
    unrelated = backups / "shop-20260101T120000Z.sqlite3"
    unrelated.write_bytes(b"a backup of the seller's")
    open_database(db, backups_dir=backups).dispose()
    left = sorted(path.name for path in backups.iterdir())
    assert len(left) == 2 and unrelated.name in left, left
    assert next(name for name in left if name != unrelated.name).startswith("pre-migrate-v3-"), left
    assert not any(".part" in name for name in left), left
    with connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_info").fetchone()[0] == SCHEMA_VERSION


CUT_CHECKPOINT = """
import resource, signal, sqlite3, sys
db = sys.argv[1]
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("BEGIN IMMEDIATE")
conn.executemany(
    "INSERT INTO suppliers (name, contact, notes, created_at, updated_at) VALUES (?, '', ?, '2026-01-05', '2026-01-05')",
    [(f"supplier {n}", "x" * 2000) for n in range(400)],
)
conn.execute("COMMIT")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
size = __import__("os").path.getsize(db)
resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
try:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # page 1 goes first, then the pages that grow the file fail
except sqlite3.Error:
    pass
__import__("os")._exit(0)  # no close: its checkpoint would fail the same way
"""


def test_a_checkpoint_cut_short_leaves_a_file_the_next_start_opens(tmp_path: Path) -> None:
    """The state a kill inside the close-time checkpoint leaves (found by the import trials), made deterministic:
    the checkpoint stops at a file-size limit after writing page 1, so the main file is shorter than its header
    says while the -wal holds every committed page. The next start opens it with all the rows."""
    from streamdesk.db import open_database

    db = tmp_path / "shop.sqlite3"
    open_database(db).dispose()
    done = subprocess.run([sys.executable, "-c", CUT_CHECKPOINT, str(db)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    header = db.read_bytes()[:100]
    in_header = int.from_bytes(header[16:18], "big") * int.from_bytes(header[28:32], "big")
    assert db.stat().st_size < in_header, "the checkpoint was not cut short: the test built nothing"
    assert Path(f"{db}-wal").stat().st_size > 0
    database = open_database(db)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM suppliers").scalar_one() == 400
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    finally:
        database.dispose()


def test_the_next_copy_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    """Found by the close and restore trials: a snapshot killed midway left its part file for good, a restore left
    its hidden incoming file beside the database, and the copy of the replaced database kept its final name while
    half-written. The next snapshot, backup or restore removes the leftovers of its own kind, nobody else's."""
    from crash_backups import make_shop

    from streamdesk.core.backup import Backups

    db = make_shop(tmp_path / "shop.sqlite3", 10, "old")
    source = make_shop(tmp_path / "incoming" / "other.streamdesk", 5, "new")
    backups = tmp_path / "backups"
    backups.mkdir()
    stale = [
        backups / "shop.auto-20260101T120000Z.sqlite3.part",
        backups / "shop.auto-20260101T120000Z.sqlite3.part-journal",
        backups / "shop.backup-20260101T120000Z.streamdesk.part",
        backups / "shop.replaced-20260101T120000Z.sqlite3.part",
        tmp_path / ".shop.sqlite3.restoring-20260101T120000Z",
        tmp_path / ".shop.sqlite3.restoring-20260101T120000Z-wal",
    ]
    others = [backups / "other.auto-20260101T120000Z.sqlite3.part", backups / "shop.auto-20260101T120000Z.sqlite3"]
    for path in (*stale, *others):
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    service = Backups(db, backups_dir=backups)
    service.auto_snapshot()
    service.backup()
    service.restore(source)
    assert [path.name for path in stale if path.exists()] == []
    assert all(path.exists() for path in others)
    replaced = sorted(backups.glob("shop.replaced-*.sqlite3"))
    assert len(replaced) == 1, replaced
    assert [path.name for path in backups.iterdir() if ".part" in path.name] == [others[0].name]
