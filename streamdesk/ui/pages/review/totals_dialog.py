"""The manual form for a show's totals on one platform, for shows without a metrics file: every figure of
review_types.TOTAL_FIELDS, a blank meaning "unknown" (never zero). Durations take mm:ss, h:mm:ss or seconds
(and "1小时2分"); counts take "1,234" or "1.2万"; the platform's GMV is parsed as a Decimal amount.

Save calls ``review_save(show_id, totals)`` (Review.save_totals) and keeps what it returns in ``previous`` for the
caller's undo; ``totals()`` is what was saved. Switching platform keeps what was typed for the other one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.errors import UserError
from streamdesk.core.metrics_io.cells import parse_count, parse_duration
from streamdesk.core.money import parse_amount
from streamdesk.core.review_types import TOTAL_FIELDS, TotalsInput
from streamdesk.labels import platform_name
from streamdesk.messages import describe
from streamdesk.models.base import Platform
from streamdesk.review_labels import total_name
from streamdesk.ui.formatting import currency_symbol, format_amount_for_editing, format_duration
from streamdesk.ui.widgets.field_problem import FieldWithProblem
from streamdesk.ui.widgets.message_bar import MessageBar

DURATIONS = frozenset({"duration_seconds", "average_watch_seconds"})
MONEY = frozenset({"platform_gmv_minor"})

SaveTotals = Callable[[int, TotalsInput], "TotalsInput | None"]


class TotalsDialog(QDialog):
    """Enter or correct a show's totals per platform; ``exec()`` or ``open()`` it, then read ``totals()``."""

    def __init__(
        self,
        review_save: SaveTotals,
        show_id: int,
        platforms: Sequence[Platform],
        currency: str,
        existing: Sequence[TotalsInput],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save, self._show_id, self._currency = review_save, show_id, currency
        self._existing: dict[Platform, TotalsInput] = {totals.platform: totals for totals in existing}
        self._drafts: dict[Platform, dict[str, str]] = {}
        self._saved: TotalsInput | None = None
        self.previous: TotalsInput | None = None  # what Save replaced, for undo
        self.setWindowTitle(self.tr("Show totals"))
        self.resize(480, 680)
        self.messages = MessageBar(self)
        intro = QLabel(
            self.tr(
                "Type the figures the platform's dashboard shows for this show. Leave a figure blank when you do "
                "not know it: blank means unknown, not zero. Times as mm:ss, h:mm:ss or seconds."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.platform = QComboBox(self)
        listed = list(dict.fromkeys([*platforms, *self._existing])) or [Platform.OTHER]
        for platform in listed:
            self.platform.addItem(platform_name(platform), platform.value)
        self._shown: Platform = listed[0]
        holder = QWidget(self)
        form = QFormLayout(holder)
        self.edits: dict[str, QLineEdit] = {}
        self.fields: dict[str, FieldWithProblem] = {}
        for name in TOTAL_FIELDS:
            edit = QLineEdit(holder)
            edit.setPlaceholderText(self._empty_text(name))
            edit.textEdited.connect(lambda _text, field=name: self._check(field))
            wrapper = FieldWithProblem(edit, holder)
            self.edits[name], self.fields[name] = edit, wrapper
            form.addRow(total_name(name), wrapper)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        top = QFormLayout()
        top.addRow(self.tr("Platform:"), self.platform)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.platform.activated.connect(lambda _i: self._on_platform_chosen())
        self._load(self._shown)

    # --- public ------------------------------------------------------------------------------------------------
    def selected_platform(self) -> Platform:
        return Platform(str(self.platform.currentData()))

    def set_platform(self, platform: Platform) -> None:
        self.platform.setCurrentIndex(max(0, self.platform.findData(platform.value)))
        self._on_platform_chosen()

    def totals(self) -> TotalsInput:
        """What was saved (after ``accepted``), else what the form holds now; UserError while a field is wrong."""
        if self._saved is not None:
            return self._saved
        values: dict[str, int | None] = {}
        for name in TOTAL_FIELDS:
            values[name] = self._parse(name, self.edits[name].text())
        return TotalsInput(platform=self.selected_platform(), source="manual", values=values)

    def problems(self) -> dict[str, str]:
        """Field → the problem shown under it."""
        return {name: wrapper.problem() for name, wrapper in self.fields.items() if wrapper.problem()}

    def save(self) -> None:
        """Check every field, save through the review service, and close; a refusal stays in the dialog."""
        for name in TOTAL_FIELDS:
            self._check(name)
        if self.problems():
            self.messages.show_error(self.tr("Some figures are not numbers; they are marked in red."))
            return
        totals = self.totals()
        try:
            self.previous = self._save(self._show_id, totals)
        except UserError as error:
            self.messages.show_error(describe(error))
            return
        self._saved = totals
        self.accept()

    # --- form --------------------------------------------------------------------------------------------------
    def _empty_text(self, name: str) -> str:
        if name in DURATIONS:
            return self.tr("unknown · mm:ss")
        if name in MONEY:
            return self.tr("unknown · {symbol}0.00").format(symbol=currency_symbol(self._currency))
        return self.tr("unknown")

    def _on_platform_chosen(self) -> None:
        chosen = self.selected_platform()
        if chosen == self._shown:
            return
        self._drafts[self._shown] = {name: edit.text() for name, edit in self.edits.items()}
        self._shown = chosen
        self._load(chosen)

    def _load(self, platform: Platform) -> None:
        texts = self._drafts.get(platform)
        if texts is None:
            stored = self._existing.get(platform)
            texts = self._texts(stored.values if stored is not None else {})
        for name, edit in self.edits.items():
            edit.setText(texts.get(name, ""))
            self._check(name)

    def _texts(self, values: Mapping[str, int | None]) -> dict[str, str]:
        texts = {}
        for name in TOTAL_FIELDS:
            value = values.get(name)
            if value is None:
                texts[name] = ""
            elif name in DURATIONS:
                texts[name] = format_duration(value)
            elif name in MONEY:
                texts[name] = format_amount_for_editing(value, self._currency)
            else:
                texts[name] = str(value)
        return texts

    def _check(self, name: str) -> None:
        try:
            self._parse(name, self.edits[name].text())
        except UserError:
            self.fields[name].set_problem(self._problem_text(name))
        else:
            self.fields[name].set_problem(None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not self.problems())

    def _problem_text(self, name: str) -> str:
        if name in DURATIONS:
            return self.tr("Write a time as mm:ss, h:mm:ss or seconds, for example 1:25.")
        if name in MONEY:
            return self.tr("Write an amount, for example 12345.60.")
        return self.tr("Write a whole number, for example 1234, or leave it blank.")

    def _parse(self, name: str, text: str) -> int | None:
        """The field's value, None when blank; UserError("ui.message") when it is not one."""
        text = text.strip()
        if not text:
            return None
        try:
            if name in DURATIONS:
                return parse_duration(text)
            if name in MONEY:
                value = parse_amount(text, self._currency)
                if value is not None and value < 0:
                    raise ValueError(text)
                return value
            return parse_count(text)
        except (ValueError, UserError) as exc:
            raise UserError("ui.message", message=self._problem_text(name)) from exc
