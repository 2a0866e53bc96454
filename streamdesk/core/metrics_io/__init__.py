"""Post-stream metrics in: platform live-data exports (抖音 罗盘 minute trends and summaries, 快手, 视频号, TikTok
LIVE lists in English or Indonesian) or any file through a column mapping. The import dialog and
``streamdesk metrics import`` make the same calls::

    plan = metrics_io.plan(path, show_id)      # reads and checks; writes nothing (the preview)
    result = metrics_io.apply(plan)            # one BEGIN IMMEDIATE transaction

``plan_steps``/``apply_steps`` are the same work as TaskRunner jobs (generators yielding Progress).
Module map: presets (data), cells (one cell → value), detect (header → preset → Layout), reading (file → rows),
planning (rows → samples or totals, gaps, duplicates, row problems), store (database).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.metrics_io.presets import KEYS, MAPPING, PRESETS
from streamdesk.core.review_types import MetricImportRow, MetricPresetInfo, MetricsImportResult, MetricsPlan
from streamdesk.models.base import Platform

if TYPE_CHECKING:
    from streamdesk.db import SessionFactory

__all__ = ["MAPPING", "MetricsIO"]


class MetricsIO:
    """Metrics import service. ``plan`` writes nothing; ``apply`` and ``delete_import`` are one transaction each."""

    def __init__(self, sessions: SessionFactory, *, clock: Callable[[], datetime], currency: str = "CNY") -> None:
        self._sessions = sessions
        self._clock = clock
        self._currency = currency  # for a show without a currency of its own

    def presets(self) -> tuple[MetricPresetInfo, ...]:
        """Every preset key once (its best-graded variant), then the generic column mapping."""
        listed = []
        for key in KEYS:
            variants = [p for p in PRESETS if p.key == key]
            best = min(variants, key=lambda p: ("V2", "V1", "I").index(p.confidence))
            listed.append(MetricPresetInfo(key, best.platform, best.kind, best.confidence))
        return (*listed, MetricPresetInfo(MAPPING, Platform.OTHER, "trend", "I"))

    def plan(
        self,
        path: Path,
        show_id: int,
        *,
        preset: str = "auto",
        encoding: str | None = None,
        platform: Platform | None = None,
        mapping: Mapping[str, str] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> MetricsPlan:
        """Read and check ``path`` for show ``show_id``; writes nothing.

        ``preset``: "auto" (from the header row and the show's platforms), a preset key, or "mapping" with
        ``mapping`` = {series or total name, or "time": header}. A mapping given with a preset key corrects that
        preset's columns. Naive times are read in the platform's zone (presets.py says which); a time without a
        date takes the day of the show's live run, else of its planned start. Raises UserError for a file it
        cannot use; trouble in single rows goes into ``plan.skipped`` with the row number.
        """
        from streamdesk.core.metrics_io.planning import Request, build_plan
        from streamdesk.core.metrics_io.reading import read_table
        from streamdesk.core.metrics_io.store import load_show, samples_in_range

        token = cancel or CancelToken()
        with self._sessions() as session:
            show = load_show(session, show_id, self._currency)
        table = read_table(path, encoding=encoding, mapping=mapping, progress=progress, cancel=token)
        token.raise_if_set()

        def existing(platform: Platform, first: datetime, last: datetime) -> int:
            with self._sessions() as session:
                return samples_in_range(session, show_id, platform, first, last)

        request = Request(preset=preset, platform=platform, mapping=mapping)
        return build_plan(table, show, request, existing=existing, progress=progress, cancel=token)

    def headers(self, path: Path, *, encoding: str | None = None) -> tuple[str, ...]:
        """The file's header row, for a column mapping; UserError for a file that cannot be read."""
        from streamdesk.core.metrics_io.reading import read_headers

        return read_headers(path, encoding=encoding)

    def plan_steps(
        self,
        path: Path,
        show_id: int,
        cancel: CancelToken,
        *,
        preset: str = "auto",
        encoding: str | None = None,
        platform: Platform | None = None,
        mapping: Mapping[str, str] | None = None,
    ) -> Generator[Progress, None, MetricsPlan]:
        """``plan`` as a TaskRunner job. A metrics file is read in well under a second, so the job reports one busy
        step rather than a percentage; ``cancel`` is checked between chunks of rows."""
        yield Progress(0, 0, "metrics.reading")
        return self.plan(
            path, show_id, preset=preset, encoding=encoding, platform=platform, mapping=mapping, cancel=cancel
        )

    def apply(
        self,
        plan: MetricsPlan,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> MetricsImportResult:
        """Write the plan in ONE BEGIN IMMEDIATE transaction: the MetricImport row; the samples, replacing every
        stored sample of the show and platform between the file's first and last time (the later file wins); a
        summary's totals merged into the show's totals. Nothing is written on cancel or error."""
        from streamdesk.core.metrics_io.store import load_show, write_import

        token = cancel or CancelToken()
        with self._sessions(write=True) as session, session.begin():
            load_show(session, plan.show_id, self._currency)
            import_id, replaced, totals_written = write_import(session, plan, self._clock(), token, progress)
            token.raise_if_set()
        return MetricsImportResult(
            import_id=import_id,
            samples_written=len(plan.samples),
            samples_replaced=replaced,
            totals_written=totals_written,
            gaps=plan.gaps,
            duplicates=plan.duplicates,
            skipped=plan.skipped,
        )

    def apply_steps(self, plan: MetricsPlan, cancel: CancelToken) -> Generator[Progress, None, MetricsImportResult]:
        """``apply`` as a TaskRunner job."""
        yield Progress(0, len(plan.samples), "metrics.writing")
        result = self.apply(plan, cancel=cancel)
        yield Progress(len(plan.samples), len(plan.samples), "metrics.writing")
        return result

    def imports(self, show_id: int) -> tuple[MetricImportRow, ...]:
        """The show's metrics imports, newest first."""
        from streamdesk.core.metrics_io.store import import_rows

        with self._sessions() as session:
            return import_rows(session, show_id)

    def delete_import(self, import_id: int) -> None:
        """Undo an import: its row and its samples (and the totals a summary import wrote), in one transaction."""
        from streamdesk.core.metrics_io.store import delete_import

        with self._sessions(write=True) as session, session.begin():
            delete_import(session, import_id)
