"""The GUI live timer in real time: how late the presenter's digits change, and the CPU it costs.

    python tests/bench/bench_timer.py [--duration 60]

Three fresh processes, one after the other, each running a Qt event loop for the same time (offscreen):
- ``idle``: an empty 1280×720 window, nothing else (the floor any Qt app pays);
- ``naive``: a QLabel showing the same LiveTimer, refreshed by a plain 1-second QTimer (what the presenter would be
  without aiming its refreshes);
- ``presenter``: the real PresenterWindow (1280×720) on a real LiveTimer over a ShowClock, started at once; its one
  segment runs into warning, danger and overtime (+m:ss) within the run.

At every paint of the digits whose value changed, the lateness is how far the timer's clock had passed the moment the
new value became due: for a shown value d (a countdown shows ceil(remaining)) that moment is when remaining = d, so
lateness = d − remaining at paint time. Between changes the shown value is right by definition, so the largest
lateness is the largest deviation of the displayed time from the monotonic clock. A value shown early (negative
lateness) or a second skipped is counted too. CPU is the child's process time (user + system) during the event loop
as a share of one core. Targets: max lateness ≤ 20 ms, CPU ≤ 3 %.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import percentile, report

ROOT = Path(__file__).resolve().parents[2]
TARGET_LATE_MS = 20.0
TARGET_CPU_PERCENT = 3.0


def shown_value(text: str) -> int:
    """ "4:59" → 299, "+1:05" → −65, "1:02:03" → 3723 (the inverse of formatting.format_timer)."""
    sign = -1 if text.startswith("+") else 1
    seconds = 0
    for part in text.lstrip("+").split(":"):
        seconds = seconds * 60 + int(part)
    return sign * seconds


class ChangeRecorder:
    """Called at each paint of the digits: keeps the lateness of every change of the shown value."""

    def __init__(self, timer: Any, text: Any) -> None:
        self._timer, self._text = timer, text
        self.last: int | None = None
        self.late_ms: list[float] = []
        self.skipped = 0
        self.paints = 0

    def painted(self) -> None:
        self.paints += 1
        value = shown_value(self._text())
        if value == self.last:
            return
        remaining = self._timer.state().remaining
        if self.last is not None:
            self.late_ms.append((value - remaining) * 1000)
            self.skipped += max(0, self.last - value - 1)
        self.last = value


def run_child(kind: str, duration: float) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    import streamdesk.ui  # noqa: F401  (the PySide6 work-arounds, as in the app)
    from streamdesk.core.live_timer import LiveTimer, PlannedSegment, ShowClock
    from streamdesk.ui.formatting import format_timer

    app = QApplication([])
    planned = max(6, round(duration * 2 / 3))  # overtime for the last third of the run
    segments = [PlannedSegment("Bench", planned, warn_at=planned // 2, danger_at=planned // 4)]
    timer = LiveTimer([*segments, PlannedSegment("Next", 600)], clock=ShowClock())
    recorder: ChangeRecorder | None = None

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and recorder is not None:
                recorder.painted()
            return False

    spy = PaintSpy()
    keep: list[object] = []
    if kind == "presenter":
        from streamdesk.ui.presenter import PresenterWindow

        window: QWidget = PresenterWindow(timer.state, ["Bench", "Next"])
        display = window.display  # type: ignore[attr-defined]
        recorder = ChangeRecorder(timer, display.digits.text)
        display.digits.installEventFilter(spy)
        refresh = window.refresh  # type: ignore[attr-defined]
    elif kind == "naive":
        label = QLabel()
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPixelSize(300)
        label.setFont(font)
        window = label
        recorder = ChangeRecorder(timer, label.text)
        label.installEventFilter(spy)

        def refresh() -> None:
            label.setText(format_timer(timer.state().remaining))

        tick = QTimer()
        tick.setInterval(1000)
        tick.timeout.connect(refresh)
        keep.append(tick)
    else:
        window = QWidget()
        refresh = None  # type: ignore[assignment]
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    if refresh is not None:
        timer.start()
        refresh()
        for tick in keep:
            tick.start()  # type: ignore[attr-defined]
    QTimer.singleShot(round(duration * 1000), app.quit)
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    app.exec()
    cpu, wall = time.process_time() - cpu_started, time.perf_counter() - wall_started
    result: dict[str, Any] = {"kind": kind, "wall_s": wall, "cpu_s": cpu, "cpu_percent": 100 * cpu / wall}
    if recorder is not None:
        result.update(late_ms=recorder.late_ms, skipped=recorder.skipped, paints=recorder.paints)
        result["final_phase"] = timer.state().phase.value
    return result


def child(kind: str, duration: float) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    command = [sys.executable, __file__, "--child", kind, "--duration", str(duration)]
    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=duration + 120, check=False)
    if finished.returncode != 0:
        raise SystemExit(f"{kind} run failed ({finished.returncode}): {finished.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds each process runs (default 60)")
    parser.add_argument("--child", choices=("idle", "naive", "presenter"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(run_child(args.child, args.duration)) + "\n")
        return
    idle = child("idle", args.duration)
    naive = child("naive", args.duration)
    presenter = child("presenter", args.duration)
    late, naive_late = presenter["late_ms"], naive["late_ms"]
    max_late = max(abs(value) for value in late)
    naive_max = max(abs(value) for value in naive_late)
    report(
        "live_timer_display",
        duration_s=args.duration,
        changes=len(late),
        max_late_ms=max_late,
        p50_late_ms=percentile(late, 0.5),
        p99_late_ms=percentile(late, 0.99),
        early_changes=sum(1 for value in late if value < 0),
        skipped_seconds=presenter["skipped"],
        digit_paints=presenter["paints"],
        final_phase=presenter["final_phase"],
        cpu_percent=presenter["cpu_percent"],
        idle_loop_cpu_percent=idle["cpu_percent"],
        naive_label_cpu_percent=naive["cpu_percent"],
        naive_label_max_late_ms=naive_max,
        naive_label_skipped_seconds=naive["skipped"],
        cpu_over_idle_percent=presenter["cpu_percent"] - idle["cpu_percent"],
        late_ratio_vs_naive=max_late / naive_max if naive_max else float("nan"),
        target_max_late_ms=TARGET_LATE_MS,
        target_cpu_percent=TARGET_CPU_PERCENT,
        passed=max_late <= TARGET_LATE_MS and presenter["cpu_percent"] <= TARGET_CPU_PERCENT,
    )


if __name__ == "__main__":
    main()
