"""The audio probe against a real PulseAudio server: a 440 Hz sine at a known level, digital silence, a loopback of
the test output, devices that vanish or never existed (see audio_support for the server and why it is laid out so)."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from audio_support import (
    LOOPBACK_SOURCE,
    OUTPUT_SINK,
    SILENT_SOURCE,
    SINE_PEAK_DBFS,
    SINE_RMS_DBFS,
    SINE_SOURCE,
    AudioServer,
    audio_server,
)
from PySide6.QtCore import QEventLoop, QTimer

from streamdesk.config import PreflightSettings
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, Progress, run_to_end
from streamdesk.core.probes import audio
from streamdesk.core.probes.levels import audio_verdict
from streamdesk.models.base import CheckStatus

TOLERANCE_DB = 3.0  # the issue's ±3 dB


def wait_for_inputs(*ids: str, seconds: float = 5.0) -> None:
    """Qt learns of sources loaded a moment ago through the server's events: give it a few event-loop turns."""
    loop = QEventLoop()
    for _ in range(round(seconds * 10)):
        if set(ids) <= {d.id for d in audio.input_devices()}:
            return
        QTimer.singleShot(100, loop.quit)
        loop.exec()
    raise AssertionError(f"Qt never listed {ids}; it lists {[d.id for d in audio.input_devices()]}")


@pytest.fixture(scope="module")
def pulse(qapp: object) -> Iterator[AudioServer]:
    with audio_server() as server:
        wait_for_inputs(SINE_SOURCE, SILENT_SOURCE, LOOPBACK_SOURCE)
        yield server


def source_outputs() -> int:
    """Recording streams open on the server right now (pactl, outside Qt)."""
    listed = subprocess.run(["pactl", "list", "short", "source-outputs"], capture_output=True, text=True, check=True)
    return len(listed.stdout.splitlines())


def test_the_test_sources_and_output_are_listed(pulse: AudioServer) -> None:
    inputs, outputs = audio.input_devices(), audio.output_devices()
    assert {SINE_SOURCE, SILENT_SOURCE} <= {d.id for d in inputs}
    assert OUTPUT_SINK in {d.id for d in outputs}
    assert all(d.name for d in inputs + outputs)
    for devices in (inputs, outputs):
        defaults = [d.is_default for d in devices]
        assert defaults.count(True) <= 1
        assert sorted(defaults, reverse=True) == defaults  # the default comes first


def test_the_sine_source_is_measured_within_3_db_of_its_level_with_live_readings(pulse: AudioServer) -> None:
    readings: list[tuple[float, float]] = []
    steps: list[Progress] = []
    job = audio.record(SINE_SOURCE, 2.0, CancelToken(), on_level=lambda rms, peak: readings.append((rms, peak)))
    while True:
        try:
            steps.append(next(job))
        except StopIteration as finished:
            measured = finished.value
            break
    assert measured.peak_dbfs == pytest.approx(SINE_PEAK_DBFS, abs=TOLERANCE_DB)
    assert measured.rms_dbfs == pytest.approx(SINE_RMS_DBFS, abs=TOLERANCE_DB)
    assert measured.seconds == pytest.approx(2.0, abs=0.01)
    assert measured.clipped_samples == 0
    assert len(readings) >= 10  # about ten a second once the stream runs, for the live meter
    assert max(peak for _, peak in readings) == pytest.approx(SINE_PEAK_DBFS, abs=TOLERANCE_DB)
    assert steps[-1].done == steps[-1].total and steps[-1].stage == "preflight.audio.recording"
    outcome = audio_verdict(measured, PreflightSettings())
    assert outcome.status is CheckStatus.PASSED  # -6 dBFS: above the good range, below the clipping risk
    assert (outcome.code, dict(outcome.fields)["direction"]) == ("preflight.audio.acceptable", "down")


def test_the_silent_source_is_reported_silent(pulse: AudioServer) -> None:
    measured = run_to_end(audio.record(SILENT_SOURCE, 1.0, CancelToken()))
    assert measured.peak_dbfs == -math.inf
    assert measured.samples > 0
    outcome = audio_verdict(measured, PreflightSettings())
    assert (outcome.status, outcome.code) == (CheckStatus.FAILED, "preflight.audio.silent")


