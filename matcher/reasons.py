"""Stable codes for every explanation sentence, so a page can say it in its own language.

Each gap, note, exclusion reason and capacity note of a shortlist entry is a `Reason`: a code
from `ENGLISH` and its parameters. The English sentence in the shortlist JSON is that reason
rendered with `ENGLISH`, so the code and the text never disagree; a page renders the same
reason with another catalogue (same codes, same fields) and `lang` for number and date style.
The ranking-tier notes (matcher/evidence.py) are reasons too, added with their code.

Fields in a template are `str.format` fields with these format specs:
`n` a quantity (20,000 / 2.5), `g` a short number, `.0f` a whole number, `q` a list of
quoted words, `list` a plain list, `date` an ISO date, `claims` a trader's own words and KBLI codes,
`d` a count; for the consortium sentences (matcher/consortium_why.py) `v` a volume (three
significant digits unless whole), `and` a list joined by "and", `doers` each process with the
members doing it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

Param = str | int | float | list[str] | dict[str, list[str]] | list[dict[str, Any]] | None

ENGLISH: dict[str, str] = {
    # process and material terms (matcher/explain.py)
    "process_missing": "required process '{term}' not offered",
    "process_missing_main": "required process '{term}' not offered (the main process)",
    "process_broader": "'{term}': only the general trade '{entry}' is listed (counts {share}%)",
    "process_sibling": "'{term}': only a related variant, '{entry}' (counts {share}%)",
    "process_family": "'{term}': only a distant relative, '{entry}' (counts {share}%)",
    "material_broader": "'{term}': listed only as '{entry}' (counts {share}%)",
    "material_sibling": "'{term}' not listed; the nearest is '{entry}' (counts {share}%)",
    "material_family": "'{term}' not listed; only the more distant '{entry}' (counts {share}%)",
    "material_unstated": "no material stated; material fit unknown",
    "material_missing": "material '{term}' not listed (works with {listed:q})",
    "role_trade": (
        "a trader or distributor, not a maker ({claims:claims}): its process matches count {share}%"
    ),
    "role_repair": "a repair or service shop ({claims:claims}): its process matches count {share}%",
    # certificates, KBLI, capacity, location
    "preferred_cert_missing": "preferred certification {cert} missing",
    "cert_undated": "{cert} has no expiry date; taken as valid on {date:date}",
    "kbli_unrelated": "no KBLI code related to {kbli:list}",
    "capacity_unit_incomparable": (
        "capacity counted in '{unit}', which cannot be compared with '{volume_unit}'; "
        "capacity fit unknown"
    ),
    "capacity_unit_unknown": "capacity unit '{unit}' is not known; capacity fit unknown",
    "capacity_unknown": "capacity unknown for {volume:n} {volume_unit}/month",
    "capacity_covers": (
        "covers {volume:n} {volume_unit}/month (capacity {capacity:n} {capacity_unit}/month)"
    ),
    "capacity_partial": "covers {share}% of {volume:n} {volume_unit}/month",
    "location_unknown_neutral": "location unknown; distance scored as neutral",
    "no_required_process": (
        "offers none of the required processes; listed after every supplier that does"
    ),
    "location_centre_point": "location taken from the {regency} centre point",
    # ranking tiers (matcher/evidence.py, added to the notes by matcher/scoring.py)
    "trade_only_main": (
        "trader only: no own production of '{term}'; listed after every supplier that makes it"
    ),
    "general_trade_main": (
        "only the general trade of the main process '{term}'; "
        "listed after every supplier that does it"
    ),
    "distant_relative_main": (
        "only a distant relative of the main process '{term}'; "
        "listed after every supplier that does it"
    ),
    # hard gates (matcher/constraints.py)
    "cert_not_held": "no valid {cert}",
    "cert_share_unstated": "{base} share not stated; {cert} required",
    "cert_share_below": "{base} {share:g}% is below the required {required:g}%",
    "cert_expired": "{base} expired on {expired:date}, before needed_by {needed_by:date}",
    "location_unknown": "location unknown",
    "too_far": "{distance:.0f} km from {place}, beyond {max_km:g} km",
    # why a consortium proposal was chosen (matcher/consortium_why.py)
    "consortium_covers": "together cover every required process: {doers:doers}",
    "consortium_volume_exact": (
        "every process gets the {volume:v} {volume_unit} a month asked, within capacities"
    ),
    "consortium_volume_at_least": (
        "every process gets at least the {volume:v} {volume_unit} a month asked, within capacities"
    ),
    "consortium_both_in": "both members in {groups:and}",
    "consortium_all_in": "all {count:d} members in {groups:and}",
    "consortium_some_in": "{in_group:d} of {count:d} members in {group}",
    "consortium_spread_unknown": (
        "some members' locations are unknown, so how far apart they are is unknown"
    ),
    "consortium_pair_apart": "{first} and {second} are {distance:.0f} km apart",
    "consortium_farthest_pair": (
        "{first} and {second} are {distance:.0f} km apart (the farthest pair)"
    ),
    "consortium_certs_valid": "every member holds {certs:list} valid on {date:date}",
    "consortium_within": "every member is within {max_km:g} km of {place}",
    "consortium_no_single": "no single eligible supplier covers every process",
    "consortium_no_single_capacity": (
        "no single eligible supplier covers every process with enough capacity"
    ),
    # A sentence the engine wrote without a code (its wording changed and this module was not
    # told): shown as written rather than lost.
    "uncoded": "{text}",
}
CODES: frozenset[str] = frozenset(ENGLISH)
# Parameters a code carries beyond those its English sentence shows, for other wordings.
EXTRA_PARAMS: dict[str, frozenset[str]] = {
    "capacity_partial": frozenset({"capacity", "capacity_unit"}),
}


def fields_of(template: str) -> frozenset[str]:
    """The parameter names a template uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


