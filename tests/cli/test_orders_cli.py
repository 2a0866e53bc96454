"""``streamdesk orders import|tracking`` in a subprocess: exit codes, one-line errors, JSON, nothing written on 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import ROOT, Target, count, digest, run

FIXTURES = ROOT / "tests" / "fixtures" / "orders"


@pytest.fixture
def db(home: Path, cli_db: Target) -> Target:
    """A database that already holds some orders (so 'nothing written' is checked on real rows), on each engine."""
    done = run(home, cli_db, "orders", "import", str(FIXTURES / "whatnot.csv"))
    assert done.returncode == 0, done.stderr
    return cli_db


def test_import_prints_one_json_summary_with_the_agreed_keys(home: Path, db: Target) -> None:
    done = run(home, db, "orders", "import", str(FIXTURES / "douyin_gbk.csv"), "--json")
    assert (done.returncode, done.stderr) == (0, "")
    summary = json.loads(done.stdout)
    assert {k: summary[k] for k in ("preset", "encoding", "orders_added", "orders_updated", "lines", "skipped")} == {
        "preset": "douyin",
        "encoding": "gb18030",
        "orders_added": 6,
        "orders_updated": 0,
        "lines": 8,
        "skipped": [],
    }
    assert (count(db, "orders"), count(db, "order_lines")) == (9, 11)
    again = json.loads(run(home, db, "orders", "import", str(FIXTURES / "douyin_gbk.csv"), "--json").stdout)
    assert (again["orders_added"], again["orders_updated"], again["orders_unchanged"]) == (0, 0, 6)
    assert count(db, "orders") == 9


def test_skipped_rows_come_with_their_reason(home: Path, db: Target) -> None:
    done = run(home, db, "orders", "import", str(FIXTURES / "channels.xlsx"), "--preset", "channels", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["skipped"] == [
        {
            "row": 5,
            "code": "orders_io.id_damaged",
            "reason": "the ID ‘3.702E+18’ was rounded by a spreadsheet, so its real digits are lost and it was not "
            "imported. Export the file from the platform again and import it without opening it in Excel.",
        }
    ]
    assert summary["orders_added"] == 2


def test_dry_run_writes_nothing_and_says_so(home: Path, db: Target) -> None:
    before = digest(db)
    done = run(home, db, "orders", "import", str(FIXTURES / "shopify.csv"), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Dry run: nothing was saved."
    assert done.stdout.startswith("shopify.csv (shopify, utf-8-sig): 3 order")  # "orders" once plurals are filled
    assert "read; 3 added, 0 updated, 0 unchanged, 0 row(s) skipped." in done.stdout
    assert digest(db) == before


def test_human_output_in_chinese(home: Path, db: Target) -> None:
    done = run(home, db, "orders", "import", str(FIXTURES / "kuaishou.xlsx"), lang="zh_CN")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("orders", "import", "missing.csv"), "The file missing.csv does not exist."),
        (("orders", "import", str(ROOT / "tests" / "fixtures" / "products" / "utf8.csv")), "StreamDesk does not"),
        (("orders", "import", str(FIXTURES / "douyin_gbk.csv"), "--preset", "pinduoduo"), "“pinduoduo” is not"),
        (("orders", "import", str(FIXTURES / "douyin_gbk.csv"), "--show", "404"), "There is no show 404."),
        (("orders", "import", str(FIXTURES / "douyin_gbk.csv"), "--encoding", "utf-8"), ""),
        (("orders", "import", str(FIXTURES / "etsy" / "EtsySoldOrders2025-10.csv"), "--preset", "shopify"), ""),
        (("orders", "tracking", str(ROOT / "tests" / "fixtures" / "products" / "utf8.csv")), ""),
    ],
)
def test_a_file_it_cannot_use_exits_2_with_one_line_and_writes_nothing(
    home: Path, db: Target, args: tuple[str, ...], starts: str
) -> None:
    before = digest(db)
    done = run(home, db, *args)
    assert done.returncode == 2, done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(starts)
    assert "Traceback" not in done.stderr + done.stdout
    assert digest(db) == before


def test_a_file_of_only_bad_rows_exits_2_naming_the_first_problem(home: Path, db: Target, tmp_path: Path) -> None:
    source = (FIXTURES / "douyin_gbk.csv").read_bytes().decode("gbk").replace("\t6917", "6.917E+18 ")
    path = tmp_path / "all_rounded.csv"
    path.write_bytes(source.encode("gbk"))
    before = digest(db)
    done = run(home, db, "orders", "import", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("None of the 8 row(s) can be imported. The first problem: Row 2:")
    assert digest(db) == before


def test_tracking_marks_orders_shipped_and_reports_the_rest(home: Path, db: Target) -> None:
    assert run(home, db, "orders", "import", str(FIXTURES / "douyin_gbk.csv")).returncode == 0
    done = run(home, db, "orders", "tracking", str(FIXTURES / "tracking_cn.csv"), "--json")
    assert (done.returncode, done.stderr) == (0, "")
    summary = json.loads(done.stdout)
    assert (summary["orders_shipped"], summary["already_known"]) == (2, 0)
    assert [s["row"] for s in summary["skipped"]] == [4, 5]
    text = run(home, db, "orders", "tracking", str(FIXTURES / "tracking_cn.csv"))
    last = text.stdout.splitlines()[-1]
    assert last.startswith("0 order") and last.endswith("shipped; 2 already had that number; 2 row(s) skipped.")
