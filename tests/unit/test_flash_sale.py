"""The flash-sale countdown: 10–300 s, tenths in the last ten seconds, driven by a clock moved by hand."""

from __future__ import annotations

import pytest
from conftest import FakeClock

from streamdesk.core.errors import UserError
from streamdesk.core.flash_sale import MAX_SECONDS, MIN_SECONDS, FlashSaleCountdown, FlashSalePhase
from streamdesk.messages import describe


@pytest.mark.parametrize("seconds", [MIN_SECONDS - 1, 0, -5, MAX_SECONDS + 1])
def test_a_length_outside_ten_to_three_hundred_seconds_is_refused(seconds: int, fake_clock: FakeClock) -> None:
    with pytest.raises(UserError) as raised:
        FlashSaleCountdown(seconds, fake_clock)
    assert raised.value.code == "flash_sale.duration"
    assert raised.value.fields == {"seconds": seconds, "minimum": 10, "maximum": 300}
    assert str(seconds) in describe(raised.value) and "300" in describe(raised.value)


@pytest.mark.parametrize("seconds", [MIN_SECONDS, 60, MAX_SECONDS])
def test_the_limits_themselves_are_accepted(seconds: int, fake_clock: FakeClock) -> None:
    countdown = FlashSaleCountdown(seconds, fake_clock)
    assert (countdown.phase(), countdown.remaining()) == (FlashSalePhase.IDLE, float(seconds))


def test_counts_down_from_the_start_and_finishes_at_zero(fake_clock: FakeClock) -> None:
    fake_clock.now = 1000.0
    countdown = FlashSaleCountdown(30, fake_clock)
    fake_clock.now += 50  # time before the start does not count
    assert countdown.remaining() == 30.0 and countdown.next_change_in() is None
    countdown.start()
    assert countdown.started_at == 1050.0 and countdown.running
    fake_clock.now += 12.25
    assert countdown.remaining() == pytest.approx(17.75)
    assert not countdown.shows_tenths()
    fake_clock.now += 17.75
    assert countdown.finished and not countdown.running
    assert countdown.remaining() == 0.0
    fake_clock.now += 100
    assert countdown.remaining() == 0.0 and countdown.phase() is FlashSalePhase.FINISHED


def test_tenths_are_shown_in_the_last_ten_seconds_only(fake_clock: FakeClock) -> None:
    countdown = FlashSaleCountdown(20, fake_clock)
    countdown.start()
    fake_clock.now = 9.99
    assert not countdown.shows_tenths()
    fake_clock.now = 10.0
    assert countdown.shows_tenths()
    fake_clock.now = 20.0
    assert countdown.shows_tenths()  # "0.0" at the end


def test_next_change_is_a_whole_second_then_a_tenth(fake_clock: FakeClock) -> None:
    countdown = FlashSaleCountdown(60, fake_clock)
    countdown.start()
    assert countdown.next_change_in() == pytest.approx(1.0)  # "1:00" until a full second has run
    fake_clock.now = 0.3
    assert countdown.next_change_in() == pytest.approx(0.7)
    fake_clock.now = 49.6  # 10.4 left: "0:11" until 10.0 left
    assert countdown.next_change_in() == pytest.approx(0.4)
    fake_clock.now = 50.0  # 10.0 left shows "0:10" until 9.9
    assert countdown.next_change_in() == pytest.approx(0.1)
    fake_clock.now = 55.04  # 4.96 left shows "5.0" until 4.9
    assert countdown.next_change_in() == pytest.approx(0.06)


def test_a_running_countdown_refuses_a_second_start_but_a_cancelled_one_starts_over(fake_clock: FakeClock) -> None:
    countdown = FlashSaleCountdown(15, fake_clock)
    countdown.start()
    fake_clock.now = 5
    with pytest.raises(UserError) as raised:
        countdown.start()
    assert raised.value.code == "flash_sale.already_running"
    countdown.cancel()
    assert countdown.phase() is FlashSalePhase.CANCELLED
    assert countdown.remaining() == 15.0 and countdown.next_change_in() is None
    fake_clock.now = 100  # a cancelled countdown never "finishes" by itself
    assert countdown.phase() is FlashSalePhase.CANCELLED
    countdown.start()
    assert countdown.started_at == 100 and countdown.remaining() == 15.0


def test_a_finished_countdown_can_run_again(fake_clock: FakeClock) -> None:
    countdown = FlashSaleCountdown(10, fake_clock)
    countdown.start()
    fake_clock.now = 11
    assert countdown.finished
    countdown.cancel()  # too late to cancel: it stays finished
    assert countdown.finished
    countdown.start()
    fake_clock.now = 12.5
    assert countdown.remaining() == pytest.approx(8.5)
