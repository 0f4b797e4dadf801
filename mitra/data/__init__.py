"""Bundled sample data for `mitra demo`, written by scripts/make_demo_data.py (see README.md)."""

from importlib.resources import files

DATA_DIR = files(__name__)
DEMO_SUPPLIERS = DATA_DIR / "demo_suppliers.csv"
DEMO_REQUIREMENTS = DATA_DIR / "demo_requirements.json"
DEMO_OUTCOMES = DATA_DIR / "demo_outcomes.csv"
