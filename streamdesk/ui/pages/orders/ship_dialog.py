"""Mark one order shipped by hand: the courier and its tracking number (for orders packed outside a batch file,
such as those taken live). Many at once come from a tracking file instead (Import tracking…)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

# Full names as couriers spell them (the platforms' 批量发货 templates want the full name); the list is editable.
COURIERS = ("顺丰速运", "中通快递", "圆通速递", "申通快递", "韵达快递", "极兔速递", "京东快递", "邮政快递包裹", "EMS")


class ShipDialog(QDialog):
    def __init__(self, order_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark shipped"))
        self.courier = QComboBox(self)
        self.courier.setEditable(True)
        self.courier.addItems(COURIERS)
        self.tracking_no = QLineEdit(self)
        self.tracking_no.setPlaceholderText(self.tr("The number on the label"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark shipped"))
        note = QLabel(
            self.tr("Order {order_no} is set to shipped with this tracking number.").format(order_no=order_no)
        )
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Courier"), self.courier)
        form.addRow(self.tr("Tracking no."), self.tracking_no)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tracking_no.textChanged.connect(self._update_ok)
        self._update_ok()
        self.tracking_no.setFocus()

    def courier_name(self) -> str:
        return self.courier.currentText().strip()

    def tracking(self) -> str:
        return self.tracking_no.text().strip()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.tracking()))
