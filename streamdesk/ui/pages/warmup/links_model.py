"""The booking links of a show, one row per channel: channel, platform, URL, tracking value and booking count.

The booking count is edited in the table; the model does not write it: it reports the edit (``bookings_edited``) and
the page turns it into an undoable command, then hands the model the show's links again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from streamdesk.core.warmup_types import BookingLinkRow
from streamdesk.labels import platform_short_name
from streamdesk.ui.pages.warmup.texts import DONE_COLOUR, WARNING_COLOUR, channel_name

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
LINK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkColumn(IntEnum):
    CHANNEL = 0
    PLATFORM = 1
    URL = 2
    TRACKING = 3
    BOOKINGS = 4


def parse_bookings(value: object) -> tuple[bool, int | None]:
    """(ok, count) from what the editor gives back: a whole number >= 0, or blank for "not known yet"."""
    if value is None:
        return True, None
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= 0, value
    text = str(value).strip().replace(",", "").replace("，", "")
    if not text:
        return True, None
    if not text.isdigit():
        return False, None
    return True, int(text)


class LinksModel(QAbstractTableModel):
    bookings_edited = Signal(int, object)  # link id, new count (int) or None

    def __init__(self, parent: QAbstractTableModel | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BookingLinkRow] = []
        self._warnings: dict[int, tuple[str, ...]] = {}
        self._tracking_param = ""

    # --- feeding ------------------------------------------------------------------------------------------------
    def set_links(
        self, links: Sequence[BookingLinkRow], tracking_param: str, warnings: Mapping[int, Sequence[str]]
    ) -> None:
        """Replace the rows; ``warnings`` maps a link id to the rule warnings about it, as sentences."""
        self.beginResetModel()
        self._rows = list(links)
        self._tracking_param = tracking_param
        self._warnings = {link_id: tuple(texts) for link_id, texts in warnings.items()}
        self.endResetModel()

    def link(self, row: int) -> BookingLinkRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, link_id: int) -> int | None:
        return next((number for number, link in enumerate(self._rows) if link.id == link_id), None)

    def links(self) -> tuple[BookingLinkRow, ...]:
        return tuple(self._rows)

    # --- Qt model -----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(LinkColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(LinkColumn):
            return None
        column = LinkColumn(section)
        if role == DISPLAY:
            return {
                LinkColumn.CHANNEL: self.tr("Channel"),
                LinkColumn.PLATFORM: self.tr("Booking on"),
                LinkColumn.URL: self.tr("Link"),
                LinkColumn.TRACKING: self.tr("Tracking"),
                LinkColumn.BOOKINGS: self.tr("Bookings"),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                LinkColumn.CHANNEL: self.tr("Where you spread the link: your own name for it, or the channel's"),
                LinkColumn.PLATFORM: self.tr("The platform where the booking (预约 / LIVE event) lives"),
                LinkColumn.URL: self.tr("The booking link as you entered it; the QR code adds the tracking value"),
                LinkColumn.TRACKING: self.tr("The value the show's tracking parameter gets for this channel"),
                LinkColumn.BOOKINGS: self.tr("Bookings the platform counted for this channel; double-click to edit"),
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column is LinkColumn.BOOKINGS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == LinkColumn.BOOKINGS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        link = self._rows[index.row()]
        column = LinkColumn(index.column())
        if role == DISPLAY:
            return self._display(link, column)
        if role == Qt.ItemDataRole.EditRole:
            return "" if column is LinkColumn.BOOKINGS and link.bookings is None else self._display(link, column)
        if role == LINK_ID_ROLE:
            return link.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(link, column)
        if role == Qt.ItemDataRole.DecorationRole and column is LinkColumn.CHANNEL and link.id in self._warnings:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is LinkColumn.CHANNEL and link.id in self._warnings:
                return WARNING_COLOUR
            if column is LinkColumn.TRACKING and not self._tracking_param:
                return DONE_COLOUR
            if column is LinkColumn.BOOKINGS and link.bookings is None:
                return DONE_COLOUR
        if role == Qt.ItemDataRole.FontRole and column is LinkColumn.BOOKINGS and link.bookings is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column is LinkColumn.BOOKINGS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != LinkColumn.BOOKINGS:
            return False
        link = self.link(index.row())
        ok, count = parse_bookings(value)
        if link is None or not ok:
            return False
        if count != link.bookings:
            self.bookings_edited.emit(link.id, count)
        return True

    # --- cells --------------------------------------------------------------------------------------------------
    def _display(self, link: BookingLinkRow, column: LinkColumn) -> str:
        if column is LinkColumn.CHANNEL:
            return channel_name(link.kind, link.label)
        if column is LinkColumn.PLATFORM:
            return platform_short_name(link.platform)
        if column is LinkColumn.URL:
            return link.url
        if column is LinkColumn.TRACKING:
            if not link.tracking_value:
                return ""
            if not self._tracking_param:
                return self.tr("{value} (off)").format(value=link.tracking_value)
            return f"{self._tracking_param}={link.tracking_value}"
        return self.tr("not yet") if link.bookings is None else f"{link.bookings:,}"

    def _tooltip(self, link: BookingLinkRow, column: LinkColumn) -> str | None:
        if column is LinkColumn.CHANNEL and link.id in self._warnings:
            return "\n".join(self._warnings[link.id])
        if column is LinkColumn.URL:
            return self.tr("The QR code opens: {url}").format(url=link.tagged_url)
        if column is LinkColumn.TRACKING and link.tracking_value and not self._tracking_param:
            return self.tr("Set a tracking parameter above to add this value to the link.")
        return None
