"""Pre-flight verdicts, typed values against an item's limits, the go-live check, the override and due shows."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from streamdesk.core.errors import UserError
from streamdesk.core.preflight import Preflight, verdict
from streamdesk.core.preflight_rules import measured_json, measured_of
from streamdesk.core.preflight_types import ChecklistItemInput, CheckResultRow, ResultInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind

ITEMS = (
    ChecklistItemInput("Battery", CheckKind.VALUE, critical=True, unit="%", min_value=80, max_value=100),
    ChecklistItemInput("Mic", CheckKind.PROBE, ProbeKind.AUDIO_INPUT, critical=True),
    ChecklistItemInput("Lights", CheckKind.MANUAL),
    ChecklistItemInput("Temperature", CheckKind.VALUE, unit="°C", max_value=35),
)
S = CheckStatus


def _row(status: CheckStatus, critical: bool) -> CheckResultRow:
    return CheckResultRow(1, 1, 0, "x", "", CheckKind.MANUAL, None, critical, "", None, None, status, "", (), "", None)


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ((), PreflightVerdict.GO),
        (((S.PASSED, True), (S.WARNING, True), (S.SKIPPED, True)), PreflightVerdict.GO),
        (((S.FAILED, False), (S.PENDING, False), (S.PASSED, True)), PreflightVerdict.GO),
        (((S.PENDING, True), (S.PASSED, True)), PreflightVerdict.INCOMPLETE),
        (((S.PENDING, True), (S.FAILED, True)), PreflightVerdict.NO_GO),
        (((S.FAILED, True),), PreflightVerdict.NO_GO),
    ],
)
def test_verdict_failed_critical_beats_pending_critical_beats_go(
    results: tuple[tuple[CheckStatus, bool], ...], expected: PreflightVerdict
) -> None:
    assert verdict([_row(status, critical) for status, critical in results]) is expected


def test_measured_numbers_keep_their_order_and_minus_infinity() -> None:
    measured = (("rms_dbfs", float("-inf")), ("peak_dbfs", -6.0), ("device", "声卡 USB"), ("count", 3))
    assert measured_of(measured_json(measured)) == measured
    assert measured_of("not json") == () and measured_of("[1, 2]") == ()
    with pytest.raises(UserError):
        measured_json((("flag", True),))


# --- the service ------------------------------------------------------------------------------------------------
@pytest.fixture
def shows(database: Database, utc_clock) -> Shows:
    return Shows(database.sessions, clock=utc_clock)


@pytest.fixture
def preflight(database: Database, utc_clock) -> Preflight:
    return Preflight(database.sessions, clock=utc_clock, language="en")


def _show(
    shows: Shows, now: datetime, start_in: timedelta | None, status: ShowStatus = ShowStatus.SCHEDULED, title: str = ""
) -> int:
    start = None if start_in is None else now + start_in
    return shows.create_show(ShowInput(title or f"Show {start_in}", planned_start=start, status=status))


@pytest.fixture
def show_id(shows: Shows, utc_clock) -> int:
    return _show(shows, utc_clock(), timedelta(hours=3))


@pytest.fixture
def run_id(preflight: Preflight, show_id: int) -> int:
    return preflight.start_run(show_id, preflight.create_template("Short", ITEMS))


@pytest.mark.parametrize(
    ("typed", "status", "value", "number"),
    [
        ("85", S.PASSED, "85%", 85.0),
        ("85%", S.PASSED, "85%", 85.0),
        (" 85.5 ", S.PASSED, "85.5%", 85.5),
        ("85 %", S.PASSED, "85%", 85.0),
        ("８５％", S.PASSED, "85%", 85.0),
        ("80", S.PASSED, "80%", 80.0),  # the limits themselves pass
        ("100", S.PASSED, "100%", 100.0),
        ("79.9", S.FAILED, "79.9%", 79.9),
        ("100.5", S.FAILED, "100.5%", 100.5),
        ("-5", S.FAILED, "-5%", -5.0),
        (".5", S.FAILED, "0.5%", 0.5),
    ],
)
def test_a_typed_value_is_judged_against_the_items_limits(
    preflight: Preflight, run_id: int, typed: str, status: CheckStatus, value: str, number: float
) -> None:
    battery = preflight.run(run_id).results[0]
    assert preflight.record_value(battery.id, typed) == ResultInput(S.PENDING)
    row = preflight.run(run_id).results[0]
    assert (row.status, row.value, row.measured) == (status, value, (("value", number),))
    assert row.checked_at is not None


@pytest.mark.parametrize("typed", ["abc", "85abc", "8 5", "1e3", "nan", "inf", "85%%", "--5", "85 °C"])
def test_text_that_is_not_a_number_is_refused_and_nothing_written(
    preflight: Preflight, run_id: int, typed: str
) -> None:
    battery = preflight.run(run_id).results[0]
    preflight.record_value(battery.id, "90")
    with pytest.raises(UserError) as raised:
        preflight.record_value(battery.id, typed)
    assert raised.value.code == "preflight.value_not_a_number"
    assert raised.value.fields == {"text": typed.strip()}
    row = preflight.run(run_id).results[0]
    assert (row.status, row.value) == (S.PASSED, "90%")


def test_a_value_with_its_own_unit_and_only_a_maximum(preflight: Preflight, run_id: int) -> None:
    temperature = preflight.run(run_id).results[3]
    preflight.record_value(temperature.id, "36 °C")
    row = preflight.run(run_id).results[3]
    assert (row.status, row.value) == (S.FAILED, "36 °C")
    preflight.record_value(temperature.id, "-10")
    assert preflight.run(run_id).results[3].status is S.PASSED


def test_clearing_a_value_makes_it_pending_and_keeps_the_note(preflight: Preflight, run_id: int) -> None:
    battery = preflight.run(run_id).results[0]
    preflight.record(battery.id, ResultInput(S.FAILED, "50%", (("value", 50.0),), "charging"))
    previous = preflight.record_value(battery.id, "  ")
    assert previous == ResultInput(S.FAILED, "50%", (("value", 50.0),), "charging")
    row = preflight.run(run_id).results[0]
    assert (row.status, row.value, row.note, row.checked_at) == (S.PENDING, "", "charging", None)
    preflight.record_value(battery.id, "95")
    assert preflight.run(run_id).results[0].note == "charging"


def test_only_value_items_take_a_typed_value(preflight: Preflight, run_id: int) -> None:
    mic = preflight.run(run_id).results[1]
    with pytest.raises(UserError) as raised:
        preflight.record_value(mic.id, "85")
    assert raised.value.code == "preflight.not_a_value_item"


# --- going live -----------------------------------------------------------------------------------------------------
def test_go_check_without_a_run(preflight: Preflight, show_id: int) -> None:
    check = preflight.go_check(show_id)
    assert (check.run_id, check.verdict, check.failed_critical, check.needs_override) == (None, None, (), False)


def test_go_check_with_a_failed_critical_needs_an_override_with_a_reason(
    preflight: Preflight, show_id: int, run_id: int, utc_clock
) -> None:
    _, mic, lights, _ = preflight.run(run_id).results
    preflight.record(mic.id, ResultInput(S.FAILED))
    preflight.record(lights.id, ResultInput(S.FAILED))
    check = preflight.go_check(show_id)
    assert check.run_id == run_id and check.verdict is PreflightVerdict.NO_GO
    assert check.failed_critical == ("Mic",) and check.pending_critical == ("Battery",)
    assert check.needs_override and not check.already_overridden

    for reason in ("", "   \n"):
        with pytest.raises(UserError) as raised:
            preflight.override(run_id, reason)
        assert raised.value.code == "preflight.override_reason_missing"
    assert preflight.run(run_id).overridden_at is None

    utc_clock.advance(minutes=2)
    preflight.override(run_id, "  Backup mic in use ")
    run = preflight.run(run_id)
    assert (run.override_reason, run.overridden_at) == ("Backup mic in use", utc_clock())
    check = preflight.go_check(show_id)
    assert check.already_overridden and not check.needs_override
    assert check.verdict is PreflightVerdict.NO_GO  # the override is logged, the verdict stays
    assert preflight.runs(show_id)[0].override_reason == "Backup mic in use"


def test_go_check_follows_the_latest_run(preflight: Preflight, show_id: int, run_id: int, utc_clock) -> None:
    mic = preflight.run(run_id).results[1]
    preflight.record(mic.id, ResultInput(S.FAILED))
    preflight.finish_run(run_id)
    utc_clock.advance(minutes=10)
    newer = preflight.start_run(show_id)
    check = preflight.go_check(show_id)
    assert check.run_id == newer and check.verdict is PreflightVerdict.INCOMPLETE and check.failed_critical == ()
    for result in preflight.run(newer).results:
        preflight.record(result.id, ResultInput(S.PASSED, "90") if result.kind is not CheckKind.VALUE else result_90())
    check = preflight.go_check(show_id)
    assert check.verdict is PreflightVerdict.GO and not check.needs_override


def result_90() -> ResultInput:
    return ResultInput(S.PASSED, "90%", (("value", 90.0),))


def test_an_override_reason_has_a_limit(preflight: Preflight, run_id: int) -> None:
    with pytest.raises(UserError) as raised:
        preflight.override(run_id, "x" * 1001)
    assert raised.value.code == "preflight.override_reason_too_long"


# --- due ----------------------------------------------------------------------------------------------------------
def test_due_at_its_boundaries(preflight: Preflight, shows: Shows, utc_clock) -> None:
    now = utc_clock()
    at_start = _show(shows, now, timedelta(0), title="starts now")  # now < start fails: not due any more
    just_inside = _show(shows, now, timedelta(minutes=150), title="due exactly now")
    inside = _show(shows, now, timedelta(minutes=30), title="due two hours ago")
    _show(shows, now, timedelta(minutes=151), title="not yet")
    _show(shows, now, timedelta(minutes=-5), title="started")
    _show(shows, now, timedelta(minutes=60), ShowStatus.DRAFT, title="draft")
    _show(shows, now, timedelta(minutes=60), ShowStatus.CANCELLED, title="cancelled")
    _show(shows, now, None, ShowStatus.DRAFT, title="undated")
    due = preflight.due(150)
    assert [d.show_id for d in due] == [inside, just_inside]
    first, second = due
    assert first.due_at == now + timedelta(minutes=30 - 150) and first.overdue and first.run_id is None
    assert second.due_at == now and not second.overdue  # due has come, not passed
    assert second.planned_start == now + timedelta(minutes=150) and second.show_title == "due exactly now"
    assert at_start not in [d.show_id for d in preflight.due(150)]
    assert [d.show_id for d in preflight.due(30)] == [inside]
    assert preflight.due(0) == ()


def test_a_finished_go_run_ends_due_but_an_unfinished_or_no_go_one_does_not(
    preflight: Preflight, shows: Shows, utc_clock
) -> None:
    show_id = _show(shows, utc_clock(), timedelta(minutes=60))
    template_id = preflight.create_template("Manual", (ChecklistItemInput("Lights", CheckKind.MANUAL, critical=True),))
    run_id = preflight.start_run(show_id, template_id)
    (lights,) = preflight.run(run_id).results
    assert [d.run_id for d in preflight.due(150)] == [run_id]
    preflight.record(lights.id, ResultInput(S.FAILED))
    preflight.finish_run(run_id)
    assert [d.run_id for d in preflight.due(150)] == [run_id]  # NO-GO: still due
    preflight.reopen_run(run_id)
    preflight.record(lights.id, ResultInput(S.PASSED))
    assert [d.show_id for d in preflight.due(150)] == [show_id]  # GO but not finished
    preflight.finish_run(run_id)
    assert preflight.due(150) == ()
    preflight.reopen_run(run_id)  # undo of finishing
    assert [d.show_id for d in preflight.due(150)] == [show_id]
