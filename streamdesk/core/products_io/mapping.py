"""The fields a product file can hold, their header aliases, and matching headers to fields.

Headers are matched by normalised name, never by position (FORMATS.md §1): BOM, \\t and surrounding spaces
dropped, full-width forms folded (NFKC: （）→(), ＳＫＵ→SKU), case-folded, ``_``/``-`` read as spaces and a
leading ``*`` (templates mark required columns with it) dropped. A header such as ``成本价(元)`` that matches
no alias is tried again without its bracketed unit. The common headers also have traditional-character aliases
(商品名稱, 貨號, 售價…) for sellers in Taiwan and Hong Kong.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from streamdesk.core.errors import UserError
from streamdesk.core.products_io.types import ColumnMapping, FieldKind, FieldLevel, ImportField

_P, _V = FieldLevel.PRODUCT, FieldLevel.VARIANT


def _field(
    key: str, kind: FieldKind, level: FieldLevel, aliases: str, *, required: bool = False, exported: bool = True
) -> ImportField:
    names = tuple(name.strip() for name in aliases.split("|"))
    return ImportField(key, names[0], names, kind, level, required=required, exported=exported)


# Export order = this order; the first alias is the header exports write, so a round trip maps itself.
FIELDS: tuple[ImportField, ...] = (
    _field(
        "title",
        FieldKind.TEXT,
        _P,
        "商品名称|标题|商品标题|宝贝标题|品名|名称|title|product name|product title|name|item name|商品名稱|標題",
        required=True,
    ),
    _field(
        "alt_title",
        FieldKind.TEXT,
        _P,
        "英文名|副标题|英文名称|外文名|alt title|alternative title|english name|subtitle",
    ),
    _field(
        "spec",
        FieldKind.SPEC,
        _V,
        "规格|商品规格|规格属性|商品属性|销售属性|sku属性|属性|spec|specs|variation|variations|variant|option|規格",
    ),
    _field("color", FieldKind.SPEC_VALUE, _V, "颜色|颜色分类|color|colour|顏色", exported=False),
    _field("size", FieldKind.SPEC_VALUE, _V, "尺码|尺寸|size|尺碼", exported=False),
    _field(
        "sku_code",
        FieldKind.ID,
        _V,
        "商家编码|SKU|货号|SKU编码|商品编码|规格编码|商家SKU|sku code|seller sku|merchant sku|item sku|product code|貨號|商家編碼",
        required=True,
    ),
    _field("barcode", FieldKind.ID, _V, "条码|条形码|商品条码|barcode|EAN|EAN13|UPC|GTIN|69码|條碼"),
    _field("cost", FieldKind.MONEY, _V, "成本|成本价|进价|采购价|进货价|cost|cost price|unit cost|成本價"),
    _field(
        "list_price",
        FieldKind.MONEY,
        _V,
        "售价|原价|吊牌价|零售价|日常价|划线价|价格|销售价|list price|price|retail price|regular price|售價|原價|價格",
    ),
    _field(
        "live_price",
        FieldKind.MONEY,
        _V,
        "直播价|活动价|直播间价格|到手价|秒杀价|live price|stream price|sale price|直播價",
    ),
    _field(
        "stock",
        FieldKind.INTEGER,
        _V,
        "库存|数量|库存数量|可用库存|现有库存|stock|qty|quantity|inventory|on hand|庫存|數量",
    ),
    _field(
        "low_stock_threshold",
        FieldKind.INTEGER,
        _V,
        "库存预警|预警库存|安全库存|低库存提醒|low stock threshold|low stock|reorder level",
    ),
    _field("category", FieldKind.TEXT, _P, "分类|类目|商品分类|商品类目|category|product category|product type|類目"),
    _field("brand", FieldKind.TEXT, _P, "品牌|brand|vendor brand"),
    _field("tags", FieldKind.TAGS, _P, "标签|商品标签|tags|tag|labels|標籤"),
    _field("supplier", FieldKind.TEXT, _P, "供应商|厂家|供货商|supplier|vendor|manufacturer|供應商"),
    _field("supplier_contact", FieldKind.TEXT, _P, "供应商联系方式|供应商电话|supplier contact|vendor contact"),
    _field("ship_from_region", FieldKind.TEXT, _P, "发货地|发货地区|ship from|ships from|origin"),
    _field(
        "ship_cycle_days",
        FieldKind.INTEGER,
        _P,
        "发货周期|发货时效|发货天数|ship cycle|shipping days|handling days|handling time",
    ),
    _field("restock_lead_days", FieldKind.INTEGER, _P, "补货周期|补货天数|restock lead days|restock days|lead time"),
    _field("selling_points", FieldKind.TEXT, _P, "卖点|商品卖点|selling points|highlights"),
    _field("talking_points", FieldKind.TEXT, _P, "讲解要点|讲解话术|话术|主播话术|talking points|script"),
    _field("description", FieldKind.TEXT, _P, "描述|商品描述|详情|商品详情|description|body"),
    _field("faq", FieldKind.TEXT, _P, "常见问题|faq"),
    _field("compliance_notes", FieldKind.TEXT, _P, "合规提示|违禁提示|合规备注|compliance notes|compliance"),
    _field("role", FieldKind.ROLE, _P, "定位|商品定位|排品定位|role|show role"),
    _field("currency", FieldKind.CURRENCY, _V, "货币|币种|currency|currency code"),
)

FIELDS_BY_KEY: dict[str, ImportField] = {f.key: f for f in FIELDS}
_MISSING = {"title": "products_io.title_column_missing", "sku_code": "products_io.sku_column_missing"}

_SEPARATORS = re.compile(r"[\s_\-]+")
_UNIT_SUFFIX = re.compile(r"\s*\([^()]*\)$")


def normalise_header(header: str) -> str:
    """The comparable form of a header: 'ＳＫＵ编码（自定义）\\t' and 'sku编码(自定义)' are equal."""
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").replace("\t", " ")
    text = _SEPARATORS.sub(" ", text).strip().casefold()
    return text.lstrip("*").strip()


_ALIASES: dict[str, tuple[str, int]] = {}
for _f in FIELDS:
    for _rank, _alias in enumerate(_f.aliases):
        _ALIASES.setdefault(normalise_header(_alias), (_f.key, _rank))


def _match(header: str) -> tuple[str, int] | None:
    name = normalise_header(header)
    found = _ALIASES.get(name)
    if found is None:
        without_unit = _UNIT_SUFFIX.sub("", name)
        if without_unit != name:
            found = _ALIASES.get(without_unit)
            if found is not None:
                found = (found[0], found[1] + 100)  # an exact alias elsewhere in the file wins
    return found


def auto_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Field key → header for every header that names a known field.

    When several headers name one field the best alias wins (售价 before 价格), then the leftmost column.
    """
    best: dict[str, tuple[int, int, str]] = {}
    for position, header in enumerate(headers):
        found = _match(header)
        if found is None:
            continue
        key, rank = found
        if key not in best or (rank, position) < best[key][:2]:
            best[key] = (rank, position, header)
    ordered = sorted(best.items(), key=lambda item: item[1][1])
    return ColumnMapping(tuple((key, header) for key, (_, _, header) in ordered))


