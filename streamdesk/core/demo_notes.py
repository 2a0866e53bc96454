"""The seller's own notes on the demo's streamed shows (复盘): what went well, what did not, and the action items
that carry forward. demo_review.py writes them beside the platforms' figures.

They tell the story the figures do: the evening shows sell, the afternoon ones play to an empty room, the weekend
room watches more than it buys, every pitch overruns, and the oat milk never sells however it is pitched.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReviewNotes:
    title: str  # the demo show's title
    went_well: str
    problems: str
    actions: tuple[tuple[str, int | None], ...]  # text, done on the n-th later streamed show (None: still open)
    shipping_minor: int | None = None
    giveaways_minor: int | None = None


REVIEWS = (
    ReviewNotes(
        "周末穿搭专场",
        "周末下午进场的人多，峰值在线是平时的一倍多；阔腿裤上身对比的画面留人。",
        "人多但下单少，很多人只看不买；每段讲解都超时，针织开衫讲到一半就该切下一个了。",
        (
            ("周末场多放福袋和秒杀，把只看不买的人留下来", 1),
            ("讲解段按实际会讲多久排，别都写 15 分钟", 2),
        ),
        shipping_minor=400,
    ),
    ReviewNotes(
        "午间家居好物",
        "收纳盒装满演示很直观，评论区问尺寸的人多，收纳盒卖得最好。",
        "中午在线人数一直不到一百；燕麦奶讲了十几分钟一单没出；讲解超时，午睡毯只剩几分钟。",
        (
            ("燕麦奶换个讲法：先做成咖啡，再讲配料表", 2),
            ("下午场再试一次，不行主推就放到晚上 8 点", 3),
        ),
        shipping_minor=300,
    ),
    ReviewNotes(
        "护肤彩妆夜",
        "晚上 8 点进来的人最精准，精华上脸后连续出单，每千次观看成交是开播以来最高的一场。",
        "气垫对比又讲超时，眼影只讲了一半；视频号那边几乎没人看。",
        (("讲解段开播前设好计时提醒，到点就切", 1),),
        giveaways_minor=1_200,
    ),
    ReviewNotes(
        "周日零食囤货",
        "周日下午人多，坚果拆袋试吃互动最高；投流带来不少新粉。",
        "看的人多、买的人少，每千次观看成交比晚场低一截；燕麦奶还是没人买。",
        (
            ("燕麦奶先不单独讲，放进福袋试试口碑", 1),
            ("周末场的投流预算减一半，挪到工作日晚场", 2),
        ),
        giveaways_minor=1_500,
    ),
    ReviewNotes(
        "下午茶时光",
        "铁观音冲泡画面好，买来送礼的客单价高。",
        "下午在线人数最低；燕麦奶拿铁讲了一刻钟还是零单；整场比计划多播了半小时。",
        (
            ("排流程时把讲解超时算进去，每段多留一半时间", 1),
            ("燕麦奶问供应商能不能退货", 2),
        ),
        shipping_minor=350,
    ),
    ReviewNotes(
        "夏日防晒专场",
        "防晒衣上身试穿后转化明显，讲解 20 分钟卖出最多；整点秒杀准时上架，套装 5 分钟内售罄。",
        "开场 10 分钟在线人数起得慢；尺码问题在评论区反复出现，答疑占了太多时间。",
        (
            ("开播前 1 小时发短视频预热，把预约人数做到 300 以上", 1),
            ("尺码表做成置顶卡片，讲解时主动展示", 1),
            ("秒杀库存提前锁定，避免超卖", 2),
        ),
        shipping_minor=350,
    ),
    ReviewNotes(
        "数码好物夜",
        "充电器实测画面直观，点击率是上一场的两倍；抽奖环节把在线人数拉回到峰值。",
        "视频号同步推流延迟大，评论回复跟不上；三件套讲解超时，后面的充电宝只剩 10 分钟。",
        (
            ("长讲解段设置 15 分钟提醒，超时就切下一个商品", 1),
            ("福袋和抽奖的奖品成本记到复盘里，算利润时别漏", None),
        ),
        giveaways_minor=5_400,
    ),
    ReviewNotes(
        "厨房收纳专场",
        "刀具切番茄的画面留人，收纳盒又卖了一轮。",
        "下午场人还是少；讲解照样超时，台灯讲完的时候直播间已经没几个人了。",
        (("工作日下午场先停掉，精力放到晚上 8 点", None),),
        shipping_minor=450,
    ),
    ReviewNotes(
        "宝妈福利专场",
        "连麦答疑留人效果好，平均观看时长最长；纸尿裤第二包半价带动了连带购买。",
        "福袋发放时间和讲解重叠，很多人只抢福袋不看商品；有一单商品没匹配上，发货前才发现。",
        (
            ("福袋放在讲解结束后发，口令用商品卖点", None),
            ("开播前在订单页检查未匹配的商品行", None),
        ),
        giveaways_minor=2_000,
    ),
)
