"""What the preset tables are written with: column and status helpers, the Chinese platforms' shared formats."""

from __future__ import annotations

from streamdesk.core.order_types import OrderStatus

# Chinese exports: ISO-like first; "yyyy/MM/dd HH:mm" is what an Excel re-save leaves (FORMATS.md §1).
CN_DATES = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%Y-%m-%d")
CN_ID = r"\d{8,25}"


def cols(**columns: str) -> dict[str, tuple[str, ...]]:
    """field="别名1|alias 2" → {field: ("别名1", "alias 2")}."""
    return {name: tuple(alias.strip() for alias in aliases.split("|")) for name, aliases in columns.items()}


def states(**groups: str) -> dict[str, OrderStatus]:
    """PAID="待发货|备货中" → {"待发货": PAID, …}; keys are normalised later (cells.status_key)."""
    found: dict[str, OrderStatus] = {}
    for status, words in groups.items():
        for word in words.split("|"):
            found[word.strip()] = OrderStatus[status]
    return found
