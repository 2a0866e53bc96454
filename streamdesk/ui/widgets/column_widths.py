"""Table columns at least as wide as their titles, which are longer in some languages than in English."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

_SIZED_BY_US = (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed)


def widen_to_titles(view: QTableView) -> None:
    """Widen each column narrower than its title (Qt's own measure: the text, its margins and room for the sort
    arrow). Call it after setModel and the widths the view chose; stretched and sized-to-contents columns are left
    to Qt."""
    header = view.horizontalHeader()
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionResizeMode(section) not in _SIZED_BY_US:
            continue
        hint = header.sectionSizeHint(section)
        if header.sectionSize(section) < hint:
            header.resizeSection(section, hint)
