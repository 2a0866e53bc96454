"""The text-encoding override every import preview offers: "Detect automatically" or a codec the user knows.

Readers detect the encoding without asking (BOM, strict UTF-8, GB18030, then a detector; FORMATS.md §6); this combo
is for the rare file they get wrong, and for showing which encoding was used.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

# (codec passed to the readers, name shown); "" lets the reader detect it
ENCODINGS = (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030 / GBK"), ("utf-16", "UTF-16"), ("big5", "Big5"))
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "gb18030": "GB18030 / GBK",
    "gbk": "GBK",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "big5": "Big5",
}


def encoding_name(codec: str) -> str:
    """A codec as people know it ("gb18030" → "GB18030 / GBK"); unknown codecs are shown as they are."""
    return _NAMES.get(codec.lower().replace("_", "-"), codec)


class EncodingCombo(QComboBox):
    """ "Detect automatically" first, then ENCODINGS; ``encoding()`` is None for automatic detection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Detect automatically"), "")
        for codec, name in ENCODINGS:
            self.addItem(name, codec)

    def encoding(self) -> str | None:
        return str(self.currentData() or "") or None

    def set_encoding(self, codec: str | None) -> None:
        """Select ``codec`` (None or "": automatic) without emitting ``activated``."""
        self.setCurrentIndex(max(0, self.findData(codec or "")))
