"""The presenter window: the live timer full-size in its own top-level window, for a second screen or a corner.

It shows a TimerState (it does not own the run): the Live page passes ``run.state`` as the timer source, calls
refresh() after each command and installs the clicker keys (ui/live_keys.py) once for the whole app. Right-click
(or the context-menu key) offers compact always-on-top mode, full screen and the screen to use; F11 or a double-click
toggles full screen, Esc leaves it.

Alone, for a quick look or a rehearsal without a database:
``python -m streamdesk.ui.presenter [--lang zh_CN] [--minutes 3] [--fullscreen] [--compact]``
runs a sample rundown on a real LiveTimer with the clicker keys and the cues (S starts a 30-second flash sale).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QContextMenuEvent, QGuiApplication, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.flash_sale import FlashSaleCountdown
from streamdesk.core.live_timer import TimerState
from streamdesk.ui.cues import CuePlayer
from streamdesk.ui.shortcuts_overlay import ShortcutsOverlay
from streamdesk.ui.widgets.timer_display import TimerDisplay

COMPACT_SIZE = (420, 170)


def preferred_screen(avoid: QScreen | None = None) -> QScreen:
    """The screen for the presenter: the first one other than ``avoid`` (the main window's) or the primary one,
    else the only screen there is."""
    primary = QGuiApplication.primaryScreen()
    avoid = avoid or primary
    for screen in QGuiApplication.screens():
        if screen is not avoid and screen != avoid:
            return screen
    return primary


class PresenterWindow(QWidget):
    def __init__(
        self,
        timer_source: Callable[[], TimerState],
        titles: Sequence[str],
        parent: QWidget | None = None,
        *,
        cue_player: CuePlayer | None = None,
    ) -> None:
        """``parent`` only ties the window's lifetime to it: the presenter is always a separate top-level window.
        With ``cue_player`` the display's states and flash sales feed it (one player per app: it never doubles)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presenterWindow")
        self.setWindowTitle(self.tr("StreamDesk presenter"))
        self.setMinimumSize(160, 70)
        self.display = TimerDisplay(timer_source, titles, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        self.resize(1024, 600)
        self._normal_geometry: QRect | None = None  # before compact mode, restored after it
        self._compact_geometry: QRect | None = None  # the compact window's last place, for next time
        self._help: ShortcutsOverlay | None = None
        self.help_entries: Callable[[], Sequence[tuple[str, str]]] | None = None  # the keys F1 lists
        if cue_player is not None:
            self.display.refreshed.connect(cue_player.observe)
            self.display.flash_sale.refreshed.connect(cue_player.observe_flash_sale)
        self.compact_action = QAction(self.tr("Compact, always on top"), self)
        self.compact_action.setCheckable(True)
        self.compact_action.toggled.connect(self.set_compact)
        self.fullscreen_action = QAction(self.tr("Full screen"), self)
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.toggled.connect(self.set_fullscreen)

    # --- what the Live page calls -----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> TimerState:
        return self.display.refresh()

    def set_titles(self, titles: Sequence[str]) -> None:
        self.display.set_titles(titles)

    def set_flash_sale(self, countdown: FlashSaleCountdown | None, title: str = "") -> None:
        self.display.set_flash_sale(countdown, title)

    # --- window modes -----------------------------------------------------------------------------------------
    def is_compact(self) -> bool:
        return self.display.is_compact()

    @Slot(bool)
    def set_compact(self, compact: bool) -> None:
        """Compact: a small window with only the title and digits, kept above every other window (stay-on-top).
        Each mode keeps its own geometry, so toggling back and forth returns to the same places."""
        if compact == self.is_compact():
            return
        if compact and self.isFullScreen():
            self.set_fullscreen(False)
        visible = self.isVisible()
        if compact:
            self._normal_geometry = self.geometry()
            target = self._compact_geometry or self._compact_place()
        else:
            self._compact_geometry = self.geometry()
            target = self._normal_geometry or self.geometry()
        self.display.set_compact(compact)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, compact)  # hides the window: shown again below
        self.setGeometry(target)
        if visible:
            self.show()
        self._sync_actions()

    def _compact_place(self) -> QRect:
        """Top right corner of the window's current screen."""
        area = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width, height = COMPACT_SIZE
        return QRect(area.right() - width - 24, area.top() + 24, width, height)

    @Slot(bool)
    def set_fullscreen(self, fullscreen: bool) -> None:
        if fullscreen == self.isFullScreen():
            self._sync_actions()
            return
        if fullscreen:
            if self.is_compact():
                self.set_compact(False)
            self.showFullScreen()
        else:
            self.showNormal()
        self._sync_actions()

    @Slot()
    def toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.isFullScreen())

    def move_to_screen(self, screen: QScreen) -> None:
        """Put the window on ``screen``, centred; a full-screen window fills the new screen instead."""
        fullscreen = self.isFullScreen()
        if fullscreen:
            self.showNormal()
        area = screen.availableGeometry()
        size = self.geometry().size().boundedTo(area.size())
        corner = QPoint(area.x() + (area.width() - size.width()) // 2, area.y() + (area.height() - size.height()) // 2)
        self.setGeometry(QRect(corner, size))
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        if fullscreen:
            self.showFullScreen()

    # --- key help ---------------------------------------------------------------------------------------------
    @Slot()
    def toggle_key_help(self) -> None:
        """F1 over the presenter: the live keys (``help_entries``), or hide them again."""
        if self._help is not None and self._help.isVisible():
            self._help.hide()
            return
        if self._help is None:
            self._help = ShortcutsOverlay(self)
        entries = self.help_entries() if self.help_entries is not None else []
        self._help.show_sections([(self.tr("Live show keys"), entries)])

    # --- events -----------------------------------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._sync_actions()
        menu = QMenu(self)
        menu.addAction(self.compact_action)
        menu.addAction(self.fullscreen_action)
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            move = menu.addMenu(self.tr("Move to screen"))
            for number, screen in enumerate(screens, start=1):
                size = screen.size()
                label = self.tr("Screen {number}: {name} ({width}×{height})").format(
                    number=number, name=screen.name(), width=size.width(), height=size.height()
                )
                chosen = move.addAction(label)
                chosen.setCheckable(True)
                chosen.setChecked(screen is self.screen())
                chosen.triggered.connect(lambda _checked=False, target=screen: self.move_to_screen(target))
        if self.help_entries is not None:
            menu.addAction(self.tr("Keys…"), self.toggle_key_help)
        menu.addSeparator()
        menu.addAction(self.tr("Close presenter"), self.close)
        menu.exec(event.globalPos())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.toggle_fullscreen()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.set_fullscreen(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isFullScreen():
            self.showNormal()  # a window reopened later should not come back covering the whole screen
        super().closeEvent(event)

    def _sync_actions(self) -> None:
        for action, checked in (
            (self.compact_action, self.is_compact()),
            (self.fullscreen_action, self.isFullScreen()),
        ):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)


def sample_titles() -> list[str]:
    """The stand-alone demo's rundown, in the user's language."""
    return [
        QCoreApplication.translate("PresenterDemo", "Opening and welcome"),
        QCoreApplication.translate("PresenterDemo", "Linen summer shirt: try-on and pitch"),
        QCoreApplication.translate("PresenterDemo", "Flash sale: linen shirt at ¥99"),
        QCoreApplication.translate("PresenterDemo", "Questions and lucky draw"),
        QCoreApplication.translate("PresenterDemo", "Closing: preview of the next show"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m streamdesk.ui.presenter")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the interface")
    parser.add_argument("--minutes", type=float, default=3.0, help="length of each sample segment (default 3)")
    parser.add_argument("--fullscreen", action="store_true", help="start full screen on the second screen, if any")
    parser.add_argument("--compact", action="store_true", help="start in compact always-on-top mode")
    args = parser.parse_args(argv)

    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QToolTip

    from streamdesk.config import AppPaths, load_settings
    from streamdesk.core.live_timer import LiveTimer, PlannedSegment, ShowClock
    from streamdesk.messages import describe
    from streamdesk.ui import i18n, startup
    from streamdesk.ui.live_keys import install_live_keys, live_key_help, timer_key_actions

    settings = load_settings(AppPaths.default().settings_file)
    app = startup.make_application()
    translators = i18n.install(app, i18n.choose_language(args.lang, settings))
    seconds = max(10, round(args.minutes * 60))
    titles = sample_titles()
    segments = [PlannedSegment(t, seconds, min(120, seconds // 3), min(60, seconds // 6)) for t in titles]
    clock = ShowClock()
    timer = LiveTimer(segments, clock=clock)
    cues = CuePlayer.from_settings(settings)
    window = PresenterWindow(timer.state, titles, cue_player=cues)
    window.help_entries = live_key_help

    def refused(error: UserError) -> None:
        QToolTip.showText(window.mapToGlobal(window.rect().center()), describe(error), window)

    actions = timer_key_actions(
        timer,
        after=window.refresh,
        on_error=refused,
        toggle_fullscreen=window.toggle_fullscreen,
        toggle_help=window.toggle_key_help,
    )
    install_live_keys(window, actions)
    flash_key = QShortcut(QKeySequence(Qt.Key.Key_S), window)  # the demo's own key: a 30-second flash sale

    def start_flash_sale() -> None:
        countdown = FlashSaleCountdown(30, clock)
        countdown.start()
        window.set_flash_sale(countdown, titles[timer.state().segment])

    flash_key.activated.connect(start_flash_sale)
    window.show()
    if args.fullscreen:
        window.move_to_screen(preferred_screen())
        window.set_fullscreen(True)
    elif args.compact:
        window.set_compact(True)
    try:
        return app.exec()
    finally:
        i18n.remove(app, translators)


if __name__ == "__main__":
    raise SystemExit(main())
