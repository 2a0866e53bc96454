"""The Live page alone, for a quick look: ``python -m streamdesk.ui.pages.live [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop (with its shows), removed again on exit.
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
    from streamdesk.ui.pages.live.page import LivePage

    return LivePage(
        services.shows,
        services.show_runs,
        runner,
        services.settings,
        orders=services.orders,
        preflight=services.preflight,
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("LivePage", "StreamDesk live — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone("python -m streamdesk.ui.pages.live", make_page, window_title, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
