"""A real wirescope server for the API and UI tests: ``wirescope serve`` in a subprocess on a free loopback port,
over an SQLite store filled once per test session with the bundled demo corpus (``wirescope demo``).

The demo store is built once per process (it runs the whole pipeline on 13 articles) and each test module copies it,
so that tests which ingest do not change what others read.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
_DEMO: Path | None = None


def wirescope(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirescope", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO
    )


def demo_database() -> Path:
    """The path of an SQLite store holding the demo corpus (built on first use)."""
    global _DEMO
    if _DEMO is None:
        path = Path(tempfile.mkdtemp(prefix="wirescope-demo-")) / "demo.db"
        result = wirescope("demo", "--db", str(path))
        assert result.returncode == 0, result.stderr
        _DEMO = path
    return _DEMO


def copy_of_demo(directory: Path) -> Path:
    target = directory / "demo.db"
    shutil.copy(demo_database(), target)
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen[str]
    token: str | None = None

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120)


@contextmanager
def serve(db: Path, *options: str, token: str | None = None) -> Iterator[Server]:
    """Start ``wirescope serve`` on a free port; yield once it answers; stop it afterwards."""
    port = free_port()
    env = dict(os.environ)
    env.pop("WIRESCOPE_TOKEN", None)
    args = [sys.executable, "-m", "wirescope", "serve", "--db", str(db), "--port", str(port), *options]
    if token:
        args += ["--token", token]
    process = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server = Server(f"http://127.0.0.1:{port}", db, process, token)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            output = server.process.stdout.read() if server.process.stdout else ""
            raise RuntimeError(f"wirescope serve exited with {server.process.returncode}: {output}")
        try:
            httpx.get(server.url + "/openapi.json", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise TimeoutError(f"wirescope serve did not answer at {server.url}")
