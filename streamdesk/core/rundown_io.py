"""A show's rundown to and from CSV, and the printable host sheet: ``RundownIO``.

CSV columns (the header row uses these English ids; export writes them in this order):

=================== ===================================================================================
position            1-based order. Rows are sorted by it; a blank position follows the row above it (a
                    row inserted in Excel stays where it was put); ties keep the file order.
kind                opening, warm_up, pitch, flash_sale, giveaway, interaction, break, closing; the
                    Chinese names (开场, 暖场, 讲解, 秒杀, 福袋, 抽奖, 互动, 问答, 休息, 收尾 …) too. Blank = pitch.
title               the segment's title.
planned             planned duration: m:ss ("5:00", "75:00"), h:mm:ss ("1:15:00"), seconds ("300"), or
                    with units ("5m", "90s", "1h30m", "5分钟", "30秒"). Required.
fixed_start         blank, a local time of day on the show's date ("20:00"; a time before the show's start
                    that falls inside a show running past midnight is on the next day), or an ISO date
                    and time ("2026-03-01 20:00", with or without a UTC offset; without one it is local).
skus                SKU codes of the linked products, separated by spaces, commas, 、 or ;.
talking_points      free text (line breaks kept).
promotion_cue       free text, e.g. "满199减30 — announce at 20:00".
warn, danger        remaining time when the timer turns to warning / danger; durations as for planned;
                    blank = 2:00 / 1:00.
flash_sale_seconds  flash-sale countdown length (10-300 s), blank for none.
notes               free text.
=================== ===================================================================================

Export adds read-only columns ``start``, ``end`` (back-timed local times, HH:MM) and ``products`` (SKU, title,
live price, stock): import ignores them and any other column it does not know, so an exported file imports
back unchanged. Chinese header aliases are accepted (序号, 类型, 标题, 时长, 固定开始, 商品/SKU, 讲解要点, 活动提示,
备注 …); a unit in brackets after a header ("时长（分:秒）") is ignored.

Files are written as UTF-8 with a BOM (Excel needs it for Chinese) and with text cells neutralised against
formula injection (FORMATS.md §5); they are read in any encoding (GBK from Excel on Chinese Windows included)
and as XLSX, by products_io's reader. Import reads and checks every row first and writes nothing unless the
whole file is clean; then one ``Shows.replace_segments`` call replaces the rundown in one transaction.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Protocol

from streamdesk.core.catalogue_types import CatalogueRow, FieldProblem
from streamdesk.core.errors import Problem, UserError
from streamdesk.core.local_time import SkippedLocalTime
from streamdesk.core.money import format_minor
from streamdesk.core.products_io.cells import clean_text
from streamdesk.core.products_io.exporting import neutralise
from streamdesk.core.products_io.reading import read_source
from streamdesk.core.rundown import duration_text
from streamdesk.core.rundown_cells import (
    ALIASES,
    COLUMNS,
    EXPORT_ONLY,
    POSITION,
    REQUIRED,
    format_fixed_start,
    local,
    map_columns,
    parse_duration,
    parse_fixed_start,
    parse_kind,
    split_skus,
)
from streamdesk.core.show_types import (
    DEFAULT_DANGER_SECONDS,
    DEFAULT_WARN_SECONDS,
    FLASH_SALE_MAX_SECONDS,
    FLASH_SALE_MIN_SECONDS,
    Rundown,
    SegmentInput,
    SegmentKind,
    SegmentProductRow,
    ShowDetail,
)
from streamdesk.core.storage import discard, storage_failure


class SkuLookup(Protocol):
    """The part of core.catalogue.Catalogue the import needs."""

    def find_by_sku(self, sku_code: str) -> CatalogueRow | None: ...


class RundownService(Protocol):
    """The part of core.shows.Shows RundownIO needs."""

    def get_show(self, show_id: int) -> ShowDetail: ...

    def rundown(self, show_id: int) -> Rundown: ...

    def validate_segment(self, segment: SegmentInput) -> tuple[FieldProblem, ...]: ...

    def replace_segments(self, show_id: int, segments: Sequence[SegmentInput]) -> Rundown: ...


@dataclass(frozen=True, slots=True)
class RundownSheet:
    """A rundown file read and checked against the catalogue and the show; nothing written yet."""

    path: str
    encoding: str  # codec of a text file ("utf-8-sig", "gb18030"…), "" for XLSX
    columns: tuple[tuple[str, str], ...]  # (column id, header as spelled in the file) of the columns used
    ignored: tuple[str, ...]  # headers not used (export-only or unknown)
    segments: tuple[SegmentInput, ...]  # in rundown order; only meaningful when there are no problems
    rows: tuple[int, ...]  # the spreadsheet row of each segment
    problems: tuple[Problem, ...]  # row numbers as the user sees them (header = 1)


# --- reading ---------------------------------------------------------------------------------------------------
class _RowReader:
    """Turns one spreadsheet row into a SegmentInput, collecting its problems."""

    def __init__(self, show: ShowDetail, catalogue: SkuLookup, zone: tzinfo | None, headers: dict[str, str]) -> None:
        self._show, self._catalogue, self._zone = show, catalogue, zone
        self._headers = headers  # column id → header as the file spells it, for messages
        self._variants: dict[str, int | None] = {}

    def _variant(self, code: str) -> int | None:
        if code not in self._variants:
            row = self._catalogue.find_by_sku(code)
            self._variants[code] = None if row is None else row.variant_id
        return self._variants[code]

    def read(self, row: int, cells: dict[str, str], problems: list[Problem]) -> SegmentInput:
        def bad(code: str, **fields: object) -> None:
            problems.append(Problem(row, code, dict(fields)))

        def duration(column: str, default: int | None) -> int | None:
            try:
                value = parse_duration(cells.get(column, ""))
            except ValueError:
                bad("rundown_io.duration_invalid", column=self._headers[column], value=cells[column].strip())
                return default
            return default if value is None else value

        try:
            kind = parse_kind(cells.get("kind", ""))
        except ValueError:
            bad("rundown_io.kind_invalid", value=cells["kind"].strip())
            kind = SegmentKind.PITCH
        planned = duration("planned", None)
        if planned is None and not cells.get("planned", "").strip():
            bad("rundown_io.duration_missing")
        try:
            fixed = parse_fixed_start(cells.get("fixed_start", ""), self._show, self._zone)
        except LookupError:
            bad("rundown_io.time_needs_date", value=cells["fixed_start"].strip())
            fixed = None
        except SkippedLocalTime as skipped:
            bad("rundown_io.time_skipped", value=cells["fixed_start"].strip(), date=skipped.day.isoformat())
            fixed = None
        except ValueError:
            bad("rundown_io.time_invalid", value=cells["fixed_start"].strip())
            fixed = None
        variant_ids: list[int] = []
        for code in split_skus(cells.get("skus", "")):
            variant_id = self._variant(code)
            if variant_id is None:
                bad("rundown_io.unknown_sku", sku=code)
            elif variant_id not in variant_ids:  # a SKU listed twice in one segment is linked once
                variant_ids.append(variant_id)
        warn = duration("warn", DEFAULT_WARN_SECONDS) or 0
        danger = duration("danger", DEFAULT_DANGER_SECONDS) or 0
        if warn <= danger:
            bad("rundown_io.warn_not_above_danger", warn=duration_text(warn), danger=duration_text(danger))
        flash = duration("flash_sale_seconds", None)
        if flash is not None and not FLASH_SALE_MIN_SECONDS <= flash <= FLASH_SALE_MAX_SECONDS:
            bad(
                "rundown_io.flash_sale_out_of_range",
                value=flash,
                min=FLASH_SALE_MIN_SECONDS,
                max=FLASH_SALE_MAX_SECONDS,
            )
        return SegmentInput(
            kind=kind,
            title=clean_text(cells.get("title", "")),
            planned_seconds=planned or 0,
            fixed_start=fixed,
            variant_ids=tuple(variant_ids),
            talking_points=clean_text(cells.get("talking_points", "")),
            promotion_cue=clean_text(cells.get("promotion_cue", "")),
            warn_seconds=warn,
            danger_seconds=danger,
            flash_sale_seconds=flash,
            notes=clean_text(cells.get("notes", "")),
        )


def read_rundown(
    path: Path,
    show: ShowDetail,
    catalogue: SkuLookup,
    *,
    validate: Callable[[SegmentInput], tuple[FieldProblem, ...]] | None = None,
    zone: tzinfo | None = None,
    encoding: str | None = None,
) -> RundownSheet:
    """Read and check a rundown file (CSV in any encoding, or XLSX) for ``show``; writes nothing.

    Whole-file trouble (missing, unreadable, no title/planned column, no rows) raises UserError; row trouble is
    returned as problems. ``validate`` (Shows.validate_segment) runs on the rows that passed these checks.
    """
    try:
        source = read_source(path, encoding=encoding)
    except UserError as error:
        if error.code in ("products_io.no_rows", "products_io.empty"):
            raise UserError("rundown_io.no_rows", path=str(path)) from error
        raise
    found, ignored = map_columns(source.headers)
    for column in REQUIRED:
        if column not in found:
            raise UserError("rundown_io.column_missing", column=column, aliases=", ".join(ALIASES[column]))
    reader = _RowReader(show, catalogue, zone, {column: source.headers[at] for column, at in found.items()})
    problems: list[Problem] = []
    keyed: list[tuple[tuple[int, int], int, SegmentInput]] = []
    last_position = 0
    for index, record in enumerate(source.rows):
        cells = {column: record[at] if at < len(record) else "" for column, at in found.items()}
        if not any(value.strip() for value in cells.values()):
            continue  # a blank row, or one with text only in columns the import ignores
        row = source.row_number(index)
        before = len(problems)
        position_text = unicodedata.normalize("NFKC", cells.get("position", "")).strip()
        if POSITION.fullmatch(position_text):
            last_position = int(position_text.partition(".")[0])
        elif position_text:
            problems.append(Problem(row, "rundown_io.position_invalid", {"value": position_text}))
        segment = reader.read(row, cells, problems)
        if validate is not None and len(problems) == before:
            problems.extend(Problem(row, p.code, {**dict(p.fields), "field": p.field}) for p in validate(segment))
        keyed.append(((last_position, index), row, segment))
    if not keyed:
        raise UserError("rundown_io.no_rows", path=str(path))
    keyed.sort(key=lambda item: item[0])
    return RundownSheet(
        path=str(path),
        encoding=source.encoding,
        columns=tuple((column, source.headers[at]) for column, at in sorted(found.items(), key=lambda c: c[1])),
        ignored=ignored,
        segments=tuple(segment for _, _, segment in keyed),
        rows=tuple(row for _, row, _ in keyed),
        problems=tuple(problems),
    )


# --- writing ---------------------------------------------------------------------------------------------------
def _products_cell(products: Sequence[SegmentProductRow]) -> str:
    """One line per product: SKU, title and spec, live price, stock (read-only; the import ignores it)."""
    lines = []
    for product in products:
        price = "-"
        if product.price_minor is not None:
            price = f"{product.currency} {format_minor(product.price_minor, product.currency)}"
        name = f"{product.product_title} {product.spec_label}".strip()
        lines.append(f"{product.sku_code} {name} · {price} · {product.available}")
    return "\n".join(lines)


def rundown_records(rundown: Rundown, show: ShowDetail, zone: tzinfo | None) -> list[list[str]]:
    """The CSV's cells, header row first; text cells neutralised against formula injection."""
    records = [[*COLUMNS, *EXPORT_ONLY]]
    for segment, timing in zip(rundown.segments, rundown.timings, strict=True):
        start = local(timing.start, zone).strftime("%H:%M") if timing.start is not None else ""
        end = local(timing.end, zone).strftime("%H:%M") if timing.end is not None else ""
        fixed = format_fixed_start(segment.fixed_start, show, zone) if segment.fixed_start is not None else ""
        cells = [
            str(segment.position + 1),
            segment.kind.value,
            neutralise(segment.title),
            duration_text(segment.planned_seconds),
            fixed,
            neutralise(" ".join(product.sku_code for product in segment.products)),
            neutralise(segment.talking_points),
            neutralise(segment.promotion_cue),
            duration_text(segment.warn_seconds),
            duration_text(segment.danger_seconds),
            "" if segment.flash_sale_seconds is None else str(segment.flash_sale_seconds),
            neutralise(segment.notes),
            start,
            end,
            neutralise(_products_cell(segment.products)),
        ]
        records.append(cells)
    return records


