"""A combo box wide enough for the texts it must show whole, in any language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox


def fit_combo_to(combo: QComboBox, texts: Iterable[str] | None = None, *, at_most: int | None = None) -> None:
    """Make ``combo``'s minimum width what Qt would size it to for the widest of ``texts`` (by default its items
    now, with their icons), so a crowded layout cannot squeeze a choice out of sight. Call it again after refilling
    the items (QComboBox keeps its first minimum size hint, taken before the items were there). ``at_most`` caps it
    for names the user typed, which may be of any length."""
    metrics = combo.fontMetrics()
    icon = combo.iconSize().width() + 4
    if texts is not None:
        widths = [metrics.boundingRect(text).width() for text in texts]
    else:
        widths = [
            metrics.boundingRect(combo.itemText(index)).width() + (0 if combo.itemIcon(index).isNull() else icon)
            for index in range(combo.count())
        ]
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = combo.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, QSize(max(widths, default=0), metrics.height()), combo
    )
    combo.setMinimumWidth(size.width() if at_most is None else min(size.width(), at_most))
