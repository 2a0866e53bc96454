"""The PySide6 work-arounds in streamdesk.ui.pyside_fixes keep signal-heavy and label-heavy processes alive."""

from __future__ import annotations

import os
import subprocess
import sys

EMIT_MANY = """
import sys
import streamdesk.ui  # applies the work-arounds
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(int)

app = QCoreApplication([])
source = Source()
received = []
source.changed.connect(received.append)
for value in range(50_000):
    source.changed.emit(value)
assert len(received) == 50_000
print("alive", flush=True)
"""

SET_TEXT_MANY = """
import streamdesk.ui  # applies the work-arounds
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel()
for value in range(50_000):  # each call of a void C++ method drops a reference to None in PySide6 6.12
    label.setText(str(value))
print("alive", flush=True)
"""


def test_fifty_thousand_emits_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", EMIT_MANY], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
    assert "bool_dealloc" not in done.stderr


def test_fifty_thousand_label_updates_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SET_TEXT_MANY], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
    assert "none_dealloc" not in done.stderr


def test_true_false_and_none_are_pinned_in_this_process() -> None:
    import streamdesk.ui  # noqa: F401

    if sys.version_info < (3, 12):
        assert min(sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)) > 1 << 39
