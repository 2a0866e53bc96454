"""``streamdesk report --show ID --out FILE.pdf|html [--compare-to ID] [--lang zh_CN|en] [--json]``: a show's review
(复盘) as a printable report — KPIs against targets and the comparison show, timeline, funnel, segments, products,
trends, notes and action items — in the interface's language or ``--lang``.

The suffix chooses PDF or self-contained HTML. Bad input (another suffix, an unknown show or comparison show, a
show compared with itself, a folder that cannot be written) exits 2 with one line on stderr and writes nothing.
Charts and PDFs need fonts: the command runs with a QGuiApplication (``needs_gui``), offscreen without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.core.errors import UserError


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser("report", help="write a show's review (复盘) as a PDF or HTML report")
    parser.add_argument("--show", metavar="ID", type=int, required=True, dest="show_id", help="the show's id")
    parser.add_argument("--out", metavar="FILE", required=True, help="target .pdf or .html")
    parser.add_argument(
        "--compare-to", metavar="ID", type=int, dest="compare_to", help="compare with this show (default: the previous "
        "comparable show)"
    )  # fmt: skip
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="the report's language (default: the app's)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    parser.set_defaults(func=_report, needs_gui=True)


def _report(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.app import build_services
    from streamdesk.core.report import ReportWriter, trends_until

    args = ctx.args
    target = Path(args.out).expanduser()
    writer = ReportWriter(moving_average_shows=ctx.settings.review.moving_average_shows)
    kind = writer.check_destination(target)
    if args.compare_to is not None and args.compare_to == args.show_id:
        raise UserError("report.compare_to_itself", show=args.show_id)
    language = str(getattr(args, "lang", None) or ctx.settings.language)
    services = build_services(ctx.open_database(), ctx.settings, ctx.paths)
    review = services.review
    data = review.review(args.show_id, compare_to=args.compare_to, auto_compare=args.compare_to is None)
    trends = trends_until(review.trends(), data.header.show_id)
    writer.write(data, target, language=language, trends=trends)
    if args.json:
        ctx.print_json(
            {
                "file": str(target),
                "format": kind,
                "language": language,
                "show_id": data.header.show_id,
                "title": data.header.title,
                "compare_to": None if data.compare_to is None else data.compare_to.show_id,
                "kpis": {kpi.key: kpi.value for kpi in data.kpis},
                "segments": len(data.segments),
                "products": len(data.products),
                "actions": len(data.actions),
                "trend_shows": len(trends),
            }
        )
        return EXIT_OK
    text = QCoreApplication.translate("cli", "Wrote the review report of “{title}” to {path}.")
    sys.stdout.write(text.format(title=data.header.title, path=target) + "\n")
    return EXIT_OK
