"""Track record: does the supplier already supply this buyer or its group; tier; cluster.

Levels, weighted into one value in [0, 1]:
  0.5 × partner link: 1.0 the buyer itself is a partner, 0.6 a company of the buyer's group
        (same first name word: Astra Otoparts ~ Astra Honda Motor), else 0
  0.2 × number of partners, full at 3 or more
  0.2 × tier: tier 1 → 1.0, tier 2 → 0.7, tier 3 → 0.4, unknown → 0
  0.1 × member of a cluster (sentra) or cooperative
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from matcher.text import company_key

if TYPE_CHECKING:
    from matcher.index import SupplierIndex

SAME_COMPANY_CUTOFF = 90.0
SAME_COMPANY, SAME_GROUP = 1.0, 0.6
PARTNERS_FOR_FULL = 3.0
TIER_SCORE = {1: 1.0, 2: 0.7, 3: 0.4}
WEIGHT_LINK, WEIGHT_PARTNERS, WEIGHT_TIER, WEIGHT_CLUSTER = 0.5, 0.2, 0.2, 0.1
MIN_GROUP_WORD = 3  # "PT AB" is no group name


def static_track_record(
    partner_count: NDArray[np.float64], tier: NDArray[np.float64], in_cluster: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """The part of the track record that does not depend on the buyer (computed at build)."""
    tier_score = np.zeros(len(tier))
    for value, score in TIER_SCORE.items():
        tier_score[tier == value] = score
    result: NDArray[np.float64] = (
        WEIGHT_PARTNERS * np.minimum(partner_count / PARTNERS_FOR_FULL, 1.0)
        + WEIGHT_TIER * tier_score
        + WEIGHT_CLUSTER * in_cluster
    )
    return result


def partner_link_levels(partner_names: list[str], buyer: str) -> NDArray[np.float64]:
    """Per partner name: 1.0 the buyer itself, 0.6 the same group, else 0."""
    levels = np.zeros(len(partner_names))
    key = company_key(buyer)
    if not key or not partner_names:
        return levels
    workers = -1 if len(partner_names) > 10_000 else 1  # threads only pay off on long lists
    same = process.cdist([key], partner_names, scorer=fuzz.token_sort_ratio, workers=workers)[0]
    group = key.split()[0]
    if len(group) >= MIN_GROUP_WORD:
        levels[[name.split()[0] == group for name in partner_names]] = SAME_GROUP
    levels[same >= SAME_COMPANY_CUTOFF] = SAME_COMPANY
    return levels


def buyer_link(index: SupplierIndex, buyer: str) -> NDArray[np.float64]:
    """Per supplier: the best link of any of its partners to the buyer.

    Only the suppliers listed under a linked partner name are touched (one column slice).
    """
    levels = partner_link_levels(index.partner_names, buyer)
    link = np.zeros(len(index))
    for level in (SAME_GROUP, SAME_COMPANY):  # ascending, so the better link wins
        columns = np.flatnonzero(levels >= level)
        if columns.size:
            link[index.partners[:, columns].indices] = level
    return link


def track_record_scores(index: SupplierIndex, buyer: str) -> NDArray[np.float64]:
    result: NDArray[np.float64] = index.track_static + WEIGHT_LINK * buyer_link(index, buyer)
    return result
