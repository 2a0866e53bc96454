"""A process that uses the shows service alone (a CLI command, a script) can write segments linked to products:
the ORM needs the variants table in its metadata to resolve segment_products.variant_id."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows

SCRIPT = """
import sys
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.shows import Shows
from streamdesk.db import open_database

database = open_database(sys.argv[1])
shows = Shows(database.sessions, clock=lambda: datetime.now(UTC))
segment = shows.rundown(int(sys.argv[2])).segments[0]
shows.update_segment(segment.id, segment.to_input())
print(len(shows.rundown(int(sys.argv[2])).segments[0].products))
"""


def test_updating_a_segment_with_products_works_in_a_fresh_process(database, database_target, tmp_path: Path) -> None:
    now = datetime(2026, 5, 1, 12, tzinfo=UTC)
    catalogue = Catalogue(
        database.sessions, images_dir=tmp_path, thumbnails_dir=tmp_path, weights=ScoreWeights(), clock=lambda: now
    )
    product_id = catalogue.create_product(ProductInput(title="Scarf", variants=(VariantInput(sku_code="SC-1"),)))
    variant_id = catalogue.get_product(product_id).variants[0].id
    shows = Shows(database.sessions, clock=lambda: now)
    show_id = shows.create_show(ShowInput(title="Evening"))
    shows.replace_segments(show_id, [SegmentInput(SegmentKind.PITCH, "Scarf", 600, variant_ids=(variant_id,))])
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(database_target), str(show_id)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1"
