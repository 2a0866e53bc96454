"""The Orders page alone, for a quick look: ``python -m streamdesk.ui.pages.orders [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop (with its orders), removed again on exit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from streamdesk.ui.pages.standalone import run_page_alone

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from streamdesk.app import Services
    from streamdesk.ui.tasks import TaskRunner


def make_page(services: Services, runner: TaskRunner) -> QWidget:
    from streamdesk.ui.pages.orders.page import OrdersPage

    return OrdersPage(
        services.orders,
        lambda: services.orders_io,
        lambda: services.shipping_io,
        services.after_sales,
        services.shows,
        runner,
        services.settings,
        catalogue=services.catalogue,
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("OrdersPage", "StreamDesk orders — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone("python -m streamdesk.ui.pages.orders", make_page, window_title, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
