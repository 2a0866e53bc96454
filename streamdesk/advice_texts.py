"""The assistant's suggestions in words, shared by the advice page and ``streamdesk advice`` (QtCore only).

core.advice hands out a topic and figures; this module is the only place that turns them into a sentence, in the
user's language, with the figures it came from ("your 20:00 weekday shows average GPM ¥412 vs ¥268 at 14:00,
n = 9"). Every template is a literal ``QCoreApplication.translate("advice", …)`` so pyside6-lupdate finds it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from streamdesk.core.advice import Figure, Suggestion
from streamdesk.core.money import exponent
from streamdesk.labels import segment_kind_name
from streamdesk.models.base import SegmentKind, ShowRole
from streamdesk.ui.formatting import currency_symbol


def money(minor: Figure, currency: str) -> str:
    """Whole units with a symbol from 100 up ("¥412", "¥1,648": the advice compares sizes, cents would only add
    noise), with the cents below ("¥4.12")."""
    if not isinstance(minor, int | float) or isinstance(minor, bool):
        return "–"
    digits = exponent(currency)
    units = minor / 10**digits
    if abs(units) >= 100 or digits == 0:
        return f"{currency_symbol(currency)}{round(units):,}"
    return f"{currency_symbol(currency)}{units:,.{digits}f}"


def clock_hour(hour: Figure) -> str:
    return f"{int(hour):02d}:00" if isinstance(hour, int) else "–"


def day_kind(weekend: Figure) -> str:
    if weekend:
        return QCoreApplication.translate("advice", "weekend")
    return QCoreApplication.translate("advice", "weekday")


def hours(seconds: Figure) -> str:
    if not isinstance(seconds, int | float):
        return "–"
    value = seconds / 3600
    return f"{value:.1f}".rstrip("0").rstrip(".")


def minutes(seconds: Figure) -> str:
    return "–" if not isinstance(seconds, int | float) else f"{round(seconds / 60):,}"


def band(lower: Figure, upper: Figure) -> str:
    """ "2–3 h", "3 h or more", "under 1 h"."""
    if upper is None:
        return QCoreApplication.translate("advice", "{hours} h or more").format(hours=hours(lower))
    if not lower:
        return QCoreApplication.translate("advice", "under {hours} h").format(hours=hours(upper))
    return QCoreApplication.translate("advice", "{low}–{high} h").format(low=hours(lower), high=hours(upper))


def percent(value: Figure, digits: int = 1) -> str:
    return "–" if not isinstance(value, int | float) else f"{value * 100:.{digits}f}%"


def role_name(role: Figure) -> str:
    names = {
        ShowRole.HERO.value: QCoreApplication.translate("advice", "hero"),
        ShowRole.TRAFFIC.value: QCoreApplication.translate("advice", "traffic"),
        ShowRole.PROFIT.value: QCoreApplication.translate("advice", "profit"),
        ShowRole.GIVEAWAY.value: QCoreApplication.translate("advice", "giveaway"),
    }
    return names.get(str(role), QCoreApplication.translate("advice", "no role"))


def kind_name(kind: Figure) -> str:
    """A segment kind's name as the rundown shows it ("Product pitch", 商品讲解)."""
    try:
        return segment_kind_name(SegmentKind(str(kind)))
    except ValueError:
        return str(kind)


def headline(suggestion: Suggestion) -> str:
    """What to do, in one short line (the card's title)."""
    f = suggestion.figures
    words = _HEADLINES.get(suggestion.topic)
    return words(f) if words else suggestion.key


def evidence(suggestion: Suggestion, currency: str) -> str:
    """The figures the suggestion came from, as a sentence."""
    words = _EVIDENCE.get(suggestion.topic)
    return words(suggestion.figures, currency) if words else ""


def _defaults_headline(f: Mapping[str, Figure]) -> str:
    return QCoreApplication.translate(
        "advice", "Go live at 12:00–14:00 or 18:00–22:00, for at least {hours} hours"
    ).format(hours=hours(f.get("min_seconds")))


