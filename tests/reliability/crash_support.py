"""The fork-and-kill harness of the crash-safety trials (test_crash_safety.py, scenarios in crash_scenarios.py).

One parent process pays the Python, SQLAlchemy and StreamDesk imports once, then for every trial copies a template
database, ``os.fork()``s a child that builds its own engine and runs the operation, and sends the child SIGKILL
after a delay drawn so the kills spread over the whole operation (stratified over 0 … 1.25 × its measured
duration, in a seeded random order). The parent never holds an open SQLite connection or thread across a fork.

The child speaks through a pipe: ``S`` when the operation starts, ``O <text>`` lines for what it committed (live
capture), ``D`` when the operation returned. The checks read the files with the standard library's sqlite3.
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import shutil
import signal
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 60.0  # seconds for a child to say it started
KILL_SPREAD = 1.25  # kills land over 0 … 1.25 × the operation's duration: some after it finished


@dataclass
class Report:
    """What a child said before it died, and how it ended."""

    lines: list[str]
    finished: bool  # it wrote D: the operation returned before the kill
    status: int  # waitpid status
    started_at: float = 0.0
    ended_at: float = 0.0

    @property
    def killed(self) -> bool:
        return os.WIFSIGNALED(self.status) and os.WTERMSIG(self.status) == signal.SIGKILL

    @property
    def failed(self) -> bool:
        """The child ended by itself with an error (a traceback went to stderr)."""
        return os.WIFEXITED(self.status) and os.WEXITSTATUS(self.status) != 0


@dataclass
class TrialResult:
    index: int
    delay: float
    outcome: str  # e.g. "absent", "present", "v3", "orders=17"
    problems: list[str] = field(default_factory=list)


Operation = Callable[[Path, "Channel"], None]


class Channel:
    """The child's end of the pipe."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def say(self, text: str) -> None:
        os.write(self.fd, f"O {text}\n".encode())


def _child(operation: Operation, db: Path, fd: int) -> None:
    code = 0
    try:
        os.write(fd, b"S\n")
        operation(db, Channel(fd))
        os.write(fd, b"D\n")
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        code = 3
    os._exit(code)


def _read_line(fd: int, timeout: float) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError("the child said nothing")
        chunk = os.read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data


def _read_until(fd: int, deadline: float) -> bytes:
    """What the child says until ``deadline`` (perf_counter) or until it ends, whichever comes first."""
    data = b""
    while (left := deadline - time.perf_counter()) > 0:
        if select.select([fd], [], [], left)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:  # the child ended: no need to wait out the delay
                break
            data += chunk
    return data


def run_child(operation: Operation, db: Path, delay: float | None) -> Report:
    """Fork a child running ``operation(db)``; SIGKILL it ``delay`` seconds after it starts (None: let it end)."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(operation, db, write_fd)
    os.close(write_fd)
    try:
        first = _read_line(read_fd, START_TIMEOUT)
        started = time.perf_counter()
        rest = b""
        if delay is not None and first == b"S\n":
            rest = _read_until(read_fd, started + delay)
            os.kill(pid, signal.SIGKILL)  # a child that ended already is a zombie until waitpid: no other pid
        _, status = os.waitpid(pid, 0)
        ended = time.perf_counter()
        while chunk := os.read(read_fd, 65536):
            rest += chunk
    finally:
        os.close(read_fd)
    lines = rest.decode().splitlines()
    return Report(
        lines=[line[2:] for line in lines if line.startswith("O ")],
        finished="D" in lines,
        status=status,
        started_at=started,
        ended_at=ended,
    )


def measure(operation: Operation, template: Path, work: Path, runs: int = 3) -> tuple[float, Path]:
    """The operation's duration (the shortest of ``runs`` unkilled runs on copies of ``template``: a busy machine
    only ever makes a run longer); returns it with the database the last run left (the reference for "fully
    present")."""
    durations = []
    reference = work / f"reference-{template.stem}.sqlite3"
    for _ in range(runs):
        fresh_copy(template, reference)
        report = run_child(operation, reference, None)
        if not report.finished or report.failed:
            raise RuntimeError(f"the operation failed without a kill on {template}")
        durations.append(report.ended_at - report.started_at)
    return min(durations), reference


def kill_delays(duration: float, trials: int, rng: random.Random) -> list[float]:
    """One delay per trial, stratified over 0 … KILL_SPREAD × duration, in a random order."""
    span = duration * KILL_SPREAD
    delays = [span * (k + rng.random()) / trials for k in range(trials)]
    rng.shuffle(delays)
    return delays


def fresh_copy(template: Path, dest: Path) -> Path:
    """``dest`` as a copy of ``template``, or absent if there is no template (a database not made yet)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    if template.exists():
        shutil.copyfile(template, dest)
    return dest


@contextmanager
def connect(db: Path) -> Iterator[sqlite3.Connection]:
    """A read/write connection (a crashed WAL file needs one to be recovered); closed afterwards."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        problems.append(f"integrity_check: {result[:5]}")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(f"foreign_key_check: {broken[:5]}")
    return problems


def ledger_problems(conn: sqlite3.Connection) -> list[str]:
    """variants.on_hand against SUM(stock_moves.quantity), as Catalogue.ledger_mismatches compares them."""
    rows = conn.execute(
        "SELECT v.sku_code, v.on_hand, COALESCE(m.total, 0) FROM variants v"
        " LEFT JOIN (SELECT variant_id, SUM(quantity) AS total FROM stock_moves GROUP BY variant_id) m"
        " ON m.variant_id = v.id WHERE v.on_hand != COALESCE(m.total, 0)"
    ).fetchall()
    return [f"stock != ledger for {sku}: on_hand {cached}, moves {total}" for sku, cached, total in rows[:5]]


def content_digest(conn: sqlite3.Connection) -> str:
    """A hash of every table's rows (schema_info included), independent of the journal mode and page layout."""
    digest = hashlib.sha256()
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"  # a virtual table's rows live in real ones
        )
    ]
    for name in names:
        digest.update(name.encode())
        try:
            rows = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
        except sqlite3.OperationalError:  # WITHOUT ROWID
            rows = conn.execute(f'SELECT * FROM "{name}" ORDER BY 1')
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def digest_of(db: Path) -> str:
    with connect(db) as conn:
        return content_digest(conn)
