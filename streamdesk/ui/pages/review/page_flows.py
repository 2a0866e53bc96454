"""What the Review page's toolbar and Notes tab start: importing metrics and typing totals (dialogs owned by the
metrics import), exporting a chart as PNG, writing the report as a task, and the undoable note, cost and action item
edits. The page keeps the data; this keeps the flows out of its way."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QSplitter, QToolBar, QToolButton, QWidget

from streamdesk.core.review_types import CostsInput, ReviewNotes, TotalsInput
from streamdesk.ui.actions import PAGE_KEYS, make_action
from streamdesk.ui.pages.review.commands import (
    AddActionCommand,
    DeleteActionCommand,
    EditActionCommand,
    ImportedMetricsCommand,
    SaveCostsCommand,
    SaveNotesCommand,
    SaveTotalsCommand,
    TickActionCommand,
)

if TYPE_CHECKING:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.review_types import ShowReviewData, TrendPoint
    from streamdesk.ui.pages.review.import_dialog import MetricsImportDialog
    from streamdesk.ui.pages.review.page import ReviewPage
    from streamdesk.ui.pages.review.totals_dialog import TotalsDialog
    from streamdesk.ui.undo import ServiceCommand

_FOLDER_KEY = "review/export_folder"
_SPLITTER_KEY = "review/splitter/{name}"


def ask_save_path(parent: QWidget, caption: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def file_stem(title: str) -> str:
    """A show title as a file name: characters file systems refuse become "-"."""
    return re.sub(r'[\\/:*?"<>|\s]+', "-", title).strip("-.") or "review"


def ui_language() -> str:
    """The language the interface speaks now (the report is written in it)."""
    return "zh_CN" if QLocale().name().startswith("zh") else "en"


class PageFlows:
    def __init__(self, page: ReviewPage) -> None:
        self._page = page
        self.import_dialog: MetricsImportDialog | None = None  # the last one opened (tests and the page reach it)
        self.totals_dialog: TotalsDialog | None = None
        self.toolbar = QToolBar(page)
        self.import_action = make_action(
            page,
            QCoreApplication.translate("ReviewPage", "Import metrics…"),
            "Ctrl+I",
            QCoreApplication.translate(
                "ReviewPage", "Import the platform's live data export (minute trend or show summary)"
            ),
            context=PAGE_KEYS,
        )
        self.totals_action = make_action(
            page,
            QCoreApplication.translate("ReviewPage", "Enter totals…"),
            (),
            QCoreApplication.translate(
                "ReviewPage", "Type the show's totals from the platform's review screen, when there is no file"
            ),
            context=PAGE_KEYS,
        )
        self.chart_action = make_action(
            page,
            QCoreApplication.translate("ReviewPage", "Export chart PNG…"),
            (),
            QCoreApplication.translate("ReviewPage", "Save the chart of this tab as a PNG image"),
            context=PAGE_KEYS,
        )
        self.report_action = make_action(
            page,
            QCoreApplication.translate("ReviewPage", "Export report…"),
            "Ctrl+E",
            QCoreApplication.translate("ReviewPage", "Write the review as a printable PDF or an HTML page"),
            context=PAGE_KEYS,
        )
        self.import_action.triggered.connect(self.import_metrics)
        self.totals_action.triggered.connect(self.enter_totals)
        self.chart_action.triggered.connect(lambda: self.export_chart(self.current_chart_name()))
        self.report_action.triggered.connect(self.export_report)
        charts = QMenu(page)
        for name, text in self.chart_names().items():
            charts.addAction(text).triggered.connect(self._exporter(name))
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.totals_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.chart_action)
        button = self.toolbar.widgetForAction(self.chart_action)
        if isinstance(button, QToolButton):
            button.setMenu(charts)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.toolbar.addAction(self.report_action)
        self.toolbar.addSeparator()
        self.toolbar.addActions([page.undo_action, page.redo_action, page.refresh_action])

    def enable_for_show(self, enabled: bool) -> None:
        for action in (self.import_action, self.totals_action, self.chart_action, self.report_action):
            action.setEnabled(enabled)

    # --- undoable edits ---------------------------------------------------------------------------------------
    def _push_on_show(self, command: Callable[[ReviewPage, int], ServiceCommand]) -> None:
        """Push the edit ``command`` makes for the page and the show reviewed; nothing when no show is."""
        show_id = self._page.show_id()
        if show_id is not None:
            self._page.push(command(self._page, show_id))

    def save_notes(self, notes: ReviewNotes) -> None:
        self._push_on_show(lambda page, show_id: SaveNotesCommand(page, show_id, notes))

    def save_costs(self, costs: CostsInput) -> None:
        self._push_on_show(lambda page, show_id: SaveCostsCommand(page, show_id, costs))

    def save_totals(self, totals: TotalsInput) -> None:
        self._push_on_show(lambda page, show_id: SaveTotalsCommand(page, show_id, totals))

    def add_action(self, text: str) -> None:
        self._push_on_show(lambda page, show_id: AddActionCommand(page, show_id, text))

    def edit_action(self, action_id: int, text: str) -> None:
        first = self._page.action_ids.first_of(action_id)
        self._page.push(EditActionCommand(self._page, first, text))

    def delete_action(self, action_id: int) -> None:
        line = self._page.notes.actions_model.line(self._page.notes.actions_model.row_of(action_id) or 0)
        text = line.item.text if line is not None and line.item.id == action_id else ""
        self._page.push(DeleteActionCommand(self._page, self._page.action_ids.first_of(action_id), text))

    def tick_action(self, action_id: int, done: bool) -> None:
        page = self._page
        row = page.notes.actions_model.row_of(action_id)
        line = page.notes.actions_model.line(row) if row is not None else None
        if line is None:
            return
        on_show = page.show_id() if line.carried else None  # an earlier show's item is done *on* this show
        page.push(TickActionCommand(page, page.action_ids.first_of(action_id), line.item.text, done, on_show))

    # --- layout -----------------------------------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        page = self._page
        return {
            "overview_charts": page.overview.charts,
            "trends": page.trends.splitter,
            "notes": page.notes.splitter,
        }

    def save_layout(self) -> None:
        state = self._page.state()
        for name, splitter in self._splitters().items():
            state.setValue(_SPLITTER_KEY.format(name=name), splitter.saveState())

    def restore_layout(self) -> None:
        state = self._page.state()
        for name, splitter in self._splitters().items():
            saved = state.value(_SPLITTER_KEY.format(name=name))
            if saved is not None:
                splitter.restoreState(saved)

    # --- charts and the report --------------------------------------------------------------------------------
    def chart_names(self) -> dict[str, str]:
        return {
            "timeline": QCoreApplication.translate("ReviewPage", "Timeline"),
            "funnel": QCoreApplication.translate("ReviewPage", "Funnel"),
            "segments": QCoreApplication.translate("ReviewPage", "Segment bars"),
            "trends": QCoreApplication.translate("ReviewPage", "Trends"),
        }

    def _exporter(self, name: str) -> Callable[[], None]:
        def export() -> None:
            self.export_chart(name)

        return export

    def current_chart_name(self) -> str:
        page = self._page
        current = page.tabs.currentWidget()
        if current is page.segments:
            return "segments"
        if current is page.trends:
            return "trends"
        return "timeline"

    def _chart(self, name: str) -> QWidget:
        page = self._page
        charts: dict[str, QWidget] = {
            "timeline": page.overview.timeline,
            "funnel": page.overview.funnel,
            "segments": page.segments.bars,
            "trends": page.trends.chart,
        }
        return charts[name]

    def _folder(self) -> Path:
        saved = self._page.state().value(_FOLDER_KEY)
        return Path(saved) if isinstance(saved, str) and saved else Path.home()

    def export_chart(self, name: str) -> Path | None:
        from streamdesk.ui.pages.review.charts.export import ChartExportFailed, export_png

        page, data = self._page, self._page.data()
        if data is None:
            return None
        if name == "trends" and not page.trends.is_loaded():
            page.tabs.setCurrentWidget(page.trends)  # draws it first; export it once it is there
            page.report_info(
                QCoreApplication.translate(
                    "ReviewPage", "The trends are being read; export the chart again in a moment."
                )
            )
            return None
        suggested = self._folder() / f"{file_stem(data.header.title)}-{name}.png"
        path = ask_save_path(
            page,
            QCoreApplication.translate("ReviewPage", "Export chart as PNG"),
            suggested,
            QCoreApplication.translate("ReviewPage", "PNG images (*.png)"),
        )
        if path is None:
            return None
        page.state().setValue(_FOLDER_KEY, str(path.parent))
        try:
            path = export_png(self._chart(name), path)
        except ChartExportFailed as error:
            page.report_error(str(error))
            return None
        page.messages.show_info(
            QCoreApplication.translate("ReviewPage", "Saved the chart to {path}.").format(path=path),
            action_text=QCoreApplication.translate("ReviewPage", "Open"),
            action=lambda: open_file(path),
        )
        return path

    def export_report(self) -> None:
        page, data = self._page, self._page.data()
        writer = page.report_writer()
        if data is None:
            return
        if writer is None:
            page.report_error(QCoreApplication.translate("ReviewPage", "Reports cannot be written from this window."))
            return
        suggested = self._folder() / f"{file_stem(data.header.title)}-review.pdf"
        path = ask_save_path(
            page,
            QCoreApplication.translate("ReviewPage", "Export review report"),
            suggested,
            QCoreApplication.translate("ReviewPage", "PDF report (*.pdf);;HTML page (*.html)"),
        )
        if path is None:
            return
        if path.suffix.lower() not in (".pdf", ".html"):
            path = path.with_name(path.name + ".pdf")
        page.state().setValue(_FOLDER_KEY, str(path.parent))
        review, language, show_id = page.review, ui_language(), data.header.show_id

        def job(_cancel: object) -> Path:
            from streamdesk.core.report import trends_until

            trends: tuple[TrendPoint, ...] = trends_until(review.trends(), show_id)
            writer.write(data, path, language=language, trends=trends)
            return path

        task = page.runner.start(job, on_success=self._on_report_written, on_error=page.report_error)
        page.progress.track(task, QCoreApplication.translate("ReviewPage", "Writing the report…"), cancellable=False)

    def _on_report_written(self, path: Path) -> None:
        page = self._page
        page.messages.show_info(
            QCoreApplication.translate("ReviewPage", "Wrote the review report to {path}.").format(path=path),
            action_text=QCoreApplication.translate("ReviewPage", "Open"),
            action=lambda: open_file(path),
        )

    # --- metrics --------------------------------------------------------------------------------------------
    def import_metrics(self) -> None:
        page = self._page
        show_id = page.show_id()
        if show_id is None:
            return
        self._open_import_dialog(show_id, page.data())

    def enter_totals(self) -> None:
        page = self._page
        show_id, data = page.show_id(), page.data()
        if show_id is None or data is None:
            return
        self._open_totals_dialog(show_id, data)

    def _open_import_dialog(self, show_id: int, data: ShowReviewData | None) -> None:
        from streamdesk.ui.pages.review.import_dialog import MetricsImportDialog

        page = self._page
        metrics_io = page.metrics_io()
        currency = data.header.currency if data is not None else page.settings.currency
        dialog = MetricsImportDialog(metrics_io, show_id, page.runner, page, currency=currency)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda import_id: self._on_imported(metrics_io, show_id, import_id))
        self.import_dialog = dialog
        dialog.open()

    def _on_imported(self, metrics_io: MetricsIO, show_id: int, import_id: int) -> None:
        page = self._page
        if page.show_id() != show_id:  # another show is reviewed now: its undo history has no place for this
            return
        row = next((row for row in metrics_io.imports(show_id) if row.id == import_id), None)
        page.push(ImportedMetricsCommand(page, metrics_io, import_id, row.file_name if row is not None else ""))

    def _open_totals_dialog(self, show_id: int, data: ShowReviewData) -> None:
        from streamdesk.ui.pages.review.totals_dialog import TotalsDialog

        page = self._page
        header = data.header
        dialog = TotalsDialog(page.review.save_totals, show_id, header.platforms, header.currency, data.totals, page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_totals_saved(show_id, dialog.totals(), dialog.previous))
        self.totals_dialog = dialog
        dialog.open()

    def _on_totals_saved(self, show_id: int, totals: TotalsInput, previous: TotalsInput | None) -> None:
        page = self._page
        if page.show_id() == show_id:
            page.push(SaveTotalsCommand(page, show_id, totals, already_saved=True, saved_over=previous))
