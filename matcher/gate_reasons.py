"""Why a supplier failed a hard gate, as codes (matcher/reasons.py).

The contract's English sentences (`matcher.constraints.exclusion_reasons`) are these reasons
rendered, so every exclusion has its code and pages can say it in their own language.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from matcher.certs import CertificationName, parse_certification
from matcher.query import PreparedQuery
from matcher.reasons import Reason


def _certificate_reason(query: PreparedQuery, row: int, wanted: CertificationName) -> Reason | None:
    if query.holds_valid(wanted)[row]:
        return None
    held = [
        (cert, parsed)
        for cert in query.index.records[row].certifications
        if (parsed := parse_certification(cert.name)) is not None and parsed.base == wanted.base
    ]
    if not held:
        return Reason("cert_not_held", {"cert": str(wanted)})
    if wanted.percentage is not None:
        shares = [p.percentage for _, p in held if p.percentage is not None]
        in_date = [c for c, _ in held if c.valid_until is None or c.valid_until >= query.needed_by]
        if in_date and not shares:
            return Reason("cert_share_unstated", {"base": wanted.base, "cert": str(wanted)})
        if in_date and max(shares) < wanted.percentage:
            return Reason(
                "cert_share_below",
                {"base": wanted.base, "share": max(shares), "required": wanted.percentage},
            )
    latest = max(c.valid_until or date.max for c, _ in held)
    return Reason(
        "cert_expired",
        {
            "base": wanted.base,
            "expired": latest.isoformat(),
            "needed_by": query.needed_by.isoformat(),
        },
    )


def gate_reasons(query: PreparedQuery, row: int) -> list[Reason]:
    """Why supplier `row` is excluded, as reasons; empty when it is eligible."""
    reasons = [
        reason
        for wanted in query.required_certs
        if (reason := _certificate_reason(query, row, wanted)) is not None
    ]
    delivery = query.delivery
    if delivery is not None and delivery.max_distance_km is not None:
        distance = float(query.distance_km[row])
        if np.isnan(distance):
            reasons.append(Reason("location_unknown"))
        elif distance > delivery.max_distance_km:
            reasons.append(
                Reason(
                    "too_far",
                    {
                        "distance": distance,
                        "place": delivery.name,
                        "max_km": delivery.max_distance_km,
                    },
                )
            )
    return reasons
