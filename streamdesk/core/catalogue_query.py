"""The catalogue table's SQL: filtering, sorting, paging and the selection score, all inside the database.

Rows are SKUs (variants). ``count`` and ``page`` must stay fast at 100,000 SKUs while the user types, so:

* text of 3+ characters is looked up in the FTS5 trigram index ``variants_fts``; 1-2 characters (a trigram
  index cannot answer them) in ``variants_fts_grams``, which holds every character and character pair of each
  search text as one token (see migrations). Either way the text never makes SQLite scan all SKUs;
* counting text counts every match in the index, then subtracts the hidden (archived) ones, which twin
  indexes of the hidden rows only (``variants_fts_hidden``, ``variants_fts_hidden_grams``) count, in one
  statement;
* ``page`` first picks the ids of one page, then hydrates only those rows (thumbnail, supplier, score parts);
* join order is pinned with CROSS JOIN (SQLite never reorders it) so the plan does not depend on whether
  ANALYZE ever ran. Sorting by title, SKU or an amount (WALKS) walks an index in order, which finds a page of
  common matches in about a millisecond; but walking the index for a *rare* match visits every row at random
  (measured 63-118 ms at 100k SKUs, against 10-25 ms for a scan plus sort). So a filtered walk only starts when
  a sample says matches are common enough, and gets a budget of rows; when the budget runs out before the
  page is full, the scan-and-sort plan answers instead (same rows: tests compare both). Score and stock have
  no index (they are computed per row), so sorting by them computes every match: ~80 ms per keystroke when a
  1-character query matches all 100k SKUs.

Team mode on PostgreSQL gets the same rows in the same order from the same functions (``Dialect``: the plain
SQL is shared, only the spellings differ). Its planner picks join order and indexes itself, so there are no FTS
tables, no walks and no hints: text is ``search_text LIKE '%…%'`` (the pg_trgm GIN index ix_variants_search_trgm
answers 3+ characters), shorter text ``strpos(search_text, …) > 0`` (a scan: see _conditions); a page is one
ORDER BY … LIMIT whose scan also counts the text's matches (page_ids_and_count), other counts are plain counts.
The spellings that make PostgreSQL answer exactly as SQLite does: LEAST/GREATEST for scalar MIN/MAX (both only ever
see non-NULL arguments here, or sit inside COALESCE), float literals cast to double precision (PostgreSQL reads
``1.0`` as NUMERIC; SQLite computes in IEEE doubles, and so must the margin % and score, ties included), text
sorted COLLATE "C" (SQLite's BINARY: code point order) unless the database's own collation already sorts so (see
dialect_of: then title and SKU order walk their indexes), unknown amounts NULLS LAST, and boost tags folded for
ASCII only (SQLite's LIKE is case-insensitive for ASCII letters only).
"""

from __future__ import annotations

import json
import math
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Connection, CursorResult

