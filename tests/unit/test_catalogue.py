"""Catalogue writes: create, update (the undo round trip), duplicate, archive, delete, live prices, validation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import (
    ArchivedFilter,
    CatalogueFilter,
    CatalogueSort,
    ProductInput,
    ScoreWeights,
    ShowRole,
    StockReason,
    VariantInput,
)
from streamdesk.core.errors import UserError
from streamdesk.db import Database
from streamdesk.messages import render


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


def dress(*skus: str, title: str = "碎花连衣裙", stock: int = 5) -> ProductInput:
    variants = tuple(
        VariantInput(
            sku_code=sku,
            spec=(("颜色", "红"), ("尺码", size)),
            barcode=f"69000{n}",
            cost_minor=3000,
            list_price_minor=9900,
            live_price_minor=7900,
            low_stock_threshold=2,
            initial_stock=stock,
        )
        for n, (sku, size) in enumerate(zip(skus, ("S", "M", "L", "XL"), strict=False))
    )
    return ProductInput(
        title=title,
        variants=variants or (VariantInput(sku_code="D-1"),),
        alt_title="Floral dress",
        brand="Lumi",
        category="服装",
        tags=("新品", "夏季"),
        supplier_name="杭州织造",
        supplier_contact="138 0000 0000",
        role=ShowRole.HERO,
        ship_cycle_days=2,
    )


def table(database: Database, sql: str) -> list[tuple]:
    with database.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def problems_of(error: pytest.ExceptionInfo[UserError]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.value.fields["problems"]}


def test_create_stores_the_product_its_variants_and_their_initial_stock(catalogue: Catalogue, database) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    detail = catalogue.get_product(product_id)
    assert detail.version == 1 and not detail.archived
    assert [v.sku_code for v in detail.variants] == ["D-S", "D-M"]
    assert [v.on_hand for v in detail.variants] == [5, 5]
    assert detail.variants[0].spec_label == "红 / S"
    assert detail.variants[0].margin_minor == 4900  # live price 79.00 - cost 30.00
    assert detail.variants[0].margin_pct == pytest.approx(62.025, abs=0.001)
    assert detail.input.supplier_name == "杭州织造" and detail.input.supplier_contact == "138 0000 0000"
    assert table(database, "SELECT quantity, reason FROM stock_moves ORDER BY id") == [(5, "initial"), (5, "initial")]
    assert str(table(database, "SELECT created_at FROM products")[0][0]).startswith("2026-01-05 12:00:00")  # naive UTC
    assert catalogue.ledger_mismatches() == ()


def test_feeding_a_detail_back_changes_nothing(catalogue: Catalogue, database, utc_clock) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    before = catalogue.get_product(product_id)
    rows_before = table(database, "SELECT * FROM variants ORDER BY id")
    utc_clock.advance(hours=1)
    after = catalogue.update_product(product_id, before.input)
    assert after == before
    assert table(database, "SELECT * FROM variants ORDER BY id") == rows_before
    assert table(database, "SELECT count(*) FROM stock_moves") == [(2,)]


def test_an_edit_bumps_version_and_updated_at_and_recomputes_search_text(
    catalogue: Catalogue, database, utc_clock
) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    utc_clock.advance(hours=1)
    detail = catalogue.update_product(product_id, replace(catalogue.get_product(product_id).input, title="波点连衣裙"))
    assert detail.version == 2
    assert {str(r[0])[:19] for r in table(database, "SELECT updated_at FROM products")} == {"2026-01-05 13:00:00"}
    texts = [r[0] for r in table(database, "SELECT search_text FROM variants ORDER BY id")]
    assert all(t.startswith("波点连衣裙 | floral dress") for t in texts)
    assert [r.sku_code for r in catalogue.page(CatalogueFilter(text="波点"), CatalogueSort(), 0, 10)] == ["D-S", "D-M"]


def test_removing_a_variant_archives_it_and_adding_it_back_reuses_it(catalogue: Catalogue, database) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    original = catalogue.get_product(product_id).input
    removed_id = catalogue.get_product(product_id).variants[1].id
    catalogue.adjust_stock([(removed_id, 3)], StockReason.RESTOCK)

    shorter = catalogue.update_product(product_id, replace(original, variants=original.variants[:1]))
    assert [(v.sku_code, v.archived) for v in shorter.variants] == [("D-S", False), ("D-M", True)]
    assert [v.sku_code for v in shorter.input.variants] == ["D-S"]

    # Redo of "add a variant" sends the row again without its id: the archived variant comes back, ledger intact.
    again = replace(original, variants=(original.variants[0], replace(original.variants[1], id=None)))
    restored = catalogue.update_product(product_id, again)
    assert [(v.id, v.archived, v.on_hand) for v in restored.variants][1] == (removed_id, False, 8)
    assert table(database, "SELECT count(*) FROM variants") == [(2,)]
    assert catalogue.ledger_mismatches() == ()


def test_new_variant_rows_get_their_initial_stock(catalogue: Catalogue) -> None:
    product_id = catalogue.create_product(dress("D-S"))
    current = catalogue.get_product(product_id).input
    extra = VariantInput(sku_code="D-XL", spec=(("尺码", "XL"),), initial_stock=7)
    detail = catalogue.update_product(product_id, replace(current, variants=(*current.variants, extra)))
    assert [(v.sku_code, v.on_hand) for v in detail.variants] == [("D-S", 5), ("D-XL", 7)]
    assert catalogue.ledger_mismatches() == ()


def test_two_variants_can_swap_sku_codes(catalogue: Catalogue) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    current = catalogue.get_product(product_id).input
    first, second = current.variants
    swapped = replace(current, variants=(replace(first, sku_code="D-M"), replace(second, sku_code="D-S")))
    assert catalogue.validate(swapped, product_id) == ()
    detail = catalogue.update_product(product_id, swapped)
    assert [(v.id, v.sku_code) for v in detail.variants] == [(first.id, "D-M"), (second.id, "D-S")]


def test_duplicate_copies_fields_with_fresh_skus_and_no_stock(catalogue: Catalogue) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    first_copy = catalogue.get_product(catalogue.duplicate_product(product_id))
    second_copy = catalogue.get_product(catalogue.duplicate_product(product_id))
    assert first_copy.input.title == "碎花连衣裙 (copy)"
    assert [v.sku_code for v in first_copy.variants] == ["D-S-COPY", "D-M-COPY"]
    assert [v.sku_code for v in second_copy.variants] == ["D-S-COPY2", "D-M-COPY2"]
    assert [v.on_hand for v in first_copy.variants] == [0, 0]
    assert [v.barcode for v in first_copy.variants] == ["", ""]
    assert first_copy.input.tags == ("新品", "夏季") and first_copy.input.role is ShowRole.HERO
    assert first_copy.variants[0].spec == (("颜色", "红"), ("尺码", "S"))
    assert catalogue.find_by_sku("D-M-COPY2") is not None
    assert catalogue.ledger_mismatches() == ()


def test_archived_products_leave_the_active_list_and_come_back(catalogue: Catalogue) -> None:
    keep = catalogue.create_product(dress("K-1", title="Keep"))
    gone = catalogue.create_product(dress("G-1", title="Gone"))
    catalogue.set_archived([gone], True)
    assert catalogue.get_product(gone).archived and catalogue.get_product(gone).version == 2
    assert catalogue.count(CatalogueFilter()) == 1
    assert [
        r.product_id for r in catalogue.page(CatalogueFilter(archived=ArchivedFilter.ARCHIVED), CatalogueSort(), 0, 9)
    ] == [gone]
    assert catalogue.count(CatalogueFilter(archived=ArchivedFilter.ALL)) == 2
    catalogue.set_archived([gone], False)
    assert catalogue.count(CatalogueFilter()) == 2
    with pytest.raises(UserError) as error:
        catalogue.set_archived([keep, 999], True)
    assert error.value.code == "catalogue.not_found"
    assert not catalogue.get_product(keep).archived  # the whole call was rolled back


def test_delete_undoes_a_create_but_refuses_a_product_with_history(catalogue: Catalogue, database) -> None:
    fresh = catalogue.create_product(dress("F-1"))
    catalogue.delete_product(fresh)
    assert table(database, "SELECT count(*) FROM products") == [(0,)]
    assert table(database, "SELECT count(*) FROM stock_moves") == [(0,)]
    assert catalogue.count(CatalogueFilter(text="f-1", archived=ArchivedFilter.ALL)) == 0  # nor in the search index

    sold = catalogue.create_product(dress("S-1"))
    catalogue.adjust_stock([(catalogue.get_product(sold).variants[0].id, -1)], StockReason.SALE)
    with pytest.raises(UserError) as error:
        catalogue.delete_product(sold)
    assert error.value.code == "catalogue.in_use"
    assert table(database, "SELECT count(*) FROM products") == [(1,)]


def test_delete_refuses_a_product_whose_variant_is_in_another_bundle(catalogue: Catalogue) -> None:
    part = catalogue.create_product(dress("P-1"))
    part_variant = catalogue.get_product(part).variants[0].id
    catalogue.create_product(
        ProductInput(title="Set", variants=(VariantInput(sku_code="SET", components=((part_variant, 2),)),))
    )
    with pytest.raises(UserError) as error:
        catalogue.delete_product(part)
    assert error.value.code == "catalogue.in_use"


def test_set_live_prices_returns_the_old_prices_for_undo(catalogue: Catalogue) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    first, second = (v.id for v in catalogue.get_product(product_id).variants)
    previous = catalogue.set_live_prices([(first, 6900), (second, None)])
    assert previous == ((first, 7900), (second, 7900))
    assert [v.live_price_minor for v in catalogue.get_product(product_id).variants] == [6900, None]
    assert catalogue.row_for_variant(second).margin_minor == 6900  # no live price: list price 99.00 - cost 30.00
    catalogue.set_live_prices(previous)
    assert [v.live_price_minor for v in catalogue.get_product(product_id).variants] == [7900, 7900]
    with pytest.raises(UserError) as error:
        catalogue.set_live_prices([(first, 100), (second, -1)])
    assert error.value.code == "catalogue.live_price_negative"
    assert catalogue.get_product(product_id).variants[0].live_price_minor == 7900


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "  "}, {("title", "catalogue.title_required")}),
        ({"variants": ()}, {("variants", "catalogue.no_variants")}),
        ({"currency": "rmb"}, {("currency", "catalogue.currency_invalid")}),
        ({"ship_cycle_days": -1}, {("ship_cycle_days", "catalogue.days_negative")}),
        ({"images": ("missing.png",)}, {("images.0", "catalogue.image_missing")}),
        ({"images": ("../etc/passwd",)}, {("images.0", "catalogue.image_missing")}),
    ],
)
def test_product_level_problems(catalogue: Catalogue, change: dict, expected: set) -> None:
    product = replace(dress("V-1"), **change)
    assert {(p.field, p.code) for p in catalogue.validate(product)} == expected
    with pytest.raises(UserError) as error:
        catalogue.create_product(product)
    assert error.value.code == "catalogue.invalid" and problems_of(error) == expected
    assert catalogue.count(CatalogueFilter(archived=ArchivedFilter.ALL)) == 0


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"sku_code": " "}, "variants.1.sku_code", "catalogue.sku_required"),
        ({"sku_code": "V-1"}, "variants.1.sku_code", "catalogue.sku_duplicate"),
        ({"sku_code": "OTHER-1"}, "variants.1.sku_code", "catalogue.sku_duplicate"),
        ({"cost_minor": -1}, "variants.1.cost_minor", "catalogue.cost_negative"),
        ({"list_price_minor": -1}, "variants.1.list_price_minor", "catalogue.price_negative"),
        ({"live_price_minor": -5}, "variants.1.live_price_minor", "catalogue.price_negative"),
        ({"low_stock_threshold": -1}, "variants.1.low_stock_threshold", "catalogue.threshold_negative"),
        ({"initial_stock": -3}, "variants.1.initial_stock", "catalogue.stock_negative"),
        ({"spec": (("颜色", "红"), ("颜色", "蓝"))}, "variants.1.spec", "catalogue.spec_duplicate"),
        ({"components": ((987654, 1),)}, "variants.1.components", "catalogue.bundle_component_missing"),
        ({"id": 987654}, "variants.1.id", "catalogue.variant_unknown"),
    ],
)
def test_variant_problems_name_their_field(catalogue: Catalogue, change: dict, field: str, code: str) -> None:
    catalogue.create_product(dress("OTHER-1", title="Other"))
    product = dress("V-1", "V-2")
    product = replace(product, variants=(product.variants[0], replace(product.variants[1], **change)))
    assert (field, code) in {(p.field, p.code) for p in catalogue.validate(product)}
    assert render(code, {"sku": "X", "component_id": 1, "variant_id": 1}) != code  # every code has a sentence


def test_bundle_problems(catalogue: Catalogue) -> None:
    part_id = catalogue.get_product(catalogue.create_product(dress("P-1"))).variants[0].id
    bundle_product = catalogue.create_product(
        ProductInput(title="Set", variants=(VariantInput(sku_code="SET", components=((part_id, 2),)),))
    )
    bundle = catalogue.get_product(bundle_product).input
    bundle_id = bundle.variants[0].id
    cases = {
        ((bundle_id, 1),): "catalogue.bundle_self",
        ((part_id, 0),): "catalogue.bundle_quantity",
        ((part_id, 1), (part_id, 2)): "catalogue.bundle_component_duplicate",
    }
    for components, code in cases.items():
        edited = replace(bundle, variants=(replace(bundle.variants[0], components=components),))
        assert code in {p.code for p in catalogue.validate(edited, bundle_product)}, code
    nested = ProductInput(title="Set of sets", variants=(VariantInput(sku_code="SS", components=((bundle_id, 1),)),))
    assert {p.code for p in catalogue.validate(nested)} == {"catalogue.bundle_nested"}
    stocked = ProductInput(
        title="Set", variants=(VariantInput(sku_code="S2", components=((part_id, 1),), initial_stock=4),)
    )
    assert {p.code for p in catalogue.validate(stocked)} == {"catalogue.bundle_stock_initial"}
    part_product = catalogue.get_product(catalogue.create_product(dress("Q-1")))
    other_part = catalogue.get_product(catalogue.create_product(dress("R-1"))).variants[0].id
    into_bundle = replace(
        part_product.input, variants=(replace(part_product.input.variants[0], components=((other_part, 1),)),)
    )
    assert {p.code for p in catalogue.validate(into_bundle, part_product.id)} == {"catalogue.bundle_has_stock"}
    # The same when the stocked variant was removed and its SKU comes back as a new bundle row.
    two = catalogue.get_product(catalogue.create_product(dress("T-1", "T-2")))
    catalogue.update_product(two.id, replace(two.input, variants=two.input.variants[:1]))
    back_as_bundle = VariantInput(sku_code="T-2", components=((other_part, 1),))
    readded = replace(two.input, variants=(two.input.variants[0], back_as_bundle))
    assert {(p.field, p.code) for p in catalogue.validate(readded, two.id)} == {
        ("variants.1.components", "catalogue.bundle_has_stock")
    }


def test_a_removed_variants_code_cannot_be_taken_by_a_renamed_row(catalogue: Catalogue) -> None:
    product_id = catalogue.create_product(dress("D-S", "D-M"))
    current = catalogue.get_product(product_id).input
    catalogue.update_product(product_id, replace(current, variants=current.variants[:1]))
    renamed = replace(current, variants=(replace(current.variants[0], sku_code="D-M"),))
    assert {(p.field, p.code) for p in catalogue.validate(renamed, product_id)} == {
        ("variants.0.sku_code", "catalogue.sku_duplicate")
    }


def test_unknown_products_are_reported(catalogue: Catalogue) -> None:
    for call in (
        lambda: catalogue.get_product(42),
        lambda: catalogue.update_product(42, dress("X")),
        lambda: catalogue.duplicate_product(42),
        lambda: catalogue.delete_product(42),
        lambda: catalogue.validate(dress("X"), 42),
    ):
        with pytest.raises(UserError) as error:
            call()
        assert error.value.code == "catalogue.not_found"
    with pytest.raises(UserError) as error:
        catalogue.row_for_variant(42)
    assert error.value.code == "catalogue.variant_not_found"


def test_categories_and_supplier_names_are_distinct_and_sorted(catalogue: Catalogue) -> None:
    catalogue.create_product(replace(dress("A-1"), category="美妆", supplier_name="B 供应商"))
    catalogue.create_product(replace(dress("B-1"), category="服装", supplier_name="A 供应商"))
    catalogue.create_product(replace(dress("C-1"), category="", supplier_name="A 供应商"))
    catalogue.create_product(replace(dress("D-1"), category="服装", supplier_name=""))
    assert catalogue.categories() == tuple(sorted(("美妆", "服装")))
    assert catalogue.supplier_names() == ("A 供应商", "B 供应商")


def test_every_catalogue_code_has_a_sentence_with_its_placeholders() -> None:
    from streamdesk import messages

    texts = {code: t for code, t in messages._all_texts().items() if code.startswith("catalogue.")}
    assert len(texts) >= 30
    assert (
        "{sku}" in texts["catalogue.stock_would_go_negative"]
        and "{delta}" in texts["catalogue.stock_would_go_negative"]
    )
    assert render("catalogue.invalid", {"count": 2, "problems": ()}).startswith("The product was not saved: 2")
