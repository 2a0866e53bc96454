"""Pick lists and packing slips as PDF: what the packing table needs on paper.

* Pick list (A4): per SKU the units to take off the shelf for a show or a selection, with a tick box, how many
  orders want it and what the shelf should still hold (red when the sale took it below zero); the table header
  repeats on every page, and every page says "page n of m".
* Packing slips (A5): one page per order, put in the parcel — order number, platform and date, ship-to, the lines
  with a tick box, the units, and the buyer's note in a box. A long order is scaled down to stay on its one page;
  prices are left out (parcels are often gifts) and so is the seller's note (it is for the seller).

QtGui only (QTextDocument laid out on a QPdfWriter): a named Qt module of docs/ARCHITECTURE.md like
core/rundown_pdf.py, whose fonts and page parts (core/pdf_parts.py) it shares. It imports Qt inside its functions
and never QtWidgets; the caller must have created a QGuiApplication (the CLI makes an offscreen one).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from streamdesk.core import pdf_parts
from streamdesk.core.order_types import OrderDetail, PickListRow
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
def _begin(writer: Any, partial: Path, dest: Path) -> Any:
    from PySide6.QtCore import QCoreApplication

    reason = QCoreApplication.translate("OrderPdf", "the file cannot be created")
    return pdf_parts.begin_painter(writer, partial, dest, code="shipping_io.write_failed", reason=reason)


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
    from PySide6.QtCore import QCoreApplication

    heading = QCoreApplication.translate("OrderPdf", "Pick list")
    writer, partial = pdf_parts.pdf_writer(
        dest, title=f"{heading} · {title}", margins_mm=MARGINS_MM, who="write_pick_list"
    )
    body = pdf_parts.body_rect(writer)
    document = pdf_parts.text_document(
        writer, pick_list_html(rows, title=title, subtitle=subtitle, printed_at=printed_at, zone=zone)
    )
    pdf_parts.footed_page(document, body)
    pages = pdf_parts.lay_out(document)
    painter = _begin(writer, partial, dest)
    page_of = QCoreApplication.translate("OrderPdf", "Page {page} of {pages}")
    pdf_parts.paint_pages(painter, writer, document, body, pages=pages, footer=title, page_of=page_of)
    pdf_parts.finish(partial, dest, code="shipping_io.write_failed")
    return pages


def write_packing_slips(
    orders: Sequence[OrderDetail], dest: Path, *, sender: SenderInfo, zone: tzinfo | None = None
) -> int:
    """Write one A5 page per order to ``dest`` and return the page count. Needs a QGuiApplication."""
    from PySide6.QtCore import QCoreApplication, QRectF

    title = QCoreApplication.translate("OrderPdf", "Packing slips")
    writer, partial = pdf_parts.pdf_writer(
        dest, title=title, margins_mm=MARGINS_MM, size="A5", who="write_packing_slips"
    )
    body = pdf_parts.body_rect(writer)
    painter = _begin(writer, partial, dest)
    try:
        for index, order in enumerate(orders):
            if index:
                writer.newPage()
            document = pdf_parts.text_document(writer, packing_slip_html(order, sender=sender, zone=zone))
            document.setTextWidth(body.width())
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
    pdf_parts.finish(partial, dest, code="shipping_io.write_failed")
    return len(orders)
