"""Rundown files from the editor on real services and real files: CSV export and import through the preview, a
file with a bad row, undo of an import, the PDF host sheet, and the actions' presence and state."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import product
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from streamdesk.app import Services
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.ui.pages.shows import rundown_files
from streamdesk.ui.pages.shows.page import ShowsPage
from streamdesk.ui.pages.shows.rundown_editor import RundownEditor
from streamdesk.ui.pages.shows.rundown_import_dialog import PreviewColumn, RundownImportDialog
from streamdesk.ui.tasks import TaskRunner

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop(services: Services) -> dict[str, int]:
    """A fan and a tea; "Summer sale" with three segments (products, a fixed start); "Winter sale" with one."""
    catalogue, shows = services.catalogue, services.shows
    fan = catalogue.get_product(catalogue.create_product(product("Desk fan", "FAN-01", price=12900))).variants[0].id
    tea = catalogue.get_product(catalogue.create_product(product("Green tea", "TEA-500"))).variants[0].id
    summer = shows.create_show(ShowInput(title="Summer sale", planned_start=START, planned_seconds=3600))
    segments = (
        SegmentInput(kind=SegmentKind.OPENING, title="Welcome", planned_seconds=300, talking_points="Say hello."),
        SegmentInput(
            kind=SegmentKind.PITCH,
            title="Fan and tea",
            planned_seconds=600,
            variant_ids=(fan, tea),
            talking_points="Quiet fan.\nCold tea.",
            promotion_cue="满199减30",
        ),
        SegmentInput(
            kind=SegmentKind.FLASH_SALE,
            title="Flash sale",
            planned_seconds=120,
            fixed_start=START + timedelta(minutes=30),
            flash_sale_seconds=60,
            warn_seconds=90,
            danger_seconds=30,
        ),
    )
    shows.replace_segments(summer, segments)
    winter = shows.create_show(ShowInput(title="Winter sale", planned_start=START, planned_seconds=1800))
    shows.insert_segment(winter, 0, SegmentInput(kind=SegmentKind.BREAK, title="Old plan", planned_seconds=60))
    return {"summer": summer, "winter": winter, "fan": fan, "tea": tea}


@pytest.fixture
def editor(qtbot, services: Services, runner: TaskRunner, shop: dict[str, int]) -> Iterator[RundownEditor]:
    widget = RundownEditor(services.shows, services.catalogue, runner, rundown_io=lambda: services.rundown_io)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.set_show(shop["summer"])
    yield widget


class Answers:
    """Stands in for the file dialogs: records what they were asked, answers with the paths set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save: Path | None = None
        self.open: Path | None = None
        self.suggested: list[str] = []
        self.opened: list[Path] = []
        monkeypatch.setattr(rundown_files, "ask_save_path", self._ask_save)
        monkeypatch.setattr(rundown_files, "ask_open_path", lambda *_args: self.open)
        monkeypatch.setattr(rundown_files, "open_file", self.opened.append)

    def _ask_save(self, _parent: object, _caption: str, suggested: Path, _filter: str) -> Path | None:
        self.suggested.append(suggested.name)
        return self.save


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


def inputs(services: Services, show_id: int) -> tuple[SegmentInput, ...]:
    return tuple(segment.to_input() for segment in services.shows.rundown(show_id).segments)


def open_preview(qtbot, editor: RundownEditor) -> RundownImportDialog:
    files = editor.files
    assert files is not None
    with qtbot.waitSignal(files.preview_shown, timeout=5000):
        files.import_rundown.trigger()
    dialog = files.current_dialog
    assert isinstance(dialog, RundownImportDialog) and dialog.isVisible()
    return dialog


def column(dialog: RundownImportDialog, which: PreviewColumn) -> list[str]:
    model = dialog.model
    return [str(model.index(row, int(which)).data()) for row in range(model.rowCount())]


def export_summer_csv(qtbot, editor: RundownEditor, answers: Answers, tmp_path: Path) -> Path:
    files = editor.files
    assert files is not None
    answers.save = tmp_path / "summer.csv"
    with qtbot.waitSignal(files.saved, timeout=5000) as saved:
        files.export_csv.trigger()
    assert saved.args == [str(answers.save)]
    return answers.save


