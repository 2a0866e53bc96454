"""``streamdesk shows list|export-rundown|import-rundown`` in a subprocess: output, exit codes, one-line errors,
and a database left as it was after exit 2."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, digest, rows
from cli_support import run_without_display as run

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput, ShowStatus
from streamdesk.core.shows import Shows
from streamdesk.db import open_database

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def rundown_content(db: Target, show_id: int) -> list[tuple[object, ...]]:
    """The show's segments in order, without ids, each with its SKU codes in order."""
    segments = rows(
        db,
        """SELECT id, position, kind, title, planned_seconds, fixed_start, talking_points, promotion_cue,
                  warn_seconds, danger_seconds, flash_sale_seconds, notes
           FROM segments WHERE show_id = :show ORDER BY position""",
        show=show_id,
    )
    links = rows(
        db,
        """SELECT p.segment_id, v.sku_code FROM segment_products p JOIN variants v ON v.id = p.variant_id
           ORDER BY p.segment_id, p.position""",
    )
    return [
        (*fields, " ".join(sku for segment, sku in links if segment == segment_id) or None)
        for segment_id, *fields in segments
    ]


def segment_rows(db: Target) -> list[tuple[object, ...]]:
    return [*rows(db, "SELECT * FROM segments ORDER BY id"), *rows(db, "SELECT * FROM segment_products ORDER BY id")]


@pytest.fixture
def db(cli_db: Target, tmp_path: Path) -> Target:
    """Two SKUs, a dated show with three segments (id 1), an undated draft (id 2) and a template (id 3); on each
    engine."""
    database = open_database(cli_db)
    clock = lambda: datetime(2026, 2, 1, tzinfo=UTC)  # noqa: E731
    try:
        images = tmp_path / "images"
        catalogue = Catalogue(
            database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=clock
        )
        catalogue.create_product(
            ProductInput(title="羊绒围巾", variants=(VariantInput("SC-RED", live_price_minor=5900, initial_stock=4),))
        )
        catalogue.create_product(
            ProductInput(title="Beanie", variants=(VariantInput("HAT-01", list_price_minor=2990),))
        )
        red, hat = (catalogue.find_by_sku(sku) for sku in ("SC-RED", "HAT-01"))
        assert red is not None and hat is not None
        shows = Shows(database.sessions, clock=clock)
        evening = datetime(2026, 3, 1, 20, 0, tzinfo=SHANGHAI)
        show_id = shows.create_show(
            ShowInput(title="三月围巾专场", planned_start=evening, planned_seconds=3600, status=ShowStatus.SCHEDULED)
        )
        shows.replace_segments(
            show_id,
            [
                SegmentInput(SegmentKind.OPENING, "欢迎", 300, talking_points="点关注"),
                SegmentInput(SegmentKind.PITCH, "=围巾", 900, variant_ids=(red.variant_id, hat.variant_id)),
                SegmentInput(
                    SegmentKind.FLASH_SALE,
                    "秒杀",
                    120,
                    fixed_start=datetime(2026, 3, 1, 20, 30, tzinfo=SHANGHAI),
                    variant_ids=(hat.variant_id,),
                    flash_sale_seconds=60,
                ),
            ],
        )
        shows.create_show(ShowInput(title="Someday"))
        shows.save_as_template(show_id, "围巾模板")
    finally:
        database.dispose()
    return cli_db


def test_list_prints_a_table_of_shows_by_start_with_translated_labels(home: Path, db: Target) -> None:
    done = run(home, db, "shows", "list")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["ID", "Start", "Planned", "Status", "Segments", "Title"]
    assert lines[1].split() == ["1", "2026-03-01", "20:00", "1:00:00", "Scheduled", "3", "(0:22:00)", "三月围巾专场"]
    assert lines[2].split() == ["2", "no", "date", "0:00:00", "Draft", "0", "(0:00:00)", "Someday"]
    assert len(lines) == 3  # the template is not a show
    assert lines[1].index("三月") == lines[2].index("Someday")  # titles line up


