"""The Notes tab: what went well and what went wrong (saved a moment after typing stops, or when the field is left),
the action items for next time (added, edited, ticked, deleted), and the cost inputs of gross profit.

The panel only asks; the page turns each request into an undoable command and hands the stored result back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.review_types import ActionItemRow, ReviewNotes
from streamdesk.ui.pages.review.actions_model import ActionsModel, ActionsTable
from streamdesk.ui.pages.review.cost_inputs import CostInputsBox

SAVE_AFTER_MS = 1200  # typing pauses this long before the notes are stored (leaving the field stores at once)


class NotesPanel(QWidget):
    notes_edited = Signal(object)  # ReviewNotes
    action_added = Signal(str)
    action_edited = Signal(int, str)  # action id, new text
    action_deleted = Signal(int)
    action_ticked = Signal(int, bool)  # action id, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.went_well = QPlainTextEdit(self)
        self.went_well.setPlaceholderText(
            self.tr("e.g. The flash sale at 20:30 doubled the orders; the new host intro kept viewers longer.")
        )
        self.problems = QPlainTextEdit(self)
        self.problems.setPlaceholderText(
            self.tr("e.g. Sizes ran out in the first 10 minutes; the sound dropped twice during the giveaway.")
        )
        for editor in (self.went_well, self.problems):
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(self._on_typed)
            editor.installEventFilter(self)
        self._saved = ReviewNotes()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_notes)

        self.actions_model = ActionsModel(self)
        self.action_table = ActionsTable(self.actions_model, self)
        self.new_action = QLineEdit(self)
        self.new_action.setPlaceholderText(self.tr("Something to do differently next time; Enter adds it"))
        self.new_action.returnPressed.connect(self._on_add)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._on_add)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete the selected action item (Del)"))
        self.delete_button.clicked.connect(self._on_delete)
        self.actions_summary = QLabel(self)
        self.actions_summary.setWordWrap(True)
        self.actions_model.tick_requested.connect(self.action_ticked)
        self.actions_model.edit_requested.connect(self.action_edited)
        self.action_table.delete_requested.connect(self.action_deleted)
        self.costs = CostInputsBox(self)
        self._build_layout()

    def _build_layout(self) -> None:
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        for title, editor in ((self.tr("What went well"), self.went_well), (self.tr("Problems"), self.problems)):
            label = QLabel(title, notes)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            label.setBuddy(editor)
            notes_layout.addWidget(label)
            notes_layout.addWidget(editor, 1)
        box = QGroupBox(self.tr("Action items"), self)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_action, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.delete_button)
        actions_layout = QVBoxLayout(box)
        actions_layout.addWidget(self.actions_summary)
        actions_layout.addWidget(self.action_table, 1)
        actions_layout.addLayout(add_row)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(box, 1)
        right_layout.addWidget(self.costs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(notes)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    # --- notes --------------------------------------------------------------------------------------------------
    def typed_notes(self) -> ReviewNotes:
        return ReviewNotes(went_well=self.went_well.toPlainText(), problems=self.problems.toPlainText())

    def set_notes(self, notes: ReviewNotes, *, force: bool = False) -> None:
        """Show stored notes; a field with unsaved typing keeps it unless ``force`` (another show, an undo)."""
        typed = self.typed_notes()
        for editor, stored, unsaved in (
            (self.went_well, notes.went_well, typed.went_well != self._saved.went_well),
            (self.problems, notes.problems, typed.problems != self._saved.problems),
        ):
            if (force or not unsaved) and editor.toPlainText() != stored:
                editor.blockSignals(True)
                editor.setPlainText(stored)
                editor.blockSignals(False)
        self._saved = notes
        if force:
            self._save_timer.stop()

    def save_notes(self) -> None:
        """Store what was typed, if it differs from what is stored."""
        self._save_timer.stop()
        typed = self.typed_notes()
        if typed != self._saved:
            self._saved = typed
            self.notes_edited.emit(typed)

    def has_unsaved_notes(self) -> bool:
        return self.typed_notes() != self._saved

    def _on_typed(self) -> None:
        self._save_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.went_well, self.problems):
            self.save_notes()
        return super().eventFilter(watched, event)

    # --- action items -------------------------------------------------------------------------------------------
    def set_actions(
        self, own: Sequence[ActionItemRow], carried: Sequence[ActionItemRow], select: int | None = None
    ) -> None:
        self.actions_model.set_actions(own, carried)
        self.action_table.select_action(select)
        still_open = sum(1 for item in carried if item.done_at is None)
        total, remaining = self.actions_model.rowCount(), self.actions_model.open_count()
        if total == 0:
            self.actions_summary.setText(
                self.tr(
                    "No action items yet. Write down what to change next time: it is listed on the next show's "
                    "pre-flight until you tick it."
                )
            )
        elif still_open:
            self.actions_summary.setText(
                self.tr("%n item(s) open, {earlier} of them from earlier reviews.", None, remaining).format(
                    earlier=still_open
                )
            )
        else:
            self.actions_summary.setText(self.tr("%n item(s) open in all.", None, remaining))

    def _on_add(self) -> None:
        text = self.new_action.text().strip()
        if text:
            self.new_action.clear()
            self.action_added.emit(text)

    def _on_delete(self) -> None:
        action_id = self.action_table.current_action_id()
        if action_id is not None:
            self.action_deleted.emit(action_id)
