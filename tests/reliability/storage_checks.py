"""The files and checks of test_storage_failures.py: a shop, import files that outgrow the room left on a full disk,
and the assertions every trial makes (one storage sentence, the data unchanged, nothing half-written)."""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

from storage_support import content_digest, integrity, leftovers

from streamdesk.db import open_database
from streamdesk.messages import render

FULL = ("storage.full", "storage.io")  # SQLite says SQLITE_FULL for ENOSPC, SQLITE_IOERR for EFBIG
READ_ONLY = ("storage.read_only",)
SKUS, ORDERS = 800, 150  # the shop; each import adds 300 SKUs or 150 orders, far more than a full disk holds
MORE_SKUS = 300


# --- files -------------------------------------------------------------------------------------------------------
def _token(prefix: str, i: int) -> str:
    """Text that does not compress away: an export of 800 SKUs must outgrow the room left on the disk, XLSX too."""
    return hashlib.sha256(f"{prefix}{i}".encode()).hexdigest()


def write_products(path: Path, prefix: str, rows: int = SKUS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["商品名称", "规格", "商家编码", "成本", "售价", "库存", "分类"])
        for i in range(rows):
            writer.writerow(
                [
                    f"防晒衣 {prefix} {i} {_token(prefix, i)}",
                    f"颜色:白;尺码:{i}",
                    f"{prefix}-{i:05d}",
                    "35.00",
                    "129.00",
                    i % 40,
                    "服装",
                ]
            )
    return path


def write_orders(path: Path, prefix: str, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Order ID", "Buyer", "Seller", "Product Name", "Product Description", "Product Category",
             "Processed Date", "Order Status", "Sold Price", "Quantity", "Shipping Price", "Total", "Tracking Number"]
        )  # fmt: skip
        for i in range(rows):
            sku = i % SKUS
            writer.writerow(
                [f"{prefix}-{i:06d}", f"buyer {_token(prefix, i)}", "sunnyshop", f"防晒衣 BASE {sku} {_token('BASE', sku)}",
                 "", "Apparel", "10/07/2025 19:05", "Completed", "$29.00", "1", "$4.99", "$33.99", _token("track", i)]
            )  # fmt: skip
    return path


# --- checks ------------------------------------------------------------------------------------------------------
def named_path(stderr: str, codes: tuple[str, ...]) -> tuple[str, Path]:
    """(code, path) of the one-line storage sentence on stderr; fails unless stderr is exactly one such line."""
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    line = re.sub(r" \(File: [^()/]+\)$", "", lines[0])  # an import command may add the name of the file it read
    marker = "\u27e6PATH\u27e7"  # ⟦PATH⟧: printable, as render() shows control characters escaped
    for code in codes:
        before, after = render(code, {"path": marker}).split(marker)
        if line.startswith(before) and line.endswith(after):
            return code, Path(line[len(before) : len(line) - len(after)])
    raise AssertionError(f"not a {codes} sentence: {line!r}")


def assert_shop_unchanged(db: Path, digest: str) -> None:
    assert integrity(db) == "ok"
    assert content_digest(db) == digest


def assert_reopens(db: Path) -> None:
    """The app opens the file again once there is room (a full disk is not a damaged database)."""
    open_database(db).dispose()


def assert_nothing_half_written(*folders: Path) -> None:
    assert leftovers(*folders) == []


def copy_shop(files: dict[str, Path], folder: Path, name: str = "shop.sqlite3") -> Path:
    target = folder / name
    shutil.copyfile(files["shop"], target)
    target.chmod(0o600)
    return target


def shop_with_its_log(files: dict[str, Path], folder: Path) -> tuple[Path, str]:
    """A copy of the shop whose last commit is still in its -wal, without a -shm (copied while the app had it open,
    or left by a checkpoint the disk cut short): (path, content digest). Reading it needs a -shm, which a full disk
    or a read-only folder cannot give; that is no damage."""
    shop = copy_shop(files, folder)
    writer = sqlite3.connect(shop, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("UPDATE variants SET low_stock_threshold = 7 WHERE id = 1")
        kept = folder / "log-copy"
        shutil.copyfile(shop.with_name(shop.name + "-wal"), kept)
    finally:
        writer.close()  # checkpoints and removes the -wal and -shm …
    kept.replace(shop.with_name(shop.name + "-wal"))  # … so the copy taken while it was open goes back
    digest = content_digest(shop)
    shop.with_name(shop.name + "-shm").unlink(missing_ok=True)
    return shop, digest
