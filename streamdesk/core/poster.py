"""Booking posters: a show's title, time, countdown, hero products, promotions and booking QR on one page.

``spec_for`` turns the warm-up service's PosterContent into a PosterSpec (template, theme, texts, products, QR);
``render`` paints a spec on any QPaintDevice (the designer's preview QImage, a QPrinter); ``write_png`` and
``write_pdf`` export it, and both decode the QR back from the rendered raster before anything is written (the
PNG itself; each PDF page drawn again at 150 dpi): a poster whose code does not scan is refused, never written.

A named Qt module of docs/ARCHITECTURE.md: QtCore/QtGui only, imported inside the functions. The caller must have
created a QGuiApplication (fonts need one; the CLI makes an offscreen one). Chinese is drawn with a real CJK font
(core/fonts.py) and a poster with Chinese text refuses to render without one (UserError "poster.no_cjk_font").
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from streamdesk.core import poster_parts
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.poster_layout import (
    MAX_PRODUCTS,
    PRINT_DPI,
    SCREEN_PX_PER_MM,
    THEMES,
    PosterTemplate,
    PosterTheme,
    template,
    templates,
    theme,
)
from streamdesk.core.poster_text import PosterTexts, default_texts, needs_cjk, poster_language
from streamdesk.core.qr import MIN_MODULE_MM, QrStyle, check_style, style_matrix
from streamdesk.core.storage import discard
from streamdesk.core.warmup_types import PosterContent, PosterProduct

__all__ = [
    "THEMES",
    "PosterSpec",
    "PosterTemplate",
    "PosterTexts",
    "PosterTheme",
    "RenderReport",
    "cjk_font_family",
    "default_texts",
    "render",
    "spec_for",
    "templates",
    "write_pdf",
    "write_png",
]

log = logging.getLogger(__name__)
VERIFY_DPI = 150  # each PDF page is drawn again at this resolution to decode its QR


@dataclass(frozen=True, slots=True)
class PosterSpec:
    template: PosterTemplate
    theme: PosterTheme
    texts: PosterTexts
    products: tuple[PosterProduct, ...]  # at most six
    qr_text: str  # "" = no QR
    qr_style: QrStyle = field(default_factory=QrStyle)
    logo: bytes | None = None  # the business's logo (PNG/JPEG bytes), shown in the header
    language: str = "zh_CN"  # of the fixed words ("直播价", the header badge)


@dataclass(frozen=True, slots=True)
class RenderReport:
    shrunk: tuple[str, ...]  # parts whose text was made smaller to fit ("title", "promo", "product 2" …)
    overflowed: tuple[str, ...]  # parts whose text was cut with "…" even at the smallest size
    qr_size_mm: float | None  # printed width of the code, quiet zone included (None: no QR)
    qr_module_mm: float | None
    verified: bool = False  # the QR was decoded back from the raster (False: no QR, or no decoder installed)

    @property
    def qr_too_small(self) -> bool:
        return self.qr_module_mm is not None and self.qr_module_mm < MIN_MODULE_MM


def spec_for(
    content: PosterContent,
    template_key: str,
    theme_key: str,
    language: str,
    now: datetime,
    *,
    texts: PosterTexts | None = None,
    logo: bytes | None = None,
    zone: tzinfo | None = None,
    business_name: str = "",
    qr_style: QrStyle | None = None,
) -> PosterSpec:
    """The poster of ``content``: UserError("poster.unknown_template" | "poster.unknown_theme") for unknown keys."""
    chosen = template(template_key)
    colours = theme(theme_key)
    return PosterSpec(
        template=chosen,
        theme=colours,
        texts=texts or default_texts(content, language, now, zone, business_name=business_name),
        products=content.products[:MAX_PRODUCTS],
        qr_text=content.url,
        qr_style=qr_style or QrStyle(),
        logo=logo,
        language=poster_language(language),
    )


def cjk_font_family() -> str | None:
    """The CJK family posters draw Chinese with (bundled first, then a common system one); None when there is none."""
    from streamdesk.core.fonts import cjk_family

    return cjk_family()


def spec_texts(spec: PosterSpec) -> tuple[str, ...]:
    texts = spec.texts
    words = (texts.title, texts.date_line, texts.countdown_line, texts.business_name, texts.promotion, texts.caption)
    products = tuple(f"{p.title} {p.spec_label}" for p in spec.products)
    return (*words, *products, "直播价" if spec.language == "zh_CN" else "")


def check_fonts(spec: PosterSpec, cjk: str | None) -> None:
    """UserError("poster.no_cjk_font") when the poster has Chinese text and ``cjk`` (the CJK family) is None."""
    if cjk is None and needs_cjk(spec_texts(spec)):
        raise UserError("poster.no_cjk_font")


def _families() -> tuple[str | None, str | None]:
    from streamdesk.core.fonts import latin_family

    return latin_family(), cjk_font_family()


def paint(spec: PosterSpec, painter: Any, width: float, height: float) -> RenderReport:
    """Paint ``spec`` with an active ``painter`` over a ``width`` × ``height`` device area (centred, aspect kept)."""
    from streamdesk.core.poster_draw import Canvas

    latin, cjk = _families()
    check_fonts(spec, cjk)
    if spec.qr_text:
        check_style(spec.qr_style)
    layout = spec.template
    scale = min(width / layout.width_mm, height / layout.height_mm)
    canvas = Canvas(
        painter,
        scale,
        dx=(width - layout.width_mm * scale) / 2,
        dy=(height - layout.height_mm * scale) / 2,
        families=tuple(f for f in (latin, cjk) if f),
    )
    painter.save()
    painter.setRenderHint(painter.RenderHint.Antialiasing, True)
    painter.setRenderHint(painter.RenderHint.TextAntialiasing, True)
    qr_box = poster_parts.draw_poster(canvas, spec)
    painter.restore()
    size_mm = module_mm = None
    if qr_box is not None and spec.qr_text:
        size_mm = qr_box.w
        module_mm = size_mm / style_matrix(spec.qr_text, spec.qr_style).size_with_quiet_zone
    return RenderReport(tuple(canvas.shrunk), tuple(canvas.overflowed), size_mm, module_mm)


def render(spec: PosterSpec, device: Any) -> RenderReport:
    """Paint ``spec`` on ``device`` (QImage, QPdfWriter, QPrinter …): the whole poster, centred, aspect kept."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPainter

    painter = QPainter()
    if not painter.begin(device):
        raise UserError(
            "poster.write_failed",
            path="",
            reason=QCoreApplication.translate("Poster", "the page cannot be painted"),
        )
    try:
        return paint(spec, painter, float(device.width()), float(device.height()))
    finally:
        painter.end()


