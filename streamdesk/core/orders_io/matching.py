"""Linking order lines to catalogue SKUs: by SKU code, else a remembered alias, else title + spec.

Aliases are looked up by ``orders_match.match_key``, the one spelling of "this line as the file gave it" that
Orders.match_line stores (SkuAlias) and Orders.unmatched_lines groups by.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, bindparam, text

from streamdesk.core.order_types import Platform
from streamdesk.core.orders_match import match_key

_SPACES = re.compile(r"\s+")
_SPEC_PARTS = re.compile(r"[;；,，/／|\n]+")
CHUNK = 500


def _norm(value: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip().casefold()


def spec_values(spec: str) -> tuple[str, ...]:
    """The values of a spec, sorted: "颜色:白;尺码:M", "白/M" and {"颜色": "白", "尺码": "M"} all give ("m", "白")."""
    values = []
    for part in _SPEC_PARTS.split(spec):
        cut = max(part.rfind(":"), part.rfind("："))
        value = _norm(part[cut + 1 :] if cut >= 0 else part)
        if value:
            values.append(value)
    return tuple(sorted(values))


def _stored_spec_values(stored: str) -> tuple[str, ...]:
    if not stored:
        return ()
    try:
        data = json.loads(stored)
    except json.JSONDecodeError:
        return spec_values(stored)
    if isinstance(data, dict):
        return tuple(sorted(v for v in (_norm(str(value)) for value in data.values()) if v))
    return spec_values(stored)


def _in_chunks(conn: Connection, sql: str, values: Iterable[str], **params: object) -> list[Sequence[object]]:
    statement = text(sql).bindparams(bindparam("values", expanding=True))
    ordered = sorted(set(values))
    found: list[Sequence[object]] = []
    for start in range(0, len(ordered), CHUNK):
        found.extend(conn.execute(statement, {"values": ordered[start : start + CHUNK], **params}).all())
    return found


class Matcher:
    """The catalogue slice one import needs, read in a few set-wise queries (never one per line)."""

    def __init__(self, conn: Connection, platform: Platform, lines: Iterable[tuple[str, str, str]]) -> None:
        wanted = set(lines)
        self._seen: dict[tuple[str, str, str], int | None] = {}
        skus = {sku for sku, _, _ in wanted if sku}
        self._by_sku: dict[str, int] = {
            str(sku): int(str(vid))
            for vid, sku in _in_chunks(conn, "SELECT id, sku_code FROM variants WHERE sku_code IN :values", skus)
        }
        self._aliases: dict[str, int] = {
            str(key): int(str(vid))
            for key, vid in conn.execute(
                text("SELECT match_key, variant_id FROM sku_aliases WHERE platform = :platform"),
                {"platform": platform.value},
            ).all()
        }
        titles: set[str] = set()
        for sku, title, _ in wanted:
            if title and sku not in self._by_sku:
                titles.add(title)
                if " - " in title:  # Shopify folds the variant into the name: "Linen shirt - Red / M"
                    titles.add(title.rsplit(" - ", 1)[0])
        self._by_title: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
        rows = _in_chunks(
            conn,
            "SELECT v.id, p.title, v.spec, v.archived OR p.archived FROM variants v JOIN products p"
            " ON p.id = v.product_id WHERE p.title IN :values ORDER BY p.id, v.id",
            titles,
        )
        for vid, name, spec, archived in rows:
            entry = (int(str(vid)), _stored_spec_values(str(spec or "")), bool(archived))
            self._by_title.setdefault(_norm(str(name)), []).append(entry)

    def match(self, sku: str, title: str, spec: str) -> int | None:
        """The variant id for a line, or None: SKU code, alias (the seller mapped it once), then title + spec."""
        key = (sku, title, spec)
        if key in self._seen:  # a big export repeats a few hundred products
            return self._seen[key]
        found = self._match(sku, title, spec)
        self._seen[key] = found
        return found

    def _match(self, sku: str, title: str, spec: str) -> int | None:
        if sku:
            found = self._by_sku.get(sku)
            if found is not None:
                return found
        alias = self._aliases.get(match_key(sku, title, spec))
        if alias is not None:
            return alias
        if not title:
            return None
        found = self._by_title_spec(title, spec)
        if found is None and not spec and " - " in title:
            name, variant = title.rsplit(" - ", 1)
            found = self._by_title_spec(name, variant)
        return found

    def _by_title_spec(self, title: str, spec: str) -> int | None:
        candidates = self._by_title.get(_norm(title))
        if not candidates:
            return None
        values = spec_values(spec)
        active = [c for c in candidates if not c[2]] or candidates
        if not values:
            return active[0][0] if len(active) == 1 else None
        for vid, stored, _ in active:
            if stored == values:
                return vid
        return None
