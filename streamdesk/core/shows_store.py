"""Reading and writing one show's rows inside a caller's transaction (core.shows owns the transactions).

Live product figures (price, margin, available stock) come from the catalogue's own SQL expressions
(catalogue_query.PRICE, MARGIN, MARGIN_PCT, AVAILABLE), so a segment shows exactly what the catalogue table shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, text
from sqlmodel import Session, col, select

from streamdesk.core import catalogue_query, sql_dialect
from streamdesk.core.errors import UserError
from streamdesk.core.show_types import (
    BudgetLineInput,
    PersonInput,
    Platform,
    PromotionInput,
    SegmentProductRow,
    ShowDetail,
    ShowInput,
    ShowStatus,
    ShowSummary,
    SkuTargetRow,
)
from streamdesk.models.base import RunKind
from streamdesk.models.shows import (
    Segment,
    Show,
    ShowBudgetLine,
    ShowPerson,
    ShowPromotion,
    ShowRun,
    ShowSkuTarget,
)


def _figures_sql(conn: Connection) -> str:
    """The figures of a segment's SKUs, in the engine's spelling of the catalogue table's expressions."""
    d = catalogue_query.derived(conn.dialect.name)
    return (
        "SELECT v.id, v.product_id, v.sku_code, p.title, v.spec_label, v.currency, "
        f"{d.price}, v.cost_minor, {d.margin}, {d.margin_pct}, {d.available}, (v.archived OR p.archived) "
        f"FROM {sql_dialect.id_list(conn)} CROSS JOIN variants v CROSS JOIN products p "
        "WHERE v.id = j.value AND p.id = v.product_id"
    )


def id_of(row: Show | Segment) -> int:
    assert row.id is not None, "flushed rows have an id"
    return row.id


def require_show(session: Session, show_id: int) -> Show:
    show = session.get(Show, show_id)
    if show is None:
        raise UserError("shows.not_found", show_id=show_id)
    return show


def product_figures(session: Session, variant_ids: Iterable[int]) -> dict[int, SegmentProductRow]:
    """Live figures of these variants, read now; ids that do not exist are left out."""
    ids = sorted({int(v) for v in variant_ids})
    if not ids:
        return {}
    conn = session.connection()
    rows = conn.execute(text(_figures_sql(conn)), {"ids": json.dumps(ids)})
    return {
        int(r[0]): SegmentProductRow(
            variant_id=int(r[0]),
            product_id=int(r[1]),
            sku_code=r[2],
            product_title=r[3],
            spec_label=r[4],
            currency=r[5],
            price_minor=r[6],
            cost_minor=r[7],
            margin_minor=r[8],
            margin_pct=None if r[9] is None else float(r[9]),
            available=int(r[10]),
            archived=bool(r[11]),
        )
        for r in rows
    }


def platforms_to_text(platforms: Sequence[Platform]) -> str:
    return ",".join(dict.fromkeys(Platform(p).value for p in platforms))


def platforms_from_text(stored: str) -> tuple[Platform, ...]:
    known = {p.value for p in Platform}
    return tuple(Platform(p) for p in stored.split(",") if p in known)


def show_values(show: ShowInput) -> dict[str, Any]:
    """The Show columns an input sets (not is_template, version or the stamps)."""
    return {
        "title": show.title.strip(),
        "theme": show.theme.strip(),
        "platforms": platforms_to_text(show.platforms),
        "planned_start": show.planned_start,
        "planned_seconds": show.planned_seconds,
        "status": show.status,
        "currency": show.currency.strip().upper(),
        "target_gmv_minor": show.target_gmv_minor,
        "target_orders": show.target_orders,
        "target_followers": show.target_followers,
        "notes": show.notes,
    }


def delete_details(session: Session, show_id: int) -> None:
    """Remove the show's people, promotions, budget lines and SKU targets (not its rundown or runs)."""
    for model in (ShowPerson, ShowPromotion, ShowBudgetLine, ShowSkuTarget):
        session.execute(delete(model).where(col(model.show_id) == show_id))


def write_details(session: Session, show_id: int, show: ShowInput) -> None:
    """Replace the show's people, promotions, budget lines and SKU targets with the input's, in its order."""
    delete_details(session, show_id)
    session.flush()
    for position, person in enumerate(show.people):
        session.add(ShowPerson(show_id=show_id, position=position, name=person.name.strip(), role=person.role))
    for position, promotion in enumerate(show.promotions):
        session.add(ShowPromotion(show_id=show_id, position=position, kind=promotion.kind, rule=promotion.rule.strip()))
    for position, line in enumerate(show.budget):
        session.add(
            ShowBudgetLine(
                show_id=show_id,
                position=position,
                label=line.label.strip(),
                kind=line.kind,
                amount_minor=line.amount_minor,
            )
        )
    for target in show.sku_targets:
        session.add(ShowSkuTarget(show_id=show_id, variant_id=target.variant_id, quantity=target.quantity))
    session.flush()


def target_rows(session: Session, show_id: int) -> tuple[SkuTargetRow, ...]:
    """The show's SKU targets (in the order they were entered) with the stock available now."""
    targets = session.exec(
        select(ShowSkuTarget).where(ShowSkuTarget.show_id == show_id).order_by(col(ShowSkuTarget.id))
    ).all()
    figures = product_figures(session, (t.variant_id for t in targets))
    rows = []
    for target in targets:
        product = figures[target.variant_id]
        rows.append(
            SkuTargetRow(
                variant_id=target.variant_id,
                product_id=product.product_id,
                sku_code=product.sku_code,
                product_title=product.product_title,
                spec_label=product.spec_label,
                quantity=target.quantity,
                available=product.available,
                short_by=max(0, target.quantity - product.available),
            )
        )
    return tuple(rows)