def import_into_winter(qtbot, editor: RundownEditor, answers: Answers, path: Path, shop: dict[str, int]) -> None:
    editor.set_show(shop["winter"])
    answers.open = path
    dialog = open_preview(qtbot, editor)
    assert dialog.replace_button.isEnabled()
    files = editor.files
    assert files is not None
    with qtbot.waitSignal(files.imported, timeout=5000):
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert files.current_dialog is None


def test_export_csv_then_import_it_into_another_show_through_the_preview(
    qtbot, qtmodeltester, editor: RundownEditor, services: Services, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    path = export_summer_csv(qtbot, editor, answers, tmp_path)
    assert answers.suggested == ["Summer sale 2026-01-05 rundown.csv"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert "Exported 3" in editor.messages.text() and str(path) in editor.messages.text()
    button = editor.messages.action_button
    assert button.isVisibleTo(editor.messages) and button.text() == "Open"
    button.click()
    assert answers.opened == [path]

    editor.set_show(shop["winter"])
    answers.open = path
    dialog = open_preview(qtbot, editor)
    qtmodeltester.check(dialog.model)
    assert "Winter sale" in dialog.heading.text()
    assert "replaces the whole rundown" in dialog.warning.text() and "Undo" in dialog.warning.text()
    assert dialog.file_label.text() == "summer.csv"
    assert dialog.encoding_label.text() == "UTF-8"
    used = dialog.columns_label.text()
    assert "title" in used and "skus" in used and "fixed_start" in used
    assert dialog.ignored_label.text() == "start, end, products"  # the export's read-only columns
    assert column(dialog, PreviewColumn.TITLE) == ["Welcome", "Fan and tea", "Flash sale"]
    assert column(dialog, PreviewColumn.KIND) == ["Opening", "Product pitch", "Flash sale"]
    assert column(dialog, PreviewColumn.DURATION) == ["5:00", "10:00", "2:00"]
    assert column(dialog, PreviewColumn.SKUS) == ["", "FAN-01, TEA-500", ""]
    fixed = (START + timedelta(minutes=30)).astimezone().strftime("%H:%M")
    assert column(dialog, PreviewColumn.FIXED_START) == ["", "", fixed]
    assert column(dialog, PreviewColumn.ROW) == ["2", "3", "4"]
    assert not dialog.problems.isVisibleTo(dialog)
    assert [s.title for s in services.shows.rundown(shop["winter"]).segments] == ["Old plan"]  # nothing yet

    files = editor.files
    assert files is not None
    with qtbot.waitSignal(files.imported, timeout=5000):
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert inputs(services, shop["winter"]) == inputs(services, shop["summer"])
    assert [editor.model.segment(row).title for row in range(editor.model.rowCount())] == [
        "Welcome",
        "Fan and tea",
        "Flash sale",
    ]
    assert "Imported 3" in editor.messages.text()


def test_a_file_with_a_bad_row_names_the_row_and_cannot_replace(
    qtbot, editor: RundownEditor, services: Services, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    before = inputs(services, shop["summer"])
    answers.open = tmp_path / "bad.csv"
    answers.open.write_text("标题,时长,商品\nWelcome,5:00,FAN-01\nMystery,abc,NOPE-1\n", encoding="utf-8")
    dialog = open_preview(qtbot, editor)
    problems = [dialog.problems.item(n).text() for n in range(dialog.problems.count())]
    assert len(problems) == 2
    assert all(text.startswith("Row 3: ") for text in problems)
    assert any("NOPE-1" in text for text in problems) and any("abc" in text for text in problems)
    assert dialog.problems.isVisibleTo(dialog) and "2 problem" in dialog.problems_label.text()
    assert not dialog.replace_button.isEnabled()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)  # a disabled button does nothing
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert inputs(services, shop["summer"]) == before
    assert editor.undo_stack().count() == 0


def test_undo_of_an_import_restores_the_old_rundown_and_redo_imports_again(
    qtbot, editor: RundownEditor, services: Services, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    path = export_summer_csv(qtbot, editor, answers, tmp_path)
    old = inputs(services, shop["winter"])
    import_into_winter(qtbot, editor, answers, path, shop)
    imported = inputs(services, shop["winter"])
    assert imported == inputs(services, shop["summer"])
    stack = editor.undo_stack()
    assert stack.count() == 1 and stack.undoText() == "Import “summer.csv”"  # one step for the whole file
    stack.undo()
    assert inputs(services, shop["winter"]) == old
    assert editor.model.rowCount() == 1 and editor.model.segment(0).title == "Old plan"
    stack.redo()
    assert inputs(services, shop["winter"]) == imported
    assert editor.model.rowCount() == 3


def test_the_host_sheet_is_a_pdf_with_the_show_title(
    qtbot, editor: RundownEditor, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    files = editor.files
    assert files is not None
    answers.save = tmp_path / "sheet"  # no extension typed: .pdf is added
    editor.show()
    qtbot.waitExposed(editor)
    editor.windowHandle().requestActivate()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    editor.table.setFocus()
    with qtbot.waitSignal(files.saved, timeout=5000) as saved:
        qtbot.keyClick(editor.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    written = tmp_path / "sheet.pdf"
    assert saved.args == [str(written)]
    assert answers.suggested == ["Summer sale 2026-01-05 host sheet.pdf"]
    assert written.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True, check=True).stdout
    assert "Summer sale" in text and "Fan and tea" in text and "FAN-01" in text
    assert "Saved the host sheet" in editor.messages.text()
    assert editor.messages.action_button.isVisible()
    assert QApplication.overrideCursor() is None  # the busy cursor is gone again


def test_unreadable_files_are_reported_without_a_preview(
    qtbot, editor: RundownEditor, services: Services, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    before = inputs(services, shop["summer"])
    answers.open = tmp_path / "no-title.csv"
    answers.open.write_text("kind,planned\npitch,5:00\n", encoding="utf-8")
    files = editor.files
    assert files is not None
    files.import_rundown.trigger()
    qtbot.waitUntil(lambda: editor.messages.kind == "error", timeout=5000)
    assert "“title” column" in editor.messages.text()
    assert files.current_dialog is None
    assert files.import_rundown.isEnabled()  # free again for the next try
    assert inputs(services, shop["summer"]) == before


def test_a_gbk_file_is_detected_and_can_be_read_again_with_another_encoding(
    qtbot, editor: RundownEditor, shop: dict[str, int], answers: Answers, tmp_path
) -> None:
    answers.open = tmp_path / "gbk.csv"
    answers.open.write_text("标题,时长\n开场欢迎,5:00\n秒杀环节,2:00\n", encoding="gbk")
    dialog = open_preview(qtbot, editor)
    assert column(dialog, PreviewColumn.TITLE) == ["开场欢迎", "秒杀环节"]
    assert "GB" in dialog.encoding_label.text()
    assert dialog.encoding.isVisibleTo(dialog)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8-sig"))
    dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    qtbot.waitUntil(lambda: "utf-8" in dialog.encoding_label.text().lower(), timeout=5000)
    assert not dialog.replace_button.isEnabled()  # GBK bytes are not UTF-8: said in the dialog, nothing to replace
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(""))
    dialog.encoding.activated.emit(dialog.encoding.currentIndex())
    qtbot.waitUntil(dialog.replace_button.isEnabled, timeout=5000)
    assert column(dialog, PreviewColumn.TITLE) == ["开场欢迎", "秒杀环节"]
    dialog.reject()


def test_the_actions_follow_the_show_and_are_absent_without_rundown_io(
    qtbot, services: Services, runner: TaskRunner, editor: RundownEditor, shop: dict[str, int]
) -> None:
    files = editor.files
    assert files is not None
    toolbar_texts = [action.text() for action in editor.toolbar.actions()]
    assert "Print host sheet (PDF)…" in toolbar_texts and "Rundown file" in toolbar_texts
    assert files.print_pdf.isEnabled() and files.export_csv.isEnabled() and files.import_rundown.isEnabled()
    empty = services.shows.create_show(ShowInput(title="Empty", planned_start=START, planned_seconds=600))
    editor.set_show(empty)
    assert not files.print_pdf.isEnabled() and not files.export_csv.isEnabled()
    assert files.import_rundown.isEnabled()  # an empty rundown is where an import is most welcome
    editor.set_show(None)
    assert not files.import_rundown.isEnabled()

    bare = RundownEditor(services.shows, services.catalogue, runner)
    qtbot.addWidget(bare)
    assert bare.files is None
    assert "Print host sheet (PDF)…" not in [action.text() for action in bare.toolbar.actions()]

    page = ShowsPage(services.shows, services.catalogue, runner, rundown_io=lambda: services.rundown_io)
    qtbot.addWidget(page)
    assert page.rundown_editor.files is not None
