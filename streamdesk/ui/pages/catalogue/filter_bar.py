"""Search and filters above the catalogue table; emits the CatalogueFilter the table should show."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QWidget

from streamdesk.core.catalogue_types import ArchivedFilter, CatalogueFilter, ShowRole
from streamdesk.ui.pages.catalogue.labels import role_name
from streamdesk.ui.widgets.combo_width import fit_combo_to
from streamdesk.ui.widgets.search_box import SearchBox


class FilterBar(QWidget):
    filter_changed = Signal(object)  # CatalogueFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox(self)
        self.search.setPlaceholderText(self.tr("Search title, SKU, barcode or tag (Ctrl+F)"))
        self.search.setMinimumWidth(260)
        self.category = QComboBox(self)
        self.category.setMinimumContentsLength(10)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.addItem(self.tr("All categories"), None)
        fit_combo_to(self.category)  # "All categories" whole in a longer language too
        self.category.setAccessibleName(self.tr("Category"))
        self.role = QComboBox(self)
        self.role.addItem(self.tr("All roles"), None)
        for role in ShowRole:
            self.role.addItem(role_name(role), role)
        self.role.setAccessibleName(self.tr("Product role"))
        self.low_stock = QCheckBox(self.tr("Low stock only"), self)
        self.archived = QComboBox(self)
        self.archived.addItem(self.tr("Active products"), ArchivedFilter.ACTIVE)
        self.archived.addItem(self.tr("Archived products"), ArchivedFilter.ARCHIVED)
        self.archived.addItem(self.tr("Active and archived"), ArchivedFilter.ALL)
        self.archived.setAccessibleName(self.tr("Product status"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.category, 1)
        layout.addWidget(self.role)
        layout.addWidget(self.low_stock)
        layout.addWidget(self.archived)
        self.search.search_changed.connect(self._emit)
        self.category.currentIndexChanged.connect(self._emit)
        self.role.currentIndexChanged.connect(self._emit)
        self.low_stock.toggled.connect(self._emit)
        self.archived.currentIndexChanged.connect(self._emit)
        self._quiet = False

    def current_filter(self) -> CatalogueFilter:
        return CatalogueFilter(
            text=self.search.search_text(),
            category=self.category.currentData(),
            role=self.role.currentData(),
            low_stock_only=self.low_stock.isChecked(),
            archived=ArchivedFilter(self.archived.currentData()),
        )

    def has_filters(self) -> bool:
        """True when anything besides the search text narrows the table."""
        query = self.current_filter()
        return bool(query.category or query.role or query.low_stock_only or query.archived != ArchivedFilter.ACTIVE)

    def set_categories(self, categories: tuple[str, ...]) -> None:
        """Refill the category list, keeping the chosen one (still listed while it is the filter)."""
        chosen = self.category.currentData()
        names = list(categories)
        if chosen and chosen not in names:
            names.append(chosen)
        self._quiet = True
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for name in sorted(names):
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)) if chosen else 0)
        self._quiet = False

    def set_archived(self, archived: ArchivedFilter) -> None:
        self.archived.setCurrentIndex(self.archived.findData(archived))

    def clear_filters(self) -> None:
        self._quiet = True
        self.category.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.low_stock.setChecked(False)
        self.archived.setCurrentIndex(0)
        self._quiet = False
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())
