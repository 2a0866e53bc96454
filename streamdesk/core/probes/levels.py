"""Audio levels in dBFS and the microphone verdict: pure arithmetic on samples, no Qt.

Samples are floats in [-1, 1] (0 dBFS is a full-scale square wave's peak, so a full-scale sine has an RMS of
-3.01 dBFS). int16 PCM is scaled by 1/32768, the usual convention, so -32768 reads as exactly -1.0.
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Sequence

from streamdesk.config import PreflightSettings
from streamdesk.core.preflight_types import AudioLevels, ProbeOutcome
from streamdesk.models.base import CheckStatus

SAMPLE_FORMATS = ("float32", "int16")
INT16_SCALE = 32768.0
# At or beyond this magnitude a sample counts as clipped: int16's largest positive value (32767 / 32768) included.
CLIP_MAGNITUDE = 32767.0 / 32768.0
# What measured values and message fields say for digital silence (-inf): JSON has no infinity.
SILENCE_FLOOR_DBFS = -120.0

NO_DEVICE = "preflight.audio.no_device"
SILENT = "preflight.audio.silent"
TOO_QUIET = "preflight.audio.too_quiet"
CLIPPING = "preflight.audio.clipping"
GOOD = "preflight.audio.good"
ACCEPTABLE = "preflight.audio.acceptable"
DEVICE_FAILED = "preflight.audio.device_failed"


def dbfs(amplitude: float) -> float:
    """20·log10 of a linear amplitude (1.0 = full scale); -inf for 0."""
    return 20.0 * math.log10(amplitude) if amplitude > 0 else -math.inf


class LevelAccumulator:
    """Running RMS, peak and clipped count over chunks, so a recording is never held in memory whole."""

    __slots__ = ("_clipped", "_count", "_peak", "_sum_squares")

    def __init__(self) -> None:
        self._sum_squares = 0.0
        self._peak = 0.0
        self._clipped = 0
        self._count = 0

    def add(self, samples: Sequence[float]) -> tuple[float, float]:
        """Take a chunk of float samples; returns the chunk's own (rms dBFS, peak dBFS) for a live meter."""
        if not samples:
            return -math.inf, -math.inf
        squares = math.fsum(map(operator.mul, samples, samples))
        peak = max(max(samples), -min(samples))
        self._sum_squares += squares
        self._peak = max(self._peak, peak)
        if peak >= CLIP_MAGNITUDE:
            self._clipped += sum(1 for s in samples if s >= CLIP_MAGNITUDE or s <= -CLIP_MAGNITUDE)
        self._count += len(samples)
        return dbfs(math.sqrt(squares / len(samples))), dbfs(peak)

    def result(self, seconds: float) -> AudioLevels:
        rms = math.sqrt(self._sum_squares / self._count) if self._count else 0.0
        return AudioLevels(
            rms_dbfs=dbfs(rms),
            peak_dbfs=dbfs(self._peak),
            clipped_samples=self._clipped,
            samples=self._count,
            seconds=seconds,
        )


def levels(samples: Sequence[float] | array[float], seconds: float) -> AudioLevels:
    """RMS and peak of float samples in [-1, 1] (all channels interleaved count alike)."""
    accumulator = LevelAccumulator()
    accumulator.add(samples)
    return accumulator.result(seconds)


def samples_from_pcm(data: bytes, sample_format: str) -> Sequence[float]:
    """Native-endian PCM bytes as float samples in [-1, 1]; a trailing partial sample is dropped."""
    if sample_format == "float32":
        floats = array("f")
        floats.frombytes(data[: len(data) - len(data) % 4])
        return floats
    if sample_format == "int16":
        ints = array("h")
        ints.frombytes(data[: len(data) - len(data) % 2])
        return array("d", (s / INT16_SCALE for s in ints))
    raise ValueError(f"unsupported sample format {sample_format!r}; expected one of {SAMPLE_FORMATS}")


def levels_from_pcm(data: bytes, sample_format: str, channels: int, rate: int) -> AudioLevels:
    """Levels of interleaved PCM ("float32" or "int16", native byte order); seconds from the frame count."""
    if channels < 1 or rate < 1:
        raise ValueError(f"channels ({channels}) and rate ({rate}) must be positive")
    samples = samples_from_pcm(data, sample_format)
    return levels(samples, (len(samples) // channels) / rate)


def _number(value_dbfs: float) -> float:
    """A dBFS figure for stored numbers and message fields: one decimal, the floor instead of -inf."""
    return round(max(value_dbfs, SILENCE_FLOOR_DBFS), 1)


def _headline(peak_dbfs: float) -> str:
    """The table's value column: the peak with its unit, language-neutral."""
    return "-∞ dBFS" if peak_dbfs == -math.inf else f"{peak_dbfs:.1f} dBFS"


def _signed(change_db: float) -> str:
    """ "+6" / "-4": how far to move the gain, with the sign saying which way (no word to glue into a sentence)."""
    return f"{change_db:+.0f}"


def audio_verdict(levels: AudioLevels | None, settings: PreflightSettings) -> ProbeOutcome:
    """Judge a recording by its peak against the thresholds in ``settings`` (see messages "preflight.audio.*").

    None (no input device) and silence fail; too quiet and clipping risk warn; the good range passes, and so do the
    bands between "too quiet" and "good" and between "good" and "clipping", with the gain change that would centre it.
    Every outcome but no_device carries the fields peak_dbfs, rms_dbfs, clipped, seconds, the five thresholds,
    adjust_db (signed text, "+6") and direction ("up", "down" or "" when the level is good).
    """
    if levels is None:
        return ProbeOutcome(CheckStatus.FAILED, "", (), NO_DEVICE, ())
    peak = levels.peak_dbfs
    target = (settings.good_low_dbfs + settings.good_high_dbfs) / 2
    change = target - peak
    if peak < settings.silent_below_dbfs:
        status, code = CheckStatus.FAILED, SILENT
    elif peak < settings.quiet_below_dbfs:
        status, code = CheckStatus.WARNING, TOO_QUIET
    elif levels.clipped_samples > 0 or peak > settings.clip_above_dbfs:
        status, code = CheckStatus.WARNING, CLIPPING
        change = min(change, -1.0)  # clipped samples below the threshold still need the gain down a little
    elif settings.good_low_dbfs <= peak <= settings.good_high_dbfs:
        status, code = CheckStatus.PASSED, GOOD
    else:
        status, code = CheckStatus.PASSED, ACCEPTABLE
    direction = "" if code == GOOD else ("up" if change > 0 else "down")  # -inf peak: change is +inf, "up"
    measured: tuple[tuple[str, float | str], ...] = (
        ("peak_dbfs", _number(peak)),
        ("rms_dbfs", _number(levels.rms_dbfs)),
        ("clipped_samples", float(levels.clipped_samples)),
        ("seconds", round(levels.seconds, 2)),
    )
    fields: tuple[tuple[str, str | int | float], ...] = (
        ("peak_dbfs", _number(peak)),
        ("rms_dbfs", _number(levels.rms_dbfs)),
        ("clipped", levels.clipped_samples),
        ("seconds", round(levels.seconds, 1)),
        ("silent_below", settings.silent_below_dbfs),
        ("quiet_below", settings.quiet_below_dbfs),
        ("good_low", settings.good_low_dbfs),
        ("good_high", settings.good_high_dbfs),
        ("clip_above", settings.clip_above_dbfs),
        ("adjust_db", "" if code in (GOOD, SILENT) else _signed(change)),  # from silence no change is knowable
        ("direction", direction),
    )
    return ProbeOutcome(status, _headline(peak), measured, code, fields)
