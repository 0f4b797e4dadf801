"""Numbers as Indonesian offices type them: `5.000`, `5,000`, `12,5`, `1.234,5`."""

from __future__ import annotations

import re

_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_ID_DECIMAL = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})*,\d+")
_EN_DECIMAL = re.compile(r"[+-]?\d{1,3}(?:,\d{3})*\.\d+")
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")


def parse_quantity(text: str) -> float:
    """A quantity; `5.000` and `5,000` are both five thousand (thousands separators)."""
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    if _GROUPED.fullmatch(t):
        return float(re.sub(r"[.,]", "", t))
    if _ID_DECIMAL.fullmatch(t):
        return float(t.replace(".", "").replace(",", "."))
    if _EN_DECIMAL.fullmatch(t):
        return float(t.replace(",", ""))
    if re.fullmatch(r"[+-]?\d+,\d+", t):
        return float(t.replace(",", "."))
    if _PLAIN.fullmatch(t):
        return float(t)
    raise ValueError(f"'{text}' bukan angka (tulis dengan digit, mis. 5000 atau 5.000)")


def parse_integer(text: str) -> int:
    value = parse_quantity(text)
    if not value.is_integer():
        raise ValueError(f"'{text}' harus bilangan bulat")
    return int(value)


def parse_coordinate(text: str) -> float:
    """Degrees; a decimal comma (`-6,87`) is accepted."""
    t = text.strip().replace(" ", "")
    if re.fullmatch(r"[+-]?\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        raise ValueError(f"'{text}' bukan koordinat desimal (contoh: -6.8686)") from None
