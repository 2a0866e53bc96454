"""``streamdesk metrics import``: a platform's live-data export (minute trend or show summary) into a show's review.

The whole file is read and checked before anything is written, then written in one transaction. Rows with
problems are listed with their row numbers and skipped (exit 0); a file it cannot use (missing, unreadable,
unknown columns, no time column, damaged characters, another currency) exits 2 with one line on stderr and nothing
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.commands.file_errors import naming_the_file

if TYPE_CHECKING:
    from datetime import datetime

    from streamdesk.core.review_types import Gap, MetricsPlan, RowProblem

PRESET_HELP = (
    "auto (from the header row and the show's platforms), douyin_trend, douyin_summary, kuaishou_summary, "
    "kuaishou_trend, channels_summary, tiktok_live_list, or mapping (with --map)"
)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    metrics = subparsers.add_parser("metrics", help="import a platform's live data (minute trend or show totals)")
    actions = metrics.add_subparsers(dest="metrics_command", metavar="ACTION", required=True)
    importing = actions.add_parser("import", help="import a live-data export into a show's review")
    importing.add_argument("file", metavar="FILE", help="the export: CSV (any delimiter/encoding), .xlsx or .txt")
    importing.add_argument("--show", metavar="ID", type=int, required=True, help="the show the data belongs to")
    importing.add_argument("--preset", metavar="NAME", default="auto", help=PRESET_HELP)
    importing.add_argument(
        "--platform",
        metavar="P",
        help="douyin, kuaishou, channels, tiktok, … (auto: the preset's, or the show's first for a mapping)",
    )
    importing.add_argument("--encoding", metavar="ENC", help="text encoding of a CSV file (default: detected)")
    importing.add_argument(
        "--map",
        metavar="NAME=HEADER",
        action="append",
        default=[],
        help="column mapping, repeatable: time=Minute, online=Viewers, gmv_minor=Sales, peak_online=…",
    )
    importing.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    importing.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    importing.set_defaults(func=naming_the_file(_import))


def _platform(text: str | None) -> Any:
    from streamdesk.core.errors import UserError
    from streamdesk.models.base import Platform

    if text is None:
        return None
    try:
        return Platform(text.strip().lower())
    except ValueError:
        platforms = ", ".join(p.value for p in Platform)
        raise UserError("metrics.unknown_platform", platform=text, platforms=platforms) from None


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    from streamdesk.core.errors import UserError

    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not name.strip():
            raise UserError("metrics.bad_map", value=pair)
        mapping[name.strip()] = header.strip()
    return mapping or None


def _import(ctx: CommandContext) -> int:
    from datetime import UTC, datetime

    from streamdesk.core.metrics_io import MetricsIO

    args = ctx.args
    platform = _platform(args.platform)
    mapping = _mapping(args.map)
    database = ctx.open_database()
    io = MetricsIO(database.sessions, clock=lambda: datetime.now(UTC), currency=ctx.settings.currency)
    plan = io.plan(
        Path(args.file), args.show, preset=args.preset, encoding=args.encoding, platform=platform, mapping=mapping
    )
    replaced, import_id = plan.replaces, None
    if not args.dry_run:
        result = io.apply(plan)
        replaced, import_id = result.samples_replaced, result.import_id
    if args.json:
        ctx.print_json(_payload(plan, args, replaced, import_id))
        return EXIT_OK
    _print_human(plan, args, replaced)
    return EXIT_OK


def _gap_list(gaps: tuple[Gap, ...]) -> list[dict[str, Any]]:
    return [{"from": gap.start.isoformat(), "to": gap.end.isoformat(), "samples": gap.samples} for gap in gaps]


def _problem_list(problems: tuple[RowProblem, ...]) -> list[dict[str, Any]]:
    from streamdesk.messages import render

    return [{"row": p.row, "code": p.code, "reason": render(p.code, p.fields)} for p in problems]


def _payload(plan: MetricsPlan, args: argparse.Namespace, replaced: int, import_id: int | None) -> dict[str, Any]:
    return {
        "file": str(args.file),
        "show": plan.show_id,
        "preset": plan.preset,
        "platform": plan.platform.value,
        "kind": plan.kind,
        "encoding": plan.encoding,
        "encoding_guessed": plan.encoding_guessed,
        "rows": plan.rows,
        "samples": len(plan.samples),
        "interval_seconds": plan.interval_seconds,
        "series": list(plan.series),
        "unmapped": list(plan.unmapped),
        "gaps": _gap_list(plan.gaps),
        "missing_samples": sum(gap.samples for gap in plan.gaps),
        "duplicates": plan.duplicates,
        "skipped": _problem_list(plan.skipped),
        "chosen_row": plan.chosen_row,
        "totals": dict(plan.totals.values) if plan.totals is not None else None,
        "replaced": replaced,
        "import_id": import_id,
        "dry_run": bool(args.dry_run),
    }


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _print_human(plan: MetricsPlan, args: argparse.Namespace, replaced: int) -> None:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core.errors import Problem
    from streamdesk.messages import describe_problem

    out = sys.stdout
    for problem in plan.skipped:
        out.write(describe_problem(Problem(problem.row, problem.code, dict(problem.fields))) + "\n")
    head = {"file": Path(args.file).name, "preset": plan.preset, "platform": plan.platform.value}
    head["encoding"] = plan.encoding or "xlsx"
    if plan.kind == "trend":
        missing = sum(gap.samples for gap in plan.gaps)
        # one clause per count, each with its own plural, and only the counts that are not zero
        clauses = [
            QCoreApplication.translate("cli", "{file} ({preset}, {platform}, {encoding}): %n row(s) read", "", plan.rows)
            .format(**head),
            QCoreApplication.translate("cli", "%n sample(s) every {interval} s", "", len(plan.samples))
            .format(interval=plan.interval_seconds),
        ]  # fmt: skip
        if plan.gaps:
            clauses.append(
                QCoreApplication.translate("cli", "%n interval(s) missing", "", missing)
                + QCoreApplication.translate("cli", " in %n gap(s)", "", len(plan.gaps))
            )
        if plan.duplicates:
            clauses.append(QCoreApplication.translate("cli", "%n time(s) repeated", "", plan.duplicates))
        if plan.skipped:
            clauses.append(QCoreApplication.translate("cli", "%n row(s) skipped", "", len(plan.skipped)))
        out.write(QCoreApplication.translate("cli", "; ").join(clauses) + QCoreApplication.translate("cli", ".") + "\n")
        for gap in plan.gaps:
            line = QCoreApplication.translate("cli", "Missing from {start} to {end}: %n interval(s).", "", gap.samples)
            out.write(line.format(start=_local(gap.start), end=_local(gap.end)) + "\n")
        if replaced:
            text = QCoreApplication.translate(
                "cli", "%n sample(s) already stored for this time were replaced.", "", replaced
            )
            out.write(text + "\n")
    else:
        values = plan.totals.values if plan.totals is not None else {}
        text = QCoreApplication.translate(
            "cli",
            "{file} ({preset}, {platform}, {encoding}): show totals, %n figure(s); {skipped} row(s) skipped.",
            "",
            len(values),
        )
        out.write(text.format(**head, skipped=len(plan.skipped)) + "\n")
        if plan.chosen_row is not None:
            nearest = QCoreApplication.translate("cli", "Row {row} is the LIVE nearest the show's start.")
            out.write(nearest.format(row=plan.chosen_row) + "\n")
    if args.dry_run:
        out.write(QCoreApplication.translate("cli", "Dry run: nothing was saved.") + "\n")
