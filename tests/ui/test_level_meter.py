"""The level meter: zones from the thresholds, the held peak, the readout and what it paints."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor

from streamdesk.config import PreflightSettings
from streamdesk.ui.widgets.level_meter import HOLD_SECONDS, LevelMeter, Zone


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def meter(qtbot, clock: Clock) -> LevelMeter:  # type: ignore[no-untyped-def]
    widget = LevelMeter(PreflightSettings(), clock=clock)
    qtbot.addWidget(widget)
    widget.resize(420, widget.sizeHint().height())
    return widget


@pytest.mark.parametrize(
    ("dbfs", "zone"),
    [
        (-60.0, Zone.SILENT),
        (-50.1, Zone.SILENT),
        (-50.0, Zone.AMBER),
        (-20.1, Zone.AMBER),
        (-20.0, Zone.GREEN),
        (-9.0, Zone.GREEN),
        (-8.9, Zone.AMBER),
        (-3.0, Zone.AMBER),
        (-2.9, Zone.RED),
    ],
)
def test_zones_follow_the_verdict_thresholds(meter: LevelMeter, dbfs: float, zone: Zone) -> None:
    assert meter.zone(dbfs) is zone


def test_new_thresholds_move_the_zones(meter: LevelMeter) -> None:
    meter.set_thresholds(PreflightSettings(good_low_dbfs=-30, good_high_dbfs=-15, silent_below_dbfs=-80))
    assert meter.zone(-25.0) is Zone.GREEN
    assert meter.zone(-12.0) is Zone.AMBER
    assert meter.floor_dbfs == -90.0  # the scale reaches below the silence threshold


def test_the_peak_is_held_then_follows_the_level_down(meter: LevelMeter, clock: Clock) -> None:
    meter.set_levels(-12.0, -6.0)
    clock.now += 0.5
    meter.set_levels(-30.0, -25.0)
    assert (meter.peak_dbfs, meter.peak_hold_dbfs) == (-25.0, -6.0)
    clock.now += HOLD_SECONDS
    meter.set_levels(-32.0, -28.0)
    assert meter.peak_hold_dbfs == -28.0
    clock.now += 0.1
    meter.set_levels(-10.0, -4.0)  # a higher peak is held at once
    assert meter.peak_hold_dbfs == -4.0


def test_the_readout_and_the_accessible_description_give_the_numbers(meter: LevelMeter) -> None:
    assert meter.text() == "No signal"
    meter.set_levels(-18.04, -12.0)
    assert meter.text() == "Peak -12.0 dBFS · RMS -18.0 dBFS"
    assert "-12.0" in meter.accessibleDescription() and "-18.0" in meter.accessibleDescription()
    meter.set_levels(-math.inf, -math.inf)
    assert meter.text() == "No signal"
    assert meter.accessibleDescription().endswith("highest recent peak -12.0 dBFS.")
    meter.reset()
    assert meter.peak_hold_dbfs == -math.inf
    assert meter.accessibleName() == "Microphone level"


def test_levels_map_onto_the_bar_from_the_floor_to_full_scale(meter: LevelMeter) -> None:
    left, right = meter.x_of(-1000.0), meter.x_of(0.0)
    assert left < meter.x_of(-30.0) < right
    assert meter.x_of(-30.0) == pytest.approx((left + right) / 2)
    assert meter.x_of(6.0) == right and meter.x_of(-math.inf) == left


def test_the_bar_is_drawn_bright_in_the_zone_it_reaches_and_faint_beyond(meter: LevelMeter) -> None:
    meter.set_levels(-14.0, -10.0)
    image = meter.grab().toImage()
    y = round(meter._bar_rect().center().y())
    green_fill = QColor(image.pixel(round(meter.x_of(-15.0)), y))
    amber_track = QColor(image.pixel(round(meter.x_of(-6.0)), y))
    red_track = QColor(image.pixel(round(meter.x_of(-1.5)), y))
    assert green_fill.name() == "#1e8e4e"
    assert amber_track.name() == "#fcebc2"
    assert red_track.name() == "#f8d0d0"
    meter.set_levels(-1.0, -0.5)
    image = meter.grab().toImage()
    assert QColor(image.pixel(round(meter.x_of(-1.5)), y)).name() == "#c62828"


def test_a_narrow_meter_still_fits_its_readout_and_scale(qtbot) -> None:  # type: ignore[no-untyped-def]
    meter = LevelMeter(PreflightSettings())
    qtbot.addWidget(meter)
    meter.resize(meter.minimumSizeHint())
    meter.set_levels(-20.0, -12.0)
    assert meter.fontMetrics().horizontalAdvance(meter.text()) <= meter.width()
    assert not meter.grab().isNull()
