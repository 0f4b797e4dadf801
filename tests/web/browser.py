"""A real `mitra serve` on a free loopback port and Debian's Chromium, for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from service.localserver import free_port, stop

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
UPLOAD_LIMIT_MB = 0.05


def mitra(*args: str, env: dict[str, str], typed: str | None = None) -> str:
    """Run the `mitra` command line (with `typed` as its keyboard input); its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "mitra", *args],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@dataclass
class Server:
    url: str
    database: str
    env: dict[str, str]

    def account(self, name: str, role: str, organization: str = "", password: str = "") -> str:
        """A new account made with `mitra users create` (`--password` when one is given, typed
        twice as a person would); its API key."""
        with_password = ["--password"] if password else []
        return mitra(
            "users",
            "create",
            name,
            "--role",
            role,
            "-o",
            organization,
            *with_password,
            "--db",
            self.database,
            env=self.env,
            typed=f"{password}\n{password}\n" if password else None,
        )


@contextmanager
def running_server(folder: Path) -> Iterator[Server]:
    database = f"sqlite:///{folder / 'mitra-browser.db'}"
    env = {
        **os.environ,
        "MITRA_DATABASE_URL": database,
        "MITRA_KEY_CACHE_SECONDS": "0",
        "MITRA_MAX_UPLOAD_MB": str(UPLOAD_LIMIT_MB),  # small, to see the page warn
    }
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mitra",
            "serve",
            "--db",
            database,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=folder,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield Server(url, database, env)
    finally:
        stop(process, grace=10)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"mitra serve stopped: {error[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("mitra serve did not answer within 30 s")
