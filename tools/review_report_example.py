"""Write docs/examples/review-report.pdf and .html: the review (复盘) report of the demo shop's 数码好物夜, compared
with 夏日防晒专场, as `streamdesk report` writes it.

    python tools/review_report_example.py [--lang en|zh_CN] [--out-dir docs/examples]

The demo is built with a fixed clock into a temporary folder and times are shown in Beijing time, so the files
only change when the report or the demo does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
SHOW_TITLE = "数码好物夜"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "examples")
    args = parser.parse_args()
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="streamdesk-report-") as scratch:
        os.environ["STREAMDESK_HOME"] = scratch
        from PySide6.QtGui import QGuiApplication

        import streamdesk.ui  # noqa: F401 - applies pyside_fixes (charts make many calls that drop None)
        from streamdesk.config import ReviewSettings
        from streamdesk.core.demo import write_demo
        from streamdesk.core.jobs import run_to_end
        from streamdesk.core.report import ReportWriter, trends_until
        from streamdesk.core.review import Review
        from streamdesk.db import open_database
        from streamdesk.translations import install_translators

        app = QGuiApplication(["review-report", "-platform", "offscreen"])
        translators = install_translators(app, args.lang)  # noqa: F841 - must stay alive
        summary = run_to_end(write_demo(Path(scratch) / "demo.sqlite3", seed=7, clock=lambda: NOW))
        database = open_database(summary.database)
        try:
            review = Review(database.sessions, clock=lambda: NOW, settings=lambda: ReviewSettings())
            show = next(h for h in review.reviewable_shows() if h.title == SHOW_TITLE)
            data = review.review(show.show_id)
            trends = trends_until(review.trends(), show.show_id)
            writer = ReportWriter(clock=lambda: NOW)
            args.out_dir.mkdir(parents=True, exist_ok=True)
            for suffix in ("pdf", "html"):
                name = "review-report" if args.lang == "en" else f"review-report-{args.lang}"  # as README links them
                target = args.out_dir / f"{name}.{suffix}"
                writer.write(data, target, language=args.lang, trends=trends)
                print(f"wrote {target}")
        finally:
            database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
