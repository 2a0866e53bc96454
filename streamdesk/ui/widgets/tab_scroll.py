"""A scroll area that brings the control Tab reached just into view.

QScrollArea scrolls a newly focused child 50 px beyond its edge; tabbing down a column of controls then places each
new one above where the previous one was on screen, so the eye jumps back up at every step. Scrolling just far
enough keeps the walk moving down the screen, as the controls are laid out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget


class TabScrollArea(QScrollArea):
    def focusNextPrevChild(self, next: bool) -> bool:
        if not QWidget.focusNextPrevChild(self, next):
            return False
        focused, inner = self.focusWidget(), self.widget()
        if focused is not None and inner is not None and inner.isAncestorOf(focused):
            self.ensureWidgetVisible(focused, 0, 0)
        return True
