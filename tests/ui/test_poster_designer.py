"""The poster designer on real services and real files: defaults a seller can print at once, the live preview
(debounced, stale results dropped), the product limit, texts and their reset, choices remembered per show, the
empty state without a booking link, PDF/PNG/batch exports and printing, checked with pdftotext and a QR decoder."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures
from catalogue_support import product
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence

from streamdesk.app import Services
from streamdesk.config import Settings
from streamdesk.core import poster
from streamdesk.core.show_types import PromotionInput, SegmentInput, SegmentKind, ShowInput
from streamdesk.core.warmup import Warmup
from streamdesk.core.warmup_types import BookingLinkInput
from streamdesk.models.base import ChannelKind, Platform, PromotionKind
from streamdesk.ui.pages.warmup import poster_export
from streamdesk.ui.pages.warmup.poster_designer import PosterDesigner
from streamdesk.ui.pages.warmup.poster_preview import PreviewRenderer
from streamdesk.ui.tasks import TaskRunner

START = datetime(2026, 1, 9, 12, 0, tzinfo=UTC)  # four days after the fake clock's now
MOMENTS_URL = "https://channels.weixin.qq.com/reserve/live?id=moments-0001"
COUNTER_URL = "https://channels.weixin.qq.com/reserve/live?id=counter-0002"


@pytest.fixture
def warmup(database, services: Services, utc_clock) -> Warmup:
    return Warmup(database.sessions, clock=utc_clock, catalogue_images=services.catalogue.image_path)


@pytest.fixture
def shop(services: Services, warmup: Warmup) -> dict[str, int]:
    """ "Spring sale": eight products over two segments, a promotion, two booking links. "Quiet show": no link."""
    catalogue, shows = services.catalogue, services.shows
    variants = []
    for n in range(8):
        created = catalogue.create_product(product(f"Product {n + 1}", f"SKU-{n + 1}", price=1990 + 1000 * n))
        variants.append(catalogue.get_product(created).variants[0].id)
    spring = shows.create_show(
        ShowInput(
            title="Spring sale",
            planned_start=START,
            planned_seconds=3600,
            promotions=(PromotionInput(PromotionKind.FULL_REDUCTION, "满199减30"),),
        )
    )
    shows.replace_segments(
        spring,
        (
            SegmentInput(kind=SegmentKind.PITCH, title="First", planned_seconds=600, variant_ids=tuple(variants[:4])),
            SegmentInput(kind=SegmentKind.PITCH, title="Second", planned_seconds=600, variant_ids=tuple(variants[4:])),
        ),
    )
    moments = warmup.add_link(spring, BookingLinkInput(ChannelKind.MOMENTS, Platform.CHANNELS, MOMENTS_URL))
    counter = warmup.add_link(
        spring, BookingLinkInput(ChannelKind.POSTER, Platform.CHANNELS, COUNTER_URL, label="Shop counter")
    )
    quiet = shows.create_show(ShowInput(title="Quiet show", planned_start=START, planned_seconds=1800))
    return {"spring": spring, "quiet": quiet, "moments": moments, "counter": counter, "first": variants[0]}


def make_designer(qtbot, services: Services, warmup: Warmup, runner: TaskRunner, utc_clock) -> PosterDesigner:
    designer = PosterDesigner(warmup, runner, settings=services.settings, shows=services.shows, clock=utc_clock)
    qtbot.addWidget(designer)
    designer.resize(1200, 800)
    return designer


@pytest.fixture
def designer(qtbot, services: Services, warmup: Warmup, runner: TaskRunner, utc_clock) -> Iterator[PosterDesigner]:
    yield make_designer(qtbot, services, warmup, runner, utc_clock)


def open_show(qtbot, designer: PosterDesigner, show_id: int) -> None:
    with qtbot.waitSignal(designer.loaded, timeout=10_000), qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        designer.set_show(show_id)


def wait_for_preview(qtbot, designer: PosterDesigner) -> None:
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        pass


def spin(ms: int) -> None:
    """Let queued events and timers run without QTest.qWait (which holds the GIL from the pool threads)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def not_blank(image: QImage) -> bool:
    small = image.scaled(24, 24)
    colours = {small.pixel(x, y) for x in range(24) for y in range(24)}
    return len(colours) > 8


