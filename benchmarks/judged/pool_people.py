"""How the pool's suppliers look on paper: names, places, wording, certificates, filler shops.

Only presentation and placement live here; what a supplier truly is (and so its grade) is
decided in make_pool.py / grading.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from benchmarks.judged.gates import gate_failures, haversine_km, regency_key
from benchmarks.judged.grading import Truth
from benchmarks.judged.taxonomy import (
    FAMILIES,
    MATERIAL_WORDS,
    PROCESS_WORDS,
    PRODUCT_WORDS,
    PROGRAMS,
)

MARGIN_KM = 40.0  # keep every supplier this far from any distance limit, so gazetteers agree

REGENCIES: dict[str, dict[str, int]] = {
    "metal": {
        "Kab. Tegal": 8, "Kota Tegal": 3, "Kab. Brebes": 1, "Kab. Pekalongan": 1,
        "Kab. Kendal": 2, "Kota Semarang": 2, "Kab. Semarang": 1, "Kab. Magelang": 1,
        "Kab. Klaten": 2, "Kab. Bekasi": 3, "Kota Bekasi": 1, "Kab. Karawang": 2,
        "Kab. Purwakarta": 1, "Kota Cilegon": 2, "Kab. Serang": 1, "Kab. Sidoarjo": 2,
        "Kab. Pasuruan": 1, "Kota Surabaya": 1,
    },
    "plastics": {
        "Kab. Bekasi": 3, "Kab. Karawang": 2, "Kab. Tangerang": 2, "Kab. Tegal": 2,
        "Kota Semarang": 3, "Kab. Semarang": 2, "Kab. Kendal": 2, "Kab. Kudus": 1,
        "Kab. Jepara": 1, "Kab. Sidoarjo": 2, "Kab. Pasuruan": 1, "Kota Cilegon": 1,
    },
    "wood": {
        "Kab. Jepara": 8, "Kab. Kudus": 1, "Kab. Kendal": 1, "Kota Semarang": 1,
        "Kab. Semarang": 1, "Kab. Klaten": 1, "Kab. Sukoharjo": 1, "Kab. Sidoarjo": 2,
        "Kab. Pasuruan": 1, "Kota Surabaya": 1, "Kab. Tegal": 1, "Kab. Bekasi": 1,
    },
    "food": {
        "Kab. Sidoarjo": 4, "Kab. Pasuruan": 2, "Kota Surabaya": 2, "Kab. Gresik": 2,
        "Kota Semarang": 2, "Kab. Kendal": 1, "Kab. Semarang": 1, "Kab. Tegal": 1,
        "Kota Tegal": 1, "Kab. Magelang": 1, "Kab. Jepara": 1, "Kab. Bekasi": 1,
        "Kab. Klaten": 1, "Kab. Serang": 1,
    },
}  # fmt: skip
UNKNOWN_PLACES = ["Desa Kebasen", "Dukuh Krajan", "Kp. Sukamaju", "Desa Sidomulyo"]
CLUSTERS = {
    "Kab. Tegal": "LIK Takaru", "Kab. Klaten": "Sentra Cor Logam Ceper",
    "Kab. Jepara": "Sentra Mebel Jepara", "Kab. Sidoarjo": "Sentra Kerupuk Sidoarjo",
    "Kab. Pasuruan": "Sentra Keripik Buah Pasuruan", "Kab. Bekasi": "Kawasan Jababeka",
}  # fmt: skip
NAME_PARTS = {
    "metal": ["Logam", "Teknik", "Presisi", "Baja", "Mesin", "Metal", "Las", "Bubut"],
    "plastics": ["Plastik", "Polimer", "Plasindo", "Mold", "Kemasindo"],
    "wood": ["Jati", "Mebel", "Ukir", "Kayu", "Furnindo", "Wood Art", "Interior"],
    "food": ["Rasa", "Gurih", "Renyah", "Camilan", "Dapur", "Pangan", "Snack"],
}
NAME_WORDS = [
    "Sinar", "Maju", "Jaya", "Karya", "Abadi", "Mandiri", "Sejahtera", "Makmur", "Berkah",
    "Mulya", "Sentosa", "Putra", "Sumber", "Rejeki", "Tunas", "Harapan", "Barokah", "Agung",
    "Lestari", "Mitra", "Cahaya", "Utama", "Bintang", "Sakti", "Andalan", "Prima",
]  # fmt: skip
TRADE_KBLI = {"metal": "46620", "plastics": "46693", "wood": "46636", "food": "46339"}
SHOP_KBLI = {
    "forming": "25910", "welding": "25119", "machining": "25920", "thermal": "24310",
    "finishing": "25920", "plastics": "22293", "wood": "31001", "food": "10794",
}  # fmt: skip
CERT_SPELLINGS = {
    "ISO 9001": ["ISO 9001", "ISO 9001:2015", "ISO9001", "iso-9001"],
    "IATF 16949": ["IATF 16949", "IATF16949"],
    "Halal": ["Halal", "Halal MUI", "HALAL"],
}
DOMAIN_UNITS = {"metal": ["pcs", "kg", "ton", "set"], "plastics": ["pcs", "kg", "m"],
                "wood": ["pcs", "set", "m2"], "food": ["kg", "ton", "pcs"]}  # fmt: skip


@dataclass
class Supplier:
    """A pool member: its truth (graded) and how it is written in the sheet (ranked)."""

    truth: Truth
    regency: str
    coords: tuple[float, float] | None
    domain: str
    material_hint: list[str] = field(default_factory=list)
    products: str = ""
    kbli: list[str] = field(default_factory=list)
    row: dict[str, str] = field(default_factory=dict)


DOMAIN_MATERIALS = {
    "metal": ["carbon steel", "carbon steel", "stainless", "aluminium", "cast iron", "brass"],
    "plastics": ["ABS", "PP", "HDPE", "LDPE", "PVC", "PET", "rubber"],
    "wood": ["teak", "mahogany", "MDF", "pine", "rattan"],
    "food": ["cassava", "banana", "fish", "tapioca", "flour", "fruit", "peanut", "coffee"],
}
PREFIXES = {
    "metal": ["CV", "UD", "PT", "Bengkel", "KUB", "CV", "UD"],
    "plastics": ["CV", "PT", "UD", "PT"],
    "wood": ["CV", "UD", "PT", "KUB", "CV"],
    "food": ["UD", "CV", "KUB", "PT", "UD", "IKM"],
}


def valid_date(rng: random.Random, needed_by: date) -> date | None:
    """A certificate that is valid on needed_by (sometimes with no date written)."""
    if rng.random() < 0.2:
        return None
    return needed_by + timedelta(days=rng.randint(60, 900))


def nice(value: float) -> float:
    """Round to two significant digits, as owners write capacity."""
    if value <= 0:
        return 0.0
    digits = len(str(int(value))) - 2
    step = 10 ** max(digits, -1)
    return round(value / step) * step if digits >= 0 else round(value, 1)


class Placer:
    """Chooses a regency for a candidate relative to one requirement's delivery point."""

    def __init__(
        self,
        rng: random.Random,
        centroids: dict[str, tuple[float, float]],
        reqs: list[dict[str, Any]],
        notes: dict[str, dict[str, Any]],
    ) -> None:
        self.rng, self.centroids, self.reqs, self.notes = rng, centroids, reqs, notes

    def _km(self, regency: str, req: dict[str, Any]) -> float:
        lat, lon = self.centroids[regency_key(regency)]
        d = req["delivery"]
        return haversine_km(lat, lon, d["lat"], d["lon"])

    def _safe(self, regency: str, domain: str) -> bool:
        for req in self.reqs:
            if self.notes[req["requirement_id"]]["domain"] != domain:
                continue
            if abs(self._km(regency, req) - req["delivery"]["max_distance_km"]) < MARGIN_KM:
                return False
        return True

    def place(
        self, req: dict[str, Any], band: str, domain: str
    ) -> tuple[str, tuple[float, float] | None]:
        if band == "unknown":
            return self.rng.choice(UNKNOWN_PLACES), None
        limit = req["delivery"]["max_distance_km"]
        bands = {
            "near": lambda km: km <= 0.5 * limit,
            "far": lambda km: 0.8 * limit < km <= limit - MARGIN_KM,
            "gate_far": lambda km: km >= limit + MARGIN_KM,
            "any": lambda km: km <= limit - MARGIN_KM,
        }
        weights = REGENCIES[domain]
        pool = [r for r in weights if bands[band](self._km(r, req))]
        if not pool and band == "far":  # nothing that far: take the farthest allowed places
            allowed = sorted(
                (r for r in weights if bands["any"](self._km(r, req))),
                key=lambda r: self._km(r, req),
            )
            pool = allowed[-2:]
        if not pool:
            raise RuntimeError(f"no regency fits {band} for {req['requirement_id']}")
        regency = self.rng.choices(pool, [weights[r] for r in pool])[0]
        # Without coordinates the engine falls back to its own centroid, which may differ from
        # ours by a few km: only leave them empty where no distance limit is close.
        if self._safe(regency, domain) and self.rng.random() < 0.2:
            return regency, None
        lat, lon = self.centroids[regency_key(regency)]
        jitter = self.rng.uniform
        return regency, (round(lat + jitter(-0.03, 0.03), 4), round(lon + jitter(-0.03, 0.03), 4))


