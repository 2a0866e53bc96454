"""``streamdesk advice``: the seller's assistant — suggestions from the seller's own streamed shows.

When to go live and for how long (GPM, GMV per hour, watch time and orders by weekday/weekend start hour and by
length; the common defaults while there are fewer than 5 streamed shows), which role each product plays best and
which products never sell when pitched, and how long each kind of segment really takes. Every suggestion prints
with the figures it came from and its key; ``--dismiss KEY`` hides one (``--restore KEY`` brings it back).

Start hours are local to ``--tz`` (an IANA zone such as Asia/Shanghai; default: this computer's zone). Working the
advice out also refreshes each product's history score, which the catalogue's selection score reads.
Exit 0; 2 with one line on stderr for an unknown zone, platform or key.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, CommandContext

if TYPE_CHECKING:
    from datetime import tzinfo

    from streamdesk.core.advice import AdviceReport, Suggestion


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "advice",
        help="suggestions from your own shows: when to go live, for how long, product roles, segment pacing",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tz", metavar="ZONE", help="time zone of the start hours, e.g. Asia/Shanghai")
    parser.add_argument("--platform", metavar="NAME", help="only shows streamed on this platform, e.g. douyin")
    parser.add_argument("--all", action="store_true", help="list dismissed suggestions too")
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--dismiss", metavar="KEY", help="hide the suggestion with this key")
    change.add_argument("--restore", metavar="KEY", help="show a dismissed suggestion again")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    parser.set_defaults(func=_advice)


def _zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from streamdesk.core.errors import UserError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError("advice.unknown_zone", zone=name) from exc


def _platform(name: str | None) -> Any:
    if not name:
        return None
    from streamdesk.core.errors import UserError
    from streamdesk.models.base import Platform

    try:
        return Platform(name.strip().lower())
    except ValueError as exc:
        raise UserError("advice.unknown_platform", platform=name, known=", ".join(p.value for p in Platform)) from exc


def _advice(ctx: CommandContext) -> int:
    from streamdesk.core.errors import UserError

    zone, platform = _zone(ctx.args.tz), _platform(ctx.args.platform)
    services = ctx.services()
    advice = services.advice
    if ctx.args.restore and advice.restore(ctx.args.restore) is None:
        raise UserError("advice.not_dismissed", key=ctx.args.restore)
    report = advice.report(zone=zone, platform=platform)
    if ctx.args.dismiss:
        chosen = next((s for s in report.suggestions if s.key == ctx.args.dismiss), None)
        if chosen is None:
            raise UserError("advice.unknown_key", key=ctx.args.dismiss)
        advice.dismiss(chosen)
        report = advice.report(zone=zone, platform=platform)
    if ctx.args.json:
        ctx.print_json(_json(report))
    else:
        _print(report, with_dismissed=ctx.args.all)
    return EXIT_OK


def _json(report: AdviceReport) -> dict[str, Any]:
    from streamdesk import advice_texts

    def one(s: Suggestion) -> dict[str, Any]:
        return {
            "key": s.key,
            "topic": s.topic,
            "headline": advice_texts.headline(s),
            "evidence": advice_texts.evidence(s, report.currency),
            "figures": dict(s.figures),
            "show_ids": list(s.show_ids),
            "dismissed_at": None if s.dismissed_at is None else s.dismissed_at.isoformat(),
        }

    return {
        "computed_at": report.computed_at.isoformat(),
        "zone": report.zone,
        "currency": report.currency,
        "shows_found": report.slots.shows_found,
        "from_history": report.slots.from_history,
        "suggestions": [one(s) for s in report.suggestions],
    }


def _print(report: AdviceReport, *, with_dismissed: bool) -> None:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import advice_texts

    def write(s: Suggestion) -> None:
        sys.stdout.write(f"* {advice_texts.headline(s)}\n  {advice_texts.evidence(s, report.currency)}\n")
        sys.stdout.write(f"  [{s.key}]\n")

    for suggestion in report.open:
        write(suggestion)
    if not report.open:
        sys.stdout.write(QCoreApplication.translate("advice", "No suggestions: nothing stands out yet.") + "\n")
    hidden = report.dismissed
    if hidden and with_dismissed:
        sys.stdout.write("\n" + QCoreApplication.translate("advice", "Dismissed:") + "\n")
        for suggestion in hidden:
            write(suggestion)
    elif hidden:
        sys.stdout.write(
            QCoreApplication.translate("advice", "{n} dismissed (list them with --all).").format(n=len(hidden)) + "\n"
        )
