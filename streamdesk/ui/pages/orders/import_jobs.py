"""The order import's background jobs: the dry run (detect, saved mappings, plan) and reading a file for the mapping
dialog. They run on pool threads through the TaskRunner and touch no widget."""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderImportPlan
from streamdesk.core.products_io.types import SourceTable

if TYPE_CHECKING:
    from streamdesk.core.orders_io import OrdersIO

AUTO = "auto"


@dataclass(frozen=True, slots=True)
class NeedsMapping:
    """No preset recognised the file: its columns must be matched by hand."""

    source: SourceTable


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What the next dry run reads: the file, its format (preset key or a custom mapping), encoding and show."""

    path: Path
    preset: str = AUTO
    encoding: str | None = None
    show_id: int | None = None
    mapping: Mapping[str, str] | None = None


def plan_job(io: OrdersIO, request: PlanRequest, cancel: CancelToken) -> Generator[Progress, None, Any]:
    """The dry run on a pool thread. A file no platform preset recognises is tried with the mappings the seller
    saved (the first that fits is used); failing those it comes back as NeedsMapping, read for the dialog."""
    preset = request.preset
    if preset == AUTO and request.mapping is None:
        yield Progress(0, 0, "orders_io.reading")
        if io.detect(request.path, encoding=request.encoding) is None:
            for info in io.presets():
                cancel.raise_if_set()
                if not info.saved:
                    continue
                try:
                    return (yield from _io_plan(io, replace(request, preset=info.key), cancel))
                except UserError:
                    continue  # its columns are not in this file
            return NeedsMapping(_read(request.path, request.encoding))
    return (yield from _io_plan(io, request, cancel))


def _io_plan(io: OrdersIO, request: PlanRequest, cancel: CancelToken) -> Generator[Progress, None, OrderImportPlan]:
    return (
        yield from io.plan(
            request.path,
            preset=request.preset,
            show_id=request.show_id,
            encoding=request.encoding,
            mapping=request.mapping,
            cancel=cancel,
        )
    )


def _read(path: Path, encoding: str | None) -> SourceTable:
    from streamdesk.core.products_io.reading import read_source  # pandas/openpyxl: on the pool thread, on first use

    return read_source(path, encoding=encoding)


def read_job(path: Path, encoding: str | None) -> Generator[Progress, None, SourceTable]:
    yield Progress(0, 0, "orders_io.reading")
    return _read(path, encoding)
