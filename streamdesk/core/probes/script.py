"""The pre-flight item "Script checked" (话术已检查): the claim-compliance checker run over everything the host of a
show says or shows (core.compliance_scan.check_show: the show's notes, its segments' talking points, promotion cues
and notes, its products' selling points, talking points and FAQ).

No hit → PASSED. Hits → WARNING, never FAILED: a risky word is the seller's call to make (a 第一 may be a true
ranking with its certificate at hand), so the item is never critical and never stops the live timer. The hits are
kept with the result (as JSON under ``FOUND_KEY`` among the measured values), so the pre-flight page can list them
again later, in the language of the day, without checking the show anew.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from streamdesk.core.preflight_types import Measured, ProbeOutcome
from streamdesk.models.base import CheckStatus

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.compliance import WordList
    from streamdesk.core.compliance_scan import PlaceHit
    from streamdesk.core.shows import Shows

CLEAN = "preflight.script.clean"
HITS = "preflight.script.hits"
COUNT_KEY = "hits"
FOUND_KEY = "found"
MAX_KEPT = 100  # a script with more hits than this needs rewriting, not a longer list; the count stays exact


@dataclass(frozen=True, slots=True)
class ScriptHit:
    """One hit as the pre-flight page lists it: where (``place`` "show", "segment" or "product", its title, the
    field and the 1-based line), the words as written, and the word list's category, reason and suggestion."""

    place: str
    title: str
    field: str
    line: int
    words: str
    term: str
    category: str
    reason: str
    suggestion: str


def script_hits_of(found: Sequence[PlaceHit]) -> tuple[ScriptHit, ...]:
    return tuple(
        ScriptHit(
            place=place_hit.place,
            title=place_hit.title,
            field=place_hit.field,
            line=place_hit.at.line,
            words=place_hit.at.text,
            term=place_hit.at.hit.term,
            category=place_hit.at.hit.category,
            reason=place_hit.at.hit.reason,
            suggestion=place_hit.at.hit.suggestion,
        )
        for place_hit in found
    )


def script_verdict(hits: Sequence[ScriptHit]) -> ProbeOutcome:
    """PASSED "preflight.script.clean" without hits; WARNING "preflight.script.hits" (field ``count``) with them.
    The value is the number of hits, a figure in any language."""
    if not hits:
        return ProbeOutcome(CheckStatus.PASSED, "0", ((COUNT_KEY, 0.0),), CLEAN, (("count", "0"),))
    kept = [_as_dict(hit) for hit in hits[:MAX_KEPT]]
    measured: Measured = ((COUNT_KEY, float(len(hits))), (FOUND_KEY, json.dumps(kept, ensure_ascii=False)))
    # the count as text: fields are stored as floats otherwise, and "Found 3.0 risky wordings" reads badly
    return ProbeOutcome(CheckStatus.WARNING, str(len(hits)), measured, HITS, (("count", str(len(hits))),))


def check_script(shows: Shows, catalogue: Catalogue, show_id: int, words: WordList) -> ProbeOutcome:
    """The item's verdict for the show now (reads only; UserError("shows.not_found") for an unknown show)."""
    from streamdesk.core.compliance_scan import check_show

    return script_verdict(script_hits_of(check_show(shows, catalogue, show_id, words)))


def stored_hits(measured: Measured) -> tuple[ScriptHit, ...]:
    """The hits a recorded result kept (empty for a clean script, a manual record or an unreadable value)."""
    text = dict(measured).get(FOUND_KEY)
    if not isinstance(text, str):
        return ()
    try:
        rows = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(rows, list):
        return ()
    return tuple(hit for hit in (_from_dict(row) for row in rows) if hit is not None)


def _as_dict(hit: ScriptHit) -> dict[str, str | int]:
    return {
        "place": hit.place,
        "title": hit.title,
        "field": hit.field,
        "line": hit.line,
        "words": hit.words,
        "term": hit.term,
        "category": hit.category,
        "reason": hit.reason,
        "suggestion": hit.suggestion,
    }


def _from_dict(row: object) -> ScriptHit | None:
    if not isinstance(row, dict):
        return None
    line = row.get("line")
    texts = [row.get(key) for key in ("place", "title", "field", "words", "term", "category", "reason", "suggestion")]
    if not isinstance(line, int) or not all(isinstance(text, str) for text in texts):
        return None
    place, title, field, words, term, category, reason, suggestion = (str(text) for text in texts)
    return ScriptHit(place, title, field, line, words, term, category, reason, suggestion)
