"""The host sheet PDF (core/rundown_pdf.py): a real A4 PDF whose pages and text poppler can read back."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.rundown_pdf import (
    CJK_FAMILIES,
    font_families,
    host_sheet_html,
    long_duration,
    money_text,
    write_host_sheet,
)
from streamdesk.core.show_types import (
    PersonInput,
    PersonRole,
    Platform,
    PromotionInput,
    PromotionKind,
    SegmentInput,
    SegmentKind,
    ShowInput,
)
from streamdesk.core.shows import Shows
from streamdesk.db import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")
EVENING = datetime(2026, 3, 1, 20, 0, tzinfo=SHANGHAI)


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    # Noto CJK maps some ideographs (月, 巾) to their Kangxi radical look-alikes in its ToUnicode table; NFKC undoes it
    return unicodedata.normalize("NFKC", out.stdout)


@pytest.fixture
def shows(database: Database, utc_clock) -> Shows:
    return Shows(database.sessions, clock=utc_clock)


@pytest.fixture
def show_id(database: Database, utc_clock, shows: Shows, tmp_path: Path) -> int:
    images = tmp_path / "images"
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=utc_clock
    )
    catalogue.create_product(
        ProductInput(
            title="羊绒围巾",
            variants=(
                VariantInput("SC-RED", (("颜色", "红"),), cost_minor=3000, live_price_minor=5900, initial_stock=40),
                VariantInput("SC-GRY", (("颜色", "灰"),), cost_minor=3000, live_price_minor=129900),
            ),
        )
    )
    red, grey = (row.variant_id for row in map(catalogue.find_by_sku, ("SC-RED", "SC-GRY")) if row is not None)
    show_id = shows.create_show(
        ShowInput(
            title="三月围巾专场 March scarves",
            theme="早春新品",
            platforms=(Platform.DOUYIN, Platform.TIKTOK),
            planned_start=EVENING,
            planned_seconds=7200,
            target_gmv_minor=5_000_000,
            target_orders=300,
            people=(PersonInput("小美", PersonRole.HOST),),
            promotions=(PromotionInput(PromotionKind.FULL_REDUCTION, "满199减30"),),
        )
    )
    segments = [
        SegmentInput(SegmentKind.OPENING, "欢迎语", 300, talking_points="欢迎来到直播间！点关注，不迷路。"),
        SegmentInput(SegmentKind.PITCH, "Scarf pitch", 900, variant_ids=(red, grey), promotion_cue="满199减30 now"),
        SegmentInput(
            SegmentKind.FLASH_SALE,
            "Flash hats",
            120,
            fixed_start=datetime(2026, 3, 1, 20, 10, tzinfo=SHANGHAI),
            flash_sale_seconds=60,
            notes="Ask the assistant to pin the link",
        ),
    ]
    shows.replace_segments(show_id, segments)
    return show_id


def test_the_host_sheet_is_an_a4_pdf_with_the_shows_facts_segments_and_live_prices(
    qapp, shows: Shows, show_id: int, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.pdf"
    pages = write_host_sheet(shows.get_show(show_id), shows.rundown(show_id), target, zone=SHANGHAI)
    assert target.read_bytes().startswith(b"%PDF-")
    info = pdf_info(target)
    assert (pages, info["Pages"]) == (1, "1")
    assert info["Page size"] == "595 x 842 pts (A4)"
    assert info["Title"] == "三月围巾专场 March scarves"
    text = pdf_text(target)
    for expected in (
        "三月围巾专场 March scarves", "早春新品", "Douyin, TikTok", "GMV ¥50,000.00", "300 orders", "小美 (Host)",
        "Spend-and-save (满减) 满199减30", "欢迎语", "欢迎来到直播间", "20:00–20:05", "20:05–20:20", "Scarf pitch",
        "¥59.00", "stock 40", "¥1,299.00", "stock 0", "SC-GRY", "Cue: 满199减30 now", "Flash-sale countdown 60 s",
        "Fixed start 20:10 (cannot be reached)", "Note: Ask the assistant", "Page 1 of 1",
    ):  # fmt: skip
        assert expected in text, expected
    assert not list(tmp_path.glob(".*partial"))


def test_a_long_rundown_runs_over_pages_each_numbered(qapp, shows: Shows, show_id: int, tmp_path: Path) -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 6
    segments = [s.to_input() for s in shows.rundown(show_id).segments]
    segments += [SegmentInput(SegmentKind.PITCH, f"Pitch {i}", 300, talking_points=filler) for i in range(40)]
    shows.replace_segments(show_id, segments)
    target = tmp_path / "long.pdf"
    pages = write_host_sheet(shows.get_show(show_id), shows.rundown(show_id), target, zone=SHANGHAI)
    assert pages >= 3
    assert pdf_info(target)["Pages"] == str(pages)
    text = pdf_text(target)
    assert [int(n) for n in re.findall(r"Page (\d+) of " + str(pages), text)] == list(range(1, pages + 1))
    assert "Pitch 39" in text
    assert text.count("Products (live price, stock)") == pages  # the table header repeats on every page


def test_a_show_without_segments_or_date_still_prints(qapp, shows: Shows, tmp_path: Path) -> None:
    bare = shows.create_show(ShowInput(title="Someday"))
    target = tmp_path / "bare.pdf"
    assert write_host_sheet(shows.get_show(bare), shows.rundown(bare), target) == 1
    text = pdf_text(target)
    assert "No date set" in text and "This show has no segments yet." in text


def test_the_html_escapes_user_text(shows: Shows, show_id: int, qapp) -> None:
    shows.update_show(show_id, ShowInput(title="<b>Bold</b> & co", planned_start=EVENING, planned_seconds=60))
    html = host_sheet_html(shows.get_show(show_id), shows.rundown(show_id), SHANGHAI)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html and "<b>Bold</b>" not in html


def test_money_durations_and_fonts() -> None:
    assert money_text(129900, "CNY") == "¥1,299.00"
    assert money_text(1250, "SEK") == "SEK 12.50"
    assert money_text(None, "CNY") == "–"
    assert money_text(500, "JPY") == "¥500"
    assert [long_duration(s) for s in (59, 300, 3600, 7322)] == ["0:00:59", "0:05:00", "1:00:00", "2:02:02"]
    assert font_families({"DejaVu Sans", "Noto Sans CJK SC", "SimSun"}) == ["DejaVu Sans", "Noto Sans CJK SC"]
    assert font_families({"Arial"}) == ["Arial"]
    assert font_families(set()) == []
    assert CJK_FAMILIES[0] == "Noto Sans CJK SC"
