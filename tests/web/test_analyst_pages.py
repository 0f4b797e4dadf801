"""Analysts' pages: weight profiles and the evaluation report against recorded outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from models import RequirementRecord
from models.requirement import parse_requirement, requirement_to_json
from service.importer import import_suppliers
from service.outcomes import import_outcomes
from tests.web.conftest import SignedIn, Site

pytestmark = pytest.mark.db

DEMO = Path(__file__).parents[2] / "mitra" / "data"


@pytest.fixture
def analyst(site: Site) -> SignedIn:
    return site.signed_in("analis")


def test_profiles_page_shows_the_weights_in_use(site: Site, analyst: SignedIn) -> None:
    page = analyst.get("/profil").text
    assert "default v" in page and "dipakai" in page
    assert "proses" in page and 'class="seg seg-0" style="width:' in page


def test_report_says_what_is_missing_before_any_outcome(site: Site, analyst: SignedIn) -> None:
    answer = analyst.get("/laporan")
    assert answer.status_code == 404
    assert "mitra import outcomes" in answer.text


def test_report_replays_past_requirements_against_outcomes(site: Site, analyst: SignedIn) -> None:
    engine = site.app.state.engine
    import_suppliers(engine, DEMO / "demo_suppliers.csv")
    with Session(engine) as session:
        for document in json.loads((DEMO / "demo_requirements.json").read_text("utf-8")):
            requirement = parse_requirement(document)
            session.add(
                RequirementRecord(
                    requirement_id=requirement.requirement_id,
                    buyer=requirement.buyer,
                    document=requirement_to_json(requirement),
                )
            )
        session.commit()
    import_outcomes(engine, DEMO / "demo_outcomes.csv")
    report = analyst.get("/laporan")
    assert report.status_code == 200
    assert "weights evaluation: default" in report.text
    assert report.text.count('src="data:image/png;base64,') == 3  # offline: plots inlined
    assert "REQ-2027-001" in report.text


def test_buyers_do_not_get_the_report(site: Site) -> None:
    assert site.signed_in("buyer-astra").get("/laporan").status_code == 403
