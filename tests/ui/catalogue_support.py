"""Fixtures shared by the catalogue page tests: real services over a fresh SQLite file, a runner, a seeded page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from page_support import english, runner, services  # re-exported through __all__

from streamdesk.app import Services
from streamdesk.core.catalogue_types import ProductInput, ShowRole, VariantInput
from streamdesk.ui.pages.catalogue.page import CataloguePage
from streamdesk.ui.tasks import TaskRunner

# the fixtures, for ``from catalogue_support import *`` in the test modules (helpers are imported by name)
__all__ = ["english", "make_page", "runner", "services"]


def product(
    title: str, *skus: str, price: int = 5990, cost: int = 2000, stock: int = 10, **extra: object
) -> ProductInput:
    variants = tuple(
        VariantInput(
            sku_code=sku,
            spec=(("颜色", f"色{n}"),),
            cost_minor=cost,
            list_price_minor=price,
            low_stock_threshold=3,
            initial_stock=stock,
        )
        for n, sku in enumerate(skus)
    )
    return ProductInput(title=title, variants=variants, **extra)  # type: ignore[arg-type]


def seed_small(services: Services) -> dict[str, int]:
    """Three products, four SKUs; returns title → product id."""
    catalogue = services.catalogue
    return {
        "冰丝防晒衣": catalogue.create_product(
            product("冰丝防晒衣", "SUN-RED", "SUN-BLUE", category="服装", tags=("爆款",), role=ShowRole.HERO)
        ),
        "Lipstick": catalogue.create_product(product("Lipstick", "LIP-01", category="美妆", price=9900, stock=2)),
        "Green tea": catalogue.create_product(product("Green tea", "TEA-500", category="食品", price=3900)),
    }


@pytest.fixture
def make_page(qtbot, services: Services, runner: TaskRunner) -> Callable[[], CataloguePage]:
    def make() -> CataloguePage:
        page = CataloguePage(services.catalogue, services.products_io, runner)
        qtbot.addWidget(page)
        page.resize(1300, 700)
        qtbot.waitUntil(page.model.has_loaded, timeout=5000)
        return page

    return make


def wait_reloaded(qtbot, page: CataloguePage, action: Callable[[], object]) -> None:
    """Run ``action`` and wait until the table has answered the query it caused."""
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        action()


def skus(page: CataloguePage) -> list[str]:
    return [page.model.row(n).sku_code for n in range(page.model.rowCount())]


def select_skus(page: CataloguePage, *codes: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    selection = page.table.selectionModel()
    selection.clearSelection()
    for number in range(page.model.rowCount()):
        if page.model.row(number).sku_code in codes:
            selection.select(
                page.model.index(number, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
