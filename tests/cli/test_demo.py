"""`mitra demo` on a fresh machine: sample suppliers in, a readable shortlist per requirement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "mitra" / "data"


@pytest.mark.slow
def test_demo_prints_a_ranked_table_for_every_sample_requirement(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("MITRA_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mitra", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "mitra-demo.db") in result.stderr  # the CLI says where the data is
    requirements = json.loads((DATA / "demo_requirements.json").read_text(encoding="utf-8"))
    for requirement in requirements:
        assert requirement["requirement_id"] in result.stdout
    # Every table carries the columns a reader needs, and the reasons.
    assert result.stdout.count("Score") == len(requirements)
    assert "matched:" in result.stdout
    # The sample requirement that no single IKM can serve gets a group proposal.
    assert "Consortium 1" in result.stdout
    assert "together cover every required process" in result.stdout
