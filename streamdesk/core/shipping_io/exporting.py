"""export_orders(): the orders of a filter, through one preset, into CSV or XLSX files.

Courier and label presets refuse what cannot become a parcel: an order whose name, phone or address the platform
masked (138****1234: those are printed from the platform's own 电子面单 flow), and one without a recipient or an
address (or, for Chinese couriers, a phone). Refused orders are listed in the result, never written. Chinese
templates split a one-string address into 省/市/区 first (address.split_cn_address). Values over a target's field
limit are cut to it and reported per order, as are names a target cannot print.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderFilter
from streamdesk.core.shipping_io.address import split_cn_address
from streamdesk.core.shipping_io.columns import ORDER_FIELDS, Context, Preset, Value
from streamdesk.core.shipping_io.presets import ALL_PRESETS
from streamdesk.core.shipping_io.reading import matching_ids, read_orders
from streamdesk.core.shipping_io.types import (
    ExportFormat,
    ExportLine,
    ExportOrder,
    ExportResult,
    OrderProblem,
    RowUnit,
)
from streamdesk.core.shipping_io.writers import EXCEL_MAX_DATA_ROWS, PartedWriter
from streamdesk.core.storage import storage_failure
from streamdesk.db import SessionFactory

STAGE = "shipping_io.exporting"
_MASK = "*"


def find_preset(key: str) -> Preset:
    preset = ALL_PRESETS.get(key)
    if preset is None:
        raise UserError("shipping_io.unknown_preset", preset=key, presets=", ".join(ALL_PRESETS))
    return preset


def file_format(preset: Preset, dest: Path) -> ExportFormat:
    """The format ``dest``'s extension asks for, if the preset writes it."""
    suffix = dest.suffix.lower().lstrip(".")
    for format in preset.formats:
        if format.value == suffix:
            return format
    raise UserError(
        "shipping_io.wrong_format",
        path=str(dest),
        preset=preset.key,
        formats=", ".join(f".{format.value}" for format in preset.formats),
    )


def refusal(preset: Preset, order: ExportOrder) -> str | None:
    """Why a courier preset cannot take ``order`` (a message code), or None."""
    if not preset.courier:
        return None
    if (
        order.pii_masked
        or _MASK in order.recipient
        or _MASK in order.phone
        or _MASK in order.address
        or _MASK in order.province
        or _MASK in order.city
    ):
        return "shipping_io.masked"
    if not order.recipient.strip() or not (order.address.strip() or order.city.strip()):
        return "shipping_io.no_address"
    if preset.needs_phone and not order.phone.strip():
        return "shipping_io.no_phone"
    return None


def with_cn_address(order: ExportOrder) -> ExportOrder:
    """``order`` with 省/市/区 split out of its address when the platform gave it as one string."""
    if order.province or order.city or order.district or not order.address:
        return order
    parts = split_cn_address(order.address)
    if not (parts.province or parts.city):
        return order
    return order._replace(
        province=parts.province,
        city=parts.city,
        district=parts.district,
        address=parts.detail,
        postcode=order.postcode or parts.postcode,
    )


def _is_latin(text: str) -> bool:
    return all(ord(char) < 0x0250 for char in text)  # Basic Latin to Latin Extended-B: accents included


class _RowMaker:
    """One preset's rows for one order: values per column, cut to the target's limits, with the problems found."""

    def __init__(self, preset: Preset, context: Context) -> None:
        # a plain order field is read by index (a C-level tuple lookup), anything else through its getter
        self._plan = tuple((ORDER_FIELDS.get(column.value, -1), column.value) for column in preset.columns)
        self._limits = tuple((i, c.limit, c.header) for i, c in enumerate(preset.columns) if c.limit is not None)
        self._latin = tuple((i, c.header) for i, c in enumerate(preset.columns) if c.latin)
        self._context = context
        self._per_line = preset.unit is RowUnit.LINE

    def rows(self, order: ExportOrder, warn: Callable[[str, str], None]) -> list[list[Value]]:
        context, plan = self._context, self._plan
        pairs: Sequence[ExportLine | None] = order.lines if self._per_line and order.lines else (None,)
        rows: list[list[Any]] = [
            [order[index] if index >= 0 else get(order, line, context) for index, get in plan] for line in pairs
        ]
        for index, limit, header in self._limits:
            for values in rows:
                value = values[index]
                if isinstance(value, str) and len(value) > limit:
                    values[index] = value[:limit]
                    warn("shipping_io.shortened", header)
        for index, header in self._latin:
            value = rows[0][index]
            if isinstance(value, str) and not _is_latin(value):
                warn("shipping_io.not_latin", header)
        return rows


def export_orders(
    sessions: SessionFactory,
    dest: Path,
    preset_key: str,
    filter: OrderFilter,
    cancel: CancelToken,
    *,
    context: Context,
    now: datetime,
    order_ids: Sequence[int] = (),
    bom: bool = False,
    max_rows: int = EXCEL_MAX_DATA_ROWS,
) -> Generator[Progress, None, ExportResult]:
    """Write the orders matching ``filter`` (or exactly ``order_ids``, in that order) through a preset."""
    preset = find_preset(preset_key)
    format = file_format(preset, dest)
    if not dest.parent.is_dir():
        raise UserError("shipping_io.no_folder", path=str(dest))
    maker = _RowMaker(preset, context)
    writer = PartedWriter(
        dest,
        format,
        [column.header for column in preset.columns],
        [column.kind for column in preset.columns],
        all_text=preset.all_text,
        bom=bom,
        max_rows=max_rows,
    )
    skipped: list[OrderProblem] = []
    warnings: list[OrderProblem] = []
    found: dict[str, list[str]] = {}  # the current order's problems: code → the columns it concerns

    def warn(code: str, column: str) -> None:
        columns = found.setdefault(code, [])
        if column not in columns:
            columns.append(column)

    written = done = 0
    try:
        with sessions() as session:
            conn = session.connection()
            ids = list(dict.fromkeys(order_ids)) if order_ids else matching_ids(conn, filter, now)
            yield Progress(0, len(ids), STAGE)
            for chunk in read_orders(conn, ids, cancel):
                for order in chunk:
                    code = refusal(preset, order)
                    if code is not None:
                        skipped.append(OrderProblem(order.id, order.order_no, code))
                        continue
                    if preset.cn_address:
                        order = with_cn_address(order)
                        if not order.province:
                            warnings.append(OrderProblem(order.id, order.order_no, "shipping_io.address_unsplit"))

                    for values in maker.rows(order, warn):
                        if writer.write(values, order.currency):
                            warn("shipping_io.truncated", "")
                    if found:
                        warnings.extend(
                            OrderProblem(order.id, order.order_no, code, {"columns": ", ".join(c for c in cols if c)})
                            for code, cols in found.items()
                        )
                        found.clear()
                    written += 1
                done += len(chunk)
                yield Progress(done, len(ids), STAGE)
        cancel.raise_if_set()
        files = writer.commit()
    except OSError as exc:
        writer.discard()
        failure = storage_failure(exc, target=dest)  # a full disk or a read-only folder, said so
        raise failure or UserError("shipping_io.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        writer.discard()
        raise
    return ExportResult(
        files=tuple(str(path) for path in files),
        preset=preset.key,
        format=format,
        orders=written,
        rows=writer.rows,
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        truncated_cells=writer.truncated,
    )
