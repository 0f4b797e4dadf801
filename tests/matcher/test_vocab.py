"""Taxonomy: supplier (Indonesian) and buyer (English) spellings meet at the same concept."""

from __future__ import annotations

import pytest

from matcher.taxonomy import ConceptKind, MatchLevel, load_taxonomy
from matcher.text import split_terms
from matcher.vocab import canonical_terms, suggest_terms

SUPPLIER_AND_BUYER_SPELLINGS = [
    ("bubut CNC", "CNC turning"),
    ("frais", "milling"),
    ("las", "welding"),
    ("pres", "stamping"),
    ("stampping", "stamping"),
    ("cor logam", "casting"),
    ("tempa", "forging"),
    ("krom", "chrome plating"),
    ("galvanis", "hot dip galvanizing"),
    ("perlakuan panas", "heat treatment"),
    ("cetak injeksi", "injection moulding"),
    ("cetak injeksi", "injection molding"),
    ("penggorengan", "frying"),
    ("pengeringan", "drying"),
    ("sangrai kopi", "coffee roasting"),
    ("pengemasan", "packaging"),
    ("ukir kayu", "wood carving"),
    ("mebel", "furniture"),
    ("iris", "slicing"),
    ("pengirisan", "slicing"),
    ("amplas", "sanding"),
    ("bending pipa", "pipe bending"),
    ("roll pipa", "pipe bending"),
    ("assembling", "assembly"),
]


@pytest.mark.parametrize(("supplier_says", "buyer_says"), SUPPLIER_AND_BUYER_SPELLINGS)
def test_indonesian_and_english_process_names_meet(supplier_says: str, buyer_says: str) -> None:
    found = canonical_terms([supplier_says, buyer_says], "process")
    assert found[supplier_says], f"'{supplier_says}' maps to nothing"
    assert found[supplier_says] == found[buyer_says]


@pytest.mark.parametrize(
    ("material", "expected"),
    [
        ("plat SPCC", "SPCC"),
        ("SUS 304", "SUS304"),
        ("kayu jati", "teak"),
        ("Jati", "teak"),
        ("biji plastik PP", "PP"),
        ("alumunium", "aluminium"),
        ("stenless", "stainless steel"),
    ],
)
def test_supplier_material_spellings(material: str, expected: str) -> None:
    assert expected in canonical_terms([material], "material")[material]


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("stampping", "stamping"),
        ("welidng", "welding"),
        ("pengelasn", "welding"),
        ("injeksi plastk", "injection moulding"),
        ("galvanisasi", "galvanizing"),
        ("stampping bracket", "stamping"),
    ],
)
def test_typos_still_find_the_process(typo: str, expected: str) -> None:
    assert canonical_terms([typo], "process")[typo] == (expected,)


def test_short_words_do_not_match_by_accident() -> None:
    # "pc" and "pp" differ by one letter but are different plastics.
    found = canonical_terms(["pc", "pp", "xyz pekerjaan umum"], "material")
    assert found["pc"] == ("PC",)
    assert found["pp"] == ("PP",)
    assert found["xyz pekerjaan umum"] == ()


def test_slash_shares_the_words_before_it() -> None:
    assert split_terms("las MIG/TIG") == ["las mig", "las tig"]
    assert split_terms("CNC turning/milling") == ["cnc turning", "cnc milling"]
    assert split_terms("SPCC/SPHC") == ["spcc", "sphc"]
    assert canonical_terms(["las MIG/TIG"], "process")["las MIG/TIG"] == (
        "MIG welding",
        "TIG welding",
    )


def test_longer_phrase_wins_over_the_word_inside_it() -> None:
    # "bubut kayu" is wood turning, not metal turning.
    assert canonical_terms(["bubut kayu"], "process")["bubut kayu"] == ("wood turning",)


def test_hierarchy_levels() -> None:
    processes = load_taxonomy("process")
    assert processes.match_level("turning", "CNC turning") is MatchLevel.NARROWER
    assert processes.match_level("CNC turning", "turning") is MatchLevel.BROADER
    assert processes.match_level("TIG welding", "spot welding") is MatchLevel.SIBLING
    assert processes.match_level("CNC turning", "grinding") is MatchLevel.FAMILY
    assert processes.match_level("stamping", "frying") is MatchLevel.NONE
    materials = load_taxonomy("material")
    assert materials.match_level("carbon-steel sheet", "SPHC") is MatchLevel.NARROWER
    assert materials.match_level("stainless steel", "SUS304") is MatchLevel.NARROWER
    assert materials.match_level("SPCC", "SPHC") is MatchLevel.SIBLING
    assert materials.match_level("plastics", "ABS") is MatchLevel.NARROWER
    assert materials.match_level("wood", "teak") is MatchLevel.NARROWER