def load_detail(session: Session, show: Show) -> ShowDetail:
    show_id = id_of(show)
    people = session.exec(select(ShowPerson).where(ShowPerson.show_id == show_id).order_by(col(ShowPerson.position)))
    promotions = session.exec(
        select(ShowPromotion).where(ShowPromotion.show_id == show_id).order_by(col(ShowPromotion.position))
    )
    budget = session.exec(
        select(ShowBudgetLine).where(ShowBudgetLine.show_id == show_id).order_by(col(ShowBudgetLine.position))
    )
    return ShowDetail(
        id=show_id,
        version=show.version,
        title=show.title,
        theme=show.theme,
        platforms=platforms_from_text(show.platforms),
        planned_start=show.planned_start,
        planned_seconds=show.planned_seconds,
        status=ShowStatus(show.status),
        currency=show.currency,
        target_gmv_minor=show.target_gmv_minor,
        target_orders=show.target_orders,
        target_followers=show.target_followers,
        people=tuple(PersonInput(p.name, p.role) for p in people.all()),
        promotions=tuple(PromotionInput(p.kind, p.rule) for p in promotions.all()),
        budget=tuple(BudgetLineInput(b.label, b.kind, b.amount_minor) for b in budget.all()),
        sku_targets=target_rows(session, show_id),
        notes=show.notes,
        is_template=show.is_template,
        created_at=show.created_at,
        updated_at=show.updated_at,
    )


def summaries(
    session: Session,
    *,
    templates: bool,
    start: datetime | None,
    end: datetime | None,
    status: ShowStatus | None,
) -> tuple[ShowSummary, ...]:
    segment_count = select(func.count(col(Segment.id))).where(col(Segment.show_id) == col(Show.id)).scalar_subquery()
    rundown_seconds = (
        select(func.coalesce(func.sum(col(Segment.planned_seconds)), 0))
        .where(col(Segment.show_id) == col(Show.id))
        .scalar_subquery()
    )
    live_runs = (
        select(func.count(col(ShowRun.id)))
        .where(col(ShowRun.show_id) == col(Show.id), col(ShowRun.kind) == RunKind.LIVE)
        .scalar_subquery()
    )
    query = select(Show, segment_count, rundown_seconds, live_runs).where(col(Show.is_template) == templates)
    if start is not None:
        query = query.where(col(Show.planned_start) >= start)
    if end is not None:
        query = query.where(col(Show.planned_start) < end)
    if status is not None:
        query = query.where(col(Show.status) == status)
    query = query.order_by(col(Show.planned_start).is_(None), col(Show.planned_start), col(Show.id))
    return tuple(
        ShowSummary(
            id=id_of(show),
            title=show.title,
            theme=show.theme,
            platforms=platforms_from_text(show.platforms),
            planned_start=show.planned_start,
            planned_seconds=show.planned_seconds,
            status=ShowStatus(show.status),
            is_template=show.is_template,
            segment_count=int(count),
            rundown_seconds=int(seconds),
            currency=show.currency,
            target_gmv_minor=show.target_gmv_minor,
            live_runs=int(runs),
        )
        for show, count, seconds, runs in session.exec(query).all()
    )


def touch(show: Show, now: datetime) -> None:
    """Mark a change of the show or its rundown: a new version and updated_at."""
    show.version += 1
    show.updated_at = now


def delete_runs(session: Session, show_id: int) -> None:
    """Remove the show's rehearsal runs and their events; UserError("shows.has_runs") if it has a live run."""
    from streamdesk.models.shows import TimerEventRow

    runs = session.exec(select(ShowRun).where(ShowRun.show_id == show_id)).all()
    live = [run for run in runs if run.kind == RunKind.LIVE]
    if live:
        raise UserError("shows.has_runs", show_id=show_id, count=len(live))
    run_ids = [run.id for run in runs]
    if run_ids:
        session.execute(delete(TimerEventRow).where(col(TimerEventRow.run_id).in_(run_ids)))
        session.execute(delete(ShowRun).where(col(ShowRun.id).in_(run_ids)))
        session.flush()


def crib_sheets(session: Session, variant_ids: Sequence[int]) -> list[tuple[str, str]]:
    """(product title, talking points or else selling points) per product of these variants, each product once, in
    the order given; products with neither are left out."""
    ids = [int(v) for v in variant_ids]
    if not ids:
        return []
    conn = session.connection()
    rows = conn.execute(
        text(
            f"SELECT v.id, p.id, p.title, p.talking_points, p.selling_points FROM {sql_dialect.id_list(conn)}"
            " CROSS JOIN variants v CROSS JOIN products p WHERE v.id = j.value AND p.id = v.product_id ORDER BY j.key"
        ),
        {"ids": json.dumps(ids)},
    )
    sheets: list[tuple[str, str]] = []
    seen: set[int] = set()
    for _variant_id, product_id, title, talking_points, selling_points in rows:
        if product_id in seen:
            continue
        seen.add(product_id)
        points = (talking_points or "").strip() or (selling_points or "").strip()
        if points:
            sheets.append((title, points))
    return sheets
