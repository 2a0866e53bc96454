"""The "Pre-flight:" line of the show summary: how the rig check stands for the selected show.

GO (green, with the time it was finished), NO-GO (red, naming the failed critical items and any override reason),
in progress (amber, how many items are checked), incomplete, or, before any run, when it is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication

from streamdesk.core.preflight_types import PreflightRunRow
from streamdesk.core.show_types import ShowDetail
from streamdesk.models.base import CheckStatus, PreflightVerdict, ShowStatus

GO_COLOUR = "#2e7d32"
NO_GO_COLOUR = "#c62828"
PENDING_COLOUR = "#b26a00"
MUTED_COLOUR = "#757575"


@dataclass(frozen=True, slots=True)
class PreflightGlance:
    """What the summary needs: the show's latest run (None: never started) and when its check is due."""

    run: PreflightRunRow | None
    due_at: datetime | None  # planned start minus the lead time; None: the show has no planned start
    planned_start: datetime | None
    now: datetime


def glance_for(detail: ShowDetail, run: PreflightRunRow | None, due_minutes: int, now: datetime) -> PreflightGlance:
    start = detail.planned_start
    due_at = None if start is None else start - timedelta(minutes=due_minutes)
    return PreflightGlance(run=run, due_at=due_at, planned_start=start, now=now)


def wants_line(detail: ShowDetail) -> bool:
    """Templates have no rig to check; a cancelled show none any more."""
    return not detail.is_template and detail.status is not ShowStatus.CANCELLED


def _clock(moment: datetime, now: datetime) -> str:
    """ "17:30" today, "01-04 17:30" on another day (local time)."""
    local, today = moment.astimezone(), now.astimezone().date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%m-%d %H:%M")


def _coloured(text: str, colour: str) -> str:
    return f"<span style='color:{colour}'>{escape(text)}</span>"


def _failed_items(run: PreflightRunRow) -> str:
    """ "Mic connected and level (-62.0 dBFS peak), Network" — each failed critical item with its headline."""
    names = []
    for result in run.failed_critical:
        headline = result.value.strip()
        names.append(
            QCoreApplication.translate("PreflightLine", "{item} ({value})").format(item=result.title, value=headline)
            if headline
            else result.title
        )
    return QCoreApplication.translate("PreflightLine", ", ").join(names)


def _run_html(run: PreflightRunRow, now: datetime) -> str:
    if run.verdict is PreflightVerdict.NO_GO:
        text = _coloured(
            QCoreApplication.translate("PreflightLine", "NO-GO: {items}").format(items=_failed_items(run)), NO_GO_COLOUR
        )
        if run.override_reason:
            override = QCoreApplication.translate("PreflightLine", "went live anyway: “{reason}”").format(
                reason=run.override_reason
            )
            text += " · " + escape(override)
        return text
    if run.finished_at is None:
        checked = sum(1 for result in run.results if result.status is not CheckStatus.PENDING)
        progress = QCoreApplication.translate(
            "PreflightLine", "in progress since {time}: {checked} of {total} checked"
        ).format(time=_clock(run.started_at, now), checked=checked, total=len(run.results))
        return _coloured(progress, PENDING_COLOUR)
    if run.verdict is PreflightVerdict.GO:
        return _coloured(
            QCoreApplication.translate("PreflightLine", "GO at {time}").format(time=_clock(run.finished_at, now)),
            GO_COLOUR,
        )
    pending = len(run.pending_critical)
    return _coloured(
        QCoreApplication.translate("PreflightLine", "incomplete: %n critical check(s) not done", None, pending),
        PENDING_COLOUR,
    )


def _due_html(glance: PreflightGlance) -> str:
    due_at, start, now = glance.due_at, glance.planned_start, glance.now
    if due_at is None or start is None:
        return _coloured(QCoreApplication.translate("PreflightLine", "no run yet"), MUTED_COLOUR)
    if now < due_at:
        return escape(QCoreApplication.translate("PreflightLine", "due {time}").format(time=_clock(due_at, now)))
    if now < start:
        return _coloured(
            QCoreApplication.translate("PreflightLine", "due since {time}, not started").format(
                time=_clock(due_at, now)
            ),
            NO_GO_COLOUR,
        )
    return _coloured(QCoreApplication.translate("PreflightLine", "no run"), MUTED_COLOUR)


def preflight_html(glance: PreflightGlance) -> str:
    """The whole line as HTML, its parts escaped."""
    label = escape(QCoreApplication.translate("PreflightLine", "Pre-flight:"))
    body = _due_html(glance) if glance.run is None else _run_html(glance.run, glance.now)
    return f"<b>{label}</b> {body}"
