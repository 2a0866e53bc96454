"""The product editor's images: previews in order, add (copied into the images folder), remove, reorder."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.widgets.field_problem import ProblemLabel

PREVIEW_SIZE = 128
FILE_ROLE = Qt.ItemDataRole.UserRole + 1


class ImageStore(Protocol):
    def import_image(self, source: Path) -> str: ...
    def thumbnail(self, file_name: str, size: int = 64) -> Path | None: ...


class ImagesPanel(QWidget):
    """Emits ``images_changed`` when the list or its order changes; the first image is the catalogue thumbnail."""

    images_changed = Signal()

    def __init__(self, store: ImageStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(PREVIEW_SIZE, PREVIEW_SIZE))
        self.list.setGridSize(QSize(PREVIEW_SIZE + 24, PREVIEW_SIZE + 24))
        self.list.setMovement(QListView.Movement.Static)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(self.tr("Add images…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.earlier_button = QPushButton(self.tr("Move earlier"), self)
        self.later_button = QPushButton(self.tr("Move later"), self)
        self.problem_label = ProblemLabel(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.earlier_button, self.later_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem_label)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.earlier_button.clicked.connect(lambda: self._move_selected(-1))
        self.later_button.clicked.connect(lambda: self._move_selected(1))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_images(self, file_names: tuple[str, ...]) -> None:
        self.list.clear()
        for file_name in file_names:
            self._append(file_name)
        self._update_buttons()

    def images(self) -> tuple[str, ...]:
        return tuple(str(self.list.item(row).data(FILE_ROLE)) for row in range(self.list.count()))

    def add_files(self, paths: list[Path]) -> None:
        """Copy each picture into the images folder; a file that is not a picture is reported, the rest are added."""
        problems = []
        for path in paths:
            try:
                file_name = self._store.import_image(path)
            except UserError as error:
                problems.append(describe(error))
                continue
            if file_name not in self.images():
                self._append(file_name)
        self.problem_label.show_problem("\n".join(problems) or None)
        self._update_buttons()
        self.images_changed.emit()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_buttons()
        self.images_changed.emit()

    def _append(self, file_name: str) -> None:
        item = QListWidgetItem(self.list)
        item.setData(FILE_ROLE, file_name)
        item.setToolTip(file_name)
        path = self._store.thumbnail(file_name, PREVIEW_SIZE)
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            item.setText(self.tr("Missing picture"))
        else:
            item.setIcon(QIcon(pixmap))

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add product images"), "", self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)")
        )
        if files:
            self.add_files([Path(name) for name in files])

    def _move_selected(self, step: int) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=step > 0)
        if not rows or (step < 0 and rows[0] == 0) or (step > 0 and rows[0] == self.list.count() - 1):
            return
        for row in rows:
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
            item.setSelected(True)
        self.images_changed.emit()

    def _update_buttons(self) -> None:
        selected = bool(self.list.selectedItems())
        for button in (self.remove_button, self.earlier_button, self.later_button):
            button.setEnabled(selected)
