"""Ranking quality on the hand-judged set: Mitra against keyword search, with and without gates.

Run: python benchmarks/ranking.py [--details] [--top 10]

Systems, all ranking the same supplier sheet for each requirement in benchmarks/judged/:
  mitra          matcher.scoring.rank (eligible results only)
  tfidf          TF-IDF over name+processes+materials+products+certifications, no gates
  tfidf+gates    the same scores behind the engine's own hard gates (matcher.constraints)
  bm25+gates     Okapi BM25 over the same text, behind the same gates
  char+gates     TF-IDF on character 3-5-grams (typo-tolerant keywords), behind the same gates

Metrics per requirement, averaged per split (tune / check / all): NDCG@10 with graded
relevance 0-3, hit rate@5 for a grade-3 supplier, MRR of the first grade-3 supplier, and the
number of hard-constraint violations in the top 10 (suppliers that fail a gate by the judge's
own check in benchmarks/judged/gates.py, independent of the engine).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.judged.gates import gate_failures, load_centroids  # noqa: E402
from matcher.metrics import (  # noqa: E402
    bootstrap_ci,
    grades_for,
    hit_rate_at_k,
    ndcg_at_k,
    reciprocal_rank,
)

JUDGED = REPO / "benchmarks" / "judged"
TEXT_COLUMNS = ("name", "processes", "materials", "products", "certifications")
SPLITS = ("tune", "check", "all")


@dataclass
class Case:
    """One judged requirement: its JSON, parsed form, grades and gate failures."""

    document: dict[str, Any]
    requirement: Any  # matcher.types.Requirement
    grades: dict[str, float]
    reasons: dict[str, str]
    gated_out: set[str]

    @property
    def split(self) -> str:
        return str(self.document.get("split", "tune"))

    @property
    def query_text(self) -> str:
        doc = self.document
        parts = [doc.get("title", ""), doc.get("description", "")]
        parts += list(doc.get("processes", [])) + list(doc.get("materials", []))
        parts += list(doc.get("certifications_required", []))
        parts += list(doc.get("certifications_preferred", []))
        return " ".join(str(p) for p in parts)


def load_cases(rows: list[dict[str, str]]) -> list[Case]:
    from models.requirement import parse_requirement

    grades: dict[str, dict[str, float]] = {}
    reasons: dict[str, dict[str, str]] = {}
    with (JUDGED / "judgments.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            grades.setdefault(row["requirement_id"], {})[row["supplier_id"]] = float(row["grade"])
            reasons.setdefault(row["requirement_id"], {})[row["supplier_id"]] = row["reason"]
    centroids = load_centroids()
    cases = []
    for path in sorted((JUDGED / "requirements").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        gated = {r["supplier_id"] for r in rows if gate_failures(r, document, centroids)}
        requirement = parse_requirement(document)
        rid = requirement.requirement_id
        cases.append(Case(document, requirement, grades[rid], reasons[rid], gated))
    return cases


def supplier_text(row: dict[str, str]) -> str:
    return " ".join(row.get(column, "") for column in TEXT_COLUMNS)


def bm25_matrix(texts: list[str], k1: float = 1.2, b: float = 0.75) -> tuple[Any, sp.csr_matrix]:
    """Document-side BM25 weights, so a query scores by one sparse product."""
    vectorizer = CountVectorizer()
    counts = sp.csr_matrix(vectorizer.fit_transform(texts), dtype=np.float64)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log(1 + (len(texts) - df + 0.5) / (df + 0.5))
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    coo = counts.tocoo()
    tf = coo.data
    weights = tf * (k1 + 1) / (tf + norm[coo.row]) * idf[coo.col]
    return vectorizer, sp.csr_matrix((weights, (coo.row, coo.col)), shape=counts.shape)


class Ranker:
    """All systems, built once over the supplier sheet."""

    def __init__(self, rows: list[dict[str, str]], records: list[Any]) -> None:
        from matcher.index import SupplierIndex

        self.ids = [r["supplier_id"] for r in rows]
        texts = [supplier_text(r) for r in rows]
        self.index = SupplierIndex.build(records)
        self.tfidf = TfidfVectorizer(sublinear_tf=True)
        self.tfidf_matrix = self.tfidf.fit_transform(texts)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.char_matrix = self.char.fit_transform(texts)
        self.bm25, self.bm25_matrix = bm25_matrix(texts)

    def engine_gates(self, case: Case) -> NDArray[np.bool_]:
        from matcher.constraints import eligible_mask
        from matcher.query import PreparedQuery

        return eligible_mask(PreparedQuery(self.index, case.requirement))

    def mitra(self, case: Case, top: int) -> list[str]:
        from matcher.scoring import rank

        shortlist = rank(self.index, case.requirement, top=top)
        return [entry["supplier_id"] for entry in shortlist.to_json()["results"]]

    def _top(
        self, scores: NDArray[np.float64], mask: NDArray[np.bool_] | None, top: int
    ) -> list[str]:
        scores = scores.copy()
        if mask is not None:
            scores[~mask] = -np.inf
        order = np.argsort(-scores, kind="stable")[:top]
        return [self.ids[i] for i in order if np.isfinite(scores[i])]

    def keyword(self, kind: str, case: Case, top: int, gated: bool) -> list[str]:
        vectorizer, matrix = {
            "tfidf": (self.tfidf, self.tfidf_matrix),
            "char": (self.char, self.char_matrix),
            "bm25": (self.bm25, self.bm25_matrix),
        }[kind]
        query = vectorizer.transform([case.query_text])
        if kind == "bm25":
            query.data[:] = 1.0  # BM25 counts each query term once
        scores = np.asarray((matrix @ query.T).todense()).ravel()
        return self._top(scores, self.engine_gates(case) if gated else None, top)


def evaluate(case: Case, ranked: list[str], k: int) -> dict[str, float]:
    grades = grades_for(ranked, case.grades)
    return {
        "ndcg": ndcg_at_k(grades, list(case.grades.values()), k),
        "hit5": hit_rate_at_k(grades, 5),
        "rr": reciprocal_rank(grades),
        "violations": float(sum(sid in case.gated_out for sid in ranked[:k])),
    }


def rid(case: Case) -> str:
    return str(case.requirement.requirement_id)


Scores = dict[str, dict[str, dict[str, float]]]  # system -> requirement -> metric -> value
Rankings = dict[str, dict[str, list[str]]]  # system -> requirement -> supplier ids, best first
BASELINE = "tfidf+gates"


def in_split(cases: list[Case], split: str) -> list[Case]:
    return [c for c in cases if split == "all" or c.split == split]


def print_summary(cases: list[Case], scores: Scores, k: int) -> None:
    for split in SPLITS:
        chosen = in_split(cases, split)
        print(f"\n== {split}: {len(chosen)} requirements ==")
        print(f"{'system':<13}{'NDCG@' + str(k):>9}{'hit@5':>8}{'MRR':>7}{'violations':>12}")
        for name, per_req in scores.items():
            values = [per_req[rid(c)] for c in chosen]
            ndcg = np.mean([v["ndcg"] for v in values])
            hit = np.mean([v["hit5"] for v in values])
            mrr = np.mean([v["rr"] for v in values])
            violations = int(sum(v["violations"] for v in values))
            print(f"{name:<13}{ndcg:>9.3f}{hit:>8.2f}{mrr:>7.2f}{violations:>12d}")
        mitra = np.array([scores["mitra"][rid(c)]["ndcg"] for c in chosen])
        for baseline in ("tfidf", BASELINE):
            other = np.array([scores[baseline][rid(c)]["ndcg"] for c in chosen])
            mean, low, high = bootstrap_ci(mitra - other, n=2000, seed=0)
            print(
                f"mitra / {baseline}: NDCG ratio {mitra.mean() / other.mean():.2f}, "
                f"difference {mean:+.3f} (95% bootstrap CI {low:+.3f} .. {high:+.3f}), "
                f"mitra better on {int((mitra > other).sum())}/{len(chosen)}"
            )


def print_per_requirement(cases: list[Case], scores: Scores) -> None:
    names = list(scores)
    print("\nNDCG@10 per requirement")
    print(f"{'requirement':<13}{'split':<7}" + "".join(f"{n:>13}" for n in names))
    for case in cases:
        cells = "".join(f"{scores[n][rid(case)]['ndcg']:>13.3f}" for n in names)
        print(f"{rid(case):<13}{case.split:<7}{cells}")


def print_gate_agreement(cases: list[Case], ranker: Ranker) -> None:
    """The gated baselines use the engine's gates; say where they differ from the judge's."""
    differences = []
    for case in cases:
        engine_out = {ranker.ids[i] for i in np.flatnonzero(~ranker.engine_gates(case))}
        for sid in sorted(engine_out - case.gated_out):
            differences.append(f"{rid(case)} {sid}: engine excludes, judge admits")
        for sid in sorted(case.gated_out - engine_out):
            differences.append(f"{rid(case)} {sid}: judge excludes, engine admits")
    print(f"\nGate agreement (engine vs judge): {len(differences)} differences")
    for line in differences[:20]:
        print("  " + line)


def print_details(
    cases: list[Case], rankings: Rankings, scores: Scores, show: set[str] | None = None
) -> None:
    """What Mitra ranked and missed: where it trails the gated baseline, or the ones asked for."""
    for case in cases:
        mine, theirs = scores["mitra"][rid(case)]["ndcg"], scores[BASELINE][rid(case)]["ndcg"]
        if (mine >= theirs) if show is None else (rid(case) not in show):
            continue
        print(f"\n-- {rid(case)} ({case.split}): mitra {mine:.3f}, {BASELINE} {theirs:.3f}")
        ranked = rankings["mitra"][rid(case)]
        for position, sid in enumerate(ranked, start=1):
            grade = int(case.grades.get(sid, 0))
            print(f"  {position:>2}. {sid} grade {grade}  {case.reasons.get(sid, 'not judged')}")
        missed = [s for s, g in case.grades.items() if g >= 2 and s not in ranked]
        for sid in sorted(missed, key=lambda s: -case.grades[s]):
            print(f"  missed {sid} grade {int(case.grades[sid])}  {case.reasons[sid]}")


def read_rows() -> list[dict[str, str]]:
    with (JUDGED / "suppliers.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="cut-off k for NDCG and violations")
    parser.add_argument(
        "--details", action="store_true", help="Mitra's top 10 where it trails tfidf+gates"
    )
    parser.add_argument("--show", nargs="*", default=None, help="Mitra's top 10 for these ids")
    args = parser.parse_args(argv)
    from service.sheets import read_supplier_sheet

    started = time.perf_counter()
    rows = read_rows()
    records = read_supplier_sheet(JUDGED / "suppliers.csv")
    cases = load_cases(rows)
    ranker = Ranker(rows, records)
    systems: dict[str, Callable[[Case], list[str]]] = {
        "mitra": lambda c: ranker.mitra(c, args.top),
        "tfidf": lambda c: ranker.keyword("tfidf", c, args.top, gated=False),
        "tfidf+gates": lambda c: ranker.keyword("tfidf", c, args.top, gated=True),
        "bm25+gates": lambda c: ranker.keyword("bm25", c, args.top, gated=True),
        "char+gates": lambda c: ranker.keyword("char", c, args.top, gated=True),
    }
    rankings = {name: {rid(c): run(c) for c in cases} for name, run in systems.items()}
    scores = {
        name: {rid(c): evaluate(c, ranked[rid(c)], args.top) for c in cases}
        for name, ranked in rankings.items()
    }
    print_summary(cases, scores, args.top)
    print_per_requirement(cases, scores)
    print_gate_agreement(cases, ranker)
    if args.details:
        print_details(cases, rankings, scores)
    if args.show:
        print_details(cases, rankings, scores, set(args.show))
    took = time.perf_counter() - started
    print(f"\n{len(rows)} suppliers, {len(cases)} requirements; run took {took:.1f} s")


if __name__ == "__main__":
    main()
