"""The Booking links tab: the show's links per channel, the QR code of the selected one, the tracking parameter,
and the platform rules the plan breaks, each said as a sentence with what to do about it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.warmup_types import RuleWarning, WarmupPlan
from streamdesk.ui.actions import make_action
from streamdesk.ui.pages.warmup.links_model import LinkColumn, LinksModel
from streamdesk.ui.widgets.paged_table import PagedTableView, TableWithEmptyState

RuleText = Callable[[RuleWarning], str]
AREA_KEYS = Qt.ShortcutContext.WidgetWithChildrenShortcut
TABLE_KEYS = Qt.ShortcutContext.WidgetShortcut
REMAKE_CODES = ("channels_start_moved", "start_moved")  # the seller fixes these by re-creating the booking
EDIT_CODES = ("link_expired",)
_WARNINGS_STYLE = "QFrame#warmupWarnings { background: #fff4d6; border: 1px solid #f0c36d; border-radius: 4px; }"
_COLUMN_WIDTHS = {
    LinkColumn.CHANNEL: 170,
    LinkColumn.PLATFORM: 110,
    LinkColumn.URL: 300,
    LinkColumn.TRACKING: 150,
    LinkColumn.BOOKINGS: 90,
}


class RuleWarnings(QFrame):
    """One line per broken rule, with a button for the fix where there is one."""

    remake_requested = Signal(int)  # link id
    edit_requested = Signal(int)  # link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warmupWarnings")
        self.setStyleSheet(_WARNINGS_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(2)
        self._sentences: list[str] = []
        self.hide()

    def sentences(self) -> list[str]:
        return list(self._sentences)

    def set_warnings(self, warnings: tuple[tuple[RuleWarning, str], ...]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._sentences = [sentence for _warning, sentence in warnings]
        for warning, sentence in warnings:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel("⚠ " + sentence, row)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            line.addWidget(label, 1)
            if warning.link_id is not None and warning.code in REMAKE_CODES:
                button = QPushButton(self.tr("Re-made the booking…"), row)
                button.setToolTip(self.tr("You revoked the booking and created it again for the new time"))
                button.clicked.connect(lambda _c=False, link=warning.link_id: self.remake_requested.emit(link))
                line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            elif warning.link_id is not None and warning.code in EDIT_CODES:
                button = QPushButton(self.tr("Edit link…"), row)
                button.clicked.connect(lambda _c=False, link=warning.link_id: self.edit_requested.emit(link))
                line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._layout.addWidget(row)
        self.setVisible(bool(warnings))


class LinksView(QWidget):
    """Widgets and actions only: the page (flows in links_flows.py) does the editing."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LinksModel(self)
        self.table = PagedTableView(self, row_height=30)
        self.table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            PagedTableView.EditTrigger.DoubleClicked
            | PagedTableView.EditTrigger.EditKeyPressed
            | PagedTableView.EditTrigger.AnyKeyPressed
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(int(column), width)
        header.setSectionResizeMode(int(LinkColumn.URL), header.ResizeMode.Stretch)
        self.stack = TableWithEmptyState(self.table, self)
        self.warnings = RuleWarnings(self)
        self.warnings_area = QScrollArea(self)  # many warnings scroll instead of pushing the table off the page
        self.warnings_area.setWidget(self.warnings)
        self.warnings_area.setWidgetResizable(True)
        self.warnings_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.warnings_area.setMaximumHeight(140)
        self.warnings_area.hide()
        self.tracking = QLineEdit(self)
        self.tracking.setMaxLength(32)
        self.tracking.setPlaceholderText(self.tr("off"))
        self.tracking.setClearButtonEnabled(True)
        self.tracking.setFixedWidth(160)
        self.tracking.setToolTip(
            self.tr(
                "A parameter added to every link with the channel's value, e.g. utm_source. Leave empty when the "
                "platform rejects links with extra parameters."
            )
        )
        self.total = QLabel(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._make_actions()
        self.qr_box = QWidget(self)
        self.qr_title = QLabel(self.qr_box)
        self.qr_title.setWordWrap(True)
        font = self.qr_title.font()
        font.setBold(True)
        self.qr_title.setFont(font)
        self.qr_hint = QLabel(self.qr_box)
        self.qr_hint.setWordWrap(True)
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.qr_preview: QWidget | None = None
        self._build()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.table.doubleClicked.connect(self._on_double_clicked)

    def _make_actions(self) -> None:
        self.add = make_action(self, self.tr("Add link…"), "Ctrl+N", self.tr("Add a booking link"), context=AREA_KEYS)
        self.edit = make_action(
            self.table, self.tr("Edit…"), ("Return", "Enter"), self.tr("Edit the selected link"), context=TABLE_KEYS
        )
        self.delete = make_action(
            self.table, self.tr("Delete"), "Delete", self.tr("Delete the selected link (undoable)"), context=TABLE_KEYS
        )
        self.move_up = make_action(
            self.table, self.tr("Move up"), "Ctrl+Up", self.tr("Move the selected link up"), context=TABLE_KEYS
        )
        self.move_down = make_action(
            self.table, self.tr("Move down"), "Ctrl+Down", self.tr("Move the selected link down"), context=TABLE_KEYS
        )
        self.copy = make_action(
            self.table,
            self.tr("Copy link"),
            "Ctrl+C",
            self.tr("Copy the link the QR code opens, with its tracking value"),
            context=TABLE_KEYS,
        )
        self.remake = make_action(
            self.table,
            self.tr("Re-made the booking…"),
            "Ctrl+R",
            self.tr("You re-created the booking on the platform for the show's current time"),
            context=TABLE_KEYS,
        )
        self.import_counts = make_action(
            self,
            self.tr("Import counts…"),
            "Ctrl+I",
            self.tr("Read booking counts per channel from a CSV or Excel file, with a preview"),
            context=AREA_KEYS,
        )

    def _build(self) -> None:
        self.toolbar.addAction(self.add)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.edit, self.delete, self.move_up, self.move_down])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.copy, self.remake, self.import_counts])
        tracking_label = QLabel(self.tr("Tracking parameter:"), self)
        tracking_label.setBuddy(self.tracking)
        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(tracking_label)
        top.addWidget(self.tracking)
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(8, 0, 0, 0)
        qr_layout.addWidget(self.qr_title)
        qr_layout.addWidget(self.qr_hint, 1)
        self.qr_box.setMinimumWidth(360)  # the QR options form: "Error correction" and its level names
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.qr_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.warnings_area)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.total)

    # --- state --------------------------------------------------------------------------------------------------
    def set_plan(self, plan: WarmupPlan, rules: RuleText, keep: int | None) -> None:
        """Show the plan's links (``keep``: the link id to select, else the one selected before, else the first)."""
        if keep is None and (selected := self.selected_link()) is not None:
            keep = selected
        by_link: dict[int, list[str]] = {}
        shown = []
        for warning in plan.warnings:
            sentence = rules(warning)
            shown.append((warning, sentence))
            if warning.link_id is not None:
                by_link.setdefault(warning.link_id, []).append(sentence)
        self.model.set_links(plan.links, plan.tracking_param, by_link)
        self.warnings.set_warnings(tuple(shown))
        self.warnings_area.setVisible(bool(shown))
        if not self.tracking.hasFocus():
            self.tracking.setText(plan.tracking_param)
        if plan.total_bookings is None:
            self.total.setText(self.tr("Bookings: none entered yet. Enter them per channel after the show."))
        else:
            self.total.setText(self.tr("Bookings across channels: {total}").format(total=f"{plan.total_bookings:,}"))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
        if self.model.rowCount():
            self.stack.show_table()
        else:
            self.stack.show_empty(
                self.tr("No booking links yet"),
                self.tr(
                    "Add the booking link you created on 视频号/抖音 (直播预约) or your TikTok LIVE event, once for "
                    "every channel you spread it in: 公众号, 朋友圈, customer groups, posters… Each channel gets its "
                    "own QR code to save or print."
                ),
                (self.add,),
            )
        self.update_actions()
        self.selection_changed.emit()

    def selected_link(self) -> int | None:
        rows = self.table.selected_rows()
        link = self.model.link(rows[0]) if rows else None
        return link.id if link is not None else None

    def update_actions(self) -> None:
        rows = self.table.selected_rows()
        chosen = bool(rows)
        for action in (self.edit, self.delete, self.copy, self.remake):
            action.setEnabled(chosen)
        self.move_up.setEnabled(chosen and rows[0] > 0)
        self.move_down.setEnabled(chosen and rows[0] < self.model.rowCount() - 1)
        self.import_counts.setEnabled(self.model.rowCount() > 0)

    def _on_double_clicked(self, index: object) -> None:
        if getattr(index, "column", lambda: -1)() != LinkColumn.BOOKINGS:
            self.edit.trigger()
