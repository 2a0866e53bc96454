"""One show's review details read from the database: the timeline's inputs (live runs, rundown, samples, orders,
lucky draws), per-product results, stored totals and metric imports. Used by core.review; no Qt."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from streamdesk.core import sql_dialect
from streamdesk.core.live_timer import TimerEvent, TimerEventKind
from streamdesk.core.orders_query import read_time
from streamdesk.core.review_segments import (
    OrderPoint,
    PlannedRow,
    RunLog,
    band_key,
    empty_timeline,
    markers,
    order_buckets,
    planned_bands,
    timer_bands,
)
from streamdesk.core.review_store import AMOUNT, COUNTED, KEPT, LINES_JOIN, REFUND, UNIT_COST, rows
from streamdesk.core.review_types import (
    SERIES,
    TOTAL_FIELDS,
    Gap,
    MetricImportRow,
    ProductResult,
    ReviewHeader,
    SegmentBand,
    Timeline,
    TotalsInput,
)
from streamdesk.core.show_types import RunSegment, SegmentKind
from streamdesk.models.base import Platform

if TYPE_CHECKING:
    from sqlmodel import Session

NAN = math.nan


# --- timeline inputs ------------------------------------------------------------------------------------------
def run_logs(session: Session, show_id: int) -> list[RunLog]:
    """The show's live runs that were started, oldest first, each with its events in order."""
    return run_logs_of(session, [show_id]).get(show_id, [])


def run_logs_of(session: Session, show_ids: Sequence[int]) -> dict[int, list[RunLog]]:
    """``run_logs`` of many shows in two statements (the advice reads every streamed show's)."""
    if not show_ids:
        return {}
    shows = ", ".join(str(int(i)) for i in show_ids)
    runs = rows(
        session,
        f"SELECT id, segments_json, show_id FROM show_runs WHERE show_id IN ({shows}) AND kind = 'live'"
        " ORDER BY show_id, started_at, id",
    )
    if not runs:
        return {}
    ids = ", ".join(str(int(r[0])) for r in runs)
    events: dict[int, list[Any]] = {}
    for r in rows(
        session,
        f"SELECT run_id, kind, at, segment, seconds, recorded_at FROM timer_events WHERE run_id IN ({ids})"
        " ORDER BY run_id, seq",
    ):
        events.setdefault(r[0], []).append(r)
    logs: dict[int, list[RunLog]] = {}
    for run_id, segments_json, show_id in runs:
        found = events.get(run_id, [])
        start = next((e for e in found if e[1] == TimerEventKind.START.value), None)
        started = read_time(start[5]) if start is not None else None
        if started is None:
            continue
        logs.setdefault(show_id, []).append(
            RunLog(
                segments=parse_run_segments(segments_json),
                events=tuple(TimerEvent(TimerEventKind(e[1]), float(e[2]), segment=e[3], seconds=e[4]) for e in found),
                started=started,
            )
        )
    return logs


def parse_run_segments(text: str) -> tuple[RunSegment, ...]:
    """A run's rundown snapshot (ShowRun.segments_json); ``kind`` may be missing in the first schema's runs."""
    return tuple(
        RunSegment(
            segment_id=item.get("segment_id"),
            title=str(item.get("title", "")),
            planned_seconds=int(item.get("planned_seconds", 0)),
            warn_at=int(item.get("warn_at", 0)),
            danger_at=int(item.get("danger_at", 0)),
            kind=SegmentKind(item.get("kind", SegmentKind.PITCH.value)),
            flash_sale_seconds=item.get("flash_sale_seconds"),
        )
        for item in json.loads(text)
    )


def rundown(session: Session, show_id: int) -> list[PlannedRow]:
    return [
        PlannedRow(
            segment_id=r[0], kind=SegmentKind(r[1]), title=r[2], planned_seconds=r[3], fixed_start=read_time(r[4])
        )
        for r in rows(
            session,
            "SELECT id, kind, title, planned_seconds, fixed_start FROM segments WHERE show_id = :show"
            " ORDER BY position, id",
            {"show": show_id},
        )
    ]


