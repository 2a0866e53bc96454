"""``streamdesk db migrate-to TARGET``: copy the whole shop into a new file or an empty team database, then verify.

The shop copied is the current database (--db, STREAMDESK_DB, settings); TARGET is a new SQLite file or the
postgresql:// address of an empty database. Exit codes follow commands/common.py: 0 copied and verified; 2 refused
(TARGET exists or is not empty, the server cannot be reached, the copy did not match): one line on stderr, and
nothing left at TARGET. A server password is never printed (db.display_target).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from streamdesk.commands.common import EXIT_OK, CommandContext


def _migrate_to(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.config import AppPaths
    from streamdesk.core import image_store
    from streamdesk.core.db_copy import copy_database

    summary = copy_database(ctx.database_target, ctx.args.target)
    pictures = image_store.carry(ctx.database_target, ctx.args.target, AppPaths.default(), datetime.now(UTC))
    columns = summary.summed_columns
    if ctx.args.json:
        ctx.print_json(
            {
                "source": summary.source,
                "target": summary.target,
                "rows": summary.rows,
                "tables": {table.name: table.rows for table in summary.tables},
                "verified_totals": list(columns),
                "not_copied": list(summary.skipped),
                "pictures": pictures,
            }
        )
        return EXIT_OK
    lines = [
        QCoreApplication.translate("cli", "Copied {rows} rows in {tables} tables from {source} to {target}.").format(
            rows=summary.rows, tables=len(summary.tables), source=summary.source, target=summary.target
        ),
        QCoreApplication.translate(
            "cli",
            "Verified in both databases: the row count of every table, and the totals of {count} money and stock "
            "columns ({columns}).",
        ).format(count=len(columns), columns=", ".join(columns)),
    ]
    if pictures:
        lines.append(
            QCoreApplication.translate("cli", "Product pictures put where the copy finds them: {count}.").format(
                count=pictures
            )
        )
    if summary.skipped:
        lines.append(
            QCoreApplication.translate(
                "cli", "Not copied: the search index of the SQLite file ({count} tables); the copy keeps its own."
            ).format(count=len(summary.skipped))
        )
    sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    db = subparsers.add_parser("db", help="move the shop to another database (a file, or a team server)")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    migrate_to = actions.add_parser(
        "migrate-to",
        help="copy the whole shop into TARGET and verify the copy; the current database is not changed",
    )
    migrate_to.add_argument(
        "target",
        metavar="TARGET",
        help="a new .sqlite3 file, or an empty PostgreSQL database: postgresql://USER:PASSWORD@HOST:PORT/NAME",
    )
    migrate_to.add_argument("--json", action="store_true", help="print one JSON object with the result")
    migrate_to.set_defaults(func=_migrate_to)
