"""Team mode's live timer: one laptop drives a run, others follow it read-only through the database, may take it over
when the driver is gone; clocks that disagree are read through the server's. Every test runs on SQLite and on
PostgreSQL, each "laptop" with its own connection to the same database (open_database twice)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from conftest import FakeClock, FakeUTCClock
from sqlalchemy import text
from test_show_runs import make_show

from streamdesk.core.errors import UserError
from streamdesk.core.live_timer import Phase
from streamdesk.core.show_runs import ShowRuns
from streamdesk.core.show_types import RunKind
from streamdesk.core.timer_follow import DRIVER_GONE_SECONDS, DriverIdentity, should_follow
from streamdesk.db import Database, open_database

HOST = DriverIdentity(host="host-laptop", instance="a" * 32)
ASSISTANT = DriverIdentity(host="assistant-laptop", instance="b" * 32)
SERVICE = DriverIdentity(host="service-laptop", instance="c" * 32)


@pytest.fixture
def second(database_target: str) -> Iterator[Database]:
    """Another laptop's connection to the same database."""
    database = open_database(database_target)
    yield database
    database.dispose()


def laptop(database: Database, identity: DriverIdentity, utc_clock: FakeUTCClock, clock: FakeClock) -> ShowRuns:
    return ShowRuns(database.sessions, clock=utc_clock, timer_clock=clock, identity=identity)


def make_silent(database: Database, run_id: int, seconds: float) -> None:
    """The driver's last heartbeat ``seconds`` ago (a laptop that crashed or lost the network)."""
    with database.sessions(write=True) as session, session.begin():
        session.execute(
            text("UPDATE show_runs SET driver_beat = driver_beat - :seconds WHERE id = :run_id"),
            {"seconds": seconds, "run_id": run_id},
        )


