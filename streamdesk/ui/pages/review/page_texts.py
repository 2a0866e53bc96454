"""The Review page's sentences that depend on the data: the header line under the show picker, the "Compare with"
choices, the hint on what is missing, and the empty state without any show to review."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from streamdesk.core.review_types import ReviewHeader, ShowReviewData
from streamdesk.labels import platforms_text
from streamdesk.ui.formatting import format_duration, format_local_datetime


def no_shows_headline() -> str:
    return QCoreApplication.translate("ReviewPage", "No show to review yet")


def no_shows_text() -> str:
    return QCoreApplication.translate(
        "ReviewPage",
        "A show appears here once it has gone live. Plan a show on the Shows page and run it with the live timer; "
        "afterwards import its orders and the platform's live data, and review it here: what sold, when, and what "
        "to change next time.",
    )


def when_text(header: ReviewHeader) -> str:
    return format_local_datetime(header.started_at) if header.started_at is not None else ""


def header_text(data: ShowReviewData, auto_compare: bool) -> str:
    """ "Douyin · Kuaishou · went live 2026-01-05 20:00 · ran 2:05:00. Platform data: 2 imports, totals for 1
    platform. Compared with “…” (the previous show on the same platform)." """
    header = data.header
    parts = [platforms_text(header.platforms)] if header.platforms else []
    if header.started_at is not None:
        parts.append(
            QCoreApplication.translate("ReviewPage", "went live {when}").format(
                when=format_local_datetime(header.started_at)
            )
        )
    if header.started_at is not None and header.ended_at is not None:
        seconds = round((header.ended_at - header.started_at).total_seconds())
        parts.append(
            QCoreApplication.translate("ReviewPage", "ran {duration}").format(duration=format_duration(seconds))
        )
    sentences = [" · ".join(parts) + "." if parts else ""]
    if data.imports or data.totals:
        sentences.append(
            QCoreApplication.translate(
                "ReviewPage", "Platform data: %n import(s), totals for {platforms}.", None, len(data.imports)
            ).format(platforms=platforms_text(totals.platform for totals in data.totals))
            if data.totals
            else QCoreApplication.translate("ReviewPage", "Platform data: %n import(s).", None, len(data.imports))
        )
    compared = data.compare_to
    if compared is None and auto_compare:
        sentences.append(
            QCoreApplication.translate("ReviewPage", "No earlier show on the same platform to compare with.")
        )
    elif compared is None:
        sentences.append(QCoreApplication.translate("ReviewPage", "Not compared with another show."))
    elif auto_compare:
        sentences.append(
            QCoreApplication.translate(
                "ReviewPage", "Compared with “{show}” ({when}), the previous show on the same platform."
            ).format(show=compared.title, when=when_text(compared))
        )
    else:
        sentences.append(
            QCoreApplication.translate("ReviewPage", "Compared with “{show}” ({when}).").format(
                show=compared.title, when=when_text(compared)
            )
        )
    return " ".join(sentence for sentence in sentences if sentence)


def data_hint(data: ShowReviewData) -> str:
    """What would complete the review: platform data when only orders exist, orders when only platform data do."""
    orders = next((kpi for kpi in data.kpis if kpi.key == "orders"), None)
    own_orders = orders is not None and orders.basis == "orders" and bool(orders.value)
    if own_orders and not data.has_metrics:
        return QCoreApplication.translate(
            "ReviewPage",
            "Only this app's orders so far. Import the platform's live data (Import metrics, Ctrl+I) or enter its "
            "totals to see viewers, the funnel, GPM, watch time and followers.",
        )
    if data.has_metrics and not own_orders:
        return QCoreApplication.translate(
            "ReviewPage",
            "GMV, orders and buyers come from the platform's figures: this app has no orders of the show. Import "
            "them on the Orders page for refunds, net GMV, products and gross profit.",
        )
    return ""


def auto_choice_text(title: str | None) -> str:
    if title is None:
        return QCoreApplication.translate("ReviewPage", "Previous show on the same platform")
    return QCoreApplication.translate("ReviewPage", "Previous show: {show}").format(show=title)


def show_choice_text(header: ReviewHeader) -> str:
    when = when_text(header)
    return f"{when} · {header.title}" if when else header.title
