"""A loopback HTTP server for the network and machine probe tests: it takes POST bodies (chunked or with a length)
at a throttled rate, answers GET/HEAD with a Date header that can be shifted, and a refused port beside it."""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PIECE = 4096  # bytes read between sleeps: at 2 Mbit/s a sleep of 16 ms


@dataclass
class ServerState:
    rate_mbps: float = 2.0  # how fast the handler reads a POST body
    clock_shift_s: float = 0.0  # added to the real time in the Date header
    status: int = 200
    received: list[int] = field(default_factory=list)  # body bytes of each finished POST


class _Handler(BaseHTTPRequestHandler):
    server: _ProbeServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a line per request would drown the output of a failing test."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(time.time() + self.server.state.clock_shift_s, usegmt=True)

    def do_GET(self) -> None:
        self._answer(b"ok")

    def do_HEAD(self) -> None:
        self._answer(b"")

    def do_POST(self) -> None:
        throttle = _Throttle(self.server.state.rate_mbps)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            received = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                received += throttle.read(self.rfile, size)
                self.rfile.readline()
        else:
            received = throttle.read(self.rfile, int(self.headers.get("Content-Length", "0")))
        self.server.state.received.append(received)
        self._answer(b"ok")

    def _answer(self, body: bytes) -> None:
        self.send_response(self.server.state.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(body)


class _Throttle:
    """Reads at ``rate_mbps`` by sleeping until each piece is due: the sleeps are the point of the test server."""

    def __init__(self, rate_mbps: float) -> None:
        self.bytes_per_second = rate_mbps * 1_000_000 / 8
        self.started: float | None = None
        self.total = 0

    def read(self, stream: object, size: int) -> int:
        left = size
        while left:
            piece = stream.read(min(_PIECE, left))  # type: ignore[attr-defined]
            if not piece:
                break
            if self.started is None:
                self.started = time.perf_counter()
            left -= len(piece)
            self.total += len(piece)
            due = self.started + self.total / self.bytes_per_second
            time.sleep(max(0.0, due - time.perf_counter()))
        return size - left


class _ProbeServer(ThreadingHTTPServer):
    daemon_threads = True
    # The latency probe opens and drops connections faster than one accept per poll; with the default queue of 5
    # a SYN is dropped now and then and its retransmit, a second later, reads as jitter.
    request_queue_size = 128

    def __init__(self, state: ServerState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


@dataclass(frozen=True)
class RunningServer:
    state: ServerState
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/upload"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


@contextmanager
def probe_server(state: ServerState | None = None) -> Iterator[RunningServer]:
    server = _ProbeServer(state or ServerState())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield RunningServer(server.state, server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released): connects to it are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def silent_port() -> Iterator[int]:
    """A loopback port whose listen queue is full, so a new connect is never answered (SYNs are dropped), as with
    a host behind a firewall that drops packets. Yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    for _ in range(4):  # Linux queues backlog + 1 connections; the spare ones wait in SYN_SENT and block nothing
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
