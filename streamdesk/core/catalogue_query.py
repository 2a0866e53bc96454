"""The catalogue table's SQL: filtering, sorting, paging and the selection score, all inside SQLite.

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

The SQL is SQLite's (FTS5, scalar MIN/MAX, CROSS JOIN ordering, INDEXED BY); team mode on PostgreSQL needs
its own variant of this module (pg_trgm, LEAST/GREATEST).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
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

# --- derived values, as SQL over the aliases v (variants) and p (products) ------------------------------------
PRICE = "COALESCE(v.live_price_minor, v.list_price_minor)"
MARGIN = f"({PRICE} - v.cost_minor)"
# Spelled so PRICE is evaluated once per row (sorting 100k rows by score pays for every operation). margin_pct()
# below is its Python twin: the same IEEE operations in the same order, so editor and table show the same figure.
MARGIN_PCT = f"(100.0 - 100.0 * v.cost_minor / NULLIF({PRICE}, 0))"
# A bundle makes as many sets as its scarcest component allows; components short of stock count as 0.
AVAILABLE = (
    "(CASE WHEN v.is_bundle THEN COALESCE((SELECT MIN(MAX(c.on_hand, 0) / b.quantity) FROM bundle_items b"
    " JOIN variants c ON c.id = b.component_id WHERE b.bundle_id = v.id), 0) ELSE v.on_hand END)"
)
PART_MARGIN = f"COALESCE(MIN(MAX({MARGIN_PCT} / 60.0, 0.0), 1.0), 0.0)"
PART_STOCK = f"MIN(MAX({AVAILABLE} * 1.0 / MAX(3 * v.low_stock_threshold, 10), 0.0), 1.0)"
PART_SALES = "0.0"  # no orders yet (issue 5 adds them)
ARCHIVED_PRODUCTS = "(SELECT a.id FROM products a WHERE a.archived = 1)"  # "= 1" lets ix_products_archived answer

# A filtered walk in index order visits at most WALK_SLACK times the rows the share of matches predicts, and
# never more than WALK_CAP (about 25 ms at 100k SKUs): past that a scan plus sort is cheaper.
WALK_SLACK = 2.0
WALK_CAP = 20_000
SAMPLE_ROWS = 1_000
LIKE_ESCAPE = "\\"
_ROLES: dict[str | None, ShowRole] = {role.value: role for role in ShowRole}


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> CursorResult[Any]:
    """Run SQL with named (:name) parameters as the driver takes them. Statements here are built per call, so
    SQLAlchemy's text() would parse and cache-key each one again (0.5 ms for a page's hydrate); the engine's
    events still see every statement (tests/bench/bench_search.py replays them)."""
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


def score_sql(weights: ScoreWeights, *, row_wise: bool) -> tuple[str, str, dict[str, Any]]:
    """(tags part, total) as SQL, and their parameters. The total is 0..100, 0 when no weight is set.

    Tags live on the product. ``row_wise`` tests p.tags per row (p must be joined), for a page of rows; otherwise
    the set of boosted products is built once per statement, which is what sorting 100k SKUs by score wants: the
    boost tags are tested once per distinct tags value (read from ix_products_tags), not once per product (0.7 ms
    instead of 13 ms at 25k products).
    """
    params: dict[str, Any] = {
        "w_margin": float(weights.margin),
        "w_stock": float(weights.stock_cover),
        "w_sales": float(weights.past_sales),
        "w_tags": float(weights.tags),
    }
    tags_of = "p.tags" if row_wise else "g.tags"
    matches = []
    for n, tag in enumerate(t.strip() for t in weights.boost_tags):
        if tag:
            params[f"boost_{n}"] = f"%,{like_pattern(tag)[1:-1]},%"
            matches.append(f"(',' || {tags_of} || ',') LIKE :boost_{n} ESCAPE '{LIKE_ESCAPE}'")
    if not matches:
        part_tags = "0.0"
    elif row_wise:
        part_tags = f"(CASE WHEN {' OR '.join(matches)} THEN 1.0 ELSE 0.0 END)"
    else:
        # LIMIT -1 keeps SQLite from flattening the DISTINCT subquery (or pushing the LIKEs into it), which
        # would test every product again.
        boosted = (
            "(SELECT b.id FROM products b WHERE b.tags IN (SELECT g.tags FROM"
            f" (SELECT DISTINCT tags FROM products WHERE tags != '' LIMIT -1) AS g WHERE {' OR '.join(matches)}))"
        )
        part_tags = f"(CASE WHEN v.product_id IN {boosted} THEN 1.0 ELSE 0.0 END)"
    weight_sum = weights.margin + weights.stock_cover + weights.past_sales + weights.tags
    if weight_sum <= 0:
        return part_tags, "0.0", params
    params["w_sum"] = float(weight_sum)
    total = (
        f"(100.0 * (:w_margin * {PART_MARGIN} + :w_stock * {PART_STOCK} + :w_sales * {PART_SALES}"
        f" + :w_tags * {part_tags}) / :w_sum)"
    )
    return part_tags, total, params


def _conditions(filter: CatalogueFilter) -> _Query:
    params: dict[str, Any] = {}
    archived: tuple[str, ...] = ()
    if filter.archived is ArchivedFilter.ACTIVE:
        archived = (f"NOT v.archived AND +v.product_id NOT IN {ARCHIVED_PRODUCTS}",)
    elif filter.archived is ArchivedFilter.ARCHIVED:
        archived = (f"(v.archived OR +v.product_id IN {ARCHIVED_PRODUCTS})",)
    # Conditions on the product are sets of product ids (built once per statement through the product
    # indexes), so counting never needs to join products row by row. The unary + keeps them from steering
    # SQLite towards ix_variants_product_archived (see _from).
    narrowing: list[str] = []
    query = normalise_search(filter.text)
    index = text_index(query)
    if index is not None:
        params["match"] = index[1]
        params["like"] = like_pattern(query)
    if filter.category is not None:
        params["category"] = filter.category
        narrowing.append("+v.product_id IN (SELECT c.id FROM products c WHERE c.category = :category)")
    if filter.role is not None:
        params["role"] = ShowRole(filter.role).value
        narrowing.append("+v.product_id IN (SELECT r.id FROM products r WHERE r.role = :role)")
    if filter.low_stock_only:
        narrowing.append(f"{AVAILABLE} <= v.low_stock_threshold")
    text_like = f"v.search_text LIKE :like ESCAPE '{LIKE_ESCAPE}'" if query else None
    return _Query(archived, tuple(narrowing), params, index[0] if index else None, text_like, filter.low_stock_only)


def _from(q: _Query, *, needs_product: bool, reads_rows: bool) -> tuple[str, list[str]]:
    """FROM clause and its join conditions. With text the FTS match list is the outer loop.

    When every variant row must be read anyway (``reads_rows``), NOT INDEXED: without ANALYZE statistics SQLite
    likes to scan variants through ix_variants_product_archived and then fetch each row at random, slower than
    reading the table (measured 26 ms vs 15 ms at 100k SKUs). Lookups by rowid stay allowed. A bare count
    reads only that index, which is quicker than the table (8 ms vs 16 ms).
    """
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
    q = _conditions(filter)
    if q.text_like and not q.narrowing:
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


def _order_terms(key: SortKey, total: str) -> list[tuple[str, bool]]:
    """(SQL expression, nullable) per sort key; v.id breaks ties so pages never overlap or skip a row."""
    terms: dict[SortKey, list[tuple[str, bool]]] = {
        SortKey.TITLE: [("p.title", False)],
        SortKey.SKU: [("v.sku_code", False)],
        SortKey.CATEGORY: [("p.category", False), ("p.title", False)],
        SortKey.COST: [("v.cost_minor", True)],
        SortKey.LIST_PRICE: [("v.list_price_minor", True)],
        SortKey.LIVE_PRICE: [("v.live_price_minor", True)],
        SortKey.MARGIN: [(MARGIN, True)],
        SortKey.MARGIN_PCT: [(MARGIN_PCT, True)],
        SortKey.STOCK: [(AVAILABLE, False)],
        SortKey.SCORE: [(total, False)],
        SortKey.UPDATED: [("MAX(v.updated_at, p.updated_at)", False)],
    }
    chosen = terms[key]
    return chosen if key is SortKey.SKU else [*chosen, ("v.id", False)]  # SKU codes are unique already


def _order_by(terms: Sequence[tuple[str, bool]], descending: bool) -> str:
    direction = " DESC" if descending else ""
    parts = []
    for expression, nullable in terms:
        if nullable:  # unknown amounts go last in both directions
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
    if limit <= 0:
        return []
    offset = max(offset, 0)
    q = _conditions(filter)
    if sort.key in WALKS:
        walked = _walk(conn, q, sort, offset, limit)
        if walked is not None:
            return walked
    _, total, score_params = score_sql(weights, row_wise=False)
    needs_product = sort.key in (SortKey.TITLE, SortKey.CATEGORY, SortKey.UPDATED)
    source, joins = _from(q, needs_product=needs_product, reads_rows=True)
    sql = (
        f"SELECT v.id FROM {source}{_where([*joins, *q.archived, *q.narrowing])}"
        f"{_order_by(_order_terms(sort.key, total), sort.descending)} LIMIT :limit OFFSET :offset"
    )
    params = {**q.params, **score_params, "limit": limit, "offset": offset}
    return [int(row[0]) for row in _run(conn, sql, params)]


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

    The ids travel as one JSON array: one statement text whatever their number (an export may ask for every
    row; SQLite takes at most 32,766 parameters), and SQL hands the rows back in the order given.
    """
    if not variant_ids:
        return []
    part_tags, total, params = score_sql(weights, row_wise=True)
    sql = (
        "SELECT v.id, v.product_id, p.title, p.alt_title, v.spec_label, v.sku_code, v.barcode, p.category, p.tags,"
        " p.role, COALESCE(s.name, ''), v.currency, v.cost_minor, v.list_price_minor, v.live_price_minor,"
        f" {MARGIN}, {MARGIN_PCT}, {AVAILABLE}, v.low_stock_threshold, v.is_bundle, (v.archived OR p.archived),"
        " COALESCE((SELECT i.file_name FROM product_images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1),"
        f" ''), {PART_MARGIN}, {PART_STOCK}, {PART_SALES}, {part_tags}, {total}"
        " FROM json_each(:ids) AS j CROSS JOIN variants v CROSS JOIN products p LEFT JOIN suppliers s"
        " ON s.id = p.supplier_id WHERE v.id = j.value AND p.id = v.product_id ORDER BY j.key"
    )
    found = cast(
        "Sequence[tuple[Any, ...]]", _run(conn, sql, {**params, "ids": json.dumps([int(i) for i in variant_ids])}).all()
    )
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
