"""Composition root: build_services() (the CLI uses it too) and run_gui().

Nothing else constructs a service. This module imports no Qt at module level: the CLI imports build_services.
Everything run_gui needs that is not Qt is imported here, before Qt: once PySide6 is loaded, its import hook reads
the source of every module imported after it (shiboken's ``__feature__`` check), which makes a late import of a
big package such as SQLAlchemy's SQLite dialect (otherwise loaded by ``create_engine``) take twice as long.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy.dialects.sqlite  # noqa: F401 - before Qt, see above

from streamdesk.config import AppPaths, Settings, load_settings, media_dir, resolve_database
from streamdesk.core.after_sales import AfterSales
from streamdesk.core.backup import Backups
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.core.errors import UserError
from streamdesk.core.orders import Orders
from streamdesk.core.preflight import Preflight
from streamdesk.core.show_runs import ShowRuns
from streamdesk.core.shows import Shows
from streamdesk.core.warmup import Warmup
from streamdesk.db import Database, display_target, is_url
from streamdesk.logs import setup_logging

if TYPE_CHECKING:
    from streamdesk.core.advice import Advice
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.orders_io import OrdersIO
    from streamdesk.core.products_io import ProductsIO
    from streamdesk.core.review import Review
    from streamdesk.core.rundown_io import RundownIO
    from streamdesk.core.shipping_io import ShippingIO
    from streamdesk.ui.main_window import MainWindow
    from streamdesk.ui.recovery_flow import AfterClose
    from streamdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

STATUS_NOTICE_MS = 60_000  # a warm-up notice stays in the status bar until the next poll
FIRST_RUN_ENV = "STREAMDESK_FIRST_RUN"  # 1: the setup wizard may open even offscreen (screenshots); 0: never
FIRST_PAINT_WAIT_MS = 2000  # background work and the garbage collector wait this long at most for the first paint


class Services:
    """The services over one open database; build_services makes them.

    ``products_io`` is made (and its modules imported) on first use: import and export are not needed to show the
    window, so the GUI hands the catalogue page ``lambda: services.products_io``. ``rundown_io`` (rundown CSV and
    the PDF host sheet) likewise: the Shows page gets ``lambda: services.rundown_io``.
    """

    __slots__ = (
        "_advice",
        "_make_advice",
        "_make_metrics_io",
        "_make_orders_io",
        "_make_products_io",
        "_make_review",
        "_make_shipping_io",
        "_metrics_io",
        "_orders_io",
        "_products_io",
        "_review",
        "_rundown_io",
        "_shipping_io",
        "after_sales",
        "backups",
        "catalogue",
        "orders",
        "paths",
        "preflight",
        "settings",
        "show_runs",
        "shows",
        "warmup",
    )

    def __init__(
        self,
        *,
        settings: Settings,
        paths: AppPaths,
        catalogue: Catalogue,
        make_products_io: Callable[[], ProductsIO],
        shows: Shows,
        show_runs: ShowRuns,
        orders: Orders,
        after_sales: AfterSales,
        warmup: Warmup,
        preflight: Preflight,
        make_review: Callable[[], Review],
        backups: Backups | None = None,
        make_shipping_io: Callable[[Orders], ShippingIO] | None = None,
        make_orders_io: Callable[[Orders], OrdersIO] | None = None,
        make_metrics_io: Callable[[], MetricsIO] | None = None,
        make_advice: Callable[[], Advice] | None = None,
    ) -> None:
        self.settings = settings
        self.paths = paths
        self.catalogue = catalogue
        self.shows = shows
        self.show_runs = show_runs  # live timer runs and rehearsals, timed by a ShowClock made now
        self.orders = orders  # orders, customers, live capture
        self.after_sales = after_sales
        self.warmup = warmup  # booking links, warm-up tasks, poster content
        self.preflight = preflight  # pre-flight checklists, runs, go/no-go
        self._make_review = make_review
        self._review: Review | None = None
        self.backups = backups  # None for a server database (team mode): pg_dump's job
        self._make_products_io = make_products_io
        self._products_io: ProductsIO | None = None
        self._rundown_io: RundownIO | None = None
        self._make_shipping_io = make_shipping_io
        self._shipping_io: ShippingIO | None = None
        self._make_orders_io = make_orders_io
        self._orders_io: OrdersIO | None = None
        self._make_metrics_io = make_metrics_io
        self._metrics_io: MetricsIO | None = None
        self._make_advice = make_advice
        self._advice: Advice | None = None

    @property
    def review(self) -> Review:
        """Post-stream review (KPIs, timeline, notes, action items), made on first use: its modules are not needed
        for the first paint (the pages that use it are made later)."""
        if self._review is None:
            self._review = self._make_review()
        return self._review

    @property
    def advice(self) -> Advice:
        """The seller's assistant (suggestions from past shows), made on first use like the review."""
        if self._advice is None:
            if self._make_advice is None:
                raise RuntimeError("these services were built without the assistant")
            self._advice = self._make_advice()
        return self._advice

    @property
    def products_io(self) -> ProductsIO:
        if self._products_io is None:
            self._products_io = self._make_products_io()
        return self._products_io

    @property
    def rundown_io(self) -> RundownIO:
        if self._rundown_io is None:
            from streamdesk.core.rundown_io import RundownIO

            self._rundown_io = RundownIO(self.shows, self.catalogue)  # times in the computer's time zone
        return self._rundown_io

    @property
    def shipping_io(self) -> ShippingIO:
        """Courier and label-tool exports, pick lists and packing slips, made on first use (like products_io)."""
        if self._shipping_io is None:
            if self._make_shipping_io is None:
                raise RuntimeError("these services were built without shipping exports")
            self._shipping_io = self._make_shipping_io(self.orders)
        return self._shipping_io

    @property
    def orders_io(self) -> OrdersIO:
        """Platform order imports and tracking numbers, made on first use (like products_io)."""
        if self._orders_io is None:
            if self._make_orders_io is None:
                raise RuntimeError("these services were built without order imports")
            self._orders_io = self._make_orders_io(self.orders)
        return self._orders_io

    @property
    def metrics_io(self) -> MetricsIO:
        """Platform live-data (metrics) imports for the review, made on first use (like products_io)."""
        if self._metrics_io is None:
            if self._make_metrics_io is None:
                raise RuntimeError("these services were built without metrics imports")
            self._metrics_io = self._make_metrics_io()
        return self._metrics_io


