"""The review report (core/report.py and its parts): real PDFs read back with poppler, HTML read as text, in both
languages, from a review built by hand whose every number is known."""

from __future__ import annotations

import base64
import dataclasses
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import report_support as support

import streamdesk.ui  # noqa: F401 - applies pyside_fixes: painting charts makes many void calls that drop None
from streamdesk.core import report_format as fmt
from streamdesk.core.errors import UserError
from streamdesk.core.report import ReportWriter, trends_until
from streamdesk.core.report_charts import TimelineText, draw_timeline, render_png

# The hand-built review's KPIs as the report must write them (see report_support.KPIS).
KPI_TEXTS = ("¥64,900.00", "¥60,000.00 ✓", "▲ 29.8%", "¥61,950.00", "20 ✗", "¥5,900.00", "1,234", "≈1:35",
             "3.5%", "▲ 0.4", "4.5%", "2.50×", "-¥123.45", "▼ 12445.0%")  # fmt: skip
TABLE_TEXTS = ("¥531.00", "81.8%", "¥202.00", "¥472.00", "¥983.33", "52,000", "15.4%", "罗盘趋势.xlsx")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                         timeout=60)  # fmt: skip
    return unicodedata.normalize("NFKC", out.stdout)  # Noto CJK maps some ideographs to Kangxi radicals


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    match = re.search(r"Pages:\s+(\d+)", out)
    assert match is not None
    return int(match.group(1))


@pytest.fixture
def writer() -> ReportWriter:
    return ReportWriter(moving_average_shows=3)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_pdf_carries_every_kpi_as_formatted_text(qapp, writer: ReportWriter, tmp_path: Path, language: str) -> None:
    dest = tmp_path / "review.pdf"
    writer.write(support.review(), dest, language=language, trends=support.trend_points())
    text = pdf_text(dest)
    for expected in (*KPI_TEXTS, *TABLE_TEXTS):
        assert expected in text, expected
    assert "三月围巾专场 <Spring> & “scarves”" in text
    assert "尺码表做成置顶卡片 <top>" in text and "秒杀库存不够" in text
    assert "神秘福袋 & <惊喜>" in text  # a title is printed as typed, never as markup
    assert 1 <= pages(dest) <= 4
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_long_report_keeps_every_page_down_to_the_last_action_item(
    qapp, writer: ReportWriter, tmp_path: Path, language: str
) -> None:
    # Qt lays long documents out lazily; counting pages before the layout was finished once cut a report's last
    # page (trends, notes and action items) off. Sixty products make a report of several pages.
    data = support.review()
    product = data.products[0]
    products = tuple(dataclasses.replace(product, title=f"商品 {n:02d}", best=False, worst=False) for n in range(60))
    dest = tmp_path / "long.pdf"
    writer.write(dataclasses.replace(data, products=products), dest, language=language, trends=support.trend_points())
    text = pdf_text(dest)
    assert "商品 59" in text and "尺码表做成置顶卡片 <top>" in text  # the last product and the last section
    assert pages(dest) >= 3


def test_the_report_speaks_the_language_asked_for_whatever_is_installed(qapp, writer, tmp_path: Path) -> None:
    from streamdesk.translations import install_translators

    installed = install_translators(qapp, "zh_CN")
    try:
        writer.write(support.review(), tmp_path / "zh.pdf", language="zh_CN")
        writer.write(support.review(), tmp_path / "en.pdf", language="en")
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    chinese, english = pdf_text(tmp_path / "zh.pdf"), pdf_text(tmp_path / "en.pdf")
    assert "抖音" in chinese and "Douyin" not in chinese  # platform names from labels.py's translation
    assert "Douyin" in english and "抖音" not in english
    assert "Key figures" in english