def raster(spec: PosterSpec, dpi: int | None = None) -> tuple[Any, RenderReport]:
    """(QImage, report): the poster at ``dpi`` over its millimetre size; without ``dpi`` as its PNG is written
    (print templates at 300 dpi, screen ones at their pixel size)."""
    from PySide6.QtGui import QColor, QImage

    layout = spec.template
    if dpi is None:
        width, height = layout.pixels(PRINT_DPI)
    else:
        width, height = round(layout.width_mm / 25.4 * dpi), round(layout.height_mm / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(spec.theme.background))
    per_mm = width / layout.width_mm
    image.setDotsPerMeterX(round(per_mm * 1000))
    image.setDotsPerMeterY(round(per_mm * 1000))
    return image, render(spec, image)


def decode(image: Any) -> tuple[str, ...]:
    """Every QR text zxing-cpp finds in a QImage."""
    from PIL import Image
    from PySide6.QtGui import QImage

    from streamdesk.core.qr import decode_image

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    pil = Image.frombuffer("L", (grey.width(), grey.height()), data, "raw", "L", grey.bytesPerLine(), 1)
    return decode_image(pil)


def verify(spec: PosterSpec, image: Any, report: RenderReport) -> RenderReport:
    """``report`` marked verified once the QR decodes from ``image``; UserError("poster.qr_unreadable") if not.
    Without zxing-cpp installed nothing can be checked: the report says unverified (and the log says why)."""
    from dataclasses import replace

    from streamdesk.core.qr import decoder_available

    if not spec.qr_text:
        return report
    if not decoder_available():
        log.warning("zxing-cpp is not installed: the poster's QR code was not verified")
        return report
    if spec.qr_text not in decode(image):
        raise UserError("poster.qr_unreadable", template=spec.template.key, text=spec.qr_text)
    return replace(report, verified=True)


