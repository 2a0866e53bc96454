"""One line of text drawn as large as its box allows, for displays read from across a room (timer, flash sale).

The font follows the widget's size (resizeEvent), so a bigger window gets bigger digits. A ``sample`` such as
"+88:88" fixes the font for a whole family of texts: the digits do not grow or shrink as they count. The widget paints
its own background (opaque), so changing its text repaints only its own rectangle, and an unchanged text repaints
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

_REFERENCE_PX = 100.0  # metrics are measured once at this size and scaled
_SAMPLE_WIDTH = 0.96  # share of the width a sample may fill
_MIN_SHRINK = 0.6  # a long text shrinks to this share of the full size before it is elided


class FittedText(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        sample: str = "",
        bold: bool = False,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        fill: float = 0.92,
    ) -> None:
        """``sample``: the widest text expected (its width and ink height size the font: for digits); without one
        the font fills the height, a longer text shrinks to fit (down to 60 %) and is elided beyond that.
        ``fill``: share of the box's height the text may use."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # the parent's stretch decides
        self._text = ""
        self._sample = sample
        self._alignment = alignment
        self._fill = fill
        self._background = QColor("black")
        self._foreground = QColor("white")
        self._font = QFont(self.font())
        self._font.setBold(bold)
        self._text_font = QFont(self._font)  # without a sample: the font for the current text, shrunk to fit
        self._baseline_offset = 0.0  # sample mode: from the box's vertical centre to the baseline
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(40, 12)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> bool:
        """Show ``text``; repaints only when it differs. Returns whether it changed."""
        if text == self._text:
            return False
        self._text = text
        self._fit_text()
        self.update()
        return True

    def set_sample(self, sample: str) -> None:
        if sample != self._sample:
            self._sample = sample
            self._fit()
            self.update()

    def set_colours(self, background: QColor, foreground: QColor) -> None:
        if background != self._background or foreground != self._foreground:
            self._background, self._foreground = QColor(background), QColor(foreground)
            self.update()

    def colours(self) -> tuple[QColor, QColor]:
        return QColor(self._background), QColor(self._foreground)

    def pixel_size(self) -> int:
        return self._font.pixelSize()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit()
        super().resizeEvent(event)

    def _fit(self) -> None:
        reference = QFont(self._font)
        reference.setPixelSize(int(_REFERENCE_PX))
        metrics = QFontMetricsF(reference)
        height = self.height() * self._fill
        if self._sample:
            ink = metrics.tightBoundingRect(self._sample)  # digits have no descenders: size by the ink, not the line
            width = self.width() * _SAMPLE_WIDTH
            scale = min(width / max(1.0, metrics.horizontalAdvance(self._sample)), height / max(1.0, ink.height()))
            self._baseline_offset = -(ink.top() + ink.height() / 2) * scale
        else:
            scale = height / max(1.0, metrics.ascent() + metrics.descent())
        self._font.setPixelSize(max(6, int(_REFERENCE_PX * scale)))
        self._fit_text()

    def _fit_text(self) -> None:
        if self._sample:
            return
        self._text_font = QFont(self._font)
        advance = QFontMetricsF(self._font).horizontalAdvance(self._text)
        if advance > self.width() > 0:
            size = self._font.pixelSize() * max(_MIN_SHRINK, self.width() / advance)
            self._text_font.setPixelSize(max(6, int(size)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        if not self._text:
            return
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self._foreground)
        box = QRectF(self.rect())
        if self._sample:  # centred by advance (not ink) so "1:11" and "8:88" sit still; baseline from the sample
            painter.setFont(self._font)
            margin = self.width() * (1 - _SAMPLE_WIDTH) / 2
            box.adjust(margin, 0, -margin, 0)
            advance = QFontMetricsF(self._font).horizontalAdvance(self._text)
            if self._alignment & Qt.AlignmentFlag.AlignLeft:
                x = box.left()
            elif self._alignment & Qt.AlignmentFlag.AlignRight:
                x = box.right() - advance
            else:
                x = box.center().x() - advance / 2
            painter.drawText(QPointF(x, box.center().y() + self._baseline_offset), self._text)
            return
        painter.setFont(self._text_font)
        elided = QFontMetricsF(self._text_font).elidedText(self._text, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(box, int(self._alignment | Qt.AlignmentFlag.AlignVCenter), elided)
