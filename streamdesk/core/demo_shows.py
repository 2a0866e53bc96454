"""The demo shop's shows: past and upcoming streams with rundowns over the demo's products, and one template.

The older streams are in demo_history.py; the calendar rules (upcoming shows a few days from the demo's clock at
20:00 Beijing time, past ones pinned to a weekday and hour of an earlier week) in demo_plan.py, so the calendar
always has two months behind and a few weeks ahead of "today". Talking points come from the products' crib sheets,
like the editor's prefill. One upcoming show targets more of a SKU than is in stock, so the stock check has
something to report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.demo_history import EVENING_STREAM, HISTORY, NEVER_SOLD
from streamdesk.core.demo_plan import PEOPLE, DemoShow, Seg, Slot, Stream, closing, opening
from streamdesk.core.show_types import (
    BudgetKind,
    BudgetLineInput,
    Platform,
    PromotionInput,
    PromotionKind,
    SegmentInput,
    SegmentKind,
    ShowInput,
    ShowStatus,
    SkuTargetInput,
)
from streamdesk.core.shows import Shows

SHOWS: tuple[DemoShow, ...] = (
    DemoShow(
        "夏日防晒专场",
        "防晒衣 + 防晒乳上新",
        0,
        1.5,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        6_000,
        50,
        200,
        (
            PromotionInput(PromotionKind.FULL_REDUCTION, "满199减30"),
            PromotionInput(PromotionKind.FLASH_SALE, "套装限量50套"),
        ),
        (
            ("千川投流", BudgetKind.VARIABLE, 1500),
            ("试穿样品", BudgetKind.VARIABLE, 300),
            ("补光灯租赁", BudgetKind.FIXED, 200),
        ),
        (("sun-jacket", 120), ("sunscreen", 150), ("summer-set", 40)),
        (
            opening(),
            Seg(SegmentKind.WARM_UP, "抽福袋暖场", 5, ("lip-glaze",), cue="福袋：唇釉小样"),
            Seg(SegmentKind.PITCH, "冰丝防晒衣讲解", 20, ("sun-jacket",)),
            Seg(SegmentKind.PITCH, "防晒乳讲解 + 上脸测试", 15, ("sunscreen",)),
            Seg(
                SegmentKind.FLASH_SALE,
                "防晒套装整点秒杀",
                5,
                ("summer-set",),
                "上架秒杀链接",
                at_minute=60,
                flash_seconds=60,
            ),
            Seg(SegmentKind.INTERACTION, "评论区答疑：尺码和肤质", 10),
            Seg(SegmentKind.PITCH, "唇釉试色", 10, ("lip-glaze",)),
            closing("周四晚 8 点数码好物夜"),
        ),
        slot=Slot(-4, 1),
        stream=EVENING_STREAM,
    ),
    DemoShow(
        "数码好物夜",
        "开学季充电装备",
        0,
        2.5,
        ShowStatus.DONE,
        (Platform.DOUYIN, Platform.CHANNELS),
        8_000,
        45,
        180,
        (
            PromotionInput(PromotionKind.COUPON, "店铺券满300减40"),
            PromotionInput(PromotionKind.LUCKY_DRAW, "抽3人送数据线"),
        ),
        (("千川投流", BudgetKind.VARIABLE, 2000), ("抽奖奖品", BudgetKind.VARIABLE, 120)),
        (("gan-charger", 80), ("earbuds", 60), ("creator-kit", 20)),
        (
            opening(),
            Seg(SegmentKind.PITCH, "氮化镓充电器实测", 20, ("gan-charger", "usb-c-cable")),
            Seg(SegmentKind.PITCH, "降噪耳机地铁实录", 20, ("earbuds",)),
            Seg(SegmentKind.GIVEAWAY, "抽奖：数据线三条", 5, ("usb-c-cable",), "开抽奖，口令“充电快”"),
            Seg(SegmentKind.PITCH, "主播开播三件套演示", 25, ("creator-kit",)),
            Seg(SegmentKind.PITCH, "磁吸充电宝", 15, ("power-bank",)),
            closing("下周三下午 2 点厨房收纳专场"),
        ),
        slot=Slot(-4, 3),
        stream=EVENING_STREAM,
    ),
    DemoShow(
        "年货节预热",
        "坚果茶叶礼盒",
        0,
        1.5,
        ShowStatus.CANCELLED,
        (Platform.TAOBAO,),
        3_000,
        30,
        100,
        (PromotionInput(PromotionKind.FULL_DISCOUNT, "满2件9折"),),
        (("直通车", BudgetKind.VARIABLE, 800),),
        (("nuts", 100), ("tieguanyin", 40)),
        (
            opening(),
            Seg(SegmentKind.PITCH, "每日坚果开箱", 20, ("nuts",)),
            Seg(SegmentKind.PITCH, "铁观音现场冲泡", 25, ("tieguanyin",)),
            Seg(SegmentKind.PITCH, "百花蜂蜜", 15, ("honey",)),
            closing("周末宠粉专场"),
        ),
        "主播嗓子发炎，改期到下周。",
        slot=Slot(-2, 3),
    ),
    DemoShow(
        "宝妈福利专场",
        "新生儿好物",
        0,
        2.5,
        ShowStatus.DONE,
        (Platform.KUAISHOU,),
        4_500,
        40,
        180,
        (
            PromotionInput(PromotionKind.LUCKY_BAG, "满5分钟可抢"),
            PromotionInput(PromotionKind.SPECIAL_PRICE, "纸尿裤第二包半价"),
        ),
        (
            ("快手粉条", BudgetKind.VARIABLE, 1000),
            ("福袋礼品", BudgetKind.VARIABLE, 200),
            ("场地", BudgetKind.FIXED, 300),
        ),
        (("diapers", 150), ("newborn-box", 30), ("wipes", 200)),
        (
            opening(("teether",)),
            Seg(SegmentKind.PITCH, "纸尿裤透气测试", 25, ("diapers",)),
            Seg(SegmentKind.PITCH, "湿巾 + 溶豆", 15, ("wipes", "snack-puffs")),
            Seg(SegmentKind.GIVEAWAY, "福袋：硅胶牙胶", 5, ("teether",), "发福袋"),
            Seg(SegmentKind.PITCH, "新生儿见面礼盒", 25, ("newborn-box",)),
            Seg(SegmentKind.INTERACTION, "宝妈连麦答疑", 20),
            closing("周末宠粉专场"),
        ),
        slot=Slot(0, 1),
        stream=EVENING_STREAM,
    ),
    DemoShow(
        "周末宠粉专场",
        "零食囤货",
        2,
        2,
        ShowStatus.SCHEDULED,
        (Platform.DOUYIN, Platform.CHANNELS),
        9_000,
        70,
        250,
        (
            PromotionInput(PromotionKind.FULL_REDUCTION, "满99减15"),
            PromotionInput(PromotionKind.FLASH_SALE, "9 点整牛肉干秒杀 100 份"),
            PromotionInput(PromotionKind.RED_PACKET, "开场红包雨"),
        ),
        (
            ("千川投流", BudgetKind.VARIABLE, 2500),
            ("试吃样品", BudgetKind.VARIABLE, 200),
            ("红包", BudgetKind.VARIABLE, 300),
        ),
        (("nuts", 200), ("beef-jerky", 100), ("dried-mango", 150), ("rice-noodles", None)),
        (
            opening(),
            Seg(SegmentKind.WARM_UP, "红包雨暖场", 5, cue="发红包"),
            Seg(SegmentKind.PITCH, "每日坚果试吃", 20, ("nuts",)),
            Seg(SegmentKind.PITCH, "云南芒果干", 15, ("dried-mango",)),
            Seg(
                SegmentKind.FLASH_SALE,
                "风干牛肉干整点秒杀",
                5,
                ("beef-jerky",),
                "上架秒杀链接",
                at_minute=60,
                flash_seconds=90,
            ),
            Seg(SegmentKind.PITCH, "螺蛳粉现场煮", 20, ("rice-noodles",)),
            Seg(SegmentKind.INTERACTION, "口味投票 + 答疑", 10),
            closing("下周三冬日居家好物"),
        ),
    ),
    DemoShow(
        "冬日居家好物",
        "暖冬睡眠",
        6,
        2,
        ShowStatus.SCHEDULED,
        (Platform.DOUYIN,),
        60_000,
        300,
        500,
        (PromotionInput(PromotionKind.COUPON, "满200减25"), PromotionInput(PromotionKind.LUCKY_BAG, "整点福袋")),
        (("千川投流", BudgetKind.VARIABLE, 1800), ("场地布置", BudgetKind.FIXED, 400)),
        (("throw-blanket", 120), ("pillow", 80), ("diffuser", 60)),
        (
            opening(),
            Seg(SegmentKind.PITCH, "记忆棉枕回弹测试", 25, ("pillow",)),
            Seg(SegmentKind.PITCH, "牛奶绒午睡毯", 20, ("throw-blanket",)),
            Seg(SegmentKind.GIVEAWAY, "整点福袋", 5, ("storage-box",), "发福袋", at_minute=60),
            Seg(SegmentKind.PITCH, "香薰 + 护眼台灯", 20, ("diffuser", "desk-lamp")),
            closing("珍珠饰品专场"),
        ),
    ),
    DemoShow(
        "珍珠饰品专场",
        "送礼季",
        13,
        1,
        ShowStatus.DRAFT,
        (Platform.CHANNELS,),
        40_000,
        150,
        300,
        (PromotionInput(PromotionKind.SPECIAL_PRICE, "耳钉直播专享价"),),
        (("视频号加热", BudgetKind.VARIABLE, 600),),
        (("pearl-earrings", 60), ("silver-necklace", 40)),
        (
            opening(),
            Seg(SegmentKind.PITCH, "淡水珍珠耳钉上耳", 20, ("pearl-earrings",)),
            Seg(SegmentKind.PITCH, "S925 锁骨链搭配", 20, ("silver-necklace", "hair-claw")),
            Seg(SegmentKind.PITCH, "足金小方糖戒指", 15, ("gold-ring",)),
            closing("下周同一时间"),
        ),
        "草稿：流程超出一小时，还要删一段。",
    ),
    *HISTORY,  # written after the shows above, which keep the ids they always had
)


TEMPLATE_SOURCE = "周末宠粉专场"
TEMPLATE_TITLE = "两小时带货专场模板"


def add_demo_shows(
    shows: Shows, catalogue: Catalogue, product_ids: dict[str, int], today: datetime, advance: Callable[[], None]
) -> int:
    """Write the demo shows and the template; returns how many were written (template included). ``advance``
    moves the build's clock between shows, so their creation times differ."""
    skus = {key: _best_sku(catalogue, product_id) for key, product_id in product_ids.items()}
    written: dict[str, int] = {}
    for show in SHOWS:
        advance()
        start = show.start(today)
        targets = []
        for key, units in show.targets:
            variant_id, available = skus[key]
            # Targets the stock covers, but for the one meant to be short (whatever stock the seed left).
            quantity = max(available, 0) + 30 if units is None else min(units, max(available, 1))
            targets.append(SkuTargetInput(variant_id, quantity))
        show_id = shows.create_show(
            ShowInput(
                title=show.title,
                theme=show.theme,
                platforms=show.platforms,
                planned_start=start,
                planned_seconds=int(show.hours * 3600),
                status=show.status,
                target_gmv_minor=show.gmv_yuan * 100,
                target_orders=show.orders,
                target_followers=show.followers,
                people=PEOPLE,
                promotions=show.promotions,
                budget=tuple(BudgetLineInput(label, kind, yuan * 100) for label, kind, yuan in show.budget),
                sku_targets=tuple(targets),
                notes=show.notes,
            )
        )
        shows.replace_segments(show_id, [_segment(shows, seg, start, skus) for seg in show.segments])
        written[show.title] = show_id
    shows.save_as_template(written[TEMPLATE_SOURCE], TEMPLATE_TITLE)
    return len(written) + 1


