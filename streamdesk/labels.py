"""Names of the shows' enums in the user's language, shared by the GUI, the CLI and the printed host sheet.

QtCore only (like messages.py), so a command line run or core/rundown_pdf.py can use them without widgets. The
translation contexts are those of the screens that first showed them ("ShowLabels", "SegmentLabels"); orders,
customers and after-sales say theirs in "OrderLabels", warm-up channels and tasks in "WarmupLabels", pre-flight
checks and verdicts in "PreflightLabels".
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from streamdesk.models.base import (
    BudgetKind,
    CaseKind,
    CaseStatus,
    ChannelKind,
    CheckKind,
    CheckStatus,
    OrderSource,
    OrderStatus,
    PersonRole,
    Platform,
    PreflightVerdict,
    ProbeKind,
    PromotionKind,
    SegmentKind,
    ShowStatus,
    WarmupTaskKind,
)

# Customer tags as stored (Customer.tags, comma-separated); a seller's own tags are kept as typed.
CUSTOMER_TAGS = ("new", "returning", "vip", "fan_club")


def platform_name(platform: Platform) -> str:
    """The full name, with the Chinese one in English too: sellers search the platforms' own apps by it."""
    names = {
        Platform.DOUYIN: QCoreApplication.translate("ShowLabels", "Douyin (抖音)"),
        Platform.KUAISHOU: QCoreApplication.translate("ShowLabels", "Kuaishou (快手)"),
        Platform.CHANNELS: QCoreApplication.translate("ShowLabels", "WeChat Channels (视频号)"),
        Platform.TAOBAO: QCoreApplication.translate("ShowLabels", "Taobao Live (淘宝)"),
        Platform.TIKTOK: QCoreApplication.translate("ShowLabels", "TikTok"),
        Platform.WHATNOT: QCoreApplication.translate("ShowLabels", "Whatnot"),
        Platform.SHOPIFY: QCoreApplication.translate("ShowLabels", "Shopify"),
        Platform.ETSY: QCoreApplication.translate("ShowLabels", "Etsy"),
        Platform.OTHER: QCoreApplication.translate("ShowLabels", "Other"),
    }
    return names[platform]


def platform_short_name(platform: Platform) -> str:
    """The name in a table cell, where several platforms share one column."""
    names = {
        Platform.DOUYIN: QCoreApplication.translate("ShowLabels", "Douyin"),
        Platform.KUAISHOU: QCoreApplication.translate("ShowLabels", "Kuaishou"),
        Platform.CHANNELS: QCoreApplication.translate("ShowLabels", "Channels"),
        Platform.TAOBAO: QCoreApplication.translate("ShowLabels", "Taobao"),
        Platform.TIKTOK: QCoreApplication.translate("ShowLabels", "TikTok"),
        Platform.WHATNOT: QCoreApplication.translate("ShowLabels", "Whatnot"),
        Platform.SHOPIFY: QCoreApplication.translate("ShowLabels", "Shopify"),
        Platform.ETSY: QCoreApplication.translate("ShowLabels", "Etsy"),
        Platform.OTHER: QCoreApplication.translate("ShowLabels", "Other"),
    }
    return names[platform]


def platforms_text(platforms: Iterable[Platform]) -> str:
    return " · ".join(platform_short_name(platform) for platform in platforms)


def status_name(status: ShowStatus) -> str:
    names = {
        ShowStatus.DRAFT: QCoreApplication.translate("ShowLabels", "Draft"),
        ShowStatus.SCHEDULED: QCoreApplication.translate("ShowLabels", "Scheduled"),
        ShowStatus.LIVE: QCoreApplication.translate("ShowLabels", "Live now"),
        ShowStatus.DONE: QCoreApplication.translate("ShowLabels", "Done"),
        ShowStatus.CANCELLED: QCoreApplication.translate("ShowLabels", "Cancelled"),
    }
    return names[status]


def person_role_name(role: PersonRole) -> str:
    names = {
        PersonRole.HOST: QCoreApplication.translate("ShowLabels", "Host"),
        PersonRole.ASSISTANT: QCoreApplication.translate("ShowLabels", "Assistant / floor control"),
        PersonRole.CUSTOMER_SERVICE: QCoreApplication.translate("ShowLabels", "Customer service"),
    }
    return names[role]


