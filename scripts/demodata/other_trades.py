"""Plastics, wood and food trades, and the food product lines that name their makers.

KBLI codes are KBLI 2020 5-digit codes, checked against the codebook by tests/test_demo_data.py.
"""

from __future__ import annotations

from demodata.trade_kinds import FoodLine, Trade

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
