"""A TCP proxy in front of Redis that can stall, to play a server busy past the client timeout.

Real network, real Redis: `stall_after(marker, seconds)` lets traffic flow until a
client sends bytes containing `marker` (the compare-and-set script's EVALSHA), then
holds every forward, in arrival order, for `seconds`, as a busy server would.
"""
from __future__ import annotations

import asyncio
import threading
import time
from contextlib import suppress


class StallingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self._marker: bytes | None = None
        self._seconds = 0.0
        self._hold_until = 0.0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(5)

    def stall_after(self, marker: bytes, seconds: float) -> None:
        self._marker, self._seconds = marker, seconds

    def close(self) -> None:
        async def stop() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(stop(), self._loop)
        self._thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._order = asyncio.Lock()
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        await asyncio.gather(self._pump(client_r, up_w, watch=True), self._pump(up_r, client_w, watch=False),
                             return_exceptions=True)
        for writer in (client_w, up_w):
            with suppress(Exception):
                writer.close()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, watch: bool) -> None:
        while data := await reader.read(65536):
            async with self._order:            # FIFO: forwards leave in the order they came
                if watch and self._marker and self._marker in data:
                    self._marker = None
                    self._hold_until = time.monotonic() + self._seconds
                wait = self._hold_until - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
        writer.close()
