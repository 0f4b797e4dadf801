"""Regencies, industrial clusters and how many sample suppliers each one gets.

Regency centres are the polygon centroids from /work/shared/data/regency_coords.csv (MIT,
cahyadsn/wilayah_boundaries), copied here so the generator runs without that folder.
Cluster centres are hand-placed approximations of where the workshops actually are
(LIK Takaru lies north of the Kab. Tegal centroid, Kawasan Industri Kendal on the coast).
"""

from __future__ import annotations

from dataclasses import dataclass

# regency name as organizers write it -> (latitude, longitude) of the centroid
REGENCY_CENTRES: dict[str, tuple[float, float]] = {
    "Kab. Tegal": (-7.02878, 109.15852),
    "Kota Tegal": (-6.86917, 109.11575),
    "Kota Cilegon": (-5.99890, 106.01849),
    "Kab. Kendal": (-7.03869, 110.15734),
    "Kota Semarang": (-7.02390, 110.39152),
    "Kab. Semarang": (-7.27090, 110.47351),
    "Kab. Magelang": (-7.50174, 110.24721),
    "Kab. Bekasi": (-6.21975, 107.12171),
    "Kab. Karawang": (-6.25228, 107.35429),
    "Kab. Jepara": (-6.54900, 110.76813),
    "Kab. Sidoarjo": (-7.45147, 112.70030),
    "Kab. Pasuruan": (-7.74243, 112.83184),
}

# first digits of landline numbers, so phone numbers look local
AREA_CODES: dict[str, str] = {
    "Kab. Tegal": "0283",
    "Kota Tegal": "0283",
    "Kota Cilegon": "0254",
    "Kab. Kendal": "0294",
    "Kota Semarang": "024",
    "Kab. Semarang": "024",
    "Kab. Magelang": "0293",
    "Kab. Bekasi": "021",
    "Kab. Karawang": "0267",
    "Kab. Jepara": "0291",
    "Kab. Sidoarjo": "031",
    "Kab. Pasuruan": "0343",
}


@dataclass(frozen=True)
class Area:
    """A group of sample suppliers: one regency, optionally one named cluster (sentra)."""

    regency: str
    cluster: str | None
    centre: tuple[float, float]
    count: int
    trades: dict[str, float]  # trade name (see trades.py) -> relative weight
    cooperatives: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    # share of suppliers with ISO 9001; higher near the automotive estates
    iso_share: float = 0.15


TAKARU = "LIK Takaru"
TAKARU_COOPERATIVE = "Koperasi Logam Takaru"

AREAS: tuple[Area, ...] = (
    Area(
        "Kab. Tegal",
        TAKARU,
        (-6.9175, 109.1370),
        64,
        {
            "machining": 4,
            "machining_welding": 1,
            "fabrication": 1.5,
            "pipe_fabrication": 0.5,
            "stamping": 1.5,
            "casting": 1.5,
            "aluminium_casting": 0.5,
            "forging": 1,
            "plating": 1,
            "trader": 0.5,
        },
        (TAKARU_COOPERATIVE, "Koperasi TMI"),
        ("YDBA", "Astra Otoparts", "AHM", "UTPE", "Laksana", "New Armada", "Ditjen IKMA"),
        0.2,
    ),
    Area(
        "Kab. Tegal",
        None,
        (-6.9800, 109.1400),
        18,
        {"snacks": 2, "soy": 2, "roasted": 1, "machining": 1, "fabrication": 1},
        ("Koperasi Serba Usaha Slawi",),
        ("Rumah Kreatif BUMN", "Dinas Koperasi UKM"),
    ),
    Area(
        "Kota Tegal",
        "Sentra Logam Kota Tegal",
        (-6.8700, 109.1300),
        20,
        {
            "machining": 2,
            "fabrication": 2,
            "pipe_fabrication": 1,
            "casting": 1,
            "plating": 1,
            "trader": 1,
        },
        ("Koperasi TMI",),
        ("YDBA", "Laksana", "PT KAI Balai Yasa", "Ditjen IKMA"),
    ),
    Area(
        "Kota Cilegon",
        "Sentra IKM Logam Cilegon",
        (-6.0050, 106.0300),
        52,
        {
            "machining": 2,
            "machining_welding": 1,
            "fabrication": 2,
            "galvanized_structures": 1.5,
            "casting": 2.5,
            "forging": 0.5,
            "plating": 1,
            "pallet": 0.5,
            "trader": 1,
        },
        ("Koperasi IKM Logam Cilegon",),
        ("Krakatau Steel", "Krakatau Posco", "YDBA", "Chandra Asri"),
        0.35,
    ),
    Area(
        "Kab. Kendal",
        "Kawasan Industri Kendal",
        (-6.9250, 110.2500),
        28,
        {"injection": 3, "blow": 1, "extrusion": 1, "stamping": 1, "machining": 1, "recycler": 0.5},
        (),
        ("YDBA", "Astra Otoparts", "Kawasan Industri Kendal"),
        0.4,
    ),
    Area(
        "Kota Semarang",
        None,
        (-6.9800, 110.4200),
        30,
        {
            "machining": 1.5,
            "fabrication": 1.5,
            "injection": 1,
            "snacks": 1.5,
            "bakery": 1.5,
            "drinks": 0.5,
            "dried": 0.5,
        },
        (),
        ("Laksana", "YDBA", "Rumah Kreatif BUMN", "Pasar Oleh-oleh Pandanaran"),
        0.2,
    ),
    Area(
        "Kab. Semarang",
        "Sentra Logam Ungaran",
        (-7.1450, 110.4050),
        16,
        {"fabrication": 1.5, "pipe_fabrication": 1.5, "machining": 1, "stamping": 1, "roasted": 1},
        ("Koperasi Karoseri Ungaran",),
        ("Laksana", "New Armada", "YDBA"),
    ),
    Area(
        "Kab. Magelang",
        None,
        (-7.5200, 110.2200),
        20,
        {
            "pipe_fabrication": 1.5,
            "fabrication": 1,
            "machining": 1,
            "furniture": 1,
            "snacks": 1,
            "roasted": 1,
            "bakery": 1,
        },
        (),
        ("New Armada", "Laksana", "YDBA", "Rumah Kreatif BUMN"),
    ),
    Area(
        "Kab. Bekasi",
        "Kawasan Industri Jababeka",
        (-6.3000, 107.1500),
        34,
        {
            "stamping": 3,
            "machining": 1.5,
            "machining_welding": 1,
            "injection": 2,
            "plating": 1,
            "pallet": 1,
            "galvanized_structures": 0.5,
            "trader": 0.5,
        },
        (),
        ("Astra Otoparts", "AHM", "UTPE", "YDBA"),
        0.55,
    ),
    Area(
        "Kab. Karawang",
        "KIIC Karawang",
        (-6.3600, 107.2900),
        26,
        {
            "stamping": 2,
            "injection": 2,
            "machining": 1.5,
            "fabrication": 1,
            "pallet": 2,
            "recycler": 0.5,
        },
        (),
        ("AHM", "Astra Otoparts", "YDBA"),
        0.5,
    ),
    Area(
        "Kab. Jepara",
        "Sentra Mebel Tahunan",
        (-6.6200, 110.6800),
        26,
        {"furniture": 4, "carving": 2, "sawmill": 1},
        ("Koperasi Mebel Jepara",),
        ("IKEA supplier program", "Asmindo", "HIMKI"),
        0.05,
    ),
    Area(
        "Kab. Sidoarjo",
        "Kampung Logam Ngingas",
        (-7.3500, 112.7200),
        12,
        {"machining": 2, "stamping": 1, "aluminium_casting": 1.5, "snacks": 1},
        ("Koperasi Logam Ngingas",),
        ("YDBA", "Astra Otoparts", "PT PAL"),
        0.25,
    ),
    Area(
        "Kab. Pasuruan",
        None,
        (-7.6400, 112.8400),
        10,
        {
            "aluminium_casting": 2,
            "casting": 1,
            "furniture": 1,
            "pallet": 1,
            "snacks": 1,
            "drinks": 1,
        },
        (),
        ("YDBA", "Rumah Kreatif BUMN"),
        0.2,
    ),
)

