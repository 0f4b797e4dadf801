"""Hard gates (contract section 2): a supplier failing one is not eligible.

1. Every required certificate held and valid on `needed_by`. A certificate valid until the
   day before `needed_by` fails; valid until that very day passes; no date is taken as
   valid (the explanation says so).
2. Distance to the delivery point within `max_distance_km`, when given. An unknown location
   fails this gate with "location unknown": it is never taken as distance zero.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from matcher.gate_reasons import gate_reasons
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


def exclusion_reasons(query: PreparedQuery, row: int) -> list[str]:
    """Why supplier `row` is excluded, in plain words; empty when it is eligible.

    The sentences are the English of the coded reasons (matcher/gate_reasons.py), so the
    contract's text and the codes pages translate can never tell different stories.
    """
    return [reason.english() for reason in gate_reasons(query, row)]


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