def decode(png: bytes) -> tuple[str, ...]:
    from streamdesk.core import qr

    return qr.decode_png(png)


class Answers:
    """Stands in for the file and print dialogs; records the suggested names."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save: Path | None = None
        self.print_accepted = True
        self.suggested: list[Path] = []
        monkeypatch.setattr(poster_export, "ask_save_path", self._ask_save)
        monkeypatch.setattr(poster_export, "ask_print", lambda _parent, _printer: self.print_accepted)
        monkeypatch.setattr(poster_export, "open_file", lambda _path: None)

    def _ask_save(self, _parent: object, _caption: str, suggested: Path, _filter: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


def test_a_show_opens_with_a_printable_poster_and_no_question_asked(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    form = designer.form
    assert designer.template_key() == "a4"
    assert designer.theme_key() == poster.THEMES[0].key
    assert designer.language() == "en"  # the interface's language
    assert form.channel.currentData() == shop["counter"]  # the show's printed-poster link goes on a printed poster
    assert form.channel.isVisibleTo(designer) and form.no_channel.isHidden()
    assert form.products.count() == 8  # every product of the rundown can be ticked …
    assert [p.title for p in designer.chosen_products()] == [f"Product {n}" for n in range(1, 7)]  # … six are
    assert form.texts["title"].text() == "Spring sale"
    assert form.texts["date_line"].text() == "Fri 9 Jan, " + START.astimezone().strftime("%H:%M")
    assert form.texts["countdown_line"].text() == "Live in 4 days"
    assert "满199减30" in form.texts["promotion"].text()
    assert form.texts["caption"].text() == "Scan to get reminded"
    image = designer.preview.image()
    assert image is not None and not_blank(image)
    assert image.width() / image.height() == pytest.approx(210 / 297, abs=0.002)
    assert designer.export.export_pdf.isEnabled()


def test_the_preview_follows_the_template_and_theme(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    form = designer.form
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        form.template.setCurrentIndex(form.template.findData("story"))
    image = designer.preview.image()
    assert image is not None and image.width() / image.height() == pytest.approx(9 / 16, abs=0.002)
    page = designer.preview.page_rect()
    assert page.width() / page.height() == pytest.approx(9 / 16, abs=0.01)
    assert page.height() <= designer.preview.height()
    before = image
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        form.theme.setCurrentIndex(form.theme.findData(poster.THEMES[-1].key))
    after = designer.preview.image()
    assert after is not None and after.pixel(3, 3) != before.pixel(3, 3)


def test_a_seventh_product_is_refused_with_a_reason(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    seventh = designer.form.products.item(6)
    seventh.setCheckState(Qt.CheckState.Checked)
    assert seventh.checkState() == Qt.CheckState.Unchecked
    assert len(designer.chosen_products()) == 6
    assert designer.messages.kind == "error" and "at most 6 products" in designer.messages.text()
    designer.form.products.item(0).setCheckState(Qt.CheckState.Unchecked)
    seventh.setCheckState(Qt.CheckState.Checked)
    assert seventh.checkState() == Qt.CheckState.Checked
    assert [p.title for p in designer.chosen_products()][-1] == "Product 7"


def test_edited_texts_and_choices_come_back_with_the_show_and_reset_puts_the_show_back(
    qtbot, services, warmup, runner, utc_clock, designer, shop
) -> None:
    open_show(qtbot, designer, shop["spring"])
    form = designer.form
    form.template.setCurrentIndex(form.template.findData("xhs"))
    form.channel.setCurrentIndex(form.channel.findData(shop["moments"]))
    form.texts["title"].setFocus()
    form.texts["title"].selectAll()
    qtbot.keyClicks(form.texts["title"], "Big spring sale")
    form.products.item(0).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(designer.choices_saved, timeout=10_000):
        pass
    assert designer.current_spec().qr_text == MOMENTS_URL

    again = make_designer(qtbot, services, warmup, runner, utc_clock)
    open_show(qtbot, again, shop["spring"])
    assert again.template_key() == "xhs"
    assert again.form.channel.currentData() == shop["moments"]
    assert again.form.texts["title"].text() == "Big spring sale"
    assert again.form.texts["caption"].text() == "Scan to get reminded"  # unedited texts follow the show
    assert [p.title for p in again.chosen_products()] == [f"Product {n}" for n in range(2, 7)]
    with qtbot.waitSignal(again.preview_updated, timeout=10_000):
        again.form.reset_texts.click()
    assert again.form.texts["title"].text() == "Spring sale"
    assert again.choices()["texts"] == {}


def test_reload_reads_new_links_and_keeps_the_choices_just_made(qtbot, designer, warmup, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    designer.form.template.setCurrentIndex(designer.form.template.findData("square"))
    designer.form.products.item(7).setCheckState(Qt.CheckState.Unchecked)
    designer.form.products.item(0).setCheckState(Qt.CheckState.Unchecked)
    designer.form.products.item(7).setCheckState(Qt.CheckState.Checked)
    url = "https://weibo.com/live/reserve?id=3"
    warmup.add_link(shop["spring"], BookingLinkInput(ChannelKind.WEIBO, Platform.CHANNELS, url))
    with qtbot.waitSignal(designer.loaded, timeout=10_000):
        designer.reload()
    assert designer.template_key() == "square"
    assert [p.title for p in designer.chosen_products()] == [f"Product {n}" for n in (2, 3, 4, 5, 6, 8)]
    assert designer.form.channel.count() == 3


def test_the_poster_language_is_the_posters_not_the_interfaces(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        designer.form.language.setCurrentIndex(designer.form.language.findData("zh_CN"))
    texts = designer.form.text_values()
    assert texts["date_line"].startswith("1月9日 周五")
    assert texts["countdown_line"] == "距开播还有 4 天"
    assert texts["caption"] == "扫码预约直播"


def test_a_show_without_a_booking_link_says_where_to_add_one(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["quiet"])
    form = designer.form
    assert form.no_channel.isVisibleTo(designer) and form.channel.isHidden()
    assert "Add a booking link on the Booking links tab" in form.no_channel.text()
    assert designer.current_spec().qr_text == ""
    assert form.no_products.isVisibleTo(designer)
    assert designer.preview.image() is not None  # a poster without QR and products still draws


def test_long_texts_are_reported_as_sentences(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    edit = designer.form.texts["promotion"]
    edit.setText("")
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        edit.setText("Everything half price " * 40)
        edit.textEdited.emit(edit.text())
    warnings = designer.warning_texts()
    assert any(text.startswith("The promotion text") for text in warnings), warnings


def test_preview_renders_only_the_newest_request(qtbot, designer, shop, runner) -> None:
    open_show(qtbot, designer, shop["spring"])
    first = designer.current_spec()
    designer.form.template.setCurrentIndex(designer.form.template.findData("square"))
    newest = designer.current_spec()
    renderer = PreviewRenderer(runner, debounce_ms=0)
    results: list[object] = []
    renderer.rendered.connect(lambda result: results.append(result.spec))
    renderer.request(first)
    spin(20)  # the first render is running now
    renderer.request(newest)
    qtbot.waitUntil(lambda: not renderer.busy, timeout=10_000)
    assert results == [newest]


def test_export_pdf_png_and_one_poster_per_channel(qtbot, designer, shop, answers, tmp_path) -> None:
    open_show(qtbot, designer, shop["spring"])
    answers.save = tmp_path / "posters" / "spring"
    answers.save.parent.mkdir()
    with qtbot.waitSignal(designer.export.saved, timeout=30_000) as saved:
        designer.export.export_pdf.trigger()
    pdf = Path(saved.args[0])
    assert pdf.name == "spring.pdf" and answers.suggested[0].name == "Spring sale poster a4.pdf"
    assert "Spring sale" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Saved the poster" in designer.messages.text()

    answers.save = tmp_path / "posters" / "spring.png"
    with qtbot.waitSignal(designer.export.saved, timeout=30_000):
        designer.export.export_png.trigger()
    assert answers.suggested[-1].parent == tmp_path / "posters"  # the last folder is remembered
    png = answers.save.read_bytes()
    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (2480, 3508)  # A4 at 300 dpi
    assert COUNTER_URL in decode(png)

    answers.save = tmp_path / "posters" / "all.pdf"
    with qtbot.waitSignal(designer.export.saved, timeout=60_000):
        designer.export.export_batch.trigger()
    info = subprocess.run(["pdfinfo", str(answers.save)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.MULTILINE), info
    pages = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(answers.save), str(pages)], check=True)
    found = [decode(path.read_bytes()) for path in sorted(tmp_path.glob("page*.png"))]
    assert found == [(MOMENTS_URL,), (COUNTER_URL,)]


def test_a_cancelled_export_writes_nothing(qtbot, designer, shop, answers, tmp_path) -> None:
    open_show(qtbot, designer, shop["spring"])
    answers.save = tmp_path / "all.pdf"
    designer.export.export_batch.trigger()
    task = designer.progress.task
    assert task is not None
    designer.progress.cancel_button.click()
    qtbot.waitUntil(lambda: designer.export.export_pdf.isEnabled(), timeout=30_000)
    if task.outcome == "cancelled":
        assert not answers.save.exists()
        assert "nothing was saved" in designer.messages.text()
    else:  # finished before the cancel was seen: then the file is whole
        assert subprocess.run(["pdfinfo", str(answers.save)], capture_output=True).returncode == 0


def test_print_goes_through_the_print_dialog_onto_the_printer(qtbot, designer, shop, answers, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    open_show(qtbot, designer, shop["spring"])
    designer.form.template.setCurrentIndex(designer.form.template.findData("a5"))
    answers.print_accepted = False
    assert designer.export.print_to() is False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert designer.export.print_to(printer) is True
    assert "Spring sale" in subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None, info
    assert (float(size[1]), float(size[2])) == pytest.approx((148 / 25.4 * 72, 210 / 25.4 * 72), abs=1)  # A5


def test_shortcuts_and_disabled_actions_before_a_show(qtbot, designer, shop) -> None:
    export = designer.export
    assert export.export_pdf.shortcut() == QKeySequence("Ctrl+E")
    assert export.export_png.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert export.print_poster.shortcut() == QKeySequence("Ctrl+P")
    assert not export.export_pdf.isEnabled() and not designer.form.isEnabled()
    assert "Choose a show" in designer.preview.message()
    open_show(qtbot, designer, shop["spring"])
    assert export.export_batch.isEnabled() and designer.form.isEnabled()


def test_engine_errors_are_sentences_not_tracebacks(qtbot, designer, shop, answers, tmp_path) -> None:
    open_show(qtbot, designer, shop["spring"])
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    answers.save = blocked / "poster.pdf"
    designer.export.export_pdf.trigger()
    qtbot.waitUntil(lambda: designer.messages.kind == "error", timeout=30_000)
    assert "Traceback" not in designer.messages.text() and designer.messages.text().endswith(".")


def test_settings_change_refreshes_the_shop_name(qtbot, designer, shop) -> None:
    open_show(qtbot, designer, shop["spring"])
    with qtbot.waitSignal(designer.preview_updated, timeout=10_000):
        designer._on_settings_changed(Settings(language="en", business_name="Lin's Tea House"))
    assert designer.form.texts["business_name"].text() == "Lin's Tea House"


def test_a_shop_logo_goes_on_the_poster_and_comes_back_with_the_show(
    qtbot, services, warmup, runner, utc_clock, designer, shop, monkeypatch, tmp_path
) -> None:
    from PIL import Image
    from PySide6.QtWidgets import QFileDialog

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 200), "#0B6E4F").save(logo)
    not_a_picture = tmp_path / "logo.txt"
    not_a_picture.write_text("hello")
    open_show(qtbot, designer, shop["spring"])
    form = designer.form
    assert designer.current_spec().logo is None and not form.logo_clear.isEnabled()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(not_a_picture), ""))
    form.logo_button.click()
    assert "logo.txt could not be read as a picture" in designer.messages.text()
    assert designer.current_spec().logo is None

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(logo), ""))
    with qtbot.waitSignal(designer.choices_saved, timeout=10_000):
        form.logo_button.click()
    assert designer.current_spec().logo == logo.read_bytes() and form.logo_button.text() == "logo.png"

    again = make_designer(qtbot, services, warmup, runner, utc_clock)
    open_show(qtbot, again, shop["spring"])
    assert again.current_spec().logo == logo.read_bytes()
    with qtbot.waitSignal(again.choices_saved, timeout=10_000):
        again.form.logo_clear.click()
    assert again.current_spec().logo is None and again.choices()["logo"] == ""
