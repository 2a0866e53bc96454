"""Rasterising an SVG with QtSvg, so an exported SVG code is decoded back before it is written.

A named Qt module (tests/unit/test_architecture.py): QtSvg and QtGui are the engine here, imported inside the
function; a QCoreApplication is enough (no fonts are involved: a QR SVG has no text).
"""

from __future__ import annotations

from streamdesk.core.errors import UserError


def rasterise_svg(svg: bytes, width_px: int) -> bytes:
    """``svg`` drawn ``width_px`` wide (height by its aspect ratio) on white, as PNG bytes.

    UserError("qr.verify_failed", found=0) when QtSvg cannot read the document.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise UserError("qr.verify_failed", found=0)
    view = renderer.viewBoxF()
    height_px = width_px if view.width() <= 0 else max(1, round(width_px * view.height() / view.width()))
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        renderer.render(painter)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 6.12 takes str only
    buffer.close()
    return bytes(data.data())