def score_weights(settings: Settings) -> ScoreWeights:
    w = settings.selection_weights
    return ScoreWeights(
        margin=w.margin, stock_cover=w.stock_cover, past_sales=w.past_sales, tags=w.tags, boost_tags=w.boost_tags
    )


def build_services(
    database: Database, settings: Settings, paths: AppPaths, clock: Callable[[], datetime] | None = None
) -> Services:
    clock = clock or (lambda: datetime.now(UTC))
    images = media_dir(database.path, paths)
    catalogue = Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=score_weights(settings),
        clock=clock,
        shared_images=database.path is None,  # a team database: pictures travel through it (core.image_store)
    )

    def make_products_io() -> ProductsIO:
        from streamdesk.core.products_io import ProductsIO

        return ProductsIO(database.sessions, catalogue=catalogue, currency=settings.currency, clock=clock)

    def make_shipping_io(orders: Orders) -> ShippingIO:
        from streamdesk.core.shipping_io import SenderInfo, ShippingIO

        name, address = settings.business_name, settings.ship_from_address
        sender = SenderInfo(name=name, company=name, address=address)
        return ShippingIO(orders, sender=sender, clock=clock, sessions=database.sessions)  # the computer's zone

    def make_orders_io(orders: Orders) -> OrdersIO:
        from streamdesk.core.orders_io import OrdersIO

        # Naive export times are read in each platform's zone (orders_io.DEFAULT_ZONES: Asia/Shanghai for 抖店…).
        return OrdersIO(
            database.sessions, catalogue=catalogue, orders=orders, clock=clock, zones={}, currency=settings.currency
        )

    def make_metrics_io() -> MetricsIO:
        from streamdesk.core.metrics_io import MetricsIO

        return MetricsIO(database.sessions, clock=clock, currency=settings.currency)

    # The review reads its fee and shipping defaults from services.settings on every call: replacing
    # services.settings with newly saved settings applies them at once.
    def make_review() -> Review:
        from streamdesk.core.review import Review

        return Review(database.sessions, clock=clock, settings=lambda: services.settings.review)

    def make_advice() -> Advice:
        from streamdesk.core.advice import Advice

        # settings asked on every call, like the review's: saved settings apply at once
        return Advice(
            database.sessions,
            clock=clock,
            settings=lambda: services.settings.review,
            currency=lambda: services.settings.currency,
        )

    services = Services(
        settings=settings,
        paths=paths,
        catalogue=catalogue,
        make_products_io=make_products_io,
        make_shipping_io=make_shipping_io,
        make_orders_io=make_orders_io,
        make_metrics_io=make_metrics_io,
        shows=Shows(database.sessions, clock=clock),
        show_runs=ShowRuns(database.sessions, clock=clock),
        orders=Orders(database.sessions, clock=clock),
        after_sales=AfterSales(database.sessions, clock=clock),
        warmup=Warmup(database.sessions, clock=clock, catalogue_images=catalogue.image_path),
        preflight=Preflight(database.sessions, clock=clock, language=settings.language),
        make_review=make_review,
        make_advice=make_advice,
        backups=None
        if database.path is None
        else Backups(
            database.path,
            backups_dir=database.backups_dir,
            keep_last=settings.backup_keep_last,
            keep_daily_days=settings.backup_keep_daily_days,
            clock=clock,
        ),
    )
    return services


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop app and return its exit code.

    Order: arguments → logging → settings (logging first, so a broken settings file is logged) → QApplication and
    translators → one instance per database → open and migrate → show the window → after the first paint,
    background chores. On a clean close: an automatic snapshot (then rotation). Exit 2 when the database cannot
    be opened (it is left untouched) or is open in another StreamDesk that does not answer.

    cli.main turns the garbage collector off for start-up; it is back on after the first paint (or on return),
    see ``collect_from_now_on``.
    """
    try:
        return _run_gui(args)
    finally:
        gc.enable()


def _run_gui(args: argparse.Namespace) -> int:
    from contextlib import ExitStack

    from PySide6.QtCore import QCoreApplication, QTimer

    from streamdesk.ui import i18n, startup
    from streamdesk.ui.app_pages import default_pages
    from streamdesk.ui.errors import install_excepthook
    from streamdesk.ui.main_window import MainWindow
    from streamdesk.ui.recovery_flow import AfterClose, DamageWatch, restore_then_restart
    from streamdesk.ui.tasks import TaskRunner

    paths = AppPaths.default()
    log_file = setup_logging(paths.log_dir)
    settings = load_settings(paths.settings_file)
    app = startup.make_application()
    install_excepthook(log_file, app)
    translators = i18n.install(app, i18n.choose_language(args.lang, settings))
    runner = TaskRunner(log_file=log_file, parent=app)

    with ExitStack() as cleanup:
        cleanup.callback(runner.shut_down)
        cleanup.callback(i18n.remove, app, translators)
        throwaway = args.demo or bool(args.backup_copy)  # nothing kept: no snapshot, no wizard
        title = ""
        if args.demo or args.backup_copy:
            gc.enable()  # writing the demo shop allocates a lot; start-up is not what is measured then
            created = startup.create_demo(runner) if args.demo else startup.copy_backup(Path(args.backup_copy))
            if isinstance(created, int):
                return created
            cleanup.callback(shutil.rmtree, created[0], ignore_errors=True)
            target = str(created[1])
            if args.backup_copy:
                title = QCoreApplication.translate("startup", "StreamDesk — copy of {backup} (changes are not kept)")
                title = title.format(backup=Path(args.backup_copy).name)
        else:
            target = resolve_database(args.db, settings, paths)
        offered_backup = Path(args.open_backup) if args.open_backup else None
        instance = startup.claim_instance(target, paths.data_dir / "locks", offered_backup)
        if isinstance(instance, int):
            return instance
        cleanup.callback(instance.release)
        local_file = str(paths.default_database) if is_url(target) else None  # when the team server is out of reach
        database = _open_or_refuse(target, log_file, runner, local_file)
        if isinstance(database, int):
            return database
        cleanup.callback(database.dispose)
        services = build_services(database, settings, paths)

        runner.hold()  # the pages' first queries start after the first paint (below)
        window = MainWindow(
            default_pages(services, runner),
            runner,
            settings=settings,
            settings_file=paths.settings_file,
            window_state_file=paths.window_state_file,
            database_label=display_target(target) if database.path is None else str(database.path),
            log_file=log_file,
            backups=services.backups,
            title=title,
        )
        cleanup.callback(window.deleteLater)
        # services read some settings on every call (the review's fee and shipping defaults): saved ones apply at once
        window.settings_changed.connect(lambda saved: setattr(services, "settings", saved))
        instance.raise_requested.connect(window.bring_to_front)
        instance.backup_open_requested.connect(window.open_backup)
        file_opens = startup.FileOpenEvents(window)
        file_opens.opened.connect(window.open_backup)
        app.installEventFilter(file_opens)
        after_close: list[AfterClose] = []  # a restore or recovery asked for while the window was open
        window.backup_actions.restore_requested.connect(lambda path: _close_for(window, AfterClose(path), after_close))
        window.first_painted.connect(startup.log_first_paint)
        if args.quit_after_first_paint:
            window.first_painted.connect(startup.report_first_paint)
        # Once the frame is drawn: the pages' first queries, and the garbage collector. A window that never paints
        # (shown minimised or hidden by another) gets them after FIRST_PAINT_WAIT_MS all the same.
        window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: _start_background(runner)))
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, lambda: _start_background(runner))
        if args.quit_after_first_paint:
            window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: app.exit(0)))  # exit: no close events
        else:
            window.first_painted.connect(
                lambda: QTimer.singleShot(0, lambda: startup.after_first_paint(services.backups, runner))
            )
            window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: _start_notices(window, services)))
            if services.backups is not None:
                watch = DamageWatch(window, runner, services.backups)
                watch.recovery_chosen.connect(lambda after: _close_for(window, after, after_close))
                window.first_painted.connect(lambda: QTimer.singleShot(0, watch.start))
            if offered_backup is not None:
                window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: window.open_backup(offered_backup)))
            elif not throwaway and first_run_due(settings):
                window.first_painted.connect(lambda: QTimer.singleShot(0, window.run_setup_wizard))
        window.show()
        code = app.exec()
        app.removeEventFilter(file_opens)
        if after_close and services.backups is not None:
            runner.shut_down()  # the pages' reads stop and their threads finish; the runner still takes new jobs
            database.dispose()  # the file is replaced next: nothing of ours may hold it open
            instance.release()  # the restarted StreamDesk takes the lock
            return restore_then_restart(runner, services.backups, after_close[0], args.lang)
        runner.shut_down()
        if code == 0 and services.backups is not None and not (throwaway or args.quit_after_first_paint):
            from streamdesk.ui.close_snapshot import snapshot_on_close

            snapshot_on_close(services.backups)  # a failure is said (stderr, and a dialog on a screen), not only logged
        return code


def _close_for(window: MainWindow, after: AfterClose, after_close: list[AfterClose]) -> None:
    """Close the window so run_gui can restore or recover once nothing uses the database; if the close is refused
    (a task the user watches is still running and they keep it), nothing happens."""
    after_close[:] = [after]
    if not window.close():
        after_close.clear()


def first_run_due(settings: Settings) -> bool:
    """Whether the setup wizard opens after the first paint: on a first start (settings without first_run_done),
    never under pytest or without a screen (tests, CI: nobody would answer it) unless STREAMDESK_FIRST_RUN=1 asks
    for it; STREAMDESK_FIRST_RUN=0 never shows it. --demo and --quit-after-first-paint runs never ask."""
    from streamdesk.ui.errors import has_screen

    wanted = os.environ.get(FIRST_RUN_ENV, "")
    if wanted in ("0", "1"):
        return wanted == "1" and not settings.first_run_done
    return not settings.first_run_done and has_screen() and "PYTEST_CURRENT_TEST" not in os.environ


def _start_notices(window: MainWindow, services: Services) -> None:
    """Tray balloons (or status-bar lines) while the app runs: warm-up tasks coming due and shows whose pre-flight is
    due; a click opens that page at the show."""
    from streamdesk.ui.preflight_notifier import PreflightNotifier
    from streamdesk.ui.warmup_notifier import WarmupNotifier

    warmup = WarmupNotifier(services.warmup, icon=window.windowIcon(), parent=window)
    warmup.status_message.connect(lambda text: window.statusBar().showMessage(text, STATUS_NOTICE_MS))
    warmup.show_requested.connect(lambda show_id: window.open_show_on("warmup", show_id))
    warmup.start()
    preflight = PreflightNotifier(
        services.preflight,
        due_minutes=services.settings.preflight.due_minutes,
        icon=window.windowIcon(),
        parent=window,
    )
    preflight.status_message.connect(lambda text: window.statusBar().showMessage(text, STATUS_NOTICE_MS))
    preflight.show_requested.connect(lambda show_id: window.open_show_on("preflight", show_id))
    window.settings_changed.connect(preflight.apply_settings)
    preflight.start()


def _start_background(runner: TaskRunner) -> None:
    runner.release()  # both calls do nothing the second time
    collect_from_now_on()


def collect_from_now_on() -> None:
    """Turn the garbage collector back on after start-up (if cli.main turned it off).

    What start-up made (modules, classes, services, the window: over 100,000 objects) lives as long as the app, so
    it is frozen out of the collector's way first; otherwise the first collection would scan all of it (tens of
    milliseconds, while the first rows are loading) and every full collection after it again. The price is that
    the few hundred cyclic leftovers of start-up are never freed.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def open_or_refuse(target: str, log_file: Path) -> Database | int:
    """The database for a GUI entry point, or the exit code after saying why not; also used by the pages'
    stand-alone quick looks (``python -m streamdesk.ui.pages.catalogue``), since ui never imports streamdesk.db."""
    return _open_or_refuse(target, log_file)