# Exactly the parameters each code carries: what a translation may use.
PARAMS: dict[str, frozenset[str]] = {
    code: fields_of(template) | EXTRA_PARAMS.get(code, frozenset())
    for code, template in ENGLISH.items()
}

MONTHS_ID = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()


@dataclass(frozen=True)
class Reason:
    """One explanation sentence as a code and its parameters (plain JSON values)."""

    code: str
    params: dict[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown explanation code '{self.code}'")
        if set(self.params) != PARAMS[self.code]:
            raise ValueError(f"explanation '{self.code}' needs {sorted(PARAMS[self.code])}")

    def english(self) -> str:
        return self._english

    @cached_property
    def _english(self) -> str:
        # Rendered once: the entry's text and its code alignment both ask for it.
        return render(self.code, self.params, ENGLISH, "en")

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


def uncoded(text: str) -> Reason:
    return Reason("uncoded", {"text": text})


def _localised(text: str, lang: str) -> str:
    """English digits → Indonesian: 20,000.5 → 20.000,5."""
    return text.translate(str.maketrans(",.", ".,")) if lang == "id" else text


def _quantity(value: float) -> str:
    """20000 → "20,000"; 2.5 → "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _date(value: str, lang: str) -> str:
    """ISO date as is in English; "28 Februari 2027" in Indonesian."""
    if lang != "id":
        return value
    day = date.fromisoformat(value)
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "n":
            return _localised(_quantity(value), self.lang)
        if format_spec in ("g", ".0f"):
            return _localised(format(value, format_spec), self.lang)
        if format_spec == "q":
            return ", ".join(f"'{word}'" for word in value)
        if format_spec == "list":
            return ", ".join(value)
        if format_spec == "date":
            return _date(value, self.lang)
        if format_spec == "v":
            whole = float(value).is_integer()
            return _localised(f"{value:,.0f}" if whole else f"{value:,.3g}", self.lang)
        if format_spec == "and":
            return (" dan " if self.lang == "id" else " and ").join(value)
        if format_spec == "doers":
            return "; ".join(f"{d['process']} ({', '.join(d['members'])})" for d in value)
        if format_spec == "claims":
            words = [f"'{entry}'" for entry in value["entries"]]
            return ", ".join(words + [f"KBLI {code}" for code in value["kbli"]])
        return str(value) if format_spec == "" else super().format_field(value, format_spec)


def render(code: str, params: Mapping[str, Any], templates: Mapping[str, str], lang: str) -> str:
    """The sentence for `code` from `templates`, numbers and dates written the `lang` way."""
    return _Formatter(lang).vformat(templates[code], (), params)


def render_json(reason: Mapping[str, Any], templates: Mapping[str, str], lang: str) -> str | None:
    """A reason as it appears in shortlist JSON, rendered; None when it cannot be (an older or
    newer engine's code, or parameters that do not fit), so the caller shows the English text."""
    code = reason.get("code")
    params = reason.get("params")
    if code not in templates or not isinstance(params, dict):
        return None
    try:
        return render(str(code), params, templates, lang)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def aligned(texts: list[str], reasons: list[Reason]) -> list[Reason]:
    """One reason per sentence, in the sentences' order: the one whose English is that
    sentence, else the sentence as an `uncoded` reason (shown in English)."""
    by_text = {reason.english(): reason for reason in reasons}
    return [by_text.get(text) or uncoded(text) for text in texts]


@dataclass(frozen=True)
class ExplanationCodes:
    """The reasons behind an entry's sentences (gaps, notes, exclusions, capacity note)."""

    gaps: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)
    excluded_because: list[Reason] = field(default_factory=list)
    capacity_note: Reason | None = None

    def to_json(
        self,
        gaps: list[str],
        notes: list[str],
        excluded_because: list[str],
        capacity_note: str | None,
    ) -> dict[str, Any]:
        """The codes of the entry's sentences as they finally read, one for one."""
        note = [] if capacity_note is None else [capacity_note]
        own_note = [] if self.capacity_note is None else [self.capacity_note]
        return {
            "gaps": [r.to_json() for r in aligned(gaps, self.gaps)],
            "notes": [r.to_json() for r in aligned(notes, self.notes)],
            "excluded_because": [
                r.to_json() for r in aligned(excluded_because, self.excluded_because)
            ],
            "capacity_note": next((r.to_json() for r in aligned(note, own_note)), None),
        }