def sample_series(
    session: Session, show_id: int, origin: datetime
) -> tuple[tuple[float, ...], dict[str, tuple[float, ...]]]:
    """Sample times (seconds from ``origin``) and every SERIES summed over the platforms at each time, NaN where no
    platform gave it. A 4-hour show at one-second samples is 14,400 rows: they are read as plain tuples along the
    (show, at) index, and only a show with samples of several platforms is summed per time in SQL (SUM of nothing
    is NULL)."""
    conn = session.connection()
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None  # an open session's connection
    cursor = dbapi.cursor()
    mark = sql_dialect.mark(conn)
    try:
        cursor.execute(f"SELECT COUNT(DISTINCT platform) FROM metric_samples WHERE show_id = {mark}", (show_id,))
        counted = cursor.fetchone()
        assert counted is not None  # COUNT always answers one row
        platforms = counted[0]
        values = ", ".join(SERIES) if platforms <= 1 else ", ".join(f"SUM({name})" for name in SERIES)
        grouped = "" if platforms <= 1 else " GROUP BY at"
        cursor.execute(
            f"SELECT at, {values} FROM metric_samples WHERE show_id = {mark}{grouped} ORDER BY at", (show_id,)
        )
        found = cursor.fetchall()
    finally:
        cursor.close()
    if not found:
        return (), {name: () for name in SERIES}
    columns = list(zip(*found, strict=True))
    naive_origin = origin.astimezone(UTC).replace(tzinfo=None)
    times = (
        columns[0] if isinstance(columns[0][0], datetime) else map(datetime.fromisoformat, columns[0])
    )  # PG: datetimes
    seconds = tuple((at - naive_origin).total_seconds() for at in times)
    return seconds, {name: _floats(column) for name, column in zip(SERIES, columns[1:], strict=True)}


def _floats(column: tuple[int | None, ...]) -> tuple[float, ...]:
    """A column as floats with NaN for None; the common all-missing and all-present columns take the fast paths."""
    missing = column.count(None)
    if missing == len(column):
        return (NAN,) * len(column)
    if missing == 0:
        return tuple(map(float, cast(tuple[int, ...], column)))
    return tuple(NAN if value is None else float(value) for value in column)


def order_points(session: Session, show_id: int) -> list[OrderPoint]:
    found = []
    for r in rows(
        session,
        f"SELECT o.created_at, o.segment_id, {AMOUNT}, COALESCE((SELECT SUM(l.quantity) FROM order_lines l"
        f" WHERE l.order_id = o.id), 0) FROM orders o WHERE o.show_id = :show AND {COUNTED} ORDER BY o.created_at",
        {"show": show_id},
    ):
        created = read_time(r[0])
        assert created is not None  # NOT NULL column
        found.append(OrderPoint(created, r[1], r[2] or 0, r[3]))
    return found


def lucky_draws(session: Session, show_id: int) -> list[tuple[datetime, str]]:
    found = []
    for drawn, prize in rows(
        session, "SELECT drawn_at, prize FROM lucky_draws WHERE show_id = :show ORDER BY drawn_at", {"show": show_id}
    ):
        at = read_time(drawn)
        if at is not None:
            found.append((at, prize))
    return found


def build_timeline(
    session: Session, header: ReviewHeader, now: datetime
) -> tuple[Timeline, list[OrderPoint], dict[object, int]]:
    """The show's timeline, its counted orders, and planned seconds per band key (for segment results)."""
    show_id, origin = header.show_id, header.started_at
    logs = run_logs(session, show_id)
    planned: dict[object, int] = {}
    bands: tuple[SegmentBand, ...]
    if logs and origin is not None:
        bands = timer_bands(logs, origin, now)
        for log in logs:
            for index, segment in enumerate(log.segments):
                planned[band_key(segment.segment_id, index, segment.title)] = segment.planned_seconds
    else:
        segments = rundown(session, show_id)
        bands = planned_bands(segments, header.planned_start, origin)
        for index, row in enumerate(segments):
            planned[band_key(row.segment_id, index, row.title)] = row.planned_seconds
    found_markers = markers(bands, lucky_draws(session, show_id), origin)
    orders = order_points(session, show_id)
    if origin is None:
        return empty_timeline(None, bands, found_markers), orders, planned
    seconds, series = sample_series(session, show_id, origin)
    minutes, counts, amounts = order_buckets(orders, origin)
    timeline = Timeline(
        origin=origin,
        seconds=seconds,
        series=series,
        order_minutes=minutes,
        order_counts=counts,
        order_gmv_minor=amounts,
        bands=bands,
        markers=found_markers,
    )
    return timeline, orders, planned


