"""Network probe: DNS resolution time, TCP connect latency and jitter, upload throughput; and its verdict (no Qt).

Every call is bounded by its timeout and looks at its CancelToken at least every 0.1 s, so a dead network fails in
about one timeout instead of hanging a worker thread. Latency is the TCP handshake time (one round trip, no ICMP:
pinging needs privileges on Linux and is often filtered), measured to every host at once in each round.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import os
import socket
import statistics
import time
from collections.abc import Generator, Sequence
from itertools import pairwise
from typing import TypeVar
from urllib.parse import urlsplit

from streamdesk.config import PreflightSettings
from streamdesk.core.jobs import CancelToken, Progress, run_to_end
from streamdesk.core.preflight_types import Measured, NetworkResult, ProbeOutcome
from streamdesk.core.probes.sockets import (
    SLICE,
    Resolved,
    Target,
    connect_http,
    connect_round,
    parse_target,
    resolve_many,
    wait_readable,
)
from streamdesk.models.base import CheckStatus

ATTEMPTS = 5  # connects per host: enough for a median and a jitter, about a second on a normal line
_CHUNK = 16 * 1024  # body bytes per chunked-encoding frame
# The upload is timed until the server answers, so whatever still sits in buffers when sending stops is counted
# only once it has arrived. A small send buffer keeps that tail short (on Linux the kernel doubles this figure);
# left to autotune, loopback buffers hold megabytes, seconds of a 2 Mbit/s line.
_SEND_BUFFER = 64 * 1024
T = TypeVar("T")


def dns_time(host: str, timeout: float, cancel: CancelToken | None = None) -> float | None:
    """Milliseconds to resolve ``host``; None when it did not resolve within ``timeout`` seconds."""
    resolved = resolve_many([host], timeout, cancel)[host]
    return None if resolved is None else resolved.ms


def tcp_latency(
    hosts: Sequence[str], attempts: int, timeout: float, cancel: CancelToken
) -> tuple[float | None, float | None, tuple[str, ...]]:
    """(median connect ms, jitter ms, failures) over "host:port" targets; jitter is None with fewer than two
    connects to one host. Failures read "dns:HOST" or "tcp:HOST:PORT". Takes at most one name lookup timeout
    plus ``attempts`` connect timeouts, and only one connect timeout when nothing answers."""
    return run_to_end(_latency(hosts, attempts, timeout, cancel, resolved=None))


def upload_throughput(url: str, seconds: float, timeout: float, cancel: CancelToken) -> float | None:
    """Mbit/s of a streamed POST to ``url`` for ``seconds``, timed until the server's answer; None when the
    server cannot be reached, stalls for ``timeout`` seconds, does not answer within ``timeout`` after the body,
    or answers with an error status. Raises Cancelled when ``cancel`` is set."""
    return run_to_end(_upload(url, seconds, timeout, cancel))


def network_probe(settings: PreflightSettings, cancel: CancelToken) -> Generator[Progress, None, NetworkResult]:
    """DNS, latency and (when ``settings.upload_url`` is set) upload, with progress staged as
    "preflight.network.dns", "….latency", "….upload". Offline, it ends after about one timeout."""
    timeout = settings.probe_timeout_seconds
    url = settings.upload_url.strip()
    upload_steps = math.ceil(settings.upload_seconds) if url else 0
    total = 1 + ATTEMPTS + upload_steps
    targets = [parse_target(text) for text in settings.latency_hosts]
    names = [t.host for t in targets if t is not None]
    upload_host = _url_host(url) if url else None
    yield Progress(0, total, "preflight.network.dns")
    resolved = resolve_many([*names, *([upload_host] if upload_host else [])], timeout, cancel)
    looked_up = [resolved[name] for name in dict.fromkeys(names) if not _is_address(name)]
    times = [r.ms for r in looked_up if r is not None]
    dns_ms = statistics.median(times) if times else None

    yield Progress(1, total, "preflight.network.latency")
    latency = _latency(settings.latency_hosts, ATTEMPTS, timeout, cancel, resolved=resolved)
    median, jitter, failures = yield from _offset(latency, 1, total, "preflight.network.latency")

    upload_mbps: float | None = None
    reached_nothing = bool(settings.latency_hosts) and median is None
    if url:
        # A network that reaches none of the hosts is offline; trying the upload too would double the wait.
        if not reached_nothing and upload_host is not None and resolved.get(upload_host) is not None:
            yield Progress(1 + ATTEMPTS, total, "preflight.network.upload")
            upload = _upload(url, settings.upload_seconds, timeout, cancel)
            upload_mbps = yield from _offset(upload, 1 + ATTEMPTS, total, "preflight.network.upload")
        if upload_mbps is None:
            failures = (*failures, "upload")
    yield Progress(total, total, "preflight.network.upload" if url else "preflight.network.latency")
    return NetworkResult(dns_ms=dns_ms, latency_ms=median, jitter_ms=jitter, upload_mbps=upload_mbps, failures=failures)


def network_verdict(result: NetworkResult, settings: PreflightSettings) -> ProbeOutcome:
    """One verdict, the most serious first: offline (FAILED), slow_upload (below 720p, FAILED), upload_failed
    (WARNING), upload_720p (WARNING), hosts_unreachable / latency / jitter (WARNING), no_upload_test (WARNING:
    the line looks fine but its upload was not measured), good (PASSED)."""
    fields: dict[str, str | int | float] = {
        "need_1080p": settings.upload_1080p_mbps,
        "need_720p": settings.upload_720p_mbps,
        "max_latency_ms": round(settings.max_latency_ms),
        "max_jitter_ms": round(settings.max_jitter_ms),
        "failures": ", ".join(result.failures),
        "url": settings.upload_url,
    }
    for name, value in _numbers(result):
        fields[name] = value
    tested_upload = bool(settings.upload_url.strip())
    checked_hosts = bool(settings.latency_hosts)

    def outcome(status: CheckStatus, code: str) -> ProbeOutcome:
        return ProbeOutcome(status, _headline(result), _measured(result), code, tuple(fields.items()))

    if result.upload_mbps is None and (result.latency_ms is None or not checked_hosts) and result.failures:
        return outcome(CheckStatus.FAILED, "preflight.network.offline")
    if result.upload_mbps is not None and result.upload_mbps < settings.upload_720p_mbps:
        return outcome(CheckStatus.FAILED, "preflight.network.slow_upload")
    if tested_upload and result.upload_mbps is None:
        return outcome(CheckStatus.WARNING, "preflight.network.upload_failed")
    if result.upload_mbps is not None and result.upload_mbps < settings.upload_1080p_mbps:
        return outcome(CheckStatus.WARNING, "preflight.network.upload_720p")
    if checked_hosts and result.latency_ms is None:
        return outcome(CheckStatus.WARNING, "preflight.network.hosts_unreachable")
    if result.latency_ms is not None and result.latency_ms > settings.max_latency_ms:
        return outcome(CheckStatus.WARNING, "preflight.network.latency")
    if result.jitter_ms is not None and result.jitter_ms > settings.max_jitter_ms:
        return outcome(CheckStatus.WARNING, "preflight.network.jitter")
    if not tested_upload:
        return outcome(CheckStatus.WARNING, "preflight.network.no_upload_test")
    return outcome(CheckStatus.PASSED, "preflight.network.good")


# --- measuring -----------------------------------------------------------------------------------------------------
def _latency(
    hosts: Sequence[str],
    attempts: int,
    timeout: float,
    cancel: CancelToken,
    resolved: dict[str, Resolved | None] | None,
) -> Generator[Progress, None, tuple[float | None, float | None, tuple[str, ...]]]:
    targets: list[Target] = []
    failures: list[str] = []
    for text in hosts:
        target = parse_target(text)
        if target is None:
            failures.append(f"tcp:{text}")
        else:
            targets.append(target)
    if resolved is None:
        resolved = resolve_many([t.host for t in targets], timeout, cancel)
    alive: list[tuple[Target, Resolved]] = []
    for target in targets:
        answer = resolved.get(target.host)
        if answer is None:
            failures.append(f"dns:{target.host}")
        else:
            alive.append((target, answer))
    samples: dict[str, list[float]] = {target.text: [] for target, _ in alive}
    for attempt in range(attempts):
        cancel.raise_if_set()
        if not alive:
            break
        connected = connect_round([(answer, target.port) for target, answer in alive], timeout, cancel)
        still: list[tuple[Target, Resolved]] = []
        for (target, answer), result in zip(alive, connected, strict=True):
            if result is None:  # refused or silent: retrying would only multiply the wait
                failures.append(f"tcp:{target.text}")
                continue
            ms, sock = result
            sock.close()
            samples[target.text].append(ms)
            still.append((target, answer))
        alive = still
        yield Progress(attempt + 1, attempts)
    everything = [ms for series in samples.values() for ms in series]
    steps = [abs(b - a) for series in samples.values() for a, b in pairwise(series)]
    median = statistics.median(everything) if everything else None
    jitter = statistics.fmean(steps) if steps else None
    return median, jitter, tuple(failures)


def _upload(url: str, seconds: float, timeout: float, cancel: CancelToken) -> Generator[Progress, None, float | None]:
    try:
        connection, path = connect_http(url, timeout, cancel, send_buffer=_SEND_BUFFER)
    except (OSError, ValueError):
        return None
    try:
        connection.putrequest("POST", path, skip_accept_encoding=True)
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        sock = connection.sock
        assert isinstance(sock, socket.socket)  # set by connect_http
        payload = os.urandom(_CHUNK)  # random bytes: a compressing proxy cannot shrink them
        frame = b"%X\r\n" % len(payload) + payload + b"\r\n"
        started = time.perf_counter()
        body = 0
        for frame_bytes in _frames(frame, started + seconds):
            sent = yield from _send(sock, frame_bytes, timeout, cancel, started, seconds)
            if not sent:
                return None
            body += len(payload) if frame_bytes is frame else 0
        if not wait_readable(sock, timeout, cancel):
            return None
        answered = time.perf_counter()
        sock.settimeout(timeout)  # _send left it at one slice; the headers may come in several packets
        response = connection.getresponse()
        response.read(64 * 1024)
        if not 200 <= response.status < 300:
            return None
        return body * 8 / (answered - started) / 1_000_000
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _frames(frame: bytes, stop_at: float) -> Generator[bytes, None, None]:
    """Data frames until ``stop_at`` (perf_counter seconds), then the last-chunk marker that ends the body."""
    while time.perf_counter() < stop_at:
        yield frame
    yield b"0\r\n\r\n"


def _send(
    sock: socket.socket, data: bytes, timeout: float, cancel: CancelToken, started: float, seconds: float
) -> Generator[Progress, None, bool]:
    """Send all of ``data`` in short waits; False when the peer took nothing for ``timeout`` seconds."""
    pending = memoryview(data)
    sock.settimeout(SLICE)
    last_sent = time.monotonic()
    reported = math.floor(time.perf_counter() - started)
    while pending:
        cancel.raise_if_set()
        try:
            sent = sock.send(pending)
        except TimeoutError:
            if time.monotonic() - last_sent > timeout:
                return False
            continue
        pending = pending[sent:]
        last_sent = time.monotonic()
        elapsed = math.floor(time.perf_counter() - started)
        if elapsed > reported and elapsed <= seconds:
            reported = elapsed
            yield Progress(elapsed, math.ceil(seconds))
    return True


def _offset(job: Generator[Progress, None, T], offset: int, total: int, stage: str) -> Generator[Progress, None, T]:
    """Re-yield a step's own progress as part of the whole probe's."""
    while True:
        try:
            step = next(job)
        except StopIteration as finished:
            return finished.value  # type: ignore[no-any-return]
        yield Progress(min(offset + step.done, total), total, stage)


def _is_address(host: str) -> bool:
    """An IP literal "resolves" in microseconds and would pull the DNS figure down."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _url_host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


