"""The review report as an A4 PDF: title, facts, the KPI table with targets and the comparison show, the timeline,
funnel, segments, products, trends, notes and action items; "page n of m" and the show's title on every page.

One QTextDocument laid out on a QPdfWriter like the host sheet (core/rundown_pdf.py; both take their writer, fonts
and footed pages from core/pdf_parts.py); the charts sit in the text flow as custom text objects whose drawObject
paints them with QPainter straight onto the page, so they stay vector (sharp at any zoom, small files). Table
headers repeat on each page.

A named Qt module of docs/ARCHITECTURE.md (QtGui only, imported inside the functions); needs a QGuiApplication.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from streamdesk.core import pdf_parts
from streamdesk.core.pdf_parts import RESOLUTION
from streamdesk.core.report_charts import FUNNEL, SALES, draw_bars, draw_timeline, draw_trends
from streamdesk.core.report_content import ReportContent, Table
from streamdesk.core.report_format import money
from streamdesk.core.review_types import ShowReviewData

MARGINS_MM = (14.0, 14.0, 14.0, 12.0)  # left, top, right, bottom
UNIT = RESOLUTION / 96  # device pixels per CSS pixel on the PDF grid
_MARK_COLOURS = {"best": "#e8f5e9", "worst": "#fff3e0"}
_TARGET_COLOURS = {"met": "#2e7d32", "missed": "#c62828"}

Draw = Callable[[Any, Any, float], None]


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _table(table: Table, widths: tuple[str, ...]) -> str:
    if not table.rows:
        return f'<p style="color:#607d8b"><i>{_e(table.empty)}</i></p>'
    head = "".join(
        f'<th width="{width}" align="{"right" if numeric else "left"}" style="background-color:#eceff1">{_e(text)}</th>'
        for text, numeric, width in zip(table.headers, table.numeric, widths, strict=True)
    )
    rows = []
    for n, row in enumerate(table.rows):
        mark = table.marks[n] if n < len(table.marks) else ""
        shade = f' style="background-color:{_MARK_COLOURS[mark]}"' if mark in _MARK_COLOURS else ""
        cells = []
        for column, (cell, numeric) in enumerate(zip(row, table.numeric, strict=True)):
            text = _e(cell)
            if column == 2 and mark in _TARGET_COLOURS:  # the KPI table's target column: met green, missed red
                text = f'<span style="color:{_TARGET_COLOURS[mark]}">{text}</span>'
            cells.append(f'<td align="{"right" if numeric else "left"}">{text}</td>')
        rows.append(f"<tr{shade}>{''.join(cells)}</tr>")
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse; '
        f'border-color:#b0bec5; font-size:8pt"><thead><tr>{head}</tr></thead>{"".join(rows)}</table>'
    )


def _heading(text: str) -> str:
    return f'<h2 style="font-size:12pt; margin-top:14px; margin-bottom:4px">{_e(text)}</h2>'


def _chart(charts: list[tuple[Draw, float]], draw: Draw, height: float) -> str:
    """A marker paragraph, swapped for the chart's text object after the HTML is laid out."""
    charts.append((draw, height))
    return f"<p>[[chart:{len(charts) - 1}]]</p>"


def report_document_html(content: ReportContent, data: ShowReviewData) -> tuple[str, list[tuple[Draw, float]]]:
    """The report as QTextDocument HTML with chart markers, and the charts (draw, height in CSS px) they stand for."""
    currency = data.header.currency
    h = content.headings
    charts: list[tuple[Draw, float]] = []
    facts = "".join(
        f'<p style="margin:0"><span style="color:#546e7a">{_e(label)}</span>&nbsp;&nbsp;{_e(value)}</p>'
        for label, value in content.facts
    )
    parts = [
        f'<h1 style="font-size:18pt; margin-bottom:2px">{_e(content.title)}</h1>',
        f'<p style="font-size:11pt; margin-top:0">{_e(content.subtitle)}</p>',
        facts,
        _heading(h["kpis"]),
        _table(content.kpis, ("34%", "17%", "17%", "17%", "15%")),
        _heading(h["timeline"]),
        _chart(
            charts,
            lambda p, r, u: draw_timeline(
                p, r, data.timeline, content.timeline_text, unit=u, money=lambda v: money(v, currency)
            ),
            250,
        ),
        _heading(h["funnel"]),
    ]
    if any(bar.value for bar in content.funnel_bars):
        parts.append(_chart(charts, lambda p, r, u: draw_bars(p, r, content.funnel_bars, unit=u, colour=FUNNEL,
                                                              empty=content.funnel.empty),
                            22 * len(content.funnel_bars) + 8))  # fmt: skip
    parts.append(_table(content.funnel, ("40%", "30%", "30%")))
    parts.append(_heading(h["segments"]))
    if any(bar.value for bar in content.segment_bars):
        parts.append(_chart(charts, lambda p, r, u: draw_bars(p, r, content.segment_bars, unit=u, colour=SALES,
                                                              empty=content.empty["segment_bars"]),
                            20 * len(content.segment_bars) + 8))  # fmt: skip
    parts.append(_table(content.segments, ("3%", "24%", "13%", "13%", "8%", "11%", "10%", "9%", "9%")))
    parts.append(_heading(h["products"]))
    parts.append(_table(content.products, ("29%", "14%", "7%", "11%", "8%", "11%", "11%", "9%")))
    parts.append(_heading(h["trends"]))
    if content.trends:
        rows = (len(content.trends) + 2) // 3
        parts.append(_chart(charts, lambda p, r, u: draw_trends(p, r, content.trends, unit=u,
                                                                window=content.trend_window,
                                                                empty=content.empty["trends"]), 120 * rows))  # fmt: skip
        parts.append(f'<p style="color:#607d8b; font-size:8pt">{_e(content.legend)}</p>')
    else:
        parts.append(f'<p style="color:#607d8b"><i>{_e(content.empty["trends"])}</i></p>')
    parts.append(_heading(h["notes"]))
    for heading, text in content.notes:
        body = _e(text) if text.strip() else f'<i style="color:#607d8b">{_e(content.empty["notes"])}</i>'
        parts.append(f'<p style="margin-bottom:0"><b>{_e(heading)}</b></p><p style="margin-top:1px">{body}</p>')
    parts.append(_heading(h["actions"]))
    if content.actions:
        parts.extend(
            f'<p style="margin:2px 0">{"☑" if line.done else "☐"} {_e(line.text)} '
            f'<span style="color:#607d8b; font-size:8pt">({_e(line.detail)})</span></p>'
            for line in content.actions
        )
    else:
        parts.append(f'<p style="color:#607d8b"><i>{_e(content.empty["actions"])}</i></p>')
    return "".join(parts), charts