def _name(rng: random.Random, domain: str, taken: set[str]) -> str:
    while True:
        parts = [
            rng.choice(PREFIXES[domain]),
            rng.choice(NAME_WORDS),
            rng.choice(NAME_PARTS[domain]),
        ]
        if rng.random() < 0.4:
            parts.insert(2, rng.choice(NAME_WORDS))
        name = " ".join(parts)
        if name not in taken:
            taken.add(name)
            return name


def _extra_certs(rng: random.Random, domain: str, truth: Truth) -> None:
    held = {name for name, _ in truth.certs}
    base = date(2026, 12, 1)

    def some_date() -> date | None:
        roll = rng.random()
        if roll < 0.15:
            return None
        if roll < 0.25:  # expires during the buying season: valid for some requests only
            return base + timedelta(days=rng.randint(0, 180))
        return base + timedelta(days=rng.randint(200, 1100))

    wanted = {
        "metal": [("ISO 9001", 0.55), ("SNI", 0.1)],
        "plastics": [("ISO 9001", 0.55), ("SNI", 0.1)],
        "wood": [("SVLK", 0.8), ("FSC", 0.1)],
        "food": [("Halal", 0.85), ("PIRT", 0.5), ("HACCP", 0.1)],
    }[domain]
    for name, chance in wanted:
        if name not in held and rng.random() < chance:
            truth.certs.append((name, some_date()))


