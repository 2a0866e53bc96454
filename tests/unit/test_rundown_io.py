"""Rundown CSV files (core/rundown_io.py, core/rundown_cells.py): cells, export, reading, checking, importing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.errors import Problem, UserError
from streamdesk.core.rundown_cells import (
    format_fixed_start,
    map_columns,
    parse_duration,
    parse_fixed_start,
    parse_kind,
    split_skus,
)
from streamdesk.core.rundown_io import COLUMNS, EXPORT_ONLY, RundownIO, read_rundown
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowDetail, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database

SHANGHAI = ZoneInfo("Asia/Shanghai")
EVENING = datetime(2026, 3, 1, 20, 0, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Shop:
    shows: Shows
    catalogue: Catalogue
    rundown_io: RundownIO
    show_id: int  # 2026-03-01 20:00 Shanghai, two hours
    red: int  # SC-RED
    grey: int  # SC-GRY
    hat: int  # HAT-01


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    images = tmp_path / "images"
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=utc_clock
    )
    catalogue.create_product(
        ProductInput(
            title="羊绒围巾",
            variants=(
                VariantInput("SC-RED", (("颜色", "红"),), cost_minor=3000, live_price_minor=5900, initial_stock=40),
                VariantInput("SC-GRY", (("颜色", "灰"),), cost_minor=3000, live_price_minor=5900),
            ),
        )
    )
    catalogue.create_product(
        ProductInput(title="Wool beanie", variants=(VariantInput("HAT-01", list_price_minor=2990),))
    )
    shows = Shows(database.sessions, clock=utc_clock)
    show_id = shows.create_show(ShowInput(title="三月围巾专场", planned_start=EVENING, planned_seconds=7200))

    def variant(sku: str) -> int:
        row = catalogue.find_by_sku(sku)
        assert row is not None
        return row.variant_id

    return Shop(
        shows, catalogue, RundownIO(shows, catalogue, zone=SHANGHAI), show_id, variant("SC-RED"), variant("SC-GRY"),
        variant("HAT-01"),
    )  # fmt: skip


def sample_segments(shop: Shop) -> list[SegmentInput]:
    return [
        SegmentInput(SegmentKind.OPENING, "欢迎语 Welcome", 300, talking_points="欢迎来到直播间！\n点关注，不迷路。"),
        SegmentInput(
            SegmentKind.PITCH, '羊绒围巾, "红"', 900, variant_ids=(shop.red, shop.grey), promotion_cue="满199减30"
        ),
        SegmentInput(
            SegmentKind.FLASH_SALE,
            "=SUM(A1) 秒杀",
            120,
            fixed_start=datetime(2026, 3, 1, 20, 30, tzinfo=SHANGHAI),
            variant_ids=(shop.hat,),
            warn_seconds=30,
            danger_seconds=10,
            flash_sale_seconds=60,
            promotion_cue="-9.9 元秒杀",
        ),
        SegmentInput(SegmentKind.CLOSING, "@预告下一场", 4000, notes="+ 下周三 20:00"),
    ]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def show(shop: Shop) -> ShowDetail:
    return shop.shows.get_show(shop.show_id)


# --- cells ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "seconds"),
    [
        ("5:00", 300), ("75:00", 4500), ("1:15:00", 4500), ("0:30", 30), ("300", 300), (" 90 ", 90), ("5m", 300),
        ("1h30m", 5400), ("1.5h", 5400), ("90s", 90), ("5 min", 300), ("5分钟", 300), ("30秒", 30), ("1小时", 3600),
        ("２：３０", 150), ("", None), ("  ", None),
    ],
)  # fmt: skip
def test_durations_are_read_in_every_common_spelling(cell: str, seconds: int | None) -> None:
    assert parse_duration(cell) == seconds


@pytest.mark.parametrize("cell", ["abc", "5:75", "-5", "1:2", "5m x", "m5", "1:00:75", "5.5"])
def test_other_duration_text_is_refused(cell: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(cell)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("opening", SegmentKind.OPENING), ("Warm-up", SegmentKind.WARM_UP), ("warm_up", SegmentKind.WARM_UP),
        ("讲解", SegmentKind.PITCH), ("", SegmentKind.PITCH), ("秒杀", SegmentKind.FLASH_SALE),
        ("Flash sale", SegmentKind.FLASH_SALE), ("抽奖", SegmentKind.GIVEAWAY), ("Q&A", SegmentKind.INTERACTION),
        ("问答", SegmentKind.INTERACTION), ("休息", SegmentKind.BREAK), ("收尾", SegmentKind.CLOSING),
    ],
)  # fmt: skip
def test_kinds_are_read_from_ids_english_words_and_chinese_names(cell: str, kind: SegmentKind) -> None:
    assert parse_kind(cell) is kind


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_kind("dance")


def test_a_time_of_day_is_on_the_shows_local_date(shop: Shop) -> None:
    detail = show(shop)
    assert parse_fixed_start("20:15", detail, SHANGHAI) == datetime(2026, 3, 1, 20, 15, tzinfo=SHANGHAI)
    assert parse_fixed_start("20:15:30", detail, SHANGHAI) == datetime(2026, 3, 1, 20, 15, 30, tzinfo=SHANGHAI)
    assert parse_fixed_start("", detail, SHANGHAI) is None
    # before the start and not inside the show on the next day: the same day (the editor shows it unreachable)
    assert parse_fixed_start("19:00", detail, SHANGHAI) == datetime(2026, 3, 1, 19, 0, tzinfo=SHANGHAI)


def test_a_time_after_midnight_in_a_late_show_is_on_the_next_day(shop: Shop) -> None:
    late = replace(show(shop), planned_start=datetime(2026, 3, 1, 23, 0, tzinfo=SHANGHAI), planned_seconds=3 * 3600)
    assert parse_fixed_start("00:30", late, SHANGHAI) == datetime(2026, 3, 2, 0, 30, tzinfo=SHANGHAI)
    assert parse_fixed_start("03:30", late, SHANGHAI) == datetime(2026, 3, 1, 3, 30, tzinfo=SHANGHAI)
    assert format_fixed_start(datetime(2026, 3, 2, 0, 30, tzinfo=SHANGHAI), late, SHANGHAI) == "00:30"


def test_a_full_date_and_time_is_read_with_or_without_an_offset(shop: Shop) -> None:
    detail = show(shop)
    assert parse_fixed_start("2026-03-02 09:00", detail, SHANGHAI) == datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    assert parse_fixed_start("2026/03/02 09:00", detail, SHANGHAI) == datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    assert parse_fixed_start("2026-03-01T12:00:00+00:00", detail, SHANGHAI) == datetime(2026, 3, 1, 12, tzinfo=UTC)
    with pytest.raises(ValueError):
        parse_fixed_start("25:00", detail, SHANGHAI)
    with pytest.raises(ValueError):
        parse_fixed_start("tonight", detail, SHANGHAI)


def test_a_time_of_day_needs_a_dated_show(shop: Shop) -> None:
    with pytest.raises(LookupError):
        parse_fixed_start("20:00", replace(show(shop), planned_start=None), SHANGHAI)


def test_a_fixed_start_is_written_as_a_time_only_when_it_reads_back_the_same(shop: Shop) -> None:
    detail = show(shop)
    assert format_fixed_start(datetime(2026, 3, 1, 12, 30, tzinfo=UTC), detail, SHANGHAI) == "20:30"
    assert format_fixed_start(datetime(2026, 3, 2, 21, 0, tzinfo=SHANGHAI), detail, SHANGHAI) == (
        "2026-03-02 21:00:00+08:00"
    )


def test_sku_lists_split_on_spaces_commas_and_chinese_separators() -> None:
    assert split_skus(" A1, B2，C3、D4;E5；F6\tG7 ") == ("A1", "B2", "C3", "D4", "E5", "F6", "G7")
    assert split_skus("'=X1 Y2") == ("=X1", "Y2")  # our own export's injection guard comes off again
    assert split_skus("") == ()


def test_headers_map_by_id_english_words_and_chinese_aliases() -> None:
    found, ignored = map_columns(
        ["\ufeff序号", "类型", "标题", "时长（分:秒）", "固定开始", "商品/SKU", "讲解要点", "活动提示", "备注", "start",
         "Warn", "Danger", "flash sale", "标题", "products", "Fixed Start"]
    )  # fmt: skip
    assert found == {
        "position": 0, "kind": 1, "title": 2, "planned": 3, "fixed_start": 4, "skus": 5, "talking_points": 6,
        "promotion_cue": 7, "notes": 8, "warn": 10, "danger": 11, "flash_sale_seconds": 12,
    }  # fmt: skip
    assert ignored == ("start", "标题", "products", "Fixed Start")  # computed, or a second column of one field


# --- export and the round trip -------------------------------------------------------------------------------------
def test_export_writes_utf8_with_bom_every_column_and_neutralised_text(shop: Shop, tmp_path: Path) -> None:
    shop.shows.replace_segments(shop.show_id, sample_segments(shop))
    target = tmp_path / "rundown.csv"
    assert shop.rundown_io.export_csv(shop.show_id, target) == 4
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [*COLUMNS, *EXPORT_ONLY]
    cells = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [c["position"] for c in cells] == ["1", "2", "3", "4"]
    assert [c["kind"] for c in cells] == ["opening", "pitch", "flash_sale", "closing"]
    assert [c["title"] for c in cells] == ["欢迎语 Welcome", '羊绒围巾, "红"', "'=SUM(A1) 秒杀", "'@预告下一场"]
    assert [c["planned"] for c in cells] == ["5:00", "15:00", "2:00", "66:40"]
    assert [(c["start"], c["end"]) for c in cells] == [
        ("20:00", "20:05"), ("20:05", "20:20"), ("20:30", "20:32"), ("20:32", "21:38")
    ]  # fmt: skip
    assert cells[2]["fixed_start"] == "20:30"
    assert (cells[2]["warn"], cells[2]["danger"], cells[2]["flash_sale_seconds"]) == ("0:30", "0:10", "60")
    assert cells[1]["skus"] == "SC-RED SC-GRY"
    assert cells[1]["products"] == "SC-RED 羊绒围巾 红 · CNY 59.00 · 40\nSC-GRY 羊绒围巾 灰 · CNY 59.00 · 0"
    assert (cells[2]["promotion_cue"], cells[3]["notes"]) == ("'-9.9 元秒杀", "'+ 下周三 20:00")
    assert not list(tmp_path.glob(".*partial"))


def test_an_exported_rundown_imports_back_unchanged(shop: Shop, tmp_path: Path) -> None:
    shop.shows.replace_segments(shop.show_id, sample_segments(shop))
    before = shop.shows.rundown(shop.show_id)
    target = tmp_path / "rundown.csv"
    shop.rundown_io.export_csv(shop.show_id, target)
    other = shop.shows.create_show(ShowInput(title="copy", planned_start=EVENING, planned_seconds=7200))
    after = shop.rundown_io.import_file(target, other)
    assert [s.to_input() for s in after.segments] == [s.to_input() for s in before.segments]
    assert after.timings == before.timings


def test_a_gbk_file_with_chinese_headers_and_kind_names_is_read(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        [
            ["序号", "类型", "标题", "时长", "固定开始", "商品/SKU", "讲解要点", "活动提示", "备注"],
            ["1", "开场", "欢迎", "5分钟", "", "", "点关注", "", ""],
            ["2", "讲解", "围巾 𠮷", "10:00", "", "SC-RED、SC-GRY", "羊绒", "满199减30", "备注一"],
            ["3", "秒杀", "帽子秒杀", "120", "20:30", "HAT-01", "", "", ""],
        ],
        encoding="gb18030",
    )
    sheet = read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert (sheet.problems, sheet.encoding, sheet.rows) == ((), "gb18030", (2, 3, 4))
    assert [(s.kind, s.title, s.planned_seconds) for s in sheet.segments] == [
        (SegmentKind.OPENING, "欢迎", 300), (SegmentKind.PITCH, "围巾 𠮷", 600), (SegmentKind.FLASH_SALE, "帽子秒杀", 120)
    ]  # fmt: skip
    assert sheet.segments[1].variant_ids == (shop.red, shop.grey)
    assert (sheet.segments[1].promotion_cue, sheet.segments[1].notes) == ("满199减30", "备注一")
    assert sheet.segments[2].fixed_start == datetime(2026, 3, 1, 20, 30, tzinfo=SHANGHAI)
    assert (sheet.segments[0].warn_seconds, sheet.segments[0].danger_seconds) == (120, 60)


def test_an_xlsx_rundown_is_read(shop: Shop, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["title", "planned", "skus", "kind"])
    sheet.append(["Hats", 300, "HAT-01", "pitch"])
    workbook.save(tmp_path / "rundown.xlsx")
    read = read_rundown(tmp_path / "rundown.xlsx", show(shop), shop.catalogue, zone=SHANGHAI)
    assert read.problems == ()
    assert [(s.title, s.planned_seconds, s.variant_ids) for s in read.segments] == [("Hats", 300, (shop.hat,))]


def test_positions_order_the_rows_and_a_blank_one_follows_the_row_above(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "order.csv",
        [["position", "title", "planned"], ["3", "C", "1:00"], ["1", "A", "1:00"], ["", "A2", "1:00"],
         ["2", "B", "1:00"], ["2", "B2", "1:00"], ["", "", ""], ["4.0", "D", "1:00"]],
    )  # fmt: skip
    sheet = read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert [s.title for s in sheet.segments] == ["A", "A2", "B", "B2", "C", "D"]
    assert sheet.rows == (3, 4, 5, 6, 2, 8)


def test_a_sku_listed_twice_in_a_segment_is_linked_once(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "twice.csv", [["title", "planned", "skus"], ["x", "1:00", "HAT-01 SC-RED hat-01 HAT-01"]]
    )
    sheet = read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert sheet.segments[0].variant_ids == (shop.hat, shop.red)
    assert sheet.problems == (Problem(2, "rundown_io.unknown_sku", {"sku": "hat-01"}),)  # SKU codes are exact


# --- problems: everything is reported, nothing is written ----------------------------------------------------------
def test_every_problem_is_reported_with_its_row_and_nothing_is_written(shop: Shop, tmp_path: Path) -> None:
    shop.shows.replace_segments(shop.show_id, sample_segments(shop))
    before = shop.shows.rundown(shop.show_id)
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["position", "kind", "title", "planned", "fixed_start", "skus", "warn", "danger", "flash_sale_seconds",
             "talking_points"],
            ["1", "opening", "ok", "5:00", "", "", "", "", "", "line one\nline two"],
            ["2", "dance", "bad kind", "5:00", "", "", "", "", "", ""],
            ["3", "pitch", "unknown SKU", "5:00", "", "HAT-01 NOPE", "", "", "", ""],
            ["4", "pitch", "bad duration", "five", "", "", "", "", "", ""],
            ["5", "pitch", "no duration", "", "", "", "", "", "", ""],
            ["6", "flash_sale", "bad time", "1:00", "8pm", "", "0:30", "1:00", "500", ""],
            ["x", "pitch", "bad position", "1:00", "", "", "", "", "", ""],
        ],
    )  # fmt: skip
    with pytest.raises(UserError) as refused:
        shop.rundown_io.import_file(path, shop.show_id)
    assert refused.value.code == "rundown_io.invalid"
    problems = refused.value.fields["problems"]
    assert refused.value.fields["count"] == len(problems) == 8
    assert [(p.row, p.code) for p in problems] == [
        (3, "rundown_io.kind_invalid"),
        (4, "rundown_io.unknown_sku"),
        (5, "rundown_io.duration_invalid"),
        (6, "rundown_io.duration_missing"),
        (7, "rundown_io.time_invalid"),
        (7, "rundown_io.warn_not_above_danger"),
        (7, "rundown_io.flash_sale_out_of_range"),
        (8, "rundown_io.position_invalid"),
    ]
    assert problems[1].fields == {"sku": "NOPE"}
    assert problems[2].fields == {"column": "planned", "value": "five"}
    assert problems[5].fields == {"warn": "0:30", "danger": "1:00"}
    after = shop.shows.rundown(shop.show_id)
    assert [s.to_input() for s in after.segments] == [s.to_input() for s in before.segments]
    assert [s.id for s in after.segments] == [s.id for s in before.segments]


def test_a_file_without_a_title_or_duration_column_is_refused(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "products.csv", [["商品名称", "SKU", "时长"], ["围巾", "SC-RED", "5:00"]])
    with pytest.raises(UserError) as refused:
        read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert (refused.value.code, refused.value.fields["column"]) == ("rundown_io.column_missing", "title")


def test_a_file_with_only_a_header_is_refused(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "empty.csv", [["title", "planned"], ["", ""]])
    with pytest.raises(UserError) as refused:
        read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert refused.value.code == "rundown_io.no_rows"


def test_unknown_and_computed_columns_are_ignored(shop: Shop, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "extra.csv",
        [["title", "start", "planned", "products", "colour"], ["x", "09:00", "1:00", "?", "red"]],
    )
    sheet = read_rundown(path, show(shop), shop.catalogue, zone=SHANGHAI)
    assert sheet.ignored == ("start", "products", "colour")
    assert sheet.columns == (("title", "title"), ("planned", "planned"))
    assert [(s.title, s.planned_seconds, s.fixed_start) for s in sheet.segments] == [("x", 60, None)]


def test_a_time_of_day_in_an_undated_show_is_a_row_problem(shop: Shop, tmp_path: Path) -> None:
    undated = shop.shows.create_show(ShowInput(title="someday"))
    path = write_csv(tmp_path / "t.csv", [["title", "planned", "fixed_start"], ["x", "1:00", "20:00"]])
    sheet = shop.rundown_io.read(path, undated)
    assert sheet.problems == (Problem(2, "rundown_io.time_needs_date", {"value": "20:00"}),)


def test_a_missing_file_is_a_user_error(shop: Shop, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        shop.rundown_io.import_file(tmp_path / "nope.csv", shop.show_id)
    assert refused.value.code == "products_io.file_missing"


def test_an_unwritable_target_is_a_user_error_and_leaves_no_partial_file(shop: Shop, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "rundown.csv"
    with pytest.raises(UserError) as refused:
        shop.rundown_io.export_csv(shop.show_id, target)
    assert refused.value.code == "rundown_io.write_failed"
    assert not target.parent.exists()
