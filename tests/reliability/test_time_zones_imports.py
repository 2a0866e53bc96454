"""Time zones of platform exports: zone-less times are read in the platform's zone whatever the computer's zone
(Chinese platforms: Beijing time; TikTok: its market's zone and date order), date-only exports and the seller's own
spreadsheets in the computer's zone; exports write local time and import back to the same moments. A few checks run
``python -m streamdesk`` as a real process with ``TZ`` set. Zones and clock changes: time_support.py.
"""

# ruff: noqa: F811 - the fixtures imported from time_support are used by name, as test arguments

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FakeUTCClock
from time_support import (  # the fixtures are used by name
    BEIJING,
    FIXTURES,
    ROOT,
    autumn,
    catalogue,  # noqa: F401
    computer_zone,
    database,  # noqa: F401
    douyin_created_times,
    migrated,  # noqa: F401
    shows,  # noqa: F401
    write_rundown_rows,
    zone,  # noqa: F401
)

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.jobs import run_to_end
from streamdesk.core.order_types import Platform
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database, open_database


def test_chinese_order_and_metrics_exports_are_beijing_time_whatever_the_computers_zone(
    zone: ZoneInfo, database: Database, shows: Shows, catalogue: Catalogue, utc_clock: FakeUTCClock
) -> None:
    from streamdesk.core.metrics_io import MetricsIO
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    orders = Orders(database.sessions, clock=utc_clock)
    orders_io = OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=utc_clock, zones={})
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "douyin_gbk.csv"))))
    expected = douyin_created_times()
    with sqlite3.connect(database.path) as raw:
        stored = dict(raw.execute("SELECT order_no, created_at FROM orders").fetchall())
    assert set(stored) == set(expected)
    for order_no, naive in expected.items():  # 20:15 in Beijing is 12:15 UTC, in Berlin or in Chatham alike
        assert datetime.fromisoformat(stored[order_no]) == naive - timedelta(hours=8)

    show = shows.create_show(
        ShowInput("trend", platforms=(Platform.DOUYIN,), planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    )
    plan = MetricsIO(database.sessions, clock=utc_clock).plan(FIXTURES / "metrics" / "douyin_trend_gbk.csv", show)
    assert plan.samples[0].at == datetime(2026, 1, 5, 20, 0, tzinfo=BEIJING)


TIKTOK_HEADER = ["Order ID", "Order Status", "Seller SKU", "Product Name", "Quantity", "Order Amount", "Created Time"]


@pytest.mark.parametrize(
    ("amount", "created", "market_zone", "naive"),
    [
        ("$25.00", "03/10/2026 8:05:00 PM", "America/Los_Angeles", datetime(2026, 3, 10, 20, 5)),
        ("₫150.000", "10/03/2026 20:05:00", "Asia/Ho_Chi_Minh", datetime(2026, 3, 10, 20, 5)),
        ("Rp 150.000", "2026-03-10 20:05:00", "Asia/Jakarta", datetime(2026, 3, 10, 20, 5)),
        ("RM 35.90", "2026-03-10 20:05:00", "Asia/Kuala_Lumpur", datetime(2026, 3, 10, 20, 5)),
        ("£12.00", "2026-03-10 20:05:00", "Europe/London", datetime(2026, 3, 10, 20, 5)),
    ],
)
def test_tiktok_orders_are_read_in_their_markets_zone(
    amount: str,
    created: str,
    market_zone: str,
    naive: datetime,
    database: Database,
    catalogue: Catalogue,
    utc_clock: FakeUTCClock,
    tmp_path: Path,
) -> None:
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    path = tmp_path / "tiktok.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        row = ["5771234567890123", "Delivered", "SKU-1", "Scarf", "1", amount, created]
        csv.writer(handle).writerows([TIKTOK_HEADER, row])
    orders_io = OrdersIO(
        database.sessions, catalogue=catalogue, orders=Orders(database.sessions, clock=utc_clock), clock=utc_clock,
        zones={},
    )  # fmt: skip
    with computer_zone("Asia/Shanghai"):  # the seller's computer is in China; the market is not
        run_to_end(orders_io.apply(run_to_end(orders_io.plan(path))))
    with sqlite3.connect(database.path) as raw:
        (stored,) = raw.execute("SELECT created_at FROM orders").fetchone()
    assert datetime.fromisoformat(stored) == naive.replace(tzinfo=ZoneInfo(market_zone)).astimezone(UTC).replace(
        tzinfo=None
    )


@pytest.mark.parametrize("name", ["Europe/Berlin", "Pacific/Chatham"])
def test_tiktok_live_list_is_read_in_its_markets_zone_on_any_computer(
    name: str, database: Database, utc_clock: FakeUTCClock
) -> None:
    from streamdesk.core.metrics_io import MetricsIO

    shows = Shows(database.sessions, clock=utc_clock)
    show = shows.create_show(
        ShowInput(
            "tiktok",
            platforms=(Platform.TIKTOK,),
            planned_start=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
            currency="IDR",
        )
    )
    with computer_zone(name):
        plan = MetricsIO(database.sessions, clock=utc_clock).plan(FIXTURES / "metrics" / "tiktok_live_list.csv", show)
    assert plan.chosen_row == 3  # launched 19:00 Jakarta time = the show's 12:00 UTC start


@pytest.mark.parametrize("clock_only", [False, True], ids=["date-and-time", "time-of-day"])
def test_a_trend_through_the_repeated_hour_keeps_both_hours(
    clock_only: bool, database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    """A TikTok US live at 00:30 Pacific on the night the clocks go back: 01:00-01:59 comes twice in the file."""
    from streamdesk.core.metrics_io import MetricsIO

    pacific = ZoneInfo("America/Los_Angeles")
    loss = autumn("America/Los_Angeles")  # 2026-11-01 09:00 UTC, 02:00 PDT → 01:00 PST
    start = loss.at - timedelta(minutes=90)  # 00:30 PDT
    show = Shows(database.sessions, clock=utc_clock).create_show(
        ShowInput("night live", platforms=(Platform.TIKTOK,), planned_start=start, currency="USD")
    )
    instants = [start + timedelta(minutes=10 * step) for step in range(19)]  # 00:30 PDT … 02:30 PST, 3 hours
    walls = [moment.astimezone(pacific) for moment in instants]
    pattern = "%H:%M" if clock_only else "%Y-%m-%d %H:%M"
    path = tmp_path / "trend.csv"
    path.write_text(
        "Time,Online\n" + "".join(f"{wall.strftime(pattern)},{100 + n}\n" for n, wall in enumerate(walls)),
        encoding="utf-8",
    )
    with computer_zone("Asia/Shanghai"):
        plan = MetricsIO(database.sessions, clock=utc_clock).plan(
            path, show, preset="mapping", platform=Platform.TIKTOK, mapping={"time": "Time", "online": "Online"}
        )
    assert len({wall.strftime("%H:%M") for wall in walls}) == len(walls) - 6  # six wall times come twice
    assert [sample.at for sample in plan.samples] == instants
    assert plan.duplicates == 0 and plan.gaps == ()


def test_date_only_exports_and_own_spreadsheets_are_the_sellers_local_time(
    zone: ZoneInfo, database: Database, catalogue: Catalogue, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    """Etsy gives dates only ("10/07/25"): the order belongs on that day on the seller's screen, wherever the
    seller is. A spreadsheet of the seller's own (a column mapping, no platform) is written in the seller's time."""
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO

    orders_io = OrdersIO(
        database.sessions, catalogue=catalogue, orders=Orders(database.sessions, clock=utc_clock), clock=utc_clock,
        zones={},
    )  # fmt: skip
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "etsy" / "EtsySoldOrders2025-10.csv"))))
    own = tmp_path / "my-orders.csv"
    own.write_text("单号,商品,数量,下单时间\nA1001,围巾,1,2026-03-29 20:05:00\n", encoding="utf-8")
    mapping = {"order_id": "单号", "title": "商品", "qty": "数量", "created_at": "下单时间"}
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(own, mapping=mapping))))
    with sqlite3.connect(database.path) as raw:
        stored = {no: datetime.fromisoformat(at).replace(tzinfo=UTC) for no, at in raw.execute(
            "SELECT order_no, created_at FROM orders"
        )}  # fmt: skip
    shown = {no: moment.astimezone().strftime("%Y-%m-%d %H:%M") for no, moment in stored.items()}
    assert shown == {"3300000001": "2025-10-07 00:00", "3300000002": "2025-10-06 00:00", "A1001": "2026-03-29 20:05"}