def _defaults_evidence(f: Mapping[str, Figure], currency: str) -> str:
    if not f.get("from_history"):
        return QCoreApplication.translate(
            "advice",
            "These are the common defaults, not your figures: you have {n} streamed shows, and advice from your own "
            "history starts at 5.",
        ).format(n=f.get("shows_found"))
    return QCoreApplication.translate(
        "advice",
        "These are the common defaults: across your {n} streamed shows no start hour or length came up in at least "
        "2 shows with viewer figures, so there is nothing of yours to compare yet.",
    ).format(n=f.get("shows_found"))


def _slot_headline(f: Mapping[str, Figure]) -> str:
    if f.get("weekend"):
        text = QCoreApplication.translate("advice", "Start at {hour} on weekends")
    else:
        text = QCoreApplication.translate("advice", "Start at {hour} on weekdays")
    return text.format(hour=clock_hour(f.get("hour")))


def _slot_evidence(f: Mapping[str, Figure], currency: str) -> str:
    if "runner_up_hour" not in f:
        return QCoreApplication.translate(
            "advice", "Your {hour} {day} shows average GPM {gpm} and {per_hour} per hour (n = {n})."
        ).format(
            hour=clock_hour(f.get("hour")),
            day=day_kind(f.get("weekend")),
            gpm=money(f.get("gpm_minor"), currency),
            per_hour=money(f.get("gmv_per_hour_minor"), currency),
            n=f.get("n"),
        )
    return QCoreApplication.translate(
        "advice",
        "Your {hour} {day} shows average GPM {gpm} vs {other_gpm} at {other_hour} ({other_day}), n = {n} and "
        "{other_n}; GMV per hour {per_hour} vs {other_per_hour}.",
    ).format(
        hour=clock_hour(f.get("hour")),
        day=day_kind(f.get("weekend")),
        gpm=money(f.get("gpm_minor"), currency),
        other_gpm=money(f.get("runner_up_gpm_minor"), currency),
        other_hour=clock_hour(f.get("runner_up_hour")),
        other_day=day_kind(f.get("runner_up_weekend")),
        n=f.get("n"),
        other_n=f.get("runner_up_n"),
        per_hour=money(f.get("gmv_per_hour_minor"), currency),
        other_per_hour=money(f.get("runner_up_gmv_per_hour_minor"), currency),
    )


def _duration_headline(f: Mapping[str, Figure]) -> str:
    return QCoreApplication.translate("advice", "Stay live {band}").format(
        band=band(f.get("lower_seconds"), f.get("upper_seconds"))
    )


def _duration_evidence(f: Mapping[str, Figure], currency: str) -> str:
    length = band(f.get("lower_seconds"), f.get("upper_seconds"))
    if "runner_up_lower_seconds" not in f:
        return QCoreApplication.translate("advice", "Your {band} shows average GPM {gpm} (n = {n}).").format(
            band=length, gpm=money(f.get("gpm_minor"), currency), n=f.get("n")
        )
    return QCoreApplication.translate(
        "advice", "Your {band} shows average GPM {gpm} vs {other_gpm} for {other_band}, n = {n} and {other_n}."
    ).format(
        band=length,
        gpm=money(f.get("gpm_minor"), currency),
        other_gpm=money(f.get("runner_up_gpm_minor"), currency),
        other_band=band(f.get("runner_up_lower_seconds"), f.get("runner_up_upper_seconds")),
        n=f.get("n"),
        other_n=f.get("runner_up_n"),
    )


def _role_headline(f: Mapping[str, Figure]) -> str:
    return QCoreApplication.translate("advice", "Make “{title}” a {role} product").format(
        title=f.get("title"), role=role_name(f.get("role"))
    )


