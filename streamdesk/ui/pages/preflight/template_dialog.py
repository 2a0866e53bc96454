"""Editing pre-flight checklists: one item (title, hint, how it is checked, which probe, critical, a value's unit
and limits) and a whole checklist (its name and its items in order: add, edit, remove, move up and down).

A run copies its checklist's items when it starts, so editing a checklist never changes past runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.preflight_types import ChecklistItemInput
from streamdesk.models.base import CheckKind, ProbeKind
from streamdesk.ui.pages.preflight.texts import kind_name, probe_name


def parse_limit(text: str) -> tuple[bool, float | None]:
    """(ok, value) for a limit field: blank is no limit; "80", "80 %", "80.5", "80,5" are numbers."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    if not cleaned:
        return True, None
    try:
        return True, float(cleaned)
    except ValueError:
        return False, None


def _limit_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class ItemDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, item: ChecklistItemInput | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit check") if item is not None else self.tr("Add check"))
        self.title = QLineEdit(self)
        self.title.setMaxLength(120)
        self.title.setPlaceholderText(self.tr("e.g. Ring light on and pointed at the face"))
        self.hint = QLineEdit(self)
        self.hint.setMaxLength(300)
        self.hint.setPlaceholderText(self.tr("How to check it, in one sentence"))
        self.kind = QComboBox(self)
        for kind in CheckKind:
            self.kind.addItem(kind_name(kind), kind)
        self.probe = QComboBox(self)
        for probe in ProbeKind:
            self.probe.addItem(probe_name(probe), probe)
        self.critical = QCheckBox(self.tr("Critical: a failure here means NO-GO"), self)
        self.unit = QLineEdit(self)
        self.unit.setMaxLength(12)
        self.unit.setPlaceholderText("%")
        self.min_value = QLineEdit(self)
        self.max_value = QLineEdit(self)
        for edit in (self.min_value, self.max_value):
            edit.setPlaceholderText(self.tr("no limit"))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        limits = QHBoxLayout()
        limits.addWidget(QLabel(self.tr("from"), self))
        limits.addWidget(self.min_value)
        limits.addWidget(QLabel(self.tr("to"), self))
        limits.addWidget(self.max_value)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Check:"), self.title)
        self.form.addRow(self.tr("Hint:"), self.hint)
        self.form.addRow(self.tr("Checked by:"), self.kind)
        self.form.addRow(self.tr("Probe:"), self.probe)
        self.form.addRow(self.tr("Unit:"), self.unit)
        self.form.addRow(self.tr("Passes:"), limits)
        self.form.addRow("", self.critical)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if item is not None:
            self.title.setText(item.title)
            self.hint.setText(item.hint)
            self.kind.setCurrentIndex(self.kind.findData(item.kind))
            if item.probe is not None:
                self.probe.setCurrentIndex(self.probe.findData(item.probe))
            self.critical.setChecked(item.critical)
            self.unit.setText(item.unit)
            self.min_value.setText(_limit_text(item.min_value))
            self.max_value.setText(_limit_text(item.max_value))
        for edit in (self.title, self.min_value, self.max_value):
            edit.textChanged.connect(self._validate)
        self.kind.currentIndexChanged.connect(self._validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._validate()
        self.resize(520, self.sizeHint().height())

    def chosen_kind(self) -> CheckKind:
        return CheckKind(self.kind.currentData())  # Qt hands a StrEnum back as its plain string

    def _validate(self, *_args: object) -> None:
        kind = self.chosen_kind()
        self.probe.setEnabled(kind is CheckKind.PROBE)
        for edit in (self.unit, self.min_value, self.max_value):
            edit.setEnabled(kind is CheckKind.VALUE)
        problem = ""
        low_ok, low = parse_limit(self.min_value.text())
        high_ok, high = parse_limit(self.max_value.text())
        if not self.title.text().strip():
            problem = self.tr("Give the check a title.")
        elif kind is CheckKind.VALUE and not (low_ok and high_ok):
            problem = self.tr("The limits must be numbers, or blank for no limit.")
        elif kind is CheckKind.VALUE and low is not None and high is not None and low > high:
            problem = self.tr("The lower limit is above the upper one.")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def value(self) -> ChecklistItemInput:
        kind = self.chosen_kind()
        value_kind = kind is CheckKind.VALUE
        return ChecklistItemInput(
            title=self.title.text().strip(),
            kind=kind,
            probe=ProbeKind(self.probe.currentData()) if kind is CheckKind.PROBE else None,
            critical=self.critical.isChecked(),
            hint=self.hint.text().strip(),
            unit=self.unit.text().strip() if value_kind else "",
            min_value=parse_limit(self.min_value.text())[1] if value_kind else None,
            max_value=parse_limit(self.max_value.text())[1] if value_kind else None,
        )


def item_how(item: ChecklistItemInput) -> str:
    """How an item is checked, for the list: "Tick by hand", "Microphone level", "Type a value (≥ 80 %)"."""
    if item.kind is CheckKind.PROBE and item.probe is not None:
        return probe_name(item.probe)
    if item.kind is CheckKind.VALUE and (item.min_value is not None or item.max_value is not None):
        unit = f" {item.unit}" if item.unit else ""
        low = "" if item.min_value is None else f"≥ {item.min_value:g}{unit}"
        high = "" if item.max_value is None else f"≤ {item.max_value:g}{unit}"
        return f"{kind_name(item.kind)} ({', '.join(part for part in (low, high) if part)})"
    return kind_name(item.kind)


class TemplateDialog(QDialog):
    """A checklist's name and items. ``title`` names the dialog ("Edit checklist", "New checklist")."""

    def __init__(self, parent: QWidget | None, title: str, name: str, items: Sequence[ChecklistItemInput]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._items = list(items)
        intro = QLabel(
            self.tr(
                "A run copies these checks when it starts, so changes here apply to the next run, never to past "
                "ones. Critical checks decide GO or NO-GO."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(80)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([self.tr("Check"), self.tr("Checked by"), self.tr("Critical")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnWidth(0, 380)
        self.list.setColumnWidth(1, 230)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        name_row = QFormLayout()
        name_row.addRow(self.tr("Name:"), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(name_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.list.itemDoubleClicked.connect(lambda *_: self._edit())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.name.textChanged.connect(lambda *_: self._update_buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill()
        self.resize(860, 520)

    def name_text(self) -> str:
        return self.name.text().strip()

    def items(self) -> tuple[ChecklistItemInput, ...]:
        return tuple(self._items)

    def _fill(self, select: int | None = None) -> None:
        self.list.clear()
        for number, item in enumerate(self._items):
            row = QTreeWidgetItem([item.title, item_how(item), self.tr("critical") if item.critical else ""])
            row.setToolTip(0, item.hint)
            row.setData(0, Qt.ItemDataRole.UserRole, number)
            self.list.addTopLevelItem(row)
            if number == select:
                self.list.setCurrentItem(row)
        self._update_buttons()

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        number = self._current()
        chosen = number is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and number > 0)  # type: ignore[operator]
        self.down_button.setEnabled(chosen and number < len(self._items) - 1)  # type: ignore[operator]
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name_text()) and bool(self._items))

    def _add(self) -> None:
        dialog = ItemDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            at = self._current()
            position = len(self._items) if at is None else at + 1
            self._items.insert(position, dialog.value())
            self._fill(position)

    def _edit(self) -> None:
        number = self._current()
        if number is None:
            return
        dialog = ItemDialog(self, item=self._items[number])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._items[number] = dialog.value()
            self._fill(number)

    def _remove(self) -> None:
        number = self._current()
        if number is not None:
            del self._items[number]
            self._fill(min(number, len(self._items) - 1) if self._items else None)

    def _move(self, step: int) -> None:
        number = self._current()
        if number is None or not 0 <= number + step < len(self._items):
            return
        items = self._items
        items[number], items[number + step] = items[number + step], items[number]
        self._fill(number + step)
