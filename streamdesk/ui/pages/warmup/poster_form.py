"""The poster designer's settings column: template, theme, language, channel for the QR, products, texts.

``PosterForm`` only shows and collects choices; the designer decides what they mean. It emits ``changed`` after
any edit by the user (never while the designer fills it in), and ``product_refused`` when a seventh product was
ticked: the tick is taken back at once, and the designer says why.

``load_show`` reads what fills it for a show (links, remembered choices, the rundown's products) in one job.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from streamdesk.ui.formatting import format_money
from streamdesk.ui.i18n import LANGUAGE_NAMES
from streamdesk.ui.widgets.combo_width import fit_combo_to
from streamdesk.ui.widgets.compliance_line import LineWithWarning

if TYPE_CHECKING:
    from streamdesk.core.poster import PosterTemplate, PosterTheme
    from streamdesk.core.shows import Shows
    from streamdesk.core.warmup import Warmup
    from streamdesk.core.warmup_types import BookingLinkRow, PosterContent, PosterProduct

log = logging.getLogger(__name__)
MAX_PRODUCTS = 6
LOGO_LIMIT_BYTES = 5 * 1024 * 1024  # a bigger file is a photo, not a logo
TEXT_FIELDS = ("title", "date_line", "countdown_line", "business_name", "promotion", "caption")
_ID = Qt.ItemDataRole.UserRole


def template_name(template: PosterTemplate) -> str:
    names = {
        "a4": QCoreApplication.translate("PosterDesigner", "A4 poster (print, 210 × 297 mm)"),
        "a5": QCoreApplication.translate("PosterDesigner", "A5 flyer (print, 148 × 210 mm)"),
        "story": QCoreApplication.translate("PosterDesigner", "Story 9:16 (1080 × 1920 px)"),
        "square": QCoreApplication.translate("PosterDesigner", "Square 1:1 (1080 × 1080 px)"),
        "xhs": QCoreApplication.translate("PosterDesigner", "Xiaohongshu 3:4 (1080 × 1440 px)"),
    }
    return names.get(template.key) or template.name("en")


def theme_name(key: str) -> str:
    names = {
        "festive": QCoreApplication.translate("PosterDesigner", "Festive red"),
        "blush": QCoreApplication.translate("PosterDesigner", "Blush pink"),
        "fresh": QCoreApplication.translate("PosterDesigner", "Fresh green"),
        "night": QCoreApplication.translate("PosterDesigner", "Night"),
        "minimal": QCoreApplication.translate("PosterDesigner", "Minimal black and white"),
    }
    return names.get(key, key.replace("_", " ").capitalize())


def text_label(field: str) -> str:
    labels = {
        "title": QCoreApplication.translate("PosterDesigner", "Title"),
        "date_line": QCoreApplication.translate("PosterDesigner", "Date and time"),
        "countdown_line": QCoreApplication.translate("PosterDesigner", "Countdown"),
        "business_name": QCoreApplication.translate("PosterDesigner", "Shop name"),
        "promotion": QCoreApplication.translate("PosterDesigner", "Promotion"),
        "caption": QCoreApplication.translate("PosterDesigner", "QR caption"),
    }
    return labels.get(field, field)


def channel_name(link: BookingLinkRow) -> str:
    """The seller's own label, else the channel kind's name in the interface language."""
    if link.label:
        return link.label
    from streamdesk.labels import channel_kind_name

    return channel_kind_name(link.kind)


def _swatch(theme: PosterTheme) -> QIcon:
    pixmap = QPixmap(28, 18)
    pixmap.fill(QColor(theme.background))
    painter = QPainter(pixmap)
    painter.fillRect(14, 0, 14, 18, QColor(theme.accent))
    painter.fillRect(4, 6, 8, 6, QColor(theme.text))
    painter.setPen(QColor(0, 0, 0, 90))
    painter.drawRect(0, 0, 27, 17)
    painter.end()
    return QIcon(pixmap)


class PosterForm(QWidget):
    changed = Signal()  # a choice or a text was edited by the user
    texts_reset = Signal()
    product_refused = Signal()  # a seventh product was ticked and unticked again
    logo_refused = Signal(str)  # file name of a logo that could not be read as a picture

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = QComboBox(self)
        self.theme = QComboBox(self)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.channel = QComboBox(self)
        self.no_channel = QLabel(
            self.tr("Add a booking link on the Booking links tab to put a QR on the poster."), self
        )
        self.no_channel.setWordWrap(True)
        self.no_channel.setObjectName("emptyState")
        self.no_channel.setStyleSheet("QLabel#emptyState { color: palette(mid); }")
        self.products = QListWidget(self)
        self.products.setMinimumHeight(130)
        self.products.setUniformItemSizes(True)
        self.products_count = QLabel(self)
        self.no_products = QLabel(self.tr("This show's rundown has no products yet."), self)
        self.no_products.setWordWrap(True)
        self.texts: dict[str, QLineEdit] = {field: QLineEdit(self) for field in TEXT_FIELDS}
        self.logo_button = QPushButton(self.tr("Choose…"), self)
        self.logo_button.setToolTip(self.tr("Your shop logo, shown round beside the shop name (PNG or JPEG)"))
        self.logo_clear = QPushButton(self.tr("No logo"), self)
        self._logo_path = ""
        self._logo: bytes | None = None
        self.reset_texts = QPushButton(self.tr("Reset texts"), self)
        self.reset_texts.setToolTip(self.tr("Put back the texts made from the show, forgetting your edits"))
        self._build()
        for combo in (self.template, self.theme, self.language, self.channel):
            combo.currentIndexChanged.connect(self._on_edited)
        for edit in self.texts.values():
            edit.textEdited.connect(self._on_edited)
        self.products.itemChanged.connect(self._on_product_changed)
        self.reset_texts.clicked.connect(self.texts_reset)
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_clear.clicked.connect(lambda: self._use_logo(""))
        self._show_logo()

    def _build(self) -> None:
        look = QGroupBox(self.tr("Poster"), self)
        look_form = QFormLayout(look)
        look_form.addRow(self.tr("Template"), self.template)
        look_form.addRow(self.tr("Colours"), self.theme)
        look_form.addRow(self.tr("Poster language"), self.language)
        qr = QGroupBox(self.tr("QR code"), self)
        qr_form = QFormLayout(qr)
        qr_form.addRow(self.tr("Channel"), self.channel)
        qr_form.addRow(self.no_channel)
        products = QGroupBox(self.tr("Products"), self)
        products_layout = QVBoxLayout(products)
        products_layout.addWidget(self.products_count)
        products_layout.addWidget(self.products, 1)
        products_layout.addWidget(self.no_products)
        texts = QGroupBox(self.tr("Texts"), self)
        texts_form = QFormLayout(texts)
        # Each text has the compliance warning line under it: a poster is printed and shared, so a 全网最低 on it
        # costs more than one said aloud. It only warns; the poster renders whatever is typed.
        self.text_rows = {field: LineWithWarning(edit, parent=texts) for field, edit in self.texts.items()}
        for field, row in self.text_rows.items():
            texts_form.addRow(text_label(field), row)
            label = texts_form.labelForField(row)
            if isinstance(label, QLabel):  # the label's mnemonic focuses the line edit, not the frame around it
                label.setBuddy(row.field)
            # Screen readers find a buddy label only among the field's siblings, which the frame hides: name it.
            row.field.setAccessibleName(text_label(field).replace("&", ""))
        logo = QHBoxLayout()
        logo.setContentsMargins(0, 0, 0, 0)
        logo.addWidget(self.logo_button, 1)
        logo.addWidget(self.logo_clear)
        texts_form.addRow(self.tr("Shop logo"), logo)
        texts_form.addRow("", self.reset_texts)
        forms = (look_form, qr_form, texts_form)
        items = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for form in forms for row in range(form.rowCount())]
        widgets = [item.widget() for item in items if item is not None]
        labels = [widget for widget in widgets if isinstance(widget, QLabel)]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:  # one label column for the three groups: their fields line up
            label.setMinimumWidth(width)
        for form in forms:
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long choice goes under its label
        fit_combo_to(self.language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (look, qr, products, texts):
            layout.addWidget(box)
        layout.addStretch(1)

    # --- the shop logo -----------------------------------------------------------------------------------------
    def logo(self) -> bytes | None:
        return self._logo

    def logo_path(self) -> str:
        return self._logo_path

    def set_logo_path(self, path: object) -> None:
        """Use the logo file a show remembered (no ``changed``); a file that has gone since is dropped quietly."""
        self._load_logo(str(path) if path else "")

    def _choose_logo(self) -> None:
        start = str(Path(self._logo_path).parent) if self._logo_path else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose your shop logo"), start, self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if chosen:
            self._use_logo(chosen)

    def _use_logo(self, path: str) -> None:
        if self._load_logo(path) or not path:
            self.changed.emit()

    def _load_logo(self, path: str) -> bool:
        data: bytes | None = None
        if path:
            try:
                if Path(path).stat().st_size <= LOGO_LIMIT_BYTES:
                    data = Path(path).read_bytes()
            except OSError:
                data = None
            if data is None or QImage.fromData(data).isNull():
                self.logo_refused.emit(Path(path).name)
                return False
        self._logo_path, self._logo = (path, data) if data else ("", None)
        self._show_logo()
        return True

    def _show_logo(self) -> None:
        self.logo_button.setText(Path(self._logo_path).name if self._logo_path else self.tr("Choose…"))
        self.logo_clear.setEnabled(self._logo is not None)

    # --- filling in (no ``changed`` while the designer does it) -----------------------------------------------
    def set_templates(self, templates: Sequence[PosterTemplate]) -> None:
        with QSignalBlocker(self.template):
            self.template.clear()
            for template in templates:
                self.template.addItem(template_name(template), template.key)
        fit_combo_to(self.template)  # every choice whole (a long one goes under its label)

    def set_themes(self, themes: Sequence[PosterTheme]) -> None:
        with QSignalBlocker(self.theme):
            self.theme.clear()
            for theme in themes:
                self.theme.addItem(_swatch(theme), theme_name(theme.key), theme.key)
        fit_combo_to(self.theme)

    def set_links(self, links: Sequence[BookingLinkRow]) -> None:
        with QSignalBlocker(self.channel):
            self.channel.clear()
            for link in links:
                self.channel.addItem(channel_name(link), link.id)
                self.channel.setItemData(self.channel.count() - 1, link.tagged_url, Qt.ItemDataRole.ToolTipRole)
        fit_combo_to(self.channel, at_most=320)  # a channel's name is the user's own
        self.channel.setVisible(bool(links))
        self.no_channel.setVisible(not links)

    def set_products(self, products: Sequence[PosterProduct], chosen: Sequence[int]) -> None:
        with QSignalBlocker(self.products):
            self.products.clear()
            for product in products:
                price = format_money(product.live_price_minor, product.currency)
                parts = [part for part in (product.title, product.spec_label, price) if part]
                item = QListWidgetItem(" · ".join(parts), self.products)
                item.setData(_ID, product.variant_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = product.variant_id in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.products.setVisible(bool(products))
        self.no_products.setVisible(not products)
        self._count_products()

    def set_texts(self, texts: dict[str, str]) -> None:
        for field, edit in self.texts.items():
            if edit.text() != texts.get(field, ""):
                edit.setText(texts.get(field, ""))
                edit.setCursorPosition(0)

    def select(self, combo: QComboBox, value: object) -> bool:
        """Make ``value`` current without ``changed``; False when the combo has no such item."""
        index = combo.findData(value)
        if index < 0:
            return False
        with QSignalBlocker(combo):
            combo.setCurrentIndex(index)
        return True

    # --- reading -------------------------------------------------------------------------------------------------
    def chosen_variants(self) -> tuple[int, ...]:
        items = (self.products.item(row) for row in range(self.products.count()))
        return tuple(int(item.data(_ID)) for item in items if item.checkState() == Qt.CheckState.Checked)

    def text_values(self) -> dict[str, str]:
        return {field: edit.text() for field, edit in self.texts.items()}

    # --- slots ---------------------------------------------------------------------------------------------------
    def _on_edited(self) -> None:
        self.changed.emit()

    def _on_product_changed(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked and len(self.chosen_variants()) > MAX_PRODUCTS:
            with QSignalBlocker(self.products):
                item.setCheckState(Qt.CheckState.Unchecked)
            self.product_refused.emit()
            return
        self._count_products()
        self.changed.emit()

    def _count_products(self) -> None:
        self.products_count.setText(
            self.tr("{chosen} of at most {limit} products on the poster").format(
                chosen=len(self.chosen_variants()), limit=MAX_PRODUCTS
            )
        )


# --- what the form is filled from (read on a pool thread) ----------------------------------------------------
@dataclass(frozen=True, slots=True)
class ShowPosterData:
    """What the designer reads for a show, in one background job."""

    show_id: int
    show_title: str
    links: tuple[BookingLinkRow, ...]
    content: PosterContent  # for the remembered (else the service's) link, the rundown's first six products
    pool: tuple[PosterProduct, ...]  # every product the seller can tick: the rundown's, in segment order
    saved: dict[str, Any]  # the remembered choices; {} for a show never designed


def load_show(warmup: Warmup, show_id: int, shows: Shows | None = None) -> ShowPosterData:
    """Read a show's links, remembered choices and poster content (on a pool thread)."""
    plan = warmup.open_plan(show_id)
    saved = parse_saved(warmup.poster_settings(show_id))
    remembered = saved.get("link_id")
    link_id = remembered if remembered in [link.id for link in plan.links] else None  # None: the service's choice
    default = warmup.poster_content(show_id, link_id)
    pool = default.products
    if shows is not None:  # every product of the rundown can be ticked, not only the first six
        pool = rundown_products(warmup, shows, show_id, default.link_id) or pool
    return ShowPosterData(show_id, plan.show_title, plan.links, default, pool, saved)


def rundown_products(warmup: Warmup, shows: Shows, show_id: int, link_id: int | None) -> tuple[PosterProduct, ...]:
    """Every product of the show's rundown, once (its first SKU there), in the order they first appear."""
    first_variant: dict[int, int] = {}
    for segment in shows.rundown(show_id).segments:
        for product in segment.products:
            first_variant.setdefault(product.product_id, product.variant_id)
    variant_ids = list(first_variant.values())
    found: list[PosterProduct] = []
    for start in range(0, len(variant_ids), MAX_PRODUCTS):  # poster_content takes at most a poster's worth
        chunk = variant_ids[start : start + MAX_PRODUCTS]
        found.extend(warmup.poster_content(show_id, link_id, variant_ids=chunk).products)
    return tuple(found)


def parse_saved(text: str) -> dict[str, Any]:
    """The remembered choices, or {} when there are none or they cannot be read (then the defaults apply)."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        log.warning("poster settings are not JSON; using the defaults")
        return {}
    return value if isinstance(value, dict) else {}