# how an organizer might type the same regency; only used on rows that carry lat/lon,
# so a gazetteer that misses a spelling never loses the supplier's location
REGENCY_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Kab. Tegal": ("Kabupaten Tegal", "KAB. TEGAL", "Kab Tegal"),
    "Kota Cilegon": ("Cilegon", "KOTA CILEGON"),
    "Kab. Kendal": ("Kabupaten Kendal", "Kendal"),
    "Kab. Bekasi": ("Kabupaten Bekasi", "KAB BEKASI"),
    "Kab. Karawang": ("Karawang", "Kabupaten Karawang"),
    "Kab. Jepara": ("Jepara", "Kabupaten Jepara"),
}

# towns (kecamatan or estates) used to tell apart two workshops that share a name
TOWNS: dict[str, tuple[str, ...]] = {
    "Kab. Tegal": ("Talang", "Dukuhturi", "Adiwerna", "Slawi", "Pangkah"),
    "Kota Tegal": ("Margadana", "Tegal Timur", "Tegal Barat"),
    "Kota Cilegon": ("Ciwandan", "Citangkil", "Purwakarta", "Grogol"),
    "Kab. Kendal": ("Kaliwungu", "Brangsong", "Weleri"),
    "Kota Semarang": ("Genuk", "Tugu", "Pedurungan", "Ngaliyan"),
    "Kab. Semarang": ("Ungaran", "Bergas", "Bawen"),
    "Kab. Magelang": ("Mertoyudan", "Muntilan", "Secang"),
    "Kab. Bekasi": ("Cikarang", "Cibitung", "Tambun"),
    "Kab. Karawang": ("Telukjambe", "Klari", "Cikampek"),
    "Kab. Jepara": ("Tahunan", "Mulyoharjo", "Pecangaan"),
    "Kab. Sidoarjo": ("Waru", "Ngingas", "Krian"),
    "Kab. Pasuruan": ("Rembang", "Bangil", "Pandaan"),
}

# which kinds of supplier a partner or programme works with
ALL_SECTORS = ("metal", "plastics", "wood", "food")
PARTNER_SECTORS: dict[str, tuple[str, ...]] = {
    "YDBA": ("metal", "plastics"),
    "Astra Otoparts": ("metal", "plastics"),
    "AHM": ("metal", "plastics"),
    "Kawasan Industri Kendal": ("metal", "plastics"),
    "Chandra Asri": ("plastics",),
    "Ditjen IKMA": ALL_SECTORS,
    "Dinas Koperasi UKM": ALL_SECTORS,
    "Rumah Kreatif BUMN": ("food", "wood"),
    "Pasar Oleh-oleh Pandanaran": ("food",),
    "IKEA supplier program": ("wood",),
    "Asmindo": ("wood",),
    "HIMKI": ("wood",),
}


def works_with(partner: str, sector: str) -> bool:
    """Partners not listed (carmakers, coachbuilders, the steel works) buy metal parts."""
    return sector in PARTNER_SECTORS.get(partner, ("metal",))