def promotion_name(kind: PromotionKind) -> str:
    names = {
        PromotionKind.FULL_REDUCTION: QCoreApplication.translate("ShowLabels", "Spend-and-save (满减)"),
        PromotionKind.FULL_DISCOUNT: QCoreApplication.translate("ShowLabels", "Spend-and-discount (满折)"),
        PromotionKind.SPECIAL_PRICE: QCoreApplication.translate("ShowLabels", "Special price"),
        PromotionKind.FLASH_SALE: QCoreApplication.translate("ShowLabels", "Flash sale"),
        PromotionKind.LUCKY_BAG: QCoreApplication.translate("ShowLabels", "Lucky bag (福袋)"),
        PromotionKind.RED_PACKET: QCoreApplication.translate("ShowLabels", "Red packet"),
        PromotionKind.LUCKY_DRAW: QCoreApplication.translate("ShowLabels", "Lucky draw"),
        PromotionKind.COUPON: QCoreApplication.translate("ShowLabels", "Coupon"),
    }
    return names[kind]


def budget_kind_name(kind: BudgetKind) -> str:
    names = {
        BudgetKind.FIXED: QCoreApplication.translate("ShowLabels", "Fixed cost"),
        BudgetKind.VARIABLE: QCoreApplication.translate("ShowLabels", "Variable cost"),
    }
    return names[kind]


def segment_kind_name(kind: SegmentKind) -> str:
    """开场 / 暖场 / 讲解 / 秒杀 / 福袋抽奖 / 互动答疑 / 休息 / 收尾 in Chinese."""
    names = {
        SegmentKind.OPENING: QCoreApplication.translate("SegmentLabels", "Opening"),
        SegmentKind.WARM_UP: QCoreApplication.translate("SegmentLabels", "Warm-up"),
        SegmentKind.PITCH: QCoreApplication.translate("SegmentLabels", "Product pitch"),
        SegmentKind.FLASH_SALE: QCoreApplication.translate("SegmentLabels", "Flash sale"),
        SegmentKind.GIVEAWAY: QCoreApplication.translate("SegmentLabels", "Giveaway / lucky draw"),
        SegmentKind.INTERACTION: QCoreApplication.translate("SegmentLabels", "Interaction / Q&A"),
        SegmentKind.BREAK: QCoreApplication.translate("SegmentLabels", "Break"),
        SegmentKind.CLOSING: QCoreApplication.translate("SegmentLabels", "Closing"),
    }
    return names[kind]


def order_status_name(status: OrderStatus) -> str:
    names = {
        OrderStatus.PENDING_PAYMENT: QCoreApplication.translate("OrderLabels", "Awaiting payment"),
        OrderStatus.PAID: QCoreApplication.translate("OrderLabels", "Paid, to ship"),
        OrderStatus.SHIPPED: QCoreApplication.translate("OrderLabels", "Shipped"),
        OrderStatus.COMPLETED: QCoreApplication.translate("OrderLabels", "Completed"),
        OrderStatus.CANCELLED: QCoreApplication.translate("OrderLabels", "Cancelled"),
        OrderStatus.REFUNDING: QCoreApplication.translate("OrderLabels", "Refund in progress"),
        OrderStatus.REFUNDED: QCoreApplication.translate("OrderLabels", "Refunded"),
    }
    return names[status]


def order_source_name(source: OrderSource) -> str:
    names = {
        OrderSource.IMPORT: QCoreApplication.translate("OrderLabels", "Platform export"),
        OrderSource.LIVE: QCoreApplication.translate("OrderLabels", "Taken live"),
        OrderSource.MANUAL: QCoreApplication.translate("OrderLabels", "Entered by hand"),
    }
    return names[source]


