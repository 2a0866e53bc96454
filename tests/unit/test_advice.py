"""The seller's assistant service (core.advice): suggestions with stable keys and their evidence, the defaults
while the history is short, dismissals that outlive new figures and come back on restore, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import FakeUTCClock
from history_support import stream

from streamdesk.config import ReviewSettings
from streamdesk.core.advice import Advice, AdviceReport, Suggestion, slot_suggestions
from streamdesk.core.advice_slots import advise
from streamdesk.db import Database

SETTINGS = ReviewSettings(fee_basis_points={"douyin": 500})
UTC_ZONE = ZoneInfo("UTC")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def advice_of(database: Database) -> Advice:
    return Advice(database.sessions, clock=FakeUTCClock(NOW), settings=lambda: SETTINGS, currency=lambda: "CNY")


def history(database: Database, evenings: int = 4, afternoons: int = 3) -> None:
    """Weekday 20:00 shows of 2.5 h earn GPM 412, weekday 14:00 shows of 1.5 h GPM 268 (views 10,000 each)."""
    days = iter(d for d in range(5, 31) if datetime(2026, 1, d).weekday() < 5)
    for i in range(evenings):
        stream(database, f"E{i}", datetime(2026, 1, next(days), 20, 0, tzinfo=UTC), 9000, 4120, 10_000)
    for i in range(afternoons):
        stream(database, f"A{i}", datetime(2026, 1, next(days), 14, 0, tzinfo=UTC), 5400, 2680, 10_000)


def by_key(report: AdviceReport) -> dict[str, Suggestion]:
    return {s.key: s for s in report.suggestions}


def test_a_short_history_gives_the_defaults_and_says_how_many_shows(database: Database) -> None:
    history(database, evenings=2, afternoons=2)

    report = advice_of(database).report(zone=UTC_ZONE)

    suggestions = by_key(report)
    assert "slot:defaults" in suggestions
    defaults = suggestions["slot:defaults"]
    assert defaults.topic == "defaults"
    assert defaults.figures["shows_found"] == 4
    assert defaults.figures["from_history"] is False
    assert defaults.figures["start_windows"] == "12-14,18-22"
    assert defaults.figures["min_seconds"] == 7200
    assert not any(key.startswith(("slot:weekday", "duration:")) for key in suggestions)
    assert report.zone == "UTC" and report.currency == "CNY" and report.computed_at == NOW


def test_the_best_slot_and_length_carry_their_evidence(database: Database) -> None:
    history(database)

    report = advice_of(database).report(zone=UTC_ZONE)

    suggestions = by_key(report)
    assert "slot:defaults" not in suggestions
    slot = suggestions["slot:weekday:20"]
    assert slot.topic == "slot"
    assert (slot.figures["hour"], slot.figures["weekend"], slot.figures["n"], slot.figures["gpm_minor"]) == (
        20,
        False,
        4,
        412,
    )
    assert (slot.figures["runner_up_hour"], slot.figures["runner_up_n"], slot.figures["runner_up_gpm_minor"]) == (
        14,
        3,
        268,
    )
    assert len(slot.show_ids) == 4
    length = suggestions["duration:7200-10800"]
    assert (length.figures["gpm_minor"], length.figures["runner_up_lower_seconds"]) == (412, 3600)


def test_start_hours_follow_the_zone_passed_in(database: Database) -> None:
    history(database)

    report = advice_of(database).report(zone=ZoneInfo("Asia/Shanghai"))  # UTC+8: 20:00 UTC is 04:00 next day

    assert report.zone == "Asia/Shanghai"
    assert any(key.startswith("slot:") and key.endswith(":4") for key in by_key(report))


def test_a_dismissal_outlives_new_figures_and_restore_brings_it_back(database: Database) -> None:
    history(database)
    advice = advice_of(database)
    slot = by_key(advice.report(zone=UTC_ZONE))["slot:weekday:20"]

    dismissed = advice.dismiss(slot)
    assert dismissed.key == "slot:weekday:20" and dismissed.figures["gpm_minor"] == 412
    assert dismissed.dismissed_at == NOW
    # Another evening show moves the figures, not the answer: still dismissed, read by a new service too.
    stream(database, "E-late", datetime(2026, 1, 30, 20, 0, tzinfo=UTC), 9000, 5000, 10_000)
    report = advice_of(database).report(zone=UTC_ZONE)
    again = by_key(report)["slot:weekday:20"]
    assert again.dismissed_at == NOW and again.figures["n"] == 5
    assert again not in report.open and again in report.dismissed

    removed = advice.restore("slot:weekday:20")
    assert removed == dismissed
    assert by_key(advice.report(zone=UTC_ZONE))["slot:weekday:20"].dismissed_at is None
    assert advice.restore("slot:weekday:20") is None  # not dismissed any more

    advice.redismiss(dismissed)  # the undo of a restore puts the same dismissal back
    assert advice.dismissals() == {"slot:weekday:20": dismissed}


def test_a_different_answer_is_a_new_suggestion_even_when_the_old_one_was_dismissed(database: Database) -> None:
    history(database)
    advice = advice_of(database)
    advice.dismiss(by_key(advice.report(zone=UTC_ZONE))["slot:weekday:20"])
    # Afternoons now earn far more per 1,000 views: the answer changes, so it is shown.
    for i, day in enumerate((2, 3, 4, 5)):
        start = datetime(2026, 2, day, 14, 0, tzinfo=UTC) + timedelta(days=0)
        stream(database, f"A-late{i}", start, 5400, 90_000, 10_000)

    report = advice.report(zone=UTC_ZONE)

    assert by_key(report)["slot:weekday:14"].dismissed_at is None
    assert by_key(report)["slot:weekday:14"] in report.open


def test_dismissing_twice_keeps_the_first_time(database: Database) -> None:
    history(database)
    clock = FakeUTCClock(NOW)
    advice = Advice(database.sessions, clock=clock, settings=lambda: SETTINGS, currency=lambda: "CNY")
    slot = by_key(advice.report(zone=UTC_ZONE))["slot:weekday:20"]
    first = advice.dismiss(slot)
    clock.advance(seconds=3600)

    assert advice.dismiss(slot) == first


def test_slot_suggestions_without_a_runner_up_cite_one_group() -> None:
    from streamdesk.core.advice_slots import PastShow

    shows = [
        PastShow(i, datetime(2026, 1, 5 + i, 20, 0, tzinfo=UTC), 9000, 4120, 1, 412, 60.0)
        for i in range(5)
        if datetime(2026, 1, 5 + i).weekday() < 5
    ] + [PastShow(9, datetime(2026, 1, 12, 20, 0, tzinfo=UTC), 9000, 4120, 1, 412, 60.0)]

    found = {s.key: s for s in slot_suggestions(advise(shows))}

    assert found["slot:weekday:20"].figures["n"] == 6
    assert "runner_up_hour" not in found["slot:weekday:20"].figures


def test_score_refreshes_from_two_laptops_at_once_do_not_collide(database: Database, tmp_path) -> None:
    """On a team server two Advice pages opened together both replace every product score: one at a time, or the
    second's inserts would meet the first's committed rows."""
    import dataclasses
    import threading

    from streamdesk.core.advice_products import ProductAdvice, ProductFigures, refresh_scores
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput

    catalogue = Catalogue(
        database.sessions,
        images_dir=tmp_path / "i",
        thumbnails_dir=tmp_path / "i" / ".t",
        weights=ScoreWeights(),
        clock=FakeUTCClock(NOW),
    )
    ids = [catalogue.create_product(ProductInput(title=f"P{n}", variants=(VariantInput(f"P-{n}"),))) for n in range(30)]
    blank = {f.name: None for f in dataclasses.fields(ProductFigures)}
    figures = tuple(ProductFigures(**{**blank, "product_id": i, "score": 0.5}) for i in ids)
    advice = ProductAdvice(shows_found=0, products=figures, suggestions=(), best_gmv_per_pitch_minute_minor=None)
    failures: list[BaseException] = []

    def refresh_many() -> None:
        try:
            for _ in range(15):
                refresh_scores(database.sessions, advice, clock=FakeUTCClock(NOW))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=refresh_many) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    from sqlalchemy import text

    with database.sessions() as session:
        assert session.execute(text("SELECT COUNT(*) FROM product_scores")).scalar_one() == 30


def test_zone_names_say_the_offset_when_there_is_no_iana_name() -> None:
    from datetime import timezone

    from streamdesk.core.advice import zone_name

    assert zone_name(ZoneInfo("Asia/Shanghai")) == "Asia/Shanghai"
    assert zone_name(timezone(timedelta(hours=8), "CST")) == "CST, UTC+08:00"  # CST alone is ambiguous
    assert zone_name(timezone(timedelta(hours=-5, minutes=-30))) == "UTC-05:30"
    assert zone_name(UTC) == "UTC"
    assert zone_name(None) == ""
