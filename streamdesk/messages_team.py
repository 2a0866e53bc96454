"""Sentences of team mode: a database on a PostgreSQL server, shared by several laptops.

Kept beside messages.py, which adds them to its table, in the same ``QCoreApplication.translate("messages", …)``
form so pyside6-lupdate finds them. A URL shown here never holds its password (db.display_target).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def team_texts() -> dict[str, str]:
    return {
        "db.bad_url": QCoreApplication.translate(
            "messages", "{url} is not a database address. Team mode takes postgresql://USER:PASSWORD@HOST:PORT/NAME."
        ),
        "db.unsupported_url": QCoreApplication.translate(
            "messages",
            "StreamDesk cannot use a “{scheme}” database. Give a file, or for team mode a PostgreSQL address: "
            "postgresql://USER:PASSWORD@HOST:PORT/NAME.",
        ),
        "db.driver_missing": QCoreApplication.translate(
            "messages",
            "Team mode needs the PostgreSQL driver (psycopg), which this installation lacks. Reinstall StreamDesk, "
            "or install it with: pip install 'psycopg[binary]'",
        ),
        "db.server_unreachable": QCoreApplication.translate(
            "messages",
            "StreamDesk could not open the team database {url}: {reason}. Check that the server is running and "
            "reachable from this laptop, and the user name and password.",
        ),
        "db.conflict": QCoreApplication.translate(
            "messages",
            "Someone else changed {what} while you were editing it. Your changes were not saved: reopen it to see "
            "theirs, then make yours again.",
        ),
        "db.not_a_file": QCoreApplication.translate(
            "messages",
            "{action} works on a database file; this one is on a server ({url}). Ask whoever runs the server "
            "for its backups (pg_dump), or copy it to a file with: streamdesk db migrate-to FILE",
        ),
    }
