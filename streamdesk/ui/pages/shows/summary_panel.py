"""The selected show at a glance, above its rundown: title and status, when and where, goals, team and budget."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from streamdesk.core.review_types import ActionItemRow
from streamdesk.core.show_types import ShowDetail
from streamdesk.core.warmup_types import TaskState, WarmupPlan
from streamdesk.ui.formatting import format_money
from streamdesk.ui.pages.shows.actions_line import actions_html
from streamdesk.ui.pages.shows.labels import (
    format_duration,
    format_show_start,
    person_role_name,
    platforms_text,
    promotion_name,
    status_name,
)
from streamdesk.ui.pages.shows.preflight_line import PreflightGlance, preflight_html
from streamdesk.ui.pages.shows.show_list_model import STATUS_COLORS


class ShowSummaryPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showSummary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(self)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        self.show_detail(None)

    def show_detail(
        self,
        detail: ShowDetail | None,
        warmup: WarmupPlan | None = None,
        preflight: PreflightGlance | None = None,
        actions: Sequence[ActionItemRow] = (),  # carried from earlier reviews
    ) -> None:
        if detail is None:
            self.headline.setText(escape(self.tr("No show selected")))
            self.details.setText(escape(self.tr("Pick a show in the list to see its plan and edit its rundown here.")))
            self.setToolTip("")
            return
        color = STATUS_COLORS[detail.status].name()
        status = self.tr("Template") if detail.is_template else status_name(detail.status)
        self.headline.setText(
            f"{escape(detail.title)} &nbsp;<span style='color:{color}; font-size:small'>{escape(status)}</span>"
        )
        lines = [self._when(detail)]
        goals = self._goals(detail)
        if goals:
            lines.append(goals)
        team = self._team(detail)
        if team:
            lines.append(team)
        if warmup is not None and (warmup.tasks or warmup.links):
            lines.append(self._warmup(warmup))
        if preflight is not None:
            lines.append(preflight_html(preflight))
        if actions:
            lines.append(actions_html(actions))
        self.details.setText("<br>".join(lines))
        self.setToolTip(detail.notes)

    def _when(self, detail: ShowDetail) -> str:
        parts = []
        if detail.planned_start is not None:
            start = format_show_start(detail.planned_start)
            if detail.planned_seconds:
                end = (detail.planned_start + timedelta(seconds=detail.planned_seconds)).astimezone()
                start = self.tr("{start} – {end}").format(start=start, end=end.strftime("%H:%M"))
            parts.append(start)
        elif not detail.is_template:
            parts.append(self.tr("No date yet"))
        if detail.planned_seconds:
            parts.append(format_duration(detail.planned_seconds))
        if detail.platforms:
            parts.append(platforms_text(detail.platforms))
        if detail.theme:
            parts.append(detail.theme)
        return escape(" · ".join(parts))

    def _goals(self, detail: ShowDetail) -> str:
        """HTML: each part escaped, the count of SKUs short of stock in red."""
        parts: list[str] = []
        if detail.target_gmv_minor is not None:
            amount = format_money(detail.target_gmv_minor, detail.currency)
            parts.append(escape(self.tr("GMV {amount}").format(amount=amount)))
        if detail.target_orders is not None:
            parts.append(escape(self.tr("%n order(s)", "", detail.target_orders)))
        if detail.target_followers is not None:
            parts.append(escape(self.tr("%n new follower(s)", "", detail.target_followers)))
        if detail.sku_targets:
            text = escape(self.tr("%n SKU target(s)", "", len(detail.sku_targets)))
            short = sum(1 for row in detail.sku_targets if row.short_by > 0)
            if short:
                warning = escape(self.tr("%n short of stock", "", short))
                text += f" <span style='color:#c62828'>({warning})</span>"
            parts.append(text)
        if detail.budget:
            amount = format_money(detail.budget_total_minor, detail.currency)
            parts.append(escape(self.tr("budget {amount}").format(amount=amount)))
        if not parts:
            return ""
        label = escape(self.tr("Goals:"))
        return f"<b>{label}</b> " + " · ".join(parts)

    def _warmup(self, plan: WarmupPlan) -> str:
        """HTML: tasks done, overdue ones in red, due-soon ones in amber, booking links and their bookings."""
        states = [task.state for task in plan.tasks]
        done = states.count(TaskState.DONE)
        parts = [escape(self.tr("{done} of {total} tasks done").format(done=done, total=len(states)))]
        overdue, soon = states.count(TaskState.OVERDUE), states.count(TaskState.DUE_SOON)
        if overdue:
            late = escape(self.tr("%n overdue", "", overdue))
            parts.append(f"<span style='color:#c62828'>{late}</span>")
        if soon:
            coming = escape(self.tr("%n due soon", "", soon))
            parts.append(f"<span style='color:#b26a00'>{coming}</span>")
        if plan.links:
            parts.append(escape(self.tr("%n booking link(s)", "", len(plan.links))))
        if plan.total_bookings is not None:
            parts.append(escape(self.tr("%n booking(s)", "", plan.total_bookings)))
        label = escape(self.tr("Warm-up:"))
        return f"<b>{label}</b> " + " · ".join(parts)

    def _team(self, detail: ShowDetail) -> str:
        parts = []
        if detail.people:
            people = " · ".join(f"{person_role_name(p.role)}: {p.name}" for p in detail.people)
            label = escape(self.tr("Team:"))
            parts.append(f"<b>{label}</b> {escape(people)}")
        if detail.promotions:
            promotions = " · ".join(f"{promotion_name(p.kind)} {p.rule}".strip() for p in detail.promotions)
            label = escape(self.tr("Promotions:"))
            parts.append(f"<b>{label}</b> {escape(promotions)}")
        return "<br>".join(parts)
