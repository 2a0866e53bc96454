"""Drawing primitives of the poster engine on any QPaintDevice (QImage, QPdfWriter, QPrinter).

Geometry comes in millimetres and is turned into device units by ``Canvas`` (scale + offset), so a poster is laid out
the same on a 300 dpi PNG, a PDF page and a small preview. Text is fitted by shrinking from a largest to a smallest
size and then cut with "…" — every shrink and cut is recorded for the designer's warnings. The QR code is drawn as
vector modules (one path) with its quiet zone; product pictures are decoded at their printed size (300 dpi), never
at full resolution.

A named Qt module (QtCore/QtGui only, imported inside the functions; never QtWidgets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamdesk.core.poster_layout import PRINT_DPI, Box
from streamdesk.core.qr import QUIET_ZONE_MODULES, QrMatrix, QrStyle, logo_box

LINE_HEIGHT = 1.24  # of the font size
ELLIPSIS = "…"


@dataclass
class Canvas:
    """A painter with the poster's millimetre grid: ``px(mm)`` and ``rect(box)`` give device units."""

    painter: Any  # QPainter
    scale: float  # device units per mm
    dx: float = 0.0
    dy: float = 0.0
    families: tuple[str, ...] = ()
    shrunk: list[str] = field(default_factory=list)
    overflowed: list[str] = field(default_factory=list)

    def px(self, mm: float) -> float:
        return mm * self.scale

    def rect(self, box: Box) -> Any:
        from PySide6.QtCore import QRectF

        return QRectF(
            self.dx + box.x * self.scale, self.dy + box.y * self.scale, box.w * self.scale, box.h * self.scale
        )

    def font(self, size_mm: float, *, bold: bool = False) -> Any:
        from PySide6.QtGui import QFont

        font = QFont()
        if self.families:
            font.setFamilies(list(self.families))
        font.setPixelSize(max(1, round(size_mm * self.scale)))
        font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font


def colour(value: str, alpha: float = 1.0) -> Any:
    from PySide6.QtGui import QColor

    result = QColor(value)
    result.setAlphaF(alpha)
    return result


