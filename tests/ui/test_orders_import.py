"""Order import through the dialog: a platform export → dry run with counts and per-row problems → import → summary,
the column-mapping dialog for files no preset knows (saved by name, offered next time), cancel writing nothing,
and unmatched lines mapped once and remembered."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures (english, runner, services)
from catalogue_support import product
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QComboBox

from streamdesk.app import Services
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderFilter, OrderSort, UnmatchedLine
from streamdesk.ui.pages.orders.import_dialog import OrderImportDialog
from streamdesk.ui.pages.orders.import_models import PlannedOrdersModel, UnmatchedModel, line_key
from streamdesk.ui.pages.orders.import_pages import CUSTOM_MAPPING
from streamdesk.ui.pages.orders.mapping_dialog import MappingDialog, OrderFieldsModel
from streamdesk.ui.pages.orders.unmatched_dialog import UnmatchedLinesDialog
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "orders"
DOUYIN_HEADER = "主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,商品单价,订单应付金额,收件人,收件人手机号,订单提交时间,订单状态"
T = "\t"  # 抖店 prefixes ids with a tab so Excel keeps them as text


def douyin_row(order: str, line: str, title: str, spec: str, qty: int, sku: str, price: str = "99.00") -> str:
    return (
        f"{T}{order},{T}{line},{title},{spec},{qty},{sku},{price},{price},张**,138****1234,2025-10-07 20:15:03,备货中"
    )


def write(folder: Path, name: str, *lines: str, encoding: str = "gb18030") -> Path:
    path = folder / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def seed(services: Services) -> dict[str, int]:
    """冰丝防晒衣 in three SKUs with 10 each; returns SKU → variant id."""
    services.catalogue.create_product(product("冰丝防晒衣", "FS-W-M", "FS-B-M", "FS-W-L", stock=10))
    return {sku: services.catalogue.find_by_sku(sku).variant_id for sku in ("FS-W-M", "FS-B-M", "FS-W-L")}


def orders_in_db(services: Services) -> dict[str, int]:
    """order no → paid amount of every stored order."""
    _total, rows = services.orders.count_and_page(OrderFilter(), OrderSort.CREATED, False, 0, 100)
    return {row.order_no: row.paid_minor for row in rows}


def on_hand(services: Services, sku: str) -> int:
    return services.catalogue.find_by_sku(sku).on_hand


@pytest.fixture
def make_dialog(qtbot, services: Services, runner: TaskRunner) -> Callable[..., OrderImportDialog]:
    def make(own_runner: TaskRunner | None = None, **extra: object) -> OrderImportDialog:
        dialog = OrderImportDialog(services.orders_io, services.shows, own_runner or runner, **extra)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.open()
        return dialog

    return make


def load(qtbot, dialog: OrderImportDialog, path: Path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)


def loaded(qtbot, dialog: OrderImportDialog, path: Path) -> OrderImportDialog:
    load(qtbot, dialog, path)
    return dialog


def import_now(qtbot, dialog: OrderImportDialog) -> int:
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.next_button.click()
    return int(imported.args[0])


def test_a_douyin_export_imports_through_the_dialog(qtbot, qtmodeltester, services, make_dialog) -> None:
    seed(services)
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_gbk.csv")

    preview = dialog.preview_page
    assert dialog.pages.currentWidget() is preview
    assert preview.preset.currentData() == "douyin"
    assert preview.detected.text() == "Format: Douyin shop (抖店) export · text encoding: GB18030 / GBK"
    assert preview.encoding.currentText() == "Detect automatically"
    assert preview.counts.text().startswith("Orders to add: 6 · to update: 0 · unchanged: 0 · order lines: 8")
    assert preview.unmatched.isVisibleTo(dialog) and preview.unmatched.text().startswith("4 lines match no SKU")
    assert not preview.problems_box.isVisibleTo(dialog)
    model = preview.model
    qtmodeltester.check(model)
    assert [model.index(row, 2).data() for row in range(model.rowCount())][:2] == [
        "6917350001234567891",
        "6917350001234568001",
    ]
    assert model.index(0, 0).data() == "2–3"  # one order, two 子订单 rows
    assert model.index(0, 1).data() == "Add" and model.index(0, 3).data() == "Shipped"
    assert model.index(0, 7).data() == "¥366.00"
    assert orders_in_db(services) == {}  # the dry run wrote nothing

    batch_id = import_now(qtbot, dialog)
    assert batch_id > 0
    assert dialog.pages.currentWidget() is dialog.summary_page
    assert dialog.summary_page.text.text().startswith("Orders added: 6 · updated: 0 · order lines: 8")
    assert dialog.summary_page.map_button.isVisibleTo(dialog)
    stored = orders_in_db(services)
    assert len(stored) == 6 and stored["6917350001234568101"] == 129900
    assert on_hand(services, "FS-B-M") == 9  # the completed order's line took its stock once
    dialog.next_button.click()  # Done
    assert not dialog.isVisible()

    again = make_dialog()  # the same export again: nothing new, nothing to import
    load(qtbot, again, FIXTURES / "douyin_gbk.csv")
    assert again.preview_page.counts.text().startswith("Orders to add: 0 · to update: 0 · unchanged: 6")
    assert again.preview_page.empty.text() == "The file adds or changes no order."
    assert not again.next_button.isEnabled()


def test_a_damaged_id_row_is_explained_and_skipped_only_when_the_user_agrees(
    qtbot, services, make_dialog, tmp_path: Path
) -> None:
    seed(services)
    path = write(
        tmp_path,
        "douyin.csv",
        DOUYIN_HEADER,
        douyin_row("6917350001234567891", "6917350001234567892", "冰丝防晒衣", "白;M", 1, "FS-W-M"),
        douyin_row("6.91735E+18", "6917350001234568002", "冰丝防晒衣", "蓝;M", 1, "FS-B-M"),
    )
    dialog = make_dialog()
    load(qtbot, dialog, path)
    preview = dialog.preview_page
    assert preview.problems_box.isVisibleTo(dialog)
    assert preview.problems_label.text() == "1 row cannot be imported and will be skipped:"
    (problem,) = preview.problems.lines()
    assert problem.startswith("Row 3: ") and "6.91735E+18" in problem
    assert preview.counts.text().startswith("Orders to add: 1 ·")
    assert not dialog.next_button.isEnabled()  # not before the user agrees to skip the row

    preview.skip_problems.setChecked(True)
    assert preview.skip_problems.text() == "Skip the 1 row above and import the rest"
    assert dialog.next_button.isEnabled()
    import_now(qtbot, dialog)
    assert list(orders_in_db(services)) == ["6917350001234567891"]
    assert dialog.summary_page.skipped.lines() == (problem,)
    assert dialog.summary_page.skipped.toPlainText() == problem
    assert on_hand(services, "FS-B-M") == 10  # the skipped row took nothing


def test_cancel_during_the_import_writes_nothing(qtbot, services, make_dialog) -> None:
    """The pool's only thread is held busy, so Cancel lands before apply starts: deterministic, no sleeping."""
    seed(services)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    own_runner = TaskRunner(pool=pool)
    dialog = make_dialog(own_runner)
    load(qtbot, dialog, FIXTURES / "douyin_gbk.csv")
    release = threading.Event()

    def hold(_cancel: CancelToken) -> Generator[Progress, None, None]:
        yield Progress(0, 0)
        release.wait(10)

    own_runner.start(hold, on_success=lambda _result: None)
    dialog.next_button.click()  # Import: queued behind the held thread
    assert dialog.is_busy() and not dialog.next_button.isEnabled()
    assert not dialog.preview_page.preset.isEnabled()
    dialog.close_button.click()  # while busy, Cancel cancels the task and keeps the dialog open
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert dialog.messages.text() == "Import cancelled; nothing was written."
    assert orders_in_db(services) == {}
    assert on_hand(services, "FS-W-M") == 10
    assert dialog.next_button.isEnabled()  # the same dry run can still be imported
    own_runner.shut_down()


