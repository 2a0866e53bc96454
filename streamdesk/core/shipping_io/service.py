"""ShippingIO: the files that get orders out of the door — courier and label-tool batch files, pick lists (CSV, PDF)
and packing slips (PDF)."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Generator, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.order_types import OrderDetail, OrderFilter, PickListRow
from streamdesk.core.products_io.exporting import neutralise
from streamdesk.core.shipping_io.columns import Context
from streamdesk.core.shipping_io.exporting import export_orders
from streamdesk.core.shipping_io.presets import ALL_PRESETS
from streamdesk.core.shipping_io.types import ExportPresetInfo, ExportResult, SenderInfo
from streamdesk.core.shipping_io.writers import EXCEL_MAX_DATA_ROWS
from streamdesk.core.storage import discard, storage_failure
from streamdesk.db import SessionFactory

PICK_LIST_HEADERS = ("sku_code", "title", "spec", "quantity", "orders", "on_hand")


class OrderReader(Protocol):
    """The part of core.orders.Orders the slips and pick lists need."""

    def get_order(self, order_id: int) -> OrderDetail: ...

    def pick_list(self, *, show_id: int | None = None, order_ids: Sequence[int] = ()) -> tuple[PickListRow, ...]: ...


class ShippingIO:
    """Shipping files for one database. ``sessions`` reads the orders of a batch export in bulk (a hundred thousand
    get_order calls would take minutes); the orders service answers everything else."""

    def __init__(
        self,
        orders: OrderReader,
        *,
        sender: SenderInfo | None,
        clock: Callable[[], datetime],
        sessions: SessionFactory,
        zone: tzinfo | None = None,
        max_rows_per_file: int = EXCEL_MAX_DATA_ROWS,
    ) -> None:
        self._orders, self._sessions, self._clock, self._zone = orders, sessions, clock, zone
        self._sender = sender or SenderInfo()
        self._max_rows = max_rows_per_file

    def presets(self) -> tuple[ExportPresetInfo, ...]:
        """sf, zto, cn_generic, shipstation, pirateship, shippo, royalmail, generic_csv, generic_xlsx."""
        return tuple(preset.info() for preset in ALL_PRESETS.values())

    def export(
        self,
        dest: Path,
        preset: str,
        filter: OrderFilter,
        cancel: CancelToken | None = None,
        *,
        order_ids: Sequence[int] = (),
        bom: bool = False,
    ) -> Generator[Progress, None, ExportResult]:
        """Write the orders matching ``filter`` (or exactly ``order_ids``) as ``preset`` to ``dest`` (.csv/.xlsx).

        Courier presets refuse masked or incomplete addresses (``ExportResult.skipped``). CSV is UTF-8 without a
        BOM unless ``bom``. Past Excel's row limit the rows go on in ``<name>-2.<ext>``. Nothing is left behind on
        an error or a cancel. Raises UserError("shipping_io.unknown_preset" / "wrong_format" / "write_failed").
        """
        return export_orders(
            self._sessions,
            dest,
            preset,
            filter,
            cancel or CancelToken(),
            context=Context(self._sender, self._zone),
            now=self._clock(),
            order_ids=order_ids,
            bom=bom,
            max_rows=self._max_rows,
        )

    def pick_list(self, *, show_id: int | None = None, order_ids: Sequence[int] = ()) -> tuple[PickListRow, ...]:
        """Units to pick per SKU for a show's orders or a selection (Orders.pick_list)."""
        return self._orders.pick_list(show_id=show_id, order_ids=order_ids)

    def pick_list_csv(
        self, dest: Path, rows: Sequence[PickListRow], *, headers: Sequence[str] = PICK_LIST_HEADERS, bom: bool = True
    ) -> int:
        """Write the pick list as CSV (UTF-8 with a BOM by default: it is opened in Excel); returns the rows written.

        ``headers`` are the six column titles (SKU, title, spec, quantity, orders, on hand) in the caller's language.
        """
        if len(headers) != len(PICK_LIST_HEADERS):
            raise ValueError(f"a pick list has {len(PICK_LIST_HEADERS)} columns, not {len(headers)}")
        partial = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        try:
            with partial.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                for row in rows:
                    on_hand = "" if row.on_hand is None else str(row.on_hand)
                    texts = (neutralise(row.sku_code), neutralise(row.title), neutralise(row.spec))
                    writer.writerow([*texts, str(row.quantity), str(row.orders), on_hand])
            partial.replace(dest)
        except OSError as exc:
            discard(partial)
            failure = storage_failure(exc, target=dest)  # a full disk or a read-only folder, said so
            raise failure or UserError(
                "shipping_io.write_failed", path=str(dest), reason=exc.strerror or str(exc)
            ) from exc
        return len(rows)

    def pick_list_pdf(self, dest: Path, rows: Sequence[PickListRow], *, title: str, subtitle: str = "") -> int:
        """Write the pick list as an A4 PDF (needs a QGuiApplication); returns its page count."""
        from streamdesk.core.order_pdf import write_pick_list

        return write_pick_list(rows, dest, title=title, subtitle=subtitle, printed_at=self._clock(), zone=self._zone)

    def packing_slips_pdf(self, dest: Path, order_ids: Sequence[int]) -> int:
        """One A5 page per order (lines, buyer note, ship-to, sender); needs a QGuiApplication; returns pages."""
        from streamdesk.core.order_pdf import write_packing_slips

        if not order_ids:
            raise UserError("shipping_io.no_orders")
        orders = [self._orders.get_order(order_id) for order_id in dict.fromkeys(order_ids)]
        return write_packing_slips(orders, dest, sender=self._sender, zone=self._zone)
