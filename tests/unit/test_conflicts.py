"""Team mode: two laptops editing the same product, show or order (core/conflicts.py).

Each laptop is its own Database (engine, connections) on the same target: the same SQLite file, the same
PostgreSQL URL. An editor saves with the version it was opened at; a save over someone else's newer version is
refused with db.conflict and leaves their data as it is. The race test has both laptops pass the version check
inside their transactions before either writes (PostgreSQL, READ COMMITTED): the row version in the UPDATE's WHERE
lets exactly one of them win.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from orders_support import FileOrder, import_orders, make_catalogue

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.order_types import OrderStatus
from streamdesk.core.orders import Orders
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database
from streamdesk.models.orders import Order

START = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def laptop_b(database_target: str | Path) -> Iterator[Database]:
    """A second StreamDesk on the same database (``database`` is laptop A)."""
    database = open_database(database_target)
    yield database
    database.dispose()


def conflict_of(save: Callable[[], object]) -> UserError:
    with pytest.raises(UserError) as error:
        save()
    assert error.value.code == "db.conflict"
    return error.value


def lipstick(catalogue: Catalogue) -> int:
    return catalogue.create_product(
        ProductInput(
            title="Lipstick",
            variants=(VariantInput("LIP-RED", list_price_minor=9900, live_price_minor=7900, initial_stock=5),),
            brand="Rosy",
        )
    )


# --- products ------------------------------------------------------------------------------------------------------
def test_a_product_saved_over_a_newer_version_is_refused_and_the_newer_one_kept(
    database: Database, laptop_b: Database, utc_clock, tmp_path: Path
) -> None:
    a, b = make_catalogue(database, utc_clock, tmp_path), make_catalogue(laptop_b, utc_clock, tmp_path)
    product_id = lipstick(a)
    opened_a, opened_b = a.get_product(product_id), b.get_product(product_id)
    assert opened_a.version == opened_b.version == 1

    saved = a.update_product(product_id, replace(opened_a.input, brand="Rosy Paris"), expected_version=opened_a.version)
    assert saved.version == 2
    refused = conflict_of(
        lambda: b.update_product(
            product_id, replace(opened_b.input, title="Lipstick matte", brand="Other"), expected_version=1
        )
    )
    assert refused.fields == {"what": "Lipstick matte"}  # what B's editor calls it
    kept = b.get_product(product_id)
    assert (kept.version, kept.input.title, kept.input.brand) == (2, "Lipstick", "Rosy Paris")

    reopened = b.get_product(product_id)  # B reopens, sees A's change, makes theirs again
    again = b.update_product(product_id, replace(reopened.input, title="Lipstick matte"), expected_version=2)
    assert (again.version, again.input.title, again.input.brand) == (3, "Lipstick matte", "Rosy Paris")


def test_undo_after_your_own_later_steps_is_not_a_conflict_but_after_someone_elses_save_it_is(
    database: Database, laptop_b: Database, utc_clock, tmp_path: Path
) -> None:
    """What EditProductCommand sends: the first save expects the version the editor opened, undo and redo expect
    the product as the step before left it. The user's own archive and live price (undone first: the undo stack is
    last in, first out) move the version but not the product."""
    catalogue, other = make_catalogue(database, utc_clock, tmp_path), make_catalogue(laptop_b, utc_clock, tmp_path)
    product_id = lipstick(catalogue)
    before = catalogue.get_product(product_id)
    after = catalogue.update_product(product_id, replace(before.input, brand="B2"), expected_version=before.version)
    variant_id = after.variants[0].id
    catalogue.set_archived([product_id], True)  # own later steps, then their undo
    previous = catalogue.set_live_prices([(variant_id, 5900)])
    catalogue.set_live_prices(previous)
    catalogue.set_archived([product_id], False)
    assert catalogue.get_product(product_id).version == after.version + 4

    undone = catalogue.update_product(product_id, before.input, expected_input=after.input)
    redone = catalogue.update_product(product_id, after.input, expected_input=undone.input)
    assert (undone.input.brand, redone.input.brand) == ("Rosy", "B2")

    other.update_product(product_id, replace(redone.input, alt_title="口红"), expected_version=redone.version)
    conflict_of(lambda: catalogue.update_product(product_id, before.input, expected_input=redone.input))
    assert catalogue.get_product(product_id).input.alt_title == "口红"


def test_a_live_price_set_elsewhere_makes_an_open_editor_stale(
    database: Database, laptop_b: Database, utc_clock, tmp_path: Path
) -> None:
    a, b = make_catalogue(database, utc_clock, tmp_path), make_catalogue(laptop_b, utc_clock, tmp_path)
    product_id = lipstick(a)
    opened = a.get_product(product_id)
    b.set_live_prices([(opened.variants[0].id, 6900)])  # the bulk live price on laptop B
    conflict_of(lambda: a.update_product(product_id, replace(opened.input, brand="X"), expected_version=opened.version))
    assert a.get_product(product_id).variants[0].live_price_minor == 6900


# --- shows ---------------------------------------------------------------------------------------------------------
def test_a_show_saved_over_a_newer_version_is_refused(database: Database, laptop_b: Database, utc_clock) -> None:
    a, b = Shows(database.sessions, clock=utc_clock), Shows(laptop_b.sessions, clock=utc_clock)
    show_id = a.create_show(ShowInput(title="Friday night", planned_start=START, notes="bring the cups"))
    opened_a, opened_b = a.get_show(show_id), b.get_show(show_id)

    saved = a.update_show(show_id, replace(opened_a.to_input(), notes="A's notes"), expected_version=opened_a.version)
    assert saved.version == opened_a.version + 1
    refused = conflict_of(
        lambda: b.update_show(
            show_id, replace(opened_b.to_input(), notes="B's notes"), expected_version=opened_b.version
        )
    )
    assert refused.fields == {"what": "Friday night"}
    assert b.get_show(show_id).notes == "A's notes"
    a.insert_segment(show_id, 0, SegmentInput(SegmentKind.PITCH, "Cups", 600))  # A's own rundown edit: version moves
    undone = a.update_show(show_id, opened_a.to_input(), expected_input=saved.to_input())  # A's own undo
    assert undone.notes == "bring the cups"
    b.update_show(show_id, replace(undone.to_input(), theme="Cups"), expected_version=undone.version)
    conflict_of(lambda: a.update_show(show_id, saved.to_input(), expected_input=undone.to_input()))  # A's redo


def test_a_segment_edited_from_what_someone_else_changed_is_refused(
    database: Database, laptop_b: Database, utc_clock
) -> None:
    a, b = Shows(database.sessions, clock=utc_clock), Shows(laptop_b.sessions, clock=utc_clock)
    show_id = a.create_show(ShowInput(title="Friday night", planned_start=START))
    segment_id = a.insert_segment(show_id, 0, SegmentInput(SegmentKind.PITCH, " Cups ", 600, promotion_cue=" 9.9 "))
    shown_a = a.rundown(show_id).segments[0].to_input()  # what each laptop's rundown table shows
    shown_b = b.rundown(show_id).segments[0].to_input()

    a.update_segment(segment_id, replace(shown_a, planned_seconds=900), expected=shown_a)
    refused = conflict_of(lambda: b.update_segment(segment_id, replace(shown_b, notes="B's notes"), expected=shown_b))
    assert refused.fields == {"what": "Cups"}
    kept = b.rundown(show_id).segments[0]
    assert (kept.planned_seconds, kept.notes) == (900, "")
    # A's own undo expects what A's step wrote, typed with spaces or not
    a.update_segment(segment_id, shown_a, expected=replace(shown_a, title=" Cups ", planned_seconds=900))
    assert a.rundown(show_id).segments[0].planned_seconds == 600


# --- orders --------------------------------------------------------------------------------------------------------
def test_a_seller_note_saved_over_a_newer_version_is_refused(database: Database, laptop_b: Database, utc_clock) -> None:
    order_id = import_orders(database, utc_clock(), [FileOrder("DY-1001", ())])["DY-1001"]
    a, b = Orders(database.sessions, clock=utc_clock), Orders(laptop_b.sessions, clock=utc_clock)
    opened_a, opened_b = a.get_order(order_id), b.get_order(order_id)

    previous, version = a.save_seller_note(order_id, "gift wrap", expected_version=opened_a.version)
    assert (previous, version) == ("", opened_a.version + 1)
    refused = conflict_of(lambda: b.save_seller_note(order_id, "call first", expected_version=opened_b.version))
    assert refused.fields == {"what": "DY-1001"}
    assert b.get_order(order_id).seller_note == "gift wrap"
    a.set_status([order_id], OrderStatus.SHIPPED)  # A's own later step and its undo move the version, not the note
    a.set_status([order_id], OrderStatus.PAID)
    assert a.save_seller_note(order_id, previous, expected_note="gift wrap")[0] == "gift wrap"  # A's undo
    b.save_seller_note(order_id, "call first", expected_version=b.get_order(order_id).version)
    conflict_of(lambda: a.save_seller_note(order_id, "gift wrap", expected_note=previous))  # A's redo
    assert a.get_order(order_id).seller_note == "call first"


def test_a_status_change_elsewhere_makes_an_open_note_stale(database: Database, laptop_b: Database, utc_clock) -> None:
    order_id = import_orders(database, utc_clock(), [FileOrder("DY-1002", ())])["DY-1002"]
    a, b = Orders(database.sessions, clock=utc_clock), Orders(laptop_b.sessions, clock=utc_clock)
    opened = a.get_order(order_id)
    b.set_status([order_id], OrderStatus.CANCELLED)
    conflict_of(lambda: a.save_seller_note(order_id, "ship fast", expected_version=opened.version))
    assert a.get_order(order_id).seller_note == ""


# --- the race: both pass the check, then both write ------------------------------------------------------------
class MeetAfterCheck:
    """A service clock that holds each laptop inside its transaction, after the version check and before the
    write, until both have got there: the window PostgreSQL's READ COMMITTED leaves open."""

    def __init__(self, barrier: threading.Barrier) -> None:
        self._barrier = barrier

    def __call__(self) -> datetime:
        self._barrier.wait(timeout=20)
        return START