GROUP_BUY = ("单号,下单时间,商品,规格,件数,编码,手机", "A1,2025-10-07 20:00,防晒衣,白,1,FS-W-M,13812341234")


def test_a_custom_mapping_saved_by_name_is_offered_next_time(
    qtbot, qtmodeltester, services, make_dialog, tmp_path: Path
) -> None:
    seed(services)
    path = write(tmp_path, "group_buy.csv", *GROUP_BUY, "A2,2025-10-07 21:00,防晒衣,蓝,2,FS-B-M,13900001111")
    dialog = make_dialog()
    load(qtbot, dialog, path)  # no preset knows these columns: the mapping dialog opens
    mapping = dialog.mapping_dialog
    assert isinstance(mapping, MappingDialog) and mapping.isVisible()
    assert "does not recognise the columns" in dialog.messages.text()
    qtmodeltester.check(mapping.model)
    assert "Order ID" in mapping.missing.text() and not mapping.ok_button.isEnabled()
    for field, header in {"order_id": "单号", "created_at": "下单时间", "spec": "规格", "qty": "件数"}.items():
        mapping.set_column(field, header)
    assert "one of: Product title, SKU" in mapping.missing.text()
    combo = mapping.view.indexWidget(mapping.model.index(mapping.model.row_of("sku_code"), 1))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("编码"))  # as a user picks it
    assert mapping.mapping()["sku_code"] == "编码"
    assert mapping.model.index(mapping.model.row_of("sku_code"), 2).data() == "FS-W-M · FS-B-M"
    assert mapping.ok_button.isEnabled() and not mapping.save_button.isEnabled()
    mapping.platform_combo.setCurrentIndex(mapping.platform_combo.findData("douyin"))
    assert "Asia/Shanghai" in mapping.zone_label.text()
    mapping.save_name.setText("团购表")
    mapping.save_button.click()
    assert mapping.saved_as() == "团购表"
    mapping.ok_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview_page and not dialog.is_busy())
    assert dialog.preview_page.preset.currentData() == "mapping:团购表"
    assert dialog.preview_page.counts.text().startswith("Orders to add: 2 ·")
    import_now(qtbot, dialog)
    assert set(orders_in_db(services)) == {"A1", "A2"}
    assert on_hand(services, "FS-B-M") == 8

    later = write(tmp_path, "group_buy_2.csv", *GROUP_BUY[:1], "B1,2025-10-08 20:00,防晒衣,白,1,FS-W-L,13700000000")
    again = make_dialog()
    load(qtbot, again, later)  # next time: the saved mapping is listed and fits the file by itself
    assert again.mapping_dialog is None
    preset = again.preview_page.preset
    assert preset.currentData() == "mapping:团购表" and preset.currentText() == "Saved mapping: 团购表"
    assert preset.itemData(preset.count() - 1) == CUSTOM_MAPPING
    assert again.preview_page.counts.text().startswith("Orders to add: 1 ·")


