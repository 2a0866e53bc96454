"""The rundown editor's actions and their keys, made in one place so toolbar, context menu and keys agree.

Keys avoid the Shows page's own (Ctrl+N new show, Ctrl+D duplicate show): the editor's insert is Insert or
Ctrl+Shift+N, its duplicate Ctrl+Shift+D. Row keys (Delete, Ctrl+↑/↓) work only while the table has focus, so
Delete in a text field still deletes text.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.shows.script_templates import ScriptTemplate, template_name

EDITOR_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut


class RundownActions(QObject):
    def __init__(self, editor: QWidget, table: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(editor)
        self.insert_segment = self._make(
            editor, self.tr("Insert segment"), ("Ins", "Ctrl+Shift+N"), self.tr("Add a segment after the selected one")
        )
        self.insert_template = self._make(
            editor,
            self.tr("Script template"),
            ("Ctrl+Shift+T",),
            self.tr("Insert a ready-made opening or closing segment with talking points"),
        )
        self.duplicate = self._make(
            editor, self.tr("Duplicate segment"), ("Ctrl+Shift+D",), self.tr("Copy the selected segment below it")
        )
        self.delete = self._make(table, self.tr("Delete segment"), ("Del",), self.tr("Delete the selected segments"))
        self.move_up = self._make(table, self.tr("Move up"), ("Ctrl+Up",), self.tr("Move the selected segments up"))
        self.move_down = self._make(
            table, self.tr("Move down"), ("Ctrl+Down",), self.tr("Move the selected segments down")
        )
        self.add_products = self._make(
            editor,
            self.tr("Add products…"),
            ("Ctrl+Shift+P",),
            self.tr("Link SKUs from the catalogue to the selected segment"),
        )
        self.edit_details = self._make(
            table,
            self.tr("Talking points"),
            ("Return", "Enter"),
            self.tr("Edit the talking points, products and notes of the selected segment"),
        )
        self.templates_menu = QMenu(editor)
        self.template_actions: dict[ScriptTemplate, QAction] = {}
        for template in ScriptTemplate:
            self.template_actions[template] = self.templates_menu.addAction(template_name(template))
        self.insert_template.setMenu(self.templates_menu)
        # Fixed texts (the step's name goes in the tooltip): a toolbar that grew with every edit would jitter.
        self.undo = self._make(editor, self.tr("Undo"), ("Ctrl+Z",), self.tr("Undo the last change"))
        self.redo = self._make(editor, self.tr("Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), self.tr("Redo the change undone"))
        self.undo.triggered.connect(undo_stack.undo)
        self.redo.triggered.connect(undo_stack.redo)
        undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        undo_stack.undoTextChanged.connect(lambda text: self._describe(self.undo, self.tr("Undo “{step}”"), text))
        undo_stack.redoTextChanged.connect(lambda text: self._describe(self.redo, self.tr("Redo “{step}”"), text))
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)

    def _make(self, owner: QWidget, text: str, keys: tuple[str, ...], tip: str) -> QAction:
        context = TABLE_KEYS if owner.inherits("QAbstractItemView") else EDITOR_KEYS
        return make_action(owner, text, keys, tip, context=context)

    def _describe(self, action: QAction, template: str, step: str) -> None:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = template.format(step=step) if step else action.text()
        action.setToolTip(self.tr("{tip} ({keys})").format(tip=text, keys=keys))

    def segment_actions(self) -> tuple[QAction, ...]:
        """The actions that need a selected segment."""
        return (self.duplicate, self.delete, self.move_up, self.move_down, self.add_products, self.edit_details)
