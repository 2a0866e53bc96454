"""Generate the live timer's audio cues: short, soft bell tones written as 16-bit 44.1 kHz mono WAV files.

    python tools/make_cues.py [--out DIR]      (default: streamdesk/resources/sounds)

Pure Python (math + wave), no randomness: running it again writes the same bytes, and a test checks that the
committed files are exactly what this script makes. Each cue is under a second, starts with a short fade-in (no
click) and peaks at about -3 dBFS; the app sets the volume.

- warning: two rising notes, E5 then A5 (a gentle "heads-up").
- danger: C6–A5 twice, quicker (more urgent, still tonal).
- time_up: an A major chord struck once, like a bell, ringing out.
- flash_sale_end: a quick rising C major arpeggio ending high (the sale is over).
"""

from __future__ import annotations

import argparse
import io
import math
import struct
import wave
from collections.abc import Sequence
from pathlib import Path

RATE = 44_100
PEAK = 0.7  # about -3 dBFS
ROOT = Path(__file__).resolve().parent.parent
SOUNDS = ROOT / "streamdesk" / "resources" / "sounds"

# Partials of a soft bell / marimba: (frequency ratio, relative amplitude, decay rate multiplier)
BELL = ((1.0, 1.0, 1.0), (2.0, 0.35, 1.8), (3.0, 0.12, 2.6), (4.16, 0.06, 3.5))

Note = tuple[float, float, float, float]  # start s, frequency Hz, length s, loudness 0..1


def note_frequency(name: str) -> float:
    """'A5' → 880.0 (equal temperament, A4 = 440 Hz); sharps as 'C#6'."""
    steps = {"C": -9, "C#": -8, "D": -7, "D#": -6, "E": -5, "F": -4, "F#": -3, "G": -2, "G#": -1, "A": 0, "A#": 1}
    steps["B"] = 2
    pitch, octave = name[:-1], int(name[-1])
    return 440.0 * 2 ** ((steps[pitch] + 12 * (octave - 4)) / 12)


def render(notes: Sequence[Note], total: float, decay: float) -> list[float]:
    """Mix bell-like notes into ``total`` seconds of samples in -1..1 (before normalising)."""
    count = round(total * RATE)
    mix = [0.0] * count
    attack = round(0.006 * RATE)
    for start, frequency, length, loudness in notes:
        first = round(start * RATE)
        span = min(count - first, round(length * RATE))
        release = min(span, round(0.03 * RATE))
        for i in range(span):
            t = i / RATE
            envelope = min(1.0, i / attack) * min(1.0, (span - i) / release)
            value = sum(
                amplitude * math.exp(-decay * rate * t) * math.sin(2 * math.pi * frequency * ratio * t)
                for ratio, amplitude, rate in BELL
                if frequency * ratio < RATE / 2
            )
            mix[first + i] += loudness * envelope * value
    return mix


def to_wav(samples: Sequence[float]) -> bytes:
    peak = max(abs(value) for value in samples) or 1.0
    frames = b"".join(struct.pack("<h", round(value / peak * PEAK * 32767)) for value in samples)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return buffer.getvalue()


def cues() -> dict[str, bytes]:
    """File name → WAV bytes for every cue."""
    n = note_frequency
    danger = [
        (0.0, n("C6"), 0.14, 1.0),
        (0.12, n("A5"), 0.14, 0.9),
        (0.3, n("C6"), 0.14, 1.0),
        (0.42, n("A5"), 0.2, 0.9),
    ]
    arpeggio = [(0.0, n("C5"), 0.3, 0.7), (0.08, n("E5"), 0.3, 0.75), (0.16, n("G5"), 0.3, 0.8)]
    return {
        "warning.wav": to_wav(render([(0.0, n("E5"), 0.25, 0.8), (0.2, n("A5"), 0.4, 1.0)], 0.6, 5.0)),
        "danger.wav": to_wav(render(danger, 0.62, 7.0)),
        "time_up.wav": to_wav(
            render([(0.0, n("A5"), 0.9, 1.0), (0.0, n("C#6"), 0.9, 0.7), (0.0, n("E6"), 0.9, 0.6)], 0.9, 3.2)
        ),
        "flash_sale_end.wav": to_wav(render([*arpeggio, (0.24, n("C6"), 0.46, 1.0)], 0.7, 4.0)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tools/make_cues.py", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--out", type=Path, default=SOUNDS, help="folder for the WAV files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in cues().items():
        (args.out / name).write_bytes(data)
        print(f"{args.out / name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
