"""The Tasks tab: the show's warm-up checklist by due time, ticked off as the seller goes, plus the default
template that new shows copy (save this show's checklist as the default, or edit the default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QToolBar, QVBoxLayout, QWidget

from streamdesk.core.warmup_types import TaskState, WarmupPlan, WarmupTaskInput, WarmupTaskRow
from streamdesk.models.base import WarmupTaskKind
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.warmup.tasks_model import TaskColumn, TasksModel, row_title
from streamdesk.ui.pages.warmup.template_dialog import TaskDialog, TemplateDialog
from streamdesk.ui.pages.warmup.undo_commands import (
    AddTaskCommand,
    DeleteTaskCommand,
    EditTaskCommand,
    SaveTemplateCommand,
    SetDoneCommand,
)
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState

if TYPE_CHECKING:
    from datetime import datetime

    from streamdesk.ui.pages.warmup.page import WarmupPage

AREA_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut


def template_from(tasks: tuple[WarmupTaskRow, ...]) -> tuple[WarmupTaskInput, ...]:
    """A show's checklist as a template: its own tasks, and one "publish the link" row (the earliest offset) for
    the per-channel publish tasks."""
    own = [task.to_input() for task in tasks if task.kind is not WarmupTaskKind.PUBLISH_LINK]
    publish = [task for task in tasks if task.kind is WarmupTaskKind.PUBLISH_LINK]
    if publish:
        first = min(publish, key=lambda task: task.offset_minutes)
        own.append(WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, first.offset_minutes, "", first.notes))
    return tuple(sorted(own, key=lambda task: task.offset_minutes))


class TasksView(QWidget):
    def __init__(self, page: WarmupPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self.model = TasksModel(self)
        self.table = PagedTableView(self, row_height=30)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(int(TaskColumn.DONE), QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(int(TaskColumn.DONE), 56)
        self.table.setColumnWidth(int(TaskColumn.DUE), 170)
        self.table.setColumnWidth(int(TaskColumn.WHEN), 190)
        self.table.setColumnWidth(int(TaskColumn.NOTES), 220)
        header.setSectionResizeMode(int(TaskColumn.TASK), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.stack = TableWithEmptyState(self.table, self)
        self.summary = QLabel(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add = make_action(self, self.tr("Add task…"), "Ctrl+N", self.tr("Add a warm-up task"), context=AREA_KEYS)
        self.edit = make_action(
            self.table, self.tr("Edit…"), ("Return", "Enter"), self.tr("Edit the selected task"), context=TABLE_KEYS
        )
        self.delete = make_action(
            self.table, self.tr("Delete"), "Delete", self.tr("Delete the selected task (undoable)"), context=TABLE_KEYS
        )
        self.toggle = make_action(
            self.table,
            self.tr("Done"),
            "Space",
            self.tr("Tick the selected task off, or untick it"),
            context=TABLE_KEYS,
        )
        self.save_template = make_action(
            self,
            self.tr("Save as default template"),
            "Ctrl+Shift+T",
            self.tr("New shows will start with this show's checklist"),
            context=AREA_KEYS,
        )
        self.edit_template = make_action(
            self, self.tr("Edit default template…"), "", self.tr("The tasks new shows start with"), context=AREA_KEYS
        )
        self.toolbar.addAction(self.add)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.edit, self.delete, self.toggle])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.save_template, self.edit_template])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.summary)
        self.add.triggered.connect(self.add_task)
        self.edit.triggered.connect(self.edit_task)
        self.delete.triggered.connect(self.delete_task)
        self.toggle.triggered.connect(self.toggle_done)
        self.save_template.triggered.connect(self.save_as_template)
        self.edit_template.triggered.connect(self.edit_default_template)
        self.model.done_toggled.connect(self.set_done)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())

    # --- state --------------------------------------------------------------------------------------------------
    def set_plan(self, plan: WarmupPlan, now: datetime, keep: int | None) -> None:
        if keep is None and (selected := self.selected_task()) is not None:
            keep = selected.id
        self.model.set_tasks(plan.tasks, now)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:  # nothing chosen yet stays unselected: a selected row would hide its state colour
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, int(TaskColumn.TASK)), flags)
        counts = self.model.counts()
        if self.model.rowCount():
            self.stack.show_table()
        else:
            self.stack.show_empty(
                self.tr("No warm-up tasks"),
                self.tr(
                    "Add what has to happen before the show: a teaser video three days ahead, ads submitted for "
                    "review five hours ahead, the preview loop half an hour ahead. Due times follow the planned start."
                ),
                (self.add, self.edit_template),
            )
        if plan.planned_start is None and self.model.rowCount():
            self.summary.setText(self.tr("The show has no planned start yet, so its tasks have no due times."))
        else:
            self.summary.setText(
                self.tr("{done} of {total} done · {overdue} overdue · {soon} due soon").format(
                    done=counts[TaskState.DONE],
                    total=self.model.rowCount(),
                    overdue=counts[TaskState.OVERDUE],
                    soon=counts[TaskState.DUE_SOON],
                )
            )
        self.update_actions()

    def selected_task(self) -> WarmupTaskRow | None:
        rows = self.table.selected_rows()
        return self.model.task(rows[0]) if rows else None

    def update_actions(self) -> None:
        task = self.selected_task()
        for action in (self.edit, self.delete, self.toggle):
            action.setEnabled(task is not None)
        self.toggle.setText(self.tr("Undone") if task is not None and task.done_at is not None else self.tr("Done"))
        self.save_template.setEnabled(self.model.rowCount() > 0)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != TaskColumn.DONE:
            self.edit_task()

    # --- flows --------------------------------------------------------------------------------------------------
    def add_task(self) -> None:
        page = self._page
        plan = page.plan()
        if plan is None:
            return
        dialog = TaskDialog(page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            task = dialog.value()
            page.push(AddTaskCommand(page, plan.show_id, task, _title(task)))

    def edit_task(self) -> None:
        task = self.selected_task()
        if task is None:
            return
        dialog = TaskDialog(self._page, task=task.to_input())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() != task.to_input():
            self._page.push(EditTaskCommand(self._page, task.id, dialog.value(), row_title(task)))

    def delete_task(self) -> None:
        task = self.selected_task()
        if task is not None:
            self._page.push(DeleteTaskCommand(self._page, task.id, row_title(task)))

    def toggle_done(self) -> None:
        task = self.selected_task()
        if task is not None:
            self.set_done(task.id, task.done_at is None)

    def set_done(self, task_id: int, done: bool) -> None:
        row = self.model.row_of(task_id)
        task = self.model.task(row) if row is not None else None
        if task is not None:
            self._page.push(SetDoneCommand(self._page, task_id, done, row_title(task)))

    def save_as_template(self) -> None:
        tasks = template_from(self.model.tasks())
        if tasks:
            self._page.push(SaveTemplateCommand(self._page, tasks))
            self._page.report_info(
                self.tr("New shows will start with these %n task(s). Ctrl+Z undoes it.", None, len(tasks))
            )

    def edit_default_template(self) -> None:
        page = self._page
        current = page.run_service(page.warmup.default_template)
        if current is None:
            return
        dialog = TemplateDialog(page, current)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.tasks() != tuple(current):
            page.push(SaveTemplateCommand(page, dialog.tasks()))
            page.report_info(self.tr("Saved the default warm-up tasks. Shows already warmed up keep their own."))


def _title(task: WarmupTaskInput) -> str:
    from streamdesk.ui.pages.warmup.texts import task_title

    return task_title(task.kind, task.title)
