"""Beside the timer: what the current segment sells and says — its kind, promotion cue, products with live price and
remaining stock, and talking points — in type sized for reading from a couple of metres."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.show_types import RunSegment, SegmentRow
from streamdesk.ui.pages.live.products_model import ProductColumn, SegmentProductsModel
from streamdesk.ui.pages.shows.segment_labels import kind_name


def sized_font(widget: QWidget, points: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class SegmentPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setFont(sized_font(self, 13, bold=True))
        self.products_model = SegmentProductsModel(parent=self)
        self.products = QTableView(self)
        self.products.setModel(self.products_model)
        self.products.setFont(sized_font(self, 15))
        self.products.verticalHeader().setVisible(False)
        self.products.verticalHeader().setDefaultSectionSize(38)
        self.products.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.products.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.products.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.products.setWordWrap(False)
        self.products.setAlternatingRowColors(True)
        header = self.products.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(ProductColumn.PRODUCT), QHeaderView.ResizeMode.Stretch)
        self.products.setColumnHidden(int(ProductColumn.SKU), True)  # read from afar: name, price, stock
        self.products.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.no_products = QLabel(self.tr("No products in this segment."), self)
        self.no_products.setStyleSheet("color: #616161;")
        self.promotion_cue = QLabel(self)
        self.promotion_cue.setWordWrap(True)
        self.promotion_cue.setFont(sized_font(self, 15, bold=True))
        self.promotion_cue.setStyleSheet(
            "background: #ffe0b2; color: #3e2723; border-left: 6px solid #ef6c00; padding: 6px;"
        )
        self.talking_points_heading = QLabel(self.tr("Talking points"), self)
        self.talking_points_heading.setFont(sized_font(self, 12, bold=True))
        self.talking_points = QTextBrowser(self)
        self.talking_points.setFont(sized_font(self, 14))
        self.talking_points.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.talking_points.setPlaceholderText(self.tr("No talking points for this segment."))
        self.capture: QWidget | None = None  # live capture's table replaces the products table (host_capture)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.promotion_cue)
        layout.addWidget(self.products)
        layout.addWidget(self.no_products)
        layout.addWidget(self.talking_points_heading)
        layout.addWidget(self.talking_points, 1)

    def show_segment(self, segment: RunSegment, row: SegmentRow | None) -> None:
        """``row`` is the segment as the rundown reads now (live figures); None when it was deleted since the start."""
        products = row.products if row is not None else ()
        kind = kind_name(segment.kind)
        self.heading.setText(
            self.tr("{kind} · %n product(s)", "", len(products)).format(kind=kind) if products else kind
        )
        self.products_model.set_rows(products)
        self.products.setVisible(bool(products) and self.capture is None)
        self._fit_products(len(products))
        self.no_products.setVisible(not products)
        cue = row.promotion_cue.strip() if row is not None else ""
        self.promotion_cue.setText(cue)
        self.promotion_cue.setVisible(bool(cue))
        self.talking_points.setPlainText(row.talking_points if row is not None else "")

    def host_capture(self, capture: QWidget) -> None:
        """Live capture in place of the read-only products table: its own table lists the same products with their
        price and stock, beside the show's sales."""
        self.capture = capture
        self._layout.insertWidget(self._layout.indexOf(self.products), capture)
        self.products.hide()

    def _fit_products(self, rows: int) -> None:
        """As tall as its rows (up to eight), so the talking points get the rest of the column."""
        shown = min(max(rows, 1), 8)
        height = self.products.horizontalHeader().sizeHint().height()
        height += shown * self.products.verticalHeader().defaultSectionSize() + 2 * self.products.frameWidth()
        self.products.setMaximumHeight(height)
