"""Network probe against a loopback HTTP server started by the test: a receiver throttled to a known rate, a refused
port and a port that never answers. The only timing asserts are the issue's: upload within 20 % of the throttle,
failures within the timeout."""

from __future__ import annotations

import threading
import time

import pytest
from probe_server import ServerState, closed_port, probe_server, silent_port

from streamdesk.config import PreflightSettings
from streamdesk.core.jobs import Cancelled, CancelToken, Progress, run_to_end
from streamdesk.core.preflight_types import NetworkResult
from streamdesk.core.probes.network import (
    ATTEMPTS,
    dns_time,
    network_probe,
    network_verdict,
    tcp_latency,
    upload_throughput,
)
from streamdesk.core.probes.sockets import parse_target
from streamdesk.models.base import CheckStatus

SLACK = 0.5  # seconds beyond a timeout that a failure may take (thread start, the last 0.1 s wait slice)


@pytest.mark.parametrize("rate_mbps", [2.0, 8.0])
def test_upload_is_measured_within_a_fifth_of_the_receivers_throttle(rate_mbps: float) -> None:
    with probe_server(ServerState(rate_mbps=rate_mbps)) as server:
        measured = upload_throughput(server.url, seconds=2.0, timeout=5.0, cancel=CancelToken())
        received = server.state.received
    assert measured is not None
    assert measured == pytest.approx(rate_mbps, rel=0.2)
    assert len(received) == 1 and received[0] > 0  # the server read a whole chunked body and answered


def test_upload_to_a_refused_port_fails_within_the_timeout() -> None:
    started = time.monotonic()
    measured = upload_throughput(f"http://127.0.0.1:{closed_port()}/up", seconds=2.0, timeout=1.0, cancel=CancelToken())
    assert measured is None
    assert time.monotonic() - started < 1.0 + SLACK


def test_upload_answered_with_an_error_status_is_not_a_measurement() -> None:
    with probe_server(ServerState(rate_mbps=50.0, status=404)) as server:
        assert upload_throughput(server.url, seconds=1.0, timeout=3.0, cancel=CancelToken()) is None


def test_upload_to_something_that_is_not_a_web_address_is_none() -> None:
    assert upload_throughput("ftp://127.0.0.1/x", seconds=1.0, timeout=1.0, cancel=CancelToken()) is None
    assert upload_throughput("not a url", seconds=1.0, timeout=1.0, cancel=CancelToken()) is None


def test_cancel_stops_the_upload_early() -> None:
    cancel = CancelToken()
    with probe_server(ServerState(rate_mbps=2.0)) as server:
        timer = threading.Timer(0.5, cancel.set)
        timer.start()
        started = time.monotonic()
        with pytest.raises(Cancelled):
            upload_throughput(server.url, seconds=10.0, timeout=5.0, cancel=cancel)
        stopped_after = time.monotonic() - started
        timer.join()
    assert stopped_after < 2.0  # not the 10 s asked for


def test_latency_to_a_listening_port_is_measured_on_every_attempt() -> None:
    with probe_server() as server:
        median, jitter, failures = tcp_latency([server.target], attempts=4, timeout=2.0, cancel=CancelToken())
    assert failures == ()
    assert median is not None and 0 < median < 2000
    assert jitter is not None and jitter >= 0


def test_a_refused_port_is_a_failure_reported_at_once() -> None:
    port = closed_port()
    started = time.monotonic()
    median, jitter, failures = tcp_latency([f"127.0.0.1:{port}"], attempts=3, timeout=2.0, cancel=CancelToken())
    assert (median, jitter, failures) == (None, None, (f"tcp:127.0.0.1:{port}",))
    assert time.monotonic() - started < 2.0 + SLACK


def test_a_port_that_never_answers_fails_within_one_timeout_not_one_per_attempt() -> None:
    with probe_server() as server, silent_port() as port:
        started = time.monotonic()
        median, _, failures = tcp_latency(
            [f"127.0.0.1:{port}", server.target], attempts=3, timeout=1.0, cancel=CancelToken()
        )
        took = time.monotonic() - started
    assert failures == (f"tcp:127.0.0.1:{port}",)
    assert median is not None  # the server beside it still answered
    assert took < 1.0 + SLACK


def test_unparseable_and_unresolvable_targets_are_named_in_the_failures() -> None:
    median, _, failures = tcp_latency(
        ["no-port-number:http", "streamdesk-probe.invalid:443"], attempts=2, timeout=2.0, cancel=CancelToken()
    )
    assert median is None
    assert failures == ("tcp:no-port-number:http", "dns:streamdesk-probe.invalid")


def test_targets_are_read_as_host_and_port() -> None:
    assert parse_target("www.douyin.com:443") is not None
    assert parse_target("[::1]:8080") == parse_target("[::1]:8080")
    target = parse_target("[::1]:8080")
    assert target is not None and (target.host, target.port) == ("::1", 8080)
    plain = parse_target("example.com")
    assert plain is not None and plain.port == 443
    assert parse_target("host:0") is None
    assert parse_target("host:70000") is None
    assert parse_target("[::1]x") is None


def test_localhost_resolves() -> None:
    ms = dns_time("localhost", timeout=2.0)
    assert ms is not None and ms >= 0


def test_a_name_under_invalid_does_not_resolve_and_the_answer_comes_within_the_timeout() -> None:
    started = time.monotonic()
    assert dns_time("streamdesk-probe.invalid", timeout=2.0) is None
    assert time.monotonic() - started < 2.0 + SLACK