def _insert_charts(document: Any, charts: list[tuple[Draw, float]], width: float, font: Any) -> Any:
    """Swap each marker for a text object that paints its chart; returns the handler (keep it alive)."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPyTextObject, QTextCharFormat, QTextFormat

    kind = int(QTextFormat.ObjectTypes.UserObject) + 1
    key = int(QTextFormat.Property.UserProperty) + 1

    class ChartObject(QPyTextObject):
        def intrinsicSize(self, _document: Any, _position: int, form: Any) -> Any:
            return QSizeF(width, charts[int(form.property(key))][1] * UNIT)

        def drawObject(self, painter: Any, rect: Any, _document: Any, _position: int, form: Any) -> None:
            painter.save()
            painter.setFont(font)
            charts[int(form.property(key))][0](painter, rect, UNIT)
            painter.restore()

    handler = ChartObject(document)
    document.documentLayout().registerHandler(kind, handler)
    for index in range(len(charts)):
        cursor = document.find(f"[[chart:{index}]]")
        form = QTextCharFormat()
        form.setObjectType(kind)
        form.setProperty(key, index)
        cursor.insertText("\ufffc", form)
    return handler


def _keep_headings_with_next(document: Any, page_height: float) -> None:
    """A section heading left at the foot of a page, its chart or table on the next, moves over with them."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = document.documentLayout()
    for _attempt in range(20):  # each move can push later headings; a report has fewer sections than this
        block = document.begin()
        moved = False
        while block.isValid():
            following = block.next()
            if block.blockFormat().headingLevel() == 2 and following.isValid():
                here = layout.blockBoundingRect(block)
                there = layout.blockBoundingRect(following)
                if int(here.top() // page_height) != int(
                    (there.top() + min(there.height(), page_height / 4)) // page_height
                ):
                    form = block.blockFormat()
                    form.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    cursor = QTextCursor(block)
                    cursor.setBlockFormat(form)
                    moved = True
                    break
            block = following
        if not moved:
            return


def write_report_pdf(content: ReportContent, data: ShowReviewData, dest: Path) -> int:
    """Write the report to ``dest`` (A4 PDF, written aside and renamed) and return its page count."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPainter

    writer, partial = pdf_parts.pdf_writer(dest, title=content.title, margins_mm=MARGINS_MM, who="write_report_pdf")
    body = pdf_parts.body_rect(writer)
    text, charts = report_document_html(content, data)
    document = pdf_parts.text_document(writer, text)
    handler = _insert_charts(document, charts, body.width() - 4, document.defaultFont())
    page = pdf_parts.footed_page(document, body)
    pdf_parts.lay_out(document)
    _keep_headings_with_next(document, page.height())
    pages = pdf_parts.lay_out(document)
    reason = QCoreApplication.translate("ReviewReport", "the file cannot be created")
    painter = pdf_parts.begin_painter(writer, partial, dest, code="report.write_failed", reason=reason)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page_of = QCoreApplication.translate("ReviewReport", "Page {page} of {pages}")
    pdf_parts.paint_pages(painter, writer, document, body, pages=pages, footer=content.footer, page_of=page_of)
    del handler
    pdf_parts.finish(partial, dest, code="report.write_failed")
    return pages
