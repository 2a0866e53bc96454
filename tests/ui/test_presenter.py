"""The presenter window and the timer display: colours per phase, overtime counting up, compact and full-screen
modes, fonts following the window, refreshes aimed at the next change, cues once per crossing, clicker keys."""

from __future__ import annotations

import pytest
from conftest import FakeClock
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.flash_sale import FlashSaleCountdown
from streamdesk.core.live_timer import LiveTimer, Phase, PlannedSegment
from streamdesk.resource_paths import resource_path
from streamdesk.ui.cues import Cue, CuePlayer
from streamdesk.ui.formatting import format_duration, format_flash_sale, format_timer
from streamdesk.ui.live_keys import install_live_keys, live_key_help, timer_key_actions
from streamdesk.ui.presenter import PresenterWindow
from streamdesk.ui.widgets.timer_display import next_change_in, phase_colours

TITLES = ["Opening", "Linen shirt", "Closing"]


def make_timer(clock: FakeClock) -> LiveTimer:
    segments = [
        PlannedSegment("Opening", 300, warn_at=120, danger_at=60),
        PlannedSegment("Linen shirt", 600, warn_at=120, danger_at=60),
        PlannedSegment("Closing", 120, warn_at=30, danger_at=10),
    ]
    return LiveTimer(segments, clock=clock)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(now=1_767_614_400.0)  # 2026-01-05 12:00 UTC, like ShowClock's wall-anchored seconds


@pytest.fixture
def timer(clock: FakeClock) -> LiveTimer:
    return make_timer(clock)


@pytest.fixture
def presenter(qtbot, timer: LiveTimer) -> PresenterWindow:
    window = PresenterWindow(timer.state, TITLES)
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    qtbot.waitExposed(window)
    return window


class PaintCounter(QObject):
    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.counts = {widget: 0 for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.counts:
            self.counts[watched] += 1
        return False


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- formatting ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(300.0, "5:00"), (299.2, "5:00"), (299.0, "4:59"), (0.4, "0:01"), (0.0, "+0:00"), (-0.9, "+0:00"),
     (-1.0, "+0:01"), (-65.3, "+1:05"), (3725.0, "1:02:05"), (-3600.0, "+1:00:00")],
)  # fmt: skip
def test_a_countdown_rounds_up_and_overtime_counts_up_with_a_plus(remaining: float, shown: str) -> None:
    assert format_timer(remaining) == shown


def test_durations_switch_to_hours_at_one_hour() -> None:
    assert [format_duration(s) for s in (0, 75, 3599, 3600, 36_000)] == ["0:00", "1:15", "59:59", "1:00:00", "10:00:00"]


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(300.0, "5:00"), (59.5, "1:00"), (10.0, "0:10"), (9.95, "0:10"), (9.9, "9.9"), (4.01, "4.1"), (0.0, "0.0")],
)
def test_a_flash_sale_shows_tenths_in_its_last_ten_seconds(remaining: float, shown: str) -> None:
    assert format_flash_sale(remaining) == shown


# --- what is shown ------------------------------------------------------------------------------------------------
def test_each_phase_has_its_background_and_readable_text(presenter, timer, clock, qtbot) -> None:
    seen = {}
    for phase, step in (
        (Phase.READY, None),
        (Phase.NORMAL, 10),
        (Phase.WARNING, 180),  # 110 s left, warning from 120
        (Phase.DANGER, 60),  # 50 s left
        (Phase.OVERTIME, 70),  # 20 s over: past the flashing first seconds
    ):
        if step is not None:
            if not timer.state().running:
                timer.start()
            clock.now += step
        presenter.refresh()
        assert presenter.display.state.phase is phase
        image = presenter.display.grab().toImage()
        seen[phase] = image.pixelColor(2, 2)
        colours = phase_colours(phase)
        assert seen[phase] == colours.background
        digits = presenter.display.digits.grab().toImage()
        inked = {digits.pixelColor(x, y).rgb() for x in range(0, digits.width(), 3) for y in range(digits.height())}
        assert colours.text.rgb() in inked  # the digits are drawn in the phase's text colour
    assert len({colour.rgb() for colour in seen.values()}) == 5


