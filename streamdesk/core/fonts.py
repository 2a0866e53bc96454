"""Fonts for what StreamDesk paints on paper (host sheet, pick lists, posters): a Latin family and a CJK one.

Chinese needs a real CJK font, never Qt's tofu boxes. The fonts bundled in resources/fonts/ (a CJK font and its
licence, when the build ships one) are registered with ``QFontDatabase.addApplicationFont`` once, so the GUI, the
CLI and every OS render alike; otherwise the first installed family of a list of common ones is used.

A named Qt module of docs/ARCHITECTURE.md (QtGui only, imported inside the functions); ``font_families`` and the
family lists are plain Python. The caller must have created a QGuiApplication before asking Qt for fonts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from streamdesk.resource_paths import resource_path

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
                "WenQuanYi Micro Hei", "Noto Sans SC", "SimHei", "SimSun")  # fmt: skip
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")

_registered: list[str] = []
_lock = threading.Lock()
_done = False


def font_families(installed: set[str]) -> list[str]:
    """A Latin family, then a CJK one, from those installed; empty leaves it to Qt's default and its fallback.

    Latin first: with Noto Sans CJK first, Qt's PDF writer embeds its digits without a Unicode mapping, and times
    and prices could not be searched or copied from the PDF.
    """
    cjk = [family for family in CJK_FAMILIES if family in installed]
    if not cjk:
        log.warning("no CJK font installed: Chinese text may not render")
    latin = [family for family in LATIN_FAMILIES if family in installed]
    return [*latin[:1], *cjk[:1]]


def pick_cjk(installed: Iterable[str], chinese_capable: Iterable[str] = ()) -> str | None:
    """The preferred CJK family among ``installed``, else the first family Qt says writes Simplified Chinese."""
    names = set(installed)
    for family in CJK_FAMILIES:
        if family in names:
            return family
    for family in chinese_capable:
        if family in names:
            return family
    return None


def register_bundled_fonts() -> tuple[str, ...]:
    """Add the font files of resources/fonts/ to Qt's database (once per process); the families they bring."""
    global _done
    from PySide6.QtGui import QFontDatabase

    with _lock:
        if _done:
            return tuple(_registered)
        folder = resource_path("fonts")
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES) if folder.is_dir() else []
        for path in files:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("font file %s could not be loaded", path)
                continue
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
        _done = True
        return tuple(_registered)


def installed_families() -> set[str]:
    """Every family Qt can draw with, bundled fonts included. Needs a QGuiApplication."""
    from PySide6.QtGui import QFontDatabase

    register_bundled_fonts()
    return set(QFontDatabase.families())


def cjk_family() -> str | None:
    """The CJK family to draw Chinese with (bundled first, then common system ones); None when there is none."""
    from PySide6.QtGui import QFontDatabase

    bundled = register_bundled_fonts()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if bundled:
        found = pick_cjk(bundled, chinese)
        if found is not None:
            return found
    return pick_cjk(QFontDatabase.families(), chinese)


def latin_family() -> str | None:
    """The first installed family of LATIN_FAMILIES (None: Qt's default)."""
    installed = installed_families()
    return next((family for family in LATIN_FAMILIES if family in installed), None)
