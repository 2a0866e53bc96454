"""Crash scenarios around copies of the database (see crash_scenarios.py), on a shop of about 8 MB:

- close: the automatic snapshot the app takes when it closes (Backups.auto_snapshot), killed at random moments —
  the battery dies while the laptop closes. After the kill the database is unchanged, every automatic copy in
  backups/ is whole (quick_check ok, the database's rows), and the next close leaves no part file behind.
- restore: File → Restore (Backups.restore) of a backup holding other rows, killed at random moments. After the kill
  the database file is there, whole, holding either its own rows or the backup's; every replaced copy kept in
  backups/ is whole with the old rows; the next start opens it; restoring again works and leaves no hidden
  incoming file beside the database.
"""

from __future__ import annotations

import random
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
    integrity_problems,
    measure,
)

from streamdesk.core.backup import Backups
from streamdesk.db import open_database

SUPPLIERS = 4000  # rows of 2 kB: a database of about 8 MB, so a copy takes long enough to be killed inside


def make_shop(path: Path, suppliers: int, tag: str) -> Path:
    open_database(path).dispose()
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO suppliers (name, contact, notes, created_at, updated_at)"
            " VALUES (?, '', ?, '2026-01-05 12:00:00.000000', '2026-01-05 12:00:00.000000')",
            [(f"{tag} supplier {n}", f"{tag} {n} " * 200) for n in range(suppliers)],
        )
        conn.execute("COMMIT")
    return path


def whole_copy_problems(copy: Path, digest: str) -> list[str]:
    """A copy with its final name is whole: quick_check ok and exactly the rows it copied."""
    try:
        with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            same = content_digest(conn) == digest
    except sqlite3.DatabaseError as exc:
        return [f"{copy.name} ({copy.stat().st_size} bytes) is not a whole copy: {exc}"]
    return [] if check == "ok" and same else [f"{copy.name}: quick_check {check}, the database's rows: {same}"]


class CloseScenario:
    def __init__(self, work: Path) -> None:
        self.template = make_shop(work / "close-template.sqlite3", SUPPLIERS, "old")
        self.digest = digest_of(self.template)

    @staticmethod
    def backups(db: Path) -> Backups:
        return Backups(db, backups_dir=db.parent / "backups")

    def operation(self, db: Path, _channel: Channel) -> None:
        self.backups(db).auto_snapshot()

    def check(self, db: Path, _report: Report) -> TrialResult:
        folder = db.parent / "backups"
        copies = sorted(folder.glob(f"{db.stem}.auto-*.sqlite3"))
        result = TrialResult(index=0, delay=0.0, outcome="copied" if copies else "not copied")
        with connect(db) as conn:
            result.problems += integrity_problems(conn)
            if content_digest(conn) != self.digest:
                result.problems.append("the snapshot changed the database")
        for copy in copies:
            result.problems += whole_copy_problems(copy, self.digest)
        self.backups(db).auto_snapshot()  # the next close
        left = sorted(path.name for path in folder.iterdir() if ".part" in path.name)
        if left:
            result.problems.append(f"part files left after the next close: {left}")
        return result


class RestoreScenario:
    def __init__(self, work: Path) -> None:
        self.template = make_shop(work / "restore-template.sqlite3", SUPPLIERS, "old")
        self.source = make_shop(work / "incoming" / "shop.backup.streamdesk", SUPPLIERS // 2, "new")
        self.old, self.new = digest_of(self.template), digest_of(self.source)

    def operation(self, db: Path, _channel: Channel) -> None:
        Backups(db, backups_dir=db.parent / "backups").restore(self.source)

    def check(self, db: Path, _report: Report) -> TrialResult:
        result = TrialResult(index=0, delay=0.0, outcome="")
        if not db.exists():
            result.problems.append("the database file is gone")
            return result
        result.problems += next_start_problems(db)
        with connect(db) as conn:
            result.problems += integrity_problems(conn)
            digest = content_digest(conn)
        result.outcome = {self.old: "old", self.new: "new"}.get(digest, "neither")
        if result.outcome == "neither":
            result.problems.append("the database holds neither its own rows nor the backup's")
        for copy in sorted((db.parent / "backups").glob(f"{db.stem}.replaced-*.sqlite3")):
            result.problems += whole_copy_problems(copy, self.old)
        Backups(db, backups_dir=db.parent / "backups").restore(self.source)  # the user tries again
        if digest_of(db) != self.new:
            result.problems.append("restoring again did not give the backup's rows")
        left = sorted(path.name for path in db.parent.glob(f".{db.name}.restoring-*"))
        if left:
            result.problems.append(f"hidden incoming files left beside the database: {left}")
        return result


def run_backups(work: Path, kind: str, trials: int, rng: random.Random) -> tuple[float, list[TrialResult]]:
    scenario = CloseScenario(work) if kind == "close" else RestoreScenario(work)

    def template_for(_index: int) -> Path:
        """The template, with the copies and leftovers of the trial before gone: each trial stands alone."""
        for leftover in (*(work / "backups").glob("*"), *work.glob(".trial.sqlite3.restoring-*")):
            leftover.unlink()
        return scenario.template

    template_for(0)
    duration, _ = measure(scenario.operation, scenario.template, work)
    return duration, trial_loop(scenario.operation, scenario.check, template_for, duration, trials, rng)
