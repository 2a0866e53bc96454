"""A full disk and a read-only data folder (issue 10): every write the app makes fails with one clear sentence (CLI:
exit 2 and one line on stderr; GUI: the dialog's text), the database keeps its data and passes integrity_check, and
no half-written backup, export or settings file is left behind (no .part file, no truncated file with the final
name). How the disk is filled or made read-only: storage_support.py. Real processes, real files, real errno.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_checks import (
    FULL,
    MORE_SKUS,
    ORDERS,
    READ_ONLY,
    SKUS,
    assert_nothing_half_written,
    assert_reopens,
    assert_shop_unchanged,
    copy_shop,
    named_path,
    shop_with_its_log,
    write_orders,
    write_products,
)
from storage_support import (
    FSIZE,
    Disk,
    Zygote,
    cli,
    content_digest,
    disk,
    full_disk_kinds,
    in_child,
    integrity,
    read_only,
    read_only_kinds,
    scalar,
)

from streamdesk.config import Settings, load_settings, save_settings
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.messages import render
from streamdesk.migrations import SCHEMA_VERSION

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE, mounts and file modes are POSIX")

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
ROOM = 96 * 1024  # bytes left on the "full" disk: a -shm (32 kB) fits, an import's WAL does not


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    started = Zygote(tmp_path_factory.mktemp("storage-runs"))
    yield started
    started.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, zygote: Zygote) -> dict[str, Path]:
    """A shop with 800 SKUs and 300 orders (one file, no WAL beside it), and the files the tests import."""
    folder = tmp_path_factory.mktemp("storage-files")
    home = folder / "home"
    shop = folder / "shop.sqlite3"
    for args in (
        ("products", "import", str(write_products(folder / "base.csv", "BASE"))),
        ("orders", "import", str(write_orders(folder / "base_orders.csv", "WN-BASE", ORDERS))),
    ):
        done = zygote.cli(home, shop, *args)
        assert done.returncode == 0, done.stderr
    database = open_database(shop)
    try:
        Shows(database.sessions, clock=lambda: datetime.now(UTC)).create_show(ShowInput(title="Storage test"))
    finally:
        database.dispose()
    assert not shop.with_name(shop.name + "-wal").exists()  # the clean close checkpointed it
    return {
        "shop": shop,
        "products": write_products(folder / "more_products.csv", "MORE", MORE_SKUS),
        "orders": write_orders(folder / "more_orders.csv", "WN-MORE", ORDERS),
    }


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"  # config and log on the normal disk: the data folder is what fills up


@pytest.fixture(params=full_disk_kinds())
def full(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Disk]:
    with disk(request.param, tmp_path / "data") as made:
        yield made


# --- a full disk --------------------------------------------------------------------------------------------------
def test_an_order_import_on_a_full_disk_says_so_and_writes_nothing(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    shop = copy_shop(files, full.folder)
    before = content_digest(shop)
    full.fill(ROOM)
    done = zygote.cli(home, shop, "orders", "import", str(files["orders"]), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == shop
    assert_shop_unchanged(shop, before)
    assert scalar(shop, "SELECT COUNT(*) FROM orders") == ORDERS
    assert_reopens(shop)


def test_a_product_import_on_a_full_disk_says_so_and_writes_nothing(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    shop = copy_shop(files, full.folder)
    before = content_digest(shop)
    full.fill(ROOM)
    done = zygote.cli(home, shop, "products", "import", str(files["products"]), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == shop
    assert_shop_unchanged(shop, before)
    assert scalar(shop, "SELECT COUNT(*) FROM variants") == SKUS
    ledger = "SELECT COUNT(*) FROM variants v WHERE on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_moves m WHERE m.variant_id = v.id)"
    assert scalar(shop, ledger) == 0
    assert_reopens(shop)


def test_creating_a_database_on_a_full_disk_leaves_no_file(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    new = full.folder / "new.sqlite3"
    full.fill(16 * 1024)
    done = zygote.cli(home, new, "products", "import", str(files["products"]), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == new
    assert sorted(p.name for p in full.folder.iterdir()) == []  # not even an empty file that would read as damaged


def test_a_migration_on_a_full_disk_keeps_the_old_file_and_finishes_later(
    full: Disk, home: Path, zygote: Zygote
) -> None:
    old = full.folder / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", old)
    before = content_digest(old)
    full.fill(64 * 1024)  # less than the copy taken before migrating
    done = zygote.cli(home, old, "products", "export", str(full.folder / "out.csv"), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    _code, named = named_path(done.stderr, FULL)
    assert named == old or (named.parent.name == "backups" and named.name.startswith("pre-migrate-v1-")), named
    assert_shop_unchanged(old, before)
    assert scalar(old, "SELECT version FROM schema_info") == 1
    assert_nothing_half_written(full.folder)
    assert not (full.folder / "out.csv").exists()
    assert_reopens(old)  # with room again the upgrade runs
    assert scalar(old, "SELECT version FROM schema_info") == SCHEMA_VERSION


def test_the_gui_refuses_to_start_on_a_full_disk_with_the_same_sentence(full: Disk, home: Path, zygote: Zygote) -> None:
    """``streamdesk`` without a command starts the GUI: an upgrade that cannot write its copy first is refused before
    the window, in one sentence (stderr; a dialog when there is a screen), and the old file stays as it was."""
    old = full.folder / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", old)
    before = content_digest(old)
    full.fill(64 * 1024)
    done = zygote.cli(home, old, fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    _code, named = named_path(done.stderr, FULL)
    assert named.parent == full.folder / "backups" and not named.exists(), named
    assert_shop_unchanged(old, before)
    assert_nothing_half_written(full.folder)


def test_a_manual_backup_on_a_full_disk_leaves_no_file(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    shop = copy_shop(files, full.folder)
    backups = full.folder / "backups"
    full.fill(ROOM)
    done = zygote.cli(home, shop, "backup", fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1].parent == backups
    assert list(backups.iterdir()) == []  # neither a .part nor a truncated .streamdesk
    assert integrity(shop) == "ok"


EXPORTS = [
    pytest.param(("products", "export", "{out}"), ".csv", id="products-csv"),
    pytest.param(("products", "export", "{out}"), ".xlsx", id="products-xlsx"),
    pytest.param(("orders", "export", "{out}", "--preset", "generic_xlsx"), ".xlsx", id="orders-xlsx"),
]


@pytest.mark.parametrize(("command", "suffix"), EXPORTS)
def test_an_export_on_a_full_disk_leaves_no_file(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote, command: tuple[str, ...], suffix: str
) -> None:
    shop = copy_shop(files, full.folder)
    out = full.folder / f"export{suffix}"
    full.fill(40 * 1024)  # a -shm and a little more: the export of 800 SKUs is larger
    done = zygote.cli(home, shop, *(part.format(out=out) for part in command), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == out
    assert not out.exists()
    assert_nothing_half_written(full.folder)


def test_the_automatic_snapshot_on_a_full_disk_says_so_and_keeps_older_ones(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    """After the window closed (storage_gui_child.py close-snapshot: what run_gui calls)."""
    shop = copy_shop(files, full.folder)
    backups = full.folder / "backups"
    backups.mkdir(mode=0o700)
    older = shutil.copyfile(shop, backups / "shop.auto-20260101T120000Z.sqlite3")
    full.fill(ROOM)
    done = zygote.gui(home, "close-snapshot", str(shop), fsize=full.limit)
    full.free_again()
    assert done["outcome"] == "failed"
    named = named_path(done["stderr"], FULL)[1]
    assert named.parent == backups and named.name.startswith("shop.auto-"), named
    assert sorted(backups.iterdir()) == [older]  # the failed copy left nothing and rotated nothing out
    assert integrity(shop) == "ok"


def test_settings_saved_on_a_full_disk_keep_the_old_file(full: Disk, home: Path, zygote: Zygote) -> None:
    """Settings dialog → Save with no byte left: the dialog says so and the old file stays."""
    settings_file = full.folder / "settings.toml"
    save_settings(Settings(language="en", currency="EUR"), settings_file)
    full.fill(512)  # less than the settings file; the child's own report (stdout) still fits under the limit
    saved = zygote.gui(home, "settings", str(settings_file), fsize=full.limit)
    full.free_again()
    assert (saved["outcome"], saved["title"]) == ("refused", "Settings not saved")
    reason = "File too large" if full.kind == FSIZE else "No space left on device"
    assert saved["text"] == f"The settings could not be saved to {settings_file}: {reason}. Nothing was changed."
    assert load_settings(settings_file).currency == "EUR"
    assert_nothing_half_written(full.folder)


def test_the_gui_says_the_disk_is_full_when_an_import_fails(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    shop = copy_shop(files, full.folder)
    before = content_digest(shop)
    full.fill(ROOM)
    done = zygote.gui(home, "import", str(shop), str(files["products"]), fsize=full.limit)
    full.free_again()
    assert done["outcome"] == "error", done
    assert done["text"] in {render(code, {"path": shop}) for code in FULL} | {
        render(f"{code}_database", {}) for code in FULL
    }
    assert_shop_unchanged(shop, before)


# --- a read-only data folder --------------------------------------------------------------------------------------
@pytest.fixture(params=read_only_kinds())
def locked(request: pytest.FixtureRequest, tmp_path: Path, files: dict[str, Path]) -> Iterator[tuple[Path, str]]:
    """A data folder with the shop and a backups folder holding one backup, made read-only: (folder, digest)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shop = copy_shop(files, folder)
    (folder / "backups").mkdir(mode=0o700)
    shutil.copyfile(shop, folder / "backups" / "shop.auto-20260101T120000Z.sqlite3")
    (folder / "config").mkdir()
    save_settings(Settings(language="en", currency="EUR"), folder / "config" / "settings.toml")
    digest = content_digest(shop)
    listing = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    with read_only(request.param, folder):
        yield folder, digest
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == listing  # nothing added, nothing lost
    assert_shop_unchanged(shop, digest)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("orders", "import", "{orders}"), id="order-import"),
        pytest.param(("products", "import", "{products}"), id="product-import"),
        pytest.param(("backup",), id="backup"),
        pytest.param(("products", "export", "{folder}/out.csv"), id="products-export"),
        pytest.param(("orders", "export", "{folder}/out.csv", "--preset", "generic_csv"), id="orders-export"),
        pytest.param(("shows", "export-rundown", "1", "--out", "{folder}/out.csv"), id="rundown-export"),
    ],
)
def test_writes_to_a_read_only_folder_say_so(
    locked: tuple[Path, str], files: dict[str, Path], home: Path, command: tuple[str, ...], zygote: Zygote
) -> None:
    folder, _digest = locked
    shop = folder / "shop.sqlite3"
    values = {"orders": files["orders"], "products": files["products"], "folder": folder}
    done = zygote.cli(home, shop, *(part.format(**values) for part in command))
    assert done.returncode == 2, (done.stdout, done.stderr)
    _code, named = named_path(done.stderr, READ_ONLY)
    assert named in (shop, folder / "out.csv") or named.parent == folder / "backups", named


