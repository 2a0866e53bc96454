"""One StreamDesk per database file.

The first instance holds a QLockFile named after a hash of the database path and listens on a QLocalServer of
the same name. A second launch on that database finds the lock taken, connects, sends "raise" and exits: the
first instance brings its window to the front. A launch for a backup file (a double-clicked ``.streamdesk``)
sends "open-backup <path>" instead, and the first instance offers that backup. A lock whose owner died is stale and QLockFile takes it over
(it checks the PID); a lock held by a live process that does not answer means the file is open elsewhere.
"""

from __future__ import annotations

import hashlib
import logging
import os
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE_REQUEST = b"raise\n"
RAISE_REPLY = b"raised\n"
OPEN_BACKUP_REQUEST = b"open-backup "  # followed by the file's path in UTF-8 and a newline
CONNECT_TIMEOUT_MS = 1000
REPLY_TIMEOUT_MS = 3000


class Claim(StrEnum):
    OURS = "ours"  # we hold the lock and listen for later launches
    RAISED_OTHER = "raised_other"  # another instance has this database open and brought its window forward
    HELD_ELSEWHERE = "held_elsewhere"  # locked, but nobody answered: open in a process we cannot reach


def instance_key(database: str, lock_dir: Path) -> str:
    """Same database (however it was spelled) → same key; another user or STREAMDESK_HOME → another key."""
    target = database if "://" in database else os.path.normcase(str(Path(database).expanduser().resolve()))
    digest = hashlib.sha256(f"{lock_dir.resolve()}\0{target}".encode()).hexdigest()
    return digest[:24]


class SingleInstance(QObject):
    raise_requested = Signal()
    backup_open_requested = Signal(object)  # Path

    def __init__(
        self, database: str, lock_dir: Path, parent: QObject | None = None, *, reply_timeout_ms: int = REPLY_TIMEOUT_MS
    ) -> None:
        super().__init__(parent)
        self._reply_timeout_ms = reply_timeout_ms
        self.key = instance_key(database, lock_dir)
        lock_dir.mkdir(parents=True, exist_ok=True)
        self.lock_path = lock_dir / f"{self.key}.lock"
        self.server_name = f"streamdesk-{self.key}"
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # never stale by age: only a dead owner's lock is taken over
        self._server: QLocalServer | None = None

    def claim(self, open_backup: Path | None = None) -> Claim:
        """Take the database, or hand the launch over to the instance that has it (``open_backup``: ask it to
        offer that backup file too)."""
        if self._lock.tryLock(100):
            self._listen()
            return Claim.OURS
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            log.error("cannot create lock file %s (%s)", self.lock_path, self._lock.error())
            return Claim.HELD_ELSEWHERE
        request = RAISE_REQUEST
        if open_backup is not None:
            request = OPEN_BACKUP_REQUEST + str(Path(open_backup).resolve()).encode() + b"\n"
        return Claim.RAISED_OTHER if self._ask_owner(request) else Claim.HELD_ELSEWHERE

    def owner_pid(self) -> int | None:
        info = self._lock.getLockInfo()  # PySide returns (pid, hostname, appname); a falsy pid when unreadable
        pid = info[0] if isinstance(info, tuple) and info else 0
        return int(pid) if pid else None

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        QLocalServer.removeServer(self.server_name)  # a socket file left by a crashed owner (we hold the lock now)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            # Still the only instance (we hold the lock); later launches will say the file is open elsewhere.
            log.warning("single-instance server %s not listening: %s", self.server_name, server.errorString())
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _ask_owner(self, request: bytes) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.info("lock %s held by pid %s, which does not answer", self.lock_path, self.owner_pid())
            return False
        socket.write(request)
        socket.flush()
        reply = b""
        while RAISE_REPLY not in reply and socket.waitForReadyRead(self._reply_timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return RAISE_REPLY in reply

    @Slot()
    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda socket=socket: self._on_request(socket))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_request(socket)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request == RAISE_REQUEST:
            log.info("another launch on this database: raising the window")
            self.raise_requested.emit()
        elif request.startswith(OPEN_BACKUP_REQUEST) and request.endswith(b"\n"):
            path = Path(request[len(OPEN_BACKUP_REQUEST) : -1].decode(errors="replace"))
            log.info("another launch on this database opened the backup %s", path)
            self.raise_requested.emit()
            self.backup_open_requested.emit(path)
        else:
            return
        socket.write(RAISE_REPLY)
        socket.flush()
