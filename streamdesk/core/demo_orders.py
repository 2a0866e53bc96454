"""The demo shop's orders, customers and after-sales cases, consistent with its shows.

Every show that was streamed gets orders across its segments, placed while each was on air in the live run (a
product the demo pitches but nobody buys is left out), as many as that kind of show draws (demo_plan.Stream): most
as an 抖店/快手 export would bring them in (one import batch per show, 19-digit order numbers, masked recipients),
some captured live (``L-…``). Older shows' orders are completed, the latest show's partly still to ship (a few
overdue); a few are cancelled or refunded, one needs review and one line waits to be matched. Buyers come back
across shows, the most loyal are tagged VIP or 粉丝团. Stock leaves through orders_stock like a real import's.
Deterministic for a seed: no ``secrets`` here, the draws are the demo's record, not a real draw.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from streamdesk.core import customers as customer_store
from streamdesk.core import orders_stock
from streamdesk.core.after_sales import AfterSales
from streamdesk.core.demo_plan import Stream
from streamdesk.core.demo_shows import stream_of
from streamdesk.core.live_sales import next_order_no
from streamdesk.core.order_types import CaseInput, CaseItemInput, CaseKind, CaseStatus
from streamdesk.core.orders_match import holds_stock
from streamdesk.core.show_types import SegmentKind, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.models.base import OrderSource, OrderStatus, Platform, StockReason, WaitlistStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.demo_runs import Aired
    from streamdesk.core.show_types import Rundown, SegmentProductRow, SegmentRow
    from streamdesk.db import SessionFactory
    from streamdesk.models.orders import Order

HEADS = ("小", "阿", "甜甜", "橙子", "momo", "喵", "糖糖", "大鱼", "Lily", "晴天", "开心", "豆豆")
TAILS = ("美", "强", "宝妈", "酱", "爱买买", "不吃香菜", "_88", "同学", "的日常", "超人", "1990", "在路上")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙"
REGIONS = (
    ("浙江省", "杭州市", "西湖区", "文三路"),
    ("广东省", "深圳市", "南山区", "科技园"),
    ("上海市", "上海市", "浦东新区", "张江路"),
    ("北京市", "北京市", "朝阳区", "望京街道"),
    ("四川省", "成都市", "武侯区", "天府大道"),
    ("江苏省", "南京市", "鼓楼区", "中山路"),
    ("湖北省", "武汉市", "洪山区", "珞喻路"),
)
COURIERS = (
    ("中通快递", "ZTO", "7531"),
    ("圆通速递", "YTO", "YT"),
    ("顺丰速运", "SF", "SF"),
    ("韵达快递", "YD", "4312"),
)
PRESETS = {Platform.DOUYIN: ("douyin", "抖店订单导出"), Platform.KUAISHOU: ("kuaishou", "快手小店订单")}


@dataclass(frozen=True, slots=True)
class DemoOrders:
    orders: int
    customers: int
    cases: int


@dataclass(slots=True)
class _Made:
    """What the build wrote, for the cases written after it."""

    by_status: dict[OrderStatus, list[int]]
    nicknames: list[str]  # buyers so far, first come first
    orders_of: dict[int, int]  # customer id → orders
    last_time: datetime


def add_demo_orders(
    shows: Shows,
    sessions: SessionFactory,
    rng: random.Random,
    now: datetime,
    aired: Aired | None = None,
    unsold: frozenset[int] = frozenset(),
) -> DemoOrders:
    """Orders of every done show, in one transaction, then after-sales cases on some of them. An order falls inside
    its segment's time on air (``aired``, from the live runs; else the rundown's planned times); products in
    ``unsold`` are pitched but never bought."""
    from sqlmodel import func, select

    from streamdesk.models.orders import Customer, Order

    done = [s for s in shows.list_shows(status=ShowStatus.DONE) if s.planned_start is not None]
    made = _Made({status: [] for status in OrderStatus}, [], {}, now - timedelta(days=30))
    nicknames = _nicknames(rng)
    with sessions(write=True) as session, session.begin():
        for index, show in enumerate(done):
            latest = index == len(done) - 1
            plan = _Plan(shows.rundown(show.id), show.platforms, stream_of(show.title), aired or {}, unsold)
            _show_orders(session, plan, rng, now, nicknames, made, latest)
        _tag_customers(session, made)
        counts = (
            session.exec(select(func.count()).select_from(Order)).one(),
            session.exec(select(func.count()).select_from(Customer)).one(),
        )
    cases = _cases(sessions, made, rng, now)
    return DemoOrders(orders=counts[0], customers=counts[1], cases=cases)


def _nicknames(rng: random.Random) -> list[str]:
    names = [head + tail for head in HEADS for tail in TAILS]
    rng.shuffle(names)
    return names


def _new_nickname(nicknames: list[str], taken: int) -> str:
    """The next buyer never seen before; once every name is taken, the names again with a number (小美2)."""
    base = nicknames[taken % len(nicknames)]
    return base if taken < len(nicknames) else f"{base}{taken // len(nicknames) + 1}"


@dataclass(frozen=True, slots=True)
class _Plan:
    """One streamed show as its orders are written."""

    rundown: Rundown
    platforms: tuple[Platform, ...]
    stream: Stream
    aired: Aired
    unsold: frozenset[int]

    def windows(self) -> list[tuple[SegmentRow, datetime, datetime]]:
        """Each segment with its time on air (the run's, else the rundown's planned times)."""
        found = []
        for segment, timing in zip(self.rundown.segments, self.rundown.timings, strict=True):
            start, end = self.aired.get(segment.id) or (timing.start, timing.end)
            if start is not None and end is not None:
                found.append((segment, start, end))
        return found


def _show_orders(
    session: Session, plan: _Plan, rng: random.Random, now: datetime, nicknames: list[str], made: _Made, latest: bool
) -> None:
    from streamdesk.models.orders import ImportBatch

    rundown = plan.rundown
    windows = plan.windows()
    selling = [
        (segment, start, end, bought)
        for segment, start, end in windows
        if segment.kind is not SegmentKind.OPENING
        and (bought := [p for p in segment.products if p.product_id not in plan.unsold])
    ]
    everything = [p for *_, bought in selling for p in bought]
    platform = plan.platforms[0] if plan.platforms else Platform.DOUYIN
    preset, file_label = PRESETS.get(platform, ("douyin", "抖店订单导出"))
    end = max(window_end for *_, window_end in windows)
    batch = ImportBatch(
        preset=preset,
        file_name=f"{file_label}_{end:%Y%m%d}.csv",
        encoding="gb18030",
        show_id=rundown.show_id,
        imported_at=min(end + timedelta(days=1), now),
    )
    session.add(batch)
    session.flush()
    earlier_buyers = list(made.nicknames)
    show_buyers: list[str] = []
    for n in range(rng.randint(*plan.stream.orders)):
        segment, start, stop, bought = selling[n % len(selling)] if n % 3 else rng.choice(selling)
        created = start + timedelta(seconds=rng.randint(20, max(int((stop - start).total_seconds()) - 20, 21)))
        if earlier_buyers and rng.random() < 0.35:
            nickname = rng.choice(earlier_buyers)
        else:
            nickname = _new_nickname(nicknames, len(made.nicknames))
        live = rng.random() < 0.25
        products = [rng.choice(bought)] + ([rng.choice(everything)] if rng.random() < 0.2 else [])
        order = _order(session, platform, nickname, created, live, rng, now, made, latest)
        show_buyers.append(nickname)
        order.show_id, order.segment_id = rundown.show_id, segment.id
        order.import_batch_id = None if live else batch.id
        if latest and n == 5:
            order.raw_status, order.needs_review = "待买家确认(部分发货)", True
        _lines(session, order, products, rng, unmatched=latest and n == 9)
        batch.orders_added += 0 if live else 1
        batch.lines += 0 if live else len(products)
        made.by_status[order.status].append(order.id or 0)
        made.last_time = max(made.last_time, created)
    session.add(batch)
    _draw_and_waitlist(session, rundown.show_id, windows, show_buyers, rng, latest=latest)


def _order(
    session: Session,
    platform: Platform,
    nickname: str,
    created: datetime,
    live: bool,
    rng: random.Random,
    now: datetime,
    made: _Made,
    latest: bool,
) -> Order:
    from streamdesk.models.orders import CustomerAddress, Order, Shipment

    customer = customer_store.find_or_add(session, platform, nickname, created)
    assert customer.id is not None
    if nickname not in made.nicknames:
        made.nicknames.append(nickname)
    made.orders_of[customer.id] = made.orders_of.get(customer.id, 0) + 1
    status = _status(rng, (now - created).days, latest)
    paid = created + timedelta(seconds=rng.randint(15, 240))
    province, city, district, street = rng.choice(REGIONS)
    masked = not live
    order = Order(
        platform=platform,
        order_no=next_order_no(session, created) if live else "69" + "".join(rng.choices("0123456789", k=17)),
        source=OrderSource.LIVE if live else OrderSource.IMPORT,
        status=status,
        raw_status="" if live else _RAW.get(status, ""),
        customer_id=customer.id,
        created_at=created,
        paid_at=paid,
        recipient=f"{rng.choice(SURNAMES)}**" if masked else "",
        phone=f"1{rng.randint(30, 99)}****{rng.randint(0, 9999):04d}" if masked else "",
        province=province if masked else "",
        city=city if masked else "",
        district=district if masked else "",
        address=f"{street}**号" if masked else "",
        pii_masked=masked,
        buyer_note=rng.choice(("", "", "", "尽快发货", "不要放驿站", "送人的，不要放发票")),
        recorded_at=created,
        updated_at=created,
    )
    if status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED) or (
        status is OrderStatus.REFUNDED and rng.random() < 0.5
    ):
        order.shipped_at = min(paid + timedelta(hours=rng.randint(14, 40)), now)
    if status is OrderStatus.COMPLETED and order.shipped_at is not None:
        order.completed_at = min(order.shipped_at + timedelta(days=rng.randint(3, 6)), now)
    session.add(order)
    session.flush()
    if order.shipped_at is not None:
        courier, code, prefix = rng.choice(COURIERS)
        number = prefix + "".join(rng.choices("0123456789", k=12))
        session.add(Shipment(order_id=order.id or 0, courier=courier, courier_code=code, tracking_no=number,
                             shipped_at=order.shipped_at))  # fmt: skip
    if masked:
        session.add(
            CustomerAddress(
                customer_id=customer.id,
                recipient=order.recipient,
                phone=order.phone,
                province=province,
                city=city,
                district=district,
                detail=order.address,
                last_used_at=created,
            )
        )
    return order


_RAW = {
    OrderStatus.PAID: "备货中",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.COMPLETED: "已完成",
    OrderStatus.CANCELLED: "已关闭",
    OrderStatus.REFUNDING: "待商家收货",
    OrderStatus.REFUNDED: "同意退款，退款成功",
}


def _status(rng: random.Random, days_ago: int, latest: bool) -> OrderStatus:
    roll = rng.random()
    if roll < 0.04:
        return OrderStatus.CANCELLED
    if roll < 0.08:
        return OrderStatus.REFUNDED
    if roll < 0.10:
        return OrderStatus.REFUNDING
    if latest:  # a few days ago: most left, some still to pack (past the 48-hour rule: overdue)
        return OrderStatus.PAID if roll < 0.22 else OrderStatus.SHIPPED
    return OrderStatus.COMPLETED if roll < 0.9 or days_ago > 14 else OrderStatus.SHIPPED


def _lines(
    session: Session, order: Order, products: list[SegmentProductRow], rng: random.Random, *, unmatched: bool
) -> None:
    from streamdesk.models.orders import OrderLine

    assert order.id is not None
    goods = 0
    for n, product in enumerate(products, start=1):
        quantity = 1 if rng.random() < 0.75 else 2
        price = product.price_minor or 0
        line = OrderLine(
            order_id=order.id,
            line_no=str(n) if order.source is OrderSource.LIVE else f"{order.order_no[:-2]}{n:02d}",
            variant_id=None if unmatched else product.variant_id,
            sku_code="FD-2026" if unmatched else product.sku_code,
            title="神秘福袋 随机款" if unmatched else product.product_title,
            spec="" if unmatched else product.spec_label,
            quantity=quantity,
            unit_price_minor=price,
            total_minor=price * quantity,
        )
        session.add(line)
        session.flush()
        goods += price * quantity
        reference = orders_stock.line_reference(order.order_no, line.line_no)
        orders_stock.take_stock(session, line, order.paid_at or order.created_at, reference=reference)
        if not holds_stock(order):  # cancelled or refunded before it left: the stock came back
            orders_stock.put_back(session, line, order.updated_at, reason=StockReason.RETURN, reference=reference)
    order.currency = products[0].currency
    order.goods_minor = goods
    order.discount_minor = 3000 if goods >= 19900 else None
    order.paid_minor = goods - (order.discount_minor or 0)
    order.refunded_minor = order.paid_minor if order.status is OrderStatus.REFUNDED else 0
    orders_stock.settle_ship_by(session, order)
    session.add(order)


def _tag_customers(session: Session, made: _Made) -> None:
    from streamdesk.models.orders import Customer

    loyal = sorted(made.orders_of, key=lambda customer_id: (-made.orders_of[customer_id], customer_id))
    for rank, customer_id in enumerate(loyal[:6]):
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.tags = "vip,fan_club" if rank < 2 else "fan_club"
        customer.notes = "老客，每场都来，优先回复私信" if rank < 2 else ""
        session.add(customer)


def _cases(sessions: SessionFactory, made: _Made, rng: random.Random, now: datetime) -> int:
    """After-sales cases on the written orders: one of each kind, at every step of the workflow."""
    clock = [min(made.last_time + timedelta(days=1), now)]
    service = AfterSales(sessions, clock=lambda: clock[0])
    completed = made.by_status[OrderStatus.COMPLETED]
    shipped = made.by_status[OrderStatus.SHIPPED] or completed
    paid = made.by_status[OrderStatus.PAID] or shipped
    plans: list[tuple[CaseInput | Callable[[], CaseInput], CaseStatus]] = [
        (CaseInput(CaseKind.CONSULTATION, order_id=paid[0], summary="问什么时候发货",
                   notes="已告知 48 小时内发出"), CaseStatus.RESOLVED),
        (CaseInput(CaseKind.COMPLAINT, order_id=shipped[-1], summary="快递三天没更新物流",
                   notes="已联系中通催件"), CaseStatus.IN_PROGRESS),
        (CaseInput(CaseKind.SUGGESTION, customer_id=next(iter(made.orders_of)),
                   summary="希望多上大码", feedback="主播人很好，就是码偏小"), CaseStatus.CLOSED),
        (lambda: _return_case(sessions, completed[1], CaseKind.RETURN, "尺码不合适，七天无理由退货", True),
         CaseStatus.RESOLVED),
        (lambda: _return_case(sessions, completed[2], CaseKind.EXCHANGE, "换一个颜色", True), CaseStatus.OPEN),
        (CaseInput(CaseKind.REFUND, order_id=completed[3], summary="少发赠品，补偿 10 元", refund_minor=1000,
                   feedback="处理很快，满意"), CaseStatus.CLOSED),
        (lambda: _return_case(sessions, completed[4], CaseKind.RETURN, "收到破损，不退回仓库", False),
         CaseStatus.IN_PROGRESS),
        (CaseInput(CaseKind.COMPLAINT, order_id=paid[-1], summary="客服回复慢"), CaseStatus.OPEN),
    ]  # fmt: skip
    for plan, status in plans:
        clock[0] = min(clock[0] + timedelta(hours=rng.randint(2, 20)), now)
        case_id = service.open_case(plan() if callable(plan) else plan)
        for step in (CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED):
            if list(CaseStatus).index(step) > list(CaseStatus).index(status):
                break
            clock[0] = min(clock[0] + timedelta(hours=rng.randint(1, 12)), now)
            service.set_case_status(case_id, step)
    return len(plans)


def _return_case(sessions: SessionFactory, order_id: int, kind: CaseKind, summary: str, restock: bool) -> CaseInput:
    """A case taking back one unit of the order's first line, refunded unless it is an exchange."""
    from sqlmodel import col, select

    from streamdesk.models.orders import OrderLine

    with sessions() as session:
        line = session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(col(OrderLine.id))).first()
        assert line is not None and line.id is not None
        refund = 0 if kind is CaseKind.EXCHANGE else (line.unit_price_minor or 0)
        return CaseInput(kind, order_id=order_id, summary=summary, refund_minor=refund,
                         items=(CaseItemInput(line.id, 1, restock=restock),))  # fmt: skip


