"""The main window: a sidebar of pages, File and Help menus, a toolbar, and the database path in the status bar.

Pages are described by PageSpec and created on their first visit, each given only the services it needs.
Pages never import each other: a page that emits one of RELAYED_SIGNALS has it re-emitted by the window and
delivered to every other open page that defines ``_on_<signal>`` (e.g. ``_on_stock_changed``).
Window geometry and the sidebar splitter are remembered in an ini file (QSettings) beside settings.toml.
The settings dialog, the F1 overlay, the guide (Shift+F1) and About are made (and their modules imported) when
first opened: start-up only builds what the first paint shows.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from streamdesk.config import Settings, save_settings
from streamdesk.core.team_probe import server_place
from streamdesk.resource_paths import resource_path
from streamdesk.ui.backup_actions import BackupActions
from streamdesk.ui.errors import has_screen
from streamdesk.ui.privacy import Privacy
from streamdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from streamdesk.core.backup import Backups
    from streamdesk.ui.about_dialog import AboutDialog
    from streamdesk.ui.first_run import FirstRunWizard
    from streamdesk.ui.help_dialog import HelpDialog
    from streamdesk.ui.settings_dialog import SettingsDialog
    from streamdesk.ui.shortcuts_overlay import ShortcutsOverlay

log = logging.getLogger(__name__)

RELAYED_SIGNALS = ("stock_changed", "orders_imported", "show_started", "preflight_finished", "review_edited")


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


@dataclass(frozen=True, slots=True)
class PageSpec:
    key: str
    title: Callable[[], str]  # called when shown, so the text is translated in the current language
    icon: str  # file name in resources/icons without .svg
    create: Callable[[], QWidget]


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, when the first frame (the window and everything in it) has been painted
    settings_changed = Signal(object)  # Settings
    stock_changed = Signal()
    orders_imported = Signal(int)  # import batch id
    show_started = Signal(int)  # show id
    preflight_finished = Signal(int)  # show id

    def __init__(
        self,
        pages: Sequence[PageSpec],
        runner: TaskRunner,
        *,
        settings: Settings,
        settings_file: Path,
        window_state_file: Path,
        database_label: str,
        log_file: Path | None = None,
        backups: Backups | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._specs = tuple(pages)
        self._runner = runner
        self._settings_file = settings_file
        self._window_state = QSettings(str(window_state_file), QSettings.Format.IniFormat)
        self._database_label = database_label
        self._log_file = log_file
        self._backups = backups
        self._pages: dict[str, QWidget] = {}
        self._painted = False
        team_place = server_place(database_label)  # "host/name" in team mode, where the whole team's shop is
        if team_place is None:
            self.setWindowTitle(title or self.tr("StreamDesk — {database}").format(database=Path(database_label).name))
        else:
            self.setWindowTitle(title or self.tr("StreamDesk — Team database: {place}").format(place=team_place))
        self.setWindowIcon(icon("streamdesk"))

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setSpacing(2)
        self.sidebar.setMinimumWidth(140)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in self._specs:
            item = QListWidgetItem(icon(spec.icon), spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(0, 40))
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sidebarSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 1100])
        self.setCentralWidget(self.splitter)
        self._overlay: ShortcutsOverlay | None = None
        self._help: HelpDialog | None = None
        # privacy mode: pages with a set_privacy method get this switch (names, phones, addresses masked on screen)
        self.privacy = Privacy(settings.privacy_mode, self)

        self._make_actions()
        self._make_menus_and_toolbar()
        self.database_status = QLabel()
        self.database_status.setObjectName("databaseStatus")
        if team_place is None:
            self.database_status.setText(self.tr("Database: {path}").format(path=database_label))
        else:
            self.database_status.setText(self.tr("Team database: {place}").format(place=team_place))
        self.database_status.setToolTip(database_label)
        self.database_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_status = QLabel(self.tr("Working…"))
        self.busy_status.hide()
        self.statusBar().addPermanentWidget(self.busy_status)
        self.statusBar().addPermanentWidget(self.database_status)
        runner.busy_changed.connect(self.busy_status.setVisible)

        self.sidebar.currentRowChanged.connect(self._on_page_chosen)
        self._restore_window_state()
        if self._specs:
            self.sidebar.setCurrentRow(0)

    # --- pages ------------------------------------------------------------------------------------------------
    def current_page(self) -> QWidget | None:
        row = self.sidebar.currentRow()
        return self._pages.get(self._specs[row].key) if 0 <= row < len(self._specs) else None

    def page(self, key: str) -> QWidget | None:
        """The page if it has been created (visited) already."""
        return self._pages.get(key)

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, spec in enumerate(self._specs) if spec.key == key)
        self.sidebar.setCurrentRow(row)
        return self._pages[key]

    def open_show_on(self, key: str, show_id: int) -> None:
        """A notice was clicked: bring the window up on that page (warm-up, pre-flight) at that show."""
        self.bring_to_front()
        page = self.show_page(key)
        set_show = getattr(page, "set_show", None)
        if callable(set_show):
            set_show(show_id)

    @Slot(int)
    def _on_page_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._specs):
            return
        spec = self._specs[row]
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.create()
            self._pages[spec.key] = page
            self.stack.addWidget(page)
            self._connect_relays(page)
            set_privacy = getattr(page, "set_privacy", None)
            if callable(set_privacy):
                set_privacy(self.privacy)
            log.info("page %s created", spec.key)
        self.stack.setCurrentWidget(page)
        self.find_action.setEnabled(callable(getattr(page, "focus_search", None)))

    def _connect_relays(self, page: QWidget) -> None:
        for name in RELAYED_SIGNALS:
            signal = getattr(page, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(functools.partial(self._relay, name, page))

    def _relay(self, name: str, source: QWidget, *args: Any) -> None:
        getattr(self, name).emit(*args)
        for page in self._pages.values():
            handler = getattr(page, f"_on_{name}", None)
            if page is not source and callable(handler):
                handler(*args)

    # --- actions ----------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], keys: str = "", icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)  # window-wide: works whatever has focus
        return action

    def _make_actions(self) -> None:
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings, "Ctrl+,", "settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.setup_wizard_action = self._action(self.tr("Run the setup &wizard again…"), self.run_setup_wizard)
        self.backup_actions = BackupActions(
            self, self._runner, self._backups, self._database_label, backup_icon=icon("backup")
        )
        self.backup_action = self.backup_actions.back_up_now_action
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q", "quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(self.tr("&Search this page"), self._focus_search, "Ctrl+F")
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.toggle_shortcuts, "F1", "keyboard")
        self.page_guide_action = self._action(self.tr("&Guide for this page"), self.show_page_guide, "Shift+F1")
        self.user_guide_action = self._action(self.tr("&User guide"), lambda: self.show_user_guide())
        self.about_action = self._action(self.tr("&About StreamDesk"), self.show_about, "", "about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.privacy_action = QAction(icon("privacy"), self.tr("&Privacy mode"), self)
        self.privacy_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.privacy_action.setCheckable(True)
        self.addAction(self.privacy_action)
        self.privacy_action.setChecked(self.privacy.enabled)
        self.privacy_action.setToolTip(
            self.tr("Hide buyers' names, phone numbers and addresses while you share the screen (Ctrl+Shift+H)")
        )
        self.privacy_action.toggled.connect(self.set_privacy_mode)
        self.privacy.toggled.connect(self.privacy_action.setChecked)
        self.page_actions: list[QAction] = []
        for index, spec in enumerate(self._specs[:9], start=1):
            action = self._action(
                self.tr("Go to {page}").format(page=spec.title()),
                functools.partial(self.show_page, spec.key),
                f"Ctrl+{index}",
            )
            self.page_actions.append(action)

    def _make_menus_and_toolbar(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.setup_wizard_action)
        file_menu.addSeparator()
        file_menu.addActions(self.backup_actions.actions())
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addActions(self.page_actions)
        go_menu.addSeparator()
        go_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.privacy_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.page_guide_action)
        help_menu.addAction(self.user_guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Toolbar buttons show the icon text: without the menu's accelerator, which CJK menus write as "(&S)".
        self.backup_action.setIconText(self.tr("Back up now"))
        self.settings_action.setIconText(self.tr("Settings"))
        self.shortcuts_action.setIconText(self.tr("Shortcuts"))
        self.privacy_action.setIconText(self.tr("Privacy"))
        toolbar.addAction(self.backup_action)
        toolbar.addAction(self.settings_action)
        toolbar.addAction(self.shortcuts_action)
        toolbar.addSeparator()
        toolbar.addAction(self.privacy_action)

    @Slot()
    def _focus_search(self) -> None:
        page = self.current_page()
        focus_search = getattr(page, "focus_search", None)
        if callable(focus_search):
            focus_search()

    @Slot(bool)
    def set_privacy_mode(self, enabled: bool) -> None:
        """Mask personal data on every page (or show it again) and remember the choice in the settings."""
        self.privacy.set_enabled(enabled)
        if self.settings.privacy_mode == enabled:
            return
        self.settings = self.settings.model_copy(update={"privacy_mode": enabled})
        try:
            save_settings(self.settings, self._settings_file)
        except OSError as error:  # the mode still applies now; it is just not remembered
            log.warning("could not save the privacy mode to %s: %s", self._settings_file, error)
        self.statusBar().showMessage(
            self.tr("Privacy mode on: names, phone numbers and addresses are hidden.")
            if enabled
            else self.tr("Privacy mode off."),
            5000,
        )

    @Slot()
    def open_settings(self) -> SettingsDialog:
        from streamdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self._settings_file, self, runner=self._runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(self._on_settings_saved)
        dialog.open()
        return dialog

    @Slot()
    def run_setup_wizard(self) -> FirstRunWizard:
        """The first-run wizard (shown after the first paint of a first start, and from the File menu)."""
        from streamdesk.ui.first_run import FirstRunWizard, follow_start

        wizard = FirstRunWizard(self.settings, self._settings_file, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.settings_saved.connect(self._on_settings_saved)
        wizard.start_chosen.connect(lambda choice: follow_start(self, choice))
        wizard.open()
        return wizard

    @Slot(object)
    def _on_settings_saved(self, settings: Settings) -> None:
        restart_needed = (settings.language, settings.currency) != (self.settings.language, self.settings.currency)
        self.settings = settings
        self.settings_changed.emit(settings)
        for page in self._pages.values():  # e.g. the Live page's cue volume takes effect at once
            handler = getattr(page, "_on_settings_changed", None)
            if callable(handler):
                handler(settings)
        if restart_needed:
            self.statusBar().showMessage(
                self.tr("Settings saved. Restart StreamDesk to use the new language or currency.")
            )
        else:
            self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def open_backup(self, path: Path) -> None:
        """A backup file handed over by the desktop (double-click, macOS "open with") or another launch."""
        self.bring_to_front()
        self.backup_actions.open_backup(path)

    @property
    def overlay(self) -> ShortcutsOverlay:
        """The F1 panel, made on first use."""
        if self._overlay is None:
            from streamdesk.ui.shortcuts_overlay import ShortcutsOverlay

            self._overlay = ShortcutsOverlay(self)
        return self._overlay

    @Slot()
    def toggle_shortcuts(self) -> None:
        from streamdesk.ui.shortcuts_overlay import page_shortcuts, shortcuts_of

        if self._overlay is not None and self._overlay.isVisible():
            self._overlay.hide()
            return
        window_wide = shortcuts_of(self.actions())
        sections = [(self.tr("Everywhere"), window_wide)]
        page = self.current_page()
        row = self.sidebar.currentRow()
        if page is not None and 0 <= row < len(self._specs):
            own = [entry for entry in page_shortcuts(page) if entry not in window_wide]
            sections.append((self.tr("On this page: {page}").format(page=self._specs[row].title()), own))
        self.overlay.show_sections(sections)

    @Slot()
    def show_page_guide(self) -> HelpDialog:
        """Shift+F1: the guide of the page on screen."""
        row = self.sidebar.currentRow()
        return self.show_user_guide(self._specs[row].key if 0 <= row < len(self._specs) else "start")

    @Slot()
    def show_user_guide(self, topic: str = "start") -> HelpDialog:
        """The guide window (one, non-modal: it can stay open beside the page), at ``topic``."""
        from streamdesk.ui.help_dialog import HelpDialog

        if self._help is None:
            self._help = HelpDialog(self.settings.language, topic, self)
        else:
            self._help.show_topic(topic)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()
        return self._help

    @Slot()
    def show_about(self) -> AboutDialog:
        from streamdesk.ui.about_dialog import AboutDialog

        dialog = AboutDialog(
            database_label=self._database_label, log_file=self._log_file, settings_file=self._settings_file, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- window state -----------------------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self._window_state.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()
            self.resize(min(1280, available.width() * 9 // 10), min(800, available.height() * 9 // 10))
        splitter = self._window_state.value("window/sidebar_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        self._window_state.setValue("window/geometry", self.saveGeometry())
        self._window_state.setValue("window/sidebar_splitter", self.splitter.saveState())
        self._window_state.sync()

    def bring_to_front(self) -> None:
        """Another launch on the same database asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The window paints before its children (sidebar, toolbar, the page) in the same frame: first_painted
            # means the whole first frame, so it follows once the event loop is back.
            QTimer.singleShot(0, self._announce_first_paint)

    @Slot()
    def _announce_first_paint(self) -> None:
        self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Background reads (thumbnails, counts) just stop; a task the user is watching deserves a question.
        watched = any(task.shown_to_user for task in self._runner.tasks)
        if watched and has_screen():
            answer = QMessageBox.question(
                self,
                self.tr("Quit StreamDesk?"),
                self.tr("A task is still running. Quit anyway? It will be stopped first."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_window_state()
        event.accept()
