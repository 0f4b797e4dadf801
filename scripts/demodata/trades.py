"""Kinds of workshop (trades): what each does, works with, makes, and how much per month.

A trade keeps a supplier coherent: a bubut shop turns and mills steel and makes pins and
bushings; a keripik maker fries cassava and sells by the kilogram. KBLI codes are KBLI 2020
5-digit codes, checked against the codebook by tests/test_demo_data.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trade:
    sector: str  # metal, plastics, wood, food
    core: tuple[str, ...]  # canonical processes every supplier of the trade does
    common: tuple[str, ...]  # processes each supplier does with even odds
    extra: tuple[str, ...]  # processes some of them also do (at most one)
    materials: tuple[str, ...]
    kbli: tuple[str, ...]
    products: tuple[str, ...]
    capacity: dict[str, tuple[int, int]]  # unit -> (low, high) monthly capacity
    employees: tuple[int, int]
    name_prefixes: tuple[str, ...] = ()


STEEL = ("S45C", "SS400", "besi as", "SUS304", "ST37", "baja karbon")

METAL_TRADES: dict[str, Trade] = {
    "machining": Trade(
        sector="metal",
        core=("turning",),
        common=("CNC turning", "milling", "drilling"),
        extra=("grinding", "welding", "heat treatment"),
        materials=(*STEEL, "kuningan", "aluminium"),
        kbli=("25920", "29300", "30912"),
        products=(
            "pin, bushing, as roda",
            "spare part mesin pabrik gula dan pabrik tekstil",
            "shaft, flange, pulley sesuai gambar",
            "komponen motor (pin step, as kick starter)",
            "baut & mur khusus, spacer",
        ),
        capacity={"pcs": (500, 40_000)},
        employees=(4, 60),
        name_prefixes=("Bengkel Bubut", "CV", "UD", "PT", "Bengkel"),
    ),
    # job shops that machine and weld sub-assemblies for heavy equipment
    "machining_welding": Trade(
        sector="metal",
        core=("CNC turning", "milling", "welding"),
        common=("turning", "drilling", "MIG welding"),
        extra=("heat treatment", "painting", "grinding"),
        materials=STEEL,
        kbli=("25920", "28240"),
        products=(
            "machining part alat berat sesuai drawing, pin & bushing bucket",
            "bracket las dan komponen attachment excavator",
        ),
        capacity={"pcs": (300, 8_000)},
        employees=(15, 90),
        name_prefixes=("PT", "CV"),
    ),
    "fabrication": Trade(
        sector="metal",
        core=("welding", "plate cutting"),
        common=("bending", "fabrication", "MIG welding", "painting"),
        extra=("powder coating", "TIG welding", "assembly"),
        materials=("plat besi", "SS400", "pipa hollow", "besi siku", "plat galvanis", "ST37"),
        kbli=("25111", "25119", "25120", "29200"),
        products=(
            "bracket body, rangka bagasi bus",
            "kanopi, pagar, rangka baja",
            "tangki air, trolley, rak gudang",
            "bak truk, karoseri pick-up",
        ),
        capacity={"unit": (20, 900), "set": (50, 2_500), "ton": (5, 120)},
        employees=(5, 80),
        name_prefixes=("Bengkel Las", "CV", "UD", "PT"),
    ),
    # seat frames and body parts for the coachbuilders
    "pipe_fabrication": Trade(
        sector="metal",
        core=("pipe bending", "MIG welding"),
        common=("bending", "plate cutting", "powder coating", "welding"),
        extra=("painting", "assembly"),
        materials=("pipa hollow", "pipa galvanis", "plat besi", "SPHC"),
        kbli=("29200", "31004"),
        products=("rangka kursi bus, handrail", "rangka jok, kursi besi, rak"),
        capacity={"set": (100, 1_800), "unit": (50, 1_000)},
        employees=(8, 70),
        name_prefixes=("CV", "UD", "Bengkel Las"),
    ),
    "stamping": Trade(
        sector="metal",
        core=("stamping",),
        common=("plate cutting", "bending", "spot welding"),
        extra=("welding", "painting", "electroplating", "mould making", "assembly"),
        materials=("SPCC", "SPHC", "plat besi", "plat galvanis", "SGCC", "SUS304", "aluminium"),
        kbli=("25910", "29300", "30912"),
        products=(
            "bracket, clamp, ring plat",
            "bracket knalpot, dudukan aki",
            "komponen stamping untuk motor dan mobil",
            "engsel, plat penguat, washer",
        ),
        capacity={"pcs": (5_000, 45_000)},
        employees=(8, 120),
        name_prefixes=("CV", "PT", "UD"),
    ),
    "casting": Trade(
        sector="metal",
        core=("casting",),
        common=("turning", "heat treatment", "grinding"),
        extra=("painting",),
        materials=("besi cor", "FC25", "FCD450", "cast steel", "perunggu"),
        kbli=("24310",),
        products=(
            "spare part pabrik gula dan pabrik baja",
            "tutup manhole, grill besi cor",
            "impeller pompa, liner, hammer crusher",
            "roda lori, rumah pompa",
        ),
        capacity={"kg": (2_000, 60_000), "ton": (5, 120)},
        employees=(6, 90),
        name_prefixes=("Pengecoran Logam", "UD", "CV", "PT"),
    ),
    "aluminium_casting": Trade(
        sector="metal",
        core=("aluminium casting",),
        common=("CNC turning", "turning", "polishing"),
        extra=("painting",),
        materials=("aluminium", "alumunium bekas", "kuningan"),
        kbli=("24320",),
        products=("pulley, rumah pompa aluminium", "velg, blok mesin kecil", "wajan, panci cor"),
        capacity={"pcs": (500, 30_000), "kg": (1_000, 20_000)},
        employees=(5, 60),
        name_prefixes=("Pengecoran Logam", "UD", "CV"),
    ),
    "forging": Trade(
        sector="metal",
        core=("forging",),
        common=("heat treatment", "grinding"),
        extra=("turning", "welding"),
        materials=("baja karbon", "S45C", "baja per", "SCM440"),
        kbli=("25910", "25931", "25932"),
        products=(
            "cangkul, sabit, parang",
            "mata bajak, alat pertanian",
            "flange tempa, gear blank",
        ),
        capacity={"pcs": (200, 15_000)},
        employees=(3, 40),
        name_prefixes=("Pande Besi", "UD", "CV"),
    ),
    "plating": Trade(
        sector="metal",
        core=(),
        common=("chrome plating", "galvanizing", "electroplating", "polishing"),
        extra=("powder coating", "painting"),
        materials=("baja karbon", "besi", "kuningan", "SPCC", "besi as"),
        kbli=("25920",),
        products=(
            "krom velg, handle rem, shock",
            "galvanis baut, tiang, plat bordes",
            "hard chrome as hidrolik dan roller",
        ),
        capacity={"pcs": (2_000, 40_000), "kg": (1_000, 30_000)},
        employees=(4, 45),
        name_prefixes=("Krom & Galvanis", "CV", "UD"),
    ),
    # steel structures with their own galvanising bath, near the steel works
    "galvanized_structures": Trade(
        sector="metal",
        core=("fabrication", "galvanizing"),
        common=("welding", "plate cutting", "painting"),
        extra=(),
        materials=("SS400", "plat besi", "besi siku", "plat bordes"),
        kbli=("25119", "25113"),
        products=("plat bordes, handrail, tangga monyet", "tower, rangka baja galvanis"),
        capacity={"ton": (8, 150)},
        employees=(20, 120),
        name_prefixes=("PT", "CV"),
    ),
    # look-alikes: shops whose product text names parts they only sell or repair
    "trader": Trade(
        sector="metal",
        core=("trading",),
        common=("repair", "welding"),
        extra=(),
        materials=("SPCC", "SPHC", "stainless", "besi as"),
        kbli=("46591", "45405", "33121", "46599"),
        products=(
            "jual bracket, gear, bearing, pin as, bushing motor & mobil (stok, bukan produksi)",
            "sparepart mesin bubut & CNC, service mesin pabrik",
            "supplier plat SPCC, SPHC, stainless; potong sesuai ukuran",
        ),
        capacity={"pcs": (100, 5_000), "unit": (10, 300)},
        employees=(2, 15),
        name_prefixes=("Toko Teknik", "UD", "CV"),
    ),
}

PLASTIC_TRADES: dict[str, Trade] = {
    "injection": Trade(
        sector="plastics",
        core=("injection moulding",),
        common=("mould making", "assembly", "painting", "screen printing"),
        extra=("packaging",),
        materials=("ABS", "PP", "HDPE", "PC", "nylon PA6", "POM", "PVC"),
        kbli=("22299", "22292", "22293", "22220"),
        products=(
            "cover body motor, grill, tutup lampu",
            "housing elektronik, knob, klip kabel",
            "peralatan rumah tangga plastik",
            "tutup botol, preform, gantungan",
        ),
        capacity={"pcs": (5_000, 45_000)},
        employees=(10, 150),
        name_prefixes=("PT", "CV", "UD"),
    ),
    "blow": Trade(
        sector="plastics",
        core=("blow moulding",),
        common=("screen printing", "packaging"),
        extra=("injection moulding",),
        materials=("HDPE", "PP", "PET", "LDPE"),
        kbli=("22220",),
        products=("botol oli, jerigen", "botol shampo, galon"),
        capacity={"pcs": (10_000, 45_000)},
        employees=(8, 80),
        name_prefixes=("PT", "CV"),
    ),
    "extrusion": Trade(
        sector="plastics",
        core=("extrusion",),
        common=("screen printing", "packaging"),
        extra=(),
        materials=("HDPE", "LDPE", "PP", "PVC"),
        kbli=("22230", "22291", "22220"),
        products=("pipa PVC, selang", "kantong plastik, plastik lembaran"),
        capacity={"kg": (5_000, 80_000), "ton": (5, 150)},
        employees=(8, 90),
        name_prefixes=("PT", "CV", "UD"),
    ),
    "recycler": Trade(
        sector="plastics",
        core=("plastic recycling",),
        common=("drying", "packaging"),
        extra=(),
        materials=("PP", "HDPE", "PET"),
        kbli=("38302",),
        products=("biji plastik daur ulang; juga jual cover body & part plastik bekas",),
        capacity={"kg": (2_000, 40_000), "ton": (2, 60)},
        employees=(3, 25),
        name_prefixes=("UD", "CV"),
    ),
}

WOOD_TRADES: dict[str, Trade] = {
    "furniture": Trade(
        sector="wood",
        core=("joinery", "wood finishing"),
        common=("planing", "sawing", "wood carving", "kiln drying"),
        extra=("assembly",),
        materials=("kayu jati", "kayu mahoni", "kayu mindi", "kayu trembesi", "MDF", "plywood"),
        kbli=("31001", "31009"),
        products=(
            "kursi taman, meja makan jati (ekspor)",
            "lemari, bufet, kitchen set",
            "garden furniture knock-down",
        ),
        capacity={"set": (50, 1_500), "unit": (40, 1_200), "m3": (10, 200)},
        employees=(5, 120),
        name_prefixes=("CV", "UD", "PT", "Mebel"),
    ),
    "carving": Trade(
        sector="wood",
        core=("wood carving",),
        common=("wood finishing", "planing"),
        extra=("joinery",),
        materials=("kayu jati", "kayu mahoni", "kayu sono"),
        kbli=("16293", "31001"),
        products=("ukiran relief, panel ukir", "pigura ukir, souvenir kayu"),
        capacity={"pcs": (50, 2_000)},
        employees=(2, 30),
        name_prefixes=("Ukir", "UD", "CV"),
    ),
    "sawmill": Trade(
        sector="wood",
        core=("sawing",),
        common=("planing", "kiln drying"),
        extra=(),
        materials=("kayu jati", "kayu mahoni", "kayu sengon", "kayu pinus", "kayu akasia"),
        kbli=("16101", "16102"),
        products=("kayu gergajian, papan, balok KD",),
        capacity={"m3": (20, 800)},
        employees=(6, 60),
        name_prefixes=("UD", "CV"),
    ),
    "pallet": Trade(
        sector="wood",
        core=("sawing", "joinery"),
        common=("heat treatment", "kiln drying"),
        extra=("assembly",),
        materials=("kayu sengon", "kayu pinus", "kayu akasia", "kayu karet"),
        kbli=("16230",),
        products=("palet kayu ISPM-15, peti kemas kayu",),
        capacity={"pcs": (500, 20_000)},
        employees=(5, 50),
        name_prefixes=("CV", "UD"),
    ),
}

FOOD_TRADES: dict[str, Trade] = {
    "snacks": Trade(
        sector="food",
        core=("frying",),
        common=("slicing", "packaging", "seasoning"),
        extra=("vacuum packing", "drying"),
        materials=("singkong", "pisang", "talas", "tepung tapioka", "minyak goreng", "ubi"),
        kbli=("10794",),
        products=("keripik singkong balado", "keripik pisang, kripik talas", "kerupuk, rengginang"),
        capacity={"kg": (300, 20_000)},
        employees=(2, 40),
    ),
    "soy": Trade(
        sector="food",
        core=(),
        common=("fermentation", "boiling", "frying", "packaging"),
        extra=("slicing",),
        materials=("kedelai", "tepung terigu", "tepung tapioka"),
        kbli=("10391", "10392", "10393"),
        products=(
            "tempe mendoan, keripik tempe",
            "tahu aci, tahu goreng",
            "tempe murni, tempe bungkus daun",
        ),
        capacity={"kg": (200, 8_000)},
        employees=(2, 25),
    ),
    "roasted": Trade(
        sector="food",
        core=("roasting",),
        common=("packaging", "vacuum packing"),
        extra=("drying",),
        materials=("kopi robusta", "kacang tanah", "kedelai", "biji mete"),
        kbli=("10761", "10793"),
        products=("kopi bubuk, kopi sangrai", "kacang sangrai, kacang oven"),
        capacity={"kg": (100, 5_000)},
        employees=(2, 20),
    ),
    "bakery": Trade(
        sector="food",
        core=("baking",),
        common=("packaging", "frying"),
        extra=("vacuum packing",),
        materials=("tepung terigu", "gula", "mentega", "telur"),
        kbli=("10710", "10792"),
        products=("roti, bolu, kue kering", "bakpia, lumpia"),
        capacity={"kg": (200, 6_000), "pcs": (2_000, 40_000)},
        employees=(3, 40),
    ),
    "drinks": Trade(
        sector="food",
        core=("boiling",),
        common=("packaging",),
        extra=("drying",),
        materials=("jahe", "gula aren", "buah markisa"),
        kbli=("10330",),
        products=("sirup, sari buah, wedang jahe",),
        capacity={"liter": (500, 10_000)},
        employees=(2, 20),
    ),
    "dried": Trade(
        sector="food",
        core=("drying",),
        common=("packaging", "slicing"),
        extra=("vacuum packing",),
        materials=("ikan", "singkong", "buah"),
        kbli=("10313", "10211"),
        products=("ikan asin, ikan kering", "gaplek, manisan kering"),
        capacity={"kg": (500, 15_000), "ton": (1, 20)},
        employees=(2, 20),
    ),
}


@dataclass(frozen=True)
class FoodLine:
    """A food product: words its maker's name is built from, and what it is made of."""

    name_words: tuple[str, ...]
    materials: tuple[str, ...]  # the first one is always listed
    kbli: str


