"""The Overview's KPI cards: each KPI's value (selectable), its change against the comparison show (▲ better in
green, ▼ worse in red, whichever way "better" runs for that KPI), the target with ✓/✗ where the show set one, and a
tooltip quoting the formula and the basis used. The cards flow into as many columns as the width allows; Ctrl+C
(or the context menu) copies every KPI as tab-separated lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QSizePolicy, QVBoxLayout, QWidget

from streamdesk import review_labels
from streamdesk.core.review_types import Kpi
from streamdesk.ui.formatting import MUTED_STYLE
from streamdesk.ui.pages.review.formats import (
    NO_DATA,
    TONE_COLOURS,
    Tone,
    format_delta,
    format_delta_long,
    format_kpi,
    format_value,
    target_mark,
    tone,
)

CARD_MIN_WIDTH = 172
CARD_SPACING = 8
_CARD_STYLE = (
    "QFrame#kpiCard { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
    ' QFrame#kpiCard[missed="true"] { border-color: #e57373; }'
)
_APPROX_BASES = frozenset({"entries", "counts", "samples"})  # their basis sentence already says "approximate"


class KpiCard(QFrame):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiCard")
        self.setStyleSheet(_CARD_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.name = QLabel(self)
        self.name.setStyleSheet(MUTED_STYLE)
        self.delta = QLabel(self)
        self.delta.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.value = QLabel(self)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel(self)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        middle = QHBoxLayout()  # the change beside the value, not the name: long names then fit narrower cards
        middle.setSpacing(8)
        middle.addWidget(self.value, 1)
        middle.addWidget(self.delta, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 5)
        layout.setSpacing(1)
        layout.addWidget(self.name)
        layout.addLayout(middle)
        layout.addWidget(self.detail)

    def set_kpi(self, kpi: Kpi, currency: str, compare_title: str | None, why_missing: str = "") -> None:
        """``why_missing``: said under a value that could not be computed (e.g. which costs are unknown)."""
        self.name.setText(review_labels.kpi_name(kpi.key))
        self.value.setText(format_kpi(kpi, currency))
        change = tone(kpi)
        self.delta.setText(format_delta(kpi, currency))
        self.delta.setStyleSheet(f"color: {TONE_COLOURS[change]}; font-weight: bold;" if change is not None else "")
        if kpi.target is not None:
            target = format_value(kpi.unit, kpi.target, currency)
            self.detail.setText(
                self.tr("Target {target} {mark}").format(target=target, mark=target_mark(kpi.target_met))
            )
            colour = TONE_COLOURS[Tone.BETTER if kpi.target_met else Tone.WORSE] if kpi.target_met is not None else None
            self.detail.setStyleSheet(f"color: {colour};" if colour else MUTED_STYLE)
        elif kpi.value is None and why_missing:
            self.detail.setText(why_missing)
            self.detail.setStyleSheet(MUTED_STYLE)
        elif kpi.previous is not None:
            self.detail.setText(self.tr("was {value}").format(value=format_value(kpi.unit, kpi.previous, currency)))
            self.detail.setStyleSheet(MUTED_STYLE)
        else:
            self.detail.setText(" ")  # keeps every card the same height
            self.detail.setStyleSheet(MUTED_STYLE)
        self.setProperty("missed", "true" if kpi.target_met is False else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setToolTip(self._tooltip(kpi, currency, compare_title) + (f"\n{why_missing}" if why_missing else ""))

    def _tooltip(self, kpi: Kpi, currency: str, compare_title: str | None) -> str:
        lines = [review_labels.kpi_name(kpi.key), review_labels.kpi_formula(kpi.key)]
        if kpi.basis:
            lines.append(review_labels.basis_text(kpi.basis))
        if kpi.approx and kpi.basis not in _APPROX_BASES:
            lines.append(self.tr("Approximate: computed from a stand-in where the exact figure is missing."))
        if kpi.value is None:
            lines.append(self.tr("No data for this show yet."))
        if kpi.target is not None:
            lines.append(
                self.tr("Target: {target}").format(target=format_value(kpi.unit, kpi.target, currency))
                + (f" {target_mark(kpi.target_met)}" if kpi.target_met is not None else "")
            )
        if kpi.previous is not None and compare_title:
            lines.append(
                self.tr("“{show}”: {value}; change {change}").format(
                    show=compare_title,
                    value=format_value(kpi.unit, kpi.previous, currency),
                    change=format_delta_long(kpi, currency) or NO_DATA,
                )
            )
        return "\n".join(line for line in lines if line)


class KpiGrid(QWidget):
    """Cards made once per KPI key and reused; reflowed into columns on resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(CARD_SPACING)
        self._cards: dict[str, KpiCard] = {}
        self._order: list[str] = []
        self._kpis: tuple[Kpi, ...] = ()
        self._currency = "CNY"
        self._compare_title: str | None = None
        self._columns = 0

    def cards(self) -> list[KpiCard]:
        return [self._cards[key] for key in self._order]

    def card(self, key: str) -> KpiCard | None:
        return self._cards.get(key) if key in self._order else None

    def set_kpis(
        self,
        kpis: Sequence[Kpi],
        currency: str,
        compare_title: str | None,
        why_missing: Mapping[str, str] | None = None,  # by KPI key: why its value is missing
    ) -> None:
        why_missing = why_missing or {}
        self._kpis, self._currency, self._compare_title = tuple(kpis), currency, compare_title
        for kpi in kpis:
            card = self._cards.get(kpi.key)
            if card is None:
                card = self._cards[kpi.key] = KpiCard(kpi.key, self)
            card.set_kpi(kpi, currency, compare_title, why_missing.get(kpi.key, ""))
        order = [kpi.key for kpi in kpis]
        for key, card in self._cards.items():
            card.setVisible(key in order)
        self._order = order
        self._columns = 0  # new texts may need wider cards
        self._reflow()

    def card_width(self) -> int:
        """The narrowest a card may be: its name, change and value must fit (wider in Chinese or with big sums)."""
        hints = [self._cards[key].minimumSizeHint().width() for key in self._order]
        return max([CARD_MIN_WIDTH, *hints])

    def columns_for(self, width: int) -> int:
        return max(1, (width + CARD_SPACING) // (self.card_width() + CARD_SPACING))

    def needed_height(self, width: int) -> int:
        """The height of every card row at ``width``: what the Overview gives the cards before the charts."""
        if not self._order:
            return 0
        rows = -(-len(self._order) // self.columns_for(width))
        card = max(self._cards[key].sizeHint().height() for key in self._order)
        return rows * card + (rows - 1) * CARD_SPACING

    def _reflow(self) -> None:
        columns = self.columns_for(self.width())
        if columns == self._columns:
            return
        self._columns = columns
        for card in self._cards.values():
            self._grid.removeWidget(card)
        for number, key in enumerate(self._order):
            self._grid.addWidget(self._cards[key], number // columns, number % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def as_text(self) -> str:
        """Every KPI as tab-separated lines with a header: name, value, target, met, comparison, change."""
        currency = self._currency
        header = (
            self.tr("KPI"),
            self.tr("Value"),
            self.tr("Target"),
            self.tr("Target met"),
            self.tr("Comparison"),
            self.tr("Change"),
        )
        lines = ["\t".join(header)]
        for kpi in self._kpis:
            lines.append(
                "\t".join(
                    (
                        review_labels.kpi_name(kpi.key),
                        format_kpi(kpi, currency),
                        "" if kpi.target is None else format_value(kpi.unit, kpi.target, currency),
                        target_mark(kpi.target_met),
                        "" if kpi.previous is None else format_value(kpi.unit, kpi.previous, currency),
                        format_delta_long(kpi, currency),
                    )
                )
            )
        return "\n".join(lines) + "\n"

    def copy_all(self) -> str:
        text = self.as_text() if self._kpis else ""
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_all()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Copy all KPIs"), self.copy_all)
        menu.exec(event.globalPos())
