"""Faults, with real services: Redis stopped, hung and restarted; the database gone; a real 500; stale reads.

Redis faults run in-process against a Redis the session starts (tests/services.py). Database faults, server
errors and stale reads run against the project served in subprocesses with production settings (collected static
files, DEBUG off, the LOGGING of base.py), as a deployment runs it.
"""

import json
import logging
import os
import signal
import threading
import time
from contextlib import contextmanager

import pytest
import redis
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from redis.exceptions import TimeoutError as RedisTimeoutError

from cms.core.cache import HoldOffRedis, RedisHeldOff

from .api_support import make_image, make_insight, make_product, spotlight
from .services import free_port, manage, production_env, serving

ARTICLE = "/insights/morning-routine/"
API_LIST = "/api/v1/insights/"
API_DETAIL = "/api/v1/insights/morning-routine/"
HEALTH = "/api/v1/health"


@pytest.fixture
def response_cache(settings, shared_cache):
    """The API response cache on, in the test session's Redis (as production has it with REDIS_URL)."""
    settings.API_RESPONSE_CACHE_SECONDS = 60
    return shared_cache


@pytest.fixture
def everything(index_page, django_capture_on_commit_callbacks):
    """An article with a hero image, a figure and a spotlight on a product with a packshot; the URLs of every kind
    of page and endpoint."""
    with django_capture_on_commit_callbacks(execute=True):
        product = make_product("Dew")
        figure = {"image": {"image": make_image("Texture").pk, "alt_text": "A serum's texture", "decorative": False}}
        blocks = [spotlight(product), {"type": "image", "value": {**figure, "caption": "Up close"}}]
        make_insight(index_page, title="Morning routine", blocks=blocks, tags=["routine"])
    ingredient = product.product_ingredients.first().ingredient
    return [
        "/",
        "/insights/",
        ARTICLE,
        "/sitemap.xml",
        API_LIST,
        f"{API_LIST}?q=morning",
        API_DETAIL,
        "/api/v1/products/",
        "/api/v1/products/dew/",
        "/api/v1/ingredients/",
        f"/api/v1/ingredients/{ingredient.slug}/",
        "/api/v1/openapi.json",
        HEALTH,
    ]


def fetch_all(client, urls):
    statuses = {url: client.get(url).status_code for url in urls}
    assert statuses == dict.fromkeys(urls, 200)


@contextmanager
def logged(logger_name, caplog):
    """The records of a logger that does not propagate to the root (LOGGING), as its handlers get them."""
    logger = logging.getLogger(logger_name)
    logger.addHandler(caplog.handler)
    try:
        yield caplog.records
    finally:
        logger.removeHandler(caplog.handler)


@contextmanager
def redis_warnings(caplog):
    """What django-redis logs while the block runs, after LOGGING's once-a-minute filter (reset first)."""
    for once in logging.getLogger("django_redis").filters:
        once.last = float("-inf")
    with logged("django_redis", caplog) as records:
        yield records


def health(client):
    response = client.get(HEALTH)
    return response.status_code, response.json()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
