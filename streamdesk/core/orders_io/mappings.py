"""Column mappings the seller saved by name in the generic mapping dialog (SavedMapping rows).

A saved mapping is listed among the presets as ``mapping:<name>`` and read like a preset: its columns by
header name, its platform's zone and status words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, select

from streamdesk.core.errors import UserError
from streamdesk.core.order_types import Platform
from streamdesk.core.orders_io.sources import MAPPING_PREFIX
from streamdesk.core.orders_io.types import FIELDS, PresetInfo
from streamdesk.models.orders import SavedMapping

NAME_LIMIT = 60


def check_mapping(name: str, mapping: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """The trimmed name and the mapping without blank entries; UserError when either cannot be saved."""
    clean_name = " ".join(name.split())
    if not clean_name or len(clean_name) > NAME_LIMIT:
        raise UserError("orders_io.mapping_name_invalid", limit=NAME_LIMIT)
    cleaned: dict[str, str] = {}
    for field, header in mapping.items():
        if field not in FIELDS:
            raise UserError("orders_io.mapping_unknown_field", field=field, fields=", ".join(FIELDS))
        if header and header.strip():
            cleaned[field] = header.strip()
    if "order_id" not in cleaned:
        raise UserError("orders_io.mapping_needs_order_id")
    return clean_name, cleaned


def save_mapping(session: Session, name: str, platform: Platform, mapping: Mapping[str, str], now: datetime) -> None:
    """Create or replace the mapping called ``name``; does not commit."""
    clean_name, cleaned = check_mapping(name, mapping)
    row = session.exec(select(SavedMapping).where(SavedMapping.name == clean_name)).first()
    payload = json.dumps(cleaned, ensure_ascii=False, sort_keys=True)
    if row is None:
        row = SavedMapping(name=clean_name, platform=platform, mapping_json=payload, created_at=now)
    row.platform, row.mapping_json = platform, payload
    session.add(row)


def load_mapping(session: Session, key: str) -> tuple[Platform, dict[str, str]]:
    """(platform, mapping) of ``mapping:<name>``; UserError when no mapping has that name."""
    name = key.removeprefix(MAPPING_PREFIX)
    row = session.exec(select(SavedMapping).where(SavedMapping.name == name)).first()
    if row is None:
        raise UserError("orders_io.mapping_missing", name=name)
    try:
        data = json.loads(row.mapping_json)
    except json.JSONDecodeError:
        data = {}
    mapping = {str(k): str(v) for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}
    return Platform(row.platform), mapping


def saved_presets(session: Session) -> tuple[PresetInfo, ...]:
    rows = session.exec(select(SavedMapping).order_by(SavedMapping.name)).all()
    infos = []
    for row in rows:
        try:
            fields = tuple(json.loads(row.mapping_json))
        except (json.JSONDecodeError, TypeError):
            fields = ()
        infos.append(
            PresetInfo(
                key=MAPPING_PREFIX + row.name,
                platform=Platform(row.platform),
                name=row.name,
                confidence="I",
                required=("order_id", "created_at"),
                fields=tuple(str(f) for f in fields),
                saved=True,
            )
        )
    return tuple(infos)
