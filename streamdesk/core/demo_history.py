"""The demo shop's older streams: six shows from the two months before the ones demo_shows.py starts with, so the
seller's assistant has a history to learn from (it gives advice from five streamed shows on).

The history tells a story the advice can find. Weekday evening shows at 20:00 earn the most per 1,000 views;
the weekday 14:00 shows draw a thin afternoon room, and the weekend 15:00 shows a big room that mostly watches.
Some shows ran about an hour and a half, some two and a half. The host talks over every pitch (the runs write
each pitch about 1.6 times its plan, demo_runs.py). And the oat milk was pitched in three shows without one order
during its pitches (``NEVER_SOLD``: the orders leave it out).
"""

from __future__ import annotations

from streamdesk.core.demo_plan import AFTERNOON, WEEKEND_AFTERNOON, DemoShow, Seg, Slot, Stream, closing, opening
from streamdesk.core.show_types import BudgetKind, Platform, PromotionInput, PromotionKind, SegmentKind, ShowStatus

NEVER_SOLD = ("oat-milk",)  # pitched, never bought

EVENING_STREAM = Stream(orders=(44, 54), crowd=0.9)  # the regulars, who came to buy
AFTERNOON_STREAM = Stream(orders=(12, 16), crowd=1.0)  # passers-by on a break: few of them buy
WEEKEND_STREAM = Stream(orders=(26, 32), crowd=1.8)  # a full room that came to watch

