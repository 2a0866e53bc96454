"""The shows page's actions and their keys, made in one place so toolbar, menus and keys agree.

The keys work where the show list (or calendar) has focus, not in the rundown editor beside it, which has its
own Ctrl+Z, Delete and friends: one key on two active actions would fire neither.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QUndoStack
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from streamdesk.core.show_types import ShowStatus
from streamdesk.ui.actions import page_action, undo_redo_actions
from streamdesk.ui.pages.shows.show_list_model import ShowView


class ShowsActions(QObject):
    def __init__(self, area: QWidget, table: QWidget, undo_stack: QUndoStack) -> None:
        super().__init__(area)
        self.new_show = page_action(area, self.tr("New show"), "Ctrl+N", self.tr("Plan a new show"))
        self.edit = page_action(table, self.tr("Edit…"), ("Return", "Enter"), self.tr("Edit the selected show"))
        self.duplicate = page_action(
            area, self.tr("Duplicate…"), "Ctrl+D", self.tr("Copy the selected show to a new date")
        )
        self.delete = page_action(table, self.tr("Delete"), "Delete", self.tr("Delete the selected show (undoable)"))
        self.save_template = page_action(
            area, self.tr("Save as template…"), "Ctrl+Shift+T", self.tr("Keep this show's plan to start new shows from")
        )
        self.from_template = page_action(
            area, self.tr("New from template…"), "Ctrl+Shift+N", self.tr("Start a new show from a template")
        )
        self.stock_check = page_action(
            area, self.tr("Stock check"), "Ctrl+K", self.tr("SKUs with less stock than the show's targets")
        )
        self.mark_draft = page_action(area, self.tr("Mark as draft"), "Ctrl+Shift+D")
        self.mark_scheduled = page_action(area, self.tr("Mark as scheduled"), "Ctrl+Shift+S")
        self.mark_cancelled = page_action(area, self.tr("Mark as cancelled"), "Ctrl+Shift+X")
        self.status_actions = {
            ShowStatus.DRAFT: self.mark_draft,
            ShowStatus.SCHEDULED: self.mark_scheduled,
            ShowStatus.CANCELLED: self.mark_cancelled,
        }
        self.clear_search = QAction(self.tr("Clear search"), area)
        self.undo, self.redo = undo_redo_actions(area, undo_stack, self.tr("Undo"), self.tr("Redo"))
        self.views = QActionGroup(self)
        self.view_actions: dict[ShowView, QAction] = {}
        names = {
            ShowView.UPCOMING: (self.tr("Upcoming"), self.tr("Shows still to come, earliest first")),
            ShowView.PAST: (self.tr("Past"), self.tr("Shows that have ended, latest first")),
            ShowView.ALL: (self.tr("All"), self.tr("Every show")),
            ShowView.TEMPLATES: (self.tr("Templates"), self.tr("Plans to start new shows from")),
            ShowView.CALENDAR: (self.tr("Calendar"), self.tr("A month at a time; pick a day to see its shows")),
        }
        for number, (view, (text, tip)) in enumerate(names.items(), start=1):
            action = page_action(area, text, f"Alt+{number}", tip)
            action.setCheckable(True)
            action.setData(view)
            self.views.addAction(action)
            self.view_actions[view] = action
        self.view_actions[ShowView.UPCOMING].setChecked(True)

    def fill_toolbar(self, toolbar: QToolBar) -> QMenu:
        """Put the actions on the page's toolbar; returns the status menu (the context menu shows it too)."""
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        status_menu = QMenu(self.tr("Status"), toolbar)
        status_menu.addActions(list(self.status_actions.values()))
        status_button = QToolButton(toolbar)
        status_button.setText(self.tr("Status"))
        status_button.setMenu(status_menu)
        status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addActions([self.new_show, self.from_template])
        toolbar.addSeparator()
        toolbar.addActions([self.edit, self.duplicate, self.delete])
        toolbar.addWidget(status_button)
        toolbar.addSeparator()
        toolbar.addActions([self.save_template, self.stock_check])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        return status_menu

    def view_buttons(self, parent: QWidget) -> list[QToolButton]:
        """One checkable button per view (Upcoming … Calendar), in order."""
        buttons = []
        for action in self.view_actions.values():
            button = QToolButton(parent)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.append(button)
        return buttons

    def selection_actions(self) -> tuple[QAction, ...]:
        return (
            self.edit,
            self.duplicate,
            self.delete,
            self.save_template,
            self.stock_check,
            *self.status_actions.values(),
        )
