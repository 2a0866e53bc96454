"""Above the checklist: the action items earlier reviews (复盘) carried to this show, each with a tick box. Ticking
one marks it done on this show (``Review.set_action_done(id, True, on_show_id=show)``) through the page's undo
stack, so Ctrl+Z opens it again; items ticked here stay listed, ticked, for this show."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from streamdesk.core.review_types import ActionItemRow
from streamdesk.ui.undo import ServiceCommand
from streamdesk.ui.widgets.tab_order import tab_before

if TYPE_CHECKING:
    from streamdesk.core.review import Review
    from streamdesk.ui.pages.preflight.page import PreflightPage


class ActionDoneCommand(ServiceCommand):
    """Tick an action item off on a show (or open it again); undo puts back what it was."""

    def __init__(
        self,
        review: Review,
        item: ActionItemRow,
        done: bool,
        show_id: int,
        report_error: Callable[[str], None],
        reload: Callable[[], None],
    ) -> None:
        text = (
            QCoreApplication.translate("CarriedActions", "Tick off “{text}”")
            if done
            else QCoreApplication.translate("CarriedActions", "Open “{text}” again")
        ).format(text=item.text)
        super().__init__(text, report_error)
        self._review, self._item_id, self._done, self._show_id, self._reload = review, item.id, done, show_id, reload
        self._previous: ActionItemRow | None = None

    def forward(self) -> int | None:
        on_show = self._show_id if self._done else None
        self._previous = self._review.set_action_done(self._item_id, self._done, on_show_id=on_show)
        return self._item_id

    def backward(self) -> int | None:
        previous = self._previous
        if previous is not None:
            self._review.set_action_done(self._item_id, previous.done_at is not None, on_show_id=previous.done_show_id)
        return self._item_id

    def done(self, _selected: int | None) -> None:
        self._reload()

    def refused(self) -> None:
        self._reload()


class CarriedActions(QFrame):
    def __init__(self, page: PreflightPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._items: tuple[ActionItemRow, ...] = ()
        self.boxes: list[QCheckBox] = []
        self.setObjectName("carriedActions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.heading)
        self.hide()

    def items(self) -> tuple[ActionItemRow, ...]:
        return self._items

    def reload(self) -> None:
        """Read the show's carried items again; hidden when there are none (or no review service)."""
        review, show_id = self._page.review, self._page.show_id()
        items: tuple[ActionItemRow, ...] = ()
        if review is not None and show_id is not None:
            items = self._page.run_service(lambda: review.carried_actions(show_id)) or ()
        self._items = items
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        still_open = sum(1 for item in items if item.done_at is None)
        self.heading.setText(
            self.tr("Actions from earlier reviews (%n open)", None, still_open)
            if still_open
            else self.tr("Actions from earlier reviews: all done")
        )
        for item in items:
            box = QCheckBox(self.tr("{text} (from {show})").format(text=item.text, show=item.show_title), self)
            box.setChecked(item.done_at is not None)
            box.setToolTip(self.tr("Tick it off once it is taken care of for this show; Ctrl+Z opens it again."))
            box.toggled.connect(lambda checked, item=item: self._on_toggled(item, checked))
            self._layout.addWidget(box)
            self.boxes.append(box)
        tab_before(self._page.run_view.table, self.boxes)  # above the checklist, so Tab reaches them before it
        self.setVisible(bool(items))

    def _on_toggled(self, item: ActionItemRow, checked: bool) -> None:
        review, show_id = self._page.review, self._page.show_id()
        if review is None or show_id is None:
            return
        self._page.push(ActionDoneCommand(review, item, checked, show_id, self._page.report_error, self._changed))

    def _changed(self) -> None:
        """After a tick, its undo or redo: this list, and every other page that shows action items."""
        self.reload()
        show_id = self._page.show_id()
        if show_id is not None:
            self._page.review_edited.emit(show_id)
