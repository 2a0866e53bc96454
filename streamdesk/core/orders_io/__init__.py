"""Order import from platform exports (抖店, 快手, 视频号, 淘宝, Shopify, TikTok Shop, Whatnot, Etsy) and tracking
numbers coming back. The import dialog and ``streamdesk orders import`` make the same calls::

    key = orders_io.detect(path)                                  # preset from the header row, or None
    plan = run_to_end(orders_io.plan(path, preset="auto"))        # reads, checks, matches; writes nothing
    result = run_to_end(orders_io.apply(plan))                    # one transaction

Module map: presets (data), reading (file → rows), detect (header → preset, columns), grouping (rows → orders),
assembling (one order's values), status, matching (catalogue links), planning, applying (+ records, stock),
tracking, mappings (saved by name).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderImportPlan, OrderImportResult, Platform, TrackingImportResult
from streamdesk.core.orders_io import detect as _detect
from streamdesk.core.orders_io.presets import DEFAULT_ZONES, LISTED
from streamdesk.core.orders_io.reading import open_table
from streamdesk.core.orders_io.sources import MAPPING_PREFIX, Choice
from streamdesk.core.orders_io.types import FIELDS, LINE_FIELDS, ORDER_FIELDS, PresetInfo, ReadImportPlan

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.orders import Orders
    from streamdesk.db import SessionFactory

__all__ = ["DEFAULT_ZONES", "FIELDS", "LINE_FIELDS", "ORDER_FIELDS", "OrdersIO", "PresetInfo"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a big import builds its orders (none of them form cycles).

    With a million live objects, the collector's full passes cost a sixth of a 200,000-line import; reference
    counting still frees everything as usual. Restored afterwards, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class OrdersIO:
    """Order import service. ``plan`` and ``detect`` write nothing; ``apply`` and ``import_tracking`` are one
    transaction each; ``save_mapping`` one small one."""

    def __init__(
        self,
        sessions: SessionFactory,
        *,
        catalogue: Catalogue,
        orders: Orders,
        clock: Callable[[], datetime],
        zones: Mapping[Platform, str],
        currency: str = "CNY",
    ) -> None:
        self._sessions = sessions
        self._catalogue = catalogue
        self._orders = orders
        self._clock = clock
        self._zones = {**DEFAULT_ZONES, **zones}
        self._currency = currency

    def presets(self) -> tuple[PresetInfo, ...]:
        """The platform presets, then the mappings the seller saved (``mapping:<name>``)."""
        from streamdesk.core.orders_io.mappings import saved_presets

        listed = tuple(
            PresetInfo(p.key, p.platform, p.name, p.confidence, p.required, tuple(p.columns)) for p in LISTED
        )
        with self._sessions() as session:
            return listed + saved_presets(session)

    def detect(self, path: Path, *, encoding: str | None = None) -> str | None:
        """The preset key whose header the file's header row matches, None when none does. UserError if the
        file cannot be read at all."""
        table = open_table(path, _detect.is_known_header, encoding=encoding)
        try:
            found = _detect.detect_variant(table.headers)
        finally:
            table.close()
        return found.key if found is not None else None

    def plan(
        self,
        path: Path,
        *,
        preset: str = "auto",
        show_id: int | None = None,
        encoding: str | None = None,
        mapping: Mapping[str, str] | None = None,
        cancel: CancelToken | None = None,
    ) -> Generator[Progress, None, OrderImportPlan]:
        """Read, group, parse and match the file and compare it with the database; writes nothing.

        ``preset``: "auto" (from the header row), a preset key, or "mapping:<name>". ``mapping`` ({field:
        header}) overrides the columns (the mapping dialog). Naive times are read in the platform's zone. Raises
        UserError for a file that cannot be used (unreadable, unknown header, a required column missing).
        """
        from streamdesk.core.orders_io.planning import build_plan

        choice = Choice(preset=preset, mapping=mapping)
        if preset.startswith(MAPPING_PREFIX) and mapping is None:
            from streamdesk.core.orders_io.mappings import load_mapping

            with self._sessions() as session:
                platform, saved = load_mapping(session, preset)
            choice = Choice(preset=preset, mapping=saved, platform=platform)
        with collector_paused():
            return (
                yield from build_plan(
                    self._sessions,
                    path,
                    choice,
                    show_id=show_id,
                    encoding=encoding,
                    zones=self._zones,
                    currency=self._currency,
                    cancel=cancel or CancelToken(),
                )
            )

    def apply(
        self, plan: OrderImportPlan, cancel: CancelToken | None = None
    ) -> Generator[Progress, None, OrderImportResult]:
        """Write the plan in ONE transaction: batch, customers, orders (added or updated by platform + order id),
        lines, each line's stock taken or put back once, shipments. Nothing is written on cancel or error."""
        from streamdesk.core.orders_io.applying import apply_plan

        if not isinstance(plan, ReadImportPlan):
            raise UserError("orders_io.plan_stale")
        with collector_paused():
            return (yield from apply_plan(self._sessions, plan, self._clock(), cancel or CancelToken()))

    def save_mapping(self, name: str, platform: Platform, mapping: Mapping[str, str]) -> None:
        """Save (or replace) a column mapping under ``name``; it is listed in presets() from now on."""
        from streamdesk.core.orders_io.mappings import save_mapping

        with self._sessions(write=True) as session, session.begin():
            save_mapping(session, name, platform, mapping, self._clock())

    def import_tracking(self, path: Path, *, encoding: str | None = None) -> TrackingImportResult:
        """Mark the file's orders shipped with their tracking numbers, in one transaction. Rows naming unknown
        orders, or orders that cannot ship (cancelled), are skipped and listed."""
        from streamdesk.core.orders_io.tracking import apply_tracking, read_tracking

        rows, problems, _ = read_tracking(path, encoding)
        with self._sessions(write=True) as session, session.begin():
            return apply_tracking(session, rows, problems, self._clock())
