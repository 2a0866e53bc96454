"""The Shows page alone, for a quick look: ``python -m streamdesk.ui.pages.shows [--db PATH] [--lang zh_CN]``.

Without --db it opens a throwaway copy of the demo shop, removed again on exit.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m streamdesk.ui.pages.shows")
    parser.add_argument("--db", metavar="PATH", help="database file (default: a throwaway demo database)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the interface")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction, QKeySequence

    from streamdesk.app import build_services, open_or_refuse
    from streamdesk.config import AppPaths, load_settings
    from streamdesk.logs import setup_logging
    from streamdesk.ui import i18n, startup
    from streamdesk.ui.errors import install_excepthook
    from streamdesk.ui.pages.shows.page import ShowsPage
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
        services = build_services(database, settings, paths)
        page = ShowsPage(
            services.shows, services.catalogue, runner, settings=settings, rundown_io=lambda: services.rundown_io
        )
        page.setWindowTitle(
            QCoreApplication.translate("ShowsPage", "StreamDesk shows — {database}").format(database=target)
        )
        find = QAction(page)  # in the main window Ctrl+F is the window's; alone, the page needs its own
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(page.focus_search)
        page.addAction(find)
        page.resize(1440, 860)
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


if __name__ == "__main__":
    sys.exit(main())
