"""QActions with their keys: one way to make them, so every toolbar, menu and tooltip reads the same."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(
    owner: QWidget, text: str, keys: str | Sequence[str] = (), tip: str = "", *, context: Qt.ShortcutContext
) -> QAction:
    """An action added to ``owner``, its keys working in ``context``; the tooltip names the first key:
    "Add a segment after the selected one (Ins)"."""
    action = QAction(text, owner)
    sequences = [QKeySequence(key) for key in ((keys,) if isinstance(keys, str) else keys) if key]
    tip = tip or text
    if sequences:
        action.setShortcuts(sequences)
        action.setShortcutContext(context)
        tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    owner.addAction(action)
    return action