def _draw_and_waitlist(
    session: Session,
    show_id: int,
    windows: list[tuple[SegmentRow, datetime, datetime]],
    show_buyers: list[str],
    rng: random.Random,
    *,
    latest: bool,
) -> None:
    """The show's 抽奖 (logged as a real one is) at its giveaway segment, and on the latest show a waitlist for the
    first product that sold out on air: one served, one gave up, one still waiting."""
    import json

    from streamdesk.models.orders import LuckyDraw, WaitlistEntry

    for segment, _, end in windows:
        if segment.kind is SegmentKind.GIVEAWAY and show_buyers:
            entrants = list(dict.fromkeys(show_buyers))
            winners = rng.sample(entrants, min(3, len(entrants)))
            session.add(
                LuckyDraw(
                    show_id=show_id,
                    segment_id=segment.id,
                    prize=segment.title,
                    entrants_json=json.dumps(entrants, ensure_ascii=False),
                    winners_json=json.dumps(winners, ensure_ascii=False),
                    drawn_at=end,
                )
            )
    selling = [(segment, end) for segment, _, end in windows if segment.products]
    if not latest or not selling:
        return
    segment, sold_out_at = selling[0]
    for n, status in enumerate((WaitlistStatus.FULFILLED, WaitlistStatus.CANCELLED, WaitlistStatus.WAITING)):
        session.add(
            WaitlistEntry(
                show_id=show_id,
                variant_id=segment.products[0].variant_id,
                nickname=show_buyers[-1 - n] if len(show_buyers) > n else f"路人{n}",
                quantity=1 + n % 2,
                status=status,
                created_at=sold_out_at - timedelta(minutes=3 - n),
            )
        )