def test_unmatched_lines_are_mapped_once_and_remembered(qtbot, qtmodeltester, services, make_dialog, tmp_path) -> None:
    seed(services)
    first = write(
        tmp_path,
        "first.csv",
        DOUYIN_HEADER,
        douyin_row("6917350000000000001", "6917350000000000011", "冰丝防晒衣 新款", "白;M", 2, "NEW-W-M"),
        douyin_row("6917350000000000002", "6917350000000000021", "冰丝防晒衣 新款", "白;M", 1, "NEW-W-M"),
    )
    dialog = make_dialog(orders=services.orders, catalogue=services.catalogue)
    load(qtbot, dialog, first)
    assert dialog.preview_page.unmatched.text().startswith("2 lines match no SKU")  # lines, not units (3)
    import_now(qtbot, dialog)
    assert on_hand(services, "FS-W-M") == 10  # unmatched: no stock taken yet
    dialog.summary_page.map_button.click()
    review = dialog.unmatched_dialog
    assert isinstance(review, UnmatchedLinesDialog)
    qtmodeltester.check(review.model)
    assert review.model.rowCount() == 1  # both lines share one match key
    assert review.model.index(0, 0).data() == "NEW-W-M" and review.model.index(0, 3).data() == "2"
    assert review.remember.isChecked()
    assert review.count_label.text() == "2 lines still to map"

    review.choose_sku()  # the catalogue picker, searched for the file's SKU first, then everything
    picker = review.picker
    assert picker is not None and picker.model.rowCount() == 3
    assert picker.select_sku("FS-W-M")
    with qtbot.waitSignal(review.lines_mapped) as mapped, qtbot.waitSignal(dialog.lines_mapped) as forwarded:
        picker.accept()
    assert mapped.args == [2] and forwarded.args == [2]
    assert review.model.index(0, 4).data().startswith("FS-W-M")
    assert review.count_label.text() == "Every line is mapped."
    assert on_hand(services, "FS-W-M") == 7  # both lines took their stock when mapped
    assert services.orders.unmatched_lines() == ()

    later = write(
        tmp_path,
        "later.csv",
        DOUYIN_HEADER,
        douyin_row("6917350000000000003", "6917350000000000031", "冰丝防晒衣 新款", "白;M", 1, "NEW-W-M"),
    )
    again = make_dialog()
    load(qtbot, again, later)
    assert not again.preview_page.unmatched.isVisibleTo(again)  # remembered: the same line maps by itself
    assert again.preview_page.model.index(0, 6).data() == ""
    import_now(qtbot, again)
    assert on_hand(services, "FS-W-M") == 6


