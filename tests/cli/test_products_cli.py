"""``streamdesk products import|export`` in a subprocess: exit codes, one-line errors, JSON, nothing written on 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import ROOT, Target, count, digest, rows, run

FIXTURES = ROOT / "tests" / "fixtures" / "products"


@pytest.fixture
def db(cli_db: Target) -> Target:
    """The database of the test, on each engine: an empty file, or a fresh PostgreSQL database."""
    return cli_db


@pytest.fixture
def stocked_db(home: Path, db: Target) -> Target:
    """A database that already holds the UTF-8 fixture's products."""
    done = run(home, db, "products", "import", str(FIXTURES / "utf8.csv"))
    assert done.returncode == 0, done.stderr
    return db


def test_import_prints_one_json_summary(home: Path, db: Target) -> None:
    done = run(home, db, "products", "import", str(FIXTURES / "utf8.csv"), "--json")
    assert (done.returncode, done.stderr) == (0, "")
    summary = json.loads(done.stdout)
    assert {k: summary[k] for k in ("rows_read", "added", "updated", "skipped", "dry_run")} == {
        "rows_read": 4,
        "added": 4,
        "updated": 0,
        "skipped": [],
        "dry_run": False,
    }
    assert (count(db, "variants"), count(db, "products"), count(db, "stock_moves")) == (4, 2, 3)


def test_row_problems_are_skipped_and_reported(home: Path, db: Target) -> None:
    done = run(home, db, "products", "import", str(FIXTURES / "bad_rows.csv"), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["added"] == 1
    assert summary["skipped"][0] == {
        "row": 3,
        "code": "products_io.list_price_invalid",
        "reason": "the price ‘abc’ is not a number.",
    }
    assert [s["row"] for s in summary["skipped"]] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert count(db, "variants") == 1


def test_human_output_lists_problems_then_the_counts(home: Path, db: Target) -> None:
    done = run(home, db, "products", "import", str(FIXTURES / "bad_rows.csv"))
    lines = done.stdout.splitlines()
    assert done.returncode == 0
    assert lines[0] == "Row 3: the price ‘abc’ is not a number."
    assert lines[-1] == "bad_rows.csv: 10 row(s) read; 1 SKU(s) added, 0 updated, 0 unchanged, 9 row(s) skipped."


def test_dry_run_writes_nothing(home: Path, stocked_db: Target, tmp_path: Path) -> None:
    before = digest(stocked_db)
    changed = tmp_path / "changed.csv"
    changed.write_text("商品名称,商家编码,售价,库存\n新商品,NEW-1,9,3\n轻薄防晒衣,FS-W-M,1,1\n", encoding="utf-8")
    done = run(home, stocked_db, "products", "import", str(changed), "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["added"], summary["updated"], summary["dry_run"]) == (1, 1, True)
    assert digest(stocked_db) == before


def bad_input(case: str, folder: Path) -> list[str]:
    """The import arguments of one kind of bad input."""
    if case == "missing":
        return [str(folder / "missing.csv")]
    if case == "not-a-table":
        return [str(_write(folder / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))]
    if case == "no-sku-column":
        return [str(_write(folder / "no_sku.csv", "商品名称,售价\n杯子,3\n".encode()))]
    if case == "no-valid-row":
        return [str(_write(folder / "all_bad.csv", "商品名称,货号,售价\n杯子,A,x\n碗,B,y\n".encode()))]
    if case == "strict":
        return [str(FIXTURES / "bad_rows.csv"), "--strict"]
    if case == "damaged-text":
        return [str(FIXTURES / "replacement_char.csv")]
    if case == "no-sheet":
        return [str(FIXTURES / "products.xlsx"), "--sheet", "Nope"]
    assert case == "no-mapping"
    return [str(FIXTURES / "utf8.csv"), "--mapping", str(folder / "missing.json")]


@pytest.mark.parametrize(
    "case",
    ["missing", "not-a-table", "no-sku-column", "no-valid-row", "strict", "damaged-text", "no-sheet", "no-mapping"],
)
def test_bad_input_exits_2_with_one_line_and_leaves_the_database_alone(
    home: Path, stocked_db: Target, tmp_path: Path, case: str
) -> None:
    before = digest(stocked_db)
    done = run(home, stocked_db, "products", "import", *bad_input(case, tmp_path))
    assert done.returncode == 2, done.stdout + done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stderr.strip()
    assert "Traceback" not in done.stderr
    assert digest(stocked_db) == before
    assert count(stocked_db, "variants") == 4


def test_strict_refusal_names_the_first_problem(home: Path, db: Target) -> None:
    done = run(home, db, "products", "import", str(FIXTURES / "bad_rows.csv"), "--strict")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "The file has 9 problem(s), and --strict allows none. The first problem: "
        "Row 3: the price ‘abc’ is not a number. Nothing was saved. (File: bad_rows.csv)"
    )


def test_a_mapping_file_maps_unknown_headers(home: Path, db: Target, tmp_path: Path) -> None:
    source = _write(tmp_path / "odd.csv", "名字,编号,价钱\n杯子,CUP-1,3.5\n".encode())
    mapping = _write(
        tmp_path / "map.json", json.dumps({"title": "名字", "sku_code": "编号", "list_price": "价钱"}).encode()
    )
    done = run(home, db, "products", "import", str(source), "--mapping", str(mapping), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["mapping"] == {"title": "名字", "sku_code": "编号", "list_price": "价钱"}
    assert rows(db, "SELECT sku_code, list_price_minor FROM variants") == [("CUP-1", 350)]


def test_encoding_and_sheet_options(home: Path, db: Target, tmp_path: Path) -> None:
    done = run(home, db, "products", "import", str(FIXTURES / "products.xlsx"), "--sheet", "备用", "--json")
    assert (done.returncode, json.loads(done.stdout)["added"]) == (0, 1)
    big5 = _write(tmp_path / "big5.csv", "商品名稱,貨號\n測試,B5-1\n".encode("big5"))
    done = run(home, db, "products", "import", str(big5), "--encoding", "big5", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["encoding"] == "big5"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_round_trips(home: Path, stocked_db: Target, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    done = run(home, stocked_db, "products", "export", str(target), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"file": str(target), "format": suffix[1:], "rows": 4, "truncated_cells": 0}
    before = digest(stocked_db)
    again = run(home, stocked_db, "products", "import", str(target), "--json")
    summary = json.loads(again.stdout)
    assert (summary["unchanged"], summary["added"], summary["updated"], summary["skipped"]) == (4, 0, 0, [])
    assert digest(stocked_db) == before


def test_export_to_an_unknown_format_exits_2(home: Path, stocked_db: Target, tmp_path: Path) -> None:
    done = run(home, stocked_db, "products", "export", str(tmp_path / "out.pdf"))
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"Products can be exported as .csv or .xlsx files; {tmp_path / 'out.pdf'} has another extension."
    )
    assert not (tmp_path / "out.pdf").exists()


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
