"""The preview before a rundown file replaces a show's rundown: what was read, from which columns, and every
problem by spreadsheet row. Nothing is written until Replace, and Replace stays disabled while the file has
problems. Made on first use by rundown_files.py (not imported with the page).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.rundown import duration_text
from streamdesk.core.show_types import SegmentInput
from streamdesk.messages import describe_problem
from streamdesk.ui.pages.shows.segment_labels import format_clock, kind_name
from streamdesk.ui.widgets.encodings import EncodingCombo, encoding_name

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.rundown_io import RundownIO, RundownSheet
    from streamdesk.core.shows import Shows

DISPLAY = Qt.ItemDataRole.DisplayRole
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A file read for a show, with what the preview shows beside it; nothing written."""

    sheet: RundownSheet
    show_id: int
    show_title: str
    show_start: datetime | None
    current_count: int  # segments the show has now (all replaced)
    sku_codes: Mapping[int, str]  # variant id → SKU code, for the table

    @property
    def file_name(self) -> str:
        return Path(self.sheet.path).name


def read_preview(
    io: RundownIO, shows: Shows, catalogue: Catalogue, path: Path, show_id: int, encoding: str | None
) -> ImportPreview:
    """Read and check the file (RundownIO.read) and gather the preview's facts; runs on a pool thread."""
    sheet = io.read(path, show_id, encoding=encoding)
    show = shows.get_show(show_id)
    codes: dict[int, str] = {}
    for segment in sheet.segments:
        for variant_id in segment.variant_ids:
            if variant_id not in codes:
                try:
                    codes[variant_id] = catalogue.row_for_variant(variant_id).sku_code
                except UserError:  # deleted since the file was read: the table says so, Replace reports it
                    codes[variant_id] = f"#{variant_id}"
    return ImportPreview(
        sheet=sheet,
        show_id=show_id,
        show_title=show.title,
        show_start=show.planned_start,
        current_count=len(shows.rundown(show_id).segments),
        sku_codes=codes,
    )


class PreviewColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    TITLE = 2
    DURATION = 3
    FIXED_START = 4
    SKUS = 5
    ROW = 6


