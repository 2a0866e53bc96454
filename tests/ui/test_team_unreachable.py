"""A team database out of reach at start-up: the seller may try again, open this computer's file, or quit (app.py
_open_or_refuse with ui/team_unreachable.py). Nothing is ever written to the log with the URL's password."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from streamdesk.app import _open_or_refuse
from streamdesk.db import Database
from streamdesk.ui import errors as ui_errors


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens once it is closed


def answer_with(label: str, seen: list[str]) -> None:
    """Click ``label`` in the message box as soon as it is shown (what the seller would do)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button.text() == label:
                button.click()
                return
        raise AssertionError(f"no button {label!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch) -> str:
    # offscreen counts as "no screen" (a modal dialog would wait forever); these tests answer the dialog themselves
    monkeypatch.setattr(ui_errors, "has_screen", lambda: True)
    return f"postgresql://seller:s3cret-pw@127.0.0.1:{closed_port()}/shop"


def test_an_unreachable_server_offers_this_computers_file(
    qapp: QApplication, unreachable: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []
    answer_with("Open this computer's file", seen)
    local = tmp_path / "streamdesk.sqlite3"
    with caplog.at_level(logging.INFO):
        opened = _open_or_refuse(unreachable, tmp_path / "log.txt", None, str(local))
    assert isinstance(opened, Database) and opened.path == local
    opened.dispose()
    assert "could not open the team database" in seen[0] and "127.0.0.1" in seen[0]
    assert "s3cret-pw" not in seen[0] and "s3cret-pw" not in caplog.text
    assert "team database" in caplog.text  # the choice is logged, with the address shown without its password


def test_try_again_asks_again_and_quit_gives_up(qapp: QApplication, unreachable: str, tmp_path: Path) -> None:
    seen: list[str] = []
    answer_with("Try again", seen)
    QTimer.singleShot(300, lambda: answer_with("Quit", seen))
    result = _open_or_refuse(unreachable, tmp_path / "log.txt", None, str(tmp_path / "local.sqlite3"))
    assert isinstance(result, int) and result != 0
    assert len(seen) == 2  # asked once more after "Try again"
    assert not (tmp_path / "local.sqlite3").exists()  # quitting opens nothing
