"""A QR code with what a seller needs to know before printing it: size, scan check, and ways to take it away.

``set_code(text, style, size_mm)`` draws the code at once on the GUI thread: a booking link (version 3-8) takes
10-20 ms including the zxing-cpp read-back, the longest link the warm-up page accepts well under 100 ms (measured;
see tests/ui/test_qr_preview.py), less than a thread hand-off would save. The picture shown is the verified PNG;
Save PNG… / Save SVG… / Copy image make the print-size file (``dpi``, default 300) and verify it again before it
leaves. A style the scanner would refuse (low contrast, light on dark, unreadable logo) is shown as a sentence in
place of the code, and the actions stay disabled.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.messages import describe, render

if TYPE_CHECKING:
    from streamdesk.core.qr import PrintCheck, QrImage, QrStyle

log = logging.getLogger(__name__)

PREVIEW_PX = 220  # the code's side on screen
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WARNING_STYLE = "color: #8a4b00; background: #fff3e0; border: 1px solid #ffcc80; border-radius: 4px; padding: 4px;"
_ERROR_STYLE = "color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a; border-radius: 4px; padding: 4px;"
_OK_STYLE = "color: #1b5e20;"


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    """The system save dialog (a module function so tests can answer it)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


class QrPreview(QWidget):
    saved = Signal(str)  # path of a written PNG or SVG
    copied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dpi = 300
        self._text = ""
        self._style: QrStyle | None = None
        self._size_mm = 40.0
        self._image: QrImage | None = None
        self._check: PrintCheck | None = None
        self._folder: Path | None = None

        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(PREVIEW_PX, PREVIEW_PX)
        self.picture.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.details = self._wrapped_label()
        self.print_size = self._wrapped_label()
        self.warning = self._wrapped_label()
        self.warning.setStyleSheet(_WARNING_STYLE)
        self.status = self._wrapped_label()

        self.save_png_button = QPushButton(self.tr("Save PNG…"), self)
        self.save_png_button.setToolTip(self.tr("Save the code as a PNG image at its print size and 300 dpi"))
        self.save_png_button.clicked.connect(self._on_save_png)
        self.save_svg_button = QPushButton(self.tr("Save SVG…"), self)
        self.save_svg_button.setToolTip(self.tr("Save the code as an SVG drawing that prints sharp at any size"))
        self.save_svg_button.clicked.connect(self._on_save_svg)
        self.copy_button = QPushButton(self.tr("Copy image"), self)
        self.copy_button.setToolTip(self.tr("Copy the code as an image, to paste into a post or a design tool"))
        self.copy_button.clicked.connect(self.copy_image)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.save_png_button, self.save_svg_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.details)
        layout.addWidget(self.print_size)
        layout.addWidget(self.warning)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show_nothing()

    def _wrapped_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- the code -------------------------------------------------------------------------------------------------
    def set_code(self, text: str, style: QrStyle, size_mm: float) -> None:
        """Show ``text`` drawn in ``style``, checked for printing ``size_mm`` wide (quiet zone included)."""
        from streamdesk.core import qr

        self._text, self._style, self._size_mm = text, style, size_mm
        try:
            # whole pixels per module, about PREVIEW_PX on screen: a scaled code would blur or get uneven modules
            modules = qr.style_matrix(text, style).size_with_quiet_zone if text else 1
            ratio = self.devicePixelRatioF()
            image = qr.make(text, style, "png", module_px=max(2, round(PREVIEW_PX * ratio / modules)))
        except UserError as error:
            self._show_error(describe(error))
            return
        self._image = image
        self._check = qr.print_check(image.matrix, size_mm)
        pixmap = QPixmap()
        pixmap.loadFromData(image.data, "PNG")
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        self.picture.setToolTip(text)
        if style.logo is not None and style.ecc != image.ecc:
            details = self.tr("Version {version}, {modules}×{modules} modules, error correction {ecc} (for the logo)")
        else:
            details = self.tr("Version {version}, {modules}×{modules} modules, error correction {ecc}")
        self.details.setText(
            details.format(version=image.matrix.version, modules=image.matrix.size, ecc=image.ecc.value)
        )
        self.print_size.setText(
            self.tr("Printed {size} mm wide, each module is {module} mm.").format(
                size=f"{size_mm:g}", module=f"{self._check.module_mm:.2f}"
            )
        )
        if self._check.ok:
            self.warning.hide()
        else:
            self.warning.setText(render("qr.print_too_small", qr.print_warning_fields(self._check)))
            self.warning.show()
        if image.verified:
            self.status.setText(self.tr("✓ Checked: a scanner reads it back as the link."))
            self.status.setStyleSheet(_OK_STYLE)
        else:
            self.status.setText(
                self.tr(
                    "Not checked: the QR decoder (zxing-cpp) is not installed. Scan it with a phone before printing."
                )
            )
            self.status.setStyleSheet(_WARNING_STYLE)
        self.status.show()
        self._set_actions_enabled(True)

    def clear(self) -> None:
        self._text, self._style, self._image, self._check = "", None, None, None
        self._show_nothing()

    def image(self) -> QrImage | None:
        """The verified preview image, None when nothing (or a refused style) is shown."""
        return self._image

    def print_check(self) -> PrintCheck | None:
        return self._check

    def _show_nothing(self) -> None:
        self.picture.clear()
        self.picture.setToolTip("")
        for label in (self.details, self.print_size, self.warning, self.status):
            label.clear()
        self.warning.hide()
        self.status.hide()
        self._set_actions_enabled(False)

    def _show_error(self, sentence: str) -> None:
        self._image, self._check = None, None
        self._show_nothing()
        self.status.setText(sentence)
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.show()

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.save_png_button, self.save_svg_button, self.copy_button):
            button.setEnabled(enabled)

    # --- taking it away -------------------------------------------------------------------------------------------
    def save_png(self, dest: Path) -> bool:
        """Write the code ``size_mm`` wide at ``dpi`` to ``dest``; False (and the reason shown) when refused."""
        return self._save(dest, "png")

    def save_svg(self, dest: Path) -> bool:
        return self._save(dest, "svg")

    def _save(self, dest: Path, fmt: str) -> bool:
        from streamdesk.core import qr

        if self._style is None or self._image is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = qr.make(
                self._text, self._style, "png" if fmt == "png" else "svg", size_mm=self._size_mm, dpi=self.dpi
            )
            qr.write(made, dest)
        except UserError as error:
            self.status.setText(describe(error))
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.show()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._folder = dest.parent
        self.status.setText(self.tr("Saved to {path}.").format(path=dest))
        self.status.setStyleSheet(_OK_STYLE)
        self.saved.emit(str(dest))
        return True

    def copy_image(self) -> bool:
        """Put the print-size PNG (``dpi``) on the clipboard, as an image."""
        from streamdesk.core import qr

        if self._style is None or self._image is None:
            return False
        try:
            made = qr.make(self._text, self._style, "png", size_mm=self._size_mm, dpi=self.dpi)
        except UserError as error:
            self._show_error(describe(error))
            return False
        picture = QImage.fromData(made.data, "PNG")
        QGuiApplication.clipboard().setImage(picture)
        self.status.setText(self.tr("Copied the code as an image."))
        self.status.setStyleSheet(_OK_STYLE)
        self.copied.emit()
        return True

    def _suggested(self, suffix: str) -> Path:
        folder = self._folder or Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or Path.home()
        )
        stem = _UNSAFE.sub("-", self._text.split("://", 1)[-1]).strip("-.")[:40] or "qr"
        return folder / f"qr-{stem}{suffix}"

    def _on_save_png(self) -> None:
        dest = ask_save_path(
            self, self.tr("Save QR code as PNG"), self._suggested(".png"), self.tr("PNG image (*.png)")
        )
        if dest is not None:
            self.save_png(dest if dest.suffix.lower() == ".png" else dest.with_name(dest.name + ".png"))

    def _on_save_svg(self) -> None:
        dest = ask_save_path(
            self, self.tr("Save QR code as SVG"), self._suggested(".svg"), self.tr("SVG drawing (*.svg)")
        )
        if dest is not None:
            self.save_svg(dest if dest.suffix.lower() == ".svg" else dest.with_name(dest.name + ".svg"))
