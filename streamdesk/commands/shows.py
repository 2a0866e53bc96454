"""``streamdesk shows list|export-rundown|import-rundown``: shows and their rundowns from the command line.

``import-rundown`` reads and checks the whole file first and replaces the rundown in one transaction only when
every row is clean; otherwise it exits 2 with one line on stderr (the first problem and how many more) and the
database is left as it was. ``export-rundown`` writes CSV (UTF-8 with BOM, importable again) or the PDF host
sheet, chosen by the file's extension; the PDF needs fonts, so that command runs with a QGuiApplication
(``needs_gui``), offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from streamdesk.core.show_types import ShowSummary

EXPORT_SUFFIXES = (".csv", ".pdf")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    shows = subparsers.add_parser("shows", help="list shows; export or import a show's rundown")
    actions = shows.add_subparsers(dest="shows_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list the shows, by planned start (undated last)")
    listing.add_argument("--templates", action="store_true", help="list the show templates instead")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(func=_list)

    exporting = actions.add_parser("export-rundown", help="write a show's rundown as CSV or as a PDF host sheet")
    exporting.add_argument("show_id", metavar="ID", type=int, help="the show's id (see `shows list`)")
    exporting.add_argument("--out", metavar="FILE", required=True, help="target .csv or .pdf")
    exporting.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    exporting.set_defaults(func=_export, needs_gui=True)

    importing = actions.add_parser("import-rundown", help="replace a show's rundown with a CSV or XLSX file")
    importing.add_argument("file", metavar="FILE", help="CSV (any encoding) or .xlsx with the export's columns")
    importing.add_argument("--show", metavar="ID", type=int, required=True, dest="show_id", help="the show's id")
    importing.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV file (default: detected)")
    importing.add_argument("--dry-run", action="store_true", help="check the file only; write nothing")
    importing.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    importing.set_defaults(func=_import)


def _services(ctx: CommandContext) -> tuple[Any, Any]:
    """(Shows, RundownIO) over one open database."""
    from streamdesk.core.rundown_io import RundownIO

    services = ctx.services()
    return services.shows, RundownIO(services.shows, services.catalogue)


def _width(text: str) -> int:
    """Columns a terminal uses for ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _summary_json(show: ShowSummary) -> dict[str, Any]:
    return {
        "id": show.id,
        "title": show.title,
        "theme": show.theme,
        "platforms": [platform.value for platform in show.platforms],
        "planned_start": None if show.planned_start is None else show.planned_start.isoformat(),
        "planned_seconds": show.planned_seconds,
        "status": show.status.value,
        "is_template": show.is_template,
        "segment_count": show.segment_count,
        "rundown_seconds": show.rundown_seconds,
        "currency": show.currency,
        "target_gmv_minor": show.target_gmv_minor,
        "live_runs": show.live_runs,
    }


def _list(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels
    from streamdesk.core.rundown_pdf import long_duration

    shows = ctx.services().shows.list_shows(templates=ctx.args.templates)
    if ctx.args.json:
        ctx.print_json({"shows": [_summary_json(show) for show in shows], "templates": bool(ctx.args.templates)})
        return EXIT_OK
    if not shows:
        empty = (
            QCoreApplication.translate("cli", "No show templates yet.")
            if ctx.args.templates
            else QCoreApplication.translate("cli", "No shows yet.")
        )
        sys.stdout.write(empty + "\n")
        return EXIT_OK
    headers = (
        QCoreApplication.translate("cli", "ID"),
        QCoreApplication.translate("cli", "Start"),
        QCoreApplication.translate("cli", "Planned"),
        QCoreApplication.translate("cli", "Status"),
        QCoreApplication.translate("cli", "Segments"),
        QCoreApplication.translate("cli", "Title"),
    )
    undated = QCoreApplication.translate("cli", "no date")
    rows = [
        (
            str(show.id),
            undated if show.planned_start is None else show.planned_start.astimezone().strftime("%Y-%m-%d %H:%M"),
            long_duration(show.planned_seconds),
            labels.status_name(show.status),
            f"{show.segment_count} ({long_duration(show.rundown_seconds)})",
            show.title,
        )
        for show in shows
    ]
    widths = [max(_width(row[i]) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    for row in [headers, *rows]:
        cells = [_pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join([*cells, row[-1]]) + "\n")
    return EXIT_OK


def _export(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    target = Path(ctx.args.out)
    suffix = target.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise UserError("rundown_io.export_format", path=str(target))
    shows, io = _services(ctx)
    title = shows.get_show(ctx.args.show_id).title
    if suffix == ".pdf":
        pages = io.export_pdf(ctx.args.show_id, target)
        summary = {"file": str(target), "format": "pdf", "pages": pages}
        text = QCoreApplication.translate("cli", "Wrote the host sheet of “{title}” (%n page(s)) to {path}.", "", pages)
        line = text.format(title=title, path=target)
    else:
        segments = io.export_csv(ctx.args.show_id, target)
        summary = {"file": str(target), "format": "csv", "segments": segments}
        text = QCoreApplication.translate("cli", "Exported %n segment(s) of “{title}” to {path}.", "", segments)
        line = text.format(title=title, path=target)
    if ctx.args.json:
        ctx.print_json({"show_id": ctx.args.show_id, **summary})
    else:
        sys.stdout.write(line + "\n")
    return EXIT_OK


def _import(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.rundown_pdf import long_duration
    from streamdesk.messages import describe_problem, render

    args = ctx.args
    shows, io = _services(ctx)
    sheet = io.read(Path(args.file), args.show_id, encoding=args.encoding)
    if sheet.problems:
        first = describe_problem(sheet.problems[0])
        more = len(sheet.problems) - 1
        if more:
            raise UserError("rundown_io.refused_more", first=first, more=more)
        raise UserError("rundown_io.refused", first=first)
    title = shows.get_show(args.show_id).title
    if args.dry_run:
        rundown = None
        conflicts: list[str] = []
    else:
        rundown = io.apply(sheet, args.show_id)
        conflicts = [render(conflict.code, conflict.fields) for conflict in rundown.conflicts]
    if args.json:
        ctx.print_json(
            {
                "file": str(args.file),
                "encoding": sheet.encoding,
                "show_id": args.show_id,
                "segments": len(sheet.segments),
                "columns": dict(sheet.columns),
                "ignored_columns": list(sheet.ignored),
                "total_seconds": None if rundown is None else rundown.total_seconds,
                "conflicts": conflicts,
                "dry_run": bool(args.dry_run),
            }
        )
        return EXIT_OK
    if rundown is None:
        text = QCoreApplication.translate(
            "cli", "{file}: %n segment(s) checked, no problems. Dry run: nothing was saved.", "", len(sheet.segments)
        )
        sys.stdout.write(text.format(file=Path(args.file).name) + "\n")
        return EXIT_OK
    text = QCoreApplication.translate(
        "cli", "Imported %n segment(s) into “{title}”; the rundown runs {total}.", "", len(sheet.segments)
    )
    sys.stdout.write(text.format(title=title, total=long_duration(rundown.total_seconds)) + "\n")
    for conflict in conflicts:
        sys.stdout.write(conflict + "\n")
    return EXIT_OK
