"""Tables of live capture: the current segment's products with the show's counters (number key, live price, sold in
this show, stock left, buyers waiting), and one product's waitlist in first-come order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from streamdesk.core.order_types import SoldCounter, WaitlistRow, WaitlistStatus
from streamdesk.core.show_types import SegmentProductRow
from streamdesk.ui.formatting import format_local_datetime, format_money

DISPLAY = Qt.ItemDataRole.DisplayRole
ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
LOW_STOCK = 5  # as on the segment panel: a handful left is worth a warning on air
KEYED_PRODUCTS = 9  # keys 1–9 choose a product
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
SOLD_OUT_COLOUR = QColor("#c62828")
LOW_COLOUR = QColor("#e65100")
SOLD_COLOUR = QColor("#1b5e20")
WAITING_COLOUR = QColor("#6a1b9a")


class CaptureColumn(IntEnum):
    KEY = 0
    PRODUCT = 1
    PRICE = 2
    SOLD = 3
    LEFT = 4
    WAITING = 5


@dataclass(frozen=True, slots=True)
class CaptureRow:
    product: SegmentProductRow
    sold: int
    available: int
    waiting: int

    @property
    def title(self) -> str:
        p = self.product
        return f"{p.product_title} · {p.spec_label}" if p.spec_label else p.product_title


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class CaptureProductsModel(QAbstractTableModel):
    """The segment's products; counters arrive separately (``set_counters``) and only repaint their cells."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: tuple[CaptureRow, ...] = ()

    def set_products(self, products: Sequence[SegmentProductRow]) -> None:
        """The segment's products; counters of a product already shown are kept until new ones arrive."""
        known = {row.product.variant_id: row for row in self._rows}
        rows = tuple(
            CaptureRow(p, known[p.variant_id].sold, p.available, known[p.variant_id].waiting)
            if p.variant_id in known
            else CaptureRow(p, 0, p.available, 0)
            for p in products
        )
        if [r.product.variant_id for r in rows] == [r.product.variant_id for r in self._rows]:
            self._rows = rows
            self._repaint()
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_counters(self, counters: Mapping[int, SoldCounter] | Sequence[SoldCounter]) -> None:
        by_variant = counters if isinstance(counters, Mapping) else {c.variant_id: c for c in counters}
        rows = []
        for row in self._rows:
            counter = by_variant.get(row.product.variant_id)
            rows.append(
                row if counter is None else CaptureRow(row.product, counter.sold, counter.available, counter.waiting)
            )
        self._rows = tuple(rows)
        self._repaint()

    def record_sale(self, variant_id: int, quantity: int, available_after: int) -> None:
        """Show a sale at once (the counters read back afterwards confirm it)."""
        self._rows = tuple(
            CaptureRow(r.product, r.sold + quantity, available_after, r.waiting)
            if r.product.variant_id == variant_id
            else r
            for r in self._rows
        )
        self._repaint()

    def _repaint(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(CaptureColumn) - 1))

    def row(self, number: int) -> CaptureRow:
        return self._rows[number]

    def rows(self) -> tuple[CaptureRow, ...]:
        return self._rows

    def variant_ids(self) -> tuple[int, ...]:
        return tuple(r.product.variant_id for r in self._rows)

    def row_of(self, variant_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.product.variant_id == variant_id), None)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(CaptureColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(CaptureColumn):
            return None
        if role == DISPLAY:
            return (
                self.tr("Key"),
                self.tr("Product"),
                self.tr("Price"),
                self.tr("Sold"),
                self.tr("Left"),
                self.tr("Waiting"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("Press this number to sell the product"),
                "",
                self.tr("Live price (list price when there is none)"),
                self.tr("Units sold in this show"),
                self.tr("Stock still available"),
                self.tr("Buyers on the waitlist"),
            )[section]
        return None

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        number = index.row()
        r = self._rows[number]
        column = CaptureColumn(index.column())
        if role == DISPLAY:
            return self._text(number, r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not CaptureColumn.PRODUCT:
            return CENTRE if column is CaptureColumn.KEY else RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(r, column)
        if role == Qt.ItemDataRole.FontRole and column is not CaptureColumn.PRODUCT:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and r.product.archived:
            return self.tr("This SKU is archived: it is no longer sold.")
        return None

    def _text(self, number: int, r: CaptureRow, column: CaptureColumn) -> str:
        if column is CaptureColumn.KEY:
            return str(number + 1) if number < KEYED_PRODUCTS else ""
        if column is CaptureColumn.PRODUCT:
            return r.title
        if column is CaptureColumn.PRICE:
            return format_money(r.product.price_minor, r.product.currency)
        if column is CaptureColumn.SOLD:
            return str(r.sold)
        if column is CaptureColumn.LEFT:
            return self.tr("Sold out") if r.available <= 0 else str(r.available)
        return str(r.waiting) if r.waiting else ""

    @staticmethod
    def _colour(r: CaptureRow, column: CaptureColumn) -> QBrush | None:
        if column is CaptureColumn.LEFT:
            if r.available <= 0:
                return QBrush(SOLD_OUT_COLOUR)
            if r.available <= LOW_STOCK:
                return QBrush(LOW_COLOUR)
        if column is CaptureColumn.SOLD and r.sold:
            return QBrush(SOLD_COLOUR)
        if column is CaptureColumn.WAITING and r.waiting:
            return QBrush(WAITING_COLOUR)
        return None


class WaitlistColumn(IntEnum):
    PLACE = 0
    BUYER = 1
    QUANTITY = 2
    STATUS = 3
    ADDED = 4


class WaitlistModel(QAbstractTableModel):
    """A product's waitlist, first come first served: the place counts only the buyers still waiting."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: tuple[WaitlistRow, ...] = ()
        self._places: dict[int, int] = {}

    def set_rows(self, rows: Sequence[WaitlistRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        waiting = [r.id for r in self._rows if r.status is WaitlistStatus.WAITING]
        self._places = {entry_id: place for place, entry_id in enumerate(waiting, start=1)}
        self.endResetModel()

    def row(self, number: int) -> WaitlistRow:
        return self._rows[number]

    def rows(self) -> tuple[WaitlistRow, ...]:
        return self._rows

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(WaitlistColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(WaitlistColumn):
            return None
        return (self.tr("Place"), self.tr("Buyer"), self.tr("Qty"), self.tr("Status"), self.tr("Added"))[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        r = self._rows[index.row()]
        column = WaitlistColumn(index.column())
        if role == DISPLAY:
            if column is WaitlistColumn.PLACE:
                place = self._places.get(r.id)
                return str(place) if place is not None else ""
            if column is WaitlistColumn.BUYER:
                return r.nickname
            if column is WaitlistColumn.QUANTITY:
                return str(r.quantity)
            if column is WaitlistColumn.STATUS:
                return self.status_text(r.status)
            return format_local_datetime(r.created_at, with_seconds=True)
        if role == Qt.ItemDataRole.ForegroundRole and r.status is not WaitlistStatus.WAITING:
            return QBrush(QColor("#757575"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (WaitlistColumn.PLACE, WaitlistColumn.QUANTITY):
            return RIGHT
        return None

    def status_text(self, status: WaitlistStatus) -> str:
        if status is WaitlistStatus.FULFILLED:
            return self.tr("Fulfilled")
        if status is WaitlistStatus.CANCELLED:
            return self.tr("Cancelled")
        return self.tr("Waiting")
