"""Each sentence of a consortium proposal's `why` has a code that says exactly it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from matcher.consortium import propose_consortia
from matcher.index import SupplierIndex
from matcher.reasons import ENGLISH, PARAMS, render_json
from matcher.types import Delivery
from tests.matcher.test_consortium import PIN_SUPPLIERS, pin_requirement


@pytest.fixture(scope="module")
def pin_index() -> SupplierIndex:
    return SupplierIndex.build(PIN_SUPPLIERS)


def _proposals(index: SupplierIndex, **fields: object) -> list[dict[str, Any]]:
    proposals = propose_consortia(index, pin_requirement(**fields), n=3)
    assert proposals
    return proposals


@pytest.mark.parametrize(
    "fields",
    [
        {},  # three members, a volume, a certificate and a distance limit
        {"monthly_volume": None, "certifications_required": (), "delivery": None},
        {"monthly_volume": 2.5},  # a volume that is not a whole number
    ],
)
def test_every_why_sentence_has_a_code_saying_exactly_it(
    pin_index: SupplierIndex, fields: dict[str, object]
) -> None:
    for proposal in _proposals(pin_index, **fields):
        codes = json.loads(json.dumps(proposal["why_codes"]))  # as an API client reads it
        assert len(codes) == len(proposal["why"])
        for reason, sentence in zip(codes, proposal["why"], strict=True):
            assert reason["code"].startswith("consortium_"), reason
            assert set(reason["params"]) == PARAMS[reason["code"]]
            assert render_json(reason, ENGLISH, "en") == sentence


def test_codes_carry_who_does_what_and_how_far_apart(pin_index: SupplierIndex) -> None:
    best = _proposals(pin_index)[0]
    by_code = {r["code"]: r["params"] for r in best["why_codes"]}
    doers = {d["process"]: set(d["members"]) for d in by_code["consortium_covers"]["doers"]}
    assert doers["chrome plating"] == {"T03"}
    assert doers["CNC turning"] | doers["milling"] <= {"T01", "T02"}
    assert by_code["consortium_all_in"] == {"count": 3, "groups": ["LIK Takaru"]}
    assert by_code["consortium_volume_exact"] == {"volume": 50_000, "volume_unit": "pcs"}
    assert by_code["consortium_certs_valid"] == {"certs": ["ISO 9001"], "date": "2027-03-01"}
    assert by_code["consortium_within"] == {"max_km": 400, "place": "Kab. Karawang"}
    pair = by_code["consortium_farthest_pair"]
    assert {pair["first"], pair["second"]} <= {"T01", "T02", "T03"} and pair["distance"] < 5


def test_english_sentences_read_as_before(pin_index: SupplierIndex) -> None:
    why = _proposals(pin_index, monthly_volume=2.5)[0]["why"]
    assert why[0].startswith("together cover every required process: CNC turning (")
    assert "every process gets the 2.5 pcs a month asked, within capacities" in why
    assert "every member holds ISO 9001 valid on 2027-03-01" in why
    assert "every member is within 400 km of Kab. Karawang" in why
    assert why[-1] == "no single eligible supplier covers every process with enough capacity"


def test_two_members_far_apart_without_a_shared_cluster() -> None:
    # Only the Kendal lathe shop can turn; the plater of LIK Takaru is 100+ km away.
    kendal_and_takaru = [s for s in PIN_SUPPLIERS if s.supplier_id in {"K01", "T03"}]
    index = SupplierIndex.build(kendal_and_takaru)
    asked = {"monthly_volume": 20_000, "delivery": Delivery(regency="Kab. Kendal")}
    (proposal,) = _proposals(index, **asked)
    codes = [r["code"] for r in proposal["why_codes"]]
    assert "consortium_pair_apart" in codes and "consortium_both_in" not in codes
    assert "K01 and T03 are 112 km apart" in proposal["why"]
    assert "every member holds ISO 9001 valid on 2027-03-01" in proposal["why"]
    assert not any(s.startswith("every member is within") for s in proposal["why"])
