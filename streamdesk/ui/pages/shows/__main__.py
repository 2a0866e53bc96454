"""The Shows page alone, for a quick look: ``python -m streamdesk.ui.pages.shows [--db PATH] [--lang zh_CN]``.

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
    from streamdesk.ui.pages.shows.page import ShowsPage

    return ShowsPage(
        services.shows,
        services.catalogue,
        runner,
        settings=services.settings,
        rundown_io=lambda: services.rundown_io,
        warmup=services.warmup,
        preflight=services.preflight,
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ShowsPage", "StreamDesk shows — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone("python -m streamdesk.ui.pages.shows", make_page, window_title, size=(1440, 860), argv=argv)


if __name__ == "__main__":
    sys.exit(main())
