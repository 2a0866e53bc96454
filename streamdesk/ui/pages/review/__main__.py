"""The Review page alone, for a quick look: ``python -m streamdesk.ui.pages.review [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop (its past shows have orders, minute data, totals, notes and
action items), removed on exit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from streamdesk.ui.pages.standalone import run_page_alone

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from streamdesk.app import Services
    from streamdesk.core.report import ReportWriter
    from streamdesk.ui.tasks import TaskRunner


def make_page(services: Services, runner: TaskRunner) -> QWidget:
    from streamdesk.ui.pages.review.page import ReviewPage

    def make_report() -> ReportWriter:
        from streamdesk.core.report import ReportWriter

        return ReportWriter(moving_average_shows=services.settings.review.moving_average_shows)

    return ReviewPage(
        services.review,
        lambda: services.metrics_io,
        services.shows,
        runner,
        settings=services.settings,
        make_report=make_report,
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ReviewPage", "StreamDesk review — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone("python -m streamdesk.ui.pages.review", make_page, window_title, size=(1360, 860), argv=argv)


if __name__ == "__main__":
    sys.exit(main())
