"""Several `mitra serve` worker processes, each with its own listening socket.

uvicorn's own `--workers` shares one listening socket, and whichever worker wakes first
accepts every waiting connection at once. With a few long-lived keep-alive connections (20
buyers' browsers or scripts) one worker ended up with 17 of 20 connections while the other
idled, so those buyers waited twice as long. Here every worker binds the port itself with
SO_REUSEPORT and the kernel spreads new connections across the workers.

Where SO_REUSEPORT does not exist (Windows), `mitra serve` uses uvicorn's workers instead.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

APP = "service.app:create_app_from_env"
QUICK_FAILURE_SECONDS = 10.0
QUICK_FAILURES_ALLOWED = 3


class WorkersFailing(RuntimeError):
    """Workers die as soon as they start (a broken database URL, a bad installation)."""


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int, *, listen: bool = True) -> socket.socket:
    """A TCP socket bound to host:port that other workers may bind too (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    if listen:
        sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _run_worker(host: str, port: int, uvicorn_options: dict[str, Any]) -> None:
    import uvicorn

    sock = listening_socket(host, port)
    config = uvicorn.Config(APP, factory=True, **uvicorn_options)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # Ctrl-C reaches every worker too; uvicorn has already shut it down cleanly


@dataclass
class WorkerPool:
    """Start `count` workers, restart one that dies, stop them all on SIGINT/SIGTERM."""

    host: str
    port: int
    count: int
    uvicorn_options: dict[str, Any]
    restart_pause: float = 1.0
    _workers: list[BaseProcess] = field(default_factory=list)
    _started: list[float] = field(default_factory=list)
    _quick_failures: int = 0
    _stopping: bool = False

    def run(self) -> None:
        # Binding here first turns "port already in use" into one clear error, before any
        # worker starts; the probe never listens, so it receives no connections.
        probe = listening_socket(self.host, self.port, listen=False)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._stop)
        try:
            self._workers = [self._start() for _ in range(self.count)]
            self._started = [time.monotonic()] * self.count
            while not self._stopping:
                for i, worker in enumerate(self._workers):
                    worker.join(timeout=0.2)
                    if worker.exitcode is not None and not self._stopping:
                        self._replace(i)
        finally:
            self._shutdown()
            probe.close()

    def _replace(self, i: int) -> None:
        """Start worker `i` again; give up when workers keep dying as soon as they start."""
        lived = time.monotonic() - self._started[i]
        self._quick_failures = self._quick_failures + 1 if lived < QUICK_FAILURE_SECONDS else 0
        if self._quick_failures >= QUICK_FAILURES_ALLOWED:
            raise WorkersFailing(
                f"workers stopped {self._quick_failures} times right after starting; "
                "see the messages above"
            )
        time.sleep(self.restart_pause)
        self._workers[i] = self._start()
        self._started[i] = time.monotonic()

    def _start(self) -> BaseProcess:
        # Each worker is a process of its own: a BLAS thread pool per worker sized to every
        # core would only make the workers fight over the cores.
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")
        context = multiprocessing.get_context("spawn")
        worker = context.Process(
            target=_run_worker,
            args=(self.host, self.port, self.uvicorn_options),
            name="mitra-worker",
        )
        worker.start()
        return worker

    def _stop(self, _signum: int, _frame: FrameType | None) -> None:
        self._stopping = True

    def _shutdown(self) -> None:
        for worker in self._workers:
            if worker.is_alive() and worker.pid is not None:
                worker.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + 30
        for worker in self._workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.is_alive():
                worker.kill()
                worker.join()
