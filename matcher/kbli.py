"""KBLI 2020 (Indonesian business classification) lookups and the KBLI fit levels.

Codes are strings (leading zeros matter: `01111`). For scoring they become integers of
the 5-digit code; the class is code // 10 and the division code // 1000.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray

# KBLI fit levels (spelt out so the explanation can name them).
SAME_CODE = 1.0  # same 5-digit kelompok
SAME_CLASS = 0.6  # same 4-digit subgolongan
SAME_DIVISION = 0.3  # same 2-digit golongan pokok
NO_KBLI_MATCH = 0.0


@cache
def _titles() -> dict[str, str]:
    text = resources.files("matcher.data").joinpath("kbli2020.csv").read_text("utf-8")
    return {row["kode"]: row["judul"] for row in csv.DictReader(io.StringIO(text))}


def clean_kbli(code: str) -> str:
    """`25910`, ` 25910 `, `25.910` → `25910`."""
    return "".join(ch for ch in str(code) if ch.isdigit() or ch.isalpha()).upper()


def is_known_kbli(code: str) -> bool:
    """True for any code in the KBLI 2020 codebook (any level, e.g. `C`, `25`, `2591`, `25910`)."""
    return clean_kbli(code) in _titles()


def kbli_title(code: str) -> str | None:
    """The official Indonesian title, e.g. `25910` → `Industri Penempaan, …`; None if unknown."""
    return _titles().get(clean_kbli(code))


@lru_cache(maxsize=8_192)  # a few hundred codes repeat across all suppliers
def kbli_as_int(code: str) -> int | None:
    """A 5-digit code as an integer for array work; None for other levels or malformed text."""
    cleaned = clean_kbli(code)
    if len(cleaned) != 5 or not cleaned.isdigit():
        return None
    return int(cleaned)


@dataclass(frozen=True)
class KbliCodes:
    """Suppliers' 5-digit codes, stored once per distinct combination of codes.

    `code` is (n_combinations, k) with -1 padding; `klass` and `division` are precomputed;
    `row_combination` says which combination each supplier has.
    """

    code: NDArray[np.int32]
    klass: NDArray[np.int32]  # code // 10, -1 padding
    division: NDArray[np.int32]  # code // 1000, -1 padding
    row_combination: NDArray[np.int32]

    @classmethod
    def from_rows(cls, rows: list[list[int]]) -> KbliCodes:
        combination_of: dict[tuple[int, ...], int] = {}
        row_combination = np.fromiter(
            (
                combination_of.setdefault(tuple(sorted(set(row))), len(combination_of))
                for row in rows
            ),
            dtype=np.int32,
            count=len(rows),
        )
        width = max(1, max((len(c) for c in combination_of), default=0))
        code = np.full((max(1, len(combination_of)), width), -1, dtype=np.int32)
        for i, combination in enumerate(combination_of):
            code[i, : len(combination)] = combination
        padding = code < 0
        return cls(
            code,
            np.where(padding, -1, code // 10).astype(np.int32),
            np.where(padding, -1, code // 1000).astype(np.int32),
            row_combination,
        )


def kbli_fit(codes: KbliCodes, requested: list[str]) -> NDArray[np.float64]:
    """Best KBLI fit per supplier: same code 1.0 > same class 0.6 > same division 0.3 > 0.

    `requested` may hold 5-digit codes, 4-digit classes or 2-digit divisions; a class can
    match at most at class level, a division at division level.
    """
    best = np.zeros(codes.code.shape[0], dtype=np.float64)
    for text in (clean_kbli(c) for c in requested):
        if not text.isdigit() or len(text) not in (2, 4, 5):
            continue
        as_five = int(text.ljust(5, "0"))
        levels = [
            (SAME_DIVISION, codes.division, as_five // 1000),
            (SAME_CLASS, codes.klass, as_five // 10),
            (SAME_CODE, codes.code, as_five),
        ][: {2: 1, 4: 2, 5: 3}[len(text)]]
        for level, column, wanted in levels:
            hit = (column == wanted).any(axis=1)
            best[hit] = np.maximum(best[hit], level)
    per_supplier: NDArray[np.float64] = best[codes.row_combination]
    return per_supplier


def kbli_level_name(score: float) -> str:
    if score >= SAME_CODE:
        return "same KBLI code"
    if score >= SAME_CLASS:
        return "same KBLI class"
    if score >= SAME_DIVISION:
        return "same KBLI division"
    return "no KBLI match"