def test_the_tone_is_heard_on_the_output_it_was_played_on(pulse: AudioServer) -> None:
    # Both jobs are generators on this thread: each step runs one event-loop slice that serves both streams.
    recording = audio.record(LOOPBACK_SOURCE, 3.0, CancelToken())
    tone = audio.play_tone(OUTPUT_SINK, seconds=1.5, frequency=1000.0)
    tone_steps = list(_interleave(tone, recording))
    measured = run_to_end(recording)
    assert tone_steps[-1].stage == "preflight.audio.tone"
    assert measured.peak_dbfs == pytest.approx(-12.04, abs=TOLERANCE_DB)  # audio.TONE_AMPLITUDE 0.25


def _interleave(tone: Iterator[Progress], recording: Iterator[Progress]) -> Iterator[Progress]:
    for step in tone:
        yield step
        next(recording)


def test_cancelling_a_recording_stops_it_early_and_closes_the_stream(pulse: AudioServer) -> None:
    cancel = CancelToken()
    before = source_outputs()
    job = audio.record(SINE_SOURCE, 10.0, cancel)
    for _ in range(3):
        progress = next(job)
    assert source_outputs() == before + 1
    cancel.set()
    with pytest.raises(Cancelled):
        next(job)
    assert progress.done < progress.total
    assert source_outputs() == before


def test_cancelling_the_tone_stops_it(pulse: AudioServer) -> None:
    cancel = CancelToken()
    job = audio.play_tone(OUTPUT_SINK, seconds=10.0, cancel=cancel)
    progress = next(job)
    cancel.set()
    with pytest.raises(Cancelled):
        next(job)
    assert progress.done < progress.total


def test_an_unknown_device_is_a_clear_error_before_anything_records(pulse: AudioServer) -> None:
    with pytest.raises(UserError) as refused:
        next(audio.record("no-such-microphone", 5.0, CancelToken()))
    assert (refused.value.code, refused.value.fields) == ("preflight.audio.no_device", {"device": "no-such-microphone"})
    with pytest.raises(UserError) as refused:
        next(audio.play_tone("no-such-speaker"))
    assert refused.value.code == "preflight.audio.no_device"


def test_a_source_that_delivers_nothing_fails_after_the_timeout_instead_of_hanging(pulse: AudioServer) -> None:
    # A suspended source keeps the stream open and sends nothing, like a USB mic whose driver has locked up.
    loaded = subprocess.run(
        ["pactl", "load-module", "module-null-source", "source_name=streamdesk_stuck"],
        capture_output=True,
        text=True,
        check=True,
    )
    module = loaded.stdout.strip()
    try:
        wait_for_inputs("streamdesk_stuck")
        subprocess.run(["pactl", "suspend-source", "streamdesk_stuck", "1"], check=True)
        with pytest.raises(UserError) as failed:
            run_to_end(audio.record("streamdesk_stuck", 1.0, CancelToken()))  # bounded: 1 s + audio.TIMEOUT_SLACK_S
    finally:
        subprocess.run(["pactl", "unload-module", module], check=True)
    assert failed.value.code == "preflight.audio.device_failed"
    assert failed.value.fields["device"]
    assert failed.value.fields["reason"].startswith("timeout")


NO_SERVER_SCRIPT = """
from PySide6.QtCore import QCoreApplication
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.probes import audio
app = QCoreApplication([])
print(len(audio.input_devices()), len(audio.output_devices()))
for job in (audio.record(None, 5.0, CancelToken()), audio.play_tone(None, 5.0)):
    try:
        run_to_end(job)
    except UserError as error:
        print(error.code)
"""


def test_without_any_audio_server_both_probes_say_no_device_and_return(tmp_path: object) -> None:
    # A separate process: this one's Qt is already connected to the test server. No server at that address.
    environment = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-server", "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [sys.executable, "-c", NO_SERVER_SCRIPT], env=environment, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split() == ["0", "0", "preflight.audio.no_device", "preflight.audio.no_device"]
