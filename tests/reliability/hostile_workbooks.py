"""The hostile XLSX files of the corpus: zip bombs, entity expansion, external entities, path traversal, formulas,
external links, lying dimensions, damaged zips. Each function returns the file's bytes."""

from __future__ import annotations

import zlib

from hostile_files import (
    PRODUCT_HEADER,
    SHEET_HEAD,
    SHEET_TAIL,
    deflate_repeated,
    inline_row,
    metrics_rows,
    order_rows,
    product_rows,
    sheet_xml,
    xlsx,
)


def valid_sheet(kind: str) -> str:
    if kind == "products":
        return sheet_xml(product_rows(("防晒衣",)))
    if kind == "orders":
        return sheet_xml(order_rows(("cardking",)))
    return sheet_xml(metrics_rows(("40",)))


def sheet_bomb() -> bytes:
    """sheet1.xml: 2 GiB of rows whose one cell holds 1 MiB of text, from about 2 MB of zip."""
    head = SHEET_HEAD.format(dimension="").encode() + inline_row(1, PRODUCT_HEADER).encode()
    unit = ('<row><c t="inlineStr"><is><t>' + "A" * (1 << 20) + "</t></is></c></row>").encode()
    return xlsx("", raw={"xl/worksheets/sheet1.xml": deflate_repeated(head, unit, 2048, SHEET_TAIL.encode())})


def lying_bomb() -> bytes:
    """The same 2 GiB stream, but the zip says the sheet is 4 kB."""
    head = SHEET_HEAD.format(dimension="").encode() + inline_row(1, PRODUCT_HEADER).encode()
    unit = ('<row><c t="inlineStr"><is><t>' + "A" * (1 << 20) + "</t></is></c></row>").encode()
    stream, crc, _ = deflate_repeated(head, unit, 2048, SHEET_TAIL.encode())
    return xlsx("", raw={"xl/worksheets/sheet1.xml": (stream, crc, 4096)})


def strings_bomb() -> bytes:
    """sharedStrings.xml of 1 GiB: sixty million one-letter strings (openpyxl loads them all up front)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    unit = b"<si><t>a</t></si>" * 65536
    sheet = sheet_xml(product_rows(("防晒衣",)))
    return xlsx(sheet, raw={"xl/sharedStrings.xml": deflate_repeated(head, unit, 1000, b"</sst>")})


def one_huge_string() -> bytes:
    """One shared string of 300 MiB: a single cell no spreadsheet allows (Excel stops at 32,767 characters)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    )
    sheet = SHEET_HEAD.format(dimension="") + inline_row(1, PRODUCT_HEADER) + '<row r="2"><c r="A2" t="s"><v>0</v></c>'
    sheet += '<c r="B2" t="inlineStr"><is><t>HX-1</t></is></c></row>' + SHEET_TAIL
    return xlsx(sheet, raw={"xl/sharedStrings.xml": deflate_repeated(head, b"B" * (1 << 20), 300, b"</t></si></sst>")})


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = product_rows(("&lol9;",))
    sheet = sheet_xml(rows, prolog=prolog).replace("&amp;lol9;", "&lol9;")
    return xlsx(sheet)


def billion_laughs_strings() -> bytes:
    entities = '<!ENTITY a0 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 16}">' for i in range(1, 8)
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a7;</t></si></sst>'
    )
    return xlsx(valid_sheet("products"), strings=strings)


def external_entity() -> bytes:
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


def path_traversal() -> bytes:
    """Member names with ``..`` and an absolute path, and the workbook's sheet pointing out of the archive."""
    evil = b"<evil/>"
    members = (
        (f"../../{TRAVERSAL_TARGET}", evil),
        (f"/tmp/{TRAVERSAL_TARGET}", evil),
        (f"xl/../../../{TRAVERSAL_TARGET}", evil),
    )
    return xlsx("", sheet_target=f"../../../../../../tmp/{TRAVERSAL_TARGET}", members=members)


def path_traversal_extra() -> bytes:
    """A readable workbook that also carries ``..`` members: the rows import, the extra members are never
    written anywhere."""
    evil = b"<evil/>"
    members = ((f"../../{TRAVERSAL_TARGET}", evil), (f"/tmp/{TRAVERSAL_TARGET}", evil))
    return xlsx(valid_sheet("products").replace("防晒衣", "穿越测试"), members=members)


def formulas_xlsx() -> bytes:
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


def external_link_xlsx() -> bytes:
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


def lying_dimension() -> bytes:
    """A sheet that claims to span A1:XFD1048576 (every cell Excel has) but holds three rows."""
    return xlsx(sheet_xml(product_rows(("Dimension hat",)), dimension="A1:XFD1048576"))


def far_cell() -> bytes:
    """Two real rows, then one cell at XFD1048576: the reader must not walk a million empty rows to reach it."""
    rows = product_rows(("Far cell hat",))
    body = "".join(inline_row(n, cells) for n, cells in enumerate(rows, start=1))
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(SHEET_HEAD.format(dimension="") + body + far + SHEET_TAIL)


def truncated_xlsx() -> bytes:
    whole = xlsx(valid_sheet("products"))
    return whole[: len(whole) // 2]


def broken_sheet_xml() -> bytes:
    return xlsx(SHEET_HEAD.format(dimension="") + inline_row(1, PRODUCT_HEADER) + "<row><c><is><t>unclosed")


def bad_crc() -> bytes:
    """A member whose checksum does not match its bytes (a damaged download)."""
    sheet = valid_sheet("products").encode()
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = compressor.compress(sheet) + compressor.flush()
    return xlsx("", raw={"xl/worksheets/sheet1.xml": (stream, zlib.crc32(sheet) ^ 0xFFFF, len(sheet))})
