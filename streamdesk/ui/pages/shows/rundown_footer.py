"""Below the rundown table: total against the planned duration, the planned end, and the list of conflicts, with
the seller's own pacing warnings after them (a kind of segment that habitually runs far from its plan: from the
assistant, core.advice_pacing).

Clicking (or pressing Enter on) a conflict or a warning asks the editor to select the segment it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from streamdesk.core.rundown import duration_text
from streamdesk.core.show_types import Rundown
from streamdesk.ui.pages.shows.segment_labels import conflict_text, format_clock

if TYPE_CHECKING:
    from streamdesk.core.advice_pacing import PacingWarning

OVER_COLOR = "#c62828"
UNDER_COLOR = "#8d6e00"
ON_TIME_COLOR = "#2e7d32"
MAX_CONFLICT_ROWS = 4
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row a conflict item points at (None: the whole show)
PACING_ROLE = Qt.ItemDataRole.UserRole + 2  # a pacing warning's key (None: a conflict)


class RundownFooter(QWidget):
    conflict_activated = Signal(int)  # row of the segment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total_label = QLabel(self)
        self.total_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.end_label = QLabel(self)
        self.conflicts = QListWidget(self)
        self.conflicts.setAlternatingRowColors(True)
        self.conflicts.setToolTip(self.tr("Click a conflict, or press Enter on it, to go to its segment"))
        self.conflicts.itemClicked.connect(self._on_item)
        self.conflicts.itemActivated.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.total_label)
        layout.addWidget(self.end_label)
        layout.addWidget(self.conflicts)

    def set_rundown(self, rundown: Rundown | None, pacing: Sequence[PacingWarning] = ()) -> None:
        """Show the rundown's total, end and conflicts, then ``pacing``: the warnings for its segments' plans."""
        self.conflicts.clear()
        if rundown is None:
            self.total_label.clear()
            self.end_label.clear()
            self.conflicts.hide()
            return
        self._show_total(rundown)
        self._show_end(rundown)
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for conflict in rundown.conflicts:
            text = conflict_text(conflict, rundown.segments)
            if conflict.segment is not None:
                text = self.tr("{number}. {message}").format(number=conflict.segment + 1, message=text)
            item = QListWidgetItem(icon, text)
            item.setData(SEGMENT_ROLE, conflict.segment)
            item.setToolTip(text)
            self.conflicts.addItem(item)
        self._add_pacing(rundown, pacing)
        count = self.conflicts.count()
        self.conflicts.setVisible(bool(count))
        if count:  # as tall as its items, up to MAX_CONFLICT_ROWS; more scroll
            rows = min(count, MAX_CONFLICT_ROWS)
            frame = 2 * self.conflicts.frameWidth()
            self.conflicts.setFixedHeight(rows * self.conflicts.sizeHintForRow(0) + frame)

    def _add_pacing(self, rundown: Rundown, warnings: Sequence[PacingWarning]) -> None:
        """One line per kind of segment (its segments' numbers, their plan and what to expect), then the whole
        show's: a rundown of eight pitches gets one line, not eight, so the table keeps its room."""
        from streamdesk import advice_texts

        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        rows = {segment.id: row for row, segment in enumerate(rundown.segments)}
        by_key: dict[str, list[PacingWarning]] = {}
        for warning in warnings:
            by_key.setdefault(warning.key, []).append(warning)
        for key, group in by_key.items():
            first = group[0]
            numbers = [rows[w.segment_id] + 1 for w in group if w.segment_id in rows]
            if first.kind is None:
                text = self.tr(
                    "Your shows run ×{ratio} their plan ({n} shows): this rundown's {planned} may take about {expected}."
                )
            elif first.ratio > 1:
                text = self.tr(
                    "{kind} segments take you ×{ratio} their plan ({n} segments): here {numbers}, {planned} planned, "
                    "expect about {expected}."
                )
            else:
                text = self.tr(
                    "{kind} segments take you only ×{ratio} their plan ({n} segments): here {numbers}, {planned} "
                    "planned, expect about {expected}."
                )
            text = text.format(
                numbers=", ".join(f"#{number}" for number in numbers),
                kind=advice_texts.kind_name(first.kind.value if first.kind else ""),
                ratio=f"{first.ratio:.1f}",
                n=first.n,
                planned=duration_text(sum(w.planned_seconds for w in group)),
                expected=duration_text(sum(w.expected_seconds for w in group)),
            )
            item = QListWidgetItem(icon, text)
            item.setData(SEGMENT_ROLE, numbers[0] - 1 if numbers else None)
            item.setData(PACING_ROLE, key)
            item.setToolTip(
                self.tr("From the segments you ran with the live timer; dismiss it on the Advice page to stop it.")
            )
            self.conflicts.addItem(item)

    def pacing_texts(self) -> list[str]:
        items = (self.conflicts.item(n) for n in range(self.conflicts.count()))
        return [item.text() for item in items if item.data(PACING_ROLE)]

    def total_text(self) -> str:
        return self.total_label.text()

    def conflict_texts(self) -> list[str]:
        items = (self.conflicts.item(n) for n in range(self.conflicts.count()))
        return [item.text() for item in items if not item.data(PACING_ROLE)]

    def _show_total(self, rundown: Rundown) -> None:
        total, planned = rundown.total_seconds, rundown.planned_seconds
        if planned <= 0:
            text = self.tr("Total {total}; the show has no planned duration.").format(total=duration_text(total))
            color = ""
        elif total > planned:
            text = self.tr("Total {total} of {planned} planned: {difference} over.").format(
                total=duration_text(total), planned=duration_text(planned), difference=duration_text(total - planned)
            )
            color = OVER_COLOR
        elif total < planned:
            text = self.tr("Total {total} of {planned} planned: {difference} under.").format(
                total=duration_text(total), planned=duration_text(planned), difference=duration_text(planned - total)
            )
            color = UNDER_COLOR
        else:
            text = self.tr("Total {total}: exactly the planned duration.").format(total=duration_text(total))
            color = ON_TIME_COLOR
        self.total_label.setText(text)
        self.total_label.setStyleSheet(f"color: {color};" if color else "")
        self.total_label.setProperty(
            "state", "over" if color == OVER_COLOR else "under" if color == UNDER_COLOR else ""
        )

    def _show_end(self, rundown: Rundown) -> None:
        if rundown.planned_start is None:
            self.end_label.setText(self.tr("No planned start yet: times count from the top of the show."))
            return
        end = rundown.planned_start + timedelta(seconds=rundown.total_seconds)
        if rundown.planned_seconds > 0:
            show_end = rundown.planned_start + timedelta(seconds=rundown.planned_seconds)
            self.end_label.setText(
                self.tr("Starts {start}, rundown ends {end}, show planned to end {show_end}.").format(
                    start=format_clock(rundown.planned_start), end=format_clock(end), show_end=format_clock(show_end)
                )
            )
        else:
            self.end_label.setText(
                self.tr("Starts {start}, rundown ends {end}.").format(
                    start=format_clock(rundown.planned_start), end=format_clock(end)
                )
            )

    def _on_item(self, item: QListWidgetItem) -> None:
        row = item.data(SEGMENT_ROLE)
        if isinstance(row, int):
            self.conflict_activated.emit(row)
