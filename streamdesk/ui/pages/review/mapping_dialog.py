"""Matching a metrics file's columns by hand: which column holds the time and which holds each figure.

"Minute by minute" offers the sample series (review_types.SERIES) and needs a time column; "Show totals" offers the
show's totals (TOTAL_FIELDS), with an optional start-time column for files that list several shows. A header whose
name says "(分)" is read in fen, any other amount in the show's currency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.metrics_io.presets import TIME
from streamdesk.core.review_types import SERIES, TOTAL_FIELDS, MetricsKind
from streamdesk.review_labels import series_name, total_name

_TOTAL_ONLY = frozenset(TOTAL_FIELDS) - frozenset(SERIES)


class MetricsMappingDialog(QDialog):
    """``mapping()`` after ``accepted``: {series or total name, or "time": header}."""

    def __init__(
        self,
        headers: Sequence[str],
        *,
        kind: MetricsKind = "trend",
        mapping: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Map the columns"))
        self.resize(520, 640)
        self._headers = tuple(h for h in headers if h.strip())
        self._chosen: dict[str, str] = dict(mapping or {})
        self.trend = QRadioButton(self.tr("Minute by minute: a time column and figures for each minute"), self)
        self.summary = QRadioButton(self.tr("Show totals: one row of figures for the whole show"), self)
        (self.trend if kind == "trend" else self.summary).setChecked(True)
        intro = QLabel(
            self.tr(
                "Choose the file's column for each figure it holds; leave the rest at “not in the file”. Amounts "
                "are read in the show's currency, or in fen when the column's name says (分)."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form_holder = QWidget(self)
        self.form = QFormLayout(self.form_holder)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its combo boxes, not to the frame around them
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_holder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Read with these columns"))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.trend)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.trend.toggled.connect(lambda _on: self._rebuild())
        self.combos: dict[str, QComboBox] = {}
        self._rebuild()

    def kind(self) -> MetricsKind:
        return "trend" if self.trend.isChecked() else "summary"

    def _raw(self) -> dict[str, str]:
        chosen = {name: str(combo.currentData() or "") for name, combo in self.combos.items()}
        return {name: header for name, header in chosen.items() if header}

    def mapping(self) -> dict[str, str]:
        found = self._raw()
        if self.kind() == "summary" and not any(name in _TOTAL_ONLY for name in found):
            # the import reads a time column with only figures a trend has too (likes, views…) as a trend
            found.pop(TIME, None)
        return found

    def choose(self, name: str, header: str) -> None:
        """Select ``header`` for ``name`` (what a test or a saved mapping does)."""
        combo = self.combos[name]
        combo.setCurrentIndex(max(0, combo.findData(header)))

    def _rebuild(self) -> None:
        self._chosen.update(self._raw())
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        names = SERIES if self.kind() == "trend" else TOTAL_FIELDS
        time_label = self.tr("Time") if self.kind() == "trend" else self.tr("Show start (when several shows)")
        self._add_row(TIME, time_label)
        for name in names:
            self._add_row(name, series_name(name) if self.kind() == "trend" else total_name(name))
        previous: QWidget = self.summary  # Tab: the two kinds, the fields top to bottom, then the buttons
        for combo in self.combos.values():
            QWidget.setTabOrder(previous, combo)
            previous = combo
        for which in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel):
            QWidget.setTabOrder(previous, self.buttons.button(which))
            previous = self.buttons.button(which)
        self._update()

    def _add_row(self, name: str, label: str) -> None:
        combo = QComboBox(self.form_holder)
        combo.addItem(self.tr("not in the file"), "")
        for header in self._headers:
            combo.addItem(header, header)
        combo.setCurrentIndex(max(0, combo.findData(self._chosen.get(name, ""))))
        combo.currentIndexChanged.connect(lambda _i: self._update())
        self.combos[name] = combo
        self.form.addRow(label, combo)

    def _update(self) -> None:
        mapping = self._raw()
        figures = [name for name in mapping if name != TIME]
        if self.kind() == "trend" and TIME not in mapping:
            hint = self.tr("Choose the column that holds the time.")
        elif not figures:
            hint = self.tr("Choose a column for at least one figure.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not hint)
