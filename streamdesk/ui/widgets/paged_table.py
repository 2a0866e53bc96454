"""A table view for big paged models, and the empty state that replaces it when there is nothing to show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class PagedTableView(QTableView):
    """Rows of one fixed height and no resize-to-contents: both would read every row of a 100,000-row model.

    Qt calls the model's fetchMore when the scroll bar reaches the bottom, so pages arrive as the user scrolls.
    """

    def __init__(self, parent: QWidget | None = None, row_height: int = 30) -> None:
        super().__init__(parent)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(row_height)
        vertical.setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setHighlightSections(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control (arrows move within it)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def selected_rows(self) -> list[int]:
        """Selected row numbers, top to bottom."""
        model = self.selectionModel()
        if model is None:
            return []
        return sorted(index.row() for index in model.selectedRows())


class EmptyState(QWidget):
    """A headline, one explaining sentence and buttons for the next step, centred where the table would be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headline = QLabel(self)
        self._headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self._headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self._headline.setFont(font)
        self._text = QLabel(self)
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.setWordWrap(True)
        self._buttons = QWidget(self)
        self._button_layout = QVBoxLayout(self._buttons)
        self._button_layout.setContentsMargins(0, 0, 0, 0)
        self._button_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self._headline)
        layout.addWidget(self._text)
        layout.addSpacing(12)
        layout.addWidget(self._buttons, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def headline(self) -> str:
        return self._headline.text()

    def text(self) -> str:
        return self._text.text()

    def buttons(self) -> list[QPushButton]:
        return self._buttons.findChildren(QPushButton)

    def show_state(self, headline: str, text: str, actions: tuple[QAction, ...] = ()) -> None:
        """Replace the message and buttons; each button triggers its action and shows the action's text."""
        self._headline.setText(headline)
        self._text.setText(text)
        for button in self.buttons():
            button.deleteLater()
            self._button_layout.removeWidget(button)
        for action in actions:
            label = action.text().replace("&", "")
            shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            button = QPushButton(f"{label}  ({shortcut})" if shortcut else label, self._buttons)
            button.setMinimumWidth(240)
            button.clicked.connect(action.trigger)
            self._button_layout.addWidget(button)


class TableWithEmptyState(QStackedWidget):
    """Shows the table, or the empty state when the table has no rows to show."""

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.empty_state = EmptyState(self)
        self.addWidget(table)
        self.addWidget(self.empty_state)

    def show_table(self) -> None:
        self.setCurrentWidget(self.table)

    def show_empty(self, headline: str, text: str, actions: tuple[QAction, ...] = ()) -> None:
        self.empty_state.show_state(headline, text, actions)
        self.setCurrentWidget(self.empty_state)

    def is_showing_empty_state(self) -> bool:
        return self.currentWidget() is self.empty_state
