"""The rundown editor warns about a plan its seller's history says is unrealistic: each segment of a kind that
habitually runs far from its plan, and the whole show, from the assistant's pacing (core.advice_pacing). A
dismissed pacing suggestion is not warned about; without history there is no warning."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from history_support import stream
from page_support import *  # noqa: F403 - english (autouse), services, runner

from streamdesk.app import Services
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.db import Database
from streamdesk.ui.pages.shows.rundown_editor import RundownEditor
from streamdesk.ui.tasks import TaskRunner

START = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)


def overrunning_history(database: Database) -> None:
    """Three shows whose one-hour pitch, the whole show, ran 2.5 h: pitches and shows run ×2.5 their plan."""
    for i, day in enumerate((5, 6, 7)):
        stream(database, f"Past{i}", datetime(2026, 1, day, 20, 0, tzinfo=UTC), 9000, 100_000, 10_000)


@pytest.fixture
def show_id(services: Services) -> int:
    shows = services.shows
    show_id = shows.create_show(ShowInput(title="Spring sale", planned_start=START, planned_seconds=1800))
    for position, item in enumerate(
        (
            SegmentInput(SegmentKind.OPENING, "Welcome", 300),
            SegmentInput(SegmentKind.PITCH, "Scarf pitch", 600),
            SegmentInput(SegmentKind.PITCH, "Hat pitch", 900),
        )
    ):
        shows.insert_segment(show_id, position, item)
    return show_id


def editor_for(qtbot, services: Services, runner: TaskRunner, show_id: int) -> RundownEditor:
    editor = RundownEditor(services.shows, services.catalogue, runner, pacing=services.advice.pacing_check)
    qtbot.addWidget(editor)
    editor.set_show(show_id)
    qtbot.waitUntil(lambda: editor.pacing() is not None, timeout=20_000)  # read as a task
    return editor


def test_segments_of_an_overrunning_kind_and_the_show_are_warned_about(
    qtbot, services: Services, runner: TaskRunner, database: Database, show_id: int
) -> None:
    overrunning_history(database)

    editor = editor_for(qtbot, services, runner, show_id)

    assert editor.footer.pacing_texts() == [
        "Product pitch segments take you ×2.5 their plan (3 segments): here #2, #3, 25:00 planned, expect about 62:30.",
        "Your shows run ×2.5 their plan (3 shows): this rundown's 30:00 may take about 75:00.",
    ]
    assert editor.footer.conflicts.isVisibleTo(editor)
    editor.select_row(0)
    editor.footer.conflicts.itemClicked.emit(editor.footer.conflicts.item(0))
    assert editor.selected_rows() == [1]  # the first pitch it is about


def test_a_dismissed_habit_is_not_warned_about(
    qtbot, services: Services, runner: TaskRunner, database: Database, show_id: int
) -> None:
    overrunning_history(database)
    report = services.advice.report()
    pitch = next(s for s in report.suggestions if s.key == "pacing:pitch")
    services.advice.dismiss(pitch)

    editor = editor_for(qtbot, services, runner, show_id)

    assert editor.footer.pacing_texts() == [
        "Your shows run ×2.5 their plan (3 shows): this rundown's 30:00 may take about 75:00."
    ]


def test_without_history_there_is_no_warning(qtbot, services: Services, runner: TaskRunner, show_id: int) -> None:
    editor = editor_for(qtbot, services, runner, show_id)

    assert editor.footer.pacing_texts() == []
    assert not editor.footer.conflicts.isVisibleTo(editor)
