"""The "Actions from earlier reviews:" line of the show summary: what earlier reviews (复盘) asked to change, still
open, so the plan of the next show keeps them in sight; items ticked off on this show's pre-flight show as done."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from streamdesk.core.review_types import ActionItemRow
from streamdesk.models.base import ShowStatus

OPEN_COLOUR = "#b26a00"
DONE_COLOUR = "#2e7d32"
MUTED_COLOUR = "#757575"


def wants_actions(is_template: bool, status: ShowStatus) -> bool:
    """Templates are not streamed and a cancelled show will not be: neither carries anything."""
    return not is_template and status is not ShowStatus.CANCELLED


def actions_html(items: Sequence[ActionItemRow]) -> str:
    """The whole line as HTML, each text escaped; "" when no earlier review left anything for this show."""
    if not items:
        return ""
    open_items = [item for item in items if item.done_at is None]
    done_items = [item for item in items if item.done_at is not None]
    label = escape(QCoreApplication.translate("ActionsLine", "Actions from earlier reviews:"))
    parts = []
    if open_items:
        count = QCoreApplication.translate("ActionsLine", "%n open", None, len(open_items))
        parts.append(f"<span style='color:{OPEN_COLOUR}'>{escape(count)}</span>")
    if done_items:
        count = QCoreApplication.translate("ActionsLine", "%n done on this show", None, len(done_items))
        parts.append(f"<span style='color:{DONE_COLOUR}'>{escape(count)}</span>")
    texts = []
    for item in open_items:
        line = QCoreApplication.translate("ActionsLine", "☐ {text} (from {show})").format(
            text=item.text, show=item.show_title
        )
        texts.append(escape(line))
    for item in done_items:
        line = QCoreApplication.translate("ActionsLine", "☑ {text}").format(text=item.text)
        texts.append(f"<span style='color:{MUTED_COLOUR}'>{escape(line)}</span>")
    return f"<b>{label}</b> " + " · ".join(parts) + "<br>" + "<br>".join(texts)
