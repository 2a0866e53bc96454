"""Import through the dialog, end to end: file → column matching → dry run with per-row problems → import."""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path

from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import seed_small, skus
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QComboBox

from streamdesk.core.catalogue_types import CatalogueFilter
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.ui.pages.catalogue.import_dialog import ImportDialog
from streamdesk.ui.pages.catalogue.page import CataloguePage
from streamdesk.ui.tasks import TaskRunner

CSV_TEXT = (
    "商品名称,规格,商家编码,成本,售价,直播价,库存,备注\n"
    "防晒帽,颜色:白,HAT-W,12,39.9,29.9,20,x\n"
    "防晒帽,颜色:黑,HAT-B,12,39.9,29.9,15,y\n"
    "Lipstick,,LIP-01,20,109,,,z\n"
    "坏行,,BAD-1,abc,10,,5,\n"
)


def write_csv(folder: Path, text: str = CSV_TEXT, encoding: str = "utf-8") -> Path:
    path = folder / "products.csv"
    path.write_text(text, encoding=encoding)
    return path


def open_dialog(page) -> ImportDialog:
    page.catalogue_actions.import_products.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ImportDialog)
    return dialog


def load(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.mapping_page, timeout=5000)


def test_import_a_csv_through_the_dialog(qtbot, qtmodeltester, services, make_page, tmp_path: Path) -> None:
    seed_small(services)
    page = make_page()
    dialog = open_dialog(page)
    load(qtbot, dialog, write_csv(tmp_path))

    mapping = dialog.mapping_page.model
    qtmodeltester.check(mapping)
    assert mapping.mapping().as_dict() == {
        "title": "商品名称",
        "spec": "规格",
        "sku_code": "商家编码",
        "cost": "成本",
        "list_price": "售价",
        "live_price": "直播价",
        "stock": "库存",
    }
    title_row = mapping.row_of("title")
    assert mapping.index(title_row, 0).data() == "Title (required)"
    combo = dialog.mapping_page.view.indexWidget(mapping.index(mapping.row_of("live_price"), 1))
    assert isinstance(combo, QComboBox) and combo.currentText() == "直播价"
    assert dialog.next_button.isEnabled()

    dialog.next_button.click()  # Check rows: the dry run
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=5000)
    preview = dialog.preview_page.model
    qtmodeltester.check(preview)
    actions = [preview.index(row, 1).data() for row in range(preview.rowCount())]
    assert actions == ["Add", "Add", "Update", "Skip"]
    assert preview.index(3, 0).data() == "5"  # spreadsheet row number of the bad row
    assert "abc" in preview.index(3, 8).data()
    assert dialog.preview_page.problems.count() == 1
    assert dialog.preview_page.problems.item(0).text().startswith("Row 5:")
    counts = dialog.preview_page.counts.text()
    assert "2 SKUs to add, 1 to update" in counts and "1 rows to skip" in counts
    assert services.catalogue.find_by_sku("HAT-W") is None  # the dry run wrote nothing

    with (
        qtbot.waitSignal(page.stock_changed, timeout=5000),
        qtbot.waitSignal(page.model.loaded, timeout=5000),
        qtbot.waitSignal(dialog.imported, timeout=5000) as imported,
    ):
        dialog.next_button.click()  # Import
    summary = imported.args[0]
    assert (summary.added, summary.updated, summary.skipped) == (2, 1, 1)
    assert dialog.pages.currentWidget() is dialog.summary_page
    assert "2 SKUs added" in dialog.summary_page.text.text()
    assert services.catalogue.find_by_sku("HAT-W").on_hand == 20
    assert services.catalogue.find_by_sku("LIP-01").list_price_minor == 10900
    assert {"HAT-W", "HAT-B"} <= set(skus(page))
    assert "Imported products.csv" in page.messages.text()
    dialog.next_button.click()  # Done
    assert not dialog.isVisible()