def dress(rng: random.Random, supplier: Any, req: dict[str, Any], variant: str) -> None:
    """Give a designed candidate its name, product text and registry codes."""
    truth: Truth = supplier.truth
    truth.capacity = nice(truth.capacity)
    title = str(req["title"])
    if truth.role == "trader":
        supplier.products = f"Jual {title}, stok siap kirim se-Jawa"
        supplier.kbli = [TRADE_KBLI[supplier.domain]]
    elif truth.role == "repair":
        supplier.products = f"Servis dan perbaikan {title.lower()}"
        supplier.kbli = ["33119"]
    else:
        supplier.products = "; ".join(PRODUCT_WORDS[p] for p in truth.processes[:2])
        supplier.kbli = list(req.get("kbli", [])) if rng.random() < 0.6 else []
    supplier.material_hint = [str(m) for m in req.get("materials", [])]
    if variant not in ("plain", "pref_expired"):
        _extra_certs(rng, supplier.domain, truth)


def filler(rng: random.Random, req: dict[str, Any], notes: dict[str, Any], domain: str) -> Truth:
    """An ordinary workshop of the requirement's trade, not designed around the request."""
    related = sorted({p for fam in notes["family"] for p in FAMILIES[fam]})
    main = rng.choice(related)
    procs = [main] + rng.sample([p for p in related if p != main], k=rng.choice([0, 1, 1, 2]))
    if rng.random() < 0.35:  # a share of the trade's workshops do exactly the asked process
        procs[0] = rng.choice(notes["processes"][0]["exact"])
        procs = list(dict.fromkeys(procs))
    families = list(notes["materials"]) + DOMAIN_MATERIALS[domain]
    materials = [rng.choice(families)] if rng.random() < 0.9 else []
    unit = req["volume_unit"] if rng.random() < 0.8 else rng.choice(DOMAIN_UNITS[domain])
    ratio = rng.choice([0.1, 0.3, 0.6, 0.8, 1.2, 1.5, 2.5, 4.0])
    capacity = float(req["monthly_volume"]) * ratio
    if unit != req["volume_unit"]:
        capacity *= {"kg": 30.0, "ton": 0.03}.get(unit, 1.0)
    partners = []
    if rng.random() < 0.3:
        partners.append(rng.choice(notes["similar_buyers"]))
    return Truth(procs, materials, capacity, unit, [], partners)