def test_the_mapping_dialog_says_own_files_are_read_in_the_computers_zone(qapp: object, tmp_path: Path) -> None:
    from streamdesk.core.orders_io import DEFAULT_ZONES
    from streamdesk.core.products_io.reading import read_source
    from streamdesk.ui.pages.orders.mapping_dialog import MappingDialog

    path = tmp_path / "my-orders.csv"
    path.write_text("单号,下单时间\nA1001,2026-03-29 20:05:00\n", encoding="utf-8")
    dialog = MappingDialog(read_source(path), {}, platform=Platform.OTHER, zones=DEFAULT_ZONES, save=lambda *_: None)
    assert dialog.zone_label.text() == "Times without a time zone are read in this computer's time zone."
    dialog.platform_combo.setCurrentIndex(dialog.platform_combo.findData(Platform.DOUYIN))
    assert "Asia/Shanghai" in dialog.zone_label.text()
    dialog.deleteLater()


def test_the_generic_order_export_shows_local_times_and_imports_back_to_the_same_moments(
    zone: ZoneInfo, database: Database, catalogue: Catalogue, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    from streamdesk.core.order_types import OrderFilter
    from streamdesk.core.orders import Orders
    from streamdesk.core.orders_io import OrdersIO
    from streamdesk.core.shipping_io import ShippingIO

    orders = Orders(database.sessions, clock=utc_clock)
    orders_io = OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=utc_clock, zones={})
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(FIXTURES / "orders" / "douyin_gbk.csv"))))
    target = tmp_path / "orders.csv"
    shipping = ShippingIO(orders, sender=None, clock=utc_clock, sessions=database.sessions)  # the computer's zone
    run_to_end(shipping.export(target, "generic_csv", OrderFilter()))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    beijing = douyin_created_times()
    for row in rows:  # 20:15 Beijing time is written as the computer's clock showed it
        expected = beijing[row["order_id"]].replace(tzinfo=BEIJING).astimezone(zone)
        assert row["created_at"] == expected.strftime("%Y-%m-%d %H:%M:%S")
    mapping = {"order_id": "order_id", "title": "title", "qty": "qty", "created_at": "created_at"}
    run_to_end(orders_io.apply(run_to_end(orders_io.plan(target, mapping=mapping))))
    with sqlite3.connect(database.path) as raw:
        stored = raw.execute("SELECT platform, order_no, created_at FROM orders").fetchall()
    original = {no: at for platform, no, at in stored if platform == "douyin"}
    again = {no: at for platform, no, at in stored if platform == "other"}
    assert again == original and len(again) == len(beijing)


