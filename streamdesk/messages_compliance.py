"""Sentences of the claim-compliance checker (``streamdesk lint``), beside messages.py, which adds them to its
table, in the same ``QCoreApplication.translate("messages", …)`` form so pyside6-lupdate finds them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def compliance_texts() -> dict[str, str]:
    return {
        "compliance.file_missing": QCoreApplication.translate(
            "messages", "The file {path} does not exist. Check the name and try again."
        ),
        "compliance.unreadable": QCoreApplication.translate(
            "messages", "StreamDesk cannot read {path}. Check that it is a text file and that you may open it."
        ),
        "compliance.not_text": QCoreApplication.translate(
            "messages", "{path} is not a text file StreamDesk can read. Save it as UTF-8 text and check it again."
        ),
        # the pre-flight item "Script checked" (core/probes/script.py): count
        "preflight.script.clean": QCoreApplication.translate(
            "messages",
            "No risky wording found in the show's notes, its segments' scripts or its products' selling points, "
            "talking points and FAQ.",
        ),
        "preflight.script.hits": QCoreApplication.translate(
            "messages",
            "Found {count} risky wording(s) that platforms may penalise (listed below, with what to say instead). "
            "Rewrite them in the rundown or the product, then check again; you can go live either way.",
        ),
    }
