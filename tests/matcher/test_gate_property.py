"""Property: the vectorised gates agree with a plain per-supplier reading of contract section 2."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.geo import haversine_km, regency_centroid
from matcher.index import SupplierIndex
from matcher.scoring import rank
from matcher.types import Certification, Delivery, SupplierRecord
from tests.matcher.builders import requirement, supplier

NEEDED_BY = date(2027, 3, 1)
PLACES = ["Kab. Tegal", "Kota Cilegon", "Kab. Bekasi", "Karawang", "kab. kendal", "Antah Berantah"]
CERTS = ["ISO 9001", "iso-9001", "SNI", "Halal", "IATF16949"]

certificate = st.builds(
    Certification,
    st.sampled_from(CERTS),
    st.one_of(st.none(), st.integers(-3, 3).map(lambda d: NEEDED_BY + timedelta(days=d))),
)
supplier_strategy = st.builds(
    lambda i, place, certs, own: supplier(
        f"S{i}",
        regency=place,
        certifications=tuple(certs),
        lat=-6.3 if own else None,
        lon=107.5 if own else None,
    ),
    st.integers(0, 10_000),
    st.sampled_from(PLACES),
    st.lists(certificate, max_size=3),
    st.booleans(),
)


def _passes(record: SupplierRecord, required: list[str], max_km: float | None) -> bool:
    for wanted in required:
        if not any(
            c.name.replace("-", " ").upper().startswith(wanted.upper())
            and (c.valid_until is None or c.valid_until >= NEEDED_BY)
            for c in record.certifications
        ):
            return False
    if max_km is None:
        return True
    if record.lat is not None and record.lon is not None:
        point: tuple[float, float] | None = (record.lat, record.lon)
    else:
        point = regency_centroid(record.regency)
    return point is not None and float(haversine_km(*point, -6.30, 107.15)) <= max_km


@settings(max_examples=40, deadline=None)
@given(
    records=st.lists(supplier_strategy, min_size=1, max_size=8, unique_by=lambda r: r.supplier_id),
    required=st.lists(st.sampled_from(["ISO 9001", "SNI", "Halal"]), max_size=2, unique=True),
    max_km=st.one_of(st.none(), st.sampled_from([20.0, 120.0, 300.0])),
)
def test_gates_agree_with_a_plain_reading(
    records: list[SupplierRecord], required: list[str], max_km: float | None
) -> None:
    index = SupplierIndex.build(records)
    req = requirement(
        needed_by=NEEDED_BY,
        certifications_required=tuple(required),
        delivery=Delivery(lat=-6.30, lon=107.15, max_distance_km=max_km),
    )
    shortlist = rank(index, req, top=len(records), include_ineligible=True)
    for entry in shortlist.results:
        record = next(r for r in records if r.supplier_id == entry.supplier_id)
        assert entry.eligible == _passes(record, required, max_km)
        assert entry.eligible == (entry.excluded_because == [])
    eligible_flags = [e.eligible for e in shortlist.results]
    assert eligible_flags == sorted(eligible_flags, reverse=True)  # eligible ones come first
