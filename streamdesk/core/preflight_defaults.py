"""The built-in pre-flight checklist, in each language StreamDesk speaks.

The first time the checklists are read, the built-in one is saved as the default template in the seller's language
(see Preflight.templates); from then on it is the seller's to edit. Four items are critical (a failure stops the
live timer unless the seller gives a reason): the phone's battery, the microphone, the network and the test
checkout. The webcam is not: a phone rig is checked by hand. Nor is "Script checked": risky wording only warns.

The text is data, not UI: it is written into the database once and then read as the seller edited it, so it is
spelled out here per language instead of going through the translator.
"""

from __future__ import annotations

from streamdesk.core.preflight_types import ChecklistItemInput
from streamdesk.models.base import CheckKind, ProbeKind

MANUAL = CheckKind.MANUAL
VALUE = CheckKind.VALUE
PROBE = CheckKind.PROBE

BATTERY_MIN_PERCENT = 80.0

DEFAULT_NAMES: dict[str, str] = {"zh_CN": "开播前检查（标准）", "en": "Standard pre-flight"}

_ZH: tuple[ChecklistItemInput, ...] = (
    ChecklistItemInput(
        "直播手机电量充足或已接电源",
        VALUE,
        critical=True,
        unit="%",
        min_value=BATTERY_MIN_PERCENT,
        hint="填写直播手机的电量；低于 80% 请先接上电源再开播。",
    ),
    ChecklistItemInput(
        "手机支架/三脚架稳固，取景构图已调好", MANUAL, hint="人和商品都在画面内（竖屏 9:16），支架不晃动。"
    ),
    ChecklistItemInput("灯光到位", MANUAL, hint="补光灯已打开，脸和商品亮度均匀，包装上没有反光和硬阴影。"),
    ChecklistItemInput("画面稳定，镜头已擦干净", MANUAL, hint="擦一下镜头，确认对焦清楚、画面不抖不闪。"),
    ChecklistItemInput(
        "电脑摄像头画面", PROBE, probe=ProbeKind.VIDEO, hint="只在用电脑摄像头时需要；手机直播请看上面几项。"
    ),
    ChecklistItemInput(
        "麦克风已连接，音量合适",
        PROBE,
        probe=ProbeKind.AUDIO_INPUT,
        critical=True,
        hint="像直播时一样说几句话：峰值应在 −20 到 −9 dBFS 之间。",
    ),
    ChecklistItemInput(
        "声卡和耳返监听正常", PROBE, probe=ProbeKind.AUDIO_OUTPUT, hint="播放测试音，戴上监听耳机确认能听到。"
    ),
    ChecklistItemInput("背景音乐音量合适", MANUAL, hint="音乐压在人声下面，不能盖过说话声；只用有版权的曲目。"),
    ChecklistItemInput(
        "网络稳定，上传带宽足够",
        PROBE,
        probe=ProbeKind.NETWORK,
        critical=True,
        hint="1080p 需要上传 4 Mbit/s 以上（720p 需要 2 Mbit/s）；优先用网线或 5 GHz Wi-Fi。",
    ),
    ChecklistItemInput(
        "电脑状态：磁盘空间、电源、时间",
        PROBE,
        probe=ProbeKind.MACHINE,
        hint="录像要留够磁盘空间，接上电源，系统时间准确。",
    ),
    ChecklistItemInput(
        "直播账号已登录，直播预告已发布", MANUAL, hint="在直播平台确认登录的是店铺账号，直播预告已经发出。"
    ),
    ChecklistItemInput(
        "测试订单已支付",
        PROBE,
        probe=ProbeKind.TEST_CHECKOUT,
        critical=True,
        hint="用另一台手机扫测试商品的二维码，下单并付款，记下订单号。",
    ),
    ChecklistItemInput("商品和样品按流程单顺序摆好", MANUAL, hint="按直播流程单的顺序摆放，样品拆好包装、随手可拿。"),
    ChecklistItemInput("价格牌和手卡已备好", MANUAL, hint="每个商品的直播价、规格和卖点都写在手卡上。"),
    ChecklistItemInput(
        "话术已检查",
        PROBE,
        probe=ProbeKind.SCRIPT,
        hint="检查流程单和商品卖点、话术、常见问题里的违规用语（最好、第一、根治……）；有提示时按建议改写，不影响开播。",
    ),
    ChecklistItemInput("备用手机和充电宝已备好", MANUAL, hint="备用手机已登录账号、充满电，充电宝在手边。"),
    ChecklistItemInput("通知已静音（勿扰模式）", MANUAL, hint="直播手机和电脑都打开勿扰模式：有的手机来电会打断直播。"),
)