HISTORY: tuple[DemoShow, ...] = (
    DemoShow(
        "周末穿搭专场",
        "早秋通勤穿搭",
        0,
        2.5,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        12_000,
        60,
        300,
        (
            PromotionInput(PromotionKind.FULL_REDUCTION, "满299减40"),
            PromotionInput(PromotionKind.LUCKY_BAG, "整点福袋"),
        ),
        (("千川投流", BudgetKind.VARIABLE, 2200), ("模特试穿", BudgetKind.FIXED, 400)),
        (("wide-pants", 80), ("linen-shirt", 50), ("knit-cardigan", 40), ("basic-tee", 150)),
        (
            opening(when="今天下午"),
            Seg(SegmentKind.WARM_UP, "福袋暖场：穿搭问答", 5, cue="福袋：真丝小方巾"),
            Seg(SegmentKind.PITCH, "阔腿裤上身对比", 20, ("wide-pants",)),
            Seg(SegmentKind.PITCH, "亚麻衬衫一衫三穿", 15, ("linen-shirt",)),
            Seg(SegmentKind.PITCH, "针织开衫叠穿", 20, ("knit-cardigan",)),
            Seg(SegmentKind.FLASH_SALE, "基础款T恤秒杀", 5, ("basic-tee",), "上架秒杀链接", flash_seconds=60),
            Seg(SegmentKind.INTERACTION, "评论区答疑：身高体重报尺码", 15),
            Seg(SegmentKind.PITCH, "真丝方巾系法", 10, ("silk-scarf",)),
            Seg(SegmentKind.PITCH, "防晒衣返场：秋天骑车也要穿", 10, ("sun-jacket",)),
            closing("周三下午 2 点家居好物"),
        ),
        slot=Slot(-8, 5, WEEKEND_AFTERNOON),
        stream=WEEKEND_STREAM,
    ),
    DemoShow(
        "午间家居好物",
        "收纳 + 清洁小物",
        0,
        1,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        2_500,
        30,
        80,
        (PromotionInput(PromotionKind.FULL_DISCOUNT, "满2件9折"),),
        (("千川投流", BudgetKind.VARIABLE, 600),),
        (("storage-box", 120), ("laundry-pods", 60), ("oat-milk", 30)),
        (
            opening(when="今天中午"),
            Seg(SegmentKind.PITCH, "叠加收纳盒装满演示", 10, ("storage-box",)),
            Seg(SegmentKind.PITCH, "洗衣凝珠溶解测试", 10, ("laundry-pods",)),
            Seg(SegmentKind.PITCH, "燕麦奶冲一杯午后咖啡", 10, ("oat-milk",)),
            Seg(SegmentKind.PITCH, "午睡毯上手摸", 10, ("throw-blanket",)),
            Seg(SegmentKind.INTERACTION, "评论区答疑：尺寸和材质", 10),
            closing("下周四晚 8 点护肤彩妆夜"),
        ),
        slot=Slot(-7, 2, AFTERNOON),
        stream=AFTERNOON_STREAM,
    ),
    DemoShow(
        "护肤彩妆夜",
        "换季护肤 + 日常妆",
        0,
        1.5,
        ShowStatus.DONE,
        (Platform.DOUYIN, Platform.CHANNELS),
        7_000,
        50,
        200,
        (
            PromotionInput(PromotionKind.COUPON, "店铺券满200减20"),
            PromotionInput(PromotionKind.SPECIAL_PRICE, "气垫直播专享价"),
        ),
        (("千川投流", BudgetKind.VARIABLE, 1500), ("试用小样", BudgetKind.VARIABLE, 200)),
        (("essence", 60), ("cushion", 50), ("eyeshadow", 40)),
        (
            opening(),
            Seg(SegmentKind.PITCH, "玻尿酸精华上脸", 15, ("essence",)),
            Seg(SegmentKind.PITCH, "气垫持妆对比", 10, ("cushion",)),
            Seg(SegmentKind.GIVEAWAY, "福袋：卸妆膏", 5, ("cleansing-balm",), "发福袋"),
            Seg(SegmentKind.PITCH, "大地色眼影手臂试色", 10, ("eyeshadow",)),
            Seg(SegmentKind.PITCH, "防晒乳返场：换季也要涂", 10, ("sunscreen",)),
            Seg(SegmentKind.PITCH, "护手霜 + 唇釉 凑单", 10, ("hand-cream", "lip-glaze")),
            closing("周日下午 3 点零食囤货"),
        ),
        slot=Slot(-6, 3),
        stream=EVENING_STREAM,
    ),
    DemoShow(
        "周日零食囤货",
        "一周零食一次买齐",
        0,
        2.5,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        6_000,
        60,
        150,
        (
            PromotionInput(PromotionKind.FULL_REDUCTION, "满99减15"),
            PromotionInput(PromotionKind.RED_PACKET, "开场红包"),
        ),
        (("千川投流", BudgetKind.VARIABLE, 1200), ("试吃样品", BudgetKind.VARIABLE, 150)),
        (("nuts", 120), ("beef-jerky", 60), ("dried-mango", 100), ("oat-milk", 30)),
        (
            opening(when="今天下午"),
            Seg(SegmentKind.WARM_UP, "红包暖场", 5, cue="发红包"),
            Seg(SegmentKind.PITCH, "每日坚果拆袋试吃", 20, ("nuts",)),
            Seg(SegmentKind.PITCH, "风干牛肉干手撕", 15, ("beef-jerky",)),
            Seg(SegmentKind.PITCH, "早餐搭配：燕麦奶", 10, ("oat-milk",)),
            Seg(SegmentKind.PITCH, "云南芒果干", 15, ("dried-mango",)),
            Seg(SegmentKind.GIVEAWAY, "福袋：收纳盒", 5, ("storage-box",), "发福袋"),
            Seg(SegmentKind.PITCH, "百花蜂蜜拉丝", 15, ("honey",)),
            Seg(SegmentKind.INTERACTION, "口味投票", 15),
            closing("周二下午 2 点下午茶时光"),
        ),
        slot=Slot(-6, 6, WEEKEND_AFTERNOON),
        stream=WEEKEND_STREAM,
    ),
    DemoShow(
        "下午茶时光",
        "茶饮 + 点心",
        0,
        1,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        4_000,
        30,
        80,
        (PromotionInput(PromotionKind.FULL_DISCOUNT, "满2件9折"),),
        (("千川投流", BudgetKind.VARIABLE, 800),),
        (("tieguanyin", 30), ("mooncake", 30), ("oat-milk", 30)),
        (
            opening(when="今天下午"),
            Seg(SegmentKind.PITCH, "铁观音现场冲泡", 15, ("tieguanyin",)),
            Seg(SegmentKind.PITCH, "燕麦奶拿铁", 10, ("oat-milk",)),
            Seg(SegmentKind.PITCH, "流心奶黄月饼切开看", 10, ("mooncake",)),
            Seg(SegmentKind.INTERACTION, "评论区答疑：送礼怎么选", 10),
            Seg(SegmentKind.PITCH, "蜂蜜柚子茶做法", 5, ("honey",)),
            closing("下周二晚 8 点夏日防晒专场"),
        ),
        slot=Slot(-5, 1, AFTERNOON),
        stream=AFTERNOON_STREAM,
    ),
    DemoShow(
        "厨房收纳专场",
        "厨房 + 浴室小改造",
        0,
        1,
        ShowStatus.DONE,
        (Platform.DOUYIN,),
        3_500,
        30,
        80,
        (PromotionInput(PromotionKind.COUPON, "满150减15"),),
        (("千川投流", BudgetKind.VARIABLE, 700),),
        (("kitchen-knife", 40), ("storage-box", 100), ("bath-towel", 50)),
        (
            opening(when="今天下午"),
            Seg(SegmentKind.PITCH, "刀具三件套切番茄", 15, ("kitchen-knife",)),
            Seg(SegmentKind.PITCH, "收纳盒改造橱柜", 10, ("storage-box",)),
            Seg(SegmentKind.PITCH, "纯棉浴巾吸水测试", 10, ("bath-towel",)),
            Seg(SegmentKind.GIVEAWAY, "抽奖：马克杯", 5, ("mug",), "开抽奖，口令“好收纳”"),
            Seg(SegmentKind.PITCH, "护眼台灯开箱", 10, ("desk-lamp",)),
            closing("下周四晚 8 点年货节预热"),
        ),
        slot=Slot(-3, 2, AFTERNOON),
        stream=AFTERNOON_STREAM,
    ),
)
