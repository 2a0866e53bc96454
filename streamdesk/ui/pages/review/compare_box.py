"""The Review page's "Compare with" box: the previous comparable show (named), no comparison, or any earlier show.

Its texts keep the page's translation context ("ReviewPage"), where they stood before the box was its own class.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from streamdesk.core.review_types import ReviewHeader, ShowReviewData
from streamdesk.ui.pages.review import page_texts

AUTO, NONE = "auto", "none"  # the "Compare with" choices besides a show id


class CompareBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.setToolTip(
            QCoreApplication.translate("ReviewPage", "The show every KPI is compared with (▲▼ and the change in %)")
        )

    def choice(self) -> int | str:
        """AUTO, NONE or the id of the show chosen."""
        value = self.currentData()
        return value if isinstance(value, (int, str)) else AUTO

    def fill(self, comparable: tuple[ReviewHeader, ...], data: ShowReviewData) -> None:
        """Auto (the previous comparable show, named), none, then every earlier show newest first; the choice stays."""
        keep = self.choice() if self.count() else AUTO
        self.blockSignals(True)
        self.clear()
        auto = data.compare_to.title if data.compare_to is not None and keep == AUTO else None
        self.addItem(page_texts.auto_choice_text(auto), AUTO)
        self.addItem(QCoreApplication.translate("ReviewPage", "No comparison"), NONE)
        for header in comparable:
            self.addItem(page_texts.show_choice_text(header), header.show_id)
        index = self.findData(keep)
        self.setCurrentIndex(index if index >= 0 else 0)
        self.blockSignals(False)
