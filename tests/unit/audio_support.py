"""A real PulseAudio server with known test sources, for the audio probe tests (and the pre-flight CLI test).

`.ci/run` starts the daemon and loads these modules; on a developer machine `audio_server()` loads whatever is missing
into a running daemon, or starts a private one (its own runtime dir and socket, PULSE_SERVER pointing at it) and
stops it afterwards. Without PulseAudio installed the tests skip with the reason, except when
STREAMDESK_AUDIO_REQUIRED=1 (set by .ci/run), where they fail: CI must run them.

Qt 6.12's PulseAudio backend asks for no fragment size and reads a single fragment of what `module-sine-source`
posts (2 s blocks), then nothing more; a plain source fed by a sink's monitor streams steadily. So the sine plays
into a null sink with `module-sine` and that sink's monitor is remapped into the `streamdesk_sine` source (Qt
lists no monitors). `module-sine` writes amplitude 0.5: a peak of -6.02 dBFS, an RMS of -9.03 dBFS.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REQUIRED_ENV = "STREAMDESK_AUDIO_REQUIRED"
OUTPUT_SINK = "streamdesk_null"  # the tone plays here
SINE_SOURCE = "streamdesk_sine"  # a 440 Hz sine at SINE_PEAK_DBFS
SILENT_SOURCE = "streamdesk_silence"  # digital silence
LOOPBACK_SOURCE = "streamdesk_loopback"  # what is played on OUTPUT_SINK
SINE_PEAK_DBFS = -6.02
SINE_RMS_DBFS = -9.03

# (list kind, name, module, arguments): loaded in this order when the name is missing. Same list as in .ci/run.
MODULES: tuple[tuple[str, str, str, str], ...] = (
    ("sinks", OUTPUT_SINK, "module-null-sink", f"sink_name={OUTPUT_SINK}"),
    ("sinks", "streamdesk_sine_bus", "module-null-sink", "sink_name=streamdesk_sine_bus"),
    ("sink-inputs", "", "module-sine", "sink=streamdesk_sine_bus frequency=440"),
    ("sources", SINE_SOURCE, "module-remap-source", f"master=streamdesk_sine_bus.monitor source_name={SINE_SOURCE}"),
    ("sources", SILENT_SOURCE, "module-null-source", f"source_name={SILENT_SOURCE}"),
    ("sources", LOOPBACK_SOURCE, "module-remap-source", f"master={OUTPUT_SINK}.monitor source_name={LOOPBACK_SOURCE}"),
)


@dataclass
class AudioServer:
    server: str  # "" for the default one, else the PULSE_SERVER address
    started_daemon: bool
    loaded_modules: list[int] = field(default_factory=list)


def unavailable(reason: str) -> None:
    """Skip with the reason, or fail where the audio tests are required (CI)."""
    if os.environ.get(REQUIRED_ENV) == "1":
        pytest.fail(f"the audio server is required ({REQUIRED_ENV}=1) but {reason}")
    pytest.skip(reason)


def _pactl(*args: str, timeout: float = 10.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=timeout, check=False)


def _names(kind: str) -> set[str]:
    listed = _pactl("list", "short", kind).stdout.splitlines()
    return {line.split("\t")[1] for line in listed if "\t" in line}


def _sine_playing() -> bool:
    modules = _pactl("list", "short", "modules").stdout
    return any("module-sine\t" in line and "streamdesk_sine_bus" in line for line in modules.splitlines())


def _load_missing(server: AudioServer) -> None:
    for kind, name, module, arguments in MODULES:
        present = _sine_playing() if kind == "sink-inputs" else name in _names(kind)
        if present:
            continue
        loaded = _pactl("load-module", module, *arguments.split())
        if loaded.returncode != 0:
            unavailable(f"PulseAudio refused to load {module} {arguments}: {loaded.stderr.strip()}")
        server.loaded_modules.append(int(loaded.stdout.strip()))


def _start_private_daemon(runtime: Path) -> str:
    socket = runtime / "native"
    environment = {**os.environ, "PULSE_RUNTIME_PATH": str(runtime), "HOME": str(runtime)}
    started = subprocess.run(
        [
            "pulseaudio",
            "-n",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--use-pid-file=yes",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    if started.returncode != 0:
        shutil.rmtree(runtime, ignore_errors=True)
        unavailable(f"PulseAudio would not start: {started.stderr.strip()[-300:]}")
    return f"unix:{socket}"


@contextmanager
def audio_server() -> Iterator[AudioServer]:
    """A reachable PulseAudio with the test sources; undoes what it did (modules loaded, daemon started)."""
    if shutil.which("pactl") is None:
        unavailable("pactl is not installed (apt-get install pulseaudio pulseaudio-utils)")
    previous = os.environ.get("PULSE_SERVER")
    runtime: Path | None = None
    if _pactl("info", timeout=5).returncode == 0:
        server = AudioServer(server=previous or "", started_daemon=False)
    else:
        if shutil.which("pulseaudio") is None:
            unavailable("no PulseAudio server is running and pulseaudio is not installed")
        runtime = Path(tempfile.mkdtemp(prefix="streamdesk-pulse-"))
        os.environ["PULSE_SERVER"] = _start_private_daemon(runtime)
        server = AudioServer(server=os.environ["PULSE_SERVER"], started_daemon=True)
    try:
        if server.started_daemon and _pactl("info", timeout=5).returncode != 0:  # --daemonize returns once it is up
            unavailable("a private PulseAudio daemon started but does not answer")
        _load_missing(server)
        yield server
    finally:
        for index in reversed(server.loaded_modules):
            _pactl("unload-module", str(index))
        if runtime is not None:
            pid_file = runtime / "pid"
            if pid_file.exists():
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
            if previous is None:
                os.environ.pop("PULSE_SERVER", None)
            else:
                os.environ["PULSE_SERVER"] = previous
            shutil.rmtree(runtime, ignore_errors=True)