def test_a_new_database_in_a_read_only_folder_says_so(
    locked: tuple[Path, str], files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    folder, _digest = locked
    done = zygote.cli(home, folder / "new.sqlite3", "products", "import", str(files["products"]))
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, READ_ONLY)[1] == folder / "new.sqlite3"


def test_the_gui_opens_a_shop_in_a_read_only_folder_for_reading(
    locked: tuple[Path, str], home: Path, zygote: Zygote
) -> None:
    """SQLite reads a WAL database from a read-only folder: the window opens and shows the shop; each write then
    fails with the read-only sentence (the tests above), and the folder is left as it was (the fixture checks)."""
    folder, _digest = locked
    done = zygote.cli(home, folder / "shop.sqlite3", "--quit-after-first-paint")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout.startswith("first paint after ")


def test_the_automatic_snapshot_in_a_read_only_folder_says_so(
    locked: tuple[Path, str], home: Path, zygote: Zygote
) -> None:
    folder, _digest = locked
    done = zygote.gui(home, "close-snapshot", str(folder / "shop.sqlite3"))
    assert done["outcome"] == "failed"
    assert named_path(done["stderr"], READ_ONLY)[1].parent == folder / "backups"


def test_the_gui_says_the_folder_is_read_only(
    locked: tuple[Path, str], files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    folder, _digest = locked
    settings_file = folder / "config" / "settings.toml"
    saved = zygote.gui(home, "settings", str(settings_file))
    assert saved["outcome"] == "refused"
    assert saved["title"] == "Settings not saved"
    assert saved["text"].startswith(f"The settings could not be saved to {settings_file}: ")
    assert saved["text"].endswith(". Nothing was changed.")
    imported = zygote.gui(home, "import", str(folder / "shop.sqlite3"), str(files["products"]))
    assert imported["outcome"] == "error", imported
    assert imported["text"] in (
        render("storage.read_only", {"path": folder / "shop.sqlite3"}),
        render("storage.read_only_database", {}),
    )


def test_the_simulated_disk_is_really_full(full: Disk) -> None:
    """The simulation itself: a filled tmpfs refuses a write with ENOSPC, the file-size limit with EFBIG."""
    full.fill(4096)
    outcome, raised = in_child(lambda: (full.folder / "big.bin").write_bytes(b"x" * 65536), full.preexec())
    full.free_again()
    assert outcome == "raised" and raised[0] == "OSError", raised
    assert ("File too large" if full.kind == FSIZE else "No space left on device") in raised[3]


def test_a_log_file_on_the_full_disk_stays_quiet(full: Disk, files: dict[str, Path], zygote: Zygote) -> None:
    """The log lives on the full disk too: records that cannot be written are dropped, stderr keeps its one line."""
    shop = copy_shop(files, full.folder)
    home = full.folder / "home"
    (home / "logs").mkdir(parents=True)
    (home / "logs" / "streamdesk.log").write_bytes(b"earlier lines\n" * 8000)  # 112 kB: past the file-size limit
    full.fill(ROOM)
    done = zygote.cli(home, shop, "orders", "import", str(files["orders"]), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == shop


@pytest.mark.parametrize("kind", read_only_kinds())
def test_a_read_only_log_folder_does_not_stop_a_command(
    kind: str, tmp_path: Path, files: dict[str, Path], zygote: Zygote
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shop = copy_shop(files, tmp_path)
    out = tmp_path / "products.csv"
    with read_only(kind, home):
        done = zygote.cli(home, shop, "products", "export", str(out))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert out.stat().st_size > 0
    assert list(home.iterdir()) == []


def test_a_database_with_its_log_on_a_full_disk_is_not_called_damaged(
    full: Disk, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    shop, before = shop_with_its_log(files, full.folder)
    full.fill(16 * 1024)  # no room for the -shm a reader needs
    done = zygote.cli(home, shop, "orders", "import", str(files["orders"]), fsize=full.limit)
    full.free_again()
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, FULL)[1] == shop
    assert_shop_unchanged(shop, before)


@pytest.mark.parametrize("kind", read_only_kinds())
def test_a_database_with_its_log_in_a_read_only_folder_is_not_called_damaged(
    kind: str, tmp_path: Path, files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shop, before = shop_with_its_log(files, folder)
    with read_only(kind, folder):
        done = zygote.cli(home, shop, "orders", "import", str(files["orders"]))
    assert done.returncode == 2, done.stderr
    assert named_path(done.stderr, READ_ONLY)[1] == shop
    assert_shop_unchanged(shop, before)


@pytest.mark.parametrize("locked", read_only_kinds()[1:], indirect=True)  # one kind is enough: a second start-up
def test_the_real_command_line_says_the_same_as_the_forked_one(
    locked: tuple[Path, str], files: dict[str, Path], home: Path, zygote: Zygote
) -> None:
    """The other tests fork storage_zygote.py to save start-up time; ``python -m streamdesk`` answers the same."""
    folder, _digest = locked
    real = cli(home, folder / "shop.sqlite3", "backup")
    forked = zygote.cli(home, folder / "shop.sqlite3", "backup")

    def stamped(text: str) -> str:  # the backup's name carries the second it was taken
        return re.sub(r"\d{8}T\d{6}Z", "<UTC>", text)

    assert (real.returncode, stamped(real.stderr), real.stdout) == (forked.returncode, stamped(forked.stderr), "")
    assert named_path(real.stderr, READ_ONLY)[1].parent == folder / "backups"
