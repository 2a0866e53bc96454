"""Start-up to first paint on a 100,000-SKU catalogue vs a bare PySide6 QMainWindow started the same way.

Both are fresh `python` processes; the parent times from spawn until the child prints its first-paint line
(the child prints as soon as its window has painted once, then exits). Target: ratio ≤ 4.

StreamDesk's bytecode is written first, as pip and PyInstaller do when they install it: an installed StreamDesk
never compiles its sources at start-up, but a checkout run with PYTHONDONTWRITEBYTECODE set (some sandboxes and CI
images set it) would, on every run, and the bench would time the compiler instead of the app.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, report
from catalogue_data import bench_database

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def time_to_first_line(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    child.communicate(timeout=60)
    if child.returncode != 0 or not line:
        raise SystemExit(f"{command[:3]} failed with {child.returncode}: {child.stderr}")
    return elapsed, line.strip()


def compile_package() -> None:
    import streamdesk

    compileall.compile_dir(Path(streamdesk.__file__).parent, quiet=1)


def main(runs: int = 7) -> None:
    database = bench_database()
    compile_package()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["STREAMDESK_HOME"] = tempfile.mkdtemp(prefix="sd-bench-home-")
    bare_cmd = [sys.executable, "-c", BARE_WINDOW]
    app_cmd = [sys.executable, "-m", "streamdesk", "--db", str(database), "--quit-after-first-paint"]
    time_to_first_line(app_cmd, env)  # warm the OS file cache and migrate nothing twice
    time_to_first_line(bare_cmd, env)
    bare, app, reported = [], [], []
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        bare.append(time_to_first_line(bare_cmd, env)[0])
        elapsed, line = time_to_first_line(app_cmd, env)
        app.append(elapsed)
        reported.append(line)
    ratio = median(app) / median(bare)
    report(
        "startup_first_paint",
        skus=100_000,
        streamdesk_ms_median=median(app),
        bare_qmainwindow_ms_median=median(bare),
        ratio=ratio,
        target_ratio=4.0,
        passed=ratio <= 4.0,
        runs=runs,
        streamdesk_reported=reported[-1],
        database=str(Path(database)),
    )


if __name__ == "__main__":
    main()
