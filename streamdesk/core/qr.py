"""QR codes: the module matrix every exporter draws from, styles, print-size checks, export and verification.

``qrcode``, Pillow, ``zxingcpp`` and QtSvg are imported inside the functions: nothing before the first window
needs them. Drawing lives in ``core/qr_render.py`` (Pillow, plain SVG text) and SVG rasterising in
``core/qr_svg.py`` (QtSvg); this module is the API the app, the CLI and the posters call.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from streamdesk.core.errors import UserError
from streamdesk.core.storage import discard

if TYPE_CHECKING:
    from PIL.Image import Image

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 asks for at least four modules of background around the code
MIN_MODULE_MM = 0.4  # smaller modules blur into each other on a phone photo of a print (common print guidance)
# WCAG 2.1 success criterion 1.4.11 (non-text contrast) asks 3:1 for graphical objects; a QR code is one. Scanners
# binarise the image, so a dimmer pair is what fails first under shop lighting.
MIN_CONTRAST = 3.0
MAX_LOGO_SHARE = 0.2  # the most of the symbol's area (without the quiet zone) a centre logo may ever cover
# The share logo_box uses. Measured with zxing-cpp over 288 codes (versions 5-40, two logos): at 20 % of the area 46
# did not decode (versions 13-39), at 12 % 6 (version 13), at 10 % none. The rest of level H is left for print
# damage and a phone's blur.
LOGO_SHARE = 0.1
LOGO_MIN_VERSION = 5  # from version 5 (37 modules) the logo box clears the finder and alignment patterns
SVG_VERIFY_MODULE_PX = 6  # pixels per module when an SVG is rasterised to be decoded

QrFormat = Literal["png", "svg"]


class Ecc(StrEnum):
    """Error-correction level: the share of the code that may be damaged (or covered by a logo) and still read."""

    L = "L"  # ~7 %
    M = "M"  # ~15 %, the default
    Q = "Q"  # ~25 %
    H = "H"  # ~30 %, forced when a centre logo covers part of the code


# Bytes a version-40 symbol holds in byte mode (ISO/IEC 18004 table 7): the longest text we can encode.
MAX_BYTES = {Ecc.L: 2953, Ecc.M: 2331, Ecc.Q: 1663, Ecc.H: 1273}


@dataclass(frozen=True, slots=True)
class QrMatrix:
    text: str
    ecc: Ecc
    version: int  # 1-40
    modules: tuple[tuple[bool, ...], ...]  # dark modules, without the quiet zone

    @property
    def size(self) -> int:
        """Modules per side, without the quiet zone."""
        return len(self.modules)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE_MODULES


@dataclass(frozen=True, slots=True)
class QrStyle:
    ecc: Ecc = Ecc.M
    foreground: str = "#000000"
    background: str = "#FFFFFF"
    logo: bytes | None = None  # PNG/JPEG bytes; forces Ecc.H; covers <= 20 % of the code's area


@dataclass(frozen=True, slots=True)
class PrintCheck:
    size_mm: float  # printed width of the whole code, quiet zone included
    module_mm: float
    ok: bool  # module_mm >= MIN_MODULE_MM
    min_size_mm: float  # the smallest printed width (whole millimetres) that keeps modules >= MIN_MODULE_MM


@dataclass(frozen=True, slots=True)
class QrImage:
    data: bytes
    fmt: QrFormat
    matrix: QrMatrix
    ecc: Ecc
    print_check: PrintCheck | None
    verified: bool  # False only when no decoder is installed


def matrix(text: str, ecc: Ecc = Ecc.M, *, min_version: int = 1) -> QrMatrix:
    """The smallest QR symbol (at least ``min_version``) holding ``text`` at ``ecc`` (UTF-8 bytes).

    UserError("qr.empty") for no text, ("qr.too_long", length, limit) when even version 40 cannot hold it.
    """
    import qrcode
    import qrcode.constants
    import qrcode.exceptions

    if not text:
        raise UserError("qr.empty")
    length = len(text.encode("utf-8"))
    levels = {
        Ecc.L: qrcode.constants.ERROR_CORRECT_L,
        Ecc.M: qrcode.constants.ERROR_CORRECT_M,
        Ecc.Q: qrcode.constants.ERROR_CORRECT_Q,
        Ecc.H: qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(version=min_version if min_version > 1 else None, error_correction=levels[ecc], border=0)
    code.add_data(text)
    try:
        code.make(fit=True)
    except (qrcode.exceptions.DataOverflowError, ValueError) as exc:
        raise UserError("qr.too_long", length=length, limit=MAX_BYTES[ecc], ecc=ecc.value) from exc
    modules = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrMatrix(text=text, ecc=ecc, version=int(code.version), modules=modules)


def effective_ecc(style: QrStyle) -> Ecc:
    """The level actually used: H when a logo covers part of the code."""
    return Ecc.H if style.logo is not None else style.ecc


def style_matrix(text: str, style: QrStyle) -> QrMatrix:
    """The matrix ``style`` draws: its effective level, and room for the logo (version >= 5) when it has one."""
    min_version = LOGO_MIN_VERSION if style.logo is not None else 1
    return matrix(text, effective_ecc(style), min_version=min_version)


def logo_box(m: QrMatrix) -> tuple[int, int]:
    """(first module, side in modules) of the centred square a logo may cover, in symbol coordinates.

    LOGO_SHARE of the symbol's area at most (never above MAX_LOGO_SHARE), clear of the finder patterns with their separators (8 modules
    from each side) and of the bottom-right alignment pattern (ends 9 modules before the edge), centred exactly.
    """
    side = min(math.isqrt(int(LOGO_SHARE * m.size * m.size)), m.size - 18)
    if side % 2 != m.size % 2:
        side -= 1
    side = max(side, 0)
    return (m.size - side) // 2, side


def parse_colour(colour: str) -> tuple[int, int, int]:
    """``#RGB`` or ``#RRGGBB`` → (r, g, b); UserError("qr.bad_colour", colour) for anything else."""
    text = colour.strip()
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    if len(digits) != 6 or any(char not in "0123456789abcdefABCDEF" for char in digits):
        raise UserError("qr.bad_colour", colour=colour)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0 black … 1 white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours: 1.0 (same) … 21.0 (black on white)."""
    first, second = _luminance(parse_colour(foreground)), _luminance(parse_colour(background))
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def check_style(style: QrStyle) -> None:
    """Refuse a style phones cannot scan: bad colour, light on dark, contrast under 3:1, a logo that is no image."""
    foreground, background = parse_colour(style.foreground), parse_colour(style.background)
    if _luminance(foreground) > _luminance(background):
        # Many scanners (and printers' dot gain) expect dark modules on a light ground; inverted codes often fail.
        raise UserError("qr.light_on_dark", foreground=style.foreground, background=style.background)
    ratio = contrast_ratio(style.foreground, style.background)
    if ratio < MIN_CONTRAST:
        raise UserError(
            "qr.low_contrast",
            ratio=f"{ratio:.1f}",
            minimum=f"{MIN_CONTRAST:g}",
            foreground=style.foreground,
            background=style.background,
        )
    if style.logo is not None:
        load_logo(style.logo).close()


def load_logo(data: bytes) -> Image:
    """The logo as an RGBA Pillow image; UserError("qr.logo_unreadable") when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.width < 1 or image.height < 1:
                raise UserError("qr.logo_unreadable")
            return image.convert("RGBA")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise UserError("qr.logo_unreadable") from exc


