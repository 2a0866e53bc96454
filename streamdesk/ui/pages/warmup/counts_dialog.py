"""Import booking counts from a file the seller typed or exported after the show ("channel, bookings" per row).

The file is read and checked in the background (``Warmup.plan_booking_counts``: nothing written); the dialog shows
each count it would change, before and after, and every row it cannot use with the reason. Import then hands the
plan back to the page, which applies it as one undoable step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import Problem
from streamdesk.core.warmup_types import BookingCountsPlan
from streamdesk.messages import describe_problem
from streamdesk.ui.pages.warmup.texts import OVERDUE_COLOUR

if TYPE_CHECKING:
    from streamdesk.core.warmup import Warmup
    from streamdesk.ui.tasks import TaskRunner


class CountsDialog(QDialog):
    def __init__(self, parent: QWidget | None, warmup: Warmup, runner: TaskRunner, show_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import booking counts"))
        self._warmup, self._runner, self._show_id = warmup, runner, show_id
        self._plan: BookingCountsPlan | None = None
        intro = QLabel(
            self.tr(
                "Choose a CSV or Excel file with a channel column and a bookings column (渠道, 预约人数). Channels "
                "are matched by your name for them or by the channel's name. Nothing is saved until you import."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.file_label = QLabel(self.tr("No file chosen"), self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Channel"), self.tr("Now"), self.tr("New")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems_label = QLabel(self)
        self.problems = QListWidget(self)
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        chooser = QHBoxLayout()
        chooser.addWidget(self.choose_button)
        chooser.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(chooser)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.buttons)
        self.problems_label.hide()
        self.problems.hide()
        self.choose_button.clicked.connect(self._choose)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(640, 520)

    def plan(self) -> BookingCountsPlan | None:
        return self._plan

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Booking counts file"), "", self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
        )
        if path:
            self.read(Path(path))

    def read(self, path: Path) -> None:
        """Check ``path`` in the background and show what importing it would change."""
        self._plan = None
        self.import_button.setEnabled(False)
        self.file_label.setText(str(path))
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading {name}…").format(name=path.name))
        warmup, show_id = self._warmup, self._show_id
        self._runner.start(
            lambda _cancel: warmup.plan_booking_counts(show_id, path), on_success=self._on_planned, on_error=self._fail
        )

    def _fail(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {OVERDUE_COLOUR.name()};")
        self.status.setText(message)
        self.table.setRowCount(0)
        self.problems.clear()
        self.problems.hide()
        self.problems_label.hide()

    def _on_planned(self, plan: BookingCountsPlan) -> None:
        self._plan = plan
        changes = [row for row in plan.rows if row.old != row.new]
        self.table.setRowCount(len(plan.rows))
        for number, row in enumerate(plan.rows):
            cells = (str(row.row), row.channel, "" if row.old is None else f"{row.old:,}", f"{row.new:,}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 3 and row.old != row.new:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(number, column, item)
        self.table.resizeColumnToContents(0)
        self.problems.clear()
        for row_number, code, fields in plan.problems:
            self.problems.addItem(describe_problem(Problem(row_number, code, dict(fields))))
        self.problems_label.setText(self.tr("%n row(s) cannot be used and will be left out:", None, len(plan.problems)))
        self.problems_label.setVisible(bool(plan.problems))
        self.problems.setVisible(bool(plan.problems))
        self.status.setStyleSheet("")
        if not plan.rows:
            self.status.setText(self.tr("No row of this file matches a booking link of the show."))
        elif not changes:
            self.status.setText(self.tr("Every count in this file is already entered; importing changes nothing."))
        else:
            self.status.setText(
                self.tr("Importing changes %n booking count(s). You can undo it (Ctrl+Z).", None, len(changes))
            )
        self.import_button.setEnabled(bool(changes))
