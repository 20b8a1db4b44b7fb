"""Load benchmark: gunicorn with production settings on 127.0.0.1, driven from this process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/icst_bench \\
        .venv/bin/python bench/run.py --cases 1000000 --seed

Seeds (optionally), starts gunicorn on loopback, times each scenario with a bounded
number of requests, runs a mixed read workload with 8 clients for a bounded time,
counts queries per request in-process, measures worker memory, and writes
bench/RESULTS.md. Every loop is bounded in count and in time; the only target is
127.0.0.1.
"""

import argparse
import os
import secrets
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST, PORT = "127.0.0.1", 8765
BASE = f"http://{HOST}:{PORT}"


@dataclass
class Result:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    queries: int | None = None

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def django_setup(settings_module: str = "config.settings.production") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def server_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    return env


def start_gunicorn(workers: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{BASE}/accounts/login/", timeout=2, headers=_proxy_headers())
            return process
        except requests.ConnectionError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not start within 60 s")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def worker_memory_mb(process: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def _proxy_headers() -> dict[str, str]:
    # As behind the TLS-terminating load balancer of docs/deploy.md.
    return {"X-Forwarded-Proto": "https", "Referer": f"https://{HOST}:{PORT}/"}


def signed_in_headers(username: str) -> dict[str, str]:
    """A real session for ``username`` (second factor verified where the role needs it)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session["otp_device_id"] = device.persistent_id
    session.create()
    return {**_proxy_headers(), "Cookie": f"sessionid={session.session_key}"}


def timed(name: str, urls: list[str], headers: dict, *, max_seconds: float = 60) -> Result:
    result = Result(name)
    started = time.monotonic()
    with requests.Session() as http:
        for url in urls:
            if time.monotonic() - started > max_seconds:
                break
            begin = time.perf_counter()
            response = http.get(BASE + url, headers=headers, timeout=30, allow_redirects=False)
            result.latencies_ms.append((time.perf_counter() - begin) * 1000)
            result.errors += response.status_code != 200
    result.seconds = time.monotonic() - started
    return result


def mixed(workload: list[tuple[str, dict]], clients: int, seconds: float, cap: int) -> Result:
    """``clients`` threads sending ``workload`` round-robin until ``seconds`` or ``cap``."""
    result = Result(f"mixed read workload, {clients} clients")
    deadline = time.monotonic() + seconds
    sent = iter(range(cap))

    def client(offset: int) -> None:
        with requests.Session() as http:
            for number in sent:
                if time.monotonic() > deadline:
                    return
                url, headers = workload[(number + offset) % len(workload)]
                begin = time.perf_counter()
                response = http.get(BASE + url, headers=headers, timeout=30, allow_redirects=False)
                result.latencies_ms.append((time.perf_counter() - begin) * 1000)
                result.errors += response.status_code != 200

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    result.seconds = time.monotonic() - started
    return result


def query_count(url: str, username: str) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST)
    client.force_login(get_user_model().objects.get(username=username))
    client.get(url)  # warm: session and membership
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def scenarios(count: int) -> list[tuple[str, str, list[str]]]:
    """(name, username, urls): each scenario's bounded list of requests."""
    from casework.models import Case, Person

    references = list(
        Case.objects.filter(lead_agency__slug="police", is_restricted=False)
        .order_by("-reported_at")
        .values_list("reference", flat=True)[:count]
    )
    people = list(
        Person.objects.filter(participations__case__reference__in=references[:count]).values_list(
            "pk", "family_name"
        )[:count]
    )
    addresses = list(
        Case.objects.filter(reference__in=references[:50]).values_list("address", flat=True)
    )
    pages = [f"/cases/?page={1 + n % 40}" for n in range(count)]
    return [
        ("case list (officer)", "police.officer", pages),
        ("case list (partner)", "council.partner", pages),
        ("case list (manager)", "police.manager", pages),
        ("filtered list", "police.officer",
         [f"/cases/?status=open&case_type=asb&page={1 + n % 5}" for n in range(count)]),
        ("search by reference", "police.officer", [f"/cases/?q={ref}" for ref in references]),
        ("search by person name", "police.officer",
         [f"/cases/?q={name}" for _pk, name in people]),
        ("search by address", "police.officer",
         [f"/cases/?q={address.split(',')[0]}" for address in addresses] * (count // 50 + 1)),
        ("case detail", "police.officer", [f"/cases/{ref}/" for ref in references]),
        ("person page", "police.officer", [f"/people/{pk}/" for pk, _name in people]),
    ]  # fmt: skip


def write_results(results: list[Result], memory: list[float], cases: int, path: Path) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"{cases:,} cases on PostgreSQL; gunicorn with production settings on 127.0.0.1; "
        f"{os.cpu_count()} cores. Produced by `bench/run.py`.",
        "",
        "| Scenario | Requests | p50 ms | p95 ms | p99 ms | req/s | Errors | Queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {len(r.latencies_ms)} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.pct(99):.1f} | {r.throughput:.0f} | {r.errors} | "
            f"{'' if r.queries is None else r.queries} |"
        )
    lines += ["", f"Worker memory (RSS, MB): {', '.join(f'{m:.0f}' for m in memory)}", ""]
    path.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", action="store_true", help="migrate and load --cases first")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200, help="per scenario (bounded)")
    parser.add_argument("--mixed-seconds", type=float, default=30)
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    env = server_environment()
    os.environ.update({k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"})
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("warning: DATABASE_URL is not PostgreSQL; figures will not be comparable")
    if args.seed:
        manage = [str(ROOT / ".venv/bin/python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "seed_demo", "--cases", str(args.cases)], cwd=ROOT, env=env,
                       check=True)  # fmt: skip
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    django_setup()
    plan = scenarios(args.requests)
    headers = {username: signed_in_headers(username) for _name, username, _urls in plan}
    server = start_gunicorn(args.workers, env)
    try:
        results = []
        for name, username, urls in plan:
            timed(name, urls[:5], headers[username])  # warm-up, not counted
            result = timed(name, urls[: args.requests], headers[username])
            result.queries = query_count(urls[0], username)
            results.append(result)
            print(f"{name}: p50 {result.pct(50):.1f} ms, p95 {result.pct(95):.1f} ms")
        workload = [(url, headers[user]) for _n, user, urls in plan for url in urls[:20]]
        results.append(mixed(workload, clients=8, seconds=args.mixed_seconds, cap=100_000))
        print(f"mixed: {results[-1].throughput:.0f} req/s, {results[-1].errors} errors")
        memory = worker_memory_mb(server)
    finally:
        stop(server)
    write_results(results, memory, args.cases, Path(args.output))
    print(f"written {args.output}: {statistics.mean(memory):.0f} MB mean worker RSS")


if __name__ == "__main__":
    main()
