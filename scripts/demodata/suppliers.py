"""Sample suppliers: one coherent workshop per row, in the supplier-sheet format.

Each `DemoSupplier` keeps what the sheet shows (spellings, formatted numbers) next to what it
means (canonical processes, parsed capacity, certificate dates), so outcomes.py can judge fit
without re-parsing the free text.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from demodata.certificates import certificates_for
from demodata.identity import business_name, email_for, phone_for
from demodata.places import AREA_CODES, AREAS, REGENCY_SPELLINGS, Area, works_with
from demodata.processes import PROCESS_SPELLINGS
from demodata.trades import FOOD_LINES, PCS_CEILING, TRADES, FoodLine, Trade

SHEET_COLUMNS = (
    "supplier_id", "name", "regency", "lat", "lon", "cluster", "kbli", "processes", "materials",
    "products", "certifications", "monthly_capacity", "capacity_unit", "employees", "machines",
    "partners", "tier", "cooperative", "contact_email", "contact_phone",
)  # fmt: skip

# partners that make a workshop a tier-2/3 supplier of an automotive or heavy-equipment chain
CHAIN_PARTNERS = ("Astra Otoparts", "AHM", "UTPE", "Laksana", "New Armada", "Krakatau Steel")


@dataclass
class DemoSupplier:
    supplier_id: str
    name: str
    regency: str  # canonical, e.g. "Kab. Tegal"
    regency_text: str  # as written in the sheet
    trade: str
    processes: list[tuple[str, str]]  # (canonical, spelling)
    materials: list[str]
    kbli: list[str]
    products: str
    certificates: list[tuple[str, str]]  # (canonical, sheet entry)
    monthly_capacity: int
    capacity_unit: str
    capacity_text: str
    employees: int
    machines: int
    lat: float | None = None
    lon: float | None = None
    cluster: str | None = None
    partners: list[str] = field(default_factory=list)
    tier: int | None = None
    cooperative: str | None = None
    email: str = ""
    phone: str = ""
    separator: str = ";"

    def row(self) -> list[str]:
        """The sheet row, in SHEET_COLUMNS order, as text."""
        sep = self.separator
        return [
            self.supplier_id,
            self.name,
            self.regency_text,
            "" if self.lat is None else f"{self.lat:.5f}",
            "" if self.lon is None else f"{self.lon:.5f}",
            self.cluster or "",
            ";".join(self.kbli),
            sep.join(spelling for _, spelling in self.processes),
            sep.join(self.materials),
            self.products,
            "; ".join(entry for _, entry in self.certificates),
            self.capacity_text,
            self.capacity_unit,
            str(self.employees),
            str(self.machines),
            ";".join(self.partners),
            "" if self.tier is None else str(self.tier),
            self.cooperative or "",
            self.email,
            self.phone,
        ]

    def certificate_dates(self) -> dict[str, date | None]:
        """Canonical certificate -> expiry date (None when the sheet gives no date)."""
        dates: dict[str, date | None] = {}
        for canonical, entry in self.certificates:
            _, _, text = entry.partition("|")
            dates[canonical] = date.fromisoformat(text) if text else None
        return dates


def jitter(rng: random.Random, centre: tuple[float, float], sigma_km: float) -> tuple[float, float]:
    """A point a few km from `centre` (normal offsets, clipped at 3 sigma)."""
    lat0, lon0 = centre
    d_north = max(-3 * sigma_km, min(3 * sigma_km, rng.gauss(0.0, sigma_km)))
    d_east = max(-3 * sigma_km, min(3 * sigma_km, rng.gauss(0.0, sigma_km)))
    lat = lat0 + d_north / 111.2
    lon = lon0 + d_east / (111.2 * math.cos(math.radians(lat0)))
    return round(lat, 5), round(lon, 5)


def nice_number(value: float) -> int:
    """Round to two significant digits, as owners quote capacities (23,000 not 23,417)."""
    if value < 100:
        return max(1, round(value))
    magnitude = 10 ** (len(str(int(value))) - 2)
    return int(round(value / magnitude) * magnitude)


def capacity_text(rng: random.Random, value: int) -> str:
    """Plain, Indonesian (`5.000`) or English (`5,000`) thousands separators."""
    if value < 1000:
        return str(value)
    roll = rng.random()
    if roll < 0.55:
        return str(value)
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if roll < 0.8 else grouped


def pick_processes(rng: random.Random, trade: Trade) -> list[tuple[str, str]]:
    """The trade's core processes, about half its common ones, sometimes one extra."""
    chosen = list(trade.core) + [p for p in trade.common if rng.random() < 0.5]
    if not chosen:
        chosen.append(rng.choice(trade.common))
    if trade.extra and rng.random() < 0.3:
        chosen.append(rng.choice(trade.extra))
    rng.shuffle(chosen)
    return [(name, rng.choice(PROCESS_SPELLINGS[name])) for name in chosen]


