"""The metrics import dialog (file → preview with gaps, duplicates and skipped rows → import, the column mapping,
cancel writing nothing) and the manual totals form (blank = unknown, mm:ss, Decimal money, save through Review)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from page_support import *  # noqa: F403 - the shared fixtures (english, runner)
from pg_support import query
from PySide6.QtWidgets import QDialogButtonBox

from streamdesk.config import ReviewSettings
from streamdesk.core.metrics_io import MetricsIO
from streamdesk.core.review import Review
from streamdesk.core.review_types import TOTAL_FIELDS, TotalsInput
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import Platform, ShowStatus
from streamdesk.ui.pages.review.import_dialog import MetricsImportDialog
from streamdesk.ui.pages.review.import_pages import TextTableModel
from streamdesk.ui.pages.review.totals_dialog import TotalsDialog
from streamdesk.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "metrics"
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def show(database: Database, utc_clock) -> int:
    shows = Shows(database.sessions, clock=utc_clock)
    return shows.create_show(
        ShowInput(
            "冰丝防晒衣专场", platforms=(Platform.DOUYIN, Platform.TIKTOK), planned_start=START, status=ShowStatus.DONE
        )
    )


@pytest.fixture
def io(database: Database, utc_clock) -> MetricsIO:
    return MetricsIO(database.sessions, clock=utc_clock)


@pytest.fixture
def make_dialog(qtbot, io: MetricsIO, show: int, runner: TaskRunner, english) -> Callable[[], MetricsImportDialog]:
    def make() -> MetricsImportDialog:
        dialog = MetricsImportDialog(io, show, runner)
        qtbot.addWidget(dialog)
        dialog.open()
        return dialog

    return make


def load(qtbot, dialog: MetricsImportDialog, path: Path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


def count(target: str | Path, table: str) -> int:
    return int(query(target, f"SELECT COUNT(*) FROM {table}")[0][0])


def rows_of(model: TextTableModel) -> list[tuple[str, ...]]:
    return [tuple(model.cell(r, c) for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_preview_shows_gaps_duplicates_and_skipped_rows_then_imports(
    qtbot, qtmodeltester, make_dialog, database_target: str | Path
) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_trend_gbk.csv")
    page = dialog.preview_page
    assert dialog.pages.currentWidget() is page
    assert "Douyin 罗盘 minute trend for Douyin" in page.summary.text()
    assert "GB18030 / GBK" in page.summary.text()
    problems = rows_of(page.problems_model)
    assert [row for row, _ in problems] == ["—", "—", "12"]
    assert problems[0][1].startswith("No data from ") and "(1 interval" in problems[0][1]
    assert problems[1][1].startswith("1 time")
    assert problems[2][1] == "A total line (“合计”), left out: the review adds the rows up itself."
    assert page.tabs.currentWidget() is page.problems_view
    assert page.rows_model.columnCount() == 11 and page.rows_model.rowCount() == 11
    figures = dict(rows_of(page.figures_model))
    assert figures["Online viewers"].startswith("9 sample")
    assert figures["GMV"].endswith("¥1,977.50")
    for model in (page.rows_model, page.problems_model, page.figures_model):
        qtmodeltester.check(model)
    assert count(database_target, "metric_samples") == 0  # nothing written before Import
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.next_button.click()
    assert dialog.pages.currentWidget() is dialog.summary_page
    assert imported.args[0] == dialog.import_result.import_id
    assert (count(database_target, "metric_samples"), count(database_target, "metric_imports")) == (9, 1)
    assert dialog.summary_page.text.text().startswith("9 sample")


def test_a_summary_lists_the_figures_read(qtbot, make_dialog, database_target: str | Path) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_summary.xlsx")
    page = dialog.preview_page
    figures = dict(rows_of(page.figures_model))
    assert figures["Duration"] == "2:00:00"
    assert figures["Average watch time"] == "1:30"
    assert figures["GMV (platform)"] == "¥12,345.60"
    assert figures["Viewers"] == "5,230"
    assert not page.encoding.isEnabled()  # a workbook has no text encoding
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert count(database_target, "show_totals") == 1


def test_an_unknown_file_opens_the_column_mapping_and_reads_with_it(
    qtbot, make_dialog, database_target: str | Path
) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "generic.csv")
    assert "does not recognise this metrics file" in dialog.messages.text()
    mapping = dialog.mapping_dialog
    assert mapping is not None and mapping.isVisible()
    ok = mapping.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no time column chosen yet
    mapping.choose("time", "Minute")
    assert not ok.isEnabled()  # and no figure
    mapping.choose("online", "Viewers now")
    mapping.choose("gmv_minor", "Sales (元)")
    assert ok.isEnabled()
    assert mapping.mapping() == {"time": "Minute", "online": "Viewers now", "gmv_minor": "Sales (元)"}
    mapping.accept()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    page = dialog.preview_page
    assert page.preset.currentData() == "mapping"
    assert "3 sample" in page.summary.text()
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert count(database_target, "metric_samples") == 3


def test_the_mapping_for_totals_offers_the_show_totals(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "generic.csv")
    mapping = dialog.mapping_dialog
    assert mapping is not None
    mapping.summary.setChecked(True)
    assert set(mapping.combos) == {"time", *TOTAL_FIELDS}
    mapping.choose("peak_online", "Viewers now")
    assert mapping.mapping() == {"peak_online": "Viewers now"}


def test_a_file_it_cannot_read_shows_why_and_offers_no_import(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "damaged.csv")
    assert "damaged character" in dialog.messages.text()
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.mapping_dialog is None


def test_changing_the_platform_reads_the_file_again(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_trend_gbk.csv")
    page = dialog.preview_page
    page.platform.setCurrentIndex(page.platform.findData(Platform.KUAISHOU.value))
    page.platform.activated.emit(page.platform.currentIndex())
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "Kuaishou minute trend for Kuaishou" in page.summary.text()
    assert page.inferred.isVisibleTo(page)  # a format known only from partial evidence asks to check the columns


def test_a_cancelled_import_writes_nothing(
    qtbot, io: MetricsIO, show: int, english, database_target: str | Path
) -> None:
    """Cancel pressed while the import waits for its turn on a busy pool: the job never writes."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    own_runner = TaskRunner(pool=pool)
    dialog = MetricsImportDialog(io, show, own_runner)
    qtbot.addWidget(dialog)
    dialog.open()
    load(qtbot, dialog, FIXTURES / "douyin_trend_gbk.csv")
    release = _block(pool)
    try:
        dialog.start_import()
        assert dialog.is_busy()
        dialog.close_button.click()  # Cancel cancels the running task, the dialog stays
    finally:
        release()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.messages.text() == "Import cancelled; nothing was written."
    assert (count(database_target, "metric_samples"), count(database_target, "metric_imports")) == (0, 0)
    own_runner.shut_down()


