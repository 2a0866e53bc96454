"""The cue WAVs in resources are exactly what tools/make_cues.py makes, and each is short, 16-bit 44.1 kHz mono."""

from __future__ import annotations

import importlib.util
import io
import wave
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "streamdesk" / "resources" / "sounds"


def make_cues() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_cues", ROOT / "tools" / "make_cues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    return make_cues().cues()


def test_the_committed_cues_are_what_the_script_makes(generated: dict[str, bytes]) -> None:
    assert sorted(generated) == ["danger.wav", "flash_sale_end.wav", "time_up.wav", "warning.wav"]
    for name, data in generated.items():
        assert (SOUNDS / name).read_bytes() == data, f"{name} is stale: run python tools/make_cues.py"


@pytest.mark.parametrize("name", ["danger.wav", "flash_sale_end.wav", "time_up.wav", "warning.wav"])
def test_each_cue_is_short_quiet_at_the_edges_and_never_clips(generated: dict[str, bytes], name: str) -> None:
    with wave.open(io.BytesIO(generated[name])) as cue:
        assert (cue.getnchannels(), cue.getsampwidth(), cue.getframerate()) == (1, 2, 44_100)
        assert cue.getnframes() < 44_100  # under a second
        frames = cue.readframes(cue.getnframes())
    samples = memoryview(frames).cast("h")
    assert max(abs(value) for value in samples) <= int(0.71 * 32767)  # about -3 dBFS, headroom left
    assert abs(samples[0]) < 100 and abs(samples[-1]) < 100  # faded in and out: no click
