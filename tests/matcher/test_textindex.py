"""The fast text-similarity path gives the same numbers as scikit-learn's own transform."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.textindex import TextIndex

PRODUCTS = [
    "bracket jok motor, stay lampu, komponen stamping",
    "keripik singkong balado dan keripik pisang",
    "kursi makan kayu jati, meja tamu",
    "",
    "komponen motor: bushing, shaft, flange",
]


@pytest.mark.parametrize(
    "query",
    ["Bracket jok motor", "keripik pisang keripik", "meja jati untuk hotel", "tidak ada kata"],
)
def test_similarity_matches_scikit_learn(query: str) -> None:
    text = TextIndex.build(PRODUCTS)
    assert text is not None
    reference = (text.by_term.tocsr() @ text.vectorizer.transform([query]).T).toarray().ravel()
    np.testing.assert_allclose(text.similarity(query), reference, atol=1e-6)


def test_similar_products_rank_first() -> None:
    text = TextIndex.build(PRODUCTS)
    assert text is not None
    assert int(np.argmax(text.similarity("komponen motor bracket"))) == 0


def test_no_product_text_at_all_gives_no_index() -> None:
    assert TextIndex.build(["", "  "]) is None
