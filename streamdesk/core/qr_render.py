"""Drawing a QR matrix: PNG with Pillow, SVG as text. Nothing here checks or verifies; core/qr.py does.

Both draw the same picture: background, the quiet zone, dark modules merged into horizontal runs, and an
optional centre logo in the box ``qr.logo_box`` clears (modules under it are left out, not painted over).
"""

from __future__ import annotations

import base64
import io
import math
from typing import TYPE_CHECKING

from streamdesk.core.errors import UserError
from streamdesk.core.qr import QUIET_ZONE_MODULES, QrMatrix, QrStyle, load_logo, logo_box, parse_colour

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PIL.Image import Image

MIN_MODULE_PX = 2  # below two pixels a module's edges blur into its neighbours' after any resampling
SVG_LOGO_MAX_PX = 512  # an embedded logo is downscaled to this: plenty for a 40 mm code at 300 dpi
LOGO_INSET = 0.5  # modules of background between the cleared box's edge and the logo


def dark_runs(m: QrMatrix, *, with_logo: bool = False) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules in symbol coordinates; with a logo the
    modules inside ``qr.logo_box`` are left out."""
    start, side = logo_box(m) if with_logo else (0, 0)
    box = range(start, start + side)
    for y, row in enumerate(m.modules):
        in_box_row = y in box
        x = 0
        while x < m.size:
            if not row[x] or (in_box_row and x in box):
                x += 1
                continue
            first = x
            while x < m.size and row[x] and not (in_box_row and x in box):
                x += 1
            yield y, first, x - first


def png_bytes(m: QrMatrix, style: QrStyle, *, size_mm: float | None, dpi: int, module_px: int = 10) -> bytes:
    """The code as a PNG: ``size_mm`` wide at ``dpi`` (modules rounded to whole pixels), else ``module_px``/module."""
    from PIL import Image as PilImage
    from PIL import ImageDraw

    modules = m.size_with_quiet_zone
    if dpi < 1 or module_px < MIN_MODULE_PX:
        raise UserError("qr.too_few_pixels", size_mm=size_mm or 0, dpi=dpi, min_dpi=1)
    if size_mm is not None:
        if size_mm <= 0:
            raise UserError("qr.bad_size", size_mm=size_mm)
        pixels = round(size_mm / 25.4 * dpi)
        if pixels < MIN_MODULE_PX * modules:
            min_dpi = math.ceil(MIN_MODULE_PX * modules * 25.4 / size_mm)
            raise UserError("qr.too_few_pixels", size_mm=f"{size_mm:g}", dpi=dpi, min_dpi=min_dpi)
    else:
        pixels = module_px * modules
    # Module edges at rounded positions: the image is exactly the asked size and modules differ by a pixel at most.
    edges = [round(index * pixels / modules) for index in range(modules + 1)]
    image = PilImage.new("RGB", (pixels, pixels), parse_colour(style.background))
    draw = ImageDraw.Draw(image)
    foreground = parse_colour(style.foreground)
    offset = QUIET_ZONE_MODULES
    for y, x, length in dark_runs(m, with_logo=style.logo is not None):
        box = (edges[offset + x], edges[offset + y], edges[offset + x + length] - 1, edges[offset + y + 1] - 1)
        draw.rectangle(box, fill=foreground)
    if style.logo is not None:
        start, side = logo_box(m)
        inset = LOGO_INSET * pixels / modules
        left, right = edges[offset + start] + inset, edges[offset + start + side] - inset
        _paste_logo(image, load_logo(style.logo), round(left), round(right))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def _fit(logo: Image, width: int) -> Image:
    """``logo`` scaled (keeping its proportions) to fit a ``width``-pixel square."""
    from PIL import Image as PilImage

    scale = width / max(logo.width, logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    return logo.resize(size, PilImage.Resampling.LANCZOS)


def _paste_logo(image: Image, logo: Image, left: int, right: int) -> None:
    width = right - left
    if width < 1:
        return
    fitted = _fit(logo, width)
    x = left + (width - fitted.width) // 2
    y = left + (width - fitted.height) // 2
    image.paste(fitted, (x, y), fitted)  # the logo's own alpha as the mask: transparent parts show the background


def svg_bytes(m: QrMatrix, style: QrStyle, *, size_mm: float) -> bytes:
    """The code as SVG ``size_mm`` wide: one path of dark modules, the logo as an embedded PNG data: URI."""
    if size_mm <= 0:
        raise UserError("qr.bad_size", size_mm=size_mm)
    modules = m.size_with_quiet_zone
    background, foreground = _hex(style.background), _hex(style.foreground)
    offset = QUIET_ZONE_MODULES
    path = "".join(
        f"M{offset + x} {offset + y}h{length}v1h-{length}z"
        for y, x, length in dark_runs(m, with_logo=style.logo is not None)
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" ',
        f'width="{size_mm:g}mm" height="{size_mm:g}mm" viewBox="0 0 {modules} {modules}" shape-rendering="crispEdges">\n',
        f'<rect x="0" y="0" width="{modules}" height="{modules}" fill="{background}"/>\n',
        f'<path fill="{foreground}" d="{path}"/>\n',
    ]
    if style.logo is not None:
        start, side = logo_box(m)
        logo = load_logo(style.logo)
        if max(logo.width, logo.height) > SVG_LOGO_MAX_PX:
            logo = _fit(logo, SVG_LOGO_MAX_PX)
        buffer = io.BytesIO()
        logo.save(buffer, "PNG")
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        position = offset + start + LOGO_INSET
        width = side - 2 * LOGO_INSET
        parts.append(
            f'<image x="{position:g}" y="{position:g}" width="{width:g}" height="{width:g}" '
            f'preserveAspectRatio="xMidYMid meet" xlink:href="data:image/png;base64,{encoded}"/>\n'
        )
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")


def _hex(colour: str) -> str:
    red, green, blue = parse_colour(colour)
    return f"#{red:02X}{green:02X}{blue:02X}"
