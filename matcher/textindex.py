"""TF-IDF of suppliers' product text, stored by term so a query touches only its own terms.

scikit-learn fits the vocabulary and IDF once. A query is a handful of words, so instead of
multiplying the whole matrix by a sparse query vector, the engine builds the query's
TF-IDF weights itself (same analyzer, sublinear tf, IDF and l2 norm as the vectorizer) and
adds up only the matrix columns of the terms it contains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass
class TextIndex:
    vectorizer: TfidfVectorizer
    by_term: sp.csc_matrix  # n_suppliers × n_terms, rows l2-normalised, columns sliceable

    @classmethod
    def build(cls, texts: Sequence[str]) -> TextIndex | None:
        """None when there is no product text to compare on."""
        if not any(text.strip() for text in texts):
            return None
        vectorizer = TfidfVectorizer(strip_accents="unicode", sublinear_tf=True, dtype=np.float32)
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # nothing but one-letter tokens: no vocabulary
            return None
        return cls(vectorizer, sp.csc_matrix(matrix))

    def query_weights(self, text: str) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """Columns and l2-normalised TF-IDF weights of `text`, as the vectorizer would give."""
        counts = Counter(self.vectorizer.build_analyzer()(text))
        vocabulary = self.vectorizer.vocabulary_
        known = {vocabulary[token]: n for token, n in counts.items() if token in vocabulary}
        columns = np.fromiter(known, dtype=np.intp, count=len(known))
        tf = 1.0 + np.log(np.fromiter(known.values(), dtype=np.float64, count=len(known)))
        weights = tf * self.vectorizer.idf_[columns]
        norm = float(np.linalg.norm(weights))
        return columns, (weights / norm if norm > 0 else weights)

    def similarity(self, text: str) -> NDArray[np.float64]:
        """Cosine similarity of every supplier's product text to `text`, in [0, 1]."""
        columns, weights = self.query_weights(text)
        if columns.size == 0:
            return np.zeros(self.by_term.shape[0])
        similarity = self.by_term[:, columns] @ weights
        return np.clip(np.asarray(similarity, dtype=np.float64).ravel(), 0.0, 1.0)
