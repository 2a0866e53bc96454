"""Search-as-you-type: substrings of title, alternative title, SKU, barcode, tags and spec, at every length."""

from __future__ import annotations

from pathlib import Path

import pytest

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import CatalogueFilter, CatalogueSort, ProductInput, ScoreWeights, VariantInput
from streamdesk.db import Database


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


def sku_codes(catalogue: Catalogue, query: str) -> set[str]:
    return {r.sku_code for r in catalogue.page(CatalogueFilter(text=query), CatalogueSort(), 0, 10_000)}


def small(catalogue: Catalogue) -> None:
    catalogue.create_product(
        ProductInput(
            title="碎花连衣裙",
            alt_title="Floral Dress",
            tags=("夏季", "新品"),
            variants=(
                VariantInput(sku_code="FD-RED", spec=(("颜色", "红"),), barcode="6901234567890"),
                VariantInput(sku_code="FD_BLUE", spec=(("颜色", "蓝"),), barcode="6909876543210"),
            ),
        )
    )
    catalogue.create_product(
        ProductInput(title='保温杯 "Pro" 100%', tags=("爆款",), variants=(VariantInput(sku_code="CUP1"),))
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("碎", {"FD-RED", "FD_BLUE"}),  # one Chinese character: LIKE
        ("连衣", {"FD-RED", "FD_BLUE"}),  # two: LIKE
        ("连衣裙", {"FD-RED", "FD_BLUE"}),  # three: FTS5 trigram
        ("floral", {"FD-RED", "FD_BLUE"}),  # alternative title, case-folded
        ("DRESS", {"FD-RED", "FD_BLUE"}),
        ("fd-red", {"FD-RED"}),  # SKU
        ("d_", {"FD_BLUE"}),  # "_" is a plain character, not a LIKE wildcard
        ("fd_b", {"FD_BLUE"}),
        ("6909876", {"FD_BLUE"}),  # barcode
        ("69", {"FD-RED", "FD_BLUE"}),
        ("夏季", {"FD-RED", "FD_BLUE"}),  # tag
        ("爆款", {"CUP1"}),
        ("蓝", {"FD_BLUE"}),  # spec value
        ("0%", {"CUP1"}),  # "%" is a plain character
        ("100%", {"CUP1"}),
        ('"pro"', {"CUP1"}),  # quotes cannot break out of the FTS string
        ("pro AND x", set()),  # nor can FTS operators
        ("  cup1  ", {"CUP1"}),
        ("z", set()),
        ("zz", set()),
        ("zzz", set()),
    ],
)
def test_search_matches_substrings_of_every_searchable_field(catalogue: Catalogue, query: str, expected: set) -> None:
    small(catalogue)
    assert sku_codes(catalogue, query) == expected
    assert catalogue.count(CatalogueFilter(text=query)) == len(expected)
