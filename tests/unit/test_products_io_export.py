"""Exporting products: formula neutralising, typed XLSX cells, temp-file writes, exact round trips."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import ArchivedFilter, CatalogueFilter, ProductInput, ShowRole, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.products_io import ExportFormat, ImportAction
from streamdesk.core.products_io.exporting import EXCEL_MAX_CHARS, HEADERS, TRUNCATED_MARKER
from streamdesk.db import Database

TABLES = ("suppliers", "products", "variants", "stock_moves", "bundle_items")
NASTY_TITLE = '=HYPERLINK("http://evil.example","点我")'


@pytest.fixture
def services(database: Database, settings: Settings, paths: AppPaths, utc_clock: Any) -> Services:
    return build_services(database, settings, paths, clock=utc_clock)


@pytest.fixture
def catalogue(services: Services) -> Services:
    """A catalogue with the awkward values real sellers have: formula-like text, IDs with leading zeros, bundles."""
    c = services.catalogue
    dress = c.create_product(
        ProductInput(
            title=NASTY_TITLE,
            alt_title="-50% dress",
            brand="@晴天",
            category="服装",
            tags=("爆款", "+1"),
            description="\t缩进的描述",
            selling_points="轻薄\n透气",
            talking_points='先讲"面料"',
            faq="能机洗吗？能",
            compliance_notes="不说“最”",
            supplier_name="杭州衣厂",
            supplier_contact="+86 138 0000 0000",
            ship_from_region="杭州",
            ship_cycle_days=3,
            restock_lead_days=15,
            role=ShowRole.HERO,
            variants=(
                VariantInput(
                    sku_code="00123",
                    spec=(("颜色", "红"), ("尺码", "M")),
                    barcode="06901234567894",
                    cost_minor=3500,
                    list_price_minor=12900,
                    low_stock_threshold=5,
                    initial_stock=20,
                ),
                VariantInput(sku_code="-DASH", spec=(("颜色", "蓝"), ("尺码", "L")), live_price_minor=9900),
            ),
        )
    )
    c.create_product(
        ProductInput(
            title="Mug",
            currency="USD",
            category="Home",
            variants=(VariantInput(sku_code="3521234567890123456", list_price_minor=1999, initial_stock=3),),
        )
    )
    c.create_product(
        ProductInput(title="湯呑み", currency="JPY", variants=(VariantInput(sku_code="JP-1", list_price_minor=1200),))
    )
    red = c.get_product(dress).variants[0]
    c.create_product(
        ProductInput(title="两件套", variants=(VariantInput(sku_code="SET-1", components=((red.id, 2),)),))
    )
    archived = c.create_product(ProductInput(title="下架商品", variants=(VariantInput(sku_code="OLD-1"),)))
    c.set_archived([archived], True)
    return services


def snapshot(database: Database) -> dict[str, list[Any]]:
    with database.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def export(services: Services, path: Path, filter: CatalogueFilter | None = None, **options: Any) -> Any:
    return run_to_end(services.products_io.export(path, filter or CatalogueFilter(), CancelToken(), **options))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_export_has_the_import_headers_a_bom_and_active_skus(catalogue: Services, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    summary = export(catalogue, path)
    assert (summary.format, summary.rows, summary.path) == (ExportFormat.CSV, 5, str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert tuple(rows[0]) == HEADERS
    assert [r["商家编码"] for r in rows] == ["00123", "'-DASH", "3521234567890123456", "JP-1", "SET-1"]
    assert [r["库存"] for r in rows] == ["20", "0", "3", "0", ""]  # a bundle's stock follows its components
    export(catalogue, tmp_path / "plain.csv", bom=False)
    assert not (tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_cells_that_spreadsheets_would_evaluate_are_neutralised(catalogue: Services, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    export(catalogue, path)
    first = read_csv(path)[0]
    assert first["商品名称"] == "'" + NASTY_TITLE
    assert (first["英文名"], first["品牌"], first["描述"]) == ("'-50% dress", "'@晴天", "'\t缩进的描述")
    assert first["供应商联系方式"] == "'+86 138 0000 0000"
    assert first["标签"] == "爆款,+1"  # starts harmlessly
    assert (first["成本"], first["售价"], first["直播价"], first["库存"]) == ("35.00", "129.00", "", "20")
    assert (first["发货周期"], first["库存预警"], first["定位"], first["货币"]) == ("3", "5", "hero", "CNY")
    assert first["规格"] == "颜色:红;尺码:M"
    usd, jpy = read_csv(path)[2:4]
    assert (usd["售价"], jpy["售价"]) == ("19.99", "1200")


def test_xlsx_export_types_every_cell(catalogue: Services, tmp_path: Path) -> None:
    path = tmp_path / "products.xlsx"
    summary = export(catalogue, path)
    assert (summary.format, summary.rows) == (ExportFormat.XLSX, 5)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert tuple(c.value for c in sheet[1]) == HEADERS
    title, sku, price, stock = sheet["A2"], sheet["D2"], sheet["G2"], sheet["I2"]
    assert (title.data_type, title.value) == ("s", "'" + NASTY_TITLE)  # text, never a formula
    assert (sku.data_type, sku.value) == ("s", "00123")  # IDs stay text: leading zeros survive
    assert (price.data_type, price.value, price.number_format) == ("n", 129, "0.00")
    assert (stock.data_type, stock.value) == ("n", 20)
    assert sheet["D4"].value == "3521234567890123456"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    catalogue: Services, database: Database, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"round{suffix}"
    export(catalogue, path)
    before = snapshot(database)
    io = catalogue.products_io
    source = io.read_source(path)
    plan = run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))
    assert plan.problems == ()
    assert (plan.added, plan.updated, plan.unchanged, plan.has_changes) == (0, 0, 5, False)
    assert {r.action for r in plan.preview} == {ImportAction.UNCHANGED}
    run_to_end(io.apply(plan, CancelToken()))
    assert snapshot(database) == before


def test_a_round_trip_into_an_empty_database_recreates_the_catalogue(
    catalogue: Services, tmp_path: Path, settings: Settings, paths: AppPaths, utc_clock: Any
) -> None:
    from streamdesk.db import open_database

    path = tmp_path / "all.csv"
    export(catalogue, path)
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        other = build_services(fresh, settings, paths, clock=utc_clock)
        source = other.products_io.read_source(path)
        plan = run_to_end(other.products_io.plan(source, other.products_io.auto_mapping(source.headers), CancelToken()))
        run_to_end(other.products_io.apply(plan, CancelToken()))
        export(other, tmp_path / "again.csv")
    finally:
        fresh.dispose()
    before, after = read_csv(path), read_csv(tmp_path / "again.csv")
    # The file has no column for a bundle's components: in a new database the bundle becomes a plain SKU.
    assert [r for r in after if r["商家编码"] != "SET-1"] == [r for r in before if r["商家编码"] != "SET-1"]
    assert [r["库存"] for r in after if r["商家编码"] == "SET-1"] == ["0"]


def test_filters_choose_the_rows(catalogue: Services, tmp_path: Path) -> None:
    assert export(catalogue, tmp_path / "a.csv", CatalogueFilter(archived=ArchivedFilter.ALL)).rows == 6
    assert export(catalogue, tmp_path / "b.csv", CatalogueFilter(category="Home")).rows == 1
    assert export(catalogue, tmp_path / "c.csv", CatalogueFilter(text="mug")).rows == 1
    assert [r["商家编码"] for r in read_csv(tmp_path / "c.csv")] == ["3521234567890123456"]
    assert export(catalogue, tmp_path / "d.csv", CatalogueFilter(archived=ArchivedFilter.ARCHIVED)).rows == 1


def test_long_text_is_cut_for_excel_but_not_for_csv(services: Services, tmp_path: Path) -> None:
    long_text = "长" * (EXCEL_MAX_CHARS + 100)
    services.catalogue.create_product(
        ProductInput(title="长描述", description=long_text, variants=(VariantInput(sku_code="LONG"),))
    )
    summary = export(services, tmp_path / "long.xlsx")
    column = HEADERS.index("描述") + 1
    cell = openpyxl.load_workbook(tmp_path / "long.xlsx").worksheets[0].cell(row=2, column=column).value
    assert summary.truncated_cells == 1
    assert len(cell) == EXCEL_MAX_CHARS and cell.endswith(TRUNCATED_MARKER)
    export(services, tmp_path / "long.csv")
    assert read_csv(tmp_path / "long.csv")[0]["描述"] == long_text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_goes_through_a_temporary_file(catalogue: Services, tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"products{suffix}"
    target.write_text("the previous export", encoding="utf-8")
    token = CancelToken()
    job = catalogue.products_io.export(target, CatalogueFilter(), token)
    next(job)  # the temporary file is open and being written
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(job)
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in folder.iterdir()] == [target.name]
    export(catalogue, target)
    assert catalogue.products_io.read_source(target).rows[0][3] == "00123"
    assert [p.name for p in folder.iterdir()] == [target.name]


def test_an_empty_catalogue_exports_just_the_header(services: Services, tmp_path: Path) -> None:
    assert export(services, tmp_path / "empty.csv").rows == 0
    assert read_csv(tmp_path / "empty.csv") == []
    assert export(services, tmp_path / "empty.xlsx").rows == 0
    assert tuple(c.value for c in openpyxl.load_workbook(tmp_path / "empty.xlsx").worksheets[0][1]) == HEADERS


@pytest.mark.parametrize(
    ("name", "code"), [("products.txt", "products_io.export_format"), ("nope/p.csv", "products_io.export_failed")]
)
def test_bad_targets_are_refused(services: Services, tmp_path: Path, name: str, code: str) -> None:
    with pytest.raises(UserError) as refused:
        export(services, tmp_path / name)
    assert refused.value.code == code
