"""QrPreview: shows a verified code with its print check, refuses unreadable styles, saves and copies codes that decode."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication

from streamdesk.core.qr import Ecc, QrStyle, decode_png
from streamdesk.core.qr_svg import rasterise_svg
from streamdesk.ui.widgets import qr_preview
from streamdesk.ui.widgets.qr_preview import QrPreview

LINK = "https://channels.weixin.qq.com/reserve/abc123?sd_ch=moments"


def logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), "#d32f2f").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def preview(qtbot) -> QrPreview:
    widget = QrPreview()
    qtbot.addWidget(widget)
    widget.resize(320, 480)
    widget.show()
    return widget


def test_shows_a_verified_code_with_its_details(preview: QrPreview) -> None:
    assert not preview.save_png_button.isEnabled()
    preview.set_code(LINK, QrStyle(), 40)
    image = preview.image()
    assert image is not None and image.verified
    assert decode_png(image.data) == (LINK,)
    pixmap = preview.picture.pixmap()
    assert not pixmap.isNull()
    assert f"Version {image.matrix.version}, {image.matrix.size}×{image.matrix.size} modules" in preview.details.text()
    assert "error correction M" in preview.details.text()
    expected_mm = 40 / image.matrix.size_with_quiet_zone
    assert f"Printed 40 mm wide, each module is {expected_mm:.2f} mm." == preview.print_size.text()
    assert preview.warning.isHidden()
    assert "Checked" in preview.status.text()
    assert all(b.isEnabled() for b in (preview.save_png_button, preview.save_svg_button, preview.copy_button))


def test_the_shown_picture_decodes(preview: QrPreview) -> None:
    preview.set_code(LINK, QrStyle(foreground="#1A237E"), 40)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    preview.picture.pixmap().toImage().save(buffer, "PNG")
    assert decode_png(bytes(data.data())) == (LINK,)


def test_a_logo_forces_level_h_and_says_why(preview: QrPreview) -> None:
    preview.set_code(LINK, QrStyle(ecc=Ecc.L, logo=logo()), 40)
    assert preview.image() is not None
    assert "error correction H (for the logo)" in preview.details.text()


def test_warns_when_modules_print_under_0_4_mm(preview: QrPreview) -> None:
    preview.set_code(LINK + "&" + "x" * 150, QrStyle(), 15)
    check = preview.print_check()
    assert check is not None and not check.ok
    assert not preview.warning.isHidden()
    assert f"at least {check.min_size_mm:g} mm wide" in preview.warning.text()
    assert "shorter link" in preview.warning.text()
    preview.set_code(LINK, QrStyle(), 40)
    assert preview.warning.isHidden()


def test_an_unreadable_style_is_explained_and_nothing_can_be_saved(preview: QrPreview, tmp_path: Path) -> None:
    preview.set_code(LINK, QrStyle(), 40)
    preview.set_code(LINK, QrStyle(foreground="#BBBBBB"), 40)
    assert preview.image() is None
    assert preview.picture.pixmap().isNull()
    assert "contrast of only 1.9:1" in preview.status.text()
    assert not preview.save_png_button.isEnabled()
    assert not preview.save_png(tmp_path / "code.png")
    assert not (tmp_path / "code.png").exists()
    preview.set_code(LINK, QrStyle(logo=b"nonsense"), 40)
    assert "not an image" in preview.status.text()
    preview.set_code("", QrStyle(), 40)
    assert "no text or link" in preview.status.text()


def test_save_png_and_svg_write_codes_that_decode(preview: QrPreview, qtbot, tmp_path: Path) -> None:
    preview.set_code(LINK, QrStyle(logo=logo()), 30)
    preview.dpi = 600
    with qtbot.waitSignal(preview.saved) as saved:
        assert preview.save_png(tmp_path / "code.png")
    assert saved.args == [str(tmp_path / "code.png")]
    with Image.open(tmp_path / "code.png") as image:
        assert image.size == (709, 709)
    assert decode_png((tmp_path / "code.png").read_bytes()) == (LINK,)
    assert preview.save_svg(tmp_path / "code.svg")
    svg = (tmp_path / "code.svg").read_bytes()
    assert b'width="30mm"' in svg
    assert decode_png(rasterise_svg(svg, 700)) == (LINK,)
    assert "Saved to" in preview.status.text()


def test_a_failed_save_is_shown(preview: QrPreview, tmp_path: Path) -> None:
    preview.set_code(LINK, QrStyle(), 30)
    assert not preview.save_png(tmp_path / "missing" / "code.png")
    assert "could not be saved" in preview.status.text()


def test_save_buttons_ask_for_a_file_and_add_the_suffix(
    preview: QrPreview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []

    def answer(parent, caption: str, suggested: Path, file_filter: str) -> Path:
        asked.append(suggested)
        return tmp_path / "chosen"

    monkeypatch.setattr(qr_preview, "ask_save_path", answer)
    preview.set_code(LINK, QrStyle(), 30)
    preview.save_svg_button.click()
    assert (tmp_path / "chosen.svg").exists()
    assert asked[0].name.startswith("qr-channels.weixin.qq.com-reserve-abc123")
    assert asked[0].suffix == ".svg"
    preview.save_png_button.click()
    assert decode_png((tmp_path / "chosen.png").read_bytes()) == (LINK,)


def test_copy_image_puts_a_decodable_print_size_code_on_the_clipboard(preview: QrPreview, qtbot) -> None:
    preview.set_code(LINK, QrStyle(), 40)
    with qtbot.waitSignal(preview.copied):
        preview.copy_button.click()
    picture = QGuiApplication.clipboard().image()
    assert picture.width() == 472  # 40 mm at 300 dpi
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    assert decode_png(bytes(data.data())) == (LINK,)


def test_set_code_is_fast_enough_for_the_gui_thread(preview: QrPreview) -> None:
    """Inline rendering (no worker thread) is a measured choice: a booking link takes well under a frame budget."""
    preview.set_code(LINK, QrStyle(), 40)  # warm the imports
    started = time.perf_counter()
    for index in range(10):
        preview.set_code(f"{LINK}&n={index}", QrStyle(), 40)
    per_code = (time.perf_counter() - started) / 10
    assert per_code < 0.1, per_code