class TestRedisOutage:
    def test_everything_is_served_uncached_while_redis_is_down_and_cached_again_after(
        self, client, response_cache, everything, caplog
    ):
        fetch_all(client, everything)
        fetch_all(client, everything)
        assert health(client) == (200, {"status": "ok", "database": True, "cache": True})

        response_cache.stop()
        with redis_warnings(caplog) as records:
            fetch_all(client, everything)
            fetch_all(client, everything)
            assert health(client) == (200, {"status": "degraded", "database": True, "cache": False})
        assert [(record.name, record.levelname) for record in records] == [("django_redis", "WARNING")]
        assert "The cache (Redis) does not answer" in records[0].getMessage()
        assert records[0].exc_info is None

        response_cache.start()
        assert health(client) == (200, {"status": "ok", "database": True, "cache": True})
        assert queries_for(client, API_LIST) > 0
        assert queries_for(client, API_LIST) == 0

    def test_a_hung_redis_costs_a_request_one_socket_timeout_at_most(self, client, response_cache, everything):
        fetch_all(client, everything)
        waits = []
        with hung(response_cache.process.pid, watchdog_seconds=30):
            started = time.monotonic()
            for url in (API_LIST, ARTICLE, API_DETAIL, HEALTH):
                with redis_timeouts() as timeouts:
                    response = client.get(url)
                assert response.status_code == 200
                waits.append(len(timeouts))
            print(f"4 requests answered in {time.monotonic() - started:.2f} s with Redis hung")
            assert response.json() == {"status": "degraded", "database": True, "cache": False}
        assert waits[0] == 1 and max(waits) == 1, f"cache calls that waited for a timeout, per request: {waits}"
        assert eventually(lambda: health(client) == (200, {"status": "ok", "database": True, "cache": True}))

    def test_after_a_timeout_commands_and_pipelines_fail_at_once_then_try_again(self, redis_server):
        """cms.core.cache.HoldOffRedis on its own, as django-redis uses it (REDIS_CLIENT_CLASS)."""
        if redis_server.process is None:
            redis_server.start()
        pool = redis.ConnectionPool.from_url(f"redis://127.0.0.1:{redis_server.port}/2", socket_timeout=0.5)
        client = HoldOffRedis(connection_pool=pool, hold_off_seconds=3)
        client.set("kept", "yes")
        with hung(redis_server.process.pid, watchdog_seconds=30):
            with pytest.raises(RedisTimeoutError):
                client.get("kept")
            with pytest.raises(RedisHeldOff):
                client.get("kept")
            with pytest.raises(RedisHeldOff):
                client.pipeline().set("other", "value").execute()

        def answers():
            try:
                return client.get("kept") == b"yes"
            except RedisHeldOff:
                return False

        assert eventually(answers)
        client.delete("kept")
        pool.disconnect()


@contextmanager
def redis_timeouts():
    """The cache calls that waited for Redis until their socket timeout, as django-redis logs them (before LOGGING's
    filter, which keeps one a minute)."""
    timeouts = []

    def spy(record):
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and isinstance(error.__cause__, RedisTimeoutError):
            timeouts.append(record)
        return True

    logger = logging.getLogger("django_redis")
    logger.filters.insert(0, spy)
    try:
        yield timeouts
    finally:
        logger.removeFilter(spy)


@contextmanager
def hung(pid, watchdog_seconds):
    """The process stopped (SIGSTOP) while the block runs. A watchdog resumes it after `watchdog_seconds` and fails
    the test, so that a request waiting on it for good ends instead of hanging the suite."""
    fired = threading.Event()

    def resume():
        fired.set()
        os.kill(pid, signal.SIGCONT)

    watchdog = threading.Timer(watchdog_seconds, resume)
    os.kill(pid, signal.SIGSTOP)
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        os.kill(pid, signal.SIGCONT)
    assert not fired.is_set(), f"still waiting on the stopped process after {watchdog_seconds} s"


