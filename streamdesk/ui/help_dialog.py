"""Help → User guide and Guide for this page (Shift+F1): a short guide per page, in the interface's language.

The guides are Markdown files in resources/help/<language>/<topic>.md, written for each language (not translated
word for word); their first ``# `` line is the title listed on the left. A topic missing in one language falls
back to English. Opened from the main window's Help menu; this module is imported only then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from streamdesk.resource_paths import resource_path

# "start" first, then the pages in the sidebar's order (app_pages.default_pages)
TOPICS = ("start", "catalogue", "shows", "preflight", "warmup", "live", "orders", "review", "advice")
FALLBACK_LANGUAGE = "en"


def guide_file(topic: str, language: str) -> Path:
    """The guide's file in ``language``, else the English one."""
    path = resource_path("help", language, f"{topic}.md")
    return path if path.is_file() else resource_path("help", FALLBACK_LANGUAGE, f"{topic}.md")


def guide_text(topic: str, language: str) -> str:
    return guide_file(topic, language).read_text(encoding="utf-8")


def guide_title(text: str) -> str:
    """The first ``# `` heading of a guide."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


class HelpDialog(QDialog):
    """A list of topics on the left and the chosen guide on the right; non-modal, so it can stay open."""

    def __init__(self, language: str, topic: str = "start", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("StreamDesk guide"))
        self.language = language
        self.topics = QListWidget()
        self.topics.setObjectName("helpTopics")
        self.topics.setAccessibleName(self.tr("Guide topics"))
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._texts: dict[str, str] = {}
        for key in TOPICS:
            text = guide_text(key, language)
            self._texts[key] = text
            item = QListWidgetItem(guide_title(text) or key)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, 32))
            self.topics.addItem(item)
        self.topics.setFixedWidth(max(150, self.topics.sizeHintForColumn(0) + 24))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setAccessibleName(self.tr("Guide"))
        self.browser.setOpenLinks(False)  # links leave for the system browser, never replace the guide
        self.browser.anchorClicked.connect(self._open_link)
        self.browser.document().setDocumentMargin(12)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.topics)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.topics.currentRowChanged.connect(self._on_topic_chosen)
        self.resize(820, 600)
        self.show_topic(topic)

    def current_topic(self) -> str:
        item = self.topics.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def show_topic(self, topic: str) -> None:
        """Select ``topic``; an unknown one (a page without a guide) shows Getting started."""
        row = TOPICS.index(topic) if topic in TOPICS else 0
        self.topics.setCurrentRow(row)
        self._on_topic_chosen(row)  # also when the row was already current

    @Slot(int)
    def _on_topic_chosen(self, row: int) -> None:
        if 0 <= row < len(TOPICS):
            self.browser.setMarkdown(self._texts[TOPICS[row]])
            self.browser.verticalScrollBar().setValue(0)

    @Slot(QUrl)
    def _open_link(self, url: QUrl) -> None:
        QDesktopServices.openUrl(url)
