"""The checklist chooser beside "Start pre-flight run" and its menu: edit the chosen checklist, make a new one (a
copy of it), make it the default, delete it. Each change is an undoable command on the page's stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QToolButton

from streamdesk.core.preflight_types import ChecklistTemplateRow
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.preflight.template_dialog import TemplateDialog
from streamdesk.ui.pages.preflight.undo_commands import (
    CreateTemplateCommand,
    DeleteTemplateCommand,
    SetDefaultCommand,
    UpdateTemplateCommand,
)

if TYPE_CHECKING:
    from streamdesk.ui.pages.preflight.page import PreflightPage


class TemplateFlows:
    def __init__(self, page: PreflightPage) -> None:
        self._page = page
        self._rows: tuple[ChecklistTemplateRow, ...] = ()
        keys = page.start_action.shortcutContext()
        self.edit_action = make_action(
            page,
            QCoreApplication.translate("TemplateFlows", "Edit checklist…"),
            "Ctrl+E",
            QCoreApplication.translate("TemplateFlows", "Add, remove and reorder checks"),
            context=keys,
        )
        self.new_action = make_action(
            page,
            QCoreApplication.translate("TemplateFlows", "New checklist…"),
            "",
            QCoreApplication.translate("TemplateFlows", "A new checklist, starting as a copy of this one"),
            context=keys,
        )
        self.default_action = make_action(
            page,
            QCoreApplication.translate("TemplateFlows", "Make default"),
            "",
            QCoreApplication.translate("TemplateFlows", "New runs use this checklist"),
            context=keys,
        )
        self.delete_action = make_action(page, QCoreApplication.translate("TemplateFlows", "Delete checklist…"), "", QCoreApplication.translate("TemplateFlows", "Delete this checklist (undoable)"), context=keys)  # fmt: skip
        self.menu = QMenu(page)
        self.menu.addActions([self.edit_action, self.new_action, self.default_action])
        self.menu.addSeparator()
        self.menu.addAction(self.delete_action)
        self.button = QToolButton(page)
        self.button.setText(QCoreApplication.translate("TemplateFlows", "Checklists"))
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.edit_action.triggered.connect(self.edit)
        self.new_action.triggered.connect(self.create)
        self.default_action.triggered.connect(self.make_default)
        self.delete_action.triggered.connect(self.delete)
        page.template.currentIndexChanged.connect(lambda *_: self._update_actions())

    def rows(self) -> tuple[ChecklistTemplateRow, ...]:
        return self._rows

    def reload(self, select: int | None = None) -> None:
        page = self._page
        rows = page.run_service(page.preflight.templates)
        if rows is None:
            return
        keep = select if select is not None else (self.chosen().id if self.chosen() is not None else None)  # type: ignore[union-attr]
        self._rows = rows
        combo = page.template
        combo.blockSignals(True)
        combo.clear()
        for row in rows:
            name = (
                QCoreApplication.translate("TemplateFlows", "{name} (default)").format(name=row.name)
                if row.is_default
                else row.name
            )
            combo.addItem(name, row.id)
        index = combo.findData(keep) if keep is not None else -1
        if index < 0:
            index = next((number for number, row in enumerate(rows) if row.is_default), 0)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        self._update_actions()

    def chosen(self) -> ChecklistTemplateRow | None:
        template_id = self._page.template.currentData()
        return next((row for row in self._rows if row.id == template_id), None)

    def _update_actions(self) -> None:
        chosen = self.chosen()
        self.edit_action.setEnabled(chosen is not None)
        self.default_action.setEnabled(chosen is not None and not chosen.is_default)
        self.delete_action.setEnabled(chosen is not None and len(self._rows) > 1)

    def _first(self, template_id: int) -> int:
        return self._page.template_ids.first_of(template_id)

    def edit(self) -> None:
        page, chosen = self._page, self.chosen()
        if chosen is None:
            return
        dialog = TemplateDialog(
            page, QCoreApplication.translate("TemplateFlows", "Edit checklist"), chosen.name, chosen.items
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if (dialog.name_text(), dialog.items()) != (chosen.name, chosen.items):
            page.push(UpdateTemplateCommand(page, self._first(chosen.id), dialog.name_text(), dialog.items()))
            page.report_info(
                QCoreApplication.translate(
                    "TemplateFlows", "Saved the checklist. The next run uses it; runs already started keep theirs."
                )
            )

    def create(self) -> None:
        page, chosen = self._page, self.chosen()
        name = (
            QCoreApplication.translate("TemplateFlows", "{name} (copy)").format(name=chosen.name)
            if chosen is not None
            else QCoreApplication.translate("TemplateFlows", "My checklist")
        )
        dialog = TemplateDialog(
            page,
            QCoreApplication.translate("TemplateFlows", "New checklist"),
            name,
            chosen.items if chosen is not None else (),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            page.push(CreateTemplateCommand(page, dialog.name_text(), dialog.items()))

    def make_default(self) -> None:
        page, chosen = self._page, self.chosen()
        if chosen is not None and not chosen.is_default:
            page.push(SetDefaultCommand(page, self._first(chosen.id), chosen.name))

    def delete(self) -> None:
        page, chosen = self._page, self.chosen()
        if chosen is None:
            return
        answer = QMessageBox.question(
            page,
            QCoreApplication.translate("TemplateFlows", "Delete checklist"),
            QCoreApplication.translate(
                "TemplateFlows", "Delete the checklist “{name}”? Past runs keep their results; Ctrl+Z brings it back."
            ).format(name=chosen.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            page.push(DeleteTemplateCommand(page, self._first(chosen.id), chosen.name))
