"""``streamdesk lint FILE|--show ID [--json]`` in a subprocess: the hits, exit codes 0/1/2, and a show's texts
named by where they are."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_support import *  # noqa: F403 - the shared fixtures (home, cli_db)
from cli_support import Target, digest, run

from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, VariantInput
from streamdesk.core.show_types import SegmentInput, SegmentKind, ShowInput
from streamdesk.core.shows import Shows
from streamdesk.db import open_database


@pytest.fixture
def db(cli_db: Target, tmp_path: Path) -> Target:
    """A face cream (cosmetics) and a scarf, a show (id 1) whose script makes claims, and a clean show (id 2)."""
    database = open_database(cli_db)
    clock = lambda: datetime(2026, 2, 1, tzinfo=UTC)  # noqa: E731
    try:
        images = tmp_path / "images"
        catalogue = Catalogue(
            database.sessions, images_dir=images, thumbnails_dir=images / ".t", weights=ScoreWeights(), clock=clock
        )
        catalogue.create_product(
            ProductInput(
                title="修护面霜",
                category="护肤",
                selling_points="保湿一整天\n能祛痘，还能减肥",
                faq="敏感肌能用吗？能，无副作用",
                variants=(VariantInput("CREAM-1", live_price_minor=9900),),
            )
        )
        catalogue.create_product(
            ProductInput(title="羊绒围巾", category="服装", talking_points="手感很软", variants=(VariantInput("SC-1"),))
        )
        cream, scarf = (catalogue.find_by_sku(sku) for sku in ("CREAM-1", "SC-1"))
        assert cream is not None and scarf is not None
        shows = Shows(database.sessions, clock=clock)
        show_id = shows.create_show(ShowInput(title="护肤专场", notes="开场：全网最低价！"))
        shows.replace_segments(
            show_id,
            [
                SegmentInput(SegmentKind.OPENING, "欢迎", 300, talking_points="今天是我第一次直播"),
                SegmentInput(
                    SegmentKind.PITCH,
                    "面霜讲解",
                    900,
                    variant_ids=(cream.variant_id, scarf.variant_id),
                    notes="这是最 好用的面霜",
                ),
            ],
        )
        clean = shows.create_show(ShowInput(title="Clean"))
        shows.replace_segments(clean, [SegmentInput(SegmentKind.PITCH, "围巾", 600, variant_ids=(scarf.variant_id,))])
    finally:
        database.dispose()
    return cli_db


def test_a_file_with_hits_prints_line_and_column_and_exits_1(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text("家人们晚上好\n这款是全网最低价\n这是ＮＯ．１的爆款\n", encoding="utf-8")
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(script))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("2:4 全网最低 — ") and "(suggestion: 直播间专享价)" in lines[0]
    assert lines[1].startswith("3:3 no1 “ＮＯ．１” — ")
    assert len(lines) == 2


def test_a_clean_gb18030_file_exits_0_and_json_lists_hits(home: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_bytes("最近天气冷了，第一次直播，最后一件\n".encode("gb18030"))
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(clean))
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    claims = tmp_path / "claims.txt"
    claims.write_bytes("这个茶能根治失眠，絕對有效\n".encode("gb18030"))
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(claims), "--json")
    assert done.returncode == 1, done.stderr
    payload = json.loads(done.stdout)
    assert [(h["line"], h["column"], h["term"], h["text"]) for h in payload["hits"]] == [
        (1, 5, "根治", "根治"),
        (1, 10, "绝对", "絕對"),
    ]
    assert all(h["reason"] and h["suggestion"] and h["category"] for h in payload["hits"])


def test_the_user_list_in_the_data_folder_is_merged(home: Path, tmp_path: Path) -> None:
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "compliance.tsv").write_text("神器\tsuperlative\t\t夸大\t好用\n绝对\toff\n", encoding="utf-8")
    script = tmp_path / "s.txt"
    script.write_text("这个神器绝对好用\n", encoding="utf-8")
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(script))
    assert done.returncode == 1, done.stderr
    assert done.stdout == "1:3 神器 — 夸大 (suggestion: 好用)\n"


@pytest.mark.parametrize("name", ["missing.txt", "folder"])
def test_an_unreadable_file_exits_2_with_one_line(home: Path, tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(tmp_path / name))
    assert done.returncode == 2
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_binary_file_exits_2(home: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    done = run(home, tmp_path / "shop.sqlite3", "lint", str(binary))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_show_names_where_each_hit_is_and_changes_nothing(home: Path, db: Target) -> None:
    before = digest(db)
    done = run(home, db, "lint", "--show", "1", "--json")
    assert done.returncode == 1, done.stderr
    payload = json.loads(done.stdout)
    found = [(h["place"], h["title"], h["field"], h["term"]) for h in payload["hits"]]
    assert found == [
        ("show", "护肤专场", "notes", "全网最低"),
        ("segment", "面霜讲解", "notes", "最好"),
        ("product", "修护面霜", "selling_points", "祛痘"),  # 减肥 is for food and health, not a face cream
        ("product", "修护面霜", "faq", "副作用"),
    ]
    assert payload["hits"][2]["line"] == 2
    text = run(home, db, "lint", "--show", "1")
    assert text.returncode == 1
    assert "segment" in text.stdout and "“面霜讲解” notes 1:3 最好 “最 好” — " in text.stdout
    assert digest(db) == before


def test_a_clean_show_exits_0_and_an_unknown_show_2(home: Path, db: Target) -> None:
    done = run(home, db, "lint", "--show", "2")
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    missing = run(home, db, "lint", "--show", "99")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1, missing.stderr


def test_file_and_show_cannot_be_given_together(home: Path, tmp_path: Path) -> None:
    done = run(home, tmp_path / "shop.sqlite3", "lint", "x.txt", "--show", "1")
    assert done.returncode == 2
