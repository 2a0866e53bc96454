"""Renders streamdesk/resources/icons/streamdesk.svg into the installers' icon files (run from the checkout root:
``QT_QPA_PLATFORM=offscreen python installer/make_icons.py``): the Linux hicolor PNG set, the Windows .ico and the
macOS .icns. The results are committed; run it again when the SVG changes."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "streamdesk" / "resources" / "icons" / "streamdesk.svg"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise OSError(f"could not write {target}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise OSError(f"not a readable SVG: {SVG}")
    hicolor = HERE / "linux" / "icons" / "hicolor"
    for size in LINUX_SIZES:
        render(renderer, size, hicolor / f"{size}x{size}" / "apps" / "streamdesk.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    (hicolor / "scalable" / "apps" / "streamdesk.svg").write_bytes(SVG.read_bytes())
    largest = Image.open(hicolor / "512x512" / "apps" / "streamdesk.png")
    (HERE / "windows").mkdir(exist_ok=True)
    largest.save(HERE / "windows" / "streamdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    (HERE / "macos").mkdir(exist_ok=True)
    largest.save(HERE / "macos" / "streamdesk.icns")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
