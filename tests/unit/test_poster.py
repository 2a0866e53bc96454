"""Posters (core/poster.py): every template renders, its QR decodes at print resolution and from a blurred quarter-size
copy (a phone photo of a print), PDFs carry the title and Chinese as text with a CJK font embedded, bad QRs are refused."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from poster_support import NOW, SHANGHAI, URL, content

import streamdesk.ui  # noqa: F401  (applies the PySide6 work-arounds: painting calls Qt thousands of times)
from streamdesk.core import poster
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.poster_layout import templates
from streamdesk.core.poster_text import PosterTexts
from streamdesk.core.qr import QrStyle, decode_png

KEYS = ("a4", "a5", "story", "square", "xhs")
THEMES = ("festive", "blush", "fresh", "night", "minimal")


def spec(folder: Path | None, count: int, key: str, language: str = "zh_CN", theme: str = "festive", **kw):
    return poster.spec_for(content(folder, count, **kw), key, theme, language, NOW, zone=SHANGHAI,
                           business_name="小美的围巾铺")  # fmt: skip


def blurred_quarter(png: bytes) -> bytes:
    from PIL import Image, ImageFilter

    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB").resize((image.width // 4, image.height // 4), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    small.filter(ImageFilter.GaussianBlur(1.0)).save(out, "PNG")
    return out.getvalue()


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60)
    return unicodedata.normalize("NFKC", out.stdout)  # Noto CJK maps a few ideographs to Kangxi radicals


def test_the_templates_are_the_five_of_the_issue() -> None:
    sizes = {t.key: (round(t.width_mm), round(t.height_mm), t.pixel_size) for t in templates()}
    assert sizes == {
        "a4": (210, 297, None), "a5": (148, 210, None), "story": (180, 320, (1080, 1920)),
        "square": (180, 180, (1080, 1080)), "xhs": (180, 240, (1080, 1440)),
    }  # fmt: skip
    assert templates()[0].pixels(300) == (2480, 3508)


def test_unknown_template_or_theme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        spec(None, 0, "a3")
    assert error.value.code == "poster.unknown_template" and "a4" in error.value.fields["choices"]
    with pytest.raises(UserError) as error:
        spec(None, 0, "a4", theme="neon")
    assert error.value.code == "poster.unknown_theme"


@pytest.mark.parametrize("key", KEYS)
def test_every_template_scans_at_print_resolution_and_as_a_blurred_quarter(qapp, tmp_path: Path, key: str) -> None:
    target = tmp_path / f"{key}.png"
    chosen = spec(tmp_path / "img", 6, key, theme=THEMES[KEYS.index(key)])
    report = poster.write_png(chosen, target)
    assert report.verified and report.overflowed == ()
    assert decode_png(target.read_bytes()) == (URL,)
    image, _ = poster.raster(chosen, 300)  # screen templates too: their PDF page (180 mm wide) printed at 300 dpi
    png = png_bytes(image)
    assert decode_png(png) == (URL,)
    assert URL in decode_png(blurred_quarter(png))
    from PIL import Image

    with Image.open(target) as image:
        expected = templates()[KEYS.index(key)].pixels(300)
        assert image.size == expected
        colours = image.convert("RGB").resize((200, 200)).getcolors(40000)
    assert colours is not None and len(colours) > 200  # not blank: background, photos, text, code
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("count", [0, 1, 3])
def test_fewer_products_still_give_a_poster_that_scans(qapp, tmp_path: Path, count: int) -> None:
    for key in ("a5", "square"):
        image, report = poster.raster(spec(tmp_path / "img", count, key, language="en", theme="night"), 200)
        assert poster.verify(spec(None, 0, key), image, report).verified


def test_a_long_title_is_shrunk_then_cut_and_reported(qapp, tmp_path: Path) -> None:
    long = "冬日暖心围巾专场｜全场包邮 限时秒杀 每晚8点不见不散 直播间专属福利" * 4
    _, report = poster.raster(spec(tmp_path / "img", 6, "story", title=long), 150)
    assert "title" in report.shrunk and "title" in report.overflowed
    _, report = poster.raster(spec(tmp_path / "img", 6, "story", title="围巾"), 150)
    assert "title" not in report.shrunk and report.overflowed == ()


def test_the_qr_print_size_is_reported(qapp, tmp_path: Path) -> None:
    _, report = poster.raster(spec(None, 6, "a4"), 100)
    assert report.qr_size_mm is not None and 35 < report.qr_size_mm < 60
    assert report.qr_module_mm is not None and report.qr_module_mm > 0.4 and not report.qr_too_small


def test_a_code_that_does_not_scan_is_never_written(qapp, tmp_path: Path) -> None:
    long_url = URL + "&x=" + "q" * 1800  # version 30+ at M: modules under one pixel on a 1080 px square
    target = tmp_path / "bad.png"
    with pytest.raises(UserError) as error:
        poster.write_png(spec(None, 6, "square", url=long_url), target)
    assert error.value.code == "poster.qr_unreadable"
    assert not target.exists() and not list(tmp_path.iterdir())


def test_unreadable_qr_colours_are_refused_before_painting(qapp, tmp_path: Path) -> None:
    from dataclasses import replace

    faint = replace(spec(None, 1, "a5"), qr_style=QrStyle(foreground="#DDDDDD"))
    with pytest.raises(UserError) as error:
        poster.write_png(faint, tmp_path / "faint.png")
    assert error.value.code.startswith("qr.")
    assert not (tmp_path / "faint.png").exists()


def test_chinese_needs_a_cjk_font_and_english_does_not(qapp) -> None:
    chinese = spec(None, 3, "a4")
    with pytest.raises(UserError) as error:
        poster.check_fonts(chinese, None)
    assert error.value.code == "poster.no_cjk_font"
    texts = PosterTexts("Winter scarves", "Tue 1 Dec, 20:00", "Live in 3 days", "Mei's", "Lucky bag", "Scan")
    english = poster.spec_for(content(None, 0), "a4", "fresh", "en", NOW, texts=texts)
    poster.check_fonts(english, None)
    poster.check_fonts(chinese, "Noto Sans CJK SC")
    assert poster.cjk_font_family() is not None  # the test machine has one: the PDFs below need it


def test_the_pdf_has_the_title_and_chinese_as_text_and_embeds_a_cjk_font(qapp, tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    reports = run_to_end(poster.write_pdf([spec(tmp_path / "img", 6, "a4")], target))
    assert len(reports) == 1 and reports[0].verified
    text = " ".join(pdf_text(target).split())  # the title wraps over lines
    for expected in ("冬日暖心围巾专场 Winter scarves", "12月1日 周二 20:00", "距开播还有 3 天", "扫码预约直播",
                     "羊绒围巾", "¥59", "小美的围巾铺", "福袋 · 满199减30"):  # fmt: skip
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "Han" in line or "Hei" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts" in info or "595 x 842 pts" in info
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True).stdout
    widths = [int(line.split()[3]) for line in images.splitlines()[2:]]
    assert len(widths) == 6 and max(widths) < 1600  # pictures at their printed size, not the 1600 px originals


def test_one_page_per_channel_each_with_its_own_code(qapp, tmp_path: Path) -> None:
    urls = [f"https://example.com/live/7?ch={name}" for name in ("wechat", "moments", "poster")]
    specs = [spec(None, 3, key, language="en", url=url) for key, url in zip(("a4", "story", "a5"), urls, strict=True)]
    target = tmp_path / "batch.pdf"
    job = poster.write_pdf(specs, target)
    stages = []
    while True:
        try:
            stages.append(next(job).stage)
        except StopIteration as done:
            reports = done.value
            break
    assert {"poster.render", "poster.verify"} <= set(stages)
    assert [r.verified for r in reports] == [True, True, True]
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           3" in info
    pages = subprocess.run(["pdftoppm", "-r", "100", "-png", str(target), str(tmp_path / "page")], check=True)
    assert pages.returncode == 0
    found = [decode_png(path.read_bytes()) for path in sorted(tmp_path.glob("page-*.png"))]
    assert found == [(url,) for url in urls]


def test_a_cancelled_batch_writes_nothing(qapp, tmp_path: Path) -> None:
    token = CancelToken()
    target = tmp_path / "batch.pdf"
    job = poster.write_pdf([spec(None, 0, "a5"), spec(None, 0, "a5")], target, token)
    next(job)
    token.set()
    with pytest.raises(Cancelled):
        run_to_end(job)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UserError) as error:
        run_to_end(poster.write_pdf([], target))
    assert error.value.code == "poster.nothing_to_print"


def test_a_poster_without_a_link_has_no_code(qapp, tmp_path: Path) -> None:
    image, report = poster.raster(spec(None, 3, "xhs", url=""), 100)
    assert report.qr_size_mm is None and not poster.verify(spec(None, 3, "xhs", url=""), image, report).verified
    assert poster.decode(image) == ()


def test_render_fits_any_device_keeping_the_aspect(qapp) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#00ff00"))
    poster.render(spec(None, 0, "story"), image)
    assert image.pixelColor(5, 300) == QColor("#00ff00")  # left and right bands stay: the story is 9:16
    assert image.pixelColor(300, 300) != QColor("#00ff00")
