"""``streamdesk poster`` in a subprocess: PDF and PNG posters whose QR decodes, one page per channel, and exit 2 with
one line and nothing written for a bad template, show, channel or extension."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, digest
from cli_support import run_without_display as run

from streamdesk.config import AppPaths, media_dir
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.qr import decode_png
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.core.warmup import Warmup
from streamdesk.core.warmup_types import BookingLinkInput
from streamdesk.db import open_database
from streamdesk.models.base import ChannelKind, Platform

SHANGHAI = ZoneInfo("Asia/Shanghai")
WECHAT = "https://channels.weixin.qq.com/reserve/abc123"
MOMENTS = "https://live.douyin.com/reserve/7312345678901234567"


@pytest.fixture
def shop(home: Path, cli_db: Target, tmp_path: Path, utc_clock) -> tuple[Path, Target, int]:
    """(home, --db, show id) on each engine: a show with two scarves in its rundown and two booking links; the
    scarves' photo is where the command looks for it (beside the file, or in the home's data dir for a server)."""
    from PIL import Image

    database = open_database(cli_db)
    images = media_dir(database.path, AppPaths(home / "config", home / "data", home / "logs"))
    catalogue = Catalogue(database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(),
                          clock=utc_clock)  # fmt: skip
    photo = tmp_path / "scarf.jpg"
    Image.new("RGB", (900, 900), "#c0392b").save(photo)
    image_name = catalogue.import_image(photo)
    catalogue.create_product(
        ProductInput(
            title="羊绒围巾",
            images=(image_name,),
            variants=(VariantInput("SC-RED", (("颜色", "红"),), cost_minor=3000, live_price_minor=5900),),
        )
    )
    red = catalogue.find_by_sku("SC-RED")
    assert red is not None
    shows = Shows(database.sessions, clock=utc_clock)
    show_id = shows.create_show(
        ShowInput(
            title="三月围巾专场", planned_start=datetime(2030, 3, 1, 20, 0, tzinfo=SHANGHAI), planned_seconds=7200
        )
    )
    shows.replace_segments(show_id, [SegmentInput(SegmentKind.PITCH, "Scarves", 600, variant_ids=(red.variant_id,))])
    warmup = Warmup(database.sessions, clock=utc_clock, catalogue_images=catalogue.image_path)
    warmup.add_link(show_id, BookingLinkInput(ChannelKind.WECHAT_OA, Platform.CHANNELS, WECHAT, label="公众号推文"))
    warmup.add_link(show_id, BookingLinkInput(ChannelKind.MOMENTS, Platform.DOUYIN, MOMENTS))
    database.dispose()
    return home, cli_db, show_id


def test_a_png_poster_for_one_channel_scans(shop, tmp_path: Path) -> None:
    home, db, show_id = shop
    out = tmp_path / "moments.png"
    result = run(home, db, "poster", "--show", str(show_id), "--template", "square", "--out", str(out),
                 "--channel", "朋友圈", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["pages"] == 1 and summary["posters"][0]["url"] == MOMENTS and summary["posters"][0]["verified"]
    assert decode_png(out.read_bytes()) == (MOMENTS,)


def test_every_channel_gets_its_page_in_one_pdf(shop, tmp_path: Path) -> None:
    home, db, show_id = shop
    out = tmp_path / "all.pdf"
    result = run(home, db, "poster", "--show", str(show_id), "--template", "a5", "--out", str(out), "--all-channels",
                 "--lang", "zh_CN")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and result.stderr == ""
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(out), str(tmp_path / "page")], check=True)
    found = [decode_png(page.read_bytes()) for page in sorted(tmp_path.glob("page-*.png"))]
    assert found == [(WECHAT,), (MOMENTS,)]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "扫码预约直播" in text and "¥59" in text


def test_a_channel_is_found_by_its_label(shop, tmp_path: Path) -> None:
    home, db, show_id = shop
    out = tmp_path / "oa.pdf"
    result = run(home, db, "poster", "--show", str(show_id), "--template", "a4", "--out", str(out),
                 "--channel", "公众号推文", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [p["url"] for p in json.loads(result.stdout)["posters"]] == [WECHAT]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--template", "a3", "--out", "x.pdf"), "template"),
        (("--template", "a4", "--out", "x.pdf", "--theme", "neon"), "theme"),
        (("--template", "a4", "--out", "x.pdf", "--channel", "tiktok"), "channel"),
        (("--template", "a4", "--out", "x.png", "--all-channels"), "PNG"),
        (("--template", "a4", "--out", "x.jpg"), ".pdf"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(shop, tmp_path: Path, args, words: str) -> None:
    home, db, show_id = shop
    before = digest(db)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = tuple(str(out_dir / a) if a.startswith("x.") else a for a in args)
    result = run(home, db, "poster", "--show", str(show_id), *args)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
    assert list(out_dir.iterdir()) == [] and digest(db) == before


def test_an_unknown_show_exits_2(shop, tmp_path: Path) -> None:
    home, db, _ = shop
    out = tmp_path / "x.pdf"
    result = run(home, db, "poster", "--show", "999", "--template", "a4", "--out", str(out))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
