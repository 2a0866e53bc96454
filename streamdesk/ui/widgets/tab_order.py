"""Tab order for controls made after the ones they sit above (Qt lets Tab visit widgets in the order they were
made)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_before(first: QWidget, widgets: Sequence[QWidget]) -> None:
    """Let Tab reach ``widgets``, in this order, just before ``first``; the rest of the order stays as it was.

    Qt's setTabOrder ignores a widget that takes no focus and puts a widget set after a container after all of its
    children, so the new ones follow the last control before ``first`` that is neither."""
    stops = [widget for widget in widgets if widget.focusPolicy() != Qt.FocusPolicy.NoFocus]
    previous = first.previousInFocusChain()
    while previous is not first and (
        previous.isAncestorOf(first) or previous.focusPolicy() == Qt.FocusPolicy.NoFocus or previous in stops
    ):
        previous = previous.previousInFocusChain()
    if previous is first:  # nothing before it takes focus: the widgets go first, then ``first``
        for before, after in zip(stops, [*stops[1:], first], strict=True):
            QWidget.setTabOrder(before, after)
        return
    for widget in stops:
        QWidget.setTabOrder(previous, widget)
        previous = widget
