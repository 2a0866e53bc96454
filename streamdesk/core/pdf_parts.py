"""What the PDF writers share (the host sheet, pick lists and packing slips, the review report): a QPdfWriter that
writes aside and is renamed into place, a QTextDocument in the body font laid out on its grid, and the pages
painted one by one with a title and "page n of m" in the footer.

A named Qt module of docs/ARCHITECTURE.md (QtGui only, imported inside the functions); needs a QGuiApplication.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamdesk.core.errors import UserError
from streamdesk.core.fonts import font_families, installed_families
from streamdesk.core.storage import discard

BODY_POINTS = 9
RESOLUTION = 300  # dots per inch of the PDF's layout grid
FOOTER_HEIGHT = 2.2 * BODY_POINTS / 72 * RESOLUTION  # device pixels kept free at the foot of a page


def pdf_writer(dest: Path, *, title: str, margins_mm: tuple[float, float, float, float], size: str = "A4",
               who: str) -> tuple[Any, Path]:  # fmt: skip
    """A portrait A4 (or A5) QPdfWriter on ``dest``'s partial file, and that file; ``who`` names the caller."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter

    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        raise RuntimeError(f"{who} needs a QGuiApplication (fonts)")
    partial = dest.with_name(f".{dest.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("StreamDesk")
    page = QPageSize.PageSizeId.A5 if size == "A5" else QPageSize.PageSizeId.A4
    writer.setPageLayout(
        QPageLayout(
            QPageSize(page), QPageLayout.Orientation.Portrait, QMarginsF(*margins_mm), QPageLayout.Unit.Millimeter
        )
    )
    return writer, partial


def body_rect(writer: Any) -> Any:
    """The page's printable area in device pixels."""
    return writer.pageLayout().paintRectPixels(RESOLUTION)


def text_document(writer: Any, body_html: str) -> Any:
    """``body_html`` as a QTextDocument laid out on the writer, in the body font (the first installed of the list)."""
    from PySide6.QtGui import QFont, QTextDocument

    font = QFont()
    families = font_families(installed_families())
    if families:
        font.setFamilies(families)
    font.setPointSizeF(BODY_POINTS)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(body_html)
    return document


def footed_page(document: Any, body: Any) -> Any:
    """Lay the document out in pages of the body less the footer; returns that page size."""
    from PySide6.QtCore import QSizeF

    page = QSizeF(body.width(), body.height() - FOOTER_HEIGHT)
    document.setPageSize(page)
    return page


def lay_out(document: Any) -> int:
    """Lay the whole document out now and return its page count. Qt lays a long document out lazily (a part at
    once, the rest later from the event loop) and answers pageCount() and block positions from what is done so
    far: a Chinese review report lost its last page that way. Call it before counting or judging pages."""
    layout = document.documentLayout()
    document.size()
    block = document.begin()
    while block.isValid():
        layout.blockBoundingRect(block)
        block = block.next()
    return int(document.pageCount())


def begin_painter(writer: Any, partial: Path, dest: Path, *, code: str, reason: str) -> Any:
    """A QPainter begun on the writer; when it cannot begin, the partial file goes and UserError ``code`` is raised."""
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(writer):
        partial.unlink(missing_ok=True)
        raise UserError(code, path=str(dest), reason=reason)
    return painter


def paint_pages(painter: Any, writer: Any, document: Any, body: Any, *, pages: int, footer: str, page_of: str) -> None:
    """Paint each page of the footed document, ``footer`` at the left of its foot and ``page_of`` (a translated
    "Page {page} of {pages}") at the right; ends the painter."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont

    page = document.pageSize()
    try:
        footer_font = QFont(document.defaultFont())
        footer_font.setPointSizeF(BODY_POINTS - 1)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(footer_font)
            foot = QRectF(0, body.height() - FOOTER_HEIGHT * 0.8, body.width(), FOOTER_HEIGHT * 0.8)
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), footer)
            number = page_of.format(page=index + 1, pages=pages)
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), number)
    finally:
        painter.end()


def finish(partial: Path, dest: Path, *, code: str) -> None:
    """Rename the written partial file onto ``dest``; on failure it goes and UserError ``code`` is raised."""
    try:
        partial.replace(dest)
    except OSError as exc:
        discard(partial)
        raise UserError(code, path=str(dest), reason=exc.strerror or str(exc)) from exc
