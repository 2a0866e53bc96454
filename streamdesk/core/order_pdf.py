"""Pick lists and packing slips as PDF: what the packing table needs on paper.

* Pick list (A4): per SKU the units to take off the shelf for a show or a selection, with a tick box, how many
  orders want it and what the shelf should still hold (red when the sale took it below zero); the table header
  repeats on every page, and every page says "page n of m".
* Packing slips (A5): one page per order, put in the parcel — order number, platform and date, ship-to, the lines
  with a tick box, the units, and the buyer's note in a box. A long order is scaled down to stay on its one page;
  prices are left out (parcels are often gifts) and so is the seller's note (it is for the seller).

QtGui only (QTextDocument laid out on a QPdfWriter): a named Qt module of docs/ARCHITECTURE.md like
core/rundown_pdf.py, whose fonts and money formatting it shares. It imports Qt inside its functions and never
QtWidgets; the caller must have created a QGuiApplication (the CLI makes an offscreen one).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from streamdesk.core.errors import UserError
from streamdesk.core.fonts import font_families, installed_families
from streamdesk.core.order_types import OrderDetail, PickListRow
from streamdesk.core.rundown_pdf import BODY_POINTS, RESOLUTION
from streamdesk.core.shipping_io.types import SenderInfo

MARGINS_MM = (12.0, 12.0, 12.0, 10.0)  # left, top, right, bottom
_WARN = "#b3261e"  # dark red: readable in black-and-white print too
_BOX = "☐"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _local(moment: datetime | None, zone: tzinfo | None) -> str:
    return "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


# --- pick list --------------------------------------------------------------------------------------------------
def pick_list_html(
    rows: Sequence[PickListRow], *, title: str, subtitle: str, printed_at: datetime, zone: tzinfo | None
) -> str:
    """The pick list as the rich-text HTML subset QTextDocument renders."""
    from PySide6.QtCore import QCoreApplication

    units = sum(row.quantity for row in rows)
    headers = (
        _BOX,
        QCoreApplication.translate("OrderPdf", "SKU"),
        QCoreApplication.translate("OrderPdf", "Product"),
        QCoreApplication.translate("OrderPdf", "Spec"),
        QCoreApplication.translate("OrderPdf", "Units"),
        QCoreApplication.translate("OrderPdf", "Orders"),
        QCoreApplication.translate("OrderPdf", "On hand"),
    )
    widths = ("4%", "18%", "36%", "18%", "8%", "8%", "8%")
    head = "".join(
        f'<th width="{width}" align="left" style="background-color:#e8e8e8">{_esc(text)}</th>'
        for text, width in zip(headers, widths, strict=True)
    )
    body = []
    for row in rows:
        on_hand = "" if row.on_hand is None else str(row.on_hand)
        if row.on_hand is not None and row.on_hand < 0:
            on_hand = f'<span style="color:{_WARN}; font-weight:bold">{on_hand}</span>'
        body.append(
            '<tr valign="middle">'
            f'<td style="font-size:14pt">{_BOX}</td><td>{_esc(row.sku_code)}</td><td>{_esc(row.title)}</td>'
            f'<td>{_esc(row.spec)}</td><td align="right" style="font-size:12pt"><b>{row.quantity}</b></td>'
            f'<td align="right">{row.orders}</td><td align="right">{on_hand}</td></tr>'
        )
    if not body:
        empty = QCoreApplication.translate("OrderPdf", "Nothing to pick: these orders have no lines.")
        body.append(f'<tr><td colspan="7">{_esc(empty)}</td></tr>')
    totals = QCoreApplication.translate("OrderPdf", "{skus} SKUs, {units} units. Printed {time}.").format(
        skus=len(rows), units=units, time=_local(printed_at, zone)
    )
    heading = QCoreApplication.translate("OrderPdf", "Pick list")
    return (
        f'<h1 style="font-size:18pt; margin-bottom:2px">{_esc(heading)} · {_esc(title)}</h1>'
        + (f'<p style="font-size:11pt; margin-top:0">{_esc(subtitle)}</p>' if subtitle else "")
        + f"<p>{_esc(totals)}</p>"
        '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse; '
        f'border-color:#999"><thead><tr>{head}</tr></thead>{"".join(body)}</table>'
    )


# --- packing slips ----------------------------------------------------------------------------------------------
def _ship_to(order: OrderDetail) -> str:
    region = [part for part in (order.province, order.city, order.district) if part]
    if len(region) > 1 and region[0] == region[1]:
        del region[1]  # 上海市 上海市 浦东新区
    lines = [order.row.recipient, order.row.phone, " ".join([*region, order.address]).strip()]
    lines.append(" ".join(part for part in (order.postcode, order.country) if part))
    return "<br>".join(_esc(line) for line in lines if line)


def _spec(spec: str) -> str:
    return f'<br><span style="color:#555">{_esc(spec)}</span>' if spec else ""


def packing_slip_html(order: OrderDetail, *, sender: SenderInfo, zone: tzinfo | None) -> str:
    """One order's slip as QTextDocument HTML."""
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels  # QtCore names, shared with the GUI and the CLI

    row = order.row
    shop = sender.company or sender.name
    facts = QCoreApplication.translate("OrderPdf", "Order {order_no} · {platform} · placed {placed}").format(
        order_no=row.order_no, platform=labels.platform_short_name(row.platform), placed=_local(row.created_at, zone)
    )
    lines = "".join(
        '<tr valign="middle">'
        f'<td style="font-size:13pt">{_BOX}</td><td>{_esc(line.sku_code)}</td><td>{_esc(line.title)}{_spec(line.spec)}</td>'
        f'<td align="right" style="font-size:12pt"><b>{line.quantity}</b></td></tr>'
        for line in order.lines
    )
    head = "".join(
        f'<th width="{width}" align="left" style="background-color:#e8e8e8">{_esc(text)}</th>'
        for text, width in (
            (_BOX, "6%"),
            (QCoreApplication.translate("OrderPdf", "SKU"), "22%"),
            (QCoreApplication.translate("OrderPdf", "Item"), "60%"),
            (QCoreApplication.translate("OrderPdf", "Units"), "12%"),
        )
    )
    units = QCoreApplication.translate("OrderPdf", "{units} units in {lines} lines").format(
        units=sum(line.quantity for line in order.lines), lines=len(order.lines)
    )
    heading = QCoreApplication.translate("OrderPdf", "Packing slip")
    ship_to = QCoreApplication.translate("OrderPdf", "Ship to")
    parts = [
        f'<p style="font-size:9pt; color:#555; margin:0">{_esc(shop)}</p>' if shop else "",
        f'<h1 style="font-size:16pt; margin:0">{_esc(heading)}</h1>',
        f'<p style="margin-top:2px">{_esc(facts)}</p>',
        f'<p style="margin-bottom:0; color:#555">{_esc(ship_to)}</p>',
        f'<p style="font-size:11pt; margin-top:0">{_ship_to(order)}</p>',
        '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse; '
        f'border-color:#999"><thead><tr>{head}</tr></thead>{lines}</table>',
        f'<p align="right">{_esc(units)}</p>',
    ]
    if order.buyer_note.strip():
        label = QCoreApplication.translate("OrderPdf", "Buyer note")
        parts.append(
            '<table width="100%" border="2" cellspacing="0" cellpadding="6" style="border-collapse:collapse; '
            f'border-color:#000"><tr><td><b>{_esc(label)}</b><br>'
            f'<span style="font-size:12pt">{_esc(order.buyer_note)}</span></td></tr></table>'
        )
    if sender.address or sender.phone:
        back = (
            QCoreApplication.translate("OrderPdf", "Returns: {address} {phone}")
            .format(address=sender.address, phone=sender.phone)
            .strip()
        )
        parts.append(f'<p style="font-size:8pt; color:#555">{_esc(back)}</p>')
    return "".join(parts)


