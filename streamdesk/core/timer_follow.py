"""Following the live timer driven on another laptop (team mode) or in another window on the same file.

One StreamDesk process drives a run: the one that started it, or that took it over (``ShowRuns.open``). Its host
name, a per-process instance id and a heartbeat sit on the run's row, and every event it writes first checks that it
still drives, so a laptop whose timer was taken over cannot slip events in. The others follow: every
``FOLLOW_POLL_SECONDS`` a ``TimerFollower`` reads the run's events past the last ``seq`` it has (the (run_id, seq)
unique index answers that) and folds them into its own LiveTimer, so it shows the driver's segment, remaining time and
state; nothing is counted per tick, as on the driver.

Time: events carry the run's timer clock, which is the starting laptop's. Laptop clocks disagree by seconds, so each
run stores ``clock_offset`` (its clock minus the database server's clock, measured at the start); a laptop that
follows or takes over measures its own offset the same way and reads the run's clock as its own clock shifted by the
difference. Heartbeats are stamped with the server's clock too, so whether a driver is gone never depends on whose
wall clock is right. Tests that move a clock by hand switch this alignment off (``align``): such a clock is not
comparable with the server's.
"""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from streamdesk.core.live_timer import TimerEvent, TimerEventKind, TimerState

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.core.show_runs import LiveRun
    from streamdesk.db import SessionFactory

DRIVER_BEAT_SECONDS = 3.0  # how often the driving window says it is still there
DRIVER_GONE_SECONDS = 15.0  # five missed heartbeats: the driver crashed, slept or lost the network
FOLLOW_POLL_SECONDS = 0.4  # a follower reads new events this often: the driver's step shows within half a second
_FRESH_SAMPLE_SECONDS = 30.0  # a clock comparison this old is replaced even by a slower one (clocks drift apart)


@dataclass(frozen=True, slots=True)
class DriverIdentity:
    """This process as a driver: the machine's name (shown to the others) and an id of this process alone."""

    host: str
    instance: str

    @classmethod
    def here(cls) -> DriverIdentity:
        return cls(host=socket.gethostname() or "localhost", instance=uuid.uuid4().hex)


@dataclass(frozen=True, slots=True)
class RunDriver:
    """Who drives a run now, as the database says."""

    run_id: int
    host: str  # the machine that drives (or last drove) the run; '' for a run from before team mode
    instance: str  # '' when nobody drives: released when its window closed, or a run from before team mode
    silent_for: float | None  # seconds since its last heartbeat on the server's clock; None without one
    finished: bool

    def is_driven_by(self, identity: DriverIdentity) -> bool:
        return bool(self.instance) and self.instance == identity.instance

    @property
    def gone(self) -> bool:
        """Nobody drives, or the driver has not been heard from for DRIVER_GONE_SECONDS."""
        return not self.instance or self.silent_for is None or self.silent_for > DRIVER_GONE_SECONDS


@dataclass(frozen=True, slots=True)
class ClockSample:
    """This laptop's timer clock minus the server's clock, read over one round trip."""

    offset: float
    round_trip: float
    taken_at: float  # time.monotonic() when it was read


@dataclass(frozen=True, slots=True)
class FollowUpdate:
    """What one poll read: the events past ``after`` (with their seq), the driver, and a clock comparison."""

    after: int
    events: tuple[tuple[int, TimerEvent], ...]
    driver: RunDriver
    sample: ClockSample


# --- the server's clock -------------------------------------------------------------------------------------------
def server_epoch_sql(dialect: str) -> str:
    """Epoch seconds on the database server's clock, with fractions (PostgreSQL: the statement's own time, not the
    transaction's; SQLite runs in this process, so its server clock is this machine's)."""
    if dialect == "postgresql":
        return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)"
    return "((julianday('now') - 2440587.5) * 86400.0)"


def server_epoch(session: Session) -> float:
    from sqlalchemy import text

    return float(session.execute(text("SELECT " + server_epoch_sql(_dialect(session)))).scalar_one())


def compare_clocks(session: Session, clock: Callable[[], float]) -> ClockSample:
    """Read the server's clock between two readings of ``clock``: the offset is taken at the round trip's middle."""
    before = clock()
    server = server_epoch(session)
    after = clock()
    return ClockSample(offset=(before + after) / 2 - server, round_trip=after - before, taken_at=time.monotonic())


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- drivers ------------------------------------------------------------------------------------------------------
def read_driver(session: Session, run_id: int) -> RunDriver | None:
    """The run's driver as stored now; None when the run does not exist."""
    from sqlalchemy import Float, literal_column, select
    from sqlmodel import col

    from streamdesk.models.shows import ShowRun

    statement = select(
        col(ShowRun.driver_host),
        col(ShowRun.driver_instance),
        col(ShowRun.driver_beat),
        col(ShowRun.finished_at).is_not(None),
        literal_column(server_epoch_sql(_dialect(session)), Float()),
    ).where(col(ShowRun.id) == run_id)
    row = session.execute(statement).first()
    if row is None:
        return None
    host, instance, beat, finished, now = row
    return RunDriver(
        run_id=run_id,
        host=host,
        instance=instance,
        silent_for=None if beat is None else max(0.0, float(now) - beat),
        finished=bool(finished),
    )


def claim(session: Session, run_id: int, identity: DriverIdentity) -> None:
    """Make this process the run's driver, with a heartbeat now (inside the caller's write transaction)."""
    from sqlalchemy import literal_column, update

    from streamdesk.models.shows import ShowRun

    session.execute(
        update(ShowRun)
        .where(ShowRun.id == run_id)  # type: ignore[arg-type]
        .values(
            driver_host=identity.host,
            driver_instance=identity.instance,
            driver_beat=literal_column(server_epoch_sql(_dialect(session))),
        )
    )