def eventually(check, seconds=30, interval=0.2):
    """True as soon as `check()` is; False if it never is within `seconds` (a watchdog, not a timing)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return check()


SEED = "balanced-gut-healthy-skin"
SEED_API = f"/api/v1/insights/{SEED}/"
SEED_PAGE = f"/insights/{SEED}/"


def is_problem(answer, status):
    return (
        answer.status == status
        and answer.headers["Content-Type"] == "application/problem+json"
        and answer.json()["status"] == status
    )


def is_styled_page(answer, status, heading):
    """The site's error page: the collected stylesheet (whitenoise's hashed name), its heading, a way back."""
    return (
        answer.status == status
        and answer.headers["Content-Type"].startswith("text/html")
        and '<link rel="stylesheet" href="/static/css/site.' in answer.text
        and heading in answer.text
        and '<a class="button" href="/">Back to the home page</a>' in answer.text
    )


def logged_errors(server, status_line):
    """The log lines of `server` from `status_line` (an ERROR of django.request) to the next record."""
    log = server.log()
    start = log.index(status_line)
    following = log.find(" django.", start + len(status_line))
    return log[start : following if following > 0 else None]


UNREACHABLE = {
    "postgresql": lambda tmp_path: f"postgres://postgres@127.0.0.1:{free_port()}/x",
    "sqlite": lambda tmp_path: f"sqlite:///{tmp_path}/no-such-directory/db.sqlite3",
}


@pytest.fixture(scope="class", params=sorted(UNREACHABLE))
def without_database(request, static_root, tmp_path_factory):
    """The project served with production settings and a database that does not answer, for the tests of a class."""
    database = UNREACHABLE[request.param](tmp_path_factory.mktemp("no-database"))
    with serving(STATIC_ROOT=static_root, DATABASE_URL=database) as server:
        yield server


class TestDatabaseDown:
    @pytest.mark.parametrize(
        "url", [API_LIST, f"{API_LIST}?q=gut", SEED_API, "/api/v1/products/glow/", "/api/v1/ingredients/"]
    )
    def test_the_api_answers_503_problems_with_retry_after(self, without_database, url):
        answer = without_database.get(url)
        assert is_problem(answer, 503), (answer.status, answer.headers, answer.body)
        assert answer.headers["Retry-After"] == "30"
        assert answer.json()["detail"] == "The database is unreachable: try again shortly."

    def test_an_error_raised_in_middleware_under_the_api_is_a_problem_too(self, without_database):
        """No endpoint answers /api/v1/nothing/: a 404, which Wagtail's redirect middleware then looks up in the
        database. That fails in the middleware, outside the API's own handlers: handler500 answers, in the API's
        format."""
        answer = without_database.get("/api/v1/nothing/")
        assert is_problem(answer, 503), (answer.status, answer.headers, answer.body)
        assert answer.headers["Retry-After"] == "30"
        logged = logged_errors(without_database, "ERROR django.request: Service Unavailable: /api/v1/nothing/")
        assert "wagtail/contrib/redirects/middleware.py" in logged

    @pytest.mark.parametrize("url", ["/", "/insights/", SEED_PAGE, "/sitemap.xml", "/no-such-page/"])
    def test_reader_pages_are_the_styled_503_page(self, without_database, url):
        answer = without_database.get(url)
        assert is_styled_page(answer, 503, "We will be back shortly"), (answer.status, answer.headers, answer.body)
        assert answer.headers["Retry-After"] == "30"

    def test_health_is_a_503_problem_naming_the_database(self, without_database):
        answer = without_database.get(HEALTH)
        assert is_problem(answer, 503)
        assert answer.json()["detail"] == "The database is unreachable."
        assert answer.headers["Cache-Control"] == "no-store"

    @pytest.mark.parametrize("url", [API_LIST, SEED_PAGE])
    def test_each_failure_is_logged_with_its_traceback(self, without_database, url):
        without_database.get(url)
        logged = logged_errors(without_database, f"ERROR django.request: Service Unavailable: {url}")
        assert "Traceback (most recent call last):" in logged
        assert "django.db.utils.OperationalError" in logged


# A paragraph whose value is an object: a row no editor can save (the block library refuses it), as a faulty
# migration or a hand-edited database leaves one behind. Reading it is a genuine server error.
CORRUPT_BODY = json.dumps([{"type": "paragraph", "value": {"html": 1}, "id": "corrupt"}])
CORRUPT = (
    "from django.db import connection\n"
    f"connection.cursor().execute('UPDATE insights_insightpage SET body = %s', [{CORRUPT_BODY!r}])\n"
)


@pytest.fixture(scope="class")
def corrupted(scratch_databases, static_root, tmp_path_factory):
    """The seeded site served with production settings, the seed article's body corrupted in the database."""
    database = scratch_databases.copy()
    manage(production_env(DATABASE_URL=database), "shell", "--no-imports", "-c", CORRUPT)
    media = tmp_path_factory.mktemp("media")
    with serving(STATIC_ROOT=static_root, MEDIA_ROOT=media, DATABASE_URL=database) as server:
        yield server


class TestServerError:
    def test_the_api_answers_a_500_problem_and_logs_the_traceback(self, corrupted):
        answer = corrupted.get(SEED_API)
        assert is_problem(answer, 500), (answer.status, answer.headers, answer.body)
        assert answer.json()["detail"] == "Something went wrong on our side; it has been logged."
        logged = logged_errors(corrupted, f"ERROR django.request: Internal Server Error: {SEED_API}")
        assert "Traceback (most recent call last):" in logged

    def test_the_page_is_the_500_page_and_the_traceback_is_logged(self, corrupted):
        answer = corrupted.get(SEED_PAGE)
        assert is_styled_page(answer, 500, "Something went wrong"), (answer.status, answer.body)
        assert "The error has been logged" in answer.text
        logged = logged_errors(corrupted, f"ERROR django.request: Internal Server Error: {SEED_PAGE}")
        assert "Traceback (most recent call last):" in logged

    @pytest.mark.parametrize("url", ["/", "/insights/", API_LIST, "/api/v1/products/glow/"])
    def test_what_does_not_read_the_corrupt_row_is_still_served(self, corrupted, url):
        assert corrupted.get(url).status == 200


