"""The pre-flight service on a real SQLite file: templates (the built-in default seeded once), runs, results and
their undo, typed values, finishing and reopening."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import text

from streamdesk.core.errors import UserError
from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_defaults import DEFAULT_ITEMS, DEFAULT_NAMES
from streamdesk.core.preflight_types import ChecklistItemInput, ResultInput
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind

ITEMS = (
    ChecklistItemInput("Battery", CheckKind.VALUE, critical=True, unit="%", min_value=80),
    ChecklistItemInput("Mic", CheckKind.PROBE, ProbeKind.AUDIO_INPUT, critical=True),
    ChecklistItemInput("Lights", CheckKind.MANUAL),
)


@pytest.fixture
def preflight(database: Database, utc_clock) -> Preflight:
    return Preflight(database.sessions, clock=utc_clock, language="en")


@pytest.fixture
def show_id(database: Database, utc_clock) -> int:
    shows = Shows(database.sessions, clock=utc_clock)
    start = utc_clock() + timedelta(hours=3)
    return shows.create_show(ShowInput("Evening show", planned_start=start, status=ShowStatus.SCHEDULED))


def _count(database: Database, table: str) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


# --- templates ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_built_in_default_is_saved_once_in_the_language(database: Database, utc_clock, language: str) -> None:
    preflight = Preflight(database.sessions, clock=utc_clock, language=language)
    first = preflight.templates()
    again = Preflight(database.sessions, clock=utc_clock, language="en" if language == "zh_CN" else "zh_CN")
    assert again.templates() == first
    assert len(first) == 1
    (default,) = first
    assert default.is_default and default.name == DEFAULT_NAMES[language]
    assert default.items == DEFAULT_ITEMS[language]
    assert _count(database, "checklist_templates") == 1
    assert _count(database, "checklist_items") == len(DEFAULT_ITEMS[language])


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_default_checks_what_the_issue_asks_with_the_critical_ones_marked(language: str) -> None:
    items = DEFAULT_ITEMS[language]
    assert len(items) == 17  # the script check (issue 12) is the 17th
    probes = {item.probe: item for item in items if item.kind is CheckKind.PROBE}
    assert set(probes) == set(ProbeKind)
    critical = {item.probe for item in items if item.critical and item.probe is not None}
    assert critical == {ProbeKind.AUDIO_INPUT, ProbeKind.NETWORK, ProbeKind.TEST_CHECKOUT}
    assert not probes[ProbeKind.VIDEO].critical
    (battery,) = [item for item in items if item.kind is CheckKind.VALUE]
    assert battery.critical and battery.unit == "%" and battery.min_value == 80
    assert all(item.title and item.hint for item in items)
    assert len({item.title for item in items}) == len(items)


def test_the_default_items_of_both_languages_match_one_for_one() -> None:
    for zh, en in zip(DEFAULT_ITEMS["zh_CN"], DEFAULT_ITEMS["en"], strict=True):
        assert (zh.kind, zh.probe, zh.critical, zh.unit, zh.min_value) == (
            en.kind,
            en.probe,
            en.critical,
            en.unit,
            en.min_value,
        )


def test_create_update_delete_and_restore_a_template(preflight: Preflight) -> None:
    default = preflight.templates()[0]
    new_id = preflight.create_template("  Short   check ", ITEMS)
    created = preflight.template(new_id)
    assert created.name == "Short check" and not created.is_default and created.items == ITEMS

    edited = (replace(ITEMS[2], title="Ring light", hint="  On  "), ITEMS[0])
    previous = preflight.update_template(new_id, "Short", edited)
    assert previous == created
    assert preflight.template(new_id).items == (replace(ITEMS[2], title="Ring light", hint="On"), ITEMS[0])
    preflight.update_template(new_id, previous.name, previous.items)  # undo
    assert preflight.template(new_id) == created

    removed = preflight.delete_template(new_id)
    assert removed == created
    assert [t.id for t in preflight.templates()] == [default.id]
    restored = preflight.restore_template(removed)
    assert replace(preflight.template(restored), id=new_id) == created


def test_the_last_template_cannot_be_deleted(preflight: Preflight) -> None:
    (default,) = preflight.templates()
    with pytest.raises(UserError) as raised:
        preflight.delete_template(default.id)
    assert raised.value.code == "preflight.last_template"
    assert preflight.templates() == (default,)


def test_deleting_the_default_passes_it_on_and_restoring_takes_it_back(preflight: Preflight) -> None:
    (default,) = preflight.templates()
    other = preflight.create_template("Other", ITEMS)
    removed = preflight.delete_template(default.id)
    assert [(t.id, t.is_default) for t in preflight.templates()] == [(other, True)]
    restored = preflight.restore_template(removed)
    assert {t.id: t.is_default for t in preflight.templates()} == {other: False, restored: True}


def test_set_default_returns_the_previous_one(preflight: Preflight) -> None:
    (default,) = preflight.templates()
    other = preflight.create_template("Other", ITEMS)
    assert preflight.set_default(other) == default.id
    assert [t.id for t in preflight.templates() if t.is_default] == [other]
    assert preflight.set_default(default.id) == other  # undo
    assert [t.id for t in preflight.templates() if t.is_default] == [default.id]


@pytest.mark.parametrize(
    ("name", "items", "code"),
    [
        ("  ", ITEMS, "preflight.template_name_missing"),
        ("x" * 101, ITEMS, "preflight.template_name_too_long"),
        ("Standard PRE-FLIGHT", ITEMS, "preflight.template_name_taken"),
        ("New", (), "preflight.template_no_items"),
        ("New", (ChecklistItemInput("  ", CheckKind.MANUAL),), "preflight.item_title_missing"),
        ("New", (ChecklistItemInput("Mic", CheckKind.PROBE),), "preflight.item_probe_missing"),
        ("New", (ChecklistItemInput("Mic", CheckKind.MANUAL, ProbeKind.NETWORK),), "preflight.item_probe_unexpected"),
        (
            "New",
            (ChecklistItemInput("Battery", CheckKind.VALUE, min_value=90, max_value=80),),
            "preflight.item_limits_reversed",
        ),
        (
            "New",
            (ChecklistItemInput("Battery", CheckKind.VALUE, min_value=float("nan")),),
            "preflight.item_limit_invalid",
        ),
    ],
)
def test_a_template_is_refused_with_a_reason_and_nothing_saved(
    preflight: Preflight, database: Database, name: str, items: tuple[ChecklistItemInput, ...], code: str
) -> None:
    preflight.templates()
    before = _count(database, "checklist_items")
    with pytest.raises(UserError) as raised:
        preflight.create_template(name, items)
    assert raised.value.code == code
    assert _count(database, "checklist_templates") == 1
    assert _count(database, "checklist_items") == before


def test_limits_and_units_are_kept_on_value_items_only(preflight: Preflight) -> None:
    odd = ChecklistItemInput("Lights", CheckKind.MANUAL, unit="%", min_value=1, max_value=2)
    template_id = preflight.create_template("Odd", (odd, ChecklistItemInput("Temp", CheckKind.VALUE, min_value=5)))
    lights, temp = preflight.template(template_id).items
    assert (lights.unit, lights.min_value, lights.max_value) == ("", None, None)
    assert temp.min_value == 5.0 and temp.max_value is None


def test_renaming_to_another_templates_name_is_refused_but_keeping_its_own_is_fine(preflight: Preflight) -> None:
    (default,) = preflight.templates()
    other = preflight.create_template("Other", ITEMS)
    preflight.update_template(other, "OTHER", ITEMS)
    with pytest.raises(UserError) as raised:
        preflight.update_template(other, default.name, ITEMS)
    assert raised.value.code == "preflight.template_name_taken"


def test_unknown_ids_are_reported(preflight: Preflight) -> None:
    for call, code in (
        (lambda: preflight.template(999), "preflight.template_not_found"),
        (lambda: preflight.start_run(999), "shows.not_found"),
        (lambda: preflight.run(999), "preflight.run_not_found"),
        (lambda: preflight.record(999, ResultInput(CheckStatus.PASSED)), "preflight.result_not_found"),
        (lambda: preflight.finish_run(999), "preflight.run_not_found"),
        (lambda: preflight.runs(999), "shows.not_found"),
    ):
        with pytest.raises(UserError) as raised:
            call()
        assert raised.value.code == code


# --- runs ---------------------------------------------------------------------------------------------------------
def test_a_run_copies_the_default_items_all_pending(preflight: Preflight, show_id: int, utc_clock) -> None:
    run_id = preflight.start_run(show_id)
    run = preflight.run(run_id)
    assert run.show_title == "Evening show" and run.template_name == DEFAULT_NAMES["en"]
    assert run.started_at == utc_clock() and run.finished_at is None
    assert run.verdict is PreflightVerdict.INCOMPLETE
    assert [r.title for r in run.results] == [item.title for item in DEFAULT_ITEMS["en"]]
    assert {r.status for r in run.results} == {CheckStatus.PENDING}
    assert all(r.checked_at is None and r.measured == () for r in run.results)
    assert len(run.pending_critical) == 4


def test_editing_the_template_leaves_a_started_run_alone(preflight: Preflight, show_id: int) -> None:
    template_id = preflight.create_template("Short", ITEMS)
    run_id = preflight.start_run(show_id, template_id)
    preflight.update_template(template_id, "Renamed", ITEMS[:1])
    preflight.delete_template(template_id)
    run = preflight.run(run_id)
    assert run.template_name == "Short"
    assert [r.title for r in run.results] == ["Battery", "Mic", "Lights"]
    assert run.results[1].probe is ProbeKind.AUDIO_INPUT and run.results[0].min_value == 80


def test_record_stamps_the_time_and_returns_the_previous_result(preflight: Preflight, show_id: int, utc_clock) -> None:
    run_id = preflight.start_run(show_id, preflight.create_template("Short", ITEMS))
    mic = preflight.run(run_id).results[1]
    measured = (("peak_dbfs", -12.5), ("rms_dbfs", float("-inf")), ("device", "USB mic"))
    heard = ResultInput(CheckStatus.PASSED, "-12.5 dBFS peak", measured, "  new cable ")
    utc_clock.advance(minutes=5)
    assert preflight.record(mic.id, heard) == ResultInput(CheckStatus.PENDING)
    row = preflight.run(run_id).results[1]
    assert (row.status, row.value, row.measured, row.note) == (CheckStatus.PASSED, heard.value, measured, "new cable")
    assert row.checked_at == utc_clock()

    utc_clock.advance(minutes=1)
    again = ResultInput(CheckStatus.WARNING, "-31 dBFS peak", (("peak_dbfs", -31.0),))
    previous = preflight.record(mic.id, again)
    assert previous == replace(heard, note="new cable")
    assert preflight.record(mic.id, previous) == again  # undo gives back the redo
    assert preflight.run(run_id).results[1].measured == measured


def test_recording_pending_clears_the_checked_time(preflight: Preflight, show_id: int) -> None:
    run_id = preflight.start_run(show_id)
    lights = preflight.run(run_id).results[2]
    preflight.record(lights.id, ResultInput(CheckStatus.PASSED))
    assert preflight.run(run_id).results[2].checked_at is not None
    preflight.record(lights.id, ResultInput(CheckStatus.PENDING))
    row = preflight.run(run_id).results[2]
    assert row.status is CheckStatus.PENDING and row.checked_at is None


def test_a_note_too_long_is_refused_and_nothing_written(preflight: Preflight, show_id: int) -> None:
    run_id = preflight.start_run(show_id)
    lights = preflight.run(run_id).results[2]
    with pytest.raises(UserError) as raised:
        preflight.record(lights.id, ResultInput(CheckStatus.PASSED, note="x" * 2001))
    assert raised.value.code == "preflight.note_too_long"
    assert preflight.run(run_id).results[2].status is CheckStatus.PENDING


def test_the_stored_verdict_follows_the_results(preflight: Preflight, show_id: int, database: Database) -> None:
    run_id = preflight.start_run(show_id, preflight.create_template("Short", ITEMS))
    battery, mic, lights = preflight.run(run_id).results

    def stored() -> str:
        with database.engine.connect() as conn:
            return str(conn.execute(text("SELECT verdict FROM preflight_runs")).scalar_one())

    assert stored() == "incomplete"
    preflight.record(mic.id, ResultInput(CheckStatus.FAILED))
    assert stored() == "no_go" and preflight.run(run_id).verdict is PreflightVerdict.NO_GO
    preflight.record(mic.id, ResultInput(CheckStatus.WARNING))
    preflight.record_value(battery.id, "80")
    assert stored() == "go"  # the lights are not critical
    preflight.record(lights.id, ResultInput(CheckStatus.FAILED))
    assert stored() == "go"


def test_finish_stores_the_verdict_and_reopen_undoes_it(preflight: Preflight, show_id: int, utc_clock) -> None:
    run_id = preflight.start_run(show_id, preflight.create_template("Short", ITEMS))
    battery = preflight.run(run_id).results[0]
    preflight.record_value(battery.id, "50%")
    utc_clock.advance(minutes=20)
    assert preflight.finish_run(run_id) is PreflightVerdict.NO_GO
    finished = preflight.run(run_id)
    assert finished.finished_at == utc_clock() and [r.title for r in finished.failed_critical] == ["Battery"]
    utc_clock.advance(minutes=1)
    assert preflight.finish_run(run_id) is PreflightVerdict.NO_GO
    assert preflight.run(run_id).finished_at == finished.finished_at  # finished once
    preflight.reopen_run(run_id)
    assert preflight.run(run_id).finished_at is None


def test_runs_history_is_newest_first_with_counts(preflight: Preflight, show_id: int, utc_clock) -> None:
    template_id = preflight.create_template("Short", ITEMS)
    first = preflight.start_run(show_id, template_id)
    battery, mic, lights = preflight.run(first).results
    preflight.record_value(battery.id, "90")
    preflight.record(mic.id, ResultInput(CheckStatus.WARNING))
    preflight.record(lights.id, ResultInput(CheckStatus.FAILED))
    preflight.finish_run(first)
    utc_clock.advance(minutes=30)
    second = preflight.start_run(show_id, template_id)
    history = preflight.runs(show_id)
    assert [s.id for s in history] == [second, first]
    newest, oldest = history
    assert (oldest.passed, oldest.warnings, oldest.failed, oldest.pending) == (1, 1, 1, 0)
    assert oldest.verdict is PreflightVerdict.GO and oldest.finished_at is not None
    assert (newest.pending, newest.verdict, newest.finished_at) == (3, PreflightVerdict.INCOMPLETE, None)
    latest = preflight.latest_run(show_id)
    assert latest is not None and latest.id == second


def test_delete_run_removes_its_results(preflight: Preflight, show_id: int, database: Database) -> None:
    run_id = preflight.start_run(show_id)
    preflight.delete_run(run_id)
    assert preflight.latest_run(show_id) is None
    assert _count(database, "check_results") == 0
    assert preflight.runs(show_id) == ()


def test_a_show_template_gets_no_run(preflight: Preflight, database: Database, utc_clock) -> None:
    shows = Shows(database.sessions, clock=utc_clock)
    template_id = shows.save_as_template(shows.create_show(ShowInput("Base")), "Template")
    with pytest.raises(UserError) as raised:
        preflight.start_run(template_id)
    assert raised.value.code == "preflight.show_is_template"
