"""The review charts: they draw something (offscreen PNGs that are not blank), reuse their plot items from one
show to the next, explain an empty chart, read out the right numbers and export sharp PNGs."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from page_support import *  # noqa: F403
from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette

from streamdesk.core.review_types import FunnelStep, Marker, SegmentBand, SegmentResult, Timeline, TrendPoint
from streamdesk.models.base import Platform, SegmentKind
from streamdesk.ui.pages.review.charts import (
    ChartExportFailed,
    FunnelChart,
    SegmentBarsChart,
    TimelineChart,
    TrendsChart,
    export_png,
)
from streamdesk.ui.pages.review.charts.timeline_data import prepare
from streamdesk.ui.pages.review.charts.trends import moving_average, trend_values

ORIGIN = datetime(2026, 3, 1, 12, 0, 15, tzinfo=UTC)  # 15 s past a minute: the first clock minute starts at 45 s


def settle(ms: int = 30) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def band(index: int, start: float, end: float, kind: SegmentKind = SegmentKind.PITCH, title: str = "") -> SegmentBand:
    return SegmentBand(index + 1, index, title or f"Segment {index + 1}", kind, start, end, True)


def timeline(seconds: int = 7200, step: int = 60, bands: int = 4, seed: int = 1) -> Timeline:
    rng = np.random.default_rng(seed)
    times = np.arange(0, seconds, step, dtype=np.float64)
    online = 200 + 100 * np.sin(times / 900) + rng.normal(0, 10, len(times))
    edges = np.linspace(0, seconds, bands + 1)
    minutes = np.arange(45, seconds, 60, dtype=np.float64)
    counts = rng.integers(0, 4, len(minutes))
    return Timeline(
        origin=ORIGIN,
        seconds=tuple(times),
        series={"online": tuple(online), "comments": tuple(rng.integers(0, 9, len(times)).astype(float))},
        order_minutes=tuple(minutes),
        order_counts=tuple(int(c) for c in counts),
        order_gmv_minor=tuple(int(c) * 9900 for c in counts),
        bands=tuple(band(i, float(edges[i]), float(edges[i + 1])) for i in range(bands)),
        markers=(
            Marker(float(edges[1]) + 30, "flash_sale", "秒杀 A"),
            Marker(float(edges[2]) + 90, "giveaway", "福袋"),
        ),
    )


EMPTY_TIMELINE = Timeline(None, (), {}, (), (), (), (), ())


def pixel_spread(image: QImage) -> tuple[float, int]:
    """Standard deviation of the grey levels and the number of distinct colours: a blank box has ~0 and 1-2."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].reshape(-1, 4)
    grey = rows[:, :3].mean(axis=1)
    return float(grey.std()), len(np.unique(rows[:, :3].astype(np.uint32) @ np.array([65536, 256, 1])))


