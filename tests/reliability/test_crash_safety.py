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
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows has neither fork nor SIGKILL: TerminateProcess is a different crash"
)

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "crash_scenarios.py"
TRIALS = 50
TIMEOUT = 240


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


@pytest.fixture
def crash_run(tmp_path: Path, record_property: Any, request: pytest.FixtureRequest) -> Any:
    def run(scenario: str) -> tuple[int, list[dict[str, Any]], Counter[str]]:
        seed = seed_for_run()
        record_property("crash_seed", seed)
        sys.stderr.write(f"crash scenario {scenario}: seed {seed}\n")
        report = run_scenario(scenario, tmp_path / scenario, seed)
        trials = report["trials"]
        failed = [trial for trial in trials if trial["problems"]]
        replay = f"seed {seed} (replay with STREAMDESK_CRASH_SEED={seed})"
        assert len(trials) == TRIALS, replay
        assert not failed, f"{replay}: {len(failed)} of {len(trials)} trials failed: {failed[:5]}\n{report['stderr']}"
        shutil.rmtree(tmp_path / scenario, ignore_errors=True)  # copies of the databases: gigabytes over a session
        return seed, trials, Counter(trial["outcome"] for trial in trials)

    return run


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
