"""Exports never hand a spreadsheet a cell it would execute (FORMATS.md §5, issue 10).

One shop whose every text field starts with a formula payload (= + - @ TAB CR NUL): product titles, specs, SKUs,
suppliers, buyers' names, addresses and notes, the sender's name, rundown titles and notes. Every export the app
writes is made from it and read back as a spreadsheet would read it:

* CSV (products, every shipping preset, pick list, rundown, planned vs actual): a cell that starts with a trigger
  must be a number we formatted ourselves (``^-?\\d+(\\.\\d+)?$``); a payload is there only with its leading ``'``.
* XLSX (products, every shipping preset): no formula cell (openpyxl ``data_type == "f"``), no text cell starting
  with a trigger except a phone-like code (``+86 138…``) in a typed text cell, which no spreadsheet evaluates.
* Tab-separated text the pages copy to the clipboard (review tables, the stock check): the same rule as CSV, since
  pasting into Excel evaluates it.
* The HTML review report: the payloads' markup is escaped.

Each check also asserts the payloads reached the file (neutralised), so a writer that dropped them cannot pass.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import CatalogueFilter, ProductInput, VariantInput
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.order_types import OrderFilter
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput, ShowStatus, SkuTargetInput
from streamdesk.db import Database, open_database
from streamdesk.models.base import OrderSource, OrderStatus, Platform
from streamdesk.models.orders import Customer, Order, OrderLine

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
OUR_NUMBER = re.compile(r"-?\d+(\.\d+)?")
PHONE_LIKE = re.compile(r"[+\d][\d\s()+\-]*")  # inert in a typed XLSX text cell (FORMATS.md §5)
CALC = "cmd|' /C calc'!A0"
PAYLOADS = (
    "=" + CALC,
    "+" + CALC,
    "-2+3+" + CALC,
    "@SUM(1+1)*" + CALC,
    "\t=" + CALC,
    "\r=" + CALC,
    '=HYPERLINK("http://evil.example","点我")',
    "\x00=" + CALC,
)
MARKUP = "<script>alert('x')</script>"


def payload(index: int, tail: str = "") -> str:
    """The ``index``-th payload (cycling), with ``tail`` making the cell unique."""
    return PAYLOADS[index % len(PAYLOADS)] + tail


@dataclass
class HostileShop:
    database: Database
    services: Services
    show_id: int
    run_id: int
    order_ids: tuple[int, ...]
    folder: Path


def _products(services: Services) -> list[int]:
    variant_ids: list[int] = []
    for n in range(len(PAYLOADS)):
        product_id = services.catalogue.create_product(
            ProductInput(
                title=payload(n, f" 标题{n}"),
                alt_title=payload(n + 1, " alt"),
                brand=payload(n + 2, " brand"),
                category=payload(n + 3, " cat"),
                tags=(payload(n + 4, " tag"),),
                description=payload(n + 5, " desc"),
                selling_points=payload(n + 6, " sp") + MARKUP,
                talking_points=payload(n + 7, " tp"),
                faq=payload(n, " faq"),
                compliance_notes=payload(n + 1, " cn"),
                supplier_name=payload(n + 2, f" 供应商{n}"),
                supplier_contact=payload(n + 3, " +86 138 0000 0000"),
                ship_from_region=payload(n + 4, " 杭州"),
                variants=(
                    VariantInput(
                        payload(n, f"SKU{n}"),
                        spec=(("颜色", payload(n + 1, " 白")),),
                        barcode=payload(n + 2, "690"),
                        cost_minor=1200,
                        list_price_minor=9900,
                        initial_stock=5,
                    ),
                ),
            )
        )
        variant_ids.extend(v.id for v in services.catalogue.get_product(product_id).variants)
    return variant_ids


def _orders(database: Database, show_id: int, placed: datetime) -> tuple[int, ...]:
    ids: list[int] = []
    with database.sessions(write=True) as session, session.begin():
        for n in range(len(PAYLOADS)):
            customer = Customer(platform=Platform.DOUYIN, nickname=payload(n, f" 昵称{n}"), name=payload(n + 1, " 名"))
            session.add(customer)
            session.flush()
            order = Order(
                platform=Platform.TIKTOK if n % 2 else Platform.DOUYIN,
                order_no=payload(n, f"69170000{n}"),
                source=OrderSource.IMPORT,
                status=OrderStatus.PAID,
                customer_id=customer.id,
                show_id=show_id,
                currency="CNY",
                goods_minor=9900,
                shipping_minor=0,
                paid_minor=9900,
                created_at=placed + timedelta(minutes=n),
                paid_at=placed + timedelta(minutes=n, seconds=30),
                recipient=payload(n + 2, " 收件人"),
                phone="+86 138 0013 8000" if n % 2 else payload(n + 3, "13800138000"),
                province=payload(n + 4, "省"),
                city=payload(n + 5, "市"),
                district=payload(n + 6, "区"),
                address=payload(n + 7, " 文三路90号"),
                postcode=payload(n, "310000"),
                country=payload(n + 1, "CN"),
                buyer_note=payload(n + 2, " 买家留言"),
                seller_note=payload(n + 3, " 商家备注"),
            )
            session.add(order)
            session.flush()
            assert order.id is not None
            ids.append(order.id)
            session.add(
                OrderLine(
                    order_id=order.id,
                    line_no=payload(n + 4, "1"),
                    sku_code=payload(n, f"SKU{n}"),
                    title=payload(n + 5, f" 标题{n}"),
                    spec=payload(n + 6, " 白"),
                    quantity=1,
                    unit_price_minor=9900,
                    total_minor=9900,
                )
            )
    return tuple(ids)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileShop]:
    folder = tmp_path_factory.mktemp("hostile-shop")
    paths = AppPaths(config_dir=folder / "config", data_dir=folder / "data", log_dir=folder / "logs")
    settings = Settings(
        language="en",
        currency="CNY",
        business_name=payload(0, " 小鱼的店"),
        ship_from_address=payload(3, " 仓前街道1号"),
    )
    database = open_database(folder / "shop.sqlite3")
    services = build_services(database, settings, paths)
    variant_ids = _products(services)
    start = datetime.now(UTC) - timedelta(hours=3)
    show_id = services.shows.create_show(
        ShowInput(
            title=payload(0, " 周五专场") + MARKUP,
            theme=payload(1, " theme"),
            platforms=(Platform.DOUYIN,),
            planned_start=start,
            planned_seconds=3600,
            status=ShowStatus.SCHEDULED,
            notes=payload(2, " notes"),
            sku_targets=tuple(SkuTargetInput(variant_id, 50) for variant_id in variant_ids),  # 5 in stock each
        )
    )
    services.shows.replace_segments(
        show_id,
        [
            SegmentInput(
                SegmentKind.PITCH,
                payload(n, f" 段{n}"),
                300,
                variant_ids=(variant_ids[n],),
                talking_points=payload(n + 1, " 话术"),
                promotion_cue=payload(n + 2, " 口令"),
                notes=payload(n + 3, " 备注"),
            )
            for n in range(len(PAYLOADS))
        ],
    )
    live = services.show_runs.start(show_id)
    live.timer.start()
    live.timer.next()
    order_ids = _orders(database, show_id, start + timedelta(minutes=5))
    yield HostileShop(database, services, show_id, live.run_id, order_ids, folder)
    database.dispose()


# --- reading the files back ---------------------------------------------------------------------------------------
def csv_cells(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def tsv_cells(text: str) -> list[str]:
    return [cell for line in text.split("\n") for cell in line.split("\t")]


def dangerous_text_cells(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would evaluate: starting with a trigger and not one of our own numbers."""
    return [c for c in cells if c.startswith(TRIGGERS) and OUR_NUMBER.fullmatch(c) is None]


