"""What a trade and a food product line are made of (the tables live in *_trades.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trade:
    sector: str  # metal, plastics, wood, food
    core: tuple[str, ...]  # canonical processes every supplier of the trade does
    common: tuple[str, ...]  # processes each supplier does with even odds
    extra: tuple[str, ...]  # processes some of them also do (at most one)
    materials: tuple[str, ...]
    kbli: tuple[str, ...]
    products: tuple[str, ...]
    capacity: dict[str, tuple[int, int]]  # unit -> (low, high) monthly capacity
    employees: tuple[int, int]
    name_prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoodLine:
    """A food product: words its maker's name is built from, and what it is made of."""

    name_words: tuple[str, ...]
    materials: tuple[str, ...]  # the first one is always listed
    kbli: str
