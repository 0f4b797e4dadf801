"""Every word on the pages exists in Bahasa Indonesia and in English."""

from __future__ import annotations

import re
from pathlib import Path

from service.web.i18n import EN, ID, translator

WEB = Path(__file__).parents[2] / "service" / "web"


def used_keys() -> set[str]:
    """Keys named literally in templates (`t('key')`, the form macro's label and hint) and
    the message keys the page modules pass to templates."""
    found: set[str] = set()
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        found |= set(re.findall(r"\bt\('([a-z0-9_]+)'", text))
        for label, hint in re.findall(
            r"field\('[a-z_]+', '([a-z0-9_]+)'(?:, '([a-z0-9_]*)')?", text
        ):
            found |= {label, hint} - {""}
    prefixes = "msg_|err_|upload_|signin_|event_err_|buyer_err_|schedule_unavailable"
    message = re.compile(rf'"((?:{prefixes})[a-z_]*)"')
    for module in WEB.glob("*.py"):
        found |= set(message.findall(module.read_text(encoding="utf-8")))
    # Keys built from a prefix ('role_' ~ user.role) are checked family by family below.
    return {key for key in found if not key.endswith("_")}


def test_both_languages_have_the_same_words() -> None:
    assert sorted(set(ID) - set(EN)) == []
    assert sorted(set(EN) - set(ID)) == []


def test_every_key_the_pages_use_is_translated() -> None:
    missing = sorted(key for key in used_keys() if key not in ID)
    assert missing == []


def test_role_job_and_feature_names_are_translated() -> None:
    families = {
        "role_": ("organizer", "buyer", "analyst"),
        "job_": ("queued", "running", "done", "failed"),
        "status_": ("optimal", "feasible", "infeasible"),
        "mode_": ("in", "out"),
        "feat_": ("capability", "material", "certification", "capacity", "distance"),
    }
    for prefix, names in families.items():
        for name in names:
            assert prefix + name in ID and prefix + name in EN


def test_values_are_filled_in_and_unknown_keys_show_themselves() -> None:
    assert translator("id")("suppliers_count", n=12) == "12 pemasok"
    assert translator("en")("suppliers_count", n=12) == "12 suppliers"
    assert translator("en")("tidak_ada") == "tidak_ada"