def case_kind_name(kind: CaseKind) -> str:
    """咨询 / 投诉 / 建议 / 退货 / 换货 / 退款 in Chinese."""
    names = {
        CaseKind.CONSULTATION: QCoreApplication.translate("OrderLabels", "Consultation"),
        CaseKind.COMPLAINT: QCoreApplication.translate("OrderLabels", "Complaint"),
        CaseKind.SUGGESTION: QCoreApplication.translate("OrderLabels", "Suggestion"),
        CaseKind.RETURN: QCoreApplication.translate("OrderLabels", "Return"),
        CaseKind.EXCHANGE: QCoreApplication.translate("OrderLabels", "Exchange"),
        CaseKind.REFUND: QCoreApplication.translate("OrderLabels", "Refund"),
    }
    return names[kind]


def case_status_name(status: CaseStatus) -> str:
    names = {
        CaseStatus.OPEN: QCoreApplication.translate("OrderLabels", "Open"),
        CaseStatus.IN_PROGRESS: QCoreApplication.translate("OrderLabels", "In progress"),
        CaseStatus.RESOLVED: QCoreApplication.translate("OrderLabels", "Resolved"),
        CaseStatus.CLOSED: QCoreApplication.translate("OrderLabels", "Closed"),
    }
    return names[status]


def customer_tag_name(tag: str) -> str:
    """The name of a standard tag (new, returning, vip, fan_club = 粉丝团); a seller's own tag reads as typed."""
    names = {
        "new": QCoreApplication.translate("OrderLabels", "New"),
        "returning": QCoreApplication.translate("OrderLabels", "Returning"),
        "vip": QCoreApplication.translate("OrderLabels", "VIP"),
        "fan_club": QCoreApplication.translate("OrderLabels", "Fan club (粉丝团)"),
    }
    return names.get(tag, tag)


def customer_tags_text(tags: Iterable[str]) -> str:
    return " · ".join(customer_tag_name(tag) for tag in tags)


def channel_kind_name(kind: ChannelKind) -> str:
    """Where a booking link is spread: 公众号 / 朋友圈 / 社群 / 短视频 / 微博 / 小红书 / Instagram / 海报 in Chinese."""
    names = {
        ChannelKind.WECHAT_OA: QCoreApplication.translate("WarmupLabels", "WeChat official account"),
        ChannelKind.MOMENTS: QCoreApplication.translate("WarmupLabels", "Moments"),
        ChannelKind.COMMUNITY: QCoreApplication.translate("WarmupLabels", "Customer groups"),
        ChannelKind.SHORT_VIDEO: QCoreApplication.translate("WarmupLabels", "Short video"),
        ChannelKind.WEIBO: QCoreApplication.translate("WarmupLabels", "Weibo"),
        ChannelKind.XIAOHONGSHU: QCoreApplication.translate("WarmupLabels", "Xiaohongshu"),
        ChannelKind.INSTAGRAM: QCoreApplication.translate("WarmupLabels", "Instagram"),
        ChannelKind.POSTER: QCoreApplication.translate("WarmupLabels", "Printed poster"),
        ChannelKind.OTHER: QCoreApplication.translate("WarmupLabels", "Other channel"),
    }
    return names[kind]


def channel_name(kind: ChannelKind | None, label: str = "") -> str:
    """A booking link's channel as the seller named it, else its kind's name ("" without either)."""
    if label:
        return label
    return "" if kind is None else channel_kind_name(kind)


def warmup_task_kind_name(kind: WarmupTaskKind) -> str:
    """The kind of a warm-up task, for a picker."""
    names = {
        WarmupTaskKind.TEASER_VIDEO: QCoreApplication.translate("WarmupLabels", "Teaser video"),
        WarmupTaskKind.ADS_PREPARE: QCoreApplication.translate("WarmupLabels", "Prepare ads"),
        WarmupTaskKind.ADS_LIVE: QCoreApplication.translate("WarmupLabels", "Ads live"),
        WarmupTaskKind.PREVIEW_LOOP: QCoreApplication.translate("WarmupLabels", "Preview loop"),
        WarmupTaskKind.POSTERS: QCoreApplication.translate("WarmupLabels", "Posters"),
        WarmupTaskKind.PUBLISH_LINK: QCoreApplication.translate("WarmupLabels", "Publish the booking link"),
        WarmupTaskKind.CUSTOM: QCoreApplication.translate("WarmupLabels", "Other task"),
    }
    return names[kind]


