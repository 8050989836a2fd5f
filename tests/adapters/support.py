"""A real `advisor serve` process on a free port, for tests that need the whole server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.stores.support import free_port

ADVISOR = str(Path(sys.executable).parent / "advisor")


class ServeProcess:
    def __init__(self, env: dict[str, str] | None = None, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "ADVISOR_STORE": "memory", "ADVISOR_RATE_LIMIT": "off", **(env or {})}
        self.proc = subprocess.Popen([ADVISOR, "serve", "--port", str(self.port), *args], env=full_env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"advisor serve exited: {self.proc.stderr.read() if self.proc.stderr else ''}")
            try:
                if httpx.get(self.url + "/healthz", timeout=0.5).status_code in (200, 503):
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("advisor serve did not start")

    def terminate(self, timeout: float = 20) -> tuple[int, str]:
        """SIGTERM, as a process manager sends; returns (exit code, stderr)."""
        self.proc.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def wait(self, timeout: float = 20) -> tuple[int, str]:
        _, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, err

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=10)
