"""Mitra's scoring engine: rank suppliers for a buyer's requirement and explain every rank.

Typical use::

    index = SupplierIndex.build(records)
    shortlist = rank(index, requirement, top=10)
    shortlist.to_json()
"""

from matcher.certs import canonical_certification
from matcher.features import FEATURES, FeatureMatrix, feature_matrix
from matcher.geo import haversine_km, regency_centroid, resolve_regency
from matcher.index import SupplierIndex
from matcher.kbli import is_known_kbli, kbli_title
from matcher.profile import FEATURE_NAMES, WeightsProfile
from matcher.scoring import rank
from matcher.shortlist import Shortlist, ShortlistEntry
from matcher.units import convert_quantity, normalise_unit
from matcher.vocab import suggest_terms

__all__ = [
    "FEATURES",
    "FEATURE_NAMES",
    "FeatureMatrix",
    "Shortlist",
    "ShortlistEntry",
    "SupplierIndex",
    "WeightsProfile",
    "canonical_certification",
    "convert_quantity",
    "feature_matrix",
    "haversine_km",
    "is_known_kbli",
    "kbli_title",
    "normalise_unit",
    "rank",
    "regency_centroid",
    "resolve_regency",
    "suggest_terms",
]
