"""Production processes: the canonical name a buyer writes and the ways owners write it.

Buyers' requirements use the canonical (mostly English) names on the left; suppliers' sheets
use one of the spellings on the right, typos and abbreviations included, because that is
what real IKM sheets look like and what the matcher must cope with.
"""

from __future__ import annotations

PROCESS_SPELLINGS: dict[str, tuple[str, ...]] = {
    "CNC turning": ("bubut CNC", "CNC turning", "bubut cnc", "CNC lathe", "bubut CNC 2 mesin"),
    "turning": ("bubut", "bubut manual", "bubut konvensional", "turning", "bubud", "BUBUT"),
    "milling": ("frais", "frais CNC", "milling", "CNC milling", "fris", "fraish"),
    "drilling": ("bor", "drilling", "bor radial"),
    "grinding": ("gerinda", "grinding", "gerinda permukaan", "surface grinding"),
    "welding": ("las listrik", "las", "welding", "las karbit", "las SMAW"),
    "MIG welding": ("las MIG", "las MIG/TIG", "MIG welding", "las co2", "las CO2"),
    "TIG welding": ("las argon", "las TIG", "TIG welding"),
    "spot welding": ("las titik", "spot welding", "spot weld", "las spot"),
    "stamping": ("pres", "stampping", "stamping", "press dies", "stamping progresif", "pres plat"),
    "plate cutting": (
        "potong plat",
        "cutting plat",
        "gunting plat",
        "potong plasma",
        "laser cutting",
    ),
    "bending": ("tekuk plat", "bending", "bending plat", "tekuk"),
    "pipe bending": ("bending pipa", "tekuk pipa", "pipe bending"),
    "casting": ("cor logam", "cor besi", "pengecoran", "casting", "pengecoran pasir", "foundry"),
    "aluminium casting": ("cor alumunium", "cor aluminium", "aluminium casting", "cor alumunium"),
    "forging": ("tempa", "tempa panas", "forging", "pande besi"),
    "heat treatment": (
        "perlakuan panas",
        "heat treatment",
        "hardening",
        "perlakuan panas (quench)",
    ),
    "chrome plating": ("krom", "chrome plating", "hard chrome", "chrom", "krom nikel"),
    "galvanizing": ("galvanis", "hot dip galvanis", "galvanizing", "galvanis HDG"),
    "electroplating": ("nikel", "zinc plating", "elektroplating", "penyepuhan"),
    "powder coating": ("powder coating", "cat powder", "pengecatan powder coating"),
    "painting": ("cat oven", "pengecatan", "painting", "cat semprot"),
    "polishing": ("poles", "polishing", "buffing"),
    "assembly": ("assembly", "perakitan", "asembling"),
    "fabrication": ("fabrikasi", "fabrikasi baja", "konstruksi baja"),
    "mould making": ("pembuatan mold", "bikin molding", "mould making", "pembuatan dies"),
    "injection moulding": (
        "cetak injeksi",
        "injection molding",
        "injeksi plastik",
        "injection moulding",
        "inject plastik",
    ),
    "blow moulding": ("blow molding", "blow moulding", "tiup botol"),
    "extrusion": ("ekstrusi", "extrusion", "ekstrusi pipa"),
    "plastic recycling": ("giling plastik", "pencacahan plastik", "daur ulang plastik"),
    "screen printing": ("sablon", "printing", "hot stamping"),
    "sawing": ("gergaji kayu", "potong kayu", "sawmill", "penggergajian"),
    "planing": ("serut kayu", "serut", "planer kayu"),
    "kiln drying": ("oven kayu", "kiln dry", "pengeringan kayu", "KD (kiln dry)"),
    "wood carving": ("ukir", "ukir relief", "ukiran", "carving"),
    "wood finishing": ("finishing melamin", "finishing duco", "finishing natural", "amplas"),
    "joinery": ("rakit mebel", "sambung kayu", "joinery", "rakit"),
    "frying": ("penggorengan", "goreng", "frying", "menggoreng"),
    "slicing": ("pengirisan", "iris", "slicing"),
    "roasting": ("sangrai", "roasting", "sangrai kopi", "oven sangrai"),
    "baking": ("oven", "pemanggangan", "panggang", "baking"),
    "drying": ("pengeringan", "penjemuran", "dryer", "drying"),
    "fermentation": ("fermentasi", "peragian"),
    "boiling": ("perebusan", "rebus", "kukus"),
    "seasoning": ("bumbu", "pembumbuan", "coating bumbu"),
    "vacuum packing": ("kemas vakum", "vacuum packing", "vakum"),
    "packaging": ("kemas", "pengemasan", "packaging", "packing", "sealer"),
    "repair": ("service mesin", "reparasi", "perbaikan mesin", "servis"),
    "trading": ("jual sparepart", "supplier sparepart", "toko besi"),
}

# A supplier doing the child also does the parent (a MIG welder welds); used by the hidden
# fit behind demo_outcomes.csv, not by Mitra itself.
PROCESS_PARENT: dict[str, str] = {
    "CNC turning": "turning",
    "MIG welding": "welding",
    "TIG welding": "welding",
    "spot welding": "welding",
    "aluminium casting": "casting",
    "pipe bending": "bending",
    "galvanizing": "electroplating",
    "chrome plating": "electroplating",
}
