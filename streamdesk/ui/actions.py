"""QActions with their keys: one way to make them, so every toolbar, menu and tooltip reads the same."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
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


# A page's actions work anywhere on it (not on other pages), except those made on its table, which work only while
# the table has focus: Delete and Enter in the search box edit text there.
PAGE_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut


def page_action(owner: QWidget, text: str, keys: str | Sequence[str] = (), tip: str = "") -> QAction:
    """``make_action`` for a page: the keys work anywhere inside ``owner`` (the page, or the part of it the action
    belongs to), or only while the table has focus when ``owner`` is the table."""
    context = TABLE_KEYS if owner.inherits("QAbstractItemView") else PAGE_KEYS
    return make_action(owner, text, keys, tip, context=context)


def undo_redo_actions(owner: QWidget, stack: QUndoStack, undo_text: str, redo_text: str) -> tuple[QAction, QAction]:
    """Undo (the platform's key) and Redo (Ctrl+Shift+Z or Ctrl+Y) of ``stack``, working anywhere on ``owner``.
    The texts come translated by the caller, in its own context."""
    undo = stack.createUndoAction(owner, undo_text)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setShortcutContext(PAGE_KEYS)
    redo = stack.createRedoAction(owner, redo_text)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setShortcutContext(PAGE_KEYS)
    owner.addAction(undo)
    owner.addAction(redo)
    return undo, redo


def name_steps_in_tips(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Keep the Undo and Redo tooltips naming the step they would take ("Undo: Dismiss “…” (Ctrl+Z)")."""

    def update(_index: int = 0) -> None:
        if not shiboken6.isValid(stack) or not shiboken6.isValid(undo):  # the page is being torn down
            return
        undo.setToolTip(
            QCoreApplication.translate("UndoTips", "Undo: {step} (Ctrl+Z)").format(step=stack.undoText())
            if stack.canUndo()
            else QCoreApplication.translate("UndoTips", "Undo")
        )
        redo.setToolTip(
            QCoreApplication.translate("UndoTips", "Redo: {step} (Ctrl+Y)").format(step=stack.redoText())
            if stack.canRedo()
            else QCoreApplication.translate("UndoTips", "Redo")
        )

    stack.indexChanged.connect(update)
