"""``streamdesk lint FILE [--json]`` and ``streamdesk lint --show ID [--json]``: the claim-compliance checker.

Finds wording that live-commerce platforms and the Advertising Law penalise (最好/第一/国家级/100%, medical claims,
全网最低, invented scarcity, off-platform trading; “best ever”, “cure”, “risk-free” for English scripts) and prints
one line a hit: ``LINE:COL term — reason (suggestion: …)``, the words as written after the term when they differ
from it; for a show, each line first names where the hit is (the show's notes, a segment's talking points,
promotion cue or notes, a product's selling points, talking points or FAQ). The word lists ship with StreamDesk; ``compliance.tsv`` in the data folder adds, replaces, allows or
disables terms (see core/compliance.py).

FILE is UTF-8 or GB18030 text (others are recognised by charset-normalizer). Exit 0: no hit; 1: hits; 2: an
unreadable file or an unknown show, with one line on stderr. Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, EXIT_PROBLEM, CommandContext

if TYPE_CHECKING:
    from streamdesk.core.compliance import WordList
    from streamdesk.core.compliance_scan import LineHit


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="check a text file or a show's scripts for banned or risky claims; exit 1 when there are hits",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("file", metavar="FILE", nargs="?", help="a UTF-8 or GB18030 text file")
    target.add_argument("--show", metavar="ID", type=int, dest="show_id", help="the show's id")
    parser.add_argument("--json", action="store_true", help="print one JSON object with every hit")
    parser.set_defaults(func=_lint)


def _words(ctx: CommandContext) -> WordList:
    from streamdesk.core.compliance import USER_FILE_NAME, cached_word_list

    return cached_word_list(ctx.paths.data_dir / USER_FILE_NAME)


def _hit_json(at: LineHit) -> dict[str, Any]:
    hit = at.hit
    return {
        "line": at.line,
        "column": at.column,
        "text": at.text,
        "term": hit.term,
        "category": hit.category,
        "reason": hit.reason,
        "suggestion": hit.suggestion,
    }


def _hit_line(at: LineHit) -> str:
    """``LINE:COL term — reason (suggestion: …)``, with the words as written after the term when they differ
    (最好 “最 好”, 国家级 “國家級”)."""
    written = "" if at.text == at.hit.term else f" “{at.text}”"
    return f"{at.line}:{at.column} {at.hit.term}{written} — {at.hit.reason} (suggestion: {at.hit.suggestion})"


def _lint(ctx: CommandContext) -> int:
    if ctx.args.show_id is not None:
        return _lint_show(ctx)
    from streamdesk.core.compliance_scan import check_lines, read_text_file

    path = Path(ctx.args.file).expanduser()
    hits = check_lines(read_text_file(path), _words(ctx))
    if ctx.args.json:
        ctx.print_json({"file": str(path), "hits": [_hit_json(at) for at in hits]})
    else:
        for at in hits:
            sys.stdout.write(_hit_line(at) + "\n")
    return EXIT_PROBLEM if hits else EXIT_OK


def _lint_show(ctx: CommandContext) -> int:
    from streamdesk.core.compliance_scan import check_show

    services = ctx.services()
    hits = check_show(services.shows, services.catalogue, ctx.args.show_id, _words(ctx))
    if ctx.args.json:
        rows = [
            {"place": h.place, "id": h.place_id, "title": h.title, "field": h.field, **_hit_json(h.at)} for h in hits
        ]
        ctx.print_json({"show_id": ctx.args.show_id, "hits": rows})
    else:
        for h in hits:
            sys.stdout.write(f"{h.place} {h.place_id} “{h.title}” {h.field} {_hit_line(h.at)}\n")
    return EXIT_PROBLEM if hits else EXIT_OK
