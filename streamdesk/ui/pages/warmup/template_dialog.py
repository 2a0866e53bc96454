"""Editing warm-up tasks: one task (its kind, title, when against the planned start, notes), and the default
template new shows copy their checklist from (a list of such tasks, kept in due order)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from streamdesk import labels
from streamdesk.core.warmup_types import WarmupTaskInput
from streamdesk.models.base import WarmupTaskKind
from streamdesk.ui.pages.warmup.texts import UNITS, offset_text, split_offset, task_title, unit_name


class TaskDialog(QDialog):
    """``publish_allowed``: whether "publish the booking link" may be chosen (the template's row for it sets the
    offset of every channel's publish task; in a show those tasks come with their links)."""

    def __init__(
        self, parent: QWidget | None, *, task: WarmupTaskInput | None = None, publish_allowed: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit task") if task is not None else self.tr("Add task"))
        self.kind = QComboBox(self)
        for kind in WarmupTaskKind:
            if kind is not WarmupTaskKind.PUBLISH_LINK or publish_allowed or (task and task.kind is kind):
                self.kind.addItem(labels.warmup_task_kind_name(kind), kind)
        self.title = QLineEdit(self)
        self.title.setMaxLength(120)
        self.amount = QSpinBox(self)
        self.amount.setRange(0, 999)
        self.unit = QComboBox(self)
        for unit in UNITS:
            self.unit.addItem(unit_name(unit), unit)
        self.side = QComboBox(self)
        self.side.addItem(self.tr("before the start"), True)
        self.side.addItem(self.tr("after the start"), False)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        when = QHBoxLayout()
        when.addWidget(self.amount)
        when.addWidget(self.unit)
        when.addWidget(self.side, 1)
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Due:"), when)
        form.addRow(self.tr("Notes:"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.title.textChanged.connect(self._on_title_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.setCurrentIndex(max(0, self.kind.findData(task.kind if task else WarmupTaskKind.CUSTOM)))
        self.kind.setEnabled(task is None or task.kind is not WarmupTaskKind.PUBLISH_LINK or publish_allowed)
        self._set_offset(task.offset_minutes if task else -60)
        if task is not None:
            self.title.setText(task.title)
            self.notes.setPlainText(task.notes)
        self._on_kind_changed()
        self.resize(460, self.sizeHint().height())

    def _set_offset(self, offset_minutes: int) -> None:
        amount, unit, before = split_offset(offset_minutes)
        self.amount.setValue(min(amount, self.amount.maximum()))
        self.unit.setCurrentIndex(self.unit.findData(unit))
        self.side.setCurrentIndex(self.side.findData(before or offset_minutes == 0))

    def _on_kind_changed(self, *_args: object) -> None:
        kind = self.kind.currentData()
        self.title.setPlaceholderText(labels.warmup_task_title(kind) if kind is not WarmupTaskKind.CUSTOM else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(kind is not WarmupTaskKind.CUSTOM or bool(self.title.text().strip()))

    def _on_title_changed(self, text: str) -> None:
        kind = self.kind.currentData()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(kind is not WarmupTaskKind.CUSTOM or bool(text.strip()))

    def offset_minutes(self) -> int:
        size = self.amount.value() * int(self.unit.currentData())
        return -size if self.side.currentData() else size

    def value(self) -> WarmupTaskInput:
        return WarmupTaskInput(
            kind=self.kind.currentData(),
            offset_minutes=self.offset_minutes(),
            title=self.title.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )


class TemplateDialog(QDialog):
    """The default warm-up checklist: what a show copies the first time its warm-up is opened."""

    def __init__(self, parent: QWidget | None, tasks: Sequence[WarmupTaskInput]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Default warm-up tasks"))
        self._tasks = list(tasks)
        intro = QLabel(
            self.tr(
                "New shows start their warm-up checklist from these tasks. Times are relative to the show's planned "
                "start, so moving a show moves its tasks. “Publish the booking link” is repeated for every channel."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([self.tr("Task"), self.tr("When")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnWidth(0, 420)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.list.itemDoubleClicked.connect(lambda *_: self._edit())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill()
        self.resize(720, 420)

    def tasks(self) -> tuple[WarmupTaskInput, ...]:
        return tuple(self._tasks)

    def _fill(self, keep: WarmupTaskInput | None = None) -> None:
        self._tasks.sort(key=lambda task: task.offset_minutes)
        self.list.clear()
        for number, task in enumerate(self._tasks):
            item = QTreeWidgetItem([task_title(task.kind, task.title), offset_text(task.offset_minutes)])
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            self.list.addTopLevelItem(item)
            if task is keep:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        chosen = self._current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _has_publish(self, besides: int | None = None) -> bool:
        return any(
            task.kind is WarmupTaskKind.PUBLISH_LINK for number, task in enumerate(self._tasks) if number != besides
        )

    def _add(self) -> None:
        dialog = TaskDialog(self, publish_allowed=not self._has_publish())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            task = dialog.value()
            self._tasks.append(task)
            self._fill(task)

    def _edit(self) -> None:
        number = self._current()
        if number is None:
            return
        dialog = TaskDialog(self, task=self._tasks[number], publish_allowed=not self._has_publish(number))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._tasks[number] = dialog.value()
            self._fill(self._tasks[number])

    def _remove(self) -> None:
        number = self._current()
        if number is not None:
            del self._tasks[number]
            self._fill()
