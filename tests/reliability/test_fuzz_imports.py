"""Hypothesis fuzzing of whole imports: a well-formed file whose cells are anything (amounts with 400 digits, NaN,
dates in year 1, formula payloads, RTL text) through the product, order and metrics services, plan AND apply, on a
real SQLite database. Row trouble must come back as row problems or a UserError; the write must succeed and leave
stock equal to its ledger. (The 30-digit stock that passed the plan and crashed SQLite on saving was found this way.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.metrics_io import MetricsIO
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import Platform, ShowStatus

IMPORTS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)

hostile_cell = st.one_of(
    st.sampled_from(("", "-", "0", "1", "19.90", "¥1,299.00", "NaN", "Infinity", "1e309", "-5", "١٢٣", "=1+1")),
    st.sampled_from(("9" * 30, "9" * 400, "1" + "0" * 19, "0001-01-01 00:00:00", "9999-12-31 23:59:59", "5万")),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(str),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\ufffd", exclude_categories=("Cs",))),
)


def rows_from(valid: tuple[str, ...], count: int = 4) -> st.SearchStrategy[list[list[str]]]:
    """``count`` rows like ``valid`` (numbered so they differ), each with up to two cells replaced by hostile ones:
    most rows stay importable, so the hostile cell reaches the parsing and the saving of a real row."""
    edits = st.lists(st.tuples(st.integers(0, len(valid) - 1), hostile_cell), max_size=2)

    def build(changes: list[list[tuple[int, str]]]) -> list[list[str]]:
        rows = []
        for number, row_changes in enumerate(changes, start=1):
            row = [cell.replace("{n}", str(number)) for cell in valid]
            for column, value in row_changes:
                row[column] = value
            rows.append(row)
        return rows

    return st.lists(edits, min_size=count, max_size=count).map(build)


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def services(database: Database) -> Iterator[Services]:
    built = build_services(database, Settings(language="en", currency="CNY"), AppPaths.default())
    Shows(database.sessions, clock=lambda: START).create_show(
        ShowInput("专场", platforms=(Platform.DOUYIN,), planned_start=START, currency="CNY", status=ShowStatus.DONE)
    )
    yield built


def ledger_holds(services: Services) -> None:
    assert not services.catalogue.ledger_mismatches()


PRODUCT_HEADER = ("商品名称", "商家编码", "售价", "成本", "直播价", "库存", "规格", "分类", "标签", "条码", "库存预警")
PRODUCT_ROW = ("帽子 {n}", "HX-{n}", "19.90", "8.5", "15", "5", "颜色:红", "服饰", "爆款", "690{n}", "2")


@IMPORTS
@given(rows=rows_from(PRODUCT_ROW))
def test_any_product_cells_plan_and_save_or_are_refused(services: Services, tmp_path: Path, rows: Any) -> None:
    io_ = services.products_io
    try:
        source = io_.read_source(write_csv(tmp_path / "products.csv", PRODUCT_HEADER, rows))
        plan = run_to_end(io_.plan(source, io_.auto_mapping(source.headers), CancelToken()))
        if plan.valid_rows and plan.has_changes:
            run_to_end(io_.apply(plan, CancelToken()))
            event("saved")
    except UserError as error:
        event(error.code)
        return
    ledger_holds(services)


ORDER_HEADER = (
    "Order ID",
    "Buyer",
    "Seller",
    "Product Name",
    "Processed Date",
    "Order Status",
    "Sold Price",
    "Quantity",
    "Shipping Price",
    "Total",
)


ORDER_ROW = ("WN-{n}", "buyer{n}", "shop", "Travel mug", "10/07/2025 19:05", "Completed", "$29.00", "1", "$4.99")
ORDER_ROW = (*ORDER_ROW, "$33.99")


@IMPORTS
@given(rows=rows_from(ORDER_ROW))
def test_any_order_cells_plan_and_save_or_are_refused(services: Services, tmp_path: Path, rows: Any) -> None:
    io_ = services.orders_io
    try:
        plan = run_to_end(io_.plan(write_csv(tmp_path / "orders.csv", ORDER_HEADER, rows), preset="whatnot"))
        if plan.orders:
            run_to_end(io_.apply(plan))
            event("saved")
    except UserError as error:
        event(error.code)
        return
    ledger_holds(services)


METRICS_HEADER = ("时间", "在线人数", "进入人数", "成交金额", "成交订单数", "人均观看时长", "互动率")


METRICS_ROW = ("2026-01-05 20:0{n}", "120", "150", "199.00", "2", "75", "5.2%")


@IMPORTS
@given(rows=rows_from(METRICS_ROW))
def test_any_metrics_cells_plan_and_save_or_are_refused(
    database: Database, services: Services, tmp_path: Path, rows: Any
) -> None:
    metrics = MetricsIO(database.sessions, clock=lambda: START)
    try:
        plan = metrics.plan(write_csv(tmp_path / "trend.csv", METRICS_HEADER, rows), 1)
        metrics.apply(plan)
        event("saved")
    except UserError as error:
        event(error.code)
        return
