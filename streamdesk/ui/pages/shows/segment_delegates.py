"""Cell editors of the rundown table: a kind combo, a m:ss duration field, a fixed-start clock field and the
warn / danger thresholds. All paint the red frame of a cell with a conflict (ProblemDelegate).

The editors hand text to the model, which reads it (segment_labels.parse_duration / parse_clock) and says what is
wrong when it cannot; arrow keys step the values so a duration can be nudged without retyping it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from streamdesk.core.rundown import duration_text
from streamdesk.ui.pages.shows.segment_labels import SEGMENT_KINDS, kind_name, parse_clock, parse_duration
from streamdesk.ui.widgets.money_delegate import ProblemDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
SMALL_STEP = 30  # seconds: Up / Down in a duration field
BIG_STEP = 300  # seconds: Page Up / Page Down
CLOCK_STEP = 5  # minutes: Up / Down in a fixed-start field


class DurationEdit(QLineEdit):
    """Minutes and seconds ("4:30"); Up/Down add or take 30 s, Page Up/Page Down 5 minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("m:ss"))
        self.setToolTip(self.tr("Minutes:seconds, or whole minutes. Up/Down ±30 s, Page Up/Page Down ±5 min."))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: SMALL_STEP,
            Qt.Key.Key_Down: -SMALL_STEP,
            Qt.Key.Key_PageUp: BIG_STEP,
            Qt.Key.Key_PageDown: -BIG_STEP,
        }
        step = steps.get(Qt.Key(event.key()))
        seconds = parse_duration(self.text())
        if step is None or seconds is None:
            super().keyPressEvent(event)
            return
        self.setText(duration_text(max(0, seconds + step)))


class ClockEdit(QLineEdit):
    """A local time of day ("20:00"), empty for none; Up/Down move it by five minutes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("HH:MM"))
        self.setToolTip(self.tr("Local time, e.g. 20:00; leave empty for no fixed start. Up/Down ±5 min."))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: CLOCK_STEP, Qt.Key.Key_Down: -CLOCK_STEP}.get(Qt.Key(event.key()))
        clock = parse_clock(self.text())
        if step is None or clock is None:
            super().keyPressEvent(event)
            return
        minutes = (clock[0] * 60 + clock[1] + step) % (24 * 60)
        self.setText(f"{minutes // 60:02d}:{minutes % 60:02d}")


class KindDelegate(ProblemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for kind in SEGMENT_KINDS:
            combo.addItem(kind_name(kind), kind.value)
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(0, position))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class DurationDelegate(ProblemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = DurationEdit(parent)
        editor.setFrame(False)
        return editor


class ClockDelegate(ProblemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = ClockEdit(parent)
        editor.setFrame(False)
        return editor


class ThresholdsDelegate(ProblemDelegate):
    """Warning and danger times as "2:00 / 1:00"."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText(self.tr("2:00 / 1:00"))
        editor.setToolTip(
            self.tr("Remaining time when the timer shows the warning colour, then the danger colour, as m:ss / m:ss")
        )
        return editor
