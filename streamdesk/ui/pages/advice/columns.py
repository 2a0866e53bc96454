"""The columns of the advice page's tables, each with a title, how its cells read and what they sort by."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from streamdesk import advice_texts
from streamdesk.core.advice_slots import BandGroup, GroupFigures, SlotGroup
from streamdesk.models.base import ShowRole
from streamdesk.ui.formatting import format_duration
from streamdesk.ui.pages.advice.tables import Column
from streamdesk.ui.pages.catalogue.labels import role_name
from streamdesk.ui.pages.review.formats import NO_DATA

T = TypeVar("T")


def _row_as(kind: type[T]) -> Callable[[object], T]:
    """The tables hold rows of one dataclass each, typed ``object`` in the shared model: this narrows them."""

    def row_as(row: object) -> T:
        assert isinstance(row, kind)
        return row

    return row_as


def _money(value: int | None, currency: Callable[[], str]) -> str:
    return NO_DATA if value is None else advice_texts.money(value, currency())


def _figure_columns(figures_of: Callable[[object], GroupFigures], currency: Callable[[], str]) -> list[Column[object]]:
    def watch(row: object) -> str:
        seconds = figures_of(row).average_watch_seconds
        return NO_DATA if seconds is None else format_duration(round(seconds))

    return [
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Shows"),
            lambda r: f"{figures_of(r).n}",
            lambda r: figures_of(r).n,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "GPM"),
            lambda r: _money(figures_of(r).gpm_minor, currency),
            lambda r: figures_of(r).gpm_minor,
            tip=lambda: QCoreApplication.translate(
                "AdviceTables", "GMV per 1,000 views, the mean over the shows with views"
            ),
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "GMV per hour"),
            lambda r: _money(figures_of(r).gmv_per_hour_minor, currency),
            lambda r: figures_of(r).gmv_per_hour_minor,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Avg. watch time"),
            watch,
            lambda r: figures_of(r).average_watch_seconds,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Orders per show"),
            lambda r: f"{figures_of(r).orders_mean:.1f}",
            lambda r: figures_of(r).orders_mean,
        ),
    ]


def slot_columns(currency: Callable[[], str]) -> list[Column[object]]:
    slot = _row_as(SlotGroup)

    return [
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Start"),
            lambda r: f"{advice_texts.day_kind(slot(r).key.weekend)} {advice_texts.clock_hour(slot(r).key.hour)}",
            lambda r: (slot(r).key.weekend, slot(r).key.hour),
            numeric=False,
        ),
        *_figure_columns(lambda r: slot(r).figures, currency),
    ]


def band_columns(currency: Callable[[], str]) -> list[Column[object]]:
    band = _row_as(BandGroup)

    return [
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Length"),
            lambda r: advice_texts.band(band(r).lower_seconds, band(r).upper_seconds),
            lambda r: band(r).lower_seconds,
            numeric=False,
        ),
        *_figure_columns(lambda r: band(r).figures, currency),
    ]


def product_columns() -> list[Column[object]]:
    from streamdesk.core.advice_products import ProductFigures

    p = _row_as(ProductFigures)

    def role(value: ShowRole | None) -> str:
        return role_name(value) or NO_DATA  # as the catalogue names it

    def number(value: float | None, digits: int = 1) -> str:
        return NO_DATA if value is None else f"{value:.{digits}f}"

    return [
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Product"),
            lambda r: p(r).title,
            lambda r: p(r).title,
            numeric=False,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Role now"),
            lambda r: role(p(r).current_role),
            lambda r: role(p(r).current_role),
            numeric=False,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Suggested"),
            lambda r: role(p(r).suggested_role),
            lambda r: role(p(r).suggested_role) if p(r).suggested_role else None,
            numeric=False,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Shows"),
            lambda r: f"{p(r).shows_pitched}",
            lambda r: p(r).shows_pitched,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Pitch min"),
            lambda r: f"{p(r).pitch_seconds / 60:.0f}",
            lambda r: p(r).pitch_seconds,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Sold in pitches"),
            lambda r: f"{p(r).pitches_sold}/{p(r).pitches}",
            lambda r: p(r).sold_share,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Conversion"),
            lambda r: advice_texts.percent(p(r).conversion, 2) if p(r).conversion is not None else NO_DATA,
            lambda r: p(r).conversion,
            tip=lambda: QCoreApplication.translate(
                "AdviceTables", "Orders of the product during its pitches ÷ views during those pitches"
            ),
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "GMV per pitch min"),
            lambda r: _money(p(r).gmv_per_pitch_minute_minor, lambda: p(r).currency),
            lambda r: p(r).gmv_per_pitch_minute_minor,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Margin"),
            lambda r: NO_DATA if p(r).margin_pct is None else f"{p(r).margin_pct:.1f}%",
            lambda r: p(r).margin_pct,
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Stock cover"),
            lambda r: number(p(r).stock_cover_shows),
            lambda r: p(r).stock_cover_shows,
            tip=lambda: QCoreApplication.translate(
                "AdviceTables", "How many shows the stock lasts at the units it sells per show"
            ),
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Score"),
            lambda r: NO_DATA if (score := p(r).score) is None else f"{score * 100:.0f}",
            lambda r: p(r).score,
            tip=lambda: QCoreApplication.translate(
                "AdviceTables", "Its past-sales part of the catalogue's selection score, 0 to 100"
            ),
        ),
    ]


def pacing_columns() -> list[Column[object]]:
    from streamdesk.core.advice_pacing import KindPacing

    k = _row_as(KindPacing)

    return [
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Segment kind"),
            lambda r: advice_texts.kind_name(k(r).kind.value),
            lambda r: k(r).kind.value,
            numeric=False,
        ),
        Column(lambda: QCoreApplication.translate("AdviceTables", "Segments"), lambda r: f"{k(r).n}", lambda r: k(r).n),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Planned"),
            lambda r: format_duration(round(k(r).median_planned_seconds)),
            lambda r: k(r).median_planned_seconds,
            tip=lambda: QCoreApplication.translate("AdviceTables", "The middle (median) planned length"),
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Actual"),
            lambda r: format_duration(round(k(r).median_actual_seconds)),
            lambda r: k(r).median_actual_seconds,
            tip=lambda: QCoreApplication.translate("AdviceTables", "The middle (median) length it really ran"),
        ),
        Column(
            lambda: QCoreApplication.translate("AdviceTables", "Actual ÷ planned"),
            lambda r: f"×{k(r).median_ratio:.2f}",
            lambda r: k(r).median_ratio,
        ),
    ]
