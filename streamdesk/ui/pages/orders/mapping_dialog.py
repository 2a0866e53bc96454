"""Match the columns of an order file no preset knows (or a preset shipped behind this dialog) to StreamDesk's fields.

One row per canonical field (FORMATS.md §2.9) with a combo of the file's headers and the column's first values;
the platform the orders come from, which also sets the time zone their zone-less times are read in (OrdersIO reads
each platform's exports in that platform's zone); and "Save mapping as…", after which the mapping is offered as a
preset next time (OrdersIO.save_mapping, one short write).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import Platform
from streamdesk.core.products_io.types import ColumnMapping, FieldKind, FieldLevel, ImportField, SourceTable
from streamdesk.labels import platform_name
from streamdesk.messages import describe, render
from streamdesk.ui.pages.catalogue.import_models import ColumnComboDelegate, MappingModel, open_column_editors
from streamdesk.ui.widgets.field_problem import ProblemLabel

if TYPE_CHECKING:
    from streamdesk.ui.privacy import Privacy

ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole

# The order of the rows: FORMATS.md §2.9's canonical fields, each followed by its relatives; any other field
# OrdersIO knows comes after these.
FIELD_ORDER = (
    "order_id",
    "line_id",
    "created_at",
    "paid_at",
    "shipped_at",
    "completed_at",
    "cancelled_at",
    "buyer_nick",
    "title",
    "sku_code",
    "spec",
    "qty",
    "unit_price",
    "line_total",
    "paid_amount",
    "payable_amount",
    "adjusted_total",
    "discount",
    "shipping_fee",
    "refund_amount",
    "currency",
    "order_status",
    "fulfilment_status",
    "refund_status",
    "recipient",
    "phone",
    "province",
    "city",
    "district",
    "address",
    "address2",
    "postcode",
    "country",
    "buyer_note",
    "seller_note",
    "tracking_no",
    "courier",
    "logistics",
)
# What a mapping needs (OrdersIO checks the same before planning): an order number and an order time per row,
# and a SKU code or a title per line.
REQUIRED_FIELDS = frozenset({"order_id", "created_at"})
ONE_OF_FIELDS = ("title", "sku_code")
_PERSONAL = {"recipient": "name", "phone": "phone", "address": "address", "address2": "address"}


def order_field_name(key: str) -> str:
    """The field in the user's language (OrdersIO's own names: messages "orders_io.field.<key>")."""
    return render(f"orders_io.field.{key}")


def _fields() -> tuple[ImportField, ...]:
    from streamdesk.core.orders_io.types import FIELDS

    known = set(FIELDS)
    keys = [key for key in FIELD_ORDER if key in known] + [key for key in FIELDS if key not in FIELD_ORDER]
    return tuple(
        ImportField(
            key=key,
            header=key,
            aliases=(),
            kind=FieldKind.TEXT,
            level=FieldLevel.VARIANT,
            required=key in REQUIRED_FIELDS,
        )
        for key in keys
    )


class OrderFieldsModel(MappingModel):
    """The catalogue import's column matching, over the order fields: names in the user's language, personal
    sample values masked in privacy mode, and "SKU code or product title" required as a pair."""

    def __init__(self, privacy: Privacy | None = None, parent: QObject | None = None) -> None:
        super().__init__(_fields(), parent)
        self._privacy = privacy
        if privacy is not None:
            privacy.toggled.connect(self._on_privacy_toggled)

    def _on_privacy_toggled(self, _enabled: bool) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 2))

    def missing_required(self) -> list[ImportField]:
        missing = super().missing_required()
        mapping = self.mapping()
        if all(mapping.header(key) is None for key in ONE_OF_FIELDS):
            missing.extend(self.field(self.row_of(key)) for key in ONE_OF_FIELDS)
        return missing

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        field = self.field(index.row())
        if role == DISPLAY and index.column() == 0:
            name = order_field_name(field.key)
            if field.required:
                return self.tr("{field} (required)").format(field=name)
            if field.key in ONE_OF_FIELDS:
                other = next(key for key in ONE_OF_FIELDS if key != field.key)
                return self.tr("{field} (required, or {other})").format(field=name, other=order_field_name(other))
            return name
        if role == DISPLAY and index.column() == 2 and field.key in _PERSONAL:
            return self._masked(field.key, str(super().data(index, role) or ""))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            if field.key in ONE_OF_FIELDS:
                return self.tr("Lines are matched to your catalogue by SKU code, else by product title and spec.")
            return None
        return super().data(index, role)

    def _masked(self, key: str, samples: str) -> str:
        privacy = self._privacy
        if privacy is None or not privacy.enabled or not samples:
            return samples
        kind = _PERSONAL[key]
        mask: Callable[[str], str] = {"name": privacy.name, "phone": privacy.phone}.get(kind, privacy.address)
        return " · ".join(mask(value) for value in samples.split(" · "))


class MappingDialog(QDialog):
    """Non-blocking (``open()``); on Accepted read ``mapping()`` and ``platform()``. ``zones``: the zone each platform's
    zone-less times are read in, shown for the platform chosen.

    ``save`` is called with (name, platform, mapping) by "Save mapping"; a UserError it raises is shown here.
    """

    def __init__(
        self,
        source: SourceTable,
        initial: Mapping[str, str],
        *,
        platform: Platform,
        zones: Mapping[Platform, str],
        save: Callable[[str, Platform, Mapping[str, str]], None],
        privacy: Privacy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Match the columns"))
        self._save = save
        self._saved: tuple[str, Platform, dict[str, str]] | None = None  # name, platform, mapping last saved
        self.model = OrderFieldsModel(privacy, self)
        self.model.set_source(source, ColumnMapping.from_dict(dict(initial)))
        intro = QLabel(
            self.tr(
                "{name}: {rows} rows. Choose the column of your file that holds each order field; the first values "
                "of the chosen column are shown beside it. Fields you leave out are not imported."
            ).format(name=source.name, rows=source.data_row_count),
            self,
        )
        intro.setWordWrap(True)
        self.platform_combo = QComboBox(self)
        for choice in Platform:
            self.platform_combo.addItem(platform_name(choice), choice.value)
        self.platform_combo.setCurrentIndex(max(0, self.platform_combo.findData(platform.value)))
        self._zones = dict(zones)
        self.zone_label = QLabel(self)
        self.zone_label.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(1, ColumnComboDelegate(self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setTabKeyNavigation(False)  # Tab goes from one field's combo box to the next, then on
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(1, 220)
        open_column_editors(self.view)
        self.missing = ProblemLabel(self)
        self.save_name = QLineEdit(self)
        self.save_name.setPlaceholderText(self.tr("Name, e.g. “Group-buy sheet”"))
        self.save_button = QPushButton(self.tr("Save mapping as…"), self)
        self.save_button.setToolTip(self.tr("Saved mappings are offered as a format next time."))
        self.save_result = QLabel(self)
        self.save_result.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Use this mapping"))

        options = QGridLayout()
        platform_label = QLabel(self.tr("Orders from"), self)
        platform_label.setBuddy(self.platform_combo)  # a screen reader says "Orders from", not only the platform
        options.addWidget(platform_label, 0, 0)
        options.addWidget(self.platform_combo, 0, 1)
        options.addWidget(self.zone_label, 0, 2)
        options.setColumnStretch(2, 1)
        save_row = QHBoxLayout()
        save_label = QLabel(self.tr("Save for next time as"), self)
        save_label.setBuddy(self.save_name)  # names the field for a screen reader
        save_row.addWidget(save_label)
        save_row.addWidget(self.save_name, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(options)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.missing)
        layout.addLayout(save_row)
        layout.addWidget(self.save_result)
        layout.addWidget(self.buttons)

        self.model.mapping_changed.connect(self._update)
        self.platform_combo.currentIndexChanged.connect(lambda _n: self._show_zone())
        self.save_name.textChanged.connect(self._update)
        self.save_button.clicked.connect(self.save_mapping)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(860, 720)
        self._show_zone()
        self._update()

    def mapping(self) -> dict[str, str]:
        return self.model.mapping().as_dict()

    def platform(self) -> Platform:
        return Platform(self.platform_combo.currentData())

    def zone(self) -> str:
        """The zone the file's zone-less times will be read in: the chosen platform's."""
        return self._zones.get(self.platform(), "UTC")

    def set_column(self, key: str, header: str | None) -> None:
        """Choose the column of one field (keyboard users and tests; the combo boxes do the same)."""
        self.model.set_column(key, header)
        editor = self.view.indexWidget(self.model.index(self.model.row_of(key), 1))
        if isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(0, editor.findData(header or "")))
            editor.blockSignals(False)

    def saved_as(self) -> str:
        """The name the mapping was saved under, "" if it was not or has changed since."""
        if self._saved is None:
            return ""
        name, platform, mapping = self._saved
        return name if (platform, mapping) == (self.platform(), self.mapping()) else ""

    def save_mapping(self) -> bool:
        name = self.save_name.text().strip()
        if not name or self.model.missing_required():
            return False
        try:
            self._save(name, self.platform(), self.mapping())
        except UserError as error:
            self.save_result.setStyleSheet("")
            self.missing.show_problem(describe(error))
            return False
        self._saved = (" ".join(name.split()), self.platform(), self.mapping())
        self.save_result.setText(self.tr("Saved as “{name}”: it is offered as a format next time.").format(name=name))
        return True

    def _update(self, *_args: object) -> None:
        missing = self.model.missing_required()
        required = [order_field_name(field.key) for field in missing if field.key not in ONE_OF_FIELDS]
        sentences = [self.tr("Choose a column for: {fields}.").format(fields=", ".join(required))] if required else []
        if any(field.key in ONE_OF_FIELDS for field in missing):
            sentences.append(
                self.tr("Choose a column for one of: {first}, {second} (lines are matched by either).").format(
                    first=order_field_name(ONE_OF_FIELDS[0]), second=order_field_name(ONE_OF_FIELDS[1])
                )
            )
        self.missing.show_problem(" ".join(sentences) or None)
        self.ok_button.setEnabled(not missing)
        self.save_button.setEnabled(not missing and bool(self.save_name.text().strip()))

    def _show_zone(self) -> None:
        from streamdesk.core.orders_io.cells import LOCAL_ZONE

        if self.zone() == LOCAL_ZONE:  # the seller's own spreadsheet, Etsy's dates
            self.zone_label.setText(self.tr("Times without a time zone are read in this computer's time zone."))
            return
        self.zone_label.setText(
            self.tr("Times without a time zone are read as {zone} time, as for every export of this platform.").format(
                zone=self.zone()
            )
        )
