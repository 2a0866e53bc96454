"""What the metrics import reads from and writes to the database: the show it belongs to, the samples in a time
range, the import row, samples and totals (one transaction, opened by the caller), the import history."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken
from streamdesk.core.review_types import SERIES, TOTAL_FIELDS, Gap, MetricImportRow, MetricsPlan, TotalsInput
from streamdesk.models.base import Platform, RunKind
from streamdesk.models.metrics import MetricImport, MetricSample, ShowTotals
from streamdesk.models.shows import Show, ShowRun

_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ShowContext:
    show_id: int
    title: str
    currency: str
    platforms: tuple[Platform, ...]
    planned_start: datetime | None
    live_start: datetime | None  # the first live timer run's start

    @property
    def start(self) -> datetime | None:
        """Where the show's day and time come from: the live run's start, else the planned start (UTC)."""
        return self.live_start or self.planned_start


def load_show(session: Session, show_id: int, default_currency: str) -> ShowContext:
    show = session.get(Show, show_id)
    if show is None or show.is_template:
        raise UserError("metrics.show_missing", show_id=show_id)
    live_start = session.exec(
        select(ShowRun.started_at)
        .where(ShowRun.show_id == show_id, col(ShowRun.kind) == RunKind.LIVE)
        .order_by(col(ShowRun.started_at))
        .limit(1)
    ).first()
    platforms = tuple(Platform(value) for value in show.platforms.split(",") if value in Platform._value2member_map_)
    return ShowContext(
        show_id=show_id,
        title=show.title,
        currency=show.currency or default_currency,
        platforms=platforms,
        planned_start=show.planned_start,
        live_start=live_start,
    )


def samples_in_range(session: Session, show_id: int, platform: Platform, first: datetime, last: datetime) -> int:
    """How many stored samples of this show and platform lie in [first, last]: an import of that range replaces
    them (the later file wins, whatever its step: minute rows never mix with second rows)."""
    statement = select(func.count()).where(*_in_range(show_id, platform, first, last))
    return int(session.exec(statement).one())


def _in_range(show_id: int, platform: Platform, first: datetime, last: datetime) -> tuple[Any, ...]:
    return (
        col(MetricSample.show_id) == show_id,
        col(MetricSample.platform) == platform,
        col(MetricSample.at) >= first,
        col(MetricSample.at) <= last,
    )


def gaps_json(gaps: Iterable[Gap]) -> str:
    return json.dumps(
        [{"from": gap.start.isoformat(), "to": gap.end.isoformat(), "samples": gap.samples} for gap in gaps]
    )


def gaps_of(text: str) -> tuple[Gap, ...]:
    return tuple(
        Gap(datetime.fromisoformat(item["from"]), datetime.fromisoformat(item["to"]), int(item["samples"]))
        for item in json.loads(text or "[]")
    )


def write_import(
    session: Session,
    plan: MetricsPlan,
    now: datetime,
    cancel: CancelToken,
    progress: Callable[[int, int], None] | None,
) -> tuple[int, int, bool]:
    """(import id, samples replaced, totals written): the import row, its samples, and a summary's totals."""
    row = MetricImport(
        show_id=plan.show_id,
        platform=plan.platform,
        preset=plan.preset,
        file_name=plan.file_name,
        encoding=plan.encoding,
        kind=plan.kind,
        rows=plan.rows,
        samples=len(plan.samples),
        interval_seconds=plan.interval_seconds,
        missing_json=gaps_json(plan.gaps),
        duplicates=plan.duplicates,
        imported_at=now,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    replaced = 0
    if plan.samples:
        first, last = plan.samples[0].at, plan.samples[-1].at
        result = session.execute(delete(MetricSample).where(*_in_range(plan.show_id, plan.platform, first, last)))
        replaced = int(getattr(result, "rowcount", 0) or 0)
        if replaced:
            _drop_emptied_imports(session, plan.show_id, plan.platform, keep=row.id)
        _insert_samples(session, plan, row.id, cancel, progress)
    totals_written = False
    if plan.totals is not None:
        upsert_totals(session, plan.show_id, plan.totals, now, merge=True)
        totals_written = True
    return row.id, replaced, totals_written


def _drop_emptied_imports(session: Session, show_id: int, platform: Platform, *, keep: int) -> None:
    """Earlier trend imports whose every sample a later file replaced describe nothing any more: the history
    lists only imports that still hold data."""
    holding = select(MetricSample.import_id).where(col(MetricSample.import_id).is_not(None)).distinct()
    emptied = select(MetricImport.id).where(
        col(MetricImport.show_id) == show_id,
        col(MetricImport.platform) == platform,
        col(MetricImport.kind) == "trend",
        col(MetricImport.id) != keep,
        col(MetricImport.id).not_in(holding),
    )
    ids = [int(i) for i in session.exec(emptied).all() if i is not None]
    if ids:
        session.execute(delete(MetricImport).where(col(MetricImport.id).in_(ids)))


def _insert_samples(
    session: Session,
    plan: MetricsPlan,
    import_id: int,
    cancel: CancelToken,
    progress: Callable[[int, int], None] | None,
) -> None:
    table = MetricSample.__table__  # type: ignore[attr-defined]
    total = len(plan.samples)
    for start in range(0, total, _CHUNK):
        cancel.raise_if_set()
        batch = [
            {
                "show_id": plan.show_id,
                "platform": plan.platform,
                "import_id": import_id,
                "at": sample.at,
                **{name: sample.values.get(name) for name in SERIES},
            }
            for sample in plan.samples[start : start + _CHUNK]
        ]
        session.execute(insert(table), batch)
        if progress is not None:
            progress(min(start + _CHUNK, total), total)


def upsert_totals(session: Session, show_id: int, totals: TotalsInput, now: datetime, *, merge: bool) -> None:
    """Store a show's totals on one platform. ``merge``: only the values given replace stored ones (a summary file
    that lacks a figure keeps what the seller typed); otherwise every field is set, blanks as unknown."""
    query = select(ShowTotals).where(ShowTotals.show_id == show_id, col(ShowTotals.platform) == totals.platform)
    row = session.exec(query).first()
    if row is None:
        row = ShowTotals(show_id=show_id, platform=totals.platform)
    row.source = totals.source
    for name in TOTAL_FIELDS:
        if name in totals.values or not merge:
            setattr(row, name, totals.values.get(name))
    row.updated_at = now
    session.add(row)


def import_rows(session: Session, show_id: int) -> tuple[MetricImportRow, ...]:
    """The show's imports, newest first."""
    statement = (
        select(MetricImport)
        .where(MetricImport.show_id == show_id)
        .order_by(col(MetricImport.imported_at).desc(), col(MetricImport.id).desc())
    )
    rows: Sequence[MetricImport] = session.exec(statement).all()
    return tuple(
        MetricImportRow(
            id=int(row.id or 0),
            show_id=row.show_id,
            platform=row.platform,
            preset=row.preset,
            file_name=row.file_name,
            kind="summary" if row.kind == "summary" else "trend",
            rows=row.rows,
            samples=row.samples,
            interval_seconds=row.interval_seconds,
            gaps=gaps_of(row.missing_json),
            duplicates=row.duplicates,
            imported_at=row.imported_at,
        )
        for row in rows
    )


def delete_import(session: Session, import_id: int) -> None:
    """The import row and its samples; a summary import also takes the totals it wrote, unless the seller has
    edited them since (their source is then "manual")."""
    row = session.get(MetricImport, import_id)
    if row is None:
        raise UserError("metrics.import_not_found", import_id=import_id)
    session.execute(delete(MetricSample).where(col(MetricSample.import_id) == import_id))
    if row.kind == "summary":
        session.execute(
            delete(ShowTotals).where(
                col(ShowTotals.show_id) == row.show_id,
                col(ShowTotals.platform) == row.platform,
                col(ShowTotals.source) == row.preset,
            )
        )
    session.delete(row)