def stream_of(title: str) -> Stream:
    """How the demo show called ``title`` went on air (an ordinary evening when it is none of the demo's)."""
    return next((show.stream for show in SHOWS if show.title == title), Stream())


def never_sold(product_ids: dict[str, int]) -> frozenset[int]:
    """Ids of the products the demo pitches that nobody buys (demo_history.NEVER_SOLD)."""
    return frozenset(product_ids[key] for key in NEVER_SOLD if key in product_ids)


def _best_sku(catalogue: Catalogue, product_id: int) -> tuple[int, int]:
    """(variant id, available) of the product's best-stocked SKU on sale: the one a seller would put on air."""
    variants = [v for v in catalogue.get_product(product_id).variants if not v.archived]
    best = max(variants, key=lambda v: v.on_hand)  # the first of equals
    return best.id, best.on_hand


def _segment(shows: Shows, seg: Seg, start: datetime, skus: dict[str, tuple[int, int]]) -> SegmentInput:
    variant_ids = tuple(skus[key][0] for key in seg.products)
    talking_points = seg.talking_points or shows.talking_points_for(variant_ids)
    return SegmentInput(
        kind=seg.kind,
        title=seg.title,
        planned_seconds=seg.minutes * 60,
        fixed_start=None if seg.at_minute is None else start + timedelta(minutes=seg.at_minute),
        variant_ids=variant_ids,
        talking_points=talking_points,
        promotion_cue=seg.cue,
        flash_sale_seconds=seg.flash_seconds,
    )
