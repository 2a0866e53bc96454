"""Run one page alone, for a quick look: ``python -m streamdesk.ui.pages.<page> [--db PATH] [--lang zh_CN]``.

Without --db the page opens a throwaway copy of the demo shop (products and shows), removed again on exit. Each
page's ``__main__`` passes how to make the page from the services and how to title its window.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from streamdesk.app import Services
    from streamdesk.ui.tasks import TaskRunner


def run_page_alone(
    prog: str,
    make_page: Callable[[Services, TaskRunner], QWidget],
    window_title: Callable[[str], str],
    *,
    size: tuple[int, int] = (1360, 820),
    argv: Sequence[str] | None = None,
) -> int:
    """``window_title`` gets the database path and returns the translated title (called once translators are in)."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--db", metavar="PATH", help="database file (default: a throwaway demo database)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the interface")
    args = parser.parse_args(argv)

    from PySide6.QtGui import QAction, QKeySequence

    from streamdesk.app import build_services, open_or_refuse
    from streamdesk.config import AppPaths, load_settings
    from streamdesk.logs import setup_logging
    from streamdesk.ui import i18n, startup
    from streamdesk.ui.errors import install_excepthook
    from streamdesk.ui.tasks import TaskRunner

    paths = AppPaths.default()
    log_file = setup_logging(paths.log_dir)
    settings = load_settings(paths.settings_file)
    app = startup.make_application()
    install_excepthook(log_file, app)
    translators = i18n.install(app, i18n.choose_language(args.lang, settings))
    runner = TaskRunner(log_file=log_file, parent=app)
    demo_folder = None
    try:
        if args.db:
            target = args.db
        else:
            created = startup.create_demo(runner)
            if isinstance(created, int):
                return created
            demo_folder, database_path = created
            target = str(database_path)
        database = open_or_refuse(target, log_file)
        if isinstance(database, int):
            return database
        page = make_page(build_services(database, settings, paths), runner)
        page.setWindowTitle(window_title(target))
        focus_search = getattr(page, "focus_search", None)
        if callable(focus_search):  # in the main window Ctrl+F is the window's; alone, the page needs its own
            find = QAction(page)
            find.setShortcut(QKeySequence.StandardKey.Find)
            find.triggered.connect(focus_search)
            page.addAction(find)
        page.resize(*size)
        page.show()
        code = app.exec()
        runner.shut_down()
        page.deleteLater()
        database.dispose()
        return code
    finally:
        runner.shut_down()
        i18n.remove(app, translators)
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)
