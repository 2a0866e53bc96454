"""``streamdesk backup | restore | check | demo``: looking after the database file.

These commands work on the file as it is and never upgrade it: a backup copies what is there, a restore swaps files,
and a check reads. A database on a server (team mode) is refused with one line: its backups are the server's. Exit codes follow commands/common.py: 0 done, 1 ``check`` found problems, 2 refused (one line on
stderr, nothing changed).

Qt (QtCore, for translated messages) is imported inside the commands, so ``streamdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from streamdesk.commands.common import EXIT_OK, EXIT_PROBLEM, CommandContext
from streamdesk.core.errors import UserError


def _refuse_a_server(ctx: CommandContext, target: str) -> None:
    """These commands copy, swap or read a database file: a server database (team mode) is refused with one line
    naming it without its password, before anything is opened."""
    from streamdesk.db import display_target, is_url

    if is_url(target):
        raise UserError("db.not_a_file", action=f"streamdesk {ctx.args.command}", url=display_target(target))


def _backups(ctx: CommandContext) -> Any:
    from streamdesk.core.backup import Backups

    _refuse_a_server(ctx, ctx.database_target)
    return Backups(
        Path(ctx.database_target),
        keep_last=ctx.settings.backup_keep_last,
        keep_daily_days=ctx.settings.backup_keep_daily_days,
    )


def _backup(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    taken = _backups(ctx).backup(Path(ctx.args.out) if ctx.args.out else None)
    if ctx.args.json:
        ctx.print_json(
            {
                "backup": str(taken.path),
                "database": ctx.database_target,
                "size_bytes": taken.size_bytes,
                "taken_at_utc": taken.taken_at.isoformat(),
            }
        )
    else:
        sys.stdout.write(QCoreApplication.translate("cli", "Backed up to {path}").format(path=taken.path) + "\n")
    return EXIT_OK


def _restore(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    summary = _backups(ctx).restore(Path(ctx.args.file))
    if ctx.args.json:
        ctx.print_json(
            {
                "database": str(summary.database),
                "restored_from": str(summary.restored_from),
                "replaced_copy": str(summary.replaced_copy) if summary.replaced_copy else None,
                "schema_version": summary.schema_version,
            }
        )
        return EXIT_OK
    sys.stdout.write(
        QCoreApplication.translate("cli", "Restored {database} from {source}.").format(
            database=summary.database, source=summary.restored_from
        )
        + "\n"
    )
    if summary.replaced_copy is not None:
        sys.stdout.write(
            QCoreApplication.translate("cli", "The database it replaced was kept as {path}.").format(
                path=summary.replaced_copy
            )
            + "\n"
        )
    return EXIT_OK


def _check(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.jobs import run_to_end
    from streamdesk.messages import render

    backups = _backups(ctx)
    report = run_to_end(backups.check())
    lines = [" ".join(render(problem.code, dict(problem.fields)).split()) for problem in report.problems]
    newest_good = None if report.ok else _newest_good_backup(backups)
    if ctx.args.json:
        ctx.print_json(
            {
                "database": str(report.database),
                "ok": report.ok,
                "problems": [
                    {"code": problem.code, "message": line, "fields": {k: v for k, v in problem.fields}}
                    for problem, line in zip(report.problems, lines, strict=True)
                ],
                "newest_good_backup": None if newest_good is None else str(newest_good),
            }
        )
    elif report.ok:
        sys.stdout.write("OK\n")  # a fixed word scripts can test for, in every language
    else:
        if newest_good is not None:
            lines.append(
                QCoreApplication.translate(
                    "cli", 'Newest good backup: {backup}. To restore it: streamdesk restore "{backup}"'
                ).format(backup=newest_good)
            )
        sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _newest_good_backup(backups: Any) -> Path | None:
    """After a failed check: the newest backup of this database that passes a restore's checks, if any."""
    from streamdesk.core.backup_recovery import find_newest_good_backup
    from streamdesk.core.jobs import run_to_end

    offer = run_to_end(find_newest_good_backup(backups))
    return None if offer.newest_good is None else offer.newest_good.path


def _demo(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.demo import write_demo
    from streamdesk.core.jobs import run_to_end

    _refuse_a_server(ctx, ctx.args.path)  # a URL taken for a file name would become folders named after it
    summary = run_to_end(write_demo(Path(ctx.args.path), seed=ctx.args.seed))
    if ctx.args.json:
        ctx.print_json(
            {
                "database": str(summary.database),
                "images_dir": str(summary.images_dir),
                "products": summary.products,
                "skus": summary.skus,
                "bundles": summary.bundles,
                "suppliers": summary.suppliers,
                "images": summary.images,
                "seed": summary.seed,
            }
        )
    else:
        sys.stdout.write(
            QCoreApplication.translate(
                "cli", "Wrote a demo shop with {products} products and {skus} SKUs to {path}."
            ).format(products=summary.products, skus=summary.skus, path=summary.database)
            + "\n"
        )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the database (default: a time-stamped file in backups/ beside it)"
    )
    backup.add_argument("--out", metavar="FILE", help="write the copy here instead (an existing file is replaced)")
    backup.add_argument("--json", action="store_true", help="print one JSON object with the result")
    backup.set_defaults(func=_backup)

    restore = subparsers.add_parser(
        "restore", help="replace the database with a backup; the current file is kept in backups/"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--json", action="store_true", help="print one JSON object with the result")
    restore.set_defaults(func=_restore)

    check = subparsers.add_parser(
        "check", help="check the file's integrity, links between records and stock against the stock moves"
    )
    check.add_argument("--json", action="store_true", help="print one JSON object with the result")
    check.set_defaults(func=_check)

    demo = subparsers.add_parser("demo", help="write a demo shop database with 60+ products to PATH")
    demo.add_argument("path", metavar="PATH", help="a new database file (must not exist yet)")
    demo.add_argument("--seed", type=int, default=7, help="random seed; the same seed gives the same shop")
    demo.add_argument("--json", action="store_true", help="print one JSON object with the result")
    demo.set_defaults(func=_demo)
