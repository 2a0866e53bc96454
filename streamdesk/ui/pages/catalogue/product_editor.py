"""The product editor: every product field and an editable SKU table, validated as you type.

Each problem the catalogue's ``validate`` finds is shown next to its field or cell (red frame and sentence);
OK stays disabled until there are none. The dialog writes nothing: the page turns ``product_input()`` into an
undoable command.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import FieldProblem, ProductDetail, ProductInput, normalise_tags
from streamdesk.ui.pages.catalogue.editor_fields import ProductFields
from streamdesk.ui.pages.catalogue.images_panel import ImagesPanel
from streamdesk.ui.pages.catalogue.variants_model import VariantColumn, VariantsModel
from streamdesk.ui.widgets.field_problem import ProblemLabel
from streamdesk.ui.widgets.form_dialog import ValidatedDialog
from streamdesk.ui.widgets.money_delegate import MoneyDelegate, ProblemDelegate

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue


class ProductEditor(ValidatedDialog):
    """Create (``detail`` None) or edit one product."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        currency: str,
        detail: ProductDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, show_problems=detail is not None)
        self._catalogue = catalogue
        self._detail = detail
        self.setWindowTitle(self.tr("Edit product") if detail else self.tr("New product"))
        self.setMinimumSize(980, 640)
        self.resize(1180, 700)

        self.fields = ProductFields(
            categories=catalogue.categories(), suppliers=catalogue.supplier_names(), parent=self
        )
        self.variants = VariantsModel(
            currency,
            find_sku=self._find_sku,
            sku_of=lambda variant_id: catalogue.row_for_variant(variant_id).sku_code,
            parent=self,
        )
        self.variants_view = QTableView(self)
        self.images = ImagesPanel(catalogue, self)
        self._make_footer(self.tr("Save"))
        self.tabs = QTabWidget(self)
        self._build_layout()

        if detail is not None:
            self._load(detail)
        else:
            self.fields.set_currency(currency)
            self.variants.add_variant()

        self.fields.changed.connect(self._on_edited)
        self.fields.currency_changed.connect(self.variants.set_currency)
        self.variants.dataChanged.connect(self._on_edited)
        self.variants.rowsInserted.connect(self._on_edited)
        self.variants.rowsRemoved.connect(self._on_edited)
        self.images.images_changed.connect(self._on_edited)
        self.validate_now()

    def _load(self, detail: ProductDetail) -> None:
        self._detail = detail
        self.fields.load(detail.input)
        self.variants.load(detail.variants)
        self.images.set_images(detail.input.images)

    def reload(self) -> None:
        """Replace the form with the product as it is saved now (after someone else's save: db.conflict)."""
        if self._detail is not None:
            self._load(self._catalogue.get_product(self._detail.id))

    # --- layout ------------------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        basics = QWidget(self)
        basics_layout = QVBoxLayout(basics)
        basics_layout.addLayout(self.fields.basics_layout())
        sku_header = QHBoxLayout()
        sku_title = QLabel(self.tr("SKUs (one row per spec)"), basics)
        font = sku_title.font()
        font.setBold(True)
        sku_title.setFont(font)
        self.add_variant_button = QPushButton(self.tr("Add SKU"), basics)
        self.remove_variant_button = QPushButton(self.tr("Remove SKU"), basics)
        sku_header.addWidget(sku_title)
        sku_header.addStretch(1)
        sku_header.addWidget(self.add_variant_button)
        sku_header.addWidget(self.remove_variant_button)
        basics_layout.addLayout(sku_header)
        self._setup_variants_view()
        basics_layout.addWidget(self.variants_view, 1)
        self.variant_problems = ProblemLabel(basics)
        basics_layout.addWidget(self.variant_problems)
        self.add_variant_button.clicked.connect(self._add_variant)
        self.remove_variant_button.clicked.connect(self._remove_variant)

        self.tabs.addTab(basics, self.tr("Product and SKUs"))
        self.tabs.addTab(self.fields.selling_page(self), self.tr("Selling points and FAQ"))
        self.tabs.addTab(self.fields.supply_page(self), self.tr("Supplier and shipping"))
        self.tabs.addTab(self.images, self.tr("Images"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self._add_footer(layout)

    def _setup_variants_view(self) -> None:
        view = self.variants_view
        view.setModel(self.variants)
        view.setItemDelegate(ProblemDelegate(view))
        money = MoneyDelegate(view)
        for column in (VariantColumn.COST, VariantColumn.LIST_PRICE, VariantColumn.LIVE_PRICE):
            view.setItemDelegateForColumn(int(column), money)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        view.verticalHeader().setDefaultSectionSize(28)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {
            VariantColumn.SPEC: 120,
            VariantColumn.SKU: 120,
            VariantColumn.BARCODE: 110,
            VariantColumn.COMPONENTS: 160,
        }
        for column in VariantColumn:
            # at least as wide as the header text, which is much longer in some languages than the numbers below it
            width = max(widths.get(column, 72), header.sectionSizeHint(int(column)) + 8)
            view.setColumnWidth(int(column), width)
        header.setStretchLastSection(True)

    # --- actions -----------------------------------------------------------------------------------------------
    def _add_variant(self) -> None:
        row = self.variants.add_variant()
        self.variants_view.setCurrentIndex(self.variants.index(row, int(VariantColumn.SPEC)))
        self.variants_view.setFocus()

    def _remove_variant(self) -> None:
        index = self.variants_view.currentIndex()
        if index.isValid():
            self.variants.remove_variant(index.row())

    def _find_sku(self, sku_code: str) -> int | None:
        row = self._catalogue.find_by_sku(sku_code)
        return row.variant_id if row is not None else None

    # --- validation --------------------------------------------------------------------------------------------
    @property
    def product_id(self) -> int | None:
        return self._detail.id if self._detail else None

    @property
    def detail(self) -> ProductDetail | None:
        return self._detail

    def product_input(self) -> ProductInput:
        """What the form says now, as the service takes it (unparseable numbers left as None)."""
        return self._build()[0]

    def _build(self) -> tuple[ProductInput, tuple[FieldProblem, ...]]:
        variants, problems = self.variants.build()
        values = self.fields.values()
        product = ProductInput(
            title=values.title,
            variants=variants,
            currency=values.currency,
            alt_title=values.alt_title,
            brand=values.brand,
            category=values.category,
            tags=normalise_tags(values.tags),
            description=values.description,
            selling_points=values.selling_points,
            talking_points=values.talking_points,
            faq=values.faq,
            compliance_notes=values.compliance_notes,
            supplier_name=values.supplier_name,
            supplier_contact=values.supplier_contact,
            ship_from_region=values.ship_from_region,
            ship_cycle_days=values.ship_cycle_days,
            restock_lead_days=values.restock_lead_days,
            role=values.role,
            images=self.images.images(),
        )
        return product, problems

    def _check(self) -> tuple[tuple[FieldProblem, ...], Iterable[FieldProblem]]:
        product, local = self._build()
        return local, self._catalogue.validate(product, self.product_id)

    def _incomplete_hint(self) -> str:
        return self.tr("Fill in at least the title and one SKU code, then save.")

    def _fix_hint(self) -> str:
        return self.tr("Fix the fields marked in red to save.")

    def _place_problems(self, found: dict[str, str]) -> None:
        placed = self.fields.show_problems(found)
        variant_problems = {field: text for field, text in found.items() if field.startswith("variants.")}
        self.variants.set_problems(variant_problems)
        placed |= {field for field in variant_problems if self.variants.cell_for_field(field) is not None}
        self.variant_problems.show_problem("\n".join(self.variants.problem_lines()) or None)
        image_problems = [text for field, text in found.items() if field.startswith("images")]
        if image_problems:
            self.images.problem_label.show_problem("\n".join(image_problems))
            placed |= {field for field in found if field.startswith("images")}
        general = [text for field, text in found.items() if field not in placed]
        self.general_problems.show_problem("\n".join(general) or None)
        for tab in range(self.tabs.count()):
            has_problem = self._tab_has_problem(tab, found)
            self.tabs.tabBar().setTabTextColor(
                tab, Qt.GlobalColor.red if has_problem else self.palette().windowText().color()
            )

    def _tab_has_problem(self, tab: int, found: dict[str, str]) -> bool:
        if tab == 0:
            return any(self.fields.page_of(field) == 0 or field.startswith("variants") for field in found)
        if tab == 3:
            return any(field.startswith("images") for field in found)
        return any(self.fields.page_of(field) == tab for field in found)