def pick_capacity(rng: random.Random, trade: Trade) -> tuple[int, str]:
    unit = rng.choice(list(trade.capacity))
    low, high = trade.capacity[unit]
    # log-uniform: many small workshops, a few large ones
    value = nice_number(math.exp(rng.uniform(math.log(low), math.log(high))))
    if unit == "pcs":
        value = min(value, PCS_CEILING)
    return value, unit


def pick_materials(rng: random.Random, trade: Trade, product: str) -> list[str]:
    line = FOOD_LINES.get(product)
    if line is None:
        return rng.sample(trade.materials, rng.randint(1, min(3, len(trade.materials))))
    others = list(line.materials[1:])
    return [line.materials[0], *rng.sample(others, rng.randint(0, len(others)))]


def pick_kbli(rng: random.Random, trade: Trade, line: FoodLine | None) -> list[str]:
    if line is not None:
        return [line.kbli]
    return rng.sample(trade.kbli, 1 if rng.random() < 0.8 or len(trade.kbli) == 1 else 2)


def make_supplier(
    rng: random.Random, supplier_id: str, area: Area, trade_name: str
) -> DemoSupplier:
    """One random supplier of the given trade in the given area."""
    trade = TRADES[trade_name]
    product = rng.choice(trade.products)
    line = FOOD_LINES.get(product)
    capacity, unit = pick_capacity(rng, trade)
    employees = rng.randint(*trade.employees)
    name = business_name(rng, trade.sector, line.name_words if line else trade.name_prefixes)
    known = [p for p in area.partners if works_with(p, trade.sector)]
    partners = rng.sample(known, rng.randint(1, min(2, len(known)))) if known else []
    if rng.random() < 0.6:
        partners = []
    supplier = DemoSupplier(
        supplier_id=supplier_id,
        name=name,
        regency=area.regency,
        regency_text=area.regency,
        trade=trade_name,
        processes=pick_processes(rng, trade),
        materials=pick_materials(rng, trade, product),
        kbli=pick_kbli(rng, trade, line),
        products=product,
        certificates=certificates_for(rng, trade.sector, trade_name, area.iso_share),
        monthly_capacity=capacity,
        capacity_unit=unit,
        capacity_text=capacity_text(rng, capacity),
        employees=employees,
        machines=max(1, round(employees * rng.uniform(0.2, 0.7))),
        cluster=area.cluster if area.cluster and rng.random() < 0.9 else None,
        partners=partners,
        separator=rng.choice((";", "; ")),
    )
    if any(p in CHAIN_PARTNERS for p in partners) and rng.random() < 0.6:
        supplier.tier = rng.choice((2, 3))
    if area.cooperatives and rng.random() < 0.3:
        supplier.cooperative = rng.choice(area.cooperatives)
    place(rng, supplier, area)
    add_contacts(rng, supplier)
    return supplier


def place(rng: random.Random, supplier: DemoSupplier, area: Area) -> None:
    """Coordinates near the area centre; about 15% left empty for the centroid fallback."""
    if rng.random() < 0.15:
        return
    sigma = 1.5 if area.cluster == "LIK Takaru" else 3.0
    supplier.lat, supplier.lon = jitter(rng, area.centre, sigma)
    spellings = REGENCY_SPELLINGS.get(area.regency)
    if spellings and rng.random() < 0.12:
        supplier.regency_text = rng.choice(spellings)


def add_contacts(rng: random.Random, supplier: DemoSupplier) -> None:
    if rng.random() < 0.85:
        supplier.email = email_for(rng, supplier.name)
    if rng.random() < 0.9:
        supplier.phone = phone_for(rng, AREA_CODES[supplier.regency])


def area_trades(area: Area) -> tuple[list[str], list[float]]:
    names = list(area.trades)
    return names, [area.trades[n] for n in names]


def random_suppliers(
    rng: random.Random, count: int, first_number: int, width: int
) -> list[DemoSupplier]:
    """`count` suppliers spread over all areas in proportion to their size (for big sheets)."""
    weights = [a.count for a in AREAS]
    suppliers = []
    for offset in range(count):
        area = rng.choices(AREAS, weights=weights)[0]
        names, trade_weights = area_trades(area)
        trade = rng.choices(names, weights=trade_weights)[0]
        number = first_number + offset
        suppliers.append(make_supplier(rng, f"S{number:0{width}d}", area, trade))
    return suppliers
