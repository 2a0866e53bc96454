"""Product import and export (CSV, XLSX): read → map columns → plan (dry run) → apply, and export.

The import dialog and ``streamdesk products import`` make the same calls::

    source = products_io.read_source(path)                   # every cell as text; UserError if unreadable
    mapping = products_io.auto_mapping(source.headers)       # the user may change it (ColumnMapping.with_column)
    plan = run_to_end(products_io.plan(source, mapping, cancel))      # checks every row, writes nothing
    summary = run_to_end(products_io.apply(plan, cancel))             # one transaction
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from datetime import datetime
from pathlib import Path

from streamdesk.core.catalogue_types import CatalogueFilter
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.products_io import mapping as _mapping
from streamdesk.core.products_io.applying import apply_plan
from streamdesk.core.products_io.existing import load_existing
from streamdesk.core.products_io.exporting import CatalogueReader, export_catalogue, neutralise
from streamdesk.core.products_io.planning import PREVIEW_ROWS, build_plan
from streamdesk.core.products_io.reading import read_source
from streamdesk.core.products_io.rows import RowParser
from streamdesk.core.products_io.types import (
    ColumnMapping,
    ExportFormat,
    ExportSummary,
    FieldKind,
    FieldLevel,
    ImportAction,
    ImportField,
    ImportPlan,
    ImportSummary,
    PreviewRow,
    SourceKind,
    SourceTable,
)
from streamdesk.db import SessionFactory

__all__ = [
    "PREVIEW_ROWS",
    "ColumnMapping",
    "ExportFormat",
    "ExportSummary",
    "FieldKind",
    "FieldLevel",
    "ImportAction",
    "ImportField",
    "ImportPlan",
    "ImportSummary",
    "PreviewRow",
    "ProductsIO",
    "SourceKind",
    "SourceTable",
    "neutralise",
]


class ProductsIO:
    """Product import/export service. Reading and planning write nothing; apply is one transaction."""

    FIELDS: tuple[ImportField, ...] = _mapping.FIELDS

    def __init__(
        self,
        sessions: SessionFactory,
        *,
        catalogue: CatalogueReader,
        currency: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = sessions
        self._catalogue = catalogue
        self._currency = currency
        self._clock = clock

    @property
    def currency(self) -> str:
        """The currency of rows whose file has no currency column (the settings' currency)."""
        return self._currency

    def read_source(self, path: Path, *, encoding: str | None = None, sheet: str | None = None) -> SourceTable:
        """Read CSV/TSV (UTF-8, UTF-8-BOM, GB18030/GBK, UTF-16) or XLSX, every cell as text.

        ``encoding`` overrides detection (text files); ``sheet`` picks an XLSX sheet (default: the first).
        Raises UserError for a missing, unreadable, empty or damaged (U+FFFD) file.
        """
        return read_source(path, encoding=encoding, sheet=sheet)

    def auto_mapping(self, headers: Sequence[str]) -> ColumnMapping:
        """Field key → header for every header naming a known field (Chinese or English, any bracket width)."""
        return _mapping.auto_mapping(headers)

    def mapping_with_overrides(self, headers: Sequence[str], overrides: dict[str, str | None]) -> ColumnMapping:
        """auto_mapping with the user's ``{"field_key": "Header"}`` on top (None unmaps)."""
        return _mapping.merge_mapping(_mapping.auto_mapping(headers), overrides)

    def plan(
        self, source: SourceTable, mapping: ColumnMapping, cancel: CancelToken
    ) -> Generator[Progress, None, ImportPlan]:
        """Check every row and decide add/update/unchanged/skip per SKU; writes nothing.

        Raises UserError when a required column (title, SKU) is unmapped or the mapping names a missing column.
        """
        _mapping.check_mapping(mapping, source.headers)
        parser = RowParser(source, mapping, self._currency)
        identities = parser.identities(source.rows)
        present = [identity for identity in identities if identity is not None]
        titles = {title for title, _ in present}
        skus = {sku for _, sku in present}
        cancel.raise_if_set()
        with self._sessions() as session:
            existing = load_existing(session.connection(), skus, titles)
        return (yield from build_plan(source, mapping, parser, identities, existing, cancel))

    def apply(self, plan: ImportPlan, cancel: CancelToken) -> Generator[Progress, None, ImportSummary]:
        """Write the plan in ONE BEGIN IMMEDIATE transaction; a cancel or an error leaves the database untouched.

        Raises UserError("products_io.plan_stale") if the catalogue changed since the plan was made.
        """
        return (yield from apply_plan(self._sessions, plan, self._clock(), cancel))

    def export(
        self, path: Path, filter: CatalogueFilter, cancel: CancelToken, *, bom: bool = True
    ) -> Generator[Progress, None, ExportSummary]:
        """Export the SKUs matching ``filter`` to .csv (UTF-8, with a BOM unless ``bom=False``) or .xlsx.

        Same headers as the import; formula-like text neutralised; written to a temporary file, then renamed.
        """
        return (yield from export_catalogue(self._sessions, self._catalogue, path, filter, cancel, bom=bom))
