"""Ways a database file gets hurt, made from a whole one: emptied, truncated, overwritten with something else,
pages damaged inside. Each keeps the SQLite header where a real accident would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the battery died half-way through a copy


def overwritten(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + bytes(8192))  # a sync tool put a zip where the database was


def damaged_pages(path: Path) -> None:
    """Some b-tree pages overwritten in place (a bad sector, a bad write): the header and the table list stay
    readable, so the file opens, and only reading every page (quick_check) finds it."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    for page in (pages // 3, pages // 2, (2 * pages) // 3):
        data[page * page_size : (page + 1) * page_size] = b"\x37" * page_size
    path.write_bytes(bytes(data))


HURTS: dict[str, Callable[[Path], None]] = {
    "zero-byte": emptied,
    "truncated": truncated,
    "not-sqlite": overwritten,
    "damaged-pages": damaged_pages,
}
