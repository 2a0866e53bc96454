"""``streamdesk orders …``: platform order exports in, tracking numbers in (and shipping files out), with the GUI's
services.

``import`` reads and checks the whole file before anything is written, then writes in one transaction. Rows with
problems are skipped with their reasons (exit 0); a file it cannot use (missing, unreadable, unknown columns, a
required column missing, no usable order) exits 2 with one line on stderr and nothing written.

Each action registers itself through one function in ``ACTIONS``; adding an action is one function and one entry.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, CommandContext

if TYPE_CHECKING:
    from streamdesk.core.errors import Problem

Actions = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    orders = subparsers.add_parser("orders", help="import platform orders and tracking numbers; shipping files")
    actions = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    for add in ACTIONS:
        add(actions)


# --- import -----------------------------------------------------------------------------------------------------
def _register_import(actions: argparse._SubParsersAction[Any]) -> None:
    importing = actions.add_parser("import", help="import a platform's order export (CSV, XLSX, Unicode text)")
    importing.add_argument("file", metavar="FILE", help="the export: CSV (any delimiter/encoding), .xlsx or .txt")
    importing.add_argument(
        "--preset",
        metavar="NAME",
        default="auto",
        help="auto (from the header row), douyin, kuaishou, channels, taobao, shopify, tiktok, whatnot, etsy, "
        "or mapping:<saved name>",
    )
    importing.add_argument("--show", metavar="ID", type=int, help="attribute the orders to this show")
    importing.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV file (default: detected)")
    importing.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    importing.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    importing.set_defaults(func=_import)


def _problem_list(problems: tuple[Problem, ...]) -> list[dict[str, Any]]:
    from streamdesk.messages import render

    return [{"row": p.row, "code": p.code, "reason": render(p.code, p.fields)} for p in problems]


def _import(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.errors import UserError
    from streamdesk.core.jobs import run_to_end
    from streamdesk.core.order_types import ImportAction
    from streamdesk.messages import describe_problem

    args = ctx.args
    io = ctx.services().orders_io
    plan = run_to_end(io.plan(Path(args.file), preset=args.preset, show_id=args.show, encoding=args.encoding))
    if not plan.orders:
        first = describe_problem(plan.problems[0]) if plan.problems else ""
        raise UserError("orders_io.no_valid_rows", count=plan.rows_read, first=first)
    added, updated, lines, moves, batch = plan.orders_added, plan.orders_updated, plan.lines, 0, None
    if not args.dry_run:
        result = run_to_end(io.apply(plan))
        added, updated, lines, moves, batch = (
            result.orders_added,
            result.orders_updated,
            result.lines,
            result.stock_moves,
            result.batch_id,
        )
    unchanged = sum(1 for order in plan.orders if order.action is ImportAction.UNCHANGED)
    unmatched = sum(len(line.rows) for line in plan.unmatched)
    if args.json:
        ctx.print_json(
            {
                "file": str(args.file),
                "preset": plan.preset,
                "platform": plan.platform.value,
                "encoding": plan.encoding,
                "rows_read": plan.rows_read,
                "orders_added": added,
                "orders_updated": updated,
                "orders_unchanged": unchanged,
                "lines": lines,
                "unmatched_lines": unmatched,
                "stock_moves": moves,
                "batch_id": batch,
                "skipped": _problem_list(plan.problems),
                "dry_run": bool(args.dry_run),
            }
        )
        return EXIT_OK
    for problem in plan.problems:
        sys.stdout.write(describe_problem(problem) + "\n")
    summary = QCoreApplication.translate(
        "cli",
        "{file} ({preset}, {encoding}): %n order(s) read; {added} added, {updated} updated, {unchanged} unchanged, "
        "{skipped} row(s) skipped.",
        "",
        len(plan.orders),
    )
    sys.stdout.write(
        summary.format(
            file=Path(args.file).name,
            preset=plan.preset,
            encoding=plan.encoding or "xlsx",
            added=added,
            updated=updated,
            unchanged=unchanged,
            skipped=len(plan.problems),
        )
        + "\n"
    )
    if unmatched:
        text = QCoreApplication.translate(
            "cli", "%n line(s) match no SKU yet: map them once on the Orders page (Needs review).", "", unmatched
        )
        sys.stdout.write(text + "\n")
    if args.dry_run:
        sys.stdout.write(QCoreApplication.translate("cli", "Dry run: nothing was saved.") + "\n")
    return EXIT_OK


# --- tracking ---------------------------------------------------------------------------------------------------
def _register_tracking(actions: argparse._SubParsersAction[Any]) -> None:
    tracking = actions.add_parser("tracking", help="mark orders shipped from a file of order id, courier, number")
    tracking.add_argument("file", metavar="FILE", help="批量发货 template, TikTok bulk-ship file or ShipStation export")
    tracking.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV file (default: detected)")
    tracking.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    tracking.set_defaults(func=_tracking)


def _tracking(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.errors import UserError
    from streamdesk.core.orders_io.tracking import read_tracking
    from streamdesk.messages import describe_problem

    args = ctx.args
    path = Path(args.file)
    rows, problems, encoding = read_tracking(path, args.encoding)  # before the database: a bad file leaves no trace
    if not rows:
        first = describe_problem(problems[0]) if problems else ""
        raise UserError("orders_io.no_tracking_rows", path=str(path), first=first)
    result = ctx.services().orders_io.import_tracking(path, encoding=args.encoding)
    if args.json:
        ctx.print_json(
            {
                "file": str(args.file),
                "encoding": encoding,
                "orders_shipped": result.orders_shipped,
                "already_known": result.already_known,
                "skipped": _problem_list(result.skipped),
            }
        )
        return EXIT_OK
    for problem in result.skipped:
        sys.stdout.write(describe_problem(problem) + "\n")
    text = QCoreApplication.translate(
        "cli", "%n order(s) marked shipped; {known} already had that number; {skipped} row(s) skipped.", "",
        result.orders_shipped,
    )  # fmt: skip
    sys.stdout.write(text.format(known=result.already_known, skipped=len(result.skipped)) + "\n")
    return EXIT_OK


ACTIONS: tuple[Callable[[argparse._SubParsersAction[Any]], None], ...] = (_register_import, _register_tracking)
