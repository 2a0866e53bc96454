"""The four pages of the product import dialog; step one's frame is the one the order import uses too."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.products_io.types import ColumnMapping, ImportField, ImportPlan, SourceKind, SourceTable
from streamdesk.ui.pages.catalogue.import_models import (
    ColumnComboDelegate,
    MappingModel,
    PreviewModel,
    field_name,
    open_column_editors,
)
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.encodings import EncodingCombo
from streamdesk.ui.widgets.field_problem import ProblemLabel
from streamdesk.ui.widgets.import_wizard import FileChoicePage, heading_label


class ChooseFilePage(FileChoicePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(self.tr("Step 1 of 3: choose a file"))
        self.intro.setText(
            self.tr(
                "Choose a CSV or Excel (.xlsx) file with one row per SKU, such as an export from your shop's back "
                "office. You will match its columns and see every row checked before anything is saved."
            )
        )


class MappingPage(QWidget):
    def __init__(self, fields: Sequence[ImportField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MappingModel(fields, self)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.encoding_label = QLabel(self.tr("Text encoding"), self)
        self.encoding = EncodingCombo(self)
        self.sheet_label = QLabel(self.tr("Sheet"), self)
        self.sheet = QComboBox(self)
        self.encoding_label.setBuddy(self.encoding)
        self.sheet_label.setBuddy(self.sheet)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(1, ColumnComboDelegate(self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setTabKeyNavigation(False)  # Tab goes from one field's combo box to the next, then on
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(1, 220)
        self.missing = ProblemLabel(self)
        options = QHBoxLayout()
        options.addWidget(self.encoding_label)
        options.addWidget(self.encoding)
        options.addSpacing(16)
        options.addWidget(self.sheet_label)
        options.addWidget(self.sheet)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Step 2 of 3: match the columns"), self))
        layout.addWidget(self.source_label)
        layout.addLayout(options)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.missing)

    def show_source(self, source: SourceTable, mapping: ColumnMapping) -> None:
        self.model.set_source(source, mapping)
        open_column_editors(self.view)
        text_file = source.kind is SourceKind.CSV
        if text_file:
            guessed = self.tr(" (a guess: check the titles below look right)") if source.encoding_guessed else ""
            detail = self.tr("{name}: {rows} rows, read as {encoding}{guessed}.").format(
                name=source.name, rows=source.data_row_count, encoding=source.encoding, guessed=guessed
            )
        else:
            detail = self.tr("{name}: {rows} rows on sheet “{sheet}”.").format(
                name=source.name, rows=source.data_row_count, sheet=source.sheet
            )
        self.source_label.setText(
            detail + " " + self.tr("Each StreamDesk field below takes the column you choose; bold fields are required.")
        )
        for encoding_widget in (self.encoding_label, self.encoding):
            encoding_widget.setVisible(text_file)
        for widget in (self.sheet_label, self.sheet):
            widget.setVisible(not text_file and len(source.sheets) > 1)
        self.sheet.clear()
        self.sheet.addItems(list(source.sheets))
        self.sheet.setCurrentText(source.sheet)

    def show_missing(self) -> bool:
        """Say which required fields still need a column; True while any does."""
        missing = self.model.missing_required()
        names = ", ".join(field_name(field) for field in missing)
        self.missing.show_problem(
            self.tr("Choose a column for: {fields}.").format(fields=names) if missing and self.model.headers() else None
        )
        return bool(missing)


class PreviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.model = PreviewModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 80, 120, 200, 100, 80, 80, 90)):
            self.view.setColumnWidth(column, width)
        widen_to_titles(self.view)
        self.problems = QListWidget(self)
        self.problems_label = QLabel(self.tr("Problems (these rows are skipped)"), self)
        problems_box = QWidget(self)
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Step 3 of 3: check and import"), self))
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)

    def show_plan(self, plan: ImportPlan, problem_lines: list[str]) -> None:
        self.model.set_rows(plan.preview)
        counts = self.tr(
            "{rows} rows checked: {added} SKUs to add, {updated} to update, {unchanged} unchanged, "
            "{skipped} rows to skip. Nothing has been saved yet."
        ).format(
            rows=plan.rows_read,
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            skipped=plan.skipped,
        )
        if len(plan.preview) < plan.rows_read:
            counts += " " + self.tr("The table shows the first {shown} rows.").format(shown=len(plan.preview))
        if not plan.has_changes:
            counts += " " + self.tr("The file changes nothing in your catalogue.")
        self.counts.setText(counts)
        self.problems.clear()
        self.problems.addItems(problem_lines)
        self.problems_label.setVisible(bool(problem_lines))
        self.problems.setVisible(bool(problem_lines))


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.problems = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Import finished"), self))
        layout.addWidget(self.text)
        layout.addWidget(self.problems, 1)

    def show_summary(self, text: str, problem_lines: list[str]) -> None:
        self.text.setText(text)
        self.problems.clear()
        self.problems.addItems(problem_lines)
        self.problems.setVisible(bool(problem_lines))
