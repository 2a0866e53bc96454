"""Bounded, cancellable socket plumbing for the network and machine probes (no Qt).

The standard library's blocking calls cannot be given a deadline everywhere: ``getaddrinfo`` takes no timeout at
all (a dead resolver holds it for 5-30 s), and ``socket.create_connection`` bounds the connect but not the name
lookup in front of it. So names are resolved on daemon threads that the caller stops waiting for, and connects are
non-blocking sockets polled in short slices, checking the CancelToken between slices.
"""

from __future__ import annotations

import errno
import http.client
import queue
import selectors
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from streamdesk.core.jobs import CancelToken

SLICE = 0.1  # seconds: the longest a probe waits before looking at its CancelToken again
_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, 10035}  # 10035: WSAEWOULDBLOCK on Windows

SockAddr = tuple[str, int] | tuple[str, int, int, int]


class Unreachable(OSError):
    """A name did not resolve, or a host did not accept a connection, within the timeout."""


@dataclass(frozen=True, slots=True)
class Resolved:
    ms: float  # how long the lookup took
    family: int
    address: str  # the first IPv4 address when there is one (IPv6 without a route fails at once), else the first


@dataclass(frozen=True, slots=True)
class Target:
    """A "host:port" text taken apart; ``[::1]:443`` for IPv6 literals. Without a port, 443."""

    text: str
    host: str
    port: int


def parse_target(text: str) -> Target | None:
    """None when the text is not "host", "host:port" or "[v6]:port" with a port in 1-65535."""
    text = text.strip()
    host, port = text, "443"
    if text.startswith("["):
        inside, bracket, rest = text[1:].partition("]")
        host = inside
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:] or "443"
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return Target(text=text, host=host, port=int(port))


def resolve_many(hosts: Iterable[str], timeout: float, cancel: CancelToken | None = None) -> dict[str, Resolved | None]:
    """Resolve every name at once on daemon threads; a name still unresolved after ``timeout`` seconds is None.

    A lookup that outlives the timeout keeps its thread until the resolver gives up; nothing waits for it.
    """
    names = list(dict.fromkeys(hosts))
    answers: queue.SimpleQueue[tuple[str, Resolved | None]] = queue.SimpleQueue()
    for name in names:
        threading.Thread(target=_lookup, args=(name, answers), name=f"dns {name}", daemon=True).start()
    results: dict[str, Resolved | None] = dict.fromkeys(names)
    pending = set(names)
    deadline = time.monotonic() + timeout
    while pending:
        if cancel is not None:
            cancel.raise_if_set()
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            name, answer = answers.get(timeout=min(SLICE, left))
        except queue.Empty:
            continue
        results[name] = answer
        pending.discard(name)
    return results


def _lookup(name: str, answers: queue.SimpleQueue[tuple[str, Resolved | None]]) -> None:
    started = time.perf_counter()
    try:
        infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # gaierror is an OSError; an over-long label is a UnicodeError from idna
        answers.put((name, None))
        return
    ms = (time.perf_counter() - started) * 1000
    usable = [info for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not usable:
        answers.put((name, None))
        return
    family, _, _, _, sockaddr = next((i for i in usable if i[0] == socket.AF_INET), usable[0])
    answers.put((name, Resolved(ms=ms, family=family, address=str(sockaddr[0]))))


def _sockaddr(resolved: Resolved, port: int) -> SockAddr:
    return (resolved.address, port) if resolved.family == socket.AF_INET else (resolved.address, port, 0, 0)


def connect_round(
    targets: Sequence[tuple[Resolved, int]],
    timeout: float,
    cancel: CancelToken | None = None,
    *,
    send_buffer: int | None = None,
) -> list[tuple[float, socket.socket] | None]:
    """Start a TCP connect to every (address, port) at once; for each, (connect ms, connected socket) or None.

    The sockets come back non-blocking; the caller closes them. None: refused, unreachable or not answered within
    ``timeout`` seconds. ``send_buffer`` caps SO_SNDBUF before connecting (the upload test's buffering).
    """
    results: list[tuple[float, socket.socket] | None] = [None] * len(targets)
    selector = selectors.DefaultSelector()
    started: dict[int, float] = {}
    try:
        for index, (resolved, port) in enumerate(targets):
            sock = socket.socket(resolved.family, socket.SOCK_STREAM)
            if send_buffer is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
            sock.setblocking(False)
            started[index] = time.perf_counter()
            error = sock.connect_ex(_sockaddr(resolved, port))
            if error == 0:
                results[index] = ((time.perf_counter() - started[index]) * 1000, sock)
            elif error in _IN_PROGRESS:
                selector.register(sock, selectors.EVENT_WRITE, index)
            else:
                sock.close()
        deadline = time.monotonic() + timeout
        while selector.get_map():
            if cancel is not None and cancel.is_set:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for key, _ in selector.select(min(SLICE, left)):
                index = key.data
                ended = time.perf_counter()
                sock = key.fileobj  # type: ignore[assignment]
                selector.unregister(sock)
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    results[index] = ((ended - started[index]) * 1000, sock)
                else:
                    sock.close()
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        selector.close()
    if cancel is not None and cancel.is_set:
        for result in results:
            if result is not None:
                result[1].close()
        cancel.raise_if_set()
    return results


def connect_http(
    url: str, timeout: float, cancel: CancelToken | None = None, *, send_buffer: int | None = None
) -> tuple[http.client.HTTPConnection, str]:
    """An open HTTP(S) connection to ``url`` and the path to request; the name lookup, the connect and the TLS
    handshake are each bounded by ``timeout`` seconds. Raises Unreachable (an OSError) or ValueError (not a URL)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    resolved = resolve_many([host], timeout, cancel)[host]
    if resolved is None:
        raise Unreachable(f"{host} did not resolve")
    (connected,) = connect_round([(resolved, port)], timeout, cancel, send_buffer=send_buffer)
    if connected is None:
        raise Unreachable(f"{host}:{port} did not answer")
    sock: socket.socket = connected[1]
    sock.settimeout(timeout)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        context = ssl.create_default_context()
        try:
            sock = context.wrap_socket(sock, server_hostname=host)
        except OSError:
            sock.close()
            raise
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    connection.sock = sock  # already connected: http.client only connects when it has no socket
    path = parts.path or "/"
    return connection, f"{path}?{parts.query}" if parts.query else path


def wait_readable(sock: socket.socket, timeout: float, cancel: CancelToken | None = None) -> bool:
    """True once ``sock`` has something to read (a response), False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ)
        while True:
            if cancel is not None:
                cancel.raise_if_set()
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if selector.select(min(SLICE, left)):
                return True
