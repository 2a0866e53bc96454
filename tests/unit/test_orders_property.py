"""Acceptance property: across any sequence of imports, re-imports, live captures, status changes (cancellations,
refunds), after-sales returns and undone captures, every variant's on_hand equals its initial stock plus the
ledger, no line's stock is taken twice, and each line's moves net to what the order still holds."""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from orders_support import FileLine, FileOrder, add_bundle, add_product, import_orders, make_catalogue
from sqlalchemy import text

from streamdesk.core.after_sales import AfterSales
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import CaseInput, CaseItemInput, CaseKind, LiveSaleInput, OrderStatus
from streamdesk.core.orders import Orders
from streamdesk.db import open_database

STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDED)
ORDER_NOS = ("6917000000000000001", "6917000000000000002", "6917000000000000003", "6917000000000000004")
RAM_DISK = "/dev/shm" if Path("/dev/shm").is_dir() else None
SKUS = 4  # cup, lid, bag (plain) and a gift set of 2 cups + 1 lid

# One operation: (kind, a, b, c) with small ints the test interprets.
operation = st.one_of(
    st.tuples(st.just("import"), st.integers(0, 3), st.sampled_from(STATUSES), st.integers(0, 2)),
    st.tuples(st.just("live"), st.integers(0, SKUS - 1), st.integers(1, 4), st.just(0)),
    st.tuples(st.just("status"), st.integers(0, 7), st.sampled_from(STATUSES), st.just(0)),
    st.tuples(st.just("return"), st.integers(0, 7), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("undo_live"), st.just(0), st.just(0), st.just(0)),
)


_TEMPLATE: dict[str, object] = {}


def _template(factory: pytest.TempPathFactory) -> Path:
    """A migrated shop with a cup (5), a lid (3), a bag (0) and a gift set of 2 cups + 1 lid, made once."""
    if "path" not in _TEMPLATE:
        path = factory.mktemp("prop-template") / "shop.sqlite3"
        database = open_database(path)
        catalogue = make_catalogue(database, FakeUTCClock(), path.parent)
        cup, lid, bag = add_product(catalogue, "杯", ("CUP", 5), ("LID", 3), ("BAG", 0))
        _TEMPLATE["variants"] = (cup, lid, bag, add_bundle(catalogue, "GIFT", [(cup, 2), (lid, 1)]))
        database.dispose()  # checkpoints the WAL into the file
        _TEMPLATE["path"] = path
    path = _TEMPLATE["path"]
    assert isinstance(path, Path)
    return path


def _file_lines(order_index: int, variants: list[int], extra: int) -> tuple[FileLine, ...]:
    """The same order number always has the same first lines; later exports may add lines (``extra``)."""
    base = [FileLine("1", variants[order_index % SKUS], 1 + order_index % 3)]
    base += [FileLine(str(2 + i), variants[(order_index + 1 + i) % SKUS], 2) for i in range(extra)]
    return tuple(base)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_stock_always_equals_initial_plus_the_ledger_and_no_line_is_taken_twice(
    operations: list[tuple[str, int, object, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Each service call commits with synchronous=FULL; a RAM disk keeps the sequences within seconds, and every
    # example starts from a copy of one shop file instead of migrating and filling a new one.
    template = _template(tmp_path_factory)
    folder = Path(tempfile.mkdtemp(dir=RAM_DISK)) if RAM_DISK else tmp_path_factory.mktemp("prop")
    shutil.copy(template, folder / "shop.sqlite3")
    database = open_database(folder / "shop.sqlite3")
    try:
        clock = FakeUTCClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
        variants = list(_TEMPLATE["variants"])
        cup, lid, bag = variants[:3]
        initial = {cup: 5, lid: 3, bag: 0}
        orders, after_sales = Orders(database.sessions, clock=clock), AfterSales(database.sessions, clock=clock)
        order_ids: list[int] = []
        live_ids: list[int] = []
        for kind, a, b, c in operations:
            clock.advance(minutes=1)
            if kind == "import":
                file_order = FileOrder(ORDER_NOS[a], _file_lines(a, variants, c), status=OrderStatus(str(b)))
                order_id = import_orders(database, clock(), [file_order])[ORDER_NOS[a]]
                order_ids += [] if order_id in order_ids else [order_id]
            elif kind == "live":
                sale = orders.live_sale(LiveSaleInput(variants[a], "买家", quantity=int(str(b)), allow_backorder=True))
                order_ids.append(sale.order_id)
                live_ids.append(sale.order_id)
            elif kind == "status" and order_ids:
                orders.set_status([order_ids[a % len(order_ids)]], OrderStatus(str(b)))
            elif kind == "return" and order_ids:
                order = orders.get_order(order_ids[a % len(order_ids)])
                line = order.lines[int(str(b)) % len(order.lines)]
                items = (CaseItemInput(line.id, min(c, line.quantity)),)
                after_sales.open_case(CaseInput(CaseKind.RETURN, order_id=order.row.id, items=items))
            elif kind == "undo_live" and live_ids:
                try:
                    orders.undo_live_sale(live_ids[-1])
                except UserError as error:
                    assert error.code == "orders.live_sale_in_use"
                else:
                    order_ids.remove(live_ids.pop())
            _check(database, initial)
    finally:
        database.dispose()
        if RAM_DISK:
            shutil.rmtree(folder, ignore_errors=True)


def _check(database, initial: dict[int, int]) -> None:
    with database.engine.connect() as conn:
        moves = conn.execute(text("SELECT variant_id, quantity, reason, reference FROM stock_moves")).all()
        cached = dict(conn.execute(text("SELECT id, on_hand FROM variants WHERE NOT is_bundle")).all())
        lines = conn.execute(
            text(
                "SELECT o.order_no, l.line_no, l.quantity, l.sale_move_id, o.status, o.shipped_at,"
                " EXISTS (SELECT 1 FROM case_items i WHERE i.order_line_id = l.id AND i.restock_move_id IS NOT NULL)"
                " FROM order_lines l JOIN orders o ON o.id = l.order_id"
            )
        ).all()
    ledger: dict[int, int] = defaultdict(int)
    for variant_id, quantity, reason, _ in moves:
        if reason != "initial":
            ledger[variant_id] += quantity
    assert cached == {v: initial[v] + ledger[v] for v in initial}
    for order_no, line_no, quantity, sale_move_id, status, shipped_at, returned in lines:
        reference = f"{order_no}/{line_no}"
        own = [m for m in moves if m[3] == reference or m[3].startswith(reference + " #")]
        sales = [m for m in own if m[2] == "sale"]
        assert len(sales) == len({m[0] for m in sales})  # taken once: one SALE move per variant of the line
        assert (sale_move_id is None) == (not sales)
        net: dict[int, int] = defaultdict(int)
        for variant_id, moved, _, _ in own:
            net[variant_id] += moved
        taken = {variant_id: -moved for variant_id, moved, _, _ in sales}
        assert all(-taken[v] <= net[v] <= 0 for v in net)  # never more back than went out
        holds = status != "cancelled" and not (status == "refunded" and shipped_at is None)
        if not holds:
            assert all(value == 0 for value in net.values())
        elif not returned:
            assert dict(net) == {v: -t for v, t in taken.items()}
        assert sum(taken.values()) <= quantity * 3  # at most a gift set's 3 units per ordered unit
