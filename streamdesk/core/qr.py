"""QR codes: the module matrix every exporter draws from.

``qrcode`` is imported inside the functions: nothing before the first window needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

QUIET_ZONE_MODULES = 4  # ISO/IEC 18004 asks for at least four modules of background around the code


class Ecc(StrEnum):
    """Error-correction level: the share of the code that may be damaged (or covered by a logo) and still read."""

    L = "L"  # ~7 %
    M = "M"  # ~15 %, the default
    Q = "Q"  # ~25 %
    H = "H"  # ~30 %, forced when a centre logo covers part of the code


@dataclass(frozen=True, slots=True)
class QrMatrix:
    text: str
    ecc: Ecc
    version: int  # 1-40
    modules: tuple[tuple[bool, ...], ...]  # dark modules, without the quiet zone

    @property
    def size(self) -> int:
        """Modules per side, without the quiet zone."""
        return len(self.modules)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE_MODULES


def matrix(text: str, ecc: Ecc = Ecc.M) -> QrMatrix:
    """The smallest QR symbol holding ``text`` at ``ecc`` (UTF-8 bytes)."""
    import qrcode
    import qrcode.constants

    levels = {
        Ecc.L: qrcode.constants.ERROR_CORRECT_L,
        Ecc.M: qrcode.constants.ERROR_CORRECT_M,
        Ecc.Q: qrcode.constants.ERROR_CORRECT_Q,
        Ecc.H: qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(error_correction=levels[ecc], border=0)
    code.add_data(text)
    code.make(fit=True)
    modules = tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
    return QrMatrix(text=text, ecc=ecc, version=int(code.version), modules=modules)
