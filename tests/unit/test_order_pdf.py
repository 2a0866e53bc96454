"""Pick lists and packing slips (core/order_pdf.py): real PDFs whose pages and text poppler reads back."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shipping_support import Line, Spec, add_orders

from streamdesk.core.errors import UserError
from streamdesk.core.order_pdf import pick_list_html, write_pick_list
from streamdesk.core.order_types import PickListRow
from streamdesk.core.orders import Orders
from streamdesk.core.shipping_io import PICK_LIST_HEADERS, SenderInfo, ShippingIO
from streamdesk.db import Database

PRINTED = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    out = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return unicodedata.normalize("NFKC", out.stdout)  # Noto CJK maps some ideographs to Kangxi radicals


@pytest.fixture
def shipping(database: Database) -> ShippingIO:
    clock = lambda: PRINTED  # noqa: E731
    sender = SenderInfo(
        name="小鱼", company="小店服饰 Fish Wear", phone="13900000000", address="杭州市余杭区仓前街道1号"
    )
    return ShippingIO(Orders(database.sessions, clock=clock), sender=sender, clock=clock, sessions=database.sessions)


def test_packing_slips_have_one_page_per_order_with_lines_and_buyer_note(
    qapp, database: Database, shipping: ShippingIO, tmp_path: Path
) -> None:
    many = tuple(Line(f"袜子 第{i}款", 1, 990, f"SOCK-{i:02d}", "均码") for i in range(60))  # far more than a page
    ids = add_orders(
        database,
        [
            Spec(
                "6917000000000000123",
                lines=(Line("冰丝防晒衣", 2, 5990, "SUN-W-M", "白/M"), Line("遮阳帽", 1, 1990, "HAT-01")),
                buyer_note="请用纸箱包装，不要放发票",
            ),
            Spec("0012345", lines=many, recipient="王小二", minutes=5),
            Spec("576-123-001", lines=(Line("Sun hat", 3, 1250, "HAT-RED", "Red"),), recipient="Jane Doe", minutes=9),
        ],
    )
    dest = tmp_path / "slips.pdf"
    pages = shipping.packing_slips_pdf(dest, [ids["6917000000000000123"], ids["0012345"], ids["576-123-001"]])
    assert pages == 3 and pdf_pages(dest) == 3
    first = pdf_text(dest, 1)
    for expected in ("6917000000000000123", "SUN-W-M", "冰丝防晒衣", "白/M", "HAT-01", "遮阳帽", "请用纸箱包装，不要放发票",
                     "张三", "13800138000", "文三路90号", "小店服饰 Fish Wear"):  # fmt: skip
        assert unicodedata.normalize("NFKC", expected) in first, expected
    assert "0012345" not in first and "Jane Doe" not in first
    long_order = pdf_text(dest, 2)
    assert "SOCK-00" in long_order and "SOCK-59" in long_order  # the long order shrank onto its one page
    assert "Jane Doe" in pdf_text(dest, 3) and "HAT-RED" in pdf_text(dest, 3)
    assert "59.90" not in pdf_text(dest)  # no prices on a slip that goes into the parcel
    assert not list(tmp_path.glob(".*partial"))


def test_packing_slips_need_orders(qapp, shipping: ShippingIO, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        shipping.packing_slips_pdf(tmp_path / "none.pdf", [])
    assert refused.value.code == "shipping_io.no_orders" and not (tmp_path / "none.pdf").exists()


ROWS = (
    PickListRow(variant_id=1, sku_code="SUN-W-M", title="冰丝防晒衣", spec="白/M", quantity=12, orders=9, on_hand=30),
    PickListRow(variant_id=2, sku_code="HAT-01", title="遮阳帽", spec="", quantity=5, orders=5, on_hand=-2),
    PickListRow(variant_id=None, sku_code="", title="未匹配的商品", spec="蓝", quantity=1, orders=1, on_hand=None),
)


def test_the_pick_list_pdf_lists_every_sku_with_its_units(qapp, shipping: ShippingIO, tmp_path: Path) -> None:
    dest = tmp_path / "pick.pdf"
    pages = shipping.pick_list_pdf(dest, ROWS, title="三月围巾专场", subtitle="2026-03-01 20:00")
    assert pages == 1 == pdf_pages(dest)
    text = pdf_text(dest)
    for expected in ("三月围巾专场", "SUN-W-M", "冰丝防晒衣", "白/M", "12", "HAT-01", "未匹配的商品", "Page 1 of 1"):
        assert expected in text, expected
    assert "3 SKUs, 18 units" in text


def test_a_long_pick_list_runs_over_pages_with_numbers(qapp, tmp_path: Path) -> None:
    rows = [PickListRow(i, f"SKU-{i:04d}", f"商品 {i}", "", 1, 1, 5) for i in range(150)]
    dest = tmp_path / "long.pdf"
    pages = write_pick_list(rows, dest, title="Big show", printed_at=PRINTED)
    assert pages == pdf_pages(dest) > 1
    assert f"Page {pages} of {pages}" in pdf_text(dest, pages) and "SKU-0149" in pdf_text(dest, pages)


def test_shortage_is_marked_in_the_html(qapp) -> None:
    html = pick_list_html(ROWS, title="t", subtitle="", printed_at=PRINTED, zone=UTC)
    assert 'color:#b3261e; font-weight:bold">-2<' in html and "☐" in html


def test_the_pick_list_csv_reads_back(shipping: ShippingIO, tmp_path: Path) -> None:
    import pandas as pd

    dest = tmp_path / "pick.csv"
    rows = (*ROWS, PickListRow(3, "=SUM(A1)", "+赠品", "-", 2, 1, 0))
    assert shipping.pick_list_csv(dest, rows) == 4
    assert dest.read_bytes().startswith(b"\xef\xbb\xbf")  # opened in Excel: BOM by default
    frame = pd.read_csv(dest, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == list(PICK_LIST_HEADERS)
    assert list(frame["quantity"]) == ["12", "5", "1", "2"] and list(frame["on_hand"]) == ["30", "-2", "", "0"]
    assert list(frame.iloc[3][:3]) == ["'=SUM(A1)", "'+赠品", "'-"]
    headers = ("SKU", "商品", "规格", "数量", "订单数", "库存")
    shipping.pick_list_csv(dest, ROWS, headers=headers)
    assert list(pd.read_csv(dest, encoding="utf-8-sig").columns) == list(headers)