def test_whole_probe_on_the_loopback_measures_everything_and_reports_progress() -> None:
    with probe_server(ServerState(rate_mbps=8.0)) as server:
        settings = PreflightSettings(
            latency_hosts=(server.target, f"localhost:{server.port}"), upload_url=server.url, upload_seconds=1.0
        )
        steps: list[Progress] = []
        job = network_probe(settings, CancelToken())
        while True:
            try:
                steps.append(next(job))
            except StopIteration as finished:
                result: NetworkResult = finished.value
                break
    assert result.failures == ()
    assert result.dns_ms is not None and result.latency_ms is not None and result.jitter_ms is not None
    assert result.upload_mbps == pytest.approx(8.0, rel=0.2)
    assert [s.done for s in steps] == sorted(s.done for s in steps)
    assert steps[-1].done == steps[-1].total == 1 + ATTEMPTS + 1
    assert {s.stage for s in steps} == {
        "preflight.network.dns",
        "preflight.network.latency",
        "preflight.network.upload",
    }
    assert network_verdict(result, settings).status is CheckStatus.PASSED


def test_no_network_fails_clearly_within_the_timeout() -> None:
    """Nothing answers: names under .invalid never resolve, and the upload is not even tried."""
    settings = PreflightSettings(
        latency_hosts=("a.streamdesk-probe.invalid:443", f"127.0.0.1:{closed_port()}"),
        upload_url="http://upload.streamdesk-probe.invalid/up",
        probe_timeout_seconds=1.0,
    )
    started = time.monotonic()
    result = run_to_end(network_probe(settings, CancelToken()))
    assert time.monotonic() - started < 1.0 + SLACK
    assert result.latency_ms is None and result.upload_mbps is None
    assert result.failures[-1] == "upload"
    outcome = network_verdict(result, settings)
    assert (outcome.status, outcome.code) == (CheckStatus.FAILED, "preflight.network.offline")


def test_a_cancelled_probe_raises_cancelled() -> None:
    cancel = CancelToken()
    cancel.set()
    with pytest.raises(Cancelled):
        run_to_end(network_probe(PreflightSettings(latency_hosts=("localhost:1",)), cancel))


# --- verdict -------------------------------------------------------------------------------------------------------
TESTED = PreflightSettings(upload_url="http://example.test/up")  # 4 / 2 Mbit/s, 150 ms, 30 ms


def _result(
    upload: float | None = 10.0,
    latency: float | None = 40.0,
    jitter: float | None = 5.0,
    failures: tuple[str, ...] = (),
) -> NetworkResult:
    return NetworkResult(dns_ms=12.0, latency_ms=latency, jitter_ms=jitter, upload_mbps=upload, failures=failures)


@pytest.mark.parametrize(
    ("upload", "status", "code"),
    [
        (4.0, CheckStatus.PASSED, "preflight.network.good"),  # exactly the 1080p figure is enough
        (3.99, CheckStatus.WARNING, "preflight.network.upload_720p"),
        (2.0, CheckStatus.WARNING, "preflight.network.upload_720p"),  # exactly the 720p figure
        (1.99, CheckStatus.FAILED, "preflight.network.slow_upload"),
    ],
)
def test_upload_verdict_boundaries(upload: float, status: CheckStatus, code: str) -> None:
    outcome = network_verdict(_result(upload=upload), TESTED)
    assert (outcome.status, outcome.code) == (status, code)
    assert dict(outcome.fields)["upload_mbps"] == round(upload, 1)


@pytest.mark.parametrize(
    ("latency", "jitter", "code"),
    [
        (150.0, 30.0, "preflight.network.good"),
        (150.5, 5.0, "preflight.network.latency"),
        (40.0, 30.5, "preflight.network.jitter"),
        (40.0, None, "preflight.network.good"),  # one connect per host: no jitter to judge
    ],
)
def test_latency_and_jitter_limits(latency: float, jitter: float | None, code: str) -> None:
    outcome = network_verdict(_result(latency=latency, jitter=jitter), TESTED)
    assert outcome.code == code
    assert outcome.status is (CheckStatus.PASSED if code.endswith("good") else CheckStatus.WARNING)


def test_nothing_answering_is_offline_and_an_upload_that_failed_alone_is_a_warning() -> None:
    offline = network_verdict(_result(upload=None, latency=None, jitter=None, failures=("dns:a", "upload")), TESTED)
    assert (offline.status, offline.code, offline.value) == (CheckStatus.FAILED, "preflight.network.offline", "—")
    upload_failed = network_verdict(_result(upload=None, failures=("upload",)), TESTED)
    assert (upload_failed.status, upload_failed.code) == (CheckStatus.WARNING, "preflight.network.upload_failed")
    hosts = network_verdict(_result(latency=None, jitter=None, failures=("tcp:a:443",)), TESTED)
    assert (hosts.status, hosts.code) == (CheckStatus.WARNING, "preflight.network.hosts_unreachable")


def test_a_slow_upload_outranks_a_high_latency() -> None:
    assert network_verdict(_result(upload=1.0, latency=900.0), TESTED).code == "preflight.network.slow_upload"


def test_without_an_upload_address_the_line_is_not_called_good() -> None:
    outcome = network_verdict(_result(upload=None), PreflightSettings())
    assert (outcome.status, outcome.code) == (CheckStatus.WARNING, "preflight.network.no_upload_test")
    assert "upload_mbps" not in dict(outcome.fields)


def test_the_headline_and_the_measured_numbers() -> None:
    outcome = network_verdict(_result(upload=6.24, latency=38.4, jitter=4.2), TESTED)
    assert outcome.value == "↑ 6.2 Mbit/s · 38 ms ± 4 ms"
    assert dict(outcome.measured) == {"dns_ms": 12.0, "latency_ms": 38.0, "jitter_ms": 4.2, "upload_mbps": 6.2}
    assert outcome.as_result().value == outcome.value
