"""The dBFS arithmetic on generated signals, and the microphone verdict at and around every threshold."""

from __future__ import annotations

import json
import math
from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streamdesk.config import PreflightSettings
from streamdesk.core.preflight_types import AudioLevels
from streamdesk.core.probes.levels import (
    LevelAccumulator,
    audio_verdict,
    dbfs,
    levels,
    levels_from_pcm,
    samples_from_pcm,
)
from streamdesk.models.base import CheckStatus

RATE = 48_000


def sine(amplitude: float, seconds: float = 1.0, frequency: float = 440.0, rate: int = RATE) -> list[float]:
    return [amplitude * math.sin(2 * math.pi * frequency * n / rate) for n in range(round(seconds * rate))]


def test_a_full_scale_sine_peaks_at_0_dbfs_with_its_rms_3_db_lower() -> None:
    measured = levels(sine(1.0), 1.0)
    assert measured.peak_dbfs == pytest.approx(0.0, abs=0.01)
    assert measured.rms_dbfs == pytest.approx(-3.01, abs=0.01)
    assert measured.samples == RATE


def test_a_half_scale_sine_reads_minus_6_peak_and_minus_9_rms() -> None:
    measured = levels(sine(0.5), 1.0)
    assert measured.peak_dbfs == pytest.approx(-6.02, abs=0.01)
    assert measured.rms_dbfs == pytest.approx(-9.03, abs=0.01)
    assert measured.clipped_samples == 0


def test_digital_silence_is_minus_infinity_and_never_clipped() -> None:
    measured = levels([0.0] * 1000, 0.5)
    assert measured.peak_dbfs == -math.inf
    assert measured.rms_dbfs == -math.inf
    assert (measured.clipped_samples, measured.samples, measured.seconds) == (0, 1000, 0.5)


def test_no_samples_at_all_read_as_silence() -> None:
    assert levels([], 0.0).peak_dbfs == -math.inf


def test_every_sample_at_full_scale_counts_as_clipped() -> None:
    square = [1.0, -1.0, 1.0, -1.0, 0.5, -0.99]
    measured = levels(square, 0.1)
    assert measured.clipped_samples == 4
    assert measured.peak_dbfs == 0.0


def test_a_sine_driven_past_full_scale_reports_its_flattened_tops() -> None:
    overdriven = [max(-1.0, min(1.0, s)) for s in sine(1.5, seconds=0.1)]
    measured = levels(overdriven, 0.1)
    assert measured.clipped_samples > len(overdriven) // 4


@given(st.floats(min_value=0.01, max_value=1.0))
def test_scaling_a_signal_shifts_both_levels_by_its_gain_in_db(gain: float) -> None:
    base = sine(0.9, seconds=0.05)
    louder = levels([gain * s for s in base], 0.05)
    reference = levels(base, 0.05)
    assert louder.peak_dbfs - reference.peak_dbfs == pytest.approx(dbfs(gain), abs=1e-6)
    assert louder.rms_dbfs - reference.rms_dbfs == pytest.approx(dbfs(gain), abs=1e-6)


def test_chunks_accumulate_to_the_levels_of_the_whole_recording() -> None:
    signal = sine(0.3, seconds=0.5) + sine(0.8, seconds=0.5)
    accumulator = LevelAccumulator()
    chunk_peaks = [accumulator.add(signal[i : i + 4800])[1] for i in range(0, len(signal), 4800)]
    whole = levels(signal, 1.0)
    combined = accumulator.result(1.0)
    assert combined.rms_dbfs == pytest.approx(whole.rms_dbfs, abs=1e-9)
    assert (combined.samples, combined.peak_dbfs) == (whole.samples, whole.peak_dbfs)
    assert chunk_peaks[0] == pytest.approx(dbfs(0.3), abs=0.01)  # each chunk's own level, for the live meter
    assert chunk_peaks[-1] == pytest.approx(dbfs(0.8), abs=0.01)


def test_int16_pcm_is_scaled_by_32768_and_both_extremes_count_as_clipped() -> None:
    pcm = array("h", [16384, -16384, 32767, -32768, 0]).tobytes()
    samples = samples_from_pcm(pcm, "int16")
    assert list(samples) == [0.5, -0.5, 32767 / 32768, -1.0, 0.0]
    measured = levels_from_pcm(pcm, "int16", channels=1, rate=5)
    assert measured.clipped_samples == 2
    assert measured.peak_dbfs == 0.0
    assert measured.seconds == 1.0


def test_float32_stereo_pcm_counts_seconds_in_frames() -> None:
    left_right = array("f")
    for s in sine(0.5, seconds=0.25):
        left_right.extend((s, 0.0))
    measured = levels_from_pcm(left_right.tobytes(), "float32", channels=2, rate=RATE)
    assert measured.seconds == pytest.approx(0.25)
    assert measured.samples == 2 * RATE // 4
    assert measured.peak_dbfs == pytest.approx(-6.02, abs=0.01)


def test_a_trailing_partial_sample_is_dropped_not_misread() -> None:
    pcm = array("f", [0.25, -0.25]).tobytes() + b"\x01\x02"
    assert list(samples_from_pcm(pcm, "float32")) == [0.25, -0.25]


