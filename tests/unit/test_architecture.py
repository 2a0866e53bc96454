"""The dependency rule (ARCHITECTURE.md): ui → core → models, never back; core and models stay free of Qt.

Checked twice: an ``ast`` scan of every import per layer, and a fresh interpreter per core/models module that imports
it and reports ``sys.modules`` (this process cannot tell: pytest-qt has already loaded Qt here).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "streamdesk"

# Where Qt is the engine itself; even these import it inside functions, and never QtWidgets or QtPrintSupport.
NAMED_QT_MODULES = frozenset(
    {
        "streamdesk.core.fonts",
        "streamdesk.core.poster",
        "streamdesk.core.poster_draw",
        "streamdesk.core.poster_parts",
        "streamdesk.core.probes.audio",
        "streamdesk.core.probes.devices",
        "streamdesk.core.qr_svg",
        "streamdesk.core.order_pdf",
        "streamdesk.core.pdf_parts",
        "streamdesk.core.rundown_pdf",
        "streamdesk.core.report_charts",
        "streamdesk.core.report_content",
        "streamdesk.core.report_html",
        "streamdesk.core.report_pdf",
    }
)
NEVER_IN_CORE = ("PySide6.QtWidgets", "PySide6.QtPrintSupport")


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # absolute dotted name of what is imported
    line: int
    top_level: bool  # executed when the importing module is imported (not inside a function)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` as absolute names; ``from a import b`` yields both ``a`` and ``a.b``."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, top_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = top_level and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                found.extend(Import(alias.name, child.lineno, top_level) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                found.append(Import(base, child.lineno, top_level))
                found.extend(Import(f"{base}.{alias.name}", child.lineno, top_level) for alias in child.names)
            visit(child, inside)

    visit(tree, True)
    return found


def _is(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(module: str, imports: list[Import]) -> list[str]:
    """The dependency rule for one module of the streamdesk package."""
    problems = []
    for imp in imports:
        where = f"{module}:{imp.line} imports {imp.module}"
        if _is(module, "streamdesk.ui"):
            if any(_is(imp.module, banned) for banned in ("sqlmodel", "sqlalchemy", "streamdesk.db")):
                problems.append(f"{where}: ui sees data only through services")
        elif _is(module, "streamdesk.core") or _is(module, "streamdesk.models"):
            layer = "core" if _is(module, "streamdesk.core") else "models"
            if _is(imp.module, "streamdesk.ui"):
                problems.append(f"{where}: {layer} never imports ui")
            if layer == "models" and _is(imp.module, "streamdesk.core"):
                problems.append(f"{where}: models never import core")
            if _is(imp.module, "PySide6") or _is(imp.module, "shiboken6"):
                if module not in NAMED_QT_MODULES:
                    problems.append(f"{where}: {layer} imports no Qt")
                elif imp.top_level:
                    problems.append(f"{where}: Qt is imported inside the functions that need it")
                if any(_is(imp.module, banned) for banned in NEVER_IN_CORE):
                    problems.append(f"{where}: never QtWidgets or QtPrintSupport in core")
    return problems


def package_modules(*layers: str) -> Iterator[tuple[str, Path]]:
    for layer in layers:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield module_name(path), path


ALL_MODULES = list(package_modules("ui", "core", "models"))
CORE_AND_MODELS = [name for name, _path in package_modules("core", "models")]


@pytest.mark.parametrize(("module", "path"), ALL_MODULES, ids=[name for name, _ in ALL_MODULES])
def test_imports_follow_the_dependency_rule(module: str, path: Path) -> None:
    found = imports_of(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")
    assert violations(module, found) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("streamdesk.ui.pages.orders.page", "from sqlmodel import select", "ui sees data only through services"),
        ("streamdesk.ui.widgets.x", "from ... import db", "ui sees data only through services"),
        ("streamdesk.ui.widgets.x", "import sqlalchemy.orm", "ui sees data only through services"),
        ("streamdesk.core.orders", "from streamdesk.ui.formatting import format_money", "core never imports ui"),
        ("streamdesk.core.orders", "from ..ui import tasks", "core never imports ui"),
        ("streamdesk.core.orders", "def f():\n    from PySide6.QtCore import QObject", "core imports no Qt"),
        ("streamdesk.models.shows", "from streamdesk.core.money import Money", "models never import core"),
        ("streamdesk.models.shows", "import PySide6", "models imports no Qt"),
        ("streamdesk.core.poster", "from PySide6.QtGui import QPainter", "imported inside the functions"),
        ("streamdesk.core.probes.audio", "def f():\n    from PySide6 import QtWidgets", "never QtWidgets"),
        ("streamdesk.core.poster", "def f():\n    import PySide6.QtPrintSupport", "never QtWidgets or QtPrintSupport"),
    ],
)
def test_the_scan_notices_each_kind_of_violation(module: str, source: str, expected: str) -> None:
    problems = violations(module, imports_of(source, module))
    assert any(expected in problem for problem in problems), problems


def test_the_scan_allows_what_the_rule_allows() -> None:
    allowed = {
        "streamdesk.ui.pages.catalogue.page": "from streamdesk.core.catalogue_types import CatalogueRow",
        "streamdesk.core.catalogue": "from sqlmodel import select\nfrom streamdesk.db import SessionFactory",
        "streamdesk.core.poster": "def render():\n    from PySide6.QtGui import QPainter",
        "streamdesk.models.catalogue": "from streamdesk.models.base import utc_now",
    }
    for module, source in allowed.items():
        assert violations(module, imports_of(source, module)) == [], module


# --- what importing really loads ----------------------------------------------------------------------------------
_PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))))
"""


def _loaded_qt_modules(module: str) -> list[str] | str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, module], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    if result.returncode != 0:
        return f"importing {module} failed:\n{result.stderr}"
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


@pytest.fixture(scope="module")
def loaded_qt() -> dict[str, list[str] | str]:
    """One fresh interpreter per module, run side by side."""
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        return dict(zip(CORE_AND_MODELS, pool.map(_loaded_qt_modules, CORE_AND_MODELS), strict=True))


@pytest.mark.parametrize("module", CORE_AND_MODELS)
def test_importing_core_and_models_loads_no_qt_widgets(module: str, loaded_qt: dict[str, list[str] | str]) -> None:
    loaded = loaded_qt[module]
    assert isinstance(loaded, list), loaded
    assert not [name for name in loaded if any(_is(name, banned) for banned in NEVER_IN_CORE)]
    if module not in NAMED_QT_MODULES:
        assert loaded == [], f"{module} loads Qt: {loaded}"


def test_the_subprocess_probe_sees_qt_when_it_is_loaded() -> None:
    """The probe above is not blind: a module that does load Qt is reported."""
    loaded = _loaded_qt_modules("streamdesk.messages")  # shared by GUI and CLI, imports QtCore on purpose
    assert isinstance(loaded, list) and "PySide6.QtCore" in loaded