def is_payload(cell: str) -> bool:
    return "cmd|" in cell or "HYPERLINK" in cell


def neutralised_payloads(cells: list[str]) -> int:
    return sum(1 for c in cells if c.startswith("'") and is_payload(c))


def assert_csv_safe(path: Path, *, at_least: int) -> None:
    cells = csv_cells(path)
    assert dangerous_text_cells(cells) == [], path.name
    assert neutralised_payloads(cells) >= at_least, f"{path.name}: the payloads did not reach the file"


def assert_xlsx_safe(path: Path, *, at_least: int) -> None:
    book = load_workbook(path, data_only=False)
    formulas: list[str] = []
    dangerous: list[str] = []
    neutralised = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
                elif isinstance(cell.value, str):
                    value = cell.value
                    if value.startswith("'") and is_payload(value):
                        neutralised += 1
                    elif value.startswith(TRIGGERS) and PHONE_LIKE.fullmatch(value) is None:
                        dangerous.append(f"{sheet.title}!{cell.coordinate}={value!r}")
    book.close()
    assert formulas == [], path.name
    assert dangerous == [], path.name
    assert neutralised >= at_least, f"{path.name}: the payloads did not reach the file"


# --- the exports --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_products_export(shop: HostileShop, suffix: str) -> None:
    dest = shop.folder / f"products{suffix}"
    summary = run_to_end(shop.services.products_io.export(dest, CatalogueFilter(), CancelToken()))
    assert summary.rows == len(PAYLOADS)
    # 15 text columns of each product start with a payload (the spec cell starts with its attribute's name)
    if suffix == ".csv":
        assert_csv_safe(dest, at_least=15 * len(PAYLOADS))
    else:
        assert_xlsx_safe(dest, at_least=15 * len(PAYLOADS))


