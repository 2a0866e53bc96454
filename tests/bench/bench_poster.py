"""An A4 booking poster at 300 dpi with six product photos vs a bare QPainter fill of the same canvas.

    python tests/bench/bench_poster.py [--repeat 5]

Both sides run in this process after one warm-up render (fonts loaded, Qt initialised), on a 2480 × 3508 QImage:
- ``fill``: QImage of the same size and format, one QPainter, fillRect of the whole page (the floor of any raster);
- ``poster``: core.poster.raster (background, texts fitted, six 2400 × 1800 JPEG photos decoded at their printed
  size, the QR as vector modules) — what write_png draws before encoding. Target: median ≤ 1 s.
``verify_ms`` is the QR decode of the same raster (zxing-cpp), reported apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _common import median, report

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    import streamdesk.ui  # noqa: F401  (the PySide6 work-arounds)
    from streamdesk.core import poster
    from tests.unit.poster_support import NOW, SHANGHAI, content, pictures

    app = QGuiApplication(["bench"])  # noqa: F841 - fonts need it
    with tempfile.TemporaryDirectory() as folder:
        pictures(Path(folder), (2400, 1800))
        spec = poster.spec_for(content(Path(folder), 6), "a4", "festive", "zh_CN", NOW, zone=SHANGHAI,
                               business_name="小美的围巾铺")  # fmt: skip
        poster.raster(spec, 300)  # warm-up
        fills, renders = [], []
        image = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            canvas = QImage(2480, 3508, QImage.Format.Format_RGB32)
            painter = QPainter(canvas)
            painter.fillRect(0, 0, 2480, 3508, QColor("#B3122E"))
            painter.end()
            fills.append(time.perf_counter() - start)
            start = time.perf_counter()
            image, _ = poster.raster(spec, 300)
            renders.append(time.perf_counter() - start)
        start = time.perf_counter()
        ok = spec.qr_text in poster.decode(image)
        verify_ms = (time.perf_counter() - start) * 1000
    fill, render = median(fills), median(renders)
    report(
        "poster_a4_300dpi",
        poster_s=render,
        poster_ms=render * 1000,
        fill_ms=fill * 1000,
        ratio=render / fill if fill else 0.0,
        verify_ms=verify_ms,
        qr_decoded=ok,
        target_s=TARGET_S,
        within_target=render <= TARGET_S,
        repeat=args.repeat,
    )


if __name__ == "__main__":
    main()
