"""The poster designer's live preview: renders off the GUI thread, shows the page like a sheet on a desk.

``PreviewRenderer.request(spec)`` waits ``DEBOUNCE_MS`` for more changes (typing a title is one render, not one
per key), then paints the poster into a QImage on a pool thread through the app's TaskRunner (QPainter on a QImage
is allowed off the GUI thread; QFontDatabase is thread-safe). One render runs at a time: a request made meanwhile
waits for it, and a result older than the newest request is dropped, so the preview never steps backwards.

``PosterPreview`` draws the last image scaled to fit with the page's own aspect ratio, a soft drop shadow and a
thin page frame; before the first image it shows a sentence instead (loading, or why there is nothing to show).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from streamdesk.core.jobs import CancelToken
    from streamdesk.core.poster import PosterSpec, PosterTemplate, RenderReport
    from streamdesk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
PREVIEW_LONG_SIDE = 1400  # pixels of the rendered preview's long side: sharp on a 4K screen at half the height
_MARGIN = 18  # pixels around the page inside the preview widget
_SHADOW_STEPS = 7  # rings of the soft shadow, each a little more transparent


def page_aspect(template: PosterTemplate) -> float:
    """Width / height of the finished poster: pixels for screen templates, millimetres for print ones."""
    if template.pixel_size is not None:
        width, height = template.pixel_size
        return width / height
    return template.width_mm / template.height_mm


def preview_size(template: PosterTemplate, long_side: int = PREVIEW_LONG_SIDE) -> QSize:
    aspect = page_aspect(template)
    if aspect >= 1:
        return QSize(long_side, max(1, round(long_side / aspect)))
    return QSize(max(1, round(long_side * aspect)), long_side)


def render_preview(spec: PosterSpec, long_side: int = PREVIEW_LONG_SIDE) -> PreviewResult:
    """Paint ``spec`` into a new QImage (any thread). The image's resolution makes it exactly the page's size in
    millimetres, so the engine lays it out as it will print, only with fewer dots."""
    from streamdesk.core import poster

    started = time.perf_counter()
    size = preview_size(spec.template, long_side)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(spec.theme.background))
    image.setDotsPerMeterX(round(size.width() / (spec.template.width_mm / 1000)))
    image.setDotsPerMeterY(round(size.height() / (spec.template.height_mm / 1000)))
    report = poster.render(spec, image)
    return PreviewResult(spec=spec, image=image, report=report, seconds=time.perf_counter() - started)


@dataclass(frozen=True, slots=True)
class PreviewResult:
    spec: PosterSpec
    image: QImage
    report: RenderReport
    seconds: float


class PreviewRenderer(QObject):
    """Debounced, one-at-a-time rendering of the newest spec; stale results never reach ``rendered``."""

    rendered = Signal(object)  # PreviewResult of the newest request
    failed = Signal(str)  # a sentence for the user
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._runner = runner
        self._pending: PosterSpec | None = None
        self._requested = 0  # generation of the newest request
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_pending)

    @property
    def busy(self) -> bool:
        return self._task is not None or self._timer.isActive()

    def request(self, spec: PosterSpec) -> None:
        """Render ``spec`` once changes pause for the debounce interval."""
        was_busy = self.busy
        self._pending = spec
        self._requested += 1
        self._timer.start()
        if not was_busy:
            self.busy_changed.emit(True)

    def clear(self) -> None:
        """Forget what was asked: nothing pending, and the running render's result will be dropped."""
        self._pending = None
        self._requested += 1
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
        self._emit_idle()

    def _start_pending(self) -> None:
        if self._task is not None or self._pending is None:
            return  # the running render's end starts the newest request
        spec, generation = self._pending, self._requested
        self._pending = None

        def job(_cancel: CancelToken) -> PreviewResult:
            return render_preview(spec)

        self._task = self._runner.start(
            job,
            on_success=lambda result: self._finished(generation, result, ""),
            on_error=lambda message: self._finished(generation, None, message),
            on_cancelled=lambda: self._finished(generation, None, ""),
        )
        self.destroyed.connect(self._task.abandon)

    def _finished(self, generation: int, result: PreviewResult | None, error: str) -> None:
        self._task = None
        if generation == self._requested:
            if result is not None:
                log.debug("poster preview %s in %.0f ms", result.spec.template.key, result.seconds * 1000)
                self.rendered.emit(result)
            elif error:
                self.failed.emit(error)
        if self._pending is not None and not self._timer.isActive():
            self._start_pending()
        self._emit_idle()

    def _emit_idle(self) -> None:
        if not self.busy:
            self.busy_changed.emit(False)


