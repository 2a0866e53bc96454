"""The review report as one self-contained HTML file: inline CSS, the charts as base64 PNGs (drawn by
core/report_charts.py, the PDF's look), every text HTML-escaped. Opens offline in any browser and prints on A4.

A named Qt module of docs/ARCHITECTURE.md (the charts are painted with QtGui, imported inside the functions).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import Any

from streamdesk.core.report_charts import FUNNEL, SALES, draw_bars, draw_timeline, draw_trends, render_png
from streamdesk.core.report_content import ActionLine, ReportContent, Table
from streamdesk.core.review_types import ShowReviewData

CHART_WIDTH = 900  # CSS pixels; the PNG holds twice as many for sharp screens and print

STYLE = """
body{font-family:"Noto Sans","Segoe UI","Helvetica Neue",Arial,"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",
sans-serif;color:#263238;margin:24px auto;max-width:960px;padding:0 16px;font-size:14px;line-height:1.45}
h1{font-size:24px;margin:0 0 2px}h2{font-size:17px;margin:26px 0 8px;border-bottom:2px solid #e3e7ea;padding-bottom:3px}
.sub{color:#546e7a;margin:0 0 10px}.facts{margin:0;color:#37474f}.facts dt{font-weight:bold;float:left;clear:left;
margin-right:8px}.facts dd{margin:0 0 2px}table{border-collapse:collapse;width:100%;margin:4px 0}
th,td{border:1px solid #cfd8dc;padding:4px 7px;vertical-align:top}th{background:#eceff1;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}tr.best td{background:#e8f5e9}tr.worst td{background:#fff3e0}
tr.missed td:nth-child(3){color:#c62828}tr.met td:nth-child(3){color:#2e7d32}img{width:100%;height:auto}
.empty{color:#607d8b;font-style:italic}.note{white-space:pre-wrap;margin:0 0 10px}.legend{color:#607d8b;font-size:12px}
ul.actions{list-style:none;padding:0}ul.actions li{margin:3px 0}ul.actions .detail{color:#607d8b;font-size:12px}
footer{margin-top:30px;color:#90a4ae;font-size:12px}@media print{body{margin:0;max-width:none}h2{break-after:avoid}
img,tr{break-inside:avoid}}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def table_html(table: Table) -> str:
    if not table.rows:
        return f'<p class="empty">{_e(table.empty)}</p>'
    head = "".join(
        f"<th{' class=n' if numeric else ''}>{_e(text)}</th>"
        for text, numeric in zip(table.headers, table.numeric, strict=True)
    )
    body = []
    for n, row in enumerate(table.rows):
        mark = table.marks[n] if n < len(table.marks) and table.marks[n] else ""
        cells = "".join(
            f"<td{' class=n' if numeric else ''}>{_e(cell)}</td>"
            for cell, numeric in zip(row, table.numeric, strict=True)
        )
        body.append(f"<tr{f' class={mark}' if mark else ''}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _image(draw: Callable[[Any, Any, float], None], height: int, alt: str) -> str:
    data = base64.b64encode(render_png(draw, CHART_WIDTH, height)).decode("ascii")
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{data}">'


def _actions(lines: tuple[ActionLine, ...], empty: str) -> str:
    if not lines:
        return f'<p class="empty">{_e(empty)}</p>'
    items = "".join(
        f'<li>{"☑" if line.done else "☐"} {_e(line.text)} <span class="detail">({_e(line.detail)})</span></li>'
        for line in lines
    )
    return f'<ul class="actions">{items}</ul>'


def report_html(content: ReportContent, data: ShowReviewData) -> str:
    """The whole page as text."""
    from streamdesk.core.report_format import money

    currency = data.header.currency
    h = content.headings
    facts = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in content.facts)
    parts = [
        f'<h1>{_e(content.title)}</h1><p class="sub">{_e(content.subtitle)}</p><dl class="facts">{facts}</dl>',
        f"<h2>{_e(h['kpis'])}</h2>{table_html(content.kpis)}",
        f"<h2>{_e(h['timeline'])}</h2>",
        _image(
            lambda p, r, u: draw_timeline(
                p, r, data.timeline, content.timeline_text, unit=u, money=lambda v: money(v, currency)
            ),
            300,
            h["timeline"],
        ),
        f"<h2>{_e(h['funnel'])}</h2>",
    ]
    if any(bar.value for bar in content.funnel_bars):
        height = 26 * len(content.funnel_bars) + 10
        parts.append(
            _image(
                lambda p, r, u: draw_bars(p, r, content.funnel_bars, unit=u, colour=FUNNEL, empty=content.funnel.empty),
                height,
                h["funnel"],
            )
        )
    parts.append(table_html(content.funnel))
    parts.append(f"<h2>{_e(h['segments'])}</h2>")
    if any(bar.value for bar in content.segment_bars):
        height = 24 * len(content.segment_bars) + 10
        parts.append(
            _image(
                lambda p, r, u: draw_bars(
                    p, r, content.segment_bars, unit=u, colour=SALES, empty=content.empty["segment_bars"]
                ),
                height,
                h["segments"],
            )
        )
    parts.append(table_html(content.segments))
    parts.append(f"<h2>{_e(h['products'])}</h2>{table_html(content.products)}")
    parts.append(f"<h2>{_e(h['trends'])}</h2>")
    if content.trends:
        rows = (len(content.trends) + 2) // 3
        parts.append(
            _image(
                lambda p, r, u: draw_trends(
                    p, r, content.trends, unit=u, window=content.trend_window, empty=content.empty["trends"]
                ),
                170 * rows,
                h["trends"],
            )
        )
        parts.append(f'<p class="legend">{_e(content.legend)}</p>')
    else:
        parts.append(f'<p class="empty">{_e(content.empty["trends"])}</p>')
    parts.append(f"<h2>{_e(h['notes'])}</h2>")
    for heading, text in content.notes:
        body = _e(text) if text.strip() else f'<span class="empty">{_e(content.empty["notes"])}</span>'
        parts.append(f'<h3>{_e(heading)}</h3><p class="note">{body}</p>')
    parts.append(f"<h2>{_e(h['actions'])}</h2>{_actions(content.actions, content.empty['actions'])}")
    parts.append(f"<footer>{_e(content.footer)}</footer>")
    lang = content.language.replace("_", "-")
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(content.title)}</title><style>{STYLE}</style></head><body>{''.join(parts)}</body></html>\n"
    )