def test_a_follower_sees_start_next_pause_extend_and_finish(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    fake_clock.now = 1000.0
    host = laptop(database, HOST, utc_clock, fake_clock)
    assistant = laptop(second, ASSISTANT, utc_clock, fake_clock)
    run = host.start(make_show(database))
    follower = assistant.follow(run.run_id)
    assert follower.state().phase is Phase.READY
    assert (follower.driver.host, follower.driver.instance) == (HOST.host, HOST.instance)
    assert not follower.poll()  # nothing happened yet

    run.timer.start()
    fake_clock.now += 30
    assert follower.poll()
    assert follower.state() == run.state()
    assert (follower.state().phase, follower.state().remaining) == (Phase.NORMAL, 270)

    run.timer.next()
    fake_clock.now += 10
    assert follower.poll()
    assert (follower.state().segment, follower.state().remaining) == (1, 590)

    run.timer.pause()
    fake_clock.now += 100  # paused: neither side counts
    assert follower.poll()
    assert not follower.state().running and follower.state().remaining == 590

    run.timer.resume()
    run.timer.adjust(60)
    fake_clock.now += 5
    assert follower.poll()
    assert follower.state().running and follower.state().remaining == 645
    assert follower.state() == run.state()

    run.timer.finish()
    assert follower.poll()
    assert follower.state().phase is Phase.FINISHED and follower.driver.finished
    assert follower.state() == run.state()
    assert follower.next_seq == 6


def test_a_following_window_cannot_write_to_the_run(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    host = laptop(database, HOST, utc_clock, fake_clock)
    run = host.start(make_show(database))
    run.timer.start()
    follower = laptop(second, ASSISTANT, utc_clock, fake_clock).follow(run.run_id)
    with pytest.raises(UserError) as refused:
        follower.run.timer.next()  # e.g. Page Down on the assistant's laptop
    assert refused.value.code == "runs.changed_elsewhere"
    assert follower.state().segment == 0
    run.timer.next()  # the driver is not disturbed
    assert follower.poll() and follower.state().segment == 1


def test_fetch_reads_without_changing_the_follower_and_a_late_fetch_changes_nothing(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    host = laptop(database, HOST, utc_clock, fake_clock)
    run = host.start(make_show(database))
    follower = laptop(second, ASSISTANT, utc_clock, fake_clock).follow(run.run_id)
    run.timer.start()
    early = follower.fetch()
    run.timer.next()
    late = follower.fetch()
    assert [seq for seq, _ in early.events] == [0] and [seq for seq, _ in late.events] == [0, 1]
    assert follower.state().phase is Phase.READY  # fetching alone shows nothing
    assert follower.apply(late) and follower.state().segment == 1
    follower.apply(early)  # arrives after the newer one: already applied
    assert follower.state().segment == 1 and len(follower.run.timer.events()) == 2


def test_who_follows_and_who_is_offered_to_resume(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    host = laptop(database, HOST, utc_clock, fake_clock)
    assistant = laptop(second, ASSISTANT, utc_clock, fake_clock)
    show_id = make_show(database)
    run = host.start(show_id)
    assert host.to_follow(show_id) is None  # the driver itself
    driver = assistant.to_follow(show_id)
    assert driver is not None and (driver.run_id, driver.host, driver.gone) == (run.run_id, HOST.host, False)
    assert driver.silent_for is not None and driver.silent_for < 5

    make_silent(database, run.run_id, DRIVER_GONE_SECONDS + 5)
    gone = assistant.to_follow(show_id)
    assert gone is not None and gone.gone  # another machine's silent driver: follow it, and offer to take over
    same_machine = laptop(second, DriverIdentity(HOST.host, "d" * 32), utc_clock, fake_clock)
    assert same_machine.to_follow(show_id) is None  # this machine's own crash: resume it, as before team mode
    assert assistant.heartbeat(run.run_id).gone  # the heartbeat of a window that does not drive writes nothing
    assert should_follow(assistant.driver(run.run_id), SERVICE)

    host.heartbeat(run.run_id)  # the driver is back
    assert same_machine.to_follow(show_id) is not None  # a second window on the same machine follows

    host.release(run.run_id)  # its window closed without ending the show
    assert assistant.to_follow(show_id) is None
    assert assistant.driver(run.run_id).host == HOST.host  # who drove last stays on the run
    run.timer.start()  # a released run is nobody's: the window that still has it may carry on
    run.timer.finish()
    assert assistant.to_follow(show_id) is None


def test_taking_over_refuses_the_old_driver_and_the_followers_see_the_new_one(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    host = laptop(database, HOST, utc_clock, fake_clock)
    assistant = laptop(second, ASSISTANT, utc_clock, fake_clock)
    service = laptop(second, SERVICE, utc_clock, fake_clock)
    show_id = make_show(database)
    run = host.start(show_id)
    run.timer.start()
    fake_clock.now += 60
    follower = service.follow(run.run_id)

    taken = assistant.open(run.run_id)  # "Take over the timer" on the assistant's laptop
    assert taken.state() == run.state()
    beat = host.heartbeat(run.run_id)  # the old driver learns it at its next heartbeat...
    assert not beat.is_driven_by(HOST) and beat.is_driven_by(ASSISTANT) and beat.host == ASSISTANT.host
    with pytest.raises(UserError) as refused:  # ...or at its next step, which is not saved
        run.timer.next()
    assert refused.value.code == "runs.changed_elsewhere"

    taken.timer.next()
    fake_clock.now += 20
    assert follower.poll()
    assert follower.driver.host == ASSISTANT.host
    assert (follower.state().segment, follower.state().remaining) == (1, 580)
    assert host.to_follow(show_id) is not None  # the old driver's window now follows


def test_a_discarded_rehearsal_ends_for_its_followers(
    database: Database, second: Database, utc_clock: FakeUTCClock, fake_clock: FakeClock
) -> None:
    host = laptop(database, HOST, utc_clock, fake_clock)
    run = host.start(make_show(database), RunKind.REHEARSAL)
    follower = laptop(second, ASSISTANT, utc_clock, fake_clock).follow(run.run_id)
    host.discard(run.run_id)
    assert follower.poll() and follower.driver.finished and not follower.driver.instance
    with pytest.raises(UserError) as missing:
        laptop(second, ASSISTANT, utc_clock, fake_clock).follow(run.run_id)
    assert missing.value.code == "runs.not_found"


class SkewedClock:
    """A laptop's production-like clock: real seconds, but its wall clock is ``skew`` seconds off."""

    def __init__(self, skew: float) -> None:
        self.skew = skew

    def __call__(self) -> float:
        return time.time() + self.skew


def test_laptops_whose_clocks_disagree_read_one_timer(
    database: Database, second: Database, utc_clock: FakeUTCClock
) -> None:
    fast, slow = SkewedClock(+7.0), SkewedClock(-4.0)
    host = ShowRuns(database.sessions, clock=utc_clock, timer_clock=fast, identity=HOST, align_clocks=True)
    assistant = ShowRuns(second.sessions, clock=utc_clock, timer_clock=slow, identity=ASSISTANT, align_clocks=True)
    unaligned = ShowRuns(second.sessions, clock=utc_clock, timer_clock=slow, identity=SERVICE, align_clocks=False)
    run = host.start(make_show(database))
    run.timer.start()
    follower, naive = assistant.follow(run.run_id), unaligned.follow(run.run_id)
    assert abs(follower.state().remaining - run.state().remaining) < 0.25
    assert abs(naive.state().remaining - run.state().remaining - 11.0) < 0.25  # what alignment is for

    taken = assistant.open(run.run_id)  # the slow laptop takes over: its steps land on the run's clock
    taken.timer.next()
    follower.poll()
    assert follower.state().segment == 1
    assert abs(follower.state().elapsed) < 0.25 and abs(taken.state().elapsed) < 0.25
    assert abs(follower.state().show_elapsed - run.state().show_elapsed) < 0.25


def test_the_default_identity_is_this_machine_and_differs_per_process_service(database: Database) -> None:
    first = ShowRuns(database.sessions, clock=FakeUTCClock())
    other = ShowRuns(database.sessions, clock=FakeUTCClock())
    assert first.identity.host and first.identity.host == other.identity.host
    assert first.identity.instance != other.identity.instance
