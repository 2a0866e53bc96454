"""``streamdesk qr`` in a subprocess: written codes decode, --json tells the print check, and bad input exits 2 with
one line on stderr and no file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from streamdesk.core.qr import decode_png
from streamdesk.core.qr_svg import rasterise_svg

ROOT = Path(__file__).resolve().parents[2]
LINK = "https://channels.weixin.qq.com/reserve/abc123?sd_ch=moments"


def run(home: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STREAMDESK_HOME": str(home)}
    for name in ("STREAMDESK_DB", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "streamdesk", "--lang", lang, "qr", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def logo_file(folder: Path) -> Path:
    path = folder / "logo.png"
    Image.new("RGB", (120, 120), "#d32f2f").save(path)
    return path


def test_png_is_written_at_the_asked_size_and_decodes(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "code.png"
    result = run(home, LINK, "--out", str(out), "--size-mm", "30", "--dpi", "600")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(out) in result.stdout
    assert decode_png(out.read_bytes()) == (LINK,)
    with Image.open(out) as image:
        assert image.size == (709, 709)
        assert round(image.info["dpi"][0]) == 600


def test_svg_with_logo_and_colours_decodes_when_rasterised(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "code.svg"
    logo = logo_file(tmp_path)
    result = run(home, LINK, "--out", str(out), "--logo", str(logo), "--fg", "#1A237E", "--bg", "#FFF8E1", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["ecc"] == "H"  # forced by the logo
    assert summary["logo"] is True
    assert summary["verified"] is True
    assert summary["size_mm"] == 40.0
    data = out.read_bytes()
    assert b'width="40mm"' in data
    assert b"data:image/png;base64," in data
    assert decode_png(rasterise_svg(data, 800)) == (LINK,)


@pytest.mark.parametrize("ecc", ("L", "M", "q", "H"))
def test_every_error_correction_level(home: Path, tmp_path: Path, ecc: str) -> None:
    out = tmp_path / f"code-{ecc}.png"
    result = run(home, "扫码预约直播 " + LINK, "--out", str(out), "--ecc", ecc, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ecc"] == ecc.upper()
    assert decode_png(out.read_bytes()) == ("扫码预约直播 " + LINK,)


def test_a_small_print_size_warns_on_stderr_but_writes(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "small.png"
    long_link = LINK + "&" + "x" * 150
    result = run(home, long_link, "--out", str(out), "--size-mm", "15", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["print_ok"] is False
    assert summary["module_mm"] < 0.4
    assert summary["min_size_mm"] > 15
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f"at least {summary['min_size_mm']:g} mm wide" in lines[0]
    assert summary["warnings"] == lines
    assert decode_png(out.read_bytes()) == (long_link,)


def test_zh_cn_output(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "code.png"
    result = run(home, LINK, "--out", str(out), "--fg", "#cccccc", lang="zh_CN")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--fg", "#BBBBBB"), "contrast of only 1.9:1"),
        (("--fg", "#FFFFFF", "--bg", "#000000"), "dark background"),
        (("--fg", "black"), "is not a colour"),
        (("--ecc", "X"), "not an error correction level"),
        (("--size-mm", "0"), "more than 0 mm"),
        (("--size-mm", "8", "--dpi", "72"), "less than two pixels per module"),
        (("--dpi", "5"), "between 36 and 2400 dpi"),
        (("--logo", "missing.png"), "cannot be read"),
        (("--logo", "__garbage__"), "not an image StreamDesk can read"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_file(
    home: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    out = tmp_path / "code.png"
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"this is not a picture")
    args = tuple(str(garbage) if arg == "__garbage__" else arg for arg in args)
    args = tuple(str(tmp_path / arg) if arg == "missing.png" else arg for arg in args)
    result = run(home, LINK, "--out", str(out), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["garbage.png", "home"]


def test_bad_suffix_empty_text_and_too_long_exit_2(home: Path, tmp_path: Path) -> None:
    for text, out, words in (
        (LINK, tmp_path / "code.jpg", "can be saved as .png or .svg only"),
        ("", tmp_path / "code.png", "no text or link"),
        ("x" * 3000, tmp_path / "code.svg", "too long for a QR code"),
    ):
        result = run(home, text, "--out", str(out))
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1
        assert words in result.stderr
        assert not out.exists()


def test_an_existing_file_is_replaced_only_by_a_good_code(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "code.png"
    out.write_bytes(b"keep me")
    assert run(home, LINK, "--out", str(out), "--fg", "#DDDDDD").returncode == 2
    assert out.read_bytes() == b"keep me"
    assert run(home, LINK, "--out", str(out)).returncode == 0
    with Image.open(io.BytesIO(out.read_bytes())) as image:
        assert image.format == "PNG"
