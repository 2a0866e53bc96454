"""The shows service (core/shows.py): shows, details, SKU targets, the rundown and its segment writes, on real SQLite."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import FieldProblem, ProductInput, ScoreWeights, StockReason, VariantInput
from streamdesk.core.errors import UserError
from streamdesk.core.show_types import (
    BudgetKind,
    BudgetLineInput,
    ConflictCode,
    PersonInput,
    PersonRole,
    Platform,
    PromotionInput,
    PromotionKind,
    SegmentInput,
    SegmentKind,
    ShowInput,
    ShowStatus,
    SkuTargetInput,
)
from streamdesk.core.shows import Shows
from streamdesk.db import Database

BEIJING = timezone(timedelta(hours=8))
EVENING = datetime(2026, 1, 10, 19, 0, tzinfo=BEIJING)


@dataclass(frozen=True)
class Shop:
    cup: int  # 保温杯 白: 20 in stock, live price 59.00, cost 20.00
    lid: int  # 杯盖: 3 in stock, list price only
    empty: int  # 杯刷: nothing in stock
    bundle: int  # 杯+2 盖 套装: what the components allow


@pytest.fixture
def catalogue(database: Database, utc_clock, tmp_path: Path) -> Catalogue:
    images = tmp_path / "images"
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbnails",
        weights=ScoreWeights(),
        clock=utc_clock,
    )


@pytest.fixture
def shows(database: Database, utc_clock) -> Shows:
    return Shows(database.sessions, clock=utc_clock)


@pytest.fixture
def shop(catalogue: Catalogue) -> Shop:
    catalogue.create_product(
        ProductInput(
            title="保温杯",
            talking_points="316 不锈钢内胆，保温 12 小时。",
            selling_points="轻便",
            variants=(
                VariantInput(
                    "CUP-W",
                    spec=(("颜色", "白"),),
                    cost_minor=2000,
                    list_price_minor=7900,
                    live_price_minor=5900,
                    initial_stock=20,
                ),
                VariantInput("LID", spec=(("颜色", "灰"),), cost_minor=300, list_price_minor=1500, initial_stock=3),
            ),
        )
    )
    catalogue.create_product(
        ProductInput(
            title="杯刷",
            selling_points="长柄软毛。",
            variants=(VariantInput("BRUSH", cost_minor=100, list_price_minor=900),),
        )
    )
    ids = {sku: _variant(catalogue, sku) for sku in ("CUP-W", "LID", "BRUSH")}
    catalogue.create_product(
        ProductInput(
            title="杯盖套装",
            variants=(VariantInput("SET", list_price_minor=9900, components=((ids["CUP-W"], 1), (ids["LID"], 2))),),
        )
    )
    return Shop(cup=ids["CUP-W"], lid=ids["LID"], empty=ids["BRUSH"], bundle=_variant(catalogue, "SET"))


def _variant(catalogue: Catalogue, sku: str) -> int:
    row = catalogue.find_by_sku(sku)
    assert row is not None
    return row.variant_id


def show_input(**changes: object) -> ShowInput:
    base = ShowInput(
        title="周末宠粉专场",
        theme="保温杯上新",
        platforms=(Platform.DOUYIN, Platform.CHANNELS),
        planned_start=EVENING,
        planned_seconds=2 * 3600,
        status=ShowStatus.SCHEDULED,
        target_gmv_minor=5_000_000,
        target_orders=300,
        target_followers=500,
        people=(PersonInput("小雅", PersonRole.HOST), PersonInput("阿杰", PersonRole.ASSISTANT)),
        promotions=(PromotionInput(PromotionKind.FULL_REDUCTION, "满199减30"), PromotionInput(PromotionKind.LUCKY_BAG)),
        budget=(
            BudgetLineInput("投流", BudgetKind.VARIABLE, 80_000),
            BudgetLineInput("场地", BudgetKind.FIXED, 20_000),
        ),
        notes="提前一小时预热。",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def segment(title: str = "讲解", minutes: float = 10, **changes: object) -> SegmentInput:
    return replace(SegmentInput(SegmentKind.PITCH, title, int(minutes * 60)), **changes)  # type: ignore[arg-type]


def titles(shows: Shows, show_id: int) -> list[str]:
    return [s.title for s in shows.rundown(show_id).segments]


def positions(database: Database, show_id: int) -> list[int]:
    with database.engine.connect() as conn:
        rows = conn.execute(text("SELECT position FROM segments WHERE show_id = :s ORDER BY position"), {"s": show_id})
        return [r[0] for r in rows]


def count_rows(database: Database, table: str) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


# --- shows ------------------------------------------------------------------------------------------------------
def test_created_show_reads_back_with_details_in_utc(shows: Shows, shop: Shop, utc_clock) -> None:
    targets = (SkuTargetInput(shop.cup, 15), SkuTargetInput(shop.lid, 10))
    show_id = shows.create_show(show_input(sku_targets=targets))
    detail = shows.get_show(show_id)
    assert detail.planned_start == EVENING and detail.planned_start.tzinfo == UTC
    assert (detail.title, detail.theme, detail.platforms) == (
        "周末宠粉专场",
        "保温杯上新",
        (Platform.DOUYIN, Platform.CHANNELS),
    )
    assert (detail.status, detail.is_template, detail.version) == (ShowStatus.SCHEDULED, False, 1)
    assert detail.people == show_input().people
    assert detail.promotions == show_input().promotions
    assert detail.budget == show_input().budget
    assert detail.budget_total_minor == 100_000
    assert [(t.sku_code, t.quantity, t.available, t.short_by) for t in detail.sku_targets] == [
        ("CUP-W", 15, 20, 0),
        ("LID", 10, 3, 7),
    ]
    assert detail.sku_targets[0].product_title == "保温杯" and detail.sku_targets[0].spec_label == "白"
    assert detail.created_at == utc_clock() == detail.updated_at
    assert detail.to_input() == show_input(sku_targets=targets)


def test_update_replaces_details_and_bumps_the_version(shows: Shows, shop: Shop, utc_clock) -> None:
    show_id = shows.create_show(show_input(sku_targets=(SkuTargetInput(shop.cup, 5),)))
    utc_clock.advance(minutes=5)
    edited = show_input(
        title="  新标题 ",
        people=(PersonInput("小雅", PersonRole.CUSTOMER_SERVICE),),
        promotions=(),
        budget=(BudgetLineInput("样品", BudgetKind.VARIABLE, 5_000),),
        sku_targets=(SkuTargetInput(shop.lid, 2), SkuTargetInput(shop.cup, 8)),
        planned_start=None,
    )
    detail = shows.update_show(show_id, edited)
    assert detail.title == "新标题"
    assert detail.people == (PersonInput("小雅", PersonRole.CUSTOMER_SERVICE),)
    assert detail.promotions == ()
    assert [(t.sku_code, t.quantity) for t in detail.sku_targets] == [("LID", 2), ("CUP-W", 8)]
    assert detail.planned_start is None
    assert (detail.version, detail.updated_at) == (2, utc_clock())
    assert shows.get_show(show_id) == detail


def test_missing_show_is_a_user_error(shows: Shows) -> None:
    for call in (lambda: shows.get_show(99), lambda: shows.rundown(99), lambda: shows.update_show(99, show_input())):
        with pytest.raises(UserError) as error:
            call()
        assert (error.value.code, error.value.fields) == ("shows.not_found", {"show_id": 99})


def test_invalid_show_is_refused_with_every_problem(shows: Shows, shop: Shop) -> None:
    bad = show_input(
        title=" ",
        planned_start=datetime(2026, 1, 10, 19, 0),
        planned_seconds=-1,
        target_orders=-3,
        budget=(BudgetLineInput("投流", BudgetKind.VARIABLE, -1),),
        sku_targets=(SkuTargetInput(shop.cup, 1), SkuTargetInput(12345, 1), SkuTargetInput(shop.cup, -2)),
    )
    expected = (
        FieldProblem("title", "shows.title_required"),
        FieldProblem("planned_start", "shows.naive_time"),
        FieldProblem("planned_seconds", "shows.duration_negative"),
        FieldProblem("target_orders", "shows.target_negative"),
        FieldProblem("budget.0.amount_minor", "shows.budget_negative"),
        FieldProblem("sku_targets.1.variant_id", "shows.unknown_variant", (("variant_id", 12345),)),
        FieldProblem("sku_targets.2.variant_id", "shows.sku_target_duplicate"),
        FieldProblem("sku_targets.2.quantity", "shows.target_negative"),
    )
    assert shows.validate_show(bad) == expected
    with pytest.raises(UserError) as error:
        shows.create_show(bad)
    assert error.value.code == "shows.invalid"
    assert error.value.fields == {"problems": expected, "count": len(expected)}
    assert shows.list_shows() == ()
    assert shows.validate_show(show_input()) == ()


def test_failed_update_changes_nothing(shows: Shows, shop: Shop) -> None:
    show_id = shows.create_show(show_input())
    before = shows.get_show(show_id)
    with pytest.raises(UserError):
        shows.update_show(show_id, show_input(title="", people=()))
    assert shows.get_show(show_id) == before


def test_list_orders_by_start_undated_last_and_filters(shows: Shows) -> None:
    later = shows.create_show(show_input(title="B", planned_start=EVENING + timedelta(days=7)))
    undated = shows.create_show(show_input(title="C", planned_start=None, status=ShowStatus.DRAFT))
    first = shows.create_show(show_input(title="A", planned_start=EVENING - timedelta(days=7), status=ShowStatus.DONE))
    template = shows.save_as_template(first, "模板")
    assert [s.id for s in shows.list_shows()] == [first, later, undated]
    assert [s.id for s in shows.list_shows(templates=True)] == [template]
    assert [s.id for s in shows.list_shows(start=EVENING)] == [later]
    assert [s.id for s in shows.list_shows(end=EVENING)] == [first]
    assert [s.id for s in shows.list_shows(start=EVENING - timedelta(days=7), end=EVENING + timedelta(days=7))] == [
        first
    ]
    assert [s.id for s in shows.list_shows(status=ShowStatus.DONE)] == [first]


def test_summary_counts_segments_rundown_time_and_live_runs(shows: Shows, database: Database) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("开场", 5), segment("讲解", 20)])
    with database.engine.begin() as conn:
        for kind in ("live", "rehearsal", "rehearsal"):
            conn.execute(
                text("INSERT INTO show_runs (show_id, kind, segments_json, started_at) VALUES (:s, :k, '[]', :t)"),
                {"s": show_id, "k": kind, "t": "2026-01-10 11:00:00"},
            )
    (summary,) = shows.list_shows()
    assert (summary.segment_count, summary.rundown_seconds, summary.live_runs) == (2, 1500, 1)
    assert (summary.title, summary.planned_start, summary.target_gmv_minor) == ("周末宠粉专场", EVENING, 5_000_000)


# --- rundown ----------------------------------------------------------------------------------------------------
def test_rundown_back_times_from_the_planned_start_with_live_product_figures(
    shows: Shows, shop: Shop, catalogue: Catalogue
) -> None:
    show_id = shows.create_show(show_input(planned_seconds=1800))
    shows.insert_segment(show_id, 0, segment("开场", 5, kind=SegmentKind.OPENING))
    shows.insert_segment(show_id, 1, segment("保温杯讲解", 15, variant_ids=(shop.cup, shop.lid)))
    catalogue.set_live_prices([(shop.cup, 4900)])
    rundown = shows.rundown(show_id)
    assert rundown.planned_start == EVENING and rundown.planned_seconds == 1800
    assert [(s.position, s.title, s.kind) for s in rundown.segments] == [
        (0, "开场", SegmentKind.OPENING),
        (1, "保温杯讲解", SegmentKind.PITCH),
    ]
    cup, lid = rundown.segments[1].products
    assert (cup.sku_code, cup.price_minor, cup.cost_minor, cup.margin_minor, cup.available) == (
        "CUP-W",
        4900,
        2000,
        2900,
        20,
    )
    assert cup.margin_pct == pytest.approx(100 - 100 * 2000 / 4900)
    assert (lid.price_minor, lid.margin_minor, lid.available, lid.archived) == (1500, 1200, 3, False)  # list price
    assert [t.start for t in rundown.timings] == [EVENING, EVENING + timedelta(minutes=5)]
    assert rundown.total_seconds == 1200
    assert rundown.conflicts == ()


def test_rundown_conflicts_cover_fixed_start_stock_archive_and_overrun(
    shows: Shows, shop: Shop, catalogue: Catalogue
) -> None:
    show_id = shows.create_show(show_input(planned_seconds=1200))
    shows.replace_segments(
        show_id,
        [
            segment("开场", 15),
            segment(
                "秒杀",
                5,
                kind=SegmentKind.FLASH_SALE,
                fixed_start=EVENING + timedelta(minutes=10),
                variant_ids=(shop.empty,),
            ),
            segment("讲解", 5, variant_ids=(shop.lid,)),
        ],
    )
    catalogue.set_archived([catalogue.row_for_variant(shop.lid).product_id], True)
    conflicts = shows.rundown(show_id).conflicts
    assert [(c.code, c.segment) for c in conflicts] == [
        (ConflictCode.FIXED_START_UNREACHABLE, 1),
        (ConflictCode.OUT_OF_STOCK, 1),
        (ConflictCode.ARCHIVED_PRODUCT, 2),
        (ConflictCode.OVER_PLANNED, None),
    ]
    assert conflicts[0].fields["late_by"] == 300
    assert conflicts[3].fields["over_by"] == 300


def test_bundle_in_a_segment_shows_what_its_components_allow(shows: Shows, shop: Shop) -> None:
    show_id = shows.create_show(show_input())
    shows.insert_segment(show_id, 0, segment("套装", variant_ids=(shop.bundle,)))
    (product,) = shows.rundown(show_id).segments[0].products
    assert (product.sku_code, product.available) == ("SET", 1)  # 3 lids, two per set


def test_insert_update_delete_keep_positions_contiguous(shows: Shows, database: Database) -> None:
    show_id = shows.create_show(show_input())
    a = shows.insert_segment(show_id, 0, segment("A"))
    shows.insert_segment(show_id, 1, segment("C"))
    shows.insert_segment(show_id, 1, segment("B"))
    shows.insert_segment(show_id, 0, segment("开场"))
    assert titles(shows, show_id) == ["开场", "A", "B", "C"]
    assert positions(database, show_id) == [0, 1, 2, 3]
    shows.update_segment(a, segment("A2", 3, talking_points="讲重点", warn_seconds=60, danger_seconds=30))
    row = shows.rundown(show_id).segments[1]
    assert (row.id, row.title, row.planned_seconds, row.talking_points, row.warn_seconds) == (
        a,
        "A2",
        180,
        "讲重点",
        60,
    )
    assert shows.delete_segment(a) == (1, segment("A2", 3, talking_points="讲重点", warn_seconds=60, danger_seconds=30))
    assert titles(shows, show_id) == ["开场", "B", "C"]
    assert positions(database, show_id) == [0, 1, 2]


def test_delete_then_insert_restores_the_segment_with_its_products(shows: Shows, shop: Shop) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("A"), segment("B", variant_ids=(shop.lid, shop.cup)), segment("C")])
    before = shows.rundown(show_id)
    position, content = shows.delete_segment(before.segments[1].id)
    assert content.variant_ids == (shop.lid, shop.cup)
    shows.insert_segment(show_id, position, content)
    after = shows.rundown(show_id)
    assert [s.to_input() for s in after.segments] == [s.to_input() for s in before.segments]


def test_insert_at_a_bad_position_is_refused(shows: Shows) -> None:
    show_id = shows.create_show(show_input())
    shows.insert_segment(show_id, 0, segment("A"))
    for position in (-1, 2):
        with pytest.raises(UserError) as error:
            shows.insert_segment(show_id, position, segment("X"))
        assert (error.value.code, error.value.fields) == ("shows.bad_position", {"position": position, "count": 1})
    assert titles(shows, show_id) == ["A"]


@pytest.mark.parametrize(
    ("source", "destination", "expected"),
    [(0, 3, "BCDA"), (3, 0, "DABC"), (1, 2, "ACBD"), (2, 1, "ACBD"), (1, 1, "ABCD")],
)
def test_move_puts_the_segment_at_its_final_index(
    shows: Shows, database: Database, source: int, destination: int, expected: str
) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment(t) for t in "ABCD"])
    shows.move_segment(show_id, source, destination)
    assert "".join(titles(shows, show_id)) == expected
    assert positions(database, show_id) == [0, 1, 2, 3]


def test_move_out_of_range_is_refused(shows: Shows) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("A"), segment("B")])
    with pytest.raises(UserError) as error:
        shows.move_segment(show_id, 0, 2)
    assert error.value.code == "shows.bad_position"
    assert titles(shows, show_id) == ["A", "B"]


def test_segment_writes_bump_the_show_version(shows: Shows, utc_clock) -> None:
    show_id = shows.create_show(show_input())
    utc_clock.advance(minutes=1)
    shows.insert_segment(show_id, 0, segment("A"))
    shows.insert_segment(show_id, 1, segment("B"))
    shows.move_segment(show_id, 0, 1)
    detail = shows.get_show(show_id)
    assert (detail.version, detail.updated_at) == (4, utc_clock())


def test_invalid_segment_is_refused_with_every_problem(shows: Shows, shop: Shop) -> None:
    show_id = shows.create_show(show_input())
    bad = segment(
        "秒杀",
        -1,
        fixed_start=datetime(2026, 1, 10, 20, 0),
        warn_seconds=30,
        danger_seconds=30,
        flash_sale_seconds=301,
        variant_ids=(shop.cup, 999, shop.cup),
    )
    expected = (
        FieldProblem("planned_seconds", "shows.duration_negative"),
        FieldProblem("fixed_start", "shows.naive_time"),
        FieldProblem("warn_seconds", "shows.warn_not_above_danger", (("danger_seconds", 30),)),
        FieldProblem("flash_sale_seconds", "shows.flash_sale_out_of_range", (("min", 10), ("max", 300))),
        FieldProblem("variant_ids.1", "shows.unknown_variant", (("variant_id", 999),)),
        FieldProblem("variant_ids.2", "shows.product_duplicate"),
    )
    assert shows.validate_segment(bad) == expected
    with pytest.raises(UserError) as error:
        shows.insert_segment(show_id, 0, bad)
    assert (error.value.code, error.value.fields["problems"]) == ("shows.segment_invalid", expected)
    assert shows.validate_segment(segment(danger_seconds=-1)) == (
        FieldProblem("danger_seconds", "shows.danger_negative"),
    )
    assert shows.validate_segment(segment(flash_sale_seconds=10)) == ()
    assert shows.validate_segment(segment(flash_sale_seconds=9))[0].code == "shows.flash_sale_out_of_range"
    assert titles(shows, show_id) == []


def test_update_of_a_missing_segment_is_a_user_error(shows: Shows) -> None:
    with pytest.raises(UserError) as error:
        shows.update_segment(77, segment())
    assert (error.value.code, error.value.fields) == ("shows.segment_not_found", {"segment_id": 77})


def test_replace_segments_is_all_or_nothing(shows: Shows, shop: Shop, database: Database) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("A", variant_ids=(shop.cup,)), segment("B")])
    before = shows.rundown(show_id)
    with pytest.raises(UserError) as error:
        shows.replace_segments(show_id, [segment("X"), segment("Y", variant_ids=(4242,)), segment("Z", -5)])
    assert error.value.code == "shows.segment_invalid"
    assert [p.field for p in error.value.fields["problems"]] == [
        "segments.1.variant_ids.0",
        "segments.2.planned_seconds",
    ]
    assert shows.rundown(show_id) == before
    assert count_rows(database, "segment_products") == 1


def test_replace_segments_returns_the_new_rundown(shows: Shows, shop: Shop, database: Database) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("旧", variant_ids=(shop.cup,))])
    rundown = shows.replace_segments(show_id, [segment("新1", 5), segment("新2", 7, variant_ids=(shop.lid,))])
    assert [s.title for s in rundown.segments] == ["新1", "新2"]
    assert rundown.total_seconds == 720
    assert rundown == shows.rundown(show_id)
    assert count_rows(database, "segments") == 2
    assert count_rows(database, "segment_products") == 1


# --- stock check, crib sheets -------------------------------------------------------------------------------------
def test_stock_check_lists_targets_above_available_stock_bundles_included(
    shows: Shows, shop: Shop, catalogue: Catalogue
) -> None:
    targets = (
        SkuTargetInput(shop.cup, 20),  # 20 in stock: enough
        SkuTargetInput(shop.bundle, 2),  # 3 lids make 1 set
        SkuTargetInput(shop.empty, 1),
        SkuTargetInput(shop.lid, 3),
    )
    show_id = shows.create_show(show_input(sku_targets=targets))
    short = shows.stock_check(show_id)
    assert [(r.sku_code, r.quantity, r.available, r.short_by) for r in short] == [
        ("SET", 2, 1, 1),
        ("BRUSH", 1, 0, 1),
    ]
    catalogue.adjust_stock([(shop.lid, 1)], StockReason.RESTOCK)  # 4 lids: 2 sets
    assert [r.sku_code for r in shows.stock_check(show_id)] == ["BRUSH"]


def test_stock_check_of_a_missing_show_is_a_user_error(shows: Shows) -> None:
    with pytest.raises(UserError) as error:
        shows.stock_check(5)
    assert error.value.code == "shows.not_found"


def test_talking_points_come_from_the_products_crib_sheets(shows: Shows, shop: Shop) -> None:
    text_ = shows.talking_points_for([shop.lid, shop.empty, shop.cup, shop.bundle])
    # the cup and the lid are one product: it appears once; the brush has only selling points; the set has neither
    assert text_ == "保温杯\n316 不锈钢内胆，保温 12 小时。\n\n杯刷\n长柄软毛。"
    assert shows.talking_points_for([shop.bundle]) == ""
    assert shows.talking_points_for([]) == ""


# --- status, delete -----------------------------------------------------------------------------------------------
def test_set_status_returns_the_previous_status(shows: Shows, utc_clock) -> None:
    show_id = shows.create_show(show_input(status=ShowStatus.DRAFT))
    utc_clock.advance(minutes=1)
    assert shows.set_status(show_id, ShowStatus.SCHEDULED) is ShowStatus.DRAFT
    assert shows.set_status(show_id, ShowStatus.CANCELLED) is ShowStatus.SCHEDULED
    detail = shows.get_show(show_id)
    assert (detail.status, detail.version, detail.updated_at) == (ShowStatus.CANCELLED, 3, utc_clock())
    with pytest.raises(UserError):
        shows.set_status(404, ShowStatus.DONE)


def _add_run(database: Database, show_id: int, kind: str) -> int:
    with database.engine.begin() as conn:
        run_id = conn.execute(
            text(
                "INSERT INTO show_runs (show_id, kind, segments_json, started_at) VALUES (:s, :k, '[]', :t) RETURNING id"
            ),
            {"s": show_id, "k": kind, "t": "2026-01-10 11:00:00"},
        ).scalar_one()
        for seq in range(3):
            conn.execute(
                text(
                    "INSERT INTO timer_events (run_id, seq, kind, at, seconds, recorded_at)"
                    " VALUES (:r, :q, 'start', 0, 0, '2026-01-10 11:00:00')"
                ),
                {"r": run_id, "q": seq},
            )
        return int(run_id)


def test_delete_removes_the_show_and_everything_it_owns(shows: Shows, shop: Shop, database: Database) -> None:
    kept = shows.create_show(show_input(title="留下", sku_targets=(SkuTargetInput(shop.cup, 1),)))
    shows.replace_segments(kept, [segment("A", variant_ids=(shop.cup,))])
    show_id = shows.create_show(show_input(sku_targets=(SkuTargetInput(shop.cup, 1),)))
    shows.replace_segments(show_id, [segment("A", variant_ids=(shop.cup, shop.lid)), segment("B")])
    _add_run(database, show_id, "rehearsal")
    shows.delete_show(show_id)
    with pytest.raises(UserError):
        shows.get_show(show_id)
    assert [s.id for s in shows.list_shows()] == [kept]
    counts = {
        table: count_rows(database, table)
        for table in (
            "show_people",
            "show_promotions",
            "show_budget_lines",
            "show_sku_targets",
            "segments",
            "segment_products",
            "show_runs",
            "timer_events",
        )
    }
    assert counts == {
        "show_people": 2,
        "show_promotions": 2,
        "show_budget_lines": 2,
        "show_sku_targets": 1,
        "segments": 1,
        "segment_products": 1,
        "show_runs": 0,
        "timer_events": 0,
    }


def test_a_show_with_a_live_run_cannot_be_deleted(shows: Shows, database: Database) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("A")])
    _add_run(database, show_id, "rehearsal")
    _add_run(database, show_id, "live")
    with pytest.raises(UserError) as error:
        shows.delete_show(show_id)
    assert error.value.code == "shows.has_runs"
    assert shows.get_show(show_id).title == "周末宠粉专场"
    assert (count_rows(database, "show_runs"), count_rows(database, "timer_events")) == (2, 6)
    assert titles(shows, show_id) == ["A"]


# --- duplicate and templates --------------------------------------------------------------------------------------
def _full_show(shows: Shows, shop: Shop) -> int:
    show_id = shows.create_show(show_input(sku_targets=(SkuTargetInput(shop.cup, 12),), status=ShowStatus.DONE))
    shows.replace_segments(
        show_id,
        [
            segment("开场", 5, kind=SegmentKind.OPENING, talking_points="欢迎来到直播间"),
            segment(
                "整点秒杀",
                3,
                kind=SegmentKind.FLASH_SALE,
                fixed_start=EVENING + timedelta(hours=1),
                flash_sale_seconds=60,
                variant_ids=(shop.cup, shop.lid),
                promotion_cue="上架秒杀链接",
            ),
        ],
    )
    return show_id


def test_duplicate_copies_details_targets_and_rundown_as_a_draft(shows: Shows, shop: Shop) -> None:
    source = _full_show(shows, shop)
    copy = shows.duplicate_show(source)
    original, duplicate = shows.get_show(source), shows.get_show(copy)
    assert duplicate.to_input() == replace(original.to_input(), status=ShowStatus.DRAFT)
    assert not duplicate.is_template
    assert [s.to_input() for s in shows.rundown(copy).segments] == [
        s.to_input() for s in shows.rundown(source).segments
    ]
    assert {s.id for s in shows.rundown(copy).segments}.isdisjoint(s.id for s in shows.rundown(source).segments)


def test_duplicate_to_a_new_date_moves_fixed_starts_and_takes_the_given_title(shows: Shows, shop: Shop) -> None:
    source = _full_show(shows, shop)
    next_week = EVENING + timedelta(days=7)
    copy = shows.duplicate_show(source, planned_start=next_week, title="周末宠粉专场（副本）")
    detail = shows.get_show(copy)
    assert (detail.title, detail.planned_start) == ("周末宠粉专场（副本）", next_week)
    flash = shows.rundown(copy).segments[1]
    assert flash.fixed_start == next_week + timedelta(hours=1)
    assert shows.rundown(copy).conflicts == shows.rundown(source).conflicts
    assert shows.get_show(source).title == "周末宠粉专场"


def test_template_round_trip_keeps_the_rundown_and_moves_fixed_starts(shows: Shows, shop: Shop) -> None:
    source = _full_show(shows, shop)
    template = shows.save_as_template(source, "周末专场模板")
    detail = shows.get_show(template)
    assert (detail.title, detail.is_template, detail.planned_start, detail.status) == (
        "周末专场模板",
        True,
        None,
        ShowStatus.DRAFT,
    )
    assert [(t.sku_code, t.quantity) for t in detail.sku_targets] == [("CUP-W", 12)]
    assert shows.list_shows(templates=True)[0].segment_count == 2
    start = datetime(2026, 2, 1, 20, 0, tzinfo=BEIJING)
    made = shows.create_from_template(template, title="二月专场", planned_start=start)
    show = shows.get_show(made)
    assert (show.title, show.planned_start, show.is_template, show.status) == (
        "二月专场",
        start,
        False,
        ShowStatus.DRAFT,
    )
    assert show.people == detail.people and show.budget == detail.budget
    segments = shows.rundown(made).segments
    assert [s.title for s in segments] == ["开场", "整点秒杀"]
    assert segments[1].fixed_start == start + timedelta(hours=1)
    assert segments[1].talking_points == "" and segments[0].talking_points == "欢迎来到直播间"
    undated = shows.create_from_template(template, title="待定", planned_start=None)
    assert shows.rundown(undated).segments[1].fixed_start is None
    assert [s.id for s in shows.list_shows(templates=True)] == [template]


def test_duplicating_a_template_gives_a_template(shows: Shows, shop: Shop) -> None:
    template = shows.save_as_template(_full_show(shows, shop), "模板")
    copy = shows.duplicate_show(template, title="模板 2")
    assert shows.get_show(copy).is_template
    assert [s.title for s in shows.list_shows(templates=True)] == ["模板", "模板 2"]


def test_only_a_template_can_make_shows(shows: Shows, shop: Shop) -> None:
    source = _full_show(shows, shop)
    with pytest.raises(UserError) as error:
        shows.create_from_template(source, title="x", planned_start=None)
    assert (error.value.code, error.value.fields) == ("shows.not_a_template", {"show_id": source})
    with pytest.raises(UserError) as invalid:
        shows.save_as_template(source, "  ")
    assert invalid.value.code == "shows.invalid"
    assert shows.list_shows(templates=True) == ()


def test_moving_a_dated_show_moves_its_fixed_starts_and_back(shows: Shows) -> None:
    show_id = shows.create_show(show_input())
    shows.replace_segments(show_id, [segment("开场", 30), segment("秒杀", 5, fixed_start=EVENING + timedelta(hours=1))])
    shows.update_show(show_id, show_input(planned_start=EVENING + timedelta(days=1)))
    moved = shows.rundown(show_id)
    assert moved.segments[1].fixed_start == EVENING + timedelta(days=1, hours=1)
    assert moved.timings[1].wait_seconds == 30 * 60
    shows.update_show(show_id, show_input(planned_start=None))  # undated: fixed starts stay as they were
    assert shows.rundown(show_id).segments[1].fixed_start == EVENING + timedelta(days=1, hours=1)
    shows.update_show(show_id, show_input(planned_start=EVENING + timedelta(days=1)))
    shows.update_show(show_id, show_input())  # what an undo does
    assert shows.rundown(show_id).segments[1].fixed_start == EVENING + timedelta(hours=1)
