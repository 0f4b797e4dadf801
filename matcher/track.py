"""Track record: does the supplier already supply this buyer or its group; tier; cluster."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from matcher.index import SupplierIndex, company_key

SAME_COMPANY_CUTOFF = 90.0
SAME_COMPANY, SAME_GROUP = 1.0, 0.6
PARTNERS_FOR_FULL = 3.0
TIER_SCORE = {1: 1.0, 2: 0.7, 3: 0.4}
WEIGHT_LINK, WEIGHT_PARTNERS, WEIGHT_TIER, WEIGHT_CLUSTER = 0.5, 0.2, 0.2, 0.1


def partner_link_levels(index: SupplierIndex, buyer: str) -> NDArray[np.float64]:
    """Per partner name: 1.0 the buyer itself, 0.6 the same group (same first word), else 0."""
    levels = np.zeros(len(index.partner_names))
    key = company_key(buyer)
    if not key or not index.partner_names:
        return levels
    same = process.cdist([key], index.partner_names, scorer=fuzz.token_sort_ratio, workers=-1)[0]
    group = key.split()[0]
    same_group = np.array([name.split()[0] == group for name in index.partner_names])
    levels[same_group & (len(group) >= 3)] = SAME_GROUP
    levels[same >= SAME_COMPANY_CUTOFF] = SAME_COMPANY
    return levels


def buyer_link(index: SupplierIndex, buyer: str) -> NDArray[np.float64]:
    """Per supplier: best link of any of its partners to the buyer."""
    levels = partner_link_levels(index, buyer)
    link = np.zeros(len(index))
    for level in (SAME_GROUP, SAME_COMPANY):
        hit = np.asarray(index.partners @ (levels >= level).astype(np.float32)).ravel() > 0
        link[hit] = level
    return link


def track_record_scores(index: SupplierIndex, buyer: str) -> NDArray[np.float64]:
    tier = np.zeros(len(index))
    for value, score in TIER_SCORE.items():
        tier[index.tier == value] = score
    result: NDArray[np.float64] = (
        WEIGHT_LINK * buyer_link(index, buyer)
        + WEIGHT_PARTNERS * np.minimum(index.partner_count / PARTNERS_FOR_FULL, 1.0)
        + WEIGHT_TIER * tier
        + WEIGHT_CLUSTER * index.in_cluster
    )
    return result
