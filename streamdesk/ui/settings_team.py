"""The team database part of File → Settings…: where the shop is kept, a file on this computer or a database on a
PostgreSQL server the team shares (team mode), and a "Test connection" that asks the server without changing it.

The fields are composed into ``database_url`` (core.team_probe.compose_url, user and password percent-encoded) and
an address already in the settings is split back into them. The change applies from the next start.
"""

from __future__ import annotations

import logging
import os
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from streamdesk.config import DB_ENV
from streamdesk.core.team_probe import (
    DEFAULT_PORT,
    TeamFields,
    TeamProbe,
    compose_url,
    file_named,
    probe_team_database,
    split_url,
    without_password,
)
from streamdesk.ui.relaunch import start_own
from streamdesk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)


class Keeping(StrEnum):
    FILE = "file"  # this computer only: the default file, or the file the settings already named
    TEAM = "team"  # a PostgreSQL server


class TeamDatabaseBox(QGroupBox):
    def __init__(self, database_url: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Team database"))
        self._runner = runner
        self._task: Task | None = None
        fields = split_url(database_url) or TeamFields()

        self.keeping = QComboBox(self)
        self.keeping.addItem(self.tr("This computer only (a file)"), Keeping.FILE.value)
        self.keeping.addItem(self.tr("Team database on a PostgreSQL server"), Keeping.TEAM.value)
        team = split_url(database_url) is not None
        self.keeping.setCurrentIndex(self.keeping.findData((Keeping.TEAM if team else Keeping.FILE).value))
        self.host = QLineEdit(fields.host, self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(fields.port)
        self.port.setMaximumWidth(100)  # five digits: a full-width field reads as a text box
        self.database = QLineEdit(fields.database, self)
        self.user = QLineEdit(fields.user, self)
        self.password = QLineEdit(fields.password, self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._query = fields.query  # e.g. sslmode=require from a host's address: kept, not shown
        self.test_button = QPushButton(self.tr("Test connect&ion"), self)
        self.test_button.clicked.connect(self.test_connection)
        # one line under the fields: what the change means until a test, then what the test found
        self.result = QLabel(self)
        self.result.setObjectName("teamTestResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # a server's reason is text, never markup
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = self.tr(
            "Used from the next time StreamDesk starts. The password is kept in your settings file, which only your "
            "user account can read."
        )

        # two rows of label/field pairs across the dialog's width: where the shop is kept, then who connects
        labels = {}
        grid = QGridLayout()
        for row, column, text, field, span in (
            (0, 0, self.tr("D&atabase:"), self.keeping, 3),
            (0, 4, self.tr("&Host:"), self.host, 1),
            (0, 6, self.tr("P&ort:"), self.port, 1),
            (1, 0, self.tr("Database &name:"), self.database, 1),
            (1, 2, self.tr("Us&er:"), self.user, 1),
            (1, 4, self.tr("Pass&word:"), self.password, 1),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            labels[field] = label
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1, 1, span)
        grid.addWidget(self.test_button, 1, 6, 1, 2)
        grid.addWidget(self.result, 2, 0, 1, 8)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)

        self._server_fields: tuple[QWidget, ...] = (
            self.host,
            self.port,
            self.database,
            self.user,
            self.password,
            self.test_button,
            *(label for field, label in labels.items() if field is not self.keeping),
        )
        self.keeping.currentIndexChanged.connect(self._on_keeping_changed)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textEdited.connect(self._forget_result)
        self.port.valueChanged.connect(self._forget_result)
        self._on_keeping_changed()

    @property
    def last_tab_stop(self) -> QWidget:
        return self.test_button

    def team_chosen(self) -> bool:
        return bool(self.keeping.currentData() == Keeping.TEAM.value)

    def fields(self) -> TeamFields:
        return TeamFields(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            password=self.password.text(),  # a password may begin or end with a space
            query=self._query,
        )

    def problem(self) -> str:
        """A sentence saying what is missing for team mode, or "" when the form can be saved."""
        host_given = bool(self.host.text().strip()) or "host" in self._query  # ?host=/run/postgresql: a local socket
        if self.team_chosen() and not (host_given and self.database.text().strip()):
            return self.tr("For a team database, give at least the server's host and the database name.")
        return ""

    def chosen_url(self, current: str) -> str:
        """``database_url`` as the form shows it: the composed address in team mode; in file mode the file the
        settings named (a server address there is dropped: the default file in the user data folder is used)."""
        if self.team_chosen():
            return compose_url(self.fields())
        return file_named(current)

    @Slot()
    def test_connection(self) -> None:
        """Ask the server on a pool thread (a connection can take seconds to time out); the answer goes under the
        button."""
        if self.problem():
            self._show(self.problem())
            return
        self._forget_result()
        target = compose_url(self.fields())
        self.test_button.setEnabled(False)
        self._show(self.tr("Asking the server…"))
        self._task = self._runner.start(
            lambda _cancel: probe_team_database(target), on_success=self._on_answered, on_error=self._on_refused
        )

    def _on_answered(self, probe: TeamProbe) -> None:
        self._task = None
        self._set_server_fields_enabled(True)
        self._show(answer_sentence(probe))

    def _on_refused(self, sentence: str) -> None:
        self._task = None
        self._set_server_fields_enabled(True)
        self._show(sentence)

    @Slot()
    def _forget_result(self) -> None:
        """The fields changed: an answer about the old ones (shown or on its way) no longer applies."""
        if self._task is not None:
            self._task.abandon()
            self._task = None
        self._set_server_fields_enabled(self.team_chosen())
        self._show(self.note, hint=True)

    @Slot()
    def _on_keeping_changed(self) -> None:
        self._forget_result()

    def _set_server_fields_enabled(self, enabled: bool) -> None:
        for widget in self._server_fields:
            widget.setEnabled(enabled and self.team_chosen())

    def _show(self, sentence: str, *, hint: bool = False) -> None:
        self.result.setText(sentence)
        self.result.setEnabled(not hint)  # a hint in the palette's dimmed text, an answer in the normal one


def answer_sentence(probe: TeamProbe) -> str:
    """What "Test connection" found, in one sentence."""
    if probe.empty:
        return QCoreApplication.translate(
            "TeamDatabaseBox",
            "Connected: the server answered. {database} is empty; StreamDesk sets up the shop in it the first "
            "time it starts with it.",
        ).format(database=probe.place)
    if probe.upgrade_needed:
        return QCoreApplication.translate(
            "TeamDatabaseBox",
            "Connected: the server answered. {database} holds a shop of an older StreamDesk (schema {version}, "
            "%n product(s)); it is upgraded the first time StreamDesk starts with it.",
            None,
            probe.products,
        ).format(database=probe.place, version=probe.schema_version)
    return QCoreApplication.translate(
        "TeamDatabaseBox",
        "Connected: the server answered. {database} holds a StreamDesk shop (schema {version}, %n product(s)).",
        None,
        probe.products,
    ).format(database=probe.place, version=probe.schema_version)


def offer_restart(before: str, after: str, parent: QWidget | None) -> QMessageBox:
    """After saving a new database: say it applies from the next start, and offer to restart now (the main window
    closes as on quit, then StreamDesk starts again on the new database). Not offered while STREAMDESK_DB is set:
    it beats the settings, so a restart would open the same database again; nor without a window to close."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("TeamDatabaseBox", "Database changed"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    log.info("database changed in the settings (%s → %s)", without_password(before), without_password(after))
    overridden = os.environ.get(DB_ENV, "")
    if overridden:
        box.setText(
            QCoreApplication.translate(
                "TeamDatabaseBox",
                "The new database was saved. The STREAMDESK_DB setting of this computer names {database}, which "
                "StreamDesk keeps opening until it is removed.",
            ).format(database=without_password(overridden))
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()
        return box
    box.setText(
        QCoreApplication.translate(
            "TeamDatabaseBox",
            "The settings were saved. StreamDesk opens {database} the next time it starts: restart it now to "
            "work there.",
        ).format(database=describe_target(after))
    )
    if parent is None:
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()
        return box
    window = parent.window()
    restart = box.addButton(
        QCoreApplication.translate("TeamDatabaseBox", "&Restart now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("TeamDatabaseBox", "&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restart)

    def finished() -> None:
        if box.clickedButton() is restart:
            restart_on(window)

    box.finished.connect(finished)
    box.open()
    return box


def restart_on(window: QWidget) -> bool:
    """Close ``window`` and quit as the user would (a watched task asks first), then start StreamDesk again; its
    arguments are not repeated, since the settings name the database now. False if the window stayed open."""
    if not window.close():
        return False
    started = start_own([])
    QCoreApplication.quit()  # a second window (the presenter view) must not keep this StreamDesk running
    return started


def describe_target(database_url: str) -> str:
    """The database a settings value names, as the seller reads it."""
    fields = split_url(database_url)
    if fields is not None:
        return QCoreApplication.translate("TeamDatabaseBox", "the team database {host}/{name}").format(
            host=fields.host if fields.port == DEFAULT_PORT else f"{fields.host}:{fields.port}", name=fields.database
        )
    if database_url:
        return database_url
    return QCoreApplication.translate("TeamDatabaseBox", "the shop file on this computer")
