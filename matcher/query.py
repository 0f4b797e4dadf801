"""A requirement resolved against an index: terms → concepts, certificates, units, delivery point.

Arrays that several features, gates and explanations need (distances, match levels) are
computed once per query and cached here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property

import numpy as np
from numpy.typing import NDArray

from matcher.certs import CertificationName, parse_certification
from matcher.concepts import TermMatch, taxonomy_traits
from matcher.errors import RequirementError
from matcher.geo import distances_from, resolve_regency
from matcher.index import LOCATION_UNKNOWN, SupplierIndex
from matcher.senses import Context
from matcher.taxonomy import load_taxonomy
from matcher.types import Requirement
from matcher.units import unit_info

# What a business is, besides what it makes (per supplier, see PreparedQuery.supplier_role).
ROLE_MAKER, ROLE_REPAIR, ROLE_TRADE = 0, 1, 2  # higher wins when both apply
ROLE_NAMES = {ROLE_TRADE: "trade", ROLE_REPAIR: "repair"}
# KBLI 2020 divisions: 45-47 wholesale and retail trade; 33 repair and installation of
# machinery, 95 repair of goods. A supplier registered under these alone sells or repairs.
KBLI_DIVISIONS = {ROLE_TRADE: (45, 46, 47), ROLE_REPAIR: (33, 95)}
# Divisions 10-32 are manufacturing: a supplier registered under one makes things, whatever
# else ("distributor", "servis") it writes.
MANUFACTURING_DIVISIONS = (10, 32)


@dataclass(frozen=True)
class DeliveryPoint:
    lat: float
    lon: float
    name: str  # "Kab. Bekasi" or "the delivery point"
    max_distance_km: float | None


def _certificates(texts: tuple[str, ...], field: str) -> list[CertificationName]:
    parsed: list[CertificationName] = []
    for i, text in enumerate(texts):
        name = parse_certification(text)
        if name is None:
            raise RequirementError(
                f"{field}[{i}]", f"unknown certification '{text}' (e.g. ISO 9001, SNI, Halal)"
            )
        parsed.append(name)
    return parsed


def _delivery(requirement: Requirement) -> DeliveryPoint | None:
    delivery = requirement.delivery
    if delivery is None:
        return None
    regency = resolve_regency(delivery.regency) if delivery.regency else None
    name = regency.display_name if regency else (delivery.regency or "the delivery point")
    if delivery.lat is not None and delivery.lon is not None:
        return DeliveryPoint(delivery.lat, delivery.lon, name, delivery.max_distance_km)
    if regency is not None:
        return DeliveryPoint(regency.lat, regency.lon, name, delivery.max_distance_km)
    if delivery.max_distance_km is not None:
        raise RequirementError(
            "delivery",
            f"delivery location unknown (regency '{delivery.regency or ''}' not recognised and "
            "no lat/lon); give lat and lon or a known kabupaten/kota",
        )
    return None


def requirement_context(requirement: Requirement) -> Context:
    """What a buyer wrote around its process words: materials, all processes, title, text."""
    processes = load_taxonomy("process").map_terms(requirement.processes)
    concepts = tuple(c for term in requirement.processes for c in processes[term])
    text = " ".join([requirement.title, requirement.description, *requirement.processes])
    return Context.of(requirement.materials, concepts, text)


def _role_of(concept: str) -> str | None:
    return taxonomy_traits("process").roles.get(concept)


class PreparedQuery:
    """One requirement, checked and resolved against one index."""

    def __init__(self, index: SupplierIndex, requirement: Requirement) -> None:
        self.index = index
        self.requirement = requirement
        self.needed_by: date = requirement.needed_by
        self._valid: dict[str, NDArray[np.bool_]] = {}  # certificate → who holds it valid
        context = cache(lambda: requirement_context(requirement))
        self.process_matches: list[TermMatch] = [
            index.processes.resolve(term, context) for term in requirement.processes
        ]
        self.material_matches: list[TermMatch] = [
            index.materials.resolve(term) for term in requirement.materials
        ]
        self.required_certs = _certificates(
            requirement.certifications_required, "certifications_required"
        )
        self.preferred_certs = _certificates(
            requirement.certifications_preferred, "certifications_preferred"
        )
        self.delivery = _delivery(requirement)
        self.volume_base: float | None = None
        self.volume_dimension: str | None = None
        if requirement.monthly_volume is not None:
            unit = unit_info(requirement.volume_unit or "pcs")
            if unit is None:
                raise RequirementError(
                    "volume_unit",
                    f"unknown unit '{requirement.volume_unit}' (e.g. pcs, kg, ton, m2)",
                )
            self.volume_base = requirement.monthly_volume * unit.factor
            self.volume_dimension = unit.dimension

    def warnings(self) -> list[str]:
        """Plain-words warnings: requirement terms or a delivery place the engine cannot read."""
        warnings = []
        delivery = self.requirement.delivery
        if delivery is not None and self.delivery is None:
            warnings.append(
                f"delivery regency '{delivery.regency or ''}' not recognised; distance not scored"
            )
        asked = (("process", self.process_matches), ("material", self.material_matches))
        for what, matches in asked:
            for match in matches:
                if not match.concepts:
                    warnings.append(
                        f"{what} '{match.term}' is not recognised and no supplier uses these words"
                    )
                elif match.concepts[0].startswith("text:"):
                    warnings.append(
                        f"{what} '{match.term}' is not in the vocabulary; matched on the words only"
                    )
        return warnings

    @cached_property
    def process_pattern_levels(self) -> NDArray[np.float64]:
        """(n_process_patterns, n_required_processes) best match level per term."""
        return self.index.processes.pattern_levels(self.process_matches)

    @cached_property
    def process_levels(self) -> NDArray[np.float64]:
        """(n_suppliers, n_required_processes) best match level per term."""
        levels: NDArray[np.float64] = self.process_pattern_levels[self.index.processes.row_pattern]
        return levels

    @cached_property
    def material_pattern_levels(self) -> NDArray[np.float64]:
        return self.index.materials.pattern_levels(self.material_matches)

    @cached_property
    def material_levels(self) -> NDArray[np.float64]:
        levels: NDArray[np.float64] = self.material_pattern_levels[self.index.materials.row_pattern]
        return levels

    @cached_property
    def asked_roles(self) -> frozenset[str]:
        """Roles the buyer itself asks for ("repair" for a repair job)."""
        return frozenset(r for m in self.process_matches for c in m.concepts if (r := _role_of(c)))

    @cached_property
    def supplier_role(self) -> NDArray[np.int8]:
        """Per supplier: ROLE_TRADE or ROLE_REPAIR when its processes name that role (toko,
        distributor; servis, perbaikan) or all its KBLI codes are trade or repair codes; else
        ROLE_MAKER. A manufacturing KBLI code makes it a maker all the same. A role the buyer
        itself asks for (a repair job) is no mark against anyone.
        """
        derived = self.index.processes.derived
        key = ("supplier_role", self.asked_roles)
        if key not in derived:
            derived[key] = self._supplier_role(self.asked_roles)
        role: NDArray[np.int8] = derived[key]
        return role

    def _supplier_role(self, asked: frozenset[str]) -> NDArray[np.int8]:
        processes, kbli = self.index.processes, self.index.kbli
        role = np.full(processes.patterns.shape[0], ROLE_MAKER, dtype=np.int8)
        by_kbli = np.full(kbli.code.shape[0], ROLE_MAKER, dtype=np.int8)
        listed = kbli.code >= 0
        # Trade is written last (and is the larger code), so a supplier that both trades and
        # repairs reads as a trader.
        for code in (ROLE_REPAIR, ROLE_TRADE):
            if ROLE_NAMES[code] in asked:
                continue
            role[processes.pattern_has_role(ROLE_NAMES[code])] = code
            only = (np.isin(kbli.division, KBLI_DIVISIONS[code]) | ~listed).all(axis=1)
            by_kbli[only & listed.any(axis=1)] = code
        first, last = MANUFACTURING_DIVISIONS
        makes = np.asarray(((kbli.division >= first) & (kbli.division <= last)).any(axis=1))
        per_supplier: NDArray[np.int8] = np.maximum(
            role[processes.row_pattern], by_kbli[kbli.row_combination]
        )
        per_supplier[makes[kbli.row_combination]] = ROLE_MAKER
        return per_supplier

    @cached_property
    def trade_only(self) -> NDArray[np.bool_]:
        """Per supplier: general trade is its only line of business. It is a trader (see
        `supplier_role`) and either all its KBLI codes are trade codes (46xxx wholesale) or
        one of its entries names trade and nothing else ("toko", "perdagangan umum"). Its
        process words then say what it sells, not what it makes."""
        key = ("trade_only", self.asked_roles)
        derived = self.index.processes.derived
        if key not in derived:
            derived[key] = self._trade_only()
        only: NDArray[np.bool_] = derived[key]
        return only

    def _trade_only(self) -> NDArray[np.bool_]:
        kbli = self.index.kbli
        listed = kbli.code >= 0
        trade_code = np.isin(kbli.division, KBLI_DIVISIONS[ROLE_TRADE]) | ~listed
        all_trade = np.asarray(trade_code.all(axis=1) & listed.any(axis=1))
        registered: NDArray[np.bool_] = all_trade[kbli.row_combination]
        declared = self.index.processes.declares_role.get(ROLE_NAMES[ROLE_TRADE])
        if declared is not None:
            registered = registered | declared
        only: NDArray[np.bool_] = (self.supplier_role == ROLE_TRADE) & registered
        return only

    @cached_property
    def distance_km(self) -> NDArray[np.float64]:
        """Distance to the delivery point; NaN when the supplier's location is unknown."""
        if self.delivery is None:
            return np.full(len(self.index), np.nan)
        return distances_from(self.index.location_vectors, self.delivery.lat, self.delivery.lon)

    @cached_property
    def location_unknown(self) -> NDArray[np.bool_]:
        """Suppliers with neither coordinates nor a recognised regency."""
        unknown: NDArray[np.bool_] = self.index.location_source == LOCATION_UNKNOWN
        return unknown

    def holds_valid(self, certificate: CertificationName) -> NDArray[np.bool_]:
        """Who holds `certificate` valid on needed_by (and with enough TKDN share, if asked)."""
        key = str(certificate)
        if key not in self._valid:
            valid = np.zeros(len(self.index), dtype=bool)
            holders = self.index.certificates.get(certificate.base)
            if holders is not None:
                ok = holders.expiry >= self.needed_by.toordinal()
                if certificate.percentage is not None:
                    # A TKDN certificate without a stated share cannot prove the share asked for.
                    ok &= np.nan_to_num(holders.percentage, nan=-1.0) >= certificate.percentage
                valid[holders.rows[ok]] = True
            self._valid[key] = valid
        return self._valid[key]