@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_reads_at_a_contrast_of_at_least_4_5_to_1(phase: Phase) -> None:
    for flash in (False, True):
        colours = phase_colours(phase, flash=flash)
        assert contrast(colours.text, colours.background) >= 4.5
        assert contrast(colours.secondary, colours.background) >= 4.5


def test_overtime_counts_up_with_a_plus_and_says_so(presenter, timer, clock) -> None:
    timer.start()
    clock.now += 365.2
    presenter.refresh()
    display = presenter.display
    assert display.digits.text() == "+1:05"
    assert display.status.text() == "Over time"
    assert display.over_under.text() == "1:05 behind"
    assert display.title.text() == "Opening" and display.next_title.text() == "Next: Linen shirt"
    assert display.show_clock.text() == "On air 6:05"


def test_the_first_seconds_of_overtime_flash_in_step_with_the_digits(presenter, timer, clock) -> None:
    timer.start()
    clock.now += 300.5  # "+0:00": bright
    presenter.refresh()
    bright = presenter.display.colours().background
    clock.now += 1  # "+0:01": deep
    presenter.refresh()
    assert presenter.display.colours().background == phase_colours(Phase.OVERTIME).background != bright
    assert bright == phase_colours(Phase.OVERTIME, flash=True).background


def test_paused_and_finished_clocks_are_dimmed_and_labelled(presenter, timer, clock) -> None:
    timer.start()
    clock.now += 30
    timer.pause()
    presenter.refresh()
    display = presenter.display
    assert display.status.text() == "Paused"
    assert display.digits.colours()[1] == phase_colours(Phase.NORMAL).secondary
    timer.resume()
    presenter.refresh()
    assert display.digits.colours()[1] == phase_colours(Phase.NORMAL).text
    timer.jump(2)
    presenter.refresh()
    assert display.next_title.text() == "Last segment"
    timer.finish()
    presenter.refresh()
    assert display.status.text() == "Show ended" and display.projected_end.text().startswith("Ended ")


def test_fonts_follow_the_window_size(presenter, qtbot) -> None:
    digits = presenter.display.digits
    presenter.resize(480, 270)
    qtbot.waitUntil(lambda: digits.width() < 480)
    small = digits.pixel_size()
    presenter.resize(1600, 900)
    qtbot.waitUntil(lambda: digits.width() > 1500)
    large = digits.pixel_size()
    assert large > 2.5 * small
    assert digits.fontMetrics().horizontalAdvance("+88:88") < digits.width() * 2  # sanity: not absurdly large


# --- refreshing ---------------------------------------------------------------------------------------------------
def test_the_next_refresh_is_aimed_at_the_next_change_of_any_text(timer, clock) -> None:
    state = timer.state()  # ready: only the projected end's minute can turn
    assert next_change_in(state) == pytest.approx(60 - state.projected_end % 60)
    timer.start()
    clock.now += 10.3
    assert next_change_in(timer.state()) == pytest.approx(0.7)  # the digits' and show clock's second
    timer.pause()
    clock.now += 12.0
    paused = timer.state()
    assert next_change_in(paused) == pytest.approx(60 - paused.projected_end % 60)
    timer.resume()
    clock.now += 400.0  # overtime: the over/under moves too (here on another fraction than the digits)
    timer.next()
    clock.now += 600.25
    state = timer.state()
    assert state.phase is Phase.OVERTIME
    expected = min(0.75, 1 - state.show_elapsed % 1, 1 - state.over_under % 1, 60 - state.projected_end % 60)
    assert next_change_in(state) == pytest.approx(expected)
    timer.finish()
    assert next_change_in(timer.state()) is None


