"""Every QR the app produces reads back with a real decoder (zxing-cpp): all levels, logo or not, PNG and SVG."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter

from streamdesk.core import qr, qr_render
from streamdesk.core.errors import UserError
from streamdesk.core.qr import Ecc, QrStyle
from streamdesk.core.qr_svg import rasterise_svg

TEXTS = (
    "https://channels.weixin.qq.com/live/booking?id=8837261&sd_ch=moments",
    "扫码预约直播 https://v.douyin.com/iRNBr3k/",  # UTF-8 without ECI: the decoder must not guess Shift_JIS
    "https://www.tiktok.com/@shop/live/event/7351234567890123456?utm_source=streamdesk&utm_medium=poster&x="
    + "a" * 120,
)


def logo_png() -> bytes:
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 239, 239), radius=40, fill=(30, 30, 30, 255))
    draw.ellipse((50, 50, 190, 190), fill=(250, 200, 0, 255))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


LOGO = logo_png()


def independent_decode(image: Image.Image) -> list[str]:
    """zxing-cpp straight on the pixels, without qr.decode_png, so a bug there cannot hide a bad code."""
    found = zxingcpp.read_barcodes(image.convert("L"))
    return [barcode.bytes.decode("utf-8") for barcode in found if barcode.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("text", TEXTS, ids=("wechat", "chinese", "long"))
@pytest.mark.parametrize("with_logo", (False, True), ids=("plain", "logo"))
@pytest.mark.parametrize("ecc", tuple(Ecc))
def test_png_and_svg_decode_at_every_level(ecc: Ecc, with_logo: bool, text: str) -> None:
    style = QrStyle(ecc=ecc, logo=LOGO if with_logo else None)
    png = qr.make(text, style, "png", size_mm=40, dpi=300)
    assert png.verified
    assert png.ecc is (Ecc.H if with_logo else ecc)
    with Image.open(io.BytesIO(png.data)) as image:
        assert independent_decode(image) == [text]
    svg = qr.make(text, style, "svg", size_mm=40)
    assert svg.verified
    assert svg.data.startswith(b"<?xml")
    raster = rasterise_svg(svg.data, 600)
    with Image.open(io.BytesIO(raster)) as image:
        assert image.size == (600, 600)
        assert independent_decode(image) == [text]


@pytest.mark.parametrize("with_logo", (False, True), ids=("plain", "logo"))
def test_a_printed_code_survives_a_phone_photo(with_logo: bool) -> None:
    """40 mm at 300 dpi, downscaled to a quarter and blurred: roughly what a phone sees of a counter poster."""
    style = QrStyle(foreground="#1A237E", background="#FFF8E1", logo=LOGO if with_logo else None)
    image = qr.make(TEXTS[0], style, "png", size_mm=40, dpi=300)
    with Image.open(io.BytesIO(image.data)) as picture:
        small = picture.resize((picture.width // 4, picture.height // 4), Image.Resampling.BILINEAR)
        assert independent_decode(small.filter(ImageFilter.GaussianBlur(0.8))) == [TEXTS[0]]


def test_coloured_codes_with_enough_contrast_decode() -> None:
    for foreground, background in (("#E60012", "#FFFFFF"), ("#1B5E20", "#F1F8E9"), ("#4A148C", "#FFFDE7")):
        image = qr.make(TEXTS[1], QrStyle(foreground=foreground, background=background), "png", size_mm=30)
        assert qr.decode_png(image.data) == (TEXTS[1],)


def test_verify_png_refuses_a_damaged_code() -> None:
    png = qr.render_png(TEXTS[0], QrStyle(ecc=Ecc.L), module_px=8)
    with Image.open(io.BytesIO(png)) as image:
        damaged = image.convert("RGB")
    # cover a third of the symbol's middle: far beyond what level L repairs
    width = damaged.width
    ImageDraw.Draw(damaged).rectangle((width // 3, width // 4, 2 * width // 3, 3 * width // 4), fill="white")
    buffer = io.BytesIO()
    damaged.save(buffer, "PNG")
    with pytest.raises(UserError) as caught:
        qr.verify_png(buffer.getvalue(), TEXTS[0])
    assert caught.value.code == "qr.verify_failed"
    qr.verify_png(png, TEXTS[0])


def test_verify_png_refuses_another_link_and_a_blank_image() -> None:
    other = qr.render_png("https://e.example/other", QrStyle())
    with pytest.raises(UserError) as wrong:
        qr.verify_png(other, "https://e.example/mine")
    assert (wrong.value.code, wrong.value.fields) == ("qr.verify_failed", {"found": 1})
    blank = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(blank, "PNG")
    with pytest.raises(UserError) as none:
        qr.verify_png(blank.getvalue(), "https://e.example/mine")
    assert none.value.fields == {"found": 0}


def test_make_never_returns_a_code_that_does_not_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    real = qr_render.png_bytes

    def drawn_for_another_link(m: qr.QrMatrix, style: QrStyle, **options: object) -> bytes:
        return real(qr.matrix("https://e.example/typo", m.ecc), style, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(qr_render, "png_bytes", drawn_for_another_link)
    with pytest.raises(UserError) as caught:
        qr.make("https://e.example/right", QrStyle(), "png", size_mm=30)
    assert caught.value.code == "qr.verify_failed"


def test_without_the_decoder_codes_are_marked_unverified(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # what a trimmed install looks like: the import fails
    assert not qr.decoder_available()
    image = qr.make(TEXTS[0], QrStyle(), "png", size_mm=30)
    assert not image.verified
    with pytest.raises(UserError) as caught:
        qr.verify_png(image.data, TEXTS[0])
    assert caught.value.code == "qr.decoder_missing"


def test_decode_png_reads_several_codes_and_transparent_backgrounds() -> None:
    first = Image.open(io.BytesIO(qr.render_png("https://e.example/1", QrStyle(), module_px=6)))
    second = Image.open(io.BytesIO(qr.render_png("https://e.example/2", QrStyle(), module_px=6)))
    sheet = Image.new("RGBA", (first.width + second.width + 40, max(first.height, second.height) + 40), (0, 0, 0, 0))
    sheet.paste(first.convert("RGBA"), (10, 10))
    sheet.paste(second.convert("RGBA"), (first.width + 30, 10))
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG")
    assert sorted(qr.decode_png(buffer.getvalue())) == ["https://e.example/1", "https://e.example/2"]


def test_write_replaces_the_file_through_a_temporary_one(tmp_path: Path) -> None:
    dest = tmp_path / "code.png"
    dest.write_bytes(b"old")
    image = qr.make(TEXTS[0], QrStyle(), "png", size_mm=30)
    qr.write(image, dest)
    assert dest.read_bytes() == image.data
    assert [path.name for path in tmp_path.iterdir()] == ["code.png"]
    with pytest.raises(UserError) as caught:
        qr.write(image, tmp_path / "missing" / "code.png")
    assert caught.value.code == "qr.write_failed"
    assert [path.name for path in tmp_path.iterdir()] == ["code.png"]
