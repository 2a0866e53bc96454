"""Command line: no subcommand runs the GUI; subcommands are headless jobs on the same services.

Exit codes: 0 success; 2 bad input (one line on stderr, nothing written); 1 a check failed or something
unexpected happened (traceback in the log); 130 Ctrl-C. Subcommands live in streamdesk/commands/, one module
per area, each with ``register(subparsers)``; each sets ``func(args) -> int`` on its parser.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Sequence

from streamdesk import __version__

STARTED_AT = time.perf_counter()  # start-up timing where /proc is missing (ui/startup.process_age_ms)
log = logging.getLogger("streamdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    from streamdesk.commands import register_all

    parser = argparse.ArgumentParser(prog="streamdesk", description="StreamDesk — tools for live-stream sellers.")
    parser.add_argument("--version", action="version", version=f"StreamDesk {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="database file (default: STREAMDESK_DB, then settings)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the interface and messages")
    parser.add_argument("--demo", action="store_true", help="open the GUI on a throwaway copy of the demo database")
    parser.add_argument(
        "--open-backup",
        metavar="FILE",
        help="offer to restore this backup or open a copy of it (what opening a .streamdesk file does)",
    )
    parser.add_argument(
        "--backup-copy", metavar="FILE", help="open the GUI on a throwaway copy of this backup (changes are not kept)"
    )
    parser.add_argument(
        "--quit-after-first-paint",
        action="store_true",
        help="print milliseconds from process start to the first painted window, then exit (benchmarks)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # Start-up creates a few hundred thousand objects (SQLAlchemy, pydantic, Qt types) that live as long as the
        # process: collecting them over and over until the window shows is wasted time (about a tenth of start-up).
        # run_gui turns the collector back on after the first paint.
        gc.disable()
        from streamdesk.app import run_gui

        return run_gui(args)
    from streamdesk.commands.common import run_command

    return run_command(args)


def gui_main() -> int:
    """Entry point of the ``streamdesk-gui`` launcher (no console on Windows)."""
    return main(sys.argv[1:])
