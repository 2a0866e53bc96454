"""Applying an import: one transaction, cancel and errors write nothing (core/products_io/applying.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from streamdesk.app import Services, build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.core.catalogue_types import CatalogueFilter, ProductInput, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.products_io import ImportPlan
from streamdesk.core.products_io.applying import WRITE_CHUNK
from streamdesk.db import Database, open_database

TABLES = ("suppliers", "products", "variants", "stock_moves", "bundle_items")
ROWS = WRITE_CHUNK * 2 + 500  # enough for several chunks, so there is a "between chunks" to cancel in


@pytest.fixture
def services(database: Database, settings: Settings, paths: AppPaths, utc_clock: Any) -> Services:
    return build_services(database, settings, paths, clock=utc_clock)


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    lines = ["商品名称,颜色,尺码,商家编码,售价,库存,供应商"]
    lines += [f"商品 {n // 4:05d},红,{'SMLX'[n % 4]},SKU{n:06d},{n % 97}.50,{n % 5},供应商{n % 3}" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(database: Database) -> dict[str, list[Any]]:
    with database.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def plan_of(services: Services, path: Path) -> ImportPlan:
    io = services.products_io
    source = io.read_source(path)
    return run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))


def test_apply_writes_every_row_and_keeps_the_ledger(services: Services, database: Database, big_csv: Path) -> None:
    plan = plan_of(services, big_csv)
    summary = run_to_end(services.products_io.apply(plan, CancelToken()))
    assert (summary.added, summary.new_products, summary.skipped) == (ROWS, (ROWS + 3) // 4, 0)
    assert summary.stock_moves == sum(1 for n in range(ROWS) if n % 5)
    with database.engine.connect() as conn:
        counts = [conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar() for t in ("variants", "suppliers")]
        empty_search = conn.exec_driver_sql("SELECT COUNT(*) FROM variants WHERE search_text = ''").scalar()
    fts_hits = services.catalogue.count(CatalogueFilter(text="sku000123"))  # the search index has the rows
    assert counts == [ROWS, 3]
    assert (empty_search, fts_hits) == (0, 1)
    assert services.catalogue.ledger_mismatches() == ()


def test_cancelling_mid_apply_writes_nothing(services: Services, database: Database, big_csv: Path) -> None:
    plan = plan_of(services, big_csv)
    before = snapshot(database)
    token = CancelToken()
    job = services.products_io.apply(plan, token)
    progressed = [next(job), next(job)]  # the start, then the first chunk written inside the transaction
    assert progressed[1].done > 0
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(job)
    assert snapshot(database) == before


def test_other_connections_see_nothing_until_the_commit(
    services: Services, database_target: str | Path, big_csv: Path
) -> None:
    plan = plan_of(services, big_csv)
    job = services.products_io.apply(plan, CancelToken())
    next(job)
    next(job)  # a chunk is written, the transaction still open
    reader = open_database(database_target)  # another laptop, or another program on the file
    try:
        assert reader.engine.connect().execute(text("SELECT COUNT(*) FROM variants")).scalar() == 0
        run_to_end(job)
        assert reader.engine.connect().execute(text("SELECT COUNT(*) FROM variants")).scalar() == ROWS
    finally:
        reader.dispose()


def test_abandoning_the_job_rolls_back(services: Services, database: Database, big_csv: Path) -> None:
    plan = plan_of(services, big_csv)
    before = snapshot(database)
    job = services.products_io.apply(plan, CancelToken())
    next(job)
    next(job)
    job.close()  # the UI dropped the task: GeneratorExit leaves the transaction block
    assert snapshot(database) == before


def test_a_plan_made_before_the_catalogue_changed_is_refused(
    services: Services, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text("商品名称,货号,库存\n杯子,CUP,3\n", encoding="utf-8")
    plan = plan_of(services, path)
    services.catalogue.create_product(
        ProductInput(title="杯子", variants=(VariantInput(sku_code="CUP", initial_stock=1),))
    )
    before = snapshot(database)
    with pytest.raises(UserError) as refused:
        run_to_end(services.products_io.apply(plan, CancelToken()))
    assert refused.value.code == "products_io.plan_stale"
    assert snapshot(database) == before


def test_a_plan_cannot_be_applied_twice(services: Services, database: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("商品名称,货号,库存\n杯子,CUP,3\n", encoding="utf-8")
    plan = plan_of(services, path)
    run_to_end(services.products_io.apply(plan, CancelToken()))
    before = snapshot(database)
    with pytest.raises(UserError):
        run_to_end(services.products_io.apply(plan, CancelToken()))
    assert snapshot(database) == before


def test_timestamps_are_the_apply_time_in_utc(services: Services, utc_clock: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("商品名称,货号,库存\n杯子,CUP,3\n", encoding="utf-8")
    plan = plan_of(services, path)
    utc_clock.advance(hours=2)
    run_to_end(services.products_io.apply(plan, CancelToken()))
    row = services.catalogue.find_by_sku("CUP")
    assert row is not None
    move = services.catalogue.stock_moves(row.variant_id)[0]
    assert move.created_at_utc == "2026-01-05T14:00:00+00:00"


@pytest.mark.sqlite_only("SQLite stores times as text; PostgreSQL has a TIMESTAMP type")
def test_timestamps_are_stored_in_the_same_text_form_as_the_catalogues(
    services: Services, database: Database, tmp_path: Path
) -> None:
    services.catalogue.create_product(ProductInput(title="编辑器建的", variants=(VariantInput(sku_code="ED-1"),)))
    path = tmp_path / "p.csv"
    path.write_text("商品名称,货号,库存\n导入的,IM-1,3\n", encoding="utf-8")
    run_to_end(services.products_io.apply(plan_of(services, path), CancelToken()))
    with database.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT v.created_at, v.updated_at, p.created_at FROM variants v JOIN products p ON p.id = v.product_id"
            " ORDER BY v.id"
        ).fetchall()
        move = conn.exec_driver_sql("SELECT created_at FROM stock_moves ORDER BY id DESC LIMIT 1").scalar()
    assert stored[0] == stored[1] == ("2026-01-05 12:00:00.000000",) * 3
    assert move == "2026-01-05 12:00:00.000000"
