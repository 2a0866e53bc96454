"""Words and colours of the pre-flight screens: status colours and marks, the due line ("due 17:30, in 40 min"),
a probe's numbers as the seller reads them, and the sentence behind a probe's verdict.

QtCore/QtGui only, so anything that names a pre-flight state (the notifier, the Shows summary) could share it.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from streamdesk import labels
from streamdesk.core.preflight_rules import CODE_KEY, FIELD_PREFIX
from streamdesk.core.preflight_types import CheckResultRow, Measured
from streamdesk.core.probes.script import FOUND_KEY, stored_hits
from streamdesk.messages import render
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind

STATUS_COLOURS = {
    CheckStatus.PASSED: QColor("#1b5e20"),
    CheckStatus.WARNING: QColor("#8d5a00"),
    CheckStatus.FAILED: QColor("#c62828"),
    CheckStatus.SKIPPED: QColor("#757575"),
    CheckStatus.PENDING: QColor("#37474f"),
}
STATUS_BACKGROUNDS = {
    CheckStatus.PASSED: QColor("#e8f5e9"),
    CheckStatus.WARNING: QColor("#fff4d6"),
    CheckStatus.FAILED: QColor("#fdecea"),
}
STATUS_MARKS = {
    CheckStatus.PENDING: "○",
    CheckStatus.PASSED: "✓",
    CheckStatus.WARNING: "!",
    CheckStatus.FAILED: "✗",
    CheckStatus.SKIPPED: "–",
}
# The verdict banner: background, border, text
VERDICT_STYLES = {
    PreflightVerdict.GO: ("#e8f5e9", "#66bb6a", "#1b5e20"),
    PreflightVerdict.NO_GO: ("#ffebee", "#e57373", "#b71c1c"),
    PreflightVerdict.INCOMPLETE: ("#fff8e1", "#ffca28", "#6d4c00"),
}


def status_name(status: CheckStatus) -> str:
    return labels.check_status_name(status)


def probe_name(probe: ProbeKind) -> str:
    return labels.probe_kind_name(probe)


def kind_name(kind: CheckKind) -> str:
    return labels.check_kind_name(kind)


def verdict_name(verdict: PreflightVerdict) -> str:
    return labels.preflight_verdict_name(verdict)


def clock_text(moment: datetime) -> str:
    """Local wall-clock time, with the date when it is not today: "17:30", "2026-01-08 17:30"."""
    local = moment.astimezone()
    return local.strftime("%H:%M")


def relative_text(moment: datetime, now: datetime) -> str:
    """ "now", "in 40 min", "in 2 h 5 min", "in 3 d", "20 min ago", "1 h 10 min ago"."""
    seconds = (moment - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    if minutes < 1:
        return QCoreApplication.translate("PreflightTexts", "now")
    if minutes < 60:
        amount = QCoreApplication.translate("PreflightTexts", "%n min", None, minutes)
    elif minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        amount = QCoreApplication.translate("PreflightTexts", "%n h", None, hours)
        if rest and hours < 10:
            amount = QCoreApplication.translate("PreflightTexts", "{hours} {minutes}").format(
                hours=amount, minutes=QCoreApplication.translate("PreflightTexts", "%n min", None, rest)
            )
    else:
        amount = QCoreApplication.translate("PreflightTexts", "%n d", None, minutes // (24 * 60))
    if seconds > 0:
        return QCoreApplication.translate("PreflightTexts", "in {amount}").format(amount=amount)
    return QCoreApplication.translate("PreflightTexts", "{amount} ago").format(amount=amount)


def due_text(planned_start: datetime | None, due_minutes: int, now: datetime) -> tuple[str, bool]:
    """The due line for a show and whether it is pressing (due now, or overdue before the start)."""
    if planned_start is None:
        return QCoreApplication.translate(
            "PreflightTexts", "No planned start: set one on the Shows page to get a due time for the pre-flight."
        ), False
    due_at = planned_start - timedelta(minutes=due_minutes)
    when = clock_text(due_at) if due_at.astimezone().date() == now.astimezone().date() else _day(due_at)
    if now >= planned_start:
        sentence = QCoreApplication.translate(
            "PreflightTexts", "Pre-flight was due {time}; the show started {relative}."
        )
        return sentence.format(time=when, relative=relative_text(planned_start, now)), False
    sentence = QCoreApplication.translate("PreflightTexts", "Pre-flight due {time}, {relative} · show starts {start}")
    start = (
        clock_text(planned_start)
        if planned_start.astimezone().date() == now.astimezone().date()
        else _day(planned_start)
    )
    text = sentence.format(time=when, relative=relative_text(due_at, now), start=start)
    return text, now >= due_at


def _day(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def measured_map(measured: Measured) -> dict[str, float | str]:
    return dict(measured)


def verdict_sentence(measured: Measured) -> str:
    """The sentence the probe's verdict code names (kept in the measured numbers), or "" for a manual record."""
    numbers = measured_map(measured)
    code = numbers.get(CODE_KEY)
    if not isinstance(code, str) or not code:
        return ""
    fields = {key.removeprefix(FIELD_PREFIX): value for key, value in numbers.items() if key.startswith(FIELD_PREFIX)}
    return render(code, fields)


