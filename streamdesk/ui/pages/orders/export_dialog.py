"""Export orders for shipping: choose a courier template or label tool, which orders (the selection or what the
filters show) and the file; the export runs in the background with progress and Cancel, then the dialog lists the
orders it refused (masked or missing addresses: courier files need the real one) and anything it had to shorten.

Non-blocking: ``open()`` it; ``exported(path, orders)`` follows a written file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.order_types import OrderFilter
from streamdesk.core.shipping_io.types import ExportFormat, ExportPresetInfo, ExportResult, OrderProblem, RowUnit
from streamdesk.messages import describe_order_problem, render
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.core.shipping_io import ShippingIO
    from streamdesk.ui.tasks import Task, TaskRunner


def preset_name(key: str) -> str:
    names = {
        "sf": QCoreApplication.translate("ExportDialog", "SF Express (顺丰) batch order template"),
        "zto": QCoreApplication.translate("ExportDialog", "ZTO (中通) batch import"),
        "cn_generic": QCoreApplication.translate(
            "ExportDialog", "Chinese courier template (收件人/电话/省/市/区/详细地址)"
        ),
        "shipstation": QCoreApplication.translate("ExportDialog", "ShipStation"),
        "pirateship": QCoreApplication.translate("ExportDialog", "Pirate Ship"),
        "shippo": QCoreApplication.translate("ExportDialog", "Shippo"),
        "royalmail": QCoreApplication.translate("ExportDialog", "Royal Mail Click & Drop"),
        "generic_csv": QCoreApplication.translate("ExportDialog", "Generic CSV (one row per item)"),
        "generic_xlsx": QCoreApplication.translate("ExportDialog", "Generic Excel (one row per item)"),
    }
    return names.get(key, key)


def format_filter(format: ExportFormat) -> str:
    if format is ExportFormat.XLSX:
        return QCoreApplication.translate("ExportDialog", "Excel workbook (*.xlsx)")
    return QCoreApplication.translate("ExportDialog", "CSV file (*.csv)")


REFUSED_COLOUR = QColor("#b3261e")


def merged_warnings(warnings: Sequence[OrderProblem]) -> list[tuple[str, str, dict[str, object]]]:
    """One line per order and kind of warning: the columns it names (one warning each) joined into ``columns``."""
    merged: dict[tuple[str, str], dict[str, object]] = {}
    for problem in warnings:
        fields = merged.setdefault((problem.order_no, problem.code), dict(problem.fields))
        column = problem.fields.get("column")
        if column is not None:
            names = fields.setdefault("columns_list", [])
            if isinstance(names, list) and column not in names:
                names.append(column)
    lines = []
    for (order_no, code), fields in merged.items():
        names = fields.pop("columns_list", None)
        if isinstance(names, list):
            fields["columns"] = ", ".join(str(name) for name in names)
        lines.append((order_no, code, fields))
    return lines


class ExportDialog(QDialog):
    exported = Signal(str, int)  # first file written, orders in it

    def __init__(
        self,
        shipping_io: ShippingIO,
        runner: TaskRunner,
        *,
        selected: Sequence[int],
        shown: int,
        query: OrderFilter,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._io, self._runner = shipping_io, runner
        self._selected, self._query, self._folder = tuple(selected), query, folder
        self._task: Task | None = None
        self._path_edited = False
        self.export_result: ExportResult | None = None
        self.setWindowTitle(self.tr("Export orders for shipping"))
        self.resize(640, 520)
        self._presets = {preset.key: preset for preset in shipping_io.presets()}

        self.messages = MessageBar(self)
        self.preset = QComboBox(self)
        for key in self._presets:
            self.preset.addItem(preset_name(key), key)
        self.preset_note = QLabel(self)
        self.preset_note.setWordWrap(True)
        self.format = QComboBox(self)
        self.bom = QCheckBox(self.tr("Add a byte-order mark (for opening the CSV in Excel first)"), self)
        self.use_selection = QRadioButton(self.tr("The %n selected order(s)", "", len(self._selected)), self)
        self.use_filter = QRadioButton(self.tr("All %n order(s) the filters show", "", shown), self)
        self.which = QButtonGroup(self)
        self.which.addButton(self.use_selection)
        self.which.addButton(self.use_filter)
        self.use_selection.setEnabled(bool(self._selected))
        (self.use_selection if self._selected else self.use_filter).setChecked(True)
        self.path = QLineEdit(self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setAlternatingRowColors(True)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.hide()
        self.progress = TaskProgress(self, show_after_ms=0)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setDefault(True)
        self.open_button = QPushButton(self.tr("Open the file"), self)
        self.open_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        self._build_layout()
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.path.textEdited.connect(self._on_path_edited)
        self.browse.clicked.connect(self._choose_path)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self._open_file)
        self.close_button.clicked.connect(self.reject)
        self._on_preset_changed()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Courier or label tool"), self.preset)
        form.addRow("", self.preset_note)
        form.addRow(self.tr("File type"), self.format)
        form.addRow("", self.bom)
        which = QVBoxLayout()
        which.addWidget(self.use_selection)
        which.addWidget(self.use_filter)
        form.addRow(self.tr("Orders"), which)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form.addRow(self.tr("Save as"), path_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        for button in (self.open_button, self.export_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)

    # --- choices -----------------------------------------------------------------------------------------------
    def chosen_preset(self) -> ExportPresetInfo:
        return self._presets[self.preset.currentData()]

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(self.format.currentData())

    def target(self) -> Path:
        return Path(self.path.text().strip())

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self._path_edited = True

    def _on_preset_changed(self) -> None:
        preset = self.chosen_preset()
        if preset.unit is RowUnit.ORDER:
            note = self.tr("One row per order, its items in one cell.")
        else:
            note = self.tr("One row per item; the tool merges rows with the same order number.")
        if preset.courier:
            note += "\n" + self.tr(
                "Orders whose phone or address is masked (138****1234) or missing are left out: ship those through "
                "the platform's own label printing."
            )
        self.preset_note.setText(note)
        self.format.blockSignals(True)
        self.format.clear()
        for format in preset.formats:
            self.format.addItem(format_filter(format), format.value)
        self.format.blockSignals(False)
        self.format.setEnabled(len(preset.formats) > 1)
        self._on_format_changed()

    def _on_format_changed(self) -> None:
        format = self.chosen_format()
        self.bom.setVisible(format is ExportFormat.CSV)
        if not self._path_edited:
            stamp = datetime.now().strftime("%Y%m%d-%H%M")
            self.path.setText(str(self._folder / f"{self.chosen_preset().key}-{stamp}.{format.value}"))
        else:
            self.path.setText(str(self.target().with_suffix("." + format.value)))

    def _on_path_edited(self, _text: str) -> None:
        self._path_edited = True

    def _choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the export"), str(self.target()), format_filter(self.chosen_format())
        )
        if chosen:
            self.set_path(Path(chosen).with_suffix("." + self.chosen_format().value))

    # --- exporting ---------------------------------------------------------------------------------------------
    def start_export(self) -> Task | None:
        """Write the file in the background; the dialog stays usable to watch, cancel, then read the result."""
        if self._task is not None:
            return None
        target = self.target()
        if not target.name:
            self.messages.show_error(self.tr("Choose where to save the file."))
            return None
        target = target.with_suffix("." + self.chosen_format().value)
        preset, io = self.chosen_preset().key, self._io
        query = self._query
        order_ids = self._selected if self.use_selection.isChecked() else ()
        bom = self.bom.isVisible() and self.bom.isChecked()
        self.messages.dismiss()
        self._set_busy(True)
        self._task = self._runner.start(
            lambda cancel: io.export(target, preset, query, cancel, order_ids=order_ids, bom=bom),
            on_success=self._on_exported,
            on_error=self._on_failed,
            on_cancelled=self._on_cancelled,
        )
        self.progress.track(self._task, self.tr("Writing {name}…").format(name=target.name))
        return self._task

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.preset, self.format, self.bom, self.use_selection, self.use_filter, self.path):
            widget.setEnabled(not busy)
        self.use_selection.setEnabled(not busy and bool(self._selected))
        self.format.setEnabled(not busy and len(self.chosen_preset().formats) > 1)
        self.browse.setEnabled(not busy)
        self.export_button.setEnabled(not busy)

    def _on_exported(self, result: ExportResult) -> None:
        self._task = None
        self.export_result = result
        self._set_busy(False)
        paths = ", ".join(result.files)
        if result.orders:
            lines = [self.tr("Wrote %n order(s) to {path}.", "", result.orders).format(path=paths)]
        else:
            lines = [self.tr("No order could go into {path}: it holds the column headers only.").format(path=paths)]
        if result.rows > result.orders:
            lines.append(self.tr("%n row(s) in all.", "", result.rows))
        if result.skipped:
            lines.append(self.tr("%n order(s) were left out:", "", len(result.skipped)))
        text = "\n".join(lines)
        self.summary.setText(text)
        self._show_problems(result.skipped, result.warnings)
        self.open_button.setVisible(bool(result.files))
        if result.files:
            self.exported.emit(result.files[0], result.orders)

    def _show_problems(self, skipped: Sequence[OrderProblem], warnings: Sequence[OrderProblem]) -> None:
        self.problems.clear()
        by_reason: dict[str, list[OrderProblem]] = {}
        for problem in skipped:
            by_reason.setdefault(render(problem.code, problem.fields), []).append(problem)
        for reason, problems in by_reason.items():
            if len(problems) == 1:  # one order: its own sentence
                self.problems.addItem(
                    describe_order_problem(problems[0].order_no, problems[0].code, problems[0].fields)
                )
                continue
            heading = QListWidgetItem(self.tr("%n order(s): {reason}", "", len(problems)).format(reason=reason))
            heading.setForeground(REFUSED_COLOUR)  # not bold: the list sizes wrapped rows in its own font
            self.problems.addItem(heading)
            self.problems.addItem(", ".join(problem.order_no for problem in problems))
        for order_no, code, fields in merged_warnings(warnings):
            self.problems.addItem(self.tr("Note: {text}").format(text=describe_order_problem(order_no, code, fields)))
        self.problems.setVisible(self.problems.count() > 0)

    def _on_failed(self, message: str) -> None:
        self._task = None
        self._set_busy(False)
        self.messages.show_error(message)

    def _on_cancelled(self) -> None:
        self._task = None
        self._set_busy(False)
        self.messages.show_info(self.tr("Export cancelled; no file was written."))

    def _open_file(self) -> None:
        from streamdesk.ui.pages.orders.flows import open_file

        if self.export_result is not None and self.export_result.files:
            open_file(Path(self.export_result.files[0]))

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()
