"""The product editor's plain fields, each wrapped so its validation problem shows right under it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from streamdesk.core.catalogue_types import ProductInput, ShowRole
from streamdesk.ui.pages.catalogue.labels import role_name
from streamdesk.ui.widgets.compliance_highlight import ComplianceHighlighter, highlight_claims
from streamdesk.ui.widgets.field_problem import FieldWithProblem
from streamdesk.ui.widgets.form_dialog import left_aligned, place_problems

CURRENCIES = ("CNY", "USD", "EUR", "GBP", "HKD", "TWD", "JPY", "KRW", "SGD", "MYR", "THB", "VND", "IDR", "BRL")
NOT_SET = -1  # the spin boxes' "not set" value (0 days is a real answer: same-day shipping)

BASICS = ("title", "alt_title", "brand", "category", "tags", "role", "currency")
SELLING = ("description", "selling_points", "talking_points", "faq", "compliance_notes")
CHECKED_FOR_CLAIMS = ("description", "selling_points", "talking_points", "faq")
SUPPLY = ("supplier_name", "supplier_contact", "ship_from_region", "ship_cycle_days", "restock_lead_days")


@dataclass(frozen=True, slots=True)
class FormValues:
    title: str
    alt_title: str
    brand: str
    category: str
    tags: str
    role: ShowRole | None
    currency: str
    description: str
    selling_points: str
    talking_points: str
    faq: str
    compliance_notes: str
    supplier_name: str
    supplier_contact: str
    ship_from_region: str
    ship_cycle_days: int | None
    restock_lead_days: int | None


def _editable_combo(items: tuple[str, ...], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.addItems(list(items))
    combo.setCurrentIndex(-1)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


class ProductFields(QObject):
    changed = Signal()
    currency_changed = Signal(str)

    def __init__(self, *, categories: tuple[str, ...], suppliers: tuple[str, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLineEdit(parent)
        self.title.setPlaceholderText(self.tr("What viewers see, e.g. 冰丝防晒衣"))
        self.alt_title = QLineEdit(parent)
        self.alt_title.setPlaceholderText(self.tr("The name in your other language"))
        self.brand = QLineEdit(parent)
        self.category = _editable_combo(categories, parent)
        self.tags = QLineEdit(parent)
        self.tags.setPlaceholderText(self.tr("Separated by commas, e.g. 爆款, 新品"))
        self.role = QComboBox(parent)
        self.role.addItem(self.tr("Not set"), None)
        for role in ShowRole:
            self.role.addItem(role_name(role), role)
        self.currency = QComboBox(parent)
        self.currency.addItems(list(CURRENCIES))
        self.description = QPlainTextEdit(parent)
        self.selling_points = QPlainTextEdit(parent)
        self.selling_points.setPlaceholderText(self.tr("One per line: what makes it worth buying"))
        self.talking_points = QPlainTextEdit(parent)
        self.talking_points.setPlaceholderText(self.tr("What the host says, in order"))
        self.faq = QPlainTextEdit(parent)
        self.faq.setPlaceholderText(self.tr("Questions viewers ask, each with its answer"))
        self.compliance_notes = QPlainTextEdit(parent)
        self.compliance_notes.setPlaceholderText(self.tr("Claims the host must not make, e.g. medical effects"))
        self.supplier_name = _editable_combo(suppliers, parent)
        self.supplier_contact = QLineEdit(parent)
        self.ship_from_region = QLineEdit(parent)
        self.ship_from_region.setPlaceholderText(self.tr("e.g. 浙江 义乌"))
        self.ship_cycle_days = self._days_box(parent)
        self.restock_lead_days = self._days_box(parent)
        self.wrapped = {name: FieldWithProblem(getattr(self, name), parent) for name in (*BASICS, *SELLING, *SUPPLY)}
        # Risky claims underlined as the seller types, medical terms judged by the product's category. The
        # compliance notes are left alone: they list the very claims the host must not make.
        self.claim_highlighters: dict[str, ComplianceHighlighter] = {
            name: highlight_claims(getattr(self, name), product_category=self.category_text)
            for name in CHECKED_FOR_CLAIMS
        }
        self._connect()

    def _days_box(self, parent: QWidget) -> QSpinBox:
        box = QSpinBox(parent)
        box.setRange(NOT_SET, 365)
        box.setValue(NOT_SET)
        box.setSpecialValueText(self.tr("Not set"))
        box.setMinimumWidth(120)
        return box

    def _connect(self) -> None:
        for edit in (self.title, self.alt_title, self.brand, self.tags, self.supplier_contact, self.ship_from_region):
            edit.textChanged.connect(self.changed)
        for text in (self.description, self.selling_points, self.talking_points, self.faq, self.compliance_notes):
            text.textChanged.connect(self.changed)
        for combo in (self.category, self.supplier_name):
            combo.editTextChanged.connect(self.changed)
        self.role.currentIndexChanged.connect(self.changed)
        self.currency.currentTextChanged.connect(self.currency_changed)
        self.currency.currentTextChanged.connect(self.changed)
        self.ship_cycle_days.valueChanged.connect(self.changed)
        self.restock_lead_days.valueChanged.connect(self.changed)
        self.category.editTextChanged.connect(self._on_category_edited)

    def category_text(self) -> str | None:
        """The category as typed (None when empty: then every medical term applies)."""
        return self.category.currentText().strip() or None

    def _on_category_edited(self, _text: str) -> None:
        for highlighter in self.claim_highlighters.values():
            highlighter.category_changed()

    # --- layouts -----------------------------------------------------------------------------------------------
    def _label(self, text: str, parent: QWidget | None = None) -> QLabel:
        label = QLabel(text, parent)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 4, 0, 0)
        return label

    def basics_layout(self) -> QGridLayout:
        grid = QGridLayout()
        left = (
            (self.tr("Title *"), "title"),
            (self.tr("Alt title"), "alt_title"),
            (self.tr("Brand"), "brand"),
            (self.tr("Tags"), "tags"),
        )
        right = ((self.tr("Category"), "category"), (self.tr("Show role"), "role"), (self.tr("Currency"), "currency"))
        for row, (label, name) in enumerate(left):
            grid.addWidget(self._label(label), row, 0)
            grid.addWidget(self.wrapped[name], row, 1)
        for row, (label, name) in enumerate(right):
            grid.addWidget(self._label(label), row, 2)
            grid.addWidget(self.wrapped[name], row, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setHorizontalSpacing(10)
        return grid

    def selling_page(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Description"), self.wrapped["description"])
        form.addRow(self.tr("Selling points"), self.wrapped["selling_points"])
        form.addRow(self.tr("Talking points"), self.wrapped["talking_points"])
        form.addRow(self.tr("FAQ"), self.wrapped["faq"])
        form.addRow(self.tr("Compliance notes"), self.wrapped["compliance_notes"])
        return page

    def supply_page(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Supplier"), self.wrapped["supplier_name"])
        form.addRow(self.tr("Supplier contact"), self.wrapped["supplier_contact"])
        form.addRow(self.tr("Ships from"), self.wrapped["ship_from_region"])
        form.addRow(self.tr("Shipping time (days)"), left_aligned(self.wrapped["ship_cycle_days"], page))
        form.addRow(self.tr("Restock lead time (days)"), left_aligned(self.wrapped["restock_lead_days"], page))
        return page

    @staticmethod
    def page_of(field: str) -> int:
        """Which editor tab holds a field: 0 basics, 1 selling, 2 supply, -1 not one of these fields."""
        for page, names in enumerate((BASICS, SELLING, SUPPLY)):
            if field in names:
                return page
        return -1

    # --- values ------------------------------------------------------------------------------------------------
    def load(self, product: ProductInput) -> None:
        self.title.setText(product.title)
        self.alt_title.setText(product.alt_title)
        self.brand.setText(product.brand)
        self.category.setEditText(product.category)
        self.tags.setText(", ".join(product.tags))
        self.role.setCurrentIndex(max(0, self.role.findData(product.role)) if product.role else 0)
        self.set_currency(product.currency)
        for name in SELLING:
            getattr(self, name).setPlainText(getattr(product, name))
        self.supplier_name.setEditText(product.supplier_name)
        self.supplier_contact.setText(product.supplier_contact)
        self.ship_from_region.setText(product.ship_from_region)
        self.ship_cycle_days.setValue(NOT_SET if product.ship_cycle_days is None else product.ship_cycle_days)
        self.restock_lead_days.setValue(NOT_SET if product.restock_lead_days is None else product.restock_lead_days)

    def set_currency(self, currency: str) -> None:
        if self.currency.findText(currency) < 0:
            self.currency.addItem(currency)
        self.currency.setCurrentText(currency)

    def values(self) -> FormValues:
        def days(box: QSpinBox) -> int | None:
            return None if box.value() == NOT_SET else box.value()

        return FormValues(
            title=self.title.text().strip(),
            alt_title=self.alt_title.text().strip(),
            brand=self.brand.text().strip(),
            category=self.category.currentText().strip(),
            tags=self.tags.text(),
            role=self.role.currentData(),
            currency=self.currency.currentText(),
            description=self.description.toPlainText().strip(),
            selling_points=self.selling_points.toPlainText().strip(),
            talking_points=self.talking_points.toPlainText().strip(),
            faq=self.faq.toPlainText().strip(),
            compliance_notes=self.compliance_notes.toPlainText().strip(),
            supplier_name=self.supplier_name.currentText().strip(),
            supplier_contact=self.supplier_contact.text().strip(),
            ship_from_region=self.ship_from_region.text().strip(),
            ship_cycle_days=days(self.ship_cycle_days),
            restock_lead_days=days(self.restock_lead_days),
        )

    def show_problems(self, found: dict[str, str]) -> set[str]:
        """Put each problem under its field; returns the fields placed (the rest go to the dialog's general line)."""
        return place_problems(self.wrapped, found)
