"""Validation of shows and segments as FieldProblems: nothing is written, every problem is reported at once.

Field names follow the inputs: "title", "planned_start", "sku_targets.2.quantity", "budget.0.amount_minor",
"variant_ids.1"; a segment checked as part of a whole rundown gets the prefix "segments.<i>.".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

from streamdesk.core import sql_dialect
from streamdesk.core.catalogue_types import FieldProblem
from streamdesk.core.show_types import (
    FLASH_SALE_MAX_SECONDS,
    FLASH_SALE_MIN_SECONDS,
    SegmentInput,
    ShowInput,
)


def known_variants(session: Session, variant_ids: Iterable[int]) -> set[int]:
    """Which of these variant ids exist (archived ones included)."""
    wanted = sorted({int(v) for v in variant_ids})
    if not wanted:
        return set()
    conn = session.connection()
    rows = conn.execute(
        text(f"SELECT v.id FROM {sql_dialect.id_list(conn)} JOIN variants v ON v.id = j.value"),
        {"ids": "[" + ",".join(str(v) for v in wanted) + "]"},
    )
    return {int(row[0]) for row in rows}


def _aware(value: datetime | None) -> bool:
    return value is None or (value.tzinfo is not None and value.utcoffset() is not None)


def validate_show(session: Session, show: ShowInput) -> tuple[FieldProblem, ...]:
    problems: list[FieldProblem] = []
    if not show.title.strip():
        problems.append(FieldProblem("title", "shows.title_required"))
    if not _aware(show.planned_start):
        problems.append(FieldProblem("planned_start", "shows.naive_time"))
    if show.planned_seconds < 0:
        problems.append(FieldProblem("planned_seconds", "shows.duration_negative"))
    if not show.currency.strip():
        problems.append(FieldProblem("currency", "shows.currency_required"))
    for name in ("target_gmv_minor", "target_orders", "target_followers"):
        value = getattr(show, name)
        if value is not None and value < 0:
            problems.append(FieldProblem(name, "shows.target_negative"))
    for i, person in enumerate(show.people):
        if not person.name.strip():
            problems.append(FieldProblem(f"people.{i}.name", "shows.person_name_required"))
    for i, line in enumerate(show.budget):
        if not line.label.strip():
            problems.append(FieldProblem(f"budget.{i}.label", "shows.budget_label_required"))
        if line.amount_minor < 0:
            problems.append(FieldProblem(f"budget.{i}.amount_minor", "shows.budget_negative"))
    known = known_variants(session, (t.variant_id for t in show.sku_targets))
    seen: set[int] = set()
    for i, target in enumerate(show.sku_targets):
        if target.variant_id not in known:
            problems.append(
                FieldProblem(
                    f"sku_targets.{i}.variant_id", "shows.unknown_variant", (("variant_id", target.variant_id),)
                )
            )
        elif target.variant_id in seen:
            problems.append(FieldProblem(f"sku_targets.{i}.variant_id", "shows.sku_target_duplicate"))
        seen.add(target.variant_id)
        if target.quantity < 0:
            problems.append(FieldProblem(f"sku_targets.{i}.quantity", "shows.target_negative"))
    return tuple(problems)


def validate_segments(session: Session, segments: Sequence[SegmentInput], *, prefix: bool) -> tuple[FieldProblem, ...]:
    """Problems of these segments; with ``prefix`` field names start with "segments.<i>." (a whole rundown)."""
    known = known_variants(session, (v for segment in segments for v in segment.variant_ids))
    problems: list[FieldProblem] = []
    for index, segment in enumerate(segments):
        start = f"segments.{index}." if prefix else ""
        problems.extend(FieldProblem(start + p.field, p.code, p.fields) for p in _segment_problems(segment, known))
    return tuple(problems)


def _segment_problems(segment: SegmentInput, known: set[int]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if segment.planned_seconds < 0:
        problems.append(FieldProblem("planned_seconds", "shows.duration_negative"))
    if not _aware(segment.fixed_start):
        problems.append(FieldProblem("fixed_start", "shows.naive_time"))
    if segment.danger_seconds < 0:
        problems.append(FieldProblem("danger_seconds", "shows.danger_negative"))
    elif segment.warn_seconds <= segment.danger_seconds:
        problems.append(
            FieldProblem("warn_seconds", "shows.warn_not_above_danger", (("danger_seconds", segment.danger_seconds),))
        )
    flash = segment.flash_sale_seconds
    if flash is not None and not FLASH_SALE_MIN_SECONDS <= flash <= FLASH_SALE_MAX_SECONDS:
        problems.append(
            FieldProblem(
                "flash_sale_seconds",
                "shows.flash_sale_out_of_range",
                (("min", FLASH_SALE_MIN_SECONDS), ("max", FLASH_SALE_MAX_SECONDS)),
            )
        )
    seen: set[int] = set()
    for i, variant_id in enumerate(segment.variant_ids):
        if variant_id not in known:
            problems.append(FieldProblem(f"variant_ids.{i}", "shows.unknown_variant", (("variant_id", variant_id),)))
        elif variant_id in seen:
            problems.append(FieldProblem(f"variant_ids.{i}", "shows.product_duplicate"))
        seen.add(variant_id)
    return problems
