"""The product catalogue service: products, variants (SKUs), bundles, the stock ledger, search and selection score.

One user action is one call and one transaction. Writes validate first and raise
``UserError("catalogue.invalid", problems=..., count=...)`` before touching anything. Only frozen DTOs from
catalogue_types leave this module. The SQL behind the table lives in catalogue_query, the write steps in
catalogue_writes, the ledger in catalogue_stock, pictures in catalogue_images.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from streamdesk.core import catalogue_images, catalogue_query
from streamdesk.core.catalogue_types import (
    CatalogueFilter,
    CatalogueRow,
    CatalogueSort,
    FieldProblem,
    LedgerMismatch,
    ProductDetail,
    ProductInput,
    ScoreWeights,
    StockMoveRow,
    StockReason,
)
from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from sqlmodel import Session

    from streamdesk.db import SessionFactory

# The table's queries (catalogue_query) are plain SQL on a connection. Everything that works on ORM objects —
# details, validation, writes, the ledger — is imported by the method that needs it: the GUI paints its first
# frame before any of them runs, and the model classes with pydantic and the ORM cost ~60 ms to import.


class Catalogue:
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        images_dir: Path,
        thumbnails_dir: Path,
        weights: ScoreWeights,
        clock: Callable[[], datetime],
        shared_images: bool = False,
    ) -> None:
        """``shared_images``: a team database (core.image_store): pictures imported here are stored in it too, and
        pictures another laptop imported are fetched from it when shown."""
        self._sessions = sessions
        self._shared_images = shared_images
        self._images_dir = images_dir
        self._thumbnails_dir = thumbnails_dir
        self._weights = weights
        self._clock = clock

    @property
    def weights(self) -> ScoreWeights:
        return self._weights

    # --- queries ----------------------------------------------------------------------------------------------
    def count(self, filter: CatalogueFilter) -> int:
        """How many SKU rows match the filter (counted in SQL)."""
        with self._sessions() as session:
            return catalogue_query.count_rows(session.connection(), filter)

    def page(self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int) -> tuple[CatalogueRow, ...]:
        """One page of SKU rows, filtered, sorted and cut in SQL; fast at 100,000 SKUs (see catalogue_query)."""
        with self._sessions() as session:
            conn = session.connection()
            ids = catalogue_query.page_ids(conn, filter, sort, offset, limit, self._weights)
            return tuple(catalogue_query.hydrate(conn, ids, self._weights))

    def count_and_page(
        self, filter: CatalogueFilter, sort: CatalogueSort, offset: int, limit: int
    ) -> tuple[int, tuple[CatalogueRow, ...]]:
        """``count(filter)`` and ``page(...)`` read in one transaction, so the total and the rows agree: what the
        table asks per keystroke. A first page that is not full is the whole answer, so its length is the count."""
        with self._sessions() as session:
            conn = session.connection()
            ids, counted = catalogue_query.page_ids_and_count(conn, filter, sort, offset, limit, self._weights)
            rows = tuple(catalogue_query.hydrate(conn, ids, self._weights))
            if offset <= 0 and len(ids) < limit:
                return len(rows), rows
            if counted is not None:  # PostgreSQL: counted by the page's own scan
                return counted, rows
            return catalogue_query.count_rows(conn, filter), rows

    def categories(self) -> tuple[str, ...]:
        """Distinct non-empty categories, sorted."""
        sql = "SELECT DISTINCT category FROM products WHERE category != '' ORDER BY category"
        with self._sessions() as session:
            return tuple(row[0] for row in session.connection().execute(text(sql)))

    def supplier_names(self) -> tuple[str, ...]:
        with self._sessions() as session:
            return tuple(
                row[0] for row in session.connection().execute(text("SELECT name FROM suppliers ORDER BY name"))
            )

    def get_product(self, product_id: int) -> ProductDetail:
        """The product with all its variants (archived ones too); UserError("catalogue.not_found") if missing."""
        from streamdesk.core.catalogue_detail import load_detail

        with self._sessions() as session:
            return load_detail(session, product_id)

    def row_for_variant(self, variant_id: int) -> CatalogueRow:
        with self._sessions() as session:
            rows = catalogue_query.hydrate(session.connection(), [variant_id], self._weights)
        if not rows:
            raise UserError("catalogue.variant_not_found", variant_id=variant_id)
        return rows[0]

    def find_by_sku(self, sku_code: str) -> CatalogueRow | None:
        """The row of the SKU with exactly this code (surrounding spaces ignored), archived or not."""
        from streamdesk.core.catalogue_validation import clean_sku

        with self._sessions() as session:
            conn = session.connection()
            found = conn.execute(text("SELECT id FROM variants WHERE sku_code = :sku"), {"sku": clean_sku(sku_code)})
            variant_id = found.scalar_one_or_none()
            if variant_id is None:
                return None
            return catalogue_query.hydrate(conn, [int(variant_id)], self._weights)[0]

    def stock_moves(self, variant_id: int, limit: int = 200) -> tuple[StockMoveRow, ...]:
        """The variant's ledger, newest first."""
        from streamdesk.core import catalogue_stock

        with self._sessions() as session:
            return catalogue_stock.stock_moves(session, variant_id, limit)

    def ledger_mismatches(self) -> tuple[LedgerMismatch, ...]:
        """Variants whose cached on_hand differs from the sum of their stock moves; empty when all is well."""
        from streamdesk.core import catalogue_stock

        with self._sessions() as session:
            return catalogue_stock.ledger_mismatches(session)

    def validate(self, product: ProductInput, product_id: int | None = None) -> tuple[FieldProblem, ...]:
        """Problems with ``product`` as a new product (product_id None) or as an edit; writes nothing."""
        from streamdesk.core.catalogue_validation import validate_product

        with self._sessions() as session:
            if product_id is not None:
                _require_product(session, product_id)
            self._fetch_pictures(product.images)
            return validate_product(session, product, product_id, self._images_dir)

    # --- writes: each one transaction -------------------------------------------------------------------------
    def _check(self, session: Session, product: ProductInput, product_id: int | None) -> None:
        from streamdesk.core.catalogue_validation import validate_product

        self._fetch_pictures(product.images)
        problems = validate_product(session, product, product_id, self._images_dir)
        if problems:
            raise UserError("catalogue.invalid", problems=problems, count=len(problems))

    def create_product(self, product: ProductInput) -> int:
        """Add a product with its variants; initial stock becomes INITIAL stock moves. Returns the new id."""
        from streamdesk.core import catalogue_writes

        with self._sessions(write=True) as session, session.begin():
            self._check(session, product, None)
            return catalogue_writes.create_product(session, product, self._clock())

    def update_product(
        self,
        product_id: int,
        product: ProductInput,
        *,
        expected_version: int | None = None,
        expected_input: ProductInput | None = None,
    ) -> ProductDetail:
        """Save an edit. Variants with an id are updated; a new row whose SKU belongs to a removed variant of
        this product brings that variant back (so undo/redo of "add a variant" keeps its ledger); variants left
        out are archived. Version and updated_at move only when something changed. Returns the product as this
        save left it. Team mode (core.conflicts), UserError("db.conflict") when someone else saved since:
        ``expected_version`` is the version the editor opened; ``expected_input`` (undo, redo) is the ``input``
        the previous step returned, which the user's own later steps (an archive, a live price, both undone
        before this one) leave as it was."""
        from streamdesk.core import catalogue_writes
        from streamdesk.core.catalogue_detail import load_detail

        with self._sessions(write=True) as session, session.begin():
            catalogue_writes.require_version(session, product_id, expected_version, product.title)
            if expected_input is not None and load_detail(session, product_id).input != expected_input:
                raise UserError("db.conflict", what=product.title.strip() or expected_input.title)
            self._check(session, product, product_id)
            catalogue_writes.update_product(session, product_id, product, self._clock())
            session.flush()
            return load_detail(session, product_id)

    def duplicate_product(self, product_id: int) -> int:
        """Copy a product: SKUs get "-COPY" ("-COPY2", …), no barcodes, no stock, title + " (copy)"."""
        from streamdesk.core import catalogue_writes

        with self._sessions(write=True) as session, session.begin():
            return catalogue_writes.duplicate_product(session, product_id, self._clock())

    def set_archived(self, product_ids: Sequence[int], archived: bool) -> None:
        from streamdesk.core import catalogue_writes

        with self._sessions(write=True) as session, session.begin():
            catalogue_writes.set_archived(session, product_ids, archived, self._clock())

    def delete_product(self, product_id: int) -> None:
        """Hard delete, only to undo a create; UserError("catalogue.in_use") once the product has a history."""
        from streamdesk.core import catalogue_writes

        with self._sessions(write=True) as session, session.begin():
            catalogue_writes.delete_product(session, product_id)

    def set_live_prices(self, changes: Sequence[tuple[int, int | None]]) -> tuple[tuple[int, int | None], ...]:
        """Set live prices (variant id, minor units or None); returns each variant's price before, for undo."""
        from streamdesk.core import catalogue_writes

        with self._sessions(write=True) as session, session.begin():
            return catalogue_writes.set_live_prices(session, changes, self._clock())

    def adjust_stock(
        self, changes: Sequence[tuple[int, int]], reason: StockReason, note: str = ""
    ) -> tuple[StockMoveRow, ...]:
        """Record stock moves (variant id, signed quantity). All or nothing: a change that would take stock below
        zero, a bundle (its stock derives from its components) or an unknown variant writes nothing."""
        from streamdesk.core import catalogue_stock

        with self._sessions(write=True) as session, session.begin():
            return catalogue_stock.adjust_stock(session, changes, reason, note, self._clock())

    # --- pictures ---------------------------------------------------------------------------------------------
    def import_image(self, source: Path) -> str:
        """Check a picture with Pillow and copy it into the images folder; returns its stored file name."""
        stored = catalogue_images.import_image(source, self._images_dir)
        if self._shared_images:
            from streamdesk.core import image_store  # models: imported on first use, see above

            image_store.share(self._sessions, self._images_dir, stored, self._clock())
        return stored

    def image_path(self, file_name: str) -> Path:
        """The picture's file; in team mode fetched from the database first if this laptop lacks it."""
        self._fetch_pictures((catalogue_images.check_file_name(file_name),))
        return self._images_dir / file_name

    def thumbnail(self, file_name: str, size: int = 64) -> Path | None:
        """A cached PNG thumbnail; None when the picture is missing or broken."""
        self._fetch_pictures((catalogue_images.check_file_name(file_name),))
        return catalogue_images.thumbnail(self._images_dir, self._thumbnails_dir, file_name, size)

    def _fetch_pictures(self, file_names: Iterable[str]) -> None:
        if not self._shared_images:
            return
        from streamdesk.core import image_store

        for name in file_names:
            if Path(name).name == name and name not in {"", ".", ".."}:  # others are refused by validation
                image_store.fetch(self._sessions, self._images_dir, name)


def _require_product(session: Session, product_id: int) -> None:
    from streamdesk.models.catalogue import Product

    if session.get(Product, product_id) is None:
        raise UserError("catalogue.not_found", product_id=product_id)
