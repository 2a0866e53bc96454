"""Lucky draw (抽奖): winners drawn among this show's buyers or among names typed (a comment raffle), with a prize.

The service draws with ``secrets`` and logs every draw (entrants, winners, prize, time) with the show and the segment
on air, so a viewer who doubts it can be shown the record. The winners are shown large enough to hold up to the
camera. The dialog does not block the Live page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import DrawResult
from streamdesk.messages import describe
from streamdesk.ui.formatting import format_local_datetime
from streamdesk.ui.pages.live.background import run_for
from streamdesk.ui.pages.live.segment_panel import sized_font

if TYPE_CHECKING:
    from streamdesk.core.orders import Orders
    from streamdesk.ui.tasks import TaskRunner

_SEPARATORS = re.compile(r"[\n,，、;；]+")
MAX_WINNERS = 999


def typed_entrants(text: str) -> tuple[str, ...]:
    """Names one per line (or separated by commas / 、), blanks dropped, each name once, in the order typed."""
    names = (name.strip() for name in _SEPARATORS.split(text))
    return tuple(dict.fromkeys(name for name in names if name))


class DrawDialog(QDialog):
    drawn = Signal(object)  # DrawResult
    loaded = Signal()
    failed = Signal(str)

    def __init__(self, orders: Orders, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._orders = orders
        self._runner = runner
        self._show_id: int | None = None
        self._segment_id: Callable[[], int | None] = lambda: None
        self._buyers: tuple[str, ...] = ()
        self.setModal(False)
        self.setWindowTitle(self.tr("Lucky draw"))
        self.buyers_choice = QRadioButton(self)
        self.typed_choice = QRadioButton(self.tr("Names I type (one per line, e.g. from the comments)"), self)
        self.source = QButtonGroup(self)
        self.source.addButton(self.buyers_choice)
        self.source.addButton(self.typed_choice)
        self.buyers_choice.setChecked(True)
        self.names = QPlainTextEdit(self)
        self.names.setPlaceholderText(self.tr("Amy\nBen\n…"))
        self.names.setMaximumHeight(110)
        self.winners = QSpinBox(self)
        self.winners.setRange(1, MAX_WINNERS)
        self.prize = QLineEdit(self)
        self.prize.setPlaceholderText(self.tr("e.g. 福袋, a free jacket"))
        self.draw_button = QPushButton(self.tr("Draw"), self)
        self.draw_button.setFont(sized_font(self, 14, bold=True))
        self.draw_button.setMinimumHeight(40)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        self.result_heading = QLabel(self)
        self.result_heading.setFont(sized_font(self, 14, bold=True))
        self.result_heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.winners_label = QLabel(self)
        self.winners_label.setObjectName("drawWinners")
        self.winners_label.setFont(sized_font(self, 30, bold=True))
        self.winners_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.winners_label.setWordWrap(True)
        self.winners_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.winners_label.setStyleSheet("color: #b71c1c; background: #fff8e1; border-radius: 6px; padding: 8px;")
        self.winners_label.hide()
        self.history = QListWidget(self)
        self.history.setMaximumHeight(110)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        form = QFormLayout()
        form.addRow(self.tr("Who can win:"), self.buyers_choice)
        form.addRow("", self.typed_choice)
        form.addRow("", self.names)
        form.addRow(self.tr("Winners:"), self.winners)
        form.addRow(self.tr("Prize:"), self.prize)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.draw_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.result_heading)
        layout.addWidget(self.winners_label)
        layout.addWidget(QLabel(self.tr("Draws of this show:"), self))
        layout.addWidget(self.history)
        layout.addWidget(buttons)
        self.resize(560, 620)
        self.draw_button.clicked.connect(self.draw)
        self.names.textChanged.connect(lambda: self.typed_choice.setChecked(True))
        self._show_buyer_count()

    def show_for(self, show_id: int, segment_id: Callable[[], int | None]) -> None:
        """Draw for this show; ``segment_id`` names the segment on air when the draw is made."""
        self._show_id, self._segment_id = show_id, segment_id
        self.problem.clear()
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()

    def reload(self) -> None:
        show_id, orders = self._show_id, self._orders
        if show_id is None:
            return
        run_for(
            self,
            self._runner,
            lambda _cancel: (orders.show_buyers(show_id), orders.draws(show_id)),
            on_success=lambda loaded: self._on_loaded(*loaded),
            on_error=self.failed.emit,
        )

    def _on_loaded(self, buyers: tuple[str, ...], draws: tuple[DrawResult, ...]) -> None:
        self._buyers = buyers
        self._show_buyer_count()
        self.history.clear()
        for past in sorted(draws, key=lambda d: d.drawn_at, reverse=True):
            self.history.addItem(self._history_line(past))
        self.loaded.emit()

    def _show_buyer_count(self) -> None:
        self.buyers_choice.setText(self.tr("This show's buyers (%n)", "", len(self._buyers)))

    def _history_line(self, result: DrawResult) -> str:
        return self.tr("{time} · {prize} · {winners} (from {entrants})").format(
            time=format_local_datetime(result.drawn_at, with_seconds=True),
            prize=result.prize or self.tr("no prize named"),
            winners=", ".join(result.winners),
            entrants=len(result.entrants),
        )

    def entrants(self) -> tuple[str, ...]:
        return self._buyers if self.buyers_choice.isChecked() else typed_entrants(self.names.toPlainText())

    def draw(self) -> DrawResult | None:
        entrants, wanted = self.entrants(), self.winners.value()
        if not entrants:
            self.problem.setText(
                self.tr("Nobody to draw from: this show has no buyers yet.")
                if self.buyers_choice.isChecked()
                else self.tr("Type the entrants' names first, one per line.")
            )
            return None
        if wanted > len(entrants):
            self.problem.setText(
                self.tr("Only %n entrant(s): choose fewer winners.", "", len(entrants)),
            )
            return None
        try:
            result = self._orders.draw(
                entrants, wanted, prize=self.prize.text().strip(), show_id=self._show_id, segment_id=self._segment_id()
            )
        except UserError as error:
            self.problem.setText(describe(error))
            return None
        self.problem.clear()
        drawn_from = len(result.entrants)
        self.result_heading.setText(
            self.tr("Drawn for {prize} from %n entrant(s):", "", drawn_from).format(prize=result.prize)
            if result.prize
            else self.tr("Drawn from %n entrant(s):", "", drawn_from)
        )
        self.winners_label.setText("\n".join(result.winners))
        self.winners_label.show()
        self.history.insertItem(0, self._history_line(result))
        self.drawn.emit(result)
        return result
