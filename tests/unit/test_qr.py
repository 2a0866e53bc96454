"""QR styles, colours, logo room and print-size checks (core/qr.py); decoding is in test_qr_decode.py."""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image, ImageDraw

from streamdesk.core import qr
from streamdesk.core.errors import UserError
from streamdesk.core.qr import Ecc, QrStyle


def logo_png(width: int = 300, height: int = 200) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, width - 1, height - 1), fill=(220, 30, 60, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def refused(code: str, style: QrStyle) -> UserError:
    with pytest.raises(UserError) as caught:
        qr.check_style(style)
    assert caught.value.code == code
    return caught.value


def test_contrast_ratio_follows_wcag() -> None:
    assert qr.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert qr.contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert qr.contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert qr.contrast_ratio("#777", "#fff") == pytest.approx(4.48, abs=0.01)  # WCAG's own example grey


def test_colours_are_hex_only() -> None:
    assert qr.parse_colour("#abc") == (0xAA, 0xBB, 0xCC)
    assert qr.parse_colour(" #1A237e ") == (0x1A, 0x23, 0x7E)
    for bad in ("black", "#12345", "#GGGGGG", "123456", "#1234567", ""):
        assert refused("qr.bad_colour", QrStyle(foreground=bad)).fields["colour"] == bad


def test_default_and_brand_colours_pass() -> None:
    qr.check_style(QrStyle())
    qr.check_style(QrStyle(foreground="#E60012"))  # a red brand code: 4.2:1 on white
    qr.check_style(QrStyle(foreground="#1A237E", background="#FFF8E1"))


def test_light_on_dark_is_refused() -> None:
    error = refused("qr.light_on_dark", QrStyle(foreground="#FFFFFF", background="#000000"))
    assert error.fields == {"foreground": "#FFFFFF", "background": "#000000"}


def test_low_contrast_is_refused_with_the_ratio() -> None:
    error = refused("qr.low_contrast", QrStyle(foreground="#AAAAAA", background="#FFFFFF"))
    assert error.fields["ratio"] == "2.3"
    assert error.fields["minimum"] == "3"
    refused("qr.low_contrast", QrStyle(foreground="#FF9900"))  # orange on white: 2.1:1


def test_a_logo_that_is_no_image_is_refused() -> None:
    refused("qr.logo_unreadable", QrStyle(logo=b"not an image"))
    refused("qr.logo_unreadable", QrStyle(logo=logo_png()[:60]))  # truncated PNG
    qr.check_style(QrStyle(logo=logo_png()))


def test_a_logo_forces_high_error_correction() -> None:
    assert qr.effective_ecc(QrStyle(ecc=Ecc.L)) is Ecc.L
    assert qr.effective_ecc(QrStyle(ecc=Ecc.L, logo=logo_png())) is Ecc.H
    code = qr.style_matrix("https://e.example/1", QrStyle(ecc=Ecc.L, logo=logo_png()))
    assert code.ecc is Ecc.H
    assert code.version >= qr.LOGO_MIN_VERSION


def test_matrix_refuses_empty_and_overlong_text() -> None:
    with pytest.raises(UserError) as empty:
        qr.matrix("")
    assert empty.value.code == "qr.empty"
    with pytest.raises(UserError) as long:
        qr.matrix("x" * 1274, Ecc.H)
    assert long.value.code == "qr.too_long"
    assert long.value.fields == {"length": 1274, "limit": 1273, "ecc": "H"}
    assert qr.matrix("x" * 1273, Ecc.H).version == 40


def test_matrix_grows_with_the_text_and_respects_min_version() -> None:
    short, longer = qr.matrix("https://e.example/a"), qr.matrix("https://e.example/" + "a" * 200)
    assert short.version < longer.version
    assert short.size == 17 + 4 * short.version
    assert qr.matrix("hi", min_version=7).version == 7


@pytest.mark.parametrize("version", range(qr.LOGO_MIN_VERSION, 41))
def test_logo_box_stays_under_a_fifth_and_clear_of_the_patterns(version: int) -> None:
    size = 17 + 4 * version
    code = qr.QrMatrix(text="x", ecc=Ecc.H, version=version, modules=((False,) * size,) * size)
    start, side = qr.logo_box(code)
    assert side * side <= qr.MAX_LOGO_SHARE * size * size
    assert side * side <= qr.LOGO_SHARE * size * size
    assert side * side >= 0.07 * size * size  # still a visible logo
    assert start >= 8  # finder pattern (7) and separator (1)
    assert start + side <= size - 9  # bottom-right alignment pattern
    assert start * 2 + side == size  # centred to the module


def test_print_check_warns_under_0_4_mm_and_gives_the_minimum_size() -> None:
    code = qr.matrix("hi", Ecc.L)  # version 1: 21 modules + 8 of quiet zone
    assert code.size_with_quiet_zone == 29
    small = qr.print_check(code, 10.0)
    assert not small.ok
    assert small.module_mm == pytest.approx(10 / 29)
    assert small.min_size_mm == 12.0  # 29 × 0.4 = 11.6
    assert qr.print_check(code, 11.6).ok
    assert not qr.print_check(code, 11.5).ok
    long = qr.matrix("https://e.example/" + "a" * 300, Ecc.M)
    check = qr.print_check(long, 20.0)
    assert not check.ok
    assert check.min_size_mm == math.ceil(0.4 * long.size_with_quiet_zone)
    assert qr.print_check(long, check.min_size_mm).ok


def test_png_has_the_asked_size_dpi_colours_and_quiet_zone() -> None:
    style = QrStyle(foreground="#1A237E", background="#FFF8E1")
    png = qr.render_png("https://e.example/live", style, size_mm=30, dpi=600)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (709, 709)  # 30 mm at 600 dpi
        assert image.info["dpi"] == pytest.approx((600, 600), abs=0.01)
        rgb = image.convert("RGB")
        code = qr.style_matrix("https://e.example/live", style)
        quiet = math.floor(709 * qr.QUIET_ZONE_MODULES / code.size_with_quiet_zone)
        band = {rgb.getpixel((x, y)) for x in range(709) for y in range(quiet)}
        band |= {rgb.getpixel((y, x)) for x in range(709) for y in range(quiet)}
        assert band == {(0xFF, 0xF8, 0xE1)}
        assert set(rgb.get_flattened_data()) == {(0xFF, 0xF8, 0xE1), (0x1A, 0x23, 0x7E)}


def test_png_without_a_size_uses_whole_pixel_modules() -> None:
    png = qr.render_png("hi", QrStyle(ecc=Ecc.L), module_px=7)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (29 * 7, 29 * 7)


def test_too_few_pixels_per_module_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        qr.render_png("https://e.example/live", QrStyle(), size_mm=10, dpi=72)
    assert caught.value.code == "qr.too_few_pixels"
    min_dpi = caught.value.fields["min_dpi"]
    qr.render_png("https://e.example/live", QrStyle(), size_mm=10, dpi=min_dpi)


def test_logo_covers_at_most_a_fifth_of_the_code() -> None:
    style = QrStyle(logo=logo_png(400, 400))
    text = "https://e.example/live/123"
    code = qr.style_matrix(text, style)
    png = qr.render_png(text, style, module_px=10)
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
    # the logo is the only red in the picture
    red = sum(1 for pixel in rgb.get_flattened_data() if pixel[0] > 150 and pixel[1] < 100)
    symbol_px = (code.size * 10) ** 2
    assert 0.05 * symbol_px < red <= qr.MAX_LOGO_SHARE * symbol_px


def test_svg_is_sized_in_millimetres_with_the_logo_embedded() -> None:
    import xml.etree.ElementTree as ET

    svg = qr.render_svg("https://e.example/live", QrStyle(logo=logo_png()), size_mm=35)
    root = ET.fromstring(svg)
    assert root.get("width") == "35mm"
    assert root.get("height") == "35mm"
    images = root.findall("{http://www.w3.org/2000/svg}image")
    assert len(images) == 1
    assert images[0].get("{http://www.w3.org/1999/xlink}href", "").startswith("data:image/png;base64,")
    plain = qr.render_svg("https://e.example/live", QrStyle(), size_mm=35)
    assert b"<image" not in plain
    with pytest.raises(UserError) as caught:
        qr.render_svg("x", QrStyle(), size_mm=0)
    assert caught.value.code == "qr.bad_size"


def test_format_for_takes_png_and_svg_only(tmp_path) -> None:
    assert qr.format_for(tmp_path / "a.PNG") == "png"
    assert qr.format_for(tmp_path / "a.svg") == "svg"
    with pytest.raises(UserError) as caught:
        qr.format_for(tmp_path / "a.jpg")
    assert caught.value.code == "qr.bad_format"
