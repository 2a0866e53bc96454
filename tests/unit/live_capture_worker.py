"""One laptop of test_live_capture_race: a separate Python process (multiprocessing, spawn) that opens the test's
database by its path or URL and captures sales through the Orders service, as the Live page does."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from threading import BrokenBarrierError

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights, StockReason
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import LiveSaleInput
from streamdesk.core.orders import Orders
from streamdesk.db import open_database

# (variant id, quantity, nickname) per sale; a nickname of RESTOCK makes it a hand adjustment (+quantity)
Sale = tuple[int, int, str]
RESTOCK = ""
# ("sold", order number) | ("out_of_stock", units available) | ("error", what went wrong)
Outcome = tuple[str, str | int]


def capture(
    target: str | Path,
    now_iso: str,
    rounds: Sequence[Sequence[Sale]],
    barrier: Barrier,
    results: Queue[tuple[str, list[list[Outcome]]]],
    name: str,
) -> None:
    """Each round: wait at the barrier with the other process, then capture the round's sales one after the other.
    Puts (name, outcomes per round) on ``results``."""
    outcomes: list[list[Outcome]] = []
    try:
        now = datetime.fromisoformat(now_iso)
        database = open_database(target, migrate=False)
        orders = Orders(database.sessions, clock=lambda: now)
        images = Path(tempfile.gettempdir()) / "streamdesk-race-images"  # never written: no picture is imported
        catalogue = Catalogue(
            database.sessions, images_dir=images, thumbnails_dir=images, weights=ScoreWeights(), clock=lambda: now
        )
        database.engine.connect().close()  # a connection in the pool before the first round: both start warm
        try:
            for sales in rounds:
                try:
                    barrier.wait(timeout=60)
                except BrokenBarrierError:
                    outcomes.append([("error", "the other process never reached the barrier")])
                    break
                outcomes.append([_capture_one(orders, catalogue, sale) for sale in sales])
        finally:
            database.dispose()
    except Exception as exc:  # said to the test (which then fails with it) instead of leaving it waiting
        barrier.abort()
        outcomes.append([("error", f"{type(exc).__name__}: {exc}")])
    finally:
        results.put((name, outcomes))


def _capture_one(orders: Orders, catalogue: Catalogue, sale: Sale) -> Outcome:
    variant_id, quantity, nickname = sale
    try:
        if nickname == RESTOCK:
            (move,) = catalogue.adjust_stock([(variant_id, quantity)], StockReason.RESTOCK, "找到一箱")
            return ("restocked", move.id)
        return ("sold", orders.live_sale(LiveSaleInput(variant_id, nickname, quantity=quantity)).order_no)
    except UserError as exc:
        if exc.code == "orders.out_of_stock":
            return ("out_of_stock", int(exc.fields["available"]))
        return ("error", f"{exc.code} {exc.fields}")
    except Exception as exc:  # a duplicate order number, a deadlock: what the test must see, not a crashed child
        return ("error", f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