def test_a_line_mapped_without_remembering_waits_again_next_time(qtbot, services, make_dialog, tmp_path) -> None:
    seed(services)
    row = douyin_row("6917350000000000001", "6917350000000000011", "冰丝防晒衣 新款", "白;M", 1, "NEW-W-M")
    import_now(qtbot, loaded(qtbot, make_dialog(), write(tmp_path, "first.csv", DOUYIN_HEADER, row)))
    review = UnmatchedLinesDialog(services.orders, services.catalogue)
    qtbot.addWidget(review)
    assert review.model.rowCount() == 1 and review.choose_button.isEnabled()
    review.remember.setChecked(False)
    assert review.map_line(line_key(review.model.line(0)), services.catalogue.find_by_sku("FS-B-M"))
    assert review.messages.text() == "1 line mapped to FS-B-M, this time only."
    assert not review.choose_button.isEnabled()  # this entry is done
    assert on_hand(services, "FS-B-M") == 9

    later = row.replace("0000000000001", "0000000000002").replace("0000000000011", "0000000000021")
    again = loaded(qtbot, make_dialog(), write(tmp_path, "later.csv", DOUYIN_HEADER, later))
    assert again.preview_page.unmatched.text().startswith("1 line matches no SKU")


def test_an_inferred_preset_shows_its_columns_before_importing(qtbot, services, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "whatnot.csv")
    assert dialog.preview_page.preset.currentData() == "whatnot"
    assert dialog.preview_page.inferred.isVisibleTo(dialog)
    mapping = dialog.mapping_dialog
    assert isinstance(mapping, MappingDialog)
    assert mapping.mapping()["order_id"] == "Order ID" and mapping.platform().value == "whatnot"
    mapping.reject()  # keep the preset as it is
    qtbot.waitUntil(lambda: dialog.mapping_dialog is None)
    assert dialog.preview_page.preset.currentData() == "whatnot" and dialog.next_button.isEnabled()


def test_personal_sample_values_are_masked_in_privacy_mode(qtbot, services, tmp_path: Path) -> None:
    from streamdesk.core.products_io.reading import read_source

    source = read_source(write(tmp_path, "people.csv", "单号,收件人,手机", "A1,张三,13812341234"))
    privacy = Privacy(enabled=True)
    dialog = MappingDialog(
        source,
        {"order_id": "单号", "recipient": "收件人", "phone": "手机"},
        platform=services.orders_io.presets()[0].platform,
        zones={},
        save=services.orders_io.save_mapping,
        privacy=privacy,
    )
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.index(model.row_of("recipient"), 2).data() == "张*"
    assert model.index(model.row_of("phone"), 2).data() == "138****1234"
    privacy.set_enabled(False)
    assert model.index(model.row_of("phone"), 2).data() == "13812341234"


def test_changing_the_encoding_checks_the_file_again(qtbot, services, make_dialog) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, FIXTURES / "douyin_gbk.csv")
    encoding = dialog.preview_page.encoding
    index = encoding.findData("utf-8-sig")
    encoding.setCurrentIndex(index)
    encoding.activated.emit(index)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.messages.kind == "error" and dialog.messages.text()  # GBK bytes are not UTF-8
    assert not dialog.next_button.isEnabled() and dialog.preview_page.model.rowCount() == 0
    assert dialog.preview_page.counts.text() == ""  # no figures of a dry run that no longer applies
    index = encoding.findData("")
    encoding.setCurrentIndex(index)
    encoding.activated.emit(index)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.messages.text() == "" and dialog.next_button.isEnabled()


def test_models_on_their_own(qtmodeltester) -> None:
    qtmodeltester.check(PlannedOrdersModel())
    qtmodeltester.check(UnmatchedModel())
    qtmodeltester.check(UnmatchedModel([UnmatchedLine("x||", "X", "T", "S", (5, 6))]))
    qtmodeltester.check(OrderFieldsModel())


def test_a_file_with_problems_on_every_row_lists_the_first_ones(qtbot) -> None:
    from streamdesk.core.errors import Problem
    from streamdesk.ui.pages.orders.import_pages import ProblemList

    problems = ProblemList()
    qtbot.addWidget(problems)
    problems.set_problems([Problem(row, "orders_io.order_id_missing") for row in range(2, ProblemList.LIMIT + 7)])
    assert len(problems.lines()) == ProblemList.LIMIT and problems.lines()[0].startswith("Row 2: ")
    assert problems.toPlainText().endswith("… and 5 more.")