from streamdesk.core.catalogue_types import (
    ArchivedFilter,
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    ScoreParts,
    ScoreWeights,
    ShowRole,
    SortKey,
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """The spellings in which SQLite's and PostgreSQL's SQL of this module differ (see the module docstring)."""

    name: str
    least: str  # scalar minimum / maximum of the arguments
    greatest: str
    real: str  # after a float literal: PostgreSQL reads 1.0 as NUMERIC, SQLite as an IEEE double
    plus: str  # SQLite's unary +, which keeps a condition from steering its index choice (PostgreSQL: nothing)
    is_true: str  # a boolean column tested true: SQLite's "= 1" lets ix_products_archived answer
    text_order: str  # after a text sort term: PostgreSQL sorts as SQLite's BINARY (code points) in any locale
    unflattened: str  # keeps SQLite from flattening a subquery (see score_sql)


SQLITE = Dialect("sqlite", "MIN", "MAX", "", "+", " = 1", "", " LIMIT -1")
POSTGRESQL = Dialect("postgresql", "LEAST", "GREATEST", "::float8", "", "", ' COLLATE "C"', "")
# A database whose own collation already sorts by code point needs no COLLATE "C", and without it ORDER BY title
# or SKU walks ix_products_title or the SKU's unique index (~2 ms for a first page at 100k SKUs, against ~100 ms
# to sort them all again in "C").
POSTGRESQL_IN_CODE_POINTS = replace(POSTGRESQL, text_order="")
# libc locales that sort by code point: glibc's C.UTF-8 compares code points (2.35+, Debian's long before).
CODE_POINT_LOCALES = frozenset({"C", "POSIX", "C.UTF-8", "C.utf8"})
_DIALECT_INFO = "streamdesk.catalogue_query.dialect"


def dialect_of(conn: Connection) -> Dialect:
    """The spellings for this connection's database; on PostgreSQL asked once per server connection (the
    database's collation, which the planner must see matching an index's to walk it)."""
    if conn.dialect.name != "postgresql":
        return SQLITE
    in_code_points = conn.info.get(_DIALECT_INFO)
    if in_code_points is None:
        # to_jsonb: datlocprovider ('c' libc, 'i' ICU) exists from PostgreSQL 15 on; before, every locale is libc's.
        sql = (
            "SELECT to_jsonb(d) ->> 'datcollate', to_jsonb(d) ->> 'datlocprovider' FROM pg_database d"
            " WHERE d.datname = current_database()"
        )
        collate, provider = cast("tuple[str, str | None]", tuple(_run(conn, sql, {}).one()))
        in_code_points = conn.info[_DIALECT_INFO] = collate in CODE_POINT_LOCALES and provider in (None, "c")
    return POSTGRESQL_IN_CODE_POINTS if in_code_points else POSTGRESQL


@dataclass(frozen=True, slots=True)
class Derived:
    """Derived values, as SQL over the aliases v (variants) and p (products), in one dialect."""

    price: str
    margin: str
    margin_pct: str
    available: str
    part_margin: str
    part_stock: str
    part_sales: str
    archived_products: str
    updated: str

    @staticmethod
    def of(d: Dialect) -> Derived:
        def real(literal: str) -> str:
            return literal + d.real

        price = "COALESCE(v.live_price_minor, v.list_price_minor)"
        # Spelled so the price is evaluated once per row (sorting 100k rows by score pays for every operation).
        # margin_pct() below is its Python twin: the same IEEE operations in the same order, so editor and table
        # show the same figure.
        margin_pct = f"({real('100.0')} - {real('100.0')} * v.cost_minor / NULLIF({price}, 0))"
        # A bundle makes as many sets as its scarcest component allows; components short of stock count as 0.
        available = (
            f"(CASE WHEN v.is_bundle THEN COALESCE((SELECT MIN({d.greatest}(c.on_hand, 0) / b.quantity)"
            " FROM bundle_items b JOIN variants c ON c.id = b.component_id WHERE b.bundle_id = v.id), 0)"
            " ELSE v.on_hand END)"
        )

        def clamped(value: str) -> str:  # between 0 and 1
            return f"{d.least}({d.greatest}({value}, {real('0.0')}), {real('1.0')})"

        return Derived(
            price=price,
            margin=f"({price} - v.cost_minor)",
            margin_pct=margin_pct,
            available=available,
            part_margin=f"COALESCE({clamped(margin_pct + ' / ' + real('60.0'))}, {real('0.0')})",
            part_stock=clamped(f"{available} * {real('1.0')} / {d.greatest}(3 * v.low_stock_threshold, 10)"),
            # The product's score from past shows (core/advice_products.py writes product_scores), 0 without
            # one; ps is SCORES_JOIN, which every statement reading the score adds (FORMATS.md has its cost).
            part_sales=f"COALESCE(ps.score, {real('0.0')})",
            archived_products=f"(SELECT a.id FROM products a WHERE a.archived{d.is_true})",
            updated=f"{d.greatest}(v.updated_at, p.updated_at)",
        )


_DERIVED = {SQLITE.name: Derived.of(SQLITE), POSTGRESQL.name: Derived.of(POSTGRESQL)}


def derived(dialect_name: str) -> Derived:
    """The computed columns in this engine's SQL (shows_store shows a segment's SKUs with the same figures)."""
    return _DERIVED[dialect_name]


# SQLite's spelling, also read by shows_store; MARGIN and MARGIN_PCT must stay identical to the SQL of the
# expression indexes ix_variants_margin and ix_variants_margin_pct (migrations).
PRICE = _DERIVED["sqlite"].price
MARGIN = _DERIVED["sqlite"].margin
MARGIN_PCT = _DERIVED["sqlite"].margin_pct
AVAILABLE = _DERIVED["sqlite"].available
# What part_sales reads. A join, not a scalar subquery per row: sorting 100k SKUs (25k products scored) by score
# took 88 ms so against 109 ms with the subquery, 84 ms before scores were read (a subquery is a subprogram call
# per row; the join one rowid seek on a cursor kept open).
SCORES_JOIN = " LEFT JOIN product_scores ps ON ps.product_id = v.product_id"

# A filtered walk in index order visits at most WALK_SLACK times the rows the share of matches predicts, and
# never more than WALK_CAP (about 25 ms at 100k SKUs): past that a scan plus sort is cheaper.
WALK_SLACK = 2.0
WALK_CAP = 20_000
SAMPLE_ROWS = 1_000
LIKE_ESCAPE = "\\"
_ROLES: dict[str | None, ShowRole] = {role.value: role for role in ShowRole}
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NAMED = re.compile(r"(?<![:\w]):(\w+)")


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> CursorResult[Any]:
    """Run SQL with named (:name) parameters as the driver takes them. Statements here are built per call, so
    SQLAlchemy's text() would parse and cache-key each one again (0.5 ms for a page's hydrate); the engine's
    events still see every statement (tests/bench/bench_search.py replays them). psycopg takes %(name)s, so
    there every literal % is doubled and :name rewritten (casts like 1.0::float8 are left alone)."""
    if conn.dialect.name == "postgresql":
        sql = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
    return conn.exec_driver_sql(sql, params)


def margin_pct(cost_minor: int | None, price_minor: int | None) -> float | None:
    """Margin as a percentage of the selling price, exactly as MARGIN_PCT computes it in SQL."""
    if cost_minor is None or price_minor is None or price_minor == 0:
        return None
    return 100.0 - 100.0 * cost_minor / price_minor


def derive_margin(
    cost_minor: int | None, list_price_minor: int | None, live_price_minor: int | None
) -> tuple[int | None, float | None]:
    """Margin and margin % as the table shows them: live price (else list price) minus cost; None when unknown."""
    price = live_price_minor if live_price_minor is not None else list_price_minor
    if price is None or cost_minor is None:
        return None, None
    return price - cost_minor, margin_pct(cost_minor, price)


@dataclass(frozen=True, slots=True)
class _Query:
    """A filter as SQL: conditions over v with their parameters."""

    dialect: Dialect
    archived: tuple[str, ...]
    narrowing: tuple[str, ...]  # category, role, low stock: conditions that can make a walk in index order long
    params: dict[str, Any]
    index: str | None  # the FTS5 table that finds the text (it drives the query): see text_index()
    text_like: str | None  # the text as a LIKE condition on v.search_text (one row at a time: walks, archived rows)
    low_stock: bool


def normalise_search(raw: str) -> str:
    """What the user typed, the way search_text stores it (trimmed, case-folded)."""
    return raw.strip().casefold()


def fts_literal(query: str) -> str:
    """The query as one FTS5 string (a phrase of trigrams): operators and quotes in it mean nothing."""
    return '"' + query.replace('"', '""') + '"'


def gram_literal(query: str) -> str:
    """A 1-2 character query as the one token variants_fts_grams stores for it: its UTF-8 bytes in hex."""
    return '"' + query.encode("utf-8", "surrogatepass").hex() + '"'


def text_index(query: str) -> tuple[str, str] | None:
    """(FTS5 table, MATCH argument) that finds the SKUs whose search text contains the normalised ``query``."""
    if not query:
        return None
    if len(query) >= 3:
        return "variants_fts", fts_literal(query)
    return "variants_fts_grams", gram_literal(query)


def like_pattern(query: str) -> str:
    escaped = (
        query.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def score_sql(weights: ScoreWeights, *, row_wise: bool, d: Dialect = SQLITE) -> tuple[str, str, dict[str, Any]]:
    """(tags part, total) as SQL, and their parameters. The total is 0..100, 0 when no weight is set.

    Tags live on the product. ``row_wise`` tests p.tags per row (p must be joined), for a page of rows; otherwise
    the set of boosted products is built once per statement, which is what sorting 100k SKUs by score wants: the
    boost tags are tested once per distinct tags value (read from ix_products_tags), not once per product (0.7 ms
    instead of 13 ms at 25k products).
    """
    derived = _DERIVED[d.name]
    params: dict[str, Any] = {
        "w_margin": float(weights.margin),
        "w_stock": float(weights.stock_cover),
        "w_sales": float(weights.past_sales),
        "w_tags": float(weights.tags),
    }
    tags_of = "p.tags" if row_wise else "g.tags"
    listed = f"(',' || {tags_of} || ',')"
    if d.name == "postgresql":  # as SQLite's LIKE: A-Z and a-z alike, every other letter as it is
        listed = f"translate({listed}, '{string.ascii_uppercase}', '{string.ascii_lowercase}')"
    matches = []
    for n, tag in enumerate(t.strip() for t in weights.boost_tags):
        if tag:
            if d.name == "postgresql":
                tag = tag.translate(_ASCII_LOWER)
            params[f"boost_{n}"] = f"%,{like_pattern(tag)[1:-1]},%"
            matches.append(f"{listed} LIKE :boost_{n} ESCAPE '{LIKE_ESCAPE}'")
    one, zero = "1.0" + d.real, "0.0" + d.real
    if not matches:
        part_tags = zero
    elif row_wise:
        part_tags = f"(CASE WHEN {' OR '.join(matches)} THEN {one} ELSE {zero} END)"
    else:
        # LIMIT -1 keeps SQLite from flattening the DISTINCT subquery (or pushing the LIKEs into it), which
        # would test every product again.
        boosted = (
            "(SELECT b.id FROM products b WHERE b.tags IN (SELECT g.tags FROM"
            f" (SELECT DISTINCT tags FROM products WHERE tags != ''{d.unflattened}) AS g WHERE {' OR '.join(matches)}))"
        )
        part_tags = f"(CASE WHEN v.product_id IN {boosted} THEN {one} ELSE {zero} END)"
    weight_sum = weights.margin + weights.stock_cover + weights.past_sales + weights.tags
    if weight_sum <= 0:
        return part_tags, zero, params
    params["w_sum"] = float(weight_sum)
    total = (
        f"({'100.0' + d.real} * (:w_margin * {derived.part_margin} + :w_stock * {derived.part_stock}"
        f" + :w_sales * {derived.part_sales} + :w_tags * {part_tags}) / :w_sum)"
    )
    return part_tags, total, params


def _conditions(filter: CatalogueFilter, d: Dialect = SQLITE) -> _Query:
    params: dict[str, Any] = {}
    archived: tuple[str, ...] = ()
    hidden_products = _DERIVED[d.name].archived_products
    if filter.archived is ArchivedFilter.ACTIVE:
        archived = (f"NOT v.archived AND {d.plus}v.product_id NOT IN {hidden_products}",)
    elif filter.archived is ArchivedFilter.ARCHIVED:
        archived = (f"(v.archived OR {d.plus}v.product_id IN {hidden_products})",)
    # Conditions on the product are sets of product ids (built once per statement through the product
    # indexes), so counting never needs to join products row by row. The unary + keeps them from steering
    # SQLite towards ix_variants_product_archived (see _from).
    narrowing: list[str] = []
    query = normalise_search(filter.text)
    index = text_index(query) if d is SQLITE else None  # PostgreSQL: the LIKE, through ix_variants_search_trgm
    if index is not None:
        params["match"] = index[1]
    text_like = f"v.search_text LIKE :like ESCAPE '{LIKE_ESCAPE}'" if query else None
    if query and d.name == "postgresql" and len(query) < 3:
        # No trigram index answers 1-2 characters: these scan, and say so in words the index cannot take. The
        # statement text then differs from the 3+ character one, so once psycopg prepares them (after 5 runs)
        # PostgreSQL's generic plan for the LIKE cannot be a full trigram index scan for "口" (4x a scan).
        text_like, params["text"] = "strpos(v.search_text, :text) > 0", query
    elif query:
        params["like"] = like_pattern(query)
    if filter.category is not None:
        params["category"] = filter.category
        narrowing.append(f"{d.plus}v.product_id IN (SELECT c.id FROM products c WHERE c.category = :category)")
    if filter.role is not None:
        params["role"] = ShowRole(filter.role).value
        narrowing.append(f"{d.plus}v.product_id IN (SELECT r.id FROM products r WHERE r.role = :role)")
    if filter.low_stock_only:
        narrowing.append(f"{_DERIVED[d.name].available} <= v.low_stock_threshold")
    return _Query(d, archived, tuple(narrowing), params, index[0] if index else None, text_like, filter.low_stock_only)


def _from(q: _Query, *, needs_product: bool, reads_rows: bool) -> tuple[str, list[str]]:
    """FROM clause and its join conditions. With text the FTS match list is the outer loop (SQLite); on
    PostgreSQL the text is one more condition (the planner finds it through ix_variants_search_trgm).

    When every variant row must be read anyway (``reads_rows``), NOT INDEXED: without ANALYZE statistics SQLite
    likes to scan variants through ix_variants_product_archived and then fetch each row at random, slower than
    reading the table (measured 26 ms vs 15 ms at 100k SKUs). Lookups by rowid stay allowed. A bare count
    reads only that index, which is quicker than the table (8 ms vs 16 ms).
    """
    if q.dialect.name == "postgresql":
        tables, conditions = ["variants v"], [q.text_like] if q.text_like else []
    else:
        tables, conditions = ["variants v NOT INDEXED" if reads_rows else "variants v"], []
    if q.index:
        tables.insert(0, q.index)
        conditions += [f"{q.index} MATCH :match", f"v.id = {q.index}.rowid"]
    if needs_product:
        tables.append("products p")
        conditions.append("p.id = v.product_id")
    return " CROSS JOIN ".join(tables), conditions


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def count_rows(conn: Connection, filter: CatalogueFilter) -> int:
    q = _conditions(filter, dialect_of(conn))
    if q.index and not q.narrowing:
        return _count_text(conn, q, filter.archived)
    source, joins = _from(q, needs_product=False, reads_rows=q.low_stock)
    sql = f"SELECT count(*) FROM {source}{_where([*joins, *q.archived, *q.narrowing])}"
    return int(_run(conn, sql, q.params).scalar_one())


def _count_text(conn: Connection, q: _Query, archived: ArchivedFilter) -> int:
    """Count text matches per keystroke, in one statement: every match in its FTS index, minus the hidden
    (archived) matches in the twin index of hidden rows. No statement tests every SKU or every archived SKU.
    """
    everything = f"(SELECT count(*) FROM {q.index} WHERE {q.index} MATCH :match)"
    twin = {"variants_fts": "variants_fts_hidden", "variants_fts_grams": "variants_fts_hidden_grams"}[str(q.index)]
    hidden = f"(SELECT count(*) FROM {twin} WHERE {twin} MATCH :match)"
    counted = {
        ArchivedFilter.ACTIVE: f"{everything} - {hidden}",
        ArchivedFilter.ARCHIVED: hidden,
        ArchivedFilter.ALL: everything,
    }[archived]
    return int(_run(conn, f"SELECT {counted}", q.params).scalar_one())


def _order_terms(key: SortKey, total: str, d: Dialect = SQLITE) -> list[tuple[str, bool]]:
    """(SQL expression, nullable) per sort key; v.id breaks ties so pages never overlap or skip a row."""
    derived, text = _DERIVED[d.name], d.text_order
    terms: dict[SortKey, list[tuple[str, bool]]] = {
        SortKey.TITLE: [(f"p.title{text}", False)],
        SortKey.SKU: [(f"v.sku_code{text}", False)],
        SortKey.CATEGORY: [(f"p.category{text}", False), (f"p.title{text}", False)],
        SortKey.COST: [("v.cost_minor", True)],
        SortKey.LIST_PRICE: [("v.list_price_minor", True)],
        SortKey.LIVE_PRICE: [("v.live_price_minor", True)],
        SortKey.MARGIN: [(derived.margin, True)],
        SortKey.MARGIN_PCT: [(derived.margin_pct, True)],
        SortKey.STOCK: [(derived.available, False)],
        SortKey.SCORE: [(total, False)],
        SortKey.UPDATED: [(derived.updated, False)],
    }
    chosen = terms[key]
    return chosen if key is SortKey.SKU else [*chosen, ("v.id", False)]  # SKU codes are unique already


def _order_by(terms: Sequence[tuple[str, bool]], descending: bool, d: Dialect = SQLITE) -> str:
    """Unknown amounts go last in both directions. PostgreSQL says so (NULLS LAST, which its btree indexes
    can give); SQLite (NULLs first ascending, last descending) sorts on "is it unknown" first."""
    direction = " DESC" if descending else ""
    parts = []
    for expression, nullable in terms:
        if nullable and d.name == "postgresql":
            parts.append(f"{expression}{direction} NULLS LAST")
            continue
        if nullable:
            parts.append(f"({expression}) IS NULL")
        parts.append(f"{expression}{direction}")
    return " ORDER BY " + ", ".join(parts)


def _known_first(expression: str) -> tuple[str, list[str], list[str], bool]:
    return "variants v", [f"{expression} IS NOT NULL"], [expression, "v.id"], False


# Sort keys whose order an index gives: (FROM, conditions, ORDER BY terms, whether the walk reaches every row).
# Amounts walk their known values only (ix_variants_cost_minor ... and the expression indexes ix_variants_margin
# and ix_variants_margin_pct, whose SQL must stay identical to MARGIN and MARGIN_PCT): unknown amounts sort
# last in both directions, so a page that reaches them falls back to scan plus sort.
WALKS: dict[SortKey, tuple[str, list[str], list[str], bool]] = {
    SortKey.TITLE: ("products p CROSS JOIN variants v", ["v.product_id = p.id"], ["p.title", "v.id"], True),
    SortKey.SKU: ("variants v", [], ["v.sku_code"], True),
    SortKey.COST: _known_first("v.cost_minor"),
    SortKey.LIST_PRICE: _known_first("v.list_price_minor"),
    SortKey.LIVE_PRICE: _known_first("v.live_price_minor"),
    SortKey.MARGIN: _known_first(MARGIN),
    SortKey.MARGIN_PCT: _known_first(MARGIN_PCT),
}


def page_ids(
    conn: Connection, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int, weights: ScoreWeights
) -> list[int]:
    """The variant ids of one page, in order."""
    return page_ids_and_count(conn, filter, sort, offset, limit, weights)[0]


def page_ids_and_count(
    conn: Connection, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int, weights: ScoreWeights
) -> tuple[list[int], int | None]:
    """The variant ids of one page, in order, and on PostgreSQL with text how many rows match, counted by the
    same scan (count(*) OVER (): a 1-2 character query reads every SKU, and reading them once for the page and
    again for the count doubled the keystroke). None when count_rows must say: on SQLite (its FTS indexes count
    in a few milliseconds), without text, and for a page past the last row."""
    if limit <= 0:
        return [], None
    offset = max(offset, 0)
    d = dialect_of(conn)
    q = _conditions(filter, d)
    if sort.key in WALKS and d is SQLITE:  # PostgreSQL's planner walks an index in order when that pays
        walked = _walk(conn, q, sort, offset, limit)
        if walked is not None:
            return walked, None
    _, total, score_params = score_sql(weights, row_wise=False, d=d)
    needs_product = sort.key in (SortKey.TITLE, SortKey.CATEGORY, SortKey.UPDATED)
    source, joins = _from(q, needs_product=needs_product, reads_rows=True)
    if sort.key is SortKey.SCORE:
        source += SCORES_JOIN
    terms = _order_terms(sort.key, total, d)
    where = _where([*joins, *q.archived, *q.narrowing])
    counted = d.name == "postgresql" and q.text_like is not None
    if counted:
        # With text the page reads every match anyway (to sort them), so the same read counts them. The window
        # sits in a subquery without ORDER BY, which PostgreSQL plans for reading everything: before 17 its
        # planner costs count(*) OVER () as if a LIMIT above could stop it early, and would walk the title index
        # through all 100k SKUs (650 ms for "s") instead of scanning and sorting. Without text the planner may
        # walk an index and stop after one page; count_rows' count is then cheaper than a window over every SKU.
        # The sort keys travel as columns of the subquery (o0, o1, …; COLLATE "C" goes with them).
        keys = ", ".join(f"{expression} AS o{n}" for n, (expression, _) in enumerate(terms))
        sql = (
            f"SELECT m.id, m.matches FROM (SELECT v.id AS id, count(*) OVER () AS matches, {keys} FROM {source}{where})"
            f" AS m{_order_by([(f'm.o{n}', nullable) for n, (_, nullable) in enumerate(terms)], sort.descending, d)}"
            " LIMIT :limit OFFSET :offset"
        )
    else:
        sql = f"SELECT v.id FROM {source}{where}{_order_by(terms, sort.descending, d)} LIMIT :limit OFFSET :offset"
    params = {**q.params, **score_params, "limit": limit, "offset": offset}
    rows = cast("Sequence[tuple[Any, ...]]", _run(conn, sql, params).all())
    count = int(rows[0][1]) if counted and rows else None
    return [int(row[0]) for row in rows], count


def _walk(conn: Connection, q: _Query, sort: CatalogueSort, offset: int, limit: int) -> list[int] | None:
    """Walk the sort key's index in order (see WALKS); None when a scan plus sort is the better answer."""
    direction = " DESC" if sort.descending else ""
    source, conditions, terms, every_row = WALKS[sort.key]
    order = ", ".join(term + direction for term in terms)
    walk = f"SELECT v.id AS id FROM {source}{_where([*conditions, *q.archived])} ORDER BY {order}"
    params = {**q.params, "limit": limit, "offset": offset}
    narrowing = [*([q.text_like] if q.text_like else []), *q.narrowing]
    if not narrowing:
        rows = [int(row[0]) for row in _run(conn, f"{walk} LIMIT :limit OFFSET :offset", params)]
        return rows if every_row or len(rows) == limit else None  # a short page may need the unknown amounts
    budget = _walk_budget(conn, q, narrowing, params, offset + limit)
    if budget is None:
        return None
    # The first `budget` rows in sort order, then the narrowing conditions. If a full page comes out, it is
    # exactly the page the unbounded query gives: every row past the budget sorts after all of them.
    # The outer query has no ORDER BY on purpose: w is then a co-routine that SQLite steps in its own order and
    # stops once the page is full; an outer sort would make it read the whole budget first.
    sql = (
        f"SELECT w.id FROM ({walk} LIMIT :budget) AS w CROSS JOIN variants v"
        f"{_where(['v.id = w.id', *narrowing])} LIMIT :limit OFFSET :offset"
    )
    found = [int(row[0]) for row in _run(conn, sql, {**params, "budget": budget})]
    return found if len(found) == limit else None


def _walk_budget(
    conn: Connection, q: _Query, narrowing: Sequence[str], params: dict[str, Any], needed: int
) -> int | None:
    """How many rows a walk may visit: WALK_SLACK times what the share of matches among the first SAMPLE_ROWS
    variants predicts; None when that passes WALK_CAP (a scan plus sort is cheaper then), or, with text, when
    the FTS index would hand over fewer rows than the walk visits.

    The slack is there because matches cluster in sort order (every "连衣裙" title sorts together): at 100k
    generated SKUs the 500th match of a 7.7 % query came after 10,115 rows, where an even spread puts it at 6,500.
    """
    sql = (
        f"SELECT coalesce(sum(CASE WHEN {' AND '.join(narrowing)} THEN 1 ELSE 0 END), 0), count(*),"
        " (SELECT max(id) FROM variants)"
        f" FROM (SELECT id FROM variants ORDER BY id LIMIT {SAMPLE_ROWS}) AS s CROSS JOIN variants v WHERE v.id = s.id"
    )
    hits, sampled, rows = (int(n or 0) for n in _run(conn, sql, params).one())
    if hits == 0:
        return None
    budget = math.ceil(WALK_SLACK * needed * sampled / hits)
    if budget > WALK_CAP or (q.index and budget * sampled > hits * rows):
        return None
    return budget


def hydrate(conn: Connection, variant_ids: Sequence[int], weights: ScoreWeights) -> list[CatalogueRow]:
    """Full rows for these variant ids, in the order given (ids that do not exist are left out).

    The ids travel as one JSON array (SQLite) or one integer array (PostgreSQL): one statement text whatever
    their number (an export may ask for every row; SQLite takes at most 32,766 parameters), and SQL hands the
    rows back in the order given.
    """
    if not variant_ids:
        return []
    d = dialect_of(conn)
    derived = _DERIVED[d.name]
    part_tags, total, params = score_sql(weights, row_wise=True, d=d)
    ids = [int(i) for i in variant_ids]
    if d.name == "postgresql":
        given, params["ids"] = "unnest(CAST(:ids AS INTEGER[])) WITH ORDINALITY AS j (value, key)", ids
    else:
        given, params["ids"] = "json_each(:ids) AS j", json.dumps(ids)
    sql = (
        "SELECT v.id, v.product_id, p.title, p.alt_title, v.spec_label, v.sku_code, v.barcode, p.category, p.tags,"
        " p.role, COALESCE(s.name, ''), v.currency, v.cost_minor, v.list_price_minor, v.live_price_minor,"
        f" {derived.margin}, {derived.margin_pct}, {derived.available}, v.low_stock_threshold, v.is_bundle,"
        " (v.archived OR p.archived), COALESCE((SELECT i.file_name FROM product_images i WHERE i.product_id = p.id"
        f" ORDER BY i.position LIMIT 1), ''), {derived.part_margin}, {derived.part_stock}, {derived.part_sales},"
        f" {part_tags}, {total} FROM {given} CROSS JOIN variants v CROSS JOIN products p LEFT JOIN suppliers s"
        f" ON s.id = p.supplier_id{SCORES_JOIN} WHERE v.id = j.value AND p.id = v.product_id ORDER BY j.key"
    )
    found = cast("Sequence[tuple[Any, ...]]", _run(conn, sql, params).all())
    tag_tuples: dict[str, tuple[str, ...]] = {}  # the SKUs of a product share its tags

    def tags_of(tags: str) -> tuple[str, ...]:
        parsed = tag_tuples.get(tags)
        if parsed is None:
            parsed = tag_tuples[tags] = tuple(t for t in tags.split(",") if t)
        return parsed

    # Positional, in CatalogueRow's field order: a page builds 500 of them per keystroke, and keywords cost
    # a third more (test_catalogue_query checks every field of hydrated rows by name).
    return [
        CatalogueRow(
            variant_id,
            product_id,
            title,
            alt_title,
            spec_label,
            sku_code,
            barcode,
            category,
            tags_of(tags),
            _ROLES.get(role),
            supplier,
            currency,
            cost,
            list_price,
            live_price,
            margin,
            None if margin_pct is None else float(margin_pct),
            on_hand,
            threshold,
            on_hand <= threshold,
            bool(is_bundle),
            bool(archived),
            thumbnail,
            ScoreParts(float(s_margin), float(s_stock), float(s_sales), float(s_tags), float(s_total)),
        )
        for (
            variant_id,
            product_id,
            title,
            alt_title,
            spec_label,
            sku_code,
            barcode,
            category,
            tags,
            role,
            supplier,
            currency,
            cost,
            list_price,
            live_price,
            margin,
            margin_pct,
            on_hand,
            threshold,
            is_bundle,
            archived,
            thumbnail,
            s_margin,
            s_stock,
            s_sales,
            s_tags,
            s_total,
        ) in found
    ]
