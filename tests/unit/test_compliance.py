"""The claim-compliance checker: precision and recall on the hand-labelled set, and the matching rules one by one.

The labelled set (tests/fixtures/compliance/labelled.tsv) names, for each sentence, the phrases a careful reviewer
would flag, written as they appear in the sentence. A hit overlapping a labelled phrase is a true positive; a hit
overlapping none is a false positive; a labelled phrase no hit overlaps is a miss. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from streamdesk.core.compliance import Hit, check, load_word_list, normalise, product_kind

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "compliance" / "labelled.tsv"


def _labelled() -> list[tuple[str, list[str]]]:
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, _, expected = line.partition("\t")
        rows.append((sentence, [phrase for phrase in expected.split(",") if phrase]))
    return rows


def _spans(sentence: str, phrase: str) -> list[tuple[int, int]]:
    spans, start = [], sentence.find(phrase)
    assert start >= 0, f"labelled phrase {phrase!r} is not in {sentence!r}"
    while start >= 0:
        spans.append((start, start + len(phrase)))
        start = sentence.find(phrase, start + 1)
    return spans


def test_precision_and_recall_on_the_labelled_set(record_property: Callable[[str, object], None]) -> None:
    rows = _labelled()
    assert len(rows) >= 300
    assert sum(1 for sentence, _ in rows if sentence.isascii()) >= 40
    assert sum(1 for _, expected in rows if not expected) >= 120  # a good share of clean sentences
    hits_total = hits_right = phrases_total = phrases_found = 0
    misses: list[str] = []
    wrong: list[str] = []
    for sentence, expected in rows:
        hits = check(sentence)
        labelled = [span for phrase in expected for span in _spans(sentence, phrase)]
        for hit in hits:
            hits_total += 1
            if any(hit.start < end and start < hit.end for start, end in labelled):
                hits_right += 1
            else:
                wrong.append(f"{sentence} → {sentence[hit.start : hit.end]}")
        for phrase in expected:
            phrases_total += 1
            spans = _spans(sentence, phrase)
            if any(hit.start < end and start < hit.end for hit in hits for start, end in spans):
                phrases_found += 1
            else:
                misses.append(f"{sentence} → {phrase}")
    precision = hits_right / hits_total
    recall = phrases_found / phrases_total
    summary = (
        f"compliance checker on {len(rows)} labelled sentences: precision {precision:.3f} ({hits_right}/{hits_total}),"
        f" recall {recall:.3f} ({phrases_found}/{phrases_total})\n  missed: {misses}\n  wrong: {wrong}"
    )
    # shown in the run's "measured" section (tests/conftest.py), also when the test passes
    record_property("measured", summary.splitlines()[0])
    assert recall >= 0.95, summary
    assert precision >= 0.90, summary


def _found(text: str, **kwargs: str | None) -> list[tuple[str, str]]:
    return [(hit.term, text[hit.start : hit.end]) for hit in check(text, **kwargs)]  # type: ignore[arg-type]


def test_full_width_and_case_are_folded() -> None:
    assert _found("ＮＯ．１的爆款") == [("no1", "ＮＯ．１")]
    assert _found("１００％有效") == [("100%有效", "１００％有效")]
    assert _found("BEST EVER deal") == [("best ever", "BEST EVER")]


def test_spaces_punctuation_and_emoji_between_characters_are_skipped() -> None:
    assert _found("最 好 的") == [("最好", "最 好")]
    assert _found("最-好的") == [("最好", "最-好")]
    assert _found("绝⭐对划算") == [("绝对", "绝⭐对")]
    assert _found("m-i-r-a-c-l-e oil") == [("miracle", "m-i-r-a-c-l-e")]


def test_a_sentence_end_or_a_long_gap_is_not_bridged() -> None:
    assert _found("你觉得哪个最？好的我们看下一个") == []
    assert _found("最。好") == []
    assert _found("最 ~ ~ ~ ~ 好") == []


def test_traditional_characters_match() -> None:
    assert _found("國家級認證") == [("国家级", "國家級")]
    assert _found("這個茶可以降血壓") == [("降血压", "降血壓")]
    assert normalise("療效") == "疗效"


def test_offsets_point_into_the_original_text() -> None:
    text = "家人们，这款是 全 网 最 低 的！🔥还有ＮＯ．１"
    hits = check(text)
    assert [text[hit.start : hit.end] for hit in hits] == ["全 网 最 低", "ＮＯ．１"]
    assert all(isinstance(hit, Hit) for hit in hits)


def test_ordinals_sizes_materials_and_words_inside_words_are_not_hits() -> None:
    for text in ("今天是我第一次直播", "最近很忙", "最后一件了", "腰围大的选最大码", "100%纯棉T恤", "a secure lock"):
        assert _found(text) == [], text
    assert _found("I got a manicure") == []
    assert _found("1100% more") == []


def test_medical_terms_apply_to_their_product_kinds_only() -> None:
    text = "这款能祛痘，还能减肥"
    assert [term for term, _ in _found(text, product_category="护肤品")] == ["祛痘"]
    assert [term for term, _ in _found(text, product_category="零食")] == ["减肥"]
    assert _found(text, product_category="服装") == []
    assert [term for term, _ in _found(text)] == ["祛痘", "减肥"]  # kind unknown: every term
    assert [term for term, _ in _found("可以治疗失眠", product_category="服装")] == ["治疗"]
    assert product_kind("Skincare") == "cosmetics" and product_kind("health") == "health"


def test_language_chooses_a_list() -> None:
    text = "最好 the best ever"
    assert [term for term, _ in _found(text, language="en")] == ["the best"]
    assert [term for term, _ in _found(text, language="zh_CN")] == ["最好"]


def test_a_user_file_adds_replaces_disables_and_allows(tmp_path: Path) -> None:
    user = tmp_path / "compliance.tsv"
    user.write_text(
        "# my own\n神器\tsuperlative\t\t夸大\t好用的工具\n淘宝\toff\n最好\tsuperlative\t\t我的理由\t很好\n"
        "最好看\tallow\n",
        encoding="utf-8",
    )
    words = load_word_list(user)
    found = check("这个神器在淘宝卖，最好用，最好看", words=words)
    assert [(hit.term, hit.reason) for hit in found] == [("神器", "夸大"), ("最好", "我的理由")]
    assert "淘宝" not in words.terms() and "淘宝" in load_word_list(tmp_path / "absent.tsv").terms()


@pytest.mark.parametrize(("language", "least"), [("zh", 100), ("en", 20)])
def test_shipped_lists_have_reasons_and_suggestions(language: str, least: int) -> None:
    entries = [entry for entry in load_word_list().entries if entry.language == language]
    assert len(entries) >= least
    for entry in entries:
        assert entry.reason and entry.suggestion, entry
        assert entry.category in {"superlative", "medical", "price", "scarcity", "platform"}, entry
        assert set(entry.products) <= {"cosmetics", "food", "health"}, entry