@pytest.fixture(scope="class")
def seeded_server(scratch_databases, static_root, tmp_path_factory):
    """The seeded site served with production settings."""
    media = tmp_path_factory.mktemp("media")
    with serving(STATIC_ROOT=static_root, MEDIA_ROOT=media, DATABASE_URL=scratch_databases.copy()) as server:
        yield server


class TestHttpInProduction:
    """What the WSGI server really sends: bodies, lengths and the pages of handler400/404."""

    @pytest.mark.parametrize("url", [API_LIST, SEED_API, "/api/v1/products/glow/", "/api/v1/ingredients/", HEALTH])
    def test_head_answers_as_get_without_a_body(self, seeded_server, url):
        get = seeded_server.get(url)
        head = seeded_server.request(url, method="HEAD")
        assert get.status == head.status == 200
        assert head.body == b""
        for header in ("Content-Type", "Content-Length", "ETag", "Cache-Control"):
            assert head.headers[header] == get.headers[header], header
        if get.headers["ETag"]:
            not_modified = seeded_server.request(url, method="HEAD", headers={"If-None-Match": get.headers["ETag"]})
            assert (not_modified.status, not_modified.body) == (304, b"")

    @pytest.mark.parametrize("url", ["/api/v1/nothing", "/api/v1/nothing/", "/api/nothing", "/api/"])
    def test_an_unknown_api_address_is_a_404_problem(self, seeded_server, url):
        assert is_problem(seeded_server.get(url), 404)

    def test_an_endpoint_without_its_slash_is_redirected_to_it(self, seeded_server):
        answer = seeded_server.get("/api/v1/insights")
        assert (answer.status, answer.headers["Location"]) == (301, API_LIST)

    @pytest.mark.parametrize("url", ["/insights/%00/", "/insights/?tag=%00", f"{SEED_PAGE}?x%00=1"])
    def test_a_nul_byte_in_a_page_address_is_the_styled_400_page(self, seeded_server, url):
        assert is_styled_page(seeded_server.get(url), 400, "Bad request")

    def test_a_nul_byte_in_an_api_parameter_is_a_422_naming_it(self, seeded_server):
        answer = seeded_server.get(f"{API_LIST}?tag=%00")
        assert is_problem(answer, 422)
        assert "tag" in answer.json()["errors"][0]["loc"]

    def test_an_unknown_host_is_a_400_problem_under_the_api_and_the_400_page_elsewhere(self, seeded_server):
        answer = seeded_server.get(API_LIST, Host="elsewhere.example")
        assert is_problem(answer, 400)
        assert "ALLOWED_HOSTS" not in answer.text and "elsewhere" not in answer.text
        assert is_styled_page(seeded_server.get(SEED_PAGE, Host="elsewhere.example"), 400, "Bad request")


def test_the_suite_caches_in_redis_when_redis_url_is_set(settings):
    """CI runs the suite a second time with REDIS_URL: the test settings must then really use it."""
    redis_url = os.environ.get("REDIS_URL")
    cache = settings.CACHES["default"]
    if redis_url:
        assert (cache["BACKEND"], cache["LOCATION"]) == ("django_redis.cache.RedisCache", redis_url)
    else:
        assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


NUL_PARAMETERS = [
    (API_LIST, "tag"),
    (API_LIST, "product"),
    (API_LIST, "ingredient"),
    (API_LIST, "q"),
    (API_LIST, "ordering"),
    (API_LIST, "limit"),
    (API_LIST, "offset"),
    ("/api/v1/products/", "tag"),
    ("/api/v1/products/", "ingredient"),
    ("/api/v1/products/", "claim"),
    ("/api/v1/products/", "limit"),
]


