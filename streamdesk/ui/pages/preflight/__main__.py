"""The Pre-flight page alone, for a quick look: ``python -m streamdesk.ui.pages.preflight [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop (its next show has a run in progress), removed on exit.
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
    from streamdesk.ui.pages.preflight.page import PreflightPage

    return PreflightPage(
        services.preflight, services.shows, runner, settings=services.settings, data_dir=services.paths.data_dir
    )


def window_title(database: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("PreflightPage", "StreamDesk pre-flight — {database}").format(database=database)


def main(argv: Sequence[str] | None = None) -> int:
    return run_page_alone(
        "python -m streamdesk.ui.pages.preflight", make_page, window_title, size=(1360, 820), argv=argv
    )


if __name__ == "__main__":
    sys.exit(main())