FOOD_LINES: dict[str, FoodLine] = {
    "keripik singkong balado": FoodLine(
        ("Keripik Singkong", "Keripik", "Kripik"),
        ("singkong", "minyak goreng", "bumbu balado"),
        "10794",
    ),
    "keripik pisang, kripik talas": FoodLine(
        ("Keripik Pisang", "Kripik"), ("pisang", "talas", "minyak goreng"), "10794"
    ),
    "kerupuk, rengginang": FoodLine(
        ("Kerupuk", "Rengginang"), ("tepung tapioka", "beras ketan", "minyak goreng"), "10794"
    ),
    "tempe mendoan, keripik tempe": FoodLine(
        ("Tempe", "Keripik Tempe", "Mendoan"), ("kedelai", "tepung terigu"), "10391"
    ),
    "tahu aci, tahu goreng": FoodLine(("Tahu Aci", "Tahu"), ("kedelai", "tepung tapioka"), "10392"),
    "tempe murni, tempe bungkus daun": FoodLine(("Tempe",), ("kedelai", "ragi tempe"), "10391"),
    "kopi bubuk, kopi sangrai": FoodLine(
        ("Kopi", "Kopi Bubuk"), ("kopi robusta", "kopi arabika"), "10761"
    ),
    "kacang sangrai, kacang oven": FoodLine(
        ("Kacang Sangrai", "Kacang Oven"), ("kacang tanah", "biji mete"), "10793"
    ),
    "roti, bolu, kue kering": FoodLine(
        ("Roti", "Bolu", "Kue Kering"), ("tepung terigu", "gula", "mentega", "telur"), "10710"
    ),
    "bakpia, lumpia": FoodLine(
        ("Bakpia", "Lumpia"), ("tepung terigu", "kacang hijau", "rebung"), "10792"
    ),
    "sirup, sari buah, wedang jahe": FoodLine(
        ("Sirup", "Wedang Jahe", "Sari Buah"), ("jahe", "gula aren", "buah markisa"), "10330"
    ),
    "ikan asin, ikan kering": FoodLine(("Ikan Asin",), ("ikan", "garam"), "10211"),
    "gaplek, manisan kering": FoodLine(("Gaplek", "Manisan"), ("singkong", "buah"), "10313"),
}

TRADES: dict[str, Trade] = {**METAL_TRADES, **PLASTIC_TRADES, **WOOD_TRADES, **FOOD_TRADES}

# No workshop makes more pieces a month than this; the consortium requirement in
# requirements.py asks for more, so only a group can serve it (see mitra/data/README.md).
PCS_CEILING = 45_000
