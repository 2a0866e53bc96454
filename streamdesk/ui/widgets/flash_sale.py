"""A big flash-sale (秒杀) countdown: "Flash sale" and the seconds left, in tenths for the last ten seconds.

Usable alone (the Live page) and inside TimerDisplay (the presenter). It redraws with a Qt.PreciseTimer single shot
aimed at the moment the shown value changes (once a second, then ten times a second), shows itself while a
countdown runs and hides again a few seconds after the end or at once on cancel. ``refreshed`` carries the countdown
after every refresh, the final one included: connect it to ``CuePlayer.observe_flash_sale`` for the end cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from streamdesk.core.flash_sale import FlashSaleCountdown, FlashSalePhase
from streamdesk.ui.formatting import format_flash_sale
from streamdesk.ui.widgets.fitted_text import FittedText

AUTO_HIDE_MS = 5000  # how long "0.0" stays up after the end


@dataclass(frozen=True, slots=True)
class FlashSaleColours:
    background: QColor
    text: QColor


def flash_sale_colours(countdown: FlashSaleCountdown | None) -> FlashSaleColours:
    """Deep purple while it runs (apart from the timer's green, amber and red), pink for the last ten seconds,
    neutral once over. White text on each: contrast 6:1 or more."""
    if countdown is None or countdown.phase() is not FlashSalePhase.RUNNING:
        return FlashSaleColours(QColor("#37474F"), QColor("#FFFFFF"))
    if countdown.shows_tenths():
        return FlashSaleColours(QColor("#AD1457"), QColor("#FFFFFF"))
    return FlashSaleColours(QColor("#4A148C"), QColor("#FFFFFF"))


class FlashSaleWidget(QWidget):
    refreshed = Signal(object)  # the FlashSaleCountdown

    def __init__(self, parent: QWidget | None = None, *, auto_hide_ms: int = AUTO_HIDE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("flashSale")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._countdown: FlashSaleCountdown | None = None
        self._title = ""
        self._colours = flash_sale_colours(None)
        self.caption = FittedText(self, alignment=Qt.AlignmentFlag.AlignLeft, fill=0.7)
        self.digits = FittedText(self, sample="8:88", bold=True, alignment=Qt.AlignmentFlag.AlignRight, fill=0.86)
        self._layout = layout = QHBoxLayout(self)
        layout.setSpacing(0)
        layout.addWidget(self.caption, 5)
        layout.addWidget(self.digits, 4)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self.refresh)
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.setInterval(auto_hide_ms)
        self._hide_later.timeout.connect(self.hide)
        self._apply_colours(self._colours)
        self.hide()

    def countdown(self) -> FlashSaleCountdown | None:
        return self._countdown

    def set_countdown(self, countdown: FlashSaleCountdown | None, title: str = "") -> None:
        """Follow ``countdown`` (already started or started later: call refresh() after starting it); None clears."""
        self._countdown = countdown
        self._title = title
        self._hide_later.stop()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        countdown = self._countdown
        phase = countdown.phase() if countdown is not None else FlashSalePhase.IDLE
        if countdown is None or phase in (FlashSalePhase.IDLE, FlashSalePhase.CANCELLED):
            self._tick.stop()
            self.hide()
            if countdown is not None:
                self.refreshed.emit(countdown)
            return
        if phase is FlashSalePhase.FINISHED:
            caption = self.tr("Flash sale over")
        elif self._title:
            caption = self.tr("Flash sale: {title}").format(title=self._title)
        else:
            caption = self.tr("Flash sale")
        self.caption.set_text(caption)
        self.digits.set_text(format_flash_sale(countdown.remaining()))
        colours = flash_sale_colours(countdown)
        if colours != self._colours:
            self._apply_colours(colours)
        delay = countdown.next_change_in()
        if delay is None:
            self._tick.stop()
            if not self._hide_later.isActive() and not self.isHidden():
                self._hide_later.start()
        else:
            self._tick.start(max(1, math.ceil(delay * 1000)))
            self.show()
        self.refreshed.emit(countdown)

    def _apply_colours(self, colours: FlashSaleColours) -> None:
        self._colours = colours
        for part in (self.caption, self.digits):
            part.set_colours(colours.background, colours.text)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        margin = self.height() // 6
        self._layout.setContentsMargins(margin, 0, margin, 0)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        QPainter(self).fillRect(self.rect(), self._colours.background)
