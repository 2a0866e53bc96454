"""Product pictures: checked with Pillow, stored by content hash, thumbnails cached as PNG."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ScoreWeights
from streamdesk.core.errors import UserError
from streamdesk.db import Database


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "media" / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=tmp_path / "thumbs",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


def picture(path: Path, size: tuple[int, int] = (300, 150), fmt: str = "PNG", colour: str = "red") -> Path:
    Image.new("RGB", size, colour).save(path, format=fmt)
    return path


def test_import_copies_the_picture_under_its_content_hash(catalogue: Catalogue, tmp_path: Path) -> None:
    source = picture(tmp_path / "红裙 photo.PNG")
    name = catalogue.import_image(source)
    assert name == hashlib.sha256(source.read_bytes()).hexdigest()[:16] + ".png"
    stored = catalogue.image_path(name)
    assert stored.parent == tmp_path / "media" / "images"
    assert stored.read_bytes() == source.read_bytes()
    assert catalogue.import_image(source) == name  # the same picture is stored once
    assert sorted(p.name for p in stored.parent.iterdir()) == [name]


def test_import_names_a_jpeg_by_what_it_is_not_by_its_suffix(catalogue: Catalogue, tmp_path: Path) -> None:
    source = picture(tmp_path / "shot.png", fmt="JPEG")
    assert catalogue.import_image(source).endswith(".jpg")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "catalogue.image_invalid"),
        (b"not a picture at all", "catalogue.image_invalid"),
        (None, "catalogue.image_unreadable"),
    ],
)
def test_import_refuses_what_is_not_a_readable_picture(catalogue: Catalogue, tmp_path: Path, content, code) -> None:
    source = tmp_path / "broken.png"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(UserError) as error:
        catalogue.import_image(source)
    assert error.value.code == code and error.value.fields["path"] == str(source)
    assert not (tmp_path / "media" / "images").exists() or not any((tmp_path / "media" / "images").iterdir())


def test_import_refuses_a_truncated_png(catalogue: Catalogue, tmp_path: Path) -> None:
    whole = picture(tmp_path / "whole.png", size=(400, 400)).read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UserError) as error:
        catalogue.import_image(cut)
    assert error.value.code == "catalogue.image_invalid"


def test_import_refuses_formats_qt_may_not_show(catalogue: Catalogue, tmp_path: Path) -> None:
    source = picture(tmp_path / "scan.tiff", fmt="TIFF")
    with pytest.raises(UserError) as error:
        catalogue.import_image(source)
    assert (error.value.code, error.value.fields["format"]) == ("catalogue.image_format", "TIFF")


def test_thumbnail_is_a_cached_png_that_fits_the_size(catalogue: Catalogue, tmp_path: Path) -> None:
    name = catalogue.import_image(picture(tmp_path / "wide.png", size=(300, 150)))
    thumb = catalogue.thumbnail(name, size=64)
    assert thumb is not None and thumb.parent == tmp_path / "thumbs"
    with Image.open(thumb) as made:
        assert (made.format, made.size) == ("PNG", (64, 32))
        assert made.convert("RGB").getpixel((10, 10)) == (255, 0, 0)
    first_bytes = thumb.read_bytes()
    thumb.write_bytes(b"cached")  # a second call reuses the file instead of drawing again
    assert catalogue.thumbnail(name, size=64) == thumb and thumb.read_bytes() == b"cached"
    bigger = catalogue.thumbnail(name, size=128)
    assert bigger is not None and bigger != thumb and bigger.read_bytes() != first_bytes


def test_thumbnail_of_a_missing_or_broken_picture_is_none(catalogue: Catalogue, tmp_path: Path) -> None:
    assert catalogue.thumbnail("0123456789abcdef.png") is None
    name = catalogue.import_image(picture(tmp_path / "p.png"))
    catalogue.image_path(name).write_bytes(b"damaged later")
    assert catalogue.thumbnail(name) is None
    assert not any(p.name.startswith(".thumb-") for p in (tmp_path / "thumbs").iterdir())


def test_file_names_cannot_leave_the_images_folder(catalogue: Catalogue) -> None:
    for bad in ("../secret.png", "sub/x.png", "", ".."):
        with pytest.raises(UserError) as error:
            catalogue.image_path(bad)
        assert error.value.code == "catalogue.image_name_invalid"
