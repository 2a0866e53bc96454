"""Composition root: build_services() (the CLI uses it too) and run_gui().

Nothing else constructs a service. This module imports no Qt at module level: the CLI imports build_services.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from streamdesk.config import AppPaths, Settings, media_dir
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_io import ProductsIO
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.db import Database


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    paths: AppPaths
    catalogue: Catalogue
    products_io: ProductsIO


def score_weights(settings: Settings) -> ScoreWeights:
    w = settings.selection_weights
    return ScoreWeights(
        margin=w.margin, stock_cover=w.stock_cover, past_sales=w.past_sales, tags=w.tags, boost_tags=w.boost_tags
    )


def build_services(
    database: Database, settings: Settings, paths: AppPaths, clock: Callable[[], datetime] | None = None
) -> Services:
    clock = clock or (lambda: datetime.now(UTC))
    images = media_dir(database.path, paths)
    catalogue = Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=score_weights(settings),
        clock=clock,
    )
    return Services(
        settings=settings,
        paths=paths,
        catalogue=catalogue,
        products_io=ProductsIO(database.sessions, catalogue=catalogue, currency=settings.currency, clock=clock),
    )


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop app. (Implemented in the UI shell work.)"""
    from streamdesk.ui.shell import run

    return run(args)
