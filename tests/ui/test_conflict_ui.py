"""Team mode in the product editor: someone else saved the product while it was open here (db.conflict).

The editor stays open with the sentence and everything typed (to copy), offers Reload, and saves again once
reloaded. Laptop B is a second Database and Catalogue on the same SQLite file or PostgreSQL URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small, select_skus, wait_reloaded

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.core.errors import UserError
from streamdesk.db import Database, open_database
from streamdesk.messages import describe
from streamdesk.ui.pages.catalogue.product_editor import ProductEditor


@pytest.fixture
def laptop_b_database(database_target: str | Path) -> Iterator[Database]:
    database = open_database(database_target)
    yield database
    database.dispose()


@pytest.fixture
def laptop_b(laptop_b_database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images-b"
    return Catalogue(
        laptop_b_database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".t",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


def test_the_product_editor_says_someone_else_saved_keeps_the_typing_and_reloads(
    qtbot, english, services, make_page, laptop_b: Catalogue
) -> None:
    ids = seed_small(services)
    page = make_page()
    select_skus(page, "LIP-01")
    page.catalogue_actions.edit.trigger()
    editor = page.flows.current_dialog
    assert isinstance(editor, ProductEditor)

    theirs = laptop_b.get_product(ids["Lipstick"])  # laptop B saves while the editor is open here
    laptop_b.update_product(ids["Lipstick"], replace(theirs.input, brand="Their brand"), expected_version=1)

    editor.fields.title.setText("Velvet lipstick")
    editor.ok_button.click()

    sentence = describe(UserError("db.conflict", what="Velvet lipstick"))
    assert "Someone else changed Velvet lipstick" in sentence
    assert page.flows.current_dialog is editor and editor.isVisible()
    assert editor.refusal.isVisibleTo(editor) and editor.refusal.text() == sentence
    assert editor.fields.title.text() == "Velvet lipstick"  # kept, to copy
    assert editor.reload_button.isVisibleTo(editor)
    assert page.undo_stack.count() == 0  # nothing was saved, nothing to undo
    stored = services.catalogue.get_product(ids["Lipstick"])
    assert (stored.input.title, stored.input.brand, stored.version) == ("Lipstick", "Their brand", 2)

    editor.reload_button.click()
    assert editor.fields.title.text() == "Lipstick" and not editor.refusal.isVisibleTo(editor)
    assert editor.detail is not None and editor.detail.version == 2
    editor.fields.title.setText("Velvet lipstick")
    wait_reloaded(qtbot, page, editor.ok_button.click)
    saved = services.catalogue.get_product(ids["Lipstick"])
    assert (saved.input.title, saved.input.brand, saved.version) == ("Velvet lipstick", "Their brand", 3)
    assert page.flows.current_dialog is None  # saved and closed

    wait_reloaded(qtbot, page, page.undo_stack.undo)  # undo right after your own save: not a conflict
    assert services.catalogue.get_product(ids["Lipstick"]).input.title == "Lipstick"


def test_the_show_dialog_says_someone_else_saved_and_reloads(
    qtbot, english, services, runner, settings, utc_clock, laptop_b_database: Database
) -> None:
    from streamdesk.core.show_types import ShowInput
    from streamdesk.core.shows import Shows
    from streamdesk.ui.pages.shows.page import ShowsPage
    from streamdesk.ui.pages.shows.show_dialog import ShowDialog

    show_id = services.shows.create_show(
        ShowInput(title="Beauty night", planned_start=utc_clock() + timedelta(days=2), planned_seconds=7200)
    )
    page = ShowsPage(services.shows, services.catalogue, runner, settings=settings, clock=utc_clock)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.has_loaded, timeout=5000)
    page.table.selectRow(0)
    page.actions_.edit.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ShowDialog)

    laptop_b = Shows(laptop_b_database.sessions, clock=utc_clock)
    theirs = laptop_b.get_show(show_id)
    laptop_b.update_show(show_id, replace(theirs.to_input(), notes="their notes"), expected_version=theirs.version)

    dialog.fields.title.setText("Beauty night II")
    dialog.ok_button.click()
    assert page.flows.current_dialog is dialog and dialog.isVisible()
    assert dialog.refusal.text() == describe(UserError("db.conflict", what="Beauty night II"))
    assert dialog.fields.title.text() == "Beauty night II" and dialog.reload_button.isVisibleTo(dialog)
    stored = services.shows.get_show(show_id)
    assert (stored.title, stored.notes) == ("Beauty night", "their notes")

    dialog.reload_button.click()
    assert dialog.fields.title.text() == "Beauty night" and not dialog.refusal.isVisibleTo(dialog)
    dialog.fields.title.setText("Beauty night II")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        dialog.ok_button.click()
    stored = services.shows.get_show(show_id)
    assert (stored.title, stored.notes) == ("Beauty night II", "their notes")


def test_a_seller_note_saved_over_someone_elses_change_is_refused_and_kept_to_copy(
    qtbot, english, services, runner, utc_clock, laptop_b_database: Database
) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from streamdesk.core.catalogue_types import ProductInput, VariantInput
    from streamdesk.core.order_types import LiveSaleInput
    from streamdesk.core.orders import Orders
    from streamdesk.ui.pages.orders.page import OrdersPage

    product_id = services.catalogue.create_product(
        ProductInput(title="Lipstick", variants=(VariantInput("LIP-01", list_price_minor=9900, initial_stock=10),))
    )
    variant_id = services.catalogue.get_product(product_id).variants[0].id
    order_id = services.orders.live_sale(LiveSaleInput(variant_id, "小红薯", 1)).order_id
    page = OrdersPage(
        services.orders,
        lambda: services.orders_io,
        lambda: services.shipping_io,
        services.after_sales,
        services.shows,
        runner,
        services.settings,
        catalogue=services.catalogue,
        clock=utc_clock,
    )
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.has_loaded, timeout=5000)
    selection = page.table.selectionModel()
    with qtbot.waitSignal(page.detail.loaded, timeout=5000):
        selection.select(
            page.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(page.model.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate)
    opened = services.orders.get_order(order_id)

    laptop_b = Orders(laptop_b_database.sessions, clock=utc_clock)  # laptop B writes its note first
    laptop_b.save_seller_note(order_id, "their note", expected_version=opened.version)

    page.detail.seller_note.setPlainText("my note")
    page.detail.save_note.click()
    assert page.messages.text() == describe(UserError("db.conflict", what=opened.row.order_no))
    assert page.detail.seller_note.toPlainText() == "my note"  # kept, to copy
    assert page.undo_stack.count() == 0
    assert services.orders.get_order(order_id).seller_note == "their note"
