"""The review report's words and numbers, written once for both outputs (PDF and HTML): headings, the KPI table with
targets and the comparison show, funnel, segments, products, notes and action items, chart captions — translated
(context "ReviewReport", KPI names from streamdesk/review_labels.py) and formatted like the Review page.

A named Qt module of docs/ARCHITECTURE.md: QtCore's translator only, imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from streamdesk.core import report_format as fmt
from streamdesk.core.report_charts import Bar, TimelineText, TrendPanel
from streamdesk.core.review_types import Kpi, SegmentResult, ShowReviewData, TrendPoint


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    marks: tuple[str, ...] = ()  # per row: "best", "worst", "met", "missed" or ""
    empty: str = ""  # said instead of an empty table


@dataclass(frozen=True, slots=True)
class ActionLine:
    done: bool
    text: str
    detail: str  # "done on 数码好物夜 (02-21)" or "open"


@dataclass(frozen=True, slots=True)
class ReportContent:
    language: str
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]  # label, value
    headings: dict[str, str]  # section key → heading
    kpis: Table
    timeline_text: TimelineText
    funnel: Table
    funnel_bars: tuple[Bar, ...]
    segments: Table
    segment_bars: tuple[Bar, ...]
    products: Table
    trends: tuple[TrendPanel, ...]
    trend_window: int
    notes: tuple[tuple[str, str], ...]  # heading, text ("" → the empty sentence)
    actions: tuple[ActionLine, ...]
    empty: dict[str, str]  # section key → the sentence an empty section says
    legend: str  # under the trends chart
    footer: str


def _local(moment: datetime | None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    return "" if moment is None else moment.astimezone().strftime(pattern)


def _points() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ReviewReport", "{points} pts")


def _kpi_row(kpi: Kpi, currency: str) -> tuple[tuple[str, ...], str]:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import review_labels

    name = review_labels.kpi_name(kpi.key)
    if kpi.basis:
        name = QCoreApplication.translate("ReviewReport", "{name} ({basis})").format(
            name=name, basis=review_labels.basis_name(kpi.basis)
        )
    value = fmt.value(kpi.unit, kpi.value, currency)
    if kpi.approx and value != fmt.NO_DATA:
        value = QCoreApplication.translate("ReviewReport", "≈{value}").format(value=value)
    target = ""
    if kpi.target is not None:
        target = f"{fmt.value(kpi.unit, kpi.target, currency)} {fmt.target_mark(kpi.target_met)}".strip()
    previous = "" if kpi.previous is None else fmt.value(kpi.unit, kpi.previous, currency)
    change = fmt.delta(kpi.unit, kpi.delta, kpi.delta_ratio, currency, _points())
    mark = "" if kpi.target_met is None else ("met" if kpi.target_met else "missed")
    return (name, value, target, previous, change), mark


def _kpis(data: ShowReviewData) -> Table:
    from PySide6.QtCore import QCoreApplication

    currency = data.header.currency
    rows = [_kpi_row(kpi, currency) for kpi in data.kpis]
    return Table(
        headers=(
            QCoreApplication.translate("ReviewReport", "Figure"),
            QCoreApplication.translate("ReviewReport", "This show"),
            QCoreApplication.translate("ReviewReport", "Target"),
            QCoreApplication.translate("ReviewReport", "Compared show"),
            QCoreApplication.translate("ReviewReport", "Change"),
        ),
        rows=tuple(row for row, _ in rows),
        numeric=(False, True, True, True, True),
        marks=tuple(mark for _, mark in rows),
        empty=QCoreApplication.translate(
            "ReviewReport", "No figures: this show has no orders and no imported metrics yet."
        ),
    )


def _funnel(data: ShowReviewData) -> tuple[Table, tuple[Bar, ...]]:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import review_labels

    rows, bars = [], []
    for step in data.funnel:
        name = review_labels.funnel_step_name(step.key)
        rate = fmt.ratio(step.rate) if step.rate is not None else ""
        rows.append((name, fmt.number(step.count), rate))
        bars.append(Bar(name, None if step.count is None else float(step.count), fmt.number(step.count), rate))
    table = Table(
        headers=(
            QCoreApplication.translate("ReviewReport", "Step"),
            QCoreApplication.translate("ReviewReport", "People or orders"),
            QCoreApplication.translate("ReviewReport", "From the step before"),
        ),
        rows=tuple(rows),
        numeric=(False, True, True),
        empty=QCoreApplication.translate(
            "ReviewReport", "No funnel: import the platform's totals (exposures, viewers, clicks) to see it."
        ),
    )
    return table, tuple(bars)


def _segment_time(data: ShowReviewData, result: SegmentResult) -> str:
    origin = data.timeline.origin or data.header.started_at
    if origin is None:
        return f"+{fmt.duration(result.band.start_seconds)}"
    start = origin + timedelta(seconds=result.band.start_seconds)
    end = origin + timedelta(seconds=result.band.end_seconds)
    return f"{_local(start, '%H:%M')}–{_local(end, '%H:%M')}"


def _segments(data: ShowReviewData) -> tuple[Table, tuple[Bar, ...]]:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels

    currency = data.header.currency
    rows, bars = [], []
    for result in data.segments:
        band = result.band
        title = band.title or labels.segment_kind_name(band.kind)
        actual = band.end_seconds - band.start_seconds
        length = f"{fmt.duration(actual)} / {fmt.duration(result.planned_seconds)}"
        rows.append(
            (
                str(band.index + 1),
                title,
                _segment_time(data, result),
                length,
                fmt.number(result.orders),
                fmt.money(result.gmv_minor, currency),
                fmt.money(result.gpm_minor, currency),
                fmt.number(result.average_online),
                fmt.number(result.new_followers),
            )
        )
        bars.append(Bar(f"{band.index + 1} {title}", float(result.gmv_minor), fmt.money(result.gmv_minor, currency)))
    table = Table(
        headers=(
            QCoreApplication.translate("ReviewReport", "#"),
            QCoreApplication.translate("ReviewReport", "Segment"),
            QCoreApplication.translate("ReviewReport", "Time"),
            QCoreApplication.translate("ReviewReport", "Actual / planned"),
            QCoreApplication.translate("ReviewReport", "Orders"),
            QCoreApplication.translate("ReviewReport", "GMV"),
            QCoreApplication.translate("ReviewReport", "GPM"),
            QCoreApplication.translate("ReviewReport", "Avg online"),
            QCoreApplication.translate("ReviewReport", "New followers"),
        ),
        rows=tuple(rows),
        numeric=(True, False, False, True, True, True, True, True, True),
        empty=QCoreApplication.translate("ReviewReport", "No segments: the show has no rundown and no live run."),
    )
    return table, tuple(bars)


def _products(data: ShowReviewData) -> Table:
    from PySide6.QtCore import QCoreApplication

    currency = data.header.currency
    rows, marks = [], []
    for product in data.products:
        name = f"{product.title} {product.spec_label}".strip()
        if product.best:
            name = QCoreApplication.translate("ReviewReport", "{name} (best)").format(name=name)
        elif product.worst:
            name = QCoreApplication.translate("ReviewReport", "{name} (weakest)").format(name=name)
        target = ""
        if product.target_units is not None:
            target = f"{fmt.number(product.target_units)} {fmt.target_mark(product.target_met)}".strip()
        rows.append(
            (
                name,
                product.sku_code,
                fmt.number(product.units),
                fmt.money(product.gmv_minor, currency),
                fmt.ratio(product.share),
                fmt.money(product.refunded_minor, currency) if product.refunded_minor else "",
                fmt.money(product.profit_minor, currency),
                target,
            )
        )
        marks.append("best" if product.best else ("worst" if product.worst else ""))
    return Table(
        headers=(
            QCoreApplication.translate("ReviewReport", "Product"),
            QCoreApplication.translate("ReviewReport", "SKU"),
            QCoreApplication.translate("ReviewReport", "Units"),
            QCoreApplication.translate("ReviewReport", "GMV"),
            QCoreApplication.translate("ReviewReport", "Share"),
            QCoreApplication.translate("ReviewReport", "Refunded"),
            QCoreApplication.translate("ReviewReport", "Gross profit"),
            QCoreApplication.translate("ReviewReport", "Target units"),
        ),
        rows=tuple(rows),
        numeric=(False, False, True, True, True, True, True, True),
        marks=tuple(marks),
        empty=QCoreApplication.translate("ReviewReport", "No products sold in this show."),
    )


def _trends(points: Sequence[TrendPoint], currency: str) -> tuple[TrendPanel, ...]:
    from PySide6.QtCore import QCoreApplication

    if len(points) < 2:
        return ()
    dates = tuple(_local(point.started_at, "%m-%d") for point in points)

    def panel(title: str, values: Sequence[float | None], write: object) -> TrendPanel:
        last = values[-1]  # this show's: "—" when it has none, not an older show's value
        latest = write(last) if callable(write) and last is not None and fmt.known(last) else fmt.NO_DATA
        return TrendPanel(title, dates, tuple(values), str(latest))

    def money_text(minor: float) -> str:
        return fmt.money(minor, currency)

    return (
        panel(QCoreApplication.translate("ReviewReport", "GMV"), [float(p.gmv_minor) for p in points], money_text),
        panel(
            QCoreApplication.translate("ReviewReport", "Conversion (buyers ÷ viewers)"),
            [p.conversion for p in points],
            fmt.ratio,
        ),
        panel(
            QCoreApplication.translate("ReviewReport", "Average watch time"),
            [p.average_watch_seconds for p in points],
            fmt.duration,
        ),
        panel(
            QCoreApplication.translate("ReviewReport", "New followers"),
            [None if p.new_followers is None else float(p.new_followers) for p in points],
            fmt.number,
        ),
        panel(
            QCoreApplication.translate("ReviewReport", "Gross profit"),
            [None if p.profit_minor is None else float(p.profit_minor) for p in points],
            money_text,
        ),
    )


def _subtitle(data: ShowReviewData) -> str:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels

    header = data.header
    parts = []
    if header.started_at is not None:
        when = _local(header.started_at)
        if header.ended_at is not None:
            when = QCoreApplication.translate("ReviewReport", "{start} – {end}").format(
                start=when, end=_local(header.ended_at, "%H:%M")
            )
        parts.append(when)
        if header.ended_at is not None:
            parts.append(fmt.duration((header.ended_at - header.started_at).total_seconds()))
    if header.platforms:
        parts.append(labels.platforms_text(header.platforms))
    return " · ".join(parts)


def _facts(data: ShowReviewData) -> tuple[tuple[str, str], ...]:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels

    facts = []
    compare = data.compare_to
    if compare is not None:
        when = _local(compare.started_at, "%Y-%m-%d") if compare.started_at else ""
        facts.append(
            (
                QCoreApplication.translate("ReviewReport", "Compared with"),
                f"{compare.title} ({when})" if when else compare.title,
            )
        )
    else:
        facts.append(
            (
                QCoreApplication.translate("ReviewReport", "Compared with"),
                QCoreApplication.translate("ReviewReport", "no earlier show to compare with"),
            )
        )
    if data.imports:
        files = ", ".join(
            QCoreApplication.translate("ReviewReport", "{file} ({platform}, %n row(s))", None, row.rows).format(
                file=row.file_name, platform=labels.platform_short_name(row.platform)
            )
            for row in data.imports
        )
        facts.append((QCoreApplication.translate("ReviewReport", "Platform data"), files))
    elif not data.has_metrics:
        facts.append(
            (
                QCoreApplication.translate("ReviewReport", "Platform data"),
                QCoreApplication.translate("ReviewReport", "none imported: figures come from the show's own orders"),
            )
        )
    costs = data.costs
    fee = QCoreApplication.translate("ReviewReport", "fee {percent}").format(
        percent=f"{costs.fee_basis_points / 100:g}%"
    )
    shipping = QCoreApplication.translate("ReviewReport", "shipping {amount} per parcel").format(amount=fmt.money(costs.shipping_per_order_minor,
                                                                            data.header.currency))  # fmt: skip
    giveaways = QCoreApplication.translate("ReviewReport", "giveaways {amount}").format(
        amount=fmt.money(costs.giveaways_minor, data.header.currency)
    )
    budget = QCoreApplication.translate("ReviewReport", "budget {amount}").format(
        amount=fmt.money(costs.budget_minor, data.header.currency)
    )
    facts.append((QCoreApplication.translate("ReviewReport", "Costs"), " · ".join((fee, shipping, giveaways, budget))))
    return tuple(facts)


def _actions(data: ShowReviewData) -> tuple[ActionLine, ...]:
    from PySide6.QtCore import QCoreApplication

    lines = []
    for item in data.actions:
        if item.done_at is None:
            detail = QCoreApplication.translate("ReviewReport", "open: carried to the next shows")
        else:
            detail = QCoreApplication.translate("ReviewReport", "done {date}").format(
                date=_local(item.done_at, "%Y-%m-%d")
            )
        lines.append(ActionLine(item.done_at is not None, item.text, detail))
    return tuple(lines)


def report_content(
    data: ShowReviewData, *, language: str, trends: Sequence[TrendPoint] = (), window: int = 3, printed: str = ""
) -> ReportContent:
    """Everything the report says, in the installed translation (the caller installs ``language``'s)."""
    from PySide6.QtCore import QCoreApplication

    funnel, funnel_bars = _funnel(data)
    segments, segment_bars = _segments(data)
    return ReportContent(
        language=language,
        title=QCoreApplication.translate("ReviewReport", "Review: {title}").format(title=data.header.title),
        subtitle=_subtitle(data),
        facts=_facts(data),
        headings={
            "kpis": QCoreApplication.translate("ReviewReport", "Key figures"),
            "timeline": QCoreApplication.translate("ReviewReport", "Timeline"),
            "funnel": QCoreApplication.translate("ReviewReport", "Funnel"),
            "segments": QCoreApplication.translate("ReviewReport", "Segments"),
            "products": QCoreApplication.translate("ReviewReport", "Products"),
            "trends": QCoreApplication.translate("ReviewReport", "Trends across shows"),
            "notes": QCoreApplication.translate("ReviewReport", "Notes"),
            "actions": QCoreApplication.translate("ReviewReport", "Action items for next time"),
        },
        kpis=_kpis(data),
        timeline_text=TimelineText(
            online=QCoreApplication.translate("ReviewReport", "Online viewers"),
            sales=QCoreApplication.translate("ReviewReport", "GMV per minute"),
            empty=QCoreApplication.translate(
                "ReviewReport", "No minute data: import the platform's minute trend to see the audience over the show."
            ),
        ),
        funnel=funnel,
        funnel_bars=funnel_bars,
        segments=segments,
        segment_bars=segment_bars,
        products=_products(data),
        trends=_trends(trends, data.header.currency),
        trend_window=window,
        notes=(
            (QCoreApplication.translate("ReviewReport", "Went well"), data.notes.went_well),
            (QCoreApplication.translate("ReviewReport", "Problems"), data.notes.problems),
        ),
        actions=_actions(data),
        empty={
            "notes": QCoreApplication.translate("ReviewReport", "Nothing written."),
            "actions": QCoreApplication.translate("ReviewReport", "No action items."),
            "trends": QCoreApplication.translate("ReviewReport", "Trends need at least two reviewed shows."),
            "segment_bars": QCoreApplication.translate("ReviewReport", "No sales in any segment."),
        },
        legend=QCoreApplication.translate(
            "ReviewReport", "Blue: each show. Red, dashed: moving average of the last %n show(s).", None, window
        ),
        footer=QCoreApplication.translate("ReviewReport", "StreamDesk review report · {printed}").format(
            printed=printed
        )
        if printed
        else "StreamDesk",
    )


@contextmanager
def translated(language: str) -> Iterator[None]:
    """Words in ``language`` while the report is written. Nothing changes when it is already the installed one (the
    GUI's language, or the CLI's ``--lang``); otherwise its translators are installed for the duration, with a
    source-text translator on top for English so that an installed Chinese translation does not answer."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from streamdesk.translations import install_translators

    app = QCoreApplication.instance()
    before = QLocale()
    if app is None or before.name() == QLocale(language).name():
        yield
        return

    class SourceText(QTranslator):
        """Answers every lookup with the source text (English), after the English plural forms."""

        def __init__(self, plurals: list[QTranslator]) -> None:
            super().__init__()
            self._plurals = plurals

        def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
            for plural in self._plurals:
                found = plural.translate(context, source, disambiguation, n)
                if found:
                    return found
            return source

        def isEmpty(self) -> bool:
            return False

    installed = install_translators(app, language)
    if language == "en":
        for translator in installed:
            app.removeTranslator(translator)
        installed = [SourceText(installed), *installed]
        app.installTranslator(installed[0])
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
