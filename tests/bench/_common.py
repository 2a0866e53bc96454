"""Helpers shared by the benchmark scripts."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, **figures: Any) -> dict[str, Any]:
    """Print one JSON object (rounded) and return it."""
    rounded = {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}
    payload = {"benchmark": name, **rounded}
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    return payload


def median(values: list[float]) -> float:
    return statistics.median(values)
