"""Team mode from the Settings dialog: a PostgreSQL address made from its parts and split back into them, where a
server database is (for the window's title and status bar), and a look at a server database that changes nothing.

The address is composed by SQLAlchemy (user and password percent-encoded), never by joining strings: a password
with ``@``, ``:`` or ``/`` in it would otherwise point somewhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import URL, Engine, func, make_url, select, table
from sqlalchemy.exc import ArgumentError

from streamdesk.core.errors import UserError
from streamdesk.db import display_target, is_url, make_engine, open_database
from streamdesk.migrations import SCHEMA_VERSION

DEFAULT_PORT = 5432
SCHEME = "postgresql"  # what a host hands out and psql takes; db.server_url picks the psycopg driver for it


@dataclass(frozen=True, slots=True)
class TeamFields:
    """The parts of a team database address as the Settings dialog shows them ("" for a part not given)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    password: str = ""
    query: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)  # e.g. sslmode=require, kept as given


def compose_url(fields: TeamFields) -> str:
    """``postgresql://user:password@host:port/name`` with user and password percent-encoded."""
    url = URL.create(
        SCHEME,
        username=fields.user or None,
        password=fields.password or None,
        host=fields.host.strip() or None,
        port=fields.port,
        database=fields.database.strip() or None,
        query=fields.query,
    )
    return url.render_as_string(hide_password=False)


def split_url(target: str) -> TeamFields | None:
    """The parts of a PostgreSQL address, or None for a file path, an address that does not parse, or another
    engine's (the dialog then shows "This computer only")."""
    if not is_url(target):
        return None
    try:
        url = make_url(target)
    except ArgumentError:
        return None
    if url.get_backend_name() != "postgresql":
        return None
    return TeamFields(
        host=url.host or "",
        port=url.port or DEFAULT_PORT,
        database=url.database or "",
        user=url.username or "",
        password=url.password or "",
        query=dict(url.query),
    )


def server_place(target: str) -> str | None:
    """``host/name`` (``host:port/name`` off the usual port) of a server database, None for a file."""
    fields = split_url(target)
    if fields is None:
        return None
    host = fields.host or "localhost"
    if fields.port != DEFAULT_PORT:
        host = f"{host}:{fields.port}"
    return f"{host}/{fields.database}"


def without_password(target: str) -> str:
    """A database as the seller may see it: a server address with ``***`` for its password, a file as it is."""
    return display_target(target)


def file_named(database_url: str) -> str:
    """The file a settings value names, or "" (the default file in the user data folder) for a server address."""
    return "" if is_url(database_url) else database_url


@dataclass(frozen=True, slots=True)
class TeamProbe:
    """What a server database holds: schema 0 and no products when it is empty (set up on the first start)."""

    place: str  # host/name, for the sentence
    schema_version: int
    products: int

    @property
    def empty(self) -> bool:
        return self.schema_version == 0

    @property
    def upgrade_needed(self) -> bool:
        """A shop of an older StreamDesk: the first start upgrades it (it must not be opened read-write before)."""
        return 0 < self.schema_version < SCHEMA_VERSION


def probe_team_database(target: str) -> TeamProbe:
    """Connect to a server database and say what it holds, creating and changing nothing (no tables, no upgrade).

    Raises the UserError of opening it: db.bad_url, db.unsupported_url, db.driver_missing, db.server_unreachable
    (the address without its password), db.not_streamdesk (somebody else's tables), db.schema_too_new."""
    if not is_url(target):
        raise UserError("db.bad_url", url=display_target(target))
    place = server_place(target) or display_target(target)
    try:
        database = open_database(target, migrate=False)
    except UserError as error:
        if error.code != "db.needs_migration":
            raise
        found = int(error.fields.get("found", 0))
        if found == 0:
            return TeamProbe(place=place, schema_version=0, products=0)
        # a shop of an older StreamDesk, which open_database does not open unmigrated: count on an engine of its own
        engine = make_engine(target)
        try:
            return TeamProbe(place=place, schema_version=found, products=_count_products(engine))
        finally:
            engine.dispose()
    try:
        return TeamProbe(place=place, schema_version=SCHEMA_VERSION, products=_count_products(database.engine))
    finally:
        database.dispose()


def _count_products(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table("products"))).scalar_one())