def number_rows(measured: Measured) -> list[tuple[str, str]]:
    """A probe's numbers as (name, value) lines for the detail panel; the verdict code is left out."""
    names = {
        "peak_dbfs": QCoreApplication.translate("PreflightTexts", "Peak"),
        "rms_dbfs": QCoreApplication.translate("PreflightTexts", "Loudness (RMS)"),
        "clipped_samples": QCoreApplication.translate("PreflightTexts", "Clipped samples"),
        "seconds": QCoreApplication.translate("PreflightTexts", "Recorded"),
        "device": QCoreApplication.translate("PreflightTexts", "Device"),
        "dns_ms": QCoreApplication.translate("PreflightTexts", "Name lookup (DNS)"),
        "latency_ms": QCoreApplication.translate("PreflightTexts", "Connect time"),
        "jitter_ms": QCoreApplication.translate("PreflightTexts", "Jitter"),
        "upload_mbps": QCoreApplication.translate("PreflightTexts", "Upload"),
        "disk_free_gb": QCoreApplication.translate("PreflightTexts", "Free disk"),
        "battery_percent": QCoreApplication.translate("PreflightTexts", "Battery"),
        "on_mains": QCoreApplication.translate("PreflightTexts", "Power"),
        "clock_offset_s": QCoreApplication.translate("PreflightTexts", "Clock off by"),
        "cameras": QCoreApplication.translate("PreflightTexts", "Cameras"),
        "order_no": QCoreApplication.translate("PreflightTexts", "Test order"),
        "paid": QCoreApplication.translate("PreflightTexts", "Paid"),
        "link": QCoreApplication.translate("PreflightTexts", "Link"),
        "heard": QCoreApplication.translate("PreflightTexts", "Tone heard"),
        "value": QCoreApplication.translate("PreflightTexts", "Typed"),
        "hits": QCoreApplication.translate("PreflightTexts", "Risky wordings"),
    }
    units = {
        "peak_dbfs": " dBFS",
        "rms_dbfs": " dBFS",
        "seconds": " s",
        "dns_ms": " ms",
        "latency_ms": " ms",
        "jitter_ms": " ms",
        "upload_mbps": " Mbit/s",
        "disk_free_gb": " GB",
        "battery_percent": " %",
        "clock_offset_s": " s",
    }
    rows = []
    for key, value in measured:
        if key in (CODE_KEY, FOUND_KEY) or key.startswith(FIELD_PREFIX) or (key == "failures" and not value):
            continue
        shown = f"{_number(value)}{units.get(key, '')}"
        rows.append((names.get(key, key.replace("_", " ")), shown))
    return rows


def _number(value: float | str) -> str:
    """Whole numbers without decimals ("85"), others to one decimal ("-6.0"); text as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def limits_text(result: CheckResultRow) -> str:
    """ "80–100 %", "at least 80 %", "at most 5" or "" for a value item's limits."""
    unit = f" {result.unit}" if result.unit else ""
    low, high = result.min_value, result.max_value
    if low is not None and high is not None:
        return f"{low:g}–{high:g}{unit}"
    if low is not None:
        return QCoreApplication.translate("PreflightTexts", "at least {value}").format(value=f"{low:g}{unit}")
    if high is not None:
        return QCoreApplication.translate("PreflightTexts", "at most {value}").format(value=f"{high:g}{unit}")
    return ""


def value_shown(result: CheckResultRow) -> str:
    """The result's value as the table and the panel show it: the script check's count in words ("3 risky
    wordings"), anything else as recorded."""
    if result.probe is ProbeKind.SCRIPT and result.value.isdigit():
        count = int(result.value)
        if count == 0:
            return QCoreApplication.translate("PreflightTexts", "No risky wording")
        return QCoreApplication.translate("PreflightTexts", "%n risky wording(s)", None, count)
    return result.value


def script_hits_html(measured: Measured) -> str:
    """The "Script checked" item's hits as a list for the side panel: where each is (segment or product, field,
    line), the words, the category, the reason and the safer wording; "" when there are none."""
    from streamdesk.ui.widgets.compliance_texts import category_colour, category_name, place_text, quoted_words

    hits = stored_hits(measured)
    if not hits:
        return ""
    count = dict(measured).get("hits")
    items = []
    for hit in hits:
        words = quoted_words(hit.words, hit.term)
        where = place_text(hit.place, hit.title, hit.field, hit.line)
        instead = QCoreApplication.translate("PreflightTexts", "Instead: {suggestion}").format(
            suggestion=hit.suggestion
        )
        items.append(
            f"<li style='margin-bottom:4px'><span style='color:#555'>{html.escape(where)}</span><br>"
            f"<b style='color:{category_colour(hit.category).name()}'>{html.escape(words)}</b> · "
            f"{html.escape(category_name(hit.category))}<br>{html.escape(hit.reason)}"
            + (f"<br>{html.escape(instead)}" if hit.suggestion else "")
            + "</li>"
        )
    more = ""
    if isinstance(count, (int, float)) and int(count) > len(hits):
        more = (
            "<p>"
            + html.escape(
                QCoreApplication.translate(
                    "PreflightTexts", "…and %n more: fix these first, then check again.", None, int(count) - len(hits)
                )
            )
            + "</p>"
        )
    return f"<ul style='margin-left:-20px'>{''.join(items)}</ul>{more}"
