"""Work-arounds for bugs in the PySide6 release we ship with. Each says what it fixes and when it can go.

Applied once per process by ``streamdesk.ui`` (its ``__init__`` calls ``apply()``), so every GUI entry point and
every UI test gets them just by importing a UI module. This module imports no Qt.
"""

from __future__ import annotations

import sys

_IMMORTAL_REFERENCES = 1 << 40


def pin_singletons() -> None:
    """Keep ``True``, ``False`` and ``None`` alive whatever PySide6 does to their reference counts.

    PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference, so each emit from
    Python drops one reference to ``True``. On Python 3.11 the interpreter aborts with "bool_dealloc:
    deallocating True or False" once a few hundred signals have been emitted (tests/ui/test_shell_pyside.py
    shows it). Every call of a wrapped C++ method returning void (``QLabel.setText``, ``QSpinBox.setValue``…)
    likewise drops a reference to ``None``: a process starts with a few thousand, so a timer label updated ten
    times a second spends them in minutes and the interpreter aborts with "none_dealloc" (found on the rundown
    editor). Python 3.12 made these singletons immortal; this does the same for 3.11 by giving them a reference
    count no program can spend. Remove once the minimum Python is 3.12 or PySide6 fixes both.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for value in (True, False, None):
        refcount = ctypes.c_ssize_t.from_address(id(value))  # ob_refcnt is the first field of every PyObject
        if refcount.value < _IMMORTAL_REFERENCES:  # once per process, however often it is called
            refcount.value += _IMMORTAL_REFERENCES


def apply() -> None:
    """Every work-around in this module; safe to call more than once."""
    pin_singletons()
