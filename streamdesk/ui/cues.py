"""Audio cues of the live timer: a short sound when a segment turns to warning, danger and overtime, and when a
flash-sale countdown ends.

When a cue is due is decided by ``CueDecider``, a plain class with no Qt and no sound, so it is tested without an
audio device; ``CuePlayer`` feeds it states and plays what it decides through preloaded QSoundEffects.

The rules, chosen so a cue always means "something just changed" and never repeats itself:
- a cue sounds when the phase of the *same* segment rises between two looks at the timer (normal → warning,
  warning → danger, any → overtime); several refreshes in one phase never repeat it;
- each cue sounds at most once per segment and run: time added after a warning, then running down again, is not
  announced a second time, and neither is going back to a segment already past its warning;
- entering a segment (next, previous, jump) and the first look at a timer (a presenter opened mid-show, a run resumed
  after a crash) are not crossings: whatever phase is found there is taken as already announced;
- a phase skipped over (removing a minute in the normal phase straight into overtime) sounds only the highest cue;
- a flash-sale countdown sounds once when it reaches zero, if it was seen running; a cancelled one stays silent.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from PySide6.QtCore import QObject, QUrl, Signal

from streamdesk.config import Settings
from streamdesk.core.flash_sale import FlashSaleCountdown
from streamdesk.core.live_timer import Phase, TimerState
from streamdesk.resource_paths import resource_path

log = logging.getLogger(__name__)


class Cue(StrEnum):
    WARNING = "warning"
    DANGER = "danger"
    TIME_UP = "time_up"
    FLASH_SALE_END = "flash_sale_end"

    @property
    def file_name(self) -> str:
        return f"{self.value}.wav"


_PHASE_RANK = {Phase.NORMAL: 0, Phase.WARNING: 1, Phase.DANGER: 2, Phase.OVERTIME: 3}
_PHASE_CUE = {Phase.WARNING: Cue.WARNING, Phase.DANGER: Cue.DANGER, Phase.OVERTIME: Cue.TIME_UP}


class CueDecider:
    """Which cue, if any, each new look at the timer calls for (the rules are in the module notes)."""

    def __init__(self) -> None:
        self._last_segment: int | None = None
        self._announced: dict[int, int] = {}  # segment index → highest phase rank already announced or found
        self._sales_seen_running: set[float] = set()
        self._sales_announced: set[float] = set()

    def cue_for(self, state: TimerState) -> Cue | None:
        previous_segment, self._last_segment = self._last_segment, state.segment
        rank = _PHASE_RANK.get(state.phase)
        if rank is None:  # ready or finished: no segment is being timed
            return None
        announced = self._announced.get(state.segment, 0)
        self._announced[state.segment] = max(announced, rank)
        if previous_segment != state.segment or rank <= announced:
            return None
        return _PHASE_CUE[state.phase]

    def cue_for_flash_sale(self, countdown: FlashSaleCountdown) -> Cue | None:
        started_at = countdown.started_at
        if started_at is None:
            return None
        if countdown.running:
            self._sales_seen_running.add(started_at)
            return None
        if not countdown.finished or started_at not in self._sales_seen_running or started_at in self._sales_announced:
            return None
        self._sales_announced.add(started_at)
        return Cue.FLASH_SALE_END


class CuePlayer(QObject):
    """Plays the cues. One per app: the Live page and the presenter may both feed it the same states (the decider
    keeps a cue from sounding twice). Without an audio device QSoundEffect stays silent and nothing fails."""

    cue_due = Signal(str)  # the Cue value; emitted when a cue is due, muted or not

    def __init__(self, *, volume: float = 0.8, muted: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QSoundEffect  # only when a show runs: QtMultimedia stays out of start-up

        self.decider = CueDecider()
        self._volume = 0.0
        self._muted = muted
        self._effects: dict[Cue, QSoundEffect] = {}
        for cue in Cue:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", cue.file_name))))
            self._effects[cue] = effect
        self.set_volume(volume)

    @classmethod
    def from_settings(cls, settings: Settings, parent: QObject | None = None) -> CuePlayer:
        return cls(volume=settings.cue_volume, muted=settings.cues_muted, parent=parent)

    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """``volume`` as the settings slider shows it, 0..1 on a loudness scale (converted to linear gain)."""
        from PySide6.QtMultimedia import QtAudio

        self._volume = min(1.0, max(0.0, volume))
        linear = QtAudio.convertVolume(
            self._volume, QtAudio.VolumeScale.LogarithmicVolumeScale, QtAudio.VolumeScale.LinearVolumeScale
        )
        for effect in self._effects.values():
            effect.setVolume(linear)

    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def apply_settings(self, settings: Settings) -> None:
        self.set_volume(settings.cue_volume)
        self.set_muted(settings.cues_muted)

    def observe(self, state: TimerState) -> Cue | None:
        """Feed a fresh TimerState (after every refresh and every command); plays and returns the cue it calls for."""
        cue = self.decider.cue_for(state)
        if cue is not None:
            self.play(cue)
        return cue

    def observe_flash_sale(self, countdown: FlashSaleCountdown) -> Cue | None:
        cue = self.decider.cue_for_flash_sale(countdown)
        if cue is not None:
            self.play(cue)
        return cue

    def play(self, cue: Cue) -> None:
        self.cue_due.emit(cue.value)
        if self._muted or self._volume == 0:
            return
        effect = self._effects[cue]
        if effect.status() == effect.Status.Error:
            log.warning("cue %s could not be loaded from %s", cue.value, effect.source().toLocalFile())
            return
        effect.stop()  # a cue still ringing restarts instead of being skipped
        effect.play()