def test_exact_beats_broader_beats_sibling_beats_family() -> None:
    order = [MatchLevel.EXACT, MatchLevel.BROADER, MatchLevel.SIBLING, MatchLevel.FAMILY]
    scores = [level.score for level in order]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_every_synonym_is_unique_within_a_kind() -> None:
    for kind in ("process", "material"):
        taxonomy = load_taxonomy(kind)
        claimed: dict[str, str] = {}
        for concept in taxonomy.concepts:
            for synonym in concept.synonyms:
                owner = claimed.setdefault(synonym.lower(), concept.id)
                assert owner == concept.id, f"'{synonym}' belongs to {owner} and {concept.id}"


def test_suggestions_in_both_languages() -> None:
    assert "bubut cnc" in suggest_terms("bubut", "process")
    assert suggest_terms("CNC tur", "process")[0] == "CNC turning"
    assert "kayu jati" in suggest_terms("kayu", "material", limit=30)
    assert suggest_terms("iso", "certification")[0] == "ISO 9001"
    assert len(suggest_terms("s", "process", limit=3)) == 3
    assert suggest_terms("", "process") == []


def test_suggestions_forgive_typos() -> None:
    assert "stamping" in suggest_terms("stampng", "process")


@pytest.mark.parametrize("kind", ["process", "material"])
def test_every_synonym_maps_back_to_its_concept(kind: ConceptKind) -> None:
    taxonomy = load_taxonomy(kind)
    spellings = [(c.id, s) for c in taxonomy.concepts for s in (c.id, *c.synonyms)]
    mapped = taxonomy.map_terms([s for _, s in spellings])
    wrong = [(s, cid, mapped[s]) for cid, s in spellings if cid not in mapped[s]]
    assert wrong == []


MESSY_SUPPLIER_ENTRIES = [
    # metal
    ("Press/Stamping", "stamping"),
    ("Pembuatan Dies", "tool and die making"),
    ("jasa potong laser", "laser cutting"),
    ("Galvanis celup panas", "galvanizing"),
    ("Las Argon", "TIG welding"),
    ("Plong plat", "punching"),
    ("mesin CNC milling", "CNC milling"),
    ("Wire cut", "EDM"),
    # plastics
    ("Injeksi plastik", "injection moulding"),
    ("Cetak Tiup", "blow moulding"),
    ("sablon", "screen printing"),
    # wood and furniture
    ("ukiran jepara", "wood carving"),
    ("Finishing (plitur)", "wood finishing"),
    ("pembuatan kusen", "joinery"),
    ("anyaman pandan", "rattan weaving"),
    # agro-food
    ("penggorengan vakum", "vacuum frying"),
    ("pengemasan vakum", "vacuum packaging"),
    ("Pengolahan ikan asap", "smoking"),
    ("Produksi keripik singkong", "frying"),
]


@pytest.mark.parametrize(("entry", "concept"), MESSY_SUPPLIER_ENTRIES)
def test_messy_supplier_entries_across_clusters(entry: str, concept: str) -> None:
    assert concept in canonical_terms([entry], "process")[entry]


@pytest.mark.parametrize(
    ("material", "expected"),
    [
        ("Besi cor FC25", "cast iron"),
        ("Kuningan", "brass"),
        ("Triplek", "plywood"),
        ("Mdf 18mm", "MDF"),
        ("Rotan sintetis", "rattan"),
        ("Kopi robusta Temanggung", "robusta"),
        ("Gula aren", "palm sugar"),
        ("Ikan bandeng", "fish and seafood"),
        ("PVC compound", "PVC"),
        ("Karet NBR", "rubber"),
        ("SKD11", "tool steel"),
    ],
)
def test_materials_across_clusters(material: str, expected: str) -> None:
    assert expected in canonical_terms([material], "material")[material]


@pytest.mark.parametrize(
    ("entry", "not_this"),
    [
        ("trading", "threading"),  # a trader is not a thread cutter
        ("press karet", "stamping"),  # rubber pressing is moulding
        ("hot stamping", "stamping"),  # foil printing on plastics
    ],
)
def test_look_alike_words_do_not_become_a_metal_process(entry: str, not_this: str) -> None:
    assert not_this not in canonical_terms([entry], "process")[entry]


def test_steel_grades_keep_their_own_names() -> None:
    found = canonical_terms(["S45C", "ST37", "baja cor", "besi cor"], "material")
    assert found["S45C"] == ("S45C",)
    assert found["ST37"] == ("SS400",)
    assert found["baja cor"] == ("cast steel",) and found["besi cor"] == ("cast iron",)
