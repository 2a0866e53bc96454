"""The side panel of the rundown editor: the current segment's products (live price, stock, margin), talking points,
flash-sale countdown and notes.

The panel never writes. It emits ``segment_edited`` with the segment as it should become (the editor turns that
into an undo command) and ``add_products_requested`` for the product picker. Text is committed when focus leaves
the field or with Ctrl+Enter, so one edit is one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.show_types import (
    FLASH_SALE_MAX_SECONDS,
    FLASH_SALE_MIN_SECONDS,
    SegmentInput,
    SegmentKind,
    SegmentProductRow,
    SegmentRow,
)
from streamdesk.ui.formatting import format_money, format_percent
from streamdesk.ui.pages.shows.segment_labels import kind_name
from streamdesk.ui.widgets.compliance_highlight import highlight_claims
from streamdesk.ui.widgets.compliance_line import ComplianceWarning
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


class ProductColumn(IntEnum):
    SKU = 0
    PRODUCT = 1
    PRICE = 2
    STOCK = 3
    MARGIN_PCT = 4


class LinkedProductsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._products: tuple[SegmentProductRow, ...] = ()

    def set_products(self, products: Sequence[SegmentProductRow]) -> None:
        self.beginResetModel()
        self._products = tuple(products)
        self.endResetModel()

    def product(self, row: int) -> SegmentProductRow:
        return self._products[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(ProductColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(ProductColumn):
            return None
        return (self.tr("SKU"), self.tr("Product"), self.tr("Live price"), self.tr("Stock"), self.tr("Margin %"))[
            section
        ]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._products):
            return None
        product, column = self._products[index.row()], ProductColumn(index.column())
        if role == DISPLAY:
            title = product.product_title if not product.spec_label else f"{product.product_title} {product.spec_label}"
            return {
                ProductColumn.SKU: product.sku_code,
                ProductColumn.PRODUCT: title,
                ProductColumn.PRICE: format_money(product.price_minor, product.currency),
                ProductColumn.STOCK: str(product.available),
                ProductColumn.MARGIN_PCT: format_percent(product.margin_pct),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and (product.available <= 0 or product.archived):
            return QBrush(PROBLEM_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if product.archived:
                return self.tr("Archived in the catalogue: it can no longer be sold")
            if product.available <= 0:
                return self.tr("Out of stock")
            if column == ProductColumn.PRICE:
                return self.tr("Margin {margin} per unit").format(
                    margin=format_money(product.margin_minor, product.currency) or "–"
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ProductColumn.PRICE, ProductColumn.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _CommitOnLeave(QObject):
    """Calls ``commit`` when the watched field loses focus, so typing then tabbing away saves (one undo step)."""

    def __init__(self, field: QWidget, commit: object) -> None:
        super().__init__(field)
        self._commit = commit
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and callable(self._commit):
            self._commit()
        return False


class SegmentDetailsPanel(QWidget):
    segment_edited = Signal(int, object, str)  # row, the SegmentInput it should become, the undo step's text
    add_products_requested = Signal()
    back_to_table = Signal()  # Escape in the panel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: int | None = None
        self._segment: SegmentRow | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.products_model = LinkedProductsModel(self)
        self.products = QTableView(self)
        self.products.setModel(self.products_model)
        self.products.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.products.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.products.verticalHeader().setVisible(False)
        header = self.products.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a handful of rows: cheap
        header.setSectionResizeMode(int(ProductColumn.PRODUCT), QHeaderView.ResizeMode.Stretch)
        # the stretched title column is never squeezed below its title (the panel is narrow): the table scrolls instead
        header.setMinimumSectionSize(header.sectionSizeHint(int(ProductColumn.PRODUCT)))
        self.products.setMaximumHeight(150)
        self.add_button = QPushButton(self.tr("Add products…"), self)
        self.add_button.setToolTip(self.tr("Search the catalogue and link SKUs to this segment (Ctrl+Shift+P)"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Unlink the selected products from this segment (Delete)"))
        self.talking_points = QPlainTextEdit(self)
        self.talking_points.setPlaceholderText(
            self.tr("What the host says in this segment. Adding products fills this in from their crib sheets.")
        )
        self.talking_points.setTabChangesFocus(True)
        self.flash_sale = QSpinBox(self)
        self.flash_sale.setRange(FLASH_SALE_MIN_SECONDS - 1, FLASH_SALE_MAX_SECONDS)
        self.flash_sale.setSpecialValueText(self.tr("Off"))  # shown at the minimum, one below the shortest countdown
        self.flash_sale.setSuffix(self.tr(" s"))
        self.flash_sale.setToolTip(self.tr("Length of the flash-sale countdown the live page can start, 10–300 s"))
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Notes for the team (not read out)"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        # Risky claims underlined in what the host says and in the notes (a script often sits there); the
        # promotion cue is edited in the table, so its warning line is here, where the seller reads the segment.
        self.claim_highlighters = (highlight_claims(self.talking_points), highlight_claims(self.notes))
        self.cue_warning = ComplianceWarning(heading=self.tr("Promotion cue:"), parent=self)
        self._build_layout()
        _CommitOnLeave(self.talking_points, self.commit_talking_points)
        _CommitOnLeave(self.notes, self.commit_notes)
        self.flash_sale.editingFinished.connect(self.commit_flash_sale)
        self.add_button.clicked.connect(self.add_products_requested)
        self.remove_button.clicked.connect(self.remove_selected_products)
        self.products.selectionModel().selectionChanged.connect(self._update_buttons)
        self._add_key(self.talking_points, "Ctrl+Return", self.commit_talking_points)
        self._add_key(self.notes, "Ctrl+Return", self.commit_notes)
        self._add_key(self.products, "Delete", self.remove_selected_products)
        self._add_key(self, "Escape", self._leave)
        self.set_segment(None, None)

    def _build_layout(self) -> None:
        product_buttons = QHBoxLayout()
        product_buttons.addWidget(self.add_button)
        product_buttons.addWidget(self.remove_button)
        product_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Flash-sale countdown"), self.flash_sale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(QLabel(self.tr("Products"), self))
        layout.addWidget(self.products)
        layout.addLayout(product_buttons)
        layout.addWidget(QLabel(self.tr("Talking points"), self))
        layout.addWidget(self.talking_points, 1)
        layout.addWidget(self.cue_warning)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Notes"), self))
        layout.addWidget(self.notes)

    def _add_key(self, owner: QWidget, key: str, slot: object) -> None:
        action = QAction(owner)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut if owner is self else Qt.ShortcutContext.WidgetShortcut
        )
        action.triggered.connect(slot)
        owner.addAction(action)

    # --- contents ----------------------------------------------------------------------------------------------
    def set_segment(self, row: int | None, segment: SegmentRow | None) -> None:
        """Show a segment (None: nothing selected). Call commit_pending first when the segment changes."""
        self._row, self._segment = row, segment
        enabled = segment is not None
        for widget in (self.products, self.add_button, self.talking_points, self.flash_sale, self.notes):
            widget.setEnabled(enabled)
        if segment is None or row is None:
            self.heading.setText(self.tr("Select a segment to see its products and talking points."))
            self.products_model.set_products(())
            self.talking_points.setPlainText("")
            self.notes.setPlainText("")
            self.cue_warning.check_text("")
            self.flash_sale.setValue(self.flash_sale.minimum())
        else:
            self.heading.setText(
                self.tr("{number}. {kind}: {title}").format(
                    number=row + 1, kind=kind_name(segment.kind), title=segment.title
                )
            )
            self.products_model.set_products(segment.products)
            self._set_text(self.talking_points, segment.talking_points)
            self._set_text(self.notes, segment.notes)
            self.cue_warning.check_text(segment.promotion_cue)
            self.flash_sale.blockSignals(True)
            self.flash_sale.setValue(segment.flash_sale_seconds or self.flash_sale.minimum())
            self.flash_sale.blockSignals(False)
            self.flash_sale.setEnabled(segment.kind == SegmentKind.FLASH_SALE or segment.flash_sale_seconds is not None)
        self._update_buttons()

    @staticmethod
    def _set_text(field: QPlainTextEdit, text: str) -> None:
        if field.toPlainText() != text:  # keeps the cursor when a refresh brings back the same text
            field.setPlainText(text)

    def focus_talking_points(self) -> None:
        self.talking_points.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- commits -----------------------------------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Save text typed but not yet committed (the field normally commits when it loses focus)."""
        self.commit_talking_points()
        self.commit_notes()

    def commit_talking_points(self) -> None:
        if self._segment is None or self._row is None:
            return
        text = self.talking_points.toPlainText()
        if text != self._segment.talking_points:
            self._emit(replace(self._segment.to_input(), talking_points=text), self.tr("Edit talking points"))

    def commit_notes(self) -> None:
        if self._segment is None or self._row is None:
            return
        text = self.notes.toPlainText()
        if text != self._segment.notes:
            self._emit(replace(self._segment.to_input(), notes=text), self.tr("Edit notes"))

    def commit_flash_sale(self) -> None:
        if self._segment is None or self._row is None:
            return
        value = self.flash_sale.value()
        seconds = None if value == self.flash_sale.minimum() else value
        if seconds != self._segment.flash_sale_seconds:
            self._emit(
                replace(self._segment.to_input(), flash_sale_seconds=seconds), self.tr("Set the flash-sale countdown")
            )

    def remove_selected_products(self) -> None:
        if self._segment is None or self._row is None:
            return
        rows = {index.row() for index in self.products.selectionModel().selectedRows()}
        if not rows:
            return
        kept = tuple(p.variant_id for n, p in enumerate(self._segment.products) if n not in rows)
        text = self.tr("Remove %n product(s)", "", len(rows))
        self._emit(replace(self._segment.to_input(), variant_ids=kept), text)

    def _emit(self, after: SegmentInput, text: str) -> None:
        assert self._row is not None
        self.segment_edited.emit(self._row, after, text)

    def _leave(self) -> None:
        self.commit_pending()
        self.back_to_table.emit()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self._segment is not None and self.products.selectionModel().hasSelection())
