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
from streamdesk.commands.file_errors import naming_the_file

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
    importing.set_defaults(func=naming_the_file(_import))


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


# --- shipping files: export, pick list ----------------------------------------------------------------------------
_COURIER_DEFAULT = "paid"


def _register_export(actions: argparse._SubParsersAction[Any]) -> None:
    exporting = actions.add_parser("export", help="write a courier or label-tool batch file of orders")
    exporting.add_argument("file", metavar="FILE", help="target .xlsx or .csv (as the preset writes)")
    exporting.add_argument(
        "--preset",
        metavar="NAME",
        required=True,
        help="sf (顺丰), zto (中通), cn_generic, shipstation, pirateship, shippo, royalmail, generic_csv, generic_xlsx",
    )
    exporting.add_argument("--show", metavar="ID", type=int, help="only the orders of this show")
    exporting.add_argument(
        "--status",
        metavar="STATUS",
        action="append",
        help="only orders with this status (repeat, or comma-separated: pending_payment, paid, shipped, completed, "
        f"cancelled, refunding, refunded); default: {_COURIER_DEFAULT} for courier and label presets, every status "
        "for generic_csv and generic_xlsx",
    )
    exporting.add_argument("--bom", action="store_true", help="CSV with a UTF-8 BOM (for a file opened in Excel first)")
    exporting.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    exporting.set_defaults(func=_export)


def _statuses(values: list[str] | None, courier: bool) -> tuple[Any, ...]:
    from streamdesk.core.errors import UserError
    from streamdesk.models.base import OrderStatus

    words = [w.strip() for value in values or [] for w in value.split(",") if w.strip()]
    if not words:
        return (OrderStatus(_COURIER_DEFAULT),) if courier else ()
    known = {status.value: status for status in OrderStatus}
    for word in words:
        if word not in known:
            raise UserError("shipping_io.unknown_status", status=word, statuses=", ".join(known))
    return tuple(dict.fromkeys(known[word] for word in words))


def _order_problems(problems: Any) -> list[dict[str, Any]]:
    from streamdesk.messages import render

    return [{"order_no": p.order_no, "code": p.code, "reason": render(p.code, p.fields)} for p in problems]


def _export(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.jobs import run_to_end
    from streamdesk.core.order_types import OrderFilter
    from streamdesk.core.shipping_io.exporting import file_format, find_preset
    from streamdesk.messages import describe_order_problem

    args = ctx.args
    target = Path(args.file)
    preset = find_preset(args.preset)  # a wrong preset, status or extension stops before the database opens
    file_format(preset, target)
    statuses = _statuses(args.status, preset.courier)
    services = ctx.services()
    if args.show is not None:
        services.shows.get_show(args.show)  # UserError("shows.not_found") for an unknown show
    query = OrderFilter(show_id=args.show, statuses=statuses)
    result = run_to_end(services.shipping_io.export(target, preset.key, query, bom=args.bom))
    if args.json:
        ctx.print_json(
            {
                "file": str(target),
                "files": list(result.files),
                "preset": result.preset,
                "format": result.format.value,
                "statuses": [status.value for status in statuses],
                "show_id": args.show,
                "orders": result.orders,
                "rows": result.rows,
                "skipped": _order_problems(result.skipped),
                "warnings": _order_problems(result.warnings),
                "truncated_cells": result.truncated_cells,
            }
        )
        return EXIT_OK
    for problem in (*result.skipped, *result.warnings):
        sys.stdout.write(describe_order_problem(problem.order_no, problem.code, problem.fields) + "\n")
    text = QCoreApplication.translate(
        "cli", "Wrote %n order(s) ({rows} rows, preset {preset}) to {files}; {skipped} left out.", "", result.orders
    )
    files = ", ".join(result.files)
    sys.stdout.write(
        text.format(rows=result.rows, preset=result.preset, files=files, skipped=len(result.skipped)) + "\n"
    )
    return EXIT_OK


def _register_picklist(actions: argparse._SubParsersAction[Any]) -> None:
    picking = actions.add_parser("picklist", help="write the pick list of a show (units per SKU) as PDF or CSV")
    picking.add_argument("--show", metavar="ID", type=int, required=True, help="the show whose paid orders to pick")
    picking.add_argument("--out", metavar="FILE", required=True, help="target .pdf or .csv")
    picking.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    picking.set_defaults(func=_picklist, needs_gui=True)  # the PDF needs fonts: a QGuiApplication


def _picklist(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.errors import UserError

    args = ctx.args
    target = Path(args.out)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise UserError("shipping_io.picklist_format", path=str(target))
    services = ctx.services()
    show = services.shows.get_show(args.show)
    io = services.shipping_io
    rows = io.pick_list(show_id=args.show)
    if suffix == ".pdf":
        when = "" if show.planned_start is None else show.planned_start.astimezone().strftime("%Y-%m-%d %H:%M")
        pages = io.pick_list_pdf(target, rows, title=show.title, subtitle=when)
        summary: dict[str, Any] = {"format": "pdf", "pages": pages}
    else:
        headers = (
            QCoreApplication.translate("cli", "SKU"),
            QCoreApplication.translate("cli", "Product"),
            QCoreApplication.translate("cli", "Spec"),
            QCoreApplication.translate("cli", "Units"),
            QCoreApplication.translate("cli", "Orders"),
            QCoreApplication.translate("cli", "On hand"),
        )
        io.pick_list_csv(target, rows, headers=headers)
        summary = {"format": "csv"}
    units = sum(row.quantity for row in rows)
    if args.json:
        ctx.print_json({"file": str(target), "show_id": args.show, "skus": len(rows), "units": units, **summary})
        return EXIT_OK
    text = QCoreApplication.translate(
        "cli", "Wrote the pick list of “{title}” (%n SKU(s), {units} units) to {path}.", "", len(rows)
    )
    sys.stdout.write(text.format(title=show.title, units=units, path=target) + "\n")
    return EXIT_OK


ACTIONS: tuple[Callable[[argparse._SubParsersAction[Any]], None], ...] = (
    _register_import,
    _register_tracking,
    _register_export,
    _register_picklist,
)
