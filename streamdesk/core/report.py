"""``ReportWriter``: a show's review as a printable report, PDF or self-contained HTML by the file's suffix.

The same words and numbers in both (core/report_content.py), in the language asked for; the charts are drawn by
core/report_charts.py (vector on the PDF, PNG inside the HTML). Files are written aside and renamed into place, so
a failed write leaves no half file. Needs a QGuiApplication (fonts); the GUI has one, the CLI makes an offscreen one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.core.errors import UserError
from streamdesk.core.review_types import ShowReviewData, TrendPoint
from streamdesk.core.storage import discard

log = logging.getLogger(__name__)

SUFFIXES = (".pdf", ".html")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def trends_until(points: Sequence[TrendPoint], show_id: int) -> tuple[TrendPoint, ...]:
    """The trend points (oldest first) up to and including this show's: a report does not look into its future.
    All of them when the show is not among them."""
    ordered = tuple(points)
    for index, point in enumerate(ordered):
        if point.show_id == show_id:
            return ordered[: index + 1]
    return ordered


class ReportWriter:
    """Writes review reports; ``moving_average_shows`` is the trends' window (Settings.review)."""

    def __init__(self, *, moving_average_shows: int = 3, clock: Callable[[], datetime] | None = None) -> None:
        self._window = max(1, moving_average_shows)
        self._clock = clock or _utc_now

    @staticmethod
    def check_destination(dest: Path) -> str:
        """The format ("pdf" or "html") for ``dest``; UserError("report.bad_format") for any other suffix."""
        suffix = dest.suffix.lower()
        if suffix not in SUFFIXES:
            raise UserError("report.bad_format", path=str(dest))
        return suffix.lstrip(".")

    def write(self, data: ShowReviewData, dest: Path, *, language: str, trends: Sequence[TrendPoint] = ()) -> None:
        """Write the report of ``data`` to ``dest`` (.pdf or .html) in ``language`` ("zh_CN" or "en"), with
        ``trends`` (oldest first, this show included) as the trends chart when there are two or more."""
        from streamdesk.core.report_content import report_content, translated

        kind = self.check_destination(dest)
        if not dest.parent.is_dir():
            raise UserError("report.no_folder", folder=str(dest.parent))
        printed = self._clock().astimezone().strftime("%Y-%m-%d %H:%M")
        with translated(language):
            content = report_content(data, language=language, trends=trends, window=self._window, printed=printed)
            if kind == "pdf":
                from streamdesk.core.report_pdf import write_report_pdf

                pages = write_report_pdf(content, data, dest)
                log.info("review report of show %s written to %s (%d pages)", data.header.show_id, dest, pages)
                return
            from streamdesk.core.report_html import report_html

            text = report_html(content, data)
        partial = dest.with_name(f".{dest.name}.partial")
        try:
            partial.write_text(text, encoding="utf-8")
            partial.replace(dest)
        except OSError as exc:
            discard(partial)
            raise UserError("report.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc
        log.info("review report of show %s written to %s", data.header.show_id, dest)
