"""Fictitious business names, e-mail addresses and phone numbers.

Names are assembled from common words of Indonesian workshop names; e-mails use only the
reserved example.* domains (RFC 2606) so nobody real is ever written to.
"""

from __future__ import annotations

import random
import re

NAME_CORES: dict[str, tuple[str, ...]] = {
    "metal": (
        "Sinar Logam",
        "Karya Teknik",
        "Sumber Rejeki",
        "Logam Jaya",
        "Mitra Presisi",
        "Baja Utama",
        "Maju Makmur",
        "Tunas Teknik",
        "Bintang Logam",
        "Cahaya Teknik",
        "Putra Logam",
        "Dwi Karya",
        "Tri Mulya",
        "Setia Kawan",
        "Berkah Logam",
        "Rahayu Teknik",
        "Mekar Jaya",
        "Harapan Baru",
        "Anugrah Metal",
        "Prima Metalindo",
        "Surya Presisi",
        "Gunung Mas",
        "Sido Mulyo",
        "Makmur Sentosa",
        "Karya Mandiri",
        "Barokah Teknik",
        "Alam Jaya",
        "Sentosa Metal",
        "Adi Perkasa",
        "Wijaya Kusuma",
        "Sekar Teknik",
        "Bina Logam",
        "Rejeki Lancar",
        "Manunggal Teknik",
        "Laras Logam",
    ),
    "plastics": (
        "Plastindo",
        "Mitra Plastik",
        "Sumber Plastik",
        "Karya Molding",
        "Cahaya Polimer",
        "Prima Plast",
        "Sinar Plastik",
        "Jaya Molding",
        "Multi Plast",
        "Indo Injeksi",
        "Karya Plastik",
        "Tunas Polimer",
        "Duta Plastik",
        "Mega Plast",
        "Surya Plastik",
    ),
    "wood": (
        "Jati Indah",
        "Sumber Kayu",
        "Teak Indo",
        "Kayu Mas",
        "Mahoni Asri",
        "Jati Kencana",
        "Karya Ukir",
        "Mebel Jaya",
        "Sengon Makmur",
        "Palet Mandiri",
        "Wana Karya",
        "Citra Jati",
        "Serat Kayu",
        "Rumah Jati",
        "Ukir Art",
        "Kartini Mebel",
    ),
}

NAME_SUFFIXES: dict[str, tuple[str, ...]] = {
    "metal": ("", "", " Mandiri", " Jaya", " Abadi", " Putra", " Sejahtera", " Perkasa"),
    "plastics": ("", "", " Jaya", " Indonesia", " Utama", " Mandiri"),
    "wood": ("", "", " Furniture", " Jaya", " Indo", " Mebel"),
}

# food businesses are named after the product and the owner, e.g. "UMKM Keripik Bu Tini"
WOMEN = ("Bu", "Mbak", "Bu Hj.", "Mak"), (
    "Tini", "Sri", "Yati", "Warsini", "Rohmah", "Nining", "Sumi", "Ani", "Endang", "Wati",
    "Harti", "Karsih", "Sutini", "Yanti", "Uswatun", "Kasmiah", "Darsih", "Rukmini", "Siti",
)  # fmt: skip
MEN = ("Pak", "Mas", "Pak H."), ("Darto", "Slamet", "Tarmuji", "Joko", "Parno", "Narto", "Bejo",
                                 "Waluyo", "Rasno", "Kusnadi")  # fmt: skip
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
MOBILE_PREFIXES = ("812", "813", "821", "822", "852", "853", "857", "878", "895", "896")


def business_name(rng: random.Random, sector: str, words: tuple[str, ...]) -> str:
    """A plausible business name; `words` are name prefixes, or product words for food."""
    if sector == "food":
        honorifics, owners = WOMEN if rng.random() < 0.7 else MEN
        name = f"{rng.choice(words)} {rng.choice(honorifics)} {rng.choice(owners)}"
        lead = rng.choices(("UMKM ", "UD ", "", "IKM "), weights=(4, 1, 4, 1))[0]
        return lead + name
    core = rng.choice(NAME_CORES[sector]) + rng.choice(NAME_SUFFIXES[sector])
    return f"{rng.choice(words)} {core}"


def email_for(rng: random.Random, name: str) -> str:
    """An address at a reserved example domain derived from the business name."""
    words = [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]
    legal = {"ud", "cv", "pt", "umkm", "ikm", "bu", "pak", "mbak", "mas", "mak", "hj", "h"}
    local = "".join(w for w in words if w not in legal)[:24] or "ikm"
    if rng.random() < 0.3:
        local += str(rng.randint(1, 99))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def phone_for(rng: random.Random, area_code: str) -> str:
    """A mobile or landline number written the way people type them."""
    style = rng.random()
    prefix = rng.choice(MOBILE_PREFIXES)
    a, b = rng.randint(1000, 9999), rng.randint(1000, 9999)
    if style < 0.4:
        return f"+62 {prefix}-{a}-{b}"
    if style < 0.65:
        return f"0{prefix}-{a}-{b}"
    if style < 0.8:
        return f"0{prefix}{a}{b}"
    return f"({area_code}) {rng.randint(300000, 399999)}"
