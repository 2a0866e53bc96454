"""Product pictures: checked with Pillow, stored under a content-hash name, thumbnails cached as PNG.

Pillow is imported inside the functions: start-up should not pay for it before the first thumbnail.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from streamdesk.core.errors import UserError

log = logging.getLogger(__name__)

# Formats every Qt build displays, with the suffix a stored copy gets.
SUFFIXES = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp"}
HASH_CHARS = 16
CHUNK = 1 << 20


def check_file_name(file_name: str) -> str:
    """A bare file name inside the images folder: no folders, no way out of it."""
    if not file_name or Path(file_name).name != file_name or file_name in {".", ".."}:
        raise UserError("catalogue.image_name_invalid", file=file_name)
    return file_name


def _image_format(source: Path) -> str:
    from PIL import Image

    try:
        with Image.open(source) as image:
            found = image.format or ""
            image.verify()  # reads the whole file: a truncated download fails here, not in the table later
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise UserError("catalogue.image_unreadable", path=str(source)) from exc
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        # Pillow reports damaged files as OSError, SyntaxError (PNG chunks) or ValueError, depending on the plugin.
        raise UserError("catalogue.image_invalid", path=str(source)) from exc
    if found not in SUFFIXES:
        raise UserError("catalogue.image_format", path=str(source), format=found)
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def import_image(source: Path, images_dir: Path) -> str:
    """Copy a picture into the images folder as ``<sha256[:16]><suffix>`` and return that name.

    The same picture imported twice is stored once. The copy goes to a temporary file first and is renamed
    into place, so a half-written file never carries a final name.
    """
    suffix = SUFFIXES[_image_format(source)]
    name = _sha256(source)[:HASH_CHARS] + suffix
    target = images_dir / name
    if target.is_file():
        return name
    images_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=suffix, dir=images_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return name


def thumbnail(images_dir: Path, thumbnails_dir: Path, file_name: str, size: int) -> Path | None:
    """A PNG at most ``size`` pixels square, made once and then reused; None when the picture is missing or broken.

    Stored pictures never change (their name is their content hash), so a cached thumbnail never goes stale.
    """
    from PIL import Image, ImageOps

    source = images_dir / check_file_name(file_name)
    target = thumbnails_dir / f"{Path(file_name).stem}-{size}.png"
    if target.is_file():
        return target
    if not source.is_file() or size <= 0:
        return None
    thumbnails_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".thumb-", suffix=".png", dir=thumbnails_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with Image.open(source) as image:
            picture = ImageOps.exif_transpose(image) or image  # phone photos carry their rotation in EXIF
            picture = picture.convert("RGBA")
            picture.thumbnail((size, size))
            picture.save(tmp, format="PNG")
        tmp.replace(target)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        log.warning("no thumbnail for %s: the picture cannot be read", source, exc_info=True)
        return None
    finally:
        tmp.unlink(missing_ok=True)
    return target
