"""Full disks and read-only folders for test_storage_failures.py, made without touching the machine's own disks.

A full disk, two ways (tests run each way that this machine allows):
- ``fsize``: the child process gets RLIMIT_FSIZE with SIGXFSZ ignored, so a write past the limit fails with EFBIG
  (SQLite calls that SQLITE_IOERR). Works everywhere, as any user.
- ``tmpfs``: a real small filesystem mounted on the folder, filled with a preallocated file until only the bytes
  asked for are free: writes fail with ENOSPC, SQLite says SQLITE_FULL. Needs root and mount (CI runs as root).

A read-only folder, two ways:
- ``ro-bind``: the folder bind-mounted read-only over itself (EROFS, as a locked SD card or a read-only share); root.
- ``chmod``: the folder and its files lose their write bits (EACCES). Root ignores modes, so as root (CI) every child
  first gives up CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER (``obey_file_modes``): no mount needed.

Children are real processes: the CLI (``python -m streamdesk``), or a fork of the test process for core calls, so
the limits never reach pytest itself.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import os
import pickle
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FSIZE, TMPFS = "fsize", "tmpfs"
RO_BIND, RO_CHMOD = "ro-bind", "chmod"
TMPFS_BYTES = 32 * 1024 * 1024
LEFTOVER_PATTERNS = ("*.part", "*.partial", ".settings-*", "*.restoring-*", ".*.part", ".chart-*")
CLI_TIMEOUT = 120


def _quiet(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@functools.cache
def can_mount() -> bool:
    """Whether this process may mount (root with CAP_SYS_ADMIN, outside a locked-down container)."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(tempfile.mkdtemp(prefix="storage-mount-probe-"))
    try:
        if not _quiet("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)):
            return False
        _quiet("umount", str(probe))
        return True
    finally:
        probe.rmdir()


def full_disk_kinds() -> list[Any]:
    import pytest

    reason = "mounting a tmpfs needs root on Linux with mount allowed"
    return [FSIZE, pytest.param(TMPFS, marks=pytest.mark.skipif(not can_mount(), reason=reason))]


def read_only_kinds() -> list[Any]:
    import pytest

    bind = "a read-only bind mount needs root on Linux with mount allowed"
    chmod = "file modes: POSIX, and as root Linux (the children give up the capabilities that ignore modes)"
    no_modes = os.name != "posix" or (os.geteuid() == 0 and sys.platform != "linux")
    return [
        pytest.param(RO_BIND, marks=pytest.mark.skipif(not can_mount(), reason=bind)),
        pytest.param(RO_CHMOD, marks=pytest.mark.skipif(no_modes, reason=chmod)),
    ]


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


_CAP_VERSION_3 = 0x20080522  # linux/capability.h
_PR_CAPBSET_DROP = 24
_FILE_MODE_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def obey_file_modes() -> None:
    """In a child running as root (CI): give up the capabilities that let root ignore file modes, so a folder without
    write bits is read-only to it as to any user. Dropped from the bounding set too, so an exec keeps them dropped.
    Files the test made stay readable: they belong to root, and the child is still root, the owner."""
    if sys.platform != "linux" or os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _FILE_MODE_OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    keep = ~sum(1 << cap for cap in _FILE_MODE_OVERRIDES) & 0xFFFFFFFF
    data[0].effective &= keep
    data[0].permitted &= keep
    data[0].inheritable &= keep
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def child_preexec(limit: int | None) -> None:
    """What every command's child does first: obey file modes, then the file-size limit if one is asked for."""
    obey_file_modes()
    if limit is not None:
        _limit_file_size(limit)


@dataclass
class Disk:
    """A folder that can be made (almost) full: ``fill(free)`` leaves ``free`` bytes for the children run after it."""

    kind: str
    folder: Path
    limit: int | None = None  # fsize: the children's RLIMIT_FSIZE

    def fill(self, free: int) -> None:
        if self.kind == FSIZE:
            self.limit = free
            return
        filler = self.folder / "filler.bin"
        stats = os.statvfs(self.folder)
        available = stats.f_bavail * stats.f_frsize
        fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            os.posix_fallocate(fd, 0, max(available - free, 4096))
        finally:
            os.close(fd)

    def free_again(self) -> None:
        """After the child: room again, so the checks (and a reopen) can write -shm files and checkpoints."""
        self.limit = None
        (self.folder / "filler.bin").unlink(missing_ok=True)

    def preexec(self) -> Callable[[], None] | None:
        if self.limit is None:
            return None
        return functools.partial(_limit_file_size, self.limit)


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of the process dying
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@contextmanager
def disk(kind: str, folder: Path) -> Iterator[Disk]:
    folder.mkdir(parents=True, exist_ok=True)
    if kind == TMPFS:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES},mode=0755", "tmpfs", str(folder)], check=True
        )
    try:
        yield Disk(kind, folder)
    finally:
        if kind == TMPFS:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only(kind: str, folder: Path) -> Iterator[None]:
    """``folder`` (and everything in it) read-only while the block runs."""
    if kind == RO_BIND:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    modes = {path: path.stat().st_mode & 0o7777 for path in (folder, *folder.rglob("*"))}
    for path, mode in sorted(modes.items(), key=lambda item: len(item[0].parts), reverse=True):
        path.chmod(mode & ~0o222)
    try:
        yield
    finally:
        for path, mode in sorted(modes.items(), key=lambda item: len(item[0].parts)):
            path.chmod(mode)


