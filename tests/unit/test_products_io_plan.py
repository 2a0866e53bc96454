"""Planning an import: per-row problems, grouping into variants, add vs update (core/products_io/planning.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import CatalogueFilter, ProductInput, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.products_io import PREVIEW_ROWS, ColumnMapping, ImportAction, ImportPlan
from streamdesk.db import Database
from streamdesk.messages import describe_problem
from streamdesk.models.base import ShowRole

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "products"
TABLES = ("suppliers", "products", "variants", "stock_moves", "bundle_items")


@pytest.fixture
def services(database: Database, settings: Settings, paths: AppPaths, utc_clock: Any) -> Services:
    return build_services(database, settings, paths, clock=utc_clock)


def snapshot(database: Database) -> dict[str, list[Any]]:
    with database.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def plan_file(services: Services, path: Path, mapping: dict[str, str | None] | None = None) -> ImportPlan:
    io = services.products_io
    source = io.read_source(path)
    columns = io.mapping_with_overrides(source.headers, mapping or {})
    return run_to_end(io.plan(source, columns, CancelToken()))


def import_file(services: Services, path: Path) -> ImportPlan:
    plan = plan_file(services, path)
    run_to_end(services.products_io.apply(plan, CancelToken()))
    return plan


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_planning_checks_every_row_and_writes_nothing(services: Services, database: Database) -> None:
    before = snapshot(database)
    plan = plan_file(services, FIXTURES / "utf8.csv")
    assert (plan.rows_read, plan.added, plan.updated, plan.skipped, plan.new_products) == (4, 4, 0, 0, 2)
    assert plan.stock_moves == 3  # the SKU with stock 0 needs no stock move
    assert snapshot(database) == before


def test_rows_with_the_same_title_become_one_product_with_variants(services: Services) -> None:
    import_file(services, FIXTURES / "utf8.csv")
    catalogue = services.catalogue
    row = catalogue.find_by_sku("FS-B-M")
    assert row is not None
    detail = catalogue.get_product(row.product_id)
    assert [v.sku_code for v in detail.variants] == ["FS-W-M", "FS-W-L", "FS-B-M"]
    assert detail.variants[0].spec == (("颜色", "白"), ("尺码", "M"))
    assert [v.spec_label for v in detail.variants] == ["白 / M", "白 / L", "蓝 / M"]
    blue = detail.variants[2]
    assert (blue.cost_minor, blue.list_price_minor, blue.live_price_minor, blue.on_hand) == (3500, 129900, 1250, 0)
    assert detail.input.tags == ("爆款", "新品")  # the first non-blank value of the product's rows
    assert (detail.input.brand, detail.input.category, detail.input.supplier_name) == ("晴天", "服装", "杭州衣厂")
    serum = catalogue.find_by_sku("SERUM-30")
    assert serum is not None
    assert (serum.spec_label, serum.live_price_minor, serum.on_hand) == ("30ml", None, 100)
    assert catalogue.supplier_names() == ("杭州衣厂",)


def test_imported_skus_are_searchable_and_the_ledger_matches(services: Services, database: Database) -> None:
    import_file(services, FIXTURES / "gb18030.csv")
    catalogue = services.catalogue
    assert catalogue.count(CatalogueFilter(text="𠮷野家")) == 1
    assert catalogue.count(CatalogueFilter(text="wallet-eu")) == 1
    assert catalogue.ledger_mismatches() == ()
    with database.engine.connect() as conn:
        moves = conn.exec_driver_sql("SELECT quantity, reason, reference FROM stock_moves ORDER BY id").fetchall()
    assert moves == [(40, "import", "gb18030.csv"), (5, "import", "gb18030.csv"), (7, "import", "gb18030.csv")]


def test_each_bad_row_gets_its_own_problem_with_the_spreadsheet_row_number(services: Services) -> None:
    plan = plan_file(services, FIXTURES / "bad_rows.csv")
    assert [(p.row, p.code) for p in plan.problems] == [
        (3, "products_io.list_price_invalid"),
        (4, "products_io.title_required"),
        (5, "products_io.sku_duplicate"),
        (6, "products_io.stock_negative"),
        (7, "products_io.stock_invalid"),
        (8, "products_io.currency_invalid"),
        (9, "products_io.role_invalid"),
        (10, "products_io.cost_negative"),
        (11, "products_io.sku_required"),
    ]
    assert plan.skipped_rows == (3, 4, 5, 6, 7, 8, 9, 10, 11)
    assert (plan.rows_read, plan.added) == (10, 1)
    assert describe_problem(plan.problems[0]) == "Row 3: the price ‘abc’ is not a number."
    assert (
        describe_problem(plan.problems[2]) == "Row 5: the SKU ‘OK-1’ already appears on row 2, so this row was skipped."
    )


def test_a_row_with_several_problems_reports_each(services: Services, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "two.csv", "商品名称,货号,售价,成本\n,A1,x,y\n")
    plan = plan_file(services, path)
    assert [p.code for p in plan.problems] == [
        "products_io.title_required",
        "products_io.list_price_invalid",
        "products_io.cost_invalid",
    ]
    assert plan.skipped_rows == (2,)


def test_id_quirks_are_stripped_and_excel_damage_is_reported(services: Services) -> None:
    plan = plan_file(services, FIXTURES / "ids.csv")
    assert [(p.row, p.code, p.fields["value"]) for p in plan.problems] == [
        (5, "products_io.id_damaged", "6.91735E+18"),
        (6, "products_io.id_damaged", "6.90123E+12"),
    ]
    assert [r.sku_code for r in plan.preview if r.action is ImportAction.ADD] == [
        "3521234567890123456",
        "6917350000000000001",
        "00123",
    ]
    run_to_end(services.products_io.apply(plan, CancelToken()))
    row = services.catalogue.find_by_sku("00123")
    assert row is not None and row.barcode == "06901234567894"


def test_existing_skus_update_and_new_ones_join_their_product(services: Services, database: Database) -> None:
    product_id = services.catalogue.create_product(
        ProductInput(
            title="轻薄防晒衣",
            variants=(
                VariantInput(
                    sku_code="FS-W-M", spec=(("颜色", "白"), ("尺码", "M")), list_price_minor=100, initial_stock=5
                ),
            ),
        )
    )
    plan = plan_file(services, FIXTURES / "utf8.csv")
    actions = {r.sku_code: (r.action, r.stock, r.stock_change) for r in plan.preview}
    assert actions["FS-W-M"] == (ImportAction.UPDATE, 20, 15)
    assert actions["FS-W-L"] == (ImportAction.ADD, 15, 15)
    assert (plan.added, plan.updated, plan.new_products) == (3, 1, 1)
    run_to_end(services.products_io.apply(plan, CancelToken()))
    detail = services.catalogue.get_product(product_id)
    assert [v.sku_code for v in detail.variants] == ["FS-W-M", "FS-W-L", "FS-B-M"]
    assert detail.variants[0].list_price_minor == 12900 and detail.variants[0].on_hand == 20
    assert detail.version == 2 and detail.input.category == "服装"
    with database.engine.connect() as conn:
        moves = conn.execute(
            text("SELECT quantity, reason FROM stock_moves WHERE variant_id = :v ORDER BY id"),
            {"v": detail.variants[0].id},
        ).fetchall()
    assert moves == [(5, "initial"), (15, "import")]
    assert services.catalogue.ledger_mismatches() == ()


def test_stock_below_the_current_level_makes_a_negative_import_move(services: Services, tmp_path: Path) -> None:
    services.catalogue.create_product(
        ProductInput(title="杯子", variants=(VariantInput(sku_code="CUP", initial_stock=9),))
    )
    plan = plan_file(services, write_csv(tmp_path / "s.csv", "商品名称,货号,库存\n杯子,CUP,4\n"))
    assert [(r.action, r.stock, r.stock_change) for r in plan.preview] == [(ImportAction.UPDATE, 4, -5)]
    run_to_end(services.products_io.apply(plan, CancelToken()))
    cup = services.catalogue.find_by_sku("CUP")
    assert cup is not None and cup.on_hand == 4
    moves = services.catalogue.stock_moves(cup.variant_id)
    assert sorted((m.quantity, m.reason.value) for m in moves) == [(-5, "import"), (9, "initial")]
    assert services.catalogue.ledger_mismatches() == ()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(services: Services, database: Database) -> None:
    import_file(services, FIXTURES / "utf8.csv")
    before = snapshot(database)
    again = plan_file(services, FIXTURES / "utf8.csv")
    assert (again.added, again.updated, again.unchanged, again.has_changes) == (0, 0, 4, False)
    run_to_end(services.products_io.apply(again, CancelToken()))
    assert snapshot(database) == before


def test_only_mapped_columns_change_and_blank_stock_leaves_stock_alone(services: Services, tmp_path: Path) -> None:
    services.catalogue.create_product(
        ProductInput(
            title="茶叶",
            category="食品",
            variants=(
                VariantInput(
                    sku_code="TEA", cost_minor=500, list_price_minor=900, live_price_minor=800, initial_stock=7
                ),
            ),
        )
    )
    plan = plan_file(services, write_csv(tmp_path / "p.csv", "商品名称,货号,售价,直播价,库存\n茶叶,TEA,12,,\n"))
    run_to_end(services.products_io.apply(plan, CancelToken()))
    row = services.catalogue.find_by_sku("TEA")
    assert row is not None
    assert (row.cost_minor, row.list_price_minor, row.live_price_minor, row.on_hand) == (500, 1200, None, 7)
    assert row.category == "食品"


def test_renaming_a_product_reindexes_skus_the_file_does_not_list(services: Services, tmp_path: Path) -> None:
    services.catalogue.create_product(
        ProductInput(title="旧名字", variants=(VariantInput(sku_code="R-1"), VariantInput(sku_code="R-2")))
    )
    run_to_end(
        services.products_io.apply(
            plan_file(services, write_csv(tmp_path / "r.csv", "商品名称,货号\n新名字啊,R-1\n")), CancelToken()
        )
    )
    assert services.catalogue.count(CatalogueFilter(text="新名字")) == 2
    assert services.catalogue.count(CatalogueFilter(text="旧名字")) == 0


def test_a_new_sku_joins_an_existing_product_with_the_same_title(services: Services, tmp_path: Path) -> None:
    product_id = services.catalogue.create_product(ProductInput(title="围巾", variants=(VariantInput(sku_code="S-1"),)))
    plan = plan_file(services, write_csv(tmp_path / "j.csv", "商品名称,货号,颜色\n围巾,S-2,灰\n"))
    assert (plan.added, plan.new_products) == (1, 0)
    run_to_end(services.products_io.apply(plan, CancelToken()))
    detail = services.catalogue.get_product(product_id)
    assert [(v.sku_code, v.spec) for v in detail.variants] == [("S-1", ()), ("S-2", (("颜色", "灰"),))]


def test_a_bundles_stock_cannot_be_imported(services: Services, tmp_path: Path) -> None:
    services.catalogue.create_product(
        ProductInput(title="单品", variants=(VariantInput(sku_code="ONE", initial_stock=4),))
    )
    one = services.catalogue.find_by_sku("ONE")
    assert one is not None
    services.catalogue.create_product(
        ProductInput(title="套装", variants=(VariantInput(sku_code="SET", components=((one.variant_id, 2),)),))
    )
    plan = plan_file(services, write_csv(tmp_path / "b.csv", "商品名称,货号,库存\n套装,SET,9\n套装,SET-OK,\n"))
    assert [(p.row, p.code) for p in plan.problems] == [(2, "products_io.bundle_stock")]


def test_currency_column_decides_minor_units(services: Services, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "商品名称,货号,售价,货币\n杯,C-1,12.5,usd\n碗,C-2,1200,JPY\n盘,C-3,8,\n")
    run_to_end(services.products_io.apply(plan_file(services, path), CancelToken()))
    rows = {sku: services.catalogue.find_by_sku(sku) for sku in ("C-1", "C-2", "C-3")}
    assert [(r.currency, r.list_price_minor) for r in rows.values() if r] == [
        ("USD", 1250),
        ("JPY", 1200),
        ("CNY", 800),
    ]


def test_product_fields_roles_and_day_counts_are_imported(services: Services, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        "商品名称,货号,定位,发货周期,补货周期,卖点,讲解要点,发货地,供应商,供应商联系方式\n"
        "面霜,CR-1,主推款,3天,15,保湿,先讲成分,杭州,美妆厂,138 0000 0000\n",
    )
    run_to_end(services.products_io.apply(plan_file(services, path), CancelToken()))
    detail = services.catalogue.get_product(services.catalogue.find_by_sku("CR-1").product_id)  # type: ignore[union-attr]
    i = detail.input
    assert (i.role, i.ship_cycle_days, i.restock_lead_days) == (ShowRole.HERO, 3, 15)
    assert (i.selling_points, i.talking_points, i.ship_from_region) == ("保湿", "先讲成分", "杭州")
    assert (i.supplier_name, i.supplier_contact) == ("美妆厂", "138 0000 0000")


def test_xlsx_rows_keep_their_sheet_row_numbers(services: Services) -> None:
    plan = plan_file(services, FIXTURES / "products.xlsx")
    assert [(p.row, p.code) for p in plan.problems] == [(4, "products_io.id_damaged")]
    assert [(r.row, r.sku_code, r.action) for r in plan.preview] == [
        (2, "CUP-350", ImportAction.ADD),
        (3, "CUP-500", ImportAction.ADD),
        (4, "6.91735E+18", ImportAction.SKIP),
        (6, "AFTER-BLANK", ImportAction.ADD),
    ]
    assert plan.preview[0].list_price_minor == 8900 and plan.preview[0].cost_minor == 3050


@pytest.mark.parametrize(
    ("name", "skus"),
    [
        ("utf8_bom.csv", ["LS-RED-M", "LS-RED-L", "MUG-01"]),
        ("utf16_tab.txt", ["SUGAR-500", "SUGAR-1000"]),
        ("fullwidth_headers.csv", ["FW-1"]),
    ],
)
def test_every_encoding_and_header_style_imports(services: Services, name: str, skus: list[str]) -> None:
    plan = import_file(services, FIXTURES / name)
    assert plan.problems == ()
    assert [services.catalogue.find_by_sku(sku) is not None for sku in skus] == [True] * len(skus)


def test_the_english_file_maps_variation_to_unnamed_spec_values(services: Services) -> None:
    import_file(services, FIXTURES / "utf8_bom.csv")
    row = services.catalogue.find_by_sku("LS-RED-M")
    assert row is not None and (row.spec_label, row.list_price_minor) == ("Red / M", 19900)


def test_preview_is_limited_but_problems_are_complete(services: Services, tmp_path: Path) -> None:
    lines = ["商品名称,货号,售价"] + [f"商品{n},SKU{n},{'x' if n % 2 else '1'}" for n in range(PREVIEW_ROWS + 50)]
    plan = plan_file(services, write_csv(tmp_path / "many.csv", "\n".join(lines) + "\n"))
    assert len(plan.preview) == PREVIEW_ROWS
    assert len(plan.problems) == (PREVIEW_ROWS + 50) // 2
    skipped = [r for r in plan.preview if r.action is ImportAction.SKIP]
    assert skipped[0].problems[0].code == "products_io.list_price_invalid"


def test_missing_required_columns_are_refused_before_any_row(services: Services, tmp_path: Path) -> None:
    io = services.products_io
    source = io.read_source(write_csv(tmp_path / "no_sku.csv", "商品名称,售价\n杯子,3\n"))
    with pytest.raises(UserError) as refused:
        run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))
    assert refused.value.code == "products_io.sku_column_missing"
    with pytest.raises(UserError) as unknown:
        run_to_end(io.plan(source, ColumnMapping.from_dict({"title": "商品名称", "sku_code": "货号"}), CancelToken()))
    assert unknown.value.code == "products_io.mapping_unknown_column"