def test_refresh_schedules_a_precise_single_shot_and_only_changed_texts_repaint(presenter, timer, clock, qtbot):
    display = presenter.display
    timer.start()
    clock.now += 10.25
    presenter.refresh()
    assert display.scheduled_in_ms() == pytest.approx(750, abs=20)
    qtbot.waitUntil(lambda: display.digits.text() == "4:50")
    QTest.qWait(20)  # let the start's repaints through before counting
    counter = PaintCounter([display.digits, display.title, display.next_title, display.status])
    clock.now += 1
    presenter.refresh()
    qtbot.waitUntil(lambda: counter.counts[display.digits] > 0)
    assert display.digits.text() == "4:49"
    QTest.qWait(20)
    assert counter.counts[display.title] == counter.counts[display.next_title] == counter.counts[display.status] == 0
    timer.finish()
    presenter.refresh()
    assert display.scheduled_in_ms() is None


def test_a_flash_sale_appears_counts_in_tenths_at_the_end_and_goes_away(presenter, clock, qtbot) -> None:
    widget = presenter.display.flash_sale
    countdown = FlashSaleCountdown(30, clock)
    presenter.set_flash_sale(countdown, "Linen shirt")
    assert widget.isHidden()  # not started yet
    countdown.start()
    widget.refresh()
    assert widget.isVisible() and widget.digits.text() == "0:30"
    assert widget.caption.text() == "Flash sale: Linen shirt"
    clock.now += 25.04
    widget.refresh()
    assert widget.digits.text() == "5.0"
    countdown.cancel()
    widget.refresh()
    assert widget.isHidden()


def test_a_finished_flash_sale_shows_zero_then_hides_by_itself(qtbot, clock) -> None:
    from streamdesk.ui.widgets.flash_sale import FlashSaleWidget

    widget = FlashSaleWidget(auto_hide_ms=30)
    qtbot.addWidget(widget)
    widget.show()
    countdown = FlashSaleCountdown(10, clock)
    countdown.start()
    widget.set_countdown(countdown)
    ends = []
    widget.refreshed.connect(lambda c: ends.append(c.finished))
    clock.now += 10
    widget.refresh()
    assert widget.digits.text() == "0.0" and widget.caption.text() == "Flash sale over"
    assert widget.isVisible() and ends == [True]
    qtbot.waitUntil(widget.isHidden, timeout=2000)


# --- window modes -------------------------------------------------------------------------------------------------
def test_compact_mode_stays_on_top_shows_only_the_digits_and_gives_the_old_geometry_back(presenter, qtbot) -> None:
    presenter.move(100, 80)
    presenter.resize(900, 500)
    before = presenter.geometry()
    presenter.set_compact(True)
    assert presenter.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert presenter.isVisible() and presenter.compact_action.isChecked()
    assert not presenter.display.next_title.isVisible() and not presenter.display.show_clock.isVisible()
    assert presenter.display.digits.isVisible() and presenter.display.title.isVisible()
    assert presenter.width() < before.width()
    presenter.set_compact(False)
    assert not presenter.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert presenter.geometry() == before
    assert presenter.display.next_title.isVisible()


