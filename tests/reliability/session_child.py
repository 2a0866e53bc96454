"""Subprocess of test_privacy_and_network.py: StreamDesk itself (``streamdesk.cli.main``) with every logger at DEBUG.

``python session_child.py [--walk OUT.json] -- STREAMDESK ARGS… [-- STREAMDESK ARGS…]…`` (or ``--control``: one TCP
connection attempt to a closed local port, which the test's trace must see)

* CLI arguments run the command as ``python -m streamdesk`` would, but logging at DEBUG instead of INFO; several
  commands run one after the other in this one process, and the last line of stdout is ``{"exit_codes": […]}``.
* ``--walk OUT.json`` with GUI arguments: once the window has painted, the scripted session shows every page and
  every tab of its tab widgets, selects the first row of each list (so detail panels fill), and writes every text
  a user could see in that view (labels, buttons, fields, tooltips, tab titles, combo items, table cells and their
  tooltips) to OUT.json as ``{"<page>[/<tab>]": [text, …]}``; then it closes the window as a user would, so the
  automatic snapshot on close runs too.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROWS_READ = 300  # of each list: what a screen or two shows, and enough to meet every buyer of the fixture


def _debug_logging(gui: bool) -> None:
    import streamdesk.logs

    original = streamdesk.logs.setup_logging

    def setup_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
        return original(log_dir, level=logging.DEBUG)

    streamdesk.logs.setup_logging = setup_logging  # commands/common.py imports it when a command runs
    if gui:
        import streamdesk.app

        streamdesk.app.setup_logging = setup_logging  # type: ignore[attr-defined]  # the GUI took it at import


def _settle(window: Any, at_least_ms: int = 100, at_most_ms: int = 5000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    runner = window._runner
    waited = 0
    while waited < at_most_ms and (waited < at_least_ms or runner.busy):
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50


def _model_texts(model: Any) -> Iterator[str]:
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    is_list = isinstance(model, QAbstractListModel)  # its columnCount is private in PySide6
    columns = 1 if is_list else model.columnCount(QModelIndex())
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(QModelIndex()), ROWS_READ)):
        parent = model.index(row, 0)
        for column in range(columns):
            for role in roles:
                value = model.index(row, column).data(role)
                if value is not None:
                    yield str(value)
        if is_list:
            continue
        for child in range(min(model.rowCount(parent), ROWS_READ)):
            for column in range(model.columnCount(parent)):
                value = model.index(child, column, parent).data(Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield str(value)


def visible_texts(window: Any) -> set[str]:
    """Every text on screen in ``window`` and any other visible top-level window."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QApplication,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    texts: set[str] = {window.windowTitle(), window.statusBar().currentMessage()}
    tops = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            texts.update((widget.toolTip(), widget.windowTitle(), widget.accessibleDescription()))
            if isinstance(widget, QLabel | QAbstractButton):
                texts.add(widget.text())
            elif isinstance(widget, QLineEdit):
                texts.update((widget.text(), widget.placeholderText()))
            elif isinstance(widget, QTextEdit | QPlainTextEdit):
                texts.add(widget.toPlainText())
            elif isinstance(widget, QGroupBox):
                texts.add(widget.title())
            elif isinstance(widget, QComboBox):
                texts.update(widget.itemText(i) for i in range(widget.count()))
            elif isinstance(widget, QTabBar):
                texts.update(widget.tabText(i) for i in range(widget.count()))
                texts.update(widget.tabToolTip(i) for i in range(widget.count()))
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                texts.update(_model_texts(widget.model()))
    texts.discard("")
    return texts


def _select_first_rows(window: Any) -> None:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    for view in window.stack.currentWidget().findChildren(QAbstractItemView):  # not the sidebar: that is the walk
        model = view.model()
        if model is not None and view.isVisible() and model.rowCount(QModelIndex()) > 0:
            view.setCurrentIndex(model.index(0, 0))  # a detail panel shows this row
    _settle(window, at_least_ms=100)


def walk(window: Any, out: Path) -> None:
    from PySide6.QtWidgets import QTabWidget

    seen: dict[str, list[str]] = {}

    def record(view: str) -> None:
        _select_first_rows(window)
        seen[view] = sorted(visible_texts(window))

    keys = [window.sidebar.item(row).data(0x0100) for row in range(window.sidebar.count())]  # UserRole: the key
    for key in keys:
        page = window.show_page(key)
        _settle(window)
        record(key)
        for tabs in [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(window)]:
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                _settle(window)
                record(f"{key}/{index + 1}")
            tabs.setCurrentIndex(0)
    out.write_text(json.dumps({"privacy": window.privacy.enabled, "views": seen}, ensure_ascii=False), "utf-8")
    window.close()


def _walk_after_first_paint(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import streamdesk.ui.startup as startup
    from streamdesk.ui.main_window import MainWindow

    original = startup.log_first_paint

    def walk_or_quit(window: MainWindow) -> None:
        try:
            walk(window, out)
        except BaseException:
            out.write_text(json.dumps({"error": traceback.format_exc()}), "utf-8")
            QApplication.exit(3)  # the test reads the error; never a dialog nobody answers

    def log_first_paint() -> None:
        original()
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        QTimer.singleShot(0, lambda: walk_or_quit(window))

    startup.log_first_paint = log_first_paint  # app.py connects first_painted to it when the window is made


def _control() -> int:
    """What the trace must catch: a TCP connection attempt (to a local port nobody listens on)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        probe.connect_ex(("127.0.0.1", 9))
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--control"]:
        return _control()
    split = argv.index("--")
    options, commands = argv[:split], _commands(argv[split + 1 :])
    _debug_logging(gui=options[:1] == ["--walk"])
    if options[:1] == ["--walk"]:
        _walk_after_first_paint(Path(options[1]))
    from streamdesk.cli import main as streamdesk_main

    codes = []
    for command in commands:  # one process for several commands: Python and Qt start once
        codes.append(streamdesk_main(command))
        sys.stdout.flush()
        sys.stderr.flush()
    sys.stdout.write(json.dumps({"exit_codes": codes}) + "\n")
    return 0 if all(code == 0 for code in codes) else 1


def _commands(args: list[str]) -> list[list[str]]:
    """``A1 -- A2 -- A3`` → [[A1…], [A2…], [A3…]]."""
    commands: list[list[str]] = [[]]
    for arg in args:
        if arg == "--":
            commands.append([])
        else:
            commands[-1].append(arg)
    return commands


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
