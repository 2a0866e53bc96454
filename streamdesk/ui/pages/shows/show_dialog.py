"""The show dialog: the show's fields, goals and per-SKU targets, people, promotions and budget, on four tabs.

Validated as you type (the service's ``validate_show`` plus the dialog's own parsing); each problem is shown next
to its field or cell, and Save stays disabled until there are none. The dialog writes nothing: the page turns
``show_input()`` into an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.catalogue_types import CatalogueRow, FieldProblem
from streamdesk.core.show_types import ShowDetail, ShowInput
from streamdesk.ui.pages.shows.show_fields import GOALS, ShowFields
from streamdesk.ui.pages.shows.show_parts import BudgetEditor, PeopleEditor, PromotionsEditor, SkuTargetsEditor
from streamdesk.ui.widgets.form_dialog import ValidatedDialog, left_aligned

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows

PickSkus = Callable[[Callable[[Sequence[CatalogueRow]], None]], None]


class ShowDialog(ValidatedDialog):
    """Create (``detail`` None; ``initial`` holds the defaults) or edit one show or template."""

    def __init__(
        self,
        shows: Shows,
        *,
        pick_skus: PickSkus,
        initial: ShowInput | None = None,
        detail: ShowDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, show_problems=detail is not None)
        self._shows = shows
        self._detail = detail
        is_template = detail is not None and detail.is_template
        if detail is None:
            self.setWindowTitle(self.tr("New show"))
        else:
            self.setWindowTitle(self.tr("Edit template") if is_template else self.tr("Edit show"))
        self.setMinimumSize(820, 560)
        self.resize(900, 620)

        self.fields = ShowFields(is_template=is_template, parent=self)
        self.targets = SkuTargetsEditor(pick_skus, self)
        self.people = PeopleEditor(self)
        self.promotions = PromotionsEditor(self)
        start = detail.to_input() if detail is not None else initial or ShowInput(title="")
        self.budget = BudgetEditor(start.currency, self)
        self._make_footer(self.tr("Save"))
        self.tabs = QTabWidget(self)
        self._build_layout(is_template)

        self._load(start, detail)

        self.fields.changed.connect(self._on_edited)
        self.fields.currency_changed.connect(self.budget.set_currency)
        for part in (self.targets, self.people, self.promotions, self.budget):
            part.changed.connect(self._on_edited)
        self.validate_now()
        self.fields.title.setFocus()
        self.fields.title.selectAll()

    # --- layout ------------------------------------------------------------------------------------------------
    def _load(self, start: ShowInput, detail: ShowDetail | None) -> None:
        self._detail = detail
        self.fields.load(start)
        self.people.load(start.people)
        self.promotions.load(start.promotions)
        self.budget.load(start.budget, start.currency)
        if detail is not None:
            self.targets.load(detail.sku_targets)

    def reload(self) -> None:
        """Replace the form with the show as it is saved now (after someone else's save: db.conflict)."""
        if self._detail is not None:
            fresh = self._shows.get_show(self._detail.id)
            self._load(fresh.to_input(), fresh)

    def _build_layout(self, is_template: bool) -> None:
        wrapped = self.fields.wrapped
        show_tab = QWidget(self)
        form = self._form(show_tab)
        form.addRow(self.tr("Title *"), wrapped["title"])
        form.addRow(self.tr("Theme"), wrapped["theme"])
        form.addRow(self.tr("Platforms"), wrapped["platforms"])
        if not is_template:
            form.addRow(self.tr("Planned start"), wrapped["planned_start"])
        form.addRow(self.tr("Planned duration"), wrapped["planned_seconds"])
        if not is_template:
            form.addRow(self.tr("Status"), left_aligned(wrapped["status"], show_tab))
        form.addRow(self.tr("Currency"), left_aligned(wrapped["currency"], show_tab))
        form.addRow(self.tr("Notes"), wrapped["notes"])

        goals_tab = QWidget(self)
        goals_layout = QVBoxLayout(goals_tab)
        goals_form = QFormLayout()
        goals_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        gmv = QWidget(goals_tab)
        gmv_row = QHBoxLayout(gmv)
        gmv_row.setContentsMargins(0, 0, 0, 0)
        gmv_row.addWidget(wrapped["target_gmv_minor"])
        gmv_row.addWidget(self.fields.gmv_currency, 0, Qt.AlignmentFlag.AlignTop)
        gmv_row.addStretch(1)
        goals_form.addRow(self.tr("Target GMV"), gmv)
        goals_form.addRow(self.tr("Target orders"), wrapped["target_orders"])
        goals_form.addRow(self.tr("New followers / members"), wrapped["target_followers"])
        goals_layout.addLayout(goals_form)
        goals_layout.addWidget(self._heading(self.tr("Sales target per SKU"), goals_tab))
        goals_layout.addWidget(self.targets, 1)

        team_tab = QWidget(self)
        team_layout = QVBoxLayout(team_tab)
        team_layout.addWidget(self._heading(self.tr("People and roles (one person may hold several)"), team_tab))
        team_layout.addWidget(self.people, 1)
        team_layout.addWidget(self._heading(self.tr("Promotions and their rules"), team_tab))
        team_layout.addWidget(self.promotions, 1)

        budget_tab = QWidget(self)
        budget_layout = QVBoxLayout(budget_tab)
        budget_layout.addWidget(
            self._heading(
                self.tr("Costs of this show: fixed (venue, equipment) and variable (ads/投流, samples)"), budget_tab
            )
        )
        budget_layout.addWidget(self.budget, 1)

        self.tabs.addTab(show_tab, self.tr("Show"))
        self.tabs.addTab(goals_tab, self.tr("Goals and SKU targets"))
        self.tabs.addTab(team_tab, self.tr("People and promotions"))
        self.tabs.addTab(budget_tab, self.tr("Budget"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self._add_footer(layout)

    @staticmethod
    def _form(parent: QWidget) -> QFormLayout:
        form = QFormLayout(parent)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @staticmethod
    def _heading(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- values and validation ---------------------------------------------------------------------------------
    @property
    def detail(self) -> ShowDetail | None:
        return self._detail

    def show_input(self) -> ShowInput:
        """What the form says now, as the service takes it."""
        return self._build()[0]

    def _build(self) -> tuple[ShowInput, tuple[FieldProblem, ...]]:
        values = self.fields.values()
        budget, budget_problems = self.budget.build()
        show = replace(
            values.show,
            people=self.people.people(),
            promotions=self.promotions.promotions(),
            budget=budget,
            sku_targets=self.targets.targets(),
        )
        return show, values.problems + budget_problems

    def _check(self) -> tuple[tuple[FieldProblem, ...], Iterable[FieldProblem]]:
        show, local = self._build()
        return local, self._shows.validate_show(show)

    def _incomplete_hint(self) -> str:
        return self.tr("Give the show a title, then save.")

    def _fix_hint(self) -> str:
        return self.tr("Fix the fields marked in red to save.")

    def _place_problems(self, found: dict[str, str]) -> None:
        placed = self.fields.show_problems(found)
        tab_of: dict[str, int] = {}
        for part, tab in ((self.targets, 1), (self.people, 2), (self.promotions, 2), (self.budget, 3)):
            for field in part.show_problems(found):
                tab_of[field] = tab
            placed |= set(tab_of)
        for field in found:
            tab_of.setdefault(field, 1 if field in GOALS else 0)
        general = [text for field, text in found.items() if field not in placed]
        self.general_problems.show_problem("\n".join(general) or None)
        normal = self.palette().windowText().color()
        for tab in range(self.tabs.count()):
            has_problem = any(tab_of[field] == tab for field in found)
            self.tabs.tabBar().setTabTextColor(tab, Qt.GlobalColor.red if has_problem else normal)
