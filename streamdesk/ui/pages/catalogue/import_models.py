"""Table models of the import dialog: which file column feeds each field, and the dry run's row-by-row preview."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from streamdesk.core.products_io.types import ColumnMapping, ImportAction, ImportField, PreviewRow, SourceTable
from streamdesk.messages import render
from streamdesk.ui.formatting import format_money

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root of a flat table, as a default argument
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
SAMPLE_VALUES = 3
PROBLEM_COLOR = QColor("#c62828")
HEADERS_ROLE = Qt.ItemDataRole.UserRole + 1  # the file's headers, for the combo box editor


def field_name(field: ImportField) -> str:
    """The field as the user knows it, in the interface language (the file's own headers may be in either)."""
    names = {
        "title": QCoreApplication.translate("ImportFields", "Title"),
        "alt_title": QCoreApplication.translate("ImportFields", "Alt title"),
        "spec": QCoreApplication.translate("ImportFields", "Spec"),
        "color": QCoreApplication.translate("ImportFields", "Colour"),
        "size": QCoreApplication.translate("ImportFields", "Size"),
        "sku_code": QCoreApplication.translate("ImportFields", "SKU"),
        "barcode": QCoreApplication.translate("ImportFields", "Barcode"),
        "cost": QCoreApplication.translate("ImportFields", "Cost"),
        "list_price": QCoreApplication.translate("ImportFields", "List price"),
        "live_price": QCoreApplication.translate("ImportFields", "Live price"),
        "stock": QCoreApplication.translate("ImportFields", "Stock"),
        "low_stock_threshold": QCoreApplication.translate("ImportFields", "Low-stock alert"),
        "category": QCoreApplication.translate("ImportFields", "Category"),
        "brand": QCoreApplication.translate("ImportFields", "Brand"),
        "tags": QCoreApplication.translate("ImportFields", "Tags"),
        "supplier": QCoreApplication.translate("ImportFields", "Supplier"),
        "supplier_contact": QCoreApplication.translate("ImportFields", "Supplier contact"),
        "ship_from_region": QCoreApplication.translate("ImportFields", "Ships from"),
        "ship_cycle_days": QCoreApplication.translate("ImportFields", "Shipping time (days)"),
        "restock_lead_days": QCoreApplication.translate("ImportFields", "Restock lead time (days)"),
        "selling_points": QCoreApplication.translate("ImportFields", "Selling points"),
        "talking_points": QCoreApplication.translate("ImportFields", "Talking points"),
        "description": QCoreApplication.translate("ImportFields", "Description"),
        "faq": QCoreApplication.translate("ImportFields", "FAQ"),
        "compliance_notes": QCoreApplication.translate("ImportFields", "Compliance notes"),
        "role": QCoreApplication.translate("ImportFields", "Show role"),
        "currency": QCoreApplication.translate("ImportFields", "Currency"),
    }
    return names.get(field.key, field.header)


class MappingModel(QAbstractTableModel):
    """One row per StreamDesk field: its name (required ones marked), the file column feeding it, sample values."""

    mapping_changed = Signal()

    def __init__(self, fields: Sequence[ImportField], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields = list(fields)
        self._source: SourceTable | None = None
        self._mapping = ColumnMapping()

    def set_source(self, source: SourceTable, mapping: ColumnMapping) -> None:
        self.beginResetModel()
        self._source = source
        self._mapping = ColumnMapping.from_dict({k: h for k, h in mapping.as_dict().items() if h in source.headers})
        self.endResetModel()
        self.mapping_changed.emit()

    def mapping(self) -> ColumnMapping:
        return self._mapping

    def headers(self) -> tuple[str, ...]:
        return self._source.headers if self._source else ()

    def field(self, row: int) -> ImportField:
        return self._fields[row]

    def row_of(self, key: str) -> int:
        return next(n for n, field in enumerate(self._fields) if field.key == key)

    def missing_required(self) -> list[ImportField]:
        return [field for field in self._fields if field.required and self._mapping.header(field.key) is None]

    def set_column(self, key: str, header: str | None) -> None:
        row = self.row_of(key)
        self.setData(self.index(row, 1), header or "", EDIT)

    def _samples(self, header: str) -> str:
        if self._source is None or header not in self._source.headers:
            return ""
        column = self._source.headers.index(header)
        values: list[str] = []
        for row in self._source.rows:
            if row and column < len(row) and row[column].strip():
                values.append(row[column].strip())
                if len(values) == SAMPLE_VALUES:
                    break
        return " · ".join(values)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < 3:
            return None
        return (self.tr("StreamDesk field"), self.tr("Column in your file"), self.tr("First values"))[section]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._fields):
            return None
        field, column = self._fields[index.row()], index.column()
        header = self._mapping.header(field.key) or ""
        if role == DISPLAY:
            if column == 0:
                return (
                    self.tr("{field} (required)").format(field=field_name(field))
                    if field.required
                    else field_name(field)
                )
            if column == 1:
                return header or self.tr("Not imported")
            return self._samples(header)
        if role == EDIT and column == 1:
            return header
        if role == HEADERS_ROLE:
            return self.headers()
        if role == Qt.ItemDataRole.FontRole and column == 0 and field.required:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and field.required and not header:
            return QBrush(PROBLEM_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.tr("Recognised headers: {aliases}").format(aliases=", ".join(field.aliases))
        return None

    def setData(self, index: ModelIndex, value: object, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or index.column() != 1:
            return False
        header = str(value or "")
        if header and header not in self.headers():
            return False
        key = self._fields[index.row()].key
        if (self._mapping.header(key) or "") == header:
            return True
        self._mapping = self._mapping.with_column(key, header or None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        self.mapping_changed.emit()
        return True


class ColumnComboDelegate(QStyledItemDelegate):
    """A combo box per field: "Not imported" or one of the file's headers; a choice applies at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.siblingAtColumn(0).data() or ""))  # the field, not "Not imported"
        combo.addItem(QCoreApplication.translate("MappingModel", "Not imported"), "")
        for header in index.data(HEADERS_ROLE) or ():
            combo.addItem(header, header)
        combo.currentIndexChanged.connect(lambda _n, combo=combo: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(0, editor.findData(index.data(EDIT) or "")))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Tab goes on to the next field's combo box (and on out of the table), as in a form, rather than to the
        next cell."""
        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        return super().eventFilter(editor, event)


def open_column_editors(view: QAbstractItemView) -> None:
    """A column combo box on every field row (column 1), reached by Tab from the table down the rows (Qt would put
    each new editor first, so Tab would climb from the last field)."""
    model = view.model()
    previous: QWidget = view
    for row in range(model.rowCount()):
        view.openPersistentEditor(model.index(row, 1))
        editor = view.indexWidget(model.index(row, 1))
        if editor is not None:
            QWidget.setTabOrder(previous, editor)
            previous = editor


def action_name(action: ImportAction) -> str:
    names = {
        ImportAction.ADD: QCoreApplication.translate("PreviewModel", "Add"),
        ImportAction.UPDATE: QCoreApplication.translate("PreviewModel", "Update"),
        ImportAction.UNCHANGED: QCoreApplication.translate("PreviewModel", "No change"),
        ImportAction.SKIP: QCoreApplication.translate("PreviewModel", "Skip"),
    }
    return names[action]


class PreviewModel(QAbstractTableModel):
    """The dry run's first rows: what each row will do, and the problems that make a row skip."""

    COLUMNS = 9

    def __init__(self, rows: Sequence[PreviewRow] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("Row"),
            self.tr("Action"),
            self.tr("SKU"),
            self.tr("Title"),
            self.tr("Spec"),
            self.tr("List price"),
            self.tr("Live price"),
            self.tr("Stock after"),
            self.tr("Problems"),
        )[section]

    def data(self, index: ModelIndex, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 8 and row.problems:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and (row.action is ImportAction.SKIP or column == 8):
            return QBrush(PROBLEM_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 5, 6, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: PreviewRow, column: int) -> str:
        if column == 0:
            return str(row.row)
        if column == 1:
            return action_name(row.action)
        if column == 5:
            return format_money(row.list_price_minor, row.currency)
        if column == 6:
            return format_money(row.live_price_minor, row.currency)
        if column == 7:
            if row.stock is None:
                return ""
            return f"{row.stock} ({row.stock_change:+d})" if row.stock_change else str(row.stock)
        if column == 8:
            return " ".join(render(problem.code, problem.fields) for problem in row.problems)
        return (row.sku_code, row.title, row.spec_label)[column - 2] if 2 <= column <= 4 else ""
