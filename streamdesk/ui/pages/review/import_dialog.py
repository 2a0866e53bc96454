"""Metrics import: choose a platform's live-data export → preview (format, platform and encoding detected, each
overridable; the figures read, the gaps, duplicates and skipped rows with their row numbers) → Import → result.

Reading and writing run in the TaskRunner with progress and Cancel; nothing is written before Import, and a
cancelled import writes nothing (MetricsIO.apply is one transaction). A file no format recognises opens the column
mapping. Non-blocking: ``open()`` it; ``imported(import_id)`` follows a successful import.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.metrics_io import MAPPING
from streamdesk.core.review_types import MetricsImportResult, MetricsKind, MetricsPlan
from streamdesk.messages import describe, render
from streamdesk.models.base import Platform
from streamdesk.ui.pages.review.import_pages import AUTO, MetricsFilePage, MetricsPreviewPage, MetricsSummaryPage
from streamdesk.ui.pages.review.mapping_dialog import MetricsMappingDialog
from streamdesk.ui.widgets.import_wizard import FilePreviewSummaryWizard

if TYPE_CHECKING:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.ui.tasks import TaskRunner

# Refusals the column mapping can answer: the file is readable, its columns are not recognised.
MAPPABLE = frozenset({"metrics.unknown_layout", "metrics.time_column_missing", "metrics.preset_does_not_fit"})


@dataclass(frozen=True, slots=True)
class PlanRequest:
    path: Path
    show_id: int
    preset: str = AUTO
    encoding: str | None = None
    platform: Platform | None = None
    mapping: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class NeedsMapping:
    """The file was read but no format fits: its header row, and why, for the mapping dialog."""

    headers: tuple[str, ...]
    error: UserError


def plan_job(io: MetricsIO, request: PlanRequest, cancel: CancelToken) -> Generator[Progress, None, object]:
    """The preview as a TaskRunner job; a file whose columns no format knows comes back as NeedsMapping."""
    yield Progress(0, 0, "metrics.reading")
    try:
        return io.plan(
            request.path,
            request.show_id,
            preset=request.preset,
            encoding=request.encoding,
            platform=request.platform,
            mapping=request.mapping,
            cancel=cancel,
        )
    except UserError as error:
        if error.code not in MAPPABLE:
            raise
        return NeedsMapping(io.headers(request.path, encoding=request.encoding), error)


class MetricsImportDialog(FilePreviewSummaryWizard):
    imported = Signal(int)  # the MetricImport id, after a successful import

    def __init__(
        self,
        metrics_io: MetricsIO,
        show_id: int,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        currency: str = "CNY",
    ) -> None:
        """``currency``: the show's, for showing amounts in the preview (the file's are read in it)."""
        super().__init__(runner, parent, describe_stage=render, abandon_when_destroyed=True)
        self._io, self._show_id, self._currency = metrics_io, show_id, currency
        self._request: PlanRequest | None = None
        self._plan: MetricsPlan | None = None
        self._headers: tuple[str, ...] = ()
        self.import_result: MetricsImportResult | None = None
        self.mapping_dialog: MetricsMappingDialog | None = None
        self.setWindowTitle(self.tr("Import live data"))
        self.resize(900, 640)
        self.choose_page = MetricsFilePage(self)
        self.preview_page = MetricsPreviewPage(self)
        self.summary_page = MetricsSummaryPage(self)
        self._build_wizard(
            (self.choose_page, self.preview_page, self.summary_page),
            back_text=self.tr("Back"),
            cancel_text=self.tr("Cancel"),
        )
        preview = self.preview_page
        preview.set_presets(self._io.presets(), AUTO)
        self.choose_page.browse_button.clicked.connect(self._browse)
        preview.preset.activated.connect(lambda _n: self._on_preset_chosen())
        preview.platform.activated.connect(lambda _n: self._replan(platform=preview.selected_platform()))
        preview.encoding.activated.connect(lambda _n: self._replan(encoding=preview.encoding.encoding()))
        preview.map_button.clicked.connect(self.open_mapping_dialog)
        self._update_buttons()

    # --- steps -------------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        self._choose_and_load(
            self.tr("Choose live data"), self.tr("Live data (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        )

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background (nothing written) and show the preview."""
        self.choose_page.path_label.setText(str(path))
        self._headers = ()
        self._run_plan(PlanRequest(path, self._show_id, platform=self.preview_page.selected_platform()))

    def _run_plan(self, request: PlanRequest) -> None:
        self._request = request
        self._start(
            lambda cancel: plan_job(self._io, request, cancel),
            self.tr("Reading {name}…").format(name=request.path.name),
            self._on_planned,
            on_failed=self._forget_plan,
        )

    def _forget_plan(self) -> None:
        self._plan = None
        self.preview_page.clear_plan()

    def _replan(self, **changes: Any) -> None:
        if self._request is not None:
            self._run_plan(replace(self._request, **changes))

    def _on_planned(self, result: object) -> None:
        if isinstance(result, NeedsMapping):
            self._headers = result.headers
            self._forget_plan()
            self.pages.setCurrentWidget(self.preview_page)
            self.messages.show_info(describe(result.error))
            self.open_mapping_dialog()
            self._update_buttons()
            return
        assert isinstance(result, MetricsPlan)
        self._plan = result
        self._headers = result.headers
        request = self._request
        selected = MAPPING if request is not None and request.mapping else result.preset
        if request is not None and request.preset == AUTO and not request.mapping:
            selected = AUTO
        self.preview_page.set_presets(self._io.presets(), selected)
        info = next((p for p in self._io.presets() if p.key == result.preset), None)
        inferred = info is not None and info.confidence == "I" and info.key != MAPPING
        self.preview_page.show_plan(result, self._currency, inferred=inferred)
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()

    def start_import(self) -> None:
        plan = self._plan
        if plan is None or self.is_busy():
            return
        self._start(
            lambda cancel: self._io.apply_steps(plan, cancel),
            self.tr("Importing {name}…").format(name=plan.file_name),
            self._on_imported,
            on_cancelled=lambda: self.messages.show_info(self.tr("Import cancelled; nothing was written.")),
        )

    def _on_imported(self, result: MetricsImportResult) -> None:
        self.import_result = result
        assert self._plan is not None
        self.summary_page.show_result(result, self._plan)
        self.pages.setCurrentWidget(self.summary_page)
        self._update_buttons()
        self.imported.emit(result.import_id)

    # --- format and mapping ------------------------------------------------------------------------------------
    def _on_preset_chosen(self) -> None:
        key = str(self.preview_page.preset.currentData() or AUTO)
        if key == MAPPING:
            self.open_mapping_dialog()
        else:
            self._replan(preset=key, mapping=None)

    def open_mapping_dialog(self) -> None:
        """Match the columns by hand (non-blocking); accepting it reads the file again with that mapping."""
        request = self._request
        if request is None or not self._headers:
            return
        kind: MetricsKind = self._plan.kind if self._plan is not None else "trend"
        dialog = MetricsMappingDialog(self._headers, kind=kind, mapping=request.mapping, parent=self)
        self.mapping_dialog = dialog
        dialog.accepted.connect(lambda: self._replan(preset=MAPPING, mapping=dialog.mapping()))
        dialog.open()

    # --- buttons -----------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        current = self.pages.currentWidget()
        busy = self.is_busy()
        on_summary = current is self.summary_page
        self.back_button.setVisible(current is self.preview_page)
        self.back_button.setEnabled(not busy)
        if current is self.choose_page:
            self.next_button.setText(self.tr("Choose file…"))
            self.next_button.setEnabled(not busy)
        elif current is self.preview_page:
            self.next_button.setText(self.tr("Import"))
            self.next_button.setEnabled(not busy and self._plan is not None)
        else:
            self.next_button.setText(self.tr("Close"))
            self.next_button.setEnabled(True)
        self.close_button.setVisible(not on_summary)
        self.preview_page.map_button.setEnabled(not busy and bool(self._headers))
        chosen = not busy and self._request is not None
        self.preview_page.preset.setEnabled(chosen)
        self.preview_page.platform.setEnabled(chosen)
        workbook = self._plan is not None and not self._plan.encoding  # a workbook has no text encoding
        self.preview_page.encoding.setEnabled(chosen and not workbook)
