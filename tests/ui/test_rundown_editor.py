"""The run-of-show editor on real services over a fresh SQLite file: reorder, edit, delete, undo, conflicts,
templates and the product picker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import product
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from streamdesk.app import Services
from streamdesk.core.catalogue_types import StockReason
from streamdesk.core.show_types import ConflictCode, SegmentInput, SegmentKind, ShowInput
from streamdesk.ui.pages.shows.product_picker import ProductPickerDialog
from streamdesk.ui.pages.shows.rundown_editor import RundownEditor
from streamdesk.ui.pages.shows.rundown_model import RundownColumn
from streamdesk.ui.pages.shows.script_templates import ScriptTemplate
from streamdesk.ui.pages.shows.segment_labels import format_clock, parse_clock, parse_duration
from streamdesk.ui.tasks import TaskRunner

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def segment(title: str, minutes: float, **extra: object) -> SegmentInput:
    fields: dict[str, object] = {"kind": SegmentKind.PITCH, "title": title, "planned_seconds": int(minutes * 60)}
    fields.update(extra)
    return SegmentInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def seeded(services: Services) -> dict[str, int]:
    """Two products (one with a crib sheet, one out of stock) and a one-hour show of three segments."""
    catalogue, shows = services.catalogue, services.shows
    fan = catalogue.create_product(
        product("Desk fan", "FAN-01", price=12900, cost=6000, stock=8, talking_points="Quiet: 25 dB at night.")
    )
    tea = catalogue.create_product(product("Green tea", "TEA-500", price=3900, stock=0))
    fan_variant = catalogue.get_product(fan).variants[0].id
    tea_variant = catalogue.get_product(tea).variants[0].id
    show_id = shows.create_show(ShowInput(title="Summer sale", planned_start=START, planned_seconds=3600))
    for position, item in enumerate(
        (
            segment("Welcome", 5, kind=SegmentKind.OPENING),
            segment("Fan pitch", 10, variant_ids=(fan_variant,), talking_points="Show the remote."),
            segment("Q&A", 5, kind=SegmentKind.INTERACTION),
        )
    ):
        shows.insert_segment(show_id, position, item)
    return {"show": show_id, "fan": fan_variant, "tea": tea_variant}


@pytest.fixture
def editor(qtbot, services: Services, runner: TaskRunner, seeded: dict[str, int]) -> Iterator[RundownEditor]:
    widget = RundownEditor(services.shows, services.catalogue, runner)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.set_show(seeded["show"])
    yield widget


def shown(qtbot, editor: RundownEditor) -> None:
    """Keys reach shortcuts only in a shown window."""
    editor.show()
    qtbot.waitExposed(editor)
    editor.windowHandle().requestActivate()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    editor.table.setFocus()


def titles(editor: RundownEditor) -> list[str]:
    return [editor.model.segment(row).title for row in range(editor.model.rowCount())]


def cell(editor: RundownEditor, row: int, column: RundownColumn) -> str:
    return str(editor.model.index(row, int(column)).data())


def local(moment: datetime) -> str:
    return format_clock(moment)


def test_models_pass_the_model_tester(
    qtbot, qtmodeltester, editor: RundownEditor, services: Services, seeded: dict[str, int]
) -> None:
    qtmodeltester.check(editor.model)
    editor.select_row(1)
    qtmodeltester.check(editor.panel.products_model)
    dialog = ProductPickerDialog(services.catalogue, (seeded["fan"],))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)


def test_the_table_shows_back_timed_times_products_and_thresholds(editor: RundownEditor) -> None:
    assert titles(editor) == ["Welcome", "Fan pitch", "Q&A"]
    assert cell(editor, 1, RundownColumn.TIME) == (
        f"{local(START + timedelta(minutes=5))}–{local(START + timedelta(minutes=15))}"
    )
    assert cell(editor, 1, RundownColumn.DURATION) == "10:00"
    assert cell(editor, 1, RundownColumn.PRODUCTS) == "Desk fan · ¥129.00 · stock 8"
    assert cell(editor, 0, RundownColumn.THRESHOLDS) == "2:00 / 1:00"
    assert cell(editor, 0, RundownColumn.KIND) == "Opening"
    assert editor.footer.total_text() == "Total 20:00 of 60:00 planned: 40:00 under."


def test_drag_and_drop_reorders_through_the_service_and_undo_restores(
    editor: RundownEditor, services: Services, seeded: dict[str, int]
) -> None:
    model = editor.model
    mime = model.mimeData([model.index(2, 0)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert titles(editor) == ["Q&A", "Welcome", "Fan pitch"]
    assert [s.title for s in services.shows.rundown(seeded["show"]).segments] == ["Q&A", "Welcome", "Fan pitch"]
    assert editor.selected_rows() == [0]
    editor.undo_stack().undo()
    assert titles(editor) == ["Welcome", "Fan pitch", "Q&A"]
    assert [s.title for s in services.shows.rundown(seeded["show"]).segments] == ["Welcome", "Fan pitch", "Q&A"]
    editor.undo_stack().redo()
    assert titles(editor) == ["Q&A", "Welcome", "Fan pitch"]


def test_a_drop_on_the_view_goes_before_the_row_under_it(qtbot, editor: RundownEditor) -> None:
    shown(qtbot, editor)
    table, model = editor.table, editor.model
    upper_half_of_first = table.visualRect(model.index(0, 3)).center() - QPoint(0, 5)
    dragged = model.mimeData([model.index(2, 0)])  # kept alive here: the event does not own it
    event = QDropEvent(
        QPointF(upper_half_of_first),
        Qt.DropAction.MoveAction,
        dragged,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    table.dropEvent(event)
    assert event.dropAction() == Qt.DropAction.IgnoreAction  # Qt must not remove the dragged rows itself
    assert titles(editor) == ["Q&A", "Welcome", "Fan pitch"]
    lower_half_of_second = table.visualRect(model.index(1, 3)).center() + QPoint(0, 5)
    assert table.row_for_drop(lower_half_of_second) == 2
    assert table.row_for_drop(QPoint(5, table.viewport().height() - 2)) == 3  # below the rows: the end


def test_move_rows_and_keyboard_moves_are_single_undo_steps(qtbot, editor: RundownEditor) -> None:
    shown(qtbot, editor)
    model = editor.model
    assert model.moveRows(QModelIndex(), 0, 2, QModelIndex(), 3)  # Welcome and Fan pitch after Q&A
    assert titles(editor) == ["Q&A", "Welcome", "Fan pitch"]
    assert editor.selected_rows() == [1, 2]
    editor.undo_stack().undo()
    assert titles(editor) == ["Welcome", "Fan pitch", "Q&A"]
    editor.select_row(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(editor) == ["Fan pitch", "Welcome", "Q&A"]
    assert editor.selected_rows() == [1]
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(editor) == ["Welcome", "Fan pitch", "Q&A"]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(editor) == ["Fan pitch", "Welcome", "Q&A"]
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert titles(editor) == ["Welcome", "Fan pitch", "Q&A"]


def test_inline_duration_edit_moves_the_later_times_and_undo_puts_them_back(editor: RundownEditor) -> None:
    model = editor.model
    later = f"{local(START + timedelta(minutes=15))}–{local(START + timedelta(minutes=20))}"
    assert cell(editor, 2, RundownColumn.TIME) == later
    assert model.setData(model.index(0, int(RundownColumn.DURATION)), "7:30")
    assert cell(editor, 0, RundownColumn.DURATION) == "7:30"
    shifted = f"{local(START + timedelta(minutes=17, seconds=30))}–{local(START + timedelta(minutes=22, seconds=30))}"
    assert cell(editor, 2, RundownColumn.TIME) == shifted
    editor.undo_stack().undo()
    assert cell(editor, 0, RundownColumn.DURATION) == "5:00"
    assert cell(editor, 2, RundownColumn.TIME) == later


def test_unreadable_duration_is_refused_with_a_sentence(editor: RundownEditor) -> None:
    model = editor.model
    assert not model.setData(model.index(0, int(RundownColumn.DURATION)), "five")
    assert "is not a duration" in editor.messages.text()
    assert editor.undo_stack().count() == 0


def test_inline_kind_title_and_thresholds_edits(editor: RundownEditor, services: Services, seeded) -> None:
    model = editor.model
    assert model.setData(model.index(2, int(RundownColumn.KIND)), SegmentKind.GIVEAWAY.value)
    assert model.setData(model.index(2, int(RundownColumn.TITLE)), "  Lucky bag  ")
    assert model.setData(model.index(2, int(RundownColumn.THRESHOLDS)), "3:00 / 0:30")
    row = services.shows.rundown(seeded["show"]).segments[2]
    assert (row.kind, row.title, row.warn_seconds, row.danger_seconds) == (SegmentKind.GIVEAWAY, "Lucky bag", 180, 30)
    assert not model.setData(model.index(2, int(RundownColumn.THRESHOLDS)), "0:30 / 3:00")  # warn must exceed danger
    assert editor.messages.text()
    assert editor.undo_stack().count() == 3


def test_delete_and_undo_bring_back_products_and_talking_points(
    qtbot, editor: RundownEditor, services: Services, seeded: dict[str, int]
) -> None:
    shown(qtbot, editor)
    editor.select_row(1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert titles(editor) == ["Welcome", "Q&A"]
    editor.undo_stack().undo()
    restored = services.shows.rundown(seeded["show"]).segments[1]
    assert restored.title == "Fan pitch"
    assert [p.variant_id for p in restored.products] == [seeded["fan"]]
    assert restored.talking_points == "Show the remote."
    assert editor.selected_rows() == [1]
    editor.undo_stack().redo()
    assert titles(editor) == ["Welcome", "Q&A"]


def test_fixed_start_that_cannot_be_reached_is_flagged(editor: RundownEditor) -> None:
    model = editor.model
    too_early = START + timedelta(minutes=10)  # Q&A follows 15 minutes of segments
    assert model.setData(model.index(2, int(RundownColumn.FIXED_START)), local(too_early))
    assert editor.model.segment(2).fixed_start == too_early
    assert [c.code for c in editor.model.conflicts_of(2)] == [ConflictCode.FIXED_START_UNREACHABLE]
    assert model.index(2, int(RundownColumn.NUMBER)).data(Qt.ItemDataRole.DecorationRole) is not None
    tip = model.index(2, int(RundownColumn.FIXED_START)).data(Qt.ItemDataRole.ToolTipRole)
    assert "cannot start at its fixed time" in tip and "5:00 too late" in tip
    assert any(text.startswith("3. ") and "Q&A" in text for text in editor.footer.conflict_texts())
    editor.select_row(0)
    editor.footer.conflicts.itemClicked.emit(editor.footer.conflicts.item(0))
    assert editor.selected_rows() == [2]


def test_a_later_fixed_start_shows_the_wait(editor: RundownEditor) -> None:
    model = editor.model
    assert model.setData(model.index(2, int(RundownColumn.FIXED_START)), local(START + timedelta(minutes=20)))
    start, end = local(START + timedelta(minutes=20)), local(START + timedelta(minutes=25))
    assert cell(editor, 2, RundownColumn.TIME) == f"{start}–{end} (+5:00 wait)"
    assert not editor.model.conflicts_of(2)
    assert model.setData(model.index(2, int(RundownColumn.FIXED_START)), "")
    assert editor.model.segment(2).fixed_start is None


def test_out_of_stock_product_is_highlighted(editor: RundownEditor, seeded: dict[str, int]) -> None:
    assert editor.link_products(2, [seeded["tea"]])
    index = editor.model.index(2, int(RundownColumn.PRODUCTS))
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert [c.code for c in editor.model.conflicts_of(2)] == [ConflictCode.OUT_OF_STOCK]
    assert "out of stock" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_script_templates_insert_segments_after_the_selection(editor: RundownEditor) -> None:
    editor.select_row(0)
    editor.insert_template(ScriptTemplate.FOLLOW)
    assert titles(editor)[1] == "Follow and join the fan club"
    inserted = editor.model.segment(1)
    assert inserted.kind == SegmentKind.INTERACTION and "follow" in inserted.talking_points
    editor.select_row(3)
    for template in (ScriptTemplate.NEXT_SHOW, ScriptTemplate.CLOSING):
        editor.insert_template(template)
    assert titles(editor)[-2:] == ["Next show preview", "Thanks and goodbye"]
    assert editor.undo_stack().count() == 3
    editor.undo_stack().undo()
    assert titles(editor)[-1] == "Next show preview"


def test_next_show_preview_names_the_next_show(editor: RundownEditor, services: Services) -> None:
    services.shows.create_show(ShowInput(title="Autumn picks", planned_start=START + timedelta(days=3)))
    editor.select_row(2)
    editor.insert_template(ScriptTemplate.NEXT_SHOW)
    assert "“Autumn picks”" in editor.model.segment(3).talking_points


def test_insert_key_adds_a_segment_and_starts_editing_its_title(qtbot, editor: RundownEditor) -> None:
    shown(qtbot, editor)
    editor.select_row(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert titles(editor) == ["Welcome", "New segment", "Fan pitch", "Q&A"]
    assert editor.table.state() == editor.table.State.EditingState
    editor.duplicate_selected()
    assert titles(editor) == ["Welcome", "New segment", "New segment", "Fan pitch", "Q&A"]


def test_product_picker_adds_a_sku_and_prefills_empty_talking_points(
    qtbot, editor: RundownEditor, services: Services, seeded: dict[str, int]
) -> None:
    dialog = ProductPickerDialog(services.catalogue, ())
    qtbot.addWidget(dialog)
    dialog.search("FAN")
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 3).data() == "¥129.00"
    assert dialog.select_sku("FAN-01")
    assert dialog.selected_variant_ids() == (seeded["fan"],)
    assert editor.link_products(0, dialog.selected_variant_ids())
    welcome = services.shows.rundown(seeded["show"]).segments[0]
    assert [p.sku_code for p in welcome.products] == ["FAN-01"]
    assert welcome.talking_points == "Desk fan\nQuiet: 25 dB at night."
    editor.undo_stack().undo()
    welcome = services.shows.rundown(seeded["show"]).segments[0]
    assert (welcome.products, welcome.talking_points) == ((), "")


def test_picker_greys_out_skus_already_in_the_segment(qtbot, services: Services, seeded: dict[str, int]) -> None:
    dialog = ProductPickerDialog(services.catalogue, (seeded["fan"],))
    qtbot.addWidget(dialog)
    dialog.search("")
    assert dialog.model.rowCount() == 2
    assert not dialog.select_sku("FAN-01")
    assert dialog.select_sku("TEA-500")


def test_side_panel_edits_talking_points_as_one_undo_step(qtbot, editor: RundownEditor, services, seeded) -> None:
    shown(qtbot, editor)
    editor.select_row(1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.panel.talking_points
    editor.panel.talking_points.setPlainText("Show the remote, then the timer.")
    editor.panel.commit_pending()
    assert services.shows.rundown(seeded["show"]).segments[1].talking_points == "Show the remote, then the timer."
    editor.undo_stack().undo()
    assert services.shows.rundown(seeded["show"]).segments[1].talking_points == "Show the remote."
    assert editor.panel.talking_points.toPlainText() == "Show the remote."


def test_switching_shows_clears_the_history_and_empty_rundowns_say_what_to_do(
    editor: RundownEditor, services: Services
) -> None:
    editor.model.setData(editor.model.index(0, int(RundownColumn.TITLE)), "Hello")
    assert editor.undo_stack().count() == 1
    empty = services.shows.create_show(ShowInput(title="Empty", planned_start=START))
    editor.set_show(empty)
    assert editor.undo_stack().count() == 0
    assert editor.stack.is_showing_empty_state()
    editor.set_show(None)
    assert editor.stack.is_showing_empty_state()
    assert not editor.editor_actions.insert_segment.isEnabled()


def test_stock_changes_elsewhere_show_after_refresh(editor: RundownEditor, services: Services, seeded) -> None:
    services.catalogue.adjust_stock([(seeded["fan"], -8)], StockReason.ADJUSTMENT)
    editor.refresh()
    assert [c.code for c in editor.model.conflicts_of(1)] == [ConflictCode.OUT_OF_STOCK]


def test_typed_durations_follow_one_another(editor: RundownEditor) -> None:
    """Each duration typed is saved and shown before the next (how fast: tests/bench/bench_rundown_edit.py)."""
    model = editor.model
    for seconds in ("6:00", "7:00", "8:00", "9:00", "10:00"):
        assert model.setData(model.index(0, int(RundownColumn.DURATION)), seconds)
        assert model.segment(0).planned_seconds == parse_duration(seconds)
    assert editor.undo_stack().count() == 5


@pytest.mark.parametrize(
    ("text", "seconds"), [("4:30", 270), ("5", 300), ("1:05:00", 3900), ("0：45", 45), ("4:75", None), ("x", None)]
)
def test_parse_duration(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(("text", "clock"), [("20:00", (20, 0)), ("8:05", (8, 5)), ("2030", (20, 30)), ("25:00", None)])
def test_parse_clock(text: str, clock: tuple[int, int] | None) -> None:
    assert parse_clock(text) == clock