def write_rundown_csv(
    rundown: Rundown, show: ShowDetail, dest: Path, *, zone: tzinfo | None = None, bom: bool = True
) -> int:
    """Write the rundown as CSV (UTF-8 with BOM by default), via a temporary file renamed over ``dest``.

    Returns the number of segments written.
    """
    records = rundown_records(rundown, show, zone)
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        with partial.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(records)
        partial.replace(dest)
    except OSError as exc:
        discard(partial)
        failure = storage_failure(exc, target=dest)  # a full disk or a read-only folder, said so
        raise failure or UserError("rundown_io.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc
    return len(records) - 1


# --- the service -----------------------------------------------------------------------------------------------
class RundownIO:
    """Rundown files for one database: CSV export/import and the PDF host sheet."""

    def __init__(self, shows: RundownService, catalogue: SkuLookup, *, zone: tzinfo | None = None) -> None:
        self._shows, self._catalogue, self._zone = shows, catalogue, zone

    def read(self, path: Path, show_id: int, *, encoding: str | None = None) -> RundownSheet:
        """Read and check ``path`` against the show and the catalogue; writes nothing."""
        show = self._shows.get_show(show_id)
        return read_rundown(
            path, show, self._catalogue, validate=self._shows.validate_segment, zone=self._zone, encoding=encoding
        )

    def import_file(self, path: Path, show_id: int, *, encoding: str | None = None) -> Rundown:
        """Read and check ``path``, then replace the show's rundown with it (see ``apply``)."""
        return self.apply(self.read(path, show_id, encoding=encoding), show_id)

    def apply(self, sheet: RundownSheet, show_id: int) -> Rundown:
        """Replace the show's rundown with a checked sheet in one transaction, or write nothing.

        Raises UserError("rundown_io.invalid", count=…, problems=(Problem, …)) when the sheet has any problem.
        """
        if sheet.problems:
            raise UserError("rundown_io.invalid", count=len(sheet.problems), problems=sheet.problems)
        return self._shows.replace_segments(show_id, sheet.segments)

    def export_csv(self, show_id: int, dest: Path, *, bom: bool = True) -> int:
        """Write the show's rundown as CSV; returns the number of segments."""
        show = self._shows.get_show(show_id)
        return write_rundown_csv(self._shows.rundown(show_id), show, dest, zone=self._zone, bom=bom)

    def export_pdf(self, show_id: int, dest: Path) -> int:
        """Write the host sheet PDF (needs a QGuiApplication); returns the number of pages."""
        from streamdesk.core.rundown_pdf import write_host_sheet

        show = self._shows.get_show(show_id)
        return write_host_sheet(show, self._shows.rundown(show_id), dest, zone=self._zone)