def _open_or_refuse(
    target: str, log_file: Path, runner: TaskRunner | None = None, local_file: str | None = None
) -> Database | int:
    """Open and migrate; on failure say why in a dialog (and on stderr) and return the exit code. With a
    ``runner`` and a screen, a damaged database gets the recovery dialog first (ui.recovery_flow); a team database
    that cannot be opened offers to try again or to open ``local_file`` (this computer's own) instead."""
    from PySide6.QtCore import QCoreApplication

    from streamdesk.db import open_database
    from streamdesk.messages import describe
    from streamdesk.ui.errors import has_screen
    from streamdesk.ui.startup import EXIT_PROBLEM, EXIT_REFUSED, refuse

    title = QCoreApplication.translate("startup", "The database could not be opened")
    try:
        return open_database(target)
    except UserError as error:  # SchemaTooNew, NotAStreamDeskDatabase…: the file was left untouched
        log.info("database %s refused: %s", display_target(target), error.for_log())
        if is_url(target) and local_file is not None and has_screen():
            return _team_fallback(target, log_file, runner, local_file, describe(error))
        backups = _recoverable(target, error) if runner is not None else None
        if backups is None or runner is None:
            return refuse(title, describe(error))
        from streamdesk.ui.recovery_flow import recover_before_opening

        if recover_before_opening(runner, backups, describe(error)):
            return _open_or_refuse(target, log_file)  # once more, as it is now; a second failure is refused
        return EXIT_REFUSED
    except Exception:  # boundary: the user gets a sentence, the log the traceback
        log.exception("opening %s failed", display_target(target))
        message = QCoreApplication.translate(
            "startup", "{database} could not be opened. The details are in the log file {log}."
        )
        return refuse(title, message.format(database=display_target(target), log=log_file), EXIT_PROBLEM)


