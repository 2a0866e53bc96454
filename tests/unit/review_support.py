"""A synthetic show for the review tests, whose right answers are known by construction.

"Spring scarves" streams on Douyin, timer started at 12:00:00 UTC (5 Jan 2026):

    segment        band (s from start)   how it got there
    0 Opening      0 – 400               START at timer 1000; PAUSE 1100, RESUME 1160 (stays inside); NEXT at 1400
    1 Pitch        400 – 1000            NEXT at 2000
    2 Flash sale   1000 – 1200           NEXT at 2200
    3 Closing      1200 – 1300           FINISH at 2300

Orders (Douyin; the first four count):
    O1 12:01:00  X  PAID       10,000  a1 × 2 @ 5,000                      → Opening (by time)
    O2 12:08:00  Y  SHIPPED    25,000  b1 × 1                              → Pitch; after-sales refund 5,000
    O3 12:09:00  Y  COMPLETED   6,000  a1 × 1, segment_id = Flash sale    → Flash sale (by its segment, not its time)
    O4 12:17:00  Z  REFUNDED    4,000  a1 × 1, never shipped, no amount  → Flash sale; refunds all it paid
    O5 12:05:00  W  CANCELLED   9,999                                      not counted
    O6 12:06:00  W  PENDING     7,777                                      not counted
    O0 2025-12-01 X COMPLETED   3,000  no show                             makes X a returning buyer

Catalogue costs: a1 1,000, b1 3,000. Samples (Douyin, minute interval):
    12:00:00  online 100  views 300  entries 120  new followers 2  comments 10  likes 50  shares 0
    12:07:00  online 200  views 500  entries 150  new followers 3  comments 20  likes 30  shares 5
    12:17:00  online 300  views 200  entries  80  new followers 5
    12:25:00  online  50  views 100  entries  10  new followers 0   (after the finish: in no band)
Totals (Douyin, manual): room exposures 10,000, viewers 2,000, product exposures 800, product clicks 200, orders
created 5. Budget 10,000. Costs: fee default 5 % (settings), shipping 800 per parcel, giveaways 1,500.
Targets: GMV 20,000, orders 5, followers 10; SKU targets a1 5 units, b1 1 unit.
"Winter hats" (the comparison, DONE, Douyin, planned 1 Jan 2026 10:00 UTC, no run): one order of 30,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import FakeClock, FakeUTCClock
from history_support import add_order, add_samples, add_show

from streamdesk.config import ReviewSettings
from streamdesk.core.after_sales import AfterSales
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.order_types import CaseInput, CaseKind
from streamdesk.core.review import Review
from streamdesk.core.review_types import CostsInput
from streamdesk.core.show_runs import ShowRuns
from streamdesk.db import Database
from streamdesk.models.base import BudgetKind, OrderStatus, Platform, SegmentKind
from streamdesk.models.metrics import ShowTotals
from streamdesk.models.orders import LuckyDraw
from streamdesk.models.shows import ShowBudgetLine, ShowSkuTarget

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
RUNDOWN = (
    ("Opening", 300, SegmentKind.OPENING),
    ("Pitch", 600, SegmentKind.PITCH),
    ("Flash sale", 180, SegmentKind.FLASH_SALE),
    ("Closing", 120, SegmentKind.CLOSING),
)


@dataclass(frozen=True)
class Synthetic:
    show_id: int
    previous_id: int
    segment_ids: tuple[int, ...]
    a1: int
    b1: int
    orders: dict[str, int]


def review_service(database: Database, clock: FakeUTCClock, **settings: object) -> Review:
    chosen = ReviewSettings(**settings) if settings else ReviewSettings(fee_basis_points={"douyin": 500})
    return Review(database.sessions, clock=clock, settings=lambda: chosen)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def run_timer(database: Database, show_id: int, utc: FakeUTCClock) -> None:
    """The live run of the table above: timer seconds 1000 … 2300, START recorded at 12:00:00 UTC."""
    timer_clock = FakeClock(now=1000.0)
    utc.current = START
    runs = ShowRuns(database.sessions, clock=utc, timer_clock=timer_clock)
    timer = runs.start(show_id).timer
    for moment, command in (
        (1000, timer.start),
        (1100, timer.pause),
        (1160, timer.resume),
        (1400, timer.next),
        (2000, timer.next),
        (2200, timer.next),
        (2300, timer.finish),
    ):
        timer_clock.now = float(moment)
        utc.current = START + timedelta(seconds=moment - 1000)
        command()


def build(database: Database, tmp_path: Path, utc: FakeUTCClock) -> Synthetic:
    catalogue = Catalogue(
        database.sessions,
        images_dir=tmp_path / "images",
        thumbnails_dir=tmp_path / "images" / ".thumbnails",
        weights=ScoreWeights(),
        clock=utc,
    )
    a_product = catalogue.create_product(
        ProductInput(title="Silk scarf", variants=(VariantInput("A1", cost_minor=1000, initial_stock=50),))
    )
    b_product = catalogue.create_product(
        ProductInput(title="Cashmere wrap", variants=(VariantInput("B1", cost_minor=3000, initial_stock=50),))
    )
    a1 = catalogue.get_product(a_product).variants[0].id
    b1 = catalogue.get_product(b_product).variants[0].id

    previous_id, _ = add_show(database, "Winter hats", planned_start=datetime(2026, 1, 1, 10, 0, tzinfo=UTC))
    add_order(
        database, "P1", show_id=previous_id, created_at=datetime(2026, 1, 1, 10, 5, tzinfo=UTC), paid_minor=30_000,
        customer="Q", lines=((a1, 6, 30_000),),
    )  # fmt: skip
    show_id, segment_ids = add_show(
        database, "Spring scarves", planned_start=START, segments=RUNDOWN, targets=(20_000, 5, 10)
    )
    run_timer(database, show_id, utc)
    orders = {
        "O0": add_order(
            database, "O0", show_id=None, created_at=datetime(2025, 12, 1, tzinfo=UTC), paid_minor=3000,
            customer="X", status=OrderStatus.COMPLETED, lines=((a1, 1, 3000),),
        ),
        "O1": add_order(
            database, "O1", show_id=show_id, created_at=at(1), paid_minor=10_000, customer="X",
            lines=((a1, 2, 10_000),),
        ),
        "O2": add_order(
            database, "O2", show_id=show_id, created_at=at(8), paid_minor=25_000, customer="Y",
            status=OrderStatus.SHIPPED, shipped_at=at(60), lines=((b1, 1, 25_000),),
        ),
        "O3": add_order(
            database, "O3", show_id=show_id, created_at=at(9), paid_minor=6000, customer="Y",
            status=OrderStatus.COMPLETED, segment_id=segment_ids[2], shipped_at=at(60), lines=((a1, 1, 6000),),
        ),
        "O4": add_order(
            database, "O4", show_id=show_id, created_at=at(17), paid_minor=4000, customer="Z",
            status=OrderStatus.REFUNDED, lines=((a1, 1, 4000),),
        ),
        "O5": add_order(
            database, "O5", show_id=show_id, created_at=at(5), paid_minor=9999, customer="W",
            status=OrderStatus.CANCELLED, lines=((b1, 1, 9999),),
        ),
        "O6": add_order(
            database, "O6", show_id=show_id, created_at=at(6), paid_minor=7777, customer="W",
            status=OrderStatus.PENDING_PAYMENT, lines=((b1, 1, 7777),),
        ),
    }  # fmt: skip
    # The after-sales refund of O2 goes into the order's refunded_minor: counted there, and only there.
    AfterSales(database.sessions, clock=utc).open_case(
        CaseInput(kind=CaseKind.REFUND, order_id=orders["O2"], refund_minor=5000)
    )
    add_samples(
        database,
        show_id,
        [
            (at(0), {"online": 100, "views": 300, "entries": 120, "new_followers": 2, "comments": 10, "likes": 50,
                     "shares": 0}),
            (at(7), {"online": 200, "views": 500, "entries": 150, "new_followers": 3, "comments": 20, "likes": 30,
                     "shares": 5}),
            (at(17), {"online": 300, "views": 200, "entries": 80, "new_followers": 5}),
            (at(25), {"online": 50, "views": 100, "entries": 10, "new_followers": 0}),
        ],
    )  # fmt: skip
    with database.sessions(write=True) as session, session.begin():
        session.add(
            ShowTotals(
                show_id=show_id,
                platform=Platform.DOUYIN,
                room_exposures=10_000,
                viewers=2000,
                product_exposures=800,
                product_clicks=200,
                orders_created=5,
            )
        )
        session.add(ShowBudgetLine(show_id=show_id, label="投流", kind=BudgetKind.VARIABLE, amount_minor=10_000))
        session.add(ShowSkuTarget(show_id=show_id, variant_id=a1, quantity=5))
        session.add(ShowSkuTarget(show_id=show_id, variant_id=b1, quantity=1))
        session.add(LuckyDraw(show_id=show_id, prize="Scarf", entrants_json="[]", winners_json="[]", drawn_at=at(19)))
    review_service(database, utc).save_costs(show_id, CostsInput(shipping_per_order_minor=800, giveaways_minor=1500))
    return Synthetic(show_id, previous_id, segment_ids, a1, b1, orders)