def print_check(m: QrMatrix, size_mm: float) -> PrintCheck:
    """Module size when the whole code (quiet zone included) is printed ``size_mm`` wide."""
    modules = m.size_with_quiet_zone
    module_mm = size_mm / modules
    # round() first: 0.4 × 33 is 13.200000000000001 in binary floating point, and 14 mm would be a wrong answer
    min_size = float(math.ceil(round(MIN_MODULE_MM * modules, 6)))
    ok = round(module_mm, 9) >= MIN_MODULE_MM  # 11.6 mm / 29 modules is 0.39999999999999997
    return PrintCheck(size_mm=size_mm, module_mm=module_mm, ok=ok, min_size_mm=min_size)


def print_warning_fields(check: PrintCheck) -> dict[str, str]:
    """The fields of the "qr.print_too_small" sentence for ``check``, numbers written as a person would."""
    return {
        "size_mm": f"{check.size_mm:g}",
        "module_mm": f"{check.module_mm:.2f}",
        "minimum": f"{MIN_MODULE_MM:g}",
        "min_size_mm": f"{check.min_size_mm:g}",
    }


def render_png(
    text: str, style: QrStyle, *, size_mm: float | None = None, dpi: int = 300, module_px: int = 10
) -> bytes:
    """PNG bytes (not verified): ``size_mm`` wide at ``dpi`` when given, else ``module_px`` pixels per module.

    The file records ``dpi`` so it prints at the chosen size. UserError("qr.too_few_pixels") when a module
    would be under two pixels.
    """
    from streamdesk.core.qr_render import png_bytes

    check_style(style)
    return png_bytes(style_matrix(text, style), style, size_mm=size_mm, dpi=dpi, module_px=module_px)


