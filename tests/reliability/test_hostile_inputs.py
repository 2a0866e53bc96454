"""Hostile inputs (issue 10): every file of the corpus (hostile_corpus.py) through ``streamdesk orders|products|metrics
import`` with ``--dry-run`` and for real, and through the import services as the GUI calls them.

For a file it cannot use, the CLI exits 2 with one line on stderr that names the file, writes no traceback to stderr
or to the log, and leaves the database byte for byte as it was; the services refuse with a UserError. A file that is
hostile only in its text (formula payloads, RTL, emoji) is imported as plain text: the CLI exits 0, ``--dry-run``
still writes nothing, and the real run stores each payload as text (trimmed, as every cell is), never a formula
result. Every run is a real process: its peak memory (``ru_maxrss`` from ``wait4``) must stay under 500 MB and its
time under ``SECONDS`` (the children are forked from one pre-imported interpreter, see hostile_support.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import hostile_corpus as corpus
import hostile_files as files
import pytest

from streamdesk.core.catalogue_types import ProductInput, VariantInput
from streamdesk.core.show_types import ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import open_database
from streamdesk.models.base import Platform, ShowStatus

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="fork() and wait4() are POSIX"),
]

SUPPORT = Path(__file__).with_name("hostile_support.py")
ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 500
SECONDS = 15.0  # per run; the slowest corpus file (a cell at XFD1048576) takes about 4 s on the CI machine
KILL_AFTER = 40.0
SHOW_START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 20:00 in Beijing: the corpus's metrics minutes
MODES = ("dry-run", "real", "service")


@dataclass(frozen=True)
class Run:
    case: corpus.Case
    kind: str
    mode: str
    folder: Path
    db: Path
    home: Path
    result: dict[str, Any]

    @property
    def stderr(self) -> str:
        return (self.folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")

    @property
    def stdout(self) -> str:
        return (self.folder / "stdout.txt").read_text(encoding="utf-8", errors="replace")

    def log(self) -> str:
        logs = self.home / "logs"
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs.glob("*.log*")) if logs else ""


def make_base(path: Path) -> None:
    """A shop with one product (two SKUs with stock) and show 1 on Douyin starting at SHOW_START."""
    from streamdesk.app import build_services
    from streamdesk.config import AppPaths, Settings

    database = open_database(path)
    try:
        services = build_services(database, Settings(language="en", currency="CNY"), AppPaths.default())
        variants = (
            VariantInput(sku_code="BASE-1", live_price_minor=1990, initial_stock=5),
            VariantInput(sku_code="BASE-2", live_price_minor=2990, initial_stock=3),
        )
        services.catalogue.create_product(ProductInput(title="底库商品", variants=variants))
        Shows(database.sessions, clock=lambda: SHOW_START).create_show(
            ShowInput(
                "专场", platforms=(Platform.DOUYIN,), planned_start=SHOW_START, currency="CNY", status=ShowStatus.DONE
            )
        )
    finally:
        database.dispose()


def db_state(path: Path) -> tuple[str, dict[str, int]]:
    """(sha256 of the file, rows per table); the digest first, as opening the file could checkpoint a WAL."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return digest, {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables(conn)}
    finally:
        conn.close()


def tables(conn: sqlite3.Connection) -> list[str]:
    """The stored tables (FTS5 virtual tables cannot all be scanned; their shadow tables hold the same text)."""
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    return [row[0] for row in conn.execute(query)]


