"""Warm-up tasks without a database: the built-in default plan, due times and due states, task input checks.

The built-in defaults follow the seed plan for a show's warm-up (预热运行方案): a teaser short video about three days
before, the booking link spread through every channel (公众号, 朋友圈, 社群 …), ads prepared three to five hours ahead
to leave time for the platform's review, ads live one hour before, and the preview clip looping for the last half hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from streamdesk.core.errors import UserError
from streamdesk.core.local_time import SkippedLocalTime, aware_local
from streamdesk.core.warmup_types import TaskState, WarmupTaskInput
from streamdesk.models.base import WarmupTaskKind

DUE_SOON = timedelta(minutes=30)  # a task due this close is "due soon" and gets a desktop notification
MAX_OFFSET_MINUTES = 60 * 24 * 60  # sixty days either side of the start: further is a typing mistake
MAX_TITLE_LENGTH = 200
MAX_NOTES_LENGTH = 4000

DAY = 24 * 60
HOUR = 60

# The PUBLISH_LINK row is not a task of its own: it gives the offset of the publish task every booking link gets.
BUILT_IN_DEFAULTS: tuple[WarmupTaskInput, ...] = (
    WarmupTaskInput(WarmupTaskKind.TEASER_VIDEO, -3 * DAY),  # seed: 开播前3天发布短视频
    WarmupTaskInput(WarmupTaskKind.POSTERS, -2 * DAY),
    WarmupTaskInput(WarmupTaskKind.PUBLISH_LINK, -2 * DAY),  # seed: 通过各种渠道发放直播预约二维码和链接
    WarmupTaskInput(WarmupTaskKind.ADS_PREPARE, -5 * HOUR),  # seed: 正式直播前3-5小时开始制作广告 (review time)
    WarmupTaskInput(WarmupTaskKind.ADS_LIVE, -1 * HOUR),  # seed: 直播前1小时在直播平台投放广告
    WarmupTaskInput(WarmupTaskKind.PREVIEW_LOOP, -30),  # seed: 开播前30分钟 循环播放短片预览视频
)


def publish_offset(template: Sequence[WarmupTaskInput]) -> int:
    """Offset of a booking link's publish task: the template's PUBLISH_LINK row, else the built-in one."""
    for task in (*template, *BUILT_IN_DEFAULTS):
        if task.kind is WarmupTaskKind.PUBLISH_LINK:
            return task.offset_minutes
    raise AssertionError("the built-in defaults have a PUBLISH_LINK row")


def seeded_tasks(template: Sequence[WarmupTaskInput]) -> tuple[WarmupTaskInput, ...]:
    """The tasks a show gets when it is first warmed up: the template without its PUBLISH_LINK row (each booking
    link brings its own publish task)."""
    return tuple(task for task in template if task.kind is not WarmupTaskKind.PUBLISH_LINK)


def due_at(planned_start: datetime | None, offset_minutes: int) -> datetime | None:
    """When a task is due (aware UTC). Whole days of the offset are calendar days in the computer's time zone, so
    "3 days before" a Sunday 20:00 show is Thursday 20:00 even when the clocks changed in between; the rest (hours,
    minutes) is an exact duration. A day landing on a time the clocks skip falls back to 24-hour days."""
    if planned_start is None:
        return None
    days = int(offset_minutes / DAY)  # towards zero: "-2 days -90 min" is two calendar days and 90 minutes
    rest = timedelta(minutes=offset_minutes - days * DAY)
    if days == 0:
        return planned_start + rest
    wall = planned_start.astimezone().replace(tzinfo=None) + timedelta(days=days)
    try:
        moved = aware_local(wall)
    except SkippedLocalTime:
        moved = planned_start + timedelta(days=days)
    return (moved + rest).astimezone(UTC)


def task_state(due: datetime | None, done_at: datetime | None, now: datetime) -> TaskState:
    """DONE once done; UNSCHEDULED without a due time; OVERDUE after the due time; DUE_SOON from DUE_SOON before
    it up to the due time itself; PENDING before that."""
    if done_at is not None:
        return TaskState.DONE
    if due is None:
        return TaskState.UNSCHEDULED
    if now > due:
        return TaskState.OVERDUE
    if due - now <= DUE_SOON:
        return TaskState.DUE_SOON
    return TaskState.PENDING


def clean_task(task: WarmupTaskInput) -> WarmupTaskInput:
    """The task with its text trimmed; UserError when a field is out of bounds."""
    title = task.title.strip()
    kind = WarmupTaskKind(task.kind)
    if kind is WarmupTaskKind.CUSTOM and not title:
        raise UserError("warmup.custom_title_required")
    if len(title) > MAX_TITLE_LENGTH:
        raise UserError("warmup.title_too_long", maximum=MAX_TITLE_LENGTH)
    if len(task.notes) > MAX_NOTES_LENGTH:
        raise UserError("warmup.notes_too_long", maximum=MAX_NOTES_LENGTH)
    if abs(task.offset_minutes) > MAX_OFFSET_MINUTES:
        raise UserError("warmup.offset_out_of_range", days=MAX_OFFSET_MINUTES // DAY)
    return WarmupTaskInput(kind=kind, offset_minutes=int(task.offset_minutes), title=title, notes=task.notes)


def clean_template(tasks: Sequence[WarmupTaskInput]) -> tuple[WarmupTaskInput, ...]:
    """A default template as it will be saved; at most one PUBLISH_LINK row (the offset of every link's task)."""
    cleaned = tuple(clean_task(task) for task in tasks)
    if sum(task.kind is WarmupTaskKind.PUBLISH_LINK for task in cleaned) > 1:
        raise UserError("warmup.template_publish_twice")
    return cleaned
