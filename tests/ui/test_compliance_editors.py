"""Risky claims in the editors: wavy underlines at the right offsets (full-width, spaced and emoji-shifted text
included) re-checked as the seller types, the tooltip explaining a hit, the warning line under single-line fields,
medical terms judged by the product's category, the seller's own compliance.tsv, and saving never blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_support import *  # noqa: F403 - the shared fixtures (services, make_page, english)
from catalogue_support import wait_reloaded
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from streamdesk.config import AppPaths
from streamdesk.core.compliance import USER_FILE_NAME
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.ui.pages.catalogue.product_editor import ProductEditor
from streamdesk.ui.pages.catalogue.variants_model import VariantColumn
from streamdesk.ui.pages.shows.segment_details import SegmentDetailsPanel
from streamdesk.ui.pages.shows.show_dialog import ShowDialog
from streamdesk.ui.pages.warmup.poster_form import PosterForm
from streamdesk.ui.widgets.compliance_highlight import (
    ComplianceHighlighter,
    highlight_claims,
    python_index,
    tooltip_at_point,
    utf16_offset,
)
from streamdesk.ui.widgets.compliance_line import LineWithWarning
from streamdesk.ui.widgets.compliance_texts import CATEGORY_COLOURS

SQUIGGLE = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlines(editor: QPlainTextEdit | QTextEdit) -> list[tuple[int, str, str]]:
    """(paragraph, underlined text, colour) of every wavy underline the highlighter set, in order."""
    found = []
    block = editor.document().firstBlock()
    while block.isValid():
        text = block.text()
        for span in block.layout().formats():
            if span.format.underlineStyle() == SQUIGGLE:
                start = python_index(text, span.start)
                end = python_index(text, span.start + span.length)
                found.append((block.blockNumber(), text[start:end], span.format.underlineColor().name()))
        block = block.next()
    return found


def point_of(editor: QPlainTextEdit | QTextEdit, position: int):
    """The viewport point in the middle of the character at document ``position``."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    left = editor.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = editor.cursorRect(cursor)
    left.setRight(right.left())
    return left.center()


@pytest.fixture
def editor(qtbot) -> QPlainTextEdit:
    field = QPlainTextEdit()
    qtbot.addWidget(field)
    field.resize(600, 300)
    field.show()
    return field


RED = CATEGORY_COLOURS["superlative"].name()
ORANGE = CATEGORY_COLOURS["price"].name()
PURPLE = CATEGORY_COLOURS["medical"].name()


