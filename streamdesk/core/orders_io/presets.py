"""The platform presets as data (FORMATS.md §2): header aliases per canonical field, required fields, how to spot
the header row, order id shapes, date formats and status vocabularies.

Headers are matched by normalised name (``products_io.mapping.normalise_header``: BOM, tabs, width, case), never
by position; the first alias present in a file wins. Confidence follows the FORMATS legend: presets marked "I"
(快手, Whatnot) are inferred and the import dialog shows their mapping before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from streamdesk.core.order_types import OrderStatus, Platform
from streamdesk.core.orders_io.types import Preset

_P, _PAID, _S, _C = OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED
_X, _RING, _RED = OrderStatus.CANCELLED, OrderStatus.REFUNDING, OrderStatus.REFUNDED

# Chinese exports: ISO-like first; "yyyy/MM/dd HH:mm" is what an Excel re-save leaves (FORMATS.md §1).
CN_DATES = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")
CN_ID = r"\d{8,25}"


def _cols(**columns: str) -> dict[str, tuple[str, ...]]:
    """field="别名1|alias 2" → {field: ("别名1", "alias 2")}."""
    return {name: tuple(alias.strip() for alias in aliases.split("|")) for name, aliases in columns.items()}


def _states(**groups: str) -> dict[str, OrderStatus]:
    """PAID="待发货|备货中" → {"待发货": PAID, …}; keys are normalised later (cells.status_key)."""
    found: dict[str, OrderStatus] = {}
    for status, words in groups.items():
        for word in words.split("|"):
            found[word.strip()] = OrderStatus[status]
    return found


_CN_REFUNDS: dict[str, OrderStatus | None] = {
    **_states(
        REFUNDING="待买家退货处理|待商家收货|待商家处理|待卖家处理|售后中|退款中|待退款|买家已经申请退款,等待卖家同意|"
        "卖家已经同意退款,等待买家退货|买家已经退货,等待卖家确认收货|待商家审核|售后待处理",
        REFUNDED="同意退款,退款成功|退款成功|售后成功|已退款|退款完成|售后完成",
    ),
    # an after-sales case that ended without money back, or an exchange: no refund
    **dict.fromkeys(
        ("售后关闭", "售后取消", "退款关闭", "补寄/换货,待买家收货", "补寄/换货成功", "无", "无售后"), None
    ),
}

DOUYIN = Preset(
    key="douyin",
    variant="douyin",
    platform=Platform.DOUYIN,
    name="抖店",
    confidence="V2",
    columns=_cols(
        order_id="主订单编号|订单编号",
        line_id="子订单编号",
        title="选购商品|商品名称",
        spec="商品规格",
        qty="商品数量",
        sku_code="商家编码|货号",
        unit_price="商品单价|商品金额",
        paid_amount="订单应付金额",
        discount="商家实际承担优惠金额",
        shipping_fee="运费",
        created_at="订单提交时间",
        paid_at="支付完成时间",
        shipped_at="发货时间",
        completed_at="订单完成时间",
        order_status="订单状态",
        refund_status="售后状态",
        buyer_nick="买家昵称",
        recipient="收件人",
        phone="收件人手机号",
        province="省",
        city="市",
        district="区",
        address="街道",
        address2="详细地址",
        buyer_note="买家留言",
        seller_note="商家备注",
        logistics="快递信息",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("主订单编号",), ("子订单编号", "选购商品")),
    id_pattern=CN_ID,
    date_formats=CN_DATES,
    status_map=_states(
        PENDING_PAYMENT="待支付|待付款",
        PAID="备货中|待发货|已支付|待配货",
        SHIPPED="已发货|待收货|部分发货",
        COMPLETED="已完成|已签收|已收货",
        CANCELLED="已关闭|已取消|交易关闭",
    ),
    refund_map=_CN_REFUNDS,
    currency="CNY",
)

KUAISHOU = Preset(
    key="kuaishou",
    variant="kuaishou",
    platform=Platform.KUAISHOU,
    name="快手小店",
    confidence="I",
    columns=_cols(
        order_id="订单号|订单编号",
        title="商品名称|商品标题",
        spec="商品规格|SKU规格|规格",
        sku_code="SKU编码|商家编码|商品编码",
        qty="成交数量|商品数量|购买数量",
        unit_price="商品单价|单价|成交单价",
        paid_amount="实付款|实付金额|订单实付金额",
        shipping_fee="运费",
        created_at="订单创建时间|下单时间|创建时间",
        paid_at="支付完成时间|支付时间|付款时间",
        shipped_at="发货时间",
        completed_at="完成时间|成交时间|收货时间",
        order_status="订单状态",
        refund_status="售后状态|退款状态",
        buyer_nick="买家昵称|买家ID",
        recipient="收货人|收货人姓名|收件人",
        phone="收货人电话|收货人手机号|收货人手机|联系电话",
        province="省|收货省份",
        city="市|收货城市",
        district="区|收货区县",
        address="收货地址|详细地址",
        buyer_note="买家留言|买家备注",
        seller_note="商家备注|卖家备注",
        courier="快递公司|物流公司",
        tracking_no="快递单号|物流单号|运单号",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("订单号", "订单编号"), ("实付款", "成交数量", "收货人电话", "SKU编码")),
    id_pattern=CN_ID,
    date_formats=CN_DATES,
    status_map=_states(
        PENDING_PAYMENT="待付款|待支付",
        PAID="待发货|已付款|待成团|已支付",
        SHIPPED="已发货|待收货|部分发货",
        COMPLETED="已收货|交易成功|已完成|交易完成",
        CANCELLED="交易关闭|已关闭|已取消|订单关闭",
    ),
    refund_map=_CN_REFUNDS,
    currency="CNY",
)

CHANNELS = Preset(
    key="channels",
    variant="channels",
    platform=Platform.CHANNELS,
    name="视频号小店",
    confidence="V1",
    columns=_cols(
        order_id="订单号",
        created_at="订单下单时间|下单时间",
        paid_at="支付时间",
        shipped_at="订单发货时间|发货时间",
        completed_at="订单确认收货时间",
        title="商品名称",
        sku_code="SKU编码(自定义)|商品编码(自定义)",
        spec="商品属性",
        qty="商品数量",
        unit_price="商品价格(单件)",
        line_total="商品实际价格(总共)",
        paid_amount="订单实际支付金额",
        discount="商品优惠",
        shipping_fee="订单运费",
        refund_amount="商品已退款金额",
        order_status="订单状态",
        refund_status="商品售后",
        recipient="收件人姓名",
        phone="收件人手机",
        province="省",
        city="市",
        district="区",
        address="收件人地址",
        buyer_note="买家备注",
        seller_note="商家备注",
        courier="物流公司",
        tracking_no="快递单号",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("订单号",), ("订单下单时间", "商品编码(平台)", "SKU编码(自定义)", "订单实际支付金额")),
    id_pattern=CN_ID,
    date_formats=CN_DATES,
    status_map=_states(
        PENDING_PAYMENT="待付款|待支付",
        PAID="待发货|已付款",
        SHIPPED="已发货|待收货|部分发货",
        COMPLETED="已完成|已收货|交易完成",
        CANCELLED="已取消|已关闭|交易关闭",
        REFUNDING="售后中",
    ),
    refund_map=_CN_REFUNDS,
    currency="CNY",
    summed=("discount", "refund_amount"),
)

_TAOBAO_STATES = _states(
    PENDING_PAYMENT="等待买家付款",
    PAID="买家已付款,等待卖家发货|等待卖家发货|买家已付款|等待发货",
    SHIPPED="卖家已发货,等待买家确认|卖家已发货|等待买家确认收货|卖家部分发货",
    COMPLETED="交易成功|已完成",
    CANCELLED="交易关闭|交易被淘宝关闭|已关闭",
)

TAOBAO = Preset(
    key="taobao",
    variant="taobao",
    platform=Platform.TAOBAO,
    name="淘宝/千牛",
    confidence="V2",
    columns=_cols(
        order_id="订单编号|主订单编号",
        line_id="子订单编号",
        buyer_nick="买家会员名",
        payable_amount="总金额|买家应付货款",
        paid_amount="买家实际支付金额|买家实付金额",
        shipping_fee="买家应付邮费",
        refund_amount="退款金额",
        order_status="订单状态",
        refund_status="退款状态",
        recipient="收货人姓名",
        address="收货地址",
        phone="联系手机|联系电话",
        created_at="订单创建时间",
        paid_at="订单付款时间",
        shipped_at="发货时间",
        completed_at="确认收货时间",
        title="宝贝标题|商品标题|标题",
        qty="宝贝总数量|购买数量",
        sku_code="商家编码",
        spec="商品属性",
        courier="物流公司",
        tracking_no="运单号|物流单号",
        buyer_note="买家留言",
        seller_note="订单备注|商家备注",
    ),
    required=("order_id", "created_at"),
    signature=(("订单编号", "主订单编号"), ("买家会员名", "宝贝标题", "买家实际支付金额", "买家实付金额")),
    id_pattern=CN_ID,
    date_formats=CN_DATES,
    status_map=_TAOBAO_STATES,
    refund_map=_CN_REFUNDS,
    currency="CNY",
    companion="taobao_lines",
    role="orders",
    companion_prefixes=("ExportOrderList", "ExportOrderDetailList"),
)

TAOBAO_LINES = Preset(
    key="taobao",
    variant="taobao_lines",
    platform=Platform.TAOBAO,
    name="淘宝/千牛",
    confidence="V2",
    columns=_cols(
        order_id="订单编号",
        title="标题",
        unit_price="价格",
        qty="购买数量",
        sku_code="商家编码|外部系统编号",
        spec="商品属性|套餐信息",
        order_status="订单状态",
        seller_note="备注",
    ),
    required=("order_id", "title", "qty"),
    signature=(("订单编号",), ("标题",), ("购买数量",)),
    id_pattern=CN_ID,
    date_formats=CN_DATES,
    status_map=_TAOBAO_STATES,
    refund_map=_CN_REFUNDS,
    currency="CNY",
    companion="taobao",
    role="lines",
    companion_prefixes=("ExportOrderDetailList", "ExportOrderList"),
    listed=False,
)

SHOPIFY = Preset(
    key="shopify",
    variant="shopify",
    platform=Platform.OTHER,
    name="Shopify",
    confidence="V2",
    columns=_cols(
        order_id="Name",
        buyer_nick="Email|Billing Name",
        paid_amount="Total",
        discount="Discount Amount",
        shipping_fee="Shipping",
        refund_amount="Refunded Amount",
        currency="Currency",
        created_at="Created at",
        paid_at="Paid at",
        shipped_at="Fulfilled at",
        cancelled_at="Cancelled at",
        order_status="Financial Status",
        fulfilment_status="Fulfillment Status",
        title="Lineitem name",
        qty="Lineitem quantity",
        unit_price="Lineitem price",
        sku_code="Lineitem sku",
        recipient="Shipping Name",
        phone="Shipping Phone|Phone|Billing Phone",
        province="Shipping Province Name|Shipping Province",
        city="Shipping City",
        address="Shipping Address1|Shipping Street",
        address2="Shipping Address2",
        postcode="Shipping Zip",
        country="Shipping Country",
        buyer_note="Notes",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("Name",), ("Lineitem name", "Lineitem quantity"), ("Financial Status", "Created at")),
    id_pattern=r"#?[A-Za-z0-9][A-Za-z0-9._-]*",
    date_formats=("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M %z", "%Y-%m-%d"),
    status_map=_states(
        PENDING_PAYMENT="pending",
        PAID="paid|authorized|partially_paid|partially_refunded",
        REFUNDED="refunded",
        CANCELLED="voided",
    ),
    fulfilment_map=_states(SHIPPED="fulfilled|partial|shipped"),
)

TIKTOK = Preset(
    key="tiktok",
    variant="tiktok",
    platform=Platform.TIKTOK,
    name="TikTok Shop",
    confidence="V2",
    columns=_cols(
        order_id="Order ID",
        order_status="Order Status",
        refund_status="Cancelation/Return Type|Cancellation/Return Type",
        sku_code="Seller SKU",
        title="Product Name",
        spec="Variation",
        qty="Quantity",
        unit_price="SKU Unit Original Price",
        line_total="SKU Subtotal After Discount",
        discount="SKU Seller Discount",
        shipping_fee="Shipping Fee After Discount",
        paid_amount="Order Amount",
        refund_amount="Order Refund Amount",
        created_at="Created Time",
        paid_at="Paid Time",
        shipped_at="Shipped Time",
        completed_at="Delivered Time",
        cancelled_at="Cancelled Time",
        tracking_no="Tracking ID",
        courier="Shipping Provider Name",
        buyer_note="Buyer Message",
        seller_note="Seller Note",
        buyer_nick="Buyer Username|Buyer Nickname",
        recipient="Recipient",
        phone="Phone #|Phone",
        country="Country",
        province="State|Province",
        city="City|Regency and City",
        district="Districts|District",
        postcode="Zipcode",
        address="Address Line 1|Detail Address",
        address2="Address Line 2|Additional address information",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("Order ID",), ("Seller SKU", "SKU ID", "Order Substatus"), ("Product Name",)),
    id_pattern=r"\d{10,25}",
    # US 12-hour first (one parser says Pacific time), then 24-hour, then VN day-first; ISO always works.
    date_formats=("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y"),
    status_map=_states(
        PENDING_PAYMENT="unpaid|awaiting payment",
        PAID="on hold|awaiting shipment|to ship|awaiting collection|ready to ship|processing|paid",
        SHIPPED="shipped|in transit|partially shipped",
        COMPLETED="delivered|completed",
        CANCELLED="canceled|cancelled|cancellation",
    ),
    refund_map={
        **_states(REFUNDED="return/refund|refund only|return and refund|return_and_refund|refund_only"),
        **dict.fromkeys(("cancel", "cancellation", "canceled", "cancelled"), None),
    },
    currency="USD",
    description_row=True,
    summed=("discount",),
)

WHATNOT = Preset(
    key="whatnot",
    variant="whatnot",
    platform=Platform.WHATNOT,
    name="Whatnot",
    confidence="I",
    columns=_cols(
        order_id="Order ID|Order Id|order_id|Order Number",
        buyer_nick="Buyer|Buyer Username|buyer_username|Username",
        title="Product Name|Product name|Item Name|Listing Title",
        sku_code="SKU|Product SKU",
        qty="Quantity|Qty",
        unit_price="Sold Price|Sold price|Price|sold_price|Item Price",
        shipping_fee="Shipping|Shipping Price|Shipping Cost",
        paid_amount="Total|Order Total|Total Price",
        created_at="Processed Date|Processed date|processed_date|Order Date|Date",
        order_status="Order Status|Order status|Status",
        tracking_no="Tracking Number|Tracking",
        courier="Carrier|Shipping Carrier",
        recipient="Shipping Name|Recipient",
        address="Shipping Address|Address Line 1|Address",
        address2="Address Line 2",
        city="City",
        province="State",
        postcode="Zip|Zipcode|Postal Code",
        country="Country",
    ),
    required=("order_id", "created_at", "title"),
    signature=(
        ("Order ID", "order_id", "Order Number"),
        ("Buyer", "Buyer Username"),
        ("Processed Date", "Product Name"),
    ),
    id_pattern=r"[A-Za-z0-9][A-Za-z0-9_-]{2,40}",
    date_formats=("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S"),
    status_map=_states(
        PENDING_PAYMENT="pending|pending payment",
        PAID="paid|processing|pending shipment|awaiting shipment|label created",
        SHIPPED="shipped|in transit",
        COMPLETED="completed|delivered",
        CANCELLED="cancelled|canceled",
        REFUNDED="refunded",
    ),
    currency="USD",
)

ETSY = Preset(
    key="etsy",
    variant="etsy",
    platform=Platform.OTHER,
    name="Etsy",
    confidence="V2",
    columns=_cols(
        order_id="Order ID",
        line_id="Transaction ID",
        title="Item Name",
        buyer_nick="Buyer",
        qty="Quantity",
        unit_price="Price",
        line_total="Item Total",
        discount="Discount Amount",
        shipping_fee="Order Shipping|Order Delivery",
        currency="Currency",
        created_at="Sale Date",
        paid_at="Date Paid",
        shipped_at="Date Shipped|Date Posted",
        recipient="Ship Name|Delivery Name",
        address="Ship Address1|Delivery Address1",
        address2="Ship Address2|Delivery Address2",
        city="Ship City|Delivery City",
        province="Ship State|Delivery State",
        postcode="Ship Zipcode|Delivery Zipcode",
        country="Ship Country|Delivery Country",
        spec="Variations",
        sku_code="SKU",
    ),
    required=("order_id", "created_at", "title", "qty"),
    signature=(("Order ID",), ("Transaction ID",), ("Item Name",)),
    id_pattern=r"\d{4,15}",
    date_formats=("%m/%d/%y", "%m/%d/%Y", "%d/%m/%y", "%Y-%m-%d"),
    status_map=_states(
        PAID="paid|open|unshipped",
        SHIPPED="shipped|posted|dispatched",
        COMPLETED="completed|complete",
        CANCELLED="canceled|cancelled",
        REFUNDED="refunded|fully refunded",
    ),
    companion="etsy_orders",
    role="lines",
    companion_prefixes=("EtsySoldOrderItems", "EtsySoldOrders"),
)

ETSY_ORDERS = Preset(
    key="etsy",
    variant="etsy_orders",
    platform=Platform.OTHER,
    name="Etsy",
    confidence="V2",
    columns=_cols(
        order_id="Order ID",
        created_at="Sale Date",
        buyer_nick="Buyer|Buyer User ID",
        recipient="Full Name",
        shipped_at="Date Shipped|Date Posted",
        address="Street 1",
        address2="Street 2",
        city="Ship City|Delivery City",
        province="Ship State|Delivery State",
        postcode="Ship Zipcode|Delivery Zipcode",
        country="Ship Country|Delivery Country",
        currency="Currency",
        paid_amount="Order Total",
        adjusted_total="Adjusted Order Total",
        discount="Discount Amount",
        shipping_fee="Shipping|Delivery",
        order_status="Status",
    ),
    required=("order_id", "created_at"),
    signature=(("Order ID",), ("Sale Date",), ("Number of Items",), ("Order Total", "Order Value")),
    id_pattern=r"\d{4,15}",
    date_formats=ETSY.date_formats,
    status_map=ETSY.status_map,
    companion="etsy",
    role="orders",
    lines_from_orders=False,
    companion_prefixes=("EtsySoldOrders", "EtsySoldOrderItems"),
    listed=False,
)

PRESETS: tuple[Preset, ...] = (
    DOUYIN,
    KUAISHOU,
    CHANNELS,
    TAOBAO,
    TAOBAO_LINES,
    SHOPIFY,
    TIKTOK,
    WHATNOT,
    ETSY,
    ETSY_ORDERS,
)
BY_VARIANT: Mapping[str, Preset] = {preset.variant: preset for preset in PRESETS}
LISTED: tuple[Preset, ...] = tuple(preset for preset in PRESETS if preset.listed)
BY_KEY: Mapping[str, Preset] = {preset.key: preset for preset in LISTED}

# Zones for naive times when the settings name none (FORMATS.md §1): China is UTC+8 all year; TikTok US and
# Whatnot exports are read as Pacific time (one parser's reading: see FORMATS.md §7); others as UTC.
DEFAULT_ZONES: Mapping[Platform, str] = {
    Platform.DOUYIN: "Asia/Shanghai",
    Platform.KUAISHOU: "Asia/Shanghai",
    Platform.CHANNELS: "Asia/Shanghai",
    Platform.TAOBAO: "Asia/Shanghai",
    Platform.TIKTOK: "America/Los_Angeles",
    Platform.WHATNOT: "America/Los_Angeles",
    Platform.OTHER: "UTC",
}
