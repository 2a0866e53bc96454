"""Two laptops capturing at once never oversell: two real Python processes open the same database (the SQLite file,
or the PostgreSQL database of team mode), wait for each other at a barrier and buy the last units together, round
after round. Exactly one of them gets the units, the other is told out of stock with what is left; the count ends at
what was left, the ledger equals the count, and no order number is given twice."""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from live_capture_worker import RESTOCK, Outcome, Sale, capture
from orders_support import add_bundle, add_product, ledger, make_catalogue, on_hand
from sqlmodel import col, select

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import LiveSaleInput
from streamdesk.core.orders import Orders
from streamdesk.db import Database
from streamdesk.models.orders import Order

ROUNDS = 20


@pytest.fixture
def catalogue(database, utc_clock, tmp_path: Path) -> Catalogue:
    return make_catalogue(database, utc_clock, tmp_path)


def run_two_laptops(
    target: str | Path, now: datetime, first: list[list[Sale]], second: list[list[Sale]]
) -> tuple[list[list[Outcome]], list[list[Outcome]]]:
    """Both processes' outcomes, round by round (each round starts in both at the same barrier)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=capture, args=(target, now.isoformat(), rounds, barrier, results, name))
        for name, rounds in (("first", first), ("second", second))
    ]
    for process in processes:
        process.start()
    try:
        outcomes: dict[str, list[list[Outcome]]] = {}
        deadline = time.monotonic() + 240
        while len(outcomes) < len(processes):
            try:
                name, got = results.get(timeout=1)
            except queue.Empty:
                crashed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                if crashed or time.monotonic() > deadline:
                    pytest.fail(f"a capture process ended without its outcomes (exit codes {crashed})")
                continue
            outcomes[name] = got
        for process in processes:
            process.join(timeout=30)
            assert process.exitcode == 0
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
    return outcomes["first"], outcomes["second"]


def order_numbers(database: Database) -> list[str]:
    with database.sessions() as session:
        return list(session.exec(select(Order.order_no).order_by(col(Order.id))).all())


def test_two_laptops_buying_the_last_units_sell_them_once(catalogue, database, database_target, utc_clock) -> None:
    # per round, one of: the last unit (each wants 1), the last 3 (each wants 2), the last set of a bundle
    expected: list[tuple[dict[int, int], int]] = []  # per round: the counts left, what the loser is told is left
    rounds: list[list[Sale]] = []
    for n in range(ROUNDS):
        (single,) = add_product(catalogue, f"福袋 {n}", (f"BAG-{n}", 1))
        (triple,) = add_product(catalogue, f"保温杯 {n}", (f"CUP-{n}", 3))
        cup, lid = add_product(catalogue, f"杯盖套装 {n}", (f"SET-CUP-{n}", 2), (f"SET-LID-{n}", 1))
        gift = add_bundle(catalogue, f"GIFT-{n}", [(cup, 1), (lid, 1)])
        expected += [({single: 0}, 0), ({triple: 1}, 1), ({cup: 1, lid: 0}, 0)]
        rounds += [[(single, 1, f"买家{n}")], [(triple, 2, f"买家{n}")], [(gift, 1, f"买家{n}")]]
    first, second = run_two_laptops(database_target, utc_clock(), rounds, rounds)

    assert [o for o in first + second if o[0][0] == "error"] == []
    for (counts, told), (a,), (b,) in zip(expected, first, second, strict=True):
        outcomes = sorted([a, b])
        assert [kind for kind, _ in outcomes] == ["out_of_stock", "sold"], (counts, outcomes)
        assert outcomes[0][1] == told
        for variant_id, left in counts.items():
            assert on_hand(database, variant_id) == left == ledger(database, variant_id)
    assert catalogue.ledger_mismatches() == ()
    numbers = order_numbers(database)
    assert len(numbers) == 3 * ROUNDS == len(set(numbers))
    sold = sorted(str(number) for kind, number in (o[0] for o in first + second) if kind == "sold")
    assert sold == sorted(numbers)


def test_two_laptops_capturing_fifty_sales_each_take_exactly_a_hundred(
    catalogue, database, database_target, utc_clock
) -> None:
    (cup,) = add_product(catalogue, "爆款保温杯", ("HOT-CUP", 500))
    sales: list[Sale] = [(cup, 1, f"粉丝{n % 7}") for n in range(50)]  # shared buyers: both add the same new ones
    first, second = run_two_laptops(database_target, utc_clock(), [sales], [sales])

    outcomes = first[0] + second[0]
    assert Counter(kind for kind, _ in outcomes) == {"sold": 100}, [o for o in outcomes if o[0] != "sold"][:3]
    numbers = order_numbers(database)
    assert len(numbers) == 100 == len(set(numbers))
    assert sorted(numbers) == [f"L-20260105-{n:04d}" for n in range(1, 101)]  # gapless: one after the other
    assert on_hand(database, cup) == 400 == ledger(database, cup)
    assert catalogue.ledger_mismatches() == ()
    assert len(Orders(database.sessions, clock=utc_clock).customers()) == 7


def test_a_hand_restock_while_the_other_laptop_sells_loses_no_unit(catalogue, database, database_target, utc_clock):
    """One laptop captures 40 sales while the other books 40 restocks of one unit by hand (Catalogue.adjust_stock)
    on the same SKU: the count ends where it started, equal to the ledger (a count read before the other laptop's
    sale and written back would lose that sale from the cache)."""
    (cup,) = add_product(catalogue, "爆款保温杯", ("HOT-CUP", 100))
    selling: list[Sale] = [(cup, 1, f"粉丝{n % 5}") for n in range(40)]
    restocking: list[Sale] = [(cup, 1, RESTOCK)] * 40
    first, second = run_two_laptops(database_target, utc_clock(), [selling], [restocking])

    assert Counter(kind for kind, _ in first[0] + second[0]) == {"sold": 40, "restocked": 40}
    assert on_hand(database, cup) == 100 == ledger(database, cup)
    assert catalogue.ledger_mismatches() == ()


def test_a_sale_refused_by_the_stock_update_says_what_is_left_now_and_writes_nothing(
    catalogue, database, utc_clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick check before the capture read a count another laptop has since sold from (here: it is told 99):
    the conditional UPDATE refuses, with the count as it is now, and nothing of the capture stays."""
    from streamdesk.core import live_sales

    orders = Orders(database.sessions, clock=utc_clock)
    cup, lid = add_product(catalogue, "杯", ("CUP-W", 5), ("LID", 1))
    gift = add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)])
    with monkeypatch.context() as patch:
        patch.setattr(live_sales, "available", lambda _session, _variant: 99)
        with pytest.raises(UserError) as error:
            orders.live_sale(LiveSaleInput(gift, "阿强", quantity=2))
    # the cups were taken first (lower id) and are counted back: 5 cups and 1 lid make 1 set
    assert (error.value.code, error.value.fields) == (
        "orders.out_of_stock",
        {"sku": "GIFT", "available": 1, "quantity": 2},
    )
    assert (on_hand(database, cup), on_hand(database, lid)) == (5, 1) == (ledger(database, cup), ledger(database, lid))
    assert order_numbers(database) == [] and orders.customers() == ()
    # a backorder takes the stock without the check, below zero, and undo puts it back exactly
    sale = orders.live_sale(LiveSaleInput(gift, "阿强", quantity=2, allow_backorder=True))
    assert (sale.available_after, on_hand(database, cup), on_hand(database, lid)) == (0, 1, -1)
    orders.undo_live_sale(sale.order_id)
    assert (on_hand(database, cup), on_hand(database, lid)) == (5, 1) == (ledger(database, cup), ledger(database, lid))


