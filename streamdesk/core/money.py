"""Money as integer minor units plus an ISO 4217 currency; parsing goes through Decimal, never float."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from streamdesk.core.errors import UserError

# Minor-unit exponents for the currencies our sellers use; anything else defaults to 2.
# Amounts and counts with more whole digits than this are refused: none is real (Excel keeps 15 significant digits),
# Decimal's 28-digit context cannot quantize a 400-digit one and SQLite's 64-bit integers overflow on saving.
MAX_WHOLE_DIGITS = 15
WHOLE_LIMIT = 10**MAX_WHOLE_DIGITS

_EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "IDR": 0, "CLP": 0, "TWD": 2, "KWD": 3, "BHD": 3}
# every mark orders_io.cells.currency_hint knows ("RM 35.90", "S$12.90", "฿199"), so a hinted amount also parses
_SYMBOLS = re.compile(
    r"US\$|HK\$|S\$|R\$|[¥￥$€£元円₩₫฿₱]|RMB|CNY|USD|EUR|GBP|HKD|BRL|IDR|VND|MYR|THB|PHP|SGD|JPY|Rp|RM", re.IGNORECASE
)


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


@dataclass(frozen=True, slots=True, order=True)
class Money:
    minor: int
    currency: str

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot subtract {other.currency} from {self.currency}")
        return Money(self.minor - other.minor, self.currency)

    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def plain(self) -> str:
        """Digits and a dot only ("1299.00"): what CSV exports write."""
        return format_minor(self.minor, self.currency)


def format_minor(minor: int, currency: str) -> str:
    digits = exponent(currency)
    return f"{Decimal(minor).scaleb(-digits):.{digits}f}"


def parse_amount(text: str, currency: str, *, decimal_comma: bool = False) -> int | None:
    """Parse "¥1,299.00", "12.5元", "１２．５" or "BRL 35,91" (with decimal_comma) into minor units.

    Blank and empty markers ("-", "--", "/", "nan") give None, not 0. Raises UserError("money.invalid") otherwise.
    Half-up rounding to the currency's minor unit, as shops and tills do.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned.lower() in {"", "-", "--", "/", "nan", "none", "null"}:
        return None
    cleaned = _SYMBOLS.sub("", cleaned).replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise UserError("money.invalid", value=text)
    if len(cleaned.lstrip("+-").partition(".")[0].lstrip("0")) > MAX_WHOLE_DIGITS:
        raise UserError("money.invalid", value=text)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already rules this out
        raise UserError("money.invalid", value=text) from exc
    quantum = Decimal(1).scaleb(-exponent(currency))
    return int(amount.quantize(quantum, rounding=ROUND_HALF_UP).scaleb(exponent(currency)))
