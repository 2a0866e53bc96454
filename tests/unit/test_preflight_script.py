"""The pre-flight item "Script checked": the compliance checker over a real show (its notes, segments and linked
products) gives PASSED when clean and WARNING (never FAILED, never critical, the verdict stays GO) with the hits
kept on the result; the built-in checklists carry it in both languages, and runs of an older default template
that lacks it get it at the end. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.compliance import load_word_list
from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_defaults import DEFAULT_ITEMS, script_item
from streamdesk.core.preflight_rules import outcome_result
from streamdesk.core.preflight_types import ChecklistItemInput
from streamdesk.core.probes.script import FOUND_KEY, MAX_KEPT, ScriptHit, check_script, script_verdict, stored_hits
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import Database
from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind


@dataclass
class Shop:
    shows: Shows
    catalogue: Catalogue
    preflight: Preflight
    risky: int  # a show whose script and products make claims
    clean: int  # a show with a clean script and a clean product


@pytest.fixture
def shop(database: Database, utc_clock, tmp_path: Path) -> Shop:
    images = tmp_path / "images"
    catalogue = Catalogue(
        database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=utc_clock
    )
    catalogue.create_product(
        ProductInput(
            title="修护面霜",
            category="护肤",
            selling_points="保湿一整天\n能祛痘",
            faq="敏感肌能用吗？能，无副作用",
            variants=(VariantInput("CREAM-1", live_price_minor=9900),),
        )
    )
    catalogue.create_product(
        ProductInput(title="羊绒围巾", category="服装", talking_points="手感很软", variants=(VariantInput("SC-1"),))
    )
    cream, scarf = (catalogue.find_by_sku(sku) for sku in ("CREAM-1", "SC-1"))
    assert cream is not None and scarf is not None
    shows = Shows(database.sessions, clock=utc_clock)
    risky = shows.create_show(ShowInput(title="护肤专场", notes="开场：全网最低价！"))
    shows.replace_segments(
        risky,
        [
            SegmentInput(SegmentKind.OPENING, "欢迎", 300, talking_points="家人们好\n今天是我第一次直播"),
            SegmentInput(
                SegmentKind.PITCH, "面霜讲解", 900, variant_ids=(cream.variant_id,), notes="这是最 好用的面霜"
            ),
        ],
    )
    clean = shows.create_show(ShowInput(title="Clean", notes="记得准备样品"))
    shows.replace_segments(
        clean, [SegmentInput(SegmentKind.PITCH, "围巾", 600, variant_ids=(scarf.variant_id,), talking_points="很暖和")]
    )
    preflight = Preflight(database.sessions, clock=utc_clock, language="zh_CN")
    return Shop(shows, catalogue, preflight, risky, clean)


def test_a_clean_show_passes_and_a_risky_one_warns_with_every_hit_placed(shop: Shop) -> None:
    words = load_word_list()
    clean = check_script(shop.shows, shop.catalogue, shop.clean, words)
    assert (clean.status, clean.value, clean.code) == (CheckStatus.PASSED, "0", "preflight.script.clean")
    assert stored_hits(clean.measured) == ()

    risky = check_script(shop.shows, shop.catalogue, shop.risky, words)
    assert (risky.status, risky.code, dict(risky.fields)) == (
        CheckStatus.WARNING,
        "preflight.script.hits",
        {"count": "4"},
    )
    assert risky.value == "4"
    hits = stored_hits(risky.measured)
    where = [(h.place, h.title, h.field, h.line, h.words, h.term, h.category) for h in hits]
    # 第一次 is an allowed ordinal; 最 好 with a space is still 最好; 祛痘 and (无)副作用 are medical claims for a
    # cosmetic (the cream's category 护肤)
    assert where == [
        ("show", "护肤专场", "notes", 1, "全网最低", "全网最低", "price"),
        ("segment", "面霜讲解", "notes", 1, "最 好", "最好", "superlative"),
        ("product", "修护面霜", "selling_points", 2, "祛痘", "祛痘", "medical"),
        ("product", "修护面霜", "faq", 1, "副作用", "副作用", "medical"),
    ]
    assert all(h.reason and h.suggestion for h in hits)


def test_the_verdict_never_fails_and_keeps_at_most_max_kept_hits() -> None:
    hit = ScriptHit("segment", "Opening", "talking_points", 2, "最好", "最好", "superlative", "广告法", "很好")
    outcome = script_verdict([hit] * (MAX_KEPT + 5))
    assert outcome.status is CheckStatus.WARNING and outcome.value == str(MAX_KEPT + 5)
    assert len(stored_hits(outcome.measured)) == MAX_KEPT
    assert len(json.loads(dict(outcome.measured)[FOUND_KEY])) == MAX_KEPT
    assert stored_hits(((FOUND_KEY, "not json"),)) == () and stored_hits(((FOUND_KEY, '[{"line": "x"}]'),)) == ()


def test_the_builtin_checklists_carry_the_item_in_both_languages_and_it_is_not_critical() -> None:
    assert script_item("zh_CN").title == "话术已检查" and script_item("en").title == "Script checked"
    assert script_item("fr") == script_item("zh_CN")
    for items in DEFAULT_ITEMS.values():
        (item,) = [i for i in items if i.probe is ProbeKind.SCRIPT]
        assert item.kind is CheckKind.PROBE and not item.critical and item.hint


def test_a_warning_script_item_is_recorded_and_the_run_stays_go(shop: Shop) -> None:
    run_id = shop.preflight.start_run(shop.risky)
    run = shop.preflight.run(run_id)
    script = [r for r in run.results if r.probe is ProbeKind.SCRIPT]
    assert len(script) == 1 and not script[0].critical
    for result in run.results:  # every other item passes
        if result.probe is not ProbeKind.SCRIPT:
            shop.preflight.record(result.id, outcome_result(script_verdict(())))
    outcome = check_script(shop.shows, shop.catalogue, shop.risky, load_word_list())
    shop.preflight.record(script[0].id, outcome_result(outcome))
    after = shop.preflight.run(run_id)
    (recorded,) = [r for r in after.results if r.probe is ProbeKind.SCRIPT]
    assert recorded.status is CheckStatus.WARNING
    assert stored_hits(recorded.measured) == stored_hits(outcome.measured) != ()
    assert after.verdict is PreflightVerdict.GO
    assert shop.preflight.go_check(shop.risky).needs_override is False


def test_an_older_default_template_without_the_item_gets_it_in_its_runs(shop: Shop) -> None:
    (default,) = shop.preflight.templates()
    older = tuple(item for item in default.items if item.probe is not ProbeKind.SCRIPT)  # saved before the item
    shop.preflight.update_template(default.id, default.name, older)
    run = shop.preflight.run(shop.preflight.start_run(shop.clean))
    assert [r.title for r in run.results] == [*(i.title for i in older), "话术已检查"]
    assert run.results[-1].probe is ProbeKind.SCRIPT and run.results[-1].status is CheckStatus.PENDING
    # a template the seller built apart from the default keeps exactly its items
    own = shop.preflight.create_template("Quick", (ChecklistItemInput("Lights", CheckKind.MANUAL),))
    assert [r.title for r in shop.preflight.run(shop.preflight.start_run(shop.clean, own)).results] == ["Lights"]
    # and a default that has the item is not given a second one
    shop.preflight.update_template(default.id, default.name, default.items)
    run = shop.preflight.run(shop.preflight.start_run(shop.clean, default.id))
    assert sum(r.probe is ProbeKind.SCRIPT for r in run.results) == 1
