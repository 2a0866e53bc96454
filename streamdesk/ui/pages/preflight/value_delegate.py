"""How the run table draws and edits its cells.

``ValueDelegate``: a value (battery %) or a note is typed inline; an empty value cell says in grey what to do
("Enter to type it (at least 80 %)"). The service parses what was typed ("85", "85%", "85.5") and judges it
against the item's limits, so the editor takes any text.
``CheckDelegate``: the item's title with its hint in smaller grey type underneath and a red "critical" tag.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from streamdesk.ui.pages.preflight.run_model import CRITICAL_ROLE, HINT_ROLE, PLACEHOLDER_ROLE, RunColumn

Index = QModelIndex | QPersistentModelIndex
_CRITICAL = QColor("#c62828")
_HINT = QColor("#6b6b6b")
_PLACEHOLDER = QColor("#9e9e9e")


class ValueDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setMaxLength(200 if index.column() == RunColumn.NOTE else 40)
        placeholder = index.data(PLACEHOLDER_ROLE) if index.column() == RunColumn.VALUE else ""
        editor.setPlaceholderText(
            str(placeholder or "") if index.column() == RunColumn.VALUE else self.tr("A note for this check")
        )
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            index.model().setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        placeholder = index.data(PLACEHOLDER_ROLE) if index.column() == RunColumn.VALUE else None
        if not placeholder or index.data(Qt.ItemDataRole.DisplayRole):
            return
        painter.save()
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        painter.setPen(palette.highlightedText().color() if selected else _PLACEHOLDER)
        rect: QRect = option.rect.adjusted(6, 0, -4, 0)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), str(placeholder))
        painter.restore()


class CheckDelegate(QStyledItemDelegate):
    """Title on the first line (bold when critical, with a "critical" tag), the hint under it, elided."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        title = style_option.text
        style_option.text = ""
        widget = style_option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        hint = str(index.data(HINT_ROLE) or "")
        critical = bool(index.data(CRITICAL_ROLE))
        selected = bool(style_option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = style_option.palette
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        rect: QRect = style_option.rect.adjusted(6, 3, -6, -3)
        painter.save()
        title_font = QFont(style_option.font)
        title_font.setBold(critical)
        hint_font = QFont(style_option.font)
        hint_font.setPointSizeF(max(7.0, hint_font.pointSizeF() * 0.88))
        tag = self.tr("critical") if critical else ""
        tag_font = QFont(style_option.font)
        tag_font.setPointSizeF(max(7.0, tag_font.pointSizeF() * 0.8))
        tag_font.setBold(True)
        tag_width = QFontMetrics(tag_font).horizontalAdvance(tag) + 10 if tag else 0
        title_metrics = QFontMetrics(title_font)
        line = title_metrics.height()
        two_lines = bool(hint) and rect.height() >= line + QFontMetrics(hint_font).height()
        title_top = rect.top() if two_lines else rect.top() + (rect.height() - line) // 2
        available = max(0, rect.width() - (tag_width + 6 if tag else 0))
        shown = title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, available)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(QRect(rect.left(), title_top, available, line), int(Qt.AlignmentFlag.AlignVCenter), shown)
        if tag:
            left = rect.left() + title_metrics.horizontalAdvance(shown) + 6
            tag_rect = QRect(left, title_top + 2, tag_width, line - 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff") if selected else QColor("#fdecea"))
            painter.drawRoundedRect(tag_rect, 3, 3)
            painter.setPen(_CRITICAL)
            painter.setFont(tag_font)
            painter.drawText(tag_rect, int(Qt.AlignmentFlag.AlignCenter), tag)
        if two_lines:
            painter.setFont(hint_font)
            painter.setPen(text_colour if selected else _HINT)
            hint_metrics = QFontMetrics(hint_font)
            hint_rect = QRect(rect.left(), title_top + line, rect.width(), hint_metrics.height())
            elided = hint_metrics.elidedText(hint.replace("\n", " "), Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(hint_rect, int(Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        return QSize(size.width(), metrics.height() * 2 + 8)
