"""Pre-flight rules without a database: the verdict of a run, checks of what is saved, typed values, measured
numbers as stored.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from streamdesk.core.errors import UserError
from streamdesk.core.preflight_types import ChecklistItemInput, CheckResultRow, Measured, ProbeOutcome, ResultInput
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind

MAX_NAME_LENGTH = 100
MAX_TITLE_LENGTH = 200
MAX_HINT_LENGTH = 1000
MAX_UNIT_LENGTH = 16
MAX_ITEMS = 100
MAX_VALUE_LENGTH = 200
MAX_NOTE_LENGTH = 2000
MAX_REASON_LENGTH = 1000

# A probe's verdict is kept among its result's numbers, so its sentence can be said again later: the code under
# CODE_KEY and each field under FIELD_PREFIX + name (the keys the pre-flight page reads).
CODE_KEY = "code"
FIELD_PREFIX = "field:"

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def verdict(results: Sequence[CheckResultRow]) -> PreflightVerdict:
    """NO_GO when a critical item failed, else INCOMPLETE while a critical item is pending, else GO (warnings and
    skipped items do not stop a show)."""
    critical = [r.status for r in results if r.critical]
    if CheckStatus.FAILED in critical:
        return PreflightVerdict.NO_GO
    if CheckStatus.PENDING in critical:
        return PreflightVerdict.INCOMPLETE
    return PreflightVerdict.GO


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("preflight.template_name_missing")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise UserError("preflight.template_name_too_long", maximum=MAX_NAME_LENGTH)
    return cleaned


def clean_item(item: ChecklistItemInput, position: int) -> ChecklistItemInput:
    """The item as saved: text trimmed, unit and limits only on VALUE items. ``position`` counts from 1 and names
    the item in the error."""
    title = " ".join(item.title.split())
    kind = CheckKind(item.kind)
    probe = None if item.probe is None else ProbeKind(item.probe)
    if not title:
        raise UserError("preflight.item_title_missing", position=position)
    if len(title) > MAX_TITLE_LENGTH:
        raise UserError("preflight.item_title_too_long", position=position, maximum=MAX_TITLE_LENGTH)
    hint = item.hint.strip()
    if len(hint) > MAX_HINT_LENGTH:
        raise UserError("preflight.item_hint_too_long", title=title, maximum=MAX_HINT_LENGTH)
    if kind is CheckKind.PROBE and probe is None:
        raise UserError("preflight.item_probe_missing", title=title)
    if kind is not CheckKind.PROBE and probe is not None:
        raise UserError("preflight.item_probe_unexpected", title=title)
    if kind is not CheckKind.VALUE:
        return ChecklistItemInput(title, kind, probe, bool(item.critical), hint)
    unit = item.unit.strip()
    if len(unit) > MAX_UNIT_LENGTH:
        raise UserError("preflight.item_unit_too_long", title=title, maximum=MAX_UNIT_LENGTH)
    for limit in (item.min_value, item.max_value):
        if limit is not None and not math.isfinite(limit):
            raise UserError("preflight.item_limit_invalid", title=title)
    low, high = item.min_value, item.max_value
    if low is not None and high is not None and low > high:
        raise UserError("preflight.item_limits_reversed", title=title, minimum=low, maximum=high)
    return ChecklistItemInput(
        title,
        kind,
        None,
        bool(item.critical),
        hint,
        unit,
        None if low is None else float(low),
        None if high is None else float(high),
    )


def clean_items(items: Sequence[ChecklistItemInput]) -> tuple[ChecklistItemInput, ...]:
    if not items:
        raise UserError("preflight.template_no_items")
    if len(items) > MAX_ITEMS:
        raise UserError("preflight.template_too_many_items", maximum=MAX_ITEMS)
    return tuple(clean_item(item, n) for n, item in enumerate(items, start=1))


def clean_result(result: ResultInput) -> ResultInput:
    status = CheckStatus(result.status)
    value = result.value.strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise UserError("preflight.value_too_long", maximum=MAX_VALUE_LENGTH)
    if len(result.note) > MAX_NOTE_LENGTH:
        raise UserError("preflight.note_too_long", maximum=MAX_NOTE_LENGTH)
    return replace(result, status=status, value=value, note=result.note.strip())


def parse_number(text: str, unit: str = "") -> float | None:
    """A typed value as a number: "85", "85%", "85.5", "８５％", "85 %" (with the item's own unit after it);
    None when the text is empty. UserError("preflight.value_not_a_number") for anything else."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    for suffix in (unit.strip(), "%"):
        if suffix and cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not _NUMBER.match(cleaned):
        raise UserError("preflight.value_not_a_number", text=text.strip())
    number = float(cleaned)
    if not math.isfinite(number):
        raise UserError("preflight.value_not_a_number", text=text.strip())
    return number


def value_status(number: float, min_value: float | None, max_value: float | None) -> CheckStatus:
    """FAILED below the minimum or above the maximum (the limits themselves pass), else PASSED."""
    if min_value is not None and number < min_value:
        return CheckStatus.FAILED
    if max_value is not None and number > max_value:
        return CheckStatus.FAILED
    return CheckStatus.PASSED


def value_text(number: float, unit: str) -> str:
    """85 → "85%" for a percentage, "12.5 V" for another unit, "85" without one."""
    figure = f"{number:g}"
    if not unit:
        return figure
    return f"{figure}{unit}" if unit in {"%", "‰", "°"} else f"{figure} {unit}"


def outcome_result(outcome: ProbeOutcome, extra: Measured = (), note: str = "") -> ResultInput:
    """What to record for a probe's verdict: its numbers, anything the caller adds (the device used), and the
    verdict's code and fields (numbers as floats, as stored)."""
    kept: list[tuple[str, float | str]] = [*outcome.measured, *extra, (CODE_KEY, outcome.code)]
    kept.extend((FIELD_PREFIX + k, v if isinstance(v, str) else float(v)) for k, v in outcome.fields)
    return ResultInput(status=outcome.status, value=outcome.value, measured=tuple(kept), note=note)


def measured_json(measured: Measured) -> str:
    """The probe's numbers in their order, as a JSON object ({"peak_dbfs": -12.3, ...}); −inf (digital silence)
    is kept as JSON's -Infinity, which Python reads back."""
    values: dict[str, float | str] = {}
    for name, value in measured:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise UserError("preflight.measured_invalid", name=name)
        values[str(name)] = value
    return json.dumps(values, ensure_ascii=False)


def measured_of(text: str) -> Measured:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return ()
    if not isinstance(data, dict):
        return ()
    return tuple((str(k), v) for k, v in data.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool))