def test_the_session_never_writes_back_a_count_it_read_before_a_sale(catalogue, database, utc_clock) -> None:
    """The Variant a capture loaded is flushed again later in the same transaction (its price here): the count it
    writes must be the one the conditional UPDATE left, not the one read before."""
    from streamdesk.core import live_sales
    from streamdesk.models.catalogue import Variant

    (cup,) = add_product(catalogue, "保温杯", ("CUP", 4))
    with database.sessions(write=True) as session, session.begin():
        variant = session.get(Variant, cup)
        assert variant is not None and variant.on_hand == 4
        result = live_sales.live_sale(session, LiveSaleInput(cup, "小美", quantity=3), utc_clock())
        assert variant.on_hand == 1 == result.available_after
        variant.list_price_minor = 2590
        session.add(variant)
        session.flush()
    assert on_hand(database, cup) == 1 == ledger(database, cup)


def test_numbers_count_per_utc_day_from_that_days_orders(catalogue, database, utc_clock) -> None:
    """next_order_no reads only the orders placed on the number's day (the created_at index), not every order."""
    orders = Orders(database.sessions, clock=utc_clock)
    (cup,) = add_product(catalogue, "保温杯", ("CUP", 10))
    utc_clock.current = utc_clock.current.replace(hour=23, minute=59, second=59, microsecond=999_999)
    late = [orders.live_sale(LiveSaleInput(cup, "夜猫")).order_no for _ in range(2)]
    utc_clock.advance(microseconds=1)
    early = orders.live_sale(LiveSaleInput(cup, "早起")).order_no
    assert [*late, early] == ["L-20260105-0001", "L-20260105-0002", "L-20260106-0001"]
    utc_clock.advance(hours=5)
    assert orders.live_sale(LiveSaleInput(cup, "早起")).order_no == "L-20260106-0002"
