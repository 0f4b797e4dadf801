"""The curl walk-through in the README, run as written: a new user's first session.

The bash blocks are run in order in one shell (port and database file swapped for free ones),
and each block's output is checked for what the text says it shows.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from service.localserver import free_port

pytestmark = [pytest.mark.slow, pytest.mark.db]

ROOT = Path(__file__).parents[2]
DOC = ROOT / "README.md"
START, END = "<!-- walkthrough:start -->", "<!-- walkthrough:end -->"
MARK = "@@ block {} done @@"


def bash_blocks(text: str) -> list[str]:
    """The bash blocks of the README's marked walk-through section, in order."""
    section = text[text.index(START) : text.index(END)]
    return re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)


def demo_supplier_count() -> int:
    with (ROOT / "mitra" / "data" / "demo_suppliers.csv").open(encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_walkthrough_runs_as_written(tmp_path: Path) -> None:
    blocks = bash_blocks(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6, "the walk-through lost its steps"
    port = str(free_port())
    script = ["set -euo pipefail", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for number, block in enumerate(blocks):
        block = (
            block.replace("8000", port)
            .replace("$PWD/mitra-walkthrough.db", str(tmp_path / "walkthrough.db"))
            .replace("mitra-serve.log", str(tmp_path / "serve.log"))
        )
        script += [block, f"echo; echo '{MARK.format(number)}'"]
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = tmp_path / "serve.log"
    server_log = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    assert done.returncode == 0, (
        f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}\nmitra serve log:\n{server_log}"
    )
    outputs = _split(done.stdout, len(blocks))
    by_step = {_first_command(block): out for block, out in zip(blocks, outputs, strict=True)}

    imported = json.loads(by_step["curl-import"])
    assert imported["created"] == demo_supplier_count()
    assert imported["rejected"] == []

    submitted = json.loads(by_step["curl-requirements"])
    assert submitted["requirement_id"] == "REQ-2027-001"
    assert submitted["buyer"] == "PT Astra Otoparts"  # taken from the buyer's account

    shortlist = json.loads(by_step["curl-shortlist"])
    assert shortlist["requirement_id"] == "REQ-2027-001"
    assert 1 <= len(shortlist["results"]) <= 5
    assert all(r["eligible"] for r in shortlist["results"])
    assert [r["rank"] for r in shortlist["results"]] == list(
        range(1, len(shortlist["results"]) + 1)
    )

    past = json.loads(by_step["curl-shortlists"])
    assert past["total"] == 1
    assert past["items"][0]["requirement_id"] == "REQ-2027-001"


def _split(stdout: str, count: int) -> list[str]:
    outputs = []
    rest = stdout
    for number in range(count):
        before, _, rest = rest.partition(MARK.format(number))
        outputs.append(before.strip())
    return outputs


def _first_command(block: str) -> str:
    """A name for a block: the curl URL's last path word, else its first command."""
    url = re.search(r'"\$API/([a-z/{}_\-.0-9A-Z]+)', block)
    if "curl" in block and url:
        path = url.group(1).split("?")[0]
        return "curl-" + path.rstrip("/").split("/")[-1]
    return block.split()[0]