def cli(home: Path, db: Path, *args: str, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m streamdesk --lang en --db DB ARGS`` (its home, and with it its log, on the normal disk)."""
    env = {**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STREAMDESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", "en", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=CLI_TIMEOUT,
        preexec_fn=functools.partial(child_preexec, fsize),
        check=False,
    )


class Zygote:
    """storage_zygote.py, started once: ``cli(...)`` and ``gui(...)`` run one command each in a fresh fork of it."""

    def __init__(self, scratch: Path) -> None:
        self._scratch = scratch
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("storage_zygote.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        self._count = 0

    def _ask(self, mode: str, argv: list[str], home: Path, fsize: int | None) -> subprocess.CompletedProcess[str]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._count += 1
        out = self._scratch / f"run-{self._count}"
        out.mkdir(parents=True)
        env = {"STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        request = {"mode": mode, "argv": argv, "env": env, "fsize": fsize, "out": str(out)}
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        assert line, "the zygote died"
        reply = json.loads(line)
        return subprocess.CompletedProcess(argv, reply["code"], reply["stdout"], reply["stderr"])

    def cli(self, home: Path, db: Path, *args: str, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
        """``streamdesk --lang en --db DB ARGS`` in a fork (home, and with it the log, on the normal disk)."""
        return self._ask("cli", ["--lang", "en", "--db", str(db), *args], home, fsize)

    def gui(self, home: Path, *argv: str, fsize: int | None = None) -> dict[str, str]:
        done = self._ask("gui", list(argv), home, fsize)
        assert done.returncode == 0, done.stderr
        result: dict[str, str] = json.loads(done.stdout.splitlines()[-1])
        return {**result, "stderr": done.stderr}

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)


def in_child(call: Callable[[], Any], preexec: Callable[[], None] | None = None) -> tuple[str, Any]:
    """Run ``call`` in a fork of this process (after ``preexec``): ("ok", result) or ("raised", (type name, code,
    fields, text)). The parent holds no SQLite connection across the fork: the call opens its own."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(reader)
        status = 0
        try:
            if preexec is not None:
                preexec()
            try:
                outcome: tuple[str, Any] = ("ok", call())
            except BaseException as error:  # the child reports everything, tracebacks included, to the parent
                outcome = (
                    "raised",
                    (
                        type(error).__name__,
                        getattr(error, "code", None),
                        dict(getattr(error, "fields", {}) or {}),
                        "".join(traceback.format_exception(error)),
                    ),
                )
            with os.fdopen(writer, "wb") as out:
                pickle.dump(outcome, out)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as incoming:
        data = incoming.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the child died without a report"
    result: tuple[str, Any] = pickle.loads(data)
    return result


def content_digest(db: Path) -> str:
    """A hash of every row of every table (through the WAL, if any): equal digests mean the data did not change."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table.startswith("sqlite_") or "_fts" in table:
                continue  # FTS shadow tables follow the variants table; integrity_check covers them
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def scalar(db: Path, sql: str) -> Any:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def leftovers(*folders: Path) -> list[Path]:
    """Temporary files a writer should have removed or renamed (``.part``, ``.partial``, settings temp files)."""
    found: set[Path] = set()
    for folder in folders:
        if folder.is_dir():
            for pattern in LEFTOVER_PATTERNS:
                found.update(folder.rglob(pattern))
    return sorted(found)
