"""Sentences of the seller's assistant (``streamdesk advice`` and the advice page), beside messages.py, which adds
them to its table, in the same ``QCoreApplication.translate("messages", …)`` form so pyside6-lupdate finds them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def advice_texts() -> dict[str, str]:
    return {
        "advice.unknown_zone": QCoreApplication.translate(
            "messages", "{zone} is not a time zone StreamDesk knows. Use a name such as Asia/Shanghai or Europe/London."
        ),
        "advice.unknown_platform": QCoreApplication.translate(
            "messages", "{platform} is not a platform StreamDesk knows. Use one of: {known}."
        ),
        "advice.unknown_key": QCoreApplication.translate(
            "messages", "There is no current suggestion with the key {key}. Run streamdesk advice to see the keys."
        ),
        "advice.not_dismissed": QCoreApplication.translate(
            "messages", "No dismissed suggestion has the key {key}. Run streamdesk advice --all to see them."
        ),
    }
