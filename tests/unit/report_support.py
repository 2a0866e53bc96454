"""A review built by hand for the report tests: every number known, so the report's text can be checked exactly."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from streamdesk.core.review_types import (
    ActionItemRow,
    CostInputs,
    FunnelStep,
    Kpi,
    Marker,
    MetricImportRow,
    ProductResult,
    ReviewHeader,
    ReviewNotes,
    SegmentBand,
    SegmentResult,
    ShowReviewData,
    Timeline,
    TotalsInput,
    TrendPoint,
)
from streamdesk.models.base import Platform, SegmentKind, ShowStatus

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
TITLE = "三月围巾专场 <Spring> & “scarves”"  # markup characters: the HTML must escape them
COMPARED = "二月围巾专场"


def _bands() -> tuple[SegmentBand, ...]:
    spans = ((SegmentKind.OPENING, "开场 <欢迎>", 0, 300), (SegmentKind.PITCH, "羊绒围巾讲解", 300, 1500),
             (SegmentKind.FLASH_SALE, "整点秒杀", 1500, 1800), (SegmentKind.CLOSING, "返场", 1800, 2400))  # fmt: skip
    return tuple(
        SegmentBand(
            segment_id=index + 10,
            index=index,
            title=title,
            kind=kind,
            start_seconds=float(start),
            end_seconds=float(end),
            from_timer=True,
        )
        for index, (kind, title, start, end) in enumerate(spans)
    )


def timeline(empty: bool = False) -> Timeline:
    if empty:
        return Timeline(None, (), {}, (), (), (), (), ())
    seconds = tuple(float(60 * m) for m in range(41))
    online = tuple(float(round(80 + 60 * math.sin(m / 6) + 4 * m)) for m in range(41))
    online = (*online[:12], math.nan, *online[13:])  # a missing minute stays a gap
    return Timeline(
        origin=START,
        seconds=seconds,
        series={"online": online, "gmv_minor": tuple(0.0 for _ in seconds)},
        order_minutes=(360.0, 600.0, 1560.0, 1620.0),
        order_counts=(1, 2, 5, 3),
        order_gmv_minor=(5900, 11800, 29500, 17700),
        bands=_bands(),
        markers=(Marker(1500.0, "flash_sale", "整点秒杀"), Marker(2100.0, "lucky_draw", "抽奖")),
    )


KPIS = (
    Kpi("gmv", "money", 6490000, basis="orders", target=6000000, target_met=True, previous=5000000, delta=1490000,
        delta_ratio=0.298),
    Kpi("net_gmv", "money", 6195000, basis="orders", previous=4900000, delta=1295000, delta_ratio=0.2643),
    Kpi("orders", "count", 11, basis="orders", target=20, target_met=False, previous=9, delta=2, delta_ratio=0.2222),
    Kpi("aov", "money", 590000, basis="buyers"),
    Kpi("peak_online", "count", 1234),
    Kpi("average_watch_seconds", "seconds", 95.0, approx=True),
    Kpi("watch_to_buy", "ratio", 0.0345, basis="viewers", previous=0.03, delta=0.0045, delta_ratio=0.15),
    Kpi("refund_rate", "ratio", 0.0455, basis="amount", higher_is_better=False),
    Kpi("roi", "multiple", 2.5, basis="budget"),
    Kpi("gross_profit", "money", -12345, previous=100, delta=-12445, delta_ratio=-124.45),
)  # fmt: skip


def review(*, empty: bool = False, with_compare: bool = True) -> ShowReviewData:
    header = ReviewHeader(
        show_id=7, title=TITLE, platforms=(Platform.DOUYIN, Platform.CHANNELS), currency="CNY",
        status=ShowStatus.DONE, planned_start=START, planned_seconds=2400, started_at=START,
        ended_at=START + timedelta(seconds=2400),
    )  # fmt: skip
    compare = ReviewHeader(
        show_id=3, title=COMPARED, platforms=(Platform.DOUYIN,), currency="CNY", status=ShowStatus.DONE,
        planned_start=START - timedelta(days=28), planned_seconds=3600, started_at=START - timedelta(days=28),
        ended_at=None,
    )  # fmt: skip
    bands = _bands()
    segments = tuple(
        SegmentResult(
            band=band,
            planned_seconds=int(band.end_seconds - band.start_seconds),
            orders=orders,
            units=orders,
            gmv_minor=gmv,
            gpm_minor=gpm,
            views=views,
            average_online=online,
            peak_online=None if online is None else int(online) + 20,
            new_followers=followers,
        )
        for band, orders, gmv, gpm, views, online, followers in zip(
            bands,
            (0, 3, 8, 0),
            (0, 17700, 47200, 0),
            (None, 12800, 98333, 0),
            (None, 1383, 480, 300),
            (None, 88.5, 141.0, 60.0),
            (None, 7, 12, 2),
            strict=True,
        )
    )
    products = (
        ProductResult(variant_id=1, title="羊绒围巾", spec_label="红", sku_code="SC-RED", units=9, gmv_minor=53100,
                      refunded_minor=5900, cost_minor=27000, profit_minor=20200, share=0.818, target_units=12,
                      target_met=False, best=True),
        ProductResult(variant_id=None, title="神秘福袋 & <惊喜>", spec_label="", sku_code="FD-1", units=2,
                      gmv_minor=11800, refunded_minor=0, cost_minor=None, profit_minor=None, share=0.182,
                      target_units=None, target_met=None, worst=True),
    )  # fmt: skip
    imports = (
        MetricImportRow(id=1, show_id=7, platform=Platform.DOUYIN, preset="douyin_trend", file_name="罗盘趋势.xlsx",
                        kind="trend", rows=41, samples=41, interval_seconds=60, gaps=(), duplicates=0,
                        imported_at=START + timedelta(hours=3)),
    )  # fmt: skip
    actions = (
        ActionItemRow(1, 7, TITLE, 0, "尺码表做成置顶卡片 <top>", None, None),
        ActionItemRow(2, 7, TITLE, 1, "Lock the flash-sale stock early", START + timedelta(days=7), 9),
    )
    return ShowReviewData(
        header=header,
        compare_to=compare if with_compare else None,
        kpis=() if empty else KPIS,
        funnel=()
        if empty
        else (
            FunnelStep("room_exposures", 52000, None),
            FunnelStep("viewers", 8000, 0.1538),
            FunnelStep("product_exposures", 4100, 0.5125),
            FunnelStep("product_clicks", 620, 0.1512),
            FunnelStep("orders_created", None, None),
            FunnelStep("paid", 11, 0.0177, basis="orders"),
        ),
        timeline=timeline(empty),
        segments=() if empty else segments,
        products=() if empty else products,
        totals=() if empty else (TotalsInput(Platform.DOUYIN, "manual", {"viewers": 8000}),),
        imports=() if empty else imports,
        costs=CostInputs(500, True, 350, False, 2000, 25800),
        notes=ReviewNotes() if empty else ReviewNotes("开场 <b>不加粗</b> & 连麦留人", "秒杀库存不够\n第二行"),
        actions=() if empty else actions,
        has_metrics=not empty,
    )


def trend_points() -> tuple[TrendPoint, ...]:
    values = ((3000000, 0.021, 80.0, 120, 400000), (5000000, 0.03, 88.0, 150, 900000), (4100000, None, 91.0, 90, None),
              (6490000, 0.0345, 95.0, 210, -12345))  # fmt: skip
    return tuple(
        TrendPoint(
            show_id=n + 4,
            title=f"Show {n}",
            started_at=START - timedelta(days=7 * (3 - n)),
            platforms=(Platform.DOUYIN,),
            gmv_minor=gmv,
            net_gmv_minor=gmv,
            conversion=conversion,
            average_watch_seconds=watch,
            new_followers=followers,
            profit_minor=profit,
            currency="CNY",
        )
        for n, (gmv, conversion, watch, followers, profit) in enumerate(values)
    )