class ImportPreviewModel(QAbstractTableModel):
    """The segments the file would put in place of the rundown, in their new order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: tuple[SegmentInput, ...] = ()
        self._rows: tuple[int, ...] = ()
        self._codes: Mapping[int, str] = {}
        self._show_start: datetime | None = None

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        if preview is None:
            self._segments, self._rows, self._codes, self._show_start = (), (), {}, None
        else:
            self._segments, self._rows = preview.sheet.segments, preview.sheet.rows
            self._codes, self._show_start = preview.sku_codes, preview.show_start
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PreviewColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(PreviewColumn):
            return None
        return (
            self.tr("#"),
            self.tr("Kind"),
            self.tr("Title"),
            self.tr("Duration"),
            self.tr("Fixed start"),
            self.tr("SKUs"),
            self.tr("Row in file"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._segments):
            return None
        column = PreviewColumn(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            PreviewColumn.NUMBER,
            PreviewColumn.DURATION,
            PreviewColumn.FIXED_START,
            PreviewColumn.ROW,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        segment = self._segments[index.row()]
        if column is PreviewColumn.NUMBER:
            return str(index.row() + 1)
        if column is PreviewColumn.KIND:
            return kind_name(segment.kind)
        if column is PreviewColumn.TITLE:
            return segment.title
        if column is PreviewColumn.DURATION:
            return duration_text(segment.planned_seconds)
        if column is PreviewColumn.FIXED_START:
            return self._fixed_start_text(segment.fixed_start)
        if column is PreviewColumn.SKUS:
            return ", ".join(self._codes.get(v, f"#{v}") for v in segment.variant_ids)
        return str(self._rows[index.row()]) if index.row() < len(self._rows) else ""

    def _fixed_start_text(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = moment.astimezone()
        if self._show_start is not None and local.date() == self._show_start.astimezone().date():
            return format_clock(moment)
        return local.strftime("%Y-%m-%d %H:%M")  # another day than the show's: say which


class RundownImportDialog(QDialog):
    """Window-modal preview; ``accepted`` means Replace. ``encoding_chosen(codec)`` asks for the file read again."""

    encoding_chosen = Signal(str)  # "" = detect

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import rundown"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview = preview
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.file_label = QLabel(self)
        self.encoding_label = QLabel(self)
        self.encoding = EncodingCombo(self)
        self.columns_label = QLabel(self)
        self.ignored_label = QLabel(self)
        for label in (self.file_label, self.columns_label, self.ignored_label, self.encoding_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ImportPreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.replace_button = QPushButton(self.tr("Replace rundown"), self)
        self.buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._build_layout()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.encoding.activated.connect(lambda _n: self.encoding_chosen.emit(self.encoding.currentData() or ""))
        self.set_preview(preview)
        self.resize(920, 620)

    def _build_layout(self) -> None:
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(int(PreviewColumn.TITLE), QHeaderView.ResizeMode.Stretch)
        for column, width in ((PreviewColumn.NUMBER, 40), (PreviewColumn.KIND, 150), (PreviewColumn.DURATION, 80),
                              (PreviewColumn.FIXED_START, 110), (PreviewColumn.SKUS, 170), (PreviewColumn.ROW, 90)):  # fmt: skip
            self.table.setColumnWidth(int(column), width)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding_label)
        encoding_row.addSpacing(12)
        encoding_row.addWidget(self.encoding)
        encoding_row.addStretch(1)
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.addRow(self.tr("File:"), self.file_label)
        facts.addRow(self.tr("Read as:"), encoding_row)
        facts.addRow(self.tr("Columns used:"), self.columns_label)
        facts.addRow(self.tr("Columns ignored:"), self.ignored_label)
        self.problems.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.warning)
        layout.addLayout(facts)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    # --- public ------------------------------------------------------------------------------------------------
    def set_preview(self, preview: ImportPreview) -> None:
        """Show a (re-)read file; Replace only when it has no problems."""
        self.preview = preview
        sheet = preview.sheet
        self.heading.setText(self.tr("Replace the rundown of “{show}”").format(show=preview.show_title))
        incoming = self.tr("The file replaces the whole rundown with the %n segment(s) below.", "", len(sheet.segments))
        if preview.current_count:
            current = self.tr(
                "All %n segment(s) the show has now are removed; Undo (Ctrl+Z) brings them back.",
                "",
                preview.current_count,
            )
        else:
            current = self.tr("The show has no segments yet.")
        self.warning.setText(f"{incoming}\n{current}")  # a line each: no space to get wrong between languages
        self.file_label.setText(preview.file_name)
        self.file_label.setToolTip(sheet.path)
        is_text = bool(sheet.encoding)
        self.encoding_label.setText(
            encoding_name(sheet.encoding) if is_text else self.tr("Excel workbook (.xlsx): no text encoding")
        )
        self.encoding.setVisible(is_text)
        self.columns_label.setText(", ".join(header for _column, header in sheet.columns))
        self.ignored_label.setText(", ".join(sheet.ignored) if sheet.ignored else self.tr("none"))
        self.model.set_preview(preview)
        self.problems.clear()
        for problem in sheet.problems:
            self.problems.addItem(describe_problem(problem))
        has_problems = bool(sheet.problems)
        self.problems_label.setText(
            self.tr(
                "The file has %n problem(s), so it cannot replace the rundown. Fix them in the file and import it "
                "again; nothing was changed.",
                "",
                len(sheet.problems),
            )
        )
        self.problems_label.setVisible(has_problems)
        self.problems.setVisible(has_problems)
        self.replace_button.setEnabled(not has_problems)
        self.replace_button.setDefault(not has_problems)
        self.cancel_button.setDefault(has_problems)

    def show_read_error(self, message: str) -> None:
        """The file could not be read with the encoding chosen: say so here; Replace stays off."""
        self.encoding_label.setText(message)
        self.replace_button.setEnabled(False)

    def set_reading(self) -> None:
        """While the file is read again with another encoding: nothing to replace with yet."""
        self.replace_button.setEnabled(False)
        self.encoding_label.setText(self.tr("Reading…"))
