"""Small dialogs that copy shows: duplicate (asks for the new date), save as template (asks for its name) and new
show from a template (pick one, name the show, date it). None writes anything; the page pushes the command."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.show_types import ShowSummary
from streamdesk.ui.pages.shows.labels import format_duration, platforms_text, weekday_name
from streamdesk.ui.pages.shows.show_fields import from_qdatetime, to_qdatetime
from streamdesk.ui.widgets.field_problem import FieldWithProblem


class StartPicker(QWidget):
    """A local date and time, or "No date yet"."""

    def __init__(self, start: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateTimeEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setMinimumWidth(170)
        self.weekday = QLabel(self)
        self.undated = QCheckBox(self.tr("No date yet"), self)
        if start is not None:
            self.edit.setDateTime(to_qdatetime(start))
        self.undated.setChecked(start is None)
        self.edit.setEnabled(start is not None)
        self.undated.toggled.connect(lambda checked: self.edit.setEnabled(not checked))
        self.edit.dateTimeChanged.connect(self._show_weekday)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.weekday)
        row.addWidget(self.undated)
        row.addStretch(1)

        self._show_weekday()

    def value(self) -> datetime | None:
        return None if self.undated.isChecked() else from_qdatetime(self.edit.dateTime())

    def _show_weekday(self, *_args: object) -> None:
        self.weekday.setText(weekday_name(self.edit.date().dayOfWeek()))


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DuplicateDialog(QDialog):
    def __init__(self, title: str, start: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Duplicate show"))
        self.start = StartPicker(start, self)
        explanation = QLabel(
            self.tr("A copy of “{title}” with its goals, people, promotions, budget and rundown, as a draft.").format(
                title=title
            ),
            self,
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("New start"), self.start)
        self.buttons = _buttons(self, self.tr("Duplicate"))
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.start.edit.setFocus()

    def planned_start(self) -> datetime | None:
        return self.start.value()


class SaveTemplateDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save as template"))
        explanation = QLabel(
            self.tr(
                "A template keeps the goals, people, promotions, budget and rundown of “{title}” without a date. "
                "Start new shows from it with “New from template”."
            ).format(title=title),
            self,
        )
        explanation.setWordWrap(True)
        self.name = QLineEdit(title, self)
        self.name.selectAll()
        self.name_field = FieldWithProblem(self.name, self)
        form = QFormLayout()
        form.addRow(self.tr("Template name"), self.name_field)
        self.buttons = _buttons(self, self.tr("Save template"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self.setMinimumWidth(520)
        self._check()

    def template_title(self) -> str:
        return self.name.text().strip()

    def _check(self) -> None:
        ok = bool(self.template_title())
        self.name_field.set_problem(None if ok else self.tr("Give the template a name."))
        self.ok_button.setEnabled(ok)


class FromTemplateDialog(QDialog):
    """Pick a template (arrow keys), name the show (the template's name until you type one) and date it."""

    def __init__(
        self,
        templates: Sequence[ShowSummary],
        start: datetime,
        preselect: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New show from a template"))
        self.templates = QListWidget(self)
        for template in templates:
            details = [
                text
                for text in (
                    platforms_text(template.platforms),
                    format_duration(template.planned_seconds),
                    self.tr("%n segment(s)", "", template.segment_count) if template.segment_count else "",
                )
                if text
            ]
            text = self.tr("{title} — {details}").format(title=template.title, details=" · ".join(details))
            item = QListWidgetItem(text if details else template.title)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, template.title)
            self.templates.addItem(item)
        self.title = QLineEdit(self)
        self.title_field = FieldWithProblem(self.title, self)
        self.start = StartPicker(start, self)
        form = QFormLayout()
        form.addRow(self.tr("Show title"), self.title_field)
        form.addRow(self.tr("Planned start"), self.start)
        self.buttons = _buttons(self, self.tr("Create show"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Template"), self))
        layout.addWidget(self.templates, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._title_typed = False
        self.templates.currentRowChanged.connect(self._on_template_chosen)
        self.title.textEdited.connect(self._on_title_typed)
        self.title.textChanged.connect(self._check)
        ids = [self.templates.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.templates.count())]
        self.templates.setCurrentRow(ids.index(preselect) if preselect in ids else 0)
        self.resize(600, 400)
        self.templates.setFocus()
        self._check()

    def template_id(self) -> int | None:
        item = self.templates.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def show_title(self) -> str:
        return self.title.text().strip()

    def planned_start(self) -> datetime | None:
        return self.start.value()

    def _on_template_chosen(self, row: int) -> None:
        item = self.templates.item(row)
        if item is not None and not self._title_typed:
            self.title.setText(str(item.data(Qt.ItemDataRole.UserRole + 1)))
        self._check()

    def _on_title_typed(self, text: str) -> None:
        self._title_typed = bool(text)

    def _check(self) -> None:
        has_title = bool(self.show_title())
        self.title_field.set_problem(None if has_title else self.tr("Give the show a title."))
        self.ok_button.setEnabled(has_title and self.template_id() is not None)
