"""Ready-made opening and closing segments: 欢迎语 (welcome), 关注引导 (follow call-to-action), 预告下一场
(next-show preview) and closing thanks, each with talking points a host can read from and then adapt.

The texts are translated (context "ScriptTemplates"); a template becomes a plain SegmentInput, so the inserted
segment is the user's own from then on.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication

from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowSummary
from streamdesk.ui.pages.shows.labels import format_show_start


class ScriptTemplate(StrEnum):
    WELCOME = "welcome"  # 欢迎语
    FOLLOW = "follow"  # 关注引导
    NEXT_SHOW = "next_show"  # 预告下一场
    CLOSING = "closing"  # 收尾感谢


def template_name(template: ScriptTemplate) -> str:
    """What the insert menu calls a template."""
    names = {
        ScriptTemplate.WELCOME: QCoreApplication.translate("ScriptTemplates", "Opening: welcome"),
        ScriptTemplate.FOLLOW: QCoreApplication.translate("ScriptTemplates", "Follow call-to-action"),
        ScriptTemplate.NEXT_SHOW: QCoreApplication.translate("ScriptTemplates", "Next-show preview"),
        ScriptTemplate.CLOSING: QCoreApplication.translate("ScriptTemplates", "Closing: thanks and last call"),
    }
    return names[template]


def template_segment(template: ScriptTemplate, *, next_show: ShowSummary | None = None) -> SegmentInput:
    """The segment a template inserts; the next-show preview names ``next_show`` when there is one."""
    if template is ScriptTemplate.WELCOME:
        return SegmentInput(
            kind=SegmentKind.OPENING,
            title=QCoreApplication.translate("ScriptTemplates", "Welcome"),
            planned_seconds=180,
            talking_points=_welcome_points(),
            promotion_cue=QCoreApplication.translate("ScriptTemplates", "Lucky bag for everyone who follows"),
        )
    if template is ScriptTemplate.FOLLOW:
        return SegmentInput(
            kind=SegmentKind.INTERACTION,
            title=QCoreApplication.translate("ScriptTemplates", "Follow and join the fan club"),
            planned_seconds=60,
            talking_points=_follow_points(),
            promotion_cue=QCoreApplication.translate("ScriptTemplates", "Coupon for new followers"),
        )
    if template is ScriptTemplate.NEXT_SHOW:
        return SegmentInput(
            kind=SegmentKind.CLOSING,
            title=QCoreApplication.translate("ScriptTemplates", "Next show preview"),
            planned_seconds=120,
            talking_points=_next_show_points(next_show),
            promotion_cue=QCoreApplication.translate("ScriptTemplates", "Reminder button for the next show"),
        )
    return SegmentInput(
        kind=SegmentKind.CLOSING,
        title=QCoreApplication.translate("ScriptTemplates", "Thanks and goodbye"),
        planned_seconds=180,
        talking_points=_closing_points(),
        promotion_cue=QCoreApplication.translate("ScriptTemplates", "Last call on today's deals"),
    )


def _welcome_points() -> str:
    return QCoreApplication.translate(
        "ScriptTemplates",
        "• Greet people by name as they come in: “Welcome, [name]! Tap follow so you don't miss today's deals.”\n"
        "• Say who you are and what today's show is about, in one sentence.\n"
        "• Tease the three best deals of the day and say when the first flash sale starts.\n"
        "• Ask for likes and shares now: the fuller the room, the sooner the first lucky bag opens.\n"
        "• Remind everyone that today's prices are for this live stream only.",
    )


def _follow_points() -> str:
    return QCoreApplication.translate(
        "ScriptTemplates",
        "• Point at the follow button: “Tap follow at the top left and the app tells you when we go live.”\n"
        "• Say what followers get: follower-only coupons, the lucky bag, first pick in every flash sale.\n"
        "• Ask viewers to join the fan club and light up their fan badge.\n"
        "• Thank the newest followers by name.\n"
        "• Repeat this every 10–15 minutes: new viewers arrive all the time.",
    )


def _next_show_points(next_show: ShowSummary | None) -> str:
    if next_show is not None and next_show.planned_start is not None:
        first = QCoreApplication.translate("ScriptTemplates", "• Next show: “{title}”, {when}.").format(
            title=next_show.title, when=format_show_start(next_show.planned_start)
        )
    elif next_show is not None:
        first = QCoreApplication.translate("ScriptTemplates", "• Next show: “{title}”, [day and time].").format(
            title=next_show.title
        )
    else:
        first = QCoreApplication.translate("ScriptTemplates", "• Next show: [day and time], [theme].")
    rest = QCoreApplication.translate(
        "ScriptTemplates",
        "• Name two or three products coming next time and the best price you can promise.\n"
        "• Ask viewers to tap “Reserve” on the profile page so the app reminds them before it starts.\n"
        "• Ask what they would like to see next time, and note the answers from the comments.",
    )
    return f"{first}\n{rest}"


def _closing_points() -> str:
    return QCoreApplication.translate(
        "ScriptTemplates",
        "• Thank everyone for staying, and the most active fans by name.\n"
        "• Last call: recap today's best deals and how much stock is left; the links stay up a few more minutes.\n"
        "• After-sales: say when orders ship and that customer service answers size and quality questions.\n"
        "• Remind viewers of the next show and ask them to follow so they are told when it starts.\n"
        "• Keep talking until the stream has really ended: viewers still see you for a few seconds.",
    )
