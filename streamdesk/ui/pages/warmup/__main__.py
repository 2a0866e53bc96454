"""The Warm-up page alone, for a quick look: ``python -m streamdesk.ui.pages.warmup [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop (with its shows' booking links and tasks), removed on exit.
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
    from streamdesk.ui.pages.warmup.page import WarmupPage
    from streamdesk.ui.pages.warmup.poster_designer import PosterDesigner

    def make_poster_designer(parent: QWidget) -> PosterDesigner:
        return PosterDesigner(services.warmup, runner, settings=services.settings, shows=services.shows, parent=parent)

    return WarmupPage(
        services.warmup, services.shows, runner, settings=services.settings, make_poster_designer=make_poster_designer
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("WarmupPage", "StreamDesk warm-up — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone("python -m streamdesk.ui.pages.warmup", make_page, window_title, size=(1360, 820), argv=argv)


if __name__ == "__main__":
    sys.exit(main())
