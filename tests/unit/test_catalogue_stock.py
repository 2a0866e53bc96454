"""The stock ledger: moves are the truth, on_hand is their cache, and a refused change writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import LedgerMismatch, ProductInput, ScoreWeights, StockReason, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.db import Database, open_database


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


def two_skus(catalogue: Catalogue, first: int = 10, second: int = 0) -> tuple[int, int]:
    product_id = catalogue.create_product(
        ProductInput(
            title="保温杯",
            variants=(VariantInput("CUP-W", initial_stock=first), VariantInput("CUP-B", initial_stock=second)),
        )
    )
    a, b = catalogue.get_product(product_id).variants
    return a.id, b.id


def moves_table(database: Database) -> list[tuple]:
    with database.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(text("SELECT variant_id, quantity, reason, note FROM stock_moves ORDER BY id"))
        ]


def test_adjustments_append_moves_and_keep_the_cache_equal_to_the_ledger(
    catalogue: Catalogue, database, utc_clock
) -> None:
    white, black = two_skus(catalogue)
    utc_clock.advance(minutes=5)
    rows = catalogue.adjust_stock([(white, -3), (black, 12), (white, 1)], StockReason.ADJUSTMENT, note="盘点")
    assert [(r.variant_id, r.quantity, r.reason, r.note) for r in rows] == [
        (white, -3, StockReason.ADJUSTMENT, "盘点"),
        (black, 12, StockReason.ADJUSTMENT, "盘点"),
        (white, 1, StockReason.ADJUSTMENT, "盘点"),
    ]
    assert rows[0].created_at_utc == "2026-01-05T12:05:00+00:00"
    assert [v.on_hand for v in catalogue.get_product(1).variants] == [8, 12]
    assert catalogue.ledger_mismatches() == ()
    history = catalogue.stock_moves(white)
    assert [(m.quantity, m.reason) for m in history] == [
        (1, StockReason.ADJUSTMENT),
        (-3, StockReason.ADJUSTMENT),
        (10, StockReason.INITIAL),
    ]
    assert [m.quantity for m in catalogue.stock_moves(white, limit=1)] == [1]


def test_a_change_below_zero_is_refused_and_nothing_is_written(catalogue: Catalogue, database) -> None:
    white, black = two_skus(catalogue, first=2, second=5)
    before = moves_table(database)
    with pytest.raises(UserError) as error:
        catalogue.adjust_stock([(black, -1), (white, -2), (white, -1)], StockReason.SALE)
    assert error.value.code == "catalogue.stock_would_go_negative"
    assert error.value.fields == {"sku": "CUP-W", "on_hand": 0, "delta": -1}
    assert moves_table(database) == before
    assert [v.on_hand for v in catalogue.get_product(1).variants] == [2, 5]
    assert catalogue.ledger_mismatches() == ()


def test_unknown_variants_and_bundles_cannot_be_adjusted(catalogue: Catalogue, database) -> None:
    white, black = two_skus(catalogue)
    catalogue.create_product(
        ProductInput(title="套装", variants=(VariantInput("SET", components=((white, 1), (black, 1))),))
    )
    bundle = catalogue.find_by_sku("SET")
    assert bundle is not None
    before = moves_table(database)
    with pytest.raises(UserError) as error:
        catalogue.adjust_stock([(white, 1), (bundle.variant_id, 5)], StockReason.RESTOCK)
    assert (error.value.code, error.value.fields) == ("catalogue.bundle_stock", {"sku": "SET"})
    with pytest.raises(UserError) as error:
        catalogue.adjust_stock([(white, 1), (9999, 5)], StockReason.RESTOCK)
    assert (error.value.code, error.value.fields) == ("catalogue.variant_not_found", {"variant_id": 9999})
    assert moves_table(database) == before
    assert catalogue.stock_moves(bundle.variant_id) == ()


def test_zero_changes_write_no_moves(catalogue: Catalogue, database) -> None:
    white, _ = two_skus(catalogue)
    assert catalogue.adjust_stock([(white, 0)], StockReason.ADJUSTMENT) == ()
    assert len(moves_table(database)) == 1


def test_restocking_is_accepted_even_after_an_oversell(catalogue: Catalogue, database) -> None:
    white, _ = two_skus(catalogue, first=1)
    with database.engine.begin() as conn:  # what an oversell during a live show leaves behind (issue 5)
        conn.execute(
            text(
                "INSERT INTO stock_moves (variant_id, quantity, reason, note, reference, created_at)"
                " VALUES (:v, -3, 'sale', '', '', '2026-01-05 12:00:00')"
            ),
            {"v": white},
        )
        conn.execute(text("UPDATE variants SET on_hand = -2 WHERE id = :v"), {"v": white})
    catalogue.adjust_stock([(white, 1)], StockReason.RESTOCK)
    assert catalogue.get_product(1).variants[0].on_hand == -1
    with pytest.raises(UserError):
        catalogue.adjust_stock([(white, -1)], StockReason.ADJUSTMENT)
    assert catalogue.ledger_mismatches() == ()


def test_ledger_mismatches_notice_a_tampered_cache_and_a_tampered_ledger(catalogue: Catalogue, database) -> None:
    white, black = two_skus(catalogue, first=4, second=6)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE variants SET on_hand = 99 WHERE id = :v"), {"v": white})
        conn.execute(text("DELETE FROM stock_moves WHERE variant_id = :v"), {"v": black})
    assert catalogue.ledger_mismatches() == (
        LedgerMismatch(variant_id=white, sku_code="CUP-W", cached=99, ledger=4),
        LedgerMismatch(variant_id=black, sku_code="CUP-B", cached=6, ledger=0),
    )


def test_every_write_leaves_the_ledger_consistent(catalogue: Catalogue) -> None:
    white, black = two_skus(catalogue, first=3, second=4)
    detail = catalogue.get_product(1)
    catalogue.update_product(1, detail.input)
    copy = catalogue.duplicate_product(1)
    catalogue.set_archived([copy], True)
    catalogue.set_live_prices([(white, 1000)])
    catalogue.adjust_stock([(white, 2), (black, -4)], StockReason.SALE)
    temp = catalogue.create_product(ProductInput(title="tmp", variants=(VariantInput("TMP", initial_stock=9),)))
    catalogue.delete_product(temp)
    assert catalogue.ledger_mismatches() == ()


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    initial=st.tuples(st.integers(0, 20), st.integers(0, 20)),
    batches=st.lists(st.lists(st.tuples(st.integers(0, 1), st.integers(-15, 15)), min_size=1, max_size=4), max_size=8),
)
def test_on_hand_always_equals_the_ledger_sum(
    tmp_path_factory: pytest.TempPathFactory, utc_clock, initial, batches
) -> None:
    database = open_database(tmp_path_factory.mktemp("ledger") / "ledger.sqlite3")
    try:
        images = Path(database.path or "").parent / "images"
        catalogue = Catalogue(
            database.sessions, images_dir=images, thumbnails_dir=images, weights=ScoreWeights(), clock=utc_clock
        )
        ids = two_skus(catalogue, *initial)
        expected = dict(zip(ids, initial, strict=True))
        for batch in batches:
            changes = [(ids[which], delta) for which, delta in batch]
            trial = dict(expected)
            refused = False
            for variant_id, delta in changes:
                if delta < 0 and trial[variant_id] + delta < 0:
                    refused = True
                trial[variant_id] += delta
            if refused:
                with pytest.raises(UserError):
                    catalogue.adjust_stock(changes, StockReason.ADJUSTMENT)
            else:
                catalogue.adjust_stock(changes, StockReason.ADJUSTMENT)
                expected = trial
            assert {v.id: v.on_hand for v in catalogue.get_product(1).variants} == expected
            assert catalogue.ledger_mismatches() == ()
    finally:
        database.dispose()
