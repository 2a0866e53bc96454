"""The row of buttons under the live timer: previous, start/pause, next, −1/+1 minute, go to a segment, the
flash-sale countdown, the presenter window and the end of the show. Every button has a key too (ui/live_keys.py);
none takes the focus, so Space always reaches the timer instead of "clicking" the last button pressed. A window that
follows a run driven elsewhere keeps them in view but disabled (only the presenter window opens)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from streamdesk.core.live_timer import Phase, TimerState
from streamdesk.core.show_types import RunSegment
from streamdesk.ui.pages.live.clock_text import format_clock

BUTTON_HEIGHT = 44


class LiveControls(QWidget):
    jump_requested = Signal(int)  # segment index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = self._button(self.tr("◀ Previous"), self.tr("Previous segment (Page Up, ←)"))
        self.toggle_button = self._button(self.tr("▶ Start"), self.tr("Start, pause or resume the show timer (Space)"))
        self.next_button = self._button(self.tr("Next ▶"), self.tr("Next segment (Page Down, →)"))
        self.remove_minute_button = self._button(self.tr("−1 min"), self.tr("Take a minute off this segment (−)"))
        self.add_minute_button = self._button(self.tr("+1 min"), self.tr("Add a minute to this segment (+)"))
        self.jump_button = QToolButton(self)
        self.jump_button.setText(self.tr("Go to…"))
        self.jump_button.setToolTip(self.tr("Jump to any segment"))
        self.jump_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.jump_button.setMinimumHeight(BUTTON_HEIGHT)
        self.jump_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.jump_menu = QMenu(self.jump_button)
        self.jump_button.setMenu(self.jump_menu)
        self.flash_sale_button = self._button("", self.tr("A big countdown for the flash sale"))
        self.presenter_button = self._button(
            self.tr("Presenter window"),
            self.tr("The timer in its own window, for a second screen or a corner (F11: full screen)"),
        )
        self.end_button = self._button(self.tr("End show…"), "")
        self._following = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.previous_button,
            self.toggle_button,
            self.next_button,
            self.remove_minute_button,
            self.add_minute_button,
            self.jump_button,
            self.flash_sale_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.presenter_button)
        layout.addWidget(self.end_button)

    def _button(self, text: str, tooltip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tooltip)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def set_run(self, segments: Sequence[RunSegment], *, rehearsal: bool) -> None:
        self.end_button.setText(self.tr("End rehearsal…") if rehearsal else self.tr("End show…"))
        self.jump_menu.clear()
        for index, segment in enumerate(segments):
            item = self.jump_menu.addAction(
                self.tr("{number}. {title} ({length})").format(
                    number=index + 1, title=segment.title, length=format_clock(segment.planned_seconds)
                )
            )
            item.triggered.connect(lambda _checked=False, target=index: self.jump_requested.emit(target))

    def driving_buttons(self) -> tuple[QWidget, ...]:
        """Every control that changes the timer (all but the presenter window)."""
        return (
            self.previous_button,
            self.toggle_button,
            self.next_button,
            self.remove_minute_button,
            self.add_minute_button,
            self.jump_button,
            self.flash_sale_button,
            self.end_button,
        )

    def set_following(self, following: bool) -> None:
        """Following a run driven elsewhere: the timer's buttons show, disabled, until the next show_state."""
        self._following = following
        for widget in self.driving_buttons():
            widget.setEnabled(not following)

    def show_state(self, state: TimerState, *, flash_sale_segment: bool, sale_running: bool, sale_seconds: int) -> None:
        """Which buttons apply now, and what the start/pause and flash-sale buttons say."""
        live = state.phase not in (Phase.READY, Phase.FINISHED) and not self._following
        if state.phase is Phase.READY:
            self.toggle_button.setText(self.tr("▶ Start"))
        elif state.running:
            self.toggle_button.setText(self.tr("❚❚ Pause"))
        else:
            self.toggle_button.setText(self.tr("▶ Resume"))
        self.toggle_button.setEnabled(state.phase is not Phase.FINISHED and not self._following)
        self.end_button.setEnabled(not self._following)
        self.previous_button.setEnabled(live and state.segment > 0)
        self.next_button.setEnabled(live and state.segment + 1 < len(state.segments))
        for widget in (self.add_minute_button, self.remove_minute_button, self.jump_button):
            widget.setEnabled(live)
        self.flash_sale_button.setVisible((sale_running or flash_sale_segment) and not self._following)
        if sale_running:
            self.flash_sale_button.setText(self.tr("Cancel flash sale"))
        else:
            self.flash_sale_button.setText(self.tr("Flash sale {seconds} s").format(seconds=sale_seconds))
