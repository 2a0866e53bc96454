"""The parts of a poster, top to bottom: background, header, title, date and countdown, promotions, product cards,
the QR panel. Each part draws inside its template box (millimetres) through poster_draw's Canvas.

A named Qt module (QtCore/QtGui only, imported inside the functions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from streamdesk.core.poster_draw import (
    Canvas,
    colour,
    draw_lines,
    fit,
    picture,
    qr_code,
    rounded,
    shadowed,
    text_width,
)
from streamdesk.core.poster_layout import Box, Grid, plan_grid
from streamdesk.core.poster_text import price_text, words
from streamdesk.core.qr import style_matrix

if TYPE_CHECKING:
    from streamdesk.core.poster import PosterSpec
    from streamdesk.core.warmup_types import PosterProduct


def draw_poster(canvas: Canvas, spec: PosterSpec) -> Box | None:
    """Every part of ``spec``; the QR code's square (quiet zone included, mm) or None without a QR."""
    layout = spec.template
    with_products = bool(spec.products)
    align = "left" if with_products else "center"

    def box(part: str) -> Box:
        return layout.box(part, with_products=with_products)

    _background(canvas, spec)
    _header(canvas, spec, box("header"))
    _title(canvas, spec, box("title"), align)
    _when(canvas, spec, box("when"), align)
    _promo(canvas, spec, box("promo"), align)
    if with_products:
        _products(canvas, spec, box("products"))
    return _qr_panel(canvas, spec, box("qr_panel"))


def _background(canvas: Canvas, spec: PosterSpec) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QBrush, QLinearGradient, QPainterPath

    theme, layout = spec.theme, spec.template
    page = canvas.rect(Box(0, 0, layout.width_mm, layout.height_mm))
    painter = canvas.painter
    if theme.background_end:
        gradient = QLinearGradient(QPointF(page.left(), page.top()), QPointF(page.right(), page.bottom()))
        gradient.setColorAt(0.0, colour(theme.background))
        gradient.setColorAt(1.0, colour(theme.background_end))
        painter.fillRect(page, QBrush(gradient))
    else:
        painter.fillRect(page, colour(theme.background))
    painter.save()
    painter.setClipRect(page)
    w, h = layout.width_mm, layout.height_mm
    unit = min(w, h)
    circles = ((w * 0.98, h * 0.03, unit * 0.42, 0.16), (w * 0.83, h * 0.01, unit * 0.16, 0.14),
               (w * 0.02, h * 0.985, unit * 0.34, 0.12))  # fmt: skip
    for x, y, radius, alpha in circles:
        path = QPainterPath()
        path.addEllipse(canvas.rect(Box(x - radius, y - radius, 2 * radius, 2 * radius)))
        painter.fillPath(path, colour(theme.accent, alpha))
    band = Box(0, 0, w, unit * 0.012)  # a thin accent edge along the top
    painter.fillRect(canvas.rect(band), colour(theme.accent))
    painter.restore()


def _header(canvas: Canvas, spec: PosterSpec, box: Box) -> None:
    from PySide6.QtGui import QImage, QPainterPath

    theme, painter = spec.theme, canvas.painter
    if box.h <= 0:
        return
    left = box.x
    if spec.logo:
        image = QImage.fromData(spec.logo)
        if not image.isNull():
            side = box.h
            target = canvas.rect(Box(box.x, box.y, side, side))
            clip = QPainterPath()
            clip.addEllipse(target)
            painter.save()
            painter.setClipPath(clip)
            pixels = max(1, round(target.width()))
            painter.drawImage(target, image.scaled(pixels, pixels, mode=_smooth(), aspectMode=_cover()))
            painter.restore()
            left += side * 1.25
    badge_text = words(spec.language).badge
    badge_size = box.h * 0.42
    badge_font = canvas.font(badge_size, bold=True)
    badge_w = text_width(canvas, badge_text, badge_font) / canvas.scale + badge_size * 1.8
    badge = Box(box.right - badge_w, box.y + box.h * 0.12, badge_w, box.h * 0.76)
    rounded(canvas, badge, badge.h / 2, colour(theme.accent))
    painter.setFont(badge_font)
    _dot = Box(
        badge.x + badge_size * 0.55, badge.y + badge.h / 2 - badge_size * 0.16, badge_size * 0.32, badge_size * 0.32
    )
    rounded(canvas, _dot, _dot.h / 2, colour(theme.on_accent))
    label = Box(badge.x + badge_size * 1.1, badge.y, badge.w - badge_size * 1.5, badge.h)
    draw_lines(canvas, fit(canvas, "badge", badge_text, label, largest=badge_size, smallest=badge_size, max_lines=1),
               label, theme.on_accent, valign="middle")  # fmt: skip
    name = spec.texts.business_name.strip()
    if name:
        room = Box(left, box.y, max(0.0, badge.x - left - box.h * 0.5), box.h)
        fitted = fit(canvas, "business_name", name, room, largest=box.h * 0.5, smallest=box.h * 0.34, max_lines=1,
                     bold=True)  # fmt: skip
        draw_lines(canvas, fitted, room, theme.text, valign="middle")


