"""The Advice page over a real database: suggestions worked out as a task and shown as cards with their evidence,
the tables behind them, dismissing and bringing back with undo, and what it says before there is any history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from history_support import stream
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from streamdesk.app import Services
from streamdesk.db import Database
from streamdesk.ui.pages.advice.cards import SuggestionCard
from streamdesk.ui.pages.advice.page import AdvicePage
from streamdesk.ui.pages.advice.tables import FiguresModel
from streamdesk.ui.tasks import TaskRunner
from streamdesk.ui.widgets.paged_table import TableWithEmptyState


def history(database: Database) -> None:
    """Four weekday 20:00 shows of 2.5 h (GPM ¥412) beat three weekday 14:00 shows of 1.5 h (GPM ¥268), in the
    computer's zone (the page's): start hours are written as local times."""
    for i, day in enumerate((5, 6, 7, 8)):
        stream(database, f"E{i}", local(2026, 1, day, 20), 9000, 412_000, 10_000)
    for i, day in enumerate((12, 13, 14)):
        stream(database, f"A{i}", local(2026, 1, day, 14), 5400, 268_000, 10_000)


def local(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour).astimezone().astimezone(UTC)


@pytest.fixture
def page(qtbot, services: Services, runner: TaskRunner) -> AdvicePage:
    page = AdvicePage(services.advice, runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page


def load(qtbot, page: AdvicePage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()


def card(page: AdvicePage, headline: str) -> SuggestionCard:
    return next(c for c in page.suggestions.cards if c.headline.text() == headline)


def headlines(page: AdvicePage) -> list[str]:
    return [c.headline.text() for c in page.suggestions.cards]


def model(holder: TableWithEmptyState) -> FiguresModel[object]:
    source = holder.table.source  # type: ignore[attr-defined]
    assert isinstance(source, FiguresModel)
    return source


def test_cards_show_the_suggestions_with_their_evidence(qtbot, page: AdvicePage, database: Database) -> None:
    history(database)

    load(qtbot, page)

    assert "Start at 20:00 on weekdays" in headlines(page)
    slot = card(page, "Start at 20:00 on weekdays")
    assert slot.evidence.text() == (
        "Your 20:00 weekday shows average GPM ¥412 vs ¥268 at 14:00 (weekday), n = 4 and 3; "
        "GMV per hour ¥1,648 vs ¥1,787."
    )
    assert "Stay live 2–3 h" in headlines(page)
    assert page.summary.text().startswith("From 7 streamed shows; start hours in ")
    slots = model(page.slots)
    assert slots.rowCount() == 2 and page.slots.currentWidget() is page.slots.table
    texts = [slots.index(row, 0).data() for row in range(2)]
    assert texts == ["weekday 14:00", "weekday 20:00"]
    assert slots.index(1, 2).data() == "¥412"  # GPM
    bold = slots.index(1, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont) and bold.bold()  # the suggested slot
    assert slots.index(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_dismiss_moves_a_card_behind_the_toggle_and_undo_brings_it_back(
    qtbot, page: AdvicePage, database: Database
) -> None:
    history(database)
    load(qtbot, page)

    qtbot.mouseClick(card(page, "Start at 20:00 on weekdays").button, Qt.MouseButton.LeftButton)

    assert "Start at 20:00 on weekdays" not in headlines(page)
    toggle = page.suggestions.show_dismissed
    assert toggle.isVisibleTo(page) and toggle.text() == "Show the dismissed suggestions (1)"
    toggle.click()
    shown = card(page, "Start at 20:00 on weekdays")
    assert shown.button.text() == "Bring back"
    assert page.undo_stack.undoText() == "Dismiss “Start at 20:00 on weekdays”"

    page.undo_stack.undo()
    assert card(page, "Start at 20:00 on weekdays").button.text() == "Dismiss"
    assert not toggle.isVisibleTo(page)

    page.undo_stack.redo()
    load(qtbot, page)  # worked out again: still dismissed (stored, not only on screen)
    assert card(page, "Start at 20:00 on weekdays").button.text() == "Bring back"

    qtbot.mouseClick(card(page, "Start at 20:00 on weekdays").button, Qt.MouseButton.LeftButton)
    assert card(page, "Start at 20:00 on weekdays").button.text() == "Dismiss"
    assert page.undo_stack.undoText() == "Bring back “Start at 20:00 on weekdays”"
    page.undo_stack.undo()
    assert card(page, "Start at 20:00 on weekdays").button.text() == "Bring back"


def test_without_history_the_defaults_say_so_and_the_tables_explain(qtbot, page: AdvicePage) -> None:
    load(qtbot, page)

    assert headlines(page) == ["Go live at 12:00–14:00 or 18:00–22:00, for at least 2 hours"]
    evidence = page.suggestions.cards[0].evidence.text()
    assert evidence.startswith("These are the common defaults, not your figures: you have 0 streamed shows")
    for holder in (page.slots, page.bands, page.products, page.pacing):
        assert holder.currentWidget() is holder.empty_state
        assert holder.empty_state.text()
    assert page.slots.empty_state.headline() == "No streamed shows yet"
    assert not page.suggestions.show_dismissed.isVisibleTo(page)


def test_f5_works_the_advice_out_again(qtbot, page: AdvicePage, database: Database) -> None:
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)  # shown: worked out once
    assert page.report is not None and page.report.slots.shows_found == 0
    history(database)

    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh_action.trigger()

    assert page.report.slots.shows_found == 7


def test_a_role_suggestion_sets_the_role_in_the_catalogue_with_undo(
    qtbot, services: Services, runner: TaskRunner
) -> None:
    from streamdesk.core.advice import Suggestion
    from streamdesk.core.catalogue_types import ProductInput, VariantInput
    from streamdesk.models.base import ShowRole

    product_id = services.catalogue.create_product(
        ProductInput(title="Silk scarf", role=ShowRole.TRAFFIC, variants=(VariantInput("SCARF-1"),))
    )
    page = AdvicePage(services.advice, runner, services.catalogue)
    qtbot.addWidget(page)
    figures = {"product_id": product_id, "title": "Silk scarf", "role": "hero", "current_role": "traffic"}
    page.suggestions.set_suggestions([Suggestion(f"product:{product_id}:role:hero", "role", figures)], "CNY")
    card = page.suggestions.cards[0]
    assert card.headline.text() == "Make “Silk scarf” a hero product"
    assert card.apply_button is not None and card.apply_button.text() == "Make it hero"

    with qtbot.waitSignal(page.loaded, timeout=20_000):  # the advice is worked out again after the change
        qtbot.mouseClick(card.apply_button, Qt.MouseButton.LeftButton)

    assert services.catalogue.get_product(product_id).input.role is ShowRole.HERO
    assert page.undo_stack.undoText() == "Make “Silk scarf” a hero product"
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.undo_stack.undo()
    assert services.catalogue.get_product(product_id).input.role is ShowRole.TRAFFIC
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.undo_stack.redo()
    assert services.catalogue.get_product(product_id).input.role is ShowRole.HERO


def test_a_dismissed_role_suggestion_has_no_apply_button(qtbot, page: AdvicePage) -> None:
    from streamdesk.core.advice import Suggestion

    figures = {"product_id": 1, "title": "Silk scarf", "role": "hero"}
    dismissed = Suggestion("product:1:role:hero", "role", figures, dismissed_at=datetime(2026, 1, 1, tzinfo=UTC))
    page.suggestions.set_suggestions([dismissed], "CNY")
    page.suggestions.show_dismissed.setChecked(True)

    assert [c.apply_button for c in page.suggestions.cards] == [None]