def test_missing_required_column_blocks_checking_until_chosen(qtbot, services, make_page, tmp_path: Path) -> None:
    page = make_page()
    dialog = open_dialog(page)
    load(qtbot, dialog, write_csv(tmp_path, "名字,编号,价格\n帽子,HAT-1,9.9\n"))
    mapping = dialog.mapping_page.model
    assert mapping.mapping().header("title") is None
    assert not dialog.next_button.isEnabled()
    assert "Title" in dialog.mapping_page.missing.text() and "SKU" in dialog.mapping_page.missing.text()
    mapping.set_column("title", "名字")
    mapping.set_column("sku_code", "编号")
    assert dialog.next_button.isEnabled()
    assert not dialog.mapping_page.missing.isVisibleTo(dialog)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=5000)
    assert dialog.preview_page.model.index(0, 1).data() == "Add"
    assert dialog.preview_page.model.index(0, 2).data() == "HAT-1"


def test_a_gbk_file_can_be_read_with_the_encoding_chosen(qtbot, services, make_page, tmp_path: Path) -> None:
    page = make_page()
    dialog = open_dialog(page)
    load(qtbot, dialog, write_csv(tmp_path, "商品名称,商家编码\n防晒帽,HAT-1\n", encoding="gb18030"))
    assert dialog.mapping_page.encoding.isVisibleTo(dialog)
    sample_row = dialog.mapping_page.model.row_of("title")
    assert dialog.mapping_page.model.index(sample_row, 2).data() == "防晒帽"
    index = dialog.mapping_page.encoding.findData("gb18030")
    dialog.mapping_page.encoding.setCurrentIndex(index)
    dialog.mapping_page.encoding.activated.emit(index)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=5000)
    assert dialog.mapping_page.model.index(sample_row, 2).data() == "防晒帽"
    assert "gb18030" in dialog.mapping_page.source_label.text()


def test_an_unreadable_file_is_explained_in_the_dialog(qtbot, services, make_page, tmp_path: Path) -> None:
    page = make_page()
    dialog = open_dialog(page)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    dialog.load_file(empty)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=5000)
    assert dialog.pages.currentWidget() is dialog.choose_page
    assert dialog.messages.kind == "error" and dialog.messages.text()
    assert services.catalogue.count(CatalogueFilter()) == 0


def test_cancelled_import_writes_nothing(qtbot, services, tmp_path: Path) -> None:
    """The pool's only thread is held busy, so Cancel lands before apply starts: deterministic, no sleeping."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    own_runner = TaskRunner(pool=pool)
    page = CataloguePage(services.catalogue, services.products_io, own_runner)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.has_loaded, timeout=5000)
    dialog = open_dialog(page)
    load(qtbot, dialog, write_csv(tmp_path))
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page, timeout=5000)
    release = threading.Event()

    def hold(_cancel: CancelToken) -> Generator[Progress, None, None]:
        yield Progress(0, 0)
        release.wait(10)

    own_runner.start(hold, on_success=lambda _result: None)
    dialog.next_button.click()  # Import: queued behind the held thread
    assert dialog.is_busy() and not dialog.next_button.isEnabled()
    dialog.close_button.click()  # while busy, the Cancel button cancels the task and keeps the dialog open
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=5000)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.messages.text() == "Import cancelled; nothing was written."
    assert services.catalogue.count(CatalogueFilter()) == 0
    own_runner.shut_down()


def test_preview_model_on_its_own(qtmodeltester) -> None:
    from streamdesk.ui.pages.catalogue.import_models import PreviewModel

    qtmodeltester.check(PreviewModel())


def test_mapping_rows_mark_required_fields(qtbot, services, make_page, tmp_path: Path) -> None:
    page = make_page()
    dialog = open_dialog(page)
    load(qtbot, dialog, write_csv(tmp_path))
    mapping = dialog.mapping_page.model
    required = [mapping.field(row).key for row in range(mapping.rowCount()) if mapping.field(row).required]
    assert required == ["title", "sku_code"]
    font = mapping.index(mapping.row_of("sku_code"), 0).data(Qt.ItemDataRole.FontRole)
    assert font.bold()
