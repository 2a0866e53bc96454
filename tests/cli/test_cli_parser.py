"""Building the command line parser is cheap: the commands' settings, Qt and services load when a command runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
from streamdesk.cli import build_parser
args = build_parser().parse_args(["backup", "--json"])
heavy = ("pydantic", "sqlalchemy", "sqlmodel", "PySide6", "streamdesk.config", "streamdesk.db")
print(json.dumps([args.command, callable(args.func), sorted(name for name in heavy if name in sys.modules)]))
"""


def test_building_the_parser_loads_no_settings_qt_or_database_modules() -> None:
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["backup", True, []]
