"""Review writes: totals, notes, cost inputs and action items, each returning what its undo needs; carried actions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from review_support import add_show, build, review_service

from streamdesk.core.errors import UserError
from streamdesk.core.review_types import CostsInput, ReviewNotes, TotalsInput
from streamdesk.db import Database
from streamdesk.messages import describe
from streamdesk.models.base import Platform, ShowStatus


def day(d: int) -> datetime:
    return datetime(2026, 1, d, 10, 0, tzinfo=UTC)


def test_totals_save_replace_and_delete_return_the_previous(database: Database, utc_clock: FakeUTCClock) -> None:
    show_id, _ = add_show(database, "Totals", planned_start=day(2))
    review = review_service(database, utc_clock)
    first = TotalsInput(platform=Platform.DOUYIN, values={"viewers": 1200, "views": 3000})
    assert review.save_totals(show_id, first) is None
    second = TotalsInput(platform=Platform.DOUYIN, values={"viewers": 1500, "peak_online": 80})
    previous = review.save_totals(show_id, second)
    assert previous is not None and previous.values["viewers"] == 1200 and previous.values["views"] == 3000
    stored = review.review(show_id).totals
    assert len(stored) == 1 and stored[0].values["views"] is None  # a field left out of the form is unknown
    assert (stored[0].values["viewers"], stored[0].values["peak_online"]) == (1500, 80)
    assert review.save_totals(show_id, previous) is not None  # undo puts the first totals back
    assert review.review(show_id).totals[0].values["views"] == 3000
    removed = review.delete_totals(show_id, Platform.DOUYIN)
    assert removed is not None and removed.values["viewers"] == 1200
    assert review.review(show_id).totals == ()
    assert review.delete_totals(show_id, Platform.DOUYIN) is None


@pytest.mark.parametrize(
    ("values", "code"),
    [({"viewers": -1}, "review.total_negative"), ({"visitors": 5}, "review.total_unknown")],
)
def test_bad_totals_are_refused(
    database: Database, utc_clock: FakeUTCClock, values: dict[str, int | None], code: str
) -> None:
    show_id, _ = add_show(database, "Totals", planned_start=day(2))
    review = review_service(database, utc_clock)
    with pytest.raises(UserError) as caught:
        review.save_totals(show_id, TotalsInput(platform=Platform.DOUYIN, values=values))
    assert caught.value.code == code
    assert review.review(show_id).totals == ()
    assert "{" not in describe(caught.value)  # the sentence has every placeholder filled


def test_notes_and_costs_return_the_previous_and_costs_fall_back_to_defaults(
    database: Database, utc_clock: FakeUTCClock
) -> None:
    show_id, _ = add_show(database, "Notes", planned_start=day(2))
    review = review_service(database, utc_clock, fee_basis_points={"douyin": 450}, shipping_per_order_minor=600)
    assert review.save_notes(show_id, ReviewNotes("Good opening", "Mic crackled")) == ReviewNotes()
    assert review.save_notes(show_id, ReviewNotes("Better", "")) == ReviewNotes("Good opening", "Mic crackled")
    assert review.review(show_id).notes == ReviewNotes("Better", "")
    costs = review.review(show_id).costs
    assert (costs.fee_basis_points, costs.fee_default, costs.shipping_per_order_minor, costs.shipping_default) == (
        450,
        True,
        600,
        True,
    )
    assert review.save_costs(show_id, CostsInput(fee_basis_points=0, giveaways_minor=2000)) == CostsInput()
    costs = review.review(show_id).costs
    assert (costs.fee_basis_points, costs.fee_default, costs.giveaways_minor) == (0, False, 2000)
    assert review.save_costs(show_id, CostsInput()) == CostsInput(fee_basis_points=0, giveaways_minor=2000)
    assert review.review(show_id).notes == ReviewNotes("Better", "")  # costs and notes share a row: kept


@pytest.mark.parametrize(
    ("costs", "code"),
    [
        (CostsInput(fee_basis_points=10_001), "review.fee_out_of_range"),
        (CostsInput(fee_basis_points=-1), "review.fee_out_of_range"),
        (CostsInput(shipping_per_order_minor=-5), "review.shipping_negative"),
        (CostsInput(giveaways_minor=-5), "review.giveaways_negative"),
    ],
)
def test_bad_costs_are_refused(database: Database, utc_clock: FakeUTCClock, costs: CostsInput, code: str) -> None:
    show_id, _ = add_show(database, "Costs", planned_start=day(2))
    review = review_service(database, utc_clock)
    with pytest.raises(UserError) as caught:
        review.save_costs(show_id, costs)
    assert caught.value.code == code
    assert "{" not in describe(caught.value)
    assert review.review(show_id).costs.fee_default


def test_writes_to_a_missing_show_are_refused(database: Database, utc_clock: FakeUTCClock) -> None:
    review = review_service(database, utc_clock)
    for call in (
        lambda: review.save_notes(404, ReviewNotes("x")),
        lambda: review.save_costs(404, CostsInput()),
        lambda: review.save_totals(404, TotalsInput(platform=Platform.DOUYIN)),
        lambda: review.add_action(404, "x"),
    ):
        with pytest.raises(UserError) as caught:
            call()
        assert caught.value.code == "review.show_not_found"


def test_action_items_add_edit_delete_restore(database: Database, utc_clock: FakeUTCClock) -> None:
    show_id, _ = add_show(database, "Actions", planned_start=day(2))
    review = review_service(database, utc_clock)
    first = review.add_action(show_id, "  Charge the spare phone  ")
    second = review.add_action(show_id, "Shorter opening")
    assert [(a.text, a.position) for a in review.review(show_id).actions] == [
        ("Charge the spare phone", 0),
        ("Shorter opening", 1),
    ]
    assert review.edit_action(second, "Opening under 3 minutes") == "Shorter opening"
    removed = review.delete_action(first)
    assert (removed.id, removed.text, removed.show_title) == (first, "Charge the spare phone", "Actions")
    assert [a.id for a in review.review(show_id).actions] == [second]
    assert review.restore_action(removed) == first  # the old id comes back: later undo steps still find it
    assert [(a.id, a.text) for a in review.review(show_id).actions] == [
        (first, "Charge the spare phone"),
        (second, "Opening under 3 minutes"),
    ]
    for call in (lambda: review.add_action(show_id, "   "), lambda: review.edit_action(first, "")):
        with pytest.raises(UserError) as caught:
            call()
        assert caught.value.code == "review.action_empty"
    with pytest.raises(UserError) as caught:
        review.delete_action(9999)
    assert caught.value.code == "review.action_not_found"


def test_carried_actions_and_ticking_them_done(database: Database, tmp_path: Path, utc_clock: FakeUTCClock) -> None:
    synthetic = build(database, tmp_path, utc_clock)  # Winter hats 1 Jan, Spring scarves 5 Jan
    review = review_service(database, utc_clock)
    next_show, _ = add_show(database, "Next", planned_start=day(9), status=ShowStatus.SCHEDULED)
    older = review.add_action(synthetic.previous_id, "Print price cards")  # raised 1 Jan
    newer = review.add_action(synthetic.show_id, "Test the mic")  # raised 5 Jan
    later = review.add_action(next_show, "Not yet relevant")  # raised by a later show
    assert [a.id for a in review.carried_actions(next_show)] == [older, newer]  # oldest first
    assert [a.id for a in review.carried_actions(synthetic.show_id)] == [older]
    assert review.carried_actions(synthetic.previous_id) == ()
    assert later not in [a.id for a in review.carried_actions(synthetic.show_id)]

    utc_clock.current = day(9) + timedelta(hours=1)
    before = review.set_action_done(older, True, on_show_id=next_show)
    assert (before.done_at, before.done_show_id) == (None, None)
    carried = {a.id: a for a in review.carried_actions(next_show)}
    assert carried[older].done_at == day(9) + timedelta(hours=1) and carried[older].done_show_id == next_show
    assert carried[older].show_title == "Winter hats"
    # done on Next: no longer carried to Spring scarves, nor to a show after Next
    assert review.carried_actions(synthetic.show_id) == ()
    after_next, _ = add_show(database, "After next", planned_start=day(12), status=ShowStatus.SCHEDULED)
    assert [a.id for a in review.carried_actions(after_next)] == [newer, later]
    undone = review.set_action_done(older, False)
    assert undone.done_show_id == next_show
    assert [a.id for a in review.carried_actions(after_next)] == [older, newer, later]
