"""The claim-compliance checker: finds banned or risky wording (广告法 superlatives, medical claims, price and
scarcity wording, off-platform trading) in a seller's scripts and product texts.

The word lists ship in resources/compliance/ (``zh_CN.tsv``, ``en.tsv``: term, category, products, reason,
suggestion, tab-separated); a user file of the same form (``compliance.tsv`` in the data folder) is merged in, and
a line with the category ``off`` there disables a shipped term. Category ``allow`` lines are phrases whose hits are
not hits: the ordinals 第一次/第一天/第一件…, sizes 最大码, materials 100%纯棉, idioms such as “the best part”.

Matching, in this order:

- each character is normalised: NFKC (full-width ｗ, １００％ and circled ① become w, 100%, 1), case-folded, and
  traditional characters of the word lists are mapped to simplified (core.compliance_variants);
- spaces, punctuation, symbols and emoji between the characters of a term are skipped (最 好, 最-好, 最⭐好, 治.疗),
  at most ``MAX_GAP`` of them between two characters and never a line break or a sentence end (。！？!?;；), so two
  sentences never make one term;
- a term starting or ending with a Latin letter or digit must not continue a word or a number: “cure” is not found
  in “secure”, “100%” not in “1100%”;
- a hit inside an allowed phrase is dropped, and so is a hit overlapping an earlier or longer one (最低价 in
  全网最低价 is one hit, 全网最低);
- a term with products (cosmetics, food, health) is checked only for products of those kinds, or when the kind is
  not known (a text file): better a hit to dismiss than a claim missed.

Deliberately not terms: 最 alone (最近, 最后, 最少 are ordinary words), 最新 (a new model is often really the
newest; only 最新技术 is listed), 最后一件 (usually true stock), 唯一的缺点 stays a hit of 唯一 — the list keeps the
clear cases; a seller adds or disables terms in the user file.

Every hit carries offsets into the original text (``text[hit.start:hit.end]`` is what the seller wrote), so an
editor can underline it.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from streamdesk.core.compliance_variants import T2S
from streamdesk.resource_paths import resource_path

log = logging.getLogger(__name__)

MAX_GAP = 3
USER_FILE_NAME = "compliance.tsv"
CATEGORIES = ("superlative", "medical", "price", "scarcity", "platform")
PRODUCT_KINDS = ("cosmetics", "food", "health")
_SENTENCE_ENDS = frozenset("。！？!?;；\n\r")
_KEPT_SYMBOLS = frozenset("%#")
_KIND_WORDS = {
    "cosmetics": ("美妆", "护肤", "化妆", "彩妆", "面膜", "精华", "洗护", "cosmetic", "beauty", "skincare", "makeup"),
    "food": ("食品", "零食", "茶", "饮", "酒", "生鲜", "粮", "food", "snack", "drink", "grocery"),
    "health": ("保健", "营养", "滋补", "health", "supplement", "vitamin"),
}


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str
    products: tuple[str, ...]  # empty: every product
    reason: str
    suggestion: str
    language: str  # "zh", "en", or "" for a user entry


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets into the checked text
    end: int
    term: str
    category: str
    reason: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class WordList:
    entries: tuple[Entry, ...]
    allowed: tuple[str, ...]  # normalised phrases whose hits are dropped

    def terms(self) -> frozenset[str]:
        return frozenset(entry.term for entry in self.entries)


def product_kind(category: str | None) -> str | None:
    """cosmetics, food or health for a product category (the canonical name, or a seller's own such as 护肤品);
    None for anything else or no category."""
    if not category:
        return None
    folded = category.casefold()
    if folded in PRODUCT_KINDS:
        return folded
    for kind, words in _KIND_WORDS.items():
        if any(word in folded for word in words):
            return kind
    return None


def normalise(text: str) -> str:
    return "".join(_fold(char) for char in text)


def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(T2S.get(part, part) for part in folded)


def _significant(char: str) -> bool:
    """Letters, digits, CJK and % #: what terms are made of; anything else may sit between a term's characters."""
    return char.isalnum() or char in _KEPT_SYMBOLS


def _read_tsv(path: Path, language: str) -> list[tuple[str, Entry]]:
    rows: list[tuple[str, Entry]] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.startswith("# ") or line.strip() == "#":  # "#1" is a term, "# …" a comment
            continue
        cells = [cell.strip() for cell in line.split("\t")] + [""] * 5
        term, category, products, reason, suggestion = cells[:5]
        if not term or not category:
            log.warning("compliance list %s: a line without a term or a category is skipped", path.name)
            continue
        kinds = tuple(kind.strip() for kind in products.split(",") if kind.strip())
        rows.append((category.casefold(), Entry(term, category.casefold(), kinds, reason, suggestion, language)))
    return rows


def load_word_list(user_file: Path | None = None) -> WordList:
    """The shipped lists, then the user's file (if it exists) merged in: its entries add terms or replace a shipped
    entry of the same term; ``off`` removes one; ``allow`` adds an allowed phrase."""
    rows = _read_tsv(resource_path("compliance", "zh_CN.tsv"), "zh")
    rows += _read_tsv(resource_path("compliance", "en.tsv"), "en")
    if user_file is not None and user_file.is_file():
        rows += _read_tsv(user_file, "")
    entries: dict[str, Entry] = {}
    allowed: dict[str, None] = {}
    for category, entry in rows:
        key = _key(entry.term)
        if category == "off":
            entries.pop(key, None)
            allowed.pop(key, None)
        elif category == "allow":
            allowed[key] = None
        else:
            entries[key] = entry
    return WordList(tuple(entries.values()), tuple(allowed))


def _key(term: str) -> str:
    return "".join(char for char in normalise(term) if _significant(char))


@functools.lru_cache(maxsize=4)
def word_list(user_file: Path | None = None, _mtime: float = 0.0) -> WordList:
    """``load_word_list`` read once per user file (and again when the file changes: pass its mtime)."""
    return load_word_list(user_file)


def cached_word_list(user_file: Path | None = None) -> WordList:
    mtime = user_file.stat().st_mtime if user_file is not None and user_file.is_file() else 0.0
    return word_list(user_file, mtime)


@dataclass(frozen=True, slots=True)
class _Folded:
    chars: str  # the significant characters, normalised
    origin: tuple[tuple[int, int], ...]  # each one's span in the original text
    breaks: tuple[int, ...]  # how many characters were skipped before each one (-1: a line or sentence end)


def _fold_text(text: str) -> _Folded:
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    breaks: list[int] = []
    skipped = 0
    for index, char in enumerate(text):
        if char in _SENTENCE_ENDS:
            skipped = -1
            continue
        folded = _fold(char)
        if not folded or not all(_significant(part) for part in folded):
            skipped = skipped if skipped < 0 else skipped + 1
            continue
        for part in folded:
            chars.append(part)
            origin.append((index, index + 1))
            breaks.append(skipped)
            skipped = 0
    return _Folded("".join(chars), tuple(origin), tuple(breaks))


def _find_all(folded: _Folded, key: str) -> list[tuple[int, int]]:
    """Spans (in folded characters) where ``key`` occurs with no sentence end and small gaps inside."""
    spans: list[tuple[int, int]] = []
    position = folded.chars.find(key)
    while position >= 0:
        end = position + len(key)
        inner = folded.breaks[position + 1 : end]
        if all(0 <= gap <= MAX_GAP for gap in inner):
            spans.append((position, end))
        position = folded.chars.find(key, position + 1)
    return spans


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _bounded(text: str, start: int, end: int, key: str) -> bool:
    """A term starting (ending) with a Latin letter or digit does not continue a word or number of the text."""
    if _is_word(key[0]) and start > 0 and _is_word(_fold(text[start - 1])[-1:] or " "):
        return False
    return not (_is_word(key[-1]) and end < len(text) and _is_word(_fold(text[end])[:1] or " "))


def check(
    text: str,
    *,
    product_category: str | None = None,
    language: str | None = None,
    words: WordList | None = None,
) -> tuple[Hit, ...]:
    """The hits in ``text``, in order. ``language`` "zh" or "en" checks that list only (user terms always);
    ``product_category`` is a product's category (see ``product_kind``); ``words`` defaults to the shipped list."""
    words = words or cached_word_list()
    folded = _fold_text(text)
    if not folded.chars:
        return ()
    kind = product_kind(product_category)
    allowed_spans = [span for phrase in words.allowed for span in _find_all(folded, phrase)]
    found: list[tuple[int, int, Entry]] = []
    for entry in words.entries:
        if language and entry.language and not language.casefold().startswith(entry.language):
            continue
        if entry.products and product_category is not None and kind not in entry.products:
            continue
        key = _key(entry.term)
        if not key:
            continue
        for start, end in _find_all(folded, key):
            if any(a <= start and end <= b for a, b in allowed_spans):
                continue
            first, last = folded.origin[start][0], folded.origin[end - 1][1]
            if _bounded(text, first, last, key):
                found.append((start, end, entry))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, Entry]] = []
    for start, end, entry in found:
        if any(start < b and a < end for a, b, _ in kept):  # inside or across a hit already kept
            continue
        kept.append((start, end, entry))
    return tuple(
        Hit(
            folded.origin[start][0],
            folded.origin[end - 1][1],
            entry.term,
            entry.category,
            entry.reason,
            entry.suggestion,
        )
        for start, end, entry in kept
    )