def job_for(case: corpus.Case, path: Path, kind: str, mode: str, folder: Path, db: Path, home: Path) -> dict[str, Any]:
    argv = ["--lang", "en", "--db", str(db), kind, "import", str(path), *case.args]
    if kind == "metrics":
        argv += ["--show", "1"]
    if mode == "dry-run":
        argv.append("--dry-run")
    encoding = case.args[case.args.index("--encoding") + 1] if "--encoding" in case.args else None
    return {
        "id": f"{case.name}|{kind}|{mode}",
        "mode": "service" if mode == "service" else "cli",
        "argv": argv,
        "home": str(home),
        "out": str(folder),
        "timeout": KILL_AFTER,
        "kind": kind,
        "file": str(path),
        "db": str(db),
        "show": 1,
        "encoding": encoding,
    }


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="module")
def runs(hostile_root: Path) -> dict[tuple[str, str, str], Run]:
    """Every (case, importer, mode) run, done once for the module: about 330 child processes."""
    root = hostile_root
    base = root / "base.sqlite3"
    make_base(base)
    written = corpus.write_corpus(root / "corpus")
    jobs, planned = [], {}
    for case, path in written:
        for kind in case.expect:
            for mode in MODES:
                folder = root / "runs" / f"{path.name.replace('.', '_')}-{kind}-{mode}"
                home = folder / "home"
                home.mkdir(parents=True)
                db = folder / "shop.sqlite3"
                shutil.copyfile(base, db)
                job = job_for(case, path, kind, mode, folder, db, home)
                jobs.append(job)
                planned[job["id"]] = (case, kind, mode, folder, db, home)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}  # this checkout's streamdesk
    done = subprocess.run(
        [sys.executable, str(SUPPORT)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = {result["id"]: result for result in json.loads(done.stdout)}
    assert set(results) == set(planned)
    report = root / "report.json"
    report.write_text(json.dumps(sorted(results.values(), key=lambda r: -r["maxrss_mb"]), indent=1), encoding="utf-8")
    return {
        (case.name, kind, mode): Run(case, kind, mode, folder, db, home, results[job_id])
        for job_id, (case, kind, mode, folder, db, home) in planned.items()
    }


@pytest.fixture(scope="module")
def base_state(runs: dict[tuple[str, str, str], Run], hostile_root: Path) -> tuple[str, dict[str, int]]:
    return db_state(hostile_root / "base.sqlite3")


PAIRS = [(case, kind) for case in corpus.cases() for kind in case.expect]
IDS = [f"{case.name}-{kind}" for case, kind in PAIRS]


def test_the_corpus_is_big_and_varied_enough() -> None:
    cases = corpus.cases()
    assert len(cases) >= 40
    assert len({case.name for case in cases}) == len(cases)
    assert {kind for case in cases for kind in case.expect} == set(corpus.KINDS)


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what a terminal would obey; tab and newline are fine


def _bounded(run: Run) -> None:
    result = run.result
    assert result["seconds"] <= SECONDS, f"{run.case.name} ({run.kind}, {run.mode}) took {result['seconds']} s"
    assert result["maxrss_mb"] <= PEAK_MB, f"{run.case.name} ({run.kind}, {run.mode}) peaked at {result['maxrss_mb']}"
    assert "Traceback" not in run.stderr
    assert "Traceback" not in run.log()
    assert not CONTROLS.search(run.stdout + run.stderr), "a control character from the file reached the terminal"


@pytest.mark.parametrize(("case", "kind"), PAIRS, ids=IDS)
def test_cli_refuses_or_imports_as_text_within_bounds(
    runs: dict[tuple[str, str, str], Run], base_state: tuple[str, dict[str, int]], case: corpus.Case, kind: str
) -> None:
    for mode in ("dry-run", "real"):
        run = runs[(case.name, kind, mode)]
        _bounded(run)
        if case.expect[kind] == corpus.REFUSE:
            assert run.result["exit"] == 2, f"{mode}: exit {run.result['exit']}: {run.stderr or run.stdout}"
            lines = run.stderr.splitlines()
            assert len(lines) == 1, lines
            named = Path(run.case.name).name in lines[0] or (case.args and case.args[-1] in lines[0])
            assert named, lines[0]
            assert db_state(run.db) == base_state, f"{mode}: the database changed"
        else:
            assert (run.result["exit"], run.stderr) == (0, ""), f"{mode}: {run.stderr}"
            if mode == "dry-run":
                assert db_state(run.db) == base_state, "--dry-run changed the database"
            else:
                assert db_state(run.db)[0] != base_state[0], "a usable file imported nothing"
                stored_as_text(run)


def stored_as_text(run: Run) -> None:
    """Each payload is a title as it was (trimmed), and nothing of ``absent`` (formulas, link targets) is stored."""
    query = {"products": "SELECT title FROM products", "orders": "SELECT title FROM order_lines"}
    conn = sqlite3.connect(run.db)
    try:
        stored = {row[0] for row in conn.execute(query[run.kind])} if run.kind in query else set()
        dump = "\n".join(repr(row) for table in tables(conn) for row in conn.execute(f'SELECT * FROM "{table}"'))
    finally:
        conn.close()
    for payload in run.case.payloads:
        assert payload.strip() in stored, (payload, sorted(stored))
    for text in run.case.absent:
        assert text not in dump, text


@pytest.mark.parametrize(("case", "kind"), PAIRS, ids=IDS)
def test_import_services_refuse_with_a_user_error_or_plan_text(
    runs: dict[tuple[str, str, str], Run], base_state: tuple[str, dict[str, int]], case: corpus.Case, kind: str
) -> None:
    run = runs[(case.name, kind, "service")]
    _bounded(run)
    assert run.result["exit"] == 0, run.stderr
    answer = json.loads((run.folder / "result.json").read_text(encoding="utf-8"))
    if case.expect[kind] == corpus.REFUSE:
        assert answer["outcome"] == "refused" or answer == {"outcome": "planned", "rows": 0}, answer
    else:
        assert answer["outcome"] == "planned" and answer["rows"] > 0, answer
    assert db_state(run.db) == base_state


def test_nothing_from_a_workbook_is_written_outside_it(
    runs: dict[tuple[str, str, str], Run], hostile_root: Path
) -> None:
    """The path-traversal case's members and sheet target point at /tmp and two levels up from wherever it is
    read: no run may have created that file anywhere."""
    assert runs[("path_traversal.xlsx", "products", "real")].result["exit"] == 2
    places = {Path("/tmp"), hostile_root, hostile_root / "corpus", ROOT, ROOT.parent.parent, hostile_root.parent}
    for folder in places:
        assert not (folder / corpus.TRAVERSAL_TARGET).exists(), folder


def test_the_cli_child_matches_a_plain_streamdesk_process(
    runs: dict[tuple[str, str, str], Run], hostile_root: Path, tmp_path: Path
) -> None:
    """The forked runs are the real command: ``python -m streamdesk`` on two corpus files says the same."""
    for name, kind in (("zip_bomb.xlsx", "orders"), ("formula_text_products.csv", "products")):
        forked = runs[(name, kind, "dry-run")]
        db = tmp_path / f"{kind}.sqlite3"
        shutil.copyfile(hostile_root / "base.sqlite3", db)
        home = tmp_path / f"home-{kind}"
        home.mkdir()
        args = ["--lang", "en", "--db", str(db), kind, "import", str(hostile_root / "corpus" / name), "--dry-run"]
        done = subprocess.run(
            [sys.executable, "-m", "streamdesk", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert (done.returncode, done.stderr, done.stdout) == (forked.result["exit"], forked.stderr, forked.stdout)


def test_parts_loaded_whole_are_limited_whatever_their_name(tmp_path: Path) -> None:
    """Shared strings are found by their content type, so a strings part named like a sheet gets the 128 MiB limit
    of what openpyxl loads whole, not the 1 GiB of a streamed sheet (its declared size is enough to refuse it)."""
    from streamdesk.core.errors import UserError
    from streamdesk.core.products_io.reading import read_source

    override = (
        '<Override PartName="/xl/worksheets/strings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    # Only the zip directory is read before refusing: 200 MiB declared over 2.2 MiB stored is a ratio of 91, under
    # the bomb ratio, so only the size limit can refuse it.
    stream = random.Random(5).randbytes(2_300_000)
    data = files.xlsx(
        files.sheet_xml(files.product_rows(("帽子",))),
        types_extra=override,
        raw={"xl/worksheets/strings.xml": (stream, zlib.crc32(stream), 200 << 20)},
    )
    path = tmp_path / "renamed_strings.xlsx"
    path.write_bytes(data)
    with pytest.raises(UserError) as refused:
        read_source(path)
    assert (refused.value.code, refused.value.fields["part"]) == (
        "products_io.xlsx_too_large",
        "xl/worksheets/strings.xml",
    )