# --- writing ----------------------------------------------------------------------------------------------------
def _writer(dest: Path, title: str, page: str) -> tuple[Any, Path]:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        raise RuntimeError("order PDFs need a QGuiApplication (fonts)")
    partial = dest.with_name(f".{dest.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("StreamDesk")
    size = QPageSize.PageSizeId.A5 if page == "A5" else QPageSize.PageSizeId.A4
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size), QPageLayout.Orientation.Portrait, QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter
        )
    )
    return writer, partial


def _document(writer: Any, body_html: str, width: float) -> Any:
    from PySide6.QtGui import QFont, QTextDocument

    font = QFont()
    families = font_families(installed_families())
    if families:
        font.setFamilies(families)
    font.setPointSizeF(BODY_POINTS)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(body_html)
    document.setTextWidth(width)
    return document


def _finish(partial: Path, dest: Path) -> None:
    try:
        partial.replace(dest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError("shipping_io.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc


def _cannot_create(partial: Path, dest: Path) -> UserError:
    from PySide6.QtCore import QCoreApplication

    partial.unlink(missing_ok=True)
    return UserError(
        "shipping_io.write_failed",
        path=str(dest),
        reason=QCoreApplication.translate("OrderPdf", "the file cannot be created"),
    )


def write_pick_list(
    rows: Sequence[PickListRow],
    dest: Path,
    *,
    title: str,
    subtitle: str = "",
    printed_at: datetime,
    zone: tzinfo | None = None,
) -> int:
    """Write the pick list to ``dest`` (A4 PDF) and return its page count. Needs a QGuiApplication."""
    from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPainter

    heading = QCoreApplication.translate("OrderPdf", "Pick list")
    writer, partial = _writer(dest, f"{heading} · {title}", "A4")
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_height = 2.2 * BODY_POINTS / 72 * RESOLUTION
    document = _document(
        writer, pick_list_html(rows, title=title, subtitle=subtitle, printed_at=printed_at, zone=zone), body.width()
    )
    page = QSizeF(body.width(), body.height() - footer_height)
    document.setPageSize(page)
    pages = int(document.pageCount())
    painter = QPainter()
    if not painter.begin(writer):
        raise _cannot_create(partial, dest)
    try:
        footer_font = QFont(document.defaultFont())
        footer_font.setPointSizeF(BODY_POINTS - 1)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(footer_font)
            footer = QRectF(0, body.height() - footer_height * 0.8, body.width(), footer_height * 0.8)
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), title)
            number = QCoreApplication.translate("OrderPdf", "Page {page} of {pages}").format(
                page=index + 1, pages=pages
            )
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), number)
    finally:
        painter.end()
    _finish(partial, dest)
    return pages


def write_packing_slips(
    orders: Sequence[OrderDetail], dest: Path, *, sender: SenderInfo, zone: tzinfo | None = None
) -> int:
    """Write one A5 page per order to ``dest`` and return the page count. Needs a QGuiApplication."""
    from PySide6.QtCore import QCoreApplication, QRectF
    from PySide6.QtGui import QPainter

    writer, partial = _writer(dest, QCoreApplication.translate("OrderPdf", "Packing slips"), "A5")
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    painter = QPainter()
    if not painter.begin(writer):
        raise _cannot_create(partial, dest)
    try:
        for index, order in enumerate(orders):
            if index:
                writer.newPage()
            document = _document(writer, packing_slip_html(order, sender=sender, zone=zone), body.width())
            height = document.size().height()
            scale = min(1.0, body.height() / height) if height > 0 else 1.0
            painter.save()
            if scale < 1.0:  # a long order shrinks to stay on its one page
                painter.scale(scale, scale)
                document.setTextWidth(body.width() / scale)
            document.drawContents(painter, QRectF(0, 0, body.width() / scale, body.height() / scale))
            painter.restore()
    finally:
        painter.end()
    _finish(partial, dest)
    return len(orders)
