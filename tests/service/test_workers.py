"""`mitra serve --workers N`: every worker listens itself, a dead one comes back, all stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from service.localserver import free_port, running_server
from service.workers import reuse_port_supported

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not reuse_port_supported(), reason="needs SO_REUSEPORT (Linux, macOS)"),
]


def _workers_of(pid: int) -> list[int]:
    """Worker processes started by the server `pid` (not multiprocessing's helper process)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    workers = []
    for child in map(int, children):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except FileNotFoundError:
            continue
        if b"multiprocessing.spawn" in command and b"resource_tracker" not in command:
            workers.append(child)
    return workers


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached in time")


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads worker processes from /proc")
def test_a_killed_worker_is_replaced_and_stopping_ends_every_worker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mitra.db'}"
    with running_server(url, workers=2, timeout=120) as base:
        server = _server_pid(base)
        _wait_for(lambda: len(_workers_of(server)) == 2)
        first, second = _workers_of(server)
        os.kill(first, signal.SIGKILL)
        _wait_for(lambda: len(_workers_of(server)) == 2 and first not in _workers_of(server))
        replacement = next(w for w in _workers_of(server) if w != second)
        assert httpx.get(f"{base}/health", timeout=5).status_code == 200
        survivors = [second, replacement]
    _wait_for(lambda: not any(_alive(w) for w in survivors), timeout=30)


def _server_pid(base: str) -> int:
    """The `mitra serve` process listening on `base` (its workers' command lines differ)."""
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(
        ["pgrep", "-f", f"mitra serve .*--port {port}"], capture_output=True, text=True
    )
    (pid,) = out.stdout.split()
    return int(pid)


def test_a_port_already_taken_is_refused_in_plain_words(tmp_path: Path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [sys.executable, "-m", "mitra", "serve", "--workers", "2", "--port", str(port)]
            + ["--db", f"sqlite:///{tmp_path / 'mitra.db'}"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_workers_that_die_at_start_stop_the_service_with_a_message(tmp_path: Path) -> None:
    # A setting the workers refuse (negative seconds) kills each one as it starts.
    env = dict(os.environ, MITRA_KEY_CACHE_SECONDS="-5")
    result = subprocess.run(
        [sys.executable, "-m", "mitra", "serve", "--workers", "2", "--port", str(free_port())]
        + ["--db", f"sqlite:///{tmp_path / 'mitra.db'}"],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 2
    assert "workers stopped 3 times right after starting" in result.stderr


def test_ctrl_c_stops_every_worker_without_a_traceback(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mitra", "serve", "--workers", "2", "--port", str(port)]
            + ["--db", f"sqlite:///{tmp_path / 'mitra.db'}"],
            stdout=output,
            stderr=output,
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        try:
            _wait_for(lambda: _answers(f"http://127.0.0.1:{port}"))
            _wait_for(lambda: len(_workers_of(server.pid)) == 2)
            workers = _workers_of(server.pid)
            os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C sends to the whole group
            assert server.wait(timeout=60) == 0
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
    _wait_for(lambda: not any(_alive(w) for w in workers), timeout=30)
    assert "Traceback" not in log.read_text()


def _answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
