"""Team mode in the product editor: someone else saved the product while it was open here (db.conflict).

The editor stays open with the sentence and everything typed (to copy), offers Reload, and saves again once
reloaded. Laptop B is a second Database and Catalogue on the same SQLite file or PostgreSQL URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small, select_skus, wait_reloaded

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.core.errors import UserError
from streamdesk.db import open_database
from streamdesk.messages import describe
from streamdesk.ui.pages.catalogue.product_editor import ProductEditor


@pytest.fixture
def laptop_b(database_target: str | Path, utc_clock, tmp_path: Path) -> Iterator[Catalogue]:
    database = open_database(database_target)
    images = tmp_path / "images-b"
    yield Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=utc_clock
    )
    database.dispose()


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