def _pitch_figures(f: Mapping[str, Figure], currency: str) -> str:
    """What a product did when pitched: sales per pitch minute, how often a pitch sold, conversion, margin."""
    currency = str(f.get("currency") or currency)  # the product's own prices' currency
    parts = [
        QCoreApplication.translate(
            "advice", "{per_minute} GMV per pitch minute (the best product pitched in {min} or more shows: {best})"
        ).format(
            min=f.get("role_min_shows"),
            per_minute=money(f.get("gmv_per_pitch_minute_minor"), currency),
            best=money(f.get("best_role_gmv_per_pitch_minute_minor"), currency),
        ),
        QCoreApplication.translate("advice", "sold in {sold} of {pitches} pitches").format(
            sold=f.get("pitches_sold"), pitches=f.get("pitches")
        ),
    ]
    if isinstance(f.get("conversion"), float):
        parts.append(
            QCoreApplication.translate("advice", "{conversion} of viewers bought while it was pitched").format(
                conversion=percent(f.get("conversion"), 2)
            )
        )
    if isinstance(f.get("margin_pct"), int | float):
        parts.append(QCoreApplication.translate("advice", "margin {margin}%").format(margin=f.get("margin_pct")))
    if isinstance(f.get("stock_cover_shows"), int | float):
        parts.append(
            QCoreApplication.translate("advice", "stock for {shows} shows").format(shows=f.get("stock_cover_shows"))
        )
    return QCoreApplication.translate("advice", "; ").join(parts)


def _role_evidence(f: Mapping[str, Figure], currency: str) -> str:
    return QCoreApplication.translate("advice", "Now {current}. Across {n} shows: {figures}.").format(
        current=role_name(f.get("current_role")), n=f.get("shows_pitched"), figures=_pitch_figures(f, currency)
    )


def _never_converts_headline(f: Mapping[str, Figure]) -> str:
    return QCoreApplication.translate(
        "advice", "“{title}” never sells when pitched: rework its pitch or drop it"
    ).format(title=f.get("title"))


def _never_converts_evidence(f: Mapping[str, Figure], currency: str) -> str:
    return QCoreApplication.translate(
        "advice", "Pitched {pitches} times in {n} shows, {minutes} min in all, and no order came in during a pitch."
    ).format(pitches=f.get("pitches"), n=f.get("shows_pitched"), minutes=f.get("pitch_minutes"))


def _pacing_headline(f: Mapping[str, Figure]) -> str:
    # lower case inside an English sentence ("Plan pitch segments"); Chinese has no case
    return QCoreApplication.translate("advice", "Plan {kind} segments at about {minutes} min").format(
        kind=kind_name(f.get("kind")).lower(), minutes=minutes(f.get("actual_seconds"))
    )


def _pacing_evidence(f: Mapping[str, Figure], currency: str) -> str:
    return QCoreApplication.translate(
        "advice",
        "They take you {actual} min where you plan {planned} min (×{ratio}, the middle of {n} segments that ran).",
    ).format(
        actual=minutes(f.get("actual_seconds")),
        planned=minutes(f.get("planned_seconds")),
        ratio=f.get("ratio"),
        n=f.get("n"),
    )


def _pacing_total_headline(f: Mapping[str, Figure]) -> str:
    return QCoreApplication.translate("advice", "Plan your shows at about {hours} h").format(
        hours=hours(f.get("actual_seconds"))
    )


def _pacing_total_evidence(f: Mapping[str, Figure], currency: str) -> str:
    return QCoreApplication.translate(
        "advice", "Your shows run {actual} h where you plan {planned} h (×{ratio}, the middle of {n} shows)."
    ).format(
        actual=hours(f.get("actual_seconds")),
        planned=hours(f.get("planned_seconds")),
        ratio=f.get("ratio"),
        n=f.get("n"),
    )


_HEADLINES: dict[str, Callable[[Mapping[str, Figure]], str]] = {
    "defaults": _defaults_headline,
    "slot": _slot_headline,
    "duration": _duration_headline,
    "role": _role_headline,
    "never_converts": _never_converts_headline,
    "pacing": _pacing_headline,
    "pacing_total": _pacing_total_headline,
}
_EVIDENCE: dict[str, Callable[[Mapping[str, Figure], str], str]] = {
    "defaults": _defaults_evidence,
    "slot": _slot_evidence,
    "duration": _duration_evidence,
    "role": _role_evidence,
    "never_converts": _never_converts_evidence,
    "pacing": _pacing_evidence,
    "pacing_total": _pacing_total_evidence,
}
