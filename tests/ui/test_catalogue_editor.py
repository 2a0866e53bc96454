"""The product editor: create and edit through the dialog, undo and redo, and problems shown beside their fields."""

from __future__ import annotations

from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small, select_skus, skus, wait_reloaded

from streamdesk.core.catalogue_types import CatalogueFilter
from streamdesk.ui.pages.catalogue.product_editor import ProductEditor
from streamdesk.ui.pages.catalogue.variants_model import VariantColumn, VariantsModel, parse_spec, spec_to_text
from streamdesk.ui.widgets.money_delegate import PROBLEM_ROLE


def open_new_editor(page) -> ProductEditor:
    page.catalogue_actions.new_product.trigger()
    editor = page.flows.current_dialog
    assert isinstance(editor, ProductEditor)
    return editor


def set_cell(editor: ProductEditor, row: int, column: VariantColumn, text: str) -> None:
    assert editor.variants.setData(editor.variants.index(row, int(column)), text)


def fill_new_product(editor: ProductEditor, title: str, sku: str) -> None:
    editor.fields.title.setText(title)
    editor.fields.category.setEditText("服装")
    set_cell(editor, 0, VariantColumn.SPEC, "颜色=红;尺码=M")
    set_cell(editor, 0, VariantColumn.SKU, sku)
    set_cell(editor, 0, VariantColumn.COST, "20")
    set_cell(editor, 0, VariantColumn.LIST_PRICE, "¥59.90")
    set_cell(editor, 0, VariantColumn.LIVE_PRICE, "49.9")
    set_cell(editor, 0, VariantColumn.STOCK, "12")


def test_variants_model_passes_the_model_tester(qtmodeltester, services) -> None:
    model = VariantsModel("CNY", find_sku=lambda _sku: None, sku_of=str)
    model.add_variant()
    model.add_variant()
    model.setData(model.index(0, VariantColumn.LIST_PRICE), "12.5")
    qtmodeltester.check(model)


def test_margin_is_derived_as_you_type(services) -> None:
    model = VariantsModel("CNY", find_sku=lambda _sku: None, sku_of=str)
    model.add_variant()
    model.setData(model.index(0, VariantColumn.COST), "20")
    model.setData(model.index(0, VariantColumn.LIST_PRICE), "59.90")
    assert model.index(0, VariantColumn.MARGIN).data() == "¥39.90"
    model.setData(model.index(0, VariantColumn.LIVE_PRICE), "40")
    assert model.index(0, VariantColumn.MARGIN).data() == "¥20.00"
    assert model.index(0, VariantColumn.MARGIN_PCT).data() == "50.0%"


def test_spec_text_round_trips() -> None:
    assert parse_spec("颜色=红;尺码=M") == (("颜色", "红"), ("尺码", "M"))
    assert parse_spec("颜色:红；尺码：M") == (("颜色", "红"), ("尺码", "M"))
    assert spec_to_text((("颜色", "红"), ("尺码", "M"))) == "颜色=红;尺码=M"


