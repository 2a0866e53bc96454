"""The Review page and its parts: KPI cards (value, target ✓/✗, change ▲▼ against the comparison show, formula
tooltips, copy as TSV), the segments and products tables (sorting by raw values, best/worst, targets, Ctrl+C as
TSV), action items, notes and cost inputs with undo, the trends tab, and the page over a real database through
the Review service — loading as a task, comparing, the empty states, the keys, importing totals, the report.

The parts are fed ShowReviewData built by hand here; the page reads what the services compute from real rows.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest

from streamdesk import review_labels
from streamdesk.app import build_services
from streamdesk.config import Settings
from streamdesk.core.demo import write_demo
from streamdesk.core.jobs import run_to_end
from streamdesk.core.metrics_io import MetricsIO
from streamdesk.core.report import ReportWriter
from streamdesk.core.review import Review
from streamdesk.core.review_types import (
    ActionItemRow,
    CostInputs,
    CostsInput,
    Kpi,
    ProductResult,
    SegmentBand,
    SegmentResult,
    ShowReviewData,
    TotalsInput,
    TrendPoint,
)
from streamdesk.core.show_types import ShowInput, ShowStatus
from streamdesk.db import Database, open_database, snapshot
from streamdesk.models.base import Platform, SegmentKind
from streamdesk.ui.pages.review import formats, page_flows
from streamdesk.ui.pages.review.actions_model import ActionsModel, ActionsTable
from streamdesk.ui.pages.review.cost_inputs import CostInputsBox, format_fee_percent, parse_fee_percent
from streamdesk.ui.pages.review.notes_panel import NotesPanel
from streamdesk.ui.pages.review.page import ReviewPage
from streamdesk.ui.pages.review.result_table import ResultTable, selection_as_text
from streamdesk.ui.pages.review.tables import (
    BEST_BACKGROUND,
    WORST_BACKGROUND,
    ProductColumn,
    ProductsModel,
    SegmentColumn,
    SegmentsModel,
)
from streamdesk.ui.pages.review.trends_tab import TrendColumn, TrendsModel
from streamdesk.ui.tasks import TaskRunner

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


# --- DTOs built by hand ---------------------------------------------------------------------------------------
def band(index: int, title: str, start: float, end: float, kind: SegmentKind = SegmentKind.PITCH) -> SegmentBand:
    return SegmentBand(index + 10, index, title, kind, start, end, from_timer=index != 2)


def segment(index: int, title: str, gmv: int, *, views: int | None = 1000) -> SegmentResult:
    return SegmentResult(
        band=band(index, title, index * 600.0, index * 600.0 + 540.0),
        planned_seconds=600,
        orders=gmv // 5000,
        units=gmv // 4000,
        gmv_minor=gmv,
        gpm_minor=None if views is None else gmv * 1000 // views,
        views=views,
        average_online=35.5 if views else None,
        peak_online=80 if views else None,
        new_followers=None,
    )


def product(title: str, gmv: int, **kw: object) -> ProductResult:
    values: dict[str, object] = dict(
        variant_id=len(title),
        title=title,
        spec_label="M",
        sku_code=f"SKU-{title}",
        units=gmv // 1000,
        gmv_minor=gmv,
        refunded_minor=0,
        cost_minor=gmv // 2,
        profit_minor=gmv - gmv // 2,
        share=None,
        target_units=None,
        target_met=None,
    )
    values.update(kw)
    return ProductResult(**values)  # type: ignore[arg-type]


def action(
    action_id: int, text: str, *, show_id: int = 1, title: str = "This show", done: bool = False
) -> ActionItemRow:
    return ActionItemRow(action_id, show_id, title, action_id, text, START if done else None, None)


# --- formats ----------------------------------------------------------------------------------------------------
def test_values_are_written_by_their_unit_and_missing_data_is_a_dash_never_zero() -> None:
    assert formats.format_value("money", 1_248_000, "CNY") == "¥12,480.00"
    assert formats.format_value("money", 1234.6, "CNY") == "¥12.35"  # a per-viewer value in fractions of a fen
    assert formats.format_value("ratio", 0.0345, "CNY") == "3.5%"
    assert formats.format_value("seconds", 95.4, "CNY") == "1:35"
    assert formats.format_value("multiple", 2.345, "CNY") == "2.35×"
    assert formats.format_value("count", 12480, "CNY") == "12,480"
    assert formats.format_value("count", 35.44, "CNY") == "35.4"
    assert formats.format_value("count", None, "CNY") == formats.NO_DATA
    assert formats.format_value("ratio", math.nan, "CNY") == formats.NO_DATA
    assert formats.format_kpi(Kpi("interaction_rate", "ratio", 0.12, approx=True), "CNY") == "≈12.0%"


def test_a_change_shows_its_arrow_and_is_good_news_by_the_direction_that_is_better() -> None:
    up = Kpi("gmv", "money", 1_100_00, previous=1_000_00, delta=100_00, delta_ratio=0.1)
    assert formats.format_delta(up, "CNY") == "▲ 10.0%"
    assert formats.format_delta_long(up, "CNY") == "+¥100.00 (+10.0%)"
    assert formats.tone(up) is formats.Tone.BETTER
    refunds_up = Kpi(
        "refund_rate", "ratio", 0.05, previous=0.03, delta=0.02, delta_ratio=0.6667, higher_is_better=False
    )
    assert formats.format_delta(refunds_up, "CNY") == "▲ 2.0 pts"  # rates change in points, not in % of a %
    assert formats.tone(refunds_up) is formats.Tone.WORSE
    from_zero = Kpi("orders", "count", 5, previous=0, delta=5, delta_ratio=None)
    assert formats.format_delta(from_zero, "CNY") == "▲ 5"
    down = Kpi("orders", "count", 8, previous=10, delta=-2, delta_ratio=-0.2)
    assert (formats.format_delta(down, "CNY"), formats.tone(down)) == ("▼ 20.0%", formats.Tone.WORSE)
    alone = Kpi("orders", "count", 8)
    assert (formats.format_delta(alone, "CNY"), formats.tone(alone)) == ("", None)
    assert formats.tone(Kpi("orders", "count", 8, previous=8, delta=0, delta_ratio=0.0)) is formats.Tone.SAME


# --- tables -----------------------------------------------------------------------------------------------------
def test_segments_table_sorts_by_raw_values_marks_best_and_worst_and_copies_tsv(qtbot, qtmodeltester) -> None:
    model = SegmentsModel()
    model.set_segments(
        [segment(0, "Opening", 5_000_00), segment(1, "Flash sale", 120_000_00), segment(2, "Q&A", 900_00, views=None)],
        "CNY",
    )
    qtmodeltester.check(model)
    table = ResultTable(model)
    qtbot.addWidget(table)
    assert (model.best_row(), model.worst_row()) == (1, 2)
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color() == BEST_BACKGROUND
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole).color() == WORST_BACKGROUND
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(1, SegmentColumn.GMV).data() == "¥120,000.00"
    assert model.index(2, SegmentColumn.GPM).data() == formats.NO_DATA
    assert model.index(1, SegmentColumn.START).data() == "10:00"
    assert "planned rundown" in model.index(2, SegmentColumn.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    table.sortByColumn(SegmentColumn.GMV, Qt.SortOrder.DescendingOrder)  # ¥120,000 sorts above ¥5,000 and ¥900
    assert [table.model().index(row, SegmentColumn.TITLE).data() for row in range(3)] == [
        "Flash sale",
        "Opening",
        "Q&A",
    ]
    table.sortByColumn(SegmentColumn.GPM, Qt.SortOrder.AscendingOrder)  # no data first
    assert table.model().index(0, SegmentColumn.TITLE).data() == "Q&A"
    table.sortByColumn(SegmentColumn.GMV, Qt.SortOrder.DescendingOrder)
    selection = table.selectionModel()
    for column in (SegmentColumn.TITLE, SegmentColumn.GMV):
        for row in (0, 1):
            selection.select(table.model().index(row, column), selection.SelectionFlag.Select)
    QGuiApplication.clipboard().clear()
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Segment\tGMV\nFlash sale\t¥120,000.00\nOpening\t¥5,000.00\n"
    whole = selection_as_text(table, everything=True).splitlines()
    assert len(whole) == 4 and whole[0].split("\t")[:3] == ["#", "Segment", "Kind"]


def test_one_segment_or_equal_sales_have_no_best_or_worst(qtmodeltester) -> None:
    model = SegmentsModel()
    model.set_segments([segment(0, "Only", 100)], "CNY")
    assert (model.best_row(), model.worst_row()) == (None, None)
    model.set_segments([segment(0, "A", 100), segment(1, "B", 100)], "CNY")
    assert (model.best_row(), model.worst_row()) == (None, None)
    model.set_segments([], "CNY")
    qtmodeltester.check(model)


def test_products_table_shows_targets_best_and_worst_and_unknown_costs_blank(qtbot, qtmodeltester) -> None:
    model = ProductsModel()
    model.set_products(
        [
            product("Coat", 300_000, best=True, share=0.75, target_units=200, target_met=True),
            product("Scarf", 100_000, worst=True, share=0.25, target_units=150, target_met=False),
            product("Unlisted hat", 0, variant_id=None, cost_minor=None, profit_minor=None),
        ],
        "CNY",
    )
    qtmodeltester.check(model)
    assert model.index(0, ProductColumn.TARGET_MET).data() == "✓"
    assert model.index(1, ProductColumn.TARGET_MET).data() == "✗"
    assert model.index(2, ProductColumn.TARGET_MET).data() == ""
    assert model.index(0, ProductColumn.RANK).data() == "Best seller"
    assert model.index(1, ProductColumn.RANK).data() == "Slowest seller"
    assert model.index(0, ProductColumn.SHARE).data() == "75.0%"
    assert model.index(2, ProductColumn.COST).data() == formats.NO_DATA
    assert model.index(2, ProductColumn.PROFIT).data() == formats.NO_DATA
    assert model.index(0, ProductColumn.PROFIT).data() == "¥1,500.00"
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole).color() == BEST_BACKGROUND
    assert model.index(1, 3).data(Qt.ItemDataRole.BackgroundRole).color() == WORST_BACKGROUND
    assert "no SKU" in model.index(2, ProductColumn.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    table = ResultTable(model)
    qtbot.addWidget(table)
    table.sortByColumn(ProductColumn.PROFIT, Qt.SortOrder.AscendingOrder)
    assert [table.model().index(row, 0).data() for row in range(3)] == ["Unlisted hat", "Scarf", "Coat"]
    assert table.copy_all().splitlines()[1].startswith("Unlisted hat\tM\tSKU-Unlisted hat\t0\t¥0.00")


def test_trends_model_formats_and_sorts_each_show(qtmodeltester) -> None:
    model = TrendsModel()
    points = (
        TrendPoint(1, "Week 1", START, (Platform.DOUYIN,), 500_00, 450_00, 0.0123, 95.0, 12, None, "CNY"),
        TrendPoint(
            2, "Week 2", START + timedelta(days=7), (Platform.TIKTOK,), 800_00, 800_00, None, None, None, 300_00, "USD"
        ),
    )
    model.set_points(points)
    qtmodeltester.check(model)
    assert model.index(0, TrendColumn.CONVERSION).data() == "1.23%"
    assert model.index(0, TrendColumn.WATCH).data() == "1:35"
    assert model.index(0, TrendColumn.PROFIT).data() == formats.NO_DATA
    assert model.index(1, TrendColumn.GMV).data() == "$800.00"
    assert model.index(1, TrendColumn.PLATFORMS).data() == "TikTok"


# --- action items, notes, cost inputs ---------------------------------------------------------------------------
def test_action_items_list_carried_items_first_and_only_ask_for_changes(qtbot, qtmodeltester) -> None:
    model = ActionsModel()
    own = (action(3, "Second", done=True), action(2, "First"))
    carried = (action(1, "Check the mic battery", show_id=9, title="Last Friday"),)
    model.set_actions(own, carried)
    qtmodeltester.check(model)
    assert [model.index(row, 0).data() for row in range(3)] == ["Check the mic battery", "First", "Second"]
    assert model.index(0, 1).data() == "Last Friday"
    assert model.index(1, 1).data() == "This review"
    assert model.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.open_count() == 2
    table = ActionsTable(model)
    qtbot.addWidget(table)
    table.show()
    ticks, edits, deletes = [], [], []
    model.tick_requested.connect(lambda *args: ticks.append(args))
    model.edit_requested.connect(lambda *args: edits.append(args))
    table.delete_requested.connect(deletes.append)
    table.setCurrentIndex(model.index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_Space)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert model.setData(model.index(1, 0), "  First, better  ")
    assert not model.setData(model.index(1, 0), "   ")
    assert model.setData(model.index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert ticks == [(1, True), (3, False)]
    assert edits == [(2, "First, better")]
    assert deletes == [1]
    assert model.index(1, 0).data() == "First"  # the page's command changes it, then refills the table


def test_fee_percent_is_read_as_basis_points() -> None:
    assert parse_fee_percent("5") == 500
    assert parse_fee_percent(" 5.5% ") == 550
    assert parse_fee_percent("５．２５％") == 525
    assert parse_fee_percent("") is None
    for bad in ("abc", "101", "-1", "nan"):
        with pytest.raises(ValueError):
            parse_fee_percent(bad)
    assert (format_fee_percent(500), format_fee_percent(525), format_fee_percent(1)) == ("5", "5.25", "0.01")


def test_cost_inputs_show_defaults_as_hints_and_emit_only_real_changes(qtbot) -> None:
    box = CostInputsBox()
    qtbot.addWidget(box)
    costs = CostInputs(500, True, 800, True, 0, 2_000_00)
    box.set_costs(costs, "CNY", default_fee_bp=500, default_shipping_minor=800)
    assert (box.fee.text(), box.shipping.text(), box.giveaways.text()) == ("", "", "")
    assert box.fee.placeholderText() == "5 (default)"
    assert "5 %" in box.fee_hint.text() and "¥8.00" in box.shipping_hint.text()
    assert box.budget.text() == "¥2,000.00"
    edited, invalid = [], []
    box.costs_edited.connect(edited.append)
    box.invalid_input.connect(invalid.append)
    box.fee.editingFinished.emit()  # nothing typed: nothing to store
    assert edited == []
    box.fee.setText("6.5")
    box.giveaways.setText("120")
    box.fee.editingFinished.emit()
    assert edited == [CostsInput(650, None, 120_00)]
    box.shipping.setText("abc")
    box.shipping.editingFinished.emit()
    box.fee.setText("250")
    box.fee.editingFinished.emit()
    assert len(edited) == 1 and len(invalid) == 2 and "250" in invalid[1]
    own = CostInputs(650, False, 1000, False, 120_00, 0)
    box.set_costs(own, "CNY", default_fee_bp=500, default_shipping_minor=800)
    assert (box.fee.text(), box.shipping.text(), box.giveaways.text()) == ("6.5", "10.00", "120.00")
    assert "clear it" in box.fee_hint.text() and "ROI" in box.budget.text()


def test_notes_are_saved_when_the_field_is_left_and_unsaved_typing_survives_a_refill(qtbot) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):  # focus changes need an active window
        panel.show()
        panel.activateWindow()
    saved = []
    panel.notes_edited.connect(saved.append)
    from streamdesk.core.review_types import ReviewNotes

    panel.set_notes(ReviewNotes("Good light", ""), force=True)
    assert panel.went_well.toPlainText() == "Good light"
    panel.problems.setFocus()
    QTest.keyClicks(panel.problems, "Sound dropped")
    panel.set_notes(ReviewNotes("Good light, good host", ""))  # a reload while typing: the typing stays
    assert panel.problems.toPlainText() == "Sound dropped"
    assert panel.went_well.toPlainText() == "Good light, good host"
    panel.new_action.setFocus()  # leaving the field stores it
    assert saved == [ReviewNotes("Good light, good host", "Sound dropped")]
    assert not panel.has_unsaved_notes()
    added = []
    panel.action_added.connect(added.append)
    QTest.keyClicks(panel.new_action, "  Order more size M  ")
    QTest.keyClick(panel.new_action, Qt.Key.Key_Return)
    assert added == ["Order more size M"] and panel.new_action.text() == ""
    panel.set_actions((), ())
    assert "No action items yet" in panel.actions_summary.text()
    panel.set_actions((action(1, "A"),), (action(2, "B", show_id=7, title="Old"),))
    assert panel.actions_summary.text() == "2 items open, 1 of them from earlier reviews."


# --- the page over the demo shop --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop made once for this module (its past shows have orders, minute data, totals, notes, actions)."""
    path = tmp_path_factory.mktemp("review-demo") / "demo.sqlite3"
    run_to_end(write_demo(path, clock=FakeUTCClock()))
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    database = open_database(snapshot(demo_file, tmp_path / "shop.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture
def state(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def open_page(qtbot, database: Database, settings: Settings, paths, utc_clock, runner: TaskRunner, state) -> ReviewPage:
    services = build_services(database, settings, paths, clock=utc_clock)
    review = Review(database.sessions, clock=utc_clock, settings=lambda: settings.review)
    page = ReviewPage(
        review,
        lambda: MetricsIO(database.sessions, clock=utc_clock, currency=settings.currency),
        services.shows,
        runner,
        settings=settings,
        clock=utc_clock,
        state=state,
        make_report=lambda: ReportWriter(moving_average_shows=settings.review.moving_average_shows, clock=utc_clock),
    )
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitActive(page):  # keys reach shortcuts, and focus moves, only in an active window
        page.show()
        page.activateWindow()
    qtbot.waitUntil(page.has_loaded)
    return page


@pytest.fixture
def page(qtbot, demo, settings, paths, utc_clock, runner, state) -> ReviewPage:
    page = open_page(qtbot, demo, settings, paths, utc_clock, runner, state)
    qtbot.waitUntil(lambda: page.data() is not None and not page.is_loading())
    return page


def show_titled(page: ReviewPage, title: str) -> int:
    return next(header.show_id for header in page.review.reviewable_shows() if header.title == title)


def review_show(qtbot, page: ReviewPage, title: str) -> ShowReviewData:
    show_id = show_titled(page, title)
    if page.show_id() != show_id:
        with qtbot.waitSignal(page.review_loaded, timeout=10_000):
            page.set_show(show_id)
    data = page.data()
    assert data is not None and data.header.show_id == show_id
    return data


def reload(qtbot, page: ReviewPage, action: Callable[[], object]) -> ShowReviewData:
    with qtbot.waitSignal(page.review_loaded, timeout=10_000):
        action()
    data = page.data()
    assert data is not None
    return data


def kpi(data: ShowReviewData, key: str) -> Kpi:
    return next(item for item in data.kpis if item.key == key)


def test_a_show_is_read_as_a_task_and_its_kpis_are_compared_with_the_previous_show(qtbot, page: ReviewPage) -> None:
    assert page.picker.count() == 9  # the demo's nine shows that went live; the next one has not
    data = review_show(qtbot, page, "数码好物夜")
    assert data.compare_to is not None and data.compare_to.title == "夏日防晒专场"
    assert page.compare.currentText() == "Previous show: 夏日防晒专场"
    assert "Compared with “夏日防晒专场”" in page.header.text()
    gmv = kpi(data, "gmv")
    card = page.overview.kpis.card("gmv")
    assert card is not None and card.value.text() == formats.format_kpi(gmv, "CNY")
    assert card.delta.text() == formats.format_delta(gmv, "CNY") and card.delta.text().startswith("▲")
    assert gmv.target_met and card.detail.text() == f"Target {formats.format_value('money', gmv.target, 'CNY')} ✓"
    assert review_labels.kpi_formula("gmv") in card.toolTip() and review_labels.basis_text("orders") in card.toolTip()
    assert "“夏日防晒专场”" in card.toolTip()
    buyers = page.overview.kpis.card("buyers")
    assert buyers is not None and buyers.detail.text().startswith("was ")
    assert len(page.overview.kpis.cards()) == len(data.kpis) == 20
    copied = page.overview.kpis.as_text().splitlines()
    assert copied[0] == "KPI\tValue\tTarget\tTarget met\tComparison\tChange"
    assert copied[1].startswith(f"GMV\t{card.value.text()}\t") and copied[1].endswith(
        formats.format_delta_long(gmv, "CNY")
    )
    assert page.segments.model.rowCount() == len(data.segments) > 0
    assert page.products.model.rowCount() == len(data.products) > 0


def test_a_blank_profit_says_which_costs_are_missing(qtbot, page: ReviewPage) -> None:
    data = review_show(qtbot, page, "宝妈福利专场")  # sold a 神秘福袋 line the catalogue does not know: no cost
    assert kpi(data, "gross_profit").value is None
    unknown = [product for product in data.products if product.cost_minor is None]
    assert len(unknown) == 1
    card = page.overview.kpis.card("gross_profit")
    assert card is not None and card.value.text() == "—"
    assert card.detail.text() == "No cost for 1 product sold" and card.detail.text() in card.toolTip()
    known = review_show(qtbot, page, "数码好物夜")  # every product sold has a cost: profit, and no excuse
    assert kpi(known, "gross_profit").value is not None
    assert page.overview.kpis.card("gross_profit").detail.text() != "No cost for 1 product sold"


def test_compare_with_none_or_another_show_reads_the_review_again(qtbot, page: ReviewPage) -> None:
    review_show(qtbot, page, "宝妈福利专场")
    assert "No earlier show on the same platform" in page.header.text()  # no earlier show on 快手
    none = page.compare.findData("none")
    other = page.compare.findData(show_titled(page, "数码好物夜"))
    assert none >= 0 and other >= 0 and page.compare.count() == 10  # auto, none, the eight earlier shows
    data = reload(qtbot, page, lambda: (page.compare.setCurrentIndex(other), page.compare.activated.emit(other)))
    assert data.compare_to is not None and data.compare_to.title == "数码好物夜"
    assert page.compare.currentIndex() == other  # the choice stays after the reload
    assert page.overview.kpis.card("gmv").delta.text() != ""
    data = reload(qtbot, page, lambda: (page.compare.setCurrentIndex(none), page.compare.activated.emit(none)))
    assert data.compare_to is None and page.overview.kpis.card("gmv").delta.text() == ""
    assert "Not compared with another show." in page.header.text()


def test_notes_actions_and_costs_are_undoable_edits_of_the_stored_review(qtbot, page: ReviewPage) -> None:
    data = review_show(qtbot, page, "数码好物夜")
    show_id, review = data.header.show_id, page.review
    before = data.notes
    page.tabs.setCurrentWidget(page.notes)
    page.notes.problems.setFocus()
    page.notes.problems.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(page.notes.problems, " Mic too quiet.")
    with qtbot.waitSignal(page.review_edited) as edited:
        page.notes.new_action.setFocus()  # leaving the field stores the notes
    assert edited.args == [show_id]
    assert review.review(show_id).notes.problems == before.problems + " Mic too quiet."
    QTest.keyClicks(page.notes.new_action, "Test the mic at full volume")
    reload(qtbot, page, lambda: QTest.keyClick(page.notes.new_action, Qt.Key.Key_Return))
    added = [item for item in review.review(show_id).actions if item.text == "Test the mic at full volume"]
    assert len(added) == 1
    row = page.notes.actions_model.row_of(added[0].id)
    assert row is not None and page.notes.action_table.currentIndex().row() == row  # the new item is selected
    reload(qtbot, page, lambda: page.notes.action_deleted.emit(added[0].id))
    assert all(item.text != "Test the mic at full volume" for item in review.review(show_id).actions)
    reload(qtbot, page, page.undo_stack.undo)  # the delete undone
    restored = [item for item in review.review(show_id).actions if item.text == "Test the mic at full volume"]
    assert len(restored) == 1
    reload(qtbot, page, lambda: page.notes.action_edited.emit(restored[0].id, "Test the mic"))
    assert any(item.text == "Test the mic" for item in review.review(show_id).actions)
    reload(qtbot, page, page.undo_stack.undo)
    reload(qtbot, page, page.undo_stack.undo)  # the add undone too: the item is gone
    assert all("Test the mic" not in item.text for item in review.review(show_id).actions)
    page.undo_stack.undo()  # the notes
    assert review.review(show_id).notes == before and page.notes.problems.toPlainText() == before.problems
    open_item = next(item for item in data.actions if item.done_at is None)
    reload(qtbot, page, lambda: page.notes.action_ticked.emit(open_item.id, True))
    assert next(item for item in review.review(show_id).actions if item.id == open_item.id).done_at is not None
    reload(qtbot, page, page.undo_stack.undo)
    assert next(item for item in review.review(show_id).actions if item.id == open_item.id).done_at is None


def test_a_carried_item_is_ticked_on_the_show_reviewed(qtbot, page: ReviewPage) -> None:
    data = review_show(qtbot, page, "宝妈福利专场")
    carried = [
        line
        for line in map(page.notes.actions_model.line, range(page.notes.actions_model.rowCount()))
        if line and line.carried
    ]
    still_open = next(line.item for line in carried if line.item.done_at is None)
    reload(qtbot, page, lambda: page.notes.action_ticked.emit(still_open.id, True))
    ticked = next(item for item in page.review.carried_actions(data.header.show_id) if item.id == still_open.id)
    assert ticked.done_at is not None and ticked.done_show_id == data.header.show_id


def test_cost_inputs_change_gross_profit_and_undo_puts_the_default_back(qtbot, page: ReviewPage) -> None:
    data = review_show(qtbot, page, "数码好物夜")
    profit = kpi(data, "gross_profit").value
    assert data.costs.fee_default and profit is not None
    page.tabs.setCurrentWidget(page.notes)
    costs = page.notes.costs
    costs.fee.setText("15")
    changed = reload(qtbot, page, costs.fee.editingFinished.emit)
    assert (changed.costs.fee_basis_points, changed.costs.fee_default) == (1500, False)
    assert kpi(changed, "gross_profit").value < profit
    assert page.overview.kpis.card("gross_profit").value.text() == formats.format_kpi(
        kpi(changed, "gross_profit"), "CNY"
    )
    assert costs.fee.text() == "15"
    page.tabs.setFocus()  # Ctrl+Z in a text field undoes its typing; elsewhere on the page it undoes the step
    back = reload(qtbot, page, lambda: QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert back.costs.fee_default and kpi(back, "gross_profit").value == profit and costs.fee.text() == ""
    again = reload(qtbot, page, lambda: QTest.keyClick(page.tabs, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier))
    assert again.costs.fee_basis_points == 1500 and costs.fee.text() == "15"
    costs.shipping.setText("abc")
    costs.shipping.editingFinished.emit()
    assert page.messages.kind == "error" and "abc" in page.messages.text()


def test_totals_typed_in_are_undoable(qtbot, page: ReviewPage) -> None:
    data = review_show(qtbot, page, "宝妈福利专场")
    before = {totals.platform: totals for totals in data.totals}
    typed = TotalsInput(Platform.CHANNELS, values={"viewers": 1200, "peak_online": 90})
    changed = reload(qtbot, page, lambda: page.flows.save_totals(typed))
    assert Platform.CHANNELS in {totals.platform for totals in changed.totals}
    back = reload(qtbot, page, page.undo_stack.undo)
    assert {totals.platform: totals for totals in back.totals} == before


def test_keys_switch_tabs_and_a_timeline_band_click_selects_its_segment(qtbot, page: ReviewPage) -> None:
    review_show(qtbot, page, "数码好物夜")
    for number in range(5):
        QTest.keyClick(page, Qt.Key(Qt.Key.Key_1 + number), Qt.KeyboardModifier.AltModifier)
        assert page.tabs.currentIndex() == number
    page.overview.timeline.segment_clicked.emit(2)
    assert page.tabs.currentWidget() is page.segments
    row = page.segments.table.currentIndex()
    assert page.segments.table.model().index(row.row(), SegmentColumn.INDEX).data() == "3"


def test_trends_are_read_when_the_tab_opens_and_filtered_by_platform(qtbot, page: ReviewPage) -> None:
    assert not page.trends.is_loaded()  # read only when the tab is first shown
    page.tabs.setCurrentWidget(page.trends)
    qtbot.waitUntil(page.trends.is_loaded)
    assert page.trends.model.rowCount() == 9
    assert "9 shows" in page.trends.summary.text()
    page.trends.choose_platform(Platform.KUAISHOU)
    qtbot.waitUntil(lambda: page.trends.model.rowCount() == 1)
    assert page.trends.model.point(0).title == "宝妈福利专场"
    page.trends.choose_platform(Platform.WHATNOT)
    qtbot.waitUntil(lambda: page.trends.model.rowCount() == 0)
    assert "Whatnot" in page.trends.summary.text()


def test_a_chart_and_the_report_are_exported_to_files(qtbot, page: ReviewPage, tmp_path: Path, monkeypatch) -> None:
    data = review_show(qtbot, page, "数码好物夜")
    answers = iter([tmp_path / "timeline", tmp_path / "review.pdf"])
    monkeypatch.setattr(page_flows, "ask_save_path", lambda *_args: next(answers))
    written = page.flows.export_chart("timeline")
    assert written == tmp_path / "timeline.png" and written.stat().st_size > 10_000
    assert page.messages.kind == "info" and "timeline.png" in page.messages.text()
    QTest.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (tmp_path / "review.pdf").exists() and "review.pdf" in page.messages.text(), timeout=30_000)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "review.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert formats.format_kpi(kpi(data, "gmv"), "CNY") in text


def test_empty_states_say_what_to_do(qtbot, database, settings, paths, utc_clock, runner, state) -> None:
    page = open_page(qtbot, database, settings, paths, utc_clock, runner, state)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.headline() == "No show to review yet" and "Shows page" in page.empty.text()
    assert not page.flows.report_action.isEnabled()
    services = build_services(database, settings, paths, clock=utc_clock)
    services.shows.create_show(
        ShowInput("Quiet Tuesday", planned_start=utc_clock() - timedelta(days=1), status=ShowStatus.DONE)
    )
    with qtbot.waitSignal(page.review_loaded, timeout=10_000):
        page.reload_shows()
    assert page.stack.currentWidget() is page.tabs
    assert page.overview.currentWidget() is page.overview.empty_state
    assert "Import metrics" in page.overview.empty_state.text()
    buttons = [button.text() for button in page.overview.empty_state.buttons()]
    assert any(text.startswith("Import metrics") for text in buttons) and any(
        text.startswith("Enter totals") for text in buttons
    )
    assert page.products.stack.currentWidget() is page.products.empty_state
    assert page.segments.stack.currentWidget() is page.segments.empty_state


def test_the_page_runs_alone_on_a_database(demo_file: Path, tmp_path: Path) -> None:
    """``python -m streamdesk.ui.pages.review --db PATH`` opens the page, titled with the database, and closes."""
    database = snapshot(demo_file, tmp_path / "alone.sqlite3")
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from streamdesk.ui.pages.review import __main__ as alone\n"
        "make_page = alone.make_page\n"
        "def make_and_close_soon(services, runner):\n"
        "    page = make_page(services, runner)\n"
        "    page.review_loaded.connect(lambda show: (print('loaded', page.windowTitle(), flush=True), "
        "QApplication.quit()))\n"
        "    QTimer.singleShot(20000, QApplication.quit)\n"
        "    return page\n"
        "alone.make_page = make_and_close_soon\n"
        "sys.exit(alone.main(['--db', sys.argv[1], '--lang', 'en']))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script, str(database)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"loaded StreamDesk review — {database}"


FIXTURES = Path(__file__).parents[1] / "fixtures" / "metrics"


@pytest.fixture
def quiet_show(qtbot, database, settings, paths, utc_clock, runner, state) -> ReviewPage:
    """A fresh shop with one show on 快手 that went live yesterday, without orders or platform data."""
    services = build_services(database, settings, paths, clock=utc_clock)
    services.shows.create_show(
        ShowInput(
            "Kuaishou Monday",
            platforms=(Platform.KUAISHOU,),
            planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
            planned_seconds=5400,
            status=ShowStatus.DONE,
        )
    )
    page = open_page(qtbot, database, settings, paths, utc_clock, runner, state)
    qtbot.waitUntil(lambda: page.data() is not None and not page.is_loading())
    return page


def test_a_metrics_file_imported_from_the_page_fills_the_review_and_undo_removes_it(qtbot, quiet_show) -> None:
    page = quiet_show
    assert page.overview.currentWidget() is page.overview.empty_state
    QTest.keyClick(page, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = page.flows.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.load_file(FIXTURES / "kuaishou_summary.csv")
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page and not dialog.is_busy())
    with qtbot.waitSignal(page.review_loaded, timeout=10_000):
        dialog.start_import()
    data = page.data()
    assert data is not None and data.has_metrics and len(data.imports) == 1
    assert page.overview.currentWidget() is page.overview.content  # GMV from the platform's figures
    assert kpi(data, "gmv").value == 8_800_00 and kpi(data, "gmv").basis == "platform"
    assert "platform's figures" in page.overview.hint.text()
    assert page.undo_action.isEnabled() and "kuaishou_summary.csv" in page.undo_stack.undoText()
    dialog.accept()
    back = reload(qtbot, page, page.undo_stack.undo)
    assert not back.has_metrics and not back.imports and page.undo_stack.count() == 0  # an undone import leaves
    assert page.overview.currentWidget() is page.overview.empty_state


def test_totals_typed_in_the_form_are_saved_and_undoable(qtbot, quiet_show) -> None:
    page = quiet_show
    page.flows.totals_action.trigger()
    dialog = page.flows.totals_dialog
    assert dialog is not None and dialog.selected_platform() is Platform.KUAISHOU
    dialog.edits["viewers"].setText("2,000")
    dialog.edits["platform_gmv_minor"].setText("1234.50")
    dialog.edits["average_watch_seconds"].setText("1:30")
    data = reload(qtbot, page, dialog.save)
    assert data.has_metrics and kpi(data, "gmv").value == 1234_50
    assert page.overview.kpis.card("average_watch_seconds").value.text() == "1:30"
    assert page.overview.kpis.card("uv_value").value.text() == "¥0.62"  # ¥1,234.50 ÷ 2,000 viewers
    back = reload(qtbot, page, page.undo_stack.undo)
    assert not back.totals and page.overview.currentWidget() is page.overview.empty_state
    again = reload(qtbot, page, page.undo_stack.redo)
    assert [totals.platform for totals in again.totals] == [Platform.KUAISHOU]