class PosterPreview(QWidget):
    """The last rendered page, scaled to fit, on a grey desk; or a sentence when there is no page to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 300)
        self._image: QImage | None = None
        self._aspect = 210 / 297
        self._message = ""
        self._updating = False
        self._scaled: QPixmap | None = None  # the image at the current page size, made once per size

    def image(self) -> QImage | None:
        return self._image

    def message(self) -> str:
        return "" if self._image is not None else self._message

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._aspect = image.width() / image.height()
        self._scaled = None
        self._updating = False
        self.update()

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of a page (no show, no template yet, or what went wrong)."""
        self._image, self._scaled, self._message = None, None, text
        self.update()

    def set_updating(self, updating: bool) -> None:
        """A newer render is on its way: the shown page is dimmed a little so the change is noticed."""
        if updating != self._updating:
            self._updating = updating
            self.update()

    def page_rect(self) -> QRectF:
        """Where the page sits in the widget: as large as fits inside the margins, centred, aspect kept."""
        area = QSizeF(max(1, self.width() - 2 * _MARGIN), max(1, self.height() - 2 * _MARGIN))
        size = QSizeF(area.width(), area.width() / self._aspect)
        if size.height() > area.height():
            size = QSizeF(area.height() * self._aspect, area.height())
        left = (self.width() - size.width()) / 2
        top = (self.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(108))
        if self._image is None:
            self._paint_message(painter)
            painter.end()
            return
        page = self.page_rect()
        self._paint_shadow(painter, page)
        painter.drawPixmap(page.topLeft(), self._scaled_pixmap(page))
        if self._updating:
            painter.fillRect(page, QColor(255, 255, 255, 60))
        painter.setPen(QPen(QColor(0, 0, 0, 70), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.end()

    def _scaled_pixmap(self, page: QRectF) -> QPixmap:
        ratio = self.devicePixelRatioF()
        wanted = QSize(round(page.width() * ratio), round(page.height() * ratio))
        if self._scaled is None or self._scaled.size() != wanted:
            assert self._image is not None
            scaled = self._image.scaled(
                wanted, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self._scaled = QPixmap.fromImage(scaled)
            self._scaled.setDevicePixelRatio(ratio)
        return self._scaled

    @staticmethod
    def _paint_shadow(painter: QPainter, page: QRectF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for step in range(_SHADOW_STEPS, 0, -1):
            painter.setBrush(QColor(0, 0, 0, 9 + 3 * (_SHADOW_STEPS - step)))
            grow = step * 1.2
            painter.drawRoundedRect(page.adjusted(-grow + 2, -grow + 4, grow + 2, grow + 4), grow, grow)

    def _paint_message(self, painter: QPainter) -> None:
        if not self._message:
            return
        painter.setPen(self.palette().color(self.foregroundRole()).lighter(150))
        area = self.rect().adjusted(40, 40, -40, -40)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)


def warning_sentences(spec: PosterSpec, report: RenderReport) -> tuple[str, ...]:
    """What the seller should know about the rendered poster, as sentences: text made smaller or cut, and a QR
    code whose dots would be too small to scan once printed. (A missing Chinese font stops the render itself with
    its own message: a preview with empty boxes would mislead.)"""
    from PySide6.QtCore import QCoreApplication

    sentences: list[str] = []
    for part in report.shrunk:
        name = part_name(part)
        if name and part not in report.overflowed:  # prices and badges shrink by design: nothing to do about it
            sentences.append(
                QCoreApplication.translate("PosterDesigner", "The {part} was made smaller to fit its space.").format(
                    part=name
                )
            )
    for part in report.overflowed:
        name = part_name(part)
        sentences.append(
            QCoreApplication.translate(
                "PosterDesigner", "The {part} is too long even at the smallest size and was cut with “…”; shorten it."
            ).format(part=name)
            if name
            else QCoreApplication.translate(
                "PosterDesigner", "Some text is too long even at the smallest size and was cut with “…”; shorten it."
            )
        )
    if spec.template.is_print and report.qr_too_small and report.qr_module_mm is not None:
        sentences.append(
            QCoreApplication.translate(
                "PosterDesigner",
                "The QR code's dots would print {module} mm wide, below the 0.4 mm phones read reliably. "
                "Use a shorter booking link or a larger template.",
            ).format(module=f"{report.qr_module_mm:.2f}")
        )
    return tuple(dict.fromkeys(sentences))  # the date under the QR and the date line say the same


def part_name(part: str) -> str:
    """A poster part as a warning names it ("title", "name of product 2"); "" for a part without a name here."""
    from PySide6.QtCore import QCoreApplication

    if part.startswith("product "):
        return QCoreApplication.translate("PosterDesigner", "name of product {number}").format(
            number=part.removeprefix("product ").strip()
        )
    names = {
        "title": QCoreApplication.translate("PosterDesigner", "title"),
        "date_line": QCoreApplication.translate("PosterDesigner", "date and time"),
        "qr date": QCoreApplication.translate("PosterDesigner", "date and time"),
        "countdown_line": QCoreApplication.translate("PosterDesigner", "countdown"),
        "business_name": QCoreApplication.translate("PosterDesigner", "shop name"),
        "promotion": QCoreApplication.translate("PosterDesigner", "promotion text"),
        "caption": QCoreApplication.translate("PosterDesigner", "QR caption"),
    }
    return names.get(part, "")
