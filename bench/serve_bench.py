"""`python -m bench serve`: requests/s and latency of `helicone-contract serve` under load.

The server runs as its own process (`helicone-contract serve --port 0`, shipped registry) on
127.0.0.1; the clients are threads of this process, each sending `GET` of the registry endpoint
back to back, either on one keep-alive connection per client or on a new connection per
request (what a burst of short-lived clients costs: accept, the listen queue). Each level stops
after ``MAX_REQUESTS`` requests or ``MAX_SECONDS`` seconds, whichever comes first. Reported per
level: requests, requests/s, p50 and p99 latency, and failed requests.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from conformance.server import REGISTRY_PATH

CONCURRENCY = (1, 10, 100)
MAX_REQUESTS = 4000
MAX_SECONDS = 8.0
WARM_UP = 200
CLIENT_TIMEOUT = 30.0
BIN = Path(sys.executable).parent


@dataclass
class Level:
    clients: int
    keep_alive: bool
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    wall: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _client(
    port: int, level: Level, budget: list[int], deadline: float, lock: threading.Lock
) -> None:
    connection: http.client.HTTPConnection | None = None
    while time.perf_counter() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request("GET", REGISTRY_PATH)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            ok = False
        elapsed = time.perf_counter() - started
        with lock:
            if ok:
                level.latencies.append(elapsed)
            else:
                level.failures += 1
        if not ok or not level.keep_alive:
            connection.close()
            connection = None
    if connection is not None:
        connection.close()


def measure(port: int, clients: int, keep_alive: bool, requests: int = MAX_REQUESTS) -> Level:
    level = Level(clients, keep_alive)
    budget, lock = [requests], threading.Lock()
    started = time.perf_counter()
    deadline = started + MAX_SECONDS
    threads = [
        threading.Thread(target=_client, args=(port, level, budget, deadline, lock))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.wall = time.perf_counter() - started
    return level


def main() -> None:
    command = [str(BIN / "helicone-contract"), "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        if not first.startswith("serving "):
            raise SystemExit(f"serve did not start: {first}{server.communicate()[1]}")
        port = int(first.rsplit(":", 1)[1])
        measure(port, 1, keep_alive=True, requests=WARM_UP)  # imports, caches: not measured
        levels = [measure(port, c, keep) for keep in (True, False) for c in CONCURRENCY]
    finally:
        server.terminate()
        server.communicate(timeout=30)
    print(
        f"\nserve: GET {REGISTRY_PATH} (shipped registry) on 127.0.0.1, server in its own "
        f"process; each level at most {MAX_REQUESTS} requests or {MAX_SECONDS:g} s"
    )
    print(f"{'clients':>7}  {'connection':<12} {'requests':>8} {'req/s':>8} "
          f"{'p50 ms':>8} {'p99 ms':>8} {'failed':>6}")  # fmt: skip
    for level in levels:
        mode = "keep-alive" if level.keep_alive else "per request"
        print(
            f"{level.clients:>7}  {mode:<12} {len(level.latencies):>8} {level.rate:>8.0f} "
            f"{level.percentile(0.50) * 1000:>8.1f} {level.percentile(0.99) * 1000:>8.1f} "
            f"{level.failures:>6}"
        )


if __name__ == "__main__":
    main()
