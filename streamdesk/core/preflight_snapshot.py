"""A show's pre-flight runs with their results as plain values, and putting them back under another show.

Like core/warmup_snapshot.py: the undo of deleting a show re-creates it under a new id, and its pre-flight history
(verdicts, measured values, override reasons) comes back with it, column by column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from streamdesk.models.preflight import CheckResult, PreflightRun


@dataclass(frozen=True, slots=True)
class PreflightSnapshot:
    runs: tuple[tuple[dict[str, Any], tuple[dict[str, Any], ...]], ...]  # (run columns, its results' columns)


def take(session: Session, show_id: int) -> PreflightSnapshot | None:
    """None when the show has no pre-flight run."""
    runs = session.exec(select(PreflightRun).where(col(PreflightRun.show_id) == show_id).order_by(col(PreflightRun.id)))
    kept = []
    for run in runs:
        results = session.exec(
            select(CheckResult).where(col(CheckResult.run_id) == run.id).order_by(col(CheckResult.position))
        )
        kept.append(
            (
                run.model_dump(exclude={"id", "show_id"}),
                tuple(result.model_dump(exclude={"id", "run_id"}) for result in results),
            )
        )
    return PreflightSnapshot(tuple(kept)) if kept else None


def put_back(session: Session, show_id: int, snapshot: PreflightSnapshot) -> None:
    for run_values, results in snapshot.runs:
        run = PreflightRun(show_id=show_id, **run_values)
        session.add(run)
        session.flush()
        assert run.id is not None  # given by the flush
        for values in results:
            session.add(CheckResult(run_id=run.id, **values))
    session.flush()
