"""Orders for the shipping export tests, written straight into the test database (as an import leaves them):
addresses split and whole, masked ones, formula payloads, long notes, IDs and phones with leading zeros."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from streamdesk.db import Database
from streamdesk.models.base import OrderSource, OrderStatus, Platform
from streamdesk.models.orders import Customer, Order, OrderLine, Shipment

PLACED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)  # 20:30 in Shanghai
FORMULA = '=HYPERLINK("http://evil.example","点我")'
LONG_NOTE = "长" * 40_000


@dataclass(frozen=True)
class Line:
    title: str
    quantity: int
    unit_price_minor: int | None = 5990
    sku_code: str = ""
    spec: str = ""


@dataclass(frozen=True)
class Spec:
    order_no: str
    lines: tuple[Line, ...] = (Line("冰丝防晒衣", 1, sku_code="SUN-W-M", spec="白/M"),)
    platform: Platform = Platform.DOUYIN
    status: OrderStatus = OrderStatus.PAID
    buyer: str = ""
    recipient: str = "张三"
    phone: str = "13800138000"
    province: str = "浙江省"
    city: str = "杭州市"
    district: str = "西湖区"
    address: str = "文三路90号"
    postcode: str = ""
    country: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    pii_masked: bool = False
    currency: str = "CNY"
    shipping_minor: int | None = 0
    show_id: int | None = None
    minutes: int = 0  # placed this many minutes after PLACED
    tracking: tuple[str, str] | None = None  # (courier, tracking number)
    extra: dict[str, object] = field(default_factory=dict)


def add_orders(database: Database, specs: Sequence[Spec]) -> dict[str, int]:
    """Write the orders in one transaction; returns order_no → id."""
    ids: dict[str, int] = {}
    with database.sessions(write=True) as session, session.begin():
        customers: dict[tuple[Platform, str], int] = {}
        for spec in specs:
            customer_id = None
            if spec.buyer:
                key = (spec.platform, spec.buyer)
                if key not in customers:
                    customer = Customer(platform=spec.platform, nickname=spec.buyer)
                    session.add(customer)
                    session.flush()
                    assert customer.id is not None
                    customers[key] = customer.id
                customer_id = customers[key]
            goods = sum((line.unit_price_minor or 0) * line.quantity for line in spec.lines)
            order = Order(
                platform=spec.platform,
                order_no=spec.order_no,
                source=OrderSource.IMPORT,
                status=spec.status,
                customer_id=customer_id,
                show_id=spec.show_id,
                currency=spec.currency,
                goods_minor=goods,
                shipping_minor=spec.shipping_minor,
                paid_minor=goods + (spec.shipping_minor or 0),
                created_at=PLACED + timedelta(minutes=spec.minutes),
                paid_at=PLACED + timedelta(minutes=spec.minutes + 1),
                recipient=spec.recipient,
                phone=spec.phone,
                province=spec.province,
                city=spec.city,
                district=spec.district,
                address=spec.address,
                postcode=spec.postcode,
                country=spec.country,
                buyer_note=spec.buyer_note,
                seller_note=spec.seller_note,
                pii_masked=spec.pii_masked,
                **spec.extra,
            )
            session.add(order)
            session.flush()
            assert order.id is not None
            ids[spec.order_no] = order.id
            for number, line in enumerate(spec.lines, start=1):
                session.add(
                    OrderLine(
                        order_id=order.id,
                        line_no=str(number),
                        sku_code=line.sku_code,
                        title=line.title,
                        spec=line.spec,
                        quantity=line.quantity,
                        unit_price_minor=line.unit_price_minor,
                        total_minor=None if line.unit_price_minor is None else line.unit_price_minor * line.quantity,
                    )
                )
            if spec.tracking is not None:
                session.add(Shipment(order_id=order.id, courier=spec.tracking[0], tracking_no=spec.tracking[1]))
    return ids


def shop_orders() -> list[Spec]:
    """A small evening's orders covering what exports must get right."""
    return [
        Spec(
            "6917000000000000123",
            lines=(
                Line("冰丝防晒衣", 2, 5990, "SUN-W-M", "白/M"),
                Line("遮阳帽", 1, 1990, "HAT-01"),
            ),
            buyer="小鱼",
            buyer_note=FORMULA,
            seller_note="+送小样",
            tracking=("顺丰速运", "SF1234567890123"),
        ),
        Spec(
            "0012345",
            platform=Platform.TAOBAO,
            lines=(Line("羊绒围巾", 1, 12900, "0088", "灰"),),
            recipient="王小二",
            phone="02158889999",
            province="",
            city="",
            district="",
            address="上海 上海市 浦东新区 张江镇祖冲之路887弄（201203）",
            minutes=5,
        ),
        Spec(
            "6917000000000000456",
            recipient="李**",
            phone="138****1234",
            address="文三路***",
            pii_masked=True,
            minutes=10,
        ),
        Spec("6917000000000000789", buyer_note=LONG_NOTE, minutes=15),
        Spec(
            "576-123-001",
            platform=Platform.TIKTOK,
            lines=(Line("Sun hat", 3, 1250, "-HAT", "Red"),),
            recipient="Jane Doe",
            phone="+1 555 010 9999",
            province="MA",
            city="Boston",
            district="",
            address="1 Main St",
            postcode="02134",
            country="US",
            currency="USD",
            shipping_minor=499,
            minutes=20,
        ),
        Spec("L-20260301-0001", recipient="", phone="", address="", province="", city="", district="", minutes=25),
        Spec("6917000000000000999", status=OrderStatus.CANCELLED, minutes=30),
    ]