def test_list_json_and_templates(home: Path, db: Target) -> None:
    done = run(home, db, "shows", "list", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    shows = json.loads(done.stdout)["shows"]
    assert [(s["id"], s["title"], s["status"], s["segment_count"]) for s in shows] == [
        (1, "三月围巾专场", "scheduled", 3), (2, "Someday", "draft", 0)
    ]  # fmt: skip
    assert shows[0]["planned_start"] == "2026-03-01T12:00:00+00:00"
    templates = json.loads(run(home, db, "shows", "list", "--templates", "--json").stdout)["shows"]
    assert [(t["title"], t["is_template"], t["segment_count"]) for t in templates] == [("围巾模板", True, 3)]


def test_export_csv_then_import_it_back_changes_no_segment(home: Path, db: Target, tmp_path: Path) -> None:
    target = tmp_path / "rundown.csv"
    done = run(home, db, "shows", "export-rundown", "1", "--out", str(target))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"Exported 3 segments of “三月围巾专场” to {target}.\n"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["title"], r["skus"], r["fixed_start"], r["start"]) for r in rows] == [
        ("欢迎", "", "", "20:00"), ("'=围巾", "SC-RED HAT-01", "", "20:05"), ("秒杀", "HAT-01", "20:30", "20:30")
    ]  # fmt: skip
    before, ids_before = rundown_content(db, 1), segment_rows(db)
    done = run(home, db, "shows", "import-rundown", str(target), "--show", "2", "--json")
    assert done.returncode == 2  # show 2 has no date: a time of day cannot be placed
    assert done.stderr.startswith("Row 4: the fixed start ‘20:30’ is a time of day, but the show has no date.")
    done = run(home, db, "shows", "import-rundown", str(target), "--show", "1")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == "Imported 3 segments into “三月围巾专场”; the rundown runs 0:32:00."
    assert "cannot start at its fixed time" not in done.stdout
    assert rundown_content(db, 1) == before
    assert len(before) == 3 and before[1][2] == "=围巾" and before[1][-1] == "SC-RED HAT-01"
    assert segment_rows(db) != ids_before  # the rundown was written again (new segment ids), with the same content


def test_a_bad_rundown_exits_2_with_one_line_and_leaves_the_database_alone(
    home: Path, db: Target, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        "序号,类型,标题,时长,商品/SKU\r\n1,开场,欢迎,5:00,\r\n2,讲解,围巾,ten,SC-RED\r\n3,跳舞,?,1:00,NOPE\r\n".encode(
            "gbk"
        )
    )
    before_rows, before_digest = segment_rows(db), digest(db)
    done = run(home, db, "shows", "import-rundown", str(bad), "--show", "1")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr == (
        "Row 3: ‘ten’ in column “时长” is not a duration such as 5:00, 1:15:00 or 300 (seconds). "
        "The file has 2 more problem(s); nothing was saved.\n"
    )
    assert (segment_rows(db), digest(db)) == (before_rows, before_digest)


def test_a_single_problem_says_nothing_was_saved(home: Path, db: Target, tmp_path: Path) -> None:
    bad = tmp_path / "one.csv"
    bad.write_text("title,planned,skus\nx,1:00,NOPE\n", encoding="utf-8")
    done = run(home, db, "shows", "import-rundown", str(bad), "--show", "1")
    assert (done.returncode, done.stderr) == (2, "Row 2: there is no SKU ‘NOPE’ in the catalogue. Nothing was saved.\n")


def test_dry_run_checks_and_writes_nothing(home: Path, db: Target, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("title,planned,kind\nOnly one,2:00,closing\n", encoding="utf-8")
    before = digest(db)
    done = run(home, db, "shows", "import-rundown", str(good), "--show", "1", "--dry-run", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    summary = json.loads(done.stdout)
    assert (summary["segments"], summary["dry_run"], summary["total_seconds"]) == (1, True, None)
    assert digest(db) == before


def test_export_pdf_writes_the_host_sheet_offscreen(home: Path, db: Target, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    done = run(home, db, "shows", "export-rundown", "1", "--out", str(target), "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == {"show_id": 1, "file": str(target), "format": "pdf", "pages": 1}
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "20:05–20:20" in text and "¥59.00" in text and "Page 1 of 1" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export-rundown", "1", "--out", "x.txt"), "A rundown can be exported as .csv or .pdf; x.txt has another"),
        (("export-rundown", "99", "--out", "x.csv"), "Show 99 no longer exists."),
        (("import-rundown", "missing.csv", "--show", "1"), "The file missing.csv does not exist."),
    ],
)
def test_bad_input_exits_2_with_one_line(home: Path, db: Target, args: tuple[str, ...], message: str) -> None:
    before = digest(db)
    done = run(home, db, "shows", *args)
    assert done.returncode == 2
    assert done.stderr.startswith(message) and done.stderr.count("\n") == 1
    assert digest(db) == before


_PROBE = """
import json, sys
from streamdesk.cli import build_parser
args = build_parser().parse_args(["shows", "export-rundown", "1", "--out", "x.pdf"])
heavy = ("pydantic", "sqlalchemy", "sqlmodel", "PySide6", "streamdesk.config", "streamdesk.db", "streamdesk.core.shows")
print(json.dumps([args.command, args.needs_gui, sorted(name for name in heavy if name in sys.modules)]))
"""


def test_registering_the_shows_commands_loads_nothing_heavy() -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["shows", True, []]


def test_a_reader_that_stops_early_is_not_an_error(home: Path, db: Target) -> None:
    """``streamdesk shows list | head``: the reader has gone before the table is written; the command ends quietly."""
    env = {**os.environ, "STREAMDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails with EPIPE, as after ``head`` exits
    try:
        done = subprocess.run(
            [sys.executable, "-m", "streamdesk", "--lang", "en", "--db", str(db), "shows", "list"],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 0
