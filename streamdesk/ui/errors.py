"""Nothing crashes silently: uncaught exceptions are logged with their traceback and explained in plain words.

``install_excepthook`` replaces ``sys.excepthook`` and ``threading.excepthook``. The dialog says what happened
and what to do; the traceback sits behind "Show Details…" and "Copy details", never in the main text.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QtMsgType, Signal, Slot, qInstallMessageHandler, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from streamdesk import __version__

log = logging.getLogger(__name__)


def write_line(text: str, *, error: bool = True) -> None:
    """One line on stderr (or stdout); the windowed launcher (pythonw) has neither, and then this does nothing."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        stream.write(" ".join(text.split()) + "\n")
        stream.flush()


def has_screen() -> bool:
    """False under the offscreen platform (tests, CI, benchmarks): a modal dialog there would wait forever."""
    app = QGuiApplication.instance()
    return app is not None and QGuiApplication.platformName() != "offscreen"


def environment_summary() -> str:
    return f"StreamDesk {__version__}, Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}"


class ErrorDialog(QMessageBox):
    """A warning box whose "Copy details" button copies the details and leaves the box open."""

    def __init__(self, title: str, text: str, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(title)
        self.setText(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.copy_button: QPushButton | None = None
        if details:
            self.setDetailedText(details)
            self.copy_button = self.addButton(self.tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(QMessageBox.StandardButton.Close)
        self.setEscapeButton(QMessageBox.StandardButton.Close)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.detailedText())
        if self.copy_button is not None:
            self.copy_button.setText(self.tr("Copied"))

    def done(self, result: int) -> None:  # QMessageBox closes on every button: keep it open for "Copy details"
        if self.copy_button is not None and self.clickedButton() is self.copy_button:
            self.copy_details()
            return
        super().done(result)


class ExceptionReporter(QObject):
    """Lives on the GUI thread; exceptions from any thread reach it through a queued signal."""

    _reported = Signal(str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None, *, dialogs: bool | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self._dialogs = dialogs  # None: only when there is a screen to show them on
        self.dialog: ErrorDialog | None = None
        self.suppressed = 0
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None, thread: str = ""
    ) -> None:
        where = f" in thread {thread}" if thread else ""
        log.critical("uncaught exception%s", where, exc_info=(kind, error, tb))
        details = environment_summary() + "\n\n" + "".join(traceback.format_exception(kind, error, tb))
        self._reported.emit(details)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None:  # one dialog at a time: a paint error repeats on every repaint
            self.suppressed += 1
            return
        if not (has_screen() if self._dialogs is None else self._dialogs):
            write_line(self.tr("StreamDesk hit an unexpected problem; details are in the log."))
            return
        text = self.tr(
            "StreamDesk ran into an unexpected problem, and what you were doing may not have finished. "
            "Anything that was already saved is safe. If this happens again, click “Copy details” and send "
            "them to whoever supports your StreamDesk."
        )
        if self.log_file is not None:
            text += "\n\n" + self.tr("The details were also written to {log}.").format(log=self.log_file)
        self.dialog = ErrorDialog(self.tr("Something went wrong"), text, details, QApplication.activeWindow())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.show()

    @Slot()
    def _on_dialog_finished(self) -> None:
        self.dialog = None


def install_excepthook(
    log_file: Path | None, parent: QObject | None = None, *, dialogs: bool | None = None
) -> ExceptionReporter:
    """Route uncaught exceptions (GUI thread and any other thread) and Qt's own warnings to the log and the user."""
    reporter = ExceptionReporter(log_file, parent, dialogs=dialogs)

    def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        reporter.report(kind, error, tb)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        reporter.report(args.exc_type, args.exc_value, args.exc_traceback, thread=name)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    qInstallMessageHandler(_log_qt_message)
    return reporter


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def show_task_error(message: str, parent: QWidget | None = None) -> None:
    """A background task failed and its page gave no handler of its own: say so in the task's sentence."""
    if not has_screen():
        log.warning("task failed (no screen to show it on): %s", message)
        return
    box = ErrorDialog(
        QCoreApplication.translate("errors", "The task could not finish"),
        message,
        parent=parent or QApplication.activeWindow(),
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def show_fatal(title: str, message: str) -> None:
    """Before the main window exists: one line on stderr, and a dialog when there is a screen to show it on."""
    write_line(message)
    if has_screen():
        ErrorDialog(title, message).exec()
