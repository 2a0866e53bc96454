"""The host sheet: a show's rundown as an A4 PDF to print and keep beside the camera.

Show title, date and time, platforms, goals, people and promotions, then one table row per segment: back-timed
start–end, kind, title, planned duration, fixed start, products with live price and stock, promotion cue and
talking points. Every page repeats the table header and carries the show title and "page n of m".

QtGui only (QTextDocument laid out on a QPdfWriter, painted page by page with QPainter): one of the named Qt
modules of docs/ARCHITECTURE.md, it imports Qt inside its functions and never QtWidgets. The caller must have
created a QGuiApplication (fonts need one); the CLI makes an offscreen one. Chinese needs a CJK font: the first
installed of a list of common ones (core/fonts.py, bundled fonts first) is asked for by name, and Qt's own font
fallback covers the rest (a warning is logged when no CJK font is found).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path

from streamdesk.core import pdf_parts
from streamdesk.core.fonts import CJK_FAMILIES as CJK_FAMILIES  # re-exported: tests and callers
from streamdesk.core.fonts import LATIN_FAMILIES as LATIN_FAMILIES
from streamdesk.core.fonts import font_families as font_families
from streamdesk.core.money import exponent
from streamdesk.core.rundown import duration_text
from streamdesk.core.rundown_cells import local
from streamdesk.core.show_types import (
    ConflictCode,
    Rundown,
    SegmentProductRow,
    SegmentRow,
    SegmentTiming,
    ShowDetail,
)

log = logging.getLogger(__name__)

MARGINS_MM = (14.0, 14.0, 14.0, 12.0)  # left, top, right, bottom
_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "TWD": "NT$"}
_WARN = "#b3261e"  # dark red: readable in black-and-white print too


def money_text(minor: int | None, currency: str) -> str:
    """¥1,299.00 (symbol for common currencies, else "USD 12.00"); "–" when unknown."""
    if minor is None:
        return "–"
    digits = exponent(currency)
    amount = f"{Decimal(minor).scaleb(-digits):,.{digits}f}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{currency} {amount}"


def long_duration(seconds: int) -> str:
    """h:mm:ss ("0:22:00", "2:00:00"): for show lengths, where "22:00" would read as a time of day."""
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _clock(moment: datetime | None, zone: tzinfo | None) -> str:
    return "" if moment is None else local(moment, zone).strftime("%H:%M")


def _when(show: ShowDetail, rundown: Rundown, zone: tzinfo | None) -> str:
    from PySide6.QtCore import QCoreApplication, QDate, QLocale

    if show.planned_start is None:
        return QCoreApplication.translate("HostSheet", "No date set")
    start = local(show.planned_start, zone)
    day = QLocale().toString(QDate(start.year, start.month, start.day), QLocale.FormatType.LongFormat)
    end = show.planned_start + timedelta(seconds=show.planned_seconds)
    return QCoreApplication.translate(
        "HostSheet", "{day}, {start}–{end} (planned {planned}; rundown {rundown})"
    ).format(
        day=day,
        start=_clock(show.planned_start, zone),
        end=_clock(end, zone),
        planned=long_duration(show.planned_seconds),
        rundown=long_duration(rundown.total_seconds),
    )


def _facts(show: ShowDetail) -> list[tuple[str, str]]:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels  # QtCore names, shared with the GUI and the CLI

    facts: list[tuple[str, str]] = []
    if show.theme:
        facts.append((QCoreApplication.translate("HostSheet", "Theme"), _esc(show.theme)))
    if show.platforms:
        facts.append(
            (
                QCoreApplication.translate("HostSheet", "Platforms"),
                _esc(", ".join(labels.platform_short_name(p) for p in show.platforms)),
            )
        )
    goals = []
    if show.target_gmv_minor is not None:
        goals.append(
            QCoreApplication.translate("HostSheet", "GMV {amount}").format(
                amount=money_text(show.target_gmv_minor, show.currency)
            )
        )
    if show.target_orders is not None:
        goals.append(QCoreApplication.translate("HostSheet", "{count} orders").format(count=show.target_orders))
    if show.target_followers is not None:
        goals.append(
            QCoreApplication.translate("HostSheet", "{count} new followers").format(count=show.target_followers)
        )
    if goals:
        facts.append((QCoreApplication.translate("HostSheet", "Goals"), _esc(" · ".join(goals))))
    if show.sku_targets:
        targets = (f"{t.sku_code} × {t.quantity}" for t in show.sku_targets)
        facts.append((QCoreApplication.translate("HostSheet", "SKU targets"), _esc(", ".join(targets))))
    if show.people:
        people = (
            QCoreApplication.translate("HostSheet", "{name} ({role})").format(
                name=p.name, role=labels.person_role_name(p.role)
            )
            for p in show.people
        )
        facts.append((QCoreApplication.translate("HostSheet", "People"), _esc(", ".join(people))))
    if show.promotions:
        promotions = (f"{labels.promotion_name(p.kind)} {p.rule}".strip() for p in show.promotions)
        facts.append((QCoreApplication.translate("HostSheet", "Promotions"), _esc("; ".join(promotions))))
    if show.notes:
        facts.append((QCoreApplication.translate("HostSheet", "Notes"), _esc(show.notes)))
    return facts


def _products(products: Sequence[SegmentProductRow]) -> str:
    from PySide6.QtCore import QCoreApplication

    lines = []
    for product in products:
        name = _esc(f"{product.product_title} {product.spec_label}".strip())
        stock = QCoreApplication.translate("HostSheet", "stock {count}").format(count=product.available)
        if product.available <= 0 or product.archived:
            stock = f'<span style="color:{_WARN}; font-weight:bold">{_esc(stock)}</span>'
        else:
            stock = _esc(stock)
        price = f"<b>{_esc(money_text(product.price_minor, product.currency))}</b>"
        lines.append(f'<span style="color:#555">{_esc(product.sku_code)}</span> {name}<br>{price} · {stock}')
    return "<br>".join(lines)


def _segment_row(segment: SegmentRow, timing: SegmentTiming, late: bool, zone: tzinfo | None) -> str:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels  # QtCore names, shared with the GUI and the CLI

    when = f"{_clock(timing.start, zone)}–{_clock(timing.end, zone)}" if timing.start is not None else ""
    if not when:
        when = "+" + duration_text(timing.offset_seconds)
    details = [f"<b>{_esc(segment.title or labels.segment_kind_name(segment.kind))}</b>"]
    if segment.fixed_start is not None:
        fixed = QCoreApplication.translate("HostSheet", "Fixed start {time}").format(
            time=_clock(segment.fixed_start, zone)
        )
        if late:
            fixed = QCoreApplication.translate("HostSheet", "{fixed} (cannot be reached)").format(fixed=fixed)
            details.append(f'<span style="color:{_WARN}; font-weight:bold">{_esc(fixed)}</span>')
        else:
            details.append(f"<b>{_esc(fixed)}</b>")
    if segment.promotion_cue:
        cue = QCoreApplication.translate("HostSheet", "Cue: {cue}").format(cue=segment.promotion_cue)
        details.append(f"<b>{_esc(cue)}</b>")
    if segment.flash_sale_seconds is not None:
        countdown = QCoreApplication.translate("HostSheet", "Flash-sale countdown {seconds} s")
        details.append(_esc(countdown.format(seconds=segment.flash_sale_seconds)))
    if segment.talking_points:
        details.append(f'<span style="color:#222">{_esc(segment.talking_points)}</span>')
    if segment.notes:
        note = QCoreApplication.translate("HostSheet", "Note: {notes}").format(notes=segment.notes)
        details.append(f"<i>{_esc(note)}</i>")
    return (
        '<tr valign="baseline">'
        f'<td align="right">{segment.position + 1}</td>'
        f'<td><span style="white-space:nowrap"><b>{_esc(when)}</b></span><br>{_esc(labels.segment_kind_name(segment.kind))}</td>'
        f'<td align="right">{_esc(duration_text(segment.planned_seconds))}</td>'
        f"<td>{'<br>'.join(details)}</td>"
        f"<td>{_products(segment.products)}</td>"
        "</tr>"
    )


def host_sheet_html(show: ShowDetail, rundown: Rundown, zone: tzinfo | None = None) -> str:
    """The sheet as the rich-text HTML subset QTextDocument renders."""
    from PySide6.QtCore import QCoreApplication

    late = {c.segment for c in rundown.conflicts if c.code is ConflictCode.FIXED_START_UNREACHABLE}
    # One line per fact, not a two-column table: Qt tops-aligns table cells, and a Latin label beside a value with
    # Chinese in it (a taller line from the CJK font) would sit a little higher than its value.
    facts = "".join(
        f'<p style="margin:0"><span style="color:#555">{_esc(label)}</span>&nbsp;&nbsp;{value}</p>'
        for label, value in _facts(show)
    )
    rows = "".join(
        _segment_row(segment, timing, segment.position in late, zone)
        for segment, timing in zip(rundown.segments, rundown.timings, strict=True)
    )
    if not rows:
        empty = QCoreApplication.translate("HostSheet", "This show has no segments yet.")
        rows = f'<tr><td colspan="5">{_esc(empty)}</td></tr>'
    headers = (
        QCoreApplication.translate("HostSheet", "#"),
        QCoreApplication.translate("HostSheet", "Time"),
        QCoreApplication.translate("HostSheet", "Length"),
        QCoreApplication.translate("HostSheet", "Segment"),
        QCoreApplication.translate("HostSheet", "Products (live price, stock)"),
    )
    widths = ("4%", "15%", "9%", "42%", "30%")
    head = "".join(
        f'<th width="{width}" align="left" style="background-color:#e8e8e8">{_esc(text)}</th>'
        for text, width in zip(headers, widths, strict=True)
    )
    return (
        f'<h1 style="font-size:18pt; margin-bottom:2px">{_esc(show.title)}</h1>'
        f'<p style="font-size:11pt; margin-top:0">{_esc(_when(show, rundown, zone))}</p>'
        f"{facts}<br>"
        f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
        f'style="border-collapse:collapse; border-color:#999">'
        f"<thead><tr>{head}</tr></thead>{rows}</table>"
    )


def write_host_sheet(show: ShowDetail, rundown: Rundown, dest: Path, *, zone: tzinfo | None = None) -> int:
    """Write the host sheet to ``dest`` (A4 PDF) and return its page count. Needs a QGuiApplication."""
    from PySide6.QtCore import QCoreApplication

    writer, partial = pdf_parts.pdf_writer(dest, title=show.title, margins_mm=MARGINS_MM, who="write_host_sheet")
    body = pdf_parts.body_rect(writer)
    document = pdf_parts.text_document(writer, host_sheet_html(show, rundown, zone))
    pdf_parts.footed_page(document, body)
    pages = pdf_parts.lay_out(document)
    painter = pdf_parts.begin_painter(
        writer,
        partial,
        dest,
        code="rundown_io.write_failed",
        reason=QCoreApplication.translate("HostSheet", "the file cannot be created"),
    )
    page_of = QCoreApplication.translate("HostSheet", "Page {page} of {pages}")
    pdf_parts.paint_pages(painter, writer, document, body, pages=pages, footer=show.title, page_of=page_of)
    pdf_parts.finish(partial, dest, code="rundown_io.write_failed")
    return pages
