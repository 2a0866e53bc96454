"""Item delegates for editable tables: money typed as text, and a red frame around cells that have a problem."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

# Models put the sentence explaining what is wrong with a cell under this role; delegates frame such cells in red.
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 100
PROBLEM_COLOR = QColor("#c62828")

ModelIndex = QModelIndex | QPersistentModelIndex


class ProblemDelegate(QStyledItemDelegate):
    """Paints a red frame around cells whose PROBLEM_ROLE holds a message; edits plain text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(PROBLEM_ROLE):
            painter.save()
            pen = QPen(PROBLEM_COLOR)
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class MoneyDelegate(ProblemDelegate):
    """Amounts are typed as text ("12.5", "¥1,299") and parsed by the model with core.money.parse_amount."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setPlaceholderText("0.00")
        return editor