def check_mapping(mapping: ColumnMapping, headers: Sequence[str]) -> None:
    """Raise UserError when a required field is unmapped, a key is unknown or a header is not in the file."""
    present = set(headers)
    for key, header in mapping.columns:
        if key not in FIELDS_BY_KEY:
            raise UserError("products_io.mapping_unknown_field", field=key, fields=", ".join(FIELDS_BY_KEY))
        if header not in present:
            raise UserError("products_io.mapping_unknown_column", column=header)
    for key, code in _MISSING.items():
        if mapping.header(key) is None:
            raise UserError(code)


def merge_mapping(auto: ColumnMapping, overrides: Mapping[str, str | None]) -> ColumnMapping:
    """The automatic mapping with the user's choices on top; a None or "" value unmaps that field."""
    merged = auto
    for key, header in overrides.items():
        merged = merged.with_column(key, header)
    return merged


def load_mapping_file(path: Path) -> dict[str, str | None]:
    """Read a ``{"field_key": "Header"}`` JSON file (the CLI's --mapping)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise UserError("products_io.file_missing", path=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("products_io.mapping_unreadable", path=str(path)) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()
    ):
        raise UserError("products_io.mapping_unreadable", path=str(path))
    for key in data:
        if key not in FIELDS_BY_KEY:
            raise UserError("products_io.mapping_unknown_field", field=key, fields=", ".join(FIELDS_BY_KEY))
    return data
