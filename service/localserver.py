"""Start a real `mitra serve` in a subprocess (tests and benchmarks), and stop it again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(
    database_url: str, *, workers: int = 1, log_file: Path | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """Yield the base URL of a `mitra serve` on a free local port; stop it on exit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "mitra",
        "serve",
        "--db",
        database_url,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    output = log_file.open("wb") if log_file else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output, stderr=output, env=dict(os.environ))
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, base, timeout)
        yield base
    finally:
        stop(process, grace=15)
        if log_file:
            output.close()  # type: ignore[union-attr]


def stop(process: subprocess.Popen[bytes], *, grace: float) -> None:
    """Ask a server to stop (SIGTERM: requests in flight finish); kill it after `grace` s."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_until_healthy(process: subprocess.Popen[bytes], base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mitra serve exited early with code {process.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"mitra serve did not answer on {base} within {timeout:.0f} s")
