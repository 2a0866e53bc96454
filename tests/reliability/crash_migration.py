"""The schema-migration crash scenario (see crash_scenarios.py): open_database on a copy of an older version's
fixture (tests/fixtures/schema_v1…v5.sqlite3) or on a database not made yet (v0: the first start), trials shared
out evenly, killed at random moments: while the pre-migration copy is written, inside a step, between steps.

After the kill: integrity ok; the file is at a version between the fixture's and the newest, with exactly the
tables, indexes and triggers that version has (the fixture of that version shows them), and at the fixture's own
version it holds the fixture's rows unchanged. Reopening completes the upgrade to the very rows an uninterrupted
upgrade gives. Every pre-migration copy left in backups/ is whole (quick_check ok, the old version) and no
half-written one is left behind once the upgrade completed.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from crash_scenarios import next_start_problems, trial_loop
from crash_support import (
    Channel,
    Report,
    TrialResult,
    connect,
    content_digest,
    digest_of,
    fresh_copy,
    integrity_problems,
    ledger_problems,
    measure,
)

from streamdesk.db import open_database
from streamdesk.migrations import SCHEMA_VERSION


def objects(db: Path) -> set[tuple[str, str]]:
    with connect(db) as conn:
        rows = conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(kind, name) for kind, name in rows}


def version_of(conn: sqlite3.Connection) -> int:
    """0 for a file without tables (a database not made yet, or made up to its first commit)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_info'").fetchone() is None:
        return 0
    return int(conn.execute("SELECT version FROM schema_info WHERE id = 1").fetchone()[0])


class MigrationScenario:
    def __init__(self, work: Path, fixtures: Path) -> None:
        self.work = work
        self.templates: list[Path] = []
        self.schemas: dict[int, set[tuple[str, str]]] = {}
        self.before: dict[Path, str] = {}
        self.after: dict[Path, str] = {}
        (work / "v0").mkdir(parents=True, exist_ok=True)  # v0: a new database, its template a file not made yet
        self.templates.append(work / "v0" / "template.sqlite3")
        self.schemas[0] = set()
        with closing(sqlite3.connect(":memory:")) as empty:
            self.before[self.templates[0]] = content_digest(empty)
        for version in range(1, SCHEMA_VERSION + 1):
            fixture = fixtures / f"schema_v{version}.sqlite3"
            self.schemas[version] = objects(fixture)
            if version < SCHEMA_VERSION:
                (work / f"v{version}").mkdir(parents=True, exist_ok=True)
                template = fresh_copy(fixture, work / f"v{version}" / "template.sqlite3")
                self.templates.append(template)
                self.before[template] = digest_of(template)

    def operation(self, db: Path, _channel: Channel) -> None:
        open_database(db, backups_dir=db.parent / "backups").dispose()  # closing checkpoints the grown schema

    def reference(self, template: Path) -> float:
        duration, reference = measure(self.operation, template, template.parent)
        self.after[template] = digest_of(reference)
        return duration

    def check(self, db: Path, _report: Report) -> TrialResult:
        result = TrialResult(index=0, delay=0.0, outcome="")
        template = db.parent / "template.sqlite3"
        old = int(db.parent.name.removeprefix("v"))
        raw = db.with_name("as-killed.sqlite3")  # looked at on a copy: the next start must meet the file as it was
        for suffix in ("", "-wal", "-shm"):
            Path(f"{raw}{suffix}").unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            if Path(f"{db}{suffix}").exists():
                shutil.copyfile(f"{db}{suffix}", f"{raw}{suffix}")
        with connect(raw) as conn:
            result.problems += integrity_problems(conn)
            found = version_of(conn)
            digest = content_digest(conn)
        result.outcome = f"v{old}->v{found}"
        if not old <= found <= SCHEMA_VERSION:
            result.problems.append(f"version {found} after a kill upgrading v{old}")
        elif objects(raw) != self.schemas[found]:
            result.problems.append(f"at v{found} the schema is not v{found}'s: {objects(raw) ^ self.schemas[found]}")
        elif found == old and digest != self.before[template]:
            result.problems.append(f"still v{old} but its rows changed")
        result.problems += next_start_problems(db)
        if result.problems:
            return result
        with connect(db) as conn:
            result.problems += integrity_problems(conn)
            result.problems += ledger_problems(conn)
            if version_of(conn) != SCHEMA_VERSION or content_digest(conn) != self.after[template]:
                result.problems.append("reopening did not complete the upgrade to the rows an uninterrupted one gives")
        result.problems += backup_problems(db.parent / "backups", old)
        return result


def backup_problems(backups: Path, old: int) -> list[str]:
    problems = []
    for leftover in sorted(backups.glob("*.part")):
        problems.append(f"a half-written copy is left in backups/: {leftover.name}")
    for copy in sorted(backups.glob("pre-migrate-*.sqlite3")):
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = version_of(conn)
        finally:
            conn.close()
        if check != "ok" or not old <= version < SCHEMA_VERSION:
            problems.append(f"pre-migration copy {copy.name}: quick_check {check}, version {version}")
    return problems


def run_migration(work: Path, fixtures: Path, trials: int, rng: random.Random) -> tuple[float, list[TrialResult]]:
    scenario = MigrationScenario(work, fixtures)
    results: list[TrialResult] = []
    durations = []
    count = len(scenario.templates)
    for n, template in enumerate(scenario.templates):
        share = trials // count + (1 if n < trials % count else 0)
        duration = scenario.reference(template)
        durations.append(duration)

        def clean(_index: int, template: Path = template) -> Path:
            for old in (template.parent / "backups").glob("*"):
                old.unlink()
            return template

        for result in trial_loop(scenario.operation, scenario.check, clean, duration, share, rng):
            result.index = len(results)
            results.append(result)
    return max(durations), results
