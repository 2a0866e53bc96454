"""Product import: choose a CSV/XLSX file → match its columns → dry run with per-row problems → import → summary.

Reading, checking and writing each run in the background with progress and Cancel. Nothing is written before
the user presses Import, and a cancelled import writes nothing either (ProductsIO.apply is one transaction).
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from streamdesk.core.jobs import Progress
from streamdesk.core.products_io.types import ColumnMapping, ImportPlan, ImportSummary, SourceTable
from streamdesk.messages import describe_problem
from streamdesk.ui.pages.catalogue.import_pages import ChooseFilePage, MappingPage, PreviewPage, SummaryPage
from streamdesk.ui.widgets.import_wizard import ImportWizardDialog

if TYPE_CHECKING:
    from streamdesk.core.products_io import ProductsIO
    from streamdesk.ui.tasks import TaskRunner


def _read(
    io: ProductsIO, path: Path, encoding: str | None, sheet: str | None
) -> Generator[Progress, None, tuple[SourceTable, ColumnMapping]]:
    """Read the file and match its headers, on a pool thread (pandas/openpyxl may take a moment)."""
    yield Progress(0, 0, "products_io.reading")
    source = io.read_source(path, encoding=encoding, sheet=sheet)
    return source, io.auto_mapping(source.headers)


class ImportDialog(ImportWizardDialog):
    imported = Signal(object)  # ImportSummary, after a successful import

    def __init__(self, products_io: ProductsIO, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._io = products_io
        self._source: SourceTable | None = None
        self._plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle(self.tr("Import products"))
        self.resize(1000, 660)

        self.choose_page = ChooseFilePage(self)
        self.mapping_page = MappingPage(products_io.FIELDS, self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        self._build_wizard(
            (self.choose_page, self.mapping_page, self.preview_page, self.summary_page),
            back_text=self.tr("Back"),
            cancel_text=self.tr("Cancel"),
        )

        self.choose_page.browse_button.clicked.connect(self._browse)
        self.mapping_page.encoding.activated.connect(lambda _n: self._reread())
        self.mapping_page.sheet.activated.connect(lambda _n: self._reread())
        self.mapping_page.model.mapping_changed.connect(self._update_buttons)
        self._update_buttons()

    # --- steps -------------------------------------------------------------------------------------------------
    def load_file(self, path: Path, encoding: str | None = None, sheet: str | None = None) -> None:
        """Read ``path`` in the background, then show the column matching."""
        self.messages.dismiss()
        self.choose_page.path_label.setText(str(path))
        self._start(
            lambda cancel: _read(self._io, path, encoding, sheet),
            self.tr("Reading {name}…").format(name=path.name),
            self._on_read,
        )

    def _on_read(self, result: tuple[SourceTable, ColumnMapping]) -> None:
        source, automatic = result
        previous = self._source
        self._source = source
        mapping = automatic
        if previous is not None and previous.path == source.path:
            mapping = self.mapping_page.model.mapping()  # keep the user's choices when only the encoding changed
        self.mapping_page.show_source(source, mapping)
        self.pages.setCurrentWidget(self.mapping_page)
        self._update_buttons()

    def check_rows(self) -> None:
        """The dry run: every row validated, add/update/skip decided, nothing written."""
        if self._source is None:
            return
        source, mapping = self._source, self.mapping_page.model.mapping()
        self._start(
            lambda cancel: self._io.plan(source, mapping, cancel),
            self.tr("Checking {count} rows…").format(count=source.data_row_count),
            self._on_planned,
        )

    def _on_planned(self, plan: ImportPlan) -> None:
        self._plan = plan
        self.preview_page.show_plan(plan, [describe_problem(problem) for problem in plan.problems])
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()

    def start_import(self) -> None:
        plan = self._plan
        if plan is None:
            return
        self._start(
            lambda cancel: self._io.apply(plan, cancel),
            self.tr("Importing {name}…").format(name=plan.source_name),
            self._on_imported,
            on_cancelled=lambda: self.messages.show_info(self.tr("Import cancelled; nothing was written.")),
        )

    def _on_imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.summary_page.show_summary(self.summary_text(summary), [describe_problem(p) for p in summary.problems])
        self.pages.setCurrentWidget(self.summary_page)
        self._update_buttons()
        self.imported.emit(summary)

    @staticmethod
    def summary_text(summary: ImportSummary) -> str:
        return QCoreApplication.translate(
            "ImportDialog",
            "Imported {name}: {added} SKUs added, {updated} updated, {unchanged} unchanged; {skipped} rows skipped "
            "because of problems.",
        ).format(
            name=summary.source_name,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=summary.skipped,
        )

    # --- buttons -----------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        self._choose_and_load(
            self.tr("Choose a product file"), self.tr("Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        )

    def _reread(self) -> None:
        if self._source is None:
            return
        encoding = self.mapping_page.encoding.currentData() or None
        sheet = self.mapping_page.sheet.currentText() or None
        self.load_file(Path(self._source.path), encoding=encoding, sheet=sheet)

    def _next(self) -> None:
        page = self.pages.currentWidget()
        if page is self.choose_page:
            self._browse()
        elif page is self.mapping_page:
            self.check_rows()
        elif page is self.preview_page:
            self.start_import()
        else:
            self.accept()

    def _back(self) -> None:
        page = self.pages.currentWidget()
        if page is self.preview_page:
            self.pages.setCurrentWidget(self.mapping_page)
        elif page is self.mapping_page:
            self.pages.setCurrentWidget(self.choose_page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._task is not None
        page = self.pages.currentWidget()
        self.back_button.setVisible(page in (self.mapping_page, self.preview_page))
        self.back_button.setEnabled(not busy)
        self.close_button.setText(self.tr("Close") if page is self.summary_page else self.tr("Cancel"))
        self.close_button.setVisible(page is not self.summary_page)
        if page is self.choose_page:
            self.next_button.setText(self.tr("Choose file…"))
            self.next_button.setEnabled(not busy)
        elif page is self.mapping_page:
            missing = self.mapping_page.show_missing()
            self.next_button.setText(self.tr("Check rows"))
            self.next_button.setEnabled(not busy and not missing)
        elif page is self.preview_page:
            self.next_button.setText(self.tr("Import"))
            self.next_button.setEnabled(not busy and self._plan is not None and self._plan.has_changes)
        else:
            self.next_button.setText(self.tr("Done"))
            self.next_button.setEnabled(True)