def _block(pool) -> Callable[[], None]:
    """Occupy the pool's only thread until the returned function is called."""
    import threading

    from PySide6.QtCore import QRunnable

    gate = threading.Event()

    class Blocker(QRunnable):
        def run(self) -> None:
            gate.wait(10)

    pool.start(Blocker())
    return gate.set


# --- the totals form -------------------------------------------------------------------------------------------
@pytest.fixture
def review(database: Database, utc_clock) -> Review:
    return Review(database.sessions, clock=utc_clock, settings=lambda: ReviewSettings())


@pytest.fixture
def totals_dialog(qtbot, review: Review, show: int, english) -> Iterator[TotalsDialog]:
    existing = (TotalsInput(Platform.DOUYIN, "douyin_summary", {"viewers": 5_230, "average_watch_seconds": 90}),)
    dialog = TotalsDialog(review.save_totals, show, (Platform.DOUYIN, Platform.TIKTOK), "CNY", existing)
    qtbot.addWidget(dialog)
    yield dialog


def typed(dialog: TotalsDialog, name: str, text: str) -> None:
    """Text entered as a user's edit (textEdited), whatever its characters."""
    dialog.edits[name].setText(text)
    dialog.edits[name].textEdited.emit(text)


def test_totals_form_shows_what_is_stored_and_blank_for_unknown(totals_dialog: TotalsDialog) -> None:
    dialog = totals_dialog
    assert set(dialog.edits) == set(TOTAL_FIELDS)
    assert dialog.edits["viewers"].text() == "5230"
    assert dialog.edits["average_watch_seconds"].text() == "1:30"
    assert dialog.edits["peak_online"].text() == ""
    assert dialog.edits["peak_online"].placeholderText() == "unknown"