def render_svg(text: str, style: QrStyle, *, size_mm: float = 40.0) -> bytes:
    """SVG bytes (not verified), ``size_mm`` wide; the logo is embedded as a data: URI."""
    from streamdesk.core.qr_render import svg_bytes

    check_style(style)
    return svg_bytes(style_matrix(text, style), style, size_mm=size_mm)


def decoder_available() -> bool:
    """True when zxing-cpp is installed (it is a dependency; a trimmed install may still lack it)."""
    try:
        import zxingcpp  # noqa: F401
    except ImportError:
        return False
    return True


def decode_image(image: Image) -> tuple[str, ...]:
    """Every QR text zxing-cpp finds in a Pillow image (transparent parts count as white)."""
    import zxingcpp
    from PIL import Image as PilImage

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = PilImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat.alpha_composite(rgba)
        image = flat
    grey = image.convert("L")
    found: list[str] = []
    for barcode in zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        # The qrcode library writes UTF-8 without an ECI marker; the decoder's charset guess can pick Shift_JIS
        # for Chinese text, so the raw bytes decide when they are valid UTF-8.
        try:
            found.append(barcode.bytes.decode("utf-8"))
        except UnicodeDecodeError:
            found.append(barcode.text)
    return tuple(found)


def decode_png(png: bytes) -> tuple[str, ...]:
    """Every QR text found in an image file's bytes (PNG, or anything else Pillow reads)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return decode_image(image)


def verify_png(png: bytes, expected: str) -> None:
    """Decode ``png`` and require ``expected`` among the codes found.

    UserError("qr.decoder_missing") without zxing-cpp, ("qr.verify_failed", found) when it does not read back.
    """
    if not decoder_available():
        raise UserError("qr.decoder_missing")
    found = decode_png(png)
    if expected not in found:
        raise UserError("qr.verify_failed", found=len(found))


def make(
    text: str, style: QrStyle, fmt: QrFormat, *, size_mm: float | None = None, dpi: int = 300, module_px: int = 10
) -> QrImage:
    """A verified QR image: the style is checked, the image drawn and decoded back before it is returned.

    A PNG without ``size_mm`` has ``module_px`` pixels per module (a screen preview). SVG is rasterised with QtSvg
    (core/qr_svg.py) for the check and defaults to 40 mm wide. A failure raises;
    unverified bytes come back (``verified=False``) only when zxing-cpp is not installed.
    """
    from streamdesk.core.qr_render import png_bytes, svg_bytes

    check_style(style)
    code = style_matrix(text, style)
    verified = decoder_available()
    if fmt == "png":
        data = png_bytes(code, style, size_mm=size_mm, dpi=dpi, module_px=module_px)
        if verified:
            verify_png(data, text)
    elif fmt == "svg":
        size_mm = 40.0 if size_mm is None else size_mm
        data = svg_bytes(code, style, size_mm=size_mm)
        if verified:
            from streamdesk.core.qr_svg import rasterise_svg

            verify_png(rasterise_svg(data, code.size_with_quiet_zone * SVG_VERIFY_MODULE_PX), text)
    else:
        raise UserError("qr.bad_format", path=f".{fmt}")
    check = None if size_mm is None else print_check(code, size_mm)
    return QrImage(data=data, fmt=fmt, matrix=code, ecc=code.ecc, print_check=check, verified=verified)


def format_for(path: Path) -> QrFormat:
    """ "png" or "svg" from the file name; UserError("qr.bad_format", path) otherwise."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        return "png"
    if suffix == ".svg":
        return "svg"
    raise UserError("qr.bad_format", path=str(path))


def write(image: QrImage, dest: Path) -> None:
    """Write ``image`` to ``dest`` through a temporary file beside it, renamed into place (never half a file)."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
    except OSError as exc:
        raise UserError("qr.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc
    partial = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(image.data)
            stream.flush()
            os.fsync(stream.fileno())
        partial.chmod(0o644)
        partial.replace(dest)
    except OSError as exc:
        discard(partial)
        raise UserError("qr.write_failed", path=str(dest), reason=exc.strerror or str(exc)) from exc
