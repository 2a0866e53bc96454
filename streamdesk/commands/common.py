"""What every subcommand shares: settings, paths, logging, translated messages, the database, exit codes.

cli.py imports every command module to build its parser, so this module and the command modules import only what
registering needs; settings (pydantic), Qt and the services are imported when a command runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from streamdesk.config import AppPaths, Settings

log = logging.getLogger("streamdesk.cli")

EXIT_OK, EXIT_PROBLEM, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclass
class CommandContext:
    args: argparse.Namespace
    settings: Settings
    paths: AppPaths
    database_target: str
    log_file: Path
    _opened: list[Any] = field(default_factory=list)

    def open_database(self) -> Any:
        """Open and migrate the database (imported lazily: `--help` and `--version` stay fast)."""
        from streamdesk.db import open_database

        database = open_database(self.database_target)
        self._opened.append(database)
        return database

    def services(self) -> Any:
        from streamdesk.app import build_services

        return build_services(self.open_database(), self.settings, self.paths)

    def close(self) -> None:
        for database in self._opened:
            database.dispose()

    def print_json(self, payload: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n")


def _language(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.lang or settings.language)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _database_file(target: str) -> str | None:
    """The database file a failed SQLite write was about (None for a server database)."""
    return None if "://" in target else str(Path(target).expanduser().resolve())


def _application(args: argparse.Namespace) -> Any:
    """A QCoreApplication, or a QGuiApplication for commands that paint (``needs_gui`` on their parser: a PDF
    needs fonts); offscreen when Linux has no display, as on a server or in CI."""
    from streamdesk.ui import pyside_fixes  # noqa: F401  (importing applies them: painting a PDF calls Qt a lot)

    if not getattr(args, "needs_gui", False):
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication(["streamdesk"])
    import os

    from PySide6.QtGui import QGuiApplication

    argv = ["streamdesk"]
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        argv += ["-platform", "offscreen"]
    return QGuiApplication(argv)


def run_command(args: argparse.Namespace) -> int:
    """Run ``args.func(ctx)`` with the exit-code contract; nothing but one line reaches stderr."""
    from PySide6.QtCore import QCoreApplication

    from streamdesk.config import AppPaths, load_settings, resolve_database
    from streamdesk.core.errors import UserError
    from streamdesk.core.jobs import Cancelled
    from streamdesk.logs import setup_logging
    from streamdesk.messages import describe
    from streamdesk.translations import install_translators

    paths = AppPaths.default()
    log_file = setup_logging(paths.log_dir)
    settings = load_settings(paths.settings_file)
    app = QCoreApplication.instance() or _application(args)
    translators = install_translators(app, _language(args, settings))  # noqa: F841 - must stay alive
    ctx = CommandContext(
        args=args,
        settings=settings,
        paths=paths,
        database_target=resolve_database(args.db, settings, paths),
        log_file=log_file,
    )
    try:
        return int(args.func(ctx))
    except UserError as error:
        log.info("command %s refused: %s", args.command, error.for_log())
        sys.stderr.write(_one_line(describe(error)) + "\n")
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, Cancelled):
        sys.stderr.write(QCoreApplication.translate("cli", "Interrupted; nothing was saved.") + "\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``streamdesk shows list | head``): not a failure; point stdout at nothing so the
        # interpreter's final flush does not complain either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # boundary: the user gets one line, the log gets the traceback
        from streamdesk.core.storage import storage_failure

        log.exception("command %s failed", args.command)
        full_or_read_only = storage_failure(error, database=_database_file(ctx.database_target))
        if full_or_read_only is not None:  # the disk is full or the folder read-only: the user can fix that
            sys.stderr.write(_one_line(describe(full_or_read_only)) + "\n")
            return EXIT_BAD_INPUT
        sys.stderr.write(
            QCoreApplication.translate("cli", "Something unexpected went wrong; details are in {log}.").format(
                log=log_file
            )
            + "\n"
        )
        return EXIT_PROBLEM
    finally:
        ctx.close()
