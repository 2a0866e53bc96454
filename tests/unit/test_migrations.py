"""Every past schema upgrades to exactly the fresh one, and the stepped schema is what the models describe."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, create_engine
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

import streamdesk.models
from streamdesk.db import open_database
from streamdesk.migrations import SCHEMA_VERSION, STEPS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_FIXTURES = sorted(FIXTURES.glob("schema_v*.sqlite3"), key=lambda p: int(p.stem.removeprefix("schema_v")))
FTS_PREFIX = "variants_fts"  # the FTS5 table and its shadow tables/triggers exist only in the steps (SQLite only)


def _fixture_version(path: Path) -> int:
    return int(path.stem.removeprefix("schema_v"))


def schema_of(path: Path, *, include_sqlite_only: bool = True) -> dict[str, Any]:
    """Tables, columns, indexes, unique constraints, foreign keys (and triggers/virtual tables) as PRAGMA reports them."""
    conn = sqlite3.connect(path)
    try:
        objects = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
        tables: dict[str, Any] = {}
        extras: list[tuple[str, str, str]] = []
        for kind, name, _table, sql in objects:
            if name.startswith(FTS_PREFIX):
                if include_sqlite_only:
                    extras.append((kind, name, " ".join((sql or "").split())))
                continue
            if kind != "table":
                continue
            columns = {
                row[1]: {"type": row[2].upper(), "notnull": bool(row[3]), "pk": row[5]}
                for row in conn.execute(f"PRAGMA table_xinfo('{name}')")
            }
            indexes, uniques = set(), set()
            for _seq, index_name, unique, origin, _partial in conn.execute(f"PRAGMA index_list('{name}')"):
                cols = tuple(row[2] for row in conn.execute(f"PRAGMA index_info('{index_name}')"))
                if origin == "c":
                    indexes.add((index_name, bool(unique), cols))
                elif origin == "u":
                    uniques.add(cols)
            foreign_keys = {  # (parent table, column, parent column, on update, on delete)
                (row[2], row[3], row[4], row[5], row[6]) for row in conn.execute(f"PRAGMA foreign_key_list('{name}')")
            }
            tables[name] = {"columns": columns, "indexes": indexes, "uniques": uniques, "foreign_keys": foreign_keys}
        return {"tables": tables, "sqlite_only": sorted(extras)}
    finally:
        conn.close()


def _load_every_model() -> MetaData:
    for module in pkgutil.iter_modules(streamdesk.models.__path__, "streamdesk.models."):
        importlib.import_module(module.name)
    return SQLModel.metadata


def _create_all(metadata: MetaData, path: Path) -> Path:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    metadata.create_all(engine)
    engine.dispose()
    return path


def _table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'variants_fts%' AND name != 'schema_info'"
            )
        ]
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in names}
    finally:
        conn.close()


def test_schema_version_is_the_number_of_steps() -> None:
    assert SCHEMA_VERSION == len(STEPS) >= 1


def test_there_is_a_fixture_for_every_schema_version() -> None:
    """When a step ships, make its fixture: ``python tests/fixtures/make_schema_fixture.py N``."""
    assert [_fixture_version(p) for p in SCHEMA_FIXTURES] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_fixture_file_holds_the_version_its_name_says(fixture: Path) -> None:
    conn = sqlite3.connect(fixture)
    try:
        assert conn.execute("SELECT version FROM schema_info").fetchall() == [(_fixture_version(fixture),)]
        assert conn.execute("SELECT count(*) FROM variants").fetchone()[0] >= 3  # realistic rows, not an empty shell
    finally:
        conn.close()


@pytest.mark.parametrize("old", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_every_past_schema_upgrades_to_the_fresh_one(old: Path, tmp_path: Path) -> None:
    upgraded, fresh = tmp_path / "upgraded.sqlite3", tmp_path / "fresh.sqlite3"
    shutil.copy(old, upgraded)
    rows_before = _table_rows(upgraded)
    open_database(upgraded).dispose()  # backs up first, then runs each missing step in its own transaction
    open_database(fresh).dispose()  # every step from zero: new and upgraded files must match
    assert schema_of(upgraded) == schema_of(fresh)
    conn = sqlite3.connect(upgraded)
    try:
        assert conn.execute("SELECT version FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    rows_after = _table_rows(upgraded)
    for table, rows in rows_before.items():  # a step may add columns, but never loses a row
        assert len(rows_after[table]) == len(rows), table


@pytest.mark.parametrize("old", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_upgraded_fixture_still_finds_its_products_by_search(old: Path, tmp_path: Path) -> None:
    upgraded = tmp_path / "upgraded.sqlite3"
    shutil.copy(old, upgraded)
    open_database(upgraded).dispose()
    conn = sqlite3.connect(upgraded)
    try:
        found = conn.execute(
            "SELECT v.sku_code FROM variants_fts JOIN variants AS v ON v.id = variants_fts.rowid "
            "WHERE variants_fts MATCH '\"sun jacket\"' ORDER BY v.sku_code"
        ).fetchall()
    finally:
        conn.close()
    assert found == [("FSY-001-BK-L",), ("FSY-001-WH-M",)]


def test_stepped_schema_matches_the_models(tmp_path: Path) -> None:
    stepped = tmp_path / "stepped.sqlite3"
    open_database(stepped).dispose()
    from_models = _create_all(_load_every_model(), tmp_path / "models.sqlite3")
    expected = schema_of(from_models, include_sqlite_only=False)["tables"]
    actual = schema_of(stepped, include_sqlite_only=False)["tables"]
    assert actual.pop("schema_info")["columns"].keys() == {"id", "version"}  # bookkeeping, not a model
    assert sorted(actual) == sorted(expected)
    for table in expected:
        assert actual[table] == expected[table], f"table {table}: the models and the migration steps differ"


def test_schema_comparison_notices_a_model_changed_without_a_step(tmp_path: Path) -> None:
    """The comparison above is not vacuous: an extra model column makes the two schemas differ."""
    edited = MetaData()
    for table in _load_every_model().tables.values():
        table.to_metadata(edited)
    edited.tables["variants"].append_column(Column("weight_grams", Integer, nullable=True))
    stepped = tmp_path / "stepped.sqlite3"
    open_database(stepped).dispose()
    from_models = _create_all(edited, tmp_path / "edited.sqlite3")
    assert (
        schema_of(from_models, include_sqlite_only=False)["tables"]["variants"]
        != schema_of(stepped, include_sqlite_only=False)["tables"]["variants"]
    )


def test_fresh_database_has_the_search_index_and_its_triggers(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    open_database(path).dispose()
    names = {(kind, name) for kind, name, _sql in schema_of(path)["sqlite_only"]}
    assert {("table", "variants_fts")} <= names
    assert {name for kind, name in names if kind == "trigger"} == {
        "variants_fts_insert",
        "variants_fts_delete",
        "variants_fts_update",
    }