@pytest.mark.django_db
class TestApiErrorsInProcess:
    @pytest.mark.parametrize("url, parameter", NUL_PARAMETERS)
    def test_a_nul_byte_in_any_api_parameter_is_a_422_naming_it(self, client, seeded, url, parameter):
        response = client.get(f"{url}?{parameter}=a%00b")
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"
        assert parameter in response.json()["errors"][0]["loc"]

    def test_a_nul_byte_in_a_preview_token_is_a_403_problem(self, client, seeded):
        response = client.get("/api/v1/preview/insights/?token=a%00b")
        assert (response.status_code, response["Content-Type"]) == (403, "application/problem+json")

    def test_a_bug_in_a_middleware_under_the_api_is_a_logged_500_problem(self, seeded, monkeypatch, caplog):
        """No genuine bug raises in the project's middleware to provoke, so one is planted: handler500 (not the API's
        own handlers, which only see errors raised in its views) must still answer problem+json, and log it."""

        def bug(*args, **kwargs):
            raise RuntimeError("a bug in a middleware")

        monkeypatch.setattr("cms.core.middleware.patch_cache_control", bug)
        with logged("django.request", caplog) as records:
            response = Client(raise_request_exception=False).get(API_LIST)
        assert (response.status_code, response["Content-Type"]) == (500, "application/problem+json")
        assert response.json()["detail"] == "Something went wrong on our side; it has been logged."
        assert [record.getMessage() for record in records] == [f"Internal Server Error: {API_LIST}"]
        assert records[0].exc_info[1].args == ("a bug in a middleware",)


# A publish per word: the seed article's title becomes "Gut and skin, <word> edition".
EDITIONS = ["amber", "birch", "cedar", "dune"]

CACHE_SETUPS = {
    "no REDIS_URL": lambda redis_url: {},
    "REDIS_URL (response cache on)": lambda redis_url: {"REDIS_URL": redis_url},
    "response cache asked for without REDIS_URL": lambda redis_url: {"API_RESPONSE_CACHE_SECONDS": "60"},
}


@pytest.fixture
def servers_redis(redis_server):
    """A database of the session's Redis for the servers a test starts, emptied first (the in-process tests use 0)."""
    if redis_server.process is None:
        redis_server.start()
    url = f"redis://127.0.0.1:{redis_server.port}/1"
    with redis.Redis.from_url(url) as client:
        client.flushdb()
    return url


def titles(answer):
    return [item["title"] for item in answer.json()["items"]]


def reads(server, word, previous):
    """What a reader of `server` gets for the seed article, where a publish must show."""
    return {
        "list": titles(server.get(API_LIST))[0],
        "detail": server.get(SEED_API).json()["title"],
        "search 'edition'": titles(server.get(f"{API_LIST}?q=edition")),
        f"search {word!r}": titles(server.get(f"{API_LIST}?q={word}")),
        f"search {previous!r}": titles(server.get(f"{API_LIST}?q={previous}")),
        "index page lists it": f"{word} edition" in server.get("/insights/").text,
    }


def fresh(title, word, previous):
    """`reads` once `title` (with `word` in it, replacing `previous`) is published."""
    return {
        "list": title,
        "detail": title,
        "search 'edition'": [title],
        f"search {word!r}": [title],
        f"search {previous!r}": [],
        "index page lists it": True,
    }


class TestStaleReads:
    @pytest.mark.parametrize("setup", list(CACHE_SETUPS))
    def test_two_servers_on_one_database_show_a_publish_on_the_next_request(
        self, setup, scratch_databases, serve, editor, servers_redis
    ):
        variables = {"DATABASE_URL": scratch_databases.copy(), **CACHE_SETUPS[setup](servers_redis)}
        servers = [serve(**variables), serve(**variables)]
        publisher = editor(**variables)
        stale, read = [], 0
        for previous, word in zip(["nothing", *EDITIONS], EDITIONS, strict=False):
            for server in servers:
                reads(server, word, previous)  # both servers warm: their caches (if any) hold every answer
            title = f"Gut and skin, {word} edition"
            publisher.publish(SEED, title)
            for number, server in enumerate(servers):
                answers, expected = reads(server, word, previous), fresh(title, word, previous)
                stale += [(number, what, answers[what]) for what in expected if answers[what] != expected[what]]
                read += len(expected)
        assert read == 48
        assert stale == [], f"{len(stale)} stale reads of {read}"
        self.check_the_response_cache(setup, servers, servers_redis)

    @staticmethod
    def check_the_response_cache(setup, servers, redis_url):
        """On with REDIS_URL (its entries are in Redis); off without, and said so when asked for."""
        with redis.Redis.from_url(redis_url) as client:
            entries = client.keys("*response-cache:*")
        assert bool(entries) == (setup == "REDIS_URL (response cache on)")
        warned = ["The API response cache is off" in server.log() for server in servers]
        assert warned == [setup == "response cache asked for without REDIS_URL"] * 2
