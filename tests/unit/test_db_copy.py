"""Copying a whole shop between a SQLite file and a PostgreSQL database (streamdesk/core/db_copy.py).

The source is the demo shop; the PostgreSQL databases are real ones on the test server (pg_support), and the
PostgreSQL tests skip without one.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pg_support import Server, require_server
from sqlalchemy import create_engine, text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import CatalogueFilter, ProductInput, ScoreWeights, VariantInput
from streamdesk.core.db_copy import CopySummary, copy_database, copy_job
from streamdesk.core.db_copy_rows import copied_tables, verify_copy
from streamdesk.core.demo import write_demo
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.order_types import LiveSaleInput
from streamdesk.core.orders import Orders
from streamdesk.db import open_database

NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
SEARCH_INDEX_PREFIX = "variants_fts"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shop") / "shop.sqlite3"
    run_to_end(write_demo(path, seed=7, clock=lambda: NOW))
    return path


@dataclass(frozen=True)
class RoundTrip:
    server_copy: str  # URL of the PostgreSQL database the shop was copied into
    back: Path  # the file copied back from it
    there: CopySummary
    home: CopySummary


@pytest.fixture(scope="module")
def round_trip(shop: Path, _pg_server: Server | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoundTrip]:
    require_server()
    assert _pg_server is not None
    url = _pg_server.empty_database()
    back = tmp_path_factory.mktemp("back") / "back.sqlite3"
    there = copy_database(shop, url)
    home = copy_database(url, back)
    yield RoundTrip(url, back, there, home)


def _sqlite_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, read with plain sqlite3 (the search indexes left out: they are derived)."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not row[0].startswith(SEARCH_INDEX_PREFIX)
        ]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        conn.close()


def _pg_tables(url: str) -> list[str]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return sorted(
                row[0]
                for row in conn.execute(
                    text("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
                )
            )
    finally:
        engine.dispose()


def _pg_extensions(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(row[0] for row in conn.execute(text("SELECT extname FROM pg_extension")))
    finally:
        engine.dispose()


def _catalogue(target: str | Path, tmp_path: Path) -> tuple[Any, Catalogue]:
    database = open_database(target)
    catalogue = Catalogue(
        database.sessions,
        images_dir=tmp_path / "images",
        thumbnails_dir=tmp_path / "thumbnails",
        weights=ScoreWeights(),
        clock=lambda: NOW,
    )
    return database, catalogue


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the round trip ---------------------------------------------------------------------------------------------


def test_a_shop_copied_to_postgresql_and_back_has_every_row_unchanged(shop: Path, round_trip: RoundTrip) -> None:
    before, after = _sqlite_tables(shop), _sqlite_tables(round_trip.back)
    assert sorted(after) == sorted(before)
    for name, rows in before.items():
        assert after[name] == rows, name
    copied = sum(len(rows) for name, rows in before.items() if name != "schema_info")
    assert round_trip.there.rows == round_trip.home.rows == copied > 2000
    assert len(round_trip.there.tables) == len(before) - 1  # all but schema_info, which the migration writes


def test_the_server_copy_holds_real_timestamps_and_booleans(shop: Path, round_trip: RoundTrip) -> None:
    conn = sqlite3.connect(shop)
    try:
        product_id, created, archived = conn.execute(
            "SELECT id, created_at, archived FROM products ORDER BY id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    engine = create_engine(round_trip.server_copy.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as pg:
            row = pg.execute(
                text(
                    "SELECT created_at, archived, pg_typeof(created_at)::text, pg_typeof(archived)::text FROM products WHERE id = :id"
                ),
                {"id": product_id},
            ).one()
    finally:
        engine.dispose()
    assert row[2:] == ("timestamp without time zone", "boolean")
    assert row[0] == datetime.fromisoformat(created)  # naive UTC on both sides
    assert row[1] is bool(archived)


def test_the_summary_lists_the_money_and_stock_totals_it_compared(round_trip: RoundTrip) -> None:
    compared = set(round_trip.there.summed_columns)
    assert {"orders.paid_minor", "order_lines.total_minor", "variants.on_hand", "stock_moves.quantity"} <= compared
    assert all(column.endswith("_minor") or column.split(".")[1] in {"quantity", "on_hand"} for column in compared)
    assert round_trip.home.summed_columns == round_trip.there.summed_columns
    assert all(name.startswith(SEARCH_INDEX_PREFIX) for name in round_trip.there.skipped)
    assert "variants_fts" in round_trip.there.skipped and round_trip.home.skipped == ()


@pytest.mark.parametrize("query", ["防晒衣", "银锁骨", "浴", "fz001", "Booster", "69"])
def test_catalogue_search_finds_the_same_in_both_copies(
    shop: Path, round_trip: RoundTrip, tmp_path: Path, query: str
) -> None:
    counts = []
    for target in (shop, round_trip.back, round_trip.server_copy):
        database, catalogue = _catalogue(target, tmp_path)
        try:
            counts.append(catalogue.count(CatalogueFilter(text=query)))
        finally:
            database.dispose()
    assert counts[2] == counts[1] == counts[0] > 0


def test_search_finds_products_in_the_file_copied_back(round_trip: RoundTrip, tmp_path: Path) -> None:
    conn = sqlite3.connect(round_trip.back)
    try:
        title, sku = conn.execute(
            "SELECT p.title, v.sku_code FROM variants v JOIN products p ON p.id = v.product_id "
            "WHERE NOT p.archived AND NOT v.archived ORDER BY v.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    database, catalogue = _catalogue(round_trip.back, tmp_path)
    try:
        assert catalogue.count(CatalogueFilter(text=title[:3])) >= 1  # the trigram index
        assert catalogue.count(CatalogueFilter(text=title[:1])) >= 1  # the one- and two-character index
        assert catalogue.count(CatalogueFilter(text=sku)) == 1
    finally:
        database.dispose()


def test_new_products_and_orders_get_fresh_ids_in_the_server_copy(
    shop: Path, pg_server: Server, tmp_path: Path
) -> None:
    server_copy = pg_server.empty_database()  # its own: the round trip's copy stays as copied for the other tests
    copy_database(shop, server_copy)
    conn = sqlite3.connect(shop)
    try:
        top = {name: conn.execute(f"SELECT MAX(id) FROM {name}").fetchone()[0] for name in ("products", "orders")}
    finally:
        conn.close()
    database, catalogue = _catalogue(server_copy, tmp_path)
    try:
        product_id = catalogue.create_product(
            ProductInput(title="迁移后新品 保温杯", variants=(VariantInput(sku_code="MOVED-CUP-1", initial_stock=5),))
        )
        variant = catalogue.find_by_sku("MOVED-CUP-1")
        assert variant is not None
        sale = Orders(database.sessions, clock=lambda: NOW).live_sale(
            LiveSaleInput(variant_id=variant.variant_id, nickname="新买家", unit_price_minor=3900)
        )
        with database.engine.connect() as pg:
            tables = [t.name for t in copied_tables() if "id" in t.c and t.c.id.primary_key]
            behind = [
                name
                for name in tables
                if pg.execute(
                    text(f"SELECT nextval(pg_get_serial_sequence('{name}', 'id')) <= COALESCE(MAX(id), 0) FROM {name}")
                ).scalar_one()
            ]
    finally:
        database.dispose()
    assert product_id > top["products"]
    assert sale.order_id > top["orders"]
    assert behind == []  # every identity sequence is past the copied ids, not just the two used above


def test_a_server_copy_copies_to_another_server(round_trip: RoundTrip, pg_server: Server, tmp_path: Path) -> None:
    second = pg_server.empty_database()
    summary = copy_database(round_trip.server_copy, second)
    engine = create_engine(round_trip.server_copy)
    try:
        with engine.connect() as first:
            counts = [
                (t.name, first.execute(text(f"SELECT COUNT(*) FROM {t.name}")).scalar_one()) for t in summary.tables
            ]
    finally:
        engine.dispose()
    assert [(t.name, t.rows) for t in summary.tables] == counts
    assert [t.name for t in summary.tables] == [t.name for t in round_trip.there.tables]
    assert summary.rows >= round_trip.there.rows and summary.skipped == ()


def test_the_job_reports_progress_and_stops_when_its_token_is_set(shop: Path, tmp_path: Path) -> None:
    token = CancelToken()
    job = copy_job(shop, tmp_path / "copy.sqlite3", token)
    first, second = next(job), next(job)
    assert first.done == 0 and 0 < second.done < second.total == first.total
    token.set()
    with pytest.raises(Cancelled):
        next(job)
    assert _listing(tmp_path) == []


def test_progress_counts_every_copied_row(shop: Path, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    summary = copy_database(shop, tmp_path / "copy.sqlite3", progress=lambda done, total: steps.append((done, total)))
    assert steps[0] == (0, summary.rows)
    assert steps[-1] == (summary.rows, summary.rows)
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert {total for _, total in steps} == {summary.rows}


def test_a_file_copy_of_a_file_is_equal_too(shop: Path, tmp_path: Path) -> None:
    copy_database(shop, tmp_path / "copy.sqlite3")
    assert _sqlite_tables(tmp_path / "copy.sqlite3") == _sqlite_tables(shop)
    assert _listing(tmp_path) == ["copy.sqlite3"]  # no hidden file, no -wal left beside it


# --- refusals ---------------------------------------------------------------------------------------------------


def test_an_existing_file_is_never_overwritten(shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.sqlite3"
    target.write_bytes(b"somebody's notes")
    with pytest.raises(UserError) as refused:
        copy_database(shop, target)
    assert refused.value.code == "copy.target_exists"
    assert target.read_bytes() == b"somebody's notes"
    assert _listing(tmp_path) == ["taken.sqlite3"]


def test_a_server_database_with_tables_is_refused_and_left_alone(shop: Path, pg_server: Server) -> None:
    url = pg_server.migrated_database()
    before = _pg_tables(url)
    with pytest.raises(UserError) as refused:
        copy_database(shop, url)
    assert refused.value.code == "copy.target_not_empty"
    assert refused.value.fields["count"] == len(before) > 30
    assert "streamdesk-test" not in str(refused.value.fields)  # the test server's password
    assert _pg_tables(url) == before


def test_a_server_database_with_somebody_elses_table_is_refused(shop: Path, pg_server: Server) -> None:
    url = pg_server.empty_database()
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO invoices VALUES (1)"))
    engine.dispose()
    with pytest.raises(UserError) as refused:
        copy_database(shop, url)
    assert refused.value.code == "copy.target_not_empty"
    assert _pg_tables(url) == ["invoices"]


def test_a_server_nobody_listens_on_is_said_without_the_password(shop: Path, tmp_path: Path) -> None:
    url = f"postgresql://seller:s3cret-pw@127.0.0.1:{_free_port()}/shop"
    with pytest.raises(UserError) as refused:
        copy_database(shop, url)
    assert refused.value.code == "db.server_unreachable"
    assert "s3cret-pw" not in str(refused.value.fields)
    assert "***" in refused.value.fields["url"]


def test_a_table_the_models_do_not_know_is_refused_not_skipped(shop: Path, tmp_path: Path) -> None:
    source = tmp_path / "extra.sqlite3"
    copy_database(shop, source)
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE gift_cards (id INTEGER PRIMARY KEY, code TEXT)")
    conn.execute("INSERT INTO gift_cards (code) VALUES ('GIFT-1')")
    conn.commit()
    conn.close()
    with pytest.raises(UserError) as refused:
        copy_database(source, tmp_path / "copy.sqlite3")
    assert (refused.value.code, refused.value.fields["table"]) == ("copy.unknown_table", "gift_cards")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_column_the_models_do_not_know_is_refused(shop: Path, tmp_path: Path) -> None:
    source = tmp_path / "extra.sqlite3"
    copy_database(shop, source)
    conn = sqlite3.connect(source)
    conn.execute("ALTER TABLE customers ADD COLUMN wechat_id TEXT")
    conn.commit()
    conn.close()
    with pytest.raises(UserError) as refused:
        copy_database(source, tmp_path / "copy.sqlite3")
    assert refused.value.code == "copy.unknown_column"
    assert (refused.value.fields["table"], refused.value.fields["column"]) == ("customers", "wechat_id")
    assert _listing(tmp_path) == ["extra.sqlite3"]


# --- failures and cancels leave nothing behind ------------------------------------------------------------------


def _cancel_after(steps: int) -> Any:
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > steps

    return cancelled


def test_a_cancelled_copy_to_a_file_leaves_no_file(shop: Path, tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        copy_database(shop, tmp_path / "copy.sqlite3", cancelled=_cancel_after(5))
    assert _listing(tmp_path) == []


def test_a_cancelled_copy_to_the_server_leaves_no_table(shop: Path, pg_server: Server) -> None:
    url = pg_server.empty_database()
    extensions = _pg_extensions(url)
    with pytest.raises(Cancelled):
        copy_database(shop, url, cancelled=_cancel_after(5))
    assert _pg_tables(url) == []
    assert _pg_extensions(url) == extensions  # the pg_trgm the migration adds is gone again
    copy_database(shop, url)  # the database is empty again: a second try goes through
    assert len(_pg_tables(url)) > 30


def test_a_value_the_server_refuses_stops_the_copy_and_names_the_column(
    shop: Path, pg_server: Server, tmp_path: Path
) -> None:
    # A hand-edited file: SQLite keeps 1990.5 in an INTEGER column, PostgreSQL's integer column refuses it.
    source = tmp_path / "edited.sqlite3"
    copy_database(shop, source)
    conn = sqlite3.connect(source)
    conn.execute("UPDATE variants SET cost_minor = cost_minor + 0.5 WHERE id = (SELECT MAX(id) FROM variants)")
    conn.commit()
    conn.close()
    url = pg_server.empty_database()
    with pytest.raises(UserError) as refused:
        copy_database(source, url)
    assert refused.value.code == "copy.value_refused"
    assert (refused.value.fields["table"], refused.value.fields["column"]) == ("variants", "cost_minor")
    assert "integer" in refused.value.fields["reason"]
    assert _pg_tables(url) == []


def _verify(source: Path, copy: Path) -> UserError:
    engines = create_engine(f"sqlite:///{source}"), create_engine(f"sqlite:///{copy}")
    try:
        with engines[0].connect() as before, engines[1].connect() as after, pytest.raises(UserError) as refused:
            verify_copy(before, after, copied_tables())
    finally:
        for engine in engines:
            engine.dispose()
    return refused.value


def test_verification_finds_a_total_that_differs(shop: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy_database(shop, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE order_lines SET total_minor = total_minor + 1 WHERE id = (SELECT MAX(id) FROM order_lines)")
    conn.commit()
    conn.close()
    refused = _verify(shop, copy)
    assert refused.code == "copy.verify_sum"
    assert (refused.fields["table"], refused.fields["column"]) == ("order_lines", "total_minor")
    assert refused.fields["target_total"] == refused.fields["source_total"] + 1


def test_verification_finds_a_missing_row(shop: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    copy_database(shop, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM action_items WHERE id = (SELECT MAX(id) FROM action_items)")
    conn.commit()
    conn.close()
    refused = _verify(shop, copy)
    assert refused.code == "copy.verify_rows"
    assert refused.fields["table"] == "action_items"
    assert refused.fields["source_rows"] == refused.fields["target_rows"] + 1