_EN: tuple[ChecklistItemInput, ...] = (
    ChecklistItemInput(
        "Phone charged or plugged in",
        VALUE,
        critical=True,
        unit="%",
        min_value=BATTERY_MIN_PERCENT,
        hint="Type the streaming phone's battery level; below 80 % plug it in before going live.",
    ),
    ChecklistItemInput(
        "Stand or tripod steady, framing set",
        MANUAL,
        hint="You and the products in frame (portrait 9:16); the stand does not wobble.",
    ),
    ChecklistItemInput(
        "Lighting", MANUAL, hint="Fill light on; face and products evenly lit, no glare or hard shadows on packaging."
    ),
    ChecklistItemInput(
        "Camera picture stable, lens clean",
        MANUAL,
        hint="Wipe the lens; check the focus and that the picture does not shake or flicker.",
    ),
    ChecklistItemInput(
        "Webcam picture",
        PROBE,
        probe=ProbeKind.VIDEO,
        hint="Only when a webcam is used; a phone rig is checked by the items above.",
    ),
    ChecklistItemInput(
        "Microphone connected and at the right level",
        PROBE,
        probe=ProbeKind.AUDIO_INPUT,
        critical=True,
        hint="Speak as you will live: the peak should sit between −20 and −9 dBFS.",
    ),
    ChecklistItemInput(
        "Sound card and headphone monitoring",
        PROBE,
        probe=ProbeKind.AUDIO_OUTPUT,
        hint="Play the test tone and listen on the monitoring headphones.",
    ),
    ChecklistItemInput(
        "Background music level",
        MANUAL,
        hint="Music under the voice, never over it; play only tracks you have the rights to.",
    ),
    ChecklistItemInput(
        "Network steady, upload fast enough",
        PROBE,
        probe=ProbeKind.NETWORK,
        critical=True,
        hint="1080p needs at least 4 Mbit/s upload (720p 2 Mbit/s); prefer a cable or 5 GHz Wi-Fi.",
    ),
    ChecklistItemInput(
        "Computer: disk space, power, clock",
        PROBE,
        probe=ProbeKind.MACHINE,
        hint="Free disk space for the recording, on mains power, the clock right.",
    ),
    ChecklistItemInput(
        "Platform account logged in, live preview (直播预告) published",
        MANUAL,
        hint="Check in the platform's app that the shop's account is logged in and the preview is out.",
    ),
    ChecklistItemInput(
        "Test checkout paid",
        PROBE,
        probe=ProbeKind.TEST_CHECKOUT,
        critical=True,
        hint="Scan the test product's QR code with a spare phone, order and pay, and note the order number.",
    ),
    ChecklistItemInput(
        "Products and samples laid out in rundown order",
        MANUAL,
        hint="In the order of the rundown; samples unpacked and within reach.",
    ),
    ChecklistItemInput(
        "Price cards ready", MANUAL, hint="Each product's live price, sizes and selling points on a card."
    ),
    ChecklistItemInput(
        "Script checked",
        PROBE,
        probe=ProbeKind.SCRIPT,
        hint="Checks the rundown and the products' selling points, talking points and FAQ for risky claims (best, "
        "number one, cure…); rewrite what it finds as suggested. It never stops the show.",
    ),
    ChecklistItemInput(
        "Backup phone and power bank ready",
        MANUAL,
        hint="The backup phone logged in and charged; the power bank at hand.",
    ),
    ChecklistItemInput(
        "Notifications silenced (do not disturb)",
        MANUAL,
        hint="Do not disturb on the streaming phone and the computer: on some phones a call ends the stream.",
    ),
)

DEFAULT_ITEMS: dict[str, tuple[ChecklistItemInput, ...]] = {"zh_CN": _ZH, "en": _EN}


def default_template(language: str) -> tuple[str, tuple[ChecklistItemInput, ...]]:
    """The built-in template's name and items in ``language`` (Chinese for a language StreamDesk does not speak:
    the shops it is made for sell on Chinese platforms)."""
    key = language if language in DEFAULT_ITEMS else "zh_CN"
    return DEFAULT_NAMES[key], DEFAULT_ITEMS[key]


def script_item(language: str) -> ChecklistItemInput:
    """The built-in "Script checked" item in ``language`` (Chinese for a language StreamDesk does not speak)."""
    items = DEFAULT_ITEMS[language if language in DEFAULT_ITEMS else "zh_CN"]
    return next(item for item in items if item.probe is ProbeKind.SCRIPT)