def test_an_unknown_sample_format_or_a_bad_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported sample format"):
        samples_from_pcm(b"\x00" * 8, "int24")
    with pytest.raises(ValueError, match="must be positive"):
        levels_from_pcm(b"\x00" * 8, "int16", channels=0, rate=48_000)


# --- the verdict --------------------------------------------------------------------------------------------------
def peaking_at(peak: float, clipped: int = 0) -> AudioLevels:
    return AudioLevels(rms_dbfs=peak - 3.0, peak_dbfs=peak, clipped_samples=clipped, samples=240_000, seconds=5.0)


def test_no_device_fails_with_its_own_code() -> None:
    outcome = audio_verdict(None, PreflightSettings())
    assert (outcome.status, outcome.code, outcome.value, outcome.measured) == (
        CheckStatus.FAILED,
        "preflight.audio.no_device",
        "",
        (),
    )


@pytest.mark.parametrize(
    ("peak", "status", "code", "direction"),
    [
        (-math.inf, CheckStatus.FAILED, "preflight.audio.silent", "up"),
        (-50.01, CheckStatus.FAILED, "preflight.audio.silent", "up"),
        (-50.0, CheckStatus.WARNING, "preflight.audio.too_quiet", "up"),
        (-30.01, CheckStatus.WARNING, "preflight.audio.too_quiet", "up"),
        (-30.0, CheckStatus.PASSED, "preflight.audio.acceptable", "up"),
        (-20.01, CheckStatus.PASSED, "preflight.audio.acceptable", "up"),
        (-20.0, CheckStatus.PASSED, "preflight.audio.good", ""),
        (-14.0, CheckStatus.PASSED, "preflight.audio.good", ""),
        (-9.0, CheckStatus.PASSED, "preflight.audio.good", ""),
        (-8.99, CheckStatus.PASSED, "preflight.audio.acceptable", "down"),
        (-3.0, CheckStatus.PASSED, "preflight.audio.acceptable", "down"),
        (-2.99, CheckStatus.WARNING, "preflight.audio.clipping", "down"),
        (0.0, CheckStatus.WARNING, "preflight.audio.clipping", "down"),
    ],
)
def test_the_verdict_at_and_around_each_default_threshold(
    peak: float, status: CheckStatus, code: str, direction: str
) -> None:
    outcome = audio_verdict(peaking_at(peak), PreflightSettings())
    fields = dict(outcome.fields)
    assert (outcome.status, outcome.code, fields["direction"]) == (status, code, direction)


def test_clipped_samples_warn_even_when_the_peak_is_below_the_clip_threshold() -> None:
    outcome = audio_verdict(peaking_at(-12.0, clipped=3), PreflightSettings())
    assert (outcome.status, outcome.code) == (CheckStatus.WARNING, "preflight.audio.clipping")
    assert dict(outcome.fields)["clipped"] == 3
    assert dict(outcome.fields)["adjust_db"].startswith("-")


def test_the_thresholds_come_from_the_settings() -> None:
    strict = PreflightSettings(silent_below_dbfs=-60, quiet_below_dbfs=-40, good_low_dbfs=-30, good_high_dbfs=-20)
    assert audio_verdict(peaking_at(-55.0), strict).code == "preflight.audio.too_quiet"
    assert audio_verdict(peaking_at(-25.0), strict).code == "preflight.audio.good"
    assert audio_verdict(peaking_at(-15.0), strict).code == "preflight.audio.acceptable"
    assert audio_verdict(peaking_at(-25.0), PreflightSettings()).code == "preflight.audio.acceptable"


def test_the_fields_say_how_far_to_move_the_gain_towards_the_middle_of_the_good_range() -> None:
    quiet = dict(audio_verdict(peaking_at(-25.0), PreflightSettings()).fields)
    assert (quiet["adjust_db"], quiet["direction"]) == ("+10", "up")  # the middle of -20…-9 is -14.5
    loud = dict(audio_verdict(peaking_at(-6.0), PreflightSettings()).fields)
    assert (loud["adjust_db"], loud["direction"]) == ("-8", "down")
    good = dict(audio_verdict(peaking_at(-12.0), PreflightSettings()).fields)
    assert (good["adjust_db"], good["direction"]) == ("", "")
    assert (good["good_low"], good["good_high"], good["peak_dbfs"], good["rms_dbfs"]) == (-20.0, -9.0, -12.0, -15.0)


def test_silence_is_stored_as_finite_numbers_so_the_result_stays_valid_json() -> None:
    outcome = audio_verdict(levels([0.0] * 100, 1.0), PreflightSettings())
    assert outcome.value == "-∞ dBFS"
    json.dumps({"measured": outcome.measured, "fields": outcome.fields}, allow_nan=False)
    assert dict(outcome.measured)["peak_dbfs"] == -120.0
    assert dict(outcome.fields)["adjust_db"] == ""


def test_the_headline_is_the_peak_with_its_unit() -> None:
    outcome = audio_verdict(peaking_at(-12.345), PreflightSettings())
    assert outcome.value == "-12.3 dBFS"
    assert dict(outcome.measured) == {"peak_dbfs": -12.3, "rms_dbfs": -15.3, "clipped_samples": 0.0, "seconds": 5.0}
