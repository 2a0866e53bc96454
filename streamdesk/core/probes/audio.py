"""Audio devices through QtMultimedia: list inputs and outputs, record a level check, play a test tone.

A named Qt module of core (QtCore + QtMultimedia, imported inside the functions so start-up never loads them). The
jobs run on a pool thread: each pumps its own QEventLoop in slices of ``SLICE_MS``, reading what arrived, and yields
Progress in between, so cancelling takes effect within a slice and nothing waits on the GUI thread. Every wait is
bounded: a device that delivers nothing fails after ``seconds + TIMEOUT_SLACK_S`` instead of hanging.
"""

from __future__ import annotations

import logging
import math
import time
from array import array
from collections.abc import Callable, Generator
from typing import Any

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, Progress
from streamdesk.core.preflight_types import AudioDevice, AudioLevels
from streamdesk.core.probes.levels import DEVICE_FAILED, NO_DEVICE, LevelAccumulator, samples_from_pcm

# Qt objects are typed Any here: even a TYPE_CHECKING import of Qt at module level breaks the named-module rule.
QAudioDevice = Any
QAudioFormat = Any
QEventLoop = Any

log = logging.getLogger(__name__)

SLICE_MS = 100  # one event-loop slice: the live meter gets about ten readings a second
TIMEOUT_SLACK_S = 3.0  # a recording or tone longer than its length plus this has failed
TONE_AMPLITUDE = 0.25  # -12 dBFS: clearly audible in headphones without being harsh
TONE_FADE_S = 0.02  # fade in and out so the tone starts and stops without a click
RECORDING_STAGE = "preflight.audio.recording"
TONE_STAGE = "preflight.audio.tone"


def _device_id(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


def _describe(device: QAudioDevice) -> AudioDevice:
    return AudioDevice(id=_device_id(device), name=device.description(), is_default=device.isDefault())


def input_devices() -> tuple[AudioDevice, ...]:
    """Every audio input the system offers (monitors of outputs are not listed by Qt), default first."""
    from PySide6.QtMultimedia import QMediaDevices

    found = tuple(_describe(d) for d in QMediaDevices.audioInputs())
    return tuple(sorted(found, key=lambda d: not d.is_default))


def output_devices() -> tuple[AudioDevice, ...]:
    """Every audio output, default first."""
    from PySide6.QtMultimedia import QMediaDevices

    found = tuple(_describe(d) for d in QMediaDevices.audioOutputs())
    return tuple(sorted(found, key=lambda d: not d.is_default))


def _find(device_id: str | None, *, output: bool) -> QAudioDevice:
    """The chosen device, or the default one for None; UserError(no_device) when there is no such device."""
    from PySide6.QtMultimedia import QMediaDevices

    devices = QMediaDevices.audioOutputs() if output else QMediaDevices.audioInputs()
    if device_id is None:
        default = QMediaDevices.defaultAudioOutput() if output else QMediaDevices.defaultAudioInput()
        if not default.isNull():
            return default
        if devices:  # some backends name no default: any device beats none
            return devices[0]
        raise UserError(NO_DEVICE, device="")
    for device in devices:
        if _device_id(device) == device_id:
            return device
    raise UserError(NO_DEVICE, device=device_id)


def _pcm_format(device: QAudioDevice) -> tuple[QAudioFormat, str]:
    """The device's own rate and channels with float samples when it takes them, else 16-bit integers."""
    from PySide6.QtMultimedia import QAudioFormat

    fmt = device.preferredFormat()
    fmt.setChannelCount(min(max(fmt.channelCount(), 1), 2))
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Float)
    if device.isFormatSupported(fmt):
        return fmt, "float32"
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return fmt, "int16"


