"""Product pictures shared through a team database.

Pictures live as files in a folder (core.catalogue_images), named by a hash of their content. In a SQLite shop that
folder sits beside the database file, so whoever has the file has the pictures. A team database on a server has no
folder every laptop sees: each laptop keeps its own, and a picture imported on one is also written to the
``image_files`` table, from which the others fetch it the first time they show it. A name is a content hash, so a
stored picture never changes and a fetched copy never goes stale.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import select

from streamdesk.models.catalogue import ImageFile

if TYPE_CHECKING:
    from streamdesk.config import AppPaths
    from streamdesk.db import SessionFactory

log = logging.getLogger(__name__)


def share(sessions: SessionFactory, images_dir: Path, file_name: str, now: datetime) -> None:
    """Store the picture ``file_name`` of ``images_dir`` in the database, unless another laptop already did."""
    data = (images_dir / file_name).read_bytes()
    with sessions(write=True) as session, session.begin():
        if session.get(ImageFile, file_name) is None:
            session.add(ImageFile(file_name=file_name, data=data, created_at=now))


def fetch(sessions: SessionFactory, images_dir: Path, file_name: str) -> bool:
    """Make sure ``images_dir/file_name`` exists, fetching it from the database when missing. False when the
    database does not have it either (a picture imported before the shop moved to the server and never shared)."""
    target = images_dir / file_name
    if target.is_file():
        return True
    with sessions() as session:
        data = session.exec(select(ImageFile.data).where(ImageFile.file_name == file_name)).first()
    if data is None:
        return False
    images_dir.mkdir(parents=True, exist_ok=True)
    # written under a temporary name and renamed: a thumbnail thread reading it meanwhile never sees half a picture
    fd, temporary = tempfile.mkstemp(dir=images_dir, prefix=".fetch-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("fetched picture %s from the team database", file_name)
    return True


def share_folder(sessions: SessionFactory, images_dir: Path, file_names: set[str], now: datetime) -> int:
    """Store every picture of ``file_names`` found in ``images_dir`` that the database lacks (a shop moved to the
    server with ``db migrate-to``); returns how many were stored."""
    with sessions() as session:
        known = set(session.exec(select(ImageFile.file_name)).all())
    stored = 0
    for name in sorted(file_names - known):
        if (images_dir / name).is_file():
            share(sessions, images_dir, name, now)
            stored += 1
    return stored


def carry(source: str, target: str, app_paths: AppPaths, now: datetime) -> int:
    """After ``db migrate-to`` copied the rows: put the pictures the products use where the target shop looks for
    them. A team database gets them in ``image_files`` (from the source's pictures folder); a file gets them in the
    folder beside it (from the source's folder, else from the rows copied from a team database, which a file shop
    then no longer needs). Returns how many pictures were stored."""
    from sqlalchemy import delete

    from streamdesk.config import media_dir
    from streamdesk.db import is_url, open_database
    from streamdesk.models.catalogue import ProductImage

    source_dir = media_dir(None if is_url(source) else Path(source).expanduser().resolve(), app_paths)
    target_path = None if is_url(target) else Path(target).expanduser().resolve()
    database = open_database(target)
    try:
        with database.sessions() as session:
            names = {str(name) for name in session.exec(select(ProductImage.file_name)).all()}
        if target_path is None:
            return share_folder(database.sessions, source_dir, names, now)
        target_dir = media_dir(target_path, app_paths)
        stored = 0
        for name in sorted(names):
            if (target_dir / name).is_file():
                continue
            if (source_dir / name).is_file():
                target_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source_dir / name, target_dir / name)
                stored += 1
            elif fetch(database.sessions, target_dir, name):
                stored += 1
        with database.sessions(write=True) as session, session.begin():
            session.execute(delete(ImageFile))
        return stored
    finally:
        database.dispose()
