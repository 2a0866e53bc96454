"""``streamdesk orders export|picklist`` in a subprocess: files written and read back, JSON, exit codes, one-line
errors, and a database left as it was."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, digest
from cli_support import run_without_display as run

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.models.base import OrderSource, OrderStatus, Platform
from streamdesk.models.orders import Order, OrderLine

ROOT = Path(__file__).resolve().parents[2]
PLACED = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)


@pytest.fixture
def shop(cli_db: Target, tmp_path: Path) -> tuple[Target, int]:
    """A database with a show, two SKUs and four orders of it (one masked, one cancelled), on each engine; returns
    (its --db, show id)."""
    database = open_database(cli_db)
    clock = lambda: PLACED  # noqa: E731
    images = tmp_path / "images"
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=clock
    )
    product = catalogue.create_product(
        ProductInput(
            title="冰丝防晒衣",
            variants=(
                VariantInput("SUN-W-M", (("颜色", "白"),), initial_stock=50),
                VariantInput("SUN-B-L", (("颜色", "黑"),), initial_stock=5),
            ),
        )
    )
    white, black = (v.id for v in catalogue.get_product(product).variants)
    show_id = Shows(database.sessions, clock=clock).create_show(
        ShowInput(title="三月防晒专场", platforms=(Platform.DOUYIN,))
    )
    orders = [
        (
            "6917000000000000001",
            OrderStatus.PAID,
            "张三",
            "13800138000",
            "",
            ((white, "SUN-W-M", 2), (black, "SUN-B-L", 1)),
        ),
        ("0012345", OrderStatus.PAID, "王小二", "02158889999", "", ((white, "SUN-W-M", 1),)),
        ("6917000000000000003", OrderStatus.PAID, "李**", "138****1234", "", ((black, "SUN-B-L", 4),)),
        ("6917000000000000004", OrderStatus.CANCELLED, "赵六", "13900000000", "=1+1", ((white, "SUN-W-M", 9),)),
    ]
    with database.sessions(write=True) as session, session.begin():
        for minutes, (number, status, recipient, phone, note, lines) in enumerate(orders):
            order = Order(
                platform=Platform.DOUYIN, order_no=number, source=OrderSource.IMPORT, status=status, show_id=show_id,
                created_at=PLACED.replace(minute=minutes), recipient=recipient, phone=phone, pii_masked="*" in phone,
                address="上海 上海市 浦东新区 张江镇祖冲之路887弄（201203）", buyer_note=note, goods_minor=5990,
                paid_minor=5990,
            )  # fmt: skip
            session.add(order)
            session.flush()
            for line_no, (variant, sku, quantity) in enumerate(lines, start=1):
                session.add(OrderLine(order_id=order.id, line_no=str(line_no), variant_id=variant, sku_code=sku,
                                      title="冰丝防晒衣", quantity=quantity, unit_price_minor=5990))  # fmt: skip
    database.dispose()
    return cli_db, show_id


def test_export_writes_the_courier_file_and_reports_what_it_left_out(
    home: Path, shop: tuple[Target, int], tmp_path: Path
) -> None:
    db, show_id = shop
    target = tmp_path / "快递.xlsx"
    result = run(home, db, "orders", "export", str(target), "--preset", "cn_generic", "--show", str(show_id), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["orders"], summary["rows"], summary["statuses"]) == (2, 2, ["paid"])  # cancelled: not paid
    assert [(s["order_no"], s["code"]) for s in summary["skipped"]] == [("6917000000000000003", "shipping_io.masked")]
    assert "masked" in summary["skipped"][0]["reason"]
    frame = pd.read_excel(target, dtype=str, keep_default_na=False)
    assert list(frame["订单号"]) == ["6917000000000000001", "0012345"]
    assert list(frame["电话"]) == ["13800138000", "02158889999"] and set(frame["区"]) == {"浦东新区"}
    assert list(frame["数量"]) == ["3", "1"]


def test_export_text_output_and_status_choice(home: Path, shop: tuple[Target, int], tmp_path: Path) -> None:
    db, _ = shop
    target = tmp_path / "all.csv"
    result = run(home, db, "orders", "export", str(target), "--preset", "generic_csv", "--status", "paid,cancelled")
    assert result.returncode == 0, result.stderr
    assert re.search(r"Wrote 4 orders? ?(\(s\))? \(5 rows, preset generic_csv\)", result.stdout), result.stdout
    frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert len(frame) == 5 and "'=1+1" in set(frame["buyer_note"])  # neutralised
    result = run(home, db, "orders", "export", str(tmp_path / "ss.csv"), "--preset", "shipstation")
    assert result.returncode == 0 and "Order 6917000000000000003: left out" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--preset", "dhl"), "There is no shipping export preset ‘dhl’"),
        (("--preset", "sf"), "writes .xlsx files"),  # the target below is .csv
        (("--preset", "generic_csv", "--status", "lost"), "‘lost’ is not an order status"),
        (("--preset", "generic_csv", "--show", "999"), ""),
    ],
)
def test_export_refuses_bad_input_with_one_line_and_exit_2(
    home: Path, shop: tuple[Target, int], tmp_path: Path, args: tuple[str, ...], needle: str
) -> None:
    db, _ = shop
    before = digest(db)
    target = tmp_path / "out.csv"
    result = run(home, db, "orders", "export", str(target), *args)
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and needle in result.stderr
    assert not target.exists() and digest(db) == before


def test_picklist_pdf_and_csv(home: Path, shop: tuple[Target, int], tmp_path: Path) -> None:
    db, show_id = shop
    pdf = tmp_path / "pick.pdf"
    result = run(home, db, "orders", "picklist", "--show", str(show_id), "--out", str(pdf), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["skus"], summary["units"], summary["pages"]) == (2, 8, 1)  # paid orders only: 3 white + 5 black
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "SUN-W-M" in text and "SUN-B-L" in text
    csv_path = tmp_path / "pick.csv"
    result = run(home, db, "orders", "picklist", "--show", str(show_id), "--out", str(csv_path), lang="en")
    assert result.returncode == 0
    assert re.search(r"Wrote the pick list of “三月防晒专场” \(2 SKU(s|\(s\)), 8 units\)", result.stdout), result.stdout
    frame = pd.read_csv(csv_path, dtype=str, encoding="utf-8-sig")
    assert list(frame.columns) == ["SKU", "Product", "Spec", "Units", "Orders", "On hand"]
    assert dict(zip(frame["SKU"], frame["Units"], strict=True)) == {"SUN-B-L": "5", "SUN-W-M": "3"}


def test_picklist_refuses_another_extension(home: Path, shop: tuple[Target, int], tmp_path: Path) -> None:
    db, show_id = shop
    result = run(home, db, "orders", "picklist", "--show", str(show_id), "--out", str(tmp_path / "pick.txt"))
    assert result.returncode == 2 and "as .pdf or .csv" in result.stderr and len(result.stderr.splitlines()) == 1