def _team_fallback(
    target: str, log_file: Path, runner: TaskRunner | None, local_file: str, said: str
) -> Database | int:
    from streamdesk.ui.startup import EXIT_REFUSED
    from streamdesk.ui.team_unreachable import TeamChoice, ask

    choice = ask(said, local_file)
    log.info("team database %s could not be opened: %s", display_target(target), choice.value)
    if choice is TeamChoice.RETRY:
        return _open_or_refuse(target, log_file, runner, local_file)
    if choice is TeamChoice.LOCAL:
        return _open_or_refuse(local_file, log_file, runner)
    return EXIT_REFUSED


def _recoverable(target: str, error: UserError) -> Backups | None:
    """The backups of a database file that a backup could replace: a damaged one, or one that is not a database
    at all but has StreamDesk backups beside it (so it was one). None when there is no screen to ask on."""
    from streamdesk.core.backup_recovery import backup_candidates
    from streamdesk.core.errors import DatabaseDamaged, NotAStreamDeskDatabase
    from streamdesk.ui.errors import has_screen

    if is_url(target) or not has_screen() or not isinstance(error, DatabaseDamaged | NotAStreamDeskDatabase):
        return None
    backups = Backups(Path(target).expanduser().resolve())
    if isinstance(error, NotAStreamDeskDatabase) and not backup_candidates(backups):
        return None  # somebody else's file, passed with --db: left alone
    return backups
