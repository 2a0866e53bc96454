"""At start-up, when the team database cannot be opened (the server is down, the laptop is offline, a password
changed): try again, work on this computer's own file for now, or quit. Without this choice a seller whose settings
name the server could not even reach File → Settings… to change them."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


class TeamChoice(Enum):
    RETRY = "retry"
    LOCAL = "local"
    QUIT = "quit"


def ask(message: str, local_file: str) -> TeamChoice:
    box = QMessageBox(QMessageBox.Icon.Warning, "StreamDesk", message)
    box.setInformativeText(
        QCoreApplication.translate(
            "TeamUnreachable",
            "You can try again, or work on this computer's own file for now ({file}). What you do there stays on "
            "this computer; File → Settings… chooses the database StreamDesk opens.",
        ).format(file=local_file)
    )
    retry = box.addButton(QCoreApplication.translate("TeamUnreachable", "Try again"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(
        QCoreApplication.translate("TeamUnreachable", "Open this computer's file"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QCoreApplication.translate("TeamUnreachable", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    if clicked is retry:
        return TeamChoice.RETRY
    if clicked is local:
        return TeamChoice.LOCAL
    return TeamChoice.QUIT