def _cli(home: Path, db: Path, zone_name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STREAMDESK_HOME": str(home), "TZ": zone_name, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", "--db", str(db), *args],
        capture_output=True, text=True, env=env, timeout=60, cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.slow  # three processes: about 6 s
def test_cli_reads_beijing_times_shows_local_times_and_refuses_a_skipped_time(
    tmp_path: Path, utc_clock: FakeUTCClock
) -> None:
    home, db = tmp_path / "home", tmp_path / "shop.sqlite3"
    database = open_database(db)
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 in Berlin, the night the clocks go forward
    show_id = Shows(database.sessions, clock=utc_clock).create_show(
        ShowInput(title="night", planned_start=start, planned_seconds=7200)
    )
    database.dispose()
    imported = _cli(home, db, "America/New_York", "orders", "import", str(FIXTURES / "orders" / "douyin_gbk.csv"))
    assert imported.returncode == 0, imported.stderr
    with sqlite3.connect(db) as raw:
        stored = dict(raw.execute("SELECT order_no, created_at FROM orders").fetchall())
    assert {k: datetime.fromisoformat(v) for k, v in stored.items()} == {
        k: v - timedelta(hours=8) for k, v in douyin_created_times().items()
    }
    listed = _cli(home, db, "Europe/Berlin", "shows", "list")
    assert listed.returncode == 0, listed.stderr
    assert "2026-03-29 01:30" in listed.stdout, listed.stdout
    rundown = write_rundown_rows(
        tmp_path / "rundown.csv", [["1", "Opening", "20:00", ""], ["2", "Flash sale", "5:00", "02:30"]]
    )
    refused = _cli(home, db, "Europe/Berlin", "shows", "import-rundown", str(rundown), "--show", str(show_id))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = refused.stderr.strip()
    assert "Traceback" not in refused.stderr
    assert "02:30" in message and "2026-03-29" in message and "Row 3" in message, message
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT COUNT(*) FROM segments").fetchone() == (0,)


@pytest.mark.parametrize("clock_only", [False, True], ids=["date-and-time", "time-of-day"])
def test_an_own_metrics_sheet_is_read_in_the_computers_time(
    clock_only: bool, database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    """A seller's own minute sheet (column mapping, no platform) of a show at 20:00 Berlin time, on the night before
    the clocks go forward and through the change the next night: the samples land on the show's real minutes."""
    from streamdesk.core.metrics_io import MetricsIO

    berlin = ZoneInfo("Europe/Berlin")
    for day in (28, 29):  # 20:00 CET on the 28th, 20:00 CEST on the 29th
        start = datetime(2026, 3, day, 20, 0, tzinfo=berlin).astimezone(UTC)
        show = Shows(database.sessions, clock=utc_clock).create_show(
            ShowInput(f"own sheet {day}", platforms=(Platform.OTHER,), planned_start=start)
        )
        pattern = "%H:%M" if clock_only else "%Y-%m-%d %H:%M"
        minutes = [start + timedelta(minutes=n) for n in range(3)]
        path = tmp_path / f"sheet-{day}.csv"
        rows = "".join(f"{moment.astimezone(berlin).strftime(pattern)},{100 + n}\n" for n, moment in enumerate(minutes))
        path.write_text("时间,在线\n" + rows, encoding="utf-8")
        with computer_zone("Europe/Berlin"):
            plan = MetricsIO(database.sessions, clock=utc_clock).plan(
                path, show, preset="mapping", platform=Platform.OTHER, mapping={"time": "时间", "online": "在线"}
            )
        assert [sample.at for sample in plan.samples] == minutes
