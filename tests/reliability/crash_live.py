"""The live-capture crash scenario (see crash_scenarios.py): a show is live with its run open and its timer running;
the child reopens the run, as the app does after a restart, and captures sales (Orders.live_sale with the segment
the timer says), moving to the next segment every few sales. It reports each order number after its commit.

After the kill: the run is still open and the show LIVE, every reported order is there whole (one line, its SALE
move), at most one more order than reported (committed, killed before it could say so), stock equals the ledger,
the timer's events are numbered without a gap, and the show resumes: the run reopens on the segment its events
say, and the next sale gets the next order number.
"""

from __future__ import annotations

import random
from pathlib import Path

from crash_scenarios import (
    SKUS,
    fixed_clock,
    import_products,
    next_start_problems,
    products_io,
    trial_loop,
    write_products,
)
from crash_support import Channel, Report, TrialResult, connect, integrity_problems, ledger_problems, measure
from sqlmodel import col, select

from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.live_sales import LIVE_PREFIX
from streamdesk.core.order_types import LiveSaleInput
from streamdesk.core.orders import Orders
from streamdesk.core.show_runs import ShowRuns
from streamdesk.core.show_types import SegmentKind, ShowStatus
from streamdesk.db import Database, open_database
from streamdesk.models.catalogue import Variant
from streamdesk.models.shows import Segment, Show

SALES = 24
SALES_PER_SEGMENT = 6
SEGMENTS = 6  # more than SALES / SALES_PER_SEGMENT: the run never reaches its end


class LiveScenario:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.template = work / "live-template.sqlite3"
        database = open_database(self.template)
        try:
            catalogue = write_products(work / "catalogue.csv", range(SKUS))
            run_to_end(products_io(database, work).apply(import_products(database, work, catalogue), CancelToken()))
            self.show_id = make_show(database)
            live = ShowRuns(database.sessions, clock=fixed_clock).start(self.show_id)
            live.timer.start()
            self.run_id = live.run_id
            with database.sessions() as session:
                self.variants = list(session.exec(select(Variant.id).order_by(col(Variant.id))).all())
        finally:
            database.dispose()

    def operation(self, db: Path, channel: Channel) -> None:
        database = open_database(db)
        orders = Orders(database.sessions, clock=fixed_clock)
        live = ShowRuns(database.sessions, clock=fixed_clock).open(self.run_id)
        rng = random.Random(5)
        for n in range(SALES):
            if n and n % SALES_PER_SEGMENT == 0:
                live.timer.next()
            segment = live.segments[live.state().segment].segment_id
            sale = LiveSaleInput(
                variant_id=rng.choice(self.variants),
                nickname=f"观众{rng.randrange(30):02d}",
                quantity=rng.choice((1, 1, 2)),
                show_id=self.show_id,
                segment_id=segment,
                allow_backorder=True,
            )
            channel.say(orders.live_sale(sale).order_no)

    def check(self, db: Path, report: Report) -> TrialResult:
        result = TrialResult(index=0, delay=0.0, outcome="")
        problems = result.problems
        problems += next_start_problems(db)
        with connect(db) as conn:
            problems += integrity_problems(conn)
            problems += ledger_problems(conn)
            found = [
                row[0]
                for row in conn.execute(
                    "SELECT order_no FROM orders WHERE order_no LIKE ? ORDER BY order_no", (f"{LIVE_PREFIX}%",)
                )
            ]
            whole = conn.execute(
                "SELECT COUNT(*) FROM orders o JOIN order_lines l ON l.order_id = o.id"
                " JOIN stock_moves m ON m.id = l.sale_move_id WHERE o.show_id = ? AND o.segment_id IS NOT NULL",
                (self.show_id,),
            ).fetchone()[0]
            run_open = conn.execute("SELECT finished_at IS NULL FROM show_runs WHERE id = ?", (self.run_id,)).fetchone()
            status = conn.execute("SELECT status FROM shows WHERE id = ?", (self.show_id,)).fetchone()
            seqs = [row[0] for row in conn.execute("SELECT seq FROM timer_events WHERE run_id = ?", (self.run_id,))]
            nexts = conn.execute(
                "SELECT COUNT(*) FROM timer_events WHERE run_id = ? AND kind = 'next'", (self.run_id,)
            ).fetchone()[0]
        result.outcome = f"orders={len(found)}"
        missing = sorted(set(report.lines) - set(found))
        if missing:
            problems.append(f"orders reported committed are missing: {missing[:5]}")
        if len(found) - len(report.lines) > 1:
            problems.append(f"{len(found)} orders in the database, {len(report.lines)} reported")
        if whole != len(found):
            problems.append(f"{len(found)} live orders but {whole} whole ones (line, segment and SALE move)")
        if run_open != (1,) or status != (ShowStatus.LIVE.value,):
            problems.append(f"the run or the show is not live any more: run open {run_open}, show status {status}")
        if sorted(seqs) != list(range(len(seqs))):
            problems.append(f"timer events not numbered 0…n: {sorted(seqs)}")
        if not problems:
            problems += self.resume(db, len(found), nexts)
        return result

    def resume(self, db: Path, sold: int, nexts: int) -> list[str]:
        """What the app does when it comes back: reopen the run, and the next sale gets the next number."""
        database = open_database(db)
        try:
            live = ShowRuns(database.sessions, clock=fixed_clock).open(self.run_id)
            if live.state().segment != nexts:
                return [f"the run reopened on segment {live.state().segment}, its events say {nexts}"]
            sale = LiveSaleInput(
                variant_id=self.variants[0],
                nickname="回来的观众",
                show_id=self.show_id,
                segment_id=live.segments[nexts].segment_id,
            )
            number = Orders(database.sessions, clock=fixed_clock).live_sale(sale).order_no
            expected = f"{LIVE_PREFIX}{fixed_clock():%Y%m%d}-{sold + 1:04d}"
            if number != expected:
                return [f"the sale after the restart got {number}, expected {expected}"]
        finally:
            database.dispose()
        with connect(db) as conn:
            return ledger_problems(conn)


def make_show(database: Database) -> int:
    with database.sessions(write=True) as session, session.begin():
        show = Show(title="Crash capture", status=ShowStatus.SCHEDULED)
        session.add(show)
        session.flush()
        assert show.id is not None
        for position in range(SEGMENTS):
            session.add(
                Segment(
                    show_id=show.id,
                    position=position,
                    kind=SegmentKind.PITCH,
                    title=f"Pitch {position + 1}",
                    planned_seconds=300,
                )
            )
        return show.id


def run_live(work: Path, trials: int, rng: random.Random) -> tuple[float, list[TrialResult]]:
    scenario = LiveScenario(work)
    duration, _ = measure(scenario.operation, scenario.template, work)
    return duration, trial_loop(scenario.operation, scenario.check, lambda _i: scenario.template, duration, trials, rng)