def _title(canvas: Canvas, spec: PosterSpec, box: Box, align: str) -> None:
    smallest, largest = spec.template.title_mm
    fitted = fit(canvas, "title", spec.texts.title.strip(), box, largest=largest, smallest=smallest, max_lines=4,
                 bold=True)  # fmt: skip
    draw_lines(canvas, fitted, box, spec.theme.text, align=align, valign="bottom" if align == "left" else "middle")


def _when(canvas: Canvas, spec: PosterSpec, box: Box, align: str) -> None:
    theme, texts = spec.theme, spec.texts
    if box.h <= 0:
        return
    size = min(box.h * 0.3, box.w * 0.075)
    countdown = texts.countdown_line.strip()
    pill_h = size * 1.75
    top = box.y + (box.h - pill_h - (size * 1.45 if countdown else 0)) / 2 if align == "center" else box.y
    if texts.date_line.strip():
        font = canvas.font(size, bold=True)
        inner = min(box.w - size * 1.6, text_width(canvas, texts.date_line, font) / canvas.scale + 0.5)
        pill_w = inner + size * 1.6
        left = box.x + (box.w - pill_w) / 2 if align == "center" else box.x
        pill = Box(left, top, pill_w, pill_h)
        shadowed(canvas, pill, pill_h / 2, colour(theme.accent), depth_mm=size * 0.12)
        label = Box(left + size * 0.8, top, inner, pill_h)
        fitted = fit(canvas, "date_line", texts.date_line, label, largest=size, smallest=size * 0.6, max_lines=1,
                     bold=True)  # fmt: skip
        draw_lines(canvas, fitted, label, theme.on_accent, align="center", valign="middle")
        top += pill_h + size * 0.35
    if countdown:
        line = Box(box.x, top, box.w, max(0.0, box.bottom - top))
        fitted = fit(canvas, "countdown_line", countdown, line, largest=size * 0.85, smallest=size * 0.6, max_lines=1,
                     bold=True)  # fmt: skip
        ink = theme.accent if _contrast(theme.accent, theme.background) >= 2.5 else theme.text
        draw_lines(canvas, fitted, line, ink, align=align)


def _promo(canvas: Canvas, spec: PosterSpec, box: Box, align: str) -> None:
    from PySide6.QtGui import QPen

    theme, text = spec.theme, spec.texts.promotion.strip()
    if not text or box.h <= 0:
        return
    tag_text = words(spec.language).deals
    size = box.h * 0.4
    tag_font = canvas.font(size * 0.9, bold=True)
    tag_w = text_width(canvas, tag_text, tag_font) / canvas.scale + size * 1.4
    text_font = canvas.font(size, bold=True)
    natural = text_width(canvas, text, text_font) / canvas.scale + tag_w + size * 1.6
    width = box.w if align == "left" else min(box.w, natural)
    ribbon = Box(box.x + (box.w - width) / 2, box.y, width, box.h)
    pen = QPen(colour(theme.accent, 0.9))
    pen.setWidthF(canvas.px(box.h * 0.04))
    rounded(canvas, ribbon, box.h / 2, colour(theme.accent, 0.14), pen=pen)
    tag = Box(ribbon.x, ribbon.y, tag_w, ribbon.h)
    rounded(canvas, tag, box.h / 2, colour(theme.accent))
    tag_fit = fit(canvas, "deals", tag_text, tag, largest=size * 0.9, smallest=size * 0.9, max_lines=1, bold=True)
    draw_lines(canvas, tag_fit, tag, theme.on_accent, align="center", valign="middle")
    room = Box(tag.right + size * 0.6, ribbon.y, ribbon.right - tag.right - size * 1.2, ribbon.h)
    fitted = fit(canvas, "promotion", text, room, largest=size, smallest=size * 0.62, max_lines=1, bold=True)
    draw_lines(canvas, fitted, room, theme.text, valign="middle")


