"""The capture table: the segment's products in type sized to read from a couple of metres, one row chosen for the
next sale. As tall as its rows (up to six; more scroll), so the sale bar and the talking points stay in view."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from streamdesk.ui.pages.live.capture_model import CaptureColumn, CaptureProductsModel, CaptureRow
from streamdesk.ui.pages.live.segment_panel import sized_font

ROW_HEIGHT = 46
SHOWN_ROWS = 6


class CaptureTable(QTableView):
    def __init__(self, model: CaptureProductsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capture_model = model
        self.setModel(model)
        self.setFont(sized_font(self, 18))
        self.horizontalHeader().setFont(sized_font(self, 11))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(CaptureColumn.PRODUCT), QHeaderView.ResizeMode.Stretch)

    def selected_row(self) -> CaptureRow | None:
        """The product chosen for the next sale: the current row (it changes before the selection does)."""
        current = self.currentIndex()
        return self.capture_model.row(current.row()) if current.isValid() else None

    def step(self, step: int) -> None:
        """The previous (−1) or next (+1) product, stopping at the ends."""
        count = self.capture_model.rowCount()
        if count:
            self.selectRow(min(max(self.currentIndex().row() + step, 0), count - 1))

    def fit_rows(self) -> None:
        count = self.capture_model.rowCount()
        self.setVisible(count > 0)
        shown = min(max(count, 1), SHOWN_ROWS)
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + shown * ROW_HEIGHT + 2 * self.frameWidth())
