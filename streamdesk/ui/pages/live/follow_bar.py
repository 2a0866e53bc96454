"""Above the timer of a window that follows a run driven elsewhere: which machine drives it, whether it is still
heard from, and the way to take the timer over (core/timer_follow.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from streamdesk.core.timer_follow import RunDriver
from streamdesk.ui.pages.live.clock_text import format_clock
from streamdesk.ui.pages.live.segment_panel import sized_font

_STYLE = (
    "QFrame#followBar { background: #e3f2fd; border: 2px solid #1565c0; border-radius: 4px; }"
    " QFrame#followBar QLabel { color: #0d2a4a; }"
)
_GONE_STYLE = (
    "QFrame#followBar { background: #fff3e0; border: 2px solid #ef6c00; border-radius: 4px; }"
    " QFrame#followBar QLabel { color: #3e2723; }"
)


def machine_name(driver: RunDriver) -> str:
    return driver.host or QCoreApplication.translate("FollowBar", "another laptop")


class FollowBar(QFrame):
    take_over_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followBar")
        self.setStyleSheet(_STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setFont(sized_font(self, 12, bold=True))
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.take_over_button = QPushButton(self.tr("Take over the timer…"), self)
        self.take_over_button.setToolTip(self.tr("Drive the show timer from this laptop from now on"))
        self.take_over_button.setMinimumHeight(36)
        self.take_over_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never "click" it
        self.take_over_button.clicked.connect(self.take_over_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.take_over_button)
        self._gone = False

    def show_driver(self, driver: RunDriver, problem: str = "") -> None:
        """Say who drives; ``problem`` (the database could not be read) replaces it until the next good poll."""
        machine = machine_name(driver)
        gone = driver.gone and not driver.finished
        if problem:
            text = self.tr("Following the timer driven on {machine}, but the database cannot be read now: {problem}")
            text = text.format(machine=machine, problem=problem)
        elif driver.finished:
            text = self.tr("The show was ended on {machine}.").format(machine=machine)
        elif not driver.instance:
            text = self.tr("{machine} stopped driving the timer. Take it over to carry on the show from this laptop.")
            text = text.format(machine=machine)
        elif gone and driver.silent_for is not None:
            text = self.tr(
                "Following the timer driven on {machine}, which has not been heard from for {time}. "
                "If that laptop is gone, take the timer over here."
            ).format(machine=machine, time=format_clock(driver.silent_for))
        else:
            text = self.tr(
                "Following the timer driven on {machine}: it shows the same segment and time. "
                "The buttons work on that laptop."
            ).format(machine=machine)
        self.text.setText(text)
        self.take_over_button.setVisible(not driver.finished)
        if gone != self._gone:
            self._gone = gone
            self.setStyleSheet(_GONE_STYLE if gone else _STYLE)
            font = self.take_over_button.font()
            font.setBold(gone)
            self.take_over_button.setFont(font)