def fill_pools(
    rng: random.Random,
    suppliers: list[Any],
    reqs: list[dict[str, Any]],
    all_notes: dict[str, dict[str, Any]],
    placer: Placer,
    minimum: int,
) -> None:
    """Add ordinary workshops until every requirement has `minimum` eligible candidates."""
    for _ in range(400):
        counts = []
        for req in reqs:
            notes = all_notes[req["requirement_id"]]
            related = {p for fam in notes["family"] for p in FAMILIES[fam]}
            eligible = 0
            for s in suppliers:
                if s.domain != notes["domain"] or not related & set(s.truth.processes):
                    continue
                render(rng, s, "tmp")
                if not gate_failures(s.row, req, placer.centroids):
                    eligible += 1
            counts.append((eligible, req["requirement_id"], req))
        lowest = min(counts, key=lambda c: c[0])
        if lowest[0] >= minimum:
            return
        req = lowest[2]
        notes = all_notes[req["requirement_id"]]
        truth = filler(rng, req, notes, notes["domain"])
        truth.certs = [(str(c), valid_date(rng, date.fromisoformat(req["needed_by"])))
                       for c in req["certifications_required"]]  # fmt: skip
        regency, coords = placer.place(
            req, "near" if rng.random() < 0.7 else "far", notes["domain"]
        )
        supplier = Supplier(truth, regency, coords, notes["domain"])
        dress(rng, supplier, req, "filler")
        suppliers.append(supplier)
    raise RuntimeError("could not fill the pools; widen the regency lists")


def _words(rng: random.Random, truth: Truth, hint: list[str]) -> tuple[str, str]:
    procs = list(truth.processes)
    written = []
    if "mig welding" in procs and "tig welding" in procs and rng.random() < 0.6:
        written.append("las MIG/TIG")
        procs = [p for p in procs if p not in ("mig welding", "tig welding")]
    written += [rng.choice(PROCESS_WORDS[p]) for p in procs]
    mats = []
    for family in truth.materials:
        own = [h for h in hint if h in MATERIAL_WORDS[family]]
        mats.append(own[0] if own and rng.random() < 0.5 else rng.choice(MATERIAL_WORDS[family]))
    return "; ".join(written), "; ".join(mats)


def _number(rng: random.Random, value: float) -> str:
    if value != int(value):
        return f"{value:.1f}"
    if value >= 1000 and rng.random() < 0.3:
        return f"{int(value):,}".replace(",", ".")
    return str(int(value))


def render(rng: random.Random, supplier: Any, supplier_id: str) -> None:
    """Write the sheet row (contract section 1) once; later calls only change the id."""
    if supplier.row:
        supplier.row["supplier_id"] = supplier_id
        return
    truth: Truth = supplier.truth
    processes, materials = _words(rng, truth, supplier.material_hint)
    certs = []
    for name, until in truth.certs:
        spelt = rng.choice(CERT_SPELLINGS.get(name, [name]))
        certs.append(f"{spelt}|{until.isoformat()}" if until else spelt)
    domain = supplier.domain
    name = _name(rng, domain, _TAKEN)
    slug = "".join(ch for ch in name.lower() if ch.isalnum())[:20]
    automotive = any("Astra" in p or "Toyota" in p or "Denso" in p for p in truth.partners)
    partners = list(truth.partners)
    if rng.random() < 0.3:
        partners.append(rng.choice(PROGRAMS))
    tegal = supplier.regency == "Kab. Tegal"
    phone = f"08{rng.randint(11, 99)}-{rng.randint(1000, 9999)}-{rng.randint(100, 9999)}"
    supplier.row = {
        "supplier_id": supplier_id,
        "name": name,
        "regency": supplier.regency,
        "lat": f"{supplier.coords[0]}" if supplier.coords else "",
        "lon": f"{supplier.coords[1]}" if supplier.coords else "",
        "cluster": CLUSTERS.get(supplier.regency, "") if rng.random() < 0.6 else "",
        "kbli": "; ".join(supplier.kbli),
        "processes": processes,
        "materials": materials,
        "products": supplier.products,
        "certifications": "; ".join(certs),
        "monthly_capacity": _number(rng, truth.capacity),
        "capacity_unit": truth.unit,
        "employees": str(rng.randint(4, 120)),
        "machines": str(rng.randint(0, 3) if truth.role == "trader" else rng.randint(2, 60)),
        "partners": "; ".join(partners),
        "tier": rng.choice(["2", "3"]) if automotive else "",
        "cooperative": "Koperasi TMI" if tegal and rng.random() < 0.3 else "",
        "contact_email": f"{slug}@gmail.com",
        "contact_phone": phone,
    }


_TAKEN: set[str] = set()  # names already given in this run


def start_run() -> None:
    """Forget the names of an earlier run, so one seed always writes the same pool."""
    _TAKEN.clear()


def finish_rows(rng: random.Random, suppliers: list[Any]) -> None:
    """Shuffle so ids say nothing about how a row was designed, then number them."""
    rng.shuffle(suppliers)
    for number, supplier in enumerate(suppliers, start=1):
        render(rng, supplier, f"S{number:03d}")