def test_add_a_product_through_the_editor_then_undo_and_redo(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    editor = open_new_editor(page)
    assert not editor.ok_button.isEnabled()  # no title, no SKU yet
    fill_new_product(editor, "防晒帽", "HAT-01")
    assert editor.validate_now() == {}
    assert editor.ok_button.isEnabled()
    with qtbot.waitSignal(page.stock_changed, timeout=2000):
        wait_reloaded(qtbot, page, editor.ok_button.click)
    row = services.catalogue.find_by_sku("HAT-01")
    assert row is not None
    assert (row.title, row.category, row.spec_label) == ("防晒帽", "服装", "红 / M")
    assert (row.cost_minor, row.list_price_minor, row.live_price_minor, row.on_hand) == (2000, 5990, 4990, 12)
    assert "HAT-01" in skus(page)
    assert [r.sku_code for r in page.selected_rows()] == ["HAT-01"]  # the new product is selected
    assert page.undo_stack.undoText() == "Add “防晒帽”"

    wait_reloaded(qtbot, page, page.undo_stack.undo)
    assert services.catalogue.find_by_sku("HAT-01") is None
    assert "HAT-01" not in skus(page)
    wait_reloaded(qtbot, page, page.undo_stack.redo)
    assert services.catalogue.find_by_sku("HAT-01").on_hand == 12
    assert "HAT-01" in skus(page)


def test_edit_a_product_then_undo_and_redo(qtbot, services, make_page) -> None:
    ids = seed_small(services)
    page = make_page()
    select_skus(page, "LIP-01")
    page.catalogue_actions.edit.trigger()
    editor = page.flows.current_dialog
    assert isinstance(editor, ProductEditor)
    assert editor.fields.title.text() == "Lipstick"
    assert editor.variants.index(0, VariantColumn.LIST_PRICE).data() == "¥99.00"
    editor.fields.title.setText("Velvet lipstick")
    set_cell(editor, 0, VariantColumn.LIST_PRICE, "89")
    editor.variants.add_variant()
    set_cell(editor, 1, VariantColumn.SKU, "LIP-02")
    set_cell(editor, 1, VariantColumn.SPEC, "色号=02")
    wait_reloaded(qtbot, page, editor.ok_button.click)
    detail = services.catalogue.get_product(ids["Lipstick"])
    assert detail.input.title == "Velvet lipstick"
    assert [v.sku_code for v in detail.variants if not v.archived] == ["LIP-01", "LIP-02"]
    assert detail.variants[0].list_price_minor == 8900

    wait_reloaded(qtbot, page, page.undo_stack.undo)
    detail = services.catalogue.get_product(ids["Lipstick"])
    assert detail.input.title == "Lipstick"
    assert detail.variants[0].list_price_minor == 9900
    assert [v.sku_code for v in detail.variants if not v.archived] == ["LIP-01"]
    assert "LIP-02" not in skus(page)

    wait_reloaded(qtbot, page, page.undo_stack.redo)
    detail = services.catalogue.get_product(ids["Lipstick"])
    assert detail.input.title == "Velvet lipstick"
    assert [v.sku_code for v in detail.variants if not v.archived] == ["LIP-01", "LIP-02"]


def test_duplicate_sku_is_shown_next_to_the_sku_cell(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    editor = open_new_editor(page)
    fill_new_product(editor, "Another lipstick", "LIP-01")
    problems = editor.validate_now()
    message = "The SKU code LIP-01 is already used by another SKU. Choose a different code."
    assert problems == {"variants.0.sku_code": message}
    assert editor.variants.index(0, VariantColumn.SKU).data(PROBLEM_ROLE) == message
    assert editor.variants.index(0, VariantColumn.COST).data(PROBLEM_ROLE) is None
    assert message in editor.variant_problems.text() and editor.variant_problems.isVisibleTo(editor)
    assert not editor.ok_button.isEnabled()
    set_cell(editor, 0, VariantColumn.SKU, "LIP-09")
    assert editor.validate_now() == {}
    assert editor.variants.index(0, VariantColumn.SKU).data(PROBLEM_ROLE) is None
    assert not editor.variant_problems.isVisibleTo(editor)
    assert editor.ok_button.isEnabled()


def test_negative_price_and_bad_money_are_shown_in_their_cells(qtbot, services, make_page) -> None:
    page = make_page()
    editor = open_new_editor(page)
    fill_new_product(editor, "Hat", "HAT-01")
    set_cell(editor, 0, VariantColumn.LIVE_PRICE, "-5")
    set_cell(editor, 0, VariantColumn.COST, "abc")
    problems = editor.validate_now()
    assert problems["variants.0.live_price_minor"] == "The price cannot be negative."
    assert problems["variants.0.cost_minor"] == "“abc” is not an amount of money."
    assert editor.variants.index(0, VariantColumn.LIVE_PRICE).data(PROBLEM_ROLE) == "The price cannot be negative."
    assert not editor.ok_button.isEnabled()
    editor.ok_button.click()  # disabled: nothing happens
    assert services.catalogue.count(CatalogueFilter()) == 0


def test_title_problem_sits_under_the_title_field(qtbot, services, make_page) -> None:
    page = make_page()
    editor = open_new_editor(page)
    fill_new_product(editor, "Hat", "HAT-01")
    editor.fields.title.setText("  ")
    editor.validate_now()
    assert editor.fields.wrapped["title"].problem() == "Enter a product title."
    assert editor.fields.title.property("invalid") is True
    assert editor.tabs.tabBar().tabTextColor(0).name() == "#ff0000"


def test_bundle_components_are_typed_as_sku_codes(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    editor = open_new_editor(page)
    fill_new_product(editor, "Gift set", "SET-01")
    set_cell(editor, 0, VariantColumn.STOCK, "0")
    set_cell(editor, 0, VariantColumn.COMPONENTS, "LIP-01×1; TEA-500 x 2")
    assert editor.validate_now() == {}
    wait_reloaded(qtbot, page, editor.ok_button.click)
    row = services.catalogue.find_by_sku("SET-01")
    assert row.is_bundle
    assert row.on_hand == 2  # LIP-01 has 2, TEA-500 has 10 → min(2 // 1, 10 // 2)
    editor = open_new_editor(page)
    fill_new_product(editor, "Bad set", "SET-02")
    set_cell(editor, 0, VariantColumn.COMPONENTS, "NOPE-1")
    assert editor.validate_now() == {"variants.0.components": "There is no SKU “NOPE-1” in the catalogue."}
