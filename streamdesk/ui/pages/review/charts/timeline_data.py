"""The timeline's arrays, worked out from a ``Timeline`` once per ``set_data`` (numpy, no Qt): the viewers line as
sampled, and every flow summed into one-minute buckets aligned with the clock's minutes, which is how the platforms
export minute trends and how the app buckets its own orders. Second-level samples of a flow are too thin to read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from streamdesk.core.money import exponent
from streamdesk.core.review_types import LEVEL_SERIES, MONEY_SERIES, SERIES, SegmentBand, Timeline

MINUTE = 60.0
MAX_MINUTES = 7 * 24 * 60  # a stray sample days away must not make millions of buckets
SalesSource = Literal["orders", "platform", ""]


@dataclass(slots=True)
class TimelineArrays:
    """Arrays in seconds from the timeline's origin; money in major units of the show's currency."""

    seconds: np.ndarray  # sample times
    online: np.ndarray | None  # viewers at each sample (NaN where no platform said); None when no file had them
    phase: float  # seconds from the origin to the first whole clock minute
    first_minute: int  # bucket index of minute_starts[0]
    minute_starts: np.ndarray
    per_minute: dict[str, np.ndarray] = field(default_factory=dict)  # flow series by SERIES name, NaN = no data
    gmv: np.ndarray | None = None  # GMV per minute: the app's orders, else the platform's figure
    orders: np.ndarray | None = None
    sales_source: SalesSource = ""

    @property
    def has_data(self) -> bool:
        return self.online is not None or self.gmv is not None or bool(self.per_minute)

    def x_range(self) -> tuple[float, float]:
        ends = [float(self.seconds[0]), float(self.seconds[-1])] if len(self.seconds) else []
        if len(self.minute_starts):
            ends += [float(self.minute_starts[0]), float(self.minute_starts[-1]) + MINUTE]
        return (min(ends), max(ends)) if ends else (0.0, 3600.0)

    def minute_index(self, seconds: float) -> int | None:
        """Position in the per-minute arrays of the minute holding ``seconds``; None outside them."""
        index = math.floor((seconds - self.phase) / MINUTE) - self.first_minute
        return index if 0 <= index < len(self.minute_starts) else None

    def sample_index(self, seconds: float, tolerance: float) -> int | None:
        """The last sample at or before ``seconds`` if it is no older than ``tolerance``."""
        index = int(np.searchsorted(self.seconds, seconds, side="right")) - 1
        if index < 0 or seconds - float(self.seconds[index]) > tolerance:
            return None
        return index


def _finite_any(values: np.ndarray) -> bool:
    return bool(np.isfinite(values).any())


def minute_phase(timeline: Timeline) -> float:
    if timeline.origin is None:
        return 0.0
    origin = timeline.origin
    return (-(origin.second + origin.microsecond / 1e6)) % MINUTE


def _bucket(indices: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Sum per bucket; NaN for a bucket where no value was given (unknown is not zero)."""
    known = np.isfinite(values)
    sums = np.bincount(indices[known], weights=values[known], minlength=size)[:size]
    counts = np.bincount(indices[known], minlength=size)[:size]
    return np.where(counts > 0, sums, np.nan)


def prepare(timeline: Timeline, currency: str) -> TimelineArrays:
    """Everything the timeline draws and reads out, computed once."""
    seconds = np.asarray(timeline.seconds, dtype=np.float64)
    order_minutes = np.asarray(timeline.order_minutes, dtype=np.float64)
    phase = minute_phase(timeline)
    sample_buckets = np.floor((seconds - phase) / MINUTE).astype(np.int64)
    order_buckets = np.floor((order_minutes - phase) / MINUTE).astype(np.int64)
    both = np.concatenate((sample_buckets, order_buckets))
    first = int(both.min()) if len(both) else 0
    size = min(int(both.max()) - first + 1, MAX_MINUTES) if len(both) else 0
    arrays = TimelineArrays(
        seconds=seconds,
        online=None,
        phase=phase,
        first_minute=first,
        minute_starts=phase + MINUTE * (first + np.arange(size, dtype=np.float64)),
    )
    divisor = 10.0 ** exponent(currency)
    sample_positions = sample_buckets - first
    inside = (sample_positions >= 0) & (sample_positions < size)
    for name in SERIES:
        raw = timeline.series.get(name)
        if raw is None or len(raw) != len(seconds):
            continue
        values = np.asarray(raw, dtype=np.float64)
        if not _finite_any(values):
            continue
        if name in LEVEL_SERIES:
            if name == "online":
                arrays.online = values
            continue
        if name in MONEY_SERIES:
            values = values / divisor
        arrays.per_minute[name] = _bucket(sample_positions[inside], values[inside], size)
    counts = np.asarray(timeline.order_counts, dtype=np.float64)
    if len(order_minutes) and counts.sum() > 0:
        positions = order_buckets - first
        keep = (positions >= 0) & (positions < size)
        gmv = np.asarray(timeline.order_gmv_minor, dtype=np.float64) / divisor
        arrays.orders = np.nan_to_num(_bucket(positions[keep], counts[keep], size))
        arrays.gmv = np.nan_to_num(_bucket(positions[keep], gmv[keep], size))
        arrays.sales_source = "orders"
    elif "gmv_minor" in arrays.per_minute or "orders" in arrays.per_minute:
        arrays.gmv = arrays.per_minute.get("gmv_minor")
        arrays.orders = arrays.per_minute.get("orders")
        arrays.sales_source = "platform"
    return arrays


def step_edges(starts: np.ndarray) -> np.ndarray:
    """Bar edges of one-minute buckets for a stepMode="center" curve (one more edge than values)."""
    return np.append(starts, starts[-1] + MINUTE) if len(starts) else np.zeros(1)


def band_at(bands: tuple[SegmentBand, ...], seconds: float) -> int | None:
    for position, band in enumerate(bands):
        if band.start_seconds <= seconds < band.end_seconds:
            return position
    return None


def sample_tolerance(arrays: TimelineArrays) -> float:
    """How far back the last sample still counts as "now": one sampling step (a minute for minute trends)."""
    if len(arrays.seconds) < 2:
        return MINUTE
    step = float(np.median(np.diff(arrays.seconds[: min(len(arrays.seconds), 200)])))
    return max(step, 1.0) * 1.5 if math.isfinite(step) else MINUTE
