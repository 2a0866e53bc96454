"""Product pictures in team mode (core.image_store): imported on one laptop, shown on another; carried along when a
shop moves to the server and back (streamdesk db migrate-to)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pg_support import Server
from PIL import Image
from sqlalchemy import text

from streamdesk.config import AppPaths, media_dir
from streamdesk.core import image_store
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.db_copy import copy_database
from streamdesk.db import Database, open_database

NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)


def laptop(database: Database, folder: Path, *, shared: bool) -> Catalogue:
    return Catalogue(
        database.sessions,
        images_dir=folder,
        thumbnails_dir=folder / ".thumbnails",
        weights=ScoreWeights(),
        clock=lambda: NOW,
        shared_images=shared,
    )


def picture(path: Path, colour: str = "red") -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def shirt(images: tuple[str, ...]) -> ProductInput:
    return ProductInput(
        title="冰丝防晒衣",
        images=images,
        variants=(VariantInput(sku_code="FS-M", live_price_minor=9900, initial_stock=3),),
    )


def stored_pictures(database: Database) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM image_files")).scalar_one())


def test_a_picture_imported_on_one_laptop_shows_on_another(pg_server: Server, tmp_path: Path) -> None:
    url = pg_server.migrated_database()
    host_db, assistant_db = open_database(url), open_database(url)
    try:
        host = laptop(host_db, tmp_path / "host-pictures", shared=True)
        assistant = laptop(assistant_db, tmp_path / "assistant-pictures", shared=True)
        name = host.import_image(picture(tmp_path / "shirt.png"))
        product_id = host.create_product(shirt((name,)))
        assert not (tmp_path / "assistant-pictures" / name).exists()

        assert assistant.thumbnail(name) is not None  # fetched from the server, then scaled
        fetched = tmp_path / "assistant-pictures" / name
        assert fetched.read_bytes() == (tmp_path / "host-pictures" / name).read_bytes()
        detail = assistant.get_product(product_id)  # and the assistant can save the product with its picture
        assistant.update_product(
            product_id, replace(detail.input, title="冰丝防晒衣 2026"), expected_version=detail.version
        )
        assert stored_pictures(host_db) == 1
        host.import_image(picture(tmp_path / "again.png"))  # the same picture again: stored once
        assert stored_pictures(host_db) == 1
    finally:
        host_db.dispose()
        assistant_db.dispose()


def test_a_shop_file_keeps_its_pictures_beside_it_not_in_the_database(database: Database, tmp_path: Path) -> None:
    if database.path is None:
        return  # the same test on a server is the one above
    shop = laptop(database, tmp_path / "pictures", shared=False)
    name = shop.import_image(picture(tmp_path / "shirt.png"))
    shop.create_product(shirt((name,)))
    assert stored_pictures(database) == 0 and (tmp_path / "pictures" / name).is_file()


def test_pictures_travel_with_the_shop_to_the_server_and_back(pg_server: Server, tmp_path: Path) -> None:
    paths = AppPaths.default()
    shop_file = tmp_path / "shop.sqlite3"
    database = open_database(shop_file)
    shop = laptop(database, media_dir(shop_file, paths), shared=False)
    name = shop.import_image(picture(tmp_path / "shirt.png", "navy"))
    shop.create_product(shirt((name,)))
    database.dispose()

    url = pg_server.empty_database()
    copy_database(str(shop_file), url)
    assert image_store.carry(str(shop_file), url, paths, NOW) == 1
    server = open_database(url)
    try:
        assert stored_pictures(server) == 1
        elsewhere = laptop(server, tmp_path / "new-laptop", shared=True)  # a laptop that never had the file
        assert elsewhere.image_path(name).read_bytes() == (media_dir(shop_file, paths) / name).read_bytes()
    finally:
        server.dispose()

    back = tmp_path / "back" / "shop-copy.sqlite3"
    back.parent.mkdir()
    copy_database(url, str(back))
    assert image_store.carry(url, str(back), paths, NOW) == 1
    copy = open_database(back)
    try:
        assert (media_dir(back, paths) / name).is_file()
        assert stored_pictures(copy) == 0  # a file shop keeps them in its folder
    finally:
        copy.dispose()