def _replace(partial: Path, dest: Path) -> None:
    try:
        partial.replace(dest)
    except OSError as exc:
        discard(partial)
        raise UserError("poster.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc


def write_png(spec: PosterSpec, dest: Path, dpi: int = PRINT_DPI) -> RenderReport:
    """The poster as a PNG (print templates at ``dpi``, screen ones at their pixel size), its QR verified first;
    written to a temporary file beside ``dest`` and renamed."""
    from PySide6.QtCore import QCoreApplication

    image, report = raster(spec, dpi if spec.template.is_print else None)
    report = verify(spec, image, report)
    partial = dest.with_name(f".{dest.name}.partial")
    if not image.save(str(partial), "PNG"):
        partial.unlink(missing_ok=True)
        reason = QCoreApplication.translate("Poster", "the file cannot be created")
        raise UserError("poster.write_failed", path=str(dest), reason=reason)
    _replace(partial, dest)
    return report


def _page_size(layout: PosterTemplate) -> Any:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize

    return QPageSize(QSizeF(layout.width_mm, layout.height_mm), QPageSize.Unit.Millimeter, layout.key)


def write_pdf(
    specs: Sequence[PosterSpec], dest: Path, cancel: CancelToken | None = None
) -> Generator[Progress, None, tuple[RenderReport, ...]]:
    """One page per spec (each at its template's size) in a PDF with vector text and embedded fonts; each page's QR
    is decoded from the page drawn again at 150 dpi before the file is renamed into place. Cancel → nothing written."""
    from PySide6.QtCore import QCoreApplication, QMarginsF
    from PySide6.QtGui import QPageLayout, QPainter, QPdfWriter

    if not specs:
        raise UserError("poster.nothing_to_print")
    token = cancel or CancelToken()
    total = 2 * len(specs)
    partial = dest.with_name(f".{dest.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(PRINT_DPI)
    writer.setTitle(specs[0].texts.title)
    writer.setCreator("StreamDesk")
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setPageSize(_page_size(specs[0].template))
    painter = QPainter()
    reports: list[RenderReport] = []
    finished = False
    try:
        if not painter.begin(writer):
            reason = QCoreApplication.translate("Poster", "the file cannot be created")
            raise UserError("poster.write_failed", path=str(dest), reason=reason)
        for index, spec in enumerate(specs):
            token.raise_if_set()
            if index:
                writer.setPageSize(_page_size(spec.template))
                writer.newPage()
            yield Progress(index, total, "poster.render")
            reports.append(paint(spec, painter, float(writer.width()), float(writer.height())))
        painter.end()
        for index, spec in enumerate(specs):
            token.raise_if_set()
            yield Progress(len(specs) + index, total, "poster.verify")
            image, _ = raster(spec, VERIFY_DPI)
            reports[index] = verify(spec, image, reports[index])
        _replace(partial, dest)
        finished = True
    finally:
        if painter.isActive():
            painter.end()
        if not finished:
            partial.unlink(missing_ok=True)
    yield Progress(total, total, "poster.verify")
    return tuple(reports)


def screen_dpi() -> float:
    """The dots per inch a screen template's PNG is tagged with (its millimetre size at 6 px/mm)."""
    return SCREEN_PX_PER_MM * 25.4