def _slice(loop: QEventLoop) -> None:
    """Run this thread's event loop for one slice (the QAudioSource/QAudioSink deliver through it)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(SLICE_MS, loop.quit)
    loop.exec()


def _failed(device: QAudioDevice, reason: str) -> UserError:
    log.warning("audio device %r failed: %s", _device_id(device), reason)
    return UserError(DEVICE_FAILED, device=device.description(), reason=reason)


def record(
    device_id: str | None,
    seconds: float,
    cancel: CancelToken,
    on_level: Callable[[float, float], None] | None = None,
) -> Generator[Progress, None, AudioLevels]:
    """Record ``seconds`` from an input (None: the default) and return its levels.

    ``on_level(rms_dbfs, peak_dbfs)`` gets each slice's levels about ten times a second, on the calling thread (a
    pool thread in the app: the GUI side must queue it). UserError "preflight.audio.no_device" when the device is
    missing, "preflight.audio.device_failed" (fields device, reason) when it errors or delivers too little in time.
    """
    from PySide6.QtCore import QEventLoop
    from PySide6.QtMultimedia import QAudioSource, QtAudio

    device = _find(device_id, output=False)
    fmt, sample_format = _pcm_format(device)
    channels, rate = fmt.channelCount(), fmt.sampleRate()
    wanted = max(1, round(seconds * rate))  # frames
    bytes_per_frame = fmt.bytesPerFrame()
    source = QAudioSource(device, fmt)
    stream = source.start()
    deadline = time.monotonic() + seconds + TIMEOUT_SLACK_S
    accumulator = LevelAccumulator()
    frames = 0
    loop = QEventLoop()
    try:
        if stream is None or source.error() != QtAudio.Error.NoError:
            raise _failed(device, f"open: {source.error().name}")
        while frames < wanted:
            cancel.raise_if_set()
            _slice(loop)
            data = bytes(stream.readAll().data())
            if source.error() in (QtAudio.Error.OpenError, QtAudio.Error.IOError, QtAudio.Error.FatalError):
                raise _failed(device, source.error().name)
            if source.state() == QtAudio.State.StoppedState:
                raise _failed(device, "stopped")
            data = data[: (wanted - frames) * bytes_per_frame]
            if data:
                samples = samples_from_pcm(data, sample_format)
                chunk_rms, chunk_peak = accumulator.add(samples)
                frames += len(samples) // channels
                if on_level is not None:
                    on_level(chunk_rms, chunk_peak)
            yield Progress(frames, wanted, RECORDING_STAGE)
            if frames < wanted and time.monotonic() > deadline:
                raise _failed(device, f"timeout: {frames} of {wanted} frames")
    finally:
        source.stop()
    return accumulator.result(frames / rate)


def tone_pcm(seconds: float, frequency: float, rate: int, channels: int, sample_format: str) -> bytes:
    """A sine at TONE_AMPLITUDE with short fades, interleaved over ``channels``, as native-endian PCM."""
    frames = max(1, round(seconds * rate))
    fade = max(1, min(round(TONE_FADE_S * rate), frames // 2))
    step = 2 * math.pi * frequency / rate
    values = []
    for n in range(frames):
        envelope = min(1.0, n / fade, (frames - 1 - n) / fade)
        values.extend([TONE_AMPLITUDE * envelope * math.sin(step * n)] * channels)
    if sample_format == "float32":
        return array("f", values).tobytes()
    return array("h", (round(v * 32767) for v in values)).tobytes()


def play_tone(
    device_id: str | None, seconds: float = 2.0, frequency: float = 440.0, cancel: CancelToken | None = None
) -> Generator[Progress, None, None]:
    """Play a test tone on an output (None: the default); the seller says whether it was heard.

    UserError "preflight.audio.no_device" / "preflight.audio.device_failed" as for ``record``; Cancelled stops the
    tone at once.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice
    from PySide6.QtMultimedia import QAudioSink, QtAudio

    device = _find(device_id, output=True)
    fmt, sample_format = _pcm_format(device)
    pcm = tone_pcm(seconds, frequency, fmt.sampleRate(), fmt.channelCount(), sample_format)
    buffer = QBuffer()
    buffer.setData(QByteArray(pcm))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    sink = QAudioSink(device, fmt)
    total_ms = round(seconds * 1000)
    started = time.monotonic()
    loop = QEventLoop()
    try:
        sink.start(buffer)
        while True:
            if cancel is not None and cancel.is_set:
                raise Cancelled
            if sink.error() in (QtAudio.Error.OpenError, QtAudio.Error.IOError, QtAudio.Error.FatalError):
                raise _failed(device, sink.error().name)
            _slice(loop)
            played_ms = min(total_ms, round(sink.processedUSecs() / 1000))
            yield Progress(played_ms, total_ms, TONE_STAGE)
            drained = buffer.atEnd() and sink.state() in (QtAudio.State.IdleState, QtAudio.State.StoppedState)
            if drained or played_ms >= total_ms:
                return
            if time.monotonic() - started > seconds + TIMEOUT_SLACK_S:
                raise _failed(device, f"timeout: {played_ms} of {total_ms} ms played")
    finally:
        sink.stop()
        buffer.close()
