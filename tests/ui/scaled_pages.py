"""Run with QT_SCALE_FACTOR=2: opens every page of the main window over a copy of a demo database, grabs each one
into ``<out>/scaled-<page>.png`` and prints ``<page> <device pixel ratio> <width px> <height px>`` per page.

    python tests/ui/scaled_pages.py DEMO.sqlite3 OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from layout_checks import PAGE_KEYS, open_main_window, settle
from PySide6.QtWidgets import QApplication

from streamdesk.config import AppPaths, Settings
from streamdesk.db import open_database, snapshot
from streamdesk.ui import i18n
from streamdesk.ui.tasks import TaskRunner


def main(demo: Path, out: Path) -> int:
    app = QApplication([])
    translators = i18n.install(app, "en")
    database = open_database(snapshot(demo, out / "scaled.sqlite3"))
    runner = TaskRunner()
    window = open_main_window(database, Settings(language="en"), AppPaths.default(), runner)
    for key in PAGE_KEYS:
        window.show_page(key)
        settle(runner)
        image = window.grab()
        image.save(str(out / f"scaled-{key}.png"))
        sys.stdout.write(f"{key} {image.devicePixelRatio()} {image.width()} {image.height()}\n")
    window.close()
    runner.shut_down()
    database.dispose()
    i18n.remove(app, translators)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
