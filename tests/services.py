"""Real services the tests start and stop themselves.

- `RedisServer`: a throwaway Redis on a spare loopback port; fault tests stop it, hang it and start it again.
- `DjangoServer`: the project served in a subprocess with production settings (cms.wsgi, the standard library's
  WSGI server) on a spare port, with the environment a test gives it: no database, a broken one, two servers on
  one database, with or without Redis.
- `Editor`: a process that publishes changes to a database, as the admin does while servers read it.
- `ScratchDatabases`: a database migrated and seeded once, and copies of it that tests may change (SQLite files,
  or PostgreSQL databases on the server the suite uses).

Fault tests break these on purpose instead of mocking a client.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# What a subprocess inherits from the test run; everything else (DATABASE_URL, REDIS_URL...) it is given.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def end(process, timeout=10):
    """Terminate `process` and wait for it; kill it if it does not go."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(port, timeout=10.0, process=None):
    """Until something accepts connections on `port`; fails at once if `process` (the one meant to) exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process meant to listen on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    """`redis-server` on a free port, keeping nothing on disk. `stop()` and `start()` again on the same port."""

    def __init__(self):
        if not Path(REDIS_SERVER).exists():
            raise RuntimeError("redis-server is not installed (Debian's redis-server package)")
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="test-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", self.dir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)
        return self

    def stop(self):
        if self.process is not None:
            end(self.process)
            self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(**variables):
    """The environment of a production process (cms.settings.production), with `variables` (DATABASE_URL, ...)."""
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="test-only-secret-key-for-servers-the-tests-start",
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    env.update({name: str(value) for name, value in variables.items()})
    return env


def manage(env, *args, timeout=600):
    """`manage.py *args` in a subprocess with `env`; its standard output. Raises with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} exited with {result.returncode}:\n{result.stdout}{result.stderr}"
        )
    return result.stdout


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


class DjangoServer:
    """The project as production serves it (cms.wsgi) with the standard library's WSGI server, in a subprocess on a
    free loopback port. Its standard output and error (Django's log) go to a file: `log()`."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.log_path = Path(tempfile.mkstemp(prefix="test-server-", suffix=".log")[1])
        self.process = None

    def start(self, timeout=60):
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.services", "serve", str(self.port)],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_port(self.port, timeout, self.process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{self.log()}") from error
        return self

    def request(self, path, method="GET", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, headers={"Host": "127.0.0.1", **(headers or {})})
            return Answer(connection.getresponse())
        finally:
            connection.close()

    def get(self, path, **headers):
        return self.request(path, headers=headers)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process is not None:
            end(self.process)
            self.process = None

    def close(self):
        self.stop()
        self.log_path.unlink(missing_ok=True)


@contextmanager
def serving(**variables):
    """A started `DjangoServer` with production settings and `variables`, stopped when the block ends."""
    server = DjangoServer(production_env(**variables))
    try:
        yield server.start()
    finally:
        server.close()


class Editor:
    """A process that publishes new titles for insights on request (`publish`), as an editor in the admin does:
    a revision, published; the response caches learn of it as they would from the admin (same REDIS_URL)."""

    def __init__(self, env):
        self.log_path = Path(tempfile.mkstemp(prefix="test-editor-", suffix=".log")[1])
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.services", "edit"],
                cwd=BASE_DIR,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )

    def publish(self, slug, title):
        self.process.stdin.write(f"{slug}\t{title}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if answer != "published\n":
            raise RuntimeError(f"the editor did not publish {title!r}: {answer!r}\n{self.log_path.read_text()}")

    def close(self):
        self.process.stdin.close()  # the end of its input: it exits
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.returncode is None:
                end(self.process)
            self.log_path.unlink(missing_ok=True)


class ScratchDatabases:
    """A database of the suite's kind (SQLite, or PostgreSQL at `postgres_url`'s server), migrated and seeded once
    (`manage.py migrate`, `load_seed`), and copies of it for tests that change it or serve it. `close()` drops them.
    """

    def __init__(self, postgres_url=None):
        self.dir = Path(tempfile.mkdtemp(prefix="test-scratch-"))
        self.postgres_url = postgres_url
        self.copies = []
        if postgres_url:
            self.name = "test_" + urlsplit(postgres_url).path.lstrip("/") + "_served"
            self.url = self._postgres_url(self.name)
        else:
            self.url = f"sqlite:///{self.dir / 'served.sqlite3'}"

    def prepare(self, env):
        if self.postgres_url:
            self._postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', f'CREATE DATABASE "{self.name}"')
        env = {**env, "DATABASE_URL": self.url}
        manage(env, "migrate", "--no-input")
        manage(env, "load_seed")

    def copy(self):
        """The URL of a new copy of the seeded database."""
        number = len(self.copies) + 1
        if self.postgres_url:
            name = f"{self.name}_{number}"
            self._postgres(
                f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"'
            )
            self.copies.append(name)
            return self._postgres_url(name)
        path = self.dir / f"copy-{number}.sqlite3"
        shutil.copyfile(self.dir / "served.sqlite3", path)
        self.copies.append(path)
        return f"sqlite:///{path}"

    def close(self):
        if self.postgres_url:
            names = [*reversed(self.copies), self.name]
            self._postgres(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names))
        shutil.rmtree(self.dir, ignore_errors=True)

    def _postgres_url(self, name):
        return urlunsplit(urlsplit(self.postgres_url)._replace(path=f"/{name}"))

    def _postgres(self, *statements):
        import psycopg

        with psycopg.connect(self._postgres_url("postgres"), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)


def serve(port):
    """The server subprocess: cms.wsgi's application, as production loads it, on 127.0.0.1:`port`."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from cms.wsgi import application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            pass  # the access log; errors are Django's to log

    make_server("127.0.0.1", port, application, handler_class=QuietHandler).serve_forever()


def edit():
    """The editor subprocess: for each line `slug<TAB>title` read, that insight's title published; says `published`."""
    import django

    django.setup()
    from insights.models import InsightPage

    for line in sys.stdin:
        slug, title = line.rstrip("\n").split("\t")
        page = InsightPage.objects.get(slug=slug)
        page.title = title
        page.save_revision().publish()
        print("published", flush=True)


if __name__ == "__main__":
    {"serve": lambda: serve(int(sys.argv[2])), "edit": edit}[sys.argv[1]]()