def _preset_formats() -> list[tuple[str, str]]:
    from streamdesk.core.shipping_io.presets import ALL_PRESETS

    return [(key, fmt.value) for key, preset in ALL_PRESETS.items() for fmt in preset.formats]


@pytest.mark.parametrize(("preset", "fmt"), _preset_formats())
def test_shipping_exports(shop: HostileShop, preset: str, fmt: str) -> None:
    dest = shop.folder / f"orders-{preset}.{fmt}"
    result = run_to_end(shop.services.shipping_io.export(dest, preset, OrderFilter(), order_ids=shop.order_ids))
    written = len(shop.order_ids) - len(result.skipped)
    assert written > 0, f"{preset}: every order was skipped ({result.skipped[:2]})"
    # at least the recipient or the items of each written order carry a payload
    if fmt == "csv":
        assert_csv_safe(dest, at_least=written)
    else:
        assert_xlsx_safe(dest, at_least=written)


def test_pick_list_csv(shop: HostileShop) -> None:
    dest = shop.folder / "pick.csv"
    io_ = shop.services.shipping_io
    rows = io_.pick_list(show_id=shop.show_id)
    assert io_.pick_list_csv(dest, rows) == len(PAYLOADS)
    assert_csv_safe(dest, at_least=2 * len(PAYLOADS))  # SKU and title of each line


def test_rundown_csv(shop: HostileShop) -> None:
    dest = shop.folder / "rundown.csv"
    assert shop.services.rundown_io.export_csv(shop.show_id, dest) == len(PAYLOADS)
    assert_csv_safe(dest, at_least=4 * len(PAYLOADS))  # title, talking points, cue, notes


def test_planned_vs_actual_csv(shop: HostileShop) -> None:
    dest = shop.folder / "planned-vs-actual.csv"
    shop.services.show_runs.export_planned_vs_actual(shop.run_id, dest)
    assert_csv_safe(dest, at_least=len(PAYLOADS))  # each segment's title


# --- text the pages copy for a spreadsheet ------------------------------------------------------------------------
def test_review_tables_copy_inert_text(shop: HostileShop, qapp) -> None:
    from streamdesk.ui.pages.review.result_table import ResultTable, selection_as_text
    from streamdesk.ui.pages.review.tables import ProductsModel, SegmentsModel

    data = shop.services.review.review(shop.show_id)
    segments, products = SegmentsModel(), ProductsModel()
    segments.set_segments(data.segments, data.header.currency)
    products.set_products(data.products, data.header.currency)
    assert segments.rowCount() >= 2 and products.rowCount() >= len(PAYLOADS)  # the run reached segment 2
    for model in (segments, products):
        view = ResultTable(model)
        cells = tsv_cells(selection_as_text(view, everything=True))
        assert dangerous_text_cells(cells) == [], type(model).__name__
        assert neutralised_payloads(cells) >= model.rowCount(), type(model).__name__
        view.deleteLater()


def test_stock_check_copies_inert_text(shop: HostileShop, qapp) -> None:
    from streamdesk.ui.pages.shows.stock_check_dialog import StockCheckModel

    rows = shop.services.shows.stock_check(shop.show_id)
    assert len(rows) == len(PAYLOADS)
    model = StockCheckModel()
    model.set_rows(rows)
    cells = tsv_cells(model.as_text())
    assert dangerous_text_cells(cells) == []
    assert neutralised_payloads(cells) >= 2 * len(PAYLOADS)  # SKU and title


def test_html_report_escapes_markup(shop: HostileShop, qapp) -> None:
    from streamdesk.core.report import ReportWriter

    data = shop.services.review.review(shop.show_id)
    dest = shop.folder / "review.html"
    ReportWriter().write(data, dest, language="en")
    text = dest.read_text(encoding="utf-8")
    assert "周五专场" in text and "cmd|" in text  # the show's title and the payloads reached the report
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