def _products(canvas: Canvas, spec: PosterSpec, box: Box) -> None:
    grid = plan_grid(len(spec.products), box, gap=box.w * 0.03)
    for index, (product, card) in enumerate(zip(spec.products, grid.cards, strict=False), start=1):
        _card(canvas, spec, product, card, grid, index)


def _card(canvas: Canvas, spec: PosterSpec, product: PosterProduct, card: Box, grid: Grid, index: int) -> None:
    theme = spec.theme
    radius = min(card.w, card.h) * 0.06
    shadowed(canvas, card, radius, colour(theme.surface), depth_mm=min(card.w, card.h) * 0.02)
    pad = min(card.w, card.h) * 0.05
    if grid.horizontal:
        side = min(card.h - 2 * pad, card.w * 0.48)
        photo = Box(card.x + pad, card.y + (card.h - side) / 2, side, side)
        text_box = Box(photo.right + pad * 1.4, card.y + pad * 1.2, card.right - photo.right - pad * 2.4,
                       card.h - pad * 2.4)  # fmt: skip
        title_size = min(text_box.w * 0.11, text_box.h * 0.16)
    else:
        photo = Box(card.x + pad, card.y + pad, card.w - 2 * pad, min(card.w - 2 * pad, grid.picture - pad))
        text_box = Box(card.x + pad * 1.4, photo.bottom + pad, card.w - pad * 2.8, card.bottom - photo.bottom - pad * 2)
        title_size = min(card.w * 0.075, text_box.h * 0.2)
    mark = product.title.strip()[:1] or "?"
    picture(canvas, photo, product.image_path, radius * 0.7, theme.accent, mark)
    price = price_text(product.live_price_minor, product.currency)
    price_size = title_size * 1.45
    price_h = price_size * 1.5 if price else 0.0
    name = f"{product.title} {product.spec_label}".strip()
    room = Box(text_box.x, text_box.y, text_box.w, max(title_size * 1.3, text_box.h - price_h - title_size * 0.4))
    fitted = fit(canvas, f"product {index}", name, room, largest=title_size, smallest=title_size * 0.75, max_lines=2)
    price_top = text_box.bottom - price_h
    if grid.horizontal:  # title and price together, centred beside the picture
        block = fitted.height_mm + title_size * 0.6 + price_h
        top = max(text_box.y, text_box.y + (text_box.h - block) / 2)
        room = Box(room.x, top, room.w, fitted.height_mm)
        price_top = min(price_top, top + fitted.height_mm + title_size * 0.6)
    draw_lines(canvas, fitted, room, theme.on_surface)
    if price:
        _price(canvas, spec, product, Box(text_box.x, price_top, text_box.w, price_h), price_size)


def _price(canvas: Canvas, spec: PosterSpec, product: PosterProduct, box: Box, size: float) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPen

    theme = spec.theme
    label = words(spec.language).live_price
    price = price_text(product.live_price_minor, product.currency)
    label_size, price_font = size * 0.5, canvas.font(size, bold=True)
    label_w = text_width(canvas, label, canvas.font(label_size, bold=True)) / canvas.scale
    price_w = text_width(canvas, price, price_font) / canvas.scale
    show_label = label_w * 1.06 + price_w + size * 1.2 <= box.w
    badge_w = min(box.w, (label_w + size * 0.3 if show_label else 0.0) + price_w + size * 0.8)
    badge = Box(box.x, box.y, badge_w, box.h)
    rounded(canvas, badge, box.h / 2, colour(theme.accent))
    inner = badge.inset(size * 0.4, 0)
    if show_label:
        label_box = Box(inner.x, inner.y + box.h * 0.08, label_w * 1.06 + 0.3, inner.h)
        fitted = fit(canvas, "price label", label, label_box, largest=label_size, smallest=label_size, max_lines=1,
                     bold=True)  # fmt: skip
        draw_lines(canvas, fitted, label_box, theme.on_accent, valign="middle")
        inner = Box(label_box.right + size * 0.2, inner.y, inner.right - label_box.right - size * 0.2, inner.h)
    fitted = fit(canvas, "price", price, inner, largest=size, smallest=size * 0.6, max_lines=1, bold=True)
    draw_lines(canvas, fitted, inner, theme.on_accent, valign="middle")
    listed = product.list_price_minor
    if listed is not None and product.live_price_minor is not None and listed > product.live_price_minor:
        was = price_text(listed, product.currency)
        room = Box(badge.right + size * 0.35, box.y, box.right - badge.right - size * 0.35, box.h)
        font = canvas.font(size * 0.55)
        width = text_width(canvas, was, font) / canvas.scale
        if width <= room.w:
            fitted = fit(canvas, "was", was, room, largest=size * 0.55, smallest=size * 0.55, max_lines=1)
            drawn = draw_lines(canvas, fitted, room, _muted_on_surface(theme), valign="middle")
            pen = QPen(colour(_muted_on_surface(theme)))
            pen.setWidthF(canvas.px(size * 0.05))
            canvas.painter.setPen(pen)
            middle = canvas.dy + canvas.px(drawn.y + drawn.h * 0.52)
            start, end = canvas.dx + canvas.px(room.x), canvas.dx + canvas.px(room.x + width)
            canvas.painter.drawLine(QPointF(start, middle), QPointF(end, middle))


