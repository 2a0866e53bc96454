"""The shipping export presets: which columns each courier or label tool gets, and from which order fields.

Headers are FORMATS.md §3's, spelled as the targets spell them. Every column says what kind of value it holds
(free text is neutralised, codes keep every character, numbers and amounts are ours) and, where the target has
one, its field limit in characters.

* 顺丰 (sf), 中通 (zto), generic Chinese courier (cn_generic): one row per order, XLSX with every cell typed text;
  the items of an order are summed up in one cell (``冰丝防晒衣 白/M ×2；遮阳帽 ×1``) with the total units beside it.
  The generic one carries 订单号 first, so the courier's result file can come back through the tracking import.
* ShipStation, Shippo, Royal Mail Click & Drop: one row per order line sharing the order number (they merge them).
* Pirate Ship: one row per order; order number and items in the rubber stamps printed on the label.
* generic_csv / generic_xlsx: one row per line with FORMATS.md §2.9's canonical field names, for the seller's own
  records (not a courier upload, so masked orders are written as they are).
"""

from __future__ import annotations

from streamdesk.core.shipping_io import columns as v
from streamdesk.core.shipping_io.columns import CellKind, Column, Preset
from streamdesk.core.shipping_io.types import ExportFormat, RowUnit

T, C, N, M, P = CellKind.TEXT, CellKind.CODE, CellKind.NUMBER, CellKind.MONEY, CellKind.PLAIN


def _sf_columns() -> tuple[Column, ...]:
    """顺丰 批量下单, the 44-column single-header template (FORMATS.md §3)."""
    filled = {
        "用户订单号": Column("用户订单号", C, v.field("order_no")),
        "寄件公司": Column("寄件公司", T, v.sender("company")),
        "寄件人": Column("寄件人", T, v.sender("name")),
        "寄件电话": Column("寄件电话", C, v.sender("phone")),
        "寄件详细地址": Column("寄件详细地址", T, v.sender("address")),
        "收件人": Column("收件人", T, v.field("recipient")),
        "收件电话": Column("收件电话", C, v.landline),
        "收件手机": Column("收件手机", C, v.mobile),
        "收件详细地址": Column("收件详细地址", T, v.full_address),
        "托寄物内容": Column("托寄物内容", T, v.items),
        "托寄物数量": Column("托寄物数量", N, v.units),
        "寄方备注": Column("寄方备注", T, v.notes),
        "件数": Column("件数", N, lambda order, line, context: 1),
    }
    headers = (
        "用户订单号", "寄件公司", "寄件人", "寄件电话", "寄件详细地址", "收件公司", "收件人", "收件电话", "收件手机", "收件详细地址", "托寄物内容", "托寄物数量", "包裹重量",
        "寄方备注", "运费付款方式", "业务类型", "件数", "代收金额", "保价金额", "个性化包装", "签回单", "自取件", "电子验收", "是否超长超重", "超长超重服务费", "保鲜服务",
        "保单配送", "拍照验证", "票据专送", "口令签收", "等通知派送", "温度追溯（离线）", "是否定时派送", "派送日期", "派送时段", "长（cm）", "宽（cm）", "高（cm）",
        "体积（cm3）", "扩展字段1", "扩展字段2", "扩展字段3", "扩展字段4", "扩展字段5",
    )  # fmt: skip
    return tuple(filled.get(header, Column(header, P, v.blank)) for header in headers)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "sf",
        (ExportFormat.XLSX,),
        RowUnit.ORDER,
        courier=True,
        all_text=True,
        columns=_sf_columns(),
        needs_phone=True,
        cn_address=True,
    ),
    Preset(
        "zto",
        (ExportFormat.XLSX,),
        RowUnit.ORDER,
        courier=True,
        all_text=True,
        needs_phone=True,
        cn_address=True,
        columns=(
            Column("订单号", C, v.field("order_no")),
            Column("收件人姓名", T, v.field("recipient")),
            Column("收件人手机", C, v.mobile),
            Column("收件人电话", C, v.landline),
            Column("收件省", T, v.field("province")),
            Column("收件市", T, v.field("city")),
            Column("收件区", T, v.field("district")),
            Column("收件人详细地址", T, v.field("address")),
            Column("物品名称", T, v.items),
            Column("数量", N, v.units),
            Column("重量(kg)", P, v.blank),
            Column("备注", T, v.notes),
            Column("寄件人姓名", T, v.sender("name")),
            Column("寄件人电话", C, v.sender("phone")),
            Column("寄件人详细地址", T, v.sender("address")),
        ),
    ),
    Preset(
        "cn_generic",
        (ExportFormat.XLSX,),
        RowUnit.ORDER,
        courier=True,
        all_text=True,
        needs_phone=True,
        cn_address=True,
        columns=(
            Column("订单号", C, v.field("order_no")),
            Column("收件人", T, v.field("recipient")),
            Column("电话", C, v.field("phone")),
            Column("省", T, v.field("province")),
            Column("市", T, v.field("city")),
            Column("区", T, v.field("district")),
            Column("详细地址", T, v.field("address")),
            Column("物品", T, v.items),
            Column("数量", N, v.units),
            Column("备注", T, v.notes),
        ),
    ),
    Preset(
        "shipstation",
        (ExportFormat.CSV,),
        RowUnit.LINE,
        courier=True,
        all_text=False,
        columns=(
            Column("Order - Number", C, v.field("order_no"), limit=50),
            Column("Date - Order Date", P, v.date("%Y-%m-%d %H:%M:%S")),
            Column("Ship To - Name", T, v.field("recipient"), limit=100),
            Column("Ship To - Company", P, v.blank),
            Column("Ship To - Address 1", T, v.field("address"), limit=200),
            Column("Ship To - Address 2", T, v.street_2, limit=200),
            Column("Ship To - City", T, v.field("city"), limit=100),
            Column("Ship To - State", T, v.field("province"), limit=100),
            Column("Ship To - Postal Code", C, v.field("postcode"), limit=50),
            Column("Ship To - Country", T, v.field("country"), limit=50),
            Column("Ship To - Phone", C, v.field("phone"), limit=50),
            Column("Customer Email", P, v.blank),
            Column("Item - SKU", T, v.line_field("sku_code"), limit=50),
            Column("Item - Name", T, v.line_field("title"), limit=200),
            Column("Item - Qty", N, v.order_line_count),
            Column("Item - Price", M, v.line_money("unit_price_minor")),
            Column("Item - Options", T, v.line_field("spec"), limit=100),
            Column("Amount - Order Shipping", M, v.order_money("shipping_minor")),
            Column("Notes - From Buyer", T, v.field("buyer_note"), limit=1000),
            Column("Custom - Field 1", T, v.field("seller_note"), limit=100),
        ),
    ),
    Preset(
        "pirateship",
        (ExportFormat.CSV, ExportFormat.XLSX),
        RowUnit.ORDER,
        courier=True,
        all_text=False,
        columns=(
            Column("Order ID", C, v.field("order_no")),
            Column("Name", T, v.field("recipient")),
            Column("Company", P, v.blank),
            Column("Address", T, v.field("address")),
            Column("Address 2", T, v.street_2),
            Column("City", T, v.field("city")),
            Column("State", T, v.field("province")),
            Column("Zipcode", C, v.field("postcode")),
            Column("Country", T, v.field("country")),
            Column("Email", P, v.blank),
            Column("Phone", C, v.field("phone")),
            Column("Pounds", P, v.blank),
            Column("Ounces", P, v.blank),
            Column("Length", P, v.blank),
            Column("Width", P, v.blank),
            Column("Height", P, v.blank),
            # printed on the label, 25 characters a line on USPS: the order number first, so a parcel is known
            Column("Rubber Stamp 1", C, v.field("order_no"), limit=25),
            Column("Rubber Stamp 2", T, v.items, limit=25),
            Column("Rubber Stamp 3", P, v.blank),
        ),
    ),
    Preset(
        "shippo",
        (ExportFormat.CSV,),
        RowUnit.LINE,
        courier=True,
        all_text=False,
        columns=(
            Column("Order Number", C, v.field("order_no")),
            Column("Order Date", P, v.date("%Y-%m-%d %H:%M:%S")),
            Column("Recipient Name", T, v.field("recipient")),
            Column("Company", P, v.blank),
            Column("Street Line 1", T, v.field("address")),
            Column("Street Line 2", T, v.street_2),
            Column("City", T, v.field("city")),
            Column("State", T, v.field("province")),
            Column("Zip", C, v.field("postcode")),
            Column("Country", T, v.field("country")),
            Column("Phone", C, v.field("phone")),
            Column("Email", P, v.blank),
            Column("Item Title", T, v.line_field("title")),
            Column("SKU", T, v.line_field("sku_code")),
            Column("Quantity", N, v.order_line_count),
            Column("Item Price", M, v.line_money("unit_price_minor")),
            Column("Item Weight", P, v.blank),
            Column("Weight Unit", P, v.blank),
            Column("Currency", P, v.field("currency")),
        ),
    ),
    Preset(
        "royalmail",
        (ExportFormat.CSV, ExportFormat.XLSX),
        RowUnit.LINE,
        courier=True,
        all_text=False,
        columns=(
            Column("Order reference", C, v.royal_mail_reference, limit=40),
            Column("Date", P, v.date("%d/%m/%y")),
            Column("First Name", T, v.first_name, limit=100, latin=True),
            Column("Last Name", T, v.last_name, limit=100, latin=True),
            Column("Full name", T, v.field("recipient"), limit=200, latin=True),
            Column("Company Name", P, v.blank),
            Column("Address Line 1", T, v.field("address"), limit=100),
            Column("Address Line 2", T, v.street_2, limit=100),
            Column("Address Line 3", P, v.blank),
            Column("City", T, v.field("city"), limit=100),
            Column("County", T, v.field("province"), limit=100),
            Column("Postcode", C, v.field("postcode"), limit=20),
            Column("Country", T, v.field("country"), limit=100),
            Column("Phone", C, v.digits_phone, limit=25),
            Column("Email", P, v.blank),
            Column("Weight", P, v.blank),
            Column("Package Size", P, v.blank),
            Column("Service code", P, v.blank),
            Column("Sub-total", M, v.order_money("goods_minor")),
            Column("Shipping Cost", M, v.order_money("shipping_minor")),
            Column("Total", M, v.order_money("paid_minor")),
            Column("Currency Code", P, v.field("currency")),
            Column("Special instructions", T, v.field("buyer_note"), limit=500),
            Column("Product SKU", T, v.line_field("sku_code"), limit=100),
            Column("Product name", T, v.line_field("title"), limit=200),
            Column("Quantity", N, v.order_line_count),
            Column("Unit price", M, v.line_money("unit_price_minor")),
            Column("Customs description", T, v.line_field("title"), limit=50),
            Column("Product customs code", P, v.blank),
            Column("Country of origin", P, v.blank),
        ),
    ),
)


def _generic_columns() -> tuple[Column, ...]:
    """FORMATS.md §2.9's canonical names (the order import's generic mapping knows them), then the extras."""
    return (
        Column("order_id", C, v.field("order_no")),
        Column("platform", P, lambda order, line, context: order.platform.value),
        Column("order_status", P, lambda order, line, context: order.status.value),
        Column("created_at", P, v.date("%Y-%m-%d %H:%M:%S")),
        Column(
            "paid_at",
            P,
            lambda order, line, context: (
                None if order.paid_at is None else order.paid_at.astimezone(context.zone).strftime("%Y-%m-%d %H:%M:%S")
            ),
        ),
        Column("buyer_nick", T, v.field("buyer")),
        Column("title", T, v.line_field("title")),
        Column("sku_code", T, v.line_field("sku_code")),
        Column("spec", T, v.line_field("spec")),
        Column("qty", N, v.order_line_count),
        Column("unit_price", M, v.line_money("unit_price_minor")),
        Column("line_total", M, v.line_money("total_minor")),
        Column("paid_amount", M, v.order_money("paid_minor")),
        Column("discount", M, v.order_money("discount_minor")),
        Column("shipping_fee", M, v.order_money("shipping_minor")),
        Column("currency", P, v.field("currency")),
        Column("recipient", T, v.field("recipient")),
        Column("phone", C, v.field("phone")),
        Column("province", T, v.field("province")),
        Column("city", T, v.field("city")),
        Column("district", T, v.field("district")),
        Column("address", T, v.field("address")),
        Column("postcode", C, v.field("postcode")),
        Column("country", T, v.field("country")),
        Column("buyer_note", T, v.field("buyer_note")),
        Column("seller_note", T, v.field("seller_note")),
        Column("tracking_no", C, v.field("tracking_no")),
        Column("courier", T, v.field("courier")),
    )


GENERIC_PRESETS: tuple[Preset, ...] = (
    Preset("generic_csv", (ExportFormat.CSV,), RowUnit.LINE, courier=False, all_text=False, columns=_generic_columns()),
    Preset(
        "generic_xlsx", (ExportFormat.XLSX,), RowUnit.LINE, courier=False, all_text=False, columns=_generic_columns()
    ),
)
ALL_PRESETS: dict[str, Preset] = {preset.key: preset for preset in (*PRESETS, *GENERIC_PRESETS)}
