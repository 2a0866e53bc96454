"""Order import: choose a platform export → dry run (format and encoding detected, both overridable) → import →
summary, and "Map them now" for lines the catalogue could not place.

Reading, planning and writing each run in the TaskRunner with progress and Cancel. Nothing is written before the
user presses Import, rows with problems are skipped only when the user agrees, and a cancelled import writes
nothing (OrdersIO.apply is one transaction). Non-blocking: ``open()`` it; ``imported(batch_id)`` follows a
successful import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from streamdesk.core.order_types import ImportAction, OrderImportPlan, OrderImportResult, Platform
from streamdesk.core.products_io.types import SourceTable
from streamdesk.labels import platform_name
from streamdesk.messages import render
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.orders.import_jobs import AUTO, NeedsMapping, PlanRequest, plan_job, read_job
from streamdesk.ui.pages.orders.import_pages import (
    CUSTOM_MAPPING,
    SAVED_PREFIX,
    ChooseFilePage,
    PreviewPage,
    SummaryPage,
    preset_name,
)
from streamdesk.ui.widgets.import_wizard import FilePreviewSummaryWizard

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO, PresetInfo
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.orders.mapping_dialog import MappingDialog
    from streamdesk.ui.privacy import Privacy
    from streamdesk.ui.tasks import TaskRunner


class OrderImportDialog(FilePreviewSummaryWizard):
    imported = Signal(int)  # the import batch id, after a successful import
    review_requested = Signal()  # "Map them now" when the dialog was given no orders/catalogue to map with itself
    lines_mapped = Signal(int)  # order lines mapped to SKUs in the review dialog opened from here (stock changed)

    def __init__(
        self,
        orders_io: OrdersIO,
        shows: Shows,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        orders: Orders | None = None,
        catalogue: Catalogue | None = None,
        privacy: Privacy | None = None,
    ) -> None:
        super().__init__(runner, parent, describe_stage=render, abandon_when_destroyed=True)
        self._io, self._shows = orders_io, shows
        self._orders, self._catalogue, self._privacy = orders, catalogue, privacy
        self._request: PlanRequest | None = None
        self._plan: OrderImportPlan | None = None
        self._source: SourceTable | None = None
        self.import_result: OrderImportResult | None = None
        self.mapping_dialog: MappingDialog | None = None
        self.unmatched_dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Import orders"))
        self.resize(1040, 700)

        self.choose_page = ChooseFilePage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        self._build_wizard(
            (self.choose_page, self.preview_page, self.summary_page),
            back_text=self.tr("Back"),
            cancel_text=self.tr("Cancel"),
        )

        preview = self.preview_page
        if privacy is not None:
            preview.model.set_privacy(privacy)
        self.choose_page.browse_button.clicked.connect(self._browse)
        preview.preset.activated.connect(lambda _n: self._on_preset_chosen())
        preview.encoding.activated.connect(lambda _n: self._replan(encoding=preview.encoding.encoding()))
        preview.show_combo.activated.connect(lambda _n: self._replan(show_id=preview.selected_show()))
        preview.skip_problems.toggled.connect(lambda _on: self._update_buttons())
        self.summary_page.map_button.clicked.connect(self.map_unmatched)
        self._fill_shows()
        self._update_buttons()

    # --- steps -------------------------------------------------------------------------------------------------
    def load_file(self, path: Path, *, preset: str = AUTO, encoding: str | None = None) -> None:
        """Check ``path`` in the background (nothing written) and show the dry run."""
        self._source = None
        self.choose_page.path_label.setText(str(path))
        self._run_plan(PlanRequest(path, preset, encoding, self.preview_page.selected_show()))

    def _run_plan(self, request: PlanRequest) -> None:
        self._request = request
        self._start(
            lambda cancel: plan_job(self._io, request, cancel),
            self.tr("Checking {name}…").format(name=request.path.name),
            self._on_planned,
            on_failed=self._forget_plan,
        )

    def _forget_plan(self) -> None:
        """The shown dry run no longer matches the chosen format, encoding or show: nothing to import from it."""
        self._plan = None
        self.preview_page.clear_plan()

    def _replan(self, **changes: Any) -> None:
        if self._request is None:
            return
        if "encoding" in changes:
            self._source = None  # read again for the mapping dialog too
        self._run_plan(replace(self._request, **changes))

    def _on_planned(self, result: object) -> None:
        if isinstance(result, NeedsMapping):
            self._source = result.source
            if self._plan is None:
                self.messages.show_info(
                    self.tr("StreamDesk does not recognise the columns of this file. Match them to the order fields.")
                )
            self.open_mapping_dialog()
            return
        assert isinstance(result, OrderImportPlan)
        request = self._request
        first_look = self._plan is None or self._plan.path != result.path
        self._plan = result
        custom = request is not None and request.mapping is not None and not result.preset.startswith(SAVED_PREFIX)
        presets = self._io.presets()
        info = next((info for info in presets if info.key == result.preset), None)
        if custom:
            label = self.tr("your own column mapping ({platform})").format(platform=platform_name(result.platform))
        else:
            label = preset_name(result.preset, info.name if info is not None else result.preset)
        self.preview_page.set_presets(self._preset_choices(presets), CUSTOM_MAPPING if custom else result.preset)
        self.preview_page.show_plan(result, label, request.encoding if request else None)
        inferred = not custom and info is not None and info.confidence == "I" and not info.saved
        self.preview_page.show_inferred(inferred)
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()
        if inferred and first_look:
            self.open_mapping_dialog()  # FORMATS.md: presets known only from partial evidence show their columns

    def start_import(self) -> None:
        plan = self._plan
        if plan is None or not self._can_import():
            return
        self._start(
            lambda cancel: self._io.apply(plan, cancel),
            self.tr("Importing {name}…").format(name=Path(plan.path).name),
            self._on_imported,
            on_cancelled=lambda: self.messages.show_info(self.tr("Import cancelled; nothing was written.")),
        )

    def _on_imported(self, result: OrderImportResult) -> None:
        self.import_result = result
        self.summary_page.show_result(result, self.unmatched_lines())
        self.pages.setCurrentWidget(self.summary_page)
        self._update_buttons()
        self.imported.emit(result.batch_id)

    def unmatched_lines(self) -> int:
        """Lines of the previewed import that no SKU, alias or title matched."""
        plan = self._plan
        if plan is None:
            return 0
        return sum(order.unmatched_lines for order in plan.orders if order.action is not ImportAction.SKIP)

    # --- format: presets and the mapping dialog ----------------------------------------------------------------
    def _preset_choices(self, presets: Sequence[PresetInfo] | None = None) -> list[tuple[str, str]]:
        """(key, name) of every preset, saved mappings last; ``presets`` when the caller has just read them."""
        listed = self._io.presets() if presets is None else presets
        return [(info.key, preset_name(info.key, info.name)) for info in listed]

    def _on_preset_chosen(self) -> None:
        key = str(self.preview_page.preset.currentData() or "")
        if key == CUSTOM_MAPPING:
            self.open_mapping_dialog()
        elif key:
            self._replan(preset=key, mapping=None)

    def open_mapping_dialog(self) -> None:
        """Match the columns by hand; the file is read first if it has not been (non-blocking)."""
        request = self._request
        if request is None:
            return
        if self._source is None:
            self._start(
                lambda cancel: read_job(request.path, request.encoding),
                self.tr("Reading {name}…").format(name=request.path.name),
                self._show_mapping_dialog,
            )
            return
        self._show_mapping_dialog(self._source)

    def _show_mapping_dialog(self, source: SourceTable) -> None:
        from streamdesk.core.orders_io import DEFAULT_ZONES
        from streamdesk.ui.pages.orders.mapping_dialog import MappingDialog

        self._source = source
        plan, request = self._plan, self._request
        initial: dict[str, str] = dict(request.mapping) if request is not None and request.mapping else {}
        if not initial and plan is not None:
            initial = dict(plan.columns)
        dialog = MappingDialog(
            source,
            initial,
            platform=plan.platform if plan is not None else Platform.OTHER,
            zones=DEFAULT_ZONES,
            save=self._io.save_mapping,
            privacy=self._privacy,
            parent=self,
        )
        dialog.finished.connect(lambda code, dialog=dialog: self._on_mapping_finished(dialog, code))
        self.mapping_dialog = dialog
        dialog.open()

    def _on_mapping_finished(self, dialog: MappingDialog, code: int) -> None:
        self.mapping_dialog = None
        dialog.deleteLater()
        plan = self._plan
        if code != QDialog.DialogCode.Accepted:
            if plan is not None:  # back to the format that was shown; saved mappings are listed even so
                custom = self._request is not None and self._request.mapping is not None
                self.preview_page.set_presets(self._preset_choices(), CUSTOM_MAPPING if custom else plan.preset)
            else:
                self.messages.show_info(self.tr("Match the columns of the file to import it, or choose another file."))
            return
        saved = dialog.saved_as()
        if saved:
            self._replan(preset=f"{SAVED_PREFIX}{saved}", mapping=None)
        else:
            self._replan(preset=self._base_preset(dialog.platform()), mapping=dialog.mapping())

    def _base_preset(self, platform: Platform) -> str:
        """The preset a custom mapping borrows status words and date formats from: the one shown, when it is of
        the chosen platform, else the platform's own ("auto": none, for other platforms)."""
        listed = [info for info in self._io.presets() if not info.saved]
        plan = self._plan
        if plan is not None and any(i.key == plan.preset and i.platform is platform for i in listed):
            return plan.preset
        return next((info.key for info in listed if info.key == platform.value), AUTO)

    # --- unmatched lines ---------------------------------------------------------------------------------------
    def map_unmatched(self) -> None:
        if self._orders is None or self._catalogue is None:
            self.review_requested.emit()
            return
        from streamdesk.ui.pages.orders.unmatched_dialog import UnmatchedLinesDialog

        dialog = UnmatchedLinesDialog(self._orders, self._catalogue, self)
        dialog.lines_mapped.connect(self.lines_mapped)
        self.unmatched_dialog = dialog
        dialog.open()

    # --- shows -------------------------------------------------------------------------------------------------
    def _fill_shows(self) -> None:
        choices = []
        for show in self._shows.list_shows():
            when = format_local_datetime(show.planned_start) if show.planned_start is not None else ""
            choices.append((show.id, f"{show.title} · {when}" if when else show.title))
        self.preview_page.set_shows(choices, None)

    # --- buttons -----------------------------------------------------------------------------------------------
    def _browse(self) -> None:
        self._choose_and_load(
            self.tr("Choose an order export"), self.tr("Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)")
        )

    def _can_import(self) -> bool:
        plan = self._plan
        if plan is None or plan.orders_added + plan.orders_updated == 0:
            return False
        return not plan.problems or self.preview_page.skip_problems.isChecked()

    def _update_buttons(self) -> None:
        busy = self._task is not None
        page = self.pages.currentWidget()
        self.back_button.setVisible(page is self.preview_page)
        self.back_button.setEnabled(not busy)
        self.close_button.setVisible(page is not self.summary_page)
        for widget in (self.preview_page.preset, self.preview_page.encoding, self.preview_page.show_combo):
            widget.setEnabled(not busy)
        if page is self.choose_page:
            self.next_button.setText(self.tr("Choose file…"))
            self.next_button.setEnabled(not busy)
        elif page is self.preview_page:
            self.next_button.setText(self.tr("Import"))
            self.next_button.setEnabled(not busy and self._can_import())
        else:
            self.next_button.setText(self.tr("Done"))
            self.next_button.setEnabled(True)
