"""MetricsIO.plan over the real export fixtures in tests/fixtures/metrics (see make_fixtures.py): presets detected,
encodings, times in the platform's zone, gaps, duplicates, skipped rows with their row numbers, refused files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import FakeUTCClock

from streamdesk.core.errors import UserError
from streamdesk.core.jobs import Cancelled, CancelToken, run_to_end
from streamdesk.core.metrics_io import MetricsIO
from streamdesk.core.review_types import Gap, RowProblem
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import Platform, ShowStatus

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "metrics"
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 20:00 in Beijing, 19:00 in Jakarta


def make_show(
    database: Database,
    clock: FakeUTCClock,
    *platforms: Platform,
    currency: str = "CNY",
    start: datetime | None = START,
) -> int:
    shows = Shows(database.sessions, clock=clock)
    show = ShowInput(
        "冰丝防晒衣专场", platforms=platforms, planned_start=start, currency=currency, status=ShowStatus.DONE
    )
    return shows.create_show(show)


@pytest.fixture
def io(database: Database, utc_clock: FakeUTCClock) -> MetricsIO:
    return MetricsIO(database.sessions, clock=utc_clock)


@pytest.fixture
def show(database: Database, utc_clock: FakeUTCClock) -> int:
    return make_show(database, utc_clock, Platform.DOUYIN)


def minute(n: int) -> datetime:
    return START + timedelta(minutes=n)


def test_douyin_gbk_trend_with_a_missing_and_a_duplicated_minute(io: MetricsIO, show: int) -> None:
    plan = io.plan(FIXTURES / "douyin_trend_gbk.csv", show)
    assert (plan.preset, plan.platform, plan.kind, plan.encoding) == (
        "douyin_trend",
        Platform.DOUYIN,
        "trend",
        "gb18030",
    )
    assert plan.rows == 11  # ten minute rows (one sent twice) and the 合计 line
    assert [s.at for s in plan.samples] == [minute(n) for n in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
    assert plan.interval_seconds == 60
    assert plan.gaps == (Gap(minute(4), minute(4), 1),)
    assert plan.duplicates == 1
    resent = plan.samples[5]
    assert resent.values["online"] == 231 and resent.values["gmv_minor"] == 6_000  # the later row won
    assert plan.samples[2].values["gmv_minor"] == 129_900  # "1,299.00" 元
    assert plan.skipped == (RowProblem(12, "metrics.total_row", {"column": "时间", "value": "合计"}),)
    assert plan.series == (
        "online",
        "entries",
        "exits",
        "gmv_minor",
        "orders",
        "buyers",
        "comments",
        "new_followers",
        "product_clicks",
    )
    assert plan.unmapped == ("互动率",)  # a rate: the review derives rates itself
    assert plan.headers[0] == "时间" and plan.preview[0][0] == "2026-01-05 20:00"
    assert plan.replaces == 0


def test_utf16_unicode_text_with_times_of_day_and_amounts_in_fen(io: MetricsIO, show: int) -> None:
    plan = io.plan(FIXTURES / "douyin_trend_unicode.txt", show)
    assert (plan.encoding, plan.preset) == ("utf-16", "douyin_trend")
    half = timedelta(seconds=30)
    # "20:00:00" takes the show's day in Beijing time; the 20:01:30 row is not a number and leaves a gap
    assert [s.at for s in plan.samples] == [START, START + half, START + 2 * half, START + 4 * half]
    assert plan.interval_seconds == 30
    assert plan.gaps == (Gap(START + 3 * half, START + 3 * half, 1),)
    assert [s.values["gmv_minor"] for s in plan.samples] == [0, 9_900, 19_900, 4_950]  # 分 → minor units
    assert plan.skipped == (RowProblem(5, "metrics.bad_number", {"column": "在线人数", "value": "abc"}),)


def test_times_of_day_take_the_live_runs_day_and_roll_over_midnight(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    late = make_show(database, utc_clock, Platform.DOUYIN, start=datetime(2026, 1, 5, 15, 58, tzinfo=UTC))  # 23:58
    path = tmp_path / "late.csv"
    path.write_text("时间,在线人数\n23:58,10\n23:59,12\n00:00,15\n00:01,11\n", encoding="utf-8")
    plan = io.plan(path, late)
    first = datetime(2026, 1, 5, 15, 58, tzinfo=UTC)
    assert [s.at for s in plan.samples] == [first + timedelta(minutes=n) for n in range(4)]
    assert plan.gaps == ()


def test_time_of_day_needs_a_show_with_a_date(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock, tmp_path: Path
) -> None:
    undated = make_show(database, utc_clock, Platform.DOUYIN, start=None)
    path = tmp_path / "times.csv"
    path.write_text("时间,在线人数\n20:00,10\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        io.plan(path, undated)
    assert caught.value.code == "metrics.time_without_date"


def test_a_trend_from_another_day_is_refused_but_a_few_hours_off_is_not(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock
) -> None:
    week_later = make_show(database, utc_clock, Platform.DOUYIN, start=START + timedelta(days=7))
    with pytest.raises(UserError) as refused:
        io.plan(FIXTURES / "douyin_trend_gbk.csv", week_later)  # the file runs 12:00-12:09 UTC on START's day
    assert refused.value.code == "metrics.another_day"
    assert refused.value.fields["show"] == "冰丝防晒衣专场"
    hours_off = make_show(database, utc_clock, Platform.DOUYIN, start=START + timedelta(hours=8))  # a zone mix-up
    assert len(io.plan(FIXTURES / "douyin_trend_gbk.csv", hours_off).samples) == 9
    undated = make_show(database, utc_clock, Platform.DOUYIN, start=None)  # nothing to compare with: no refusal
    assert len(io.plan(FIXTURES / "douyin_trend_gbk.csv", undated).samples) == 9


def test_douyin_summary_xlsx_gives_the_shows_totals(io: MetricsIO, show: int) -> None:
    plan = io.plan(FIXTURES / "douyin_summary.xlsx", show)
    assert (plan.preset, plan.kind, plan.encoding, plan.samples) == ("douyin_summary", "summary", "", ())
    assert plan.totals is not None and plan.totals.source == "douyin_summary"
    assert dict(plan.totals.values) == {
        "duration_seconds": 7_200,
        "viewers": 5_230,
        "views": 8_912,
        "peak_online": 412,
        "average_online": 188,
        "average_watch_seconds": 90,
        "new_followers": 231,
        "fan_club_joins": 45,
        "likes": 15_600,
        "comments": 1_024,
        "shares": 87,
        "product_exposures": 3_480,
        "product_clicks": 912,
        "platform_orders": 96,
        "platform_buyers": 88,
        "platform_gmv_minor": 1_234_560,
    }
    assert set(plan.unmapped) == {"直播间", "千次观看成交金额"}


def test_kuaishou_and_channels_summaries_are_told_apart_by_their_wording(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock
) -> None:
    show = make_show(database, utc_clock, Platform.KUAISHOU, Platform.CHANNELS)
    kuaishou = io.plan(FIXTURES / "kuaishou_summary.csv", show)
    assert (kuaishou.preset, kuaishou.platform, kuaishou.encoding) == (
        "kuaishou_summary",
        Platform.KUAISHOU,
        "utf-8-sig",
    )
    assert kuaishou.totals is not None
    assert kuaishou.totals.values["platform_gmv_minor"] == 880_000  # 成交金额(GMV): "(GMV)" is no currency
    assert kuaishou.totals.values["duration_seconds"] == 5_400  # 1小时30分
    channels = io.plan(FIXTURES / "channels_summary.csv", show)
    assert (channels.preset, channels.platform) == ("channels_summary", Platform.CHANNELS)
    assert channels.totals is not None
    assert channels.totals.values["new_followers"] == 66 and channels.totals.values["average_watch_seconds"] == 125


def test_the_shows_platforms_decide_between_identical_douyin_and_kuaishou_trends(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock
) -> None:
    kuaishou_show = make_show(database, utc_clock, Platform.KUAISHOU)
    assert io.plan(FIXTURES / "douyin_trend_gbk.csv", kuaishou_show).preset == "kuaishou_trend"
    both = make_show(database, utc_clock, Platform.DOUYIN, Platform.KUAISHOU)
    assert io.plan(FIXTURES / "douyin_trend_gbk.csv", both).preset == "douyin_trend"
    chosen = io.plan(FIXTURES / "douyin_trend_gbk.csv", both, platform=Platform.KUAISHOU)
    assert (chosen.preset, chosen.platform) == ("kuaishou_trend", Platform.KUAISHOU)


@pytest.mark.parametrize("name", ["tiktok_live_list.csv", "tiktok_live_list_id.xlsx"])
def test_tiktok_live_list_takes_the_live_nearest_the_shows_start(
    io: MetricsIO, database: Database, utc_clock: FakeUTCClock, name: str
) -> None:
    show = make_show(database, utc_clock, Platform.TIKTOK, currency="IDR")
    plan = io.plan(FIXTURES / name, show)
    assert (plan.preset, plan.platform, plan.kind) == ("tiktok_live_list", Platform.TIKTOK, "summary")
    assert plan.chosen_row == 3  # launched 19:00 Jakarta time = the show's 12:00 UTC start
    assert [p.row for p in plan.skipped] == ([2, 4] if name.endswith(".csv") else [2])
    assert {p.code for p in plan.skipped} == {"metrics.other_live"}
    assert plan.skipped[0].fields["chosen"] == "3"
    assert plan.totals is not None
    values = plan.totals.values
    assert values["platform_gmv_minor"] == 12_345_000  # rupiah have no minor unit
    assert (values["orders_created"], values["platform_orders"], values["platform_buyers"]) == (90, 84, 80)
    assert (values["viewers"], values["views"], values["peak_online"]) == (5_200, 7_400, 455)
    assert values["average_online"] == 202  # 201.6 / 201,6 rounded
    assert values["average_watch_seconds"] == 85
    assert values["duration_seconds"] == 7_230
    assert values["comments"] == 1_020


def test_a_tiktok_list_in_another_currency_than_the_show_is_refused(io: MetricsIO, show: int) -> None:
    with pytest.raises(UserError) as caught:
        io.plan(FIXTURES / "tiktok_live_list.csv", show)
    assert (caught.value.code, caught.value.fields) == (
        "metrics.currency_mismatch",
        {"file_currency": "IDR", "show_currency": "CNY"},
    )


def test_generic_mapping_reads_any_columns(io: MetricsIO, show: int) -> None:
    with pytest.raises(UserError) as caught:
        io.plan(FIXTURES / "generic.csv", show)
    assert caught.value.code == "metrics.unknown_layout"
    assert caught.value.fields["columns"] == "Minute, Viewers now, Sales (元), Note"
    plan = io.plan(
        FIXTURES / "generic.csv",
        show,
        preset="mapping",
        mapping={"time": "Minute", "online": "Viewers now", "gmv_minor": "Sales (元)"},
    )
    assert (plan.preset, plan.platform, plan.kind) == ("mapping", Platform.DOUYIN, "trend")
    assert [(s.values["online"], s.values["gmv_minor"]) for s in plan.samples] == [(40, 0), (55, 8_800), (61, 1_250)]
    assert plan.unmapped == ("Note",)


def test_a_mapping_without_a_time_column_is_a_summary(io: MetricsIO, show: int, tmp_path: Path) -> None:
    path = tmp_path / "totals.csv"
    path.write_text("Watched by,Top viewers,Money\n5000,300,1234.50\n", encoding="utf-8")
    mapping = {"viewers": "Watched by", "peak_online": "Top viewers", "platform_gmv_minor": "Money"}
    plan = io.plan(path, show, mapping=mapping, platform=Platform.OTHER)
    assert (plan.kind, plan.platform, plan.preset) == ("summary", Platform.OTHER, "mapping")
    assert plan.totals is not None
    assert dict(plan.totals.values) == {"viewers": 5_000, "peak_online": 300, "platform_gmv_minor": 123_450}
    with pytest.raises(UserError) as caught:  # three rows and no start time: which show is it?
        io.plan(FIXTURES / "generic.csv", show, mapping={"peak_online": "Viewers now"})
    assert caught.value.code == "metrics.summary_ambiguous"


@pytest.mark.parametrize(
    ("mapping", "code"),
    [
        ({"watchers": "Minute"}, "metrics.mapping_unknown_field"),
        ({"time": "Minute", "online": "Nope"}, "metrics.mapping_unknown_column"),
        ({"online": "Viewers now"}, "metrics.mapping_wrong_kind"),
        ({"time": "Minute"}, "metrics.mapping_empty"),
    ],
)
def test_a_mapping_that_cannot_work_is_refused(io: MetricsIO, show: int, mapping: dict[str, str], code: str) -> None:
    with pytest.raises(UserError) as caught:
        io.plan(FIXTURES / "generic.csv", show, preset="mapping", mapping=mapping)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("name", "kwargs", "code"),
    [
        ("bad_layout.csv", {}, "metrics.unknown_layout"),
        ("trend_no_time.csv", {}, "metrics.time_column_missing"),
        ("trend_no_time.csv", {"preset": "douyin_trend"}, "metrics.time_column_missing"),
        ("damaged.csv", {}, "metrics.replacement_chars"),
        ("douyin_trend_gbk.csv", {"preset": "pinduoduo"}, "metrics.unknown_preset"),
        ("douyin_trend_gbk.csv", {"preset": "douyin_trend", "platform": Platform.TIKTOK}, "metrics.platform_mismatch"),
        ("douyin_trend_gbk.csv", {"encoding": "utf-8"}, "products_io.decode_failed"),
        ("missing.csv", {}, "products_io.file_missing"),
    ],
)
def test_files_it_cannot_use_are_refused_with_a_code(
    io: MetricsIO, show: int, name: str, kwargs: dict[str, object], code: str
) -> None:
    with pytest.raises(UserError) as caught:
        io.plan(FIXTURES / name, show, **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_an_empty_file_and_a_file_of_bad_rows_are_refused(io: MetricsIO, show: int, tmp_path: Path) -> None:
    header_only = tmp_path / "header.csv"
    header_only.write_text("时间,在线人数\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        io.plan(header_only, show)
    assert caught.value.code == "metrics.empty"
    bad = tmp_path / "bad.csv"
    bad.write_text("时间,在线人数\nyesterday,12\n2026-01-05 20:01,many\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        io.plan(bad, show)
    assert caught.value.code == "metrics.no_valid_rows"
    assert caught.value.fields == {"file": "bad.csv", "rows": 2, "row": 2, "column": "时间", "value": "yesterday"}


def test_an_unknown_show_and_a_template_are_refused(io: MetricsIO, database: Database, utc_clock: FakeUTCClock) -> None:
    with pytest.raises(UserError) as caught:
        io.plan(FIXTURES / "douyin_trend_gbk.csv", 404)
    assert caught.value.code == "metrics.show_missing"
    shows = Shows(database.sessions, clock=utc_clock)
    template = shows.save_as_template(shows.create_show(ShowInput("Base")), "Weekly")
    with pytest.raises(UserError):
        io.plan(FIXTURES / "douyin_trend_gbk.csv", template)


def test_plan_steps_is_the_same_plan_as_a_job_and_honours_cancel(io: MetricsIO, show: int) -> None:
    plan = run_to_end(io.plan_steps(FIXTURES / "douyin_trend_gbk.csv", show, CancelToken()))
    assert plan == io.plan(FIXTURES / "douyin_trend_gbk.csv", show)
    token = CancelToken()
    token.set()
    with pytest.raises(Cancelled):
        io.plan(FIXTURES / "douyin_trend_gbk.csv", show, cancel=token, progress=lambda done, total: None)


def test_presets_list_every_key_once_and_the_mapping_last(io: MetricsIO) -> None:
    keys = [info.key for info in io.presets()]
    assert keys == [
        "douyin_trend",
        "douyin_summary",
        "kuaishou_summary",
        "kuaishou_trend",
        "channels_summary",
        "tiktok_live_list",
        "mapping",
    ]
    tiktok = next(info for info in io.presets() if info.key == "tiktok_live_list")
    assert (tiktok.platform, tiktok.kind, tiktok.confidence) == (Platform.TIKTOK, "summary", "V1")


def test_headers_reads_the_header_row_of_any_file_for_the_mapping(io: MetricsIO) -> None:
    assert io.headers(FIXTURES / "generic.csv") == ("Minute", "Viewers now", "Sales (元)", "Note")
    assert io.headers(FIXTURES / "douyin_trend_unicode.txt")[:3] == ("时间", "在线人数", "成交金额(分)")
    with pytest.raises(UserError) as caught:
        io.headers(FIXTURES / "damaged.csv")
    assert caught.value.code == "metrics.replacement_chars"
