"""kill -9 in the middle of an import leaves the database as it was before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from service.db import forget_engines, open_database
from service.importer import import_suppliers
from tests.service.helpers import dump, good_row, write_sheet

pytestmark = pytest.mark.db

# The child imports a big sheet through the normal code path; after the first batch is written
# (inside the open transaction) it says so and waits to be killed.
CHILD = textwrap.dedent(
    """
    import sys, time
    from service.db import open_database
    from service.importer import import_suppliers

    def progress(done, total):
        if done >= 500:
            print("WRITING", flush=True)
            time.sleep(60)

    import_suppliers(open_database(sys.argv[1]), sys.argv[2], progress=progress)
    """
)


def test_kill_9_mid_import_changes_nothing(database_url: str, tmp_path: Path) -> None:
    engine: Engine = open_database(database_url)
    import_suppliers(engine, write_sheet(tmp_path / "first.csv", [good_row(i) for i in range(3)]))
    before = dump(engine)
    forget_engines()

    changed = [good_row(i) for i in range(5000)]
    for row in changed:
        row[11] = "9.999"
    big = write_sheet(tmp_path / "big.csv", changed)
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, str(big)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "WRITING"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    after = dump(open_database(database_url))
    assert after == before
