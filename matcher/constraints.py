"""Hard gates (contract section 2): a supplier failing one is not eligible.

1. Every required certificate held and valid on `needed_by`. A certificate valid until the
   day before `needed_by` fails; valid until that very day passes; no date is taken as
   valid (the explanation says so).
2. Distance to the delivery point within `max_distance_km`, when given. An unknown location
   fails this gate with "location unknown": it is never taken as distance zero.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from matcher.certs import CertificationName, parse_certification
from matcher.query import PreparedQuery


def eligible_mask(query: PreparedQuery) -> NDArray[np.bool_]:
    """True for suppliers that pass every gate."""
    eligible = np.ones(len(query.index), dtype=bool)
    for certificate in query.required_certs:
        eligible &= query.holds_valid(certificate)
    if query.delivery is not None and query.delivery.max_distance_km is not None:
        # NaN (location unknown) compares False: unknown never passes a distance gate.
        eligible &= query.distance_km <= query.delivery.max_distance_km
    return eligible


def _certificate_reason(query: PreparedQuery, row: int, wanted: CertificationName) -> str | None:
    if query.holds_valid(wanted)[row]:
        return None
    needed_by = query.needed_by.isoformat()
    held = [
        (cert, parsed)
        for cert in query.index.records[row].certifications
        if (parsed := parse_certification(cert.name)) is not None and parsed.base == wanted.base
    ]
    if not held:
        return f"no valid {wanted}"
    if wanted.percentage is not None:
        shares = [p.percentage for _, p in held if p.percentage is not None]
        in_date = [c for c, _ in held if c.valid_until is None or c.valid_until >= query.needed_by]
        if in_date and not shares:
            return f"{wanted.base} share not stated; {wanted} required"
        if in_date and max(shares) < wanted.percentage:
            return f"{wanted.base} {max(shares):g}% is below the required {wanted.percentage:g}%"
    latest = max(c.valid_until or date.max for c, _ in held)
    return f"{wanted.base} expired on {latest.isoformat()}, before needed_by {needed_by}"


def exclusion_reasons(query: PreparedQuery, row: int) -> list[str]:
    """Why supplier `row` is excluded, in plain words; empty when it is eligible."""
    reasons = [
        reason
        for wanted in query.required_certs
        if (reason := _certificate_reason(query, row, wanted)) is not None
    ]
    delivery = query.delivery
    if delivery is not None and delivery.max_distance_km is not None:
        distance = float(query.distance_km[row])
        if np.isnan(distance):
            reasons.append("location unknown")
        elif distance > delivery.max_distance_km:
            reasons.append(
                f"{distance:.0f} km from {delivery.name}, beyond {delivery.max_distance_km:g} km"
            )
    return reasons


class ExclusionReasons(Mapping[int, list[str]]):
    """Reasons per excluded supplier row, worked out only when asked for (rows can be millions)."""

    def __init__(self, query: PreparedQuery, eligible: NDArray[np.bool_]) -> None:
        self._query = query
        self._eligible = eligible

    @cached_property
    def _excluded(self) -> NDArray[np.intp]:
        # Found only when listed: a shortlist looks up a few rows and never needs them all.
        return np.flatnonzero(~self._eligible)

    def __getitem__(self, row: int) -> list[str]:
        if not 0 <= row < len(self._eligible) or self._eligible[row]:
            raise KeyError(row)
        return exclusion_reasons(self._query, row)

    def __iter__(self) -> Iterator[int]:
        return (int(row) for row in self._excluded)

    def __len__(self) -> int:
        return len(self._excluded)
