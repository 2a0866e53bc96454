"""The live timer as the host reads it from two metres away: the current segment's time in big digits on a background
coloured by phase, the segment's title, the next one, and a footer with the show clock, over/under and the projected
end. The presenter window is this widget full-size; the Live page can embed it too.

Refresh: a Qt.PreciseTimer single shot aimed at the next moment any shown text changes (the digits' second, the
show clock's second, the over/under in overtime, the projected end's minute while paused or over time), computed from
the TimerState itself; nothing is redrawn on a fixed tick, and only the texts that changed repaint. The state is read
from ``timer_source`` each time (the timer is a pure fold over its events and clock), so no error accumulates.
Call refresh() after every command for an instant redraw; ``refreshed`` carries each new state (feed CuePlayer.observe).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from streamdesk.core.flash_sale import FlashSaleCountdown
from streamdesk.core.live_timer import Phase, TimerState
from streamdesk.ui.formatting import countdown_second, format_duration, format_timer
from streamdesk.ui.widgets.fitted_text import FittedText
from streamdesk.ui.widgets.flash_sale import FlashSaleWidget

OVERTIME_FLASH_SECONDS = 6  # the background alternates bright/deep red for the first seconds of overtime
MAX_WAIT_MS = 60_000


@dataclass(frozen=True, slots=True)
class PhaseColours:
    background: QColor
    text: QColor  # digits and titles
    secondary: QColor  # next segment, footer; still ≥ 4.5:1 on the background


_COLOURS = {
    Phase.READY: ("#1F2329", "#F5F7FA", "#B8C0CA"),
    Phase.NORMAL: ("#0B4F33", "#FFFFFF", "#CBE9D9"),
    Phase.WARNING: ("#FFB300", "#141414", "#3A2A00"),
    Phase.DANGER: ("#C62828", "#FFFFFF", "#FFE3E3"),
    Phase.OVERTIME: ("#5A0000", "#FFFFFF", "#FFC9C9"),
    Phase.FINISHED: ("#263238", "#F5F7FA", "#B8C4CA"),
}
_FLASH = _COLOURS[Phase.DANGER]  # overtime starts by flashing between danger red and deep red


def phase_colours(phase: Phase, *, flash: bool = False) -> PhaseColours:
    """Background and text colours of a phase; ``flash`` is the bright half of the overtime flash."""
    background, text, secondary = _FLASH if flash and phase is Phase.OVERTIME else _COLOURS[phase]
    return PhaseColours(QColor(background), QColor(text), QColor(secondary))


def overtime_flash(state: TimerState) -> bool:
    """Whether the overtime background is in its bright half now (even seconds of the first few, while running)."""
    over = -countdown_second(state.remaining)
    return state.phase is Phase.OVERTIME and state.running and over < OVERTIME_FLASH_SECONDS and over % 2 == 0


def _to_next_whole(value: float) -> float:
    """Seconds until a value rising at one per second reaches its next whole number."""
    return math.floor(round(value, 6)) + 1 - value


def next_change_in(state: TimerState) -> float | None:
    """Seconds (of the timer's clock) until any text of the display changes by itself; None if nothing will."""
    if state.phase is Phase.FINISHED:
        return None
    overtime = state.phase is Phase.OVERTIME
    delays = []
    if state.running:
        delays.append(state.remaining - (countdown_second(state.remaining) - 1))
        delays.append(_to_next_whole(state.show_elapsed))
        if overtime:
            delays.append(_to_next_whole(state.over_under))
    if overtime or not state.running:  # the projected end moves with the clock: its minute may turn
        delays.append(60 - state.projected_end % 60)
    return max(0.0, min(delays))


def local_clock_time(clock_seconds: float) -> str:
    """The timer's clock (wall time since the epoch in production) as local "HH:MM"."""
    return datetime.fromtimestamp(clock_seconds).strftime("%H:%M")


class TimerDisplay(QWidget):
    refreshed = Signal(object)  # the TimerState just shown

    def __init__(
        self, timer_source: Callable[[], TimerState], titles: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._timer_source = timer_source
        self._titles = tuple(titles)
        self._compact = False
        self._colours = phase_colours(Phase.READY)
        self._dimmed = False  # paused or ended: the digits in the dimmer colour
        self.state: TimerState | None = None  # the state last shown

        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        self.position = FittedText(self, alignment=left, fill=0.75)
        self.status = FittedText(self, alignment=right, fill=0.75)
        self.title = FittedText(self, fill=0.85)
        self.digits = FittedText(self, sample="+88:88", bold=True, fill=0.9)
        self.flash_sale = FlashSaleWidget(self)
        self.next_title = FittedText(self, fill=0.75)
        self.show_clock = FittedText(self, alignment=left, fill=0.75)
        self.over_under = FittedText(self, fill=0.75)
        self.projected_end = FittedText(self, alignment=right, fill=0.75)

        self._top = QWidget(self)
        top = QHBoxLayout(self._top)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.position, 1)
        top.addWidget(self.status, 1)
        self._footer = QWidget(self)
        footer = QHBoxLayout(self._footer)
        footer.setContentsMargins(0, 0, 0, 0)
        for part in (self.show_clock, self.over_under, self.projected_end):
            footer.addWidget(part, 1)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(0)
        for widget, stretch in (
            (self._top, 6),
            (self.title, 11),
            (self.digits, 46),
            (self.flash_sale, 22),
            (self.next_title, 8),
            (self._footer, 6),
        ):
            self._layout.addWidget(widget, stretch)

        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers may fire 5 % late: a visible lag
        self._tick.timeout.connect(self.refresh)
        self._apply_colours()
        self.refresh()

    # --- public -----------------------------------------------------------------------------------------------
    def set_titles(self, titles: Sequence[str]) -> None:
        self._titles = tuple(titles)
        self.refresh()

    def set_compact(self, compact: bool) -> None:
        """Compact: only the title and the digits (a small always-on-top window)."""
        self._compact = compact
        for part in (self._top, self.next_title, self._footer):
            part.setVisible(not compact)
        self._layout.setStretchFactor(self.title, 8 if compact else 11)

    def is_compact(self) -> bool:
        return self._compact

    def set_flash_sale(self, countdown: FlashSaleCountdown | None, title: str = "") -> None:
        self.flash_sale.set_countdown(countdown, title)

    def colours(self) -> PhaseColours:
        return self._colours

    def scheduled_in_ms(self) -> int | None:
        """Milliseconds until the next refresh is due; None when none is scheduled (the show has ended)."""
        return self._tick.remainingTime() if self._tick.isActive() else None

    @Slot()
    def refresh(self) -> TimerState:
        """Read the timer, update what changed and aim the next refresh at the next change."""
        state = self._timer_source()
        self._show(state)
        delay = next_change_in(state)
        if delay is None:
            self._tick.stop()
        else:
            self._tick.start(min(MAX_WAIT_MS, max(1, math.ceil(delay * 1000))))
        self.refreshed.emit(state)
        return state

    # --- rendering --------------------------------------------------------------------------------------------
    def _show(self, state: TimerState) -> None:
        self.state = state
        count = len(self._titles)
        colours = phase_colours(state.phase, flash=overtime_flash(state))
        paused = state.phase not in (Phase.READY, Phase.FINISHED) and not state.running
        dimmed = paused or state.phase is Phase.FINISHED
        if colours != self._colours or dimmed != self._dimmed:
            self._colours, self._dimmed = colours, dimmed
            self._apply_colours()
        shown = countdown_second(state.remaining)
        self.digits.set_sample("+8:88:88" if abs(shown) >= 3600 else "+88:88")
        self.digits.set_text(format_timer(state.remaining))
        self.title.set_text(self._titles[state.segment] if 0 <= state.segment < count else "")
        self.position.set_text(self.tr("Segment {number} of {count}").format(number=state.segment + 1, count=count))
        self.status.set_text(self._status_text(state, paused))
        if state.phase is Phase.FINISHED:
            self.next_title.set_text("")
        elif state.segment + 1 < count:
            self.next_title.set_text(self.tr("Next: {title}").format(title=self._titles[state.segment + 1]))
        else:
            self.next_title.set_text(self.tr("Last segment"))
        self.show_clock.set_text(self.tr("On air {time}").format(time=format_duration(math.floor(state.show_elapsed))))
        self.over_under.set_text(self._over_under_text(state.over_under))
        end = local_clock_time(state.projected_end)
        if state.phase is Phase.FINISHED:
            self.projected_end.set_text(self.tr("Ended {time}").format(time=end))
        else:
            self.projected_end.set_text(self.tr("Ends {time}").format(time=end))

    def _status_text(self, state: TimerState, paused: bool) -> str:
        if paused:
            return self.tr("Paused")
        texts = {
            Phase.READY: self.tr("Press Space to start"),
            Phase.NORMAL: "",
            Phase.WARNING: self.tr("Start wrapping up"),
            Phase.DANGER: self.tr("Wrap up now"),
            Phase.OVERTIME: self.tr("Over time"),
            Phase.FINISHED: self.tr("Show ended"),
        }
        return texts[state.phase]

    def _over_under_text(self, over_under: float) -> str:
        seconds = math.floor(round(over_under, 6))
        if seconds > 0:
            return self.tr("{time} behind").format(time=format_duration(seconds))
        if seconds < 0:
            return self.tr("{time} ahead").format(time=format_duration(-seconds))
        return self.tr("On schedule")

    def _apply_colours(self) -> None:
        colours = self._colours
        for part in (self.title, self.status):
            part.set_colours(colours.background, colours.text)
        # a stopped clock (paused, ended) in the dimmer colour: a glance tells it from a running one
        self.digits.set_colours(colours.background, colours.secondary if self._dimmed else colours.text)
        for part in (self.position, self.next_title, self.show_clock, self.over_under, self.projected_end):
            part.set_colours(colours.background, colours.secondary)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        margin = max(4, min(self.width(), self.height()) // 30)
        self._layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), self._colours.background)
