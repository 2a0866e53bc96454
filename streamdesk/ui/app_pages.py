"""The app's pages as the main window lists them: one PageSpec per sidebar entry, each creating its page (and
importing its modules) on the first visit with only the services it needs. app.run_gui hands these to MainWindow;
tests hand it their own specs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from streamdesk.ui.main_window import PageSpec
from streamdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from streamdesk.app import Services
    from streamdesk.core.report import ReportWriter
    from streamdesk.ui.pages.warmup.poster_designer import PosterDesigner


def default_pages(services: Services, runner: TaskRunner) -> tuple[PageSpec, ...]:
    """The app's pages in the sidebar's order; each is created on its first visit with the services it needs."""

    def create_catalogue() -> QWidget:
        from streamdesk.ui.pages.catalogue.page import CataloguePage

        # products_io is made (and its modules imported) on first use: see CataloguePage
        return CataloguePage(services.catalogue, lambda: services.products_io, runner)

    def create_shows() -> QWidget:
        from streamdesk.ui.pages.shows.page import ShowsPage

        return ShowsPage(
            services.shows,
            services.catalogue,
            runner,
            settings=services.settings,
            rundown_io=lambda: services.rundown_io,  # made on first use, like products_io
            warmup=services.warmup,  # an undone delete brings the show's warm-up back too
            preflight=services.preflight,  # the summary's pre-flight line
            review=services.review,  # the summary's "Actions from earlier reviews" line
            pacing=lambda: services.advice.pacing_check(),  # warns when a rundown is planned against habit
        )

    def create_preflight() -> QWidget:
        from streamdesk.ui.pages.preflight.page import PreflightPage

        return PreflightPage(
            services.preflight,
            services.shows,
            runner,
            settings=services.settings,
            data_dir=services.paths.data_dir,  # where recordings would go: the machine probe checks its free space
            review=services.review,  # action items carried from earlier reviews, ticked off before going live
            catalogue=services.catalogue,  # the products' texts the "Script checked" item reads
        )

    def create_warmup() -> QWidget:
        from streamdesk.ui.pages.warmup.page import WarmupPage

        def make_poster_designer(parent: QWidget) -> PosterDesigner:
            from streamdesk.ui.pages.warmup.poster_designer import PosterDesigner

            return PosterDesigner(
                services.warmup, runner, settings=services.settings, shows=services.shows, parent=parent
            )

        return WarmupPage(
            services.warmup,
            services.shows,
            runner,
            settings=services.settings,
            make_poster_designer=make_poster_designer,
        )

    def create_live() -> QWidget:
        from streamdesk.ui.pages.live.page import LivePage

        return LivePage(
            services.shows,
            services.show_runs,
            runner,
            services.settings,
            orders=services.orders,
            preflight=services.preflight,  # going live asks the show's pre-flight run first
        )

    def create_orders() -> QWidget:
        from streamdesk.ui.pages.orders.page import OrdersPage

        # the import and shipping machinery is made (and imported) when a file is first read or written
        return OrdersPage(
            services.orders,
            lambda: services.orders_io,
            lambda: services.shipping_io,
            services.after_sales,
            services.shows,
            runner,
            services.settings,
            catalogue=services.catalogue,
        )

    def create_review() -> QWidget:
        from streamdesk.ui.pages.review.page import ReviewPage

        def make_report() -> ReportWriter:
            from streamdesk.core.report import ReportWriter

            # the report's trend chart uses the same moving-average window as the page's
            return ReportWriter(moving_average_shows=services.settings.review.moving_average_shows)

        # metrics imports are made (and imported) when a file is first read, like order imports
        return ReviewPage(
            services.review,
            lambda: services.metrics_io,
            services.shows,
            runner,
            settings=services.settings,
            make_report=make_report,
        )

    def create_advice() -> QWidget:
        from streamdesk.ui.pages.advice.page import AdvicePage

        return AdvicePage(services.advice, runner, services.catalogue)

    return (
        PageSpec(
            "catalogue", lambda: QCoreApplication.translate("MainWindow", "Catalogue"), "catalogue", create_catalogue
        ),
        PageSpec("shows", lambda: QCoreApplication.translate("MainWindow", "Shows"), "shows", create_shows),
        PageSpec(
            "preflight", lambda: QCoreApplication.translate("MainWindow", "Pre-flight"), "preflight", create_preflight
        ),
        PageSpec("warmup", lambda: QCoreApplication.translate("MainWindow", "Warm-up"), "warmup", create_warmup),
        PageSpec("live", lambda: QCoreApplication.translate("MainWindow", "Live"), "live", create_live),
        PageSpec("orders", lambda: QCoreApplication.translate("MainWindow", "Orders"), "orders", create_orders),
        PageSpec("review", lambda: QCoreApplication.translate("MainWindow", "Review"), "review", create_review),
        PageSpec("advice", lambda: QCoreApplication.translate("MainWindow", "Advice"), "advice", create_advice),
    )
