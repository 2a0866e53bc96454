"""Edit a customer: real name, phone, tags (new, returning, VIP, 粉丝团 and the seller's own) and notes.

The dialog writes nothing: ``edit()`` returns what the view hands to its undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import normalise_tags
from streamdesk.core.order_types import CustomerDetail
from streamdesk.labels import CUSTOMER_TAGS, customer_tag_name, platform_name


@dataclass(frozen=True, slots=True)
class CustomerEdit:
    """The editable part of a customer, as Orders.update_customer takes it."""

    name: str
    phone: str
    tags: tuple[str, ...]
    notes: str

    @staticmethod
    def of(detail: CustomerDetail) -> CustomerEdit:
        row = detail.row
        return CustomerEdit(name=row.name, phone=row.phone, tags=row.tags, notes=detail.notes)


class CustomerDialog(QDialog):
    def __init__(self, detail: CustomerDetail, parent: QWidget | None = None, *, hide_personal: bool = False) -> None:
        """``hide_personal``: privacy mode is on, so name and phone show as dots until "Show" is ticked."""
        super().__init__(parent)
        row = detail.row
        self.setWindowTitle(self.tr("Customer {nickname}").format(nickname=row.nickname))
        self.setMinimumWidth(460)
        self.name = QLineEdit(row.name, self)
        self.phone = QLineEdit(row.phone, self)
        self.tag_boxes = {tag: QCheckBox(customer_tag_name(tag), self) for tag in CUSTOMER_TAGS}
        for tag, box in self.tag_boxes.items():
            box.setChecked(tag in row.tags)
        self.other_tags = QLineEdit(", ".join(tag for tag in row.tags if tag not in CUSTOMER_TAGS), self)
        self.other_tags.setPlaceholderText(self.tr("Your own tags, separated by commas"))
        self.notes = QPlainTextEdit(detail.notes, self)
        self.notes.setPlaceholderText(self.tr("Sizes, preferences, what they asked about…"))
        self.notes.setTabChangesFocus(True)
        self.reveal = QCheckBox(self.tr("Show"), self)
        self.reveal.setToolTip(self.tr("Privacy mode is on: the name and phone are hidden until you tick this."))
        self.reveal.setVisible(hide_personal)
        self.reveal.toggled.connect(self._show_personal)
        self._show_personal(not hide_personal)
        masked = QLabel(
            self.tr("The platform's export masked the name or phone (with *). Type the real one if you have it."), self
        )
        masked.setWordWrap(True)
        masked.setVisible(row.pii_masked)

        tags = QWidget(self)
        tag_row = QHBoxLayout(tags)
        tag_row.setContentsMargins(0, 0, 0, 0)
        for box in self.tag_boxes.values():
            tag_row.addWidget(box)
        tag_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Nickname:"), QLabel(f"{row.nickname}  ({platform_name(row.platform)})", self))
        form.addRow(self.tr("&Name:"), self.name)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone, 1)
        phone_row.addWidget(self.reveal)
        phone_label = QLabel(self.tr("&Phone:"), self)
        phone_label.setBuddy(self.phone)
        form.addRow(phone_label, phone_row)
        form.addRow(self.tr("Tags:"), tags)
        form.addRow(self.tr("&Other tags:"), self.other_tags)
        form.addRow(self.tr("No&tes:"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(masked)
        layout.addWidget(buttons)

    def _show_personal(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.name.setEchoMode(mode)
        self.phone.setEchoMode(mode)

    def edit(self) -> CustomerEdit:
        chosen = [tag for tag, box in self.tag_boxes.items() if box.isChecked()]
        own = list(normalise_tags(self.other_tags.text()))
        return CustomerEdit(
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            tags=normalise_tags(chosen + own),
            notes=self.notes.toPlainText().strip(),
        )
