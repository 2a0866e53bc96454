"""Run with QT_SCALE_FACTOR=2: every page of the setup wizard, the product and order imports before and after reading
a fixture, the live-data import and Settings, over a copy of a demo database. Each state is grabbed into
``<out>/scaled-<state>.png``; prints ``<state> <device pixel ratio> <width px> <height px>`` per state, then one
``! <state>: <problem>`` line per clipped text or unnamed control.

    python tests/ui/scaled_dialogs.py DEMO.sqlite3 OUT_FOLDER
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from layout_checks import clipped_texts, settle, unnamed_controls
from PySide6.QtWidgets import QApplication, QWidget

from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.db import open_database, snapshot
from streamdesk.ui import i18n
from streamdesk.ui.first_run import FirstRunWizard
from streamdesk.ui.pages.catalogue.import_dialog import ImportDialog
from streamdesk.ui.pages.orders.import_dialog import OrderImportDialog
from streamdesk.ui.pages.review.import_dialog import MetricsImportDialog
from streamdesk.ui.settings_dialog import SettingsDialog
from streamdesk.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def main(demo: Path, out: Path) -> int:
    app = QApplication([])
    translators = i18n.install(app, "en")
    database = open_database(snapshot(demo, out / "scaled.sqlite3"))
    paths = AppPaths.default()
    services = build_services(database, Settings(language="en"), paths)
    runner = TaskRunner()
    problems: list[str] = []

    def grab(window: QWidget, state: str, until: Callable[[], bool] = lambda: True) -> None:
        settle(runner)
        for _ in range(100):  # a file is read in the background
            if until():
                break
            settle(runner, at_least_ms=50)
        image = window.grab()
        image.save(str(out / f"scaled-{state}.png"))
        sys.stdout.write(f"{state} {image.devicePixelRatio()} {image.width()} {image.height()}\n")
        problems.extend(f"! {state}: {line}" for line in clipped_texts(window) + unnamed_controls(window))

    wizard = FirstRunWizard(Settings(language="en", currency="CNY"), out / "settings.toml")
    wizard.show()
    for number in range(1, 5):
        grab(wizard, f"first-run-{number}")
        wizard.next()
    wizard.close()

    products = ImportDialog(services.products_io, runner)
    products.show()
    grab(products, "product-import-file")
    products.load_file(FIXTURES / "products" / "utf8.csv")
    grab(products, "product-import-columns", lambda: products.pages.currentWidget() is products.mapping_page)
    products.close()

    orders = OrderImportDialog(services.orders_io, services.shows, runner)
    orders.show()
    grab(orders, "order-import-file")
    orders.load_file(FIXTURES / "orders" / "douyin_gbk.csv")
    grab(orders, "order-import-preview", lambda: orders.pages.currentWidget() is orders.preview_page)
    orders.close()

    metrics = MetricsImportDialog(services.metrics_io, services.shows.list_shows()[0].id, runner)
    metrics.show()
    grab(metrics, "metrics-import-file")
    metrics.close()

    settings = SettingsDialog(Settings(language="en"), paths.settings_file)
    settings.show()
    grab(settings, "settings")
    settings.close()

    sys.stdout.writelines(line + "\n" for line in problems)
    runner.shut_down()
    database.dispose()
    i18n.remove(app, translators)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
