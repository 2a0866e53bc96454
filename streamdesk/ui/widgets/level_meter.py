"""A microphone level meter readable at a glance: an RMS bar, a peak line with a held maximum, and the pre-flight
thresholds drawn as zones behind it (grey: silent, amber: too quiet or on the loud side, green: the good range,
red: clipping risk) over a dBFS scale.

Feed it ``set_levels(rms_dbfs, peak_dbfs)`` on the GUI thread (the audio probe calls back on its worker thread, so the
page queues the readings). The held peak stays for ``HOLD_SECONDS`` and then follows the live peak down; the hold
is judged by the injected ``clock`` at each reading, so a meter that stops receiving keeps showing the last maximum.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from streamdesk.config import PreflightSettings

HOLD_SECONDS = 1.5
SCALE_STEP_DB = 10
BAR_HEIGHT = 22
MARGIN = 4


class Zone(StrEnum):
    SILENT = "silent"
    AMBER = "amber"
    GREEN = "green"
    RED = "red"


# (faint track, bright fill): the fill keeps ≥ 3:1 against the window background for the bar's shape to read
_ZONE_COLOURS = {
    Zone.SILENT: ("#E3E6EA", "#8A939E"),
    Zone.AMBER: ("#FCEBC2", "#E39A00"),
    Zone.GREEN: ("#CDEBD9", "#1E8E4E"),
    Zone.RED: ("#F8D0D0", "#C62828"),
}
HOLD_COLOUR = "#1F2329"


def format_dbfs(value: float) -> str:
    """ "-12.3"; "-∞" for digital silence (no signal at all)."""
    return "-∞" if value == -math.inf else f"{value:.1f}"


class LevelMeter(QWidget):
    def __init__(
        self,
        settings: PreflightSettings,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._settings = settings
        self.rms_dbfs = -math.inf
        self.peak_dbfs = -math.inf
        self.peak_hold_dbfs = -math.inf
        self._held_at = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)
        self.setAccessibleName(self.tr("Microphone level"))
        self.set_thresholds(settings)
        self._describe()

    # --- API -----------------------------------------------------------------------------------------------------
    def set_thresholds(self, settings: PreflightSettings) -> None:
        """Redraw the zones for new thresholds (the settings dialog changed them)."""
        self._settings = settings
        self.floor_dbfs = float(min(-60, SCALE_STEP_DB * math.floor((settings.silent_below_dbfs - 10) / SCALE_STEP_DB)))
        self.setToolTip(
            self.tr(
                "Green: good level ({low} to {high} dBFS). Amber: too quiet or on the loud side. "
                "Red: risk of clipping (above {clip} dBFS). The thin line holds the highest peak."
            ).format(
                low=f"{settings.good_low_dbfs:g}",
                high=f"{settings.good_high_dbfs:g}",
                clip=f"{settings.clip_above_dbfs:g}",
            )
        )
        self.update()

    def set_levels(self, rms_dbfs: float, peak_dbfs: float) -> None:
        """One reading (dBFS, -inf for silence): moves the bar and the peak line, and the held peak if higher."""
        now = self._clock()
        self.rms_dbfs, self.peak_dbfs = rms_dbfs, peak_dbfs
        if peak_dbfs >= self.peak_hold_dbfs or now - self._held_at > HOLD_SECONDS:
            self.peak_hold_dbfs, self._held_at = peak_dbfs, now
        self._describe()
        self.update()

    def reset(self) -> None:
        """Back to "no signal" before a new recording."""
        self.rms_dbfs = self.peak_dbfs = self.peak_hold_dbfs = -math.inf
        self._held_at = 0.0
        self._describe()
        self.update()

    def zone(self, dbfs: float) -> Zone:
        """Which zone a level falls in, by the same thresholds as the verdict (levels.audio_verdict)."""
        s = self._settings
        if dbfs < s.silent_below_dbfs:
            return Zone.SILENT
        if dbfs > s.clip_above_dbfs:
            return Zone.RED
        if s.good_low_dbfs <= dbfs <= s.good_high_dbfs:
            return Zone.GREEN
        return Zone.AMBER

    def text(self) -> str:
        """The readout beside the bar."""
        if self.peak_dbfs == -math.inf and self.rms_dbfs == -math.inf:
            return self.tr("No signal")
        return self.tr("Peak {peak} dBFS · RMS {rms} dBFS").format(
            peak=format_dbfs(self.peak_dbfs), rms=format_dbfs(self.rms_dbfs)
        )

    # --- geometry and painting -----------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(420, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(220, MARGIN + line + 4 + BAR_HEIGHT + 2 + self._scale_font().pixelSize() + 6 + MARGIN)

    def x_of(self, dbfs: float) -> float:
        """Horizontal position of a level on the bar (the floor and below at the left edge, 0 dBFS at the right)."""
        bar = self._bar_rect()
        fraction = (max(self.floor_dbfs, min(0.0, dbfs)) - self.floor_dbfs) / -self.floor_dbfs
        return bar.left() + fraction * bar.width()

    def _scale_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(9, round(self.fontMetrics().height() * 0.75)))
        return font

    def _bar_rect(self) -> QRectF:
        top = MARGIN + self.fontMetrics().height() + 4
        return QRectF(MARGIN, top, self.width() - 2 * MARGIN, BAR_HEIGHT)

    def _zones(self) -> list[tuple[float, float, Zone]]:
        s = self._settings
        edges = sorted(
            {self.floor_dbfs, s.silent_below_dbfs, s.good_low_dbfs, s.good_high_dbfs, s.clip_above_dbfs, 0.0}
        )
        edges = [e for e in edges if self.floor_dbfs <= e <= 0.0]
        return [(low, high, self.zone((low + high) / 2)) for low, high in itertools.pairwise(edges)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        bar = self._bar_rect()
        palette_text = self.palette().windowText().color()
        painter.setPen(palette_text)
        painter.drawText(
            QRectF(MARGIN, MARGIN, bar.width(), self.fontMetrics().height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.text(),
        )
        for low, high, zone in self._zones():  # the faint track shows where each zone lies
            track, fill = _ZONE_COLOURS[zone]
            left, right = self.x_of(low), self.x_of(high)
            painter.fillRect(QRectF(left, bar.top(), right - left, bar.height()), QColor(track))
            level_right = min(right, self.x_of(self.rms_dbfs)) if self.rms_dbfs > self.floor_dbfs else left
            if level_right > left:  # the RMS bar, bright in each zone it reaches
                painter.fillRect(QRectF(left, bar.top() + 3, level_right - left, bar.height() - 6), QColor(fill))
        if self.peak_dbfs > self.floor_dbfs:
            painter.fillRect(
                QRectF(self.x_of(self.peak_dbfs) - 1, bar.top() + 3, 2, bar.height() - 6),
                QColor(_ZONE_COLOURS[self.zone(self.peak_dbfs)][1]),
            )
        if self.peak_hold_dbfs > self.floor_dbfs:
            painter.fillRect(
                QRectF(self.x_of(self.peak_hold_dbfs) - 1.5, bar.top(), 3, bar.height()), QColor(HOLD_COLOUR)
            )
        painter.setPen(QPen(palette_text.lighter(160) if palette_text.lightness() < 128 else palette_text.darker(160)))
        painter.drawRect(bar.adjusted(0, 0, -1, -1))
        self._paint_scale(painter, bar, palette_text)
        painter.end()

    def _paint_scale(self, painter: QPainter, bar: QRectF, colour: QColor) -> None:
        font = self._scale_font()
        painter.setFont(font)
        painter.setPen(colour)
        label_top = bar.bottom() + 3
        step = SCALE_STEP_DB if self.width() >= 320 else 2 * SCALE_STEP_DB
        for db in range(0, round(self.floor_dbfs) - 1, -step):
            x = self.x_of(db)
            painter.drawLine(round(x), round(bar.bottom()), round(x), round(bar.bottom() + 2))
            label = f"{db}"
            width = painter.fontMetrics().horizontalAdvance(label)
            left = min(max(x - width / 2, bar.left()), bar.right() - width)
            painter.drawText(
                QRectF(left, label_top, width + 1, font.pixelSize() + 4), Qt.AlignmentFlag.AlignLeft, label
            )

    def _describe(self) -> None:
        self.setAccessibleDescription(
            self.tr("Peak {peak} dBFS, average (RMS) {rms} dBFS, highest recent peak {hold} dBFS.").format(
                peak=format_dbfs(self.peak_dbfs), rms=format_dbfs(self.rms_dbfs), hold=format_dbfs(self.peak_hold_dbfs)
            )
        )
