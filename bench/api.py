"""Delivery API benchmark: requests/s and p50/p99 latency against a trivial Django view served the same way.

    .venv/bin/python bench/api.py [--insights 100] [--seconds 5]

Builds a throwaway SQLite database (or uses BENCH_DATABASE_URL, which it migrates and seeds: give it a
scratch database), loads the seed plus N generated insights, serves the project with the standard
library's WSGI server in a subprocess on 127.0.0.1 (DEBUG off), and measures from one sequential client,
once with every answer computed and once with the server-side response cache.
Timings depend on the machine: compare the ratios, which are what this prints them for. Never asserted.
"""

import argparse
import http.client
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

ENDPOINTS = [
    ("trivial Django view", "/bench/trivial/"),
    ("health (SELECT 1)", "/api/v1/health"),
    ("insights list (20)", "/api/v1/insights/"),
    ("insights list (100)", "/api/v1/insights/?limit=100"),
    ("insight detail (seed)", "/api/v1/insights/balanced-gut-healthy-skin/"),
    ("product detail (glow)", "/api/v1/products/glow/"),
]


# The API as it computes every answer, then with its server-side response cache (cms/core/response_cache.py),
# which serves repeated GETs until content changes. The cache needs a Redis every worker shares: BENCH_REDIS_URL,
# by default database 13 of the Redis on 127.0.0.1.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
MODES = {
    "computed (API_RESPONSE_CACHE_SECONDS=0)": {"API_RESPONSE_CACHE_SECONDS": "0"},
    "response cache (API_RESPONSE_CACHE_SECONDS=60, Redis)": {
        "API_RESPONSE_CACHE_SECONDS": "60",
        "REDIS_URL": REDIS_URL,
    },
}

urlpatterns = []


def trivial(request):
    from django.http import JsonResponse

    return JsonResponse({"ok": True})


def bench_urlpatterns():
    from django.urls import include, path

    return [path("bench/trivial/", trivial), path("", include("cms.urls"))]


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    import django

    django.setup()


def prepare_database(insights):
    """Migrate, load the seed and add `insights` generated articles (copies of the seed's body)."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_seed", stdout=io.StringIO())
    from insights.models import InsightIndexPage, InsightPage

    index = InsightIndexPage.objects.get(slug="insights")
    seed = InsightPage.objects.get(slug="balanced-gut-healthy-skin")
    existing = InsightPage.objects.filter(slug__startswith="bench-").count()
    for n in range(existing, insights):
        page = InsightPage(title=f"Bench insight {n}", slug=f"bench-{n}", intro=seed.intro, body=seed.body.raw_data)
        index.add_child(instance=page)
        page.tags.add("hydration", f"bench-{n % 7}")
        page.save()


def serve(port):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    # This file is the server's URLconf: the trivial view beside the whole project.
    global urlpatterns
    urlpatterns = bench_urlpatterns()
    settings.ROOT_URLCONF = __name__
    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=QuietHandler)
    server.serve_forever()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return elapsed


def wait_until_up(port, process):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("The server exited before answering.")
        try:
            return get(port, "/bench/trivial/")
        except (ConnectionError, OSError):
            time.sleep(0.1)
    raise SystemExit("The server did not answer within 30 s.")


def measure(port, path, seconds):
    for _ in range(10):  # warm up: renditions, caches, connections
        get(port, path)
    timings = []
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop:
        timings.append(get(port, path))
    timings.sort()
    return {
        "requests": len(timings),
        "rps": len(timings) / sum(timings),
        "p50": statistics.median(timings) * 1000,
        "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--insights", type=int, default=100, help="generated insights besides the seed (100)")
    parser.add_argument("--seconds", type=float, default=3, help="measuring time per endpoint and mode (3)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # internal: the server subprocess
    args = parser.parse_args()

    if args.serve:
        setup_django(os.environ["DATABASE_URL"])
        serve(args.serve)
        return

    with tempfile.TemporaryDirectory() as scratch:
        database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{scratch}/bench.sqlite3"
        started = time.perf_counter()
        setup_django(database_url)
        prepare_database(args.insights)
        print(f"Database ready in {time.perf_counter() - started:.1f} s: seed + {args.insights} insights")

        results = {}
        for mode, overrides in MODES.items():
            port = free_port()
            env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": f"{scratch}/media", **overrides}
            server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], env=env, cwd=BASE_DIR)
            try:
                wait_until_up(port, server)
                results[mode] = [(label, measure(port, path, args.seconds)) for label, path in ENDPOINTS]
            finally:
                server.terminate()
                server.wait(timeout=10)

    print(f"\nwsgiref on 127.0.0.1, one sequential client, {args.seconds:g} s per endpoint, DEBUG off")
    for mode, rows in results.items():
        baseline = rows[0][1]
        print(f"\n{mode}")
        print(f"{'endpoint':<24} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'req/s vs trivial':>17}")
        for label, result in rows:
            ratio = result["rps"] / baseline["rps"]
            print(
                f"{label:<24} {result['requests']:>8} {result['rps']:>8.0f} {result['p50']:>8.2f} "
                f"{result['p99']:>8.2f} {ratio:>16.2f}x"
            )


if __name__ == "__main__":
    main()