def _qr_panel(canvas: Canvas, spec: PosterSpec, box: Box) -> Box | None:
    from PySide6.QtGui import QPainterPath

    theme, texts = spec.theme, spec.texts
    if not spec.qr_text or box.w <= 0 or box.h <= 0:
        return None
    radius = min(box.w, box.h) * 0.08
    shadowed(canvas, box, radius, colour(theme.surface), depth_mm=min(box.w, box.h) * 0.02)
    pad = min(box.w, box.h) * 0.08
    matrix = style_matrix(spec.qr_text, spec.qr_style)
    caption = texts.caption.strip()
    if box.w >= box.h * 1.6:  # wide: words left, code right
        side = box.h - 2 * pad
        code_box = Box(box.right - pad - side, box.y + pad, side, side)
        drawn = qr_code(canvas, code_box, matrix, spec.qr_style)
        text_box = Box(box.x + pad * 1.3, box.y + pad, code_box.x - box.x - pad * 3.2, box.h - 2 * pad)
        size = min(text_box.h * 0.26, text_box.w * 0.12)
        fitted = fit(canvas, "caption", caption, text_box, largest=size, smallest=size * 0.6, max_lines=2, bold=True)
        used = draw_lines(canvas, fitted, text_box, theme.on_surface, valign="middle")
        sub = texts.date_line.strip()
        if sub:
            under = Box(text_box.x, used.bottom + size * 0.25, text_box.w, size * 0.8)
            small = fit(canvas, "qr date", sub, under, largest=size * 0.55, smallest=size * 0.4, max_lines=1)
            draw_lines(canvas, small, under, _muted_on_surface(theme))
        arrow = size * 0.9  # a chevron pointing at the code
        tip_x, mid_y = code_box.x - pad * 0.5, box.y + box.h / 2
        path = QPainterPath()
        path.moveTo(canvas.dx + canvas.px(tip_x - arrow * 0.6), canvas.dy + canvas.px(mid_y - arrow * 0.6))
        path.lineTo(canvas.dx + canvas.px(tip_x), canvas.dy + canvas.px(mid_y))
        path.lineTo(canvas.dx + canvas.px(tip_x - arrow * 0.6), canvas.dy + canvas.px(mid_y + arrow * 0.6))
        path.closeSubpath()
        canvas.painter.fillPath(path, colour(theme.accent))
        return drawn
    size = min(box.w * 0.085, box.h * 0.075)
    caption_h = size * 2.6 if caption else 0.0
    side = min(box.w - 2 * pad, box.h - 2 * pad - caption_h)
    code_box = Box(box.x + (box.w - side) / 2, box.y + pad, side, side)
    drawn = qr_code(canvas, code_box, matrix, spec.qr_style)
    if caption:
        under = Box(box.x + pad, drawn.bottom + size * 0.3, box.w - 2 * pad, box.bottom - drawn.bottom - pad * 0.5)
        fitted = fit(canvas, "caption", caption, under, largest=size, smallest=size * 0.6, max_lines=1, bold=True)
        draw_lines(canvas, fitted, under, theme.on_surface, align="center", valign="middle")
    return drawn


def _muted_on_surface(theme: Any) -> str:
    return "#8A8F98" if _contrast(theme.surface, "#FFFFFF") < 1.5 else theme.muted


def _contrast(first: str, second: str) -> float:
    from streamdesk.core.qr import contrast_ratio

    return contrast_ratio(first, second)


def _smooth() -> Any:
    from PySide6.QtCore import Qt

    return Qt.TransformationMode.SmoothTransformation


def _cover() -> Any:
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatioByExpanding
