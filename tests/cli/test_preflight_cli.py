"""``streamdesk preflight --show ID``: the automatic probes run headless against a real PulseAudio server and a
loopback HTTP server started here, fill a new run, print one verdict per probed item and exit 1 when a critical
probe failed; bad input exits 2 with one line and nothing written.

Each test module gets a private PulseAudio daemon (its own socket, PULSE_SERVER pointing at it) with the layout of
tests/unit/audio_support.py: a 440 Hz sine at -6.02 dBFS peak (module-sine into a null sink, its monitor remapped
into a plain source) and a silent source. Private, so the test may choose the default input without touching the
desktop's (or .ci/run's) server. Without PulseAudio the tests skip with the reason, unless
STREAMDESK_AUDIO_REQUIRED=1 (.ci/run), where they fail.
"""

from __future__ import annotations

import email.utils
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, count, digest, run

from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_types import ChecklistItemInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.models.base import CheckKind, ProbeKind

SINE_PEAK_DBFS = -6.02
MIC = "Microphone connected and at the right level"
NETWORK = "Network steady, upload fast enough"
CLOCK_AHEAD_S = 600  # the loopback server's Date header runs ten minutes ahead


# --- a private PulseAudio ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pulse:
    server: str  # PULSE_SERVER address

    def pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pactl", "-s", self.server, *args], capture_output=True, text=True, timeout=10, check=False
        )

    def default_source(self, name: str) -> None:
        assert self.pactl("set-default-source", name).returncode == 0


