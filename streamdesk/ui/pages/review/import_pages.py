"""The metrics import dialog's pages: choose a file, the preview (format, platform and encoding, what was read, the
gaps, duplicates and skipped rows with their row numbers), and the result."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.metrics_io import MAPPING
from streamdesk.core.review_types import MetricPresetInfo, MetricsImportResult, MetricsPlan
from streamdesk.labels import platform_name
from streamdesk.messages import render
from streamdesk.models.base import Platform
from streamdesk.review_labels import series_name, total_name
from streamdesk.ui.formatting import format_duration, format_local_datetime, format_money
from streamdesk.ui.widgets.encodings import EncodingCombo, encoding_name
from streamdesk.ui.widgets.form_dialog import left_aligned
from streamdesk.ui.widgets.import_wizard import FileChoicePage, heading_label

AUTO = "auto"
DISPLAY = Qt.ItemDataRole.DisplayRole
_ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DURATIONS = frozenset({"duration_seconds", "average_watch_seconds"})


def preset_name(key: str) -> str:
    """A preset as the seller knows the export it reads."""
    names = {
        "douyin_trend": QCoreApplication.translate("MetricsImport", "Douyin 罗盘 minute trend"),
        "douyin_summary": QCoreApplication.translate("MetricsImport", "Douyin live summary"),
        "kuaishou_summary": QCoreApplication.translate("MetricsImport", "Kuaishou live summary"),
        "kuaishou_trend": QCoreApplication.translate("MetricsImport", "Kuaishou minute trend"),
        "channels_summary": QCoreApplication.translate("MetricsImport", "WeChat Channels live summary"),
        "tiktok_live_list": QCoreApplication.translate("MetricsImport", "TikTok LIVE list"),
        MAPPING: QCoreApplication.translate("MetricsImport", "Your own column mapping"),
    }
    return names.get(key, key)


class TextTableModel(QAbstractTableModel):
    """A read-only table of text (the file's first rows, the problems, the figures read): selectable, copyable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: tuple[tuple[str, ...], ...] = ()

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._headers = tuple(headers)
        width = len(self._headers)
        self._rows = tuple(tuple(row[:width]) + ("",) * max(0, width - len(row)) for row in rows)
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def data(self, index: _ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or role not in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._rows[index.row()][index.column()]

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]


def _table(model: TextTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
    return view


class MetricsFilePage(FileChoicePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(self.tr("Import live data"))
        self.intro.setText(
            self.tr(
                "Choose the live data the platform exported for this show: a Douyin 罗盘 minute trend or live "
                "summary, a Kuaishou or WeChat Channels summary, or a TikTok LIVE list (CSV, Excel .xlsx or "
                "Unicode text). StreamDesk recognises the columns; any other file can be read with your own column "
                "mapping. Nothing is saved before you press Import."
            )
        )


class MetricsPreviewPage(QWidget):
    """What was read, before anything is written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label(self.tr("Check the data"), self)
        self.preset = QComboBox(self)
        self.platform = QComboBox(self)
        self.encoding = EncodingCombo(self)
        self.map_button = QPushButton(self.tr("Map columns…"), self)
        choices = QFormLayout()
        choices.addRow(self.tr("Format:"), self.preset)
        choices.addRow(self.tr("Platform:"), self.platform)
        choices.addRow(self.tr("Encoding:"), self.encoding)
        choices.addRow("", left_aligned(self.map_button, self))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.inferred = QLabel(
            self.tr(
                "This format is known only from partial evidence: check that each figure below landed in the right "
                "column, and map the columns yourself if not."
            ),
            self,
        )
        self.inferred.setWordWrap(True)
        self.inferred.setVisible(False)
        self.rows_model, self.problems_model, self.figures_model = (TextTableModel(self) for _ in range(3))
        self.tabs = QTabWidget(self)
        self.rows_view = _table(self.rows_model, self.tabs)
        self.problems_view = _table(self.problems_model, self.tabs)
        self.figures_view = _table(self.figures_model, self.tabs)
        self.tabs.addTab(self.figures_view, self.tr("Figures"))
        self.tabs.addTab(self.problems_view, self.tr("Gaps and skipped rows"))
        self.tabs.addTab(self.rows_view, self.tr("Rows in the file"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.inferred)
        layout.addWidget(self.tabs, 1)
        for platform in Platform:
            self.platform.addItem(platform_name(platform), platform.value)
        self.platform.insertItem(0, self.tr("As the format says"), "")
        self.platform.setCurrentIndex(0)

    def set_presets(self, presets: Sequence[MetricPresetInfo], selected: str) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(self.tr("Recognise automatically"), AUTO)
        for info in presets:
            self.preset.addItem(preset_name(info.key), info.key)
        self.preset.setCurrentIndex(max(0, self.preset.findData(selected)))
        self.preset.blockSignals(False)

    def selected_platform(self) -> Platform | None:
        value = str(self.platform.currentData() or "")
        return Platform(value) if value else None

    def show_plan(self, plan: MetricsPlan, currency: str, *, inferred: bool) -> None:
        self.summary.setText(plan_summary(plan))
        self.inferred.setVisible(inferred)
        self.encoding.set_encoding(plan.encoding if plan.encoding and not plan.encoding_guessed else None)
        self.rows_model.set_rows(plan.headers, plan.preview)
        self.problems_model.set_rows((self.tr("Row"), self.tr("What happened")), problem_rows(plan))
        self.figures_model.set_rows((self.tr("Figure"), self.tr("Read")), figure_rows(plan, currency))
        self.tabs.setCurrentWidget(self.problems_view if plan.skipped or plan.gaps else self.figures_view)

    def clear_plan(self) -> None:
        self.summary.setText("")
        self.inferred.setVisible(False)
        for model in (self.rows_model, self.problems_model, self.figures_model):
            model.set_rows((), ())


def plan_summary(plan: MetricsPlan) -> str:
    """Two sentences: what was read, and what was wrong with it."""
    encoding = encoding_name(plan.encoding) if plan.encoding else QCoreApplication.translate("MetricsImport", "Excel")
    head = QCoreApplication.translate("MetricsImport", "{file}: {format} for {platform} ({encoding}).").format(
        file=plan.file_name, format=preset_name(plan.preset), platform=platform_name(plan.platform), encoding=encoding
    )
    if plan.kind == "summary":
        count = len(plan.totals.values) if plan.totals is not None else 0
        body = QCoreApplication.translate("MetricsImport", "Show totals: %n figure(s) read.", "", count)
        if plan.chosen_row is not None:
            body += " " + QCoreApplication.translate(
                "MetricsImport", "The file lists several LIVEs; row {row} started nearest this show's start."
            ).format(row=plan.chosen_row)
        return f"{head} {body}"
    body = QCoreApplication.translate(
        "MetricsImport", "%n sample(s) every {interval} s, from {start} to {end}.", "", len(plan.samples)
    ).format(
        interval=plan.interval_seconds,
        start=format_local_datetime(plan.samples[0].at, with_seconds=True) if plan.samples else "",
        end=format_local_datetime(plan.samples[-1].at, with_seconds=True) if plan.samples else "",
    )
    missing = sum(gap.samples for gap in plan.gaps)
    if not (missing or plan.duplicates or plan.skipped):
        trouble = QCoreApplication.translate("MetricsImport", "No gaps, no duplicate times, no rows left out.")
    else:
        trouble = QCoreApplication.translate(
            "MetricsImport",
            "%n interval(s) missing; {duplicates} time(s) came twice (the later row was kept); {skipped} row(s) "
            "left out.",
            "",
            missing,
        ).format(duplicates=plan.duplicates, skipped=len(plan.skipped))
    text = f"{head} {body} {trouble}"
    if plan.replaces:
        text += " " + QCoreApplication.translate(
            "MetricsImport", "Importing replaces %n sample(s) already stored for this time.", "", plan.replaces
        )
    return text


def problem_rows(plan: MetricsPlan) -> list[tuple[str, str]]:
    """(row, sentence) for every gap (row "—") and every skipped row, in that order."""
    rows: list[tuple[str, str]] = []
    for gap in plan.gaps:
        text = QCoreApplication.translate(
            "MetricsImport", "No data from {start} to {end} (%n interval(s)).", "", gap.samples
        )
        start = format_local_datetime(gap.start, with_seconds=True)
        rows.append(("—", text.format(start=start, end=format_local_datetime(gap.end, with_seconds=True))))
    if plan.duplicates:
        text = QCoreApplication.translate(
            "MetricsImport", "%n time(s) appear twice in the file; the later row of each was kept.", "", plan.duplicates
        )
        rows.append(("—", text))
    for problem in plan.skipped:
        sentence = render(problem.code, problem.fields)  # written to follow "Row 12: ", so it starts in lower case
        rows.append((str(problem.row), sentence[:1].upper() + sentence[1:]))
    return rows


def figure_rows(plan: MetricsPlan, currency: str) -> list[tuple[str, str]]:
    """What the import will store: the totals read, or per series how many samples have a value."""
    if plan.totals is not None:
        rows = []
        for name, value in plan.totals.values.items():
            if value is None:
                continue
            if name == "platform_gmv_minor":
                shown = format_money(value, currency)
            elif name in _DURATIONS:
                shown = format_duration(value)
            else:
                shown = f"{value:,}"
            rows.append((total_name(name), shown))
        return rows
    found = []
    for name in plan.series:
        known = [s.values.get(name) for s in plan.samples if s.values.get(name) is not None]
        text = QCoreApplication.translate("MetricsImport", "%n sample(s) with a value", "", len(known))
        if name in ("gmv_minor", "ad_cost_minor"):
            text += " · " + format_money(sum(v for v in known if v is not None), currency)
        found.append((series_name(name), text))
    return found


class MetricsSummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label(self.tr("Imported"), self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_result(self, result: MetricsImportResult, plan: MetricsPlan) -> None:
        if plan.kind == "summary":
            text = self.tr("The show's totals on {platform} were saved.").format(platform=platform_name(plan.platform))
        else:
            text = self.tr("%n sample(s) saved.", "", result.samples_written)
            if result.samples_replaced:
                text += " " + self.tr(
                    "%n sample(s) stored earlier for the same time were replaced.", "", result.samples_replaced
                )
        self.text.setText(f"{text}\n\n{plan_summary(plan)}")
