"""Kinds of workshop (trades): what each does, works with, makes, and how much per month.

A trade keeps a supplier coherent: a bubut shop turns and mills steel and makes pins and
bushings; a keripik maker fries cassava and sells by the kilogram. The tables are in
metal_trades.py and other_trades.py.
"""

from __future__ import annotations

from demodata.metal_trades import METAL_TRADES
from demodata.other_trades import FOOD_LINES, FOOD_TRADES, PLASTIC_TRADES, WOOD_TRADES
from demodata.trade_kinds import FoodLine, Trade

__all__ = ["FOOD_LINES", "PCS_CEILING", "TRADES", "FoodLine", "Trade"]

TRADES: dict[str, Trade] = {**METAL_TRADES, **PLASTIC_TRADES, **WOOD_TRADES, **FOOD_TRADES}

# No workshop makes more pieces a month than this; the consortium requirement in
# requirements.py asks for more, so only a group can serve it (see mitra/data/README.md).
PCS_CEILING = 45_000