def wrap(canvas: Canvas, text: str, font: Any, width: float) -> list[tuple[str, float, int]]:
    """``text`` broken into lines no wider than ``width`` device units: (line, its width, where it starts)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    lines: list[tuple[str, float, int]] = []
    base = 0
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font, canvas.painter.device())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            piece = paragraph[line.textStart() : line.textStart() + line.textLength()].rstrip()
            lines.append((piece, line.naturalTextWidth(), base + line.textStart()))
        layout.endLayout()
        base += len(paragraph) + 1
    return lines


def text_width(canvas: Canvas, text: str, font: Any) -> float:
    from PySide6.QtGui import QFontMetricsF

    return float(QFontMetricsF(font, canvas.painter.device()).horizontalAdvance(text))


@dataclass(frozen=True, slots=True)
class Fitted:
    lines: tuple[tuple[str, float], ...]
    size_mm: float
    font: Any

    @property
    def height_mm(self) -> float:
        return len(self.lines) * self.size_mm * LINE_HEIGHT


def fit(
    canvas: Canvas,
    name: str,
    text: str,
    box: Box,
    *,
    largest: float,
    smallest: float,
    max_lines: int,
    bold: bool = False,
) -> Fitted:
    """The biggest size (``largest`` down to ``smallest``) at which ``text`` fits ``box`` in ``max_lines`` lines;
    below ``smallest`` the last line is cut with "…" (recorded as overflowed)."""
    size = largest
    lines: list[tuple[str, float, int]] = []
    font = canvas.font(size, bold=bold)
    while True:
        font = canvas.font(size, bold=bold)
        lines = wrap(canvas, text, font, canvas.px(box.w))
        allowed = min(max_lines, max(1, int(box.h / (size * LINE_HEIGHT) + 0.02)))
        if len(lines) <= allowed or size <= smallest:
            break
        size = max(smallest, size * 0.92)
    if size < largest * 0.999 and name not in canvas.shrunk:
        canvas.shrunk.append(name)
    if len(lines) > allowed:
        kept = lines[: allowed - 1]
        rest = text[lines[allowed - 1][2] :].replace("\n", " ").strip()
        while rest and text_width(canvas, rest + ELLIPSIS, font) > canvas.px(box.w):
            rest = rest[:-1].rstrip()
        last = rest + ELLIPSIS
        lines = [*kept, (last, text_width(canvas, last, font), 0)]
        if name not in canvas.overflowed:
            canvas.overflowed.append(name)
    return Fitted(tuple((piece, width) for piece, width, _ in lines), size, font)


def draw_lines(canvas: Canvas, fitted: Fitted, box: Box, ink: str, *, align: str = "left", valign: str = "top") -> Box:
    """Draw fitted lines in ``box``; the box they took (for what comes below)."""
    from PySide6.QtCore import QPointF

    painter = canvas.painter
    painter.setFont(fitted.font)
    painter.setPen(colour(ink))
    height = fitted.height_mm
    top = box.y + {"top": 0.0, "middle": (box.h - height) / 2, "bottom": box.h - height}[valign]
    for index, (line, width) in enumerate(fitted.lines):
        baseline = top + fitted.size_mm * (index * LINE_HEIGHT + 0.96)
        if align == "center":
            x = canvas.px(box.x) + (canvas.px(box.w) - width) / 2
        elif align == "right":
            x = canvas.px(box.right) - width
        else:
            x = canvas.px(box.x)
        painter.drawText(QPointF(canvas.dx + x, canvas.dy + canvas.px(baseline)), line)
    return Box(box.x, top, box.w, height)


def rounded(canvas: Canvas, box: Box, radius_mm: float, fill: Any, *, pen: Any = None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush, QPen

    painter = canvas.painter
    painter.setPen(QPen(Qt.PenStyle.NoPen) if pen is None else pen)
    painter.setBrush(QBrush(fill))
    radius = canvas.px(radius_mm)
    painter.drawRoundedRect(canvas.rect(box), radius, radius)


def shadowed(canvas: Canvas, box: Box, radius_mm: float, fill: Any, depth_mm: float = 0.8) -> None:
    """A card with a soft drop shadow below it (three translucent layers: vector, cheap in a PDF)."""
    for step in (3, 2, 1):
        offset = depth_mm * step / 3
        rounded(canvas, Box(box.x, box.y + offset, box.w, box.h), radius_mm + offset / 2, colour("#000000", 0.05))
    rounded(canvas, box, radius_mm, fill)


def load_picture(path: str, width_px: int, height_px: int) -> Any:
    """The image at ``path`` cropped to the box's aspect and decoded at ``width_px`` × ``height_px`` (cover), or
    None when it is missing or unreadable. JPEGs decode scaled down by the codec itself: fast at any size."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QImageReader

    if not path or width_px <= 0 or height_px <= 0 or not Path(path).is_file():
        return None
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        image = reader.read()
        return None if image.isNull() else image.scaled(width_px, height_px)
    factor = max(width_px / size.width(), height_px / size.height())
    crop_w, crop_h = min(size.width(), round(width_px / factor)), min(size.height(), round(height_px / factor))
    reader.setClipRect(QRect((size.width() - crop_w) // 2, (size.height() - crop_h) // 2, crop_w, crop_h))
    reader.setScaledSize(QSize(width_px, height_px))
    image = reader.read()
    return None if image.isNull() else image


def picture(canvas: Canvas, box: Box, path: str, radius_mm: float, placeholder: str, mark: str) -> None:
    """The product's picture filling ``box`` (cover, rounded), or a tinted tile with ``mark`` when it has none."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainterPath

    painter = canvas.painter
    target = canvas.rect(box)
    dpi_px = box.w / 25.4 * PRINT_DPI
    pixels = max(1, round(min(target.width(), dpi_px))), max(1, round(min(target.height(), box.h / 25.4 * PRINT_DPI)))
    image = load_picture(path, *pixels)
    clip = QPainterPath()
    radius = canvas.px(radius_mm)
    clip.addRoundedRect(target, radius, radius)
    painter.save()
    painter.setClipPath(clip)
    if image is not None:
        painter.setRenderHint(painter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(target, image)
    else:
        painter.fillRect(target, colour(placeholder, 0.18))
        painter.setFont(canvas.font(box.h * 0.32, bold=True))
        painter.setPen(colour(placeholder, 0.7))
        painter.drawText(target, int(Qt.AlignmentFlag.AlignCenter), mark)
    painter.restore()


def qr_code(canvas: Canvas, box: Box, matrix: QrMatrix, style: QrStyle) -> Box:
    """The code with its quiet zone as a square centred in ``box`` (whole modules snapped to device units when the
    device is a raster): returns the square, quiet zone included."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QBrush, QImage, QPainterPath, QPen

    painter = canvas.painter
    side_mm = min(box.w, box.h)
    count = matrix.size_with_quiet_zone
    module = canvas.px(side_mm) / count
    if isinstance(painter.device(), QImage) and module >= 2:  # crisp edges on a PNG: whole pixels per module
        module = float(round(module) if round(module) * count <= canvas.px(side_mm) * 1.08 else int(module))
    side = module * count
    left = canvas.dx + canvas.px(box.x) + (canvas.px(box.w) - side) / 2
    top = canvas.dy + canvas.px(box.y) + (canvas.px(box.h) - side) / 2
    painter.setPen(QPen(Qt.PenStyle.NoPen))
    painter.setBrush(QBrush(colour(style.background)))
    painter.drawRect(QRectF(left, top, side, side))
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    origin_x, origin_y = left + QUIET_ZONE_MODULES * module, top + QUIET_ZONE_MODULES * module
    for y, row in enumerate(matrix.modules):
        x = 0
        while x < len(row):  # runs of dark modules as one rectangle each: fewer PDF operators
            if row[x]:
                end = x
                while end < len(row) and row[end]:
                    end += 1
                path.addRect(QRectF(origin_x + x * module, origin_y + y * module, (end - x) * module, module))
                x = end
            else:
                x += 1
    painter.setBrush(QBrush(colour(style.foreground)))
    painter.drawPath(path)
    if style.logo is not None:
        _logo(canvas, matrix, style, origin_x, origin_y, module)
    return Box(
        (left - canvas.dx) / canvas.scale, (top - canvas.dy) / canvas.scale, side / canvas.scale, side / canvas.scale
    )


def _logo(canvas: Canvas, matrix: QrMatrix, style: QrStyle, x0: float, y0: float, module: float) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage

    assert style.logo is not None
    first, side = logo_box(matrix)
    if side <= 0:
        return
    area = QRectF(x0 + first * module, y0 + first * module, side * module, side * module)
    canvas.painter.fillRect(area, colour(style.background))
    image = QImage.fromData(style.logo)
    if image.isNull():
        return
    pad = module * 0.5
    inner = area.adjusted(pad, pad, -pad, -pad)
    scaled = image.scaled(
        max(1, round(inner.width())), max(1, round(inner.height())), aspectMode=image_aspect_keep(), mode=smooth()
    )
    target = QRectF(
        inner.x() + (inner.width() - scaled.width()) / 2,
        inner.y() + (inner.height() - scaled.height()) / 2,
        scaled.width(),
        scaled.height(),
    )
    canvas.painter.drawImage(target, scaled)


def image_aspect_keep() -> Any:
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio


def smooth() -> Any:
    from PySide6.QtCore import Qt

    return Qt.TransformationMode.SmoothTransformation
