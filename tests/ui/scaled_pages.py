"""Run with QT_SCALE_FACTOR=2: opens every page (and every tab on it) of the main window over a copy of a demo
database, grabs each into ``<out>/scaled-<view>.png`` and prints ``<view> <device pixel ratio> <width px> <height px>``
per view (a view is "<page>" or "<page>/<tab no.>"), then ``! <view>: <problem>`` per clipped text.

    python tests/ui/scaled_pages.py DEMO.sqlite3 OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from layout_checks import clipped_texts, open_main_window, page_views
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
    problems: list[str] = []
    for view in page_views(window, runner):  # every page and every tab on it
        image = window.grab()
        image.save(str(out / f"scaled-{view.replace('/', '-')}.png"))
        sys.stdout.write(f"{view} {image.devicePixelRatio()} {image.width()} {image.height()}\n")
        problems.extend(f"! {view}: {line}" for line in clipped_texts(window))
    sys.stdout.writelines(line + "\n" for line in problems)
    window.close()
    runner.shut_down()
    database.dispose()
    i18n.remove(app, translators)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