def _unavailable(reason: str) -> None:
    if os.environ.get("STREAMDESK_AUDIO_REQUIRED") == "1":
        pytest.fail(f"the audio server is required (STREAMDESK_AUDIO_REQUIRED=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def pulse() -> Iterator[Pulse]:
    if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
        _unavailable("PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
    runtime = Path(tempfile.mkdtemp(prefix="streamdesk-cli-pulse-"))
    socket_path = runtime / "native"
    started = subprocess.run(
        [
            "pulseaudio",
            "-n",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--use-pid-file=yes",
            f"--load=module-native-protocol-unix socket={socket_path} auth-anonymous=1",
        ],
        env={**os.environ, "PULSE_RUNTIME_PATH": str(runtime), "HOME": str(runtime)},
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    if started.returncode != 0:
        shutil.rmtree(runtime, ignore_errors=True)
        _unavailable(f"a private PulseAudio would not start: {started.stderr.strip()[-300:]}")
    server = Pulse(f"unix:{socket_path}")
    try:
        for module, arguments in (
            ("module-null-sink", "sink_name=streamdesk_sine_bus"),
            ("module-sine", "sink=streamdesk_sine_bus frequency=440"),
            ("module-remap-source", "master=streamdesk_sine_bus.monitor source_name=streamdesk_sine"),
            ("module-null-source", "source_name=streamdesk_silence"),
        ):
            loaded = server.pactl("load-module", module, *arguments.split())
            if loaded.returncode != 0:
                _unavailable(f"PulseAudio refused {module}: {loaded.stderr.strip()}")
        yield server
    finally:
        pid_file = runtime / "pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
        shutil.rmtree(runtime, ignore_errors=True)


# --- a loopback HTTP server: uploads and a Date header ---------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(time.time() + CLOCK_AHEAD_S, usegmt=True)

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while size := int(self.rfile.readline().split(b";")[0].strip(), 16):
                self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.uploads += 1  # type: ignore[attr-defined]
        self._answer()

    def _answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def loopback() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.uploads = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once it is closed


# --- helpers -------------------------------------------------------------------------------------------------------
def write_settings(home: Path, *, upload_url: str, latency_hosts: list[str]) -> None:
    hosts = ", ".join(f'"{host}"' for host in latency_hosts)
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "settings.toml").write_text(
        "[preflight]\n"
        "record_seconds = 1.0\n"
        "upload_seconds = 1.0\n"
        "probe_timeout_seconds = 2.0\n"
        "min_free_disk_gb = 0.0\n"
        f'upload_url = "{upload_url}"\n'
        f"latency_hosts = [{hosts}]\n",
        encoding="utf-8",
    )


def make_db(target: Target) -> dict[str, int]:
    """A scheduled show, a show template and a checklist template with only the network probe and a manual item."""
    database = open_database(target)
    try:
        now = lambda: datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # noqa: E731
        shows = Shows(database.sessions, clock=now)
        show_id = shows.create_show(
            ShowInput("冰丝防晒衣专场", planned_start=now() + timedelta(hours=2), status=ShowStatus.SCHEDULED)
        )
        template_show = shows.save_as_template(shows.create_show(ShowInput("Base")), "Weekly template")
        preflight = Preflight(database.sessions, clock=now, language="en")
        preflight.templates()  # the built-in default, in English
        network_only = preflight.create_template(
            "Network only",
            (
                ChecklistItemInput("Upload line", CheckKind.PROBE, probe=ProbeKind.NETWORK, critical=True),
                ChecklistItemInput("Lights on", CheckKind.MANUAL),
            ),
        )
        return {"show": show_id, "template_show": template_show, "network_only": network_only}
    finally:
        database.dispose()


def run_preflight(home: Path, db: Target, pulse: Pulse, *args: str) -> subprocess.CompletedProcess[str]:
    return run(home, db, "preflight", *args, env={"PULSE_SERVER": pulse.server})


def items_by_title(payload: dict[str, object]) -> dict[str, dict[str, object]]:
    return {str(item["title"]): item for item in payload["items"]}  # type: ignore[union-attr, index]


# --- tests ---------------------------------------------------------------------------------------------------------
def test_a_good_rig_passes_its_critical_probes_and_the_run_is_saved(home, cli_db, pulse, loopback) -> None:
    db = cli_db
    ids = make_db(db)
    port = loopback.server_address[1]
    write_settings(home, upload_url=f"http://127.0.0.1:{port}/upload", latency_hosts=[f"127.0.0.1:{port}"])
    pulse.default_source("streamdesk_sine")
    result = run_preflight(home, db, pulse, "--show", str(ids["show"]), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # QtMultimedia's chatter goes to the log file
    payload = json.loads(result.stdout)
    assert payload["show_id"] == ids["show"] and payload["go"] is True and payload["critical_failed"] == []
    items = items_by_title(payload)
    assert set(items) == {MIC, NETWORK, "Computer: disk space, power, clock", "Webcam picture"}

    mic = items[MIC]
    assert mic["status"] == "passed" and mic["critical"] is True
    assert abs(mic["measured"]["peak_dbfs"] - SINE_PEAK_DBFS) <= 3.0  # type: ignore[index]
    assert mic["code"] == "preflight.audio.acceptable"  # -6 dBFS: above the best range, below clipping
    assert "change the gain" in str(mic["message"])

    network = items[NETWORK]
    assert (network["status"], network["code"]) == ("passed", "preflight.network.good")
    assert network["measured"]["upload_mbps"] > 4  # type: ignore[index]
    assert loopback.uploads == 1  # type: ignore[attr-defined]

    machine = items["Computer: disk space, power, clock"]
    offset = machine["measured"]["clock_offset_s"]  # type: ignore[index]
    assert abs(offset + CLOCK_AHEAD_S) < 5  # the machine probe asked the upload server for the time
    on_battery = machine["measured"].get("on_mains") == 0.0  # type: ignore[union-attr]
    assert machine["code"] == ("preflight.machine.on_battery" if on_battery else "preflight.machine.clock_off")

    camera = items["Webcam picture"]
    assert (camera["status"], camera["code"]) in {
        ("skipped", "preflight.video.none"),
        ("passed", "preflight.video.found"),
    }

    database = open_database(db)
    try:
        preflight = Preflight(database.sessions, clock=lambda: datetime.now(UTC))
        run = preflight.run(int(payload["run_id"]))
        stored = {r.title: r for r in run.results}
        assert stored[MIC].status.value == "passed" and stored[MIC].value == mic["value"]
        assert stored[NETWORK].checked_at is not None
        assert stored["Test checkout paid"].status.value == "pending"  # a person checks that one
        assert run.finished_at is None  # the run stays open for the Pre-flight page
        assert payload["verdict"] == run.verdict.value == "incomplete"
        assert "Test checkout paid" in payload["pending"]
    finally:
        database.dispose()


def test_a_silent_microphone_is_a_critical_failure_and_exits_1(home, cli_db, pulse, loopback) -> None:
    db = cli_db
    ids = make_db(db)
    port = loopback.server_address[1]
    write_settings(home, upload_url=f"http://127.0.0.1:{port}/upload", latency_hosts=[f"127.0.0.1:{port}"])
    pulse.default_source("streamdesk_silence")
    result = run_preflight(home, db, pulse, "--show", str(ids["show"]))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Pre-flight run 1 of “冰丝防晒衣专场” (Standard pre-flight):"
    mic_line = next(line for line in lines if MIC in line)
    assert mic_line.startswith(f"[Failed] {MIC} (critical): ")
    assert "The microphone picked up nothing" in mic_line
    assert any(line.startswith(f"[Passed] {NETWORK} (critical): ") for line in lines)
    assert f"NO-GO: a critical check failed: {MIC}." in lines
    assert lines[-1].endswith("left to check by hand: open the run on the Pre-flight page.")
    assert count(db, "preflight_runs") == 1


def test_no_network_fails_within_the_timeout_and_exits_1(home, cli_db, pulse) -> None:
    db = cli_db
    ids = make_db(db)
    port = closed_port()
    write_settings(home, upload_url=f"http://127.0.0.1:{port}/upload", latency_hosts=[f"127.0.0.1:{port}"])
    pulse.default_source("streamdesk_sine")
    started = time.monotonic()
    result = run_preflight(
        home, db, pulse, "--show", str(ids["show"]), "--template", str(ids["network_only"]), "--json"
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload["template"] == "Network only"
    assert [item["title"] for item in payload["items"]] == ["Upload line"]  # only the probe the template has
    (line,) = payload["items"]
    assert (line["status"], line["code"]) == ("failed", "preflight.network.offline")
    assert payload["critical_failed"] == ["Upload line"] and payload["pending"] == ["Lights on"]
    assert elapsed < 60  # a refused port answers at once: no hang, whatever the machine's speed


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--show", "999"), "999"),
        (("--show", "{show}", "--template", "999"), "999"),
        (("--show", "{template_show}"), "Weekly template"),
    ],
    ids=["unknown-show", "unknown-template", "show-template"],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(home, cli_db, pulse, args, expected) -> None:
    db = cli_db
    ids = make_db(db)
    before = digest(db)
    filled = [arg.format(**ids) for arg in args]
    result = run_preflight(home, db, pulse, *filled)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr
    assert digest(db) == before
    assert count(db, "preflight_runs") == 0


def test_without_an_audio_server_the_microphone_is_reported_missing(home, cli_db, tmp_path) -> None:
    db = cli_db
    ids = make_db(db)
    port = closed_port()
    write_settings(home, upload_url="", latency_hosts=[f"127.0.0.1:{port}"])
    nowhere = Pulse(f"unix:{tmp_path / 'no-such-socket'}")
    result = run_preflight(home, db, nowhere, "--show", str(ids["show"]), "--json")
    assert result.returncode == 1, result.stderr
    mic = items_by_title(json.loads(result.stdout))[MIC]
    assert (mic["status"], mic["code"]) == ("failed", "preflight.audio.no_device")
