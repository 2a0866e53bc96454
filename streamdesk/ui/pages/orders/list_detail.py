"""What the Customers and After-sales tabs share: a sortable list with its count and empty state on the left, the
selected row's detail on the right, privacy mode for both, and the one edit dialog open at a time.

Each tab keeps its own reading, selection and actions; this holds only the plumbing that was the same in both.
No text is translated here, so every string keeps the context of the tab that shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QSplitter, QVBoxLayout, QWidget

from streamdesk.ui.widgets.column_widths import widen_to_titles
from streamdesk.ui.widgets.paged_table import PagedTableView

if TYPE_CHECKING:
    from streamdesk.ui.privacy import Privacy
    from streamdesk.ui.widgets.message_bar import MessageBar
    from streamdesk.ui.widgets.search_box import SearchBox

ColumnT = TypeVar("ColumnT", bound=int)  # a tab's column enum


class ShowsPrivateData(Protocol):
    """A list model or detail panel that shows names through ``privacy`` and repaints on ``refresh_display``."""

    privacy: Privacy | None

    def refresh_display(self) -> None: ...


def make_list_table(parent: QWidget, model: QAbstractItemModel, widths: Mapping[ColumnT, int]) -> PagedTableView:
    """One row selected at a time, newest first as the service lists them until a header is clicked."""
    table = PagedTableView(parent, row_height=28)
    table.setSelectionMode(PagedTableView.SelectionMode.SingleSelection)
    table.setModel(model)
    for column, width in widths.items():
        table.setColumnWidth(int(column), width)
    table.horizontalHeader().setStretchLastSection(True)
    widen_to_titles(table)
    # -1: no column sorted yet (the service's order stands until the user asks for another)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
    table.setSortingEnabled(True)
    return table


class ListDetailView(QWidget):
    """Base of the two tabs. A subclass makes ``messages``, ``search``, ``model``, ``table``, ``list_stack``,
    ``count_label`` and ``detail``, then lays them out with ``_lay_out``."""

    messages: MessageBar
    search: SearchBox
    model: ShowsPrivateData
    detail: ShowsPrivateData
    table: PagedTableView
    count_label: QLabel
    current_dialog: QDialog | None  # the open dialog (window-modal, not blocking): tests and the page reach it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._select_after_load: int | None = None
        self._has_loaded = False
        self._privacy: Privacy | None = None
        self.current_dialog = None

    def _lay_out(self, top: QLayout, list_widget: QWidget, detail: QWidget, sizes: tuple[int, int]) -> None:
        """The message bar, ``top`` (search and tools), then the list with its count beside ``detail``."""
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_widget, 1)
        left_layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes(list(sizes))
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def has_loaded(self) -> bool:
        return self._has_loaded

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_privacy(self, privacy: Privacy) -> None:
        """Show names (and on the Customers tab phones and addresses) through this switch, and again whenever it
        is toggled."""
        if self._privacy is not None:
            self._privacy.toggled.disconnect(self._on_privacy_toggled)
        self._privacy = privacy
        self.model.privacy = self.detail.privacy = privacy
        privacy.toggled.connect(self._on_privacy_toggled)
        self._on_privacy_toggled()

    def _on_privacy_toggled(self, *_enabled: bool) -> None:
        self.model.refresh_display()
        self.detail.refresh_display()

    def report_error(self, message: str) -> None:
        self.messages.show_error(message)

    def _forget(self, dialog: QDialog) -> None:
        if self.current_dialog is dialog:
            self.current_dialog = None
        dialog.deleteLater()