def race(saves: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    won: list[object] = []
    lost: list[BaseException] = []

    def run(save: Callable[[], object]) -> None:
        try:
            won.append(save())
        except BaseException as error:
            lost.append(error)

    threads = [threading.Thread(target=run, args=(save,)) for save in saves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return won, lost


@pytest.fixture
def pg_target(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    url = pg_server.migrated_database()
    yield url
    pg_server.drop(url.rsplit("/", 1)[1])


def test_two_laptops_saving_the_same_product_at_once_on_postgresql_one_wins(pg_target: str, tmp_path: Path) -> None:
    laptops = [open_database(pg_target), open_database(pg_target)]
    try:
        product_id = lipstick(make_catalogue(laptops[0], lambda: START, tmp_path))
        barrier = threading.Barrier(2)
        racing = [make_catalogue(db, MeetAfterCheck(barrier), tmp_path) for db in laptops]
        opened = racing[0].get_product(product_id)
        won, lost = race(
            [
                lambda c=c, brand=brand: c.update_product(  # type: ignore[misc]
                    product_id, replace(opened.input, brand=brand), expected_version=opened.version
                )
                for c, brand in zip(racing, ("from A", "from B"), strict=True)
            ]
        )
        assert len(won) == 1 and len(lost) == 1, lost
        assert isinstance(lost[0], UserError) and lost[0].code == "db.conflict", repr(lost[0])
        assert lost[0].fields == {"what": "Lipstick"}
        stored = racing[0].get_product(product_id)
        assert stored.version == 2 and stored.input.brand == won[0].input.brand  # type: ignore[attr-defined]
    finally:
        for database in laptops:
            database.dispose()


def test_two_laptops_saving_the_same_show_at_once_on_postgresql_one_wins(pg_target: str) -> None:
    laptops = [open_database(pg_target), open_database(pg_target)]
    try:
        show_id = Shows(laptops[0].sessions, clock=lambda: START).create_show(ShowInput(title="Live", notes="n"))
        barrier = threading.Barrier(2)
        racing = [Shows(db.sessions, clock=MeetAfterCheck(barrier)) for db in laptops]
        opened = racing[0].get_show(show_id)
        won, lost = race(
            [
                lambda s=s, notes=notes: s.update_show(  # type: ignore[misc]
                    show_id, replace(opened.to_input(), notes=notes), expected_version=opened.version
                )
                for s, notes in zip(racing, ("A", "B"), strict=True)
            ]
        )
        assert len(won) == 1 and len(lost) == 1, lost
        assert isinstance(lost[0], UserError) and lost[0].code == "db.conflict", repr(lost[0])
        stored = racing[0].get_show(show_id)
        assert stored.version == opened.version + 1 and stored.notes == won[0].notes  # type: ignore[attr-defined]
    finally:
        for database in laptops:
            database.dispose()


def test_an_order_row_written_from_a_stale_read_on_postgresql_is_a_conflict(pg_target: str) -> None:
    """The model level on its own: an ORM UPDATE of an Order read before another laptop's commit matches nothing."""
    laptops = [open_database(pg_target), open_database(pg_target)]
    try:
        order_id = import_orders(laptops[0], START, [FileOrder("DY-7", ())])["DY-7"]
        with pytest.raises(UserError) as error, laptops[0].sessions(write=True) as stale, stale.begin():
            row = stale.get(Order, order_id)
            assert row is not None
            with laptops[1].sessions(write=True) as other, other.begin():
                theirs = other.get(Order, order_id)
                assert theirs is not None
                theirs.seller_note, theirs.version = "theirs", theirs.version + 1
            row.seller_note, row.version = "mine", row.version + 1  # written by the commit: WHERE version = 1
        assert (error.value.code, error.value.fields) == ("db.conflict", {"what": "DY-7"})
        assert Orders(laptops[0].sessions, clock=lambda: START).get_order(order_id).seller_note == "theirs"
    finally:
        for database in laptops:
            database.dispose()