def saved_png(widget, tmp_path: Path, name: str) -> QImage:  # type: ignore[no-untyped-def]
    settle()
    path = tmp_path / f"{name}.png"
    assert widget.grab().save(str(path), "PNG")
    image = QImage(str(path))
    assert not image.isNull()
    return image


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#E8EAED"),
        (QPalette.ColorRole.Base, "#17181A"),
        (QPalette.ColorRole.Text, "#E8EAED"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def timeline_chart(qtbot) -> TimelineChart:  # type: ignore[no-untyped-def]
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(900, 380)
    chart.show()
    return chart


# --- timeline -----------------------------------------------------------------------------------------------------
def test_the_timeline_renders_to_a_png_that_is_not_blank_in_light_and_dark(timeline_chart, tmp_path) -> None:  # type: ignore[no-untyped-def]
    timeline_chart.set_data(timeline(), currency="CNY")
    light = saved_png(timeline_chart, tmp_path, "light")
    spread, colours = pixel_spread(light)
    assert spread > 12 and colours > 50
    timeline_chart.setPalette(dark_palette())
    assert timeline_chart.colours.dark
    dark = saved_png(timeline_chart, tmp_path, "dark")
    assert pixel_spread(dark)[0] > 12
    corner = dark.pixelColor(dark.width() // 2, dark.height() - 45)  # inside the plot, under the data
    assert corner.lightness() < 128  # the plot follows the dark palette instead of staying white


def test_set_data_reuses_the_plot_items(timeline_chart) -> None:  # type: ignore[no-untyped-def]
    timeline_chart.set_data(timeline(seed=1), currency="CNY")
    settle()
    count = timeline_chart.item_count()
    timeline_chart.set_data(timeline(seed=2, step=1, seconds=4 * 3600), currency="CNY")
    timeline_chart.set_data(timeline(seed=3, bands=2), currency="CNY")  # fewer bands: spares are hidden, not deleted
    settle()
    assert timeline_chart.item_count() == count
    assert sum(region.isVisible() for region in timeline_chart.bands) == 2


def test_an_empty_timeline_explains_what_fills_it(timeline_chart, tmp_path) -> None:  # type: ignore[no-untyped-def]
    timeline_chart.set_data(timeline(), currency="CNY")
    timeline_chart.set_data(EMPTY_TIMELINE, currency="CNY")
    assert timeline_chart.is_empty
    assert "Import metrics" in timeline_chart.empty_label.text()
    image = saved_png(timeline_chart, tmp_path, "empty")
    assert pixel_spread(image)[0] > 3  # the sentence is drawn, not a blank box
    timeline_chart.set_data(timeline(), currency="CNY")
    assert not timeline_chart.is_empty


def test_flows_are_summed_per_clock_minute_and_unknown_minutes_stay_unknown() -> None:
    # Samples every 20 s from 0 s; the origin is 15 s past the minute, so minutes start at 45 s, 105 s, …
    seconds = (0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0)
    entries = (1.0, 2.0, 3.0, 4.0, 5.0, math.nan, math.nan, 8.0)
    gmv = (100.0, 0.0, 0.0, 250.0, 0.0, 0.0, 0.0, 0.0)  # minor units
    data = Timeline(ORIGIN, seconds, {"entries": entries, "gmv_minor": gmv}, (), (), (), (), ())
    arrays = prepare(data, "CNY")
    assert arrays.phase == 45.0
    assert list(arrays.minute_starts) == [-15.0, 45.0, 105.0]  # the minute before 45 s holds 0, 20 and 40 s
    assert list(arrays.per_minute["entries"]) == [6.0, 9.0, 8.0]  # 1+2+3, 4+5 (100 s unknown), 8 (120 s unknown)
    assert list(arrays.gmv) == [1.0, 2.5, 0.0]  # yuan, from the platform: the show has no orders of its own
    assert arrays.sales_source == "platform"
    only_gap = Timeline(ORIGIN, (0.0, 60.0), {"entries": (math.nan, 2.0)}, (), (), (), (), ())
    assert math.isnan(prepare(only_gap, "CNY").per_minute["entries"][0])


def test_the_apps_own_orders_win_over_the_platform_sales() -> None:
    data = Timeline(ORIGIN, (0.0, 60.0), {"gmv_minor": (5000.0, 5000.0)}, (45.0, 105.0), (2, 1), (19800, 9900), (), ())
    arrays = prepare(data, "CNY")
    assert arrays.sales_source == "orders"
    assert list(arrays.orders) == [0.0, 2.0, 1.0]
    assert list(arrays.gmv) == [0.0, 198.0, 99.0]


def test_the_hover_read_out_names_the_time_segment_and_values(timeline_chart) -> None:  # type: ignore[no-untyped-def]
    times = tuple(float(s) for s in range(0, 600, 60))
    online = tuple(float(100 + s) for s in range(10))
    data = Timeline(
        ORIGIN,
        times,
        {"online": online},
        (285.0,),
        (3,),
        (29700,),
        (band(0, 0, 240, title="开场"), band(1, 240, 600, SegmentKind.FLASH_SALE, "秒杀 冰丝防晒衣")),
        (Marker(300.0, "flash_sale", "秒杀 #1"),),
    )
    timeline_chart.set_data(data, currency="CNY")
    settle()
    view = timeline_chart.plot_item.vb
    timeline_chart._on_mouse_moved(view.mapViewToScene(QPointF(310.5, 50.0)))
    assert timeline_chart.readout.isVisible() and timeline_chart.hover_line.isVisible()
    text = timeline_chart.readout.toPlainText()
    local = (ORIGIN + timedelta(seconds=285)).astimezone().strftime("%H:%M")
    assert local in text and "5:10 into the show" in text
    assert "秒杀 冰丝防晒衣" in text and "秒杀 #1" in text
    assert "Online viewers\n  105\n" in text  # viewers at the 300 s sample
    assert "GMV this minute\n  ¥297.00\nOrders this minute\n  3\n" in text  # the minute from 285 s: 3 × ¥99
    timeline_chart._on_mouse_moved(QPointF(-50.0, -50.0))
    assert not timeline_chart.readout.isVisible()


def test_clicking_a_band_says_which_segment(timeline_chart, qtbot) -> None:  # type: ignore[no-untyped-def]
    timeline_chart.set_data(timeline(bands=4), currency="CNY")
    settle()
    view = timeline_chart.plot_item.vb
    scene_point = view.mapViewToScene(QPointF(7200 * 0.6, 100.0))  # inside the third of four bands
    viewport_point = timeline_chart.plot_widget.mapFromScene(scene_point)
    with qtbot.waitSignal(timeline_chart.segment_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(timeline_chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point)
    assert clicked.args == [2]


# --- funnel and segments -------------------------------------------------------------------------------------------
FUNNEL = (
    FunnelStep("room_exposures", 152300, None),
    FunnelStep("viewers", 20410, 0.134),
    FunnelStep("product_exposures", None, None),
    FunnelStep("product_clicks", 2100, 0.1029),
    FunnelStep("orders_created", 310, 0.1476),
    FunnelStep("paid", 288, 0.929),
)


def test_the_funnel_labels_each_step_with_its_count_and_rate(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = FunnelChart()
    qtbot.addWidget(chart)
    chart.resize(600, 280)
    chart.show()
    chart.set_data(FUNNEL)
    texts = [label.toPlainText() for label in chart.labels]
    assert texts[0] == "152,300"  # the first step has no step before it
    assert texts[1] == "20,410  ↓ 13.4%"
    assert texts[2] == "no data"
    assert texts[3] == "2,100  ↓ 10.3%"
    assert pixel_spread(saved_png(chart, tmp_path, "funnel"))[0] > 12
    count = chart.item_count()
    chart.set_data(FUNNEL[:3])
    chart.set_data(FUNNEL)
    assert chart.item_count() == count
    chart.set_data(tuple(FunnelStep(step.key, None, None) for step in FUNNEL))
    assert chart.is_empty and "Enter totals" in chart.empty_label.text()


def segment_results(count: int) -> tuple[SegmentResult, ...]:
    results = []
    for i in range(count):
        kind = SegmentKind.FLASH_SALE if i == 1 else SegmentKind.PITCH
        gpm = None if i == 2 else 1000 * (i + 1)
        results.append(SegmentResult(band(i, i * 600.0, (i + 1) * 600.0, kind), 600, i + 2, i + 2, 9900 * (i + 2),
                                     gpm, 3000, 150.5 + i, 300, i))  # fmt: skip
    return tuple(results)


def test_segment_bars_switch_measures_and_report_clicks(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = SegmentBarsChart()
    qtbot.addWidget(chart)
    chart.resize(600, 320)
    chart.show()
    chart.set_data(segment_results(4), currency="CNY")
    assert [label.toPlainText() for label in chart.labels] == ["¥198.00", "¥297.00", "¥396.00", "¥495.00"]
    chart.set_measure("gpm")
    assert [label.toPlainText() for label in chart.labels] == ["¥10.00", "¥20.00", "no data", "¥40.00"]
    chart.set_measure("orders")
    assert [label.toPlainText() for label in chart.labels] == ["2", "3", "4", "5"]
    assert pixel_spread(saved_png(chart, tmp_path, "bars"))[0] > 12
    view = chart.plot_item.vb
    point = chart.plot_widget.mapFromScene(view.mapViewToScene(QPointF(1.0, 2.0)))  # the second row from the top
    with qtbot.waitSignal(chart.segment_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [1]
    count = chart.item_count()
    chart.set_data(segment_results(2), currency="CNY")
    chart.set_data(segment_results(4), currency="CNY")
    assert chart.item_count() == count
    chart.set_data((), currency="CNY")
    assert chart.is_empty and "rundown" in chart.empty_label.text()


# --- trends -------------------------------------------------------------------------------------------------------
def trend_points(count: int) -> tuple[TrendPoint, ...]:
    start = datetime(2026, 1, 5, 12, tzinfo=UTC)
    return tuple(
        TrendPoint(
            i,
            f"Show {i}",
            start + timedelta(days=7 * i),
            (Platform.DOUYIN,),
            100_000 * (i + 1),
            0,
            None if i == 2 else 0.02,
            90.0,
            10 * i,
            -5_000 if i == 0 else 20_000,
            "CNY",
        )
        for i in range(count)
    )


def test_the_moving_average_skips_missing_shows_and_waits_for_a_full_window() -> None:
    values = np.array([10.0, 20.0, math.nan, 40.0, 50.0])
    averaged = moving_average(values, 3)
    assert math.isnan(averaged[0]) and math.isnan(averaged[1])
    assert averaged[2] == 15.0  # (10 + 20) / 2: the missing show is left out, not counted as zero
    assert averaged[3] == 30.0  # (20 + 40) / 2
    assert averaged[4] == 45.0  # (40 + 50) / 2
    assert list(moving_average(values[:2], 1)) == [10.0, 20.0]
    assert math.isnan(moving_average(np.array([math.nan, math.nan]), 2)[1])


def test_trend_values_are_in_the_units_the_axis_shows() -> None:
    points = trend_points(3)
    assert list(trend_values(points, "gmv")) == [1000.0, 2000.0, 3000.0]  # yuan
    conversion = trend_values(points, "conversion")
    assert conversion[0] == pytest.approx(2.0) and math.isnan(conversion[2])  # percent; unknown stays unknown
    assert list(trend_values(points, "profit")) == [-50.0, 200.0, 200.0]


def test_the_trends_chart_draws_reads_out_and_explains_gaps(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = TrendsChart()
    qtbot.addWidget(chart)
    chart.resize(700, 320)
    chart.show()
    chart.set_data(trend_points(12), moving_average=3)
    assert pixel_spread(saved_png(chart, tmp_path, "trends"))[0] > 12
    settle()
    view = chart.plot_item.vb
    chart._on_mouse_moved(view.mapViewToScene(QPointF(4.1, 0.0)))
    text = chart.readout.toPlainText()
    assert "Show 4" in text and "¥5,000.00" in text and "¥4,000.00" in text  # GMV and the mean of shows 2-4
    assert chart.average_line.opts["symbol"] == "s"  # a lone average point (few shows) still shows
    count = chart.item_count()
    chart.set_measure("profit")
    assert chart.zero_line.isVisible()  # the first show lost money
    chart.set_data(trend_points(500), moving_average=5)
    assert chart.item_count() == count
    assert chart.values_line.opts["symbol"] is None  # 500 shows: lines only, the average reads through
    no_followers = tuple(
        TrendPoint(p.show_id, p.title, p.started_at, p.platforms, p.gmv_minor, 0, None, None, None, None, "CNY")
        for p in trend_points(3)
    )
    chart.set_measure("new_followers")
    chart.set_data(no_followers, moving_average=3)
    assert chart.is_empty and "New followers" in chart.empty_label.text()
    chart.set_data((), moving_average=3)
    assert chart.is_empty and "No shows to compare yet" in chart.empty_label.text()


# --- export -------------------------------------------------------------------------------------------------------
def test_export_writes_a_sharp_png_without_the_read_out(timeline_chart, tmp_path) -> None:  # type: ignore[no-untyped-def]
    timeline_chart.set_data(timeline(), currency="CNY")
    settle()
    timeline_chart._on_mouse_moved(timeline_chart.plot_item.vb.mapViewToScene(QPointF(3000.0, 100.0)))
    written = export_png(timeline_chart, tmp_path / "timeline")
    assert written == tmp_path / "timeline.png"
    image = QImage(str(written))
    assert (image.width(), image.height()) == (timeline_chart.width() * 2, timeline_chart.height() * 2)
    assert pixel_spread(image)[0] > 12
    assert not timeline_chart.readout.isVisible()
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.png"]  # no temporary file left behind
    with pytest.raises(ChartExportFailed, match="could not be saved"):
        export_png(timeline_chart, tmp_path / "missing" / "timeline.png")
