"""Save a chart (or any widget) as a PNG at twice its on-screen size, so it stays sharp in a document or a chat.

    export_png(chart, Path("timeline.png"))   # raises ChartExportFailed with a sentence for the user

The hover read-out is left out; the file is written beside its destination and renamed over it, so a failed write
never leaves half a picture.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import QWidget

from streamdesk.core.storage import discard
from streamdesk.ui.pages.review.charts.base import ChartFrame

EXPORT_SCALE = 2.0


class ChartExportFailed(OSError):
    """The PNG could not be written; ``str()`` is the sentence to show."""


def render_image(widget: QWidget, scale: float = EXPORT_SCALE) -> QImage:
    """The widget drawn at ``scale`` times its size (fonts and lines vector-scaled, not a blown-up screenshot)."""
    if isinstance(widget, ChartFrame):
        widget.hide_readout()
    size = widget.size()
    image = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(widget.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        widget.render(painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
    finally:
        painter.end()
    return image


def export_png(widget: QWidget, path: Path, *, scale: float = EXPORT_SCALE) -> Path:
    """Write the widget as a PNG to ``path`` (the suffix is added when missing) and return the path written."""
    if path.suffix.lower() != ".png":
        path = path.with_name(path.name + ".png")
    image = render_image(widget, scale)
    failed = QCoreApplication.translate(
        "ReviewCharts", "The chart could not be saved as {path}. Choose another folder or file name and try again."
    ).format(path=path)
    try:
        handle, name = tempfile.mkstemp(prefix=".chart-", suffix=".png", dir=path.parent)
    except OSError as exc:
        raise ChartExportFailed(failed) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]
            raise ChartExportFailed(failed)
        temporary.replace(path)
    except OSError as exc:
        raise ChartExportFailed(failed) from exc
    finally:
        discard(temporary)
    return path