# --- reporting -----------------------------------------------------------------------------------------------------
def _numbers(result: NetworkResult) -> list[tuple[str, float | int]]:
    numbers: list[tuple[str, float | int]] = []
    if result.dns_ms is not None:
        numbers.append(("dns_ms", round(result.dns_ms)))
    if result.latency_ms is not None:
        numbers.append(("latency_ms", round(result.latency_ms)))
    if result.jitter_ms is not None:
        numbers.append(("jitter_ms", round(result.jitter_ms, 1)))
    if result.upload_mbps is not None:
        numbers.append(("upload_mbps", round(result.upload_mbps, 1)))
    return numbers


def _measured(result: NetworkResult) -> Measured:
    measured: list[tuple[str, float | str]] = [(name, float(value)) for name, value in _numbers(result)]
    if result.failures:
        measured.append(("failures", ", ".join(result.failures)))
    return tuple(measured)


def _headline(result: NetworkResult) -> str:
    """Numbers and units only, readable in every language: "↑ 6.2 Mbit/s · 38 ms ± 4 ms"."""
    parts = []
    if result.upload_mbps is not None:
        parts.append(f"↑ {result.upload_mbps:.1f} Mbit/s")
    if result.latency_ms is not None:
        jitter = f" ± {result.jitter_ms:.0f} ms" if result.jitter_ms is not None else ""
        parts.append(f"{result.latency_ms:.0f} ms{jitter}")
    return " · ".join(parts) or "—"
