"""The pre-flight item "Script checked" on the Pre-flight page: run (Ctrl+R or "Run all probes") on a real show, it
passes when the scripts are clean, and warns with every hit listed (where, the words, why, what to say instead)
while the run stays GO; the seller's compliance.tsv in the data folder counts. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_support import *  # noqa: F403 - english (autouse), services, runner
from PySide6.QtCore import QSettings

from streamdesk.app import Services
from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.compliance import USER_FILE_NAME
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.models.base import CheckStatus, PreflightVerdict, ProbeKind
from streamdesk.ui.pages.preflight.page import PreflightPage
from streamdesk.ui.pages.preflight.run_model import RunColumn
from streamdesk.ui.tasks import TaskRunner


def add_show(services: Services, title: str, *, notes: str, talking_points: str, faq: str) -> int:
    sku = f"SKU-{title}"
    services.catalogue.create_product(
        ProductInput(title=f"{title} cream", category="护肤", faq=faq, variants=(VariantInput(sku),))
    )
    row = services.catalogue.find_by_sku(sku)
    assert row is not None
    show_id = services.shows.create_show(ShowInput(title, notes=notes))
    services.shows.replace_segments(
        show_id,
        [
            SegmentInput(SegmentKind.OPENING, "Opening", 300, talking_points=talking_points),
            SegmentInput(SegmentKind.PITCH, "Cream", 600, variant_ids=(row.variant_id,)),
        ],
    )
    return show_id


def open_page(qtbot, services: Services, runner: TaskRunner, utc_clock, tmp_path: Path, show_id: int):
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    page = PreflightPage(
        services.preflight,
        services.shows,
        runner,
        settings=services.settings,
        clock=utc_clock,
        state=state,
        data_dir=tmp_path,
        catalogue=services.catalogue,
    )
    qtbot.addWidget(page)
    page.resize(1360, 820)
    page.show()
    qtbot.waitUntil(page.has_loaded)
    page.set_show(show_id)
    page.start_run()
    return page


def check_script(qtbot, page: PreflightPage):
    view = page.run_view
    row = next(row for row, r in enumerate(view.model.results()) if r.probe is ProbeKind.SCRIPT)
    view._select(row)
    assert view.run_probe.isEnabled()
    view.run_probe.trigger()
    qtbot.waitUntil(lambda: view.model.result(row).status is not CheckStatus.PENDING, timeout=10_000)
    qtbot.waitUntil(lambda: not view.busy(), timeout=10_000)
    view._select(row)
    return view.model.result(row)


@pytest.fixture
def clean_show(services: Services) -> int:
    return add_show(services, "Clean", notes="Samples on the left", talking_points="欢迎家人们", faq="能用多久？两个月")


@pytest.fixture
def risky_show(services: Services) -> int:
    return add_show(
        services, "Risky", notes="开场：全网最低价！", talking_points="家人们好\n这是最 好的面霜", faq="能祛痘吗？能"
    )


def test_a_clean_script_passes(qtbot, services, runner, utc_clock, tmp_path, clean_show) -> None:
    page = open_page(qtbot, services, runner, utc_clock, tmp_path, clean_show)
    result = check_script(qtbot, page)
    assert result.status is CheckStatus.PASSED and result.value == "0"
    panel = page.run_view.panel
    assert "No risky wording" in panel.status.text()
    assert panel.sentence.text().startswith("No risky wording found")
    assert not panel.script_hits.isVisibleTo(panel)
    assert panel.run_button.text() == "Check the scripts (Ctrl+R)"


def test_risky_wording_warns_lists_each_hit_and_never_stops_the_show(
    qtbot, services, runner, utc_clock, tmp_path, risky_show
) -> None:
    page = open_page(qtbot, services, runner, utc_clock, tmp_path, risky_show)
    result = check_script(qtbot, page)
    assert result.status is CheckStatus.WARNING and result.value == "3" and not result.critical
    view = page.run_view
    row = next(row for row, r in enumerate(view.model.results()) if r.probe is ProbeKind.SCRIPT)
    assert view.model.index(row, RunColumn.VALUE).data().startswith("3 risky wording")
    panel = view.panel
    assert "3 risky wording" in panel.status.text()
    assert panel.sentence.text().startswith("Found 3 risky wording")
    listed = panel.script_hits.text()
    for expected in (
        "The show&#x27;s notes, line 1",
        "Segment “Opening”, talking points, line 2",
        "Product “Risky cream”, FAQ, line 1",
        "“全网最低”",
        "“最 好” (最好)",
        "“祛痘”",
        "Instead: 直播间专享价",
        "Price claim",
        "Medical or efficacy claim",
    ):
        assert expected in listed, expected
    assert ("Risky wordings", "3") in [(n, v) for n, v in _numbers(panel)]
    # every critical check passes: the run is GO with the script warning in it, and going live needs no reason
    for row, item in enumerate(page.run_view.model.results()):
        if item.critical:
            page.run_view._select(row)
            if item.probe is None:
                page.run_view.enter_value(item.id, "90")
            else:
                page.run_view.mark(CheckStatus.PASSED, advance=False)
    run = page.current_run()
    assert run is not None and run.verdict is PreflightVerdict.GO
    assert not services.preflight.go_check(risky_show).needs_override
    assert "1 warnings" in page.run_view.summary.text()
    # fixing the script and checking again passes
    page.undo_stack.clear()
    show = services.shows.get_show(risky_show)
    services.shows.update_show(risky_show, _with_notes(show, "开场：直播间专享价！"))
    segment = services.shows.rundown(risky_show).segments[0]
    from dataclasses import replace

    services.shows.update_segment(segment.id, replace(segment.to_input(), talking_points="家人们好"))
    product = services.catalogue.find_by_sku("SKU-Risky")
    assert product is not None
    detail = services.catalogue.get_product(product.product_id)
    services.catalogue.update_product(product.product_id, replace(detail.input, faq="敏感肌能用吗？建议先试用"))
    assert check_script(qtbot, page).status is CheckStatus.PASSED


def test_the_sellers_own_terms_count(qtbot, services, runner, utc_clock, tmp_path, clean_show) -> None:
    (tmp_path / USER_FILE_NAME).write_text("两个月\tscarcity\t\t别承诺期限\t看个人情况\n", encoding="utf-8")
    page = open_page(qtbot, services, runner, utc_clock, tmp_path, clean_show)
    result = check_script(qtbot, page)
    assert result.status is CheckStatus.WARNING and "看个人情况" in page.run_view.panel.script_hits.text()


def _numbers(panel) -> list[tuple[str, str]]:
    from streamdesk.ui.pages.preflight.texts import number_rows

    result = panel.result()
    return number_rows(result.measured) if result is not None else []


def _with_notes(show, notes: str):
    from dataclasses import replace

    return replace(show.to_input(), notes=notes)