def test_the_html_is_self_contained_and_escapes_every_text(qapp, writer: ReportWriter, tmp_path: Path) -> None:
    dest = tmp_path / "review.html"
    writer.write(support.review(), dest, language="en", trends=support.trend_points())
    page = dest.read_text(encoding="utf-8")
    for expected in (*KPI_TEXTS, *TABLE_TEXTS):
        assert expected in page, expected
    assert "三月围巾专场 &lt;Spring&gt; &amp; “scarves”" in page and "<Spring>" not in page
    assert "开场 &lt;b&gt;不加粗&lt;/b&gt;" in page and "<b>不加粗" not in page
    assert "<script" not in page and "http://" not in page and "https://" not in page  # nothing fetched
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 4  # timeline, funnel, segments, trends
    assert all(base64.b64decode(data).startswith(b"\x89PNG\r\n\x1a\n") for data in images)
    assert '<html lang="en">' in page


def test_an_empty_review_says_what_to_import_instead_of_empty_boxes(qapp, writer, tmp_path: Path) -> None:
    dest = tmp_path / "empty.pdf"
    writer.write(support.review(empty=True, with_compare=False), dest, language="en")
    text = " ".join(pdf_text(dest).split())
    assert "import the platform's minute trend" in text
    assert "no earlier show to compare with" in text
    assert "No action items." in text and "Trends need at least two reviewed shows." in text


def test_other_suffixes_are_refused_and_nothing_is_written(qapp, writer, tmp_path: Path) -> None:
    for name in ("review.docx", "review", "review.PDF.txt"):
        with pytest.raises(UserError) as refused:
            writer.write(support.review(), tmp_path / name, language="en")
        assert refused.value.code == "report.bad_format"
    assert list(tmp_path.iterdir()) == []
    assert writer.check_destination(tmp_path / "Review.HTML") == "html"


def test_a_folder_that_does_not_exist_is_a_user_error(qapp, writer, tmp_path: Path) -> None:
    for name in ("review.pdf", "review.html"):
        with pytest.raises(UserError) as refused:
            writer.write(support.review(), tmp_path / "missing" / name, language="en")
        assert refused.value.code == "report.no_folder"
    assert list(tmp_path.iterdir()) == []


def test_the_timeline_chart_draws_the_audience_and_the_sales(qapp) -> None:
    from PySide6.QtGui import QColor, QImage

    text = TimelineText("Online viewers", "GMV per minute", "nothing")
    png = render_png(lambda p, r, u: draw_timeline(p, r, support.timeline(), text, unit=u,
                                                   money=lambda v: fmt.money(v, "CNY")), 600, 240, scale=1.0)  # fmt: skip
    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (600, 240)
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 2) for y in range(0, 240, 2)}
    assert QColor("#ef6c00").name() in colours  # the orange GMV bars
    assert QColor("#eef3f8").name() in colours  # a shaded segment band
    assert any(c.startswith("#1") and c != "#1565c0" for c in colours) or "#1565c0" in colours  # the blue line


def test_number_formats_match_the_review_page() -> None:
    assert fmt.money(-350, "USD") == "-$3.50" and fmt.money(129900, "CNY") == "¥1,299.00"
    assert fmt.money(None, "CNY") == fmt.NO_DATA == fmt.ratio(float("nan"))
    assert fmt.value("seconds", 3725, "CNY") == "1:02:05" and fmt.value("count", 35.44, "CNY") == "35.4"
    assert fmt.delta("ratio", 0.015, 0.5, "CNY", "{points} pts") == "▲ 1.5 pts"  # a rate moves in points
    assert fmt.delta("money", -120000, None, "CNY", "{points} pts") == "▼ ¥1,200.00"
    assert fmt.delta("count", 0, 0.0, "CNY", "") == "=" and fmt.delta("count", None, None, "CNY", "") == ""


def test_trends_stop_at_the_reported_show() -> None:
    points = support.trend_points()
    assert [p.show_id for p in trends_until(points, 5)] == [4, 5]
    assert trends_until(points, 999) == points
