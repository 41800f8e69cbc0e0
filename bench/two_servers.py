"""Two application servers in front of one PostgreSQL (issue 21): what is shared, proved through
a round-robin reverse proxy, and what a second server adds under a small load.

    DATABASE_URL=postgres://… python bench/two_servers.py [--load-seconds 12] [--clients 6]
                                                          [--workers 2] [--no-load]

Against the (throwaway) database of DATABASE_URL: migrate, createcachetable, collectstatic,
one national viewer account; then two gunicorn instances with the production settings and
SHARED_CACHE=database on two free loopback ports (two workers each), and the small proxy below
in front of them. Through the proxy it checks that

  (a) a session logged in through one server is valid on the other (the cookie sent to each
      server directly), and logging out on one ends it on both;
  (b) the story form's rate limit counts across both servers: 6 stories from one address, the
      proxy sending them to the servers in turn, the 6th refused with the Dutch message;
  (b2) 8 stories sent at the same moment from one address: no more than 5 stored;
  (c) with the default per-process cache the limit is not shared: one address gets more than 5;

and then measures the anonymous story form (opened, and opened and sent) through the proxy,
served by one server and by two: pages a second and CPU per page of the servers, the proxy,
PostgreSQL (the backends of this database only; the server may be shared) and the load
generator. About 95 seconds; exits non-zero when a check fails. Every process it starts is
stopped on exit, also on Ctrl-C or SIGTERM.

The proxy is Python's standard library, not nginx: it needs no root and no package, it runs in a
process of its own whose CPU is counted apart, and what it does is in plain sight: one upstream
connection per request, the next server in turn, the peer's address appended to
X-Forwarded-For (TRUSTED_PROXY_HOPS=1 reads that entry), and an X-Served-By header naming the
server. The client sends from a random 127.x.y.z address of its own for each check, so the
counters of an earlier run (kept in the database for 10 minutes) never meet this one's.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_cpu import TICKS, cpu_seconds, process_stat  # noqa: E402

PY = sys.executable
OUT = ROOT / "var" / "two-servers"
VIEWER = "two-servers-viewer"
PASSWORD = "two-servers-only-" + secrets.token_hex(8)  # reset on every run
REFUSED = "Er zijn net veel verhalen vanaf deze verbinding verstuurd"
STORY = (
    "We wachtten maanden op hulp. Toen kwam de wijkcoach en die nam ons serieus; "
    "sindsdien weten we wie we kunnen bellen."
)
SIGNED_IN = 'action="/uitloggen/"'  # the log-out button of the page header
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}


# --- The proxy (run as `two_servers.py proxy PORT BACKEND_PORT...`) ---------------------------


def serve_proxy(port: int, backends: Sequence[int]) -> None:
    turn = itertools.cycle(backends)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive towards the client

        def _forward(self) -> None:
            with lock:
                backend = next(turn)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            forwarded = self.headers.get("X-Forwarded-For")
            peer = self.client_address[0]
            headers["X-Forwarded-For"] = f"{forwarded}, {peer}" if forwarded else peer
            headers["Connection"] = "close"
            upstream = http.client.HTTPConnection("127.0.0.1", backend, timeout=60)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                content = response.read()
            except OSError as error:
                self.send_error(502, f"server {backend}: {error}")
                return
            finally:
                upstream.close()
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.send_header("X-Served-By", str(backend))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the figures are what matters

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128

    Server(("127.0.0.1", port), Handler).serve_forever()


# --- Processes -------------------------------------------------------------------------------

_started: list[subprocess.Popen[bytes]] = []


def start(command: list[str], log: Path, **env: str) -> subprocess.Popen[bytes]:
    """Start a process in a session of its own (so its workers can be stopped with it)."""
    with log.open("ab") as handle:
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _started.append(process)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this script started, and its children, by its process group."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process in _started:
        _started.remove(process)


def stop_all() -> None:
    for process in list(reversed(_started)):
        stop(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"process on port {port} stopped; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port} after 90 s; see {log}")


def gunicorn(name: str, workers: int, shared: bool) -> tuple[int, subprocess.Popen[bytes]]:
    port = free_port()
    log = OUT / f"{name}.log"
    command = [
        str(Path(PY).parent / "gunicorn"),
        "elkedagbeter.wsgi:application",
        "--config",
        "bench/gunicorn_load.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    process = start(command, log, SHARED_CACHE="database" if shared else "")
    return port, process


def proxy(backends: Sequence[int]) -> tuple[int, subprocess.Popen[bytes]]:
    port = free_port()
    command = [PY, __file__, "proxy", str(port), *map(str, backends)]
    return port, start(command, OUT / "proxy.log")


class Farm:
    """Some gunicorn instances and the proxy in front of them, up and warm."""

    def __init__(self, servers: int, workers: int, shared: bool) -> None:
        started = [gunicorn(f"server-{n + 1}", workers, shared) for n in range(servers)]
        self.backends = [port for port, _ in started]
        self.servers = [process for _, process in started]
        self.port, self.proxy = proxy(self.backends)
        for port, process in [*started, (self.port, self.proxy)]:
            wait_until_up(port, process, OUT / "server.log")
        # Each server (and each of its workers) opens the story form once before anything is
        # measured: templates compiled, database connections open.
        for backend in self.backends:
            for _ in range(workers * 2):
                status, _, _ = Client(backend).get("/verhalen/delen/")
                assert status == 200, f"server {backend} answered {status}"

    def close(self) -> None:
        for process in [self.proxy, *self.servers]:
            stop(process)


# --- A small HTTP client with cookies and a source address of its own -----------------------


class Client:
    def __init__(self, port: int, source: str = "127.0.0.1") -> None:
        self.port = port
        self.source = source
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, port: int | None = None
    ) -> tuple[int, http.client.HTTPResponse, str]:
        headers = {"Host": f"127.0.0.1:{port or self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if port is not None:  # straight to one server, past the proxy
            connection = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=60, source_address=(self.source, 0)
            )
        else:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
                )
            connection = self.connection
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except (http.client.RemoteDisconnected, ConnectionResetError):
            self.close()
            raise
        finally:
            if port is not None:
                connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(value)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return response.status, response, text

    def get(self, path: str, port: int | None = None) -> tuple[int, http.client.HTTPResponse, str]:
        return self.request("GET", path, port=port)

    def post(
        self, path: str, form: dict[str, str], port: int | None = None
    ) -> tuple[int, http.client.HTTPResponse, str]:
        return self.request("POST", path, form, port=port)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def csrf_token(html: str) -> str:
    found = CSRF.search(html)
    if found is None:
        raise SystemExit("no CSRF token on the page")
    return found.group(1)


def fresh_address() -> str:
    """A loopback address of its own (all of 127.0.0.0/8 is loopback on Linux)."""
    parts = (random.randint(1, 254) for _ in range(3))  # noqa: S311 - not a secret
    return "127." + ".".join(map(str, parts))


# --- The checks ------------------------------------------------------------------------------


def check_session(farm: Farm) -> bool:
    client = Client(farm.port)
    _, page, html = client.get("/inloggen/")
    first = page.headers["X-Served-By"]
    fields = {"csrfmiddlewaretoken": csrf_token(html), "username": VIEWER, "password": PASSWORD}
    status, answer, _ = client.post("/inloggen/", fields)
    second = answer.headers["X-Served-By"]
    print(f"  login page from server {first}, password posted to server {second}: HTTP {status}")
    ok = status == 302 and "sessionid" in client.cookies
    for backend in farm.backends:
        status, _, html = client.get("/", port=backend)
        signed_in = status == 200 and SIGNED_IN in html
        state = "signed in" if signed_in else "NOT signed in"
        print(f"  the session cookie, straight to server {backend}: HTTP {status}, {state}")
        ok = ok and signed_in
    _, answer, html = client.get("/")
    status, answer, _ = client.post("/uitloggen/", {"csrfmiddlewaretoken": csrf_token(html)})
    print(f"  logged out through server {answer.headers['X-Served-By']}: HTTP {status}")
    for backend in farm.backends:
        status, _, html = client.get("/", port=backend)
        signed_in = SIGNED_IN in html
        state = "still signed in" if signed_in else "signed out"
        print(f"  the same cookie, straight to server {backend}: HTTP {status}, {state}")
        ok = ok and not signed_in
    return ok


def story_form(token: str, n: int) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": token,
        "title": f"Eindelijk iemand die luisterde ({n})",
        "text": STORY,
        "narrator_role": "ouder",
        "consent_learning": "on",
        "website": "",
    }


def send_stories(farm: Farm, count: int, at_once: bool = False) -> list[tuple[str, int, bool]]:
    """``count`` stories from one fresh address through the proxy, the form's CSRF token taken
    once so that the posts themselves alternate between the servers; ``at_once``: all sent at
    the same moment, each on a connection of its own."""
    first = Client(farm.port, source=fresh_address())
    _, _, html = first.get("/verhalen/delen/")
    token = csrf_token(html)
    sent: list[tuple[str, int, bool]] = []
    go = threading.Barrier(count if at_once else 1)

    def send(n: int) -> None:
        client = Client(farm.port, source=first.source)
        client.cookies = dict(first.cookies)
        go.wait()
        status, answer, html = client.post("/verhalen/delen/", story_form(token, n))
        sent.append((answer.headers["X-Served-By"], status, REFUSED in html))

    if at_once:
        threads = [threading.Thread(target=send, args=(n,)) for n in range(1, count + 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        for n in range(1, count + 1):
            send(n)
    print(f"  from address {first.source}{', all at once' if at_once else ''}:")
    for n, (server, status, refused) in enumerate(sent, start=1):
        outcome = "refused: «" + REFUSED + " …»" if refused else "stored"
        print(f"    story {n:2d} → server {server}: HTTP {status}, {outcome}")
    return sent


# --- The load --------------------------------------------------------------------------------


def database_cpu() -> float:
    """CPU seconds of the PostgreSQL backends connected to this database (not the others)."""
    import psycopg

    total = 0
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    for (pid,) in rows:
        try:
            fields = process_stat(pid)
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def load(farm: Farm, clients: int, seconds: float, send: bool) -> dict[str, float]:
    """``clients`` visitors one after the other without pause, for ``seconds``, through the
    proxy: opening the story form, or (``send``) opening it and sending a story, each story from
    an address of its own (the limit stays on and refuses none). Counts pages, or stories."""
    done: list[int] = []
    failed: list[int] = []
    reasons: list[str] = []
    stop_at = time.monotonic() + seconds

    def one(client: Client) -> bool:
        status, _, html = client.get("/verhalen/delen/")
        if not send:
            return status == 200 and "csrfmiddlewaretoken" in html
        form = story_form(csrf_token(html), 0)
        status, _, html = client.post("/verhalen/delen/", form)
        client.close()
        if status == 200 and 'id="withdrawal-code"' in html:
            return True
        reasons.append(f"HTTP {status} " + " ".join(html.split())[:300])
        return False

    def visitor() -> None:
        client = Client(farm.port)
        count = errors = 0
        while time.monotonic() < stop_at:
            if send:
                client = Client(farm.port, source=fresh_address())
            try:
                ok = one(client)
            except (OSError, http.client.HTTPException) as error:
                client.close()
                reasons.append(repr(error))
                ok = False
            count, errors = count + ok, errors + (not ok)
        done.append(count)
        failed.append(errors)

    servers = [cpu_seconds(process.pid) for process in farm.servers]
    proxy_before, database_before = cpu_seconds(farm.proxy.pid), database_cpu()
    own_before, started = time.process_time(), time.monotonic()
    threads = [threading.Thread(target=visitor) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    requests = sum(done)
    for reason in reasons[:3]:
        print(f"  failed: {reason}")
    return {
        "requests": requests,
        "errors": sum(failed),
        "seconds": wall,
        "per_second": requests / wall,
        "servers": sum(
            cpu_seconds(p.pid) - before for p, before in zip(farm.servers, servers, strict=True)
        ),
        "proxy": cpu_seconds(farm.proxy.pid) - proxy_before,
        "database": database_cpu() - database_before,
        "client": time.process_time() - own_before,
    }


def report_load(label: str, figures: dict[str, float]) -> None:
    per = 1000 / max(figures["requests"], 1)
    print(
        f"  {label:<30} {figures['requests']:6.0f} {figures['per_second']:6.1f}"
        f" {figures['servers']:6.1f} {figures['servers'] * per:8.1f}"
        f" {figures['database'] * per:8.1f} {figures['proxy'] * per:6.1f}"
        f" {figures['client'] * per:6.1f} {figures['errors']:6.0f}"
    )


# --- Set-up ----------------------------------------------------------------------------------


def environment() -> None:
    """The production settings with what a loopback server without TLS needs (scripts/load.sh)."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a throwaway PostgreSQL database.")
    defaults = {
        "DJANGO_SETTINGS_MODULE": "elkedagbeter.settings.production",
        "SECRET_KEY": "two-servers-only-not-secret-" + "k" * 40,
        "PSEUDONYM_SECRET": "two-servers-only-pseudonym-secret-" + "p" * 32,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "TRUSTED_PROXY_HOPS": "1",
        "STATIC_ROOT": str(OUT / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    os.environ["STORY_RATE_LIMIT"], os.environ["STORY_RATE_WINDOW_SECONDS"] = "5", "600"


def prepare() -> None:
    manage = [PY, "manage.py"]
    shared = {**os.environ, "SHARED_CACHE": "database"}
    for step in (["migrate", "--verbosity", "0"], ["createcachetable"]):
        subprocess.run([*manage, *step], cwd=ROOT, env=shared, check=True)  # noqa: S603
    static = [*manage, "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(static, cwd=ROOT, check=True)  # noqa: S603
    account = f"""
from django.contrib.auth.hashers import make_password
from elkedagbeter.accounts.models import User
from elkedagbeter.organisations.models import Membership, Role
user, made = User.objects.get_or_create(username={VIEWER!r}, defaults={{"first_name": "Twee"}})
user.password = make_password({PASSWORD!r})
user.save()
if made:
    Membership.objects.create(user=user, role=Role.VIEWER)
"""
    subprocess.run([*manage, "shell", "-c", account], cwd=ROOT, check=True)  # noqa: S603


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load-seconds", type=float, default=12)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--no-load", action="store_true", help="only the three checks")
    options = parser.parse_args(argv)
    environment()
    OUT.mkdir(parents=True, exist_ok=True)
    for log in OUT.glob("*.log"):
        log.unlink()
    begun = time.monotonic()
    prepare()
    results: dict[str, bool] = {}

    print("== Two servers, SHARED_CACHE=database, behind a round-robin proxy ==")
    farm = Farm(servers=2, workers=2, shared=True)
    print(
        f"  servers on ports {farm.backends[0]} and {farm.backends[1]} (2 workers each),"
        f" proxy on {farm.port}"
    )
    print("(a) a session logged in through one server is valid on the other")
    results["(a) sessions shared"] = check_session(farm)
    print("(b) the story rate limit (5 per address per 10 minutes) counts across both servers")
    sent = send_stories(farm, 6)
    stored = sum(not refused for _, _, refused in sent)
    results["(b) rate limit shared"] = (
        stored == 5 and sent[-1][1] == 429 and sent[-1][2] and len({s for s, _, _ in sent}) == 2
    )
    print("(b2) 8 stories sent at the same moment from one address: still no more than 5 stored")
    sent = send_stories(farm, 8, at_once=True)
    stored = sum(not refused for _, _, refused in sent)
    print(f"  {stored} of 8 stored")
    results["(b2) rate limit holds for a burst"] = stored <= 5
    farm.close()

    print("== The contrast: the same two servers with the default per-process cache ==")
    farm = Farm(servers=2, workers=2, shared=False)
    print("(c) each worker process counts on its own: one address gets past the limit of 5")
    sent = send_stories(farm, 12)
    stored = sum(not refused for _, _, refused in sent)
    print(f"  {stored} of 12 stored from one address (5 per process, 4 processes: up to 20)")
    results["(c) per-process cache is not shared"] = stored > 5
    farm.close()

    if not options.no_load:
        print(
            f"== Load: {options.clients} clients without pause, {options.load_seconds:.0f} s"
            f" per row, {options.workers} workers per server, SHARED_CACHE=database =="
        )
        print(
            "  CPU ms per page (per story: the form and its post); servers = every gunicorn"
            " process,\n  database = the PostgreSQL backends of this database, client = this"
            " script's load threads"
        )
        print(
            f"  {'':<30} {'done':>6} {'per s':>6} {'CPU s':>6} {'servers':>8}"
            f" {'database':>8} {'proxy':>6} {'client':>6} {'errors':>6}"
        )
        for servers in (1, 2):
            farm = Farm(servers=servers, workers=options.workers, shared=True)
            where = f"{servers} server{'s' if servers > 1 else ''}"
            for send in (False, True):
                figures = load(farm, options.clients, options.load_seconds, send)
                report_load(f"{'story sent' if send else 'story form'}, {where}", figures)
            farm.close()

    print("== Result ==")
    for name, ok in results.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")
    print(f"  ({time.monotonic() - begun:.0f} s; logs in {OUT.relative_to(ROOT)}/)")
    return 0 if all(results.values()) else 1


def _stop_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    if sys.argv[1:2] == ["proxy"]:
        serve_proxy(int(sys.argv[2]), [int(port) for port in sys.argv[3:]])
    else:
        signal.signal(signal.SIGTERM, _stop_on_signal)
        signal.signal(signal.SIGINT, _stop_on_signal)
        try:
            sys.exit(main(sys.argv[1:]))
        finally:
            stop_all()
