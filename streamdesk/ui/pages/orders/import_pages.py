"""The three pages of the order import dialog: choose a file, check the dry run, see what was imported."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import Problem
from streamdesk.core.order_types import ImportAction, OrderImportPlan, OrderImportResult
from streamdesk.messages import describe_problem
from streamdesk.ui.formatting import format_count
from streamdesk.ui.pages.orders.import_models import REVIEW_COLOR, PlannedColumn, PlannedOrdersModel
from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.encodings import EncodingCombo, encoding_name
from streamdesk.ui.widgets.field_problem import ProblemLabel
from streamdesk.ui.widgets.import_wizard import FileChoicePage, heading_label

CUSTOM_MAPPING = "custom"  # the preset combo's last item: open the mapping dialog
SAVED_PREFIX = "mapping:"  # presets() lists saved mappings as "mapping:<name>"
HEADING_SCALE = 1.15  # the pages' titles stand out a little more than the product import's


def preset_name(key: str, fallback: str = "") -> str:
    """A preset as sellers call the export it reads; a saved mapping by the name it was saved under."""
    if key.startswith(SAVED_PREFIX):
        return QCoreApplication.translate("OrderImportPages", "Saved mapping: {name}").format(
            name=key.removeprefix(SAVED_PREFIX)
        )
    names = {
        "douyin": QCoreApplication.translate("OrderImportPages", "Douyin shop (抖店) export"),
        "kuaishou": QCoreApplication.translate("OrderImportPages", "Kuaishou shop (快手小店) export"),
        "channels": QCoreApplication.translate("OrderImportPages", "WeChat Channels shop (视频号小店) export"),
        "taobao": QCoreApplication.translate("OrderImportPages", "Taobao / Qianniu (淘宝/千牛) export"),
        "shopify": QCoreApplication.translate("OrderImportPages", "Shopify orders export"),
        "tiktok": QCoreApplication.translate("OrderImportPages", "TikTok Shop orders export"),
        "whatnot": QCoreApplication.translate("OrderImportPages", "Whatnot orders export"),
        "etsy": QCoreApplication.translate("OrderImportPages", "Etsy sold orders export"),
    }
    return names.get(key, fallback or key)


class ProblemList(QPlainTextEdit):
    """Rows that cannot be imported, one "Row N: sentence" per line, read-only and selectable (to copy into a
    message to the platform's support). A text view, not a list: item views cut mixed Chinese/Latin sentences short
    (their wrapped height is measured with one font and painted with the fallback's taller lines)."""

    LIMIT = 2000  # a hopeless file may have a problem on each of its 200,000 rows: the first ones tell the story

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._lines: tuple[str, ...] = ()

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self._lines = tuple(describe_problem(problem) for problem in problems[: self.LIMIT])
        text = "\n".join(self._lines)
        if len(problems) > self.LIMIT:
            more = len(problems) - self.LIMIT
            text += "\n" + self.tr("… and %n more.", "", more)
        self.setPlainText(text)

    def lines(self) -> tuple[str, ...]:
        """The sentences shown (at most LIMIT)."""
        return self._lines


def _heading(text: str, parent: QWidget) -> QLabel:
    return heading_label(text, parent, scale=HEADING_SCALE)


class ChooseFilePage(FileChoicePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, heading_scale=HEADING_SCALE)
        self.heading.setText(self.tr("Import orders"))
        self.intro.setText(
            self.tr(
                "Choose an order export from your shop: 抖店, 快手小店, 视频号小店, 淘宝/千牛, Shopify, TikTok Shop, "
                "Whatnot or Etsy (CSV, Excel or Unicode text), or any other order spreadsheet. StreamDesk recognises "
                "the format and the text encoding, and shows every order before anything is saved."
            )
        )


class PreviewPage(QWidget):
    """The dry run: format, encoding and show (each can be changed: the file is checked again), counts, the planned
    orders, the rows that will be skipped and the consent to skip them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preset = QComboBox(self)
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.encoding = EncodingCombo(self)
        self.encoding_label = QLabel(self.tr("Text encoding"), self)
        self.encoding_label.setBuddy(self.encoding)
        self.show_combo = QComboBox(self)
        self.show_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.detected = QLabel(self)
        self.detected.setWordWrap(True)
        self.inferred = QLabel(
            self.tr(
                "This format is known only from partial documentation and may have changed: check that each field "
                "takes the right column (Format → Custom mapping…) before importing."
            ),
            self,
        )
        self.inferred.setWordWrap(True)
        self.inferred.setStyleSheet(f"color: {REVIEW_COLOR.name()};")
        self.inferred.hide()
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.unmatched = QLabel(self)
        self.unmatched.setWordWrap(True)
        self.unmatched.setStyleSheet(f"color: {REVIEW_COLOR.name()};")
        self.model = PlannedOrdersModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(int(PlannedColumn.BUYER), QHeaderView.ResizeMode.Stretch)
        for column, width in ((PlannedColumn.ROWS, 70), (PlannedColumn.ACTION, 90), (PlannedColumn.ORDER_NO, 180)):
            self.view.setColumnWidth(int(column), width)
        widen_to_titles(self.view)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems = ProblemList(self)
        self.skip_problems = QCheckBox(self)
        problems_box = QWidget(self)
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems, 1)
        problems_layout.addWidget(self.skip_problems)
        self.problems_box = problems_box
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(problems_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.empty = ProblemLabel(self)

        options = QGridLayout()
        options.addWidget(QLabel(self.tr("File"), self), 0, 0)
        options.addWidget(self.file_label, 0, 1, 1, 3)
        format_label = QLabel(self.tr("Format"), self)
        format_label.setBuddy(self.preset)  # the label names the box for a screen reader
        options.addWidget(format_label, 1, 0)
        options.addWidget(self.preset, 1, 1)
        options.addWidget(self.encoding_label, 1, 2)
        options.addWidget(self.encoding, 1, 3)
        show_label = QLabel(self.tr("Show"), self)
        show_label.setBuddy(self.show_combo)
        options.addWidget(show_label, 2, 0)
        options.addWidget(self.show_combo, 2, 1)
        options.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Check the orders, then import"), self))
        layout.addLayout(options)
        layout.addWidget(self.detected)
        layout.addWidget(self.inferred)
        layout.addWidget(self.counts)
        layout.addWidget(self.unmatched)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)

    def set_presets(self, presets: Sequence[tuple[str, str]], selected: str) -> None:
        """``presets``: (key, name) pairs; "Custom mapping…" is added last. Emits no signal."""
        self.preset.blockSignals(True)
        self.preset.clear()
        for key, name in presets:
            self.preset.addItem(name, key)
        self.preset.insertSeparator(self.preset.count())
        self.preset.addItem(self.tr("Custom mapping…"), CUSTOM_MAPPING)
        self.preset.setCurrentIndex(max(0, self.preset.findData(selected)))
        self.preset.blockSignals(False)

    def set_shows(self, shows: Sequence[tuple[int, str]], selected: int | None) -> None:
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.addItem(self.tr("No show"), 0)
        for show_id, title in shows:
            self.show_combo.addItem(title, show_id)
        self.show_combo.setCurrentIndex(max(0, self.show_combo.findData(selected or 0)))
        self.show_combo.blockSignals(False)

    def clear_plan(self) -> None:
        """No dry run to show (the last one failed): the options stay, the figures and tables go."""
        for label in (self.detected, self.counts):
            label.clear()
        for widget in (self.unmatched, self.inferred, self.problems_box):
            widget.hide()
        self.empty.show_problem(None)
        self.model.set_orders(())

    def show_inferred(self, inferred: bool) -> None:
        self.inferred.setVisible(inferred)

    def selected_show(self) -> int | None:
        return int(self.show_combo.currentData() or 0) or None

    def show_plan(self, plan: OrderImportPlan, preset_label: str, encoding: str | None) -> None:
        """``encoding``: what the user chose (None: detected), so the combo keeps saying "Detect automatically"."""
        self.file_label.setText(plan.path)
        self.encoding.set_encoding(encoding)
        text_file = bool(plan.encoding)
        self.encoding.setVisible(text_file)
        self.encoding_label.setVisible(text_file)
        if text_file:
            self.detected.setText(
                self.tr("Format: {preset} · text encoding: {encoding}").format(
                    preset=preset_label, encoding=encoding_name(plan.encoding)
                )
            )
        else:
            self.detected.setText(self.tr("Format: {preset} · Excel workbook").format(preset=preset_label))
        unchanged = sum(1 for order in plan.orders if order.action is ImportAction.UNCHANGED)
        self.counts.setText(
            self.tr(
                "Orders to add: {added} · to update: {updated} · unchanged: {unchanged} · order lines: {lines} "
                "(from {rows} rows). Nothing has been saved yet."
            ).format(
                rows=format_count(plan.rows_read),
                added=format_count(plan.orders_added),
                updated=format_count(plan.orders_updated),
                unchanged=format_count(unchanged),
                lines=format_count(plan.lines),
            )
        )
        unmatched_lines = sum(order.unmatched_lines for order in plan.orders if order.action is not ImportAction.SKIP)
        self.unmatched.setText(
            self.tr(
                "%n line(s) match no SKU in your catalogue. They are imported without taking stock and wait "
                "under “Needs review” until you map them; each mapping is remembered.",
                "",
                unmatched_lines,
            )
        )
        self.unmatched.setVisible(unmatched_lines > 0)
        self.empty.show_problem(
            self.tr("The file adds or changes no order.") if plan.orders_added + plan.orders_updated == 0 else None
        )
        self.model.set_orders(plan.orders)
        self.problems.set_problems(plan.problems)
        skipped = len({problem.row for problem in plan.problems})
        self.problems_label.setText(
            self.tr("%n row(s) cannot be imported and will be skipped:", "", skipped) if skipped else ""
        )
        self.skip_problems.setText(self.tr("Skip the %n row(s) above and import the rest", "", skipped))
        self.skip_problems.setChecked(False)
        self.problems_box.setVisible(bool(plan.problems))


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unmatched = QLabel(self)
        self.unmatched.setWordWrap(True)
        self.unmatched.setStyleSheet(f"color: {REVIEW_COLOR.name()};")
        self.map_button = QPushButton(self.tr("Map them now…"), self)
        self.skipped_label = QLabel(self.tr("Skipped rows and why:"), self)
        self.skipped = ProblemList(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Import finished"), self))
        layout.addWidget(self.text)
        layout.addWidget(self.unmatched)
        layout.addWidget(self.map_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped, 3)
        layout.addStretch(1)  # keeps the text at the top when there is no skipped row to list

    def show_result(self, result: OrderImportResult, unmatched_lines: int) -> None:
        self.text.setText(
            self.tr(
                "Orders added: {added} · updated: {updated} · order lines: {lines} · stock moves: {moves} · rows "
                "skipped: {skipped}."
            ).format(
                added=format_count(result.orders_added),
                updated=format_count(result.orders_updated),
                lines=format_count(result.lines),
                moves=format_count(result.stock_moves),
                skipped=format_count(len({problem.row for problem in result.skipped})),
            )
        )
        self.unmatched.setText(
            self.tr(
                "%n line(s) match no SKU in your catalogue yet: map each once and its stock is taken.",
                "",
                unmatched_lines,
            )
        )
        for widget in (self.unmatched, self.map_button):
            widget.setVisible(unmatched_lines > 0)
        self.skipped.set_problems(result.skipped)
        self.skipped_label.setVisible(bool(result.skipped))
        self.skipped.setVisible(bool(result.skipped))
