"""The flash-sale (秒杀) countdown: 10 to 300 seconds, shown with tenths of a second in its last ten seconds (no Qt).

Like the live timer it stores only when it started and reads the injected clock, so nothing drifts however rarely
the screen asks. The clock is float seconds (the live timer's ShowClock in the app, a number moved by hand in tests).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum

from streamdesk.core.errors import UserError

MIN_SECONDS = 10
MAX_SECONDS = 300
TENTHS_FROM = 10.0  # seconds left from which the countdown is shown in tenths


class FlashSalePhase(StrEnum):
    IDLE = "idle"  # made, not started yet
    RUNNING = "running"
    FINISHED = "finished"  # ran to zero
    CANCELLED = "cancelled"


class FlashSaleCountdown:
    def __init__(self, seconds: int, clock: Callable[[], float]) -> None:
        """A countdown of ``seconds`` (10 to 300); UserError("flash_sale.duration") outside that range."""
        if not MIN_SECONDS <= seconds <= MAX_SECONDS:
            raise UserError("flash_sale.duration", seconds=seconds, minimum=MIN_SECONDS, maximum=MAX_SECONDS)
        self.seconds = seconds
        self._clock = clock
        self._started_at: float | None = None
        self._cancelled = False

    @property
    def started_at(self) -> float | None:
        """Clock seconds of the latest start; None before the first. Tells one run of the countdown from the next."""
        return self._started_at

    def phase(self) -> FlashSalePhase:
        if self._started_at is None:
            return FlashSalePhase.IDLE
        if self._cancelled:
            return FlashSalePhase.CANCELLED
        if self._clock() - self._started_at >= self.seconds:
            return FlashSalePhase.FINISHED
        return FlashSalePhase.RUNNING

    @property
    def running(self) -> bool:
        return self.phase() is FlashSalePhase.RUNNING

    @property
    def finished(self) -> bool:
        return self.phase() is FlashSalePhase.FINISHED

    def start(self) -> None:
        """Start from the full length; a finished or cancelled countdown starts over. Refused while it runs, so a
        second press of the key cannot restart a sale the audience is already counting down."""
        if self.running:
            raise UserError("flash_sale.already_running")
        self._started_at = self._clock()
        self._cancelled = False

    def cancel(self) -> None:
        """Stop a running countdown (no end cue follows); does nothing otherwise."""
        if self.running:
            self._cancelled = True

    def remaining(self) -> float:
        """Seconds left: the full length before the start and after a cancel, 0 once finished."""
        phase = self.phase()
        if phase is FlashSalePhase.RUNNING and self._started_at is not None:
            return self.seconds - (self._clock() - self._started_at)
        return 0.0 if phase is FlashSalePhase.FINISHED else float(self.seconds)

    def shows_tenths(self) -> bool:
        """Whether the display counts in tenths now (the last ten seconds of a running countdown, and its end)."""
        return self.phase() is FlashSalePhase.FINISHED or (self.running and self.remaining() <= TENTHS_FROM)

    def next_change_in(self) -> float | None:
        """Seconds until the shown value next changes (a whole second, or a tenth in the last ten seconds);
        None when it will not change by itself (not running)."""
        if not self.running:
            return None
        left = self.remaining()
        if left <= TENTHS_FROM:
            shown_tenths = math.ceil(round(left * 10, 6))
            return max(0.0, left - (shown_tenths - 1) / 10)
        shown = math.ceil(round(left, 6))
        return max(0.0, left - (shown - 1))
