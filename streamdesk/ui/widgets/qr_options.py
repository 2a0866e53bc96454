"""How a QR code is drawn and printed: size, resolution, error correction, colours and a centre logo.

The choices go to ``QrPreview.set_code``, which refuses unreadable colours and logos with a sentence (core/qr.py
checks them), so this widget only collects them. They are remembered in QSettings, like a printer's last settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from streamdesk.core.qr import Ecc, QrStyle

DEFAULT_SIZE_MM = 40  # a code on a counter poster or a flyer, read from arm's length
LOGO_LIMIT_BYTES = 5 * 1024 * 1024  # a logo bigger than this is a photo, not a logo
_KEY = "qr/"


class QrOptions(QWidget):
    changed = Signal()

    def __init__(self, state: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._logo: bytes | None = None
        self._logo_name = ""

        self.size_mm = QSpinBox(self)
        self.size_mm.setRange(10, 500)
        self.size_mm.setSuffix(self.tr(" mm"))
        self.size_mm.setToolTip(self.tr("How wide the code will be printed, quiet zone included"))
        self.dpi = QSpinBox(self)
        self.dpi.setRange(72, 2400)
        self.dpi.setSingleStep(50)
        self.dpi.setSuffix(self.tr(" dpi"))
        self.dpi.setToolTip(self.tr("Resolution of saved PNG files; 300 dpi suits printing"))
        self.ecc = QComboBox(self)
        for level, name in (
            (Ecc.L, self.tr("L — smallest (7 %)")),
            (Ecc.M, self.tr("M — recommended (15 %)")),
            (Ecc.Q, self.tr("Q — sturdier (25 %)")),
            (Ecc.H, self.tr("H — sturdiest (30 %)")),
        ):
            self.ecc.addItem(name, level.value)
        self.foreground = QPushButton(self)
        self.foreground.setToolTip(self.tr("Colour of the dark modules; keep it much darker than the background"))
        self.foreground.clicked.connect(lambda: self._choose_colour(self.foreground, self.tr("Code colour")))
        self.background = QPushButton(self)
        self.background.setToolTip(self.tr("Colour behind the code, quiet zone included"))
        self.background.clicked.connect(lambda: self._choose_colour(self.background, self.tr("Background colour")))
        self.logo_button = QPushButton(self.tr("Logo…"), self)
        self.logo_button.setToolTip(
            self.tr("Put your shop logo in the centre; the code then uses error correction H to stay readable")
        )
        self.logo_button.clicked.connect(self._choose_logo)
        self.remove_logo = QPushButton(self.tr("No logo"), self)
        self.remove_logo.clicked.connect(lambda: self.set_logo(None))

        colours = QHBoxLayout()
        colours.setContentsMargins(0, 0, 0, 0)
        colours.addWidget(self.foreground)
        colours.addWidget(self.background)
        colours.addStretch(1)
        logo = QHBoxLayout()
        logo.setContentsMargins(0, 0, 0, 0)
        logo.addWidget(self.logo_button)
        logo.addWidget(self.remove_logo)
        logo.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Printed size"), self.size_mm)
        form.addRow(self.tr("PNG resolution"), self.dpi)
        form.addRow(self.tr("Error correction"), self.ecc)
        form.addRow(self.tr("Colours"), colours)
        form.addRow(self.tr("Centre logo"), logo)

        self._restore()
        self.size_mm.valueChanged.connect(self._on_changed)
        self.dpi.valueChanged.connect(self._on_changed)
        self.ecc.currentIndexChanged.connect(self._on_changed)

    # --- the choices ------------------------------------------------------------------------------------------------
    def style(self) -> QrStyle:
        return QrStyle(
            ecc=Ecc(self.ecc.currentData()),
            foreground=self._colour(self.foreground),
            background=self._colour(self.background),
            logo=self._logo,
        )

    def printed_mm(self) -> float:
        return float(self.size_mm.value())

    def png_dpi(self) -> int:
        return self.dpi.value()

    def set_logo(self, data: bytes | None, name: str = "") -> None:
        self._logo, self._logo_name = data, name if data else ""
        self._show_logo()
        self._on_changed()

    def set_colours(self, foreground: str, background: str) -> None:
        self._set_colour(self.foreground, foreground)
        self._set_colour(self.background, background)
        self._on_changed()

    # --- widgets ----------------------------------------------------------------------------------------------------
    def _choose_colour(self, button: QPushButton, title: str) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour(button)), self, title)
        if chosen.isValid():
            self._set_colour(button, chosen.name().upper())
            self._on_changed()

    def _choose_logo(self) -> None:
        folder = str(self._state.value(_KEY + "logo_folder", "")) if self._state is not None else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), folder, self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if self._state is not None:
            self._state.setValue(_KEY + "logo_folder", str(path.parent))
        try:
            if path.stat().st_size > LOGO_LIMIT_BYTES:
                raise OSError(self.tr("the file is larger than 5 MB"))
            data = path.read_bytes()
        except OSError as error:
            self.logo_button.setToolTip(self.tr("Could not read {file}: {reason}").format(file=path.name, reason=error))
            return
        self.set_logo(data, path.name)  # core/qr.py checks it can be drawn and still read; the preview says if not

    def _show_logo(self) -> None:
        has_logo = self._logo is not None
        self.remove_logo.setEnabled(has_logo)
        self.logo_button.setText(self._logo_name or self.tr("Logo…"))
        # a logo covers part of the code: qr.make forces H whatever is chosen, so say it here too
        self.ecc.setEnabled(not has_logo)
        if has_logo:
            self.ecc.setToolTip(self.tr("With a logo the code always uses H, the sturdiest level"))
        else:
            self.ecc.setToolTip("")

    def _colour(self, button: QPushButton) -> str:
        return str(button.property("colour") or "#000000")

    def _set_colour(self, button: QPushButton, colour: str) -> None:
        button.setProperty("colour", colour)
        swatch = QPixmap(16, 16)
        swatch.fill(QColor(colour))
        button.setIcon(QIcon(swatch))
        button.setText(colour)

    def _on_changed(self) -> None:
        self._save()
        self.changed.emit()

    def _restore(self) -> None:
        state = self._state

        def value(key: str, default: object) -> object:
            return state.value(_KEY + key, default) if state is not None else default

        self.size_mm.setValue(_as_int(value("size_mm", DEFAULT_SIZE_MM), DEFAULT_SIZE_MM))
        self.dpi.setValue(_as_int(value("dpi", 300), 300))
        index = self.ecc.findData(str(value("ecc", Ecc.M.value)))
        self.ecc.setCurrentIndex(index if index >= 0 else self.ecc.findData(Ecc.M.value))
        self._set_colour(self.foreground, _as_colour(value("foreground", "#000000"), "#000000"))
        self._set_colour(self.background, _as_colour(value("background", "#FFFFFF"), "#FFFFFF"))
        self._show_logo()

    def _save(self) -> None:
        if self._state is None:
            return
        self._state.setValue(_KEY + "size_mm", self.size_mm.value())
        self._state.setValue(_KEY + "dpi", self.dpi.value())
        self._state.setValue(_KEY + "ecc", self.ecc.currentData())
        self._state.setValue(_KEY + "foreground", self._colour(self.foreground))
        self._state.setValue(_KEY + "background", self._colour(self.background))


def _as_int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _as_colour(value: object, default: str) -> str:
    colour = QColor(str(value))
    return colour.name().upper() if colour.isValid() else default