# --- products -------------------------------------------------------------------------------------------------
def products(session: Session, show_id: int) -> tuple[ProductResult, ...]:
    """Order lines of the show's counted orders by variant (unmatched lines by title and spec), with SKU targets.

    An order's refund is shared over its lines in proportion to their amounts (the remainder on its last line),
    so the products' refunds add up to the show's. Cost counts kept units only (see review_store.KEPT).
    """
    lines = rows(
        session,
        "SELECT l.variant_id, COALESCE(p.title, l.title), COALESCE(v.spec_label, l.spec),"
        f" COALESCE(v.sku_code, l.sku_code), l.quantity, {KEPT},"
        f" COALESCE(l.total_minor, l.unit_price_minor * l.quantity, 0), {UNIT_COST}, o.id, {REFUND}"
        f"{LINES_JOIN} LEFT JOIN products p ON p.id = v.product_id"
        f" WHERE o.show_id = :show AND {COUNTED} ORDER BY o.id, l.id",
        {"show": show_id},
    )
    refunds = _line_refunds(lines)
    groups: dict[object, dict[str, Any]] = {}
    for line, refund in zip(lines, refunds, strict=True):
        variant_id, title, spec, sku, quantity, kept, amount, unit_cost = line[:8]
        key = variant_id if variant_id is not None else ("title", title, spec)
        group = groups.setdefault(key, _product_group(variant_id, title, spec, sku))
        group["units"] += quantity
        group["gmv"] += amount
        group["refund"] += refund
        if kept and group["cost"] is not None:
            group["cost"] = None if unit_cost is None else group["cost"] + kept * unit_cost
    targets = rows(
        session,
        "SELECT t.variant_id, t.quantity, p.title, v.spec_label, v.sku_code FROM show_sku_targets t"
        " JOIN variants v ON v.id = t.variant_id JOIN products p ON p.id = v.product_id WHERE t.show_id = :show",
        {"show": show_id},
    )
    target_units = {}
    for variant_id, quantity, title, spec, sku in targets:
        target_units[variant_id] = quantity
        groups.setdefault(variant_id, _product_group(variant_id, title, spec, sku))
    total = sum(group["gmv"] for group in groups.values())
    ordered = sorted(groups.values(), key=lambda g: (-g["gmv"], -g["units"], g["title"], g["sku"]))
    ranked = len(ordered) >= 2 and ordered[0]["gmv"] > ordered[-1]["gmv"]
    results = []
    for position, group in enumerate(ordered):
        target = target_units.get(group["variant_id"]) if group["variant_id"] is not None else None
        cost = group["cost"]
        results.append(
            ProductResult(
                variant_id=group["variant_id"],
                title=group["title"],
                spec_label=group["spec"],
                sku_code=group["sku"],
                units=group["units"],
                gmv_minor=group["gmv"],
                refunded_minor=group["refund"],
                cost_minor=cost,
                profit_minor=None if cost is None else group["gmv"] - group["refund"] - cost,
                share=group["gmv"] / total if total else None,
                target_units=target,
                target_met=None if target is None else group["units"] >= target,
                best=ranked and position == 0,
                worst=ranked and position == len(ordered) - 1,
            )
        )
    return tuple(results)


def _product_group(variant_id: int | None, title: str, spec: str, sku: str) -> dict[str, Any]:
    """One product's running sums, before its first line is added (a target with no sales stays at zero)."""
    sums = {"units": 0, "gmv": 0, "refund": 0, "cost": 0}
    return {"variant_id": variant_id, "title": title, "spec": spec, "sku": sku, **sums}


def _line_refunds(lines: Sequence[Any]) -> list[int]:
    """Each order's refund (column 9) spread over its lines (rows in order id order) by line amount (column 6)."""
    shares = [0] * len(lines)
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end][8] == lines[start][8]:
            end += 1
        refund = lines[start][9] or 0
        amounts = [lines[i][6] for i in range(start, end)]
        whole = sum(amounts)
        given = 0
        for offset, amount in enumerate(amounts[:-1]):
            part = refund * amount // whole if whole else 0
            shares[start + offset] = part
            given += part
        shares[end - 1] = refund - given
        start = end
    return shares


# --- stored metrics -------------------------------------------------------------------------------------------
def stored_totals(session: Session, show_id: int) -> tuple[TotalsInput, ...]:
    return tuple(
        TotalsInput(platform=Platform(r[0]), source=r[1], values=dict(zip(TOTAL_FIELDS, r[2:], strict=True)))
        for r in rows(
            session,
            f"SELECT platform, source, {', '.join(TOTAL_FIELDS)} FROM show_totals WHERE show_id = :show ORDER BY id",
            {"show": show_id},
        )
    )


def metric_imports(session: Session, show_id: int) -> tuple[MetricImportRow, ...]:
    """The show's metric imports, newest first."""
    found = []
    for r in rows(
        session,
        "SELECT id, show_id, platform, preset, file_name, kind, rows, samples, interval_seconds, missing_json,"
        " duplicates, imported_at FROM metric_imports WHERE show_id = :show ORDER BY imported_at DESC, id DESC",
        {"show": show_id},
    ):
        imported = read_time(r[11])
        assert imported is not None  # NOT NULL column
        found.append(
            MetricImportRow(
                id=r[0],
                show_id=r[1],
                platform=Platform(r[2]),
                preset=r[3],
                file_name=r[4],
                kind="summary" if r[5] == "summary" else "trend",
                rows=r[6],
                samples=r[7],
                interval_seconds=r[8],
                gaps=_gaps(r[9]),
                duplicates=r[10],
                imported_at=imported,
            )
        )
    return tuple(found)


def _gaps(text: str) -> tuple[Gap, ...]:
    found = []
    for item in json.loads(text or "[]"):
        start, end = read_time(item.get("from")), read_time(item.get("to"))
        if start is not None and end is not None:
            found.append(Gap(start=start, end=end, samples=int(item.get("samples", 0))))
    return tuple(found)
