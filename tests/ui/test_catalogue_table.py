"""The catalogue table: paged fetching, search as you type, filters, sorting, thumbnails and empty states."""

from __future__ import annotations

from pathlib import Path

from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import product, seed_small, skus, wait_reloaded
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from streamdesk.core.catalogue_types import (
    CatalogueFilter,
    CatalogueSort,
    ProductInput,
    ShowRole,
    SortKey,
    VariantInput,
)
from streamdesk.ui.pages.catalogue.catalogue_model import CatalogueColumn, CatalogueModel
from streamdesk.ui.widgets.paged_model import PAGE_SIZE


def seed_many(services, products: int = 200, per_product: int = 10) -> None:
    for p in range(products):
        variants = tuple(
            VariantInput(sku_code=f"BULK-{p:04d}-{v:02d}", spec=(("尺码", str(v)),), list_price_minor=1000 + v)
            for v in range(per_product)
        )
        services.catalogue.create_product(ProductInput(title=f"Bulk item {p:04d}", variants=variants))


def test_model_passes_the_model_tester_with_rows(qtbot, qtmodeltester, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    assert page.model.rowCount() == 4
    qtmodeltester.check(page.model)


def test_fetch_more_pulls_500_rows_at_a_time_from_2000(qtbot, qtmodeltester, services, runner) -> None:
    seed_many(services)
    model = CatalogueModel(services.catalogue, runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.reload()
    assert (model.total(), model.rowCount()) == (2000, PAGE_SIZE)
    assert model.canFetchMore()
    with qtbot.waitSignal(model.rows_fetched, timeout=5000) as fetched:
        model.fetchMore()
    assert fetched.args == [PAGE_SIZE]
    assert model.rowCount() == 2 * PAGE_SIZE
    while model.canFetchMore():
        with qtbot.waitSignal(model.rows_fetched, timeout=5000):
            model.fetchMore()
    assert model.rowCount() == 2000
    codes = [model.row(n).sku_code for n in range(2000)]
    assert len(set(codes)) == 2000  # pages neither overlap nor skip
    qtmodeltester.check(model)


class RecordingQueries:
    """The catalogue, with a log of the calls the model makes (what tests/bench/bench_search.py times)."""

    def __init__(self, catalogue) -> None:
        self._catalogue = catalogue
        self.calls: list[tuple[str, str, int, int]] = []

    def count_and_page(self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int):
        self.calls.append(("count_and_page", filter.text, offset, limit))
        return self._catalogue.count_and_page(filter, sort, offset, limit)

    def page(self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int):
        self.calls.append(("page", filter.text, offset, limit))
        return self._catalogue.page(filter, sort, offset, limit)


def test_a_new_query_is_one_call_for_the_count_and_first_page(qtbot, qtmodeltester, services, runner) -> None:
    seed_many(services, products=60)
    queries = RecordingQueries(services.catalogue)
    model = CatalogueModel(queries, runner)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(CatalogueFilter(text="it"))
    assert queries.calls == [("count_and_page", "it", 0, PAGE_SIZE)]
    assert (model.total(), model.rowCount()) == (600, PAGE_SIZE)
    with qtbot.waitSignal(model.rows_fetched, timeout=5000):
        model.fetchMore()
    assert queries.calls[1:] == [("page", "it", PAGE_SIZE, PAGE_SIZE)] and model.rowCount() == 600
    qtmodeltester.check(model)


def test_scrolling_to_the_bottom_fetches_the_next_page(qtbot, services, make_page) -> None:
    seed_many(services, products=60)
    page = make_page()
    page.show()
    assert page.model.rowCount() == PAGE_SIZE
    with qtbot.waitSignal(page.model.rows_fetched, timeout=5000):
        page.table.scrollToBottom()
    assert page.model.rowCount() == 600
    assert "600" in page.count_label.text()


def test_search_box_filters_rows_after_typing_pauses(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.keyClicks(page.filters.search, "lip")
    assert skus(page) == ["LIP-01"]
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.filters.search.setText("SUN")
    assert sorted(skus(page)) == ["SUN-BLUE", "SUN-RED"]
    wait_reloaded(qtbot, page, lambda: page.filters.search.setText("爆款"))  # tags are searched too
    assert sorted(skus(page)) == ["SUN-BLUE", "SUN-RED"]


def test_a_stale_answer_never_replaces_the_latest_query(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    page.model.set_filter(CatalogueFilter(text="tea"))
    page.model.set_filter(CatalogueFilter(text="lip"))  # replaces the first before it can answer
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
    assert skus(page) == ["LIP-01"]
    assert page.model.filter.text == "lip"


def test_filters_narrow_rows_in_sql(qtbot, services, make_page) -> None:
    ids = seed_small(services)
    services.catalogue.set_archived([ids["Green tea"]], True)
    page = make_page()
    assert "TEA-500" not in skus(page)
    # the category list is read on the pool too (later than the rows on a busy server): choose once it is there
    qtbot.waitUntil(lambda: page.filters.category.findData("服装") >= 0, timeout=5000)
    wait_reloaded(qtbot, page, lambda: page.filters.category.setCurrentIndex(page.filters.category.findData("服装")))
    assert sorted(skus(page)) == ["SUN-BLUE", "SUN-RED"]
    wait_reloaded(qtbot, page, page.filters.clear_filters)
    wait_reloaded(qtbot, page, lambda: page.filters.low_stock.setChecked(True))
    assert skus(page) == ["LIP-01"]  # 2 on hand, alert at 3
    wait_reloaded(qtbot, page, page.filters.clear_filters)
    wait_reloaded(qtbot, page, lambda: page.filters.role.setCurrentIndex(page.filters.role.findData(ShowRole.HERO)))
    assert sorted(skus(page)) == ["SUN-BLUE", "SUN-RED"]
    wait_reloaded(qtbot, page, page.filters.clear_filters)
    wait_reloaded(qtbot, page, page.catalogue_actions.show_archived.trigger)
    assert "TEA-500" in skus(page)
    title = page.model.index(skus(page).index("TEA-500"), CatalogueColumn.TITLE).data()
    assert "archived" in title


def test_clicking_a_header_sorts_in_sql_and_clicking_again_reverses(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    header = page.table.horizontalHeader()
    wait_reloaded(qtbot, page, lambda: header.sectionClicked.emit(int(CatalogueColumn.LIST_PRICE)))
    assert page.model.sort_order == CatalogueSort(SortKey.LIST_PRICE, descending=True)
    assert skus(page)[0] == "LIP-01"  # ¥99.00 first
    wait_reloaded(qtbot, page, lambda: header.sectionClicked.emit(int(CatalogueColumn.LIST_PRICE)))
    assert skus(page)[0] == "TEA-500"
    before = page.model.sort_order
    header.sectionClicked.emit(int(CatalogueColumn.SUPPLIER))  # not sortable: nothing happens
    assert page.model.sort_order == before
    assert header.sortIndicatorSection() == int(CatalogueColumn.LIST_PRICE)


def test_cells_show_money_low_stock_and_a_score_explanation(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    row = skus(page).index("LIP-01")
    model = page.model
    assert model.index(row, CatalogueColumn.LIST_PRICE).data() == "¥99.00"
    assert model.index(row, CatalogueColumn.MARGIN).data() == "¥79.00"
    stock = model.index(row, CatalogueColumn.STOCK)
    assert stock.data() == "2"
    assert stock.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    score_tip = model.index(row, CatalogueColumn.SCORE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Margin" in score_tip and "weight 0.4" in score_tip and "Stock cover" in score_tip
    healthy = skus(page).index("TEA-500")
    assert model.index(healthy, CatalogueColumn.STOCK).data(Qt.ItemDataRole.ForegroundRole) is None


def test_thumbnails_load_in_the_background_and_come_from_the_cache(qtbot, services, make_page, tmp_path: Path) -> None:
    picture = tmp_path / "red.png"
    Image.new("RGB", (200, 120), "red").save(picture)
    stored = services.catalogue.import_image(picture)
    services.catalogue.create_product(product("With picture", "PIC-1", images=(stored,)))
    page = make_page()
    index = page.model.index(0, CatalogueColumn.THUMBNAIL)
    with qtbot.waitSignal(page.thumbnails.loaded, timeout=5000):
        first = index.data(Qt.ItemDataRole.DecorationRole)
    assert first is None  # not ready yet: the table never waits for a picture
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
    assert max(pixmap.width(), pixmap.height()) <= page.thumbnails.size


def test_an_empty_catalogue_says_how_to_start(qtbot, make_page) -> None:
    page = make_page()
    assert page.stack.is_showing_empty_state()
    assert page.stack.empty_state.headline() == "No products yet"
    assert "Ctrl+N" in page.stack.empty_state.text()
    labels = [button.text() for button in page.stack.empty_state.buttons()]
    assert any("New product" in label for label in labels) and any("Import" in label for label in labels)


def test_a_search_without_results_offers_to_clear_it(qtbot, services, make_page) -> None:
    seed_small(services)
    page = make_page()
    wait_reloaded(qtbot, page, lambda: page.filters.search.setText("no such thing"))
    assert page.stack.is_showing_empty_state()
    assert "no such thing" in page.stack.empty_state.headline()
    (button,) = page.stack.empty_state.buttons()
    wait_reloaded(qtbot, page, button.click)
    assert page.filters.search.text() == ""
    assert not page.stack.is_showing_empty_state()
    assert page.model.rowCount() == 4