def test_totals_form_parses_durations_counts_and_money_and_saves_through_review(
    qtbot, totals_dialog: TotalsDialog, review: Review, show: int, database_target: str | Path
) -> None:
    dialog = totals_dialog
    qtbot.keyClicks(dialog.edits["duration_seconds"], "1:58:30")
    typed(dialog, "peak_online", "1.2万")  # QTest types only Latin-1: a Chinese unit goes in as an input method would
    typed(dialog, "platform_gmv_minor", "¥12,345.675")
    typed(dialog, "viewers", "")
    totals = dialog.totals()
    assert totals.values["duration_seconds"] == 7_110
    assert totals.values["peak_online"] == 12_000
    assert totals.values["platform_gmv_minor"] == 1_234_568  # Decimal, half up
    assert totals.values["viewers"] is None  # blank = unknown, not zero
    assert totals.values["average_watch_seconds"] == 90
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.previous is None  # nothing stored in the database before
    stored = query(database_target, "SELECT source, peak_online, viewers, platform_gmv_minor FROM show_totals")
    assert stored == [("manual", 12_000, None, 1_234_568)]
    assert dialog.totals().values["peak_online"] == 12_000


def test_totals_form_marks_what_is_not_a_number_and_will_not_save_it(qtbot, totals_dialog: TotalsDialog) -> None:
    dialog = totals_dialog
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.keyClicks(dialog.edits["likes"], "lots")
    qtbot.keyClicks(dialog.edits["average_watch_seconds"], "x")
    assert not save.isEnabled()
    assert dialog.problems() == {
        "likes": "Write a whole number, for example 1234, or leave it blank.",
        "average_watch_seconds": "Write a time as mm:ss, h:mm:ss or seconds, for example 1:25.",
    }
    typed(dialog, "likes", "")
    assert "likes" not in dialog.problems()


def test_switching_platform_keeps_what_was_typed(qtbot, totals_dialog: TotalsDialog) -> None:
    dialog = totals_dialog
    qtbot.keyClicks(dialog.edits["likes"], "900")
    dialog.set_platform(Platform.TIKTOK)
    assert dialog.edits["likes"].text() == "" and dialog.edits["viewers"].text() == ""
    qtbot.keyClicks(dialog.edits["likes"], "40")
    dialog.set_platform(Platform.DOUYIN)
    assert dialog.edits["likes"].text() == "900" and dialog.edits["viewers"].text() == "5230"
    assert dialog.totals().platform is Platform.DOUYIN


def test_a_refused_save_stays_in_the_form_with_the_reason(qtbot, english, show: int) -> None:
    from streamdesk.core.errors import UserError

    def refuse(_show: int, _totals: TotalsInput) -> TotalsInput | None:
        raise UserError("metrics.show_missing", show_id=404)

    dialog = TotalsDialog(refuse, show, (), "CNY", ())
    qtbot.addWidget(dialog)
    assert dialog.platform.count() == 1 and dialog.selected_platform() is Platform.OTHER
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.messages.text().startswith("There is no show 404")


def test_a_format_known_from_partial_evidence_asks_to_check_the_columns(qtbot, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_summary.xlsx")
    assert not dialog.preview_page.inferred.isVisibleTo(dialog.preview_page)  # V1
    load(qtbot, dialog, FIXTURES / "kuaishou_summary.csv")
    assert dialog.preview_page.inferred.isVisibleTo(dialog.preview_page)  # I
    assert "Kuaishou live summary for Kuaishou" in dialog.preview_page.summary.text()
