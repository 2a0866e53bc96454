"""Shipping exports (core/shipping_io): every preset written and read back with pandas."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from shipping_support import FORMULA, PLACED, Line, Spec, add_orders, shop_orders

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.order_types import OrderFilter, OrderStatus, Platform
from streamdesk.core.orders import Orders
from streamdesk.core.shipping_io import ExportFormat, SenderInfo, ShippingIO
from streamdesk.db import Database

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SENDER = SenderInfo(name="小鱼的店", phone="13900000000", company="小鱼服饰", address="浙江省杭州市余杭区仓前街道1号")
COURIER_PRESETS = ("sf", "zto", "cn_generic", "shipstation", "pirateship", "shippo", "royalmail")


@pytest.fixture
def ids(database: Database) -> dict[str, int]:
    return add_orders(database, shop_orders())


@pytest.fixture
def shipping(database: Database, ids: dict[str, int]) -> ShippingIO:
    clock = lambda: datetime(2026, 3, 2, tzinfo=UTC)  # noqa: E731
    return ShippingIO(
        Orders(database.sessions, clock=clock), sender=SENDER, clock=clock, sessions=database.sessions, zone=UTC
    )


def export(shipping: ShippingIO, dest: Path, preset: str, **kwargs):
    return run_to_end(shipping.export(dest, preset, kwargs.pop("filter", OrderFilter()), **kwargs))


def read_back(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return pd.read_excel(path, dtype=str, keep_default_na=False)


def test_the_presets_are_the_nine_of_the_contract(shipping: ShippingIO) -> None:
    presets = {p.key: p for p in shipping.presets()}
    assert list(presets) == [*COURIER_PRESETS, "generic_csv", "generic_xlsx"]
    assert len(presets["sf"].headers) == 44 and presets["sf"].headers[0] == "用户订单号"
    assert presets["sf"].headers[-1] == "扩展字段5" and "温度追溯（离线）" in presets["sf"].headers
    assert presets["cn_generic"].headers == (
        "订单号",
        "收件人",
        "电话",
        "省",
        "市",
        "区",
        "详细地址",
        "物品",
        "数量",
        "备注",
    )
    assert all(presets[key].courier for key in COURIER_PRESETS)
    assert not presets["generic_csv"].courier and presets["sf"].all_text
    assert presets["royalmail"].formats == (ExportFormat.CSV, ExportFormat.XLSX)


@pytest.mark.parametrize("preset", COURIER_PRESETS)
def test_courier_exports_refuse_masked_and_addressless_orders_and_say_so(
    shipping: ShippingIO, tmp_path: Path, preset: str
) -> None:
    suffix = next(p for p in shipping.presets() if p.key == preset).formats[0].value
    result = export(shipping, tmp_path / f"out.{suffix}", preset, filter=OrderFilter(statuses=(OrderStatus.PAID,)))
    skipped = {(p.order_no, p.code) for p in result.skipped}
    assert skipped == {("6917000000000000456", "shipping_io.masked"), ("L-20260301-0001", "shipping_io.no_address")}
    frame = read_back(tmp_path / f"out.{suffix}")
    numbers = set(frame.iloc[:, 0])
    assert not any("456" in number or "L-2026" in number for number in numbers)
    assert result.orders == 4 and result.rows == len(frame)
    assert not any("*" in cell for cell in frame.to_numpy().ravel())


def test_cn_generic_is_text_typed_xlsx_with_split_addresses_and_leading_zeros(
    shipping: ShippingIO, tmp_path: Path
) -> None:
    dest = tmp_path / "快递.xlsx"
    export(shipping, dest, "cn_generic", filter=OrderFilter(statuses=(OrderStatus.PAID,)))
    frame = read_back(dest).set_index("订单号")
    taobao = frame.loc["0012345"]  # leading zeros kept in the order number and the landline
    assert (taobao["电话"], taobao["省"], taobao["市"], taobao["区"]) == ("02158889999", "上海市", "上海市", "浦东新区")
    assert taobao["详细地址"] == "张江镇祖冲之路887弄"
    douyin = frame.loc["6917000000000000123"]  # 19 digits: as text, never 6.917E+18
    assert (douyin["物品"], douyin["数量"]) == ("冰丝防晒衣 白/M ×2；遮阳帽 ×1", "3")
    assert douyin["备注"] == "'" + FORMULA + "；+送小样"
    sheet = openpyxl.load_workbook(dest).active
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None)
    assert sheet["I2"].number_format == "@"  # quantities typed text too


def test_sf_fills_sender_mobile_or_landline_and_one_string_address(shipping: ShippingIO, tmp_path: Path) -> None:
    dest = tmp_path / "sf.xlsx"
    export(shipping, dest, "sf", filter=OrderFilter(statuses=(OrderStatus.PAID,)))
    frame = read_back(dest).set_index("用户订单号")
    assert len(frame.columns) == 43  # + the index column: 44
    douyin, taobao = frame.loc["6917000000000000123"], frame.loc["0012345"]
    assert (douyin["收件手机"], douyin["收件电话"]) == ("13800138000", "")
    assert (taobao["收件手机"], taobao["收件电话"]) == ("", "02158889999")
    assert taobao["收件详细地址"] == "上海市浦东新区张江镇祖冲之路887弄"
    assert (douyin["寄件人"], douyin["寄件公司"], douyin["寄件电话"]) == ("小鱼的店", "小鱼服饰", "13900000000")
    assert (douyin["托寄物数量"], douyin["件数"], douyin["运费付款方式"]) == ("3", "1", "")


def test_generic_csv_reads_back_with_every_line_and_amount(shipping: ShippingIO, tmp_path: Path) -> None:
    dest = tmp_path / "orders.csv"
    result = export(shipping, dest, "generic_csv")
    assert not dest.read_bytes().startswith(b"\xef\xbb\xbf")  # no BOM unless asked for
    frame = read_back(dest)
    assert result.skipped == () and result.orders == 7 and len(frame) == 8  # the first order has two lines
    first = frame[frame["order_id"] == "6917000000000000123"]
    assert list(first["qty"]) == ["2", "1"] and list(first["unit_price"]) == ["59.90", "19.90"]
    assert list(first["line_total"]) == ["119.80", "19.90"] and set(first["paid_amount"]) == {"139.70"}
    assert set(first["tracking_no"]) == {"SF1234567890123"} and set(first["buyer_nick"]) == {"小鱼"}
    assert set(first["created_at"]) == {PLACED.strftime("%Y-%m-%d %H:%M:%S")}
    us = frame[frame["order_id"] == "576-123-001"].iloc[0]
    assert (us["sku_code"], us["phone"], us["postcode"]) == ("'-HAT", "'+1 555 010 9999", "02134")
    assert (us["currency"], us["shipping_fee"], us["paid_amount"]) == ("USD", "4.99", "42.49")
    masked = frame[frame["order_id"] == "6917000000000000456"].iloc[0]
    assert masked["phone"] == "138****1234"  # a data export keeps what the platform gave
    for column in ("title", "sku_code", "spec", "buyer_note", "seller_note", "recipient", "address", "buyer_nick"):
        assert not any(value.startswith(TRIGGERS) for value in frame[column]), column


def test_generic_xlsx_types_amounts_as_numbers_and_codes_as_text(shipping: ShippingIO, tmp_path: Path) -> None:
    dest = tmp_path / "orders.xlsx"
    export(shipping, dest, "generic_xlsx")
    frame = pd.read_excel(dest)  # pandas' own type guess: codes must still come back as text
    assert frame["order_id"].map(type).eq(str).all()
    assert "0012345" in set(frame["order_id"]) and "02158889999" in set(frame["phone"])
    assert "+1 555 010 9999" in set(frame["phone"])  # a typed text cell: not a formula, no ' needed
    assert frame["unit_price"].sum() == pytest.approx(59.90 + 19.90 + 129.00 + 12.50 + 4 * 59.90)
    assert frame["qty"].sum() == 2 + 1 + 1 + 3 + 4
    sheet = openpyxl.load_workbook(dest).active
    texts = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    formula_like = [t for t in texts if t.startswith(TRIGGERS) and not t.startswith("+1 555")]
    assert formula_like == []
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_label_tools_write_one_row_per_line_and_keep_their_limits(shipping: ShippingIO, tmp_path: Path) -> None:
    export(shipping, tmp_path / "ss.csv", "shipstation")
    frame = read_back(tmp_path / "ss.csv")
    assert list(frame.columns)[:3] == ["Order - Number", "Date - Order Date", "Ship To - Name"]
    assert list(frame[frame["Order - Number"] == "6917000000000000123"]["Item - SKU"]) == ["SUN-W-M", "HAT-01"]
    assert frame["Notes - From Buyer"].str.len().max() == 1000  # the 40,000-character note, cut to the limit
    export(shipping, tmp_path / "rm.csv", "royalmail")
    royal = read_back(tmp_path / "rm.csv")
    us = royal[royal["Full name"] == "Jane Doe"].iloc[0]
    assert (us["Order reference"], us["First Name"], us["Last Name"]) == ("576-123-001", "Jane", "Doe")
    assert (us["Phone"], us["Date"], us["Total"], us["Unit price"]) == ("15550109999", "01/03/26", "42.49", "12.50")
    assert set(royal["Order reference"]) >= {"SD6917000000000000123", "SD0012345"}  # letters keep them text
    export(shipping, tmp_path / "ps.csv", "pirateship")
    stamps = read_back(tmp_path / "ps.csv").set_index("Order ID")
    assert stamps.loc["6917000000000000123", "Rubber Stamp 1"] == "6917000000000000123"
    assert stamps["Rubber Stamp 2"].str.len().max() <= 25


def test_warnings_name_the_order_and_the_columns(shipping: ShippingIO, tmp_path: Path) -> None:
    result = export(shipping, tmp_path / "rm.csv", "royalmail")
    by_order = {(w.order_no, w.code): w.fields for w in result.warnings}
    assert by_order[("6917000000000000123", "shipping_io.not_latin")] == {"columns": "First Name, Full name"}
    assert by_order[("6917000000000000789", "shipping_io.shortened")] == {"columns": "Special instructions"}
    assert ("576-123-001", "shipping_io.not_latin") not in by_order


def test_filters_select_by_show_platform_and_status(database: Database, shipping: ShippingIO, tmp_path: Path) -> None:
    result = export(shipping, tmp_path / "a.csv", "generic_csv", filter=OrderFilter(platform=Platform.TIKTOK))
    assert set(read_back(tmp_path / "a.csv")["order_id"]) == {"576-123-001"} and result.orders == 1
    result = export(shipping, tmp_path / "b.csv", "generic_csv", filter=OrderFilter(statuses=(OrderStatus.CANCELLED,)))
    assert set(read_back(tmp_path / "b.csv")["order_id"]) == {"6917000000000000999"}
    result = export(shipping, tmp_path / "c.csv", "generic_csv", filter=OrderFilter(text="围巾"))
    assert set(read_back(tmp_path / "c.csv")["order_id"]) == {"0012345"}


def test_a_selection_is_exported_in_its_own_order(shipping: ShippingIO, ids: dict[str, int], tmp_path: Path) -> None:
    chosen = [ids["576-123-001"], ids["0012345"]]
    result = export(shipping, tmp_path / "sel.xlsx", "cn_generic", order_ids=chosen)
    assert list(read_back(tmp_path / "sel.xlsx")["订单号"]) == ["576-123-001", "0012345"] and result.orders == 2


def test_bom_on_request(shipping: ShippingIO, tmp_path: Path) -> None:
    export(shipping, tmp_path / "bom.csv", "shippo", bom=True)
    raw = (tmp_path / "bom.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfOrder Number,")


def test_an_unknown_preset_or_wrong_extension_is_refused_before_writing(shipping: ShippingIO, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(UserError) as unknown:
        export(shipping, tmp_path / "x.csv", "dhl")
    assert unknown.value.code == "shipping_io.unknown_preset" and "sf" in unknown.value.fields["presets"]
    with pytest.raises(UserError) as wrong:
        export(shipping, tmp_path / "x.csv", "sf")
    assert (wrong.value.code, wrong.value.fields["formats"]) == ("shipping_io.wrong_format", ".xlsx")
    with pytest.raises(UserError) as folder:
        export(shipping, tmp_path / "missing" / "x.csv", "shippo")
    assert folder.value.code == "shipping_io.no_folder"
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_export_leaves_no_file(database: Database, shipping: ShippingIO, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    add_orders(database, [Spec(f"X{i:05d}", minutes=100 + i) for i in range(1200)])
    cancel = CancelToken()
    job = shipping.export(tmp_path / "big.xlsx", "cn_generic", OrderFilter(), cancel)
    next(job)
    next(job)
    cancel.set()
    with pytest.raises(Cancelled):
        run_to_end(job)
    assert list(tmp_path.iterdir()) == []


def test_an_order_without_lines_still_gets_its_row(database: Database, shipping: ShippingIO, tmp_path: Path) -> None:
    add_orders(database, [Spec("EMPTY-1", lines=(), minutes=200), Spec("NOPRICE", lines=(Line("赠品", 1, None),))])
    export(shipping, tmp_path / "ss.csv", "shipstation")
    frame = read_back(tmp_path / "ss.csv").set_index("Order - Number")
    assert frame.loc["EMPTY-1", "Item - Name"] == "" and frame.loc["NOPRICE", "Item - Price"] == ""
