"""Opening a team database on a PostgreSQL server (streamdesk.db): the address forms a seller is given, the same
migration steps as a file, and a sentence instead of a traceback when the server says no."""

from __future__ import annotations

import socket

import psycopg
import pytest
from pg_support import Server
from sqlalchemy import text

from streamdesk.core.errors import NotAStreamDeskDatabase, UserError
from streamdesk.db import display_target, open_database, server_url
from streamdesk.migrations import SCHEMA_VERSION


def test_a_plain_postgresql_address_means_psycopg_and_the_password_is_never_shown() -> None:
    url = server_url("postgresql://seller:p%40ss@db.example:5432/shop")
    assert url.drivername == "postgresql+psycopg" and url.password == "p@ss"
    assert display_target("postgresql://seller:secret@db.example/shop") == "postgresql://seller:***@db.example/shop"
    assert display_target("/home/seller/shop.sqlite3") == "/home/seller/shop.sqlite3"


@pytest.mark.parametrize("address", ["mysql://seller:pw@db/shop", "postgresql+psycopg2://seller:pw@db/shop"])
def test_other_engines_and_drivers_are_refused_with_a_sentence(address: str) -> None:
    with pytest.raises(UserError) as refused:
        open_database(address)
    assert refused.value.code == "db.unsupported_url"


def test_an_empty_server_database_gets_the_same_steps_as_a_file(pg_server: Server) -> None:
    url = pg_server.empty_database()
    database = open_database(url)
    try:
        assert database.path is None and database.backups_dir is None
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT version FROM schema_info")).scalar_one() == SCHEMA_VERSION
            identity = conn.execute(
                text(
                    "SELECT is_identity FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'id'"
                )
            ).scalar_one()
        assert identity == "YES"  # SQLite numbers rows itself; PostgreSQL's id columns are identities
    finally:
        database.dispose()
    open_database(url).dispose()  # opening again migrates nothing


def test_somebody_elses_database_is_refused_and_left_alone(pg_server: Server) -> None:
    url = pg_server.empty_database()
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(NotAStreamDeskDatabase):
        open_database(url)
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    assert tables == ["invoices"]


def test_a_wrong_password_or_a_closed_port_is_a_sentence_without_the_password(pg_server: Server) -> None:
    wrong = pg_server.url.set(password="not-the-password").render_as_string(hide_password=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"postgresql://seller:s3cret@127.0.0.1:{s.getsockname()[1]}/shop"
    for address, secret in ((wrong, "not-the-password"), (closed, "s3cret")):
        with pytest.raises(UserError) as refused:
            open_database(address)
        assert refused.value.code == "db.server_unreachable"
        assert secret not in str(refused.value.fields) and "***" in refused.value.fields["url"]