def warmup_task_title(kind: WarmupTaskKind, title: str = "", channel: str = "") -> str:
    """A task's title: the seller's own, else the kind's default title; a link's publish task names its channel."""
    if title:
        return title
    if kind is WarmupTaskKind.PUBLISH_LINK and channel:
        return QCoreApplication.translate("WarmupLabels", "Publish the booking link in {channel}").format(
            channel=channel
        )
    titles = {
        WarmupTaskKind.TEASER_VIDEO: QCoreApplication.translate(
            "WarmupLabels", "Post the teaser short video with the show's time and theme"
        ),
        WarmupTaskKind.ADS_PREPARE: QCoreApplication.translate(
            "WarmupLabels", "Submit the ads for review (leave time for the platform's check)"
        ),
        WarmupTaskKind.ADS_LIVE: QCoreApplication.translate("WarmupLabels", "Start the paid promotion"),
        WarmupTaskKind.PREVIEW_LOOP: QCoreApplication.translate("WarmupLabels", "Loop the preview clip"),
        WarmupTaskKind.POSTERS: QCoreApplication.translate("WarmupLabels", "Print and put up the posters"),
        WarmupTaskKind.PUBLISH_LINK: QCoreApplication.translate("WarmupLabels", "Publish the booking link"),
        WarmupTaskKind.CUSTOM: QCoreApplication.translate("WarmupLabels", "Warm-up task"),
    }
    return titles[kind]


def check_kind_name(kind: CheckKind) -> str:
    """How a pre-flight item is checked, for the template editor."""
    names = {
        CheckKind.MANUAL: QCoreApplication.translate("PreflightLabels", "Tick by hand"),
        CheckKind.VALUE: QCoreApplication.translate("PreflightLabels", "Type a value"),
        CheckKind.PROBE: QCoreApplication.translate("PreflightLabels", "Automatic check"),
    }
    return names[kind]


def probe_kind_name(probe: ProbeKind) -> str:
    """What an automatic pre-flight check measures."""
    names = {
        ProbeKind.AUDIO_INPUT: QCoreApplication.translate("PreflightLabels", "Microphone level"),
        ProbeKind.AUDIO_OUTPUT: QCoreApplication.translate("PreflightLabels", "Sound output (test tone)"),
        ProbeKind.VIDEO: QCoreApplication.translate("PreflightLabels", "Cameras"),
        ProbeKind.NETWORK: QCoreApplication.translate("PreflightLabels", "Network (latency and upload)"),
        ProbeKind.MACHINE: QCoreApplication.translate("PreflightLabels", "Computer (disk, power, clock)"),
        ProbeKind.TEST_CHECKOUT: QCoreApplication.translate("PreflightLabels", "Test checkout"),
        ProbeKind.SCRIPT: QCoreApplication.translate("PreflightLabels", "Script check (risky claims)"),
    }
    return names[probe]


def check_status_name(status: CheckStatus) -> str:
    """An item's result in a pre-flight run."""
    names = {
        CheckStatus.PENDING: QCoreApplication.translate("PreflightLabels", "Not checked"),
        CheckStatus.PASSED: QCoreApplication.translate("PreflightLabels", "Passed"),
        CheckStatus.WARNING: QCoreApplication.translate("PreflightLabels", "Warning"),
        CheckStatus.FAILED: QCoreApplication.translate("PreflightLabels", "Failed"),
        CheckStatus.SKIPPED: QCoreApplication.translate("PreflightLabels", "Skipped"),
    }
    return names[status]


def preflight_verdict_name(verdict: PreflightVerdict) -> str:
    """A pre-flight run's go/no-go."""
    names = {
        PreflightVerdict.GO: QCoreApplication.translate("PreflightLabels", "GO"),
        PreflightVerdict.NO_GO: QCoreApplication.translate("PreflightLabels", "NO-GO"),
        PreflightVerdict.INCOMPLETE: QCoreApplication.translate("PreflightLabels", "Incomplete"),
    }
    return names[verdict]
