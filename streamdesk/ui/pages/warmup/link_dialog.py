"""Add or edit a booking link: the channel it is spread in, the platform holding the booking, the URL, the channel's
tracking value and an optional expiry. The link the QR code will open is shown as it is typed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from streamdesk import labels
from streamdesk.core.warmup_types import BookingLinkInput
from streamdesk.models.base import ChannelKind, Platform

_TRACKING_VALUE = r"[A-Za-z0-9_.\-]{0,64}"


def url_problem(url: str) -> str:
    """The sentence saying what is wrong with a typed URL, "" when it will do."""
    from urllib.parse import urlsplit

    text = url.strip()
    if not text:
        return QCoreApplication.translate("LinkDialog", "Paste the booking link from the platform's app.")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in text):
        return QCoreApplication.translate(
            "LinkDialog", "A booking link starts with https:// (or http://) and has no spaces."
        )
    return ""


class LinkDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        tracking_param: str,
        link: BookingLinkInput | None = None,
        default_platform: Platform = Platform.CHANNELS,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit booking link") if link is not None else self.tr("Add booking link"))
        self._tracking_param = tracking_param
        self._bookings = link.bookings if link is not None else None
        self._value_typed = link is not None and bool(link.tracking_value)
        self.kind = QComboBox(self)
        for kind in ChannelKind:
            self.kind.addItem(labels.channel_kind_name(kind), kind)
        self.label = QLineEdit(self)
        self.label.setMaxLength(60)
        self.platform = QComboBox(self)
        for platform in Platform:
            self.platform.addItem(labels.platform_name(platform), platform)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("https://…"))
        self.url.setMinimumWidth(420)
        self.url_error = QLabel(self)
        self.url_error.setStyleSheet("color: #c62828;")
        self.url_error.setWordWrap(True)
        self.tracking = QLineEdit(self)
        self.tracking.setMaxLength(64)
        self.tracking_hint = QLabel(self)
        self.tracking_hint.setWordWrap(True)
        self.tracking_hint.setStyleSheet("color: palette(mid);")
        self.tagged = QLabel(self)
        self.tagged.setWordWrap(True)
        self.tagged.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expires = QCheckBox(self.tr("Expires"), self)
        self.valid_until = QDateTimeEdit(self)
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("yyyy-MM-dd HH:mm")
        start = (now or datetime.now(UTC)) + timedelta(days=7)
        self.valid_until.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._build()
        if link is not None:
            self._fill(link)
        else:
            self.platform.setCurrentIndex(self.platform.findData(default_platform))
        self._connect()
        self._update()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Channel:"), self.kind)
        form.addRow(self.tr("Your name for it:"), self.label)
        form.addRow(self.tr("Booking on:"), self.platform)
        form.addRow(self.tr("Booking link:"), self.url)
        form.addRow("", self.url_error)
        form.addRow(self.tr("Tracking value:"), self.tracking)
        form.addRow("", self.tracking_hint)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires)
        expiry.addWidget(self.valid_until, 1)
        form.addRow(self.tr("Valid until:"), expiry)
        form.addRow(self.tr("The QR code opens:"), self.tagged)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.url.textChanged.connect(self._update)
        self.tracking.textEdited.connect(self._on_tracking_edited)
        self.expires.toggled.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _fill(self, link: BookingLinkInput) -> None:
        self.kind.setCurrentIndex(self.kind.findData(link.kind))
        self.label.setText(link.label)
        self.platform.setCurrentIndex(self.platform.findData(link.platform))
        self.url.setText(link.url)
        self.tracking.setText(link.tracking_value)
        if link.valid_until is not None:
            self.expires.setChecked(True)
            self.valid_until.setDateTime(QDateTime.fromSecsSinceEpoch(int(link.valid_until.timestamp())))

    # --- behaviour ----------------------------------------------------------------------------------------------
    def _on_kind_changed(self, _index: int) -> None:
        kind = self.kind.currentData()
        self.label.setPlaceholderText(labels.channel_kind_name(kind))
        if not self._value_typed and self._tracking_param:  # a channel's own value, until the seller types one
            self.tracking.setText(str(kind))
        self._update()

    def _on_tracking_edited(self, _text: str) -> None:
        self._value_typed = True
        self._update()

    def _update(self) -> None:
        import re

        problem = url_problem(self.url.text())
        shown = problem if self.url.text().strip() else ""
        self.url_error.setText(shown)
        self.url_error.setVisible(bool(shown))
        value_ok = re.fullmatch(_TRACKING_VALUE, self.tracking.text().strip()) is not None
        if not self._tracking_param:
            self.tracking_hint.setText(
                self.tr("Tracking is off for this show: the link is used as it is. Turn it on with a parameter name.")
            )
        elif not value_ok:
            self.tracking_hint.setText(self.tr("Use letters, digits, dot, dash and underscore only."))
        else:
            self.tracking_hint.setText(
                self.tr("Added to the link as {param}=<value>, so the platform's stats tell channels apart.").format(
                    param=self._tracking_param
                )
            )
        self.tagged.setText(self._tagged_url() if not problem else self.tr("(a valid link first)"))
        self.valid_until.setEnabled(self.expires.isChecked())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and value_ok)

    def _tagged_url(self) -> str:
        from streamdesk.core.warmup import tag_url

        url, value = self.url.text().strip(), self.tracking.text().strip()
        return tag_url(url, self._tracking_param, value) if self._tracking_param and value else url

    def value(self) -> BookingLinkInput:
        valid_until = None
        if self.expires.isChecked():
            valid_until = datetime.fromtimestamp(self.valid_until.dateTime().toSecsSinceEpoch(), UTC)
        return BookingLinkInput(
            kind=self.kind.currentData(),
            platform=self.platform.currentData(),
            url=self.url.text().strip(),
            label=self.label.text().strip(),
            tracking_value=self.tracking.text().strip(),
            bookings=self._bookings,
            valid_until=valid_until,
        )
