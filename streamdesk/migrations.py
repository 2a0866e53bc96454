"""Ordered, append-only schema steps. SCHEMA_VERSION = len(STEPS) is the only source of the version number.

A shipped step is never edited and never imports models: models describe today's schema, a step must keep
working on the schema it was written for. Each step runs in its own transaction together with its version bump.
SQLite-only objects (FTS tables, triggers) sit behind a dialect check so team mode on PostgreSQL can run the same steps.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

Step = Callable[[Connection], None]


def _run(conn: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(text(statement))


def _0001_catalogue(conn: Connection) -> None:
    """v0 → v1: schema_info and the product catalogue with its stock ledger."""
    _run(
        conn,
        """
CREATE TABLE schema_info (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO schema_info (id, version) VALUES (1, 0);

CREATE TABLE suppliers (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    contact VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_suppliers_name ON suppliers (name);

CREATE TABLE products (
    id INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    alt_title VARCHAR NOT NULL,
    brand VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    tags VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    selling_points VARCHAR NOT NULL,
    talking_points VARCHAR NOT NULL,
    faq VARCHAR NOT NULL,
    compliance_notes VARCHAR NOT NULL,
    supplier_id INTEGER,
    ship_from_region VARCHAR NOT NULL,
    ship_cycle_days INTEGER,
    restock_lead_days INTEGER,
    role VARCHAR(32),
    archived BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(supplier_id) REFERENCES suppliers (id)
);
CREATE INDEX ix_products_category ON products (category);
CREATE INDEX ix_products_tags ON products (tags);
CREATE INDEX ix_products_title ON products (title);
CREATE INDEX ix_products_archived ON products (archived);
CREATE INDEX ix_products_supplier_id ON products (supplier_id);

CREATE TABLE product_images (
    id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (product_id, position),
    FOREIGN KEY(product_id) REFERENCES products (id)
);
CREATE INDEX ix_product_images_product_id ON product_images (product_id);

CREATE TABLE variants (
    id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    sku_code VARCHAR NOT NULL,
    barcode VARCHAR NOT NULL,
    spec VARCHAR NOT NULL,
    spec_label VARCHAR NOT NULL,
    currency VARCHAR NOT NULL,
    cost_minor INTEGER,
    list_price_minor INTEGER,
    live_price_minor INTEGER,
    low_stock_threshold INTEGER NOT NULL,
    on_hand INTEGER NOT NULL,
    is_bundle BOOLEAN NOT NULL,
    archived BOOLEAN NOT NULL,
    search_text VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(product_id) REFERENCES products (id),
    UNIQUE (sku_code)
);
CREATE INDEX ix_variants_product_archived ON variants (product_id, archived);
CREATE INDEX ix_variants_barcode ON variants (barcode);
CREATE INDEX ix_variants_archived ON variants (archived);
CREATE INDEX ix_variants_cost_minor ON variants (cost_minor);
CREATE INDEX ix_variants_list_price_minor ON variants (list_price_minor);
CREATE INDEX ix_variants_live_price_minor ON variants (live_price_minor);
CREATE INDEX ix_variants_margin ON variants ((COALESCE(live_price_minor, list_price_minor) - cost_minor));
CREATE INDEX ix_variants_margin_pct ON variants
    ((100.0 - 100.0 * cost_minor / NULLIF(COALESCE(live_price_minor, list_price_minor), 0)));

CREATE TABLE bundle_items (
    id INTEGER NOT NULL,
    bundle_id INTEGER NOT NULL,
    component_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (bundle_id, component_id),
    FOREIGN KEY(bundle_id) REFERENCES variants (id),
    FOREIGN KEY(component_id) REFERENCES variants (id)
);
CREATE INDEX ix_bundle_items_bundle_id ON bundle_items (bundle_id);
CREATE INDEX ix_bundle_items_component_id ON bundle_items (component_id);

CREATE TABLE stock_moves (
    id INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    reason VARCHAR(32) NOT NULL,
    note VARCHAR NOT NULL,
    reference VARCHAR NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(variant_id) REFERENCES variants (id)
);
CREATE INDEX ix_stock_moves_variant_id ON stock_moves (variant_id)
""",
    )
    if conn.dialect.name == "sqlite":
        # Substring search over 100k SKUs: a trigram index answers 3+ character queries in ~1 ms where a
        # LIKE scan takes 10-60 ms. A trigram index cannot answer 1-2 characters (two Chinese characters are
        # a common query), so a second index holds every 1- and 2-character piece of each search text; two more
        # index the hidden (archived) rows only. All four are kept by the triggers below.
        for statement in _VARIANTS_FTS:
            conn.execute(text(statement))


def _grams(column: str) -> str:
    """SQL for the search index of 1-2 character queries: every character and every pair of neighbouring
    characters of ``column``, each hex-encoded (UTF-8) into one plain ASCII token, separated by spaces.

    Hex makes every piece (punctuation and spaces included) exactly one token of the ascii tokenizer, so a
    query of 1-2 characters is one exact token lookup. A trigger cannot use WITH, so the positions
    1..length come from json_each over a JSON array of that many zeros (built from zeroblob).
    """
    return (
        f"(SELECT group_concat(hex(substr({column}, n.key + 1, 1)) || ' ' || hex(substr({column}, n.key + 1, 2)), ' ')"
        f" FROM json_each('[' || substr(replace(hex(zeroblob(length({column}))), '00', ',0'), 2) || ']') AS n)"
    )


def _hidden(row: str) -> str:
    """SQL: is this variant row (``new``/``old``) hidden from the active list (it or its product archived)?"""
    return f"({row}.archived OR (SELECT p.archived FROM products p WHERE p.id = {row}.product_id))"


def _text_changed(statement: str) -> str:
    return f"{statement} WHERE old.search_text IS NOT new.search_text; "


_TRIGRAM_ADD = "INSERT INTO variants_fts (rowid, search_text) SELECT new.id, new.search_text"
_TRIGRAM_DROP = "INSERT INTO variants_fts (variants_fts, rowid, search_text) SELECT 'delete', old.id, old.search_text"
_GRAMS_ADD = f"INSERT INTO variants_fts_grams (rowid, grams) SELECT new.id, {_grams('new.search_text')}"
_GRAMS_DROP = (
    "INSERT INTO variants_fts_grams (variants_fts_grams, rowid, grams)"
    f" SELECT 'delete', old.id, {_grams('old.search_text')}"
)
_HIDDEN_ADD = (
    f"INSERT INTO variants_fts_hidden (rowid, search_text) SELECT new.id, new.search_text WHERE {_hidden('new')}; "
    f"INSERT INTO variants_fts_hidden_grams (rowid, grams) SELECT new.id, {_grams('new.search_text')}"
    f" WHERE {_hidden('new')}; "
)
_HIDDEN_DROP = (
    "INSERT INTO variants_fts_hidden (variants_fts_hidden, rowid, search_text)"
    f" SELECT 'delete', old.id, old.search_text WHERE {_hidden('old')}; "
    "INSERT INTO variants_fts_hidden_grams (variants_fts_hidden_grams, rowid, grams)"
    f" SELECT 'delete', old.id, {_grams('old.search_text')} WHERE {_hidden('old')}; "
)
# Archiving a product hides its variants that are not archived themselves (and un-archiving shows them).
_PRODUCT_VARIANTS = "FROM variants v WHERE v.product_id = new.id AND NOT v.archived"
_PRODUCT_HIDES = (
    f"INSERT INTO variants_fts_hidden (rowid, search_text) SELECT v.id, v.search_text {_PRODUCT_VARIANTS}"
    " AND new.archived; "
    f"INSERT INTO variants_fts_hidden_grams (rowid, grams) SELECT v.id, {_grams('v.search_text')} {_PRODUCT_VARIANTS}"
    " AND new.archived; "
    "INSERT INTO variants_fts_hidden (variants_fts_hidden, rowid, search_text)"
    f" SELECT 'delete', v.id, v.search_text {_PRODUCT_VARIANTS} AND NOT new.archived; "
    "INSERT INTO variants_fts_hidden_grams (variants_fts_hidden_grams, rowid, grams)"
    f" SELECT 'delete', v.id, {_grams('v.search_text')} {_PRODUCT_VARIANTS} AND NOT new.archived; "
)
_VARIANTS_FTS = (
    "CREATE VIRTUAL TABLE variants_fts USING fts5("
    "search_text, content='variants', content_rowid='id', tokenize='trigram')",
    # Contentless (the tokens are derived, the text is in variants), rowids only (detail=none, columnsize=0):
    # about 8 MB at 100k SKUs, and counting the 100,000 rows of a 1-character match takes ~3 ms.
    "CREATE VIRTUAL TABLE variants_fts_grams USING fts5("
    "grams, content='', detail=none, columnsize=0, tokenize='ascii')",
    # Both again for hidden rows only (archived, or of an archived product): counting the active matches then
    # subtracts one index count instead of testing every archived row (15 ms with 20k of 100k SKUs archived).
    "CREATE VIRTUAL TABLE variants_fts_hidden USING fts5(search_text, content='', columnsize=0, tokenize='trigram')",
    "CREATE VIRTUAL TABLE variants_fts_hidden_grams USING fts5("
    "grams, content='', detail=none, columnsize=0, tokenize='ascii')",
    f"CREATE TRIGGER variants_fts_insert AFTER INSERT ON variants BEGIN {_TRIGRAM_ADD}; {_GRAMS_ADD}; {_HIDDEN_ADD}END",
    f"CREATE TRIGGER variants_fts_delete AFTER DELETE ON variants BEGIN {_TRIGRAM_DROP}; {_GRAMS_DROP}; {_HIDDEN_DROP}END",
    "CREATE TRIGGER variants_fts_update AFTER UPDATE OF search_text, archived, product_id ON variants BEGIN "
    f"{_text_changed(_TRIGRAM_DROP)}{_text_changed(_TRIGRAM_ADD)}{_text_changed(_GRAMS_DROP)}"
    f"{_text_changed(_GRAMS_ADD)}{_HIDDEN_DROP}{_HIDDEN_ADD}END",
    "CREATE TRIGGER products_search_hidden AFTER UPDATE OF archived ON products"
    f" WHEN old.archived IS NOT new.archived BEGIN {_PRODUCT_HIDES}END",
)


def _0002_shows(conn: Connection) -> None:
    """v1 → v2: shows with their people, promotions, budget and SKU targets; rundown segments and their products;
    live-timer runs and their append-only event log."""
    _run(
        conn,
        """
CREATE TABLE shows (
    id INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    theme VARCHAR NOT NULL,
    platforms VARCHAR NOT NULL,
    planned_start DATETIME,
    planned_seconds INTEGER NOT NULL,
    status VARCHAR(32) NOT NULL,
    currency VARCHAR NOT NULL,
    target_gmv_minor INTEGER,
    target_orders INTEGER,
    target_followers INTEGER,
    notes VARCHAR NOT NULL,
    is_template BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_shows_is_template ON shows (is_template);
CREATE INDEX ix_shows_planned_start ON shows (planned_start);
CREATE INDEX ix_shows_status ON shows (status);

CREATE TABLE show_people (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR(32) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_show_people_show_id ON show_people (show_id);

CREATE TABLE show_promotions (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    rule VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_show_promotions_show_id ON show_promotions (show_id);

CREATE TABLE show_budget_lines (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    kind VARCHAR(32) NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_show_budget_lines_show_id ON show_budget_lines (show_id);

CREATE TABLE show_sku_targets (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (show_id, variant_id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(variant_id) REFERENCES variants (id)
);
CREATE INDEX ix_show_sku_targets_show_id ON show_sku_targets (show_id);
CREATE INDEX ix_show_sku_targets_variant_id ON show_sku_targets (variant_id);

CREATE TABLE segments (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    title VARCHAR NOT NULL,
    planned_seconds INTEGER NOT NULL,
    fixed_start DATETIME,
    talking_points VARCHAR NOT NULL,
    promotion_cue VARCHAR NOT NULL,
    warn_seconds INTEGER NOT NULL,
    danger_seconds INTEGER NOT NULL,
    flash_sale_seconds INTEGER,
    notes VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_segments_show_position ON segments (show_id, position);

CREATE TABLE segment_products (
    id INTEGER NOT NULL,
    segment_id INTEGER NOT NULL,
    variant_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (segment_id, variant_id),
    FOREIGN KEY(segment_id) REFERENCES segments (id),
    FOREIGN KEY(variant_id) REFERENCES variants (id)
);
CREATE INDEX ix_segment_products_segment_id ON segment_products (segment_id);
CREATE INDEX ix_segment_products_variant_id ON segment_products (variant_id);

CREATE TABLE show_runs (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    segments_json VARCHAR NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_show_runs_show_id ON show_runs (show_id);

CREATE TABLE timer_events (
    id INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    at FLOAT NOT NULL,
    segment INTEGER,
    seconds INTEGER NOT NULL,
    recorded_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (run_id, seq),
    FOREIGN KEY(run_id) REFERENCES show_runs (id)
);
CREATE INDEX ix_timer_events_run_id ON timer_events (run_id)
""",
    )


def _0003_orders(conn: Connection) -> None:
    """v2 → v3: customers and addresses, order imports, orders and lines (each line's stock effect is one stock move),
    shipments, after-sales cases, the live waitlist, lucky draws, SKU aliases and saved column mappings."""
    _run(
        conn,
        """
CREATE TABLE customers (
    id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    nickname VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    phone VARCHAR NOT NULL,
    tags VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    pii_masked BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (platform, nickname)
);
CREATE INDEX ix_customers_nickname ON customers (nickname);

CREATE TABLE customer_addresses (
    id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    recipient VARCHAR NOT NULL,
    phone VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    district VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    postcode VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    last_used_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(customer_id) REFERENCES customers (id)
);
CREATE INDEX ix_customer_addresses_customer_id ON customer_addresses (customer_id);

CREATE TABLE import_batches (
    id INTEGER NOT NULL,
    preset VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    encoding VARCHAR NOT NULL,
    show_id INTEGER,
    orders_added INTEGER NOT NULL,
    orders_updated INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    skipped_json VARCHAR NOT NULL,
    imported_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_import_batches_show_id ON import_batches (show_id);

CREATE TABLE orders (
    id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    order_no VARCHAR NOT NULL,
    source VARCHAR(32) NOT NULL,
    status VARCHAR(32) NOT NULL,
    raw_status VARCHAR NOT NULL,
    needs_review BOOLEAN NOT NULL,
    customer_id INTEGER,
    show_id INTEGER,
    segment_id INTEGER,
    import_batch_id INTEGER,
    currency VARCHAR NOT NULL,
    goods_minor INTEGER NOT NULL,
    shipping_minor INTEGER,
    discount_minor INTEGER,
    paid_minor INTEGER,
    refunded_minor INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    paid_at DATETIME,
    shipped_at DATETIME,
    completed_at DATETIME,
    ship_by DATETIME,
    recipient VARCHAR NOT NULL,
    phone VARCHAR NOT NULL,
    province VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    district VARCHAR NOT NULL,
    address VARCHAR NOT NULL,
    postcode VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    buyer_note VARCHAR NOT NULL,
    seller_note VARCHAR NOT NULL,
    pii_masked BOOLEAN NOT NULL,
    raw_json VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    recorded_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (platform, order_no),
    FOREIGN KEY(customer_id) REFERENCES customers (id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(segment_id) REFERENCES segments (id),
    FOREIGN KEY(import_batch_id) REFERENCES import_batches (id)
);
CREATE INDEX ix_orders_created_at ON orders (created_at);
CREATE INDEX ix_orders_customer_id ON orders (customer_id);
CREATE INDEX ix_orders_import_batch_id ON orders (import_batch_id);
CREATE INDEX ix_orders_needs_review ON orders (needs_review);
CREATE INDEX ix_orders_segment_id ON orders (segment_id);
CREATE INDEX ix_orders_ship_by ON orders (ship_by);
CREATE INDEX ix_orders_show_id ON orders (show_id);
CREATE INDEX ix_orders_status ON orders (status);
CREATE INDEX ix_orders_status_created ON orders (status, created_at);

CREATE TABLE order_lines (
    id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    line_no VARCHAR NOT NULL,
    variant_id INTEGER,
    sku_code VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    spec VARCHAR NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_minor INTEGER,
    total_minor INTEGER,
    refunded_quantity INTEGER NOT NULL,
    sale_move_id INTEGER,
    cancel_move_id INTEGER,
    PRIMARY KEY (id),
    UNIQUE (order_id, line_no),
    FOREIGN KEY(order_id) REFERENCES orders (id),
    FOREIGN KEY(variant_id) REFERENCES variants (id),
    UNIQUE (sale_move_id),
    FOREIGN KEY(sale_move_id) REFERENCES stock_moves (id),
    UNIQUE (cancel_move_id),
    FOREIGN KEY(cancel_move_id) REFERENCES stock_moves (id)
);
CREATE INDEX ix_order_lines_order_id ON order_lines (order_id);
CREATE INDEX ix_order_lines_variant_id ON order_lines (variant_id);

CREATE TABLE shipments (
    id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    courier VARCHAR NOT NULL,
    courier_code VARCHAR NOT NULL,
    tracking_no VARCHAR NOT NULL,
    shipped_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (order_id, tracking_no),
    FOREIGN KEY(order_id) REFERENCES orders (id)
);
CREATE INDEX ix_shipments_order_id ON shipments (order_id);
CREATE INDEX ix_shipments_tracking_no ON shipments (tracking_no);

CREATE TABLE after_sales_cases (
    id INTEGER NOT NULL,
    order_id INTEGER,
    customer_id INTEGER,
    kind VARCHAR(32) NOT NULL,
    status VARCHAR(32) NOT NULL,
    summary VARCHAR NOT NULL,
    notes VARCHAR NOT NULL,
    feedback VARCHAR NOT NULL,
    refund_minor INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    closed_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(order_id) REFERENCES orders (id),
    FOREIGN KEY(customer_id) REFERENCES customers (id)
);
CREATE INDEX ix_after_sales_cases_customer_id ON after_sales_cases (customer_id);
CREATE INDEX ix_after_sales_cases_order_id ON after_sales_cases (order_id);
CREATE INDEX ix_after_sales_cases_status ON after_sales_cases (status);

CREATE TABLE case_items (
    id INTEGER NOT NULL,
    case_id INTEGER NOT NULL,
    order_line_id INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    restock_move_id INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(case_id) REFERENCES after_sales_cases (id),
    FOREIGN KEY(order_line_id) REFERENCES order_lines (id),
    UNIQUE (restock_move_id),
    FOREIGN KEY(restock_move_id) REFERENCES stock_moves (id)
);
CREATE INDEX ix_case_items_case_id ON case_items (case_id);
CREATE INDEX ix_case_items_order_line_id ON case_items (order_line_id);

CREATE TABLE waitlist_entries (
    id INTEGER NOT NULL,
    show_id INTEGER,
    variant_id INTEGER NOT NULL,
    customer_id INTEGER,
    nickname VARCHAR NOT NULL,
    quantity INTEGER NOT NULL,
    status VARCHAR(32) NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(variant_id) REFERENCES variants (id),
    FOREIGN KEY(customer_id) REFERENCES customers (id)
);
CREATE INDEX ix_waitlist_entries_show_id ON waitlist_entries (show_id);
CREATE INDEX ix_waitlist_entries_variant_id ON waitlist_entries (variant_id);

CREATE TABLE lucky_draws (
    id INTEGER NOT NULL,
    show_id INTEGER,
    segment_id INTEGER,
    prize VARCHAR NOT NULL,
    entrants_json VARCHAR NOT NULL,
    winners_json VARCHAR NOT NULL,
    drawn_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(segment_id) REFERENCES segments (id)
);
CREATE INDEX ix_lucky_draws_show_id ON lucky_draws (show_id);

CREATE TABLE sku_aliases (
    id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    match_key VARCHAR NOT NULL,
    variant_id INTEGER NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (platform, match_key),
    FOREIGN KEY(variant_id) REFERENCES variants (id)
);
CREATE INDEX ix_sku_aliases_variant_id ON sku_aliases (variant_id);

CREATE TABLE saved_mappings (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    platform VARCHAR(32) NOT NULL,
    mapping_json VARCHAR NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
)
""",
    )


def _0004_warmup(conn: Connection) -> None:
    """v3 → v4: warm-up: per-show settings (tracking parameter, poster choices), booking links per channel, warm-up
    tasks relative to the planned start, and the seller's default task template."""
    _run(
        conn,
        """
CREATE TABLE warmup_settings (
    show_id INTEGER NOT NULL,
    tracking_param VARCHAR NOT NULL,
    tasks_seeded BOOLEAN NOT NULL,
    poster_json VARCHAR NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (show_id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);

CREATE TABLE booking_links (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    label VARCHAR NOT NULL,
    platform VARCHAR(32) NOT NULL,
    url VARCHAR NOT NULL,
    tracking_value VARCHAR NOT NULL,
    bookings INTEGER,
    made_at DATETIME NOT NULL,
    announced_start DATETIME,
    valid_until DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_booking_links_show_id ON booking_links (show_id);

CREATE TABLE warmup_tasks (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    title VARCHAR NOT NULL,
    offset_minutes INTEGER NOT NULL,
    booking_link_id INTEGER,
    notes VARCHAR NOT NULL,
    done_at DATETIME,
    notified_at DATETIME,
    PRIMARY KEY (id),
    UNIQUE (booking_link_id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(booking_link_id) REFERENCES booking_links (id)
);
CREATE INDEX ix_warmup_tasks_show_id ON warmup_tasks (show_id);

CREATE TABLE warmup_template_tasks (
    id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind VARCHAR(32) NOT NULL,
    title VARCHAR NOT NULL,
    offset_minutes INTEGER NOT NULL,
    PRIMARY KEY (id)
)
""",
    )


def _0005_preflight(conn: Connection) -> None:
    """v4 → v5: pre-flight checklists: templates and their items (manual, value, probe; critical or not), and the
    runs before each show with every item's result, measured values, verdict and override reason."""
    _run(
        conn,
        """
CREATE TABLE checklist_templates (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    is_default BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE checklist_items (
    id INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    hint VARCHAR NOT NULL,
    kind VARCHAR(32) NOT NULL,
    probe VARCHAR(32),
    critical BOOLEAN NOT NULL,
    unit VARCHAR NOT NULL,
    min_value FLOAT,
    max_value FLOAT,
    PRIMARY KEY (id),
    FOREIGN KEY(template_id) REFERENCES checklist_templates (id)
);
CREATE INDEX ix_checklist_items_template_id ON checklist_items (template_id);

CREATE TABLE preflight_runs (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    template_name VARCHAR NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME,
    verdict VARCHAR(32) NOT NULL,
    override_reason VARCHAR NOT NULL,
    overridden_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_preflight_runs_show_id ON preflight_runs (show_id);

CREATE TABLE check_results (
    id INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    hint VARCHAR NOT NULL,
    kind VARCHAR(32) NOT NULL,
    probe VARCHAR(32),
    critical BOOLEAN NOT NULL,
    unit VARCHAR NOT NULL,
    min_value FLOAT,
    max_value FLOAT,
    status VARCHAR(32) NOT NULL,
    value VARCHAR NOT NULL,
    measured_json VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    checked_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(run_id) REFERENCES preflight_runs (id)
);
CREATE INDEX ix_check_results_run_id ON check_results (run_id)
""",
    )


def _0006_review(conn: Connection) -> None:
    """v5 → v6: post-stream review: imported metrics files and their samples over time per platform, show totals
    (manual form or summary export), the review notes with the profit's cost inputs, and action items that carry
    forward to later shows."""
    _run(
        conn,
        """
CREATE TABLE metric_imports (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    preset VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    encoding VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    rows INTEGER NOT NULL,
    samples INTEGER NOT NULL,
    interval_seconds INTEGER NOT NULL,
    missing_json VARCHAR NOT NULL,
    duplicates INTEGER NOT NULL,
    imported_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_metric_imports_show_id ON metric_imports (show_id);

CREATE TABLE metric_samples (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    import_id INTEGER,
    at DATETIME NOT NULL,
    online INTEGER,
    entries INTEGER,
    exits INTEGER,
    views INTEGER,
    gmv_minor INTEGER,
    orders INTEGER,
    buyers INTEGER,
    comments INTEGER,
    likes INTEGER,
    shares INTEGER,
    new_followers INTEGER,
    fan_club_joins INTEGER,
    product_exposures INTEGER,
    product_clicks INTEGER,
    ad_cost_minor INTEGER,
    PRIMARY KEY (id),
    UNIQUE (show_id, platform, at),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(import_id) REFERENCES metric_imports (id)
);
CREATE INDEX ix_metric_samples_import_id ON metric_samples (import_id);
CREATE INDEX ix_metric_samples_show_at ON metric_samples (show_id, at);

CREATE TABLE show_totals (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    platform VARCHAR(32) NOT NULL,
    source VARCHAR NOT NULL,
    duration_seconds INTEGER,
    room_exposures INTEGER,
    viewers INTEGER,
    views INTEGER,
    peak_online INTEGER,
    average_online INTEGER,
    average_watch_seconds INTEGER,
    new_followers INTEGER,
    fan_club_joins INTEGER,
    interacting_viewers INTEGER,
    likes INTEGER,
    comments INTEGER,
    shares INTEGER,
    product_exposures INTEGER,
    product_clicks INTEGER,
    orders_created INTEGER,
    platform_orders INTEGER,
    platform_buyers INTEGER,
    platform_gmv_minor INTEGER,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (show_id, platform),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);
CREATE INDEX ix_show_totals_show_id ON show_totals (show_id);

CREATE TABLE show_reviews (
    show_id INTEGER NOT NULL,
    went_well VARCHAR NOT NULL,
    problems VARCHAR NOT NULL,
    fee_basis_points INTEGER,
    shipping_per_order_minor INTEGER,
    giveaways_minor INTEGER,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (show_id),
    FOREIGN KEY(show_id) REFERENCES shows (id)
);

CREATE TABLE action_items (
    id INTEGER NOT NULL,
    show_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    done_at DATETIME,
    done_show_id INTEGER,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(show_id) REFERENCES shows (id),
    FOREIGN KEY(done_show_id) REFERENCES shows (id)
);
CREATE INDEX ix_action_items_open ON action_items (done_at);
CREATE INDEX ix_action_items_show_id ON action_items (show_id)
""",
    )


STEPS: tuple[Step, ...] = (
    _0001_catalogue,
    _0002_shows,
    _0003_orders,
    _0004_warmup,
    _0005_preflight,
    _0006_review,
)
SCHEMA_VERSION = len(STEPS)