def beat(session: Session, run_id: int, identity: DriverIdentity) -> None:
    """A heartbeat, written only while this process still drives the run."""
    from sqlalchemy import literal_column, update

    from streamdesk.models.shows import ShowRun

    session.execute(
        update(ShowRun)
        .where(ShowRun.id == run_id, ShowRun.driver_instance == identity.instance)  # type: ignore[arg-type]
        .values(driver_beat=literal_column(server_epoch_sql(_dialect(session))))
    )


def release(session: Session, run_id: int, identity: DriverIdentity) -> None:
    """Stop driving (a window closed cleanly): the host stays as who drove last, the instance and heartbeat go."""
    from sqlalchemy import update

    from streamdesk.models.shows import ShowRun

    session.execute(
        update(ShowRun)
        .where(ShowRun.id == run_id, ShowRun.driver_instance == identity.instance)  # type: ignore[arg-type]
        .values(driver_instance="", driver_beat=None)
    )


def should_follow(driver: RunDriver, identity: DriverIdentity) -> bool:
    """Whether a window opening this unfinished run follows it instead of offering to resume it.

    Another process that is still heard from drives it; or another machine drove it last, even if silent now (the
    window follows and offers to take over). A silent driver on this machine is this machine's own crash: resuming
    it, as before team mode, is what the seller expects."""
    if driver.finished or not driver.instance or driver.is_driven_by(identity):
        return False
    return not driver.gone or driver.host != identity.host


# --- following ----------------------------------------------------------------------------------------------------
class TimerFollower:
    """A read-only mirror of a run driven elsewhere: ``fetch`` reads (any thread), ``apply`` folds in (one thread).

    ``run.timer`` refuses commands (its ``on_event`` raises), so keys pressed on a following laptop write nothing.
    """

    def __init__(
        self,
        sessions: SessionFactory,
        make_run: Callable[[Callable[[], float]], LiveRun],
        *,
        next_seq: int,
        clock: Callable[[], float],
        run_offset: float,
        align: bool,
        driver: RunDriver,
    ) -> None:
        """``make_run`` builds the LiveRun around the clock it is given (the run's clock as read on this laptop)."""
        self._sessions = sessions
        self._clock = clock
        self._run_offset = run_offset
        self._align = align
        self._shift = 0.0  # the run's clock minus this laptop's timer clock
        self._sample: ClockSample | None = None
        self._next_seq = next_seq
        self.driver = driver
        self.run = make_run(self.run_clock)

    def run_clock(self) -> float:
        """The run's timer clock read on this laptop."""
        return self._clock() + self._shift

    @property
    def run_id(self) -> int:
        return self.run.run_id

    @property
    def next_seq(self) -> int:
        return self._next_seq

    def fetch(self, after: int | None = None) -> FollowUpdate:
        """Read the events past ``after`` (default: the last one applied), the driver and the clocks; writes
        nothing and touches no state of this object, so a worker thread may call it."""
        from sqlmodel import col, select

        from streamdesk.models.shows import TimerEventRow

        last = self._next_seq - 1 if after is None else after
        with self._sessions() as session, session.begin():
            sample = compare_clocks(session, self._clock)
            driver = read_driver(session, self.run_id)
            rows = session.exec(
                select(TimerEventRow)
                .where(TimerEventRow.run_id == self.run_id, col(TimerEventRow.seq) > last)
                .order_by(col(TimerEventRow.seq))
            ).all()
        if driver is None:  # the rehearsal was discarded meanwhile: it shows as ended by nobody
            driver = replace(self.driver, instance="", silent_for=None, finished=True)
        events = tuple(
            (row.seq, TimerEvent(TimerEventKind(row.kind), row.at, segment=row.segment, seconds=row.seconds))
            for row in rows
        )
        return FollowUpdate(after=last, events=events, driver=driver, sample=sample)

    def apply(self, update: FollowUpdate) -> bool:
        """Fold in what ``fetch`` read; True when the timer or its driver changed (the screen should redraw).
        Events already applied (an older fetch arriving late) are skipped."""
        self._take_sample(update.sample)
        fresh = [event for seq, event in update.events if seq >= self._next_seq]
        changed = _as_shown(update.driver) != _as_shown(self.driver)
        self.driver = update.driver
        if fresh:
            self.run.timer.absorb(fresh)
            self._next_seq = update.events[-1][0] + 1
        return changed or bool(fresh)

    def poll(self) -> bool:
        """Fetch and apply at once (on one thread)."""
        return self.apply(self.fetch())

    def state(self) -> TimerState:
        return self.run.state()

    def _take_sample(self, sample: ClockSample) -> None:
        """Keep the comparison read over the quickest round trip (the most exact), renewed every half minute."""
        if not self._align:
            return
        best = self._sample
        if (
            best is None
            or sample.round_trip <= best.round_trip
            or sample.taken_at - best.taken_at > _FRESH_SAMPLE_SECONDS
        ):
            self._sample = sample
            self._shift = self._run_offset - sample.offset


def _as_shown(driver: RunDriver) -> tuple[str, str, bool, bool]:
    """What a follower's screen says of a driver: the seconds of silence count only once it is gone."""
    return driver.host, driver.instance, driver.finished, driver.gone


def run_shift(session: Session, clock: Callable[[], float], run_offset: float, *, align: bool) -> float:
    """What to add to this laptop's timer clock to read the run's clock (0 without alignment)."""
    return run_offset - compare_clocks(session, clock).offset if align else 0.0
