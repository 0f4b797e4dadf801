"""Certificates suppliers hold, spelled the many ways they get typed, with expiry dates.

Expiry dates straddle the demo's "today" (2026-11-23) and the buyers' needed_by dates in
2027 on purpose: some certificates have already lapsed, many lapse during the first half of
2027, so whether a supplier is eligible depends on when the buyer needs the parts.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# canonical name -> spellings seen in real sheets
CERT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ISO 9001": ("ISO 9001", "ISO9001:2015", "iso-9001", "ISO 9001:2015", "ISO-9001"),
    "IATF 16949": ("IATF 16949", "IATF16949", "iatf 16949:2016"),
    "ISO 14001": ("ISO 14001", "ISO14001:2015"),
    "SNI": ("SNI", "sni", "SNI "),
    "TKDN": ("TKDN 40%", "TKDN 25%", "TKDN 60%", "tkdn 43%"),
    "SVLK": ("SVLK", "S-LK", "svlk", "SVLK (V-Legal)"),
    "FSC": ("FSC", "FSC COC"),
    "ISPM 15": ("ISPM 15", "ISPM-15"),
    "Halal": ("Halal", "halal MUI", "Halal BPJPH", "HALAL"),
    "PIRT": ("PIRT", "P-IRT", "pirt"),
    "BPOM": ("BPOM", "BPOM MD", "MD BPOM"),
    "HACCP": ("HACCP",),
}

# sector -> (canonical certificate, chance a supplier holds it); ISO 9001 and IATF 16949 for
# metal and plastics depend on the area instead (see places.Area.iso_share)
SECTOR_CERTS: dict[str, tuple[tuple[str, float], ...]] = {
    "metal": (("SNI", 0.2), ("TKDN", 0.25), ("ISO 14001", 0.04)),
    "plastics": (("SNI", 0.2), ("TKDN", 0.2), ("ISO 14001", 0.08)),
    "wood": (("SVLK", 0.7), ("FSC", 0.1), ("ISO 9001", 0.05)),
    "food": (("Halal", 0.7), ("PIRT", 0.6), ("BPOM", 0.15), ("HACCP", 0.05)),
}
TRADE_CERTS: dict[str, tuple[tuple[str, float], ...]] = {
    "pallet": (("ISPM 15", 0.5),),
    "galvanized_structures": (("SNI", 0.7),),
}
# certificates that organizers often record without any date
UNDATED_OFTEN = ("SNI", "TKDN", "PIRT")

DEMO_TODAY = date(2026, 11, 23)


def expiry_date(rng: random.Random) -> date:
    """An expiry date: a fifth already lapsed, a third lapsing in early 2027, the rest later."""
    roll = rng.random()
    if roll < 0.22:
        return _between(rng, date(2025, 1, 1), DEMO_TODAY - timedelta(days=1))
    if roll < 0.27:
        return _between(rng, DEMO_TODAY, date(2026, 12, 31))
    if roll < 0.57:
        return _between(rng, date(2027, 1, 1), date(2027, 6, 30))
    return _between(rng, date(2027, 7, 1), date(2029, 12, 31))


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def certificate_entry(rng: random.Random, canonical: str) -> str:
    """One `NAME|YYYY-MM-DD` (or bare `NAME`) entry as it would appear in the sheet."""
    spelling = rng.choice(CERT_SPELLINGS[canonical]).strip()
    undated_share = 0.6 if canonical in UNDATED_OFTEN else 0.08
    if rng.random() < undated_share:
        return spelling
    return f"{spelling}|{expiry_date(rng).isoformat()}"


def certificates_for(
    rng: random.Random, sector: str, trade: str, iso_share: float
) -> list[tuple[str, str]]:
    """(canonical, sheet entry) pairs for one supplier."""
    held: list[str] = []
    if sector in ("metal", "plastics") and trade not in ("trader", "recycler"):
        if rng.random() < iso_share:
            held.append("ISO 9001")
            # IATF 16949 is only found where ISO 9001 is, and mostly near the car plants
            if rng.random() < iso_share * 0.5:
                held.append("IATF 16949")
    for canonical, share in SECTOR_CERTS[sector] + TRADE_CERTS.get(trade, ()):
        if canonical not in held and rng.random() < share:
            held.append(canonical)
    return [(canonical, certificate_entry(rng, canonical)) for canonical in held]