def test_full_screen_by_double_click_and_back_with_escape(presenter, qtbot) -> None:
    QTest.mouseDClick(presenter.display, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(presenter.isFullScreen)
    assert presenter.fullscreen_action.isChecked()
    QTest.keyClick(presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isFullScreen())
    presenter.set_compact(True)
    presenter.set_fullscreen(True)  # full screen leaves compact mode
    assert not presenter.is_compact() and presenter.isFullScreen()


def test_move_to_screen_centres_the_window_on_it(presenter) -> None:
    screen = QGuiApplication.primaryScreen()
    presenter.resize(400, 300)
    presenter.move_to_screen(screen)
    assert screen.availableGeometry().contains(presenter.geometry())
    assert abs(presenter.geometry().center().x() - screen.availableGeometry().center().x()) <= 1


TWO_SCREENS = """
import json
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from streamdesk.core.live_timer import LiveTimer, PlannedSegment
from streamdesk.ui.presenter import PresenterWindow, preferred_screen

app = QApplication([])
timer = LiveTimer([PlannedSegment("Opening", 300)], clock=lambda: 0.0)
window = PresenterWindow(timer.state, ["Opening"])
window.resize(800, 500)
window.show()
target = preferred_screen()
window.move_to_screen(target)
moved = window.geometry().getRect()
window.set_fullscreen(True)
app.processEvents()
print(json.dumps({"target": target.name(), "moved": moved, "screen": window.screen().name(),
                  "full": window.geometry().getRect()}))
"""


def test_the_presenter_goes_to_the_second_screen_and_fills_it(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    screens = [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1},
        {"name": "TV", "x": 1920, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "dpr": 1},
    ]
    config.write_text(json.dumps({"windowFrameMargins": False, "screens": screens}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run([sys.executable, "-c", TWO_SCREENS], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["target"] == "TV" and result["screen"] == "TV"
    assert result["moved"] == [1920 + (1280 - 800) // 2, (720 - 500) // 2, 800, 500]
    assert result["full"] == [1920, 0, 1280, 720]


# --- cues ---------------------------------------------------------------------------------------------------------
def test_each_cue_sounds_once_when_its_phase_is_crossed(qtbot, timer, clock) -> None:
    player = CuePlayer(muted=True)  # no audio device needed: cue_due tells what would sound
    due: list[str] = []
    player.cue_due.connect(due.append)
    window = PresenterWindow(timer.state, TITLES, cue_player=player)
    qtbot.addWidget(window)
    timer.start()
    for _ in range(3):
        window.refresh()
    clock.now += 181  # warning
    for _ in range(3):
        window.refresh()
    assert due == [Cue.WARNING.value]
    clock.now += 60  # danger
    window.refresh()
    clock.now += 60  # over time
    window.refresh()
    window.refresh()
    assert due == ["warning", "danger", "time_up"]
    timer.adjust(120)  # back to warning with time added: already announced
    window.refresh()
    clock.now += 121
    window.refresh()
    timer.next()
    window.refresh()
    timer.previous()  # back into a segment already past its warning: silent
    window.refresh()
    assert due == ["warning", "danger", "time_up"]


def test_the_cue_decider_ignores_what_it_finds_on_first_look_and_skips_to_the_highest(timer, clock) -> None:
    player = CuePlayer(muted=True)
    timer.start()
    clock.now += 200  # warning already when the presenter opens (a resumed run)
    assert player.observe(timer.state()) is None
    clock.now += 50
    assert player.observe(timer.state()) is Cue.DANGER
    timer.next()
    assert player.observe(timer.state()) is None
    timer.adjust(-540)  # 60 s left of 600 … straight into danger
    assert player.observe(timer.state()) is Cue.DANGER
    timer.adjust(-60)  # no time left at all: over time
    assert player.observe(timer.state()) is Cue.TIME_UP


def test_a_flash_sale_end_sounds_once_and_a_cancelled_one_never(clock) -> None:
    player = CuePlayer(muted=True)
    sale = FlashSaleCountdown(10, clock)
    sale.start()
    assert player.observe_flash_sale(sale) is None
    clock.now += 10
    assert player.observe_flash_sale(sale) is Cue.FLASH_SALE_END
    assert player.observe_flash_sale(sale) is None
    sale.start()
    player.observe_flash_sale(sale)
    sale.cancel()
    clock.now += 20
    assert player.observe_flash_sale(sale) is None
    unseen = FlashSaleCountdown(10, clock)
    unseen.start()
    clock.now += 30  # ended before anyone looked: no late cue
    assert player.observe_flash_sale(unseen) is None


def test_every_cue_has_its_sound_file() -> None:
    sounds = resource_path("sounds")
    assert sorted(cue.file_name for cue in Cue) == sorted(path.name for path in sounds.glob("*.wav"))


def test_cue_volume_and_mute_come_from_the_settings(settings) -> None:
    player = CuePlayer.from_settings(settings.model_copy(update={"cue_volume": 0.3, "cues_muted": True}))
    assert (player.volume(), player.muted()) == (0.3, True)
    player.set_volume(7)
    assert player.volume() == 1.0


def test_the_settings_dialog_saves_cue_volume_and_mute(qtbot, paths, settings) -> None:
    from streamdesk.config import load_settings
    from streamdesk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings, paths.settings_file)
    qtbot.addWidget(dialog)
    assert dialog.cue_volume.value() == 80 and not dialog.cues_muted.isChecked()
    dialog.cue_volume.setValue(35)
    dialog.cues_muted.setChecked(True)
    assert not dialog.cue_volume.isEnabled()
    dialog.accept()
    stored = load_settings(paths.settings_file)
    assert (stored.cue_volume, stored.cues_muted) == (0.35, True)


# --- keys ---------------------------------------------------------------------------------------------------------
@pytest.fixture
def keyed(qtbot, timer):
    host = QWidget()
    qtbot.addWidget(host)
    notes = QLineEdit(host)
    QVBoxLayout(host).addWidget(notes)
    refused: list[UserError] = []
    refreshes: list[int] = []
    actions = timer_key_actions(timer, after=lambda: refreshes.append(1), on_error=refused.append)
    shortcuts = install_live_keys(host, actions)
    host.show()
    qtbot.waitExposed(host)
    host.setFocus()
    return host, notes, refused, refreshes, shortcuts


def test_clicker_keys_drive_the_timer(keyed, timer, clock) -> None:
    host, _notes, refused, refreshes, shortcuts = keyed
    assert len(shortcuts) == 5  # no full screen and no help without a presenter
    assert all(s.context() == Qt.ShortcutContext.ApplicationShortcut for s in shortcuts)
    QTest.keyClick(host, Qt.Key.Key_Space)
    assert timer.state().running
    clock.now += 5
    QTest.keyClick(host, Qt.Key.Key_PageDown)
    QTest.keyClick(host, Qt.Key.Key_Right)
    assert timer.state().segment == 2
    QTest.keyClick(host, Qt.Key.Key_PageUp)
    assert timer.state().segment == 1
    QTest.keyClick(host, Qt.Key.Key_Plus)
    QTest.keyClick(host, Qt.Key.Key_Equal)
    QTest.keyClick(host, Qt.Key.Key_Minus)
    assert timer.state().segments[1].planned == 660
    QTest.keyClick(host, Qt.Key.Key_Space)
    assert not timer.state().running
    assert len(refreshes) == 8 and refused == []
    QTest.keyClick(host, Qt.Key.Key_Left)
    QTest.keyClick(host, Qt.Key.Key_Left)  # already on the first segment: refused, nothing changes
    assert [error.code for error in refused] == ["timer.no_previous_segment"]
    assert timer.state().segment == 0


def test_space_types_a_space_in_a_text_field_instead_of_pausing(keyed, timer) -> None:
    _host, notes, _refused, _refreshes, _shortcuts = keyed
    notes.setFocus()
    QTest.keyClicks(notes, "a b")
    QTest.keyClick(notes, Qt.Key.Key_Minus)
    assert notes.text() == "a b-"
    assert timer.state().phase is Phase.READY


def test_key_help_lists_every_key_in_the_users_language() -> None:
    entries = live_key_help()
    assert [keys for keys, _ in entries] == ["Space", "PgDown / Right", "PgUp / Left", "+ / =", "-", "F11", "F1"]
    assert all(description for _, description in entries)
    assert "F11" not in [keys for keys, _ in live_key_help(presenter=False)]


def test_f1_over_the_presenter_lists_the_live_keys(presenter, qtbot) -> None:
    presenter.help_entries = live_key_help
    presenter.toggle_key_help()
    overlay = presenter.findChild(QWidget, "shortcutsOverlay")
    assert overlay is not None and overlay.isVisible()
    assert overlay.rows() == live_key_help()
    presenter.toggle_key_help()
    assert not overlay.isVisible()