def test_offsets_count_utf16_units_as_qt_does() -> None:
    text = "😀a😀最好"
    assert [utf16_offset(text, i) for i in range(len(text) + 1)] == [0, 2, 3, 5, 6, 7]
    assert [python_index(text, utf16_offset(text, i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_hits_are_underlined_in_their_category_colour_at_the_written_offsets(editor: QPlainTextEdit) -> None:
    highlight_claims(editor)
    editor.setPlainText("😀😀这是最 好的面霜\n全网最低价，只要９９\n这是ＮＯ．１的爆款\n最近天气冷，第一次直播")
    assert underlines(editor) == [
        (0, "最 好", RED),  # after two emoji (four UTF-16 units): the underline still sits on the words
        (1, "全网最低", ORANGE),
        (2, "ＮＯ．１", RED),  # full-width
    ]  # 最近 and 第一次 are ordinary words


def test_the_underlines_follow_typing_and_a_qtextedit_is_checked_too(qtbot, editor: QPlainTextEdit) -> None:
    highlight_claims(editor)
    for char in "这款面霜效果很好，根":  # typed one character at a time (QTest cannot type Chinese)
        editor.insertPlainText(char)
    assert underlines(editor) == []
    editor.insertPlainText("治痘痘")
    assert underlines(editor) == [(0, "根治", PURPLE)]
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.deletePreviousChar()
    cursor.deletePreviousChar()
    cursor.deletePreviousChar()
    cursor.deletePreviousChar()
    assert underlines(editor) == []  # the words are gone: so is the underline

    rich = QTextEdit()
    qtbot.addWidget(rich)
    highlighter = highlight_claims(rich)
    rich.setPlainText("Best ever deal\nthe best")
    assert [(n, rich.document().findBlockByNumber(n).text()[h.start : h.end]) for n, _t, h in highlighter.hits()] == [
        (0, "Best ever"),
        (1, "the best"),
    ]
    assert [u[1] for u in underlines(rich)] == ["Best ever", "the best"]


def test_pointing_at_a_hit_explains_it_and_elsewhere_says_nothing(editor: QPlainTextEdit) -> None:
    highlight_claims(editor)
    editor.setPlainText("家人们好\n这是最 好的面霜")
    second = editor.document().findBlockByNumber(1).position()
    tip = tooltip_at_point(editor, point_of(editor, second + 3))  # on the space inside “最 好”
    assert "“最 好” (最好)" in tip and "Absolute or superlative claim" in tip
    assert "广告法禁用最高级用语" in tip and "Instead: <b>很好 / 口碑很好</b>" in tip
    assert "you can still save" in tip
    assert tooltip_at_point(editor, point_of(editor, second + 6)) == ""  # 面
    assert tooltip_at_point(editor, point_of(editor, 1)) == ""  # the first line has no hit


def test_medical_terms_follow_the_product_category(qtbot, services) -> None:
    dialog = ProductEditor(services.catalogue, currency="CNY")
    qtbot.addWidget(dialog)
    fields = dialog.fields
    fields.category.setEditText("服装")
    fields.selling_points.setPlainText("保湿补水\n能祛痘，全网最低")
    assert [u[1] for u in underlines(fields.selling_points)] == ["全网最低"]  # 祛痘 is no claim for a T-shirt
    fields.category.setEditText("护肤")
    assert [u[1] for u in underlines(fields.selling_points)] == ["祛痘", "全网最低"]
    for name in ("description", "talking_points", "faq"):
        getattr(fields, name).setPlainText("国家级品质")
        assert [u[1] for u in underlines(getattr(fields, name))] == ["国家级"], name
    fields.compliance_notes.setPlainText("不能说国家级")  # the list of what not to say is not itself checked
    assert underlines(fields.compliance_notes) == []


def test_a_product_with_risky_claims_still_saves(qtbot, services, make_page) -> None:
    page = make_page()
    page.catalogue_actions.new_product.trigger()
    dialog = page.flows.current_dialog
    assert isinstance(dialog, ProductEditor)
    dialog.fields.title.setText("修护面霜")
    dialog.fields.category.setEditText("护肤")
    dialog.fields.selling_points.setPlainText("全网最低价，根治痘痘")
    for column, text in ((VariantColumn.SKU, "CREAM-9"), (VariantColumn.LIVE_PRICE, "99"), (VariantColumn.STOCK, "5")):
        assert dialog.variants.setData(dialog.variants.index(0, int(column)), text)
    assert len(underlines(dialog.fields.selling_points)) == 2
    assert dialog.validate_now() == {} and dialog.ok_button.isEnabled()
    wait_reloaded(qtbot, page, dialog.ok_button.click)
    row = services.catalogue.find_by_sku("CREAM-9")
    assert row is not None
    saved = services.catalogue.get_product(row.product_id).input
    assert saved.selling_points == "全网最低价，根治痘痘"


def test_the_sellers_own_word_list_is_used(editor: QPlainTextEdit) -> None:
    data = AppPaths.default().data_dir
    data.mkdir(parents=True, exist_ok=True)
    (data / USER_FILE_NAME).write_text("秒杀王\tsuperlative\t\t自创的夸张说法\t限时优惠\n最好\toff\n", encoding="utf-8")
    highlight_claims(editor)
    editor.setPlainText("我是秒杀王，这是最好的")
    assert [u[1] for u in underlines(editor)] == ["秒杀王"]  # 最好 switched off by the seller
    assert "限时优惠" in tooltip_at_point(editor, point_of(editor, 3))


def test_a_user_file_that_cannot_be_read_falls_back_to_the_shipped_lists(editor: QPlainTextEdit) -> None:
    data = AppPaths.default().data_dir
    data.mkdir(parents=True, exist_ok=True)
    (data / USER_FILE_NAME).write_bytes("秒杀王\tsuperlative\t\t夸张\t优惠\n".encode("gb18030"))
    highlight_claims(editor)
    editor.setPlainText("这是最好的")  # no exception from inside Qt's paint of the text
    assert [u[1] for u in underlines(editor)] == ["最好"]


def test_the_line_edit_warning_says_reason_and_suggestion_and_goes_when_fixed(qtbot) -> None:
    field = QLineEdit()
    row = LineWithWarning(field)
    qtbot.addWidget(row)
    row.show()
    warning = row.warning
    assert not warning.isVisible()
    field.setText("全网最低价 最强爆款")
    assert warning.isVisible()
    lines = warning.text().splitlines()
    assert lines[0].startswith("⚠ “全网最低” · Price claim: ") and "Instead: 直播间专享价" in lines[0]
    assert lines[1].startswith("⚠ “最强” · Absolute or superlative claim: 广告法禁用最高级用语。")
    assert QColor(ORANGE).name() in warning.styleSheet() and "border" in field.styleSheet()
    assert field.toolTip() == warning.text()
    field.setText("限时优惠 很强的爆款")
    assert not warning.isVisible() and field.styleSheet() == "" and field.toolTip() == ""
    field.setText("最好 最强 最佳 最优")
    assert warning.text().splitlines()[-1].startswith("⚠ …and 1 more risky wording")  # plural form: 12a_en.tsv


def test_poster_texts_warn_under_each_field(qtbot) -> None:
    form = PosterForm()
    qtbot.addWidget(form)
    form.show()
    form.texts["title"].setText("国家级好物 全网最低")
    row = form.text_rows["title"]
    assert row.warning.isVisible() and len(row.warning.hits()) == 2
    assert "Instead:" in row.warning.text()
    assert not form.text_rows["caption"].warning.isVisible()


def test_segment_scripts_notes_and_promotion_cue_are_checked(qtbot, services) -> None:
    shows = services.shows
    show_id = shows.create_show(ShowInput("Test"))
    shows.replace_segments(
        show_id,
        [
            SegmentInput(
                SegmentKind.OPENING,
                "开场",
                300,
                talking_points="欢迎家人们\n今天全网最低价",
                promotion_cue="最后一天 错过再等一年",
                notes="这是最好的一场",
            )
        ],
    )
    segment = shows.rundown(show_id).segments[0]
    panel = SegmentDetailsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_segment(0, segment)
    assert [u[:2] for u in underlines(panel.talking_points)] == [(1, "全网最低")]
    assert [u[:2] for u in underlines(panel.notes)] == [(0, "最好")]
    assert panel.cue_warning.isVisible() and panel.cue_warning.text().startswith("Promotion cue:\n⚠ ")
    assert {hit.category for hit in panel.cue_warning.hits()} == {"scarcity"}
    panel.talking_points.setPlainText("欢迎家人们\n今天全网最低价，最后一天")
    with qtbot.waitSignal(panel.segment_edited) as edited:  # the edit still goes through: a warning, not a block
        panel.commit_talking_points()
    assert edited.args[1].talking_points == "欢迎家人们\n今天全网最低价，最后一天"
    panel.set_segment(None, None)
    assert not panel.cue_warning.isVisible() and underlines(panel.talking_points) == []


def test_show_notes_are_checked_and_never_stop_saving(qtbot, services) -> None:
    dialog = ShowDialog(services.shows, pick_skus=lambda *_args: (), initial=ShowInput("周五专场", notes="全网最低价"))
    qtbot.addWidget(dialog)
    highlighter = dialog.fields.notes.document().findChild(ComplianceHighlighter)
    assert highlighter is not None
    assert [u[1] for u in underlines(dialog.fields.notes)] == ["全网最低"]
    assert dialog.validate_now() == {} and dialog.ok_button.isEnabled()


def test_a_path_to_the_user_file_beside_the_data_folder(tmp_path: Path) -> None:
    from streamdesk.ui.widgets.compliance_texts import user_words, user_words_file

    assert user_words_file(tmp_path) == tmp_path / USER_FILE_NAME
    (tmp_path / USER_FILE_NAME).write_text("好评返现\tplatform\t\t诱导好评\t欢迎真实评价\n", encoding="utf-8")
    assert "好评返现" in user_words(tmp_path)().terms()


def test_the_words_are_quoted_with_the_term_only_when_they_differ_beyond_case() -> None:
    from streamdesk.ui.widgets.compliance_texts import quoted_words

    assert quoted_words("最 好", "最好") == "“最 好” (最好)"
    assert quoted_words("國家級", "国家级") == "“國家級” (国家级)"
    assert quoted_words("Cures", "cures") == "“Cures”"
