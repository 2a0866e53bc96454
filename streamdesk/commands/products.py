"""``streamdesk products import|export``: the catalogue to and from CSV/XLSX, with the GUI's services.

Import reads and checks the whole file before anything is written, then writes in one transaction. Rows with
problems are skipped and reported (exit 0) unless ``--strict``; a bad file (missing, unreadable, no title or SKU
column, no valid row) exits 2 with one line on stderr and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.commands.file_errors import naming_the_file
from streamdesk.core.errors import UserError


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    products = subparsers.add_parser("products", help="import or export the product catalogue (CSV, XLSX)")
    actions = products.add_subparsers(dest="products_command", metavar="ACTION", required=True)

    importing = actions.add_parser("import", help="import products from a CSV or XLSX file")
    importing.add_argument("file", metavar="FILE", help="CSV/TSV (UTF-8, GB18030/GBK, UTF-16) or .xlsx")
    importing.add_argument(
        "--mapping", metavar="JSON", help='a JSON file {"field_key": "Header"} overriding the automatic match'
    )
    importing.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    importing.add_argument("--strict", action="store_true", help="refuse the whole file if any row has a problem")
    importing.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    importing.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV file (default: detected)")
    importing.add_argument("--sheet", metavar="NAME", help="sheet of an XLSX workbook (default: the first)")
    importing.set_defaults(func=naming_the_file(_import))

    exporting = actions.add_parser("export", help="export products to a .csv or .xlsx file")
    exporting.add_argument("file", metavar="FILE", help="target .csv (UTF-8 with BOM, for Excel) or .xlsx")
    exporting.add_argument("--include-archived", action="store_true", help="export archived products too")
    exporting.add_argument("--category", metavar="NAME", help="only this category")
    exporting.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark")
    exporting.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    exporting.set_defaults(func=_export)


def _import(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.jobs import CancelToken, run_to_end
    from streamdesk.core.products_io import mapping, reading
    from streamdesk.messages import describe_problem, render

    args = ctx.args
    # Read and map the file before the database is opened: a bad file must leave no trace, not even a new DB.
    source = reading.read_source(Path(args.file), encoding=args.encoding, sheet=args.sheet)
    overrides = mapping.load_mapping_file(Path(args.mapping)) if args.mapping else {}
    io = ctx.services().products_io
    columns = io.mapping_with_overrides(source.headers, overrides)
    plan = run_to_end(io.plan(source, columns, CancelToken()))
    if plan.valid_rows == 0:
        first = describe_problem(plan.problems[0]) if plan.problems else ""
        raise UserError("products_io.no_valid_rows", count=plan.rows_read, first=first)
    if args.strict and plan.problems:
        raise UserError(
            "products_io.strict_refused", count=len(plan.problems), first=describe_problem(plan.problems[0])
        )
    stock_moves = plan.stock_moves
    if not args.dry_run and plan.has_changes:
        stock_moves = run_to_end(io.apply(plan, CancelToken())).stock_moves
    if args.json:
        ctx.print_json(
            {
                "file": str(args.file),
                "encoding": source.encoding,
                "sheet": source.sheet,
                "mapping": plan.mapping.as_dict(),
                "rows_read": plan.rows_read,
                "added": plan.added,
                "updated": plan.updated,
                "unchanged": plan.unchanged,
                "new_products": plan.new_products,
                "stock_moves": stock_moves,
                "skipped": [{"row": p.row, "code": p.code, "reason": render(p.code, p.fields)} for p in plan.problems],
                "dry_run": bool(args.dry_run),
            }
        )
        return EXIT_OK
    for problem in plan.problems:
        sys.stdout.write(describe_problem(problem) + "\n")
    sys.stdout.write(
        QCoreApplication.translate(
            "cli",
            "{file}: {rows} row(s) read; {added} SKU(s) added, {updated} updated, {unchanged} unchanged, "
            "{skipped} row(s) skipped.",
        ).format(
            file=source.name,
            rows=plan.rows_read,
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            skipped=plan.skipped,
        )
        + "\n"
    )
    if args.dry_run:
        sys.stdout.write(QCoreApplication.translate("cli", "Dry run: nothing was saved.") + "\n")
    return EXIT_OK


def _export(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.catalogue_types import ArchivedFilter, CatalogueFilter
    from streamdesk.core.jobs import CancelToken, run_to_end

    args = ctx.args
    target = Path(args.file)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError("products_io.export_format", path=str(target))
    query = CatalogueFilter(
        category=args.category, archived=ArchivedFilter.ALL if args.include_archived else ArchivedFilter.ACTIVE
    )
    io = ctx.services().products_io
    summary = run_to_end(io.export(target, query, CancelToken(), bom=not args.no_bom))
    if args.json:
        ctx.print_json(
            {
                "file": summary.path,
                "format": summary.format.value,
                "rows": summary.rows,
                "truncated_cells": summary.truncated_cells,
            }
        )
        return EXIT_OK
    sys.stdout.write(
        QCoreApplication.translate("cli", "Exported {rows} SKU(s) to {path}.").format(rows=summary.rows, path=target)
        + "\n"
    )
    return EXIT_OK
