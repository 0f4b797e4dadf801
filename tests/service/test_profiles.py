"""Versioned weights profiles: every change a new version, bad profiles never stored."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matcher.errors import ProfileError
from matcher.profile import WeightsProfile
from models import WeightProfileRecord
from service.profiles import (
    activate_profile,
    copy_profile,
    create_profile,
    diff_profiles,
    edit_profile,
    get_profile,
    list_profiles,
    parse_weight_settings,
)
from service.shortlists import active_profile
from tests.service.conftest import Api
from tests.service.helpers import dump

pytestmark = pytest.mark.db
DEKAT = {"capability": 0.4, "distance": 0.4, "capacity": 0.2}


def test_editing_saves_a_new_version_and_keeps_the_old(engine: Engine):
    with Session(engine) as session:
        create_profile(session, "dekat-pabrik", DEKAT, actor="analis")
        edited = edit_profile(session, "dekat-pabrik", {"distance": 0.6}, actor="analis")
        assert edited.version == 2
        assert get_profile(session, "dekat-pabrik", 1).weight("distance") == 0.4
        assert get_profile(session, "dekat-pabrik").weight("distance") == 0.6
        assert get_profile(session, "dekat-pabrik").weight("capability") == 0.4
        assert [(r.name, r.version) for r in list_profiles(session)] == [
            ("dekat-pabrik", 1),
            ("dekat-pabrik", 2),
        ]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"capability": 0.5, "harga": 0.5}, "unknown feature 'harga'"),
        ({"capability": 0.5, "distance": -0.2}, "must be zero or more"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_is_stored(engine: Engine, weights, message):
    before = dump(engine)
    with Session(engine) as session, pytest.raises(ProfileError, match=message):
        create_profile(session, "salah", weights, actor="analis")
    with Session(engine) as session:
        create_profile(session, "benar", DEKAT, actor="analis")
        before_edit = dump(engine)
        with pytest.raises(ProfileError, match="unknown feature 'harga'"):
            edit_profile(session, "benar", {"harga": 0.1}, actor="analis")
    assert dump(engine) == before_edit
    assert "salah" not in str(before_edit) and before["weight_profile"] == []


def test_activating_switches_what_shortlists_use(engine: Engine):
    with Session(engine) as session:
        assert active_profile(session).name == "default"  # nothing activated yet
        create_profile(session, "dekat-pabrik", DEKAT, actor="analis")
        edit_profile(session, "dekat-pabrik", {"distance": 0.7}, actor="analis")
        activate_profile(session, "dekat-pabrik", 1, actor="analis")
        chosen = active_profile(session)
        assert (chosen.name, chosen.version) == ("dekat-pabrik", 1)
        activate_profile(session, "default", actor="analis")
        assert active_profile(session).name == "default"
        assert sum(r.active for r in list_profiles(session)) == 1


def test_copy_starts_a_new_name_from_existing_weights(engine: Engine):
    with Session(engine) as session:
        copied = copy_profile(session, "default", "kendal-2027", actor="analis")
        assert copied.version == 1
        assert copied.weights == WeightsProfile.load_default().weights
        with pytest.raises(ProfileError, match="already exists"):
            copy_profile(session, "default", "kendal-2027", actor="analis")
        with pytest.raises(ProfileError, match="'tidak-ada' not found"):
            copy_profile(session, "tidak-ada", "x", actor="analis")


def test_diff_lists_every_feature_and_the_sums():
    a = WeightsProfile("a", 1, {"capability": 0.5, "distance": 0.5})
    b = WeightsProfile("a", 2, {"capability": 0.7, "distance": 0.2, "text": 0.1})
    changes = {c.feature: c for c in diff_profiles(a, b)}
    assert changes["distance"].change == pytest.approx(-0.3)
    assert changes["text"].before == 0.0 and changes["text"].after == 0.1
    assert changes["sum"].before == pytest.approx(1.0)


def test_weight_settings_from_the_command_line():
    assert parse_weight_settings(["capability=0,4", "text=0.1"]) == {"capability": 0.4, "text": 0.1}
    with pytest.raises(ProfileError, match="'distance' must look like"):
        parse_weight_settings(["distance", "capability=x"])


def test_saving_default_comes_after_the_bundled_version(engine: Engine):
    bundled = WeightsProfile.load_default()
    with Session(engine) as session:
        # An old database holds version 1 of the default, saved before v2 was bundled.
        weights = WeightsProfile.load_default().to_json()["weights"]
        session.add(WeightProfileRecord(name="default", version=1, weights=weights))
        session.commit()
        save = edit_profile(session, "default", {"distance": 0.2}, actor="analis")
        assert save.version == bundled.version + 1
        again = edit_profile(session, "default", {"distance": 0.1}, actor="analis")
        assert again.version == bundled.version + 2


def test_the_api_uses_the_same_versions_as_the_command_line(
    api: Api, analyst: dict[str, str]
) -> None:
    bundled = WeightsProfile.load_default()
    listed = api.client.get("/api/profiles", headers=analyst).json()
    assert [(p["name"], p["version"], p["active"]) for p in listed] == [
        ("default", bundled.version, True)
    ]
    shipped = api.client.get(f"/api/profiles/default/{bundled.version}", headers=analyst)
    assert shipped.status_code == 200 and shipped.json()["stored"] is False
    saved = api.client.post(
        "/api/profiles",
        json={"name": "default", "weights": {"capability": 0.6, "distance": 0.4}},
        headers=analyst,
    ).json()
    assert saved["version"] == bundled.version + 1
    # Going back to the shipped weights is recorded like any other activation.
    back = api.client.post(f"/api/profiles/default/{bundled.version}/activate", headers=analyst)
    assert back.status_code == 200 and back.json()["active"] is True
    with Session(api.engine) as session:
        assert [r.version for r in list_profiles(session) if r.active] == [bundled.version]
