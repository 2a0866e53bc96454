"""The committed translations are complete, keep their placeholders, match the sources and compile to the committed .qm."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_i18n_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("streamdesk_i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being built
    spec.loader.exec_module(module)
    return module


i18n = _load_i18n_tool()


def _entries(language: str) -> list:
    return list(i18n.entries(language))


def _ids(entries: list) -> list[str]:
    return [f"{e.context}:{e.source[:40]}" for e in entries]


def test_every_zh_cn_string_has_a_finished_translation() -> None:
    unfinished = [f"{e.context}: {e.source}" for e in _entries("zh_CN") if not e.finished]
    assert unfinished == [], "run `python tools/i18n.py missing` and fill these:\n" + "\n".join(unfinished)


def test_every_string_has_a_context() -> None:
    """A module-level ``tr("…")`` helper lands in an empty context that no runtime call looks up."""
    assert [e.source for e in _entries("zh_CN") if not e.context] == []


def test_english_plural_entries_have_singular_and_plural_forms() -> None:
    for entry in _entries("en"):
        assert entry.numerus, f"{entry.source!r}: streamdesk_en.ts should hold plural entries only"
        assert entry.finished and len(entry.forms) == 2, f"{entry.source!r} needs two plural forms"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_translations_keep_every_placeholder(language: str) -> None:
    broken = [
        f"{e.source!r} → {form!r}"
        for e in _entries(language)
        for form in e.forms
        if form and i18n.placeholders(form) != i18n.placeholders(e.source)
    ]
    assert broken == []


def test_placeholder_check_notices_a_dropped_or_renamed_placeholder() -> None:
    assert i18n.placeholders("Row {row}: {message}") == i18n.placeholders("第 {row} 行：{message}")
    assert i18n.placeholders("Row {row}: {message}") != i18n.placeholders("第 {rows} 行：{message}")
    assert i18n.placeholders("%n products") != i18n.placeholders("个商品")
    assert i18n.placeholders("%1 of %2") != i18n.placeholders("%1 / %1")


@pytest.fixture
def scratch_ts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the translations folder the tool can rewrite without touching the committed files."""
    copy = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS, copy)
    monkeypatch.setattr(i18n, "TRANSLATIONS", copy)
    yield copy


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_ts_file_lists_exactly_the_strings_in_the_sources(language: str, scratch_ts: Path) -> None:
    committed = {(e.context, e.source) for e in _entries(language)}
    i18n.lupdate(language)  # writes into the scratch copy
    extracted = {(e.context, e.source) for e in _entries(language)}
    assert sorted(extracted - committed) == [], "new strings: run `python tools/i18n.py update` and translate them"
    assert sorted(committed - extracted) == [], "strings no longer in the code: run `python tools/i18n.py update`"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_committed_qm_is_what_lrelease_makes_from_the_committed_ts(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"fresh_{language}.qm"
    i18n.lrelease_to(i18n.ts_file(language), fresh)
    assert fresh.read_bytes() == i18n.qm_file(language).read_bytes(), "stale .qm: run `python tools/i18n.py release`"


def test_lrelease_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.qm", tmp_path / "b.qm"
    i18n.lrelease_to(i18n.ts_file("zh_CN"), first)
    i18n.lrelease_to(i18n.ts_file("zh_CN"), second)
    assert first.read_bytes() == second.read_bytes()


def test_every_message_template_reaches_the_ts_file() -> None:
    """A template spelled through a wrapper lupdate cannot see would silently stay English."""
    from streamdesk import messages

    known = set()
    for entry in _entries("zh_CN"):
        if entry.context == "messages":
            known.add(entry.source)
            known.update(entry.forms)  # a translator installed by another test returns the translation
    missing = sorted(text for text in messages._all_texts().values() if text not in known)
    assert missing == []


def test_fill_applies_a_translation_and_refuses_a_broken_placeholder(scratch_ts: Path, tmp_path: Path) -> None:
    target = next(e for e in _entries("zh_CN") if "{" in e.source)
    tsv = tmp_path / "fill.tsv"
    tsv.write_text(f"{target.context}\t{target.source}\t坏的翻译 {{nope}}\n", encoding="utf-8")
    assert i18n.fill_ts(tsv, "zh_CN") == (0, 1)
    good = i18n.escape("新的翻译 " + " ".join(i18n.placeholders(target.source)))
    tsv.write_text(f"{target.context}\t{i18n.escape(target.source)}\t{good}\n", encoding="utf-8")
    assert i18n.fill_ts(tsv, "zh_CN") == (1, 0)
    after = {(e.context, e.source): e for e in _entries("zh_CN")}[(target.context, target.source)]
    assert after.forms == (i18n.unescape(good),) and after.finished
